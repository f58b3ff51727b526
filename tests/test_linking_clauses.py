"""DocText: sentences, their parts and clauses, and decisions shared by a sentence's figures."""
import pytest

from cnedu_extract.linking.clauses import DocText

TEXT = "全市共有学校12所，比上年增加2所；教师300人。第二句话：学生5000人！"


@pytest.mark.parametrize("word, sentence, semi, clause", [
    ("12所", "全市共有学校12所，比上年增加2所；教师300人", "全市共有学校12所，比上年增加2所", "全市共有学校12所"),
    ("增加2所", "全市共有学校12所，比上年增加2所；教师300人", "全市共有学校12所，比上年增加2所", "比上年增加2所"),
    ("300人", "全市共有学校12所，比上年增加2所；教师300人", "教师300人", "教师300人"),
    ("5000人", "第二句话：学生5000人", "第二句话：学生5000人", "学生5000人"),
])
def test_parts_of_a_position(word, sentence, semi, clause):
    doc = DocText.of(TEXT)
    pos = TEXT.index(word)
    spans = doc.parts(pos)
    assert [TEXT[a:b] for a, b in spans] == [sentence, semi, clause]
    # the single lookups agree with parts, before and after it is asked
    fresh = DocText.of(TEXT)
    assert (fresh.sentence(pos), fresh.semi(pos), fresh.clause(pos)) == spans
    assert (doc.sentence(pos), doc.semi(pos), doc.clause(pos)) == spans


def test_sentence_of_holds_its_marks():
    doc = DocText.of(TEXT)
    s = doc.sentence_of(TEXT.index("教师"))
    assert TEXT[s.start:s.end] == "全市共有学校12所，比上年增加2所；教师300人"
    assert [TEXT[k] for k in s.marks] == ["，", "；"]
    assert [TEXT[k] for k in s.semis] == ["；"]
    assert doc.sentence_of(TEXT.index("12所")) is s  # found once per sentence


def test_a_sentence_without_inner_marks_is_its_own_part_and_clause():
    doc = DocText.of("学生5000人")
    assert doc.parts(2) == ((0, 7), (0, 7), (0, 7))


QUOTED = "他说“学生5000人”，《2023年教育报告》称12所。"


@pytest.mark.parametrize("inner, in_quotes, in_titles", [
    ("学生5000人", True, False),      # inside “…”
    ("2023年教育报告", True, True),    # inside 《…》
    ("12所", False, False),
    ("“学生", False, False),           # a mark itself is not inside
])
def test_inside_quotes_and_title_marks(inner, in_quotes, in_titles):
    doc = DocText.of(QUOTED)
    a = QUOTED.index(inner)
    assert doc.in_quotes(a, a + len(inner)) is in_quotes
    assert doc.in_title_marks(a, a + len(inner)) is in_titles
