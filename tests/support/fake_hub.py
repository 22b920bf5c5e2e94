"""A Hugging Face Hub look-alike on 127.0.0.1, to test ``dataset publish`` with the real clients.

Point ``huggingface_hub`` and ``datasets`` at it with ``HF_ENDPOINT=hub.url``.
It keeps repos in memory: each repo has commits (full snapshots: path ->
bytes), branches and tags. It answers what ``HfApi.create_repo``,
``upload_folder`` (without LFS), ``list_repo_refs``, ``create_tag``,
``repo_info``/``dataset_info``, ``list_repo_tree``, ``get_paths_info``,
``hf_hub_download``, ``DatasetCard.validate``, ``HfFileSystem`` and
``datasets.load_dataset`` call:

    POST /api/repos/create                         201, or 409 if it exists
    POST /api/validate-yaml                        400 if the front matter is not a YAML
                                                   mapping or a config lacks a name or files
    GET  /api/{type}s/{repo}[/revision/{rev}]      repo info: sha, private, siblings
    GET  /api/{type}s/{repo}/refs                  branches and tags
    GET  /api/{type}s/{repo}/tree/{rev}[/{path}]   ?recursive=true|false
    POST /api/{type}s/{repo}/paths-info/{rev}      form: paths=...&paths=...
    POST /api/{type}s/{repo}/preupload/{rev}       "regular" for every file, with the oid of
                                                   the file already there (unchanged files are
                                                   then left out of the commit by the client)
    POST /api/{type}s/{repo}/commit/{rev}          NDJSON: header, file (base64),
                                                   deletedFile, deletedFolder
    POST /api/{type}s/{repo}/tag/{rev}             409 if the tag exists
    HEAD|GET /[{type}s/]{repo}/resolve/{rev}/{path}  X-Repo-Commit, ETag, Content-Length, Range

A revision is a branch, a tag or a full commit sha, URL-quoted. Errors carry
the Hub's ``X-Error-Code`` header (RepoNotFound, RevisionNotFound,
EntryNotFound) so the clients raise their usual exceptions. A route named in
``stalled`` reads the request and never answers (a Hub that hangs). Writes need
``Authorization: Bearer <one of tokens>`` (401 otherwise); reading a private
repo needs it too (404 otherwise). Every request is logged in ``requests``,
with whether it carried a valid token (never the token itself); the bodies
posted to validate-yaml are kept in ``validated``.

Not faked: LFS and Xet uploads (``lfsFile`` commit lines get a 400), pull
requests and ``create_pr``, creating or deleting branches and tags other than
through ``create_tag``, deleting repos, pagination (one page), ``expand=True``
details (last commit, security scan), ``cardData`` in repo info, gated or
disabled repos, token scopes (any valid token may write anywhere), the dataset
viewer (another host), and everything else the Hub does.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import secrets
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

#: A token the tests give their fake Hub; random, so that finding it in some output cannot be
#: chance.
TOKEN = f"hf_{secrets.token_hex(16)}"
#: A proxy for every host but 127.0.0.1, so a request that would leave the machine fails:
#: the discard port, where nothing listens.
NOWHERE = "http://127.0.0.1:9"

GITATTRIBUTES = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
_REPO = r"(?P<type>model|dataset|space)s/(?P<repo>[^/]+/[^/]+)"
_REV = r"(?P<rev>[^/]+)"


def commit_by_hand(hub: FakeHub, repo: str, path: str, content: bytes) -> None:
    """Put a file on ``main`` of a dataset repo as someone else would, through the Hub's
    commit API (not through ``dataset publish``)."""
    lines = [
        {"key": "header", "value": {"summary": f"Change {path} by hand"}},
        {"key": "file", "value": {"path": path, "content": base64.b64encode(content).decode()}},
    ]
    request = urllib.request.Request(
        f"{hub.url}/api/datasets/{repo}/commit/main",
        data=b"".join(json.dumps(line).encode() + b"\n" for line in lines),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
    )
    urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request).close()


def git_oid(data: bytes) -> str:
    """The git blob sha1 of ``data``: the Hub's ETag and oid of a regular file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Commit:
    sha: str
    message: str
    files: dict[str, bytes]


@dataclass
class Repo:
    type: str
    id: str
    private: bool
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    def files_at(self, rev: str) -> dict[str, bytes]:
        """The files of a branch, tag or commit sha (KeyError if there is no such revision)."""
        return self.commits[self.branches.get(rev) or self.tags.get(rev) or rev].files


@dataclass
class Seen:
    method: str
    path: str
    authorized: bool  # carried a valid token
    routed: bool  # the fake knows this route


class HttpError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None, **headers: str):
        super().__init__(message)
        self.status, self.code, self.headers = status, code, headers


Reply = tuple[int, dict[str, str], bytes]


class FakeHub:
    """The server: ``with FakeHub(tokens={"hf_x"}) as hub: ... hub.url ... hub.repos``."""

    def __init__(self, tokens: set[str] | frozenset[str] = frozenset()) -> None:
        self.tokens = set(tokens)
        self.repos: dict[tuple[str, str], Repo] = {}
        self.requests: list[Seen] = []
        self.validated: list[str] = []
        #: Routes (handler names: "preupload", "tag", ...) that read the request and then
        #: never answer, holding the connection open until the fake stops.
        self.stalled: set[str] = set()
        self._closing = threading.Event()
        self._lock = threading.RLock()
        self._counter = itertools.count()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.hub = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        table: list[tuple[str, str, Callable[..., Reply]]] = [
            ("POST", r"/api/repos/create", self.create_repo),
            ("POST", r"/api/validate-yaml", self.validate_yaml),
            ("GET", rf"/api/{_REPO}", self.repo_info),
            ("GET", rf"/api/{_REPO}/revision/{_REV}", self.repo_info),
            ("GET", rf"/api/{_REPO}/refs", self.refs),
            ("GET", rf"/api/{_REPO}/tree/{_REV}(?:/(?P<path>.+))?", self.tree),
            ("POST", rf"/api/{_REPO}/paths-info/{_REV}", self.paths_info),
            ("POST", rf"/api/{_REPO}/preupload/{_REV}", self.preupload),
            ("POST", rf"/api/{_REPO}/commit/{_REV}", self.commit),
            ("POST", rf"/api/{_REPO}/tag/{_REV}", self.tag),
            ("HEAD GET", rf"/{_REPO}/resolve/{_REV}/(?P<path>.+)", self.resolve),
            ("HEAD GET", rf"/(?P<repo>[^/]+/[^/]+)/resolve/{_REV}/(?P<path>.+)", self.resolve),
        ]
        #: (methods, pattern, handler); a handler gets the pattern's groups, URL-unquoted.
        self.routes = [(m.split(), re.compile(p + "$"), h) for m, p, h in table]

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    # -- plumbing --------------------------------------------------------------

    def dispatch(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> Reply | None:
        """The reply to a request; None for a stalled route (no reply, ever)."""
        url = urlsplit(target)
        authorized = headers.get("authorization", "").removeprefix("Bearer ") in self.tokens
        route = next(
            ((h, m) for verbs, p, h in self.routes if method in verbs and (m := p.match(url.path))),
            None,
        )
        with self._lock:
            self.requests.append(Seen(method, unquote(url.path), authorized, route is not None))
            if route is None:
                return _error(HttpError(404, f"fake hub: no route for {method} {url.path}"))
            handler, match = route
            if handler.__name__ in self.stalled:
                return None
            args = {k: unquote(v) for k, v in match.groupdict().items() if v is not None}
            try:
                return handler(_Request(parse_qs(url.query), headers, body, authorized), **args)
            except HttpError as e:
                return _error(e)

    def _repo(self, req: _Request, type: str, repo: str) -> Repo:
        found = self.repos.get((type, repo))
        if found is None or (found.private and not req.authorized):
            raise HttpError(404, f"Repository not found: {repo}", "RepoNotFound")
        return found

    def _writable(self, req: _Request, type: str, repo: str) -> Repo:
        if not req.authorized:
            raise HttpError(401, "Invalid credentials in Authorization header")
        return self._repo(req, type, repo)

    def _sha(self, repo: Repo, rev: str) -> str:
        sha = repo.branches.get(rev) or repo.tags.get(rev) or (rev if rev in repo.commits else None)
        if sha is None:
            raise HttpError(404, f"Invalid rev id: {rev}", "RevisionNotFound")
        return sha

    def _new_commit(self, repo: Repo, branch: str, message: str, files: dict[str, bytes]) -> str:
        listing = "".join(f"{p}\0{git_oid(files[p])}\n" for p in sorted(files))
        sha = hashlib.sha1(f"{next(self._counter)}\n{message}\n{listing}".encode()).hexdigest()
        repo.commits[sha] = Commit(sha, message, dict(files))
        repo.branches[branch] = sha
        return sha

    def _entries(
        self, files: dict[str, bytes], under: str, recursive: bool
    ) -> list[dict[str, Any]]:
        prefix = f"{under}/" if under else ""
        dirs: dict[str, list[str]] = {}
        out = []
        for path in sorted(p for p in files if p.startswith(prefix)):
            parts = path[len(prefix) :].split("/")
            for depth in range(1, len(parts) if recursive else min(len(parts), 2)):
                dirs.setdefault(prefix + "/".join(parts[:depth]), []).append(path)
            if recursive or len(parts) == 1:
                out.append(_file_entry(path, files[path]))
        out += [_dir_entry(d, files, below) for d, below in dirs.items()]
        return sorted(out, key=lambda e: e["path"])

    # -- routes ------------------------------------------------------------------

    def create_repo(self, req: _Request) -> Reply:
        if not req.authorized:
            raise HttpError(401, "Invalid credentials in Authorization header")
        body = req.json()
        kind = body.get("type") or "model"
        repo_id = f"{body['organization']}/{body['name']}" if body.get("organization") else None
        if repo_id is None:
            raise HttpError(400, "fake hub: give the namespace, as in OWNER/NAME")
        url = f"{self.url}/{'' if kind == 'model' else kind + 's/'}{repo_id}"
        if (kind, repo_id) in self.repos:  # the client reads "url" from this answer too
            return _json({"error": "You already created this repo", "url": url}, 409)
        repo = Repo(kind, repo_id, body.get("visibility") == "private" or bool(body.get("private")))
        self.repos[(kind, repo_id)] = repo
        self._new_commit(repo, "main", "initial commit", {".gitattributes": GITATTRIBUTES})
        return _json({"url": url, "name": repo_id}, 201)

    def validate_yaml(self, req: _Request) -> Reply:
        content = req.json().get("content", "")
        self.validated.append(content)
        match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", content, re.S)
        if not match:
            return _json(
                {"errors": [], "warnings": [{"message": "Empty or missing yaml metadata"}]}
            )
        try:
            meta = yaml.safe_load(match[1])
        except yaml.YAMLError as e:
            return _json({"errors": [{"message": f"YAML does not parse: {e}"}]}, 400)
        problems = [] if isinstance(meta, dict) else ["the metadata must be a YAML mapping"]
        for config in (meta or {}).get("configs", []) if not problems else []:
            if not isinstance(config, dict) or not {"config_name", "data_files"} <= config.keys():
                problems.append(f"configs: each needs config_name and data_files: {config!r}")
        errors = [{"message": p} for p in problems]
        return _json({"errors": errors, "warnings": []}, 400 if errors else 200)

    def repo_info(self, req: _Request, type: str, repo: str, rev: str = "main") -> Reply:
        found = self._repo(req, type, repo)
        sha = self._sha(found, rev)
        files = found.commits[sha].files
        siblings = [
            {"rfilename": p, "size": len(b), "blobId": git_oid(b)} for p, b in files.items()
        ]
        info = {"id": repo, "author": repo.split("/")[0], "sha": sha, "private": found.private}
        return _json({**info, "gated": False, "disabled": False, "siblings": siblings, "tags": []})

    def refs(self, req: _Request, type: str, repo: str) -> Reply:
        found = self._repo(req, type, repo)

        def refs(kind: str, names: dict[str, str]) -> list[dict[str, str]]:
            return [
                {"name": n, "ref": f"refs/{kind}/{n}", "targetCommit": s} for n, s in names.items()
            ]

        out = {"branches": refs("heads", found.branches), "tags": refs("tags", found.tags)}
        return _json({**out, "converts": [], "pullRequests": []})

    def tree(self, req: _Request, type: str, repo: str, rev: str, path: str = "") -> Reply:
        found = self._repo(req, type, repo)
        files = found.files_at(self._sha(found, rev))
        path = path.strip("/")
        if path and not any(p.startswith(f"{path}/") for p in files):
            raise HttpError(404, f"{path} is not a folder at {rev}", "EntryNotFound")
        recursive = req.query.get("recursive", ["false"])[0].lower() in ("true", "1")
        return _json(self._entries(files, path, recursive))

    def paths_info(self, req: _Request, type: str, repo: str, rev: str) -> Reply:
        found = self._repo(req, type, repo)
        files = found.files_at(self._sha(found, rev))
        out = []
        for path in (p.strip("/") for p in req.form().get("paths", [])):
            if path in files:
                out.append(_file_entry(path, files[path]))
            elif below := [p for p in files if p.startswith(f"{path}/")]:
                out.append(_dir_entry(path, files, below))
        return _json(out)

    def preupload(self, req: _Request, type: str, repo: str, rev: str) -> Reply:
        found = self._writable(req, type, repo)
        files = found.files_at(self._sha(found, rev))
        answer = []
        for f in req.json()["files"]:
            old = files.get(f["path"])
            oid = git_oid(old) if old is not None else None
            answer.append(
                {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False, "oid": oid}
            )
        return _json({"files": answer})

    def commit(self, req: _Request, type: str, repo: str, rev: str) -> Reply:
        found = self._writable(req, type, repo)
        if rev not in found.branches or req.query.get("create_pr"):
            raise HttpError(400, f"fake hub: commits go to an existing branch, not {rev!r}")
        files = dict(found.files_at(rev))
        lines = [json.loads(line) for line in req.body.splitlines() if line.strip()]
        header: dict[str, Any] = next((ln["value"] for ln in lines if ln["key"] == "header"), {})
        if header.get("parentCommit") not in (None, found.branches[rev]):
            raise HttpError(412, f"{rev} is not at parent commit {header['parentCommit']}")
        for line in lines:
            key, value = line["key"], line["value"]
            if key == "file":
                files[value["path"]] = base64.b64decode(value["content"])
            elif key == "deletedFile":
                files.pop(value["path"], None)
            elif key == "deletedFolder":
                files = {p: b for p, b in files.items() if not p.startswith(value["path"] + "/")}
            elif key != "header":
                raise HttpError(400, f"fake hub: cannot commit a {key!r} (LFS is not faked)")
        sha = self._new_commit(found, rev, header.get("summary", ""), files)
        prefix = "" if type == "model" else f"{type}s/"
        url = f"{self.url}/{prefix}{repo}/commit/{sha}"
        return _json({"success": True, "commitOid": sha, "commitUrl": url, "pullRequestUrl": None})

    def tag(self, req: _Request, type: str, repo: str, rev: str) -> Reply:
        found = self._writable(req, type, repo)
        name = req.json()["tag"]
        if name in found.tags:
            raise HttpError(409, f"Tag {name} already exists")
        found.tags[name] = self._sha(found, rev)
        return _json({})

    def resolve(self, req: _Request, repo: str, rev: str, path: str, type: str = "model") -> Reply:
        found = self._repo(req, type, repo)
        sha = self._sha(found, rev)
        data = found.commits[sha].files.get(path)
        if data is None:
            raise HttpError(
                404, f"Entry not found: {path}", "EntryNotFound", **{"X-Repo-Commit": sha}
            )
        headers = {"X-Repo-Commit": sha, "ETag": f'"{git_oid(data)}"', "Accept-Ranges": "bytes"}
        status, body = 200, data
        if rng := re.fullmatch(r"bytes=(\d*)-(\d*)", req.headers.get("range", "")):
            start, end = _byte_range(rng[1], rng[2], len(data))
            if start >= len(data) or start > end:
                raise HttpError(
                    416, "Range Not Satisfiable", **{"Content-Range": f"bytes */{len(data)}"}
                )
            status, body = 206, data[start : end + 1]
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        return status, {**headers, "Content-Type": "application/octet-stream"}, body


@dataclass
class _Request:
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    authorized: bool

    def json(self) -> Any:
        return json.loads(self.body or b"{}")

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


def _byte_range(first: str, last: str, size: int) -> tuple[int, int]:
    if not first:  # bytes=-N: the last N bytes
        return max(size - int(last or 0), 0), size - 1
    return int(first), min(int(last), size - 1) if last else size - 1


def _file_entry(path: str, data: bytes) -> dict[str, Any]:
    return {"type": "file", "path": path, "size": len(data), "oid": git_oid(data)}


def _dir_entry(path: str, files: dict[str, bytes], below: list[str]) -> dict[str, Any]:
    tree = hashlib.sha1("".join(f"{p}{git_oid(files[p])}" for p in below).encode()).hexdigest()
    return {"type": "directory", "path": path, "size": 0, "oid": tree}


def _json(value: Any, status: int = 200) -> Reply:
    return status, {"Content-Type": "application/json"}, json.dumps(value).encode()


def _error(e: HttpError) -> Reply:
    headers = {"X-Error-Message": str(e), **e.headers}
    if e.code:
        headers["X-Error-Code"] = e.code
    status, base, body = _json({"error": str(e)}, e.status)
    return status, {**base, **headers}, body


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        hub: FakeHub = self.server.hub  # type: ignore[attr-defined]
        headers = {k.lower(): v for k, v in self.headers.items()}
        if "transfer-encoding" in headers:  # the clients send Content-Length
            status, reply_headers, payload = _error(HttpError(411, "fake hub: no chunked bodies"))
            self.close_connection = True
        else:
            body = self.rfile.read(int(headers.get("content-length") or 0))
            reply = hub.dispatch(self.command, self.path, headers, body)
            if reply is None:  # stalled: keep the connection, say nothing
                hub._closing.wait()
                self.close_connection = True
                return
            status, reply_headers, payload = reply
        self.send_response(status)
        for name, value in reply_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the hub's `requests` list is the log
