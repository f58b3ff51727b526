"""The linker's own jieba tokenizer (never the global one) and part-of-speech lookup.

Only short windows (a clause before a figure, a candidate name) are ever tokenized; results
are cached because news repeats its phrases. Segmentation is jieba's dictionary segmentation
without the HMM (``Tokenizer.lcut(text, HMM=False)``), reimplemented here word for word on
jieba's own dictionary: the prefix dictionary lookups and the best route are one backward
pass with precomputed log frequencies instead of a DAG dict and a generator per position.
"""
from __future__ import annotations

import os
import re
from sys import intern
from functools import cache, lru_cache
from math import log

# jieba's own block patterns (jieba.re_han_default, re_skip_default, re_eng)
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@cache
def _model() -> tuple[dict[str, float | None], float, dict[str, str]]:
    """(prefix dictionary: word -> log probability, None for a prefix without a frequency;
    the log probability of an unknown single character; tag table), computed from jieba's
    dictionary file as jieba's ``gen_pfdict`` and ``calc`` do (every probability is at most
    0.0). Read straight from the file: a ``jieba.Tokenizer`` plus ``jieba.posseg`` would hold
    the same words twice and the unused HMM tables, about twice the memory per worker."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    lp: dict[str, float | None] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            lp[word] = freq
            total += freq
            if len(parts) > 2:
                tags[word] = intern(parts[2])
            for k in range(1, len(word)):
                lp.setdefault(word[:k], 0)
    logtotal = log(total)
    for w, f in lp.items():
        lp[w] = log(f) - logtotal if f else None
    return lp, log(1) - logtotal, tags


def _cut_han(s: str, lp: dict[str, float | None], unknown: float) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one block: the most probable route, single ASCII
    letters and digits run together."""
    n = len(s)
    score = [0.0] * (n + 1)
    nxt = list(range(1, n + 2))
    get = lp.get
    for k in range(n - 1, -1, -1):
        p = get(s[k], 1.0)
        if p is None:
            best = None
        elif p > 0.0:  # not in the dictionary at all
            score[k] = unknown + score[k + 1]
            continue
        else:
            best = p + score[k + 1]
        bx = k + 1
        i = k + 2
        while i <= n:
            p = get(s[k:i], 1.0)
            if p is None:
                i += 1
                continue
            if p > 0.0:
                break
            sc = p + score[i]
            if best is None or sc >= best:  # ties go to the longer word, as max((score, x))
                best, bx = sc, i
            i += 1
        if best is None:
            best = unknown + score[k + 1]
        score[k] = best
        nxt[k] = bx
    out: list[str] = []
    buf = ""
    x = 0
    while x < n:
        y = nxt[x]
        if y == x + 1 and s[x] in _ENG:
            buf += s[x]
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(s[x:y])
        x = y
    if buf:
        out.append(buf)
    return out


def cut(text: str) -> list[str]:
    """Words of ``text`` exactly as ``jieba.Tokenizer().lcut(text, HMM=False)`` gives them."""
    lp, unknown, _ = _model()
    out: list[str] = []
    for blk in _RE_HAN.split(text):
        if not blk:
            continue
        if _RE_HAN.match(blk):
            out += _cut_han(blk, lp, unknown)
        else:
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    out.append(x)
                else:
                    out += x
    return out


@lru_cache(maxsize=65536)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """Words of ``text`` with jieba dictionary tags ('x' for words the dictionary lacks).

    Uses the dictionary segmentation without the HMM, which is fast and stable for short
    windows; a tag is the word's dictionary tag, not a contextual one.
    """
    table = _model()[2]
    return tuple((w, table.get(w, "x")) for w in cut(text))


def is_noun(tag_: str) -> bool:
    """Tags that can head a metric or a name: nouns, verbal nouns, unknown words."""
    return tag_[0] in "nx" or tag_ in ("vn", "an", "j", "l", "i")


def is_function(tag_: str) -> bool:
    """Adverbs, prepositions, conjunctions, particles, pronouns, numerals and measure words."""
    return tag_[0] in "dpcurmqyeozf" or tag_ in ("uj", "ul", "uz", "uv", "ud", "ug")


def word_table() -> dict[str, float | None]:
    """jieba's dictionary words and their prefixes (as keys; for membership tests)."""
    return _model()[0]
