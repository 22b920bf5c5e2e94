"""The build: reading inputs (``corpus``, ``sources``), curated corrections, the rows
of the tables (``rows``), and the pipeline that runs extract -> correct -> tabulate ->
validate -> write, locally in processes (``pipeline``, ``stream``) or on Spark (``spark``)."""
