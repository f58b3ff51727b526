"""ce.audit: figures of a document checked against each other; each rule fires on a real
disagreement and stays quiet on a near miss within the rounding of the written digits."""
import pytest

import cnedu_extract as ce


def _rules(text: str) -> list[str]:
    return [f.rule for f in ce.audit(ce.extract(text, "doc"))]


@pytest.mark.parametrize("text, fires", [
    # 26 ÷ (640 − 26) = 4.23 %, written 4.2 %: agrees within rounding
    ("全县共有幼儿园640所,比上年增加26所,增长4.2%。", False),
    ("全县共有幼儿园640所,比上年增加26所,增长6.2%。", True),
    # a fall: 30 ÷ (1170 + 30) = 2.5 %
    ("全市小学1170所,比上年减少30所,下降2.5%。", False),
    ("全市小学1170所,比上年减少30所,增长2.5%。", True),      # the change falls, the growth rises
    # 1.2万 ÷ (5.3万 − 1.2万) = 29.27 %; 29.3 % is inside the rounding of 5.3 and 1.2 (±0.05万)
    ("在校生5.3万人,比上年增加1.2万人,增长29.3%。", False),
    ("在校生5.3万人,比上年增加1.2万人,增长35.0%。", True),
    ("在校生800人,比上年增加900人。", True),                 # a rise larger than the level
    ("在校生800人,比上年增加790人。", False),
])
def test_level_change_growth(text, fires):
    assert ("level_change_growth" in _rules(text)) is fires


def test_a_finding_names_records_arithmetic_and_tolerance():
    [f] = ce.audit(ce.extract("全县共有幼儿园640所,比上年增加26所,增长6.2%。", "d1"))
    assert [(d, s, t) for d, s, t in f.records] == [("d1", 7, "640所"), ("d1", 17, "26所"), ("d1", 23, "6.2%")]
    assert "26 ÷ 614 = 4.23%" in f.arithmetic
    assert "written growth ±0.05" in f.tolerance
    assert f.to_dict()["records"][0] == {"doc_id": "d1", "start": 7, "text": "640所"}


@pytest.mark.parametrize("text, fires", [
    ("九年义务教育巩固率395.2%。", True),     # a footnote 3 flattened into 95.2 %
    ("专任教师学历合格率100%。", False),
    ("小学毛入学率103.5%。", False),            # a gross ratio may pass 100 %
    ("教育经费比上年增长120%。", False),        # a growth rate, not a share
    ("女教师占教职工总数的120%。", True),
])
def test_share_above_100(text, fires):
    assert ("share_above_100" in _rules(text)) is fires


@pytest.mark.parametrize("text, fires", [
    ("全县有教职工3200人,其中专任教师2800人,工勤人员500人。", True),
    ("全县有教职工3200人,其中专任教师2800人,工勤人员400人。", False),
    ("辍学学生由9万人降至3000人,其中贫困家庭学生由4万人降至1000人。", False),  # where it went, not where it started
    ("平均学费为6000元,其中最高的一所为2.1万元。", False),  # an average has no parts
])
def test_parts_exceed_total(text, fires):
    assert ("parts_exceed_total" in _rules(text)) is fires


@pytest.mark.parametrize("text, fires", [
    ("资助资金从2019年的5.2亿元逐年增长到2023年的4.8亿元。", True),
    ("资助资金从2019年的5.2亿元逐年增长到2023年的6.8亿元。", False),
    ("辍学学生由1.2万人减少到1.5万人。", True),
    ("辍学学生由1.2万人减少到2000人。", False),
])
def test_from_to_direction(text, fires):
    assert ("from_to_direction" in _rules(text)) is fires


def test_records_may_be_dicts_carrying_their_aspect():
    # a record that says it is a change is read as one, whatever its sentence says
    sentence = "全县共有幼儿园640所,新增26所,增幅6.2%。"
    records = [m.to_dict() for m in ce.extract(sentence, "d")]
    assert ce.audit(records) == []
    records[1] |= {"aspect": "change", "direction": "up"}
    records[2] |= {"aspect": "growth", "direction": "up"}
    assert [f.rule for f in ce.audit(records)] == ["level_change_growth"]


def test_documents_are_audited_apart():
    a = ce.extract("全县有教职工3200人,其中专任教师2800人。", "a")
    b = ce.extract("全县有教职工3200人,其中专任教师2800人,工勤人员500人。", "b")
    assert [f.doc_id for f in ce.audit(a + b)] == ["b"]


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_cli_audit_writes_findings_next_to_the_output(tmp_path, suffix):
    import json

    from cnedu_extract.batch.cli import main

    src = tmp_path / "docs.jsonl"
    docs = [{"id": "ok", "text": "全县有教职工3200人,其中专任教师2800人。"},
            {"id": "bad", "text": "义务教育巩固率395.2%。全县共有幼儿园640所,比上年增加26所,增长6.2%。"}]
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / f"records.{suffix}"
    assert main([str(src), "-o", str(out), "-w", "1", "-q", "--audit"]) == 0
    findings = [json.loads(line) for line in (tmp_path / f"records.{suffix}.audit.jsonl").open(encoding="utf-8")]
    assert [(f["doc_id"], f["rule"]) for f in findings] == [("bad", "share_above_100"), ("bad", "level_change_growth")]
    assert findings[1]["records"][0] == {"doc_id": "bad", "start": 21, "text": "640所"}


def test_cli_audit_needs_an_output_file(capsys):
    from cnedu_extract.batch.cli import main

    with pytest.raises(SystemExit):
        main(["x.jsonl", "--audit"])
    assert "--audit needs -o" in capsys.readouterr().err
