"""Scripts that are not a package (``benchmarks/``, ``.ci/``, the shared scorer), loaded
by path: an installed package named ``benchmarks`` would shadow the folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str) -> ModuleType:
    """The module of the Python file ``path``, imported as ``name`` (registered in
    ``sys.modules``: its dataclasses look themselves up there)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
