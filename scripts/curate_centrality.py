"""CURATION ONLY (never run by the bot or tests): how central each listed skill is to its role.

Writes `careermate_bot/knowledge/data/centrality.yaml` from the O*NET 29.3 tables:

    .venv/bin/python scripts/curate_centrality.py --onet ../shared/onet          # print a summary
    .venv/bin/python scripts/curate_centrality.py --onet ../shared/onet --write  # rewrite the file

`occupations.yaml` says which skills a role uses (core or nice to have); this adds *how central*
each one is, as a factor in [0.25, 1] that the matcher multiplies into the tier weight. A skill
not in the file keeps factor 1. Two O*NET sources, by kind of skill:

- Skills that stand for an O*NET skill or knowledge element (programming languages and coding
  practices -> "Programming"; Communication -> "Speaking"; Mathematics -> knowledge
  "Mathematics"; Customer service -> "Customer and Personal Service"; ...; the table is
  `ELEMENTS` below): the element's **importance** (IM, 1-5) for the role's O*NET code,
  factor = 0.25 + 0.75 * (IM - 1) / 3, capped at 1 (IM >= 4, "very important", counts fully).
  So Python counts fully for a programmer (Programming IM 4.75) and half for a meteorologist
  (IM 2.0), where it is a tool rather than the job.
- Tools (category `tool`): O*NET's **Technology Skills** for the code: listed and "in demand" in
  job postings 1.0, listed as a "hot technology" 0.9, listed 0.8, not listed 0.65.

O*NET has no skill/knowledge ratings for a few codes (e.g. Software Developers 15-1252.00, Data
Scientists 15-2051.00): `RATING_STAND_INS` borrows a close code's ratings where one fits
(Software Developers <- Computer Programmers); otherwise those skills keep factor 1.
Data: O*NET 29.3 Database by USDOL/ETA, CC BY 4.0, modified. Needs `openpyxl` (curation extra).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge.catalogue import OccupationCatalogue  # noqa: E402
from careermate_bot.knowledge.extraction import SkillExtractor  # noqa: E402
from careermate_bot.knowledge.loading import package_data_dir  # noqa: E402
from careermate_bot.knowledge.taxonomy import SkillTaxonomy  # noqa: E402

DATA = package_data_dir()
OUTPUT = DATA / "centrality.yaml"
MIN_FACTOR = 0.25
FULL_IMPORTANCE = 4.0  # O*NET "very important" and above count fully

# Coding practices that stand for O*NET "Programming" besides every language and framework.
CODING = [
    "Software development", "Object-oriented programming", "Data structures and algorithms",
    "Back-end development", "Front-end development", "Full-stack development", "Web development",
    "Mobile development", "iOS development", "Android development", "Game development",
    "Systems programming", "Unit testing", "Test automation", "Code review", "Debugging",
]  # fmt: skip
# Not "programming" in O*NET's sense: markup, and query languages (central to data roles that
# O*NET rates as moderate programmers).
NOT_PROGRAMMING = {"LaTeX", "XML", "SQL", "PL/SQL", "T-SQL"}

# (table, O*NET element) -> our skills that stand for it.
ELEMENTS: dict[tuple[str, str], list[str]] = {
    ("Skills", "Programming"): CODING,
    ("Skills", "Writing"): ["Writing", "Report writing"],
    ("Skills", "Speaking"): ["Communication", "Public speaking", "Presentation skills"],
    ("Skills", "Active Listening"): ["Active listening"],
    ("Skills", "Critical Thinking"): ["Critical thinking"],
    ("Skills", "Complex Problem Solving"): ["Problem solving"],
    ("Skills", "Judgment and Decision Making"): ["Decision making"],
    ("Skills", "Time Management"): ["Time management"],
    ("Skills", "Negotiation"): ["Negotiation"],
    ("Skills", "Social Perceptiveness"): ["Empathy", "Emotional intelligence"],
    ("Skills", "Coordination"): ["Teamwork"],
    ("Skills", "Instructing"): ["Coaching", "Mentoring", "Tutoring"],
    ("Skills", "Service Orientation"): ["Customer focus"],
    ("Skills", "Management of Personnel Resources"): ["People management", "Leadership"],
    ("Skills", "Management of Financial Resources"): ["Budgeting"],
    ("Skills", "Troubleshooting"): ["Troubleshooting"],
    ("Skills", "Quality Control Analysis"): ["Quality control", "Quality assurance"],
    ("Knowledge", "Mathematics"): ["Mathematics", "Statistics"],
    ("Knowledge", "Physics"): ["Physics"],
    ("Knowledge", "Chemistry"): ["Chemistry"],
    ("Knowledge", "Biology"): ["Biology"],
    ("Knowledge", "Economics and Accounting"): ["Economics", "Accounting"],
    ("Knowledge", "Sales and Marketing"): ["Sales", "Marketing strategy"],
    ("Knowledge", "Customer and Personal Service"): ["Customer service"],
    ("Knowledge", "Personnel and Human Resources"): ["Recruiting", "Employee relations"],
    ("Knowledge", "Administrative"): ["Data entry", "Office administration"],
    ("Knowledge", "Building and Construction"): ["Construction"],
    ("Knowledge", "Mechanical"): ["Mechanical aptitude"],
    ("Knowledge", "Therapy and Counseling"): ["Counseling"],
    ("Knowledge", "Education and Training"): ["Teaching"],
    ("Knowledge", "Foreign Language"): ["Foreign languages", "Spanish", "Translation"],
    ("Knowledge", "Geography"): ["GIS"],
    ("Knowledge", "Public Safety and Security"): ["Law enforcement", "Physical security"],
    ("Knowledge", "Transportation"): ["Commercial driving", "Safe driving"],
}
# O*NET codes without skill/knowledge ratings -> a close code whose ratings stand in.
RATING_STAND_INS = {"15-1252.00": "15-1251.00"}
TOOL_IN_DEMAND, TOOL_HOT, TOOL_LISTED, TOOL_UNLISTED = 1.0, 0.9, 0.8, 0.65

HEADER = """\
# How central each listed skill is to a role: a factor in [0.25, 1] the matcher multiplies into the
# skill's tier weight (core 1.0, nice to have 0.4). Skills not listed here count fully (1.0).
# GENERATED by scripts/curate_centrality.py from the O*NET 29.3 Database by USDOL/ETA, CC BY 4.0,
# modified (skill/knowledge importance ratings and Technology Skills flags); do not edit by hand:
# change the script's tables and re-run it. See docs/knowledge.md ("Centrality").
"""


def _rows(onet_dir: Path, name: str) -> list[tuple[Any, ...]]:
    import openpyxl  # type: ignore[import-untyped]  # the `curation` extra

    book = openpyxl.load_workbook(onet_dir / f"{name}.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    return rows[1:]


def importance_factor(importance: float) -> float:
    share = (importance - 1.0) / (FULL_IMPORTANCE - 1.0)
    return round(min(1.0, max(MIN_FACTOR, MIN_FACTOR + (1 - MIN_FACTOR) * share)), 2)


def build(onet_dir: Path) -> dict[str, dict[str, float]]:
    taxonomy = SkillTaxonomy.from_yaml(DATA / "skills.yaml")
    catalogue = OccupationCatalogue.from_yaml(DATA / "occupations.yaml")
    extractor = SkillExtractor(
        taxonomy.rules, {name: s.category for name, s in taxonomy.skills.items()}
    )
    element_of: dict[str, tuple[str, str]] = {}
    for key, skills in ELEMENTS.items():
        for skill in skills:
            element_of[skill] = key
    for name, entry in taxonomy.skills.items():
        if entry.category in ("language", "framework") and name not in NOT_PROGRAMMING:
            element_of.setdefault(name, ("Skills", "Programming"))
    unknown = sorted(s for s in element_of if s not in taxonomy)
    if unknown:
        raise SystemExit(f"ELEMENTS names skills that skills.yaml lacks: {unknown}")

    ratings: dict[tuple[str, str, str], float] = {}
    for table in ("Skills", "Knowledge"):
        for row in _rows(onet_dir, table):
            if row[4] == "IM":
                ratings[(row[0], table, row[3])] = float(row[6])
    tools: dict[str, dict[str, float]] = defaultdict(dict)
    for code, _title, example, _cc, _ct, hot, demand in _rows(onet_dir, "Technology Skills"):
        factor = TOOL_IN_DEMAND if demand == "Y" else TOOL_HOT if hot == "Y" else TOOL_LISTED
        for skill in extractor.extract(str(example)):
            tools[code][skill] = max(tools[code].get(skill, 0.0), factor)

    out: dict[str, dict[str, float]] = {}
    for occ in catalogue:
        code = occ.onet_code
        if not code:
            continue
        rated = RATING_STAND_INS.get(code, code)
        factors: dict[str, float] = {}
        for skill in dict.fromkeys([*occ.core_skills, *occ.nice_skills]):
            factor = 1.0
            element = element_of.get(skill)
            if element is not None and (rated, *element) in ratings:
                factor = importance_factor(ratings[(rated, *element)])
            elif taxonomy.category(skill) == "tool" and code in tools:
                factor = tools[code].get(skill, TOOL_UNLISTED)
            if factor < 0.995:
                factors[skill] = factor
        if factors:
            out[occ.id] = factors
    return out


def dump(weights: dict[str, dict[str, float]]) -> str:
    body = yaml.safe_dump(
        {"centrality": weights}, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=None,
    )  # fmt: skip
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True, help="the O*NET 29.3 Excel tables")
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUTPUT.name}")
    args = parser.parse_args(argv)
    weights = build(args.onet)
    pairs = sum(len(v) for v in weights.values())
    print(f"{len(weights)} occupations, {pairs} skills below full centrality")
    if args.write:
        OUTPUT.write_text(dump(weights), encoding="utf-8")
        print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
