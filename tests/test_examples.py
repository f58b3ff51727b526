"""examples/explore.ipynb runs top to bottom without an error (as CI runs it)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOK = EXAMPLES / "explore.ipynb"


def kernel_manager(tmp_path: Path):
    """A kernel manager for *this* interpreter, whatever kernelspecs the machine has.

    A user's ``python3`` kernelspec may point at another Python without cnedu_extract, and a
    fresh machine (only ``pip install -e ".[test]"``) may have none installed: write a
    kernelspec for ``sys.executable`` into a temp dir and look only there.
    """
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    write_kernel_spec(path=str(tmp_path / "kernels" / "cnedu-test"))
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")], ensure_native_kernel=False)
    spec = ksm.get_kernel_spec("cnedu-test")
    assert spec.argv[0] == sys.executable
    return KernelManager(kernel_name="cnedu-test", kernel_spec_manager=ksm)


def executed(tmp_path: Path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, km=kernel_manager(tmp_path), timeout=300, allow_errors=False,
        resources={"metadata": {"path": str(EXAMPLES)}})  # the notebook's folder as cwd
    client.execute()
    return nb


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path):
    nb = executed(tmp_path)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("cnedu-records" in h for h in html), "the records table"
    assert any('class="cnedu-render"' in h for h in html), "the highlighted text"
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) >= 2, "at least two plots"


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        "clear the outputs before committing (jupyter nbconvert --clear-output --inplace)"
