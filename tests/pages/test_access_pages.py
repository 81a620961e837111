"""Sign-in, roles and team spaces in the running app (AppTest with a secrets dict).

Two spaces (east, west) and three people: Ana (OIDC, editor of east), the boss (OIDC, viewer
of every space) and the west team (passcode, viewer of west).
"""

from __future__ import annotations

import pytest
import streamlit.config
from streamlit.testing.v1 import AppTest

from siyu import access, importer
from siyu.i18n import t
from siyu.workspace import Workspace
from tests.pages.test_pages import APP

ORDERS = "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09 10:00:00,10\n"
SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-secret",
        "google": {
            "client_id": "id",
            "client_secret": "secret",
            "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
        },
    },
    "access": {
        "users": {
            "ana@shop.cn": {"role": "editor", "spaces": ["east"]},
            "boss@shop.cn": {"role": "viewer", "spaces": ["*"]},
        },
        "passcodes": {
            "west_team": {
                "hash": access.hash_passcode("west-2026", iterations=1000),
                "role": "viewer",
                "spaces": ["west"],
            }
        },
    },
}


@pytest.fixture(scope="module")
def spaces_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("spaces") / "ws"
    ws = Workspace(root)
    for name, space in (("east_shop", "east"), ("west_shop", "west")):
        importer.import_files(ws, name, [importer.FileRequest(ORDERS.encode(), "o.csv")])
        ws.set_meta(name, space=space)
    return root


def app(monkeypatch, root, user=None, page=None, query=None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = SECRETS
    at.user = user if user is not None else {"is_logged_in": False}
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def dataset_options(at) -> list[str]:
    box = [s for s in at.sidebar.selectbox if s.key == "dataset"]
    return list(box[0].options) if box else []


def test_signed_out_sees_only_the_sign_in_screen(monkeypatch, spaces_root):
    at = app(monkeypatch, spaces_root)
    assert not at.exception
    assert at.info[0].value == t("auth.please_sign_in", "zh-Hans")
    labels = [b.label for b in at.button]
    assert t("auth.sign_in_with", "zh-Hans", provider="google") in labels
    assert at.text_input(key="auth-code").label == t("auth.passcode", "zh-Hans")
    assert dataset_options(at) == [] and not at.metric


def test_editor_of_east_sees_east_only_and_may_import(monkeypatch, spaces_root):
    ana = {"is_logged_in": True, "email": "ana@shop.cn"}
    at = app(monkeypatch, spaces_root, ana)
    assert not at.exception
    assert dataset_options(at) == ["east_shop"]
    data = app(monkeypatch, spaces_root, ana, page="pages/data.py")
    assert not data.exception
    assert data.get("file_uploader")  # editors import
    shown = " ".join(e.label for e in data.expander)
    assert "east_shop" in shown and "west_shop" not in shown


def test_viewer_of_every_space_reads_both_but_cannot_import(monkeypatch, spaces_root):
    boss = {"is_logged_in": True, "email": "boss@shop.cn"}
    at = app(monkeypatch, spaces_root, boss)
    assert sorted(dataset_options(at)) == ["east_shop", "west_shop"]
    data = app(monkeypatch, spaces_root, boss, page="pages/data.py")
    assert not data.exception
    assert not data.get("file_uploader")
    assert t("data.viewer_cannot_import", "zh-Hans") in [i.value for i in data.info]
    assert not [b for b in data.button if b.label == t("data.delete", "zh-Hans")]


def test_unknown_account_is_refused(monkeypatch, spaces_root):
    at = app(monkeypatch, spaces_root, {"is_logged_in": True, "email": "x@elsewhere.cn"})
    assert at.error[0].value == t("auth.not_granted", "zh-Hans", who="x@elsewhere.cn")
    assert dataset_options(at) == []


def test_passcode_viewer_of_west_cannot_open_east_by_url_nor_import(monkeypatch, spaces_root):
    at = app(monkeypatch, spaces_root, query={"dataset": "east_shop"})
    at.text_input(key="auth-code").input("wrong")
    at.button[-1].click().run()  # the form's submit button
    assert at.error[0].value == t("auth.wrong_passcode", "zh-Hans")
    assert not at.warning  # the first wrong tries cost no wait
    at.text_input(key="auth-code").input("west-2026")
    at.button[-1].click().run()
    assert not at.exception
    assert dataset_options(at) == ["west_shop"]
    assert t("frame.no_such_dataset", "zh-Hans", dataset="east_shop") in [
        w.value for w in at.warning
    ]
    assert at.sidebar.selectbox(key="dataset").value == "west_shop"
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception and not at.get("file_uploader")
    assert "east_shop" not in " ".join(e.label for e in at.expander)


def test_open_app_warns_when_it_listens_beyond_localhost(monkeypatch, spaces_root):
    def run(address):
        monkeypatch.setenv("SIYU_WORKSPACE", str(spaces_root))
        monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
        streamlit.config.set_option("server.address", address)
        try:
            at = AppTest.from_file(APP, default_timeout=60)
            at.run()
        finally:
            streamlit.config.set_option("server.address", None)
        return [w.value for w in at.warning]

    banner = t("auth.open_banner", "zh-Hans")
    assert banner in run("0.0.0.0")
    assert banner not in run("localhost")
