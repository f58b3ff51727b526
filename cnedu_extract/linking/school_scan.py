"""The raw material of school names: the ``School`` record, the ``[school]`` patterns of
``linking.toml``, and the one automaton pass (``Universities.scan``) that finds the listed
universities and the school endings of a text, which ``schools.find_schools`` reads into names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ._data import config, longest_first, prefiltered, report_time_words
from .clauses import DocText
from .end_anchored import EndAnchored
from .tokens import tag
from .universities import universities


@dataclass(frozen=True, slots=True)
class School:
    start: int
    end: int
    name: str
    key: str = ""  # the school it names: a listed university's full name, else ``name``


@cache
def school_patterns() -> dict:
    cfg = config()["school"]
    # a short ending in 大 (工大, 师大) is no ending where 大学 goes on (理工大学)
    suffixes = "|".join(re.escape(x) + ("(?!学)" if x.endswith("大") else "")
                        for x in longest_first(cfg["suffixes"]))
    return {
        # (group 1: the ending without a bracketed note after it)
        "suffix": re.compile(f"({suffixes})(?:[(（][^()（）\\n]{{1,12}}[)）])?"),
        "numbered": prefiltered(cfg["numbered"]),
        "numbered_ends": EndAnchored(cfg["numbered"], prefiltered(cfg["numbered"])),
        "generic": frozenset(cfg["generic_words"]),
        "stops": frozenset(cfg["left_stops"]) | report_time_words(),  # 今年英国大学, 目前就读于…
        "glue": tuple(longest_first(cfg["list_glue"])),
        "kinds": frozenset(cfg["place_kinds"]),
        "universities": frozenset(cfg["university_suffixes"]),
        "context": tuple(cfg["short_form_context"]),
        "anaphora": re.compile("|".join(map(re.escape, longest_first(cfg["anaphora"])))),
        "weak_anaphora": frozenset(cfg["weak_anaphora"]),
        "breaks": re.compile("|".join(f"(?:{b})" for b in cfg["topic_breaks"])),
        "needs_reference": bool(cfg["carry_needs_reference"]),
        "no_carry": tuple(cfg["no_carry_suffixes"]),
        "lookback": int(cfg["reference_lookback"]),
        "not_before": tuple(cfg["not_before"]),
        "destination": tuple(cfg["destination_verbs"]),
        "rank_scope": tuple(cfg["rank_scope_words"]),
        "owners": tuple(cfg["owner_words"]),
        "school_nouns": tuple(cfg["list_school_nouns"]),
        "kind_anaphora": re.compile("|".join(map(re.escape, longest_first(cfg["kind_anaphora"])))),
    }


def scan(doc: DocText, spans: list[tuple[int, int]]) -> tuple[list[School], list[tuple[int, int, int]]]:
    """One automaton pass (``Universities.scan``) for the listed universities and the school
    endings: the full names and short forms (a short form only where it is a word of its own:
    央财 is none inside 中央财政, 北大 none inside 北大荒), and the endings as the suffix pattern's
    ``finditer`` gives them (with a bracketed note; 工大 not where 大学 goes on: 理工大学), each as
    (start, end, end of the ending without its note)."""
    g = universities()
    suffix = school_patterns()["suffix"]
    text = doc.text
    ctx = school_patterns()["context"]
    listed: list[School] = []
    endings: list[tuple[int, int, int]] = []
    for a, b in spans:
        done = a  # where the last ending read ends
        for s, e, name in g.scan(text, a, b):
            if name is not None:
                form = g.forms[name]
                if not form.short or _whole_word(text, s, e, a, b, ctx):
                    listed.append(School(s, e, name, form.university.name))
                # the endings a form holds (北京大学, 北师大附中), read from it
                for m in suffix.finditer(text, max(s, done), min(b, e + 16)):
                    if m.start() >= e:
                        break
                    endings.append((m.start(), m.end(), m.end(1)))
                    done = m.end()
                continue
            if s < done:
                continue
            if text[e:e + 1] not in _PATTERN_DECIDES:
                # the automaton's ending is the longest at s: the suffix pattern's match there
                # when no note and no 学 (of a 大 ending's guard) follows it (no regex call)
                endings.append((s, e, e))
                done = e
                continue
            m = suffix.match(text, s, b) or suffix.match(text, s + 1, b)  # (理工|大学)
            if m is not None:
                endings.append((m.start(), m.end(), m.end(1)))
                done = m.end()
    return listed, endings


_PATTERN_DECIDES = ("(", "（", "学")  # after an ending: a bracketed note, or 学 (工大|学)


def _whole_word(text: str, start: int, end: int, lo: int, hi: int, context: tuple[str, ...]) -> bool:
    """Whether jieba's segmentation of a few characters around [start, end) cuts at both ends,
    or at its start with a school word after it (北大学生 is one word to jieba)."""
    a, b = max(lo, start - 4), min(hi, end + 4)
    pos, cuts = a, {a}
    for w, _ in tag(text[a:b]):
        pos += len(w)
        cuts.add(pos)
    # (jieba reads a list's joint into a foreign name: 和耶鲁)
    starts = start in cuts or text[start - 1:start] in ("和", "与", "及")
    return starts and (end in cuts or text.startswith(context, end))
