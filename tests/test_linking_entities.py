"""find_entities: the regions, schools and programs of a text, with spans."""
import cnedu_extract as ce
from cnedu_extract import linking
from cnedu_extract.linking import find_entities

FILLER = "会议强调要坚持立德树人根本任务。" * 16  # header and footer are always read
TEXT = ("湘东区教育局召开全区教育工作会议。\n" + FILLER + "\n"
        "今年，芦溪县新建芦溪中学等学校3所，实施“强师计划”培训教师500人次。\n"
        "安源区举办读书节。\n" + FILLER)


def test_entities_carry_official_names_and_spans():
    found = find_entities(TEXT)
    assert all(TEXT[e.start:e.end] for e in found)
    labels = {(e.label, e.name) for e in found}
    assert ("REGION", "芦溪县") in labels and ("REGION", "安源区") in labels
    assert ("PROGRAM", "强师计划") in labels


def test_entities_around_figures_are_those_of_their_sentences():
    starts = [m.start for m in ce.extract(TEXT)]
    around = find_entities(TEXT, around=starts)
    assert {e.name for e in around} >= {"芦溪县", "强师计划"}
    assert "安源区" not in {e.name for e in around}  # a sentence without figures
    assert set(around) <= set(find_entities(TEXT))


def test_the_answer_does_not_depend_on_what_was_linked_before():
    starts = [m.start for m in ce.extract(TEXT)]  # link() leaves its context behind
    warm = find_entities(TEXT, around=starts)
    linking._last = None
    assert find_entities(TEXT, around=starts) == warm
