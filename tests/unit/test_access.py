"""Sign-in configuration, passcode hashes, roles and spaces (siyu.access)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from siyu import access
from siyu.i18n import TEXT


def test_passcode_hash_is_salted_and_verifies_only_the_right_code():
    one, two = access.hash_passcode("芝麻开门"), access.hash_passcode("芝麻开门")
    assert one != two  # a fresh salt each time
    assert one.startswith("pbkdf2_sha256$200000$")
    assert access.verify_passcode("芝麻开门", one) and access.verify_passcode("芝麻开门", two)
    assert not access.verify_passcode("芝麻开", one)
    assert not access.verify_passcode("", one)
    assert not access.verify_passcode("芝麻开门", "pbkdf2_sha256$x$zz$yy")
    assert not access.verify_passcode("芝麻开门", "plain")


def test_waits_grow_after_the_free_tries_and_are_capped():
    assert [access.address_wait(n) for n in range(7)] == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0]
    assert access.address_wait(100) == access.MAX_WAIT
    assert [access.overall_wait(n) for n in (0, 19, 20, 24, 25, 30)] == [0, 0, 1, 1, 2, 4]
    assert access.overall_wait(10_000) == access.OVERALL_MAX_WAIT


SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x",
        "google": {"client_id": "a", "client_secret": "b", "server_metadata_url": "u"},
        "microsoft": {"client_id": "a", "client_secret": "b", "server_metadata_url": "u"},
    },
    "access": {
        "users": {
            "Ana@Shop.cn": {"role": "editor", "spaces": ["east"]},
            "boss@shop.cn": {"role": "viewer", "spaces": ["*"]},
        },
        "passcodes": {
            "west_team": {
                "hash": access.hash_passcode("west-2026", iterations=1000),
                "role": "viewer",
                "spaces": "west",
            }
        },
    },
}


def test_config_reads_providers_users_and_passcodes():
    cfg = access.config_from(SECRETS)
    assert cfg.enabled
    assert cfg.providers == ("google", "microsoft")
    ana = cfg.grant_for_email("ana@shop.cn")  # e-mail compared without case
    assert (ana.role, ana.spaces, ana.can_edit) == ("editor", frozenset({"east"}), True)
    boss = cfg.grant_for_email("boss@shop.cn")
    assert boss.spaces is None and not boss.can_edit
    assert cfg.grant_for_email("stranger@shop.cn") is None
    assert cfg.grant_for_email(None) is None
    west = cfg.grant_for_passcode("west-2026")
    assert (west.who, west.role, west.spaces) == ("west_team", "viewer", frozenset({"west"}))
    assert cfg.grant_for_passcode("west-2025") is None


def test_no_configuration_is_open_and_an_unnamed_provider_counts():
    assert not access.config_from(None).enabled
    assert not access.config_from({"workspace": "/x"}).enabled
    single = access.config_from({"auth": {"client_id": "a", "client_secret": "b"}})
    assert single.providers == ("",) and single.enabled


@pytest.mark.parametrize(
    "raw,key",
    [
        ({"access": {"users": {"a@b.c": {"role": "admin"}}}}, "access.bad_role"),
        ({"access": {"passcodes": {"t": {"hash": "secret"}}}}, "access.bad_hash"),
    ],
)
def test_configuration_mistakes_are_named(raw, key):
    with pytest.raises(access.AccessError) as err:
        access.config_from(raw)
    assert err.value.key == key
    assert set(TEXT[key]) == {"zh-Hans", "zh-Hant", "en"}


def test_spaces_filter_datasets_and_unset_space_is_default():
    ds = [
        SimpleNamespace(name="e", meta={"space": "east"}),
        SimpleNamespace(name="w", meta={"space": "west"}),
        SimpleNamespace(name="d", meta={}),
    ]
    east = access.Grant("a", "editor", frozenset({"east"}))
    both = access.Grant("b", "viewer", frozenset({"east", "default"}))
    assert [d.name for d in access.visible(east, ds)] == ["e"]
    assert [d.name for d in access.visible(both, ds)] == ["e", "d"]
    assert [d.name for d in access.visible(access.OPEN, ds)] == ["e", "w", "d"]
    assert east.home_space() == "east" and access.OPEN.home_space() == "default"


def _cli(*args: str, stdin: str = ""):
    import os
    import subprocess
    import sys

    env = {**os.environ, "SIYU_AUTO_DEMO": "0"}
    return subprocess.run(
        [sys.executable, "-m", "siyu", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cli_passcode_prints_a_hash_that_verifies_and_refuses_short_codes():
    done = _cli("passcode", "--stdin", stdin="west-2026-team\n")
    assert done.returncode == 0
    assert access.verify_passcode("west-2026-team", done.stdout.strip())
    short = _cli("passcode", "--stdin", "--lang", "en", stdin="abc\n")
    assert (
        short.returncode != 0 and short.stderr.strip() == "A passcode needs at least 8 characters."
    )


def test_cli_space_moves_a_dataset(tmp_path):
    from siyu import importer
    from siyu.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    csv = "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09 10:00:00,10\n".encode()
    importer.import_files(ws, "shop", [importer.FileRequest(csv, "o.csv")])
    done = _cli("space", "--dataset", "shop", "--space", "east", "--workspace", str(ws.root))
    assert done.returncode == 0, done.stderr
    assert access.space_of(ws.get("shop").meta) == "east"
    missing = _cli("space", "--dataset", "nope", "--space", "east", "--workspace", str(ws.root))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
