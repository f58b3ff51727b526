"""DocText: sentences, their parts and clauses, and decisions shared by a sentence's figures."""
import pytest

from cnedu_extract.linking.clauses import DocText, merge_spans

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


LINES = "第一句有学生12人。第二句有教师3人，学校2所！\n第三行没有句号"


def test_sentences_at_gives_each_sentence_once_in_order():
    doc = DocText.of(LINES)
    figures = [LINES.index(w) for w in ("2所", "12人", "3人", "第三行")]
    assert [LINES[a:b] for a, b in doc.sentences_at(figures)] == [
        "第一句有学生12人", "第二句有教师3人，学校2所", "第三行没有句号"]
    assert doc.sentences_at(figures) == merge_spans([doc.sentence(p) for p in figures])
    assert doc.sentences_at([]) == []


@pytest.mark.parametrize("spans, union", [
    ([], []),
    ([(5, 9), (0, 3)], [(0, 3), (5, 9)]),                 # sorted, apart
    ([(0, 3), (3, 6)], [(0, 6)]),                         # touching spans join
    ([(0, 10), (2, 4), (8, 12), (20, 21)], [(0, 12), (20, 21)]),  # held and overlapping
])
def test_merge_spans(spans, union):
    assert merge_spans(spans) == union
