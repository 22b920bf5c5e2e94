"""Attributed statements in news, extracted, validated and published as Parquet.

The library API, for notebooks and scripts::

    import dataset
    result = dataset.build("seeds", "dist")            # what `dataset build` does
    report = dataset.validate_tables(result.tables)     # what `dataset validate` does
    statements = dataset.extract_statements(dataset.Document("doc-1", text))
    tables = dataset.load("dist/1.0.0")                 # the three tables, typed

The names are imported on first use (PEP 562), so that ``import dataset`` and the
``dataset`` command start at once: the build machinery (pandas, pandera, pyarrow) is
loaded only by what needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataset.core.models import Attribution, Document, Kind, Speaker, Statement
    from dataset.engine.pipeline import build, extract_corpus, load_corpus, make_tables
    from dataset.extract import extract_statements
    from dataset.release.layout import read_release
    from dataset.release.loader import load
    from dataset.tables.validation import validate_tables

#: Each public name and the module that defines it.
_WHERE = {
    "Attribution": "dataset.core.models",
    "Document": "dataset.core.models",
    "Kind": "dataset.core.models",
    "Speaker": "dataset.core.models",
    "Statement": "dataset.core.models",
    "build": "dataset.engine.pipeline",
    "extract_corpus": "dataset.engine.pipeline",
    "extract_statements": "dataset.extract",
    "load": "dataset.release.loader",
    "load_corpus": "dataset.engine.pipeline",
    "make_tables": "dataset.engine.pipeline",
    "read_release": "dataset.release.layout",
    "validate_tables": "dataset.tables.validation",
}

__all__ = [
    "Attribution",
    "Document",
    "Kind",
    "Speaker",
    "Statement",
    "build",
    "extract_corpus",
    "extract_statements",
    "load",
    "load_corpus",
    "make_tables",
    "read_release",
    "validate_tables",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
