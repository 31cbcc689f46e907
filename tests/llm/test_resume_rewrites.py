"""Bullet rewrites on the real embedded model: the pipeline runs end to end, and whatever the
small model says, a rewrite that is shown carries no figure the résumé doesn't have."""

from __future__ import annotations

import re

import pytest

from careermate_bot.llm import LLMClient, LLMTimeout
from careermate_bot.services.resume.rewrites import stream_rewrites
from tests import resume_samples as S

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,14}\]")


async def test_real_model_rewrites_are_grounded(local_client: LLMClient) -> None:
    bullets = ("Responsible for stocking shelves and helping customers.",)
    try:
        got = [r async for r in stream_rewrites(local_client, bullets, S.WEAK, user_id=1)]
    except LLMTimeout:  # the UI shows a note then; here it only means a saturated machine
        pytest.skip("the machine is too busy for the real model right now")
    assert [r.original for r in got] == list(bullets)
    allowed = {n.replace(",", "") for n in _NUMBER.findall(S.WEAK)}
    for rewrite in got:
        print(f"\n{rewrite.original!r}\n-> {rewrite.text!r}")
        if rewrite.text:  # a tiny model may produce nothing usable; then a note is shown
            numbers = {
                n.replace(",", "") for n in _NUMBER.findall(_PLACEHOLDER.sub(" ", rewrite.text))
            }
            assert numbers <= allowed
            assert 4 <= len(rewrite.text.split()) <= 40
