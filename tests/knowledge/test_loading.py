"""Preparing the wage database (atomic, once) and the parsed-YAML cache."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from careermate_bot.knowledge import WageDataError
from careermate_bot.knowledge.loading import read_data
from careermate_bot.knowledge.wages_db import (
    WageSource,
    ensure_wage_database,
    is_current,
    packaged_source,
)


def _tiny_source(tmp_path: Path, payload: bytes = b"not really sqlite") -> WageSource:
    """A fake package: a small gzip plus a manifest that matches it."""
    gz = tmp_path / "pkg" / "oews-2025.sqlite.gz"
    gz.parent.mkdir(parents=True)
    gz.write_bytes(gzip.compress(payload))
    manifest = {
        "data_year": "2025",
        "file": gz.name,
        "file_sha256": hashlib.sha256(gz.read_bytes()).hexdigest(),
        "database_sha256": hashlib.sha256(payload).hexdigest(),
        "database_bytes": len(payload),
        "release": {"code": "2025A01", "description": "May 2025"},
    }
    return WageSource(gz, manifest)


def test_packaged_source_is_the_may_2025_release() -> None:
    source = packaged_source()
    assert source.gz_path.is_file()
    assert source.manifest["release"]["description"] == "May 2025"
    assert source.database_name == "oews-2025.sqlite"


def test_decompresses_once_then_skips(tmp_path: Path) -> None:
    source = _tiny_source(tmp_path)
    data = tmp_path / "data"
    path = ensure_wage_database(data, source)
    assert path == data / "oews-2025.sqlite"
    assert path.read_bytes() == b"not really sqlite"
    assert is_current(path, source)
    stamp = json.loads((data / "oews-2025.sqlite.json").read_text())
    assert stamp["release"] == "2025A01"
    mtime = path.stat().st_mtime_ns
    source.gz_path.unlink()  # a second call must not even need the package file
    assert ensure_wage_database(data, source) == path
    assert path.stat().st_mtime_ns == mtime
    assert not list(data.glob(".oews-*"))  # no temporary files left behind


def test_redecompresses_when_the_package_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ensure_wage_database(data, _tiny_source(tmp_path / "a", b"old release"))
    newer = _tiny_source(tmp_path / "b", b"a newer release")
    assert not is_current(data / "oews-2025.sqlite", newer)
    ensure_wage_database(data, newer)
    assert (data / "oews-2025.sqlite").read_bytes() == b"a newer release"


def test_damaged_package_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    source = _tiny_source(tmp_path)
    source.manifest["database_sha256"] = "0" * 64
    with pytest.raises(WageDataError, match="reinstall"):
        ensure_wage_database(tmp_path / "data", source)
    assert list((tmp_path / "data").iterdir()) == []


def test_missing_package_file_says_how_to_fix(tmp_path: Path) -> None:
    source = _tiny_source(tmp_path)
    source.gz_path.unlink()
    with pytest.raises(WageDataError, match="pip install"):
        ensure_wage_database(tmp_path / "data", source)


def test_read_data_caches_parsed_yaml_by_content(tmp_path: Path) -> None:
    src = tmp_path / "things.yaml"
    src.write_text("items: [a, b]\n")
    cache = tmp_path / "cache"
    assert read_data(src, cache) == {"items": ["a", "b"]}
    cached = list(cache.glob("things.*.json"))
    assert len(cached) == 1
    assert read_data(src, cache) == {"items": ["a", "b"]}
    src.write_text("items: [c]\n")
    assert read_data(src, cache) == {"items": ["c"]}
    assert len(list(cache.glob("things.*.json"))) == 1  # the stale copy is gone


def test_real_database_is_reused_across_loads(knowledge_dir: Path, tmp_path: Path) -> None:
    # The session fixture already prepared it; copying the dir must not trigger a rebuild.
    copy = tmp_path / "copy"
    shutil.copytree(knowledge_dir, copy)
    before = (copy / "oews-2025.sqlite").stat().st_mtime_ns
    ensure_wage_database(copy)
    assert (copy / "oews-2025.sqlite").stat().st_mtime_ns == before
