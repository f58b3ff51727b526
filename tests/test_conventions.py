"""What a Python user expects of the package: a checked public API, completion, cheap import."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cnedu_extract as ce

# the layers above the reading core (cnedu_extract/*.py and linking/): none of them loads with
# `import cnedu_extract`, the core never imports them, and they do not import each other
HIGHER_LAYERS = ("cnedu_extract.batch", "cnedu_extract.spacy", "cnedu_extract.notebook")
PACKAGE = Path(ce.__file__).parent


def _imports() -> dict[str, set[str]]:
    """Each module of the package -> the package's modules it imports (anywhere in its code)."""
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in names else target
                          for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in names and m != name}
    return graph


def _layer(module: str) -> str:
    return next((h for h in HIGHER_LAYERS if module == h or module.startswith(h + ".")), "core")


def test_lower_layers_never_import_higher_ones_and_there_is_no_import_circle():
    graph = _imports()
    for module, deps in graph.items():
        if module in ("cnedu_extract", "cnedu_extract.__main__"):
            continue  # the facade names the public API of every layer (lazily); -m runs the command
        for dep in deps - {"cnedu_extract"}:
            assert _layer(dep) in ("core", _layer(module)), f"{module} imports {dep}"
            assert module not in graph.get(dep, ()), f"{module} and {dep} import each other"


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


def test_no_module_takes_another_modules_private_names():
    # a name one module needs from another is public there: a private one (``_patterns``) may
    # change without notice, and the reader of the importer cannot tell where it belongs
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("cnedu_extract")):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.relative_to(PACKAGE)} imports {private} from {node.module}"
