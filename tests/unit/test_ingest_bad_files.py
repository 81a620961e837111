"""The bad-file corpus (tests/bad_files): each file is refused with its message or imports
with the pinned accepted/rejected counts, reason keys and line numbers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from siyu.i18n import TEXT

_PATH = Path(__file__).resolve().parents[1] / "bad_files" / "manifest.py"
_spec = importlib.util.spec_from_file_location("bad_files_manifest", _PATH)
manifest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(manifest)

CORPUS = manifest.corpus()


def test_corpus_has_at_least_twenty_files_each_with_an_expectation():
    assert len(CORPUS) >= 20
    assert set(CORPUS) == set(manifest.EXPECTED)


@pytest.mark.parametrize("name", sorted(manifest.EXPECTED))
def test_bad_file_gets_its_pinned_outcome(name, tmp_path):
    got = manifest.outcome(name, CORPUS[name], out_dir=tmp_path)
    assert got == manifest.EXPECTED[name]
    assert not list(tmp_path.iterdir())  # the temporary output is gone either way


@pytest.mark.parametrize(
    "name", sorted(n for n, e in manifest.EXPECTED.items() if "refused" in e or e["reasons"])
)
def test_bad_file_message_is_translated_in_every_language(name):
    expected = manifest.EXPECTED[name]
    keys = [expected["refused"]] if "refused" in expected else list(expected["reasons"])
    for key in keys:
        assert set(TEXT[key]) == {"zh-Hans", "zh-Hant", "en"}
