"""The linker's words and tags are jieba's dictionary segmentation and dictionary tags."""
import os
from functools import cache
from pathlib import Path

import jieba
import pytest

from cnedu_extract.linking.tokens import cut, tag, tail, word_starts

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
LINES = [line for f in sorted(SEEDS.glob("*.txt"))
         for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def _jieba() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@cache
def _dictionary_tags() -> dict[str, str]:
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    with open(path, encoding="utf-8") as f:
        return {p[0]: p[2] for p in (line.split() for line in f) if len(p) > 2}


def test_words_are_jiebas_dictionary_segmentation_on_real_reports():
    assert len(LINES) > 50
    for line in LINES:
        assert cut(line) == _jieba().lcut(line, HMM=False), line


def test_tags_are_the_dictionary_tags_and_x_for_unknown_words():
    tags = _dictionary_tags()
    for line in LINES:
        assert tag(line) == tuple((w, tags.get(w, "x")) for w in _jieba().lcut(line, HMM=False)), line


@pytest.mark.parametrize("text, expected", [
    ("下达学生资助资金", [("下达", "v"), ("学生", "n"), ("资助", "n"), ("资金", "n")]),
    ("2023年PISA", [("2023", "x"), ("年", "m"), ("PISA", "x")]),  # numbers and Latin words unknown
    ("全市２０２３年", [("全市", "n"), ("２", "x"), ("０", "x"), ("２", "x"), ("３", "x"), ("年", "m")]),
    ("三千五百万元", [("三千五百", "m"), ("万元", "m")]),  # Chinese numerals the dictionary knows
])
def test_tag_examples(text, expected):
    assert list(tag(text)) == expected


def test_two_characters_that_begin_a_word():
    starts = word_starts()
    assert "示范" in starts          # a word
    assert "澳大" in starts          # the start of 澳大利亚
    assert "范县" not in starts


def test_the_words_after_a_word_edge_are_the_rest_of_the_words():
    # what lets the linker drop leading words without segmenting again
    checked = 0
    for line in LINES:
        for a in range(0, len(line), 7):
            phrase = line[a:a + 30]
            words = tag(phrase)
            edges = {sum(len(w) for w, _ in words[:j]) for j in range(len(words) + 1)}
            for k in range(1, len(phrase) + 1):
                if k in edges:
                    assert tail(words, k) == tag(phrase[k:]), (phrase, k)
                    checked += 1
                else:
                    assert tail(words, k) is None, (phrase, k)
    assert checked > 1000


@pytest.mark.parametrize("phrase, k, expected", [
    ("下达学生资助资金", 2, [("学生", "n"), ("资助", "n"), ("资金", "n")]),
    ("下达学生资助资金", 3, None),  # inside 学生
    ("下达学生资助资金", 8, []),
])
def test_tail_examples(phrase, k, expected):
    got = tail(tag(phrase), k)
    assert (None if got is None else list(got)) == expected
