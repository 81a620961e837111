"""Who may see and change what (SPEC §5): sign-in configuration, roles and team spaces.

Configured in `.streamlit/secrets.toml` (documented in `secrets.toml.example`):

    [auth]                        # OIDC through st.login: one provider, or [auth.<name>] each
    [access.users."ana@shop.cn"]  # an e-mail address (from the OIDC sign-in) …
    role = "editor"               # viewer: reads; editor: also imports, restores, deletes, SQL
    spaces = ["east"]             # the team spaces it may open; ["*"] for all
    [access.passcodes.east_team]  # … or a team passcode, stored as a salted hash
    hash = "pbkdf2_sha256$…"      # made by `python -m siyu passcode`
    role = "viewer"
    spaces = ["east"]

Without `[auth]` and without passcodes the app is open: everyone is an editor of every space.
Each dataset belongs to one space (dataset meta `space`, `DEFAULT_SPACE` when unset). Nothing
here imports Streamlit; `siyu.web.signin.gate` draws the sign-in.

Wrong passcodes are counted in the workspace (`Throttle`), per client address and overall, so
every session and every replica shares the count; while a wait is running a try is refused
before any hashing. Behind a reverse proxy set `[access] behind_proxy = true` (or
SIYU_BEHIND_PROXY=1) so that the client's address is read from X-Forwarded-For.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import math
import os
import secrets as pysecrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROLES = ("viewer", "editor")
DEFAULT_SPACE = "default"
ALL_SPACES = "*"
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 200_000

# Guessing: free wrong tries per client address, then a wait that doubles with each further
# one (1 s, 2 s, 4 s … at most an hour); an address is forgotten a day after its last try.
FREE_TRIES = 3
MAX_WAIT = 3600.0
FORGET_SECONDS = 24 * 3600
# Overall (every address together): wrong tries in the last ten minutes beyond OVERALL_FREE
# make every address wait, doubling with every 5 more (at most five minutes), so that many
# addresses guessing together are slowed down as well.
OVERALL_WINDOW = 600.0
OVERALL_FREE = 20
OVERALL_MAX_WAIT = 300.0
THROTTLE_FILE = "auth-throttle.json"
MAX_ADDRESSES = 10_000  # addresses remembered (the oldest are dropped first)


class AccessError(Exception):
    """A configuration mistake, reported to the operator at start (message key + params)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Grant:
    """What a signed-in person may do: a role and the spaces they may open (None = all)."""

    who: str
    role: str
    spaces: frozenset[str] | None = None

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"

    def allows(self, space: str | None) -> bool:
        return self.spaces is None or (space or DEFAULT_SPACE) in self.spaces

    def home_space(self) -> str:
        """The space a new dataset of this person goes to (the first one granted)."""
        if self.spaces is None or not self.spaces:
            return DEFAULT_SPACE
        return sorted(self.spaces)[0]


OPEN = Grant(who="", role="editor", spaces=None)


@dataclass(frozen=True)
class Passcode:
    name: str
    hash: str
    grant: Grant


@dataclass
class AccessConfig:
    providers: tuple[str, ...] = ()  # OIDC: () = none, ("",) = the unnamed [auth] provider
    users: dict[str, Grant] = field(default_factory=dict)  # lower-cased e-mail -> grant
    passcodes: tuple[Passcode, ...] = ()
    behind_proxy: bool = False  # the client's address comes from X-Forwarded-For

    @property
    def enabled(self) -> bool:
        return bool(self.providers or self.passcodes)

    def grant_for_email(self, email: str | None) -> Grant | None:
        """The grant of an OIDC-signed-in address; None when it is not listed."""
        if not email:
            return None
        return self.users.get(email.strip().lower())

    def grant_for_passcode(self, code: str) -> Grant | None:
        """The grant of a passcode; every stored hash is checked so timing tells nothing.

        One check at a time per process: guesses that got past the `Throttle` queue for the
        cores instead of holding all of them.
        """
        found = None
        with _HASHING:
            for p in self.passcodes:
                if verify_passcode(code, p.hash) and found is None:
                    found = p.grant
        return found


_HASHING = threading.Lock()


def _grant(who: str, raw: Mapping[str, Any]) -> Grant:
    role = str(raw.get("role", "viewer"))
    if role not in ROLES:
        raise AccessError("access.bad_role", who=who, role=role)
    spaces_raw = raw.get("spaces", [DEFAULT_SPACE])
    if isinstance(spaces_raw, str):
        spaces_raw = [spaces_raw]
    spaces = frozenset(str(s) for s in spaces_raw)
    return Grant(who=who, role=role, spaces=None if ALL_SPACES in spaces else spaces)


def _providers(auth: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not auth:
        return ()
    named = tuple(k for k, v in auth.items() if isinstance(v, Mapping))
    unnamed = ("",) if "client_id" in auth else ()
    return unnamed + tuple(sorted(named))


def config_from(secrets: Mapping[str, Any] | None) -> AccessConfig:
    """Read the sign-in configuration from a secrets mapping (`st.secrets` or a dict)."""
    if not secrets:
        return AccessConfig()
    access = secrets.get("access") or {}
    users = {
        str(email).strip().lower(): _grant(str(email), raw)
        for email, raw in (access.get("users") or {}).items()
    }
    passcodes = []
    for name, raw in (access.get("passcodes") or {}).items():
        stored = str(raw.get("hash", ""))
        if not stored.startswith(HASH_SCHEME + "$"):
            raise AccessError("access.bad_hash", who=name)
        passcodes.append(Passcode(name=str(name), hash=stored, grant=_grant(str(name), raw)))
    proxy = access.get("behind_proxy", os.environ.get("SIYU_BEHIND_PROXY", ""))
    return AccessConfig(
        providers=_providers(secrets.get("auth")),
        users=users,
        passcodes=tuple(passcodes),
        behind_proxy=str(proxy).strip().lower() in ("1", "true", "yes"),
    )


def hash_passcode(
    code: str, *, salt: bytes | None = None, iterations: int = HASH_ITERATIONS
) -> str:
    """A salted PBKDF2-SHA256 hash of a passcode, as stored in the secrets file."""
    salt = salt if salt is not None else pysecrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_passcode(code: str, stored: str) -> bool:
    """Whether `code` matches a stored hash; compared in constant time."""
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != HASH_SCHEME:
            return False
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
        digest = hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest, expected)


def address_wait(failures: int) -> float:
    """Seconds an address waits after its last wrong try, having made `failures` of them."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, 2.0 ** min(failures - FREE_TRIES, 30))


def overall_wait(recent: int) -> float:
    """Seconds everyone waits after the last wrong try, with `recent` in the last window."""
    if recent < OVERALL_FREE:
        return 0.0
    return min(OVERALL_MAX_WAIT, 2.0 ** min((recent - OVERALL_FREE) // 5, 30))


def client_address(ip: str | None, forwarded: str | None, behind_proxy: bool) -> str:
    """Who is guessing: the connection's address, or behind a proxy the one it forwarded.

    X-Forwarded-For is trusted only when configured: anyone can send the header. Its last
    entry is the one our proxy added (the address it saw); earlier ones the client wrote.
    """
    if behind_proxy and isinstance(forwarded, str):
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:100]
    return ip[:100] if isinstance(ip, str) and ip else "local"


def _clock() -> float:
    return time.time()


class Throttle:
    """Wrong passcodes counted in a file of the workspace, shared by every replica.

    `admit(address)` is called before a passcode is hashed: while a wait runs it returns the
    seconds left and counts nothing (no hashing, a small locked file read); otherwise it
    counts the try as wrong in advance — so many tries at once cannot all get through — and
    returns 0. `succeeded(address)` takes that back and forgets the address's failures.
    """

    def __init__(self, folder: Path | str, clock: Callable[[], float] | None = None) -> None:
        self.path = Path(folder) / THROTTLE_FILE
        self.clock = clock or _clock

    def _open(self):
        try:
            return open(self.path, "a+", encoding="utf-8")
        except OSError:  # a read-only workspace: this machine's temp folder still counts
            return open(Path(tempfile.gettempdir()) / THROTTLE_FILE, "a+", encoding="utf-8")

    @contextlib.contextmanager
    def _state(self, write: bool):
        with self._open() as f:
            fcntl.flock(f, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
            f.seek(0)
            try:
                state = json.loads(f.read() or "{}")
            except ValueError:
                state = {}
            if not isinstance(state, dict):
                state = {}
            state.setdefault("addresses", {})
            state.setdefault("recent", [])
            now = self.clock()
            state["recent"] = [
                r for r in state["recent"] if isinstance(r, list) and now - r[0] < OVERALL_WINDOW
            ][-1000:]
            yield state, now
            if write:
                kept = {
                    a: v
                    for a, v in state["addresses"].items()
                    if now - float(v.get("last", 0)) < FORGET_SECONDS
                }
                if len(kept) > MAX_ADDRESSES:
                    newest = sorted(kept.items(), key=lambda kv: -float(kv[1]["last"]))
                    kept = dict(newest[:MAX_ADDRESSES])
                state["addresses"] = kept
                f.seek(0)
                f.truncate()
                json.dump(state, f)
                f.flush()
                os.fsync(f.fileno())

    @staticmethod
    def _wait(state: Mapping[str, Any], address: str, now: float) -> float:
        entry = state["addresses"].get(address) or {}
        mine = float(entry.get("last", 0)) + address_wait(int(entry.get("failures", 0)))
        recent = state["recent"]
        everyone = (recent[-1][0] + overall_wait(len(recent))) if recent else 0.0
        return max(0.0, mine - now, everyone - now)

    def wait(self, address: str) -> float:
        """Seconds `address` must wait before its next try (0: it may try now)."""
        with self._state(write=False) as (state, now):
            return self._wait(state, address, now)

    def admit(self, address: str) -> float:
        """0 and the try counted as wrong in advance; or the seconds left to wait."""
        with self._state(write=True) as (state, now):
            left = self._wait(state, address, now)
            if left > 0:
                return left
            entry = state["addresses"].setdefault(address, {"failures": 0})
            entry["failures"] = int(entry.get("failures", 0)) + 1
            entry["last"] = now
            state["recent"].append([now, address])
            return 0.0

    def succeeded(self, address: str) -> None:
        """The admitted try was right: forget this address's failures and that try."""
        with self._state(write=True) as (state, _):
            state["addresses"].pop(address, None)
            for i in range(len(state["recent"]) - 1, -1, -1):
                if state["recent"][i][1] == address:
                    del state["recent"][i]
                    break


def wait_text_seconds(seconds: float) -> int:
    """A wait as the sign-in screen states it: whole seconds, never 0 while one runs."""
    return max(1, math.ceil(seconds))


def space_of(meta: Mapping[str, Any] | None) -> str:
    return str((meta or {}).get("space") or DEFAULT_SPACE)


def visible(grant: Grant, datasets: Iterable[Any]) -> list[Any]:
    """The datasets (objects with `.meta`) whose space the grant allows, in order."""
    return [d for d in datasets if grant.allows(space_of(d.meta))]
