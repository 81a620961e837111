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


def test_failure_delay_grows_and_is_capped():
    assert [access.failure_delay(n) for n in range(7)] == [0.0, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


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
