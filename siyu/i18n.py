"""The translation table: every user-visible string, in zh-Hans, zh-Hant and en.

The table is kept in parts under `siyu/text/` (one module per area, each a dict named
`TEXT`), merged here into one table; a key defined twice is an error.
"""

from __future__ import annotations

import importlib
import pkgutil

import siyu.text

LANGUAGES: dict[str, str] = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
DEFAULT_LANGUAGE = "zh-Hans"


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


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `params`."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    return text.format(**params) if params else text
