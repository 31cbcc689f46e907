"""The shipped catalogue and taxonomy are consistent with each other and with the BLS file."""

from __future__ import annotations

from collections import Counter

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.text import norm_text

FAMILIES_REQUIRED = {
    "tech",
    "data",
    "design",
    "product",
    "business",
    "finance",
    "marketing",
    "sales",
    "healthcare",
    "education",
    "trades",
    "public service",
}


def test_catalogue_size_and_families(kb: KnowledgeBase) -> None:
    assert len(kb.occupations) >= 150
    families = Counter(o.family for o in kb.occupations)
    assert FAMILIES_REQUIRED <= set(families)
    assert all(families[f] >= 3 for f in FAMILIES_REQUIRED)


def test_every_soc_code_exists_in_bls_with_a_national_estimate(kb: KnowledgeBase) -> None:
    for occ in kb.occupations:
        assert occ.bls_code in kb.wages.occupation_names, occ.id
        assert kb.wages.occupation_names[occ.bls_code] == occ.soc_title, occ.id
        national = kb.wages.lookup(occ.soc_code, kb.wages.national)
        assert national.available, f"{occ.id}: no national wages for {occ.soc_code}"


def test_every_skill_named_is_in_the_taxonomy(kb: KnowledgeBase) -> None:
    for occ in kb.occupations:
        for skill in (*occ.core_skills, *occ.nice_skills):
            assert skill in kb.taxonomy.skills, f"{occ.id}: {skill!r}"


def test_core_and_nice_do_not_overlap_or_repeat(kb: KnowledgeBase) -> None:
    for occ in kb.occupations:
        assert len(set(occ.core_skills)) == len(occ.core_skills), occ.id
        assert len(set(occ.nice_skills)) == len(occ.nice_skills), occ.id
        assert not set(occ.core_skills) & set(occ.nice_skills), occ.id
        assert len(occ.core_skills) >= 3, occ.id


def test_every_next_step_is_a_catalogue_occupation(kb: KnowledgeBase) -> None:
    ids = {o.id for o in kb.occupations}
    for occ in kb.occupations:
        for nxt in occ.next_roles:
            assert nxt in ids, f"{occ.id} -> {nxt}"
            assert nxt != occ.id


def test_ids_titles_unique_and_titles_not_someone_elses_alias(kb: KnowledgeBase) -> None:
    ids = [o.id for o in kb.occupations]
    titles = [norm_text(o.title) for o in kb.occupations]
    assert len(ids) == len(set(ids))
    assert len(titles) == len(set(titles))
    for occ in kb.occupations:
        for alias in occ.aliases:
            assert norm_text(alias) not in set(titles) - {norm_text(occ.title)}, (occ.id, alias)


def test_related_skills_and_categories(kb: KnowledgeBase) -> None:
    categories = Counter(s.category for s in kb.taxonomy.skills.values())
    assert set(categories) == {"language", "framework", "tool", "domain", "soft"}
    for skill in kb.taxonomy.skills.values():
        for other in skill.related:
            assert other in kb.taxonomy.skills, (skill.name, other)


def test_every_skill_name_is_found_by_its_own_extractor(kb: KnowledgeBase) -> None:
    """A skill written in its canonical spelling, alone, is always recognised."""
    for name in kb.taxonomy.skills:
        assert kb.extract_skills(name) == [name], name


def test_every_alias_resolves_to_its_skill(kb: KnowledgeBase) -> None:
    for skill in kb.taxonomy.skills.values():
        for alias in skill.aliases:
            assert kb.get_skill(alias) == skill, (skill.name, alias)


def test_descriptions_and_sources(kb: KnowledgeBase) -> None:
    for occ in kb.occupations:
        assert 20 <= len(occ.description) <= 400, occ.id
        assert "O*NET 29.3" in occ.source
        assert occ.education
