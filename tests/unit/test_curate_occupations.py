"""scripts/curate_occupations.py: checks the catalogue, fills derived fields, writes YAML.

No O*NET files are read: the O*NET tables are built in memory here."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "curate_occupations.py"


@pytest.fixture(scope="module")
def curate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("curate_occupations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped(curate: ModuleType) -> list[dict[str, Any]]:
    return curate.load_entries(curate.OCCUPATIONS)


@pytest.fixture(scope="module")
def skills(curate: ModuleType) -> list[str]:
    data = yaml.safe_load((curate.DATA / "skills.yaml").read_text(encoding="utf-8"))
    return [s["name"] for s in data["skills"]]


def test_script_is_small_and_holds_no_data_table() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 500
    assert "software-developer" not in text  # the catalogue lives in the YAML only


def test_shipped_catalogue_passes_the_checks(
    curate: ModuleType, shipped: list[dict[str, Any]], skills: list[str]
) -> None:
    entries = copy.deepcopy(shipped)
    report = curate.fill_and_check(entries, skills)
    assert report.errors == [] and report.filled == []
    assert entries == shipped  # checking alone changes nothing


def test_dump_reads_back_the_same_data(curate: ModuleType, shipped: list[dict[str, Any]]) -> None:
    text = curate.dump(shipped)
    assert text.startswith("# CareerMate occupation catalogue")
    reread = curate.parse(text)
    assert reread == shipped
    assert curate.dump(reread) == text  # a fixed point
    first = text.split("\n- id: ", 2)[1]
    assert 'title: "Software Developer"' in first and "core: [" in first


def test_errors_name_the_entry(
    curate: ModuleType, shipped: list[dict[str, Any]], skills: list[str]
) -> None:
    entries = copy.deepcopy(shipped)
    entries[0]["core"] = [*entries[0]["core"], "Telepathy"]
    entries[1]["colour"] = "blue"
    entries[2]["next"] = ["no-such-role"]
    report = curate.fill_and_check(entries, skills)
    assert any("Telepathy" in e and entries[0]["id"] in e for e in report.errors)
    assert any("unknown field 'colour'" in e for e in report.errors)
    del entries[0]["core"][-1], entries[1]["colour"]
    report = curate.fill_and_check(entries, skills)
    assert any("no-such-role" in e for e in report.errors)


def _onet(curate: ModuleType) -> Any:
    return curate.OnetTables(
        occupations={
            "99-9999.00": (
                "Widget Makers",
                "Make widgets by hand, such as sprockets and cogs. Sell them too.",
            )
        },
        zones={"99-9999.00": 2},
        education={"99-9999.00": {2: 60.0, 6: 40.0}},
        experience={"99-9999.00": {1: 10.0, 6: 50.0, 7: 40.0}},
        reported={"99-9999.00": ["Widget Smith (WS)", "Engineer", "Cog Maker"]},
    )


def test_new_onet_entry_gets_derived_fields(curate: ModuleType, skills: list[str]) -> None:
    new: dict[str, Any] = {"id": "widget-maker", "title": "Widget Maker", "onet": "99-9999.00",
                           "family": "trades", "source": "onet", "core": ["Welding"],
                           "nice": [], "next": []}  # fmt: skip
    report = curate.fill_and_check(
        [new], skills, _onet(curate), {"99-9990": "Miscellaneous Widget Workers"}
    )
    assert report.errors == []
    assert new["soc"] == "99-9990"  # BLS publishes only the broad group
    assert new["soc_title"] == "Miscellaneous Widget Workers"
    assert new["description"] == "Make widgets by hand, such as sprockets and cogs."
    assert new["job_zone"] == 2
    assert new["education"] == "High school diploma or equivalent"
    assert new["experience_years"] == 1  # the median category (6)
    assert new["aliases"] == ["Widget Makers", "Widget Smith", "Cog Maker"]  # "Engineer" dropped
    assert all("widget-maker" in line for line in report.filled)


def test_existing_values_are_kept_and_noted(curate: ModuleType, skills: list[str]) -> None:
    entry = {"id": "widget-maker", "title": "Widget Maker", "soc": "99-9999",
             "soc_title": "Widget Makers", "onet": "99-9999.00", "family": "trades",
             "source": "onet", "aliases": ["Widget Makers"], "description": "Makes widgets.",
             "core": ["Welding"], "nice": [], "education": "Doctoral degree",
             "experience_years": 5, "job_zone": 5, "next": []}  # fmt: skip
    before = dict(entry)
    report = curate.fill_and_check([entry], skills, _onet(curate), {"99-9999": "Widget Makers"})
    assert report.errors == [] and report.filled == []
    assert entry == before
    assert {n.split(": ")[1].split(" ")[0] for n in report.notes} == {
        "job_zone", "education", "experience_years", "description",
    }  # fmt: skip


def test_careermate_entry_without_description_is_an_error(
    curate: ModuleType, skills: list[str]
) -> None:
    entry = {"id": "widget-lead", "title": "Widget Lead", "onet": "99-9999.00",
             "family": "trades", "source": "careermate", "core": ["Welding"]}  # fmt: skip
    report = curate.fill_and_check([entry], skills, _onet(curate), {"99-9999": "Widget Makers"})
    assert any("hand-written description" in e for e in report.errors)
