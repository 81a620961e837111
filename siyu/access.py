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
here imports Streamlit; `siyu.ui.gate` draws the sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets as pysecrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ROLES = ("viewer", "editor")
DEFAULT_SPACE = "default"
ALL_SPACES = "*"
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 200_000
# Seconds to wait before checking a passcode after n failed tries (n = 0, 1, 2, …).
MAX_DELAY = 8.0


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

    @property
    def enabled(self) -> bool:
        return bool(self.providers or self.passcodes)

    def grant_for_email(self, email: str | None) -> Grant | None:
        """The grant of an OIDC-signed-in address; None when it is not listed."""
        if not email:
            return None
        return self.users.get(email.strip().lower())

    def grant_for_passcode(self, code: str) -> Grant | None:
        """The grant of a passcode; every stored hash is checked so timing tells nothing."""
        found = None
        for p in self.passcodes:
            if verify_passcode(code, p.hash) and found is None:
                found = p.grant
        return found


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
    return AccessConfig(
        providers=_providers(secrets.get("auth")), users=users, passcodes=tuple(passcodes)
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


def failure_delay(failures: int) -> float:
    """Seconds to wait before the next check after `failures` failed tries: 0, 1, 2, 4 … 8."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - 1))


def space_of(meta: Mapping[str, Any] | None) -> str:
    return str((meta or {}).get("space") or DEFAULT_SPACE)


def visible(grant: Grant, datasets: Iterable[Any]) -> list[Any]:
    """The datasets (objects with `.meta`) whose space the grant allows, in order."""
    return [d for d in datasets if grant.allows(space_of(d.meta))]
