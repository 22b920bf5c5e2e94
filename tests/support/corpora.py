"""Generated news corpora: ``generate(n, seed=...)`` yields ``n`` JSONL documents.

The generator is ``benchmarks/corpus.py`` (the benchmarks build from it too),
loaded by path: an installed package named ``benchmarks`` would shadow the folder.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from tests.conftest import ROOT


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


generate = _load_generator()
