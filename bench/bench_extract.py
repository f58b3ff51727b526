"""Throughput of extract() against other Chinese number tools, on the same texts.

    python bench/bench_extract.py [--corpus ../shared/corpus/edu_news.jsonl] [--rounds 3]
                                  [--warmup seeds|fold] [--folds 4] [--chunks 24]
                                  [--tools extract,core,jieba,jionlp] [--clock cpu|wall]
                                  [--gc-freeze] [--against REV]

Each tool runs in its own process, so that no tool profits from another's loaded data or
caches. The **strict first pass** (the default, the figure to quote): every tool warms up on
the four seed reports of ``corpus/seeds/`` only (patterns compiled, dictionaries loaded), then
reads every corpus document once, as a batch run meets documents it has not seen; each chunk
is timed by the CPU time of the tool's process (``time.process_time``), which the other
processes of a shared machine disturb far less than the wall clock. ``--warmup fold`` is the
older, gentler pass: fold 0 of --folds interleaved folds of the corpus warms up, the other folds
are read. The **repeated** figure is the best of --rounds further passes over the same
documents; it flatters tools that cache per phrase (ours does), so it is printed for
comparison only.

The tools take turns: the unseen documents are cut into --chunks pieces, and each piece is read
by every tool, one process at a time, before the next piece. A shared virtual machine changes
speed from one second to the next (seen here: the same pass 0.6 to 0.95 M chars/s in five
runs); taking turns puts every tool through the same slow and fast spells, so the ratios hold
where the absolute figures do not. The ratio of extract() to each tool is also printed for each
quarter of the first pass, to show how far it moves.

``--gc-freeze`` freezes each tool's process after its warm-up (``gc.freeze()``), as our batch
workers do (``batch/worker.py``): the loaded dictionaries then leave the collector's generations.
Every tool gets the same treatment; off by default, so the strict figure stays that of a plain
process.

``--against REV`` adds ``extract()`` of an earlier commit (``git archive`` of REV, imported first
in its own process) as one more tool taking turns: a speed change is measured against the code
it changes in the same run, chunk by chunk, rather than against figures of another day.

Tools: cnedu_extract.extract (with linking), its core alone (linking switched off), jieba.lcut
and jionlp.ner.extract_money, the last two when installed (`pip install jionlp` in the bench
environment only; it is no dependency). Peak memory is each tool's own process.
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import subprocess
import tarfile
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "edu_news.jsonl"
SEEDS = REPO / "corpus" / "seeds"
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


def split(texts: list[str], folds: int, chunks: int) -> tuple[list[str], list[list[str]]]:
    """The warm-up texts and the measured ones cut into ``chunks`` pieces of about equal size:
    with ``folds`` 0 the seed reports warm up and every text is measured; else fold 0 warms up
    and the other folds are measured."""
    if folds == 0:
        warm = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        unseen = list(texts)
    else:
        warm = texts[0::folds]
        unseen = [t for k in range(1, folds) for t in texts[k::folds]]
    chunks = max(1, min(chunks, len(unseen)))
    return warm, [unseen[k::chunks] for k in range(chunks)]


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


def serve(name: str, corpus: Path, folds: int, chunks: int, clock: str = "cpu",
          freeze: bool = False) -> None:
    """A tool's process: warm up, say ready, then time each chunk it is asked to read."""
    timer = time.process_time if clock == "cpu" else time.perf_counter
    warm, parts = split(load(corpus), folds, chunks)
    fn = _tool(name)
    for text in warm:
        fn(text)
    if freeze:
        gc.freeze()
    _reply({"ready": True})
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "read":
            part = parts[cmd["chunk"]]
            t = timer()
            out = [fn(text) for text in part]
            seconds = timer() - t
            records = sum(map(len, out)) if name in ("extract", "core") else None
            _reply({"seconds": seconds, "records": records})
        else:
            _reply({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
            return


_MARK = "@bench "  # starts the bench's own lines: a tool may print to stdout too (jionlp does)


def _reply(msg: dict) -> None:
    sys.stdout.write(_MARK + json.dumps(msg) + "\n")
    sys.stdout.flush()


class Worker:
    """The bench's end of one tool's process."""

    def __init__(self, name: str, corpus: Path, folds: int, chunks: int, clock: str,
                 freeze: bool = False, code: Path | None = None, key: str | None = None) -> None:
        self.name = name
        self.key = key or name  # the row it is reported in (``extract@REV`` for --against)
        env = None
        if code is not None:  # an exported commit, imported before the installed package
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                [str(code)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
        cmd = [sys.executable, __file__, "--serve", name, "--corpus", str(corpus),
               "--folds", str(folds), "--chunks", str(chunks), "--clock", clock]
        if freeze:
            cmd.append("--gc-freeze")
        self.err = tempfile.TemporaryFile("w+")  # a pipe left unread could fill and stall the tool
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err, text=True, env=env)

    def ask(self, **cmd: object) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if cmd:
            self.proc.stdin.write(json.dumps(cmd) + "\n")
            self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith(_MARK):
                return json.loads(line[len(_MARK):])
        self.proc.wait()
        self.err.seek(0)
        raise RuntimeError((self.err.read().strip().splitlines() or ["the process ended"])[-1])


def run(tools: list[str], corpus: Path, folds: int, chunks: int, rounds: int,
        clock: str = "cpu", freeze: bool = False,
        against: tuple[str, Path] | None = None) -> dict[str, dict]:
    """Time every tool on the same chunks, taking turns; returns per tool its chunk times.
    ``against`` (a commit and its exported tree) adds that commit's extract() as a tool."""
    workers: list[Worker] = []
    specs: list[tuple[str, Path | None, str | None]] = [(name, None, None) for name in tools]
    if against is not None:
        specs.insert(1, ("extract", against[1], f"extract@{against[0]}"))
    for name, code, key in specs:
        w = Worker(name, corpus, folds, chunks, clock, freeze, code, key)
        try:
            w.ask()  # ready: loaded and warmed up
            workers.append(w)
        except RuntimeError as e:
            print(f"{_label(w.key)}: not measured ({e})")
            w.proc.kill()
    n = len(split(load(corpus), folds, chunks)[1])
    times = {w.key: [[0.0] * n for _ in range(1 + rounds)] for w in workers}
    records = {w.key: 0 for w in workers}
    for r in range(1 + rounds):  # round 0 is the first pass
        for k in range(n):
            turn = workers[k % len(workers):] + workers[:k % len(workers)]  # who goes first rotates
            for w in turn:
                reply = w.ask(op="read", chunk=k)
                times[w.key][r][k] = reply["seconds"]
                if r == 0 and reply["records"] is not None:
                    records[w.key] += reply["records"]
    out = {}
    for w in workers:
        out[w.key] = {"first": times[w.key][0], "repeated": times[w.key][1:],
                      "records": records[w.key], "rss_mb": w.ask(op="rss")["rss_mb"]}
        w.proc.wait()
    return out


def _label(key: str) -> str:
    return LABELS.get(key) or f"{LABELS['extract']} at {key.split('@', 1)[1]}"


def export(rev: str, into: Path) -> Path:
    """The package of commit ``rev`` of this repository, written under ``into`` (``git archive``:
    the commit as it was, not the working tree)."""
    data = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="tar")
    return into


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", choices=("seeds", "fold"), default="seeds",
                    help="seeds: the strict first pass (default); fold: fold 0 of the corpus warms up")
    ap.add_argument("--folds", type=int, default=4, help="with --warmup fold: how many folds")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="time each chunk by the process's CPU time (default) or the wall clock")
    ap.add_argument("--chunks", type=int, default=24)
    ap.add_argument("--gc-freeze", action="store_true",
                    help="freeze each tool's process after its warm-up, as batch workers do")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, from " + ", ".join(TOOLS))
    ap.add_argument("--against", metavar="REV",
                    help="also time extract() of this commit (git archive), taking turns")
    ap.add_argument("--serve", choices=TOOLS, help=argparse.SUPPRESS)  # a tool's own process
    a = ap.parse_args(argv)
    if a.warmup == "seeds" and not a.serve:
        a.folds = 0  # passed on to the tools' processes: the seeds warm up, every document is read
    if not a.corpus.exists():
        print(f"corpus not found: {a.corpus}", file=sys.stderr)
        return 2
    if a.serve:
        serve(a.serve, a.corpus, a.folds, a.chunks, a.clock, a.gc_freeze)
        return 0
    tools = [t for t in a.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or "extract" not in tools:
        print(f"--tools: needs extract and names from {', '.join(TOOLS)}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        against = None
        if a.against:
            try:
                against = (a.against, export(a.against, Path(tmp)))
            except subprocess.CalledProcessError as e:
                print(f"--against {a.against}: {e.stderr.decode().strip()}", file=sys.stderr)
                return 2
        results = run(tools, a.corpus, a.folds, a.chunks, a.rounds, a.clock, a.gc_freeze, against)
    if "extract" not in results:
        return 1
    _, parts = split(load(a.corpus), a.folds, a.chunks)
    sizes = [sum(map(len, p)) for p in parts]
    chars, docs = sum(sizes), sum(map(len, parts))
    quarters = [range(q * len(parts) // 4, (q + 1) * len(parts) // 4) for q in range(4)]
    ours = results["extract"]

    def rate(seconds: list[float]) -> float:
        return chars / sum(seconds)

    warmed = "the seed reports warmed each tool up" if a.folds == 0 else \
        f"1 in {a.folds} documents warmed each tool up"
    print(f"corpus {a.corpus.name}: {docs} documents not seen before ({chars:,} characters; "
          f"{warmed}); the tools took turns on {len(parts)} chunks, timed by "
          f"{'CPU time' if a.clock == 'cpu' else 'the wall clock'}; repeated = best of {a.rounds}"
          f"{'; each process frozen after its warm-up' if a.gc_freeze else ''}")
    print(f"{'':34s} {'first pass':>14s} {'repeated':>14s}   peak RSS   extract() first pass is")
    for name, r in results.items():
        ratio = ""
        if name != "extract":
            whole = sum(r["first"]) / sum(ours["first"])
            by_quarter = [sum(r["first"][k] for k in q) / sum(ours["first"][k] for k in q)
                          for q in quarters if len(q)]
            ratio = f"{whole:.2f}x this (quarters {min(by_quarter):.2f}-{max(by_quarter):.2f})"
        best = min(r["repeated"], key=sum) if r["repeated"] else r["first"]
        print(f"{_label(name):34s} {rate(r['first']):>8,.0f} c/s {rate(best):>8,.0f} c/s "
              f"{r['rss_mb']:>6,.0f} MB   {ratio}")
    print(f"records: {ours['records']:,} ({ours['records'] / docs:.1f} per document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
