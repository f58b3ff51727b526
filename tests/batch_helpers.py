"""Shared helpers of the batch tests (test_cli, test_sources, test_sinks, test_resume, ...).

Inputs are generated from the bundled seed reports: each non-empty line of a seed is one
document, so there are ~120 small documents with real figures and no external data.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterable

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "seeds"

EXTRACTORS = r'''
"""Extractors for tests: the real one with traps, and quick stand-ins for the machinery."""
import os
import re
import time

from cnedu_extract import Measurement, extract as _extract

_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(万)?(元|人|所|个|%)")
_KIND = {"元": "money", "人": "people", "所": "institution", "个": "count", "%": "percent"}


def quick(text, doc_id=None, *, title=None, date=None):
    """Figures by one regex: no dictionary to load, so subprocess tests start fast."""
    return [Measurement(doc_id, m.start(), m.end(), m.group(), float(m.group(1)) *
                        (10000 if m.group(2) else 1), None, m.group(3), _KIND[m.group(3)],
                        "exact", metric=title, sentence=text) for m in _FIGURE.finditer(text)]


def traps(text, doc_id=None, *, title=None, date=None):
    if "CRASH" in text:
        os._exit(3)
    if "BOOM" in text:
        raise RuntimeError("boom")
    return _extract(text, doc_id, title=title, date=date)


def quick_traps(text, doc_id=None, *, title=None, date=None):
    if "CRASH" in text:
        os._exit(3)
    return quick(text, doc_id, title=title, date=date)


def slow(text, doc_id=None, *, title=None, date=None):
    time.sleep(0.02)
    return quick(text, doc_id, title=title, date=date)


def echo_context(text, doc_id=None, *, title=None, date=None):
    """Every record's metric says which title and date reached the extractor."""
    return [m.with_context(metric=f"{title}|{date}")
            for m in _extract(text, doc_id, title=title, date=date)]
'''


def seed_docs() -> list[dict[str, Any]]:
    """One document per non-empty line of the seed reports, with title and source."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for i, line in enumerate(lines):
            docs.append({"id": f"{path.stem}-p{i:02d}", "title": lines[0], "text": line,
                         "source": path.name, "date": "2024-01-0%d" % (1 + i % 9)})
    return docs


def write_jsonl(path: Path, docs: Iterable[Any], encoding: str = "utf-8",
                bom: bool = False) -> Path:
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    if str(path).endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def extractor_module(folder: Path) -> Path:
    """Write the test extractors module into ``folder`` (to put on sys.path/PYTHONPATH)."""
    (folder / "batch_test_extractors.py").write_text(textwrap.dedent(EXTRACTORS), "utf-8")
    return folder


def cli(*args: Any, env: dict[str, str] | None = None, pythonpath: Path | None = None,
        cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cnedu_extract ARGS`` in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    if pythonpath:
        full_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(pythonpath), full_env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "cnedu_extract", *map(str, args)],
                          capture_output=True, env=full_env, cwd=cwd, timeout=timeout)
