"""Attributed statements in news, extracted, validated and published as Parquet.

The library API, for notebooks and scripts::

    import dataset
    result = dataset.build("seeds", "dist")            # what `dataset build` does
    report = dataset.validate_tables(result.tables)     # what `dataset validate` does
    statements = dataset.extract_statements(dataset.Document("doc-1", text))
"""

from dataset.extract import extract_statements
from dataset.models import Attribution, Document, Kind, Speaker, Statement
from dataset.pipeline import build, extract_corpus, load_corpus, make_tables
from dataset.validation import read_release, validate_tables

__all__ = [
    "Attribution",
    "Document",
    "Kind",
    "Speaker",
    "Statement",
    "build",
    "extract_corpus",
    "extract_statements",
    "load_corpus",
    "make_tables",
    "read_release",
    "validate_tables",
]
