"""Throughput of extract() against other Chinese number tools, on the same texts.

    python bench/bench_extract.py [--corpus ../shared/corpus/edu_news.jsonl] [--rounds 3] [--folds 4]

Each tool runs in a fresh process, so that no tool profits from another's loaded data or caches.
The documents are dealt into --folds interleaved folds. Fold 0 warms the tool up (patterns
compiled, dictionaries loaded, caches partly filled); the other folds are then read once, as a
batch run meets documents it has not seen: that is the **first pass** figure, the one to quote.
The **repeated** figure is the best of --rounds further passes over the same documents; it
flatters tools that cache per phrase (ours does), so it is printed for comparison only.

Tools: cnedu_extract.extract (with linking), its core alone (linking switched off), jieba.lcut
and jionlp.ner.extract_money, the last two when installed (`pip install jionlp` in the bench
environment only; it is no dependency). Peak memory is each tool's own process.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "edu_news.jsonl"
TOOLS = ("extract", "core", "jieba", "jionlp")
LABELS = {
    "extract": "cnedu_extract.extract",
    "core": "cnedu_extract core (no linking)",
    "jieba": "jieba.lcut",
    "jionlp": "jionlp.ner.extract_money",
}


def load(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _tool(name: str) -> Callable[[str], object]:
    """The function a tool is measured by (imports happen here, in the tool's own process)."""
    if name in ("extract", "core"):
        import cnedu_extract as ce

        if name == "core":
            from cnedu_extract import extractor
            # the core's records as Measurements without context
            extractor.linking.link = lambda text, recs, **kw: [
                ce.Measurement(*r[:9], sentence=r.sentence) for r in recs]
        return ce.extract
    if name == "jieba":
        import jieba

        jieba.setLogLevel(60)
        return jieba.lcut
    if name == "jionlp":
        import jionlp

        return lambda t: jionlp.ner.extract_money(t, with_parsing=True)
    raise ValueError(name)


def measure(name: str, corpus: Path, rounds: int, folds: int) -> dict:
    """Run in the tool's own process: warm up on fold 0, time a first pass over the other
    folds, then the best of ``rounds`` repeated passes."""
    texts = load(corpus)
    warm = texts[0::folds]
    unseen = [t for k in range(1, folds) for t in texts[k::folds]]
    fn = _tool(name)
    for text in warm:
        fn(text)
    t = time.perf_counter()
    out = [fn(text) for text in unseen]
    first = time.perf_counter() - t
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for text in unseen:
            fn(text)
        best = min(best, time.perf_counter() - t)
    chars = sum(map(len, unseen))
    return {
        "chars": chars,
        "documents": len(unseen),
        "first": chars / first,
        "repeated": chars / best,
        "records": sum(map(len, out)) if name in ("extract", "core") else None,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--tool", choices=TOOLS, help=argparse.SUPPRESS)  # one tool, in this process
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"corpus not found: {a.corpus}", file=sys.stderr)
        return 2
    if a.tool:
        print(json.dumps(measure(a.tool, a.corpus, a.rounds, a.folds)))
        return 0

    results: dict[str, dict] = {}
    for name in TOOLS:
        cmd = [sys.executable, __file__, "--tool", name, "--corpus", str(a.corpus),
               "--rounds", str(a.rounds), "--folds", str(a.folds)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["failed"])[-1]
            print(f"{LABELS[name]}: not measured ({last})")
            continue
        results[name] = json.loads(run.stdout.strip().splitlines()[-1])
    if "extract" not in results:
        return 1
    ours = results["extract"]
    print(f"corpus {a.corpus.name}: {ours['documents']} documents not seen before ({ours['chars']:,} "
          f"characters; 1 in {a.folds} documents warmed each tool up); repeated = best of {a.rounds}")
    print(f"{'':34s} {'first pass':>14s} {'repeated':>14s}   peak RSS   extract() first pass is")
    for name, r in results.items():
        ratio = "" if name == "extract" else f"{ours['first'] / r['first']:.2f}x this"
        print(f"{LABELS[name]:34s} {r['first']:>8,.0f} c/s {r['repeated']:>8,.0f} c/s "
              f"{r['rss_mb']:>6,.0f} MB   {ratio}")
    print(f"records: {ours['records']:,} ({ours['records'] / ours['documents']:.1f} per document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
