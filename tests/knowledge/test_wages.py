"""Salary lookups against the BLS OEWS May 2025 file. The numbers were read from the file once
(sqlite3 on oews-2025.sqlite) while writing these tests and are hard-coded here."""

from __future__ import annotations

import pytest

from careermate_bot.knowledge import SALARY_SOURCE, KnowledgeBase, UnknownOccupationError


def test_citation_constant() -> None:
    assert SALARY_SOURCE == "BLS OEWS, May 2025"


def test_software_developers_national(kb: KnowledgeBase) -> None:
    info = kb.salary("15-1252")
    assert info.soc_code == "15-1252"
    assert info.occupation_title == "Software Developers"
    assert info.area.name == "National" and info.area.kind == "national"
    assert info.source == "BLS OEWS, May 2025"
    assert not info.fallback
    assert info.annual is not None
    a = info.annual
    assert (a.p10, a.p25, a.median, a.p75, a.p90) == (82460, 105210, 135980, 171980, 214670)
    assert info.hourly is not None and info.hourly.median == 65.38
    assert info.employment == 1_687_890
    assert info.annual_mean == 148_100
    assert info.range_text() == "$105,210 - $171,980 (median $135,980)"
    assert info.citation() == "BLS OEWS, May 2025 (National)"


def test_lookup_by_catalogue_entry_id_and_title(kb: KnowledgeBase) -> None:
    by_code = kb.salary("15-1252")
    assert kb.salary("software-developer") == by_code
    assert kb.salary("Software Developer") == by_code
    assert kb.salary(kb.get_occupation("backend-developer")) == by_code  # same SOC, same wages


def test_metro_austin(kb: KnowledgeBase) -> None:
    info = kb.salary("15-1252", "austin tx")
    assert info.area.name == "Austin-Round Rock-San Marcos, TX"
    assert info.annual is not None and info.annual.median == 134120
    assert info.employment == 31_960
    assert not info.fallback


def test_suppressed_metro_cell_falls_back_to_state(kb: KnowledgeBase) -> None:
    # Web Developers in Abilene, TX: the cell exists but every wage is "-" (footnote 8,
    # estimate not released). Texas statewide: 25th 61,960 / median 85,800 / 75th 118,980.
    info = kb.salary("15-1254", "Abilene, TX")
    assert info.fallback
    assert info.requested_area is not None and info.requested_area.name == "Abilene, TX"
    assert info.area.name == "Texas" and info.area.kind == "state"
    assert info.annual is not None
    assert (info.annual.p25, info.annual.median, info.annual.p75) == (61960, 85800, 118980)
    assert "No published estimate for Abilene, TX" in info.notes[0]
    assert "state figures (Texas)" in info.notes[0]


def test_missing_metro_row_falls_back(kb: KnowledgeBase) -> None:
    # Eagle Pass, TX has no Software Developers row at all.
    info = kb.salary("15-1252", "Eagle Pass, TX")
    assert info.fallback and info.area.name == "Texas"
    assert info.requested_area is not None and info.requested_area.name == "Eagle Pass, TX"


def test_exact_lookup_without_fallback_reports_nothing(kb: KnowledgeBase) -> None:
    abilene = kb.resolve_location("Abilene TX").area
    assert abilene is not None
    info = kb.wages.lookup("15-1254", abilene)
    assert not info.available
    assert info.range_text() == "no published estimate"
    assert info.employment == 60  # employment is published even when wages are not


def test_top_coded_cell(kb: KnowledgeBase) -> None:
    # Family Medicine Physicians in Albany, OR: every percentile is "-" with footnote 5
    # ("equal to or greater than $115.00 per hour or $239,200 per year").
    info = kb.salary("29-1215", "Albany, OR")
    assert not info.fallback  # a top-coded value is an estimate, not a gap
    assert info.annual is not None
    assert info.annual.median is None
    assert set(info.annual.top_coded) == {"p10", "p25", "median", "p75", "p90"}
    assert info.annual.ceiling == 239200
    assert info.annual.display("median") == ">= $239,200"
    assert info.hourly is not None and info.hourly.display("p75") == ">= $115.00"
    assert info.range_text() == ">= $239,200 (above the BLS reporting ceiling)"
    assert any("239,200" in note for note in info.notes)


def test_hourly_only_occupation(kb: KnowledgeBase) -> None:
    # Dancers (27-2031): BLS publishes hourly wages only (footnote 4); median $24.80/hr.
    info = kb.salary("27-2031")
    assert info.annual is None
    assert info.hourly is not None and info.hourly.median == 24.80
    assert info.range_text().endswith("(median $24.80/hr)")
    assert any("hourly wages only" in note for note in info.notes)


def test_annual_only_occupation(kb: KnowledgeBase) -> None:
    # Elementary school teachers: annual only; national median $63,970.
    info = kb.salary("elementary-teacher")
    assert info.hourly is None
    assert info.annual is not None and info.annual.median == 63970
    assert any("annual wages only" in note for note in info.notes)


def test_any_bls_soc_code_works_without_a_catalogue_entry(kb: KnowledgeBase) -> None:
    info = kb.salary("27-2031")  # Dancers are not in the catalogue
    assert info.occupation_title == "Dancers"


def test_unplaceable_location_uses_national_and_says_so(kb: KnowledgeBase) -> None:
    info = kb.salary("15-1252", "Atlantis")
    assert info.area.is_national
    assert "Atlantis" in info.notes[0] and "national figures" in info.notes[0]


def test_remote_means_national(kb: KnowledgeBase) -> None:
    info = kb.salary("registered-nurse", "remote")
    assert info.area.is_national
    assert info.annual is not None and info.annual.median == 97550


def test_unknown_occupation_raises_with_suggestions(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownOccupationError) as caught:
        kb.salary("zzzz qqqq")
    assert caught.value.resolution.occupation is None


def test_salary_lookups_are_cached(kb: KnowledgeBase) -> None:
    area = kb.resolve_location("Seattle").area
    first = kb.wages.salary("15-1252", area)
    assert kb.wages.salary("15-1252", area) is first
    assert kb.wages.salary.cache_info().hits >= 1
