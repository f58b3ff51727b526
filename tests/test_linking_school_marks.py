"""The quote marks walk of find_schools answers as DocText.in_quotes for positions in order."""
from cnedu_extract.linking.clauses import DocText
from cnedu_extract.linking.schools import _Marks


def test_marks_walk_answers_as_in_quotes():
    # nested marks (《…》 inside “…”), marks next to each other, a span at the very end
    text = "他说“北京大学和《清华大学学报》都很好”，江城中学在“实验”小学旁；《某某学校》"
    doc = DocText.of(text)
    answers = []
    for width in (1, 2, 4):
        marks = _Marks(doc)
        for start in range(len(text) - width + 1):
            got = marks.hold(start, start + width)
            assert got == doc.in_quotes(start, start + width), (start, width)
            answers.append(got)
    assert any(answers) and not all(answers)

