"""Measuring the extractor against annotated corpora: the scorer (``scoring``) and the
runs behind ``dataset eval`` (``evaluation``)."""
