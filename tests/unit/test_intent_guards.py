"""The main ask of long messages, the issue's misroutes, pasted résumés and the DM interview
guard (typed commands and answer-likeness)."""

from __future__ import annotations

from typing import Any

import pytest

from careermate_bot.services.conversation.intents import (
    ANSWER_AT,
    ConversationContext,
    answer_likeness,
    classify,
    interview_command,
    looks_like_resume,
)
from tests.seed_messages import SEED_JOBS, SEED_PATHS

RESUME = """Sam Rivera
Austin, TX | sam.rivera@example.com | (512) 555-0199

PROFESSIONAL SUMMARY
Customer support lead with six years of experience in SaaS help desks and team training.

EXPERIENCE
Support Team Lead, Brightdesk Software, Austin TX (Jan 2021 - Present)
- Lead a team of 7 agents handling 1,200 tickets a month at a 94% satisfaction score
- Wrote the onboarding guide and trained 15 new hires
- Built Zendesk macros that cut first-response time by 30%

Support Specialist, CloudCart Inc., Round Rock TX (Jun 2018 - Dec 2020)
- Answered phone, chat and email requests for merchants
- Escalated billing bugs to engineering with clear reproduction steps

EDUCATION
B.A. Communication, Texas State University, 2018

SKILLS
Zendesk, Salesforce, SQL basics, Excel, coaching, technical writing, conflict resolution
"""


@pytest.fixture
def ctx(career_kb: Any) -> ConversationContext:
    return ConversationContext(knowledge=career_kb)


# -- long messages: facts saved, the question answered --------------------------------------------
def test_seed_career_analysis_message(ctx: ConversationContext) -> None:
    result = classify(SEED_PATHS, ctx)
    assert result.intent == "career_advice"
    assert result.secondary == "profile_update"
    facts = result.facts
    assert facts.skills == ("Python", "JavaScript")  # ML and data science are interests
    assert "Machine learning" in facts.topic_skills
    assert facts.experience_years == 3
    assert facts.location == "San Francisco"
    assert facts.remote is True
    assert (facts.role, facts.role_kind) == ("Software Developer", "current")


def test_seed_job_matching_message(ctx: ConversationContext) -> None:
    result = classify(SEED_JOBS, ctx)
    assert result.intent == "job_search"
    assert result.secondary == "profile_update"
    assert result.facts.min_salary == 120_000
    assert result.facts.remote is True
    assert result.facts.experience_years == 4
    assert result.facts.location == "Denver"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Hello. I've been a pharmacy tech in Tucson for five years and I don't want to work "
            "nights anymore. I'm good with people and with Excel. How much do medical "
            "coders make around here?",
            "pay",
        ),
        (
            "Quick one: I'm a line cook, 4 years, I live in Portland and I'm so done with "
            "restaurants. I'd like weekends off. Can you find me jobs that fit?",
            "job_search",
        ),
        (
            "I have a BS in chemistry and I've worked in a lab for two years, but I want to "
            "get into data analysis. How do I become a data analyst?",
            "how_to_become",
        ),
        (
            "I'm an accountant in Chicago with 9 years of experience. They offered me 95k for "
            "a senior role at another firm. How should I negotiate?",
            "advice",
        ),
    ],
)
def test_long_multi_intent_messages(ctx: ConversationContext, text: str, intent: str) -> None:
    result = classify(text, ctx)
    assert result.intent == intent
    assert result.secondary == "profile_update"


# -- the misroutes the issue lists -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I got laid off today", "advice"),
        ("applied to 200 jobs and heard nothing back, what am I doing wrong", "advice"),
        ("tell me a joke, I need cheering up after another rejection", "small_talk"),
        ("can you write me a cover letter", "advice"),
        ("how do I negotiate, they offered 65k", "advice"),
        ("PMP or CAPM?", "compare"),
        ("how do I explain leaving teaching in an interview?", "advice"),
        ("I just finished a nursing degree", "profile_update"),
        ("I'm burned out, should I quit?", "advice"),
        ("How do I become a registered nurse?", "how_to_become"),
        ("What's the difference between a data analyst and a data scientist?", "compare"),
        ("what does a data engineer do?", "role_info"),
        ("Is a coding bootcamp worth it?", "advice"),
        ("How long should my resume be?", "advice"),
        ("How do I write a good cover letter?", "advice"),
        ("forget that I said I live in Boston", "forget"),
        ("I'm a software developer", "profile_update"),
    ],
)
def test_issue_messages(ctx: ConversationContext, text: str, intent: str) -> None:
    assert classify(text, ctx).intent == intent


def test_what_about_denver_after_a_pay_answer(ctx: ConversationContext) -> None:
    first = classify("how much do registered nurses make in Boston?", ctx)
    assert first.intent == "pay" and first.slots.pay_question
    ctx.last_intent, ctx.last_slots = first.intent, first.slots
    follow = classify("what about in Denver?", ctx)
    assert (follow.intent, follow.slots.location) == ("pay", "Denver")
    assert follow.slots.role == "Registered Nurse"


# -- pasted résumés -------------------------------------------------------------------------------
def test_a_pasted_resume_is_a_review(ctx: ConversationContext) -> None:
    assert looks_like_resume(RESUME)
    result = classify(RESUME, ctx)
    assert result.intent == "resume_review"
    assert not result.updates_profile  # nothing stored without consent


def test_a_one_line_resume_counts(ctx: ConversationContext) -> None:
    flat = " ".join(RESUME.split())
    assert looks_like_resume(flat)


@pytest.mark.parametrize(
    "text",
    [
        # A long story about a career, with no sections: a message, not a résumé.
        "So here's where I am. I worked in retail for eight years, first as a cashier and then "
        "as a shift supervisor from 2016 to 2024, and I liked the people part but hated the "
        "hours. Last year I started teaching myself Excel and a bit of SQL in the evenings, and "
        "I got pretty into it. I live in Tucson and I can't relocate because of my family. I'm "
        "34 and I'm worried it's too late to start over in something like data analysis, and I "
        "don't know if I should do a bootcamp or a community college certificate or just keep "
        "learning on my own. My education is a high school diploma and my skills are mostly "
        "people skills. What would you do in my shoes, honestly? I really want a plan.",
        RESUME.split("EDUCATION")[0][:300],  # a résumé's first lines: too short to be one
    ],
)
def test_not_a_resume(text: str) -> None:
    assert not looks_like_resume(text)


# -- the interview guard --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("hint", "hint"),
        ("can I get a hint?", "hint"),
        ("skip", "skip"),
        ("skip this one please", "skip"),
        ("next", "next"),
        ("next question", "next"),
        ("end", "end"),
        ("stop", "end"),
        ("leave", "end"),
        ("end the interview", "end"),
        ("I'm done", "end"),
        ("pause", "pause"),
        ("pause the interview", "pause"),
        ("/skip", "skip"),
        ("Skip!", "skip"),
    ],
)
def test_interview_commands(text: str, command: str) -> None:
    assert interview_command(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "I would skip the meeting and call the client directly",
        "the next step was to rebuild the pipeline",
        "how do I end a cover letter?",
        "I stopped working there in 2020",
        "",
    ],
)
def test_not_interview_commands(text: str) -> None:
    assert interview_command(text) is None


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Tell me about a time you handled a difficult customer.",
            "A customer was angry about a double charge, so I apologised, refunded it on the "
            "spot and followed up the next day; she became one of our regulars.",
        ),
        ("Are you willing to relocate?", "yes, I'd move for the right role"),
        ("What are your salary expectations?", "somewhere around 85k, depending on benefits"),
        (
            "Why do you want this job?",
            "Because I love building reports that people actually use and your team does that.",
        ),
        ("What is your greatest weakness?", "I over-prepare for meetings, so now I timebox it."),
    ],
)
def test_answers_read_as_answers(question: str, answer: str) -> None:
    assert answer_likeness(answer, question) >= ANSWER_AT


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "Tell me about a time you led a team.",
            "my resume is all teaching stuff, how do I make it look good",
        ),
        ("What motivates you?", "I prefer hybrid work and I need at least 80k"),
        ("Why should we hire you?", "wait, how much do data analysts make in Denver?"),
        ("Describe a conflict with a coworker.", "lol this is hard"),
        ("Tell me about a time you failed.", "can you find me remote jobs instead"),
        ("What is your biggest strength?", "skip"),
    ],
)
def test_non_answers_do_not(question: str, message: str) -> None:
    assert answer_likeness(message, question) < ANSWER_AT


def test_an_open_interview_keeps_other_messages_their_own_intent(ctx: ConversationContext) -> None:
    ctx.interview_question = "Tell me about a time you led a team."
    answer = classify(
        "When our manager left I ran the weekly stand-ups for two months and we shipped on time.",
        ctx,
    )
    assert answer.intent == "interview_answer"
    assert not answer.updates_profile  # an answer is not a profile update
    assert classify("how much do nurses make in Ohio?", ctx).intent == "pay"
    assert classify("I prefer hybrid and I need at least 90k", ctx).intent == "profile_update"
    assert classify("skip", ctx).intent == "interview_practice"


def test_interview_answer_needs_an_open_question(ctx: ConversationContext) -> None:
    text = "When our manager left I ran the weekly stand-ups for two months."
    assert classify(text, ctx).intent != "interview_answer"
