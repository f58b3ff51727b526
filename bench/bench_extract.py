"""Throughput of extract() against other Chinese number tools, on the same texts, in one run.

    python bench/bench_extract.py [--corpus ../shared/corpus/edu_news.jsonl] [--rounds 3]

Prints chars/s for cnedu_extract.extract (with linking, and the core alone), jieba.lcut and
jionlp.ner.extract_money, the ratios, and peak memory. jieba and jionlp are measured when
installed (`pip install jionlp` in the bench environment only; it is no dependency).
Each figure is the best of --rounds passes over the whole corpus (one core).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "edu_news.jsonl"


def load(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def best_rate(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - t)
    return chars / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"corpus not found: {a.corpus}", file=sys.stderr)
        return 2
    texts = load(a.corpus)
    chars = sum(map(len, texts))
    print(f"corpus {a.corpus.name}: {len(texts)} documents, {chars:,} characters, best of {a.rounds}")

    import cnedu_extract as ce
    from cnedu_extract import extractor

    for text in texts[:50]:  # warm the caches (patterns, gazetteer, jieba dictionary)
        ce.extract(text)
    rates: dict[str, float] = {}
    rates["cnedu_extract.extract"] = best_rate(ce.extract, texts, a.rounds)
    records = sum(len(ce.extract(t)) for t in texts)

    real_link = extractor.linking.link
    # the core's records as Measurements without context
    extractor.linking.link = lambda text, recs, **kw: [
        ce.Measurement(*r[:9], sentence=r.sentence) for r in recs]
    try:
        rates["cnedu_extract core (no linking)"] = best_rate(ce.extract, texts, a.rounds)
    finally:
        extractor.linking.link = real_link

    try:
        import jieba

        jieba.setLogLevel(60)
        jieba.lcut("预热")
        rates["jieba.lcut"] = best_rate(jieba.lcut, texts, a.rounds)
    except ImportError:
        print("jieba not installed")
    try:
        import jionlp

        jionlp.ner.extract_money("预热1万元")
        rates["jionlp.ner.extract_money (spans only)"] = best_rate(
            lambda t: jionlp.ner.extract_money(t, with_parsing=False), texts, a.rounds)
        rates["jionlp.ner.extract_money (with values)"] = best_rate(
            lambda t: jionlp.ner.extract_money(t, with_parsing=True), texts, a.rounds)
    except ImportError:
        print("jionlp not installed: pip install jionlp (bench environment only)")

    ours = rates["cnedu_extract.extract"]
    for name, rate in rates.items():
        ratio = "" if name == "cnedu_extract.extract" else f"   extract() is {ours / rate:.2f}x this"
        print(f"{name:34s} {rate:>12,.0f} chars/s{ratio}")
    print(f"records: {records:,} ({records / len(texts):.1f} per document)")

    tracemalloc.start()
    for text in texts:
        ce.extract(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {rss:,.0f} MB RSS for the whole bench process (all tools loaded); "
          f"extract() allocates at most {peak / 2**20:,.1f} MB at once over the corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
