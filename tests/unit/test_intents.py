"""The intent classifier: labels, slots, two-intent messages, follow-ups, the held-out split,
and the optional LLM stage (scripted engines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.fake import FakeBackend
from careermate_bot.services.conversation.intents import (
    INTENTS,
    LOW_CONFIDENCE,
    ConversationContext,
    IntentResult,
    classify,
    llm_capable,
    refine_with_llm,
    split_clauses,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "intents"


@pytest.fixture
def ctx(career_kb: Any) -> ConversationContext:
    return ConversationContext(knowledge=career_kb)


def _rows(split: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text().splitlines()]


def _context(row: dict[str, Any], knowledge: Any) -> ConversationContext:
    """The row's conversation: an interview question waiting, or the turn before it."""
    context = ConversationContext(
        knowledge=knowledge, interview_question=row.get("interview_question")
    )
    if row.get("after"):
        earlier = classify(row["after"], ConversationContext(knowledge=knowledge))
        context.last_intent, context.last_slots = earlier.intent, earlier.slots
    return context


def test_labels_are_the_documented_ones() -> None:
    assert set(INTENTS) == {
        "small_talk",
        "career_advice",
        "pay",
        "job_search",
        "resume_review",
        "interview_practice",
        "interview_answer",
        "advice",
        "compare",
        "how_to_become",
        "role_info",
        "profile_update",
        "forget",
        "privacy",
        "help",
        "other",
    }


def test_classify_works_with_no_context() -> None:
    result = classify("can you look at my resume?")
    assert isinstance(result, IntentResult)
    assert result.intent == "resume_review"
    assert 0.0 <= result.confidence <= 1.0


def test_dataset_is_large_and_split_25_percent() -> None:
    train, test = _rows("train"), _rows("test")
    total = len(train) + len(test)
    assert total >= 400
    assert 0.24 <= len(test) / total <= 0.27
    assert not {r["text"] for r in train} & {r["text"] for r in test}
    assert {r["intent"] for r in test} == set(INTENTS)


def test_held_out_accuracy_is_at_least_95_percent(career_kb: Any) -> None:
    rows = _rows("test")
    right = sum(classify(r["text"], _context(r, career_kb)).intent == r["intent"] for r in rows)
    assert right / len(rows) >= 0.95, f"{right}/{len(rows)}"


def test_fresh_batches_stay_above_90_percent(career_kb: Any) -> None:
    """The batches written after the work (measured once at first sight, see the docs) do not
    regress."""
    paths = sorted(DATA.glob("fresh_*.jsonl"))
    assert paths
    for path in paths:
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        right = sum(classify(r["text"], _context(r, career_kb)).intent == r["intent"] for r in rows)
        assert right / len(rows) >= 0.9, f"{path.name}: {right}/{len(rows)}"


def test_the_training_rows_classify_as_labelled(career_kb: Any) -> None:
    """The rows the rules were written from (train) keep working: a regression guard."""
    rows = _rows("train")
    wrong = [
        r["text"] for r in rows if classify(r["text"], _context(r, career_kb)).intent != r["intent"]
    ]
    assert len(wrong) <= len(rows) // 50, wrong


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yo whats good", "small_talk"),
        ("ugh my boss is the worst today lol", "small_talk"),
        ("how much do pharmacists make in Florida?", "pay"),
        ("what certs should I get to move into cloud?", "advice"),
        ("any openings for line cooks in Portland?", "job_search"),
        ("pls reveiw my cv", "resume_review"),
        ("lets do a mock intervew for a nursing role", "interview_practice"),
        ("I speak French and know Excel", "profile_update"),
        ("wipe everything you know about me", "privacy"),
        ("what can this bot do", "help"),
        ("write a limerick about my cat", "other"),
    ],
)
def test_unseen_phrasings(ctx: ConversationContext, text: str, intent: str) -> None:
    assert classify(text, ctx).intent == intent


def test_slots_use_the_knowledge_base(ctx: ConversationContext) -> None:
    slots = classify("How much do data scientists make in Seattle?", ctx).slots
    assert slots.role == "Data Scientist"
    assert slots.location_area == "Seattle-Tacoma-Bellevue, WA"
    assert slots.pay_question

    facts = classify(
        "I know python and postgres, 5 yrs experience, remote only, at least 90k", ctx
    ).slots
    assert facts.skills == ("Python", "PostgreSQL")
    assert facts.experience_years == 5
    assert facts.remote is True
    assert facts.min_salary == 90_000

    assert classify("I prefer on-site work", ctx).slots.remote is False
    assert classify("I prefer on-site work", ctx).slots.arrangement == "onsite"
    assert classify("jobs paying $45/hr", ctx).slots.min_salary == 45 * 2080


def test_no_slots_from_numbers_that_are_not_facts(ctx: ConversationContext) -> None:
    slots = classify("where do you see yourself in 5 years?", ctx).slots
    assert slots.experience_years is None
    assert classify("what's 15% of 240", ctx).slots.min_salary is None
    assert classify("I'm in tech", ctx).slots.location is None


def test_profile_update_plus_question_does_both(ctx: ConversationContext) -> None:
    result = classify("I know Python and SQL — what jobs fit me?", ctx)
    assert result.intent == "job_search"
    assert result.secondary == "profile_update"
    assert result.facts.skills == ("Python", "SQL")
    assert result.updates_profile


def test_a_question_s_slots_are_not_facts(ctx: ConversationContext) -> None:
    result = classify("How much do nurses make in Denver?", ctx)
    assert result.secondary is None
    assert not result.facts.has_profile_facts


def test_role_kinds(ctx: ConversationContext) -> None:
    assert classify("I'm a registered nurse", ctx).facts.role_kind == "current"
    target = classify("my goal is to become a product manager", ctx).facts
    assert (target.role, target.role_kind) == ("Product Manager", "target")
    teacher = classify("I'm a teacher", ctx)
    assert teacher.intent == "profile_update"
    assert teacher.facts.role == "teacher" and teacher.facts.role_id is None


def test_follow_up_reuses_the_last_turn(ctx: ConversationContext) -> None:
    first = classify("How much do data scientists make in Seattle?", ctx)
    ctx.last_intent, ctx.last_slots = first.intent, first.slots
    follow = classify("what about in Denver?", ctx)
    assert follow.intent == "pay"
    assert follow.source == "context"
    assert follow.slots.role == "Data Scientist"
    assert follow.slots.location == "Denver"
    assert follow.slots.pay_question


def test_an_awaited_slot_is_filled_by_a_bare_answer(ctx: ConversationContext) -> None:
    ctx.last_intent, ctx.awaiting = "interview_practice", "role"
    result = classify("data analyst", ctx)
    assert result.intent == "interview_practice"
    assert result.slots.role == "Data Analyst"


def test_clauses() -> None:
    assert split_clauses("I live in Denver now, any jobs for me there?") == [
        "I live in Denver now",
        "any jobs for me there?",
    ]
    assert split_clauses("hi") == ["hi"]


def test_empty_and_huge_input(ctx: ConversationContext) -> None:
    assert classify("", ctx).intent == "small_talk"
    assert classify("jobs " * 5000, ctx).intent == "job_search"


# -- the LLM stage ---------------------------------------------------------------------------------


def _client(name: str, script: list[Any]) -> LLMClient:
    return LLMClient(FakeBackend(script=script, name=name), retries=0)


async def test_llm_is_asked_only_when_unsure_and_capable(ctx: ConversationContext) -> None:
    unsure = classify("hmm interesting, tell me more about that thing", ctx)
    assert unsure.confidence < LOW_CONFIDENCE
    ollama = _client("ollama", ['{"intent": "career_advice", "confidence": 0.8}'])
    refined = await refine_with_llm(unsure, "hmm interesting", ollama)
    assert (refined.intent, refined.source) == ("career_advice", "llm")

    local = _client("local", ['{"intent": "career_advice", "confidence": 0.8}'])
    assert not llm_capable(local)
    assert await refine_with_llm(unsure, "x", local) == unsure
    assert local.backend.calls == []  # type: ignore[attr-defined]

    sure = classify("review my resume please", ctx)
    assert await refine_with_llm(sure, "x", ollama) == sure


async def test_llm_failure_or_invented_profile_update_keeps_the_rules(
    ctx: ConversationContext,
) -> None:
    from careermate_bot.llm.errors import EngineUnreachable

    unsure = classify("hmm interesting, tell me more about that thing", ctx)
    down = _client("ollama", [EngineUnreachable("down")])
    assert await refine_with_llm(unsure, "x", down) == unsure
    invent = _client("openai", ['{"intent": "profile_update", "confidence": 0.9}'])
    assert (await refine_with_llm(unsure, "x", invent)).intent == unsure.intent


@pytest.mark.parametrize(
    ("first", "follow", "intent", "slot", "value"),
    [
        ("find me python jobs in Austin", "any in Houston?", "job_search", "location", "Houston"),
        ("how much do electricians make", "in texas?", "pay", "location", "texas"),
        ("how much do electricians make", "what about plumbers", "pay", "role", "Plumber"),
        (
            "what do I need to become a data engineer?",
            "and a data scientist?",
            "how_to_become",
            "role",
            "Data Scientist",
        ),
        (
            "what skills am I missing for a data engineer role?",
            "and for a data scientist?",
            "career_advice",
            "role",
            "Data Scientist",
        ),
    ],
)
def test_follow_ups(
    ctx: ConversationContext, first: str, follow: str, intent: str, slot: str, value: str
) -> None:
    earlier = classify(first, ctx)
    ctx.last_intent, ctx.last_slots = earlier.intent, earlier.slots
    result = classify(follow, ctx)
    assert (result.intent, getattr(result.slots, slot)) == (intent, value)


@pytest.mark.parametrize(
    "text",
    [
        "my manager doesn't appreciate me",
        "I can't get along with my boss",
        "how do I deal with a difficult coworker?",
        "I feel undervalued at work",
    ],
)
def test_friction_at_work_is_a_request_for_advice_not_thanks_or_chit_chat(
    ctx: ConversationContext, text: str
) -> None:
    assert classify(text, ctx).intent == "advice"


@pytest.mark.parametrize(
    "text", ["I appreciate it", "appreciate you!", "really appreciate the help", "much appreciated"]
)
def test_appreciation_is_still_thanks(ctx: ConversationContext, text: str) -> None:
    assert classify(text, ctx).intent == "small_talk"


@pytest.mark.parametrize(
    "text", ["I was in the navy for 8 years, now what", "how do I translate my MOS"]
)
def test_military_service_with_an_ask_is_advice(ctx: ConversationContext, text: str) -> None:
    assert classify(text, ctx).intent == "advice"


@pytest.mark.parametrize(
    "text", ["I love my job but the pay is bad", "I'm underpaid", "my salary is too low"]
)
def test_being_paid_too_little_is_advice_not_a_pay_figure(
    ctx: ConversationContext, text: str
) -> None:
    assert classify(text, ctx).intent == "advice"


def test_asking_whether_a_figure_is_underpaid_is_still_pay(ctx: ConversationContext) -> None:
    assert classify("am I underpaid at 140k as a data analyst?", ctx).intent == "pay"
