"""`Guide`: the three curated guide files, parsed, cross-checked and indexed by id.

    guide = Guide.load()                       # the package's data files
    guide = get_guide(settings.data_dir)       # process-wide, through the JSON parse cache

Like the rest of the knowledge layer, the YAML goes through `read_data`'s JSON cache when a cache
directory is given (the app's data dir), so a warm load takes a few milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from careermate_bot.knowledge.base import DEFAULT_DATA_DIR
from careermate_bot.knowledge.guide.types import (
    Certification,
    Education,
    EducationShare,
    GuideEntry,
    JobZone,
    Licensing,
    Step,
    Topic,
)
from careermate_bot.knowledge.loading import CACHE_SUBDIR, package_data_dir, read_data
from careermate_bot.knowledge.types import ONET_ATTRIBUTION

GUIDE_FILE = "guide.yaml"
CERTIFICATIONS_FILE = "certifications.yaml"
PLAYBOOK_FILE = "playbook.yaml"


class GuideDataError(ValueError):
    """A guide data file is inconsistent (names the entry and the problem)."""


class Guide:
    """Occupation guide entries, certifications and playbook topics, by id."""

    def __init__(
        self,
        entries: Iterable[GuideEntry],
        job_zones: Iterable[JobZone],
        certifications: Iterable[Certification],
        topics: Iterable[Topic],
        attribution: str = ONET_ATTRIBUTION,
    ) -> None:
        self.attribution = attribution
        self.entries: dict[str, GuideEntry] = {e.id: e for e in entries}
        self.job_zones: dict[int, JobZone] = {z.zone: z for z in job_zones}
        self.certifications: dict[str, Certification] = {}
        for cert in certifications:
            if cert.id in self.certifications:
                raise GuideDataError(f"duplicate certification id {cert.id!r}")
            self.certifications[cert.id] = cert
        self.topics: dict[str, Topic] = {}
        for topic in topics:
            if topic.id in self.topics:
                raise GuideDataError(f"duplicate topic id {topic.id!r}")
            self.topics[topic.id] = topic
        for entry in self.entries.values():
            if entry.job_zone not in self.job_zones:
                raise GuideDataError(f"{entry.id}: job zone {entry.job_zone} has no reference")

    @classmethod
    def load(cls, package_dir: Path | None = None, cache_dir: Path | None = None) -> Guide:
        pkg = package_dir or package_data_dir()
        guide = read_data(pkg / GUIDE_FILE, cache_dir)
        certs = read_data(pkg / CERTIFICATIONS_FILE, cache_dir)
        playbook = read_data(pkg / PLAYBOOK_FILE, cache_dir)
        return cls(
            entries=[_entry(oid, raw) for oid, raw in guide["occupations"].items()],
            job_zones=[_zone(int(z), raw) for z, raw in guide["job_zones"].items()],
            certifications=[_certification(raw) for raw in certs["certifications"]],
            topics=[_topic(raw) for raw in playbook["topics"]],
            attribution=str(guide.get("attribution") or ONET_ATTRIBUTION),
        )

    def check_against(self, occupation_ids: Iterable[str]) -> list[str]:
        """Problems with ids that must exist in the occupation catalogue (empty = consistent)."""
        known = set(occupation_ids)
        problems = [
            f"catalogue occupation {oid!r} has no guide entry" for oid in known - set(self.entries)
        ]
        problems += [
            f"guide entry {oid!r} is not in the catalogue" for oid in set(self.entries) - known
        ]
        for entry in self.entries.values():
            problems += [
                f"{entry.id}: related occupation {r!r} is not in the catalogue"
                for r in entry.related
                if r not in known
            ]
        for cert in self.certifications.values():
            problems += [
                f"certification {cert.id}: serves unknown occupation {r!r}"
                for r in cert.serves
                if r not in known
            ]
        return sorted(problems)

    def zone(self, entry: GuideEntry) -> JobZone:
        return self.job_zones[entry.job_zone]


def _entry(oid: str, raw: Mapping[str, Any]) -> GuideEntry:
    try:
        edu = dict(raw["education"])
        runner = edu.pop("runner_up", None)
        lic = raw.get("licensing")
        return GuideEntry(
            id=oid,
            onet=str(raw["onet"]),
            onet_title=str(raw["onet_title"]),
            mapping=raw["mapping"],
            mapping_note=raw.get("mapping_note"),
            education=Education(**edu, runner_up=EducationShare(**runner) if runner else None),
            job_zone=int(raw["job_zone"]),
            job_zone_note=raw.get("job_zone_note"),
            tasks=tuple(raw.get("tasks") or ()),
            tasks_note=raw.get("tasks_note"),
            related=tuple(raw.get("related") or ()),
            related_note=raw.get("related_note"),
            licensing=Licensing(**lic) if lic else None,
            notes=tuple(raw.get("notes") or ()),
            pinned=tuple(raw.get("pinned") or ()),
        )
    except (KeyError, TypeError, ValidationError) as error:
        raise GuideDataError(f"guide entry {oid!r}: {error}") from error


def _zone(zone: int, raw: Mapping[str, Any]) -> JobZone:
    return JobZone(zone=zone, **raw)


def _certification(raw: Mapping[str, Any]) -> Certification:
    try:
        data = dict(raw)
        data["audience"] = data.pop("for")
        return Certification(**data)
    except (KeyError, TypeError, ValidationError) as error:
        raise GuideDataError(f"certification {raw.get('id', '?')!r}: {error}") from error


def _topic(raw: Mapping[str, Any]) -> Topic:
    try:
        data = dict(raw)
        data["steps"] = tuple(Step(**s) for s in data["steps"])
        return Topic(**data)
    except (KeyError, TypeError, ValidationError) as error:
        raise GuideDataError(f"topic {raw.get('id', '?')!r}: {error}") from error


_cache: dict[Path, Guide] = {}
_cache_lock = threading.Lock()


def get_guide(data_dir: Path | str | None = None) -> Guide:
    """The process-wide guide, parsed through the JSON cache in `data_dir` (default `data/`)."""
    key = Path(data_dir or DEFAULT_DATA_DIR).resolve()
    with _cache_lock:
        guide = _cache.get(key)
        if guide is None:
            guide = Guide.load(cache_dir=key / CACHE_SUBDIR)
            _cache[key] = guide
        return guide


def clear_guide_cache() -> None:
    with _cache_lock:
        _cache.clear()
