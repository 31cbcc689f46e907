"""Slot rules with polarity and kind: each rule has cases that must hold and cases that must not.

`result.facts` is what the person stated about themselves (what the router saves);
`result.slots` is everything the message says.
"""

from __future__ import annotations

from typing import Any

import pytest

from careermate_bot.services.conversation.intents import (
    ConversationContext,
    IntentResult,
    classify,
)


@pytest.fixture
def ctx(career_kb: Any) -> ConversationContext:
    return ConversationContext(knowledge=career_kb)


def _run(text: str, ctx: ConversationContext) -> IntentResult:
    return classify(text, ctx)


# -- negation and work arrangement ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "remote", "arrangement"),
    [
        ("I don't want to do remote", False, None),
        ("no remote", False, None),
        ("I'm not interested in remote jobs", False, None),
        ("I'd rather not work remotely", False, None),
        ("non-remote roles only", False, None),
        ("on-site only please", False, "onsite"),
        ("I want an in-office job", False, "onsite"),
        ("I prefer hybrid", False, "hybrid"),
        ("I'd rather work hybrid, fully remote gets lonely", False, "hybrid"),
        ("I'm open to hybrid but not fully on-site", False, "hybrid"),
        ("remote only, I won't commute", True, "remote"),
        ("I'd prefer something remote or at least hybrid", True, "remote"),
        ("I don't want to work in an office anymore", True, None),
        ("I hate commuting", True, None),
        ("I only want remote work", True, "remote"),
    ],
)
def test_arrangement_and_its_polarity(
    ctx: ConversationContext, text: str, remote: bool, arrangement: str | None
) -> None:
    result = _run(text, ctx)
    assert result.intent == "profile_update", result.scores
    assert (result.facts.remote, result.facts.arrangement) == (remote, arrangement)


def test_the_issue_s_negation_message(ctx: ConversationContext) -> None:
    result = _run(
        "I don't want to do remote, I prefer hybrid in Austin, and I need at least 95k", ctx
    )
    assert result.intent == "profile_update"
    facts = result.facts
    assert facts.remote is False
    assert facts.arrangement == "hybrid"
    assert facts.location == "Austin"
    assert facts.min_salary == 95_000


@pytest.mark.parametrize(
    "text",
    ["how was your weekend?", "the remote control is broken lol", "good night!"],
)
def test_no_arrangement_or_schedule_from_chit_chat(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert result.facts.remote is None and result.facts.schedule == ()
    assert result.slots.schedule == ()


# -- schedule -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("I can only work part-time, evenings and weekends", ("part_time", "evenings", "weekends")),
        ("full time only, no contract work", ("full_time",)),
        ("I want full-time work, no part time", ("full_time",)),
        ("I'm looking for night shifts only", ("nights",)),
        ("I need flexible hours because of my kids", ("flexible",)),
        ("contract roles are fine with me", ("contract",)),
        ("I can't do weekends", ()),
    ],
)
def test_schedule(ctx: ConversationContext, text: str, schedule: tuple[str, ...]) -> None:
    assert _run(text, ctx).slots.schedule == schedule


def test_a_schedule_in_a_search_is_a_slot_not_a_fact(ctx: ConversationContext) -> None:
    result = _run("show me part-time barista jobs in Portland", ctx)
    assert result.intent == "job_search"
    assert result.slots.schedule == ("part_time",)
    assert not result.updates_profile


# -- skills: owned, searched for, or only a topic -------------------------------------------------
def test_skills_in_a_comparison_question_are_never_saved(ctx: ConversationContext) -> None:
    result = _run("should I learn React or go into data engineering?", ctx)
    assert result.intent == "compare"
    assert result.slots.compare == ("React", "data engineering")
    assert "React" in result.slots.topic_skills
    assert not result.updates_profile
    assert result.facts.skills == ()


@pytest.mark.parametrize(
    ("text", "owned", "topics"),
    [
        ("I'm interested in machine learning", (), ("Machine learning",)),
        ("I want to learn Kubernetes", (), ("Kubernetes",)),
        ("I know Python but not Java", ("Python",), ()),
        ("I use Excel and Tableau every day", ("Microsoft Excel", "Tableau"), ()),
    ],
)
def test_statement_skills(
    ctx: ConversationContext, text: str, owned: tuple[str, ...], topics: tuple[str, ...]
) -> None:
    facts = _run(text, ctx).facts
    assert facts.skills == owned
    assert facts.topic_skills == topics


def test_facts_and_a_learning_question(ctx: ConversationContext) -> None:
    result = _run("I know SQL. Should I learn Python or Power BI next?", ctx)
    assert result.intent == "compare"
    assert result.secondary == "profile_update"
    assert result.facts.skills == ("SQL",)
    assert set(result.slots.topic_skills) == {"Python", "Power BI"}


@pytest.mark.parametrize(
    "text", ["is kubernetes worth learning?", "how long does it take to learn SQL?"]
)
def test_a_skill_asked_about_is_a_topic(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert result.slots.skills == ()
    assert result.slots.topic_skills
    assert not result.updates_profile


def test_my_skills_in_a_question_are_the_person_s_own(ctx: ConversationContext) -> None:
    result = _run("What career paths are available for my Python and SQL skills?", ctx)
    assert result.intent == "career_advice"
    assert result.slots.skills == ("Python", "SQL")
    assert result.slots.topic_skills == ()


def test_a_skill_in_a_search_is_a_search_term(ctx: ConversationContext) -> None:
    result = _run("python jobs in Austin", ctx)
    assert result.slots.skills == ("Python",)
    assert result.slots.topic_skills == ()


# -- education ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "education"),
    [
        ("I just finished a nursing degree", "nursing degree"),
        ("I have an MBA", "MBA"),
        ("bootcamp grad here", "coding bootcamp"),
        ("I just completed a data science bootcamp", "data science bootcamp"),
        ("I graduated with a BS in biology", "BS in biology"),
        ("I have a masters in computer science", "master's in computer science"),
        ("I only have a high school diploma", "high school diploma"),
        ("I have a GED", "GED"),
        ("I'm a nursing student", "nursing student"),
    ],
)
def test_education_as_stated(ctx: ConversationContext, text: str, education: str) -> None:
    result = _run(text, ctx)
    assert result.intent == "profile_update"
    assert result.facts.education == education


@pytest.mark.parametrize(
    "text",
    ["should I get an MBA?", "is a master's degree worth it?", "do I need a degree for this?"],
)
def test_education_asked_about_is_not_had(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert result.slots.education is None
    assert not result.updates_profile


def test_a_question_after_an_education_uses_it(ctx: ConversationContext) -> None:
    first = _run("I just finished a nursing degree", ctx)
    ctx.last_intent, ctx.last_slots = first.intent, first.slots
    follow = _run("what kind of jobs can I get with that?", ctx)
    assert follow.intent == "job_search"
    assert follow.slots.education == "nursing degree"


# -- current role and years -----------------------------------------------------------------------
def test_current_role_with_years(ctx: ConversationContext) -> None:
    facts = _run("8 years as a math teacher", ctx).facts
    assert facts.experience_years == 8
    assert facts.role_kind == "current"
    assert facts.role is not None and "teacher" in facts.role.lower()
    assert facts.skills == ()  # "math" is part of the role's name, not a skill claimed


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I'm a software developer", "Software Developer"),
        ("I work as a front end dev", "Frontend Developer"),
        ("I've been a registered nurse for 10 years", "Registered Nurse"),
    ],
)
def test_current_role(ctx: ConversationContext, text: str, role: str) -> None:
    facts = _run(text, ctx).facts
    assert (facts.role, facts.role_kind) == (role, "current")


@pytest.mark.parametrize(
    "text", ["how much can I make as a nurse?", "where do you see yourself in 5 years?"]
)
def test_no_role_or_years_saved_from_questions(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert not result.updates_profile
    assert result.facts.role is None and result.facts.experience_years is None


# -- leaving --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("thinking about leaving teaching", "teaching"),
        ("I want out of retail", "retail"),
        ("I'm planning to leave nursing", "nursing"),
        ("I'm quitting accounting next year", "accounting"),
    ],
)
def test_leaving(ctx: ConversationContext, text: str, field: str) -> None:
    result = _run(text, ctx)
    assert result.intent == "profile_update"
    assert result.facts.leaving == field
    assert result.facts.skills == ()  # "teaching" is what they leave, not a skill they offer


@pytest.mark.parametrize(
    "text", ["I'm leaving for vacation tomorrow", "I quit smoking last year", "leave me alone"]
)
def test_not_leaving_a_field(ctx: ConversationContext, text: str) -> None:
    assert _run(text, ctx).slots.leaving is None


# -- the field they want ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("I want to stay in healthcare", "healthcare"),
        ("I'd like to work in finance", "finance"),
        ("I'm really interested in education", "education"),
        ("what careers are there in the trades?", "trades"),
        ("I wanna get into tech", "tech"),
        ("I want to leave teaching and go into healthcare", "healthcare"),
        ("moving from nursing to data science", "data"),
        ("passionate about marketing", "marketing"),
    ],
)
def test_wanted_field(ctx: ConversationContext, text: str, field: str) -> None:
    result = _run(text, ctx)
    assert result.slots.wanted_field == field
    assert result.intent in ("career_advice", "profile_update")


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to work in sales",
        "I'm not interested in finance at all",
        "I want to get out of retail",
        "I work in IT",
        "I'm moving to Denver",
        "I like working with people",
        "I hate working in healthcare",
    ],
)
def test_not_a_wanted_field(ctx: ConversationContext, text: str) -> None:
    assert _run(text, ctx).slots.wanted_field is None


@pytest.mark.parametrize(
    "text", ["I want to stay in healthcare", "I'm interested in finance", "I want a career in tech"]
)
def test_a_wanted_field_said_of_oneself_is_remembered(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert result.intent == "profile_update"  # not chit-chat, not off-topic
    assert result.facts.wanted_field == result.slots.wanted_field is not None


@pytest.mark.parametrize(
    "text", ["what careers are there in healthcare?", "careers in finance?", "options in tech?"]
)
def test_a_field_asked_about_is_a_career_question_and_not_saved(
    ctx: ConversationContext, text: str
) -> None:
    result = _run(text, ctx)
    assert result.intent == "career_advice"
    assert not result.updates_profile


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("I like working with my hands", "trades"),
        ("I'm good with numbers", "finance"),
        ("what's a good career for someone who likes art?", "design"),
        ("I enjoy caring for people", "healthcare"),
        ("I love working with kids", "education"),
    ],
)
def test_what_someone_enjoys_points_to_a_field_and_is_not_saved_as_a_wish(
    ctx: ConversationContext, text: str, field: str
) -> None:
    result = _run(text, ctx)
    assert result.slots.interest_field == field and result.slots.interest
    assert result.intent == "career_advice"  # not chit-chat, not off-topic
    assert result.slots.wanted_field is None and not result.updates_profile


@pytest.mark.parametrize("text", ["I don't like numbers", "I hate math", "I love my kids"])
def test_no_interest_where_none_is_said(ctx: ConversationContext, text: str) -> None:
    assert _run(text, ctx).slots.interest_field is None


@pytest.mark.parametrize(
    ("text", "no_degree", "field"),
    [
        ("what's the highest paying job without a degree?", True, None),
        ("best paying jobs in healthcare", False, "healthcare"),
        ("I never went to college, what jobs pay well?", True, None),
        ("top paying tech jobs", False, "tech"),
    ],
)
def test_a_ranking_by_pay(
    ctx: ConversationContext, text: str, no_degree: bool, field: str | None
) -> None:
    slots = _run(text, ctx).slots
    assert slots.pay_ranking and slots.without_degree == no_degree
    assert slots.field_named == field


@pytest.mark.parametrize("text", ["how much do nurses make?", "it pays well", "what's my salary"])
def test_not_a_ranking(ctx: ConversationContext, text: str) -> None:
    slots = _run(text, ctx).slots
    assert not slots.pay_ranking and slots.field_named is None


@pytest.mark.parametrize(
    "text",
    ["what skills are in demand?", "which skills do employers want?", "hottest skills in tech"],
)
def test_skills_in_demand_asked(ctx: ConversationContext, text: str) -> None:
    result = _run(text, ctx)
    assert result.slots.skills_demand and result.intent == "career_advice"


@pytest.mark.parametrize("text", ["what skills should I learn", "I know Python and SQL"])
def test_skills_in_demand_not_asked(ctx: ConversationContext, text: str) -> None:
    assert not _run(text, ctx).slots.skills_demand


def test_leaving_in_an_interview_question_is_advice(ctx: ConversationContext) -> None:
    result = _run("how do I explain leaving teaching in an interview?", ctx)
    assert result.intent == "advice"
    assert result.slots.leaving == "teaching"
    assert not result.updates_profile


# -- forget ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("forget that I live in Boston", ("Boston",)),
        ("forget that I said I live in Boston", ("Boston",)),
        ("remove SQL", ("SQL",)),
        ("I don't know Java anymore", ("Java",)),
        ("take Excel and Tableau off my skills", ("Excel", "Tableau")),
        ("please remove Python from my profile", ("Python",)),
        ("I don't live in Denver anymore", ("Denver",)),
        ("I'm not a teacher anymore", ("teacher",)),
        ("forget my location", ("location",)),
        ("forget what I said about remote work", ("remote work",)),
    ],
)
def test_forget(ctx: ConversationContext, text: str, targets: tuple[str, ...]) -> None:
    result = _run(text, ctx)
    assert result.intent == "forget"
    assert result.slots.forget == targets


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("forget me", "privacy"),
        ("delete all my data", "privacy"),
        ("forget everything I told you", "privacy"),
        ("never mind, forget it", "small_talk"),
    ],
)
def test_forgetting_everything_is_privacy_not_forget(
    ctx: ConversationContext, text: str, intent: str
) -> None:
    result = _run(text, ctx)
    assert result.slots.forget == ()
    assert result.intent == intent


def test_forget_and_a_new_fact(ctx: ConversationContext) -> None:
    result = _run("I don't live in Denver anymore, I moved to Austin", ctx)
    assert result.intent == "forget"
    assert result.slots.forget == ("Denver",)
    assert result.secondary == "profile_update"
    assert result.facts.location == "Austin"


# -- life situations ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "intent", "situation"),
    [
        ("I got laid off today", "advice", "laid_off"),
        ("my position was eliminated this morning", "advice", "laid_off"),
        ("I got fired yesterday, what now?", "advice", "fired"),
        (
            "applied to 200 jobs and heard nothing back, what am I doing wrong",
            "advice",
            "no_replies",
        ),
        ("I'm burned out, should I quit?", "advice", "burned_out"),
        ("another rejection today, I'm starting to doubt myself", "advice", "rejected"),
        ("tell me a joke, I need cheering up after another rejection", "small_talk", "rejected"),
        ("so stressed today haha", "small_talk", "stressed"),
        ("got laid off, find me warehouse jobs in Memphis", "job_search", "laid_off"),
    ],
)
def test_situations(ctx: ConversationContext, text: str, intent: str, situation: str) -> None:
    result = _run(text, ctx)
    assert (result.intent, result.slots.situation) == (intent, situation)


@pytest.mark.parametrize(
    "text",
    [
        "how do I avoid burnout?",
        "I'm worried about getting laid off",
        "I wasn't fired, I quit",
        "is nursing stressful?",
        "what should I do if I get laid off",
    ],
)
def test_no_situation(ctx: ConversationContext, text: str) -> None:
    assert _run(text, ctx).slots.situation is None


# -- offers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("how do I negotiate, they offered 65k", 65_000),
        ("I got a $32/hr offer, is that fair?", 32 * 2080),
        ("they offered me 72k for a marketing coordinator job, should I counter?", 72_000),
        ("got an offer of $90,000 - should I take it?", 90_000),
    ],
)
def test_offers(ctx: ConversationContext, text: str, offer: int) -> None:
    result = _run(text, ctx)
    assert result.intent == "advice"
    assert result.slots.offer == offer
    assert result.slots.min_salary is None  # an offer is not what they want


@pytest.mark.parametrize("text", ["I want at least 80k", "they offered me the job!"])
def test_not_an_offer_amount(ctx: ConversationContext, text: str) -> None:
    assert _run(text, ctx).slots.offer is None


# -- comparisons ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("PMP or CAPM?", ("PMP", "CAPM")),
        ("data analyst vs data scientist", ("data analyst", "data scientist")),
        (
            "what's the difference between a UX designer and a UI designer?",
            ("UX designer", "UI designer"),
        ),
        ("is it better to become an electrician or a plumber?", ("electrician", "plumber")),
        ("do nurses make more than teachers?", ("nurses", "teachers")),
        ("AWS vs Azure, which should I learn", ("AWS", "Azure")),
    ],
)
def test_comparisons(ctx: ConversationContext, text: str, pair: tuple[str, str]) -> None:
    result = _run(text, ctx)
    assert result.intent == "compare"
    assert result.slots.compare == pair


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("find python or java jobs in Austin", "job_search"),
        ("remote or hybrid jobs in Denver", "job_search"),
        ("should I do a bootcamp or a CS degree?", "advice"),
        ("should I take the offer or keep looking?", "advice"),
        ("should I stay at my job or leave for a startup?", "advice"),
    ],
)
def test_not_comparisons(ctx: ConversationContext, text: str, intent: str) -> None:
    result = _run(text, ctx)
    assert result.slots.compare == ()
    assert result.intent == intent


def test_a_comparison_across_clauses(ctx: ConversationContext) -> None:
    result = _run(
        "I'm a teacher. I'm thinking about nursing or maybe IT. Which one makes more sense?", ctx
    )
    assert result.intent == "compare"
    assert result.slots.compare == ("nursing", "IT")
    assert result.secondary == "profile_update"
