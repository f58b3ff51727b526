"""``render(text)``: the text as HTML with every figure and its linked entities highlighted.

Each figure is a ``<mark class="cnedu-fig">`` coloured by kind, labelled with its kind and the
region/school/program it is linked to, with value, unit, kind, qualifier, metric, year, a change's
aspect, direction and base (and the
rest of the record) in its hover tooltip.  Regions, schools and programs are underlined; those a
figure is linked to are filled.  Labels are drawn from ``data-tag`` by CSS, so copying the text
copies the text only.  Everything taken from the input is HTML-escaped.  No JavaScript: the
output survives notebook sanitisers and static viewers.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .collection import as_dicts, format_value

__all__ = ["render", "RenderedHTML", "KIND_COLOURS"]

KIND_COLOURS = {
    "money": "#ffd166", "people": "#9ad1f5", "person_time": "#b8c5ff", "percent": "#a7e3a1",
    "institution": "#f7b2c1", "count": "#d9c2f0", "ratio": "#ffc7a1", "rank": "#f4e285",
    "duration": "#c7e9e4", "area": "#d7e8a8", "other": "#dddddd",
}
ENTITY_COLOURS = {"REGION": "#2a7ab0", "SCHOOL": "#b0412a", "PROGRAM": "#2a8f4a"}
_LINK_FIELDS = (("region", "REGION"), ("school", "SCHOOL"), ("program", "PROGRAM"))
_FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
          '"WenQuanYi Micro Hei", sans-serif')

_CSS = """
.cnedu-render{font-family:%(fonts)s;line-height:2.3;font-size:15px;color:#222;max-width:60em}
.cnedu-render .cnedu-text{white-space:pre-wrap}
.cnedu-render .cnedu-fig{background:var(--c);border-radius:4px;padding:1px 3px;margin:0 1px;
 box-decoration-break:clone;-webkit-box-decoration-break:clone;color:inherit}
.cnedu-render .cnedu-fig::after{content:attr(data-tag);font-size:10px;font-weight:600;
 margin-left:4px;padding:0 3px;border-radius:3px;background:rgba(255,255,255,.75);
 vertical-align:1px;white-space:nowrap;color:#333}
.cnedu-render .cnedu-ent{border-bottom:2px dotted var(--e);padding-bottom:1px}
.cnedu-render .cnedu-ent.cnedu-linked{border-bottom-style:solid;
 background:color-mix(in srgb,var(--e) 14%%,transparent)}
.cnedu-render .cnedu-legend{font-size:12px;line-height:1.8;margin-top:8px;color:#555}
.cnedu-render .cnedu-legend span{padding:0 5px;border-radius:3px;margin-right:6px}
"""


class RenderedHTML(str):
    """A ``str`` of HTML that Jupyter displays rendered (``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # ties on equal offsets: entities (0) wrap figures (1)
    open: str
    close: str


def render(text: Any, records: Any = None, *, entities: Any = None, doc_id: str | None = None,
           title: str | None = None, date: str | None = None, page: bool = False,
           legend: bool = True) -> RenderedHTML:
    """HTML of ``text`` with its figures and linked regions, schools and programs highlighted.

    ``text`` may also be a spaCy Doc from the ``cnedu_measurements`` pipe (its records and
    entity spans are used).  ``records`` defaults to ``extract(text, doc_id, title=, date=)``,
    ``entities`` to ``linking.find_entities(text, title=)``; names a record is linked to but no
    entity covers are found by their literal occurrences.  ``page=True`` returns a whole HTML
    document (UTF-8), for browsers and screenshots.
    """
    if hasattr(text, "spans") and getattr(text, "_", None) is not None:  # spaCy Doc
        doc = text
        text = doc.text
        if records is None:
            records = as_dicts(doc)
        if entities is None and "cnedu_entities" in doc.spans:
            entities = [(s.start_char, s.end_char, s.label_, s.kb_id_ or s.text)
                        for s in doc.spans["cnedu_entities"]]
    if not isinstance(text, str):
        raise TypeError(f"render() needs a str or a processed spaCy Doc, got {type(text).__name__}")
    if records is None:
        import cnedu_extract  # the package's extract(), whichever module provides it
        records = cnedu_extract.extract(text, doc_id, title=title, date=date)
    rows = as_dicts(records)
    if entities is None:
        from ..linking import find_entities
        entities = find_entities(text, title=title)
    ents = [tuple(e)[:4] for e in entities]
    ents += _literal_links(text, rows, ents)

    linked = {(label, r[field]) for r in rows for field, label in _LINK_FIELDS if r.get(field)}
    spans = [_figure_span(r) for r in sorted(rows, key=lambda r: (r["start"], -r["end"]))]
    spans += [_entity_span(s, e, label, name, (label, name) in linked)
              for s, e, label, name in sorted(ents, key=lambda e: (e[0], -e[1]))]
    body = _markup(text, _nestable(spans, len(text)))
    kinds = sorted({r["kind"] for r in rows}, key=list(KIND_COLOURS).index)
    parts = [f"<style>{_CSS % {'fonts': _FONTS}}</style>",
             f'<div class="cnedu-text">{body}</div>']
    if legend:
        parts.append(_legend(kinds, len(rows), ents))
    out = f'<div class="cnedu-render">{"".join(parts)}</div>'
    if page:
        out = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
               '<title>cnedu_extract</title></head>'
               f'<body style="margin:16px;background:#fff">{out}</body></html>')
    return RenderedHTML(out)


def _literal_links(text: str, rows: list[dict[str, Any]], ents: list[tuple]) -> list[tuple]:
    """Occurrences of linked names (as written) that no given entity span covers."""
    known = {name for _, _, _, name in ents}
    out = []
    for field, label in _LINK_FIELDS:
        for name in sorted({r[field] for r in rows if r.get(field)} - known, key=len, reverse=True):
            i = text.find(name)
            while i >= 0:
                out.append((i, i + len(name), label, name))
                i = text.find(name, i + len(name))
    return out


def _figure_span(r: dict[str, Any]) -> _Span:
    kind = r.get("kind") or "other"
    links = [_short(r[f]) for f, _ in _LINK_FIELDS if r.get(f)]
    tag = " · ".join([kind, *links])
    tip = [f"value: {format_value(r.get('value'), r.get('value_max'))} {r.get('unit') or ''}",
           f"kind: {kind}", f"qualifier: {r.get('qualifier')}"]
    for key in ("metric", "year", "period", "region", "school", "program"):
        if r.get(key) is not None:
            tip.append(f"{key}: {r[key]}")
    if r.get("aspect") not in (None, "level") or r.get("base") is not None:
        # a change or growth says which way and against what (change: up, 比 上年 (2020))
        move = " ".join(str(r[k]) for k in ("aspect", "direction") if r.get(k))
        base = f"{r['base']} ({r['base_year']})" if r.get("base_year") is not None else r.get("base")
        tip.append(f"{move}, base: {base}" if base else move)
    attrs = (f'class="cnedu-fig cnedu-{_attr(kind)}" style="--c:{KIND_COLOURS.get(kind, "#ddd")}" '
             f'data-kind="{_attr(kind)}" data-value="{_attr(r.get("value"))}" '
             f'data-unit="{_attr(r.get("unit"))}" data-tag="{_attr(tag)}" '
             f'title="{_attr(chr(10).join(tip))}"')
    return _Span(r["start"], r["end"], 1, f"<mark {attrs}>", "</mark>")


def _short(name: str, size: int = 12) -> str:
    """A label-sized name: long program names are cut (the tooltip has them whole)."""
    name = str(name)
    return name if len(name) <= size else name[:size - 1] + "…"


def _entity_span(start: int, end: int, label: str, name: str, linked: bool) -> _Span:
    cls = "cnedu-ent cnedu-linked" if linked else "cnedu-ent"
    attrs = (f'class="{cls}" style="--e:{ENTITY_COLOURS.get(label, "#666")}" '
             f'data-label="{_attr(label)}" data-name="{_attr(name)}" '
             f'title="{_attr(f"{label}: {name}" + (" (linked)" if linked else ""))}"')
    return _Span(start, end, 0, f"<span {attrs}>", "</span>")


def _attr(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _nestable(spans: list[_Span], size: int) -> list[_Span]:
    """Spans in order, dropping any that would cross an earlier kept one (figures come first)."""
    kept: list[_Span] = []
    for s in spans:
        if not 0 <= s.start < s.end <= size:
            continue
        if all(s.end <= k.start or k.end <= s.start
               or (s.start <= k.start and k.end <= s.end and s.rank < k.rank)
               or (k.start <= s.start and s.end <= k.end and k.rank < s.rank)
               for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: (s.start, -s.end, s.rank))


def _markup(text: str, spans: list[_Span]) -> str:
    """Escaped text with properly nested tags (``spans`` sorted, without crossings)."""
    out: list[str] = []
    stack: list[_Span] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(html.escape(text[pos:top.end], quote=False))
            out.append(top.close)
            pos = top.end

    for s in spans:
        close_until(s.start)
        out.append(html.escape(text[pos:s.start], quote=False))
        out.append(s.open)
        pos = s.start
        stack.append(s)
    close_until(len(text))
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _legend(kinds: list[str], n_figures: int, ents: list[tuple]) -> str:
    chips = "".join(f'<span style="background:{KIND_COLOURS.get(k, "#ddd")}">{_attr(k)}</span>'
                    for k in kinds)
    labels = sorted({e[2] for e in ents})
    ent_chips = "".join(
        f'<span style="border-bottom:2px solid {ENTITY_COLOURS.get(lb, "#666")}">{_attr(lb)}</span>'
        for lb in labels)
    return (f'<div class="cnedu-legend">{n_figures} figures: {chips}'
            f'{" &nbsp; linked: " + ent_chips if ent_chips else ""}</div>')
