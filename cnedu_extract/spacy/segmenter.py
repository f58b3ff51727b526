"""Jieba word segmentation for spaCy, with our own dictionary and our own ``jieba.Tokenizer``.

spaCy's ``zh`` tokenizer with ``segmenter = "jieba"`` calls the global ``jieba.cut``, so any
user dictionary has to be loaded into jieba's process-wide state, where it changes the
segmentation of every other user of jieba in the process.  ``JiebaTokenizer`` owns a
``jieba.Tokenizer`` instance instead, built once per process from jieba's default dictionary plus
``patterns/jieba_userdict.txt`` and the region names of the linking gazetteer
(``patterns/regions.tsv``) when that file exists.

The tokenizer is registered as ``cnedu_extract.JiebaTokenizer.v1`` in spaCy's ``tokenizers``
registry (and declared as a ``spacy_tokenizers`` entry point), so a pipeline saved with
``nlp.to_disk()`` loads again with ``spacy.load()``.
"""
from __future__ import annotations

import csv
import logging
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from ..text import replace_surrogates

if TYPE_CHECKING:
    import jieba
    from spacy.language import Language

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "userdict_entries", "gazetteer_names",
           "text_of"]

USERDICT = "jieba_userdict.txt"
GAZETTEER = "regions.tsv"
# Header names under which the gazetteer may keep its region names; the first column otherwise.
_NAME_COLUMNS = ("name", "official", "official_name", "region", "alias", "aliases", "short")
_SEPARATORS = re.compile(r"[|,、]")
_CHINESE_NAME = re.compile(r"[\u3400-\u9fff·]+")

_build_lock = threading.Lock()
# The text each Doc was made from.  A Doc's text never changes (the retokenizer keeps it), and
# ``doc.text`` rebuilds it from every token, which costs the measurement component as much as
# aligning all its spans; weak keys, so nothing outlives its Doc or gets serialised.
_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, without rebuilding it when our tokenizer made the Doc."""
    text = _TEXTS.pop(doc, None)
    return doc.text if text is None else text


def _patterns_file(name: str) -> Path | None:
    """The bundled data file ``patterns/<name>``, or None when the package does not ship it."""
    try:
        path = resources.files("cnedu_extract.patterns").joinpath(name)
    except ModuleNotFoundError:  # pragma: no cover - broken install
        return None
    return Path(str(path)) if path.is_file() else None


def userdict_entries(path: str | Path | None = None) -> Iterator[tuple[str, int | None, str | None]]:
    """``(word, freq, tag)`` entries of a jieba user dictionary; ``#`` lines are comments.

    ``path`` None reads the bundled ``patterns/jieba_userdict.txt``.  jieba's own
    ``load_userdict`` has no comments, which is why we parse the file ourselves.
    """
    file = Path(path) if path is not None else _patterns_file(USERDICT)
    if file is None:
        return
    with open(file, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) > 3:
                raise ValueError(f"{file}:{lineno}: expected 'word [freq] [tag]', got {line!r}")
            word, freq, tag = parts[0], None, None
            if len(parts) >= 2:
                if parts[1].isdigit():
                    freq = int(parts[1])
                    tag = parts[2] if len(parts) == 3 else None
                elif len(parts) == 2:
                    tag = parts[1]
                else:
                    raise ValueError(f"{file}:{lineno}: frequency must be an integer: {line!r}")
            yield word, freq, tag


def gazetteer_names(path: str | Path | None = None) -> list[str]:
    """Region names (two characters or more) of the linking gazetteer, [] when it is absent.

    The gazetteer belongs to the linking module (``code, name, level, parent, short forms
    (|-separated), status`` rows today); we read it leniently so that its columns may change: when
    a header row names ``name``/``official``/``alias``/... columns, those columns; otherwise every
    cell, or ``|``/``,``/``、``-separated part of one, that is a Chinese name (codes, levels and
    statuses are not).
    """
    file = Path(path) if path is not None else _patterns_file(GAZETTEER)
    if file is None or not file.is_file():
        return []
    with open(file, encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t")
                if r and r[0].strip() and not r[0].lstrip().startswith("#")]
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    columns: list[int] | None = [i for i, h in enumerate(header) if h in _NAME_COLUMNS]
    if columns:
        rows = rows[1:]
    else:
        columns = None
    names: dict[str, None] = {}
    for row in rows:
        cells = row if columns is None else [row[i] for i in columns if i < len(row)]
        for cell in cells:
            for name in _SEPARATORS.split(cell):
                name = name.strip()
                if len(name) >= 2 and _CHINESE_NAME.fullmatch(name):
                    names[name] = None
    return list(names)


@lru_cache(maxsize=8)
def _jieba_for(userdict: str | None, gazetteer: bool) -> "jieba.Tokenizer":
    """One initialised ``jieba.Tokenizer`` per dictionary setting and process (≈1 s to build)."""
    import jieba

    with _build_lock:
        tk = jieba.Tokenizer()
        # jieba announces every dictionary load on stderr at DEBUG level; keep notebooks quiet
        # without changing the level for other users of jieba's logger afterwards.
        logger = jieba.default_logger
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            tk.initialize()
            for word, freq, tag in userdict_entries(userdict):
                tk.add_word(word, freq, tag)
            if gazetteer:
                for name in gazetteer_names():
                    tk.add_word(name, None, "ns")
        finally:
            logger.setLevel(level)
        return tk


class JiebaTokenizer:
    """A spaCy tokenizer: jieba words as tokens, the text reproduced exactly (``doc.text == text``).

    Whitespace follows spaCy's convention (``spacy.util.get_words_and_spaces``): one space after a
    word becomes its ``whitespace_``; any other whitespace run is a token of its own.
    """

    def __init__(self, vocab: Vocab, *, hmm: bool = True, userdict: str | None = None,
                 gazetteer: bool = True) -> None:
        self.vocab = vocab
        self.hmm = hmm
        self.userdict = userdict
        self.gazetteer = gazetteer
        self._jieba = _jieba_for(userdict, gazetteer)

    def __call__(self, text: str) -> Doc:
        # a lone surrogate cannot enter spaCy's string store: U+FFFD stands in (same offsets)
        text = replace_surrogates(text)
        words, spaces = self._words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        _TEXTS[doc] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _words_and_spaces(self, text: str) -> tuple[list[str], list[bool]]:
        pieces = [p for p in self._jieba.cut(text, cut_all=False, HMM=self.hmm) if p]
        if "".join(pieces) != text:  # never seen; spaCy's slower aligner handles it if it happens
            return get_words_and_spaces(pieces, text)
        words: list[str] = []
        spaces: list[bool] = []
        gap = ""
        for piece in pieces:
            if piece.isspace():
                gap += piece
                continue
            if gap:
                self._flush_gap(gap, words, spaces)
                gap = ""
            words.append(piece)
            spaces.append(False)
        if gap:
            self._flush_gap(gap, words, spaces)
        return words, spaces

    @staticmethod
    def _flush_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)

    # The tokenizer has no state beyond its settings, which live in the pipeline's config.cfg,
    # so serialisation writes nothing (as spaCy's own zh tokenizer does for jieba).
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> "JiebaTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs: Any) -> "JiebaTokenizer":
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # jieba.Tokenizer holds a lock and cannot be pickled; rebuild from settings instead
        # (needed when nlp.pipe(n_process=...) starts workers with "spawn").
        return (_rebuild, (self.vocab, self.hmm, self.userdict, self.gazetteer))


def _rebuild(vocab: Vocab, hmm: bool, userdict: str | None, gazetteer: bool) -> JiebaTokenizer:
    return JiebaTokenizer(vocab, hmm=hmm, userdict=userdict, gazetteer=gazetteer)


@spacy.registry.tokenizers("cnedu_extract.JiebaTokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True, userdict: str | None = None,
                           gazetteer: bool = True) -> Callable[["Language"], JiebaTokenizer]:
    """spaCy tokenizer factory: ``[nlp.tokenizer] @tokenizers = "cnedu_extract.JiebaTokenizer.v1"``.

    ``userdict`` None uses the bundled ``patterns/jieba_userdict.txt``; ``gazetteer`` adds the
    region names of ``patterns/regions.tsv`` when that file exists.
    """
    def make(nlp: "Language") -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, hmm=hmm, userdict=userdict, gazetteer=gazetteer)

    return make
