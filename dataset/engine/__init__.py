"""The build: reading inputs (``corpus``, ``sources``), curated corrections, the rows
of the tables (``rows``), and the pipeline that runs extract -> correct -> tabulate ->
validate -> write, locally in processes (``pipeline``, ``stream``) or on Spark (``spark``)."""

#: Documents per batch: extracted, validated and staged together. Here, not in
#: ``pipeline``, so that the command line's help can show it without importing the build.
BATCH_SIZE = 2000
