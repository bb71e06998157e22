"""nllplot from Python: the likelihood figure in a notebook, with the same options as the command.

    import nllplot
    fig = nllplot.figure(dist="poisson", n=30, true=4, annotate="all")
    fig                      # shown inline in a notebook (SVG)
    fig.summary["mle"]       # the JSON summary as a dict
    fig.sweep                # the CSV columns (numpy arrays when numpy is installed)
    fig.save("fig.pdf")      # any format the command writes

Keyword arguments are the command's long options with ``_`` for ``-`` (``points_2d=81``), or
``n`` for ``-n``. A value is written as the command line would take it: ``True`` is a flag, a
list repeats the option (or joins it with commas where the command takes a comma list:
``n=[10, 100, 1000]``, ``annotate``, ``sweep``), a pair is a range (``range=(0, 1)``,
``bounds={"lam": (0, None)}``: ``None`` is infinite), and a dict gives ``NAME=VALUE`` pairs
(``fix={"sigma": 2}``, ``true={"mu": 1, "sigma": 2}``, ``label={"title": "…"}``).

Observations: ``data=`` a list, tuple, numpy array or pandas Series of numbers, a pandas
DataFrame (its columns by name, for a ``logf`` model or with ``column="…"``), or a path to a
data file. They are
read exactly as a data file is, so errors name the line.

Errors are :class:`nllplot.Error` (a ``ValueError``) with the command's one-line message.
"""

from __future__ import annotations

import csv as _csv
import io as _io
import json as _json
import math as _math
import os as _os

from ._nllplot import Error, render as _render, save as _save

__all__ = ["Error", "Figure", "figure"]

# Options the command takes as one comma-separated list; every other list repeats its option.
_COMMA_LISTS = {"samples", "n", "annotate", "sweep"}
# Python-side names that are not options of the command.
_OWN = {"data", "page"}


def _number(v) -> str:
    """A number as the command reads it: ints exactly, floats in the shortest round trip."""
    if isinstance(v, bool):
        raise Error(f"{v!r} is not a number")
    if v is None:
        return "inf"
    if isinstance(v, int):
        return str(v)
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise Error(f"{v!r} is not a number") from None
    if _math.isnan(f):
        raise Error("NaN is not a number nllplot accepts")
    if _math.isinf(f):
        return "inf" if f > 0 else "-inf"
    return repr(f)


def _text(v) -> str:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _number(v)
    if isinstance(v, tuple) and len(v) == 2:
        lo = "-inf" if v[0] is None else _number(v[0])
        hi = "inf" if v[1] is None else _number(v[1])
        return f"{lo}:{hi}"
    if isinstance(v, _os.PathLike):
        return _os.fspath(v)
    return str(v)


def _args(options: dict) -> list[str]:
    """Keyword arguments as the command line's arguments (without the program name)."""
    args: list[str] = []
    for key, value in options.items():
        if key in _OWN or value is None or value is False:
            continue
        name = key.replace("_", "-")
        flag = f"-{name}" if len(name) == 1 else f"--{name}"
        if value is True:
            args.append(flag)
        elif isinstance(value, dict):
            for k, v in value.items():
                args += [flag, f"{k}={_text(v)}"]
        elif isinstance(value, (list, set)) or _is_array(value):
            items = [_text(v) for v in value]
            if key in _COMMA_LISTS:
                args += [flag, ",".join(items)]
            else:
                for item in items:
                    args += [flag, item]
        elif flag.startswith("--"):
            # `--name=value`: a value beginning with '-' is not taken for an option.
            args.append(f"{flag}={_text(value)}")
        else:
            args += [flag, _text(value)]
    return args


def _is_array(value) -> bool:
    return hasattr(value, "__array__") and not isinstance(value, (str, bytes))


def _observations(data):
    """``data=`` as (command-line arguments, in-memory data): a path becomes ``--data``, values
    become the text of a data file."""
    if data is None:
        return [], None
    if isinstance(data, (str, _os.PathLike)):
        return ["--data", _os.fspath(data)], None
    columns = getattr(data, "columns", None)
    if columns is not None and len(columns) == 1 and hasattr(data, "iloc"):
        data = data.iloc[:, 0]  # one column: its values, as a headerless data file
        columns = None
    if columns is not None and hasattr(data, "itertuples"):  # a pandas DataFrame
        out = _io.StringIO()
        out.write(",".join(str(c) for c in columns) + "\n")
        for row in data.itertuples(index=False):
            out.write(",".join(_number(v) for v in row) + "\n")
        return [], ("<data frame>", out.getvalue().encode())
    if hasattr(data, "to_numpy"):  # a pandas Series
        data = data.to_numpy()
    try:
        values = list(data)
    except TypeError:
        raise Error(f"data= takes numbers, a data frame or a path, not {type(data).__name__}") from None
    text = "".join(_number(v) + "\n" for v in values)
    return [], ("<data>", text.encode())


class Figure:
    """One figure: its options and observations. Everything is computed when first asked for
    (a few milliseconds), and the same options give the same bytes every time."""

    def __init__(self, options: dict):
        self.options = dict(options)
        data_args, self._data = _observations(self.options.get("data"))
        self._args = _args(self.options) + data_args
        self._page = bool(self.options.get("page"))
        self._cache: dict[str, bytes] = {}
        # Refuse bad options now, not when the notebook first displays the figure.
        self.svg

    def _bytes(self, fmt: str) -> bytes:
        if fmt not in self._cache:
            (self._cache[fmt],) = _render(self._args, self._data, [fmt])
        return self._cache[fmt]

    def to_bytes(self, fmt: str = "svg") -> bytes:
        """The figure (svg, png, pdf, html, gif) or its numbers (csv, json) as bytes."""
        return self._bytes(fmt)

    @property
    def svg(self) -> str:
        return self._bytes("svg").decode()

    @property
    def summary(self) -> dict:
        """The JSON summary (``--json``) as a dict."""
        return _json.loads(self._bytes("json"))

    @property
    def sweep(self) -> dict:
        """The sweep (``--csv``) as columns by name: numpy arrays when numpy is installed (an
        empty cell, where LL is undefined, is NaN there), else lists (None there)."""
        rows = list(_csv.reader(_io.StringIO(self._bytes("csv").decode())))
        header, body = rows[0], rows[1:]
        columns = {name: [_cell(r[i]) for r in body] for i, name in enumerate(header)}
        try:
            import numpy
        except ImportError:
            return columns
        return {
            name: numpy.array([numpy.nan if v is None else v for v in column], dtype=float)
            for name, column in columns.items()
        }

    def save(self, *paths) -> str:
        """Writes the figure to each path, its format by extension (.svg .png .pdf .html .gif,
        and .csv .json for the numbers), all at once or none; returns the command's summary."""
        args = list(self._args)
        for path in paths:
            path = _os.fspath(path)
            ext = _os.path.splitext(path)[1].lower()
            if ext == ".csv":
                args += ["--csv", path]
            elif ext == ".json":
                args += ["--json", path]
            else:
                args += ["--out", path]
        if not paths:
            raise Error("save() needs a path")
        return _save(args, self._data)

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self):
        # The interactive page only when asked for (page=True): it is larger than the figure.
        return self._bytes("html").decode() if self._page else None

    def __repr__(self) -> str:
        return f"nllplot.Figure({', '.join(f'{k}={v!r}' for k, v in self.options.items())})"


def _cell(text: str):
    if text == "":
        return None
    return float(text)


def figure(**options) -> Figure:
    """The figure of these options (the command's, as keyword arguments; see the module's
    documentation). ``page=True`` shows the interactive page in a notebook instead of the
    static figure."""
    return Figure(options)
