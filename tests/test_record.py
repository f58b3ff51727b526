"""The record's fast constructor builds the same frozen record as the dataclass's own."""
import dataclasses
import pickle

import pytest

from cnedu_extract.record import RECORD_KEYS, Measurement, build_measurement

VALUES = ("doc", 3, 7, "12所", 12.0, None, "所", "institution", "exact", "学校", "萍乡市", None,
          None, 2023, None, "change", "up", "上年", 2022, "全市共有学校12所")


def test_build_measurement_is_the_constructor():
    built, made = build_measurement(*VALUES), Measurement(*VALUES)
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert [getattr(built, k) for k in RECORD_KEYS] == list(VALUES)
    assert pickle.loads(pickle.dumps(built)) == made
    assert dataclasses.replace(built, year=2024) == dataclasses.replace(made, year=2024)


def test_a_built_record_stays_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        build_measurement(*VALUES).year = 2024


def test_moved_keeps_everything_but_the_span():
    m = Measurement(*VALUES).moved(10, 14, "12所")
    assert (m.start, m.end) == (10, 14)
    assert m == dataclasses.replace(Measurement(*VALUES), start=10, end=14)
