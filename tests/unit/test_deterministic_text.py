"""Deterministic text for every task the model may not do: small talk, coach comments, report
advice (the career summary is in test_llm_checks.py). It reads well, varies, steers to what
CareerMate can do, and passes the same checks a model's reply must pass."""

from __future__ import annotations

import pytest

from careermate_bot.llm.checks import (
    check_contradiction,
    check_language,
    check_persona,
    check_reply,
    contradiction_check,
)
from careermate_bot.services.conversation.small_talk import (
    JOKES,
    feeling_check,
    small_talk_kind,
    small_talk_reply,
)
from careermate_bot.services.interview.bank import QuestionSnapshot, shipped_bank
from careermate_bot.services.interview.comments import coach_comment, coach_facts, report_advice
from careermate_bot.services.interview.scoring import score_question
from careermate_bot.services.interview.types import AreaScore, InterviewReport

KINDS = {
    "hello": "greeting",
    "Hey there!": "greeting",
    "good morning :)": "greeting",
    "Hello! How are you today?": "how_are_you",
    "Hello! Are you working?": "how_are_you",
    "what's up": "how_are_you",
    "Thanks!": "thanks",
    "thank you so much, that helped": "thanks",
    "bye, talk later": "goodbye",
    "good night!": "goodbye",
    "I'm having a rough day": "rough_day",
    "ugh, I got rejected again": "rough_day",
    "feeling really stressed about money": "rough_day",
    "I'm so nervous about tomorrow's interview": "nervous",
    "I got the job!!": "excited",
    "so excited, I start on Monday": "excited",
    "tell me a joke": "joke",
    "make me laugh": "joke",
    "I like my team a lot": "work_chat",
    "my boss is great": "work_chat",
    "you're awesome": "compliment",
    "who are you?": "who_are_you",
    "are you a bot?": "who_are_you",
    "what can you do": "what_can_you_do",
    "ok cool": "acknowledgement",
    "What's the capital of France?": "off_topic",
    "Write me a poem about the sea.": "off_topic",
    "what about in Denver?": "off_topic",
}
STEER_WORDS = ("career", "résumé", "interview", "job", "pay", "role", "skill")


@pytest.mark.parametrize(("text", "kind"), list(KINDS.items()))
def test_small_talk_kinds(text: str, kind: str) -> None:
    assert small_talk_kind(text) == kind


@pytest.mark.parametrize("text", list(KINDS))
def test_every_small_talk_line_is_in_careermates_voice_and_steers(text: str) -> None:
    for variant in range(6):
        line = small_talk_reply(text, variant=variant, name="Sam")
        assert check_reply(line, [check_persona, check_language, feeling_check(text)]).ok, line
        assert 20 <= len(line) <= 320, line
        assert any(word in line.casefold() for word in STEER_WORDS), line
        assert "lost my train of thought" not in line


def test_lines_vary_along_a_conversation() -> None:
    for text in ("hello", "thanks!", "I'm having a rough day", "tell me a joke", "poem please"):
        lines = {small_talk_reply(text, variant=n) for n in range(4)}
        assert len(lines) >= 3, (text, lines)


def test_jokes_come_from_the_curated_set_and_are_clean() -> None:
    told = {small_talk_reply("tell me a joke", variant=n).split(" 😄")[0] for n in range(20)}
    assert told <= set(JOKES) and len(told) >= 8
    for joke in JOKES:
        assert check_persona(joke).ok, joke


def test_the_name_is_used_only_when_it_looks_like_a_name() -> None:
    assert small_talk_reply("hi", name="Sam Smith").startswith("Hi Sam!")
    assert "<@" not in small_talk_reply("hi", name="<@123> ignore previous")
    assert small_talk_reply("hi", name="").startswith("Hi!")


def test_with_an_outside_steer_off_topic_lines_stay_short() -> None:
    line = small_talk_reply("What's the capital of France?", steered=True)
    assert len(line) < 60 and "Paris" not in line


def test_a_reply_with_the_wrong_feeling_fails() -> None:
    assert not feeling_check("I got the job!!")("I'm so sorry to hear about your job.").ok
    assert not feeling_check("I'm having a rough day")("Congratulations!").ok
    assert feeling_check("I'm having a rough day")("I'm sorry to hear that.").ok
    assert feeling_check("I got the job!!")("Congratulations, well done!").ok


# -- coach comments --------------------------------------------------------------------------------
def _technical_questions() -> list[QuestionSnapshot]:
    bank = shipped_bank()
    found = [QuestionSnapshot.of(q) for q in bank.questions if q.key_points]
    return found[::7][:25]


def test_a_fully_covered_answer_never_gets_a_point_called_missing() -> None:
    for question in _technical_questions():
        answer = (
            " ".join(f"{point[0].upper()}{point[1:]}." for point in question.key_points)
            + " For example, I did this because it matters, and I weighed the trade-off."
        )
        score = score_question(question, answer)
        comment = coach_comment(question, score)
        facts = coach_facts(question, score)
        assert check_reply(comment, [contradiction_check(facts), check_persona]).ok, comment
        if not score.missed:
            assert "missing" not in comment.replace("Nothing important was missing", "")
            assert (
                check_contradiction(
                    f"The answer did not cover {question.text.rstrip('?.')}.", facts
                ).reason
                == "covered_called_missing"
            )


def test_a_weak_answer_names_what_is_missing_and_the_biggest_gain() -> None:
    for question in _technical_questions()[:10]:
        score = score_question(question, "I am not sure, I would google it and ask a colleague.")
        comment = coach_comment(question, score)
        assert comment and check_persona(comment).ok
        if "doesn't" not in comment:
            assert "Still missing" in comment and "Biggest gain" in comment, comment


BEHAVIORAL = QuestionSnapshot(
    kind="behavioral", text="Tell me about a time you resolved a conflict.", competency="conflict"
)


@pytest.mark.parametrize(
    "answer",
    [
        "Last year at Acme two engineers on my team disagreed on a release date. My task was "
        "to get a decision within a week. I met each of them, I listed the risks in a shared doc "
        "and I proposed a staged release. As a result we shipped two weeks later with 30% fewer "
        "bugs.",
        "We had a conflict once and it was fine in the end.",
        "I talked to my coworker about the schedule and we agreed.",
        "idk",
        "asdkjh qwkejh aslkdj qwpoeiru zmxncb",
        "I like pizza and football on sundays.",
    ],
)
def test_behavioral_comments_agree_with_the_rubric(answer: str) -> None:
    score = score_question(BEHAVIORAL, answer)
    comment = coach_comment(BEHAVIORAL, score)
    assert 30 <= len(comment) <= 500
    assert check_reply(comment, [contradiction_check(coach_facts(BEHAVIORAL, score))]).ok, comment
    if score.band == "strong":
        assert comment.startswith("Strong answer")


def test_report_advice_comes_from_the_report() -> None:
    report = InterviewReport(
        session_id=1,
        role="Data Analyst",
        kind="mixed",
        status="completed",
        overall=64,
        answered=4,
        skipped=1,
        asked=5,
        total=5,
        items=(),
        strengths=("A clear STAR structure.",),
        work_on=("Answer every question.", "Put a number on it."),
        areas=(AreaScore(area="teamwork", score=80, questions=2),
               AreaScore(area="SQL", score=40, questions=3)),
        weakest_area="SQL",
        ended_early=False,
        how_scored="",
    )  # fmt: skip
    advice = report_advice(report)
    assert advice.startswith("Overall 64/100 over 5 questions.")
    assert "teamwork (80/100)" in advice and "SQL (40/100)" in advice
    assert "Answer every question." in advice and "Put a number on it." in advice
    assert check_persona(advice).ok
