"""cnedu_extract: every figure in Chinese education news as a typed, linked measurement record.

    >>> import cnedu_extract as ce
    >>> [m.value for m in ce.extract("下达学生资助资金24314万元")]
    [243140000.0]

The reading core loads with the package; the spaCy, batch and notebook parts load on first use
of their names (``ce.load``, ``ce.extract_corpus``, ``ce.to_dataframe``...), so that
``import cnedu_extract`` stays cheap.
"""
from __future__ import annotations

import typing as _typing

from .auditor import audit
from .extractor import extract
from .numerals import to_number
from .record import RECORD_KEYS, Measurement

__all__ = ["extract", "to_number", "Measurement", "RECORD_KEYS", "audit", "load",
           "extract_many", "extract_corpus", "to_dataframe", "render", "Records", "read_records"]
__version__ = "0.1.0"

# name -> the module (relative to this package) that defines it, imported on first use
_LAZY = {
    "load": ".spacy.component",
    "extract_many": ".batch.corpus", "extract_corpus": ".batch.corpus",
    "to_dataframe": ".notebook", "render": ".notebook", "Records": ".notebook",
    "read_records": ".frames",
}

if _typing.TYPE_CHECKING:  # type checkers and editors see the lazy names as ordinary imports
    from .batch.corpus import extract_corpus, extract_many
    from .frames import read_records
    from .notebook import Records, render, to_dataframe
    from .spacy.component import load


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cnedu_extract' has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) - {"annotations", "_typing", "_LAZY"} | set(__all__))
