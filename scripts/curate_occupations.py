"""CURATION ONLY (never run by the bot or tests): check `occupations.yaml`, fill derived fields.

`careermate_bot/knowledge/data/occupations.yaml` is the one source of truth for the catalogue.
Curators edit it by hand; this script checks it and, for entries that leave them out, fills the
fields that follow from the O*NET 29.3 tables and the BLS OEWS occupation titles:

    .venv/bin/python scripts/curate_occupations.py                      # check only
    .venv/bin/python scripts/curate_occupations.py --onet ../shared/onet  # also compare with O*NET
    .venv/bin/python scripts/curate_occupations.py --onet ../shared/onet --write  # fill + rewrite

Hand-written (never derived): id, title, family, source, core, nice, next, and any field a
curator sets. Derived when missing (`--onet` needed for all but soc):
- soc: the O*NET code's first 7 characters, or the BLS broad group when BLS publishes only that;
- soc_title: the BLS OEWS name of the SOC code (so wages line up);
- description (O*NET first sentence, shortened), job_zone, education (most common "Required
  Level of Education"), experience_years (median "Related Work Experience") and, for a new
  `source: onet` entry without aliases, the O*NET title plus a few reported titles.
Existing values are never overwritten; `--onet` prints a note where one differs from what O*NET
gives (hand overrides are expected: read the note, keep or fix the YAML). O*NET data:
USDOL/ETA, CC BY 4.0, modified. Needs `openpyxl` (the `curation` extra) only with `--onet`.
The YAML is written with PyYAML: one field per line, lists in flow style, text double-quoted.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge.catalogue import (  # noqa: E402
    CatalogueError,
    OccupationCatalogue,
    _parse,
)
from careermate_bot.knowledge.loading import package_data_dir  # noqa: E402

DATA = package_data_dir()
OCCUPATIONS = DATA / "occupations.yaml"
FIELDS = ("id", "title", "soc", "soc_title", "onet", "family", "source", "aliases", "description",
          "core", "nice", "education", "experience_years", "job_zone", "next")  # fmt: skip
QUOTED = {"title", "soc", "soc_title", "onet", "description", "education"}
HEADER = """\
# CareerMate occupation catalogue (facts only). This file is the source of truth: edit it by
# hand, then run scripts/curate_occupations.py to check it and fill derived fields.
# Skills, families and next-step roles are CareerMate curation; titles, descriptions, job zones,
# education and some aliases come from the O*NET 29.3 Database by USDOL/ETA, CC BY 4.0, modified.
# soc/soc_title are BLS SOC codes and OEWS titles.
# core/nice: skill names from skills.yaml; next: ids of catalogue occupations;
# experience_years: typical years of related experience before the role.
"""
EDUCATION = {
    1: "Less than a high school diploma", 2: "High school diploma or equivalent",
    3: "Post-secondary certificate", 4: "Some college", 5: "Associate's degree",
    6: "Bachelor's degree", 7: "Post-baccalaureate certificate", 8: "Master's degree",
    9: "Post-master's certificate", 10: "First professional degree", 11: "Doctoral degree",
    12: "Post-doctoral training",
}  # fmt: skip
ZONE_EDUCATION = {
    1: "High school diploma or less", 2: "High school diploma or equivalent",
    3: "Post-secondary certificate or associate's degree", 4: "Bachelor's degree",
    5: "Graduate degree",
}  # fmt: skip
ZONE_YEARS = {1: 0, 2: 0, 3: 1, 4: 2, 5: 3}
# O*NET "Related Work Experience" categories -> years (category midpoints, rounded down).
RW_YEARS = {1: 0, 2: 0, 3: 0.2, 4: 0.4, 5: 0.75, 6: 1, 7: 2, 8: 4, 9: 6, 10: 8, 11: 10}
MAX_REPORTED_ALIASES = 6
# O*NET reported titles too generic or misleading to become aliases (reviewed by hand).
DROP_ALIASES = {a.casefold() for a in (
    "Designer", "Design Director", "Artist", "Planner", "Researcher", "Analyst", "Engineer",
    "Instructor", "Professor", "Assistant Professor", "Teacher", "Classroom Teacher", "Scientist",
    "Technologist", "Engineering Technologist", "Driver", "Captain", "Deputy", "Loader",
    "Clinician", "Clinical Instructor", "Checker", "Store Clerk", "Sales Agent", "Store Manager",
    "Business Development Manager", "Chief Financial Officer", "CFO", "Accounting Manager",
    "Equipment Operator", "Machine Operator", "Service Technician", "Service Man",
    "Field Service Technician", "Mobile Examiner", "Lab Liaison Technician", "Account Supervisor",
    "Client Services Administrator", "Driver License Examiner", "License Examiner",
    "Motor Vehicle Clerk", "Public Service Representative", "PSR", "Financial Aid Counselor",
    "Attorney General", "Anchor", "News Editor", "Cloud Product Director", "Computer Specialist",
    "Control System Computer Scientist", "Systems Specialist", "Systems Engineer", "Wirer",
    "Post Framer", "Combination Technician", "Personal Trainer", "CSM", "Research Associate",
    "Case Manager", "Information Technology Specialist", "Study Director",
    "Infection Control Practitioner", "ICP", "Communications Officer", "Communications Operator",
    "Spotter Driver",
)}  # fmt: skip


# -- O*NET tables ---------------------------------------------------------------------------------
@dataclass
class OnetTables:
    """The parts of O*NET 29.3 the catalogue uses, keyed by O*NET-SOC code ("15-1252.00")."""

    occupations: dict[str, tuple[str, str]] = field(default_factory=dict)  # title, description
    zones: dict[str, int] = field(default_factory=dict)
    education: dict[str, dict[int, float]] = field(default_factory=dict)  # RL category -> %
    experience: dict[str, dict[int, float]] = field(default_factory=dict)  # RW category -> %
    reported: dict[str, list[str]] = field(default_factory=dict)  # titles shown in My Next Move

    @classmethod
    def load(cls, onet_dir: Path) -> OnetTables:
        tables = cls()
        for code, title, desc in _rows(onet_dir, "Occupation Data"):
            tables.occupations[code] = (title, desc)
        tables.zones = {r[0]: int(r[2]) for r in _rows(onet_dir, "Job Zones")}
        edu: dict[str, dict[int, float]] = defaultdict(dict)
        rw: dict[str, dict[int, float]] = defaultdict(dict)
        for r in _rows(onet_dir, "Education, Training, and Experience"):
            if r[4] == "RL":
                edu[r[0]][int(r[6])] = float(r[7])
            elif r[4] == "RW":
                rw[r[0]][int(r[6])] = float(r[7])
        tables.education, tables.experience = dict(edu), dict(rw)
        reported: dict[str, list[str]] = defaultdict(list)
        for r in _rows(onet_dir, "Sample of Reported Titles"):
            if r[3] == "Y":
                reported[r[0]].append(r[2])
        tables.reported = dict(reported)
        return tables

    def zone(self, code: str) -> int:
        return self.zones.get(code) or self.zones.get(code[:7] + ".00") or 4

    def typical_education(self, code: str, zone: int) -> str:
        dist = self.education.get(code)
        if dist:
            return EDUCATION[max(dist.items(), key=lambda kv: kv[1])[0]]
        return ZONE_EDUCATION[zone]

    def typical_experience(self, code: str, zone: int) -> float:
        dist = self.experience.get(code)
        if not dist:
            return ZONE_YEARS[zone]
        total, acc = sum(dist.values()), 0.0
        for category in sorted(dist):
            acc += dist[category]
            if acc >= total / 2:
                return RW_YEARS[category]
        return ZONE_YEARS[zone]

    def description(self, code: str) -> str:
        return shorten(first_sentence(self.occupations[code][1]))

    def aliases(self, code: str) -> list[str]:
        """The O*NET title and the first few usable reported titles."""
        names = [self.occupations[code][0]]
        extra = [t for rt in self.reported.get(code, ()) for t in clean_titles(rt)]
        names += [t for t in extra if t.casefold() not in DROP_ALIASES][:MAX_REPORTED_ALIASES]
        return names


def _rows(onet_dir: Path, name: str) -> list[tuple[Any, ...]]:
    import openpyxl  # type: ignore[import-untyped]  # the `curation` extra; only with --onet

    book = openpyxl.load_workbook(onet_dir / f"{name}.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    return rows[1:]


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s+[A-Z]|$)", text.strip())
    return (match.group(1) if match else text).strip()


def shorten(text: str, limit: int = 220) -> str:
    """Trim a long O*NET description to one readable clause (the attribution says "modified")."""
    text = re.sub(r"\s*\(e\.g\.,[^)]*\)", "", text)
    for marker in (", such as", "; ", ", including"):
        if len(text) > limit and marker in text:
            text = text.split(marker, 1)[0].rstrip(",;") + "."
    if len(text) > limit:
        text = text[:limit].rsplit(", ", 1)[0].rstrip(",;") + "."
    return text


def clean_titles(title: str) -> list[str]:
    """'CEO (Chief Executive Officer)' -> ['CEO', 'Chief Executive Officer']."""
    base = re.sub(r"\s*\([^)]*\)", "", title).strip()
    inner = [i.strip() for i in re.findall(r"\(([^)]+)\)", title) if len(i.strip()) > 2]
    return ([base] if base else []) + inner


# -- checking and filling -------------------------------------------------------------------------
@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # existing values that differ from O*NET
    filled: list[str] = field(default_factory=list)


def fill_and_check(
    entries: list[dict[str, Any]],
    skill_names: Iterable[str],
    onet: OnetTables | None = None,
    bls_titles: Mapping[str, str] | None = None,
) -> Report:
    """Fill missing derived fields in place (from `onet` and `bls_titles`, SOC code -> OEWS
    title, when given) and check every entry. Existing values are kept."""
    report = Report()
    skills = set(skill_names)
    titles = {str(e.get("title", "")).casefold(): e.get("id") for e in entries}
    claimed = {str(a).casefold(): e.get("id") for e in entries for a in e.get("aliases") or ()}
    for entry in entries:
        oid = entry.get("id", "?")
        for key in ("id", "title", "family", "source", "core"):
            if not entry.get(key):
                report.errors.append(f"{oid}: missing {key}")
        for key in sorted(set(entry) - set(FIELDS)):
            report.errors.append(f"{oid}: unknown field {key!r}")
        for key in ("core", "nice"):
            for name in entry.get(key) or ():
                if name not in skills:
                    report.errors.append(f"{oid}: {key} skill {name!r} is not in skills.yaml")
        for alias in entry.get("aliases") or ():
            owner = titles.get(str(alias).casefold())
            if owner not in (None, oid):
                report.errors.append(f"{oid}: alias {alias!r} is the title of {owner}")
        code = entry.get("onet")
        if onet is not None and code and code not in onet.occupations:
            report.errors.append(f"{oid}: O*NET code {code} is not in the O*NET tables")
            continue
        _fill_soc(entry, report, bls_titles)
        if onet is not None and code:
            _fill_from_onet(entry, onet, report, claimed, titles)
        for key in ("soc", "soc_title", "description", "education", "experience_years", "job_zone"):
            if key not in entry:
                report.errors.append(f"{oid}: missing {key} (--onet derives it)")
    if not report.errors:
        try:  # the app's own checks: field types, unique ids and titles, next roles exist
            OccupationCatalogue(_parse(raw) for raw in entries)
        except CatalogueError as error:
            report.errors.append(f"catalogue: {error}")
    return report


def _fill_soc(entry: dict[str, Any], report: Report, bls_titles: Mapping[str, str] | None) -> None:
    oid, code = entry.get("id"), entry.get("onet")
    if "soc" not in entry and code:
        soc = code[:7]
        if bls_titles is not None and soc not in bls_titles:
            broad = soc[:-1] + "0"  # BLS publishes some detailed codes only as their broad group
            if broad in bls_titles:
                soc = broad
        _set(entry, "soc", soc, report)
    if bls_titles is None or "soc" not in entry:
        return
    name = bls_titles.get(entry["soc"])
    if name is None:
        report.errors.append(f"{oid}: SOC {entry['soc']} is not in the BLS OEWS data")
    elif "soc_title" not in entry:
        _set(entry, "soc_title", name, report)
    elif entry["soc_title"] != name:
        report.errors.append(
            f"{oid}: soc_title {entry['soc_title']!r} is not the BLS name {name!r}"
        )


def _fill_from_onet(
    entry: dict[str, Any],
    onet: OnetTables,
    report: Report,
    claimed: dict[str, Any],
    titles: Mapping[str, Any],
) -> None:
    oid, code = entry["id"], entry["onet"]
    zone = int(entry.get("job_zone") or onet.zone(code))
    derived: dict[str, Any] = {
        "job_zone": onet.zone(code),
        "education": onet.typical_education(code, zone),
        "experience_years": onet.typical_experience(code, zone),
    }
    if entry.get("source") == "onet":
        derived["description"] = onet.description(code)
    elif "description" not in entry:
        report.errors.append(f"{oid}: a careermate entry needs a hand-written description")
    for key, value in derived.items():
        if key not in entry:
            _set(entry, key, value, report)
        elif entry[key] != value:
            report.notes.append(f"{oid}: {key} is {entry[key]!r}; O*NET gives {value!r}")
    if entry.get("source") != "onet":
        return
    onet_title = onet.occupations[code][0]
    if "aliases" not in entry:
        kept: list[str] = []
        seen = {entry["title"].casefold()}
        for alias in onet.aliases(code):
            key = alias.casefold()
            if key in seen or titles.get(key, oid) != oid or claimed.get(key, oid) != oid:
                continue
            seen.add(key)
            claimed[key] = oid
            kept.append(alias)
        _set(entry, "aliases", kept, report)
    elif onet_title.casefold() not in {a.casefold() for a in [entry["title"], *entry["aliases"]]}:
        report.notes.append(f"{oid}: the O*NET title {onet_title!r} is not an alias")


def _set(entry: dict[str, Any], key: str, value: Any, report: Report) -> None:
    entry[key] = value
    report.filled.append(f"{entry.get('id')}: {key} = {value!r}")


# -- YAML -----------------------------------------------------------------------------------------
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    """One field per line: text double-quoted, lists in flow style, nothing wrapped."""


class _Quoted(str):
    pass


class _Flow(list):  # type: ignore[type-arg]
    pass


_Dumper.add_representer(
    _Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"')
)
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
)


def dump(entries: list[dict[str, Any]]) -> str:
    """The catalogue as YAML, fields in the canonical order, with the header comment."""
    rows = []
    for entry in entries:
        row: dict[str, Any] = {}
        for key in sorted(entry, key=lambda k: FIELDS.index(k) if k in FIELDS else len(FIELDS)):
            value = entry[key]
            if key in QUOTED and value is not None:
                value = _Quoted(value)
            elif isinstance(value, list | tuple):
                value = _Flow(value)
            row[key] = value
        rows.append(row)
    body = yaml.dump(
        {"occupations": rows},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1 << 16,
        default_flow_style=False,
    )
    return HEADER + body


def parse(text: str) -> list[dict[str, Any]]:
    data = yaml.load(text, Loader=_Loader)
    return list(data["occupations"] if isinstance(data, dict) else data)


def load_entries(path: Path) -> list[dict[str, Any]]:
    return parse(path.read_text(encoding="utf-8"))


def bls_occupation_titles(data_dir: Path) -> dict[str, str] | None:
    """SOC code ("15-1252") -> OEWS title from the packaged wage database, or None if absent."""
    from careermate_bot.knowledge.wages import WageStore
    from careermate_bot.knowledge.wages_db import WageDataError, ensure_wage_database

    try:
        store = WageStore(ensure_wage_database(data_dir))
    except (WageDataError, OSError) as error:
        print(f"note: no BLS wage data ({error}); soc_title not checked")
        return None
    try:
        return {f"{c[:2]}-{c[2:]}": name for c, name in store.occupation_names.items()}
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=OCCUPATIONS, help="the catalogue YAML")
    parser.add_argument("--onet", type=Path, help="O*NET 29.3 Excel tables (e.g. ../shared/onet)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="for the wage DB")
    parser.add_argument("--no-bls", action="store_true", help="skip the BLS soc_title check")
    parser.add_argument("--write", action="store_true", help="write filled fields back")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every O*NET note")
    args = parser.parse_args(argv)

    entries = load_entries(args.file)
    skills_data = yaml.load((DATA / "skills.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    skills = [s["name"] for s in skills_data["skills"]]
    onet = OnetTables.load(args.onet) if args.onet else None
    bls = None if args.no_bls else bls_occupation_titles(args.data_dir)
    report = fill_and_check(entries, skills, onet, bls)

    for line in report.filled:
        print(f"filled {line}")
    if report.notes:
        per_field: dict[str, int] = defaultdict(int)
        for note in report.notes:
            per_field[note.split(": ", 1)[1].split(" ", 1)[0]] += 1
        if args.verbose:
            for note in report.notes:
                print(f"note: {note}")
        summary = ", ".join(f"{k} {v}" for k, v in sorted(per_field.items()))
        print(f"{len(report.notes)} values differ from O*NET (kept as curated): {summary}")
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.errors:
        return 1
    if args.write:
        text = dump(entries)
        if parse(text) != entries:  # the writer must not change data
            raise SystemExit("internal error: the dumped YAML does not read back the same")
        args.file.write_text(text, encoding="utf-8")
        print(f"wrote {len(entries)} occupations to {args.file}")
    else:
        print(f"{len(entries)} occupations OK" + ("" if not report.filled else " (not written)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
