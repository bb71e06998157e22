"""The Python package against closed forms worked by hand (never against nllplot's own numbers),
and its errors, files and console script. Run by .ci/run in a fresh venv after `pip install .`."""

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pandas
import pytest

import nllplot


def poisson_ll(counts, lam):
    """Σ k ln λ − λ − ln k! (scipy.stats.poisson.logpmf summed), written out."""
    return sum(k * math.log(lam) - lam - math.lgamma(k + 1) for k in counts)


def test_the_readme_example_shows_inline_and_reports_its_summary():
    fig = nllplot.figure(dist="poisson", n=30, true=4, annotate="all")
    svg = fig._repr_svg_()
    assert svg.startswith("<svg ")
    assert "λ" in svg
    s = fig.summary
    assert s["dist"] == "poisson" and s["n"] == 30 and s["seed"] == 42
    assert s["theta_true"] == 4
    # The same options give the same bytes.
    assert nllplot.figure(dist="poisson", n=30, true=4, annotate="all").svg == svg
    assert fig._repr_html_() is None


def test_observations_as_a_list_give_the_closed_form_estimate_and_likelihood():
    counts = [3, 1, 4]
    fig = nllplot.figure(dist="poisson", data=counts)
    s = fig.summary
    assert s["n"] == 3 and s["source"] == "data" and s["data"] == "<data>"
    assert s["mle"] == pytest.approx(8 / 3, rel=1e-15)
    assert s["ll_max"] == pytest.approx(poisson_ll(counts, 8 / 3), rel=1e-13)
    # Observed information of a Poisson at λ̂: Σk/λ̂² = n²/Σk.
    assert s["fisher_information"] == pytest.approx(9 / 8, rel=1e-12)


@pytest.mark.parametrize(
    "data",
    [
        numpy.array([1, 0, 0, 1, 1]),
        pandas.Series([1, 0, 0, 1, 1], name="heads"),
        (1, 0, 0, 1, 1),
        pandas.DataFrame({"x": [1, 0, 0, 1, 1]}),
    ],
    ids=["numpy", "series", "tuple", "one-column frame"],
)
def test_arrays_series_and_frames_are_observations(data):
    s = nllplot.figure(dist="bernoulli", data=data).summary
    assert s["n"] == 5
    assert s["mle"] == pytest.approx(0.6, rel=1e-15)
    # 3 ln 0.6 + 2 ln 0.4
    assert s["ll_max"] == pytest.approx(3 * math.log(0.6) + 2 * math.log(0.4), rel=1e-14)


def test_a_data_frame_gives_columns_by_name():
    frame = pandas.DataFrame({"dose": [1.5, 2.5, 3.5, 4.5], "count": [3, 1, 4, 0]})
    # A built-in family picks its column; a --logf model names the columns it uses.
    s = nllplot.figure(dist="poisson", data=frame, column="count").summary
    assert s["n"] == 4 and s["mle"] == pytest.approx(2.0, rel=1e-15)
    assert s["ll_max"] == pytest.approx(poisson_ll([3, 1, 4, 0], 2.0), rel=1e-13)
    model = nllplot.figure(
        logf="count*ln(lam) - lam - lgamma(count+1)", bounds={"lam": (0, None)}, data=frame
    ).summary
    assert model["model"] == "count*ln(lam) - lam - lgamma(count+1)"
    assert model["mle"] == pytest.approx(2.0, rel=1e-12)
    assert model["ll_max"] == pytest.approx(poisson_ll([3, 1, 4, 0], 2.0), rel=1e-12)


def test_a_data_file_path_is_read_as_the_command_reads_it(tmp_path):
    path = tmp_path / "counts.txt"
    path.write_text("# counts\n3\n1\n4\n")
    s = nllplot.figure(dist="poisson", data=path).summary
    assert s["mle"] == pytest.approx(8 / 3, rel=1e-15)
    assert s["data"] == str(path)


def test_the_sweep_is_columns_by_name():
    sweep = nllplot.figure(dist="bernoulli", data=[1, 0, 0, 1, 1], points=101, range=(0.1, 0.9)).sweep
    assert list(sweep) == ["theta", "ll", "nll"]
    theta, ll, nll = sweep["theta"], sweep["ll"], sweep["nll"]
    assert isinstance(theta, numpy.ndarray) and len(theta) == 101
    assert theta[0] == pytest.approx(0.1) and theta[-1] == pytest.approx(0.9)
    assert numpy.all(numpy.diff(theta) > 0)
    i = 50  # θ = 0.5
    assert theta[i] == pytest.approx(0.5, abs=1e-15)
    assert ll[i] == pytest.approx(5 * math.log(0.5), rel=1e-14)
    assert numpy.array_equal(nll, -ll)


def test_options_with_values_lists_pairs_and_dicts():
    fig = nllplot.figure(
        dist="normal", sweep="mu", profile="sigma", n=50, true={"mu": 1, "sigma": 2},
        label={"title": "Profil von {param}"}, size="8cm x 6cm", theme="print",
    )
    s = fig.summary
    assert s["params"]["sigma"]["role"] == "profiled"
    assert "Profil von μ" in fig.svg
    assert 'width="8cm"' in fig.svg
    overlay = nllplot.figure(dist="bernoulli", n=[10, 100, 1000])
    assert overlay.summary["n"] == 1000


def test_save_writes_every_format_atomically(tmp_path):
    fig = nllplot.figure(dist="geometric", data=[1, 2, 3, 6])
    paths = [tmp_path / f"f.{ext}" for ext in ("svg", "png", "pdf", "csv", "json")]
    line = fig.save(*paths)
    assert "wrote" in line
    assert paths[0].read_bytes().startswith(b"<svg ")
    assert paths[1].read_bytes().startswith(b"\x89PNG")
    assert paths[2].read_bytes().startswith(b"%PDF")
    assert paths[3].read_text().startswith("theta,ll,nll\n")
    assert paths[4].read_bytes() == fig.to_bytes("json")
    # A failing save writes nothing and leaves what was there.
    keep = tmp_path / "keep.svg"
    keep.write_text("old")
    with pytest.raises(nllplot.Error):
        fig.save(keep, tmp_path / "bad.xyz")
    assert keep.read_text() == "old"


def test_latex_and_typst_figures_come_as_text():
    fig = nllplot.figure(dist="poisson", data=[3, 1, 4])
    assert fig.to_bytes("tex").startswith(b"% nllplot")
    assert b"\\begin{tikzpicture}" in fig.to_bytes("tex")
    assert fig.to_bytes("typ").startswith(b"// nllplot")


def test_the_interactive_page_when_asked_for():
    fig = nllplot.figure(dist="bernoulli", n=50, page=True)
    html = fig._repr_html_()
    assert html.lstrip().lower().startswith("<!doctype html")


@pytest.mark.parametrize(
    "options, words",
    [
        (dict(dist="nope"), "nope"),
        (dict(dist="bernoulli", true=1.5), "--true"),
        (dict(dist="bernoulli", data=[0, 1, 2]), "<data>:3"),
        (dict(dist="poisson", data=[1.0, float("nan")]), "NaN"),
        (dict(dist="normal", no_such_option=3), "no-such-option"),
    ],
)
def test_errors_are_one_line_value_errors(options, words):
    with pytest.raises(nllplot.Error) as caught:
        nllplot.figure(**options)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert words in message, message
    assert "\n" not in message and not message.startswith("error:")


def test_the_wheel_puts_the_command_on_path(tmp_path):
    command = shutil.which("nllplot", path=os.path.dirname(sys.executable))
    assert command, "no nllplot next to the venv's python"
    done = subprocess.run(
        [command, "--dist", "poisson", "-n", "30", "--out", "f.svg", "--json", "f.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "f.svg").read_bytes().startswith(b"<svg ")
    bad = subprocess.run([command, "--dist", "nope"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_the_example_notebook_runs_headless_and_shows_the_figure_inline():
    import nbformat
    from nbclient import NotebookClient

    notebook = Path(__file__).resolve().parents[2] / "examples" / "python.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert svgs and svgs[0]["data"]["image/svg+xml"].lstrip().startswith("<svg")
