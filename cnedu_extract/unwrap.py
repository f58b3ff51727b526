"""Hard-wrapped text: newspaper archives of the 1990s break every line at a fixed width.

    新华社西安５月１１日电（通讯员朱智堂）空军工程
                 学院４８１名应届毕业生全部表示服从组织分配，其中有

Such a break is no sentence end and can fall inside a number (总数约１６０⏎ ０万人). ``unwrap``
joins the lines that were broken for width and keeps a map back to the text's own offsets, so
that extraction reads the prose as written and its records still point into the caller's text.
A text is taken as hard-wrapped only when most of its lines fill the same width; a line shorter
than that width ends a paragraph and keeps its break.
"""
from __future__ import annotations

_MIN_LINES = 6      # fewer lines say nothing about a width
_MIN_WIDTH = 30     # narrower "lines" (in columns) are lists or tables (定价：35.00元 under a title)
_MAX_WIDTH = 160    # wider lines are paragraphs written on one line
_FULL_SHARE = 0.5   # the share of lines that must fill the width
_MIN_FILLED = 3     # and at least this many
_SAMPLE = 40        # lines read to tell the width
_SPACE = " \t\u3000"


def _columns(lines: list[str]) -> list[int]:
    """The width of each line as printed, indentation included (a paragraph's first line is
    indented deeper and holds fewer characters, but fills the same columns); a blank line is
    0 wide. A character of three UTF-8 bytes (CJK, full-width forms) takes two columns, an
    ASCII one one: counted from the encoded length, a C-level step, not per character."""
    out = []
    for line in lines:
        line = line.rstrip(_SPACE)  # a line of spaces only is left empty
        n = len(line)
        out.append(n + (len(line.encode("utf-8")) - n) // 2)
    return out


def unwrap(text: str) -> tuple[str, list[int]] | None:
    """(the text with its width breaks joined, the offset in ``text`` of each character of it),
    or None when the text is not hard-wrapped."""
    if text.count("\n") < _MIN_LINES:
        return None
    # the width is told by the first lines; a long text is split whole only once it is wrapped
    head = _columns(text.split("\n", _SAMPLE)[:_SAMPLE])
    widths: dict[int, int] = {}  # how many lines fill each width (a dict: a Counter costs more)
    for n in head:
        if _MIN_WIDTH <= n <= _MAX_WIDTH:
            widths[n] = widths.get(n, 0) + 1
    if not widths:
        return None
    width = max(widths, key=widths.__getitem__)  # the most common, the first seen of a tie
    filled = sum(1 for n in head if width - 2 <= n <= width)
    if filled < _MIN_FILLED or filled < _FULL_SHARE * sum(1 for n in head if n):
        return None
    lines = text.split("\n")
    lengths = head if len(head) == len(lines) else _columns(lines)
    out: list[str] = []
    back: list[int] = []
    pos = 0
    last = len(lines) - 1
    joined_before = False
    for k, line in enumerate(lines):
        n = len(line)
        # the indent of a continued line is dropped
        start = pos + n - len(line.lstrip(_SPACE)) if joined_before else pos
        before = lengths[k]
        if k == last:
            joins_after = False
        elif width - 2 <= before <= width:
            # a break made for width: the line fills it (a half-width character may leave one
            # column) and a line follows
            joins_after = lengths[k + 1] > 0
        else:
            joins_after = _runs_on(line, lines[k + 1], before, width)
        # a joined line loses its trailing spaces, any other keeps its line end
        end = pos + len(line.rstrip(_SPACE)) if joins_after else pos + n + (k < last)
        out.append(text[start:end])
        back.extend(range(start, end))
        pos += n + 1
        joined_before = joins_after
    return "".join(out), back


_SHORT = 8          # columns a run-on line may fall short of the width (full-width digits)
_ENDS = "。！？!?：:；;”」』）)…"


def _runs_on(line: str, after: str, before: int, width: int) -> bool:
    """Whether a line a few columns short of the width runs on into the next: it starts flush
    (a title is centred), ends in no sentence mark and the next line is not indented (a
    dateline set with wide digits:
    新华社合肥５月１８日电（通讯员杨积涵）安徽省蚌⏎埠市在城乡…)."""
    return (width - _SHORT <= before < width - 2 and line.rstrip(_SPACE)[-1:] not in _ENDS
            and line[:1] not in _SPACE and after[:1] not in _SPACE and after.strip() != "")

