"""Issue 19: wrong passcodes are throttled for everyone, not per browser session.

Six guesses in one session used to wait 0.8 → 8.4 s, but every fresh connection started at
no wait, and every guess cost a PBKDF2 run per passcode. Now wrong tries are counted in the
workspace per client address and overall; while a wait runs a try is refused before any
hashing, and the sign-in screen says how long to wait.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from siyu import access
from siyu.i18n import t
from siyu.workspace import Workspace
from tests.pages.test_pages import APP

ROOT = Path(__file__).resolve().parents[2]
RIGHT = "west-2026"
SECRETS = {
    "access": {
        "passcodes": {
            "west_team": {
                "hash": access.hash_passcode(RIGHT, iterations=1000),
                "role": "viewer",
                "spaces": ["west"],
            },
            "east_team": {
                "hash": access.hash_passcode("east-2026", iterations=1000),
                "role": "viewer",
                "spaces": ["east"],
            },
        }
    }
}


@pytest.fixture
def hashes(monkeypatch) -> list[str]:
    """Every passcode hash checked (one PBKDF2 run each)."""
    seen: list[str] = []
    real = access.verify_passcode

    def counting(code: str, stored: str) -> bool:
        seen.append(stored)
        return real(code, stored)

    monkeypatch.setattr(access, "verify_passcode", counting)
    return seen


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(access, "_clock", fake)
    return fake


def fresh_session(monkeypatch, root: Path) -> AppTest:
    """A new browser connection: nothing kept from any earlier session."""
    monkeypatch.setenv("SIYU_WORKSPACE", str(root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = SECRETS
    at.run()
    return at


def guess(at: AppTest, code: str) -> AppTest:
    at.text_input(key="auth-code").input(code)
    at.button[-1].click().run()  # the form's submit button
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_guesses_on_fresh_connections_share_one_count_and_wait(
    monkeypatch, tmp_path, hashes, clock
):
    """Twenty guesses each on a fresh connection used to cost 0.3–0.45 s and no wait."""
    root = Workspace(tmp_path / "ws").root
    errors = []
    for _ in range(8):
        at = guess(fresh_session(monkeypatch, root), "guess-123")
        errors.append(at.error[0].value)
    wrong = t("auth.wrong_passcode", "zh-Hans")
    assert errors[:3] == [wrong] * 3  # the free tries
    # from then on a wait (1 s after the third wrong try): refused before any hashing
    assert errors[3:] == [t("auth.wait", "zh-Hans", seconds=1)] * 5
    assert len(hashes) == 3 * len(SECRETS["access"]["passcodes"])
    # a new connection is told how long to wait before it even tries
    waiting = fresh_session(monkeypatch, root)
    assert [w.value for w in waiting.warning] == [t("auth.wait", "zh-Hans", seconds=1)]


def test_the_right_passcode_works_once_the_wait_is_over(monkeypatch, tmp_path, hashes, clock):
    root = Workspace(tmp_path / "ws").root
    for _ in range(3):  # the free tries
        guess(fresh_session(monkeypatch, root), "guess-123")
    clock.now += 1.0  # the 1 s wait is over: one more wrong try, then a wait of 2 s
    guess(fresh_session(monkeypatch, root), "guess-123")
    at = guess(fresh_session(monkeypatch, root), RIGHT)
    assert at.error[0].value == t("auth.wait", "zh-Hans", seconds=2)
    clock.now += 1.5
    at = guess(fresh_session(monkeypatch, root), RIGHT)
    assert at.error[0].value == t("auth.wait", "zh-Hans", seconds=1)  # 0.5 s, rounded up
    checked = len(hashes)
    clock.now += 0.6
    at = guess(fresh_session(monkeypatch, root), RIGHT)
    assert not at.error and len(hashes) == checked + 2
    assert not [w for w in at.text_input if w.key == "auth-code"]  # past the sign-in screen
    # a right passcode forgets the address's failures
    assert access.Throttle(root).wait("local") == 0


def test_replicas_share_the_count(tmp_path):
    """Another process (a second replica on the same workspace) sees this one's failures."""
    throttle = access.Throttle(tmp_path)
    for _ in range(access.FREE_TRIES):
        assert throttle.admit("203.0.113.9") == 0
    code = (
        "import sys; from siyu import access; "
        "t = access.Throttle(sys.argv[1]); "
        "print(t.admit('203.0.113.9'), t.admit('198.51.100.1'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    first, other = map(float, done.stdout.split())
    assert first > 0  # that process saw this one's three wrong tries: a wait runs
    assert other == 0.0  # another address has its own count


def test_many_guesses_at_once_hash_only_the_free_tries(tmp_path, hashes):
    """60 parallel guesses held both cores for 32 s."""
    cfg = access.config_from(SECRETS)
    throttle = access.Throttle(tmp_path)
    outcomes: list[float] = []

    def one() -> None:
        left = throttle.admit("203.0.113.9")
        if left == 0 and cfg.grant_for_passcode("guess-123") is None:
            outcomes.append(0.0)
        else:
            outcomes.append(left)

    threads = [threading.Thread(target=one) for _ in range(60)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(outcomes) == 60
    assert outcomes.count(0.0) == access.FREE_TRIES
    assert len(hashes) == access.FREE_TRIES * len(cfg.passcodes)


def test_many_addresses_together_are_slowed_down_as_well(tmp_path, clock):
    throttle = access.Throttle(tmp_path)
    for i in range(access.OVERALL_FREE):
        assert throttle.admit(f"10.0.0.{i}") == 0
    # a new address, never seen before, waits: too many wrong tries everywhere
    assert throttle.wait("10.0.1.1") == access.overall_wait(access.OVERALL_FREE) == 1.0
    clock.now += access.OVERALL_WINDOW + 1  # a quiet ten minutes: the overall count is over
    assert throttle.wait("10.0.1.1") == 0


def test_the_address_comes_from_the_proxy_only_when_configured():
    spoofed = "1.2.3.4, 198.51.100.7"
    assert access.client_address("10.0.0.5", spoofed, behind_proxy=False) == "10.0.0.5"
    assert access.client_address("10.0.0.5", spoofed, behind_proxy=True) == "198.51.100.7"
    assert access.client_address(None, None, behind_proxy=False) == "local"
    cfg = access.config_from({"access": {"behind_proxy": True, "passcodes": {}}})
    assert cfg.behind_proxy


def test_a_broken_count_file_is_started_again(tmp_path):
    (tmp_path / access.THROTTLE_FILE).write_text("not json", encoding="utf-8")
    throttle = access.Throttle(tmp_path)
    assert throttle.wait("a") == 0 and throttle.admit("a") == 0
