"""One loader for the linker's data files in ``cnedu_extract.patterns`` (read once, validated)."""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

_REQUIRED = {
    "home": ("datelines", "header_chars", "footer_chars", "title_weight", "header_weight",
             "body_weight", "descend_share"),
    "scope": ("city", "province", "county", "district", "nation", "nation_name", "target_verbs"),
    "school": ("suffixes", "numbered", "generic_words", "left_stops", "list_glue"),
    "program": ("suffixes", "weak_suffixes", "verbs", "quoted_verbs", "level_words", "honour_verbs", "quoted_heads", "lead_words"),
    "metric": ("strip_left", "strip_right", "max_left", "max_right"),
}


def read_text(name: str) -> str:
    """The text of one data file of ``cnedu_extract.patterns``."""
    return resources.files("cnedu_extract.patterns").joinpath(name).read_text(encoding="utf-8")


@cache
def config() -> dict[str, Any]:
    """``patterns/linking.toml``, checked for the sections and keys the linker reads."""
    cfg = tomllib.loads(read_text("linking.toml"))
    for section, keys in _REQUIRED.items():
        missing = [k for k in keys if k not in cfg.get(section, {})]
        if missing:
            raise ValueError(f"patterns/linking.toml: [{section}] lacks {', '.join(missing)}")
    for section in ("scope", "school", "program", "metric"):
        for key, val in cfg[section].items():
            if isinstance(val, list) and len(set(val)) != len(val):
                dup = sorted({v for v in val if val.count(v) > 1})
                raise ValueError(f"patterns/linking.toml: [{section}] {key} repeats {dup}")
    return cfg


def tsv_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without blank lines and '#' comments."""
    return [line.rstrip("\n").split("\t") for line in read_text(name).splitlines()
            if line.strip() and not line.startswith("#")]


def longest_first(words: list[str]) -> list[str]:
    """Words sorted so that a longer word is tried before its prefix."""
    return sorted(set(words), key=lambda w: (-len(w), w))
