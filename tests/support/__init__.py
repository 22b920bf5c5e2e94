"""What several test modules share; no tests here.

A test module (``tests/test_*.py``) never imports another test module
(``tests/test_architecture.py`` checks it): a helper two of them need lives in
a module of this package. Fixtures stay in ``tests/conftest.py``.

- :mod:`tests.support.articles`: made-up news articles with known statements.
- :mod:`tests.support.cases`: the extractor's case tables, by construction.
- :mod:`tests.support.fake_hub`: a local stand-in for the Hugging Face Hub.
- :mod:`tests.support.fuzz_inputs`: hostile inputs for the command line.
- :mod:`tests.support.tables_strategies`: hypothesis strategies of valid tables.
- :mod:`tests.support.cli`: the ``dataset`` command run as a user runs it, and
  what a refused build must (not) leave behind.
- :mod:`tests.support.corpora`: generated news corpora of any size.
- :mod:`tests.support.corrections`: a ``corrections.yaml`` for a copy of the seeds.
- :mod:`tests.support.gold`: the seeds' hand-written gold as the scorer reads it.
- :mod:`tests.support.mutations`: every check of the tables' contract, and a
  mutation of valid tables that breaks it.
- :mod:`tests.support.text`: news-like text for properties over any text.
"""
