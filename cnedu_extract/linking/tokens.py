"""The linker's own jieba tokenizer (never the global one) and part-of-speech lookup.

Only short windows (a clause before a figure, a candidate name) are ever tokenized; results
are cached because news repeats its phrases.
"""
from __future__ import annotations

import logging
from functools import cache, lru_cache


@cache
def _tokenizer():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok, jieba.posseg.POSTokenizer(tok).word_tag_tab


@lru_cache(maxsize=65536)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """Words of ``text`` with jieba dictionary tags ('x' for words the dictionary lacks).

    Uses the dictionary segmentation without the HMM, which is fast and stable for short
    windows; a tag is the word's dictionary tag, not a contextual one.
    """
    tok, table = _tokenizer()
    return tuple((w, table.get(w, "x")) for w in tok.lcut(text, HMM=False))


def is_noun(tag_: str) -> bool:
    """Tags that can head a metric or a name: nouns, verbal nouns, unknown words."""
    return tag_[0] in "nx" or tag_ in ("vn", "an", "j", "l", "i")


def is_function(tag_: str) -> bool:
    """Adverbs, prepositions, conjunctions, particles, pronouns, numerals and measure words."""
    return tag_[0] in "dpcurmqyeozf" or tag_ in ("uj", "ul", "uz", "uv", "ud", "ug")


def word_table() -> dict[str, int]:
    """jieba's dictionary: word -> frequency (the tokenizer's own copy)."""
    return _tokenizer()[0].FREQ
