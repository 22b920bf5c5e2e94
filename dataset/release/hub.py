"""Publish a release folder to the Hugging Face Hub, as it is, under an immutable tag.

A release ``dist/<X.Y.Z>/`` is laid out as a Hub dataset repo (README.md card,
``data/<config>/train-000NN-of-000MM.parquet``: a table's shards, manifest.json,
SHA256SUMS, ...); every file of it is uploaded, every shard included.
:func:`publish` uploads that folder byte for byte as one commit on ``main`` and
tags the commit ``v<X.Y.Z>``. It does not go through ``datasets.push_to_hub``,
which rewrites the Parquet files and would make SHA256SUMS and manifest.json lie.

Steps, each of which stops the publication if it fails:

1. read the version from ``manifest.json``;
2. check the release with :func:`dataset.release.integrity.verify_release` (checksums,
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

Timeouts: every request to the Hub (and to any server it redirects an upload
to) waits at most ``timeout`` seconds to connect, for each read and for each
write: the ``timeout`` argument, else ``$DATASET_HUB_TIMEOUT``, else
:data:`DEFAULT_TIMEOUT`. These are per network operation, not for a whole
transfer: a large upload that keeps moving is never cut short, a server that
stops answering is given up on. A request with no answer in time is not retried
(``huggingface_hub`` would retry it up to five times, with pauses): it stops the
publication with :class:`HubTimeout`, naming the server and what was being
done. The timeouts are set through ``huggingface_hub.set_client_factory`` for
the duration of :func:`publish` only, and apply even where ``huggingface_hub``
passes ``timeout=None`` (listing a repo's files does). Not covered: Xet
uploads, which the ``hf_xet`` extension makes with its own client and timeouts
(``HF_XET_CLIENT_CONNECT_TIMEOUT``, ``HF_XET_CLIENT_READ_TIMEOUT``).
"""

from __future__ import annotations

import importlib
import json
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx2  # huggingface_hub 2.x talks HTTP through httpx2 (set_client_factory takes its Client)

from dataset.core.errors import (
    AlreadyPublished,
    HubError,
    HubTimeout,
    InputError,
    ReleaseUnsound,
)
from dataset.release.layout import CARD, MANIFEST

if TYPE_CHECKING:
    from huggingface_hub import HfApi

REPO_TYPE = "dataset"

#: Seconds a request to the Hub may wait to connect, and for each read and write.
DEFAULT_TIMEOUT = 30.0
#: The environment variable that sets it (a number of seconds) when no timeout is given.
TIMEOUT_ENV = "DATASET_HUB_TIMEOUT"


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
    """The git tag of a published version: ``v<X.Y.Z>``.

    Raises:
        InputError: ``version`` is not a strict SemVer 2.0 version.
    """
    from dataset.core.versions import InvalidVersion, check_version

    try:
        return f"v{check_version(version)}"
    except InvalidVersion as e:
        raise InputError(f"cannot tag this release: {e}") from None


def check_repo_id(repo_id: str) -> None:
    """Refuse a repo id that is not OWNER/NAME in the Hub's alphabet (the rule the
    manifest's ``dataset.hub`` is held to: :func:`dataset.core.records.hub_repo_problem`)."""
    from dataset.core.records import hub_repo_problem

    why = hub_repo_problem(repo_id)
    if why is not None:
        raise InputError(f"--repo-id {repo_id!r}: not a Hub repo id OWNER/NAME ({why})")


def read_version(release: Path) -> str:
    """The ``version`` of ``release/manifest.json``, a strict SemVer 2.0 version.

    Raises:
        InputError: no readable manifest.json.
        ReleaseUnsound: its version is not a version (``01.0.0``, ``１.０.０``, ...).
    """
    from dataset.core.files import regular_file_problem
    from dataset.core.versions import InvalidVersion, check_version

    path = release / MANIFEST
    if not release.is_dir():
        raise InputError(f"{release}: no such release folder")
    if not path.exists() and not path.is_symlink():
        raise InputError(f"{path}: missing; is {release} a release folder?")
    why = regular_file_problem(release, MANIFEST)  # a FIFO would hang the read
    if why is not None:
        raise ReleaseUnsound(f"{release}: {why}; nothing was uploaded")
    try:
        version = json.loads(path.read_text(encoding="utf-8"))["version"]
    except FileNotFoundError:
        raise InputError(f"{path}: missing; is {release} a release folder?") from None
    except (
        json.JSONDecodeError,
        KeyError,
        TypeError,
        UnicodeDecodeError,
        RecursionError,
        OSError,
    ) as e:
        raise InputError(f"{path}: expected a JSON object with a 'version' ({e})") from None

    try:
        return check_version(version)
    except InvalidVersion as e:
        raise ReleaseUnsound(f"{path}: {e}; nothing was uploaded") from None


def check_release(release: Path) -> None:
    """Refuse a release that fails :func:`dataset.release.integrity.verify_release`."""
    from dataset.release.integrity import verify_release

    problems = verify_release(release)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ReleaseUnsound(
            f"{release} fails its integrity checks; nothing was uploaded:\n{listed}\n"
            f"rebuild it with `dataset build` rather than editing files by hand"
        )


def upload_files(release: Path) -> tuple[str, ...]:
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


# ----------------------------------------------------------------------------- timeouts


def resolve_timeout(timeout: float | None = None) -> float:
    """The timeout to use: ``timeout``, else ``$DATASET_HUB_TIMEOUT``, else the default.

    Raises:
        InputError: the value is not a finite number of seconds greater than 0.
    """
    where = "--timeout"
    if timeout is None:
        raw = os.environ.get(TIMEOUT_ENV, "").strip()
        if not raw:
            return DEFAULT_TIMEOUT
        where = f"{TIMEOUT_ENV}={raw!r}"
        try:
            timeout = float(raw)
        except ValueError:
            raise InputError(f"{where}: expected a number of seconds, such as 30") from None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise InputError(f"{where}: expected a number of seconds, not {timeout!r}")
    if not math.isfinite(timeout) or timeout <= 0:
        raise InputError(f"{where}: the timeout must be a number of seconds greater than 0")
    return float(timeout)


class _NoAnswer(Exception):
    """A request to ``url`` got nothing within ``seconds`` while ``phase`` (connect, read, ...)."""

    def __init__(self, method: str, url: str, phase: str, seconds: float) -> None:
        super().__init__(f"{method} {url}: no {phase} within {seconds:g} s")
        self.method, self.url, self.phase, self.seconds = method, url, phase, seconds


_PHASES: tuple[tuple[type[httpx2.TimeoutException], str], ...] = (
    (httpx2.ConnectTimeout, "connect"),
    (httpx2.ReadTimeout, "read"),
    (httpx2.WriteTimeout, "write"),
    (httpx2.PoolTimeout, "pool"),
)


class _BoundedClient(httpx2.Client):
    """An ``httpx2.Client`` whose every request has a timeout, and whose timeouts are final.

    ``send`` (which every request of ``huggingface_hub`` goes through, redirects
    and proxies included) bounds each of the request's timeouts by ``seconds``,
    also where the caller passed ``timeout=None``, and turns a timeout into
    :class:`_NoAnswer`, which ``huggingface_hub``'s retry loops do not catch.
    """

    def __init__(self, seconds: float, **kwargs: Any) -> None:
        super().__init__(timeout=httpx2.Timeout(seconds), **kwargs)
        self.seconds = seconds

    def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
        given = request.extensions.get("timeout") or {}
        bounded = {
            phase: self.seconds if given.get(phase) is None else min(given[phase], self.seconds)
            for _, phase in _PHASES
        }
        request.extensions = {**request.extensions, "timeout": bounded}
        try:
            return super().send(request, **kwargs)
        except httpx2.TimeoutException as e:
            phase = next((name for kind, name in _PHASES if isinstance(e, kind)), "read")
            url = f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.path}"
            raise _NoAnswer(request.method, url, phase, bounded[phase]) from e


def _client_factory(seconds: float) -> Callable[[], httpx2.Client]:
    """What ``huggingface_hub``'s default factory makes, with :class:`_BoundedClient`."""
    from huggingface_hub.utils._http import hf_request_event_hook

    def factory() -> httpx2.Client:
        return _BoundedClient(
            seconds, event_hooks={"request": [hf_request_event_hook]}, follow_redirects=True
        )

    return factory


@contextmanager
def bounded_timeouts(seconds: float) -> Iterator[None]:
    """``huggingface_hub`` with bounded timeouts inside the block; as it was after it."""
    from huggingface_hub import set_client_factory
    from huggingface_hub.utils import _http

    before = getattr(_http, "_GLOBAL_CLIENT_FACTORY", _http.default_client_factory)
    set_client_factory(_client_factory(seconds))
    try:
        yield
    finally:
        set_client_factory(before)


def _no_answer(e: BaseException) -> _NoAnswer | None:
    """The :class:`_NoAnswer` behind ``e`` (``huggingface_hub`` wraps some errors), if any."""
    seen: set[int] = set()
    at: BaseException | None = e
    while at is not None and id(at) not in seen:
        if isinstance(at, _NoAnswer):
            return at
        seen.add(id(at))
        at = at.__cause__ or at.__context__
    return None


_DID_NOT = {
    "connect": "did not accept a connection",
    "read": "did not answer",
    "write": "did not take the data sent",
    "pool": "had no free connection",
}


def _timeout_message(action: str, e: _NoAnswer) -> str:
    from huggingface_hub import constants

    def origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    server = origin(e.url)
    who = (
        f"the Hub at {server}"
        if server == origin(constants.ENDPOINT)
        else f"{server} (a server the Hub sent this request to)"
    )
    path = urlsplit(e.url).path or "/"
    return (
        f"{who} {_DID_NOT[e.phase]} within {e.seconds:g} s ({action}: {e.method} {path}); "
        f"check HF_ENDPOINT or raise --timeout (or {TIMEOUT_ENV})"
    )


_HINTS = {
    401: "check the token (HF_TOKEN, or `hf auth login`)",
    403: "the token cannot write there; use a token with write access to this namespace",
    404: "check the repo id (OWNER/NAME) and that the token can see it",
}


@contextmanager
def hub_errors(action: str, secret: str | None) -> Iterator[None]:
    """Turn huggingface_hub's errors while doing ``action`` into one readable :class:`HubError`."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        yield
    except HubError:
        raise
    except HfHubHTTPError as e:
        status = e.response.status_code if e.response is not None else None
        said = getattr(e, "server_message", None) or str(e).splitlines()[0]
        hint = _HINTS.get(status or 0)
        message = f"{action}: the Hub answered {status}: {said.strip()}"
        raise HubError(_scrub(message + (f"; {hint}" if hint else ""), secret)) from None
    except Exception as e:
        silent = _no_answer(e)
        if silent is not None:
            raise HubTimeout(_scrub(_timeout_message(action, silent), secret)) from None
        if isinstance(e, _unreachable_errors()):
            raise HubError(_scrub(f"{action}: cannot reach the Hub ({e})", secret)) from None
        raise


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
    # A Hub out of reach (offline) is a note; one that connects and never answers is
    # an error (HubTimeout): HF_ENDPOINT is wrong or the Hub is down, and the dry run
    # cannot say the publication would work.
    try:
        with hub_errors("validating the dataset card", secret):
            validate_card(release, card)
    except HubTimeout:
        raise
    except HubError as e:
        notes.append(f"card checked locally only (its YAML parses): {e}")
    try:
        with hub_errors(f"listing the tags of {repo_id}", secret):
            _refuse_if_tagged(repo_id, tag, token)
    except HubTimeout:
        raise
    except HubError as e:
        notes.append(f"tag {tag} not looked for: {e}")
    files, url = upload_files(release), _url(repo_id, tag, token)
    return PublishResult(repo_id, version, tag, None, files, url, dry_run=True, notes=tuple(notes))


def _publish(
    release: Path, repo_id: str, version: str, card: str, private: bool, token: str | None
) -> str:
    """Validate the card, create the repo, check the tag, upload, tag; the tagged commit's sha."""
    api, tag, secret = _api(token), tag_for(version), token or _known_token()
    with hub_errors("validating the dataset card", secret):
        validate_card(release, card)
    with hub_errors(f"creating the dataset repo {repo_id}", secret):
        api.create_repo(repo_id, repo_type=REPO_TYPE, private=private, exist_ok=True)
    with hub_errors(f"listing the tags of {repo_id}", secret):
        _refuse_if_tagged(repo_id, tag, token)
    with hub_errors(f"uploading {release} to {repo_id}", secret):
        commit = api.upload_folder(
            repo_id=repo_id,
            folder_path=release,
            repo_type=REPO_TYPE,
            commit_message=f"Release {version}",
            delete_patterns="*",
        )
    with hub_errors(f"tagging commit {commit.oid[:12]} of {repo_id} as {tag}", secret):
        api.create_tag(repo_id, tag=tag, revision=commit.oid, repo_type=REPO_TYPE)
    return commit.oid


def publish(
    release: Path,
    repo_id: str,
    *,
    private: bool = False,
    dry_run: bool = False,
    token: str | None = None,
    timeout: float | None = None,
) -> PublishResult:
    """Upload ``release`` to the Hub dataset repo ``repo_id`` and tag it ``v<version>``.

    ``timeout`` bounds, in seconds, each connect, read and write of every request
    (default: ``$DATASET_HUB_TIMEOUT``, else :data:`DEFAULT_TIMEOUT`); see the module
    docstring.

    Raises:
        InputError: ``repo_id`` is not OWNER/NAME, or ``release`` is not a release
            folder (no readable manifest.json).
        ReleaseUnsound: the release fails its integrity checks, or the Hub rejects its card.
        AlreadyPublished: the repo already has the tag ``v<version>``.
        HubError: the Hub refused a request (auth, permissions, ...) or could not be reached.
        HubTimeout: the Hub did not answer a request within ``timeout``.
    """
    release = Path(release)
    seconds = resolve_timeout(timeout)
    check_repo_id(repo_id)
    version = read_version(release)
    check_release(release)
    card = read_card(release)
    with bounded_timeouts(seconds):
        if dry_run:
            return _dry_run(release, repo_id, version, card, token)
        sha = _publish(release, repo_id, version, card, private, token)
    tag = tag_for(version)
    return PublishResult(
        repo_id, version, tag, sha, upload_files(release), _url(repo_id, tag, token)
    )
