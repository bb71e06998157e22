#!/usr/bin/env bash
# Compiles the gallery's LaTeX and Typst figures (output/latex.tex, output/latex.typ, drawn by
# examples/latex.toml) into the pictures the README shows: output/typeset/latex.png (pdflatex,
# Computer Modern: the document's font) and output/typeset/typst.png. These are LaTeX's and
# Typst's work, not nllplot's, so the gallery test leaves output/typeset/ out of its byte check.
# Needs pdflatex, pdftoppm and a Python with the typst module ($NLLPLOT_TYPST_PYTHON, default
# .venv-ci/bin/python, as bash .ci/run makes it).
# Usage: bash tools/typeset-gallery.sh   (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="${NLLPLOT_TYPST_PYTHON:-$PWD/.venv-ci/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp output/latex.tex output/latex.typ "$work/"
cat > "$work/doc.tex" <<'TEX'
\documentclass[varwidth=16cm, border=4pt]{standalone}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepgfplotslibrary{groupplots,fillbetween}
\begin{document}
\input{latex.tex}
\end{document}
TEX
printf '#set page(width: 16cm, height: auto, margin: 4pt)\n#include "latex.typ"\n' > "$work/doc.typ"
(cd "$work" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null)
(cd "$work" && "$python" -c "import typst; typst.compile('doc.typ', output='typst.pdf')")
mkdir -p output/typeset
pdftoppm -png -r 110 -singlefile "$work/doc.pdf" output/typeset/latex
pdftoppm -png -r 110 -singlefile "$work/typst.pdf" output/typeset/typst
echo "wrote output/typeset/latex.png and output/typeset/typst.png"
