"""resolve_location: metros, states, nicknames, remote, typos and did-you-mean lists."""

from __future__ import annotations

import pytest

from careermate_bot.knowledge import KnowledgeBase

AUSTIN = "Austin-Round Rock-San Marcos, TX"
NYC = "New York-Newark-Jersey City, NY-NJ"

RESOLVED = [
    ("Austin", AUSTIN),
    ("austin tx", AUSTIN),
    ("Austin, Texas", AUSTIN),
    ("Austin-Round Rock", AUSTIN),
    ("Austin-Round Rock-San Marcos, TX", AUSTIN),
    ("Round Rock", AUSTIN),
    ("NYC", NYC),
    ("new york city", NYC),
    ("Brooklyn", NYC),
    ("Texas", "Texas"),
    ("TX", "Texas"),
    ("tx", "Texas"),
    ("California", "California"),
    ("Bay Area", "San Francisco-Oakland-Fremont, CA"),
    ("SF", "San Francisco-Oakland-Fremont, CA"),
    ("Silicon Valley", "San Jose-Sunnyvale-Santa Clara, CA"),
    ("LA", "Los Angeles-Long Beach-Anaheim, CA"),
    ("DC", "Washington-Arlington-Alexandria, DC-VA-MD-WV"),
    ("Philly", "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD"),
    ("DFW", "Dallas-Fort Worth-Arlington, TX"),
    ("St Louis", "St. Louis, MO-IL"),
    ("Saint Louis", "St. Louis, MO-IL"),
    ("Greater Boston Area", "Boston-Cambridge-Newton, MA-NH"),
    ("portland, or", "Portland-Vancouver-Hillsboro, OR-WA"),
    ("Portland ME", "Portland-South Portland, ME"),
    ("columbus ohio", "Columbus, OH"),
    ("Seatle", "Seattle-Tacoma-Bellevue, WA"),  # typo
    ("San Fransisco", "San Francisco-Oakland-Fremont, CA"),
    ("Pittsburg", "Pittsburgh, PA"),
    ("Albequerque", "Albuquerque, NM"),
    ("Massachusets", "Massachusetts"),
    ("US", "National"),
    ("United States", "National"),
    ("nationwide", "National"),
]


@pytest.mark.parametrize(("text", "area"), RESOLVED)
def test_resolves(kb: KnowledgeBase, text: str, area: str) -> None:
    result = kb.resolve_location(text)
    assert result.area is not None, result.message
    assert result.area.name == area
    assert not result.remote


@pytest.mark.parametrize(
    "text", ["remote", "Remote", "anywhere", "WFH", "fully remote", "Remote - US", "work from home"]
)
def test_remote(kb: KnowledgeBase, text: str) -> None:
    result = kb.resolve_location(text)
    assert result.remote
    assert result.area is not None and result.area.is_national


def test_kinds(kb: KnowledgeBase) -> None:
    assert kb.resolve_location("Austin").area.kind == "metro"  # type: ignore[union-attr]
    assert kb.resolve_location("Texas").area.kind == "state"  # type: ignore[union-attr]
    assert kb.resolve_location("US").area.kind == "national"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portland", {"Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA"}),
        ("Springfield", {"Springfield, IL", "Springfield, MA", "Springfield, MO"}),
        (
            "Arlington",
            {"Dallas-Fort Worth-Arlington, TX", "Washington-Arlington-Alexandria, DC-VA-MD-WV"},
        ),
    ],
)
def test_ambiguous_gives_did_you_mean(kb: KnowledgeBase, text: str, expected: set[str]) -> None:
    result = kb.resolve_location(text)
    assert result.area is None
    assert expected <= {a.name for a in result.suggestions}
    assert result.message is not None and "Did you mean" in result.message


def test_state_name_wins_but_metro_is_suggested(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("Washington")
    assert result.area is not None and result.area.name == "Washington"
    assert "Washington-Arlington-Alexandria, DC-VA-MD-WV" in {a.name for a in result.suggestions}


def test_typo_close_to_two_places_asks(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("Chicgo")
    assert result.area is None
    assert "Chicago-Naperville-Elgin, IL-IN" in {a.name for a in result.suggestions}


def test_unknown_place(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("Xyzzyville")
    assert result.area is None and not result.suggestions
    assert result.message is not None
    assert "remote" in result.message


def test_close_but_not_close_enough_suggests(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("Atlantis")
    assert result.area is None
    assert "Atlanta-Sandy Springs-Roswell, GA" in {a.name for a in result.suggestions}


def test_city_not_a_metro_uses_its_state(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("Plano, TX")
    assert result.area is not None and result.area.name == "Texas"
    assert result.message is not None and "statewide" in result.message


def test_empty(kb: KnowledgeBase) -> None:
    result = kb.resolve_location("   ")
    assert result.area is None and result.message


def test_every_state_by_name_and_abbreviation(kb: KnowledgeBase) -> None:
    states = [a for a in kb.wages.areas.values() if a.kind == "state"]
    assert len(states) == 54
    for state in states:
        by_name = kb.resolve_location(state.name)
        # "New York" means the city's metro; the state is then the first suggestion.
        assert by_name.area == state or state in by_name.suggestions
    for abbr in ("AL", "CA", "NY", "TX", "WA", "PR", "DC"):
        result = kb.resolve_location(abbr)
        assert result.area is not None
        assert result.area.kind == "state" or abbr == "DC"
