"""An audit of a document's figures against each other: what a careful reader of a
statistics bulletin checks by hand.

    >>> import cnedu_extract as ce
    >>> [f.rule for f in ce.audit(ce.extract("义务教育巩固率393.4%。"))]
    ['share_above_100']

Rules (each finding names its records, the arithmetic and the tolerance):

- ``level_change_growth``: a level, its change and its growth in one clause (全市共有幼儿园482所,
  比上年增加17所, 增长3.7%) disagree beyond the rounding of their written digits: the base is
  level − change, the growth change ÷ base; a rise larger than the level leaves no base.
- ``share_above_100``: a share (巩固率, 合格率, 占比) above 100 %, often a footnote number
  flattened into the figure (巩固率³93.4% → 巩固率393.4%).
- ``parts_exceed_total``: the parts after 其中 add up to more than their total.
- ``from_to_direction``: 从…增长到… whose second figure is lower (or 下降到 higher).

Records are ``Measurement`` objects or their dicts; ``aspect`` and ``direction`` are the
records' own (``linking/changes.py`` reads them), a record without them is a level.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Iterable, Mapping

from .lexicon import load_toml

_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CLAUSE_END = "；;。！？!?"
_LOOSE = 2  # 约700万, 51万余: a figure written as approximate is good to a whole last digit
_PHRASE_END = "，,；;：:。！？!?、（）()"


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement among a document's figures."""

    rule: str
    doc_id: str | None
    records: tuple[tuple[str | None, int, str], ...]  # (doc_id, start, text) of each record
    arithmetic: str
    tolerance: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "doc_id": self.doc_id,
                "records": [{"doc_id": d, "start": s, "text": t} for d, s, t in self.records],
                "arithmetic": self.arithmetic, "tolerance": self.tolerance}


@dataclass
class _Fig:
    """A record as the audit reads it: where it sits in its sentence, and its reading."""

    doc_id: str | None
    start: int
    text: str
    value: float
    unit: str
    metric: str
    sentence: str
    at: int            # offset of the figure in its sentence (-1: not found)
    aspect: str        # level, change, growth
    direction: str | None
    half: float        # half a unit of the last written digit, in the record's unit
    kind: str = ""
    qualifier: str = "exact"

    @property
    def ref(self) -> tuple[str | None, int, str]:
        return (self.doc_id, self.start, self.text)

    def before(self, stop: str = _PHRASE_END) -> str:
        """The words of the sentence before the figure, back to a clause mark."""
        if self.at < 0:
            return ""
        head = self.sentence[:self.at]
        cut = max(head.rfind(ch) for ch in stop)
        return head[cut + 1:].strip()


@cache
def _words() -> dict[str, Any]:
    d = load_toml("audit.toml")
    ch = d["change"]
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
    return {
        "up": frozenset(ch["up"]),
        "from": tuple(ch["from_words"]),
        "between": re.compile(rf"(?:{alt(ch['up'] + ch['down'])})(?:{alt(ch['reached'])})"),
        "share_endings": tuple(d["share"]["endings"]),
        "may_exceed": tuple(d["share"]["may_exceed"]),
        "share_verbs": tuple(d["share"]["verbs"]),
        "subtotal": tuple(d["subtotal"]["markers"]),
        "subtotal_kinds": frozenset(d["subtotal"]["kinds"]),
        "not_totals": tuple(d["subtotal"]["not_totals"]),
    }


def _get(r: Any, key: str) -> Any:
    return r.get(key) if isinstance(r, Mapping) else getattr(r, key, None)


def _half_unit(text: str, value: float) -> float:
    """Half a unit of the last written digit (23.98万 → 50): the rounding of the figure."""
    m = _DIGITS.search(text.translate(_WIDE).replace(",", ""))
    if m is None:
        return 0.0  # 两万: a Chinese numeral is exact as written
    try:
        written = Decimal(m.group())
    except InvalidOperation:
        return 0.0
    if written == 0:
        return 0.0
    scale = abs(value) / float(written)
    return 0.5 * 10.0 ** written.as_tuple().exponent * scale


def _figures(records: Iterable[Any]) -> dict[str | None, list[_Fig]]:
    """The records of each document in text order, located in their sentences."""
    by_doc: dict[str | None, list[Any]] = defaultdict(list)
    for r in records:
        if _get(r, "value_max") is None and _get(r, "value") is not None:
            by_doc[_get(r, "doc_id")].append(r)
    out: dict[str | None, list[_Fig]] = {}
    for doc_id, rs in by_doc.items():
        rs.sort(key=lambda r: int(_get(r, "start")))
        figs: list[_Fig] = []
        last_at: dict[str, int] = {}
        for r in rs:
            sentence, text = _get(r, "sentence") or "", _get(r, "text") or ""
            at = sentence.find(text, last_at.get(sentence, 0)) if text else -1
            if at < 0 and text:
                at = sentence.find(text)  # the sentence again, repeated further on in the text
            if at >= 0:
                last_at[sentence] = at + len(text)
            value, unit = float(_get(r, "value")), _get(r, "unit") or ""
            qualifier = _get(r, "qualifier") or "exact"
            half = _half_unit(text, value) * (1 if qualifier == "exact" else _LOOSE)
            f = _Fig(doc_id, int(_get(r, "start")), text, value, unit, _get(r, "metric") or "",
                     sentence, at, "level", None, half, _get(r, "kind") or "", qualifier)
            f.aspect, f.direction = _get(r, "aspect") or "level", _get(r, "direction")
            figs.append(f)
        out[doc_id] = figs
    return out


def audit(records: Iterable[Any]) -> list[Finding]:
    """Findings over the records of one or more documents, by document then position."""
    out: list[Finding] = []
    for figs in _figures(records).values():
        out += _level_change_growth(figs)
        out += _shares(figs)
        out += _parts(figs)
        out += _from_to(figs)
    return sorted(out, key=lambda f: (str(f.doc_id), f.records[0][1], f.rule))


def _same_sentence(a: _Fig, b: _Fig) -> bool:
    """Whether b follows a in the same sentence (not in a repetition of it further on)."""
    return (a.sentence == b.sentence and 0 <= a.at < b.at
            and b.start - a.start == b.at - a.at)


def _same_clause(a: _Fig, b: _Fig) -> bool:
    """Whether b follows a in one sentence with no clause mark (；。) between them."""
    if not _same_sentence(a, b):
        return False
    return not any(ch in a.sentence[a.at + len(a.text):b.at] for ch in _CLAUSE_END)


def _fmt(x: float) -> str:
    """A value as plain digits (704000000, 3.66), never in exponent form."""
    return f"{x:.4f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _level_change_growth(figs: list[_Fig]) -> list[Finding]:
    out = []
    for i, level in enumerate(figs):
        if level.aspect != "level" or level.unit in ("%", "百分点") or level.at < 0:
            continue
        change = growth = None
        for f in figs[i + 1:]:
            if not _same_clause(level, f) or f.aspect == "level":
                break
            if f.aspect == "change" and f.unit == level.unit and change is None:
                if f.metric and level.metric and f.metric != level.metric:
                    break  # 24个专业, 专业布点增加1207个: the change is of another quantity
                change = f
            elif f.aspect == "growth" and f.unit == "%" and growth is None:
                growth = f
        if change is None or change.direction is None:
            continue
        sign = 1 if change.direction == "up" else -1
        c, L = abs(change.value), level.value
        base = L - sign * c
        if base + level.half + change.half <= 0:
            out.append(Finding("level_change_growth", level.doc_id, (level.ref, change.ref),
                               f"base = {_fmt(L)} − {_fmt(c)} = {_fmt(base)} < 0: "
                               "the rise is larger than the level it rose to",
                               f"±{_fmt(level.half + change.half)} from the written digits"))
            continue
        if growth is None or growth.direction is None:
            continue
        # the growth the level and change give, over the rounding of their written digits
        lo_c, hi_c = max(c - change.half, 0.0), c + change.half
        lo_l, hi_l = L - level.half, L + level.half
        g_lo = lo_c / (hi_l - sign * lo_c) * 100
        g_hi = hi_c / (lo_l - sign * hi_c) * 100
        g = abs(growth.value)
        g_written = (g - growth.half, g + growth.half)
        if growth.direction != change.direction or g_written[1] < g_lo or g_written[0] > g_hi:
            out.append(Finding(
                "level_change_growth", level.doc_id, (level.ref, change.ref, growth.ref),
                f"base = {_fmt(L)} {'−' if sign > 0 else '+'} {_fmt(c)} = {_fmt(base)}; "
                f"growth = {'' if sign > 0 else '−'}{_fmt(c)} ÷ {_fmt(base)} = "
                f"{'' if sign > 0 else '−'}{c / base * 100:.2f}%; written "
                f"{'' if growth.direction == 'up' else '−'}{_fmt(g)}%",
                f"growth {g_lo:.2f}%…{g_hi:.2f}% from the written digits of level and change, "
                f"written growth ±{_fmt(growth.half)}"))
    return out


def _is_share(f: _Fig) -> bool:
    w = _words()
    name = f.metric or f.before()
    if any(name.endswith(x) or x in name for x in w["may_exceed"]):
        return False
    return name.endswith(w["share_endings"]) or any(
        v in f.before() for v in w["share_verbs"])


def _shares(figs: list[_Fig]) -> list[Finding]:
    return [Finding("share_above_100", f.doc_id, (f.ref,),
                    f"{f.metric or 'share'} = {_fmt(f.value)}% > 100%",
                    f"±{_fmt(f.half)} from the written digits")
            for f in figs
            if f.unit == "%" and f.aspect == "level" and f.value - f.half > 100 and _is_share(f)]


def _parts(figs: list[_Fig]) -> list[Finding]:
    out = []
    w = _words()
    markers = w["subtotal"]
    for i, f in enumerate(figs):
        if (f.at < 0 or f.aspect != "level" or f.kind not in w["subtotal_kinds"]
                or f.qualifier in ("over", "approx") or _from_figure(f, figs[i + 1:i + 2])
                or any(x in (f.metric or f.before()) for x in w["not_totals"])):
            continue  # 两次以上, 平均学费6397美元, 由60万人降至…: no total to add parts to
        # the clause after this figure up to the next figure of the same unit
        later = [g for g in figs[i + 1:] if _same_sentence(f, g)]
        nxt = next((g for g in later if g.unit == f.unit), None)
        if nxt is None:
            continue
        gap = f.sentence[f.at + len(f.text):nxt.at]
        hit = max((gap.rfind(m), m) for m in markers)
        if hit[0] < 0 or any(ch in gap[hit[0]:] for ch in _CLAUSE_END):
            continue
        # the parts: levels of the unit after 其中, up to the end of the clause
        parts = []
        for g in later:
            if g.at < nxt.at:
                continue
            if any(ch in f.sentence[f.at:g.at] for ch in _CLAUSE_END):
                break
            if g.unit == f.unit and g.aspect == "level" and not _from_figure(g, later):
                parts.append(g)  # 其中…由15万人减少至2.7万人: the part is where it went
        if not parts:
            continue
        total = sum(p.value for p in parts)
        slack = f.half + sum(p.half for p in parts)
        if total - slack > f.value:
            out.append(Finding("parts_exceed_total", f.doc_id, (f.ref, *(p.ref for p in parts)),
                               " + ".join(_fmt(p.value) for p in parts)
                               + f" = {_fmt(total)} > {_fmt(f.value)} (the total before {hit[1]})",
                               f"±{_fmt(slack)} from the written digits"))
    return out


def _from_figure(f: _Fig, figs: list[_Fig]) -> bool:
    """Whether ``f`` is where a 由…减少至… or 从…增长到… starts (the next figure is where it went)."""
    nxt = next((g for g in figs if g.start > f.start), None)
    if nxt is None or not _same_clause(f, nxt):
        return False
    return _words()["between"].search(f.sentence[f.at + len(f.text):nxt.at]) is not None


def _from_to(figs: list[_Fig]) -> list[Finding]:
    out = []
    w = _words()
    for a, b in zip(figs, figs[1:]):
        if a.unit != b.unit or a.aspect != "level" or b.aspect != "level" or not _same_clause(a, b):
            continue
        if not any(x in a.before() for x in w["from"]):
            continue
        m = w["between"].search(a.sentence[a.at + len(a.text):b.at])
        if m is None:
            continue
        up = any(m.group().startswith(v) for v in w["up"])
        slack = a.half + b.half
        if (up and b.value + slack < a.value) or (not up and b.value - slack > a.value):
            out.append(Finding("from_to_direction", a.doc_id, (a.ref, b.ref),
                               f"{m.group()}: {_fmt(a.value)} → {_fmt(b.value)} is a "
                               f"{'fall' if up else 'rise'}",
                               f"±{_fmt(slack)} from the written digits"))
    return out


def audit_file(path: str, fmt: str) -> tuple[int, str]:
    """Audit an output file; the findings go to ``<path>.audit.jsonl``. (count, that path)."""
    from .frames import read_record_dicts
    findings = audit(read_record_dicts(path, fmt))
    out = path + ".audit.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for finding in findings:
            f.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
    return len(findings), out
