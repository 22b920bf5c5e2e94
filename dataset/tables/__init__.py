"""The contract: the three tables' schemas, their export to ``schemas/``, and
validation, in memory (``validation``) and out of core over Parquet files
(``chunked``). Imports only :mod:`dataset.core`."""
