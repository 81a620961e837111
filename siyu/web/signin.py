"""Sign-in: the gate every page passes (SPEC §5), drawn with Streamlit.

`siyu.access` holds the rules (passcodes, providers, spaces, the throttle); this module reads
the secrets and draws the sign-in screen.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from siyu import access
from siyu.access import Grant
from siyu.i18n import t
from siyu.workspace import Workspace


def _secrets() -> Any:
    """`st.secrets` when a secrets file exists, else None (st.secrets raises without one)."""
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else None
    except Exception:
        return None


def access_config() -> access.AccessConfig:
    """The sign-in configuration of `.streamlit/secrets.toml` (open when there is none)."""
    return access.config_from(_secrets())


def _local_only() -> bool:
    address = st.get_option("server.address")
    return address in ("localhost", "127.0.0.1", "::1")


def gate(lang: str) -> Grant:
    """The sign-in gate: the grant of the person at the browser, or a sign-in screen and stop.

    Open (editor of every space) when no sign-in is configured, with a banner when the
    server listens on anything but localhost.
    """
    try:
        cfg = access_config()
    except access.AccessError as exc:
        st.error(t(exc.key, lang, **exc.params))
        st.stop()
    if not cfg.enabled:
        if not _local_only():
            st.warning(t("auth.open_banner", lang))
        return access.OPEN
    held = st.session_state.get("grant")
    if isinstance(held, Grant):
        return held
    if cfg.providers and st.user.is_logged_in:
        email = st.user.get("email")
        grant = cfg.grant_for_email(email)
        if grant is None:
            st.error(t("auth.not_granted", lang, who=email or "?"))
            st.button(t("auth.sign_out", lang), on_click=st.logout, key="auth-out")
            st.stop()
        return grant
    _sign_in_screen(cfg, lang)
    st.stop()


def _client_address(cfg: access.AccessConfig) -> str:
    """The address wrong passcodes are counted against (see `access.client_address`)."""
    try:
        ip = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For") if cfg.behind_proxy else None
    except Exception:  # no request behind this run (a test harness)
        ip, forwarded = None, None
    return access.client_address(ip, forwarded, cfg.behind_proxy)


def _throttle() -> access.Throttle:
    """Wrong passcodes counted in the workspace, so every session and replica shares them."""
    return access.Throttle(
        Workspace(os.environ.get("SIYU_WORKSPACE") or workspace_from_secrets()).root
    )


def _sign_in_screen(cfg: access.AccessConfig, lang: str) -> None:
    st.title(t("app.name", lang))
    st.info(t("auth.please_sign_in", lang))
    for provider in cfg.providers:
        label = (
            t("auth.sign_in_with", lang, provider=provider) if provider else t("auth.sign_in", lang)
        )
        st.button(
            label,
            on_click=st.login,
            args=(provider,) if provider else (),
            key=f"auth-login-{provider}",
        )
    if not cfg.passcodes:
        return
    address = _client_address(cfg)
    throttle = _throttle()
    with st.form("auth-passcode"):
        code = st.text_input(t("auth.passcode", lang), type="password", key="auth-code")
        sent = st.form_submit_button(t("auth.enter", lang))
    if not sent:
        left = throttle.wait(address)
        if left > 0:
            st.warning(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))
        return
    left = throttle.admit(address)  # refused while a wait runs: no passcode is hashed
    if left > 0:
        st.error(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))
        return
    grant = cfg.grant_for_passcode(code or "")
    if grant is not None:
        throttle.succeeded(address)
        st.session_state["grant"] = grant
        st.rerun()
    st.error(t("auth.wrong_passcode", lang))
    left = throttle.wait(address)
    if left > 0:
        st.warning(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))


def sign_out() -> None:
    st.session_state.pop("grant", None)
    if st.user.is_logged_in:
        st.logout()


def workspace_from_secrets() -> str | None:
    secrets = _secrets()
    if secrets is not None and "workspace" in secrets:
        return str(secrets["workspace"])
    return None
