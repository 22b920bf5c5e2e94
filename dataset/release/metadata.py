"""Machine-readable metadata of a release: ``datapackage.json`` and ``croissant.json``.

Both describe the same three Parquet files, from the same two inputs: the
dataset's :class:`~dataset.core.models.DatasetInfo` and the manifest's ``tables``
mapping (``{table: {"path", "rows", "bytes", "sha256"}}``, or ``{"rows", "bytes",
"shards": [...]}`` for a table of several shards). Columns, types,
descriptions and keys come from the table contract (:mod:`dataset.tables.contract`,
itself generated from :mod:`dataset.tables.schemas`), so the metadata cannot disagree
with the files' schema.

- :func:`datapackage`: a Frictionless Data Package (v1 ``tabular-data-package``
  profile), one ``tabular-data-resource`` per table, each with its Table Schema,
  primary key and foreign keys to the sibling resources. ``frictionless
  validate datapackage.json`` checks every row, key and constraint (not the
  file's hash, nor the items of a list column: see :func:`_resource` and
  :func:`_frictionless_field`).
- :func:`croissant`: MLCommons Croissant 1.0 JSON-LD, one ``cr:FileObject`` per
  Parquet file (a ``cr:FileSet`` of a table's shards when it has several) and one
  ``cr:RecordSet`` per table; ``mlcroissant`` loads it.

The functions are pure: no I/O, no clock, and the output depends only on the
arguments, so a rebuild reproduces the files byte for byte. The writer dumps
them with ``json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\\n"``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Final

from dataset.core.models import DatasetInfo
from dataset.release import card
from dataset.tables import contract, schemas

__all__ = [
    "CROISSANT_CONTEXT",
    "croissant",
    "datapackage",
    "license_url",
]

#: Media type of Parquet registered with IANA (2024); Frictionless takes any string.
_PARQUET_MEDIATYPE: Final = "application/vnd.apache.parquet"
#: The encoding format ``mlcroissant`` reads Parquet for (``EncodingFormat.PARQUET``).
_CROISSANT_PARQUET: Final = "application/x-parquet"
_CROISSANT_VERSION: Final = "http://mlcommons.org/croissant/1.0"

#: The recommended Croissant 1.0 ``@context`` (spec appendix 1, as ``mlcroissant``
#: 1.x writes it for 1.0 files). A context lacking a key makes mlcroissant warn.
CROISSANT_CONTEXT: Final[dict[str, Any]] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: Croissant ``dataType`` of each Table Schema field type the contract uses.
_CROISSANT_TYPES: Final[dict[str, str]] = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "number": "sc:Float",
}

#: Creative Commons licence elements, as SPDX ids and URLs spell them, and as titles do.
_CC_ELEMENTS: Final[dict[str, str]] = {
    "BY": "Attribution",
    "SA": "ShareAlike",
    "NC": "NonCommercial",
    "ND": "NoDerivatives",
}
_CC_LICENSE: Final = re.compile(r"^CC-((?:BY|SA|NC|ND)(?:-(?:BY|SA|NC|ND))*)-(\d+\.\d+)$")


def license_url(spdx_id: str) -> str:
    """The canonical URL of an SPDX licence id.

    Creative Commons licences get their ``creativecommons.org`` deed
    (``CC-BY-4.0`` -> ``https://creativecommons.org/licenses/by/4.0/``,
    ``CC0-1.0`` -> ``https://creativecommons.org/publicdomain/zero/1.0/``);
    any other id its page in the SPDX licence list.
    """
    match = _CC_LICENSE.match(spdx_id.upper())
    if match:
        return f"https://creativecommons.org/licenses/{match[1].lower()}/{match[2]}/"
    if spdx_id.upper() == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{spdx_id}.html"


def _license_title(spdx_id: str) -> str | None:
    """The licence's full name, for the Creative Commons 4.0 licences and CC0; else None."""
    match = _CC_LICENSE.match(spdx_id.upper())
    if match and match[2] == "4.0":
        elements = "-".join(_CC_ELEMENTS[element] for element in match[1].split("-"))
        return f"Creative Commons {elements} 4.0 International"
    if spdx_id.upper() == "CC0-1.0":
        return "CC0 1.0 Universal"
    return None


def _spdx_id(spdx_id: str) -> str:
    """``cc-by-4.0`` (the Hub's spelling) -> ``CC-BY-4.0``; other ids as given."""
    if _CC_LICENSE.match(spdx_id.upper()) or spdx_id.upper() == "CC0-1.0":
        return spdx_id.upper()
    return spdx_id


def _title(info: DatasetInfo) -> str:
    return info.pretty_name or info.name


def _description(info: DatasetInfo) -> str:
    return info.description or _title(info)


def _file(files: Mapping[str, Mapping[str, Any]], table: str) -> list[tuple[str, int, str]]:
    """``(path, bytes, sha256)`` of each of a table's shards (one for a one-shard table,
    the entry's ``shards`` otherwise), checked enough to fail early.

    Raises:
        KeyError: ``files`` lacks the table or one of the three keys.
        ValueError: a path is absolute or leaves the release, or a digest is
            not a lowercase hex sha256.
    """
    entry = files[table]
    out = []
    for item in entry.get("shards", [entry]):
        path, size, digest = str(item["path"]), int(item["bytes"]), str(item["sha256"])
        if path.startswith("/") or ".." in path.split("/") or "\\" in path:
            raise ValueError(f"{table}: path {path!r} is not relative to the release root")
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise ValueError(f"{table}: sha256 {digest!r} is not a lowercase hex sha256 digest")
        out.append((path, size, digest))
    return out


# --------------------------------------------------------------------------
# Frictionless Data Package
# --------------------------------------------------------------------------


def _frictionless_field(field: Mapping[str, Any]) -> dict[str, Any]:
    """A contract field as frictionless 5 can check it in a Parquet file.

    frictionless reads Parquet through ``pyarrow.Table.to_pandas()``, which gives a
    list column's cells as numpy arrays, and its ``array`` type rejects anything
    that is not a list or a JSON string: every row would fail. A list column is
    therefore declared ``any`` here (its items are checked by the build: see the
    schema's ``checks``, ``str_list`` and ``unique_items``); the published
    contract in ``schemas/`` keeps ``array``.
    """
    out = dict(field)
    if out["type"] == "array":
        out["type"] = "any"
        out.pop("arrayItem", None)
        out["constraints"] = {
            name: value
            for name, value in out.get("constraints", {}).items()
            if name in ("required", "enum")
        }
    return out


def _resource(table: str, files: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """One ``tabular-data-resource``: the table's Parquet file and its Table Schema.

    The resource gives ``hash`` but no ``bytes``: frictionless 5 reads Parquet
    with pyarrow, not through its byte stream, so it never counts the bytes and
    reports a ``byte-count`` error for any size declared ("actual is None"). For
    the same reason it does not check the hash either (it skips a hash it could
    not compute). The size is in ``manifest.json`` and ``croissant.json``.
    """
    shards = _file(files, table)
    schema = contract.frictionless_schema(table)
    # The Table Schema is the published contract's, which names its table, says
    # where it comes from and lists the checks a Table Schema cannot express;
    # the resource carries the name and the description.
    description = schema.pop("description", None)
    schema.pop("name", None)
    schema.pop("$comment", None)
    schema["fields"] = [_frictionless_field(field) for field in schema["fields"]]
    resource: dict[str, Any] = {
        "name": table,
        "profile": "tabular-data-resource",
        # A table of several shards is its folder, which holds exactly its shards (checked
        # by `dataset validate`), with no one hash: each shard's sha256 is in manifest.json.
        # Not a multipart list: frictionless reads a Parquet resource with pyarrow, which
        # reads a folder's files as one table but only the first part of a list (and a
        # multipart resource is a byte concatenation, which Parquet files are not).
        "path": shards[0][0] if len(shards) == 1 else f"data/{table}",
        "format": "parquet",
        "mediatype": _PARQUET_MEDIATYPE,
        "schema": schema,
    }
    if len(shards) == 1:
        resource["hash"] = f"sha256:{shards[0][2]}"
    if description:
        resource["description"] = description
    return resource


def datapackage(
    info: DatasetInfo,
    files: Mapping[str, Mapping[str, Any]],
    *,
    url: str | None = None,
) -> dict[str, Any]:
    """The release's Frictionless Data Package descriptor (``datapackage.json``).

    Args:
        info: the dataset's name, version, licence (an SPDX id) and description.
        files: the manifest's ``tables``: ``{table: {"path", "bytes", "sha256", ...}}``,
            paths relative to the release root.
        url: the dataset's home page (``homepage``); by default its Hub page when the
            manifest names the repo (``dataset.hub``), else left out.

    The manifest's ``authors`` and ``curators`` are the package's ``contributors``
    (roles ``author`` and ``maintainer``, the Data Package v1 roles for them).

    Raises:
        KeyError: ``files`` lacks a table of :data:`dataset.tables.schemas.TABLES` or a key.
        ValueError: a path is not relative or a digest is not a sha256.
    """
    spdx = _spdx_id(info.license)
    license_: dict[str, Any] = {"name": spdx, "path": license_url(spdx)}
    if (title := _license_title(spdx)) is not None:
        license_["title"] = title
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": info.name,
        "title": _title(info),
        "version": info.version,
        "description": _description(info),
        "licenses": [license_],
        "resources": [_resource(table, files) for table in schemas.TABLES],
    }
    contributors = [{"title": name, "role": "author"} for name in info.authors] + [
        {"title": name, "role": "maintainer"} for name in info.curators
    ]
    if contributors:
        package["contributors"] = contributors
    homepage = url if url is not None else info.hub_url
    if homepage is not None:
        package["homepage"] = homepage
    return package


# --------------------------------------------------------------------------
# Croissant
# --------------------------------------------------------------------------


def _file_object_id(table: str) -> str:
    return f"{table}-parquet"


def _croissant_field(table: str, field: Mapping[str, Any], sharded: bool) -> dict[str, Any]:
    name = field["name"]
    repeated = field["type"] == "array"
    item_type = field["arrayItem"]["type"] if repeated else field["type"]
    out: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{table}/{name}",
        "name": name,
        "dataType": _CROISSANT_TYPES[item_type],
        "source": {
            ("fileSet" if sharded else "fileObject"): {"@id": _file_object_id(table)},
            "extract": {"column": name},
        },
    }
    if field.get("description"):
        out["description"] = field["description"]
    if repeated:
        out["repeated"] = True
    return out


def _references(table: str) -> dict[str, str]:
    """``{column: "ref_table/ref_column"}`` for the table's keys into other tables.

    A key into the table itself (``parent_statement_id``) is left out: it makes
    the record set its own predecessor, and mlcroissant 1.1 then fails to read
    any record ("Graph contains a cycle"). ``datapackage.json`` keeps that key.
    """
    return {
        key.column: f"{key.ref_table}/{key.ref_column}"
        for key in schemas.FOREIGN_KEYS
        if key.table == table and key.ref_table != table
    }


def _record_set(table: str, sharded: bool) -> dict[str, Any]:
    schema = contract.frictionless_schema(table)
    references = _references(table)
    fields = []
    for field in schema["fields"]:
        out = _croissant_field(table, field, sharded)
        if field["name"] in references:
            out["references"] = {"field": {"@id": references[field["name"]]}}
        fields.append(out)
    record_set: dict[str, Any] = {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "key": [{"@id": f"{table}/{column}"} for column in schema["primaryKey"]],
        "field": fields,
    }
    if schema.get("description"):
        record_set["description"] = schema["description"]
    return record_set


def _file_object(table: str, files: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The table's ``cr:FileObject`` (one shard), or a ``cr:FileSet`` of its shards (their
    sizes and sha256s are in manifest.json)."""
    shards = _file(files, table)
    if len(shards) > 1:
        return {
            "@type": "cr:FileSet",
            "@id": _file_object_id(table),
            "name": f"data/{table}",
            "description": f"The {table} table, as {len(shards)} Parquet shards in key order.",
            "includes": f"data/{table}/train-*.parquet",
            "encodingFormat": _CROISSANT_PARQUET,
        }
    path, size, digest = shards[0]
    return {
        "@type": "cr:FileObject",
        "@id": _file_object_id(table),
        "name": path,
        "description": f"The {table} table, as one Parquet file.",
        "contentUrl": path,
        "contentSize": f"{size} B",
        "encodingFormat": _CROISSANT_PARQUET,
        "sha256": digest,
    }


def croissant(
    info: DatasetInfo,
    files: Mapping[str, Mapping[str, Any]],
    *,
    url: str | None = None,
    date_published: dt.date | None = None,
) -> dict[str, Any]:
    """The release's Croissant 1.0 JSON-LD (``croissant.json``).

    Args:
        info: the dataset's name, version, licence (an SPDX id) and description.
        files: the manifest's ``tables``: ``{table: {"path", "bytes", "sha256", ...}}``;
            each path, relative to the release root, is the file's ``contentUrl``,
            which mlcroissant resolves against the folder of ``croissant.json``.
        url: the dataset's web page (``url``; Croissant 1.0 lists it as required,
            mlcroissant does not check it). By default its Hub page when the manifest
            names the repo (``dataset.hub``), else left out.
        date_published: the publication date (``datePublished``), when known; left
            out by default so that the output depends on nothing but the release
            (mlcroissant then warns that the property is recommended).

    ``citeAs`` is the card's citation: ``info.citation`` (BibTeX) when the manifest
    gives one, else one made from the manifest (:func:`dataset.release.card.citation`). The
    manifest's ``authors`` are the ``creator`` (each a schema.org ``Person``).

    Raises:
        KeyError: ``files`` lacks a table of :data:`dataset.tables.schemas.TABLES` or a key.
        ValueError: a path is not relative or a digest is not a sha256.
    """
    document: dict[str, Any] = {
        "@context": dict(CROISSANT_CONTEXT),
        "@type": "sc:Dataset",
        "conformsTo": _CROISSANT_VERSION,
        "name": info.name,
        "description": _description(info),
        "license": license_url(_spdx_id(info.license)),
        "version": info.version,
        "distribution": [_file_object(table, files) for table in schemas.TABLES],
        "recordSet": [_record_set(table, len(_file(files, table)) > 1) for table in schemas.TABLES],
    }
    if info.pretty_name:
        document["alternateName"] = info.pretty_name
    document["citeAs"] = card.citation(info)
    if info.authors:
        document["creator"] = [{"@type": "sc:Person", "name": name} for name in info.authors]
    page = url if url is not None else info.hub_url
    if page is not None:
        document["url"] = page
    if date_published is not None:
        document["datePublished"] = date_published.isoformat()
    return document
