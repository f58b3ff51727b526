"""Every data file of patterns/ loads and validates; the loader refuses broken data."""
import pytest

from cnedu_extract import lexicon
from cnedu_extract.record import KINDS, QUALIFIERS


def test_every_pattern_file_loads():
    assert lexicon.numerals().digits["两"] == 2
    table = lexicon.units()
    assert table["元"].kind == "money"
    assert {u.kind for u in table.values()} <= KINDS
    q = lexicon.qualifiers()
    assert set(q.prefix.values()) | set(q.suffix.values()) | set(q.inner.values()) <= QUALIFIERS
    assert "十四五" in lexicon.exclusions()["names"]


@pytest.mark.parametrize("surface,unit,kind", [
    ("元", "元", "money"), ("块钱", "元", "money"), ("港币", "港元", "money"), ("人次", "人次", "person_time"),
    ("名", "人", "people"), ("所", "所", "institution"), ("%", "%", "percent"), ("倍", "倍", "ratio"),
    ("个月", "月", "duration"), ("亩", "亩", "area"), ("岁", "岁", "other"), ("项", "项", "count"),
])
def test_unit_table(surface, unit, kind):
    u = lexicon.units()[surface]
    assert (u.unit, u.kind) == (unit, kind)


def test_loader_names_the_file_and_entry_of_bad_data(monkeypatch):
    lexicon.units.cache_clear()
    monkeypatch.setattr(lexicon, "load_toml", lambda name: {"unit": [{"surfaces": ["元"], "unit": "元", "kind": "cash"}]})
    with pytest.raises(lexicon.PatternError, match=r"units.toml \[\[unit\]\] #1: kind 'cash'"):
        lexicon.units()
    monkeypatch.setattr(lexicon, "load_toml", lambda name: {"unit": [
        {"surfaces": ["元"], "unit": "元", "kind": "money"}, {"surfaces": ["元"], "unit": "元", "kind": "money"}]})
    with pytest.raises(lexicon.PatternError, match="listed twice"):
        lexicon.units()
    monkeypatch.undo()
    lexicon.units.cache_clear()
    assert lexicon.units()["元"].kind == "money"


def test_missing_file_is_a_clear_error():
    with pytest.raises(lexicon.PatternError, match="missing"):
        lexicon.read_text("no-such-file.toml")
