"""cnedu_extract: every figure in Chinese education news as a typed, linked measurement record.

    >>> import cnedu_extract as ce
    >>> [m.value for m in ce.extract("下达学生资助资金24314万元")]
    [243140000.0]
"""
from __future__ import annotations

from typing import Any

from .audit import audit  # the function shadows its module's name in the package, as intended
from .extractor import extract
from .numerals import to_number
from .record import RECORD_KEYS, Measurement

__all__ = ["extract", "to_number", "Measurement", "RECORD_KEYS", "load", "audit",
           "extract_many", "extract_corpus", "to_dataframe", "render"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Heavier parts load on first use so that `import cnedu_extract` stays cheap.
    if name == "load":
        from .spacy_component import load
        return load
    if name in ("extract_many", "extract_corpus"):
        from . import corpus
        return getattr(corpus, name)
    if name in ("to_dataframe", "render", "Records"):
        from . import notebook
        return getattr(notebook, name)
    raise AttributeError(f"module 'cnedu_extract' has no attribute {name!r}")
