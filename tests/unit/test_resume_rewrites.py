"""LLM rewrites of weak bullets (fake model): facts only, placeholders, invented figures dropped."""

from __future__ import annotations

import pytest

from careermate_bot.llm import EngineUnreachable, LLMError
from careermate_bot.llm.fake import fake_client
from careermate_bot.services.resume.rewrites import check_rewrite, stream_rewrites
from tests import resume_samples as S

BULLETS = (
    "Responsible for stocking shelves and helping customers.",
    "Duties included cash register and cleaning.",
)


async def test_rewrites_arrive_one_per_bullet() -> None:
    llm = fake_client(
        [
            "Stocked shelves and helped [N] customers a shift find what they needed.",
            "Rewritten: Ran the cash register and kept the store clean.",
        ]
    )
    got = [r async for r in stream_rewrites(llm, BULLETS, S.WEAK, user_id=1)]
    assert [r.original for r in got] == list(BULLETS)
    assert got[0].text == "Stocked shelves and helped [N] customers a shift find what they needed."
    assert got[1].text == "Ran the cash register and kept the store clean."
    prompt = llm.backend.calls[0].messages  # type: ignore[attr-defined]
    assert prompt[0]["role"] == "system" and BULLETS[0] in prompt[1]["content"]


@pytest.mark.parametrize(
    ("reply", "kept"),
    [
        ("Stocked shelves for [X] customers daily, cutting restock time by [X%].", True),
        ("Stocked shelves, raising sales by 40%.", False),  # 40 is not in the résumé
        ("I stocked shelves and helped customers every day.", False),  # first person
        ("Responsible for stocking shelves and helping customers.", False),  # no change
        ("Stocked.", False),  # too short
        ("", False),
    ],
)
def test_figure_and_quality_check(reply: str, kept: bool) -> None:
    assert bool(check_rewrite(reply, BULLETS[0], S.WEAK)) is kept


def test_numbers_from_the_resume_are_allowed() -> None:
    text = "Worked the register at QuickMart from 2019 to 2021 with no shortages."
    assert check_rewrite(text, BULLETS[1], S.WEAK) == text


async def test_model_down_raises_a_typed_error() -> None:
    llm = fake_client([EngineUnreachable("down", fix="start it")])
    with pytest.raises(LLMError):
        async for _ in stream_rewrites(llm, BULLETS, S.WEAK, user_id=1):
            pass
