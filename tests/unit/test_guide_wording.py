"""Words for guide answers (services/guide/wording.py, `GuideService.worded`): a capable scripted
model's opening replaces the lead and every section stays the entry's own; a changed figure drops
its sentence, and a lost lead figure, a persona slip, an off-topic or empty opening, an LLM error
or a model without the capability keep the entry's lead. The bad model fails the evaluation."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from careermate_bot.cli.model_eval import GUIDE_CASES, bad_model_client, run_evaluation
from careermate_bot.config import build_settings
from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.guide import Guide
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.checks import PASS
from careermate_bot.llm.errors import Busy, EngineUnreachable, LLMTimeout
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.services.container import AppServices
from careermate_bot.services.guide import (
    AnswerSection,
    GuideAnswer,
    GuideProfile,
    GuideService,
    ResumeFacts,
    wording,
)
from careermate_bot.services.guide.types import TOTAL_LIMIT, WORDED_NOTE
from models import MessageSource
from prompts import CATALOGUE

QUESTION = "They offered me 70k for a data analyst job in Chicago. How do I negotiate?"
ANA = GuideProfile(
    name="Ana Ruiz",
    skills=("SQL", "Excel", "Tableau"),
    locations=("Chicago",),
    target_roles=("data analyst",),
    experience_years=3,
    resume_summary=ResumeFacts(score=64, words=820),
)
# What a capable model writes for the negotiation answer: its figures are the answer's own.
NEGOTIATION = (
    "A $70,000 offer for a data analyst job in Chicago sits below the 10th percentile "
    "($70,740), while the median there is $107,640, so you have real room to negotiate. "
    "Thank them, take a day, then come back with one specific number backed by the market "
    "data. The steps below walk you through it."
)
CHANGED = "The median for the role in Chicago is $110,000, far above the offer you got."
NURSE = (
    "To become a registered nurse you'll finish an approved nursing program and pass the "
    "NCLEX-RN for your state licence. Most nurses hold a bachelor's degree, and it takes "
    "considerable preparation (job zone 4). Here is the path, step by step."
)


@pytest.fixture(scope="module")
def guide(career_kb: KnowledgeBase) -> Guide:
    return Guide.load()


def service_with(
    kb: KnowledgeBase, guide: Guide, backend: FakeBackend, caps: Capabilities | None = None
) -> GuideService:
    return GuideService(
        kb, guide, llm=fake_client(backend), capabilities=caps or Capabilities.everything()
    )


def negotiation(service: GuideService) -> GuideAnswer:
    answer = service.answer(QUESTION, ANA)
    assert answer.ids == ("salary-negotiation",) and "$70,000" in answer.to_text()
    return answer


async def test_an_opening_that_keeps_the_figures_replaces_the_lead_and_nothing_else(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    backend = FakeBackend([NEGOTIATION])
    service = service_with(career_kb, guide, backend)
    answer = negotiation(service)
    worded = await service.worded(answer, user_id=7)
    assert worded.worded and worded.lead == NEGOTIATION
    assert worded.sections == answer.sections  # every step, verbatim
    assert worded.facts == answer.facts and worded.actions == answer.actions
    assert WORDED_NOTE in worded.footer and answer.source in worded.footer
    assert WORDED_NOTE in worded.to_text() and worded.fits_embed()
    (call,) = backend.calls
    system, user = call.messages
    assert "career guide" in system["content"]
    # The model saw the offer, the BLS figures and the steps' names, not the person's name.
    assert "$70,000" in user["content"] and "$107,640" in user["content"]
    assert "Know the market number first" in user["content"]
    assert "Ruiz" not in user["content"]


async def test_a_sentence_with_a_changed_figure_is_dropped(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    service = service_with(career_kb, guide, FakeBackend([f"{NEGOTIATION} {CHANGED}"]))
    worded = await service.worded(negotiation(service), user_id=7)
    assert worded.worded and worded.lead == NEGOTIATION
    assert "$110,000" not in worded.lead
    # "70k" is a changed figure too ($70,000 in the facts): only its sentence goes.
    service = service_with(career_kb, guide, FakeBackend([f"A 70k offer is low. {NEGOTIATION}"]))
    worded = await service.worded(negotiation(service), user_id=7)
    assert worded.worded and worded.lead == NEGOTIATION


async def test_when_the_lead_loses_a_figure_or_the_topic_the_entry_lead_stays(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    answer = GuideService(career_kb, guide).how_to_become("registered nurse")
    assert "job zone 4" in answer.lead
    for reply in (
        NURSE.replace("job zone 4", "job zone 5"),  # 5 is a count grounding lets through
        NURSE.replace(" (job zone 4)", ""),
        "Follow the steps below one at a time and you will get there with some patience.",
        CHANGED,  # its only sentence is dropped: nothing usable is left
    ):
        backend = FakeBackend([reply])
        service = service_with(career_kb, guide, backend)
        assert await service.worded(answer, user_id=7) == answer, reply
        assert len(backend.calls) == 1
    service = service_with(career_kb, guide, FakeBackend([NURSE]))
    worded = await service.worded(answer, user_id=7)
    assert worded.lead == NURSE and worded.sections == answer.sections


async def test_a_persona_slip_keeps_the_entry_lead(career_kb: KnowledgeBase, guide: Guide) -> None:
    for bad in (
        f"{NEGOTIATION} When I was a data analyst, my boss offered me $70,000 too.",
        f"I'm looking for a data analyst job myself. {NEGOTIATION}",
        f"{NEGOTIATION}\nBest regards,\nAna",
    ):
        service = service_with(career_kb, guide, FakeBackend([bad]))
        answer = negotiation(service)
        assert await service.worded(answer, user_id=7) == answer, bad


# What SmolLM2-135M wrote for the evaluation's cases (the nurse, the actuary, data analyst vs
# data scientist, PMP vs CAPM): each is refused, for the reason in the comment.
SEEN_FROM_A_TINY_MODEL = (
    (  # the facts' labels recited
        ("pmp", "capm"),
        "PMP vs CAPM: The guide's own opening.\n- Certified Associate in Project Management "
        "(CAPM): eligibility: A high school diploma, a second degree; 1 year of project "
        "management education; no experience required.",
    ),
    (  # a role and a past of its own
        ("data-analyst", "data-scientist"),
        "I'm excited to share a story about how my career coach, CareerMate, has helped someone "
        "like you. I'm a Data Analyst and a CareerMate, and we've been working together to help "
        "you find your path as a Data Scientist.",
    ),
    (  # about actuaries in general, nothing from the entry
        ("actuary",),
        '"In 2015, the United States was a place where people could make their dreams come '
        "true. And it is today. In fact, there are millions of people around the world who work "
        'to help them achieve their goals. One of those people is an Actuary."',
    ),
)


@pytest.mark.parametrize(("ids", "reply"), SEEN_FROM_A_TINY_MODEL)
async def test_what_a_tiny_model_wrote_keeps_the_entry_lead(
    career_kb: KnowledgeBase, guide: Guide, ids: tuple[str, ...], reply: str
) -> None:
    plain = GuideService(career_kb, guide)
    if ids == ("pmp", "capm"):
        answer = plain.compare_certifications(*ids, ANA)
    elif len(ids) == 2:
        answer = plain.compare_roles(*ids, ANA)
    else:
        answer = plain.role_info(ids[0], ANA)
    service = service_with(career_kb, guide, FakeBackend([reply]))
    assert await service.worded(answer, user_id=7) == answer


def test_a_lead_in_and_list_lines_are_not_the_opening_and_counts_must_be_the_entrys(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    answer = GuideService(career_kb, guide).how_to_become("registered nurse")
    names = wording.subject_names(answer, career_kb, guide)
    reply = f"Here is the opening:\n\n{NURSE}\n- Education: 4 years of college."
    assert wording.judge_opening(reply, answer, names) == (NURSE, PASS)
    invented = f"{NURSE} Most nurses study for 3 years."  # 3: a count grounding alone allows
    assert wording.judge_opening(invented, answer, names)[0] == NURSE


@pytest.mark.parametrize(
    "error",
    [
        EngineUnreachable("connection refused"),
        Busy("queue full"),
        LLMTimeout("no first token", phase="first_token"),
    ],
)
async def test_an_llm_error_keeps_the_entry_lead_and_logs_no_personal_content(
    career_kb: KnowledgeBase,
    guide: Guide,
    error: Exception,
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = service_with(career_kb, guide, FakeBackend([error]))
    answer = negotiation(service)
    with caplog.at_level(logging.INFO, logger="careermate_bot.services.guide"):
        assert await service.worded(answer, user_id=7) == answer
    assert "guide_wording" in caplog.text
    assert "70" not in caplog.text and "Chicago" not in caplog.text


async def test_a_slow_model_is_not_waited_for(
    career_kb: KnowledgeBase, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wording, "WORDING_TIMEOUT", 0.2)
    backend = FakeBackend([FakeReply(NEGOTIATION.split(" "), first_delay=5)])
    service = service_with(career_kb, guide, backend)
    answer = negotiation(service)
    assert await service.worded(answer, user_id=7) == answer
    assert backend.cancelled == 1  # the generation was stopped, not left running


async def test_without_the_capability_the_model_is_not_asked(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    backend = FakeBackend([NEGOTIATION])
    embedded = Capabilities.for_model("local", "SmolLM2-135M-Instruct.Q4_1", data_dir=None)
    assert not embedded.allows("guide_wording")  # its shipped evaluation says no
    for caps in (embedded, Capabilities.nothing()):
        service = service_with(career_kb, guide, backend, caps)
        answer = negotiation(service)
        assert not service.may_word(answer)
        assert await service.worded(answer, user_id=7) == answer
    assert backend.calls == []
    plain = GuideService(career_kb, guide)  # the old constructor: no model, no words
    assert not plain.may_word(negotiation(plain))


async def test_a_clarify_question_is_never_worded(career_kb: KnowledgeBase, guide: Guide) -> None:
    backend = FakeBackend([NEGOTIATION])
    service = service_with(career_kb, guide, backend)
    clarify = service.answer("which one is better", ANA)
    assert clarify.kind == "clarify", clarify
    assert await service.worded(clarify, user_id=7) == clarify and backend.calls == []


async def test_an_opening_never_pushes_a_section_out_of_the_embed(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    sections = tuple(AnswerSection(name=f"Step {n}", value="x " * 490) for n in range(6))
    full = GuideAnswer(
        kind="topic", title="Burnout", lead="When this applies: you are exhausted.",
        sections=sections, source="CareerMate playbook", ids=("burnout",),
    )  # fmt: skip
    assert full.fits_embed() and full.embed_size > TOTAL_LIMIT - 120
    opening = "Burnout is serious and rarely fixes itself. " * 4
    service = service_with(career_kb, guide, FakeBackend([opening]))
    worded = await service.worded(full, user_id=7)
    assert worded.sections == sections and worded.fits_embed()


def test_the_prompt_is_catalogued_and_the_facts_name_the_figures_to_keep(
    career_kb: KnowledgeBase, guide: Guide
) -> None:
    assert "guide_wording" in CATALOGUE
    answer = GuideService(career_kb, guide).how_to_become("registered nurse")
    facts = wording.wording_facts(answer)
    assert "Figures to keep: 4" in facts and answer.lead in facts
    names = wording.subject_names(answer, career_kb, guide)
    assert "Registered Nurse" in names


def test_the_container_gives_the_guide_its_model_and_capabilities(tmp_path: Path) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path)
    assert AppServices(settings).guide.llm is None
    services = AppServices(settings, llm=fake_client(["hi"]))
    guide = services.guide
    assert guide.llm is not None and guide.capabilities is services.capabilities
    assert guide.capabilities.allows("guide_wording")  # a scripted engine may word
    services.capabilities = Capabilities.nothing()
    assert services.guide is guide and not guide.capabilities.allows("guide_wording")
    swapped = fake_client(["hello"])
    services.llm = swapped
    assert guide.llm is swapped


async def test_the_bad_model_fails_the_guide_wording_evaluation(
    career_kb: KnowledgeBase,
) -> None:
    evaluation, records = await run_evaluation(
        bad_model_client(), career_kb, tasks=["guide_wording"]
    )
    result = evaluation.results["guide_wording"]
    assert result.total == len(GUIDE_CASES) == 10 and result.passed == 0 and not result.ok
    reasons = {r.reason.split(":")[0] for r in records}
    assert {"persona", "language", "grounding"} <= reasons


async def test_a_model_that_keeps_the_figures_passes_the_evaluation_case(
    career_kb: KnowledgeBase,
) -> None:
    """The checks are not so strict that a faithful opening fails them."""
    _, records = await run_evaluation(
        fake_client([NEGOTIATION]), career_kb, tasks=["guide_wording"], limit=1
    )
    (record,) = records
    assert record.passed, record.reason
    assert record.shown == NEGOTIATION


async def test_the_terminal_shows_the_same_worded_answer(
    career_kb: KnowledgeBase, tmp_path: Path
) -> None:
    from careermate_bot.cli.render import render_turn
    from careermate_bot.services.conversation import Origin, ShowGuide, Turn

    settings = build_settings(_env_file=None, data_dir=tmp_path)
    services = AppServices(settings, llm=fake_client([NURSE]), knowledge=career_kb)
    answer = services.guide.how_to_become("registered nurse")
    turn = Turn(action=ShowGuide(answer, lead="Good question."), intent="career_advice")
    text = await render_turn(
        services, turn, Origin(user_id=7, display_name=None, source=MessageSource.CLI)
    )
    assert text.startswith("Good question.") and NURSE in text and answer.lead not in text
    assert all(s.name in text for s in answer.sections) and WORDED_NOTE in text
    services.capabilities = Capabilities.nothing()
    text = await render_turn(
        services, turn, Origin(user_id=7, display_name=None, source=MessageSource.CLI)
    )
    assert answer.lead in text and NURSE not in text and WORDED_NOTE not in text
