"""The linker's word segmentation and part-of-speech lookup.

Only short windows (a clause before a figure, a candidate name) are ever tokenized. The words
are jieba's dictionary segmentation without the HMM (``jieba.Tokenizer().lcut(text,
HMM=False)``) and each word's tag is its tag in jieba's dictionary, 'x' for words the
dictionary lacks. jieba-rs (``rjieba``) computes exactly that, on the same dictionary, about six
times faster than jieba's Python; ``tests/test_linking_tokens.py`` checks the two agree. We
use the dictionary rjieba loads on import and never add words to it.
"""
from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from typing import Any


_ASCII_ALNUM = re.compile("[0-9A-Za-z]")


@cache
def _segmenter() -> Any:
    # the instance rjieba builds on import (a second one would hold the dictionary twice,
    # 24 MB more per worker); we only read it and never add words to it
    import rjieba

    return rjieba


def cut(text: str) -> list[str]:
    """Words of ``text`` exactly as ``jieba.Tokenizer().lcut(text, HMM=False)`` gives them."""
    return _segmenter().cut(text, False)


@lru_cache(maxsize=65536)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """Words of ``text`` with jieba dictionary tags ('x' for words the dictionary lacks).

    Uses the dictionary segmentation without the HMM, which is fast and stable for short
    windows; a tag is the word's dictionary tag, not a contextual one. (jieba-rs calls numbers
    'm' and Latin words 'eng' even where the dictionary lacks them; here they are 'x'.)
    """
    seg = _segmenter()
    words = seg.tag(text, False)
    if _ASCII_ALNUM.search(text) is None:
        return tuple(words)  # only a word with ASCII letters or digits is called 'm' or 'eng' unknown
    known = seg.has_word
    return tuple((w, t if (t != "m" and t != "eng") or known(w) else "x") for w, t in words)


def has_word(text: str) -> bool:
    """Whether ``text`` is a word of jieba's dictionary."""
    return bool(_segmenter().has_word(text))


Words = tuple[tuple[str, str], ...]


def tail(words: Words, k: int) -> Words | None:
    """The words of ``phrase[k:]`` given the ``words`` of ``phrase``, or None when ``k`` falls
    inside a word. jieba picks its route from the end of a text backwards, so the route of a
    suffix that starts between two words is the rest of the whole route: no second lookup."""
    pos = 0
    for j, (w, _) in enumerate(words):
        if pos >= k:
            return words[j:] if pos == k else None
        pos += len(w)
    return () if pos == k else None


NOUN_LIKE = frozenset(("vn", "an", "j", "l", "i"))  # tags outside n* and x that name things


def is_noun(tag_: str) -> bool:
    """Tags that can head a metric or a name: nouns, verbal nouns, unknown words."""
    return tag_[0] in "nx" or tag_ in NOUN_LIKE


def has_noun(words: Words) -> bool:
    """Whether one of the words is a noun (``is_noun``), as a plain loop: it runs per phrase."""
    for _, t in words:
        if t[0] in "nx" or t in NOUN_LIKE:
            return True
    return False


def is_function(tag_: str) -> bool:
    """Adverbs, prepositions, conjunctions, particles, pronouns, numerals and measure words."""
    return tag_[0] in "dpcurmqyeozf" or tag_ in ("uj", "ul", "uz", "uv", "ud", "ug")


@cache
def word_starts() -> frozenset[str]:
    """Every two characters that are a word of jieba's dictionary or begin a longer one
    (示范, 澳大 of 澳大利亚): two characters that stand together in the language."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    with open(path, encoding="utf-8") as f:
        return frozenset(line[:2] for line in f if len(line.split(" ", 1)[0]) >= 2)
