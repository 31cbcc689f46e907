"""scripts/curate_guide.py on small in-memory O*NET tables (no ../shared): education, tasks,
related occupations, and the merge that keeps hand-curated facts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.types import ONET_ATTRIBUTION, Occupation

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "curate_guide.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("curate_guide", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


curate = _load()
Builder, Onet, build, dump, merge, shorten_task = (
    curate.Builder,
    curate.Onet,
    curate.build,
    curate.dump,
    curate.merge,
    curate.shorten_task,
)


def occ(oid: str, onet: str, source: str = ONET_ATTRIBUTION, **extra: Any) -> Occupation:
    base: dict[str, Any] = {
        "id": oid, "title": oid.replace("-", " ").title(), "soc_code": onet[:7],
        "soc_title": "X", "family": "healthcare", "description": "Helps patients.",
        "core_skills": ("Patient care",), "education": "Bachelor's degree",
        "experience_years": 0, "job_zone": 3, "onet_code": onet, "source": source,
    }  # fmt: skip
    base.update(extra)
    return Occupation(**base)


def tables() -> Any:
    onet = Onet()
    onet.titles = {"29-1141.00": "Registered Nurses", "29-2061.00": "LPNs", "31-1131.00": "Aides"}
    onet.zones = {"29-1141.00": 3, "29-2061.00": 3, "31-1131.00": 2}
    onet.zone_reference = {
        z: {"name": f"Zone {z}", "experience": "e", "education": f"edu {z}", "training": "t"}
        for z in range(1, 6)
    }
    onet.education = {"29-1141.00": {3: 22.5, 5: 19.4, 6: 55.9}, "29-2061.00": {3: 60.0, 2: 40.0}}
    onet.imprecise = {("29-1141.00", 6)}
    onet.tasks = {
        "29-1141.00": [
            ("Record patients' medical information and vital signs.", "Core"),
            ("Administer medications, such as pills, injections, or drips, to patients.", "Core"),
            ("Maintain accurate, detailed reports and records.", "Core"),
            ("Rarely done thing.", "Supplemental"),
        ],
        "29-2061.00": [("Take vital signs.", "Core"), ("Give care.", "Core"), ("Chart.", "Core")],
        "31-1131.00": [
            ("Help patients.", None),
            ("Feed patients.", None),
            ("Turn patients.", None),
        ],
    }
    onet.related = {
        "29-1141.00": [("29-2061.00", "Primary-Short", 1), ("31-1131.00", "Primary-Long", 2)],
        "29-2061.00": [("29-1141.00", "Primary-Short", 1)],
    }
    return onet


def catalogue() -> OccupationCatalogue:
    return OccupationCatalogue(
        [
            occ("registered-nurse", "29-1141.00", job_zone=4),
            occ("travel-nurse", "29-1141.00", source="CareerMate curation"),
            occ("licensed-practical-nurse", "29-2061.00"),
            occ(
                "nursing-assistant",
                "31-1131.00",
                job_zone=2,
                next_roles=("licensed-practical-nurse",),
            ),
        ]
    )


def test_entry_from_onet() -> None:
    entry = Builder(tables(), catalogue()).entry(catalogue().by_id["registered-nurse"])
    assert entry["mapping"] == "exact"
    assert entry["education"] == {
        "level": "Bachelor's degree", "share": 56, "basis": "onet", "imprecise": True,
        "runner_up": {"level": "Post-secondary certificate", "share": 22},
    }  # fmt: skip
    assert entry["job_zone"] == 4 and "job_zone_note" in entry  # O*NET says 3
    assert entry["tasks"][0] == "Record patients' medical information and vital signs."
    assert "Rarely done thing." not in entry["tasks"]  # core tasks only when there are enough
    assert entry["related"][:3] == ["travel-nurse", "licensed-practical-nurse", "nursing-assistant"]


def test_curated_roles_say_they_borrow_the_closest_code() -> None:
    entry = Builder(tables(), catalogue()).entry(catalogue().by_id["travel-nurse"])
    assert entry["mapping"] == "closest"
    assert "Registered Nurses (29-1141.00)" in entry["mapping_note"]
    assert entry["related"][0] == "registered-nurse"


def test_missing_survey_falls_back_to_the_catalogue_and_says_so() -> None:
    entry = Builder(tables(), catalogue()).entry(catalogue().by_id["nursing-assistant"])
    assert entry["education"]["basis"] == "catalogue" and entry["education"]["share"] is None
    assert "no education survey" in entry["education"]["note"]
    assert "tasks_note" in entry  # O*NET has no incumbent ratings for these tasks
    assert len(entry["related"]) >= 1 and entry.get("related_note")


def test_merge_keeps_curated_fields_and_pins() -> None:
    generated = {"tasks": ["new"], "related": ["a", "b"], "education": {"level": "x"}}
    existing = {
        "tasks": ["hand-written"], "related": ["old"], "licensing": {"status": "required"},
        "notes": ["kept"], "pinned": ["tasks"],
    }  # fmt: skip
    out = merge(generated, existing)
    assert out["tasks"] == ["hand-written"] and out["related"] == ["a", "b"]
    assert out["licensing"] == {"status": "required"} and out["notes"] == ["kept"]
    assert merge(generated, None) == generated


def test_build_is_a_fixed_point_and_round_trips() -> None:
    first = build(tables(), catalogue(), {})
    first["occupations"]["registered-nurse"]["licensing"] = {"status": "required"}
    again = build(tables(), catalogue(), yaml.safe_load(dump(first)))
    assert again == first
    assert again["attribution"] == ONET_ATTRIBUTION
    assert set(again["job_zones"]) == {1, 2, 3, 4, 5}


def test_shorten_task() -> None:
    text, clean = shorten_task(
        "Administer medications, such as pills, injections, or drips, to patients."
    )
    assert text.startswith("Administer medications, such as") and clean  # short: kept whole
    text, clean = shorten_task(
        "Provide health care, first aid, immunizations, or assistance in convalescence or "
        "rehabilitation in locations such as schools, hospitals, or industry."
    )
    assert text == (
        "Provide health care, first aid, immunizations, or assistance in convalescence or "
        "rehabilitation."
    )
    assert clean
    long = "Design " + ", ".join(f"system part {i}" for i in range(40)) + "."
    short, clean = shorten_task(long)
    assert len(short) <= 141 and not clean and not short.endswith(",.")
