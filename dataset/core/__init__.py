"""The base layer: what every other layer shares and nothing else.

Errors, the domain records and enums (``models``), the strict input records
(``records``), ids, versions, safe file opening, text normalisation and the
progress protocol. Imports nothing from the rest of the package.
"""
