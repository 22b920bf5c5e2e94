"""The dataset card: ``README.md`` of a release, which is also a Hugging Face dataset repo.

The YAML front matter declares one config per table (``statements`` the
default), each with a ``train`` split, and a ``dataset_info`` generated from
the Parquet files themselves (features, row counts, sizes), so the card and
the files cannot disagree: :func:`dataset_info` is also what ``validate``
recomputes to check a release. The prose says what a statement is, what each
``attribution`` value and each column mean, how the tables were made and
checked, what they do not do, who made them, and how to load and cite them.

Where the dataset lives and who made it come from the manifest (``dataset.hub``,
``authors``, ``curators``, ``contact``, ``code``, ``year``): the load examples
pin the Hub repo to this version's tag, and the BibTeX gives authors, year and
URL. A card built without them says which are missing (:func:`missing`), never
a placeholder. Nothing here reads the clock: a rebuild is the same byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import yaml

from dataset.core import records
from dataset.core.models import Attribution, DatasetInfo
from dataset.release.layout import MANIFEST, REPORT, SUMS, release_files
from dataset.release.shards import data_files, tables_shards
from dataset.tables import schemas

__all__ = [
    "ATTRIBUTION_MEANINGS",
    "Contents",
    "citation",
    "contents",
    "dataset_info",
    "describe",
    "front_matter",
    "missing",
    "read_front_matter",
    "render_card",
]

_ATTRIBUTION_VALUES = tuple(a.value for a in Attribution)

#: The Hub's size buckets, by number of statements.
_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))


def _size_category(rows: int) -> str:
    return next((name for limit, name in _SIZES if rows < limit), "1M<n<10M")


def dataset_info(release: Path, files: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The card's ``dataset_info``, one entry per config, computed from the Parquet files.

    Features come from each file's Arrow schema as ``datasets`` reads it;
    ``num_bytes`` is the in-memory Arrow size, as ``push_to_hub`` records it. A table of
    several shards sums theirs (``files`` are the manifest's ``tables``).
    """
    import datasets  # here, not at the top: a build refused at the door skips its imports

    out = []
    tables = tables_shards(files)
    for table in schemas.TABLES:
        nbytes = rows = size = 0
        features = None
        for shard in tables[table]:
            path = release / shard.path
            with pq.ParquetFile(path) as parquet:
                # One row group at a time: a table of any length, in bounded memory.
                groups = range(parquet.metadata.num_row_groups)
                nbytes += sum(parquet.read_row_group(i).nbytes for i in groups)
                rows += parquet.metadata.num_rows
                features = features or datasets.Features.from_arrow_schema(parquet.schema_arrow)
            size += path.stat().st_size
        assert features is not None  # a table has one shard at least
        out.append(
            {
                "config_name": table,
                "features": features._to_yaml_list(),
                "splits": [{"name": "train", "num_bytes": nbytes, "num_examples": rows}],
                "download_size": size,
                "dataset_size": nbytes,
            }
        )
    return out


@dataclass(frozen=True)
class Contents:
    """What a release holds, counted from its tables (so the card cannot go stale)."""

    statements: int
    sources: int
    speakers: int
    curated_speakers: int
    #: (kind, speakers): person, organization, group; most first
    speaker_kinds: tuple[tuple[str, int], ...]
    #: ids an earlier release published that now go by another (``same_as``): not counted
    #: among the speakers
    merged_ids: int
    languages: tuple[str, ...]
    #: (value, rows), most rows first
    document_types: tuple[tuple[str, int], ...]
    kinds: tuple[tuple[str, int], ...]
    outlets: int
    first_published: str | None
    last_published: str | None


def contents(release: Path) -> Contents:
    """Count what the release at ``release`` holds, out of core (DuckDB over its Parquet)."""
    con = duckdb.connect(config={"threads": 1})
    try:
        paths = {
            t: "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"
            for t, files in release_files(release).items()
        }

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql.format(**paths)).fetchall()

        def counts(table: str, column: str, where: str = "true") -> tuple[tuple[str, int], ...]:
            return tuple(
                (str(v), int(n))
                for v, n in rows(
                    f"SELECT {column}, count(*) AS n FROM read_parquet({{{table}}}) "
                    f"WHERE {where} GROUP BY 1 ORDER BY n DESC, 1"
                )
            )

        (n_sources, outlets, first, last) = rows(
            "SELECT count(*), count(DISTINCT outlet), min(published_date), max(published_date) "
            "FROM read_parquet({sources})"
        )[0]
        speakers = release_files(release)["speakers"]
        # A release of the contract before same_as has none: every row is in use.
        has_same_as = bool(speakers) and "same_as" in pq.read_schema(speakers[0]).names
        in_use = "same_as IS NULL" if has_same_as else "true"
        (n_speakers, curated, merged) = rows(
            f"SELECT count(*) FILTER (WHERE {in_use}), "
            f"count(*) FILTER (WHERE curated AND {in_use}), "
            f"count(*) FILTER (WHERE NOT ({in_use})) FROM read_parquet({{speakers}})"
        )[0]
        languages = tuple(
            v for (v,) in rows("SELECT DISTINCT language FROM read_parquet({sources}) ORDER BY 1")
        )
        kinds = counts("statements", "kind")
        speaker_kinds = counts("speakers", "kind", in_use)
        return Contents(
            statements=sum(n for _, n in kinds),
            sources=int(n_sources),
            speakers=int(n_speakers),
            curated_speakers=int(curated),
            speaker_kinds=speaker_kinds,
            merged_ids=int(merged),
            languages=languages,
            document_types=counts("sources", "document_type"),
            kinds=kinds,
            outlets=int(outlets),
            first_published=first.isoformat() if first is not None else None,
            last_published=last.isoformat() if last is not None else None,
        )
    finally:
        con.close()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


#: How the card names a speakers' kind, one and many.
_KIND_WORDS = {
    "person": ("person", "people"),
    "organization": ("organisation", "organisations"),
    "group": ("group", "groups"),
}


def _speaker_kinds(c: Contents) -> str:
    """ "4 people, 1 organisation; " (the speakers are identities: one person, one row)."""
    if not c.speaker_kinds:
        return ""
    words = [
        f"{n:,} {_KIND_WORDS.get(k, (k, k + 's'))[0 if n == 1 else 1]}" for k, n in c.speaker_kinds
    ]
    return ", ".join(words) + "; "


def _merged(c: Contents) -> str:
    """ "; 2 earlier ids now go by another (same_as)" when some do."""
    if not c.merged_ids:
        return ""
    ids = "id now goes" if c.merged_ids == 1 else "ids now go"
    return f"; {c.merged_ids:,} earlier {ids} by another, in `same_as`"


def describe(c: Contents) -> str:
    """One paragraph on what the release holds, from :func:`contents`."""
    types = ", ".join(_plural(n, t.replace("_", " ")) for t, n in c.document_types)
    kinds = ", ".join(f"{n:,} {k}" for k, n in c.kinds) or "none"
    dates = (
        f", published {c.first_published}"
        + (f" to {c.last_published}" if c.last_published != c.first_published else "")
        if c.first_published
        else ""
    )
    outlets = f" from {_plural(c.outlets, 'outlet')}" if c.outlets else ""
    languages = ", ".join(f"`{lang}`" for lang in c.languages) or "none"
    return (
        f"{_plural(c.statements, 'statement')} ({kinds}) by "
        f"{_plural(c.speakers, 'speaker')} ({_speaker_kinds(c)}{c.curated_speakers:,} "
        f"curated{_merged(c)}) in "
        f"{_plural(c.sources, 'source')} ({types}){outlets}{dates}; "
        f"language{'' if len(c.languages) == 1 else 's'}: {languages}."
    )


def front_matter(
    info: DatasetInfo, files: Mapping[str, Mapping[str, Any]], release: Path, held: Contents
) -> dict[str, Any]:
    """The card's metadata block."""
    shards = tables_shards(files)
    return {
        "pretty_name": info.pretty_name or info.name,
        "license": info.license.lower(),
        "language": list(held.languages),
        "size_categories": [_size_category(int(files["statements"]["rows"]))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["quotation-attribution", "news", "speech-reporting", "provenance"],
        "configs": [
            {
                "config_name": table,
                **({"default": True} if table == "statements" else {}),
                "data_files": [
                    {"split": "train", "path": path}
                    for path in data_files(table, [s.path for s in shards[table]])
                ],
            }
            for table in schemas.TABLES
        ],
        "dataset_info": dataset_info(release, files),
    }


def read_front_matter(card: str) -> dict[str, Any] | None:
    """The YAML block at the top of a card, or None when there is none."""
    if not card.startswith("---\n"):
        return None
    end = card.find("\n---\n", 4)
    if end < 0:
        return None
    data = yaml.safe_load(card[4:end])
    return data if isinstance(data, dict) else None


#: What each ``attribution`` value means, in the card's own words (docs/annotation.md
#: records the rules in full); one entry per :class:`dataset.core.models.Attribution`.
ATTRIBUTION_MEANINGS: dict[str, str] = {
    Attribution.EXPLICIT.value: (
        "the sentence of the cue names the source: a person or an organisation by name, "
        'an unnamed source ("a ministry adviser") or a group ("the residents"). Unnamed '
        "sources and groups have no `speaker_id`."
    ),
    Attribution.PRONOUN.value: (
        'the source is a pronoun (*he*, *she*, *they*, *it*) or a role ("the minister") '
        "in the sentence of the cue, resolved to the nearest earlier statement whose "
        "source fits it."
    ),
    Attribution.CONTEXT.value: (
        "the sentence has no cue (a quote standing on its own) and takes the source of the "
        "statement before it in the paragraph, else of the paragraph before (a statement "
        "there, or the one person it names). `cue` is empty, and `speaker_mention` holds "
        "the words of that earlier sentence that name the source."
    ),
    Attribution.UNATTRIBUTED.value: (
        "no source could be found: `speaker_id` is empty (a wrong name would be worse than none)."
    ),
}


def _columns(table: str) -> str:
    """:func:`dataset.tables.schemas.column_table`, with the meanings the card itself gives."""
    lines = []
    for line in schemas.column_table(table).splitlines():
        if line.startswith("| `attribution` |") and line.endswith(". |"):
            line = line[: -len(". |")] + " (see *How the source is known* above). |"
        lines.append(line)
    return "\n".join(lines)


def _tex(text: str) -> str:
    """``text`` with the characters that LaTeX reads as commands escaped."""
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _bibtex_name(name: str) -> str:
    """One author as BibTeX reads it: ``Last, First`` as given (so that styles can
    abbreviate it); any other name in braces, cited as written (BibTeX would otherwise
    take its last word for a surname: "Attributed Statements contributors")."""
    return _tex(name) if "," in name else f"{{{_tex(name)}}}"


def citation(info: DatasetInfo) -> str:
    """How to cite this version: the manifest's BibTeX, else one made from the manifest
    (authors, title, year, version, the Hub page), leaving out what it does not give."""
    if info.citation:
        return info.citation.strip()
    title = info.pretty_name or info.name
    key = f"{info.name.replace('-', '_')}_{info.version.replace('.', '_')}"
    fields = []
    if info.authors:
        fields.append(("author", " and ".join(_bibtex_name(n) for n in info.authors)))
    fields.append(("title", f"{{{_tex(title)}}}"))
    if info.year is not None:
        fields.append(("year", str(info.year)))
    fields.append(("note", f"Version {info.version}"))
    if info.hub_url:
        fields.append(("url", info.hub_url))
        fields.append(("howpublished", f"Hugging Face dataset, revision v{info.version}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _link(url: str) -> str:
    return f"<{url}>"


def _contact(contact: str) -> str:
    return f"[{contact}](mailto:{contact})" if records.is_email(contact) else _link(contact)


def missing(info: DatasetInfo) -> list[str]:
    """What the card cannot say because the manifest does not give it, one sentence each
    naming the key to set (empty when nothing is missing)."""
    where = "in manifest.yaml"
    out = []
    if not info.hub:
        out.append(
            f"This card has no Hub repository yet: set `dataset.hub` {where} (as owner/name)."
        )
    if not info.authors:
        out.append(f"This card names no authors: set `dataset.authors` {where}.")
    if not info.curators:
        out.append(f"This card names no curators: set `dataset.curators` {where}.")
    if not info.contact:
        out.append(f"This card gives no contact: set `dataset.contact` {where}.")
    if not info.code:
        out.append(f"This card has no link to the code that built it: set `dataset.code` {where}.")
    if info.year is None and not info.citation:
        out.append(f"The citation has no year: set `dataset.year` {where}.")
    return out


def _people(info: DatasetInfo) -> str:
    """The card's "Who made it": authors, curators, contact, code, the Hub page; then what
    the manifest does not say."""
    items = []
    if info.authors:
        items.append(f"- Authors: {_names(info.authors)}")
    if info.curators:
        items.append(f"- Curators: {_names(info.curators)}")
    if info.contact:
        items.append(f"- Contact: {_contact(info.contact)}")
    if info.code:
        items.append(f"- Code: {_link(info.code)} (the code that built this release)")
    if info.hub_url:
        items.append(f"- On the Hugging Face Hub: {_link(info.hub_url)}")
    parts = ["\n".join(items)] if items else []
    if gaps := missing(info):
        parts.append("\n".join(gaps))
    return "\n\n".join(parts)


def _load(info: DatasetInfo, parquet: str) -> str:
    """The card's "Load it": from the Hub, pinned to this version, when the manifest names
    the repo; from a copy of the folder in any case."""
    local = f"""```python
import pandas as pd
statements = pd.read_parquet("{parquet}")   # in a copy of this folder

from datasets import load_dataset
ds = load_dataset(".", "statements", split="train")  # in a copy of this folder
```"""
    if not info.hub:
        return (
            "This card has no Hub repository yet, so it can show loading from a copy of "
            f"this folder only.\n\n{local}"
        )
    v = info.version
    return f"""From the Hub, pinned to this version (the tag `v{v}`):

```python
from datasets import load_dataset
ds = load_dataset("{info.hub}", "statements", revision="v{v}")  # pinned
sources = load_dataset("{info.hub}", "sources", revision="v{v}")

import pandas as pd
statements = pd.read_parquet("hf://datasets/{info.hub}@v{v}/{parquet}")
```

From a copy of this folder:

{local}"""


def render_card(info: DatasetInfo, files: Mapping[str, Mapping[str, Any]], release: Path) -> str:
    """The whole ``README.md`` of a release."""
    held = contents(release)
    meta = yaml.safe_dump(
        front_matter(info, files, release, held), sort_keys=False, allow_unicode=True, width=100
    )
    title = info.pretty_name or info.name
    event = (
        f"It covers one event: {info.event_name} ({info.event_date.isoformat()}).\n\n"
        if info.event_name and info.event_date
        else ""
    )
    text_note = (
        "The `sources` table carries the full text of every article, so that each "
        "statement can be checked against it."
        if info.publish_text
        else "This release leaves the article texts out: `sources` carries each text's "
        "length and sha256 only. `dataset validate` on this folder, with `--texts` and a "
        "folder holding the texts (a manifest.yaml and the files it lists), checks every "
        "offset against the texts you hold."
    )
    columns = "\n\n".join(
        f"**{t}** (primary key `{schemas.PRIMARY_KEYS[t]}`)\n\n{_columns(t)}"
        for t in schemas.TABLES
    )
    meanings = "\n".join(
        f"- `{value}`: {ATTRIBUTION_MEANINGS[value]}" for value in _ATTRIBUTION_VALUES
    )
    cite = citation(info)
    statements = tables_shards(files)["statements"]
    # A table of several shards is read as its folder (pandas) or its pattern (DuckDB).
    parquet = statements[0].path if len(statements) == 1 else "data/statements/"
    pattern = parquet if len(statements) == 1 else "data/statements/*.parquet"
    return f"""---
{meta}---

# {title}

{info.description or ""}

{event}Version **{info.version}**: {describe(held)}

**Review page**: [`{REPORT}`]({REPORT}) shows every statement highlighted in its
article, with filters, charts and each row's fields, and drafts corrections. It is one
self-contained file: download it and open it in a browser (it fetches nothing).

## What a statement is

A statement is a communicative act the article attributes to a source: who
(a person, an organisation or a group), a cue (a verb or phrase of saying:
*said*, *told*, *according to*, *described ... as*), and what was said. Each
row of `statements` is one such act: its content span in the article, its
kind (`direct`: the words inside quote marks; `indirect`: reported speech;
`mixed`: reported speech with quoted fragments), how the source is given
(`explicit`, `pronoun`, `context`, `unattributed`), the cue and the words
naming the source with their offsets, and the resolved speaker.

Every row maps back to its article exactly: `sources.text[char_start:char_end]
== statements.text`, in Python code points.

## How the source is known

The `attribution` column says how the article gives the source of a statement:

{meanings}

## Configs

- `statements` (default): one row per statement.
- `sources`: one row per article: outlet, date, language, type, text, length, sha256.
- `speakers`: one row per real-world source, curated or built from the mentions.

{columns}

## How it was made

The `dataset` package reads each article, splits sentences and paragraphs,
finds quote spans, finds the cues and the source words around them with
hand-written rules, resolves sources to speakers (a curated registry first,
then the longest form of the name in the article), and applies curated
corrections, which are counted in the build report. The tables are then
validated with pandera models (types, allowed values, patterns) and checks
across tables (foreign keys, spans against the text, nesting, derived ids)
before anything is written. `{MANIFEST}` records the sha256 of every
input and output; `{SUMS}` lets anyone check the files.

## Known limits

- Rule-based extraction: on an external corpus of political news (PolNeAR)
  it finds direct quotes with an overlap F1 of about 0.95 and speech-verb
  statements with about 0.81; beliefs, plans and evidence ("polls show") are
  not statements here.
- `confidence` is calibrated on that corpus; it is a share of rows right, not
  a guarantee for any one row.
- Speakers the registry lacks are named from the article alone; two people
  with one surname in one article may be merged.
- The rules are written for English news copy.

## Licence

The tables (statements, speakers, and the metadata of sources) are shared
under {info.license}. The article texts belong to their publishers and are
included for research on attribution; check their terms before
redistributing them. {text_note}

## Who made it

{_people(info)}

## Load it

{_load(info, parquet)}

```sql
-- DuckDB
SELECT speaker_id, count(*) FROM read_parquet('{pattern}') GROUP BY 1;
```

## Cite

```bibtex
{cite}
```
"""
