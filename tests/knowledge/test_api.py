"""The KnowledgeBase lookups the Discord layer uses: occupations, skills, autocomplete."""

from __future__ import annotations

from pathlib import Path

from careermate_bot.knowledge import (
    KnowledgeBase,
    clear_knowledge_base_cache,
    get_knowledge_base,
)


def test_get_occupation_by_id_code_title_alias(kb: KnowledgeBase) -> None:
    dev = kb.get_occupation("software-developer")
    assert dev is not None and dev.title == "Software Developer"
    assert kb.get_occupation("15-1252") == dev  # the first entry for a SOC code
    assert kb.get_occupation("151252") == dev
    assert kb.get_occupation("15-1252.00") == dev
    assert kb.get_occupation("software developer") == dev
    assert kb.get_occupation("SWE") == dev
    assert kb.get_occupation("RN") == kb.get_occupation("registered-nurse")
    assert kb.get_occupation("no such job") is None
    assert kb.get_occupation("99-9999") is None


def test_resolve_occupation(kb: KnowledgeBase) -> None:
    assert kb.resolve_occupation("Data Scientist").occupation.id == "data-scientist"  # type: ignore[union-attr]
    typo = kb.resolve_occupation("electrishan")
    assert typo.occupation is not None and typo.occupation.id == "electrician"
    vague = kb.resolve_occupation("engineer")
    assert vague.occupation is None
    assert vague.suggestions and vague.message and "Did you mean" in vague.message
    nothing = kb.resolve_occupation("qqqq zzzz")
    assert nothing.occupation is None and nothing.message


def test_search_occupations_for_autocomplete(kb: KnowledgeBase) -> None:
    hits = kb.search_occupations("nurse", limit=5)
    assert 0 < len(hits) <= 5
    assert hits[0].occupation.id == "registered-nurse"
    assert all(h.score > 0 for h in hits)
    assert kb.search_occupations("data sci", 3)[0].occupation.id == "data-scientist"
    assert kb.search_occupations("softw", 25)[0].occupation.title.startswith("Software")
    everything = kb.search_occupations("", 25)
    assert len(everything) == 25
    titles = [h.occupation.title for h in everything]
    assert titles == sorted(titles)
    assert kb.search_occupations("pm", 5)[0].occupation.id == "product-manager"


def test_search_skills_for_autocomplete(kb: KnowledgeBase) -> None:
    assert kb.search_skills("pyth")[0].name == "Python"
    assert kb.search_skills("k8")[0].name == "Kubernetes"
    assert kb.search_skills("postgres")[0].name == "PostgreSQL"
    assert kb.search_skills("kubernets")[0].name == "Kubernetes"  # typo
    assert kb.search_skills("machine")[0].name == "Machine learning"
    assert len(kb.search_skills("", 10)) == 10
    assert len(kb.search_skills("a", 25)) == 25
    assert kb.search_skills("zzzzzz") == []


def test_get_skill_and_synonyms(kb: KnowledgeBase) -> None:
    for alias, name in [
        ("JS", "JavaScript"),
        ("postgres", "PostgreSQL"),
        ("ML", "Machine learning"),
        ("k8s", "Kubernetes"),
        ("excel", "Microsoft Excel"),
        ("golang", "Go"),
        ("go", "Go"),
        ("r", "R"),
        ("c sharp", "C#"),
        ("dotnet", ".NET"),
    ]:
        skill = kb.get_skill(alias)
        assert skill is not None and skill.name == name, alias
    assert kb.get_skill("JavaScript").category == "language"  # type: ignore[union-attr]
    assert kb.get_skill("React").category == "framework"  # type: ignore[union-attr]
    assert kb.get_skill("Docker").category == "tool"  # type: ignore[union-attr]
    assert kb.get_skill("Patient care").category == "domain"  # type: ignore[union-attr]
    assert kb.get_skill("Teamwork").category == "soft"  # type: ignore[union-attr]
    assert "Django" in kb.get_skill("Python").related  # type: ignore[union-attr]


def test_normalize_skills(kb: KnowledgeBase) -> None:
    known, unknown = kb.normalize_skills(["js", " R ", "C", "5 years of Python", "juggling", ""])
    assert known == ["JavaScript", "R", "C", "Python"]
    assert unknown == ["juggling"]


def test_next_roles_are_refs(kb: KnowledgeBase) -> None:
    nurse = kb.get_occupation("registered-nurse")
    assert nurse is not None
    refs = kb.next_roles(nurse)
    assert [r.id for r in refs] == list(nurse.next_roles)
    assert all(r.title and r.soc_code for r in refs)


def test_match_result_shape(kb: KnowledgeBase) -> None:
    from careermate_bot.knowledge import CareerProfile

    result = kb.match_careers(
        CareerProfile(skills=["Python", "SQL", "Tableau"], locations=["Springfield", "austin"]),
        top=4,
    )
    assert len(result.matches) == 4
    assert result.location is not None and result.location.area is not None
    assert result.location.area.name.startswith("Austin")  # first location that resolves
    assert result.salary_source == "BLS OEWS, May 2025"
    for match in result.matches:
        assert match.salary is not None
        assert 0 <= match.match_percent <= 100
        assert match.next_roles == kb.next_roles(match.occupation)
    remote = kb.match_careers(CareerProfile(skills=["Python"], remote_ok=True), top=1)
    assert remote.location is not None and remote.location.remote
    explicit = kb.match_careers(CareerProfile(skills=["Python"]), location="Seattle", top=1)
    assert explicit.matches[0].salary.area.name == "Seattle-Tacoma-Bellevue, WA"  # type: ignore[union-attr]


def test_summary_and_load_time(kb: KnowledgeBase) -> None:
    assert "occupations" in kb.summary() and "BLS OEWS, May 2025" in kb.summary()
    assert kb.load_seconds > 0


def test_process_wide_getter_caches_per_dir(tmp_path: Path, knowledge_dir: Path) -> None:
    clear_knowledge_base_cache()
    try:
        first = get_knowledge_base(knowledge_dir)
        assert get_knowledge_base(knowledge_dir) is first
        assert get_knowledge_base(str(knowledge_dir)) is first
    finally:
        clear_knowledge_base_cache()
