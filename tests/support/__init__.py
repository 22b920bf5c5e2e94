"""What several test modules share; no tests here.

A test module (``tests/test_*.py``) never imports another test module
(``tests/test_architecture.py`` checks it): a helper two of them need lives in
a module of this package, or in the support modules beside the tests that
predate it (``tests/cases.py``, ``articles.py``, ``tables_strategies.py``,
``fake_hub.py``, ``fuzz_inputs.py``). Fixtures stay in ``tests/conftest.py``.

- :mod:`tests.support.cli`: the ``dataset`` command run as a user runs it, and
  what a refused build must (not) leave behind.
- :mod:`tests.support.corpora`: generated news corpora of any size.
- :mod:`tests.support.corrections`: a ``corrections.yaml`` for a copy of the seeds.
- :mod:`tests.support.gold`: the seeds' hand-written gold as the scorer reads it.
- :mod:`tests.support.mutations`: every check of the tables' contract, and a
  mutation of valid tables that breaks it.
- :mod:`tests.support.text`: news-like text for properties over any text.
"""
