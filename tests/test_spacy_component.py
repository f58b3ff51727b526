"""The spaCy side of issue 5: entry points, the jieba tokenizer, the component, serialisation."""
from __future__ import annotations

import json
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.util import get_words_and_spaces

import cnedu_extract
from cnedu_extract import linking
from cnedu_extract.linking import Entity
from cnedu_extract.spacy.segmenter import JiebaTokenizer, gazetteer_names, userdict_entries

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "seeds").glob("*.txt"))
SAMPLE = "近年来，萍乡市共计下达学生资助资金24314万元，受益学生37万人；新增学位2.61万个，覆盖率达99.9%以上。"


@pytest.fixture(scope="module")
def nlp():
    return cnedu_extract.load()


def seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS]


def records_of(text: str, doc_id: str | None = None) -> list[dict]:
    return [m.to_dict() for m in cnedu_extract.extract(text, doc_id)]


def fake_entities(text: str, *, title: str | None = None, around=None) -> list[Entity]:
    """Stand-in for the linker: every 萍乡市 is a REGION, every 营养改善计划 a PROGRAM."""
    out = []
    for name, label in (("萍乡市", "REGION"), ("营养改善计划", "PROGRAM")):
        i = text.find(name)
        while i >= 0:
            out.append(Entity(i, i + len(name), label, name))
            i = text.find(name, i + 1)
    return sorted(out)


def run_fresh(code: str, tmp_path: Path) -> str:
    """Run ``code`` in a new interpreter (outside the repo, so only installed metadata counts)."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_seed_corpus_is_there():
    assert len(SEEDS) == 4
    assert all(records_of(t) for _, t in seed_texts()), "each seed report has figures"


# --- entry points ---------------------------------------------------------------------------

def test_factory_entry_point_in_fresh_interpreter(tmp_path):
    code = f"""
import json, sys, spacy
assert "cnedu_extract" not in sys.modules
nlp = spacy.blank("zh")   # (catalogue may import our spacy_tokenizers entry point here)
nlp.add_pipe("cnedu_measurements")
doc = nlp({SAMPLE!r})
print(json.dumps(doc._.measurements, ensure_ascii=False))
"""
    out = run_fresh(code, tmp_path)
    assert json.loads(out) == records_of(SAMPLE)
    assert json.loads(out), "the sample has figures"


def test_saved_pipeline_loads_in_fresh_interpreter(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    code = f"""
import json, sys, spacy
nlp = spacy.load({str(tmp_path / "pipe")!r})   # tokenizer through the spacy_tokenizers entry point
assert type(nlp.tokenizer).__name__ == "JiebaTokenizer", type(nlp.tokenizer)
doc = nlp({SAMPLE!r})
print(json.dumps([[t.text for t in doc], doc._.measurements], ensure_ascii=False))
"""
    tokens, records = json.loads(run_fresh(code, tmp_path))
    assert tokens == [t.text for t in nlp(SAMPLE)]
    assert records == records_of(SAMPLE)


# --- tokenizer ------------------------------------------------------------------------------

def test_load_uses_our_tokenizer(nlp):
    import jieba

    assert isinstance(nlp.tokenizer, JiebaTokenizer)
    assert nlp.tokenizer._jieba is not jieba.dt, "must not share jieba's global tokenizer"
    assert nlp.lang == "zh" and nlp.pipe_names == ["cnedu_measurements"]
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "cnedu_extract.JiebaTokenizer.v1"


def test_global_jieba_is_left_alone(nlp):
    import jieba

    nlp("营养改善计划")
    jieba.dt.check_initialized()
    assert "营养改善计划" not in jieba.dt.FREQ
    assert "营养改善计划" in nlp.tokenizer._jieba.FREQ


@pytest.mark.parametrize("text, token", [
    ("投入6.14亿元建设学校", "亿元"),
    ("共资助学生7.47万人次", "万人次"),
    ("下达营养改善计划资金7245万元", "营养改善计划"),
    ("下达营养改善计划资金7245万元", "万元"),
    ("义务教育巩固率达99.9%以上", "巩固率"),
    ("实施义务教育薄弱环节改善与能力提升项目", "义务教育薄弱环节改善与能力提升项目"),
])
def test_userdict_keeps_units_and_terms_whole(nlp, text, token):
    assert token in [t.text for t in nlp.tokenizer(text)]


def test_userdict_file_parses():
    entries = list(userdict_entries())
    words = [w for w, _, _ in entries]
    assert {"万元", "亿元", "人次", "营养改善计划"} <= set(words)
    assert len(words) == len(set(words)), "duplicate entries"
    assert not any(w.startswith("#") for w in words)


def test_gazetteer_loader(tmp_path):
    with_header = tmp_path / "with_header.tsv"
    with_header.write_text("# regions\nname\tlevel\taliases\n萍乡市\tcity\t萍乡|萍\n芦溪县\tcounty\t\n",
                           encoding="utf-8")
    assert gazetteer_names(with_header) == ["萍乡市", "萍乡", "芦溪县"]
    plain = tmp_path / "plain.tsv"
    plain.write_text("江西省\t360000\n石峰区\t430204\n", encoding="utf-8")
    assert gazetteer_names(plain) == ["江西省", "石峰区"]
    assert gazetteer_names(tmp_path / "missing.tsv") == []
    # the linking gazetteer's own layout: code, name, level, parent, short forms, status
    coded = tmp_path / "coded.tsv"
    coded.write_text("# comment\n360300\t萍乡市\tprefecture\t360000\t萍乡\tcurrent\n"
                     "360323\t芦溪县\tcounty\t360300\t芦溪|芦\tcurrent\n", encoding="utf-8")
    assert gazetteer_names(coded) == ["萍乡市", "萍乡", "芦溪县", "芦溪"]


def test_bundled_gazetteer_names_are_added(nlp):
    names = gazetteer_names()
    if not names:
        pytest.skip("patterns/regions.tsv not there yet")
    missing = [n for n in names if n not in nlp.tokenizer._jieba.FREQ]
    assert not missing, missing[:10]


WHITESPACE_CASES = [" 下达资金 24314万元，  共\n\n 资助 ", "\r\n萍乡市\t芦溪县\u3000新增学位", "", " ",
                    "a  b", "学生 ", "１２３４５名学生 ９９％"]


def test_tokenizer_keeps_text_and_spacy_whitespace_convention(nlp):
    rng = random.Random(5)
    alphabet = list("萍乡市资金万元亿人次所个名余多约近以上%.-，。“”12345６７ \n\t\u3000ab")
    texts = WHITESPACE_CASES + ["".join(rng.choices(alphabet, k=rng.randint(0, 40)))
                                for _ in range(500)]
    for text in texts:
        doc = nlp.tokenizer(text)
        assert doc.text == text
        pieces = [p for p in nlp.tokenizer._jieba.cut(text) if p]
        words, spaces = get_words_and_spaces(pieces, text)  # spaCy's own aligner as the oracle
        assert [t.text for t in doc] == words, repr(text)
        assert [bool(t.whitespace_) for t in doc] == spaces, repr(text)


def test_tokenizer_and_pipeline_pickle(nlp):
    """Workers started with "spawn"/"forkserver" receive the pipeline pickled."""
    clone = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in clone(SAMPLE)] == [t.text for t in nlp.tokenizer(SAMPLE)]
    assert pickle.loads(pickle.dumps(nlp))(SAMPLE)._.measurements == records_of(SAMPLE)


# --- the component --------------------------------------------------------------------------

@pytest.mark.parametrize("stem", [p.stem for p in SEEDS])
def test_pipeline_records_equal_extract_on_seeds(nlp, stem):
    text = (REPO / "corpus" / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.cnedu_doc_id = stem
    doc = nlp(doc)
    expected = records_of(text, stem)
    assert expected
    assert doc._.measurements == expected
    assert doc.text == text


def test_as_tuples_context_gives_doc_id(nlp):
    texts = seed_texts()
    out = list(nlp.pipe(((t, {"doc_id": stem}) for stem, t in texts), as_tuples=True))
    for (stem, text), (doc, context) in zip(texts, out):
        assert context == {"doc_id": stem}
        assert doc._.measurements == records_of(text, stem)


def test_spans_are_aligned_records(nlp):
    for _, text in seed_texts():
        doc = nlp(text)
        spans, records = list(doc.spans["measurements"]), doc._.measurements
        assert len(spans) == len(records)
        for span, rec in zip(spans, records):
            assert span.label_ == rec["kind"]
            assert span.start_char <= rec["start"] < rec["end"] <= span.end_char
            assert rec["text"] in span.text
            # "expand": the span is the smallest token span covering the record
            assert span[0].idx <= rec["start"] < span[0].idx + len(span[0])
            assert span[-1].idx < rec["end"] <= span[-1].idx + len(span[-1])
            assert span._.measurement["start"] <= rec["start"] or span._.measurement == rec
            expected = doc.char_span(rec["start"], rec["end"], alignment_mode="expand")
            assert (span.start, span.end) == (expected.start, expected.end)


def test_alignment_matches_char_span_expand(nlp):
    """Our bisection alignment equals spaCy's char_span(expand) on any non-space span."""
    from cnedu_extract.spacy.component import _aligned

    rng = random.Random(7)
    for _, text in seed_texts():
        doc = nlp.make_doc(text)
        starts = [t.idx for t in doc]
        for _ in range(300):
            a = rng.randrange(len(text))
            b = rng.randrange(a + 1, min(a + 30, len(text)) + 1)
            if text[a].isspace() or text[b - 1].isspace():
                continue
            (got,) = _aligned(doc, starts, len(text), [(a, b, "x", "")])
            want = doc.char_span(a, b, alignment_mode="expand")
            assert (got.start, got.end) == (want.start, want.end), (a, b)


def test_plain_blank_zh_pipeline_works_too():
    nlp = spacy.blank("zh")  # spaCy's character segmenter
    nlp.add_pipe("cnedu_measurements")
    doc = nlp(SAMPLE)
    assert doc._.measurements == records_of(SAMPLE)
    assert [s.text for s in doc.spans["measurements"]] == [r["text"] for r in doc._.measurements]


def test_entities_span_group(nlp, monkeypatch):
    monkeypatch.setattr(linking, "find_entities", fake_entities)
    doc = nlp(SAMPLE + "下达营养改善计划资金7245万元。")
    got = [(s.text, s.label_, s.kb_id_) for s in doc.spans["cnedu_entities"]]
    assert got == [("萍乡市", "REGION", "萍乡市"), ("营养改善计划", "PROGRAM", "营养改善计划")]


def test_component_config(monkeypatch):
    monkeypatch.setattr(linking, "find_entities", fake_entities)
    nlp = spacy.blank("zh")
    nlp.add_pipe("cnedu_measurements", config={"spans_key": "figs", "link_entities": False})
    doc = nlp(SAMPLE)
    assert "figs" in doc.spans and "measurements" not in doc.spans
    assert "cnedu_entities" not in doc.spans


def test_n_process_2(nlp, monkeypatch):
    monkeypatch.setattr(linking, "find_entities", fake_entities)
    texts = [t for _, t in seed_texts()] * 3
    single = [(d._.measurements, [(s.start, s.end, s.label_) for s in d.spans["measurements"]],
               [(s.start, s.end, s.label_, s.kb_id_) for s in d.spans["cnedu_entities"]])
              for d in nlp.pipe(texts)]
    multi = [(d._.measurements, [(s.start, s.end, s.label_) for s in d.spans["measurements"]],
              [(s.start, s.end, s.label_, s.kb_id_) for s in d.spans["cnedu_entities"]])
             for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert multi == single
    assert [m for m, _, _ in multi] == [records_of(t) for t in texts]
    assert any(e for _, _, e in multi), "the fake linker found entities"


def test_docbin_round_trip(nlp, monkeypatch):
    monkeypatch.setattr(linking, "find_entities", fake_entities)
    docs = list(nlp.pipe([t for _, t in seed_texts()]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(spacy.blank("zh").vocab))
    assert len(back) == len(docs)
    for a, b in zip(docs, back):
        assert b.text == a.text
        assert b._.measurements == a._.measurements
        for key in ("measurements", "cnedu_entities"):
            assert [(s.start, s.end, s.label_, s.kb_id_) for s in b.spans[key]] == \
                   [(s.start, s.end, s.label_, s.kb_id_) for s in a.spans[key]]
    assert any(len(d.spans["cnedu_entities"]) for d in back)


def test_doc_to_bytes_round_trip(nlp):
    doc = nlp(SAMPLE)
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.measurements == doc._.measurements == records_of(SAMPLE)


def test_to_disk_spacy_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert isinstance(loaded.tokenizer, JiebaTokenizer)
    assert loaded.pipe_names == nlp.pipe_names
    for _, text in seed_texts():
        a, b = nlp(text), loaded(text)
        assert [t.text for t in b] == [t.text for t in a]
        assert b._.measurements == a._.measurements


def test_text_cache_is_used_once_and_released(nlp):
    from cnedu_extract.spacy import segmenter

    doc = nlp.make_doc(SAMPLE)
    assert segmenter._TEXTS.get(doc) == SAMPLE
    nlp(doc)
    assert doc not in segmenter._TEXTS
    assert nlp(doc)._.measurements == records_of(SAMPLE)  # again, through doc.text
    del doc
    import gc
    gc.collect()
    assert len(segmenter._TEXTS) == 0


def test_set_ents_puts_linked_names_in_doc_ents_for_displacy():
    from spacy import displacy

    nlp = cnedu_extract.load(set_ents=True)
    doc = nlp("萍乡市下达学生资助资金24314万元，芦溪县受益学生3万人。")
    labels = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("萍乡市", "REGION", "萍乡市") in labels and ("芦溪县", "REGION", "芦溪县") in labels
    html = displacy.render(doc, style="ent", jupyter=False)
    assert "萍乡市" in html and "REGION" in html


def test_set_ents_is_off_by_default_and_keeps_other_components_entities():
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "萍乡市"}])
    nlp.add_pipe("cnedu_measurements", config={"set_ents": True})
    doc = nlp("萍乡市下达资金5亿元，芦溪县受益学生3万人。")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "萍乡市"] == [("萍乡市", "ORG")]
    assert any(e.label_ == "REGION" and "芦溪" in e.text for e in doc.ents)
    assert not cnedu_extract.load()("萍乡市下达资金5亿元").ents
