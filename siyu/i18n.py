"""The translation table: every user-visible string, in zh-Hans, zh-Hant and en.

The table is kept in parts under `siyu/text/` (one module per area, each a dict named
`TEXT`), merged here into one table; a key defined twice is an error.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil

import siyu.text

LANGUAGES: dict[str, str] = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
DEFAULT_LANGUAGE = "zh-Hans"

log = logging.getLogger(__name__)


def language_code(value: object) -> str | None:
    """The language code a URL or a command line names: a code (`en`, `zh-Hans`, `zh-hant`),
    or the name the language menu shows (`English`, `简体中文`); None when it names none."""
    if not isinstance(value, str):
        return None
    wanted = value.strip().casefold().replace("_", "-")
    for code, name in LANGUAGES.items():
        if wanted in (code.casefold(), name.casefold()):
            return code
    return None


def _load() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(siyu.text.__path__), key=lambda m: m.name):
        part = importlib.import_module(f"siyu.text.{mod.name}").TEXT
        for key, entry in part.items():
            if key in table:
                raise ValueError(f"translation key {key!r} defined twice")
            table[key] = entry
    return table


TEXT: dict[str, dict[str, str]] = _load()


def strict() -> bool:
    """Whether a missing key or language is an error (the tests set SIYU_STRICT_I18N=1)."""
    return os.environ.get("SIYU_STRICT_I18N", "") not in ("", "0")


class MissingText(KeyError):
    """A translation key (or one language of it) the table lacks; raised only when strict."""


def _readable(key: str) -> str:
    """What a missing key reads as in production: its last part in words, never `a.b_c`."""
    return key.rsplit(".", 1)[-1].replace("_", " ").strip() or key


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `params`.

    A key missing from the table (or an entry without `lang`) raises `MissingText` when
    SIYU_STRICT_I18N is set, as in the tests; in production it is logged and reads as the
    default language's text, else the key's last part in words.
    """
    entry = TEXT.get(key)
    text = entry.get(lang) if entry is not None else None
    if text is None:
        if strict():
            raise MissingText(f"no {lang} text for translation key {key!r}")
        log.warning("missing %s text for translation key %r", lang, key)
        text = (entry or {}).get(DEFAULT_LANGUAGE) or (entry or {}).get("en") or _readable(key)
    return text.format(**params) if params else text


def has(key: str) -> bool:
    """Whether the table holds `key` (for code that shows a key's text only when it exists)."""
    return key in TEXT


def campaign(code: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A campaign code as a reader names it: `7day` → 7天活动 / 7天活動 / 7-day programme.

    A code the table does not know is the user's own name for it and is shown as it is;
    no campaign (None, NaN or empty) reads as 「（无活动）」.
    """
    if code is None or (isinstance(code, float) and code != code) or str(code).strip() == "":
        return t("campaign.none", lang)
    key = CAMPAIGN_LABELS.get(str(code).strip())
    return t(key, lang) if key is not None else str(code)


# The campaign codes the app names (the demo's); any other code is the user's own name.
CAMPAIGN_LABELS: dict[str, str] = {
    "7day": "campaign.7day",
    "flash_sale": "campaign.flash_sale",
    "fission": "campaign.fission",
    "welfare": "campaign.welfare",
    "new_coupon": "campaign.new_coupon",
    "member_day": "campaign.member_day",
}
