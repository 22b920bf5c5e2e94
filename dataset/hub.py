"""Publish a release folder to the Hugging Face Hub, as it is, under an immutable tag.

A release ``dist/<X.Y.Z>/`` is laid out as a Hub dataset repo (README.md card,
``data/<config>/train-00000-of-00001.parquet``, manifest.json, SHA256SUMS, ...).
:func:`publish` uploads that folder byte for byte as one commit on ``main`` and
tags the commit ``v<X.Y.Z>``. It does not go through ``datasets.push_to_hub``,
which rewrites the Parquet files and would make SHA256SUMS and manifest.json lie.

Steps, each of which stops the publication if it fails:

1. read the version from ``manifest.json``;
2. check the release with :func:`dataset.integrity.verify_release` (checksums,
   manifest rows/bytes/sha256, the card's ``dataset_info``);
3. have the Hub validate the card's YAML front matter (``/api/validate-yaml``);
4. create the dataset repo if needed (``private`` only applies to a new repo);
5. refuse if the tag ``v<X.Y.Z>`` exists: published versions are immutable;
6. upload the folder as one commit; files on ``main`` that the release does not
   have are deleted in the same commit, so ``main`` and the tag hold the
   release and nothing else (``.gitattributes`` is kept);
7. tag that commit ``v<X.Y.Z>``.

Dry run (``dry_run=True``) does steps 1-3 and the tag check of step 5 (reads
only), lists the files step 6 would upload, and writes nothing. If the Hub
cannot be reached, the dry run skips the remote card validation and the tag
check, checks the card's YAML locally instead, and says so in
:attr:`PublishResult.notes`.

Authentication: the ``token`` argument, else whatever ``huggingface_hub``
finds (``HF_TOKEN``, ``hf auth login``). This module never prints, logs or
writes the token, and removes it from any error message it passes on.
``HF_ENDPOINT`` points ``huggingface_hub`` at another Hub (the tests use a
local fake).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dataset.errors import DatasetError, InputError

if TYPE_CHECKING:
    from huggingface_hub import HfApi

MANIFEST = "manifest.json"
CARD = "README.md"
REPO_TYPE = "dataset"


class ReleaseUnsound(DatasetError):
    """The release fails its integrity checks or its card is invalid; nothing was uploaded."""


class AlreadyPublished(DatasetError):
    """The Hub repo already has this version's tag; published versions are immutable."""


class HubError(DatasetError):
    """The Hub refused a request or could not be reached."""


@dataclass(frozen=True, slots=True)
class PublishResult:
    """What :func:`publish` did (or, for a dry run, would do)."""

    repo_id: str
    version: str
    tag: str
    #: The commit the tag points to; None for a dry run.
    commit_sha: str | None
    #: The release's files, as repo paths: what the tagged commit holds (or would hold).
    #: Files already on ``main`` with the same content are not sent again.
    files: tuple[str, ...]
    #: Where the tagged release can be browsed on the Hub.
    url: str
    dry_run: bool = False
    #: Checks that were skipped, and why (dry run with the Hub out of reach).
    notes: tuple[str, ...] = ()


def tag_for(version: str) -> str:
    """The git tag of a published version: ``v<X.Y.Z>``."""
    return f"v{version}"


def check_repo_id(repo_id: str) -> None:
    """Refuse a repo id that is not OWNER/NAME in the Hub's alphabet."""
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils._validators import validate_repo_id

    try:
        if repo_id.count("/") != 1:
            raise HFValidationError("it must be OWNER/NAME")
        validate_repo_id(repo_id)
    except HFValidationError as e:
        raise InputError(f"--repo-id {repo_id!r}: not a Hub repo id ({e})") from None


def read_version(release: Path) -> str:
    """The ``version`` of ``release/manifest.json``."""
    path = release / MANIFEST
    if not release.is_dir():
        raise InputError(f"{release}: no such release folder")
    try:
        version = json.loads(path.read_text(encoding="utf-8"))["version"]
    except FileNotFoundError:
        raise InputError(f"{path}: missing; is {release} a release folder?") from None
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: expected a JSON object with a 'version' ({e})") from None
    if not isinstance(version, str) or not version:
        raise InputError(f"{path}: 'version' must be a non-empty string, not {version!r}")
    return version


def check_release(release: Path) -> None:
    """Refuse a release that fails :func:`dataset.integrity.verify_release`."""
    from dataset.integrity import verify_release

    problems = verify_release(release)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ReleaseUnsound(
            f"{release} fails its integrity checks; nothing was uploaded:\n{listed}\n"
            f"rebuild it with `dataset build` rather than editing files by hand"
        )


def release_files(release: Path) -> tuple[str, ...]:
    """The files ``upload_folder`` uploads from ``release``, as repo paths, sorted."""
    from huggingface_hub.utils._paths import DEFAULT_IGNORE_PATTERNS, filter_repo_objects

    paths = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    return tuple(filter_repo_objects(paths, ignore_patterns=DEFAULT_IGNORE_PATTERNS))


def read_card(release: Path) -> str:
    """The dataset card, checked locally: it exists and its YAML front matter parses."""
    from huggingface_hub import DatasetCard

    path = release / CARD
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReleaseUnsound(f"{path}: missing; the Hub needs a dataset card") from None
    try:
        DatasetCard(text)
    except ValueError as e:
        raise ReleaseUnsound(f"{path}: the YAML front matter does not parse ({e})") from None
    return text


def validate_card(release: Path, text: str) -> None:
    """Have the Hub validate the card's front matter (POST ``/api/validate-yaml``)."""
    from huggingface_hub import DatasetCard

    try:
        DatasetCard(text).validate(repo_type=REPO_TYPE)
    except ValueError as e:
        raise ReleaseUnsound(f"{release / CARD}: the Hub rejects the card: {e}") from None


def _unreachable_errors() -> tuple[type[BaseException], ...]:
    """Exceptions meaning "no answer from the Hub", whichever HTTP client huggingface_hub uses."""
    from huggingface_hub.errors import OfflineModeIsEnabled

    found: list[type[BaseException]] = [OfflineModeIsEnabled, ConnectionError, TimeoutError]
    for module, names in (
        ("httpx2", ("TransportError",)),
        ("httpx", ("TransportError",)),
        ("requests", ("ConnectionError", "Timeout")),
    ):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        found += [getattr(mod, n) for n in names if hasattr(mod, n)]
    return tuple(found)


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


_HINTS = {
    401: "check the token (HF_TOKEN, or `hf auth login`)",
    403: "the token cannot write there; use a token with write access to this namespace",
    404: "check the repo id (OWNER/NAME) and that the token can see it",
}


@contextmanager
def _hub(action: str, secret: str | None) -> Iterator[None]:
    """Turn huggingface_hub's errors while doing ``action`` into one readable :class:`HubError`."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        yield
    except HfHubHTTPError as e:
        status = e.response.status_code if e.response is not None else None
        said = getattr(e, "server_message", None) or str(e).splitlines()[0]
        hint = _HINTS.get(status or 0)
        message = f"{action}: the Hub answered {status}: {said.strip()}"
        raise HubError(_scrub(message + (f"; {hint}" if hint else ""), secret)) from None
    except _unreachable_errors() as e:
        raise HubError(_scrub(f"{action}: cannot reach the Hub ({e})", secret)) from None


def _api(token: str | None) -> HfApi:
    from huggingface_hub import HfApi

    return HfApi(token=token)


def _existing_tags(repo_id: str, token: str | None) -> set[str]:
    """The repo's tags; none if the repo does not exist (yet)."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        refs = _api(token).list_repo_refs(repo_id, repo_type=REPO_TYPE)
    except RepositoryNotFoundError:
        return set()
    return {t.name for t in refs.tags}


def _refuse_if_tagged(repo_id: str, tag: str, token: str | None) -> None:
    if tag in _existing_tags(repo_id, token):
        raise AlreadyPublished(
            f"{repo_id} already has the tag {tag}: published versions are immutable; "
            f"build the changes as a new version (set dataset.version in seeds/manifest.yaml) "
            f"and publish that"
        )


def _url(repo_id: str, tag: str, token: str | None) -> str:
    return f"{_api(token).endpoint.rstrip('/')}/datasets/{repo_id}/tree/{tag}"


def _known_token() -> str | None:
    """The token huggingface_hub would use, only to keep it out of error messages."""
    from huggingface_hub import get_token

    return get_token()


def _dry_run(
    release: Path, repo_id: str, version: str, card: str, token: str | None
) -> PublishResult:
    """Validate the card and look for the tag if the Hub answers; upload nothing."""
    tag, secret, notes = tag_for(version), token or _known_token(), []
    try:
        with _hub("validating the dataset card", secret):
            validate_card(release, card)
    except HubError as e:
        notes.append(f"card checked locally only (its YAML parses): {e}")
    try:
        with _hub(f"listing the tags of {repo_id}", secret):
            _refuse_if_tagged(repo_id, tag, token)
    except HubError as e:
        notes.append(f"tag {tag} not looked for: {e}")
    files, url = release_files(release), _url(repo_id, tag, token)
    return PublishResult(repo_id, version, tag, None, files, url, dry_run=True, notes=tuple(notes))


def _publish(
    release: Path, repo_id: str, version: str, card: str, private: bool, token: str | None
) -> str:
    """Validate the card, create the repo, check the tag, upload, tag; the tagged commit's sha."""
    api, tag, secret = _api(token), tag_for(version), token or _known_token()
    with _hub("validating the dataset card", secret):
        validate_card(release, card)
    with _hub(f"creating the dataset repo {repo_id}", secret):
        api.create_repo(repo_id, repo_type=REPO_TYPE, private=private, exist_ok=True)
    with _hub(f"listing the tags of {repo_id}", secret):
        _refuse_if_tagged(repo_id, tag, token)
    with _hub(f"uploading {release} to {repo_id}", secret):
        commit = api.upload_folder(
            repo_id=repo_id,
            folder_path=release,
            repo_type=REPO_TYPE,
            commit_message=f"Release {version}",
            delete_patterns="*",
        )
    with _hub(f"tagging commit {commit.oid[:12]} of {repo_id} as {tag}", secret):
        api.create_tag(repo_id, tag=tag, revision=commit.oid, repo_type=REPO_TYPE)
    return commit.oid


def publish(
    release: Path,
    repo_id: str,
    *,
    private: bool = False,
    dry_run: bool = False,
    token: str | None = None,
) -> PublishResult:
    """Upload ``release`` to the Hub dataset repo ``repo_id`` and tag it ``v<version>``.

    Raises:
        InputError: ``repo_id`` is not OWNER/NAME, or ``release`` is not a release
            folder (no readable manifest.json).
        ReleaseUnsound: the release fails its integrity checks, or the Hub rejects its card.
        AlreadyPublished: the repo already has the tag ``v<version>``.
        HubError: the Hub refused a request (auth, permissions, ...) or could not be reached.
    """
    release = Path(release)
    check_repo_id(repo_id)
    version = read_version(release)
    check_release(release)
    card = read_card(release)
    if dry_run:
        return _dry_run(release, repo_id, version, card, token)
    sha = _publish(release, repo_id, version, card, private, token)
    tag = tag_for(version)
    return PublishResult(
        repo_id, version, tag, sha, release_files(release), _url(repo_id, tag, token)
    )
