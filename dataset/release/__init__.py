"""A release folder: its layout and where releases are (``layout``), writing it
(``artifacts``), its card, metadata and review page, checking it (``integrity``),
comparing two (``diff``), showing rows (``show``), loading it (``loader``) and publishing
it to the Hub (``hub``)."""
