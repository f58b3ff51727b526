"""Score the linker alone against gold records (development aid, not a test).

    python -m cnedu_extract.linking.devscore [--gold GOLD.jsonl] [--docs DIR] [--show FIELD]

Builds raw records from the gold (spans, values, units, kinds, qualifiers; context dropped),
runs ``link`` on each document and compares every context field with the gold the way
``tools/score.py`` does (metric: LCS at least half of the shorter string; a field is scored over
the pairs where gold or prediction fills it). Independent of the extractor.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from ..record import CONTEXT_KEYS, Measurement
from . import link

FIELDS = CONTEXT_KEYS
_SHARED = Path("/work/shared")


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
        return lcs(g, p) * 2 >= min(len(g), len(p))
    if name == "year":
        return (g is None and p is None) or (g is not None and p is not None and int(g) == int(p))
    return (g or None) == (p or None)


def run(gold_path: Path, docs_dir: Path) -> tuple[dict[str, float], list[tuple[str, dict, dict]]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            by_doc[d["doc_id"]].append(d)
    pairs = []
    for doc_id, golds in by_doc.items():
        text = (docs_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        raw = [Measurement(doc_id, g["start"], g["end"], g["text"], g["value"], g.get("value_max"),
                           g["unit"], g["kind"], g["qualifier"]) for g in golds]
        for g, p in zip(golds, link(text, raw)):
            pairs.append((doc_id, g, p.to_dict()))
    acc = {}
    for f in FIELDS:
        filled = [(g, p) for _, g, p in pairs if g.get(f) not in (None, "") or p.get(f) not in (None, "")]
        acc[f] = sum(field_ok(f, g.get(f), p.get(f)) for g, p in filled) / len(filled) if filled else 1.0
    return acc, pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=_SHARED / "gold/seeds.jsonl")
    ap.add_argument("--docs", type=Path, default=_SHARED / "seeds")
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
