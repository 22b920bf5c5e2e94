#!/bin/sh
# The cluster recipe of README "Running on Spark": `dataset build --engine spark` submitted to a
# Spark cluster with spark-submit, the package shipped as a zip. A test runs this script against
# a standalone cluster (tests/test_spark_cluster.py).
#
#   docs/spark-submit.sh MASTER [dataset build options...]
#   docs/spark-submit.sh spark://host:7077 --seeds /mnt/nfs/crawl.jsonl.gz --out /mnt/nfs/dist
#
# It zips the dataset/ folder of the clone it is in. The environment:
#
#   VENV          the Python environment with the package's dependencies (`python -m venv env &&
#                 env/bin/pip install .`; pyspark is not needed in it: spark-submit puts its own
#                 on the driver's and the executors' path). The driver runs its Python. [env]
#   PACK=1        pack VENV with venv-pack (`pip install venv-pack`) and send it to the
#                 executors (--archives): they need no Python environment of their own, only
#                 the base Python VENV was made from, at the same path. Without PACK, every
#                 worker runs VENV's Python at the same path.
#   WORK          where dataset.zip (and env.tar.gz) are written [.spark-submit]
#   SPARK_SUBMIT  the spark-submit to run [spark-submit]
#
# --seeds and --out must be paths every worker sees as the driver does (NFS, for instance).
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 MASTER [dataset build options...]" >&2
    exit 2
fi
master=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "${VENV:-env}" && pwd)
work=${WORK:-.spark-submit}
mkdir -p "$work"
work=$(cd "$work" && pwd)
submit=${SPARK_SUBMIT:-spark-submit}

# 1. The package, zipped: spark-submit puts it on the driver's path and sends it to the executors.
rm -f "$work/dataset.zip"
(cd "$root" && "$venv/bin/python" -m zipfile -c "$work/dataset.zip" dataset/)

# 2. The build, as a job: the driver runs here (client mode), the executors on the workers.
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
if [ "${PACK:-0}" = 1 ]; then
    # The executors' Python: the environment packed, unpacked by Spark as ./environment.
    rm -f "$work/env.tar.gz"
    "$venv/bin/venv-pack" --quiet -p "$venv" -o "$work/env.tar.gz"
    export PYSPARK_PYTHON=./environment/bin/python
    exec "$submit" --master "$master" --archives "$work/env.tar.gz#environment" \
        --py-files "$work/dataset.zip" "$root/dataset/__main__.py" build --engine spark "$@"
fi
# The executors' Python: the same environment, at the same path on every worker.
export PYSPARK_PYTHON="$venv/bin/python"
exec "$submit" --master "$master" \
    --py-files "$work/dataset.zip" "$root/dataset/__main__.py" build --engine spark "$@"
