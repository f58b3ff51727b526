"""What a Python user expects of the package: a checked public API, completion, cheap import."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import cnedu_extract as ce

# the layers above the reading core: none of them loads with `import cnedu_extract`
HIGHER_LAYERS = ("cnedu_extract.cli", "cnedu_extract.runner", "cnedu_extract.worker",
                 "cnedu_extract.parallel", "cnedu_extract.sinks", "cnedu_extract.sources",
                 "cnedu_extract.checkpoint", "cnedu_extract.dask", "cnedu_extract.corpus",
                 "cnedu_extract.spacy_component", "cnedu_extract.segmenter",
                 "cnedu_extract.extensions", "cnedu_extract.notebook", "cnedu_extract.highlight",
                 "cnedu_extract.plots", "cnedu_extract.collection")


def test_import_loads_the_reading_core_only():
    code = "import sys, json, cnedu_extract; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                       text=True, check=True).stdout)
    assert not [m for m in loaded if m.startswith(HIGHER_LAYERS)]
    assert not {"spacy", "pandas", "matplotlib", "dask", "tqdm"} & set(loaded)


def test_public_names_are_listed_and_completed():
    for name in ("extract", "to_number", "Measurement", "load", "extract_many", "extract_corpus",
                 "to_dataframe", "render", "Records"):
        assert name in ce.__all__ and name in dir(ce)
        assert getattr(ce, name) is not None
    assert not {"Any", "annotations"} & set(dir(ce))


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        ce.no_such_thing  # noqa: B018


def test_mypy_checks_a_user_script(tmp_path):
    mypy = pytest.importorskip("mypy.api")
    script = tmp_path / "user.py"
    script.write_text(textwrap.dedent("""\
        import cnedu_extract as ce
        records: list[ce.Measurement] = ce.extract("下达学生资助资金24314万元")
        total: float = sum(m.value for m in records) + ce.to_number("两千")
        frame = ce.to_dataframe(records)
        """), encoding="utf-8")
    out, err, status = mypy.run([str(script), "--cache-dir", str(tmp_path / ".mypy_cache"),
                                 "--no-error-summary"])
    assert status == 0, out + err
    bad = tmp_path / "bad.py"
    bad.write_text("import cnedu_extract as ce\nx: str = ce.to_number('两千')\n", encoding="utf-8")
    out, _, status = mypy.run([str(bad), "--cache-dir", str(tmp_path / ".mypy_cache")])
    assert status == 1 and "incompatible types" in out.lower()
