"""Screenshot ``cnedu_extract.render()`` of a seed report in headless Chromium.

    python bench/render_png.py                       # -> examples/render.png (the README picture)
    python bench/render_png.py --doc 001 --paragraphs 6 --out /tmp/render.png

Needs Chromium and a CJK font (Debian: ``apt-get install -y chromium fonts-noto-cjk``).
Exit status 2 when no Chromium is found.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "corpus" / "seeds"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
            "chrome-headless-shell")


def find_chromium() -> str | None:
    """The first Chromium-like browser on PATH, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def excerpt(doc: str, paragraphs: int) -> tuple[str, list]:
    """The run of ``paragraphs`` lines of a seed report richest in figures, with its records.

    Records come from the whole report (so the home region from its title still applies) and
    are shifted to the excerpt's offsets.
    """
    import cnedu_extract as ce

    path = next(p for p in sorted(SEEDS.glob("*.txt")) if p.stem.startswith(doc))
    text = path.read_text(encoding="utf-8")
    records = ce.extract(text, path.stem)
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1

    def inside(a: int, b: int) -> list:
        return [r for r in records if a <= r.start and r.end <= b]

    best = max(range(max(len(lines) - paragraphs + 1, 1)),
               key=lambda i: len(inside(lines[i][0], lines[min(i + paragraphs, len(lines)) - 1][1])))
    shown = lines[best:best + paragraphs]
    start, end = shown[0][0], shown[-1][1]
    # keep the paragraphs, drop the blank lines between them
    pieces, shifted, out_pos = [], [], 0
    for a, b in shown:
        for r in inside(a, b):
            shifted.append(r.with_context(start=r.start - a + out_pos, end=r.end - a + out_pos))
        pieces.append(text[a:b])
        out_pos += b - a + 1
    assert start <= end
    return "\n".join(pieces), shifted


def page(text: str, records: list | None = None) -> str:
    import cnedu_extract as ce
    return ce.render(text, records, page=True)


def screenshot(html: str, out: Path, *, width: int = 1000, height: int = 1200,
               chromium: str | None = None, timeout: float = 120) -> Path:
    """Write ``html`` to a temp file and let headless Chromium save a PNG of it to ``out``."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("no Chromium found: apt-get install -y chromium fonts-noto-cjk")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cnedu-render-") as tmp:
        src = Path(tmp) / "render.html"
        src.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"  # a fresh profile: no state shared with other runs
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
               f"--user-data-dir={profile}", f"--screenshot={out}",
               f"--window-size={width},{height}", src.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doc", default="000", help="seed file name prefix (default 000)")
    ap.add_argument("--paragraphs", type=int, default=6, help="paragraphs of the report to show")
    ap.add_argument("--out", type=Path, default=REPO / "examples" / "render.png")
    ap.add_argument("--width", type=int, default=1000)
    ap.add_argument("--height", type=int, default=1200)
    args = ap.parse_args(argv)
    if find_chromium() is None:
        print("no Chromium on PATH: apt-get install -y chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    text, records = excerpt(args.doc, args.paragraphs)
    out = screenshot(page(text, records), args.out,
                     width=args.width, height=args.height)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
