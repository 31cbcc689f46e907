"""Deterministic answer scoring: ordering of candidates, floors for non-answers, explanations."""

from __future__ import annotations

import random
import string

import pytest

from careermate_bot.services.interview import BankIndex, score_answer
from tests.interview_support import (
    CONFLICT_Q,
    GIBBERISH,
    IDK,
    LOREM,
    OFF_TOPIC,
    SQL_FOUR_OF_FIVE,
    SQL_ONE_OF_FIVE,
    SQL_POINTS,
    SQL_Q,
    STRONG_STAR,
    VAGUE,
    tiny_bank,
)


@pytest.fixture(scope="module")
def bank() -> BankIndex:
    return tiny_bank()


def test_strong_star_beats_vague_beats_idk(bank: BankIndex) -> None:
    strong = score_answer(CONFLICT_Q, STRONG_STAR, bank=bank)
    vague = score_answer(CONFLICT_Q, VAGUE, bank=bank)
    idk = score_answer(CONFLICT_Q, IDK, bank=bank)
    assert strong.score >= 80
    assert 10 <= vague.score <= 45
    assert idk.score <= 3 and "non_answer" in idk.flags
    assert strong.score > vague.score > idk.score
    assert {"Situation", "Task", "Action", "Result"} <= set(strong.matched)
    assert "Result" in vague.missed


@pytest.mark.parametrize(
    "answer",
    [
        GIBBERISH,
        LOREM,
        "asdf asdf asdf asdf asdf asdf asdf asdf",
        "qwerty uiop asdfgh jkl zxcvbnm",
        "jfkdls;a jfkdlsa; fjdksla; fjdkslaf jdksla",
        "aaaaaaa bbbbbbb ccccccc ddddddd",
        "12345 678 90",
        "👍👍👍 !!!",
        "Lorem ipsum dolor sit amet, I led a team and we reduced costs by 20%. Lorem ipsum "
        "dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt",
    ],
)
def test_noise_scores_near_zero(bank: BankIndex, answer: str) -> None:
    result = score_answer(CONFLICT_Q, answer, bank=bank)
    assert result.score <= 3, result.how_scored
    assert "gibberish" in result.flags


@pytest.mark.parametrize(
    "answer",
    ["", "   ", "I don't know", "no idea, sorry", "pass", "?", "I can't think of one", "n/a"],
)
def test_non_answers_score_near_zero(bank: BankIndex, answer: str) -> None:
    result = score_answer(CONFLICT_Q, answer, bank=bank)
    assert result.score <= 3
    assert result.flags and result.flags[0] in {"empty", "non_answer"}


def test_off_topic_is_capped(bank: BankIndex) -> None:
    result = score_answer(CONFLICT_Q, OFF_TOPIC, bank=bank)
    assert result.score <= 10 and "off_topic" in result.flags
    assert "Off topic" in result.how_scored


def test_technical_key_points(bank: BankIndex) -> None:
    four = score_answer(SQL_Q, SQL_FOUR_OF_FIVE, "Data Analyst", bank=bank)
    one = score_answer(SQL_Q, SQL_ONE_OF_FIVE, "Data Analyst", bank=bank)
    assert four.kind == one.kind == "technical"
    assert four.score >= 70 and one.score <= 40
    assert four.score > one.score + 30
    assert sum(p in four.matched for p in SQL_POINTS) >= 4
    assert any("index" in m.casefold() for m in (*one.matched, *one.missed))
    assert four.how_scored.startswith("key points")


def test_key_points_match_paraphrases_not_exact_strings(bank: BankIndex) -> None:
    answer = (
        "Look at the execution plans; index the filtering and joining columns; fetch fewer "
        "columns rather than everything; batch the calls instead of looping; keep a cache "
        "in front of hot reads."
    )
    result = score_answer(SQL_Q, answer, bank=bank)
    assert sum(p in result.matched for p in SQL_POINTS) >= 4, result.missed


def test_bank_question_matched_loosely(bank: BankIndex) -> None:
    loose = score_answer("how would you speed up a slow sql query", SQL_FOUR_OF_FIVE, bank=bank)
    assert loose.kind == "technical" and loose.question_id == "t-sql-slow"


def test_free_text_question_is_behavioral_with_inferred_competency(bank: BankIndex) -> None:
    result = score_answer(
        "Tell me about a time you disagreed with your manager.", STRONG_STAR, bank=bank
    )
    assert result.kind == "behavioral" and result.question_id is None
    assert result.competency == "conflict"
    assert result.score >= 75


def test_unseen_domains_rank_sensibly(bank: BankIndex) -> None:
    q = "Describe a situation where you went above and beyond for a patient or customer."
    nurse = (
        "Situation: on a night shift in the cardiac ward, an elderly patient was anxious about "
        "surgery and refused her medication. Task: I had to get her settled before the 6am "
        "pre-op checks. Action: I sat with her for 20 minutes, I explained each step in plain "
        "words, and I called her daughter so she could hear a familiar voice. Result: she took "
        "her medication, slept four hours, and the surgeon started on time; the family thanked "
        "the ward manager in writing."
    )
    teacher = (
        "When I was teaching year 9 maths at Riverside School, one student kept failing tests. "
        "I needed to find out why before the end-of-term exam. I stayed after class twice a "
        "week, I found he could not read the word problems, and I rewrote them with diagrams. "
        "As a result his score went from 35% to 68% and he asked to join the maths club."
    )
    meh = "I always try to help customers and patients because I care about people a lot."
    scores = [score_answer(q, a, bank=bank).score for a in (nurse, teacher, meh)]
    assert scores[0] >= 75 and scores[1] >= 75
    assert scores[2] < 40 < min(scores[:2])


def test_we_only_answer_loses_ownership(bank: BankIndex) -> None:
    we = (
        "We had a disagreement on our team about a project deadline last year. We talked about "
        "it in a meeting, we agreed on a plan together and we delivered the project on time in "
        "the end, which the client liked."
    )
    mine = we.replace("We talked", "I asked for a meeting, I talked").replace(
        "we agreed", "I proposed a plan"
    )
    we_score = score_answer(CONFLICT_Q, we, bank=bank)
    mine_score = score_answer(CONFLICT_Q, mine, bank=bank)
    own = {p.name: p.points for p in we_score.parts}["ownership"]
    assert own == 0 and mine_score.score > we_score.score


def test_explanations_are_present_and_consistent(bank: BankIndex) -> None:
    result = score_answer(CONFLICT_Q, STRONG_STAR, bank=bank)
    assert sum(p.points for p in result.parts) == result.score
    assert result.how_scored.endswith(f"= {result.score}/100")
    for part in result.parts:
        assert f"{part.name} {part.points}/{part.max_points}" in result.how_scored
    vague = score_answer(CONFLICT_Q, VAGUE, bank=bank)
    assert vague.tips and len(vague.tips) == len(set(vague.tips))


def test_scores_are_bounded_and_deterministic(bank: BankIndex) -> None:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + " .,!?%$\n"
    for _ in range(150):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 600)))
        first = score_answer(CONFLICT_Q, text, bank=bank)
        assert 0 <= first.score <= 100
        assert first == score_answer(CONFLICT_Q, text, bank=bank)
    huge = score_answer(SQL_Q, SQL_FOUR_OF_FIVE * 40, bank=bank)
    assert 0 <= huge.score <= 100


def test_works_without_a_bank() -> None:
    result = score_answer(CONFLICT_Q, STRONG_STAR, bank=BankIndex(None))
    assert result.kind == "behavioral" and result.score >= 80


def test_the_shipped_bank_orders_every_question_sensibly() -> None:
    """For every bank question: an answer covering its key points beats one covering a single
    point, a strong STAR story beats a vague one, and neither floor answer scores above 10."""
    from careermate_bot.knowledge.questions import load_question_bank

    bank = load_question_bank()
    index = BankIndex(bank)
    for q in bank:
        if q.kind == "behavioral":
            strong = score_answer(q.text, STRONG_STAR, bank=index).score
            vague = score_answer(q.text, VAGUE, bank=index).score
            assert strong > vague, q.id
            assert strong >= 50, q.id
        else:
            points = q.key_points
            full = " ".join(f"I would {p[0].lower()}{p[1:]} because it matters." for p in points)
            one = f"I would {points[0][0].lower()}{points[0][1:]}."
            full_score = score_answer(q.text, full, bank=index).score
            one_score = score_answer(q.text, one, bank=index).score
            assert full_score >= 65 and full_score > one_score + 15, (q.id, full_score, one_score)
        assert score_answer(q.text, GIBBERISH, bank=index).score <= 3, q.id
        assert score_answer(q.text, IDK, bank=index).score <= 3, q.id


@pytest.mark.parametrize(
    ("question", "strong", "vague"),
    [
        (
            "Tell me about a time you showed leadership.",
            "Last spring our café lost its shift supervisor two weeks before the summer rush. "
            "Nobody was assigned, so I volunteered to organise the rota. I interviewed the six "
            "part-timers about their availability, built a schedule in Google Sheets, and trained "
            "two new hires on the till. We covered every shift in July, overtime dropped by about "
            "30 hours a month, and the owner made me supervisor in August.",
            "I think I am a natural leader. People always listen to me and I like taking charge "
            "of things when they need to be done.",
        ),
        (
            "Describe a situation where you had to deal with an angry customer.",
            "A customer came into the store furious because his laptop repair was three days "
            "late. I listened without interrupting, apologised, and checked the ticket: the part "
            "had been back-ordered. I offered him a loaner laptop, called the supplier to get a "
            "firm date, and texted him updates daily. He picked it up two days later, left a "
            "5-star review, and he still comes to us.",
            "I would stay calm and listen to them and try to help them as much as possible.",
        ),
    ],
)
def test_stories_without_textbook_cues(question: str, strong: str, vague: str) -> None:
    good = score_answer(question, strong, bank=BankIndex(None))
    weak = score_answer(question, vague, bank=BankIndex(None))
    assert good.score >= 70, good.how_scored
    assert weak.score <= 25 and good.score > weak.score + 40
