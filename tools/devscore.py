"""Score the linker alone against gold records (development aid, not a test).

    python tools/devscore.py --gold GOLD.jsonl --docs DIR_OR_JSONL [--show FIELD]

Builds raw records from the gold (spans, values, units, kinds, qualifiers; context dropped),
runs ``link`` on each document (with a JSONL document's ``title`` and ``date``, as a batch run
passes them) and compares every context field with the gold the way the project's scorer does
(metric: 2·LCS at least half of both strings together; a field is scored over the pairs where
gold or prediction fills it). Independent of the extractor, so it tells the linker's errors
apart from the reading of figures.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from cnedu_extract.linking import link
from cnedu_extract.record import CONTEXT_KEYS, Measurement

FIELDS = CONTEXT_KEYS


def lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def field_ok(name: str, g, p) -> bool:
    if name == "metric":
        if not g or not p:
            return not g and not p
        return lcs(g, p) * 4 >= len(g) + len(p)
    if name == "year":
        return (g is None and p is None) or (g is not None and p is not None and int(g) == int(p))
    return (g or None) == (p or None)


def _documents(path: Path) -> dict[str, tuple[str, dict]]:
    """doc_id -> (text, title/date): a folder of .txt files or a JSONL of {"id", "text"}."""
    if path.is_dir():
        return {p.stem: (p.read_text(encoding="utf-8"), {}) for p in sorted(path.glob("*.txt"))}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[str(d["id"])] = (d["text"], {k: d[k] for k in ("title", "date") if d.get(k)})
    return out


def run(gold_path: Path, docs_dir: Path) -> tuple[dict[str, float], list[tuple[str, dict, dict]]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            by_doc[d["doc_id"]].append(d)
    pairs = []
    docs = _documents(docs_dir)
    for doc_id, golds in by_doc.items():
        text, meta = docs[doc_id]
        raw = [Measurement(doc_id, g["start"], g["end"], g["text"], g["value"], g.get("value_max"),
                           g["unit"], g["kind"], g["qualifier"]) for g in golds]
        for g, p in zip(golds, link(text, raw, **meta)):
            pairs.append((doc_id, g, p.to_dict()))
    acc = {}
    for f in FIELDS:
        filled = [(g, p) for _, g, p in pairs if g.get(f) not in (None, "") or p.get(f) not in (None, "")]
        acc[f] = sum(field_ok(f, g.get(f), p.get(f)) for g, p in filled) / len(filled) if filled else 1.0
    return acc, pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="gold records (JSONL)")
    ap.add_argument("--docs", type=Path, required=True, help="a folder of .txt files or a JSONL of documents")
    ap.add_argument("--show", action="append", default=[], help="list the errors of this field")
    a = ap.parse_args(argv)
    acc, pairs = run(a.gold, a.docs)
    for f in a.show:
        for doc_id, g, p in pairs:
            if (g.get(f) or p.get(f)) and not field_ok(f, g.get(f), p.get(f)):
                print(f"{f:<8} {doc_id[:6]} {g['start']:>5} {g['text']:<10} gold={g.get(f)!s:<30} pred={p.get(f)}")
    print("  ".join(f"{f}={acc[f]:.3f}" for f in FIELDS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
