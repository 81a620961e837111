"""The translation table: a missing key fails loudly in tests and reads as words in production;
every key the code names exists; campaign codes and true / false read as words."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest

from siyu import exports, i18n
from siyu.i18n import LANGUAGES, TEXT, MissingText, t

ROOT = Path(__file__).resolve().parents[2]


def test_tests_run_strict():
    assert i18n.strict()  # tests/conftest.py sets SIYU_STRICT_I18N=1


def test_a_missing_key_raises_in_tests():
    with pytest.raises(MissingText, match=r"col\.no_such_column"):
        t("col.no_such_column", "zh-Hans")
    with pytest.raises(KeyError):  # MissingText is a KeyError
        t("col.no_such_column", "en")


def test_a_missing_key_reads_as_words_in_production_and_is_logged(monkeypatch, caplog):
    monkeypatch.setenv("SIYU_STRICT_I18N", "0")
    with caplog.at_level(logging.WARNING, logger="siyu.i18n"):
        text = t("col.no_such_column", "zh-Hans")
    assert text == "no such column"
    assert "col.no_such_column" in caplog.text


def test_a_missing_language_falls_back_to_simplified_chinese_in_production(monkeypatch):
    monkeypatch.setenv("SIYU_STRICT_I18N", "0")
    monkeypatch.setitem(TEXT, "test.only_hans", {"zh-Hans": "只有简体"})
    assert t("test.only_hans", "en") == "只有简体"
    monkeypatch.setenv("SIYU_STRICT_I18N", "1")
    with pytest.raises(MissingText):
        t("test.only_hans", "en")


def test_every_entry_has_the_three_languages():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key


# A call of t / ctx.t with a literal key, and the fixed start of an f-string key.
_LITERAL = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)+)["']""")
_PREFIX = re.compile(r"""\bt\(\s*f["']([a-z][a-z0-9_]*\.[A-Za-z0-9_.]*)\{""")


def _code() -> list[Path]:
    files = [p for p in (ROOT / "siyu").rglob("*.py") if "text" not in p.parts]
    return files + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


def test_every_key_the_code_names_exists():
    literal, prefixes = set(), set()
    for path in _code():
        source = path.read_text(encoding="utf-8")
        literal |= set(_LITERAL.findall(source))
        prefixes |= set(_PREFIX.findall(source))
    assert len(literal) > 300  # the scan finds the calls
    assert sorted(literal - set(TEXT)) == []
    # no key is built at run time: every one is written out (tests/unit/test_house.py)
    assert sorted(prefixes) == []


def test_the_schema_columns_the_mapping_form_shows_have_names():
    from siyu.schema import LINE_COLUMNS, TABLE_KINDS, TABLES

    columns = {c.name for kind in TABLE_KINDS for c in TABLES[kind].columns}
    columns |= {c.name for c in LINE_COLUMNS}
    assert sorted(c for c in columns if f"col.{c}" not in TEXT) == []
    assert t("col.nickname", "zh-Hans") == "昵称" and t("col.phone", "zh-Hant") == "手機號"


@pytest.mark.parametrize(
    "code,lang,shown",
    [
        ("7day", "zh-Hans", "7天活动"),
        ("7day", "zh-Hant", "7天活動"),
        ("7day", "en", "7-day programme"),
        ("flash_sale", "zh-Hans", "限时秒杀"),
        ("双11大促", "zh-Hans", "双11大促"),  # the user's own name: as it is
        (None, "zh-Hans", "（无活动）"),
        (float("nan"), "en", "(no campaign)"),
        ("", "zh-Hant", "（無活動）"),
    ],
)
def test_a_campaign_code_reads_as_its_display_name(code, lang, shown):
    assert i18n.campaign(code, lang) == shown


def test_every_demo_campaign_has_a_display_name():
    from siyu.sample import CAMPAIGNS

    assert [c for c in CAMPAIGNS if c and f"campaign.{c}" not in TEXT] == []


def test_a_download_says_yes_and_no_and_leaves_other_columns_alone():
    frame = pd.DataFrame(
        {
            "retained": pd.array([True, False, None], dtype="boolean"),
            "flag": [True, None, False],
            "name": ["a", "b", None],
            "n": [1, 2, 3],
        }
    )
    out = exports.readable(frame, yes="是", no="否")
    assert out["retained"].tolist()[:2] == ["是", "否"] and pd.isna(out["retained"][2])
    assert out["flag"][0] == "是" and pd.isna(out["flag"][1]) and out["flag"][2] == "否"
    assert out["name"].equals(frame["name"]) and out["n"].equals(frame["n"])
    assert frame["retained"].tolist()[0] is True  # the frame given is not changed
    csv = exports.to_csv_bytes(out).decode("utf-8-sig").splitlines()
    assert csv[1:] == ["是,是,a,1", "否,,b,2", ",否,,3"]
