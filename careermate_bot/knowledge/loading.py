"""Reading the shipped data files.

The curated files are YAML (reviewable, commented). Parsing ~1 MB of YAML takes tens of
milliseconds even with libyaml, so `read_data` keeps a JSON copy of the parsed structure in a
cache directory (the app's data dir), keyed by the SHA-256 of the YAML bytes: a changed file is
re-parsed, an unchanged one loads in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

CACHE_SUBDIR = "knowledge-cache"


def package_data_dir() -> Path:
    """`careermate_bot/knowledge/data`, where the curated catalogue and taxonomy live."""
    return Path(str(resources.files("careermate_bot.knowledge").joinpath("data")))


def read_yaml(path: Path) -> Any:
    with path.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)


def read_data(path: Path, cache_dir: Path | None = None) -> Any:
    """Parse a YAML data file, through a JSON cache in `cache_dir` when one is given."""
    if cache_dir is None:
        return read_yaml(path)
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    cached = cache_dir / f"{path.stem}.{digest}.json"
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
    data = yaml.load(raw, Loader=_Loader)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cached)
        for old in cache_dir.glob(f"{path.stem}.*.json"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only data dir only costs speed
        log.debug("cannot cache %s: %s", path.name, error)
    return data
