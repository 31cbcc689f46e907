"""GuideService answers: each kind, their content (figures from the data, not guesses), the user's
own facts, and Discord's embed limits."""

from __future__ import annotations

from typing import Any

import pytest

from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import ONET_ATTRIBUTION, KnowledgeBase
from careermate_bot.knowledge.guide import ACTIONS, Guide
from careermate_bot.services.conversation.intents.slots import SlotExtractor
from careermate_bot.services.guide import (
    AnswerSection,
    GuideAnswer,
    GuideProfile,
    GuideService,
    ResumeFacts,
)
from careermate_bot.services.guide.pay import parse_offer
from careermate_bot.services.guide.types import TOTAL_LIMIT, fit

ANA = GuideProfile(
    name="Ana Ruiz",
    skills=("SQL", "Excel", "Tableau"),
    locations=("Chicago",),
    current_role="marketing coordinator",
    target_roles=("data analyst",),
    experience_years=3,
    resume_summary=ResumeFacts(
        score=64,
        words=820,
        skills=("SQL", "Python"),
        target_role="Data Analyst",
        coverage_percent=40,
    ),
)


@pytest.fixture(scope="module")
def service(career_kb: KnowledgeBase) -> GuideService:
    return GuideService(career_kb, Guide.load(), find_place=SlotExtractor(career_kb).location)


def section(answer: GuideAnswer, prefix: str) -> AnswerSection:
    for s in answer.sections:
        if s.name.startswith(prefix):
            return s
    raise AssertionError(f"no section {prefix!r} in {[s.name for s in answer.sections]}")


def check_shape(answer: GuideAnswer) -> None:
    assert answer.fits_embed(), answer.embed_size
    assert answer.title and answer.lead and answer.source
    assert all(a.action in ACTIONS for a in answer.actions)
    text = answer.to_text()
    assert answer.title in text
    for s in answer.sections:
        assert s.name in text


# -- the issue's examples -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind", "must"),
    [
        ("How do I become a registered nurse?", "become", ("NCLEX-RN", "state board of nursing")),
        (
            "What's the difference between a data analyst and a data scientist?",
            "compare_roles",
            ("Machine learning",),
        ),
        (
            "How do I negotiate? They offered 70k for a data analyst job in Chicago",
            "topic",
            ("$70,000", "Chicago"),
        ),
        ("PMP or CAPM?", "compare_certs", ("36 months", "23 hours")),
        (
            "I got laid off yesterday, what should I do first?",
            "topic",
            ("unemployment insurance", "COBRA"),
        ),
        ("Is a coding bootcamp worth it?", "topic", ("bootcamp", "outcome")),
        ("I'm burned out, should I quit?", "topic", ("Burnout", "988")),
        ("How do I write a good cover letter?", "topic", ("cover letter", "[placeholders]")),
        ("How long should my resume be?", "topic", ("One page", "10 years")),
    ],
)
def test_issue_examples_get_substantive_answers(
    service: GuideService, question: str, kind: str, must: tuple[str, ...]
) -> None:
    answer = service.answer(question)
    assert answer.kind == kind
    check_shape(answer)
    assert len(answer.sections) >= 3
    text = answer.to_text()
    for needle in must:
        assert needle in text, needle


# -- how to become / role facts -------------------------------------------------------------------
def test_how_to_become_a_nurse(service: GuideService, career_kb: KnowledgeBase) -> None:
    answer = service.how_to_become("registered nurse")
    check_shape(answer)
    entry = service.guide.entries["registered-nurse"]
    assert entry.education.level in section(answer, "Education").value
    assert f"{entry.education.share}%" in section(answer, "Education").value
    lic = section(answer, "Licensing").value
    assert "NCLEX-RN" in lic and "NCSBN" in lic
    ways_in = section(answer, "Shorter-preparation").value
    assert "Licensed Practical Nurse" in ways_in or "Nursing Assistant" in ways_in
    assert ONET_ATTRIBUTION in answer.source
    assert "Tell me your skills" in section(answer, "Your skill gap").value
    national = career_kb.salary("registered-nurse")
    assert national.annual is not None
    assert national.annual.display("median") in section(answer, "Pay").value


def test_how_to_become_uses_the_users_skill_gap(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.how_to_become("data scientist", ANA)
    gap = section(answer, "Your skill gap").value
    report = career_kb.skill_gap(service._ctx.career_profile(ANA), "data-scientist")
    assert f"{report.match_percent}%" in gap
    top = next(g for g in report.missing if g.gain_points > 0)
    assert top.skill in gap and f"+{top.gain_points:g} pts" in gap
    assert "Chicago" in section(answer, "Pay").name


def test_unlicensed_roles_say_so(service: GuideService) -> None:
    answer = service.how_to_become("data analyst")
    assert "No licence is generally required" in section(answer, "Licensing").value
    assert "CareerMate-curated role" in section(answer, "Education").value


def test_role_info_shows_tasks_pay_and_education(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.role_info("actuary", ANA)
    check_shape(answer)
    entry = service.guide.entries["actuary"]
    assert entry.tasks[0] in section(answer, "What they do").value
    pay = section(answer, "Pay").value
    local = career_kb.salary("actuary", "Chicago")
    assert local.area.name in pay
    assert local.annual is not None and local.annual.display("median") in pay
    assert "United States" in pay
    assert entry.education.level in section(answer, "Typical education").value


def test_unknown_role_raises_a_friendly_error(service: GuideService) -> None:
    with pytest.raises(InvalidInput, match="role"):
        service.how_to_become("zzqx blorp")


# -- comparisons ----------------------------------------------------------------------------------
def test_compare_roles_side_by_side(service: GuideService, career_kb: KnowledgeBase) -> None:
    answer = service.compare_roles("electrician", "plumber", ANA)
    check_shape(answer)
    pay = section(answer, "Pay (United States)").value
    for role in ("electrician", "plumber"):
        info = career_kb.salary(role)
        assert info.annual is not None and info.annual.display("median") in pay
    local = section(answer, "Pay (Chicago").value
    assert career_kb.salary("electrician", "Chicago").annual.display("median") in local  # type: ignore[union-attr]
    assert "Electrician" in section(answer, "Typical education").value
    assert "job zone" in section(answer, "Preparation").value
    assert "% match" in section(answer, "Your match").value
    assert "pays more" in answer.lead or "about the same" in answer.lead


def test_compare_roles_in_one_bls_series_says_so(service: GuideService) -> None:
    answer = service.compare_roles("data analyst", "data scientist")
    assert "one series" in section(answer, "Note on pay").value
    assert "Machine learning" in answer.lead  # what actually tells them apart


def test_compare_skills_counts_and_points(service: GuideService, career_kb: KnowledgeBase) -> None:
    answer = service.compare_skills("python", "R", ANA)
    check_shape(answer)
    users = [
        o for o in career_kb.occupations if "Python" in o.core_skills or "Python" in o.nice_skills
    ]
    python = section(answer, "Python").value
    assert f"Used by {len(users)} of {len(career_kb.occupations)}" in python
    socs = {o.soc_code for o in users}
    employment = sum(
        career_kb.salary(career_kb.catalogue.by_soc[s][0]).employment or 0 for s in socs
    )
    assert f"{employment:,}" in python
    assert "pts for Data Analyst" in python or "already have it" in python
    assert "broader bet" in answer.lead


def test_compare_skills_when_the_user_has_one(service: GuideService) -> None:
    answer = service.compare_skills("SQL", "Python", ANA)
    assert "You already have it." in section(answer, "SQL").value


def test_compare_certifications(service: GuideService) -> None:
    answer = service.compare_certifications("PMP", "capm", ANA)
    check_shape(answer)
    assert "36 months" in section(answer, "Eligibility: PMP").value
    assert "23 hours" in section(answer, "Eligibility: CAPM").value
    assert "CAPM is the associate step" in answer.lead
    assert "3 years of experience" in section(answer, "How to choose").value


def test_single_certification(service: GuideService) -> None:
    answer = service.answer("what do I need for the CISSP?")
    assert answer.kind == "certification"
    check_shape(answer)
    assert "Five years" in section(answer, "Eligibility").value
    assert "ISC2" in answer.source


# -- advice, personalised -------------------------------------------------------------------------
def test_negotiation_places_the_offer_in_the_bls_range(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.answer(
        "How do I negotiate? They offered 70k for a data analyst job in Chicago"
    )
    mine = section(answer, "For you").value
    info = career_kb.salary("data-analyst", "Chicago")
    pct = info.annual
    assert pct is not None and pct.p25 is not None and 70_000 < pct.p25
    assert "$70,000 is below the" in mine
    assert pct.display("p25") in mine and pct.display("median") in mine
    assert info.area.name in mine
    assert any(f.label == "Offer" and f.value == "$70,000" for f in answer.facts)
    assert "BLS" in answer.source
    assert answer.actions[0].action == "check_pay" and answer.actions[0].role == "data-analyst"


def test_a_high_offer_is_called_strong(service: GuideService, career_kb: KnowledgeBase) -> None:
    answer = service.answer(
        "They offered $400,000 for a data analyst job in Chicago, should I negotiate?"
    )
    assert "strong offer" in section(answer, "For you").value


def test_hourly_offers_compare_with_hourly_wages(service: GuideService) -> None:
    answer = service.answer("offer came in at $31/hr for an LPN job in Ohio, can I negotiate?")
    mine = section(answer, "For you").value
    assert "$31.00/hr is" in mine and "/hr" in mine.split("BLS range")[1]
    assert "Ohio" in mine


def test_negotiation_falls_back_to_the_profile_role_and_place(service: GuideService) -> None:
    answer = service.advice("they offered me 65k, should I counter?", ANA)
    mine = section(answer, "For you").value
    assert "$65,000" in mine and "Data Analyst" in mine and "Chicago" in mine


def test_negotiation_without_a_role_asks_for_it(service: GuideService) -> None:
    answer = service.advice("they offered me 65k, should I counter?")
    assert "Tell me the job title" in section(answer, "For you").value
    assert not answer.facts


def test_resume_hooks_use_the_stored_review(service: GuideService) -> None:
    answer = service.answer("I've sent 100 applications and heard nothing back", ANA)
    assert answer.ids == ("no-responses",)
    mine = section(answer, "For you").value
    assert "64/100" in mine and "Below 70" in mine
    length = service.advice("how long should my resume be", ANA)
    assert "820 words" in section(length, "For you").value
    assert "one page" in section(length, "For you").value


def test_a_situation_with_a_role_answers_the_situation_and_keeps_the_role(
    service: GuideService,
) -> None:
    answer = service.answer("can I become a nurse with a criminal record")
    assert answer.ids == ("criminal-record",)
    note = section(answer, "The Registered Nurse route").value
    assert "NCLEX-RN" in note and "state board of nursing" in note


def test_pay_questions_about_a_role_get_its_facts(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.answer("What's a good salary for a software engineer in Austin?")
    assert answer.kind == "role_info" and answer.ids == ("software-developer",)
    local = career_kb.salary("software-developer", "Austin")
    assert local.annual is not None
    assert local.annual.display("median") in section(answer, "Pay").value


def test_advice_can_be_asked_for_a_topic_directly(service: GuideService) -> None:
    answer = service.advice("anything", topic_id="references")
    assert answer.ids == ("references",) and answer.kind == "topic"


def test_every_topic_renders_within_limits(service: GuideService) -> None:
    for topic_id, topic in service.guide.topics.items():
        answer = service.advice(topic.examples[0], ANA, topic_id=topic_id)
        check_shape(answer)
        assert len([s for s in answer.sections if s.name != "For you"]) == len(topic.steps)


# -- cover letter ---------------------------------------------------------------------------------
def test_cover_letter_outline_uses_only_the_users_facts(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.cover_letter(ANA, company="Acme")
    check_shape(answer)
    text = answer.to_text()
    assert "Ana Ruiz" in text and "Acme" in text and "Data Analyst" in text
    assert "marketing coordinator" in text and "3 years" in text and "64/100" in text
    assert "[" in text and "]" in text  # placeholders for what we don't know
    assert ANA.resume_summary is not None
    mine = [*ANA.skills, *ANA.resume_summary.skills]
    known = {s.casefold() for s in career_kb.normalize_skills(mine)[0]}
    named = set(career_kb.extract_skills(section(answer, "2. Why you fit").value))
    assert named and {s.casefold() for s in named} <= known


def test_cover_letter_with_an_empty_profile_is_all_placeholders(service: GuideService) -> None:
    answer = service.cover_letter(GuideProfile())
    text = answer.to_text()
    assert "[Your name]" in text and "[Company]" in text and "[job title]" in text
    assert not answer.facts


# -- clarify and limits ---------------------------------------------------------------------------
def test_low_confidence_asks_one_short_question(service: GuideService) -> None:
    answer = service.answer("help me with my career")
    assert answer.kind == "clarify"
    assert len(answer.options) == 2
    assert answer.lead.endswith("?") and len(answer.lead) < 200
    picked = service.answer_route(
        service.route("help me with my career").model_copy(
            update={"kind": answer.options[0].kind, "ids": answer.options[0].ids}
        )
    )
    assert picked.kind == answer.options[0].kind


def test_fit_trims_anything_to_the_embed_limits() -> None:
    huge = GuideAnswer(
        kind="topic",
        title="T" * 400,
        lead="L" * 5000,
        sections=tuple(AnswerSection(name="N" * 300, value="word " * 500) for _ in range(30)),
        source="S" * 3000,
    )
    fitted = fit(huge)
    assert fitted.fits_embed()
    assert fitted.embed_size <= TOTAL_LIMIT and len(fitted.sections) >= 1


def test_long_profile_values_still_fit(service: GuideService) -> None:
    noisy = GuideProfile(
        name="N" * 900, current_role="x" * 900, skills=("SQL",) * 50, target_roles=("data analyst",)
    )
    for answer in (service.cover_letter(noisy), service.how_to_become("data analyst", noisy)):
        assert answer.fits_embed()


@pytest.mark.parametrize(
    ("text", "annual", "hourly"),
    [
        ("They offered 70k", 70_000, None),
        ("offer of $95,000 base", 95_000, None),
        ("$31/hr for an LPN job", 64_480, 31.0),
        ("they pay 22 an hour", 45_760, 22.0),
        ("I have 3 years and 2 offers", None, None),
    ],
)
def test_parse_offer(text: str, annual: int | None, hourly: Any) -> None:
    offer = parse_offer(text)
    if annual is None:
        assert offer is None
    else:
        assert offer is not None and offer.annual == annual and offer.hourly == hourly


# -- a field at a glance -------------------------------------------------------------------------
def test_field_overview_without_skills_lists_the_largest_roles_with_their_figures(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.field_overview("healthcare")
    assert answer.kind == "field" and answer.title == "Careers in healthcare"
    in_field = [o for o in career_kb.catalogue if o.family == "healthcare"]
    assert f"{len(in_field)} roles" in answer.lead and "Tell me your skills" in answer.lead
    titles = [s.name for s in answer.sections]
    by_size = sorted(in_field, key=lambda o: -(career_kb.role_jobs(o) or 0))
    assert titles == [o.title for o in by_size[: len(titles)]]
    nurse = section(answer, "Registered Nurse")
    median = career_kb.salary("registered-nurse").annual
    assert median is not None and median.median is not None
    assert f"median pay ${median.median:,.0f} (United States)" in nurse.value
    assert "O*NET" in answer.source and "BLS" in answer.source
    assert answer.fits_embed()
    assert "%" not in " ".join(titles)  # no skills, no match figures


def test_field_overview_ranks_by_the_persons_match_and_uses_their_area(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    skills = GuideProfile(skills=("Python", "SQL", "Git"), locations=("Austin, TX",))
    answer = service.field_overview("tech", skills)
    assert "fit your skills best" in answer.lead
    shown = [s.name.split(" — ")[0] for s in answer.sections]
    matches = [int(s.name.rsplit(" — ", 1)[1].split("%")[0]) for s in answer.sections]
    assert matches == sorted(matches, reverse=True)
    top = career_kb.catalogue.by_id[next(o.id for o in career_kb.catalogue if o.title == shown[0])]
    report = career_kb.skill_gap(service._ctx.career_profile(skills), top)
    assert matches[0] == report.match_percent
    assert "Austin" in answer.sections[0].value
    assert answer.actions[0].action == "skill_gap" and answer.actions[0].role == top.id


def test_field_overview_says_so_when_the_skills_do_not_fit_the_field(
    service: GuideService,
) -> None:
    answer = service.field_overview("healthcare", GuideProfile(skills=("Python", "SQL")))
    assert "overlap little" in answer.lead or "None of your saved skills" in answer.lead
    assert "fit your skills best" not in answer.lead


@pytest.mark.parametrize("question", ["any tips?", "give me some advice", "hmm so what now"])
def test_a_question_too_broad_for_a_topic_gets_where_to_start_not_a_question_back(
    service: GuideService, question: str
) -> None:
    answer = service.advice(question, ANA)
    assert answer.kind == "topic" and answer.ids == ("getting-started",)
    assert answer.lead.startswith("Here's where I'd start")
    assert "1. Name a direction" in [s.name for s in answer.sections]
    # personalised from the person's own facts: their target role's gap and résumé score
    assert "For Data Analyst you match" in section(answer, "For you").value
    assert "scored 64/100" in section(answer, "For you").value


@pytest.mark.parametrize(
    "question",
    [
        "my manager doesn't appreciate me",
        "I can't get along with my boss",
        "conflict with a colleague",
    ],
)
def test_friction_at_work_gets_the_difficult_coworker_steps(
    service: GuideService, question: str
) -> None:
    answer = service.answer(question)
    assert answer.ids == ("difficult-coworker",), (answer.kind, answer.ids)
    assert "2. Talk to them directly, and privately" in [s.name for s in answer.sections]


def test_top_paying_without_a_degree_ranks_by_bls_median_among_no_degree_roles(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.top_paying(without_degree=True)
    assert answer.title == "Highest-paying roles without a college degree"
    medians = [
        int(s.name.split("median $")[1].split(" ")[0].replace(",", "")) for s in answer.sections
    ]
    assert len(medians) == 8 and medians == sorted(medians, reverse=True)
    guide = service.guide
    for s in answer.sections:
        title = s.name.split(". ", 1)[1].split(" — ")[0]
        occ = next(o for o in career_kb.catalogue if o.title == title)
        assert "degree" not in occ.education.lower() and guide.entries[occ.id].job_zone <= 3
        pay = career_kb.salary(occ.id).annual
        assert pay is not None and f"${pay.median:,.0f}" in s.name  # the BLS figure itself
    assert "Cloud Architect" not in " ".join(s.name for s in answer.sections)
    assert "BLS" in answer.source and "O*NET" in answer.source


def test_top_paying_in_a_field_uses_the_persons_area(service: GuideService) -> None:
    answer = service.top_paying(GuideProfile(locations=("Denver, CO",)), family="healthcare")
    assert answer.title == "Highest-paying roles in healthcare"
    assert all("Denver" in s.name or "United States" in s.name for s in answer.sections)
    assert "in your area" in answer.lead


@pytest.mark.parametrize(
    "question",
    [
        "I'm a veteran, what jobs fit me?",
        "I'm getting out of the army next year",
        "how do I translate my MOS to a civilian job",
    ],
)
def test_military_questions_get_the_transition_steps(service: GuideService, question: str) -> None:
    answer = service.answer(question)
    assert answer.ids == ("military-transition",), (answer.kind, answer.ids)
    assert "Veterans Affairs" in answer.source and "SkillBridge" in " ".join(
        s.value for s in answer.sections
    )


def test_skills_in_demand_are_ranked_by_the_bls_employment_behind_them(
    service: GuideService,
) -> None:
    answer = service.skills_in_demand(GuideProfile(skills=("Microsoft Excel",)))
    ranked = [s for s in answer.sections if s.name[:1].isdigit()]
    jobs = []
    for s in ranked:
        figure = s.value.split("(")[1].split(" U.S. jobs")[0]
        jobs.append(
            float(figure.split()[0]) * 1e6
            if "million" in figure
            else float(figure.replace(",", ""))
        )
    assert len(ranked) == 8 and jobs == sorted(jobs, reverse=True)
    excel = [s.name for s in ranked if "Microsoft Excel" in s.name]
    assert not excel or excel[0].endswith("✓ you have it")
    assert answer.sections[-1].name == "People skills that run through them"
    assert "BLS" in answer.source and "O*NET" in answer.source


def test_skills_in_demand_in_a_field_use_only_that_fields_roles(
    service: GuideService, career_kb: KnowledgeBase
) -> None:
    answer = service.skills_in_demand(family="healthcare")
    assert answer.title == "Skills in demand in healthcare"
    healthcare = {o.title for o in career_kb.catalogue if o.family == "healthcare"}
    for s in answer.sections[:8]:
        examples = s.value.split("e.g. ")[1].rstrip(".").split(", ")
        assert set(examples) <= healthcare, examples
