"""The per-task evaluation behind `careermate doctor --eval` and `bench/replies.py`.

Each task runs a fixed set of cases through the same prompts, reply hygiene and checks the
services use, with the configured model:

- small_talk: 30 greetings, thanks, feelings, jokes, off-topic requests (chat prompt; persona,
  language and feeling checks, and no figure the message did not have);
- career_summary: 10 skill profiles -> /career result -> summary (entities, persona, figures,
  and it must name the strongest path);
- interview_comment: 10 scored answers -> coach comment (contradiction, persona, figures, and
  it must name a point of the rubric);
- advice_wording: 10 end-of-interview advice facts -> wording (persona, figures, and it must
  name the weakest or strongest area or the first thing to work on);
- resume_rewrite: 10 weak résumé bullets -> rewrite (the résumé service's own rewrite check,
  persona, and it must lead with an action verb and drop "responsible for"-style phrasing);
- intent_fallback: 20 labelled messages -> the model's intent label;
- guide_wording: 10 real career-guide answers (a personalised offer against BLS percentiles,
  how to become a registered nurse, what an actuary does, two roles and two certifications side
  by side, a layoff, no replies, burnout, cover letters, a raise) -> the conversational opening
  (`services/guide/wording.py`: hygiene, persona, English, grounding, every figure of the
  entry's lead kept, the role or topic named).

A case passes when the model's reply comes through every check with something usable left,
ending on a finished sentence (for intents: the right label). `run_evaluation` returns a
`ModelEval` (stored by the caller, see `llm.capability.save_evaluation`) and every case's
record (prompt label, raw output, what a user would see, why it was dropped).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from careermate_bot.knowledge import CareerProfile, KnowledgeBase
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.knowledge.strict import location_label
from careermate_bot.llm import LLMClient, LLMError, LLMMessage, load_prompt, message
from careermate_bot.llm.capability import TASKS, THRESHOLDS, ModelEval, Task, TaskResult
from careermate_bot.llm.checks import (
    ReplyCheck,
    check_persona,
    language_check,
    mentions_any,
    persona_check,
    shared_words,
)
from careermate_bot.llm.grounding import ground
from careermate_bot.llm.hygiene import StreamGuard, guarded, is_usable
from careermate_bot.services.career import summary as career_summary
from careermate_bot.services.career.paths import CareerPaths
from careermate_bot.services.conversation.intents.llm_stage import LLMIntent
from careermate_bot.services.conversation.small_talk import feeling_check
from careermate_bot.services.guide import GuideAnswer, GuideProfile, GuideService, ResumeFacts
from careermate_bot.services.guide import wording as guide_wording
from careermate_bot.services.interview import feedback as interview_feedback
from careermate_bot.services.interview.bank import QuestionSnapshot, shipped_bank
from careermate_bot.services.interview.scoring import score_question
from careermate_bot.services.profile import ProfileSnapshot
from careermate_bot.services.resume import language
from careermate_bot.services.resume.rewrites import (
    REWRITE_MAX_TOKENS,
    REWRITE_TEMPERATURE,
    check_rewrite,
    rewrite_messages,
)

NAME = "Sam"  # the display name every case's person has
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CLOSERS = set(".!?…)]*_:\"'”’`")


@dataclass
class CaseResult:
    """One case: what the model wrote, what a user would see, and the verdict."""

    task: Task
    prompt: str
    raw: str = ""
    shown: str = ""
    passed: bool = False
    reason: str = "ok"  # why it did not pass: a check ("persona:signs_off"), "echo", "empty", ...
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Case:
    task: Task
    prompt: str  # a short label (the user's message, the skills, the question)
    run: Callable[[LLMClient, CaseResult], Awaitable[None]] = field(repr=False)


# -- shared ------------------------------------------------------------------------------------
def finished(text: str) -> bool:
    """Ends on a finished sentence, a closing mark, an emoji or a whole list line."""
    text = text.rstrip()
    if not text:
        return False
    last = text[-1]
    return last in _CLOSERS or unicodedata.category(last) == "So" or text.endswith("\n")


async def _guarded_reply(
    client: LLMClient,
    record: CaseResult,
    messages: list[LLMMessage],
    guard: StreamGuard,
    *,
    max_tokens: int | None = None,
    temperature: float | None = None,
) -> None:
    stream = client.stream(
        messages, user_id=("eval", record.task), max_tokens=max_tokens, temperature=temperature
    )
    shown = [part async for part in guarded(stream, guard)]
    record.raw = guard.raw
    record.shown = "".join(shown).strip()


def _verdict(record: CaseResult, guard: StreamGuard, usable: str) -> None:
    """Pass when something usable is left after every check and it ends properly. A reply
    that hygiene let through but the task's grounding emptied is "ungrounded" (an invented
    figure, too short, or off its task)."""
    streamed, record.shown = record.shown, usable
    if guard.failed:
        record.reason = guard.verdict.label
    elif streamed and not usable:
        record.reason = "ungrounded"
    elif not usable or not is_usable(usable) or len(usable.split()) < 2:
        record.reason = guard.reason or "empty"
    elif not finished(usable):
        record.reason = "unfinished"
    else:
        record.passed = True
        record.reason = "ok"


# -- small talk ----------------------------------------------------------------------------------
SMALL_TALK = (
    "hello",
    "Hello! Are you working?",
    "Hello! How are you today?",
    "Hey there!",
    "Good morning!",
    "hi, who are you?",
    "What can you help me with?",
    "Thanks!",
    "Thanks, that was really helpful!",
    "bye, see you tomorrow",
    "I'm having a rough day",
    "I'm so nervous about my interview tomorrow",
    "I got the job!!",
    "I'm excited, I start my new role on Monday",
    "you're awesome",
    "Tell me a joke",
    "Make me laugh, it's been a long week",
    "What's the capital of France?",
    "Can you give me a recipe for pancakes?",
    "Write me a poem about the sea.",
    "Who will win the next football world cup?",
    "what about in Denver?",
    "how's your day going?",
    "ugh, job hunting is exhausting",
    "are you a bot or a real person?",
    "nice to meet you",
    "ok cool",
    "good night!",
    "I feel like nobody will ever hire me",
    "lol that's funny",
)


def _small_talk_case(prompt: str) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        facts = [f"- The user's name: {NAME}"]
        system = (
            load_prompt("chat_system")
            + "\n\n"
            + load_prompt("profile_summary", facts="\n".join(facts))
        )
        messages = [message("system", system), message("user", prompt)]
        checks = [
            persona_check([NAME, "CareerMate"]),
            language_check(prompt),
            feeling_check(prompt),
        ]
        guard = StreamGuard(
            system_prompt=system, user_text=prompt, facts=facts, checks=checks, task="small_talk"
        )
        await _guarded_reply(client, record, messages, guard)
        _verdict(record, guard, guard.result())
        if record.passed and not set(_NUMBER.findall(record.shown)) <= set(_NUMBER.findall(prompt)):
            # Small talk needs no figures: a number here is invented ("the 2018 World Cup").
            record.passed, record.reason = False, "invented_figure"

    return Case("small_talk", prompt, run)


# -- career summary ------------------------------------------------------------------------------
SUMMARY_PROFILES: tuple[tuple[str, ...], ...] = (
    ("Python", "SQL", "Git", "JavaScript"),
    ("Patient care", "Communication", "Vital signs"),
    ("Microsoft Excel", "Accounting", "Financial reporting"),
    ("Adobe Photoshop", "Figma", "Typography"),
    ("Forklift operation", "Inventory management"),
    ("Teaching", "Curriculum development", "Public speaking"),
    ("SQL", "Tableau", "Statistics"),
    ("Customer service", "Sales", "Cash handling"),
    ("Welding", "Blueprint reading"),
    ("Project management", "Agile", "Stakeholder management"),
)


def career_paths_for(knowledge: KnowledgeBase, skills: Sequence[str]) -> CareerPaths:
    """A /career paths result for these skills (national pay), without a database."""
    known, _ = knowledge.normalize_skills(list(skills))
    result = knowledge.match_careers(CareerProfile(skills=known, experience_years=4), top=5)
    now = datetime.now(UTC)
    profile = ProfileSnapshot(
        discord_id=0,
        display_name=NAME,
        skills=known,
        locations=[],
        remote_ok=None,
        min_salary=None,
        experience_years=4,
        target_roles=[],
        preferences={},
        created_at=now,
        updated_at=now,
    )
    return CareerPaths(
        result=result, profile=profile, location_label=location_label(None), experience_years=4
    )


def _summary_case(knowledge: KnowledgeBase, skills: Sequence[str]) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        paths = career_paths_for(knowledge, skills)
        messages = career_summary.summary_messages(paths, NAME)
        guard = StreamGuard(
            system_prompt=messages[0]["content"],
            facts=[messages[1]["content"]],
            checks=career_summary.summary_checks(paths, knowledge, NAME),
            task="career_summary",
        )
        budget = min(career_summary.SUMMARY_MAX_TOKENS, client.max_tokens)
        await _guarded_reply(
            client,
            record,
            messages,
            guard,
            max_tokens=budget,
            temperature=career_summary.SUMMARY_TEMPERATURE,
        )
        grounded = career_summary.ground_summary(record.shown, paths, NAME, knowledge)
        _verdict(record, guard, grounded)

    return Case("career_summary", ", ".join(skills), run)


# -- interview comments --------------------------------------------------------------------------
_BIAS = (
    "Bias is the error from a model that is too simple, like a linear model on curved data, so "
    "it underfits. Variance is how sensitive the model is to the training data; a deep tree "
    "overfits. More complexity lowers bias but raises variance, so I use cross-validation and "
    "regularization to pick the sweet spot. In a churn model I tuned tree depth with 5-fold CV."
)
_STAR = (
    "Last year at Acme two engineers on my team disagreed on a release date. My task was to get "
    "a decision within a week. I met each of them, I listed the risks in a shared doc and I "
    "proposed a staged release. As a result we shipped two weeks later with 30% fewer bugs."
)
_VAGUE = "We had a conflict once and we talked and it was fine in the end."
_JOIN = (
    "An inner join keeps only rows that match in both tables. A left join keeps every row of "
    "the left table and fills nulls where nothing matches. Duplicate keys multiply rows, so I "
    "check the grain of each table before joining."
)
_CHECKS = "I would look for missing values and duplicates."
INTERVIEW_CASES: tuple[tuple[str, str], ...] = (
    ("Explain the bias-variance trade-off with an example.", _BIAS),
    ("Explain the bias-variance trade-off with an example.", "Bias is when a model underfits."),
    ("Tell me about a time you resolved a conflict in your team.", _STAR),
    ("Tell me about a time you resolved a conflict in your team.", _VAGUE),
    (
        "Explain the difference between an INNER JOIN and a LEFT JOIN, and when a join can "
        "produce more rows than you expected.",
        _JOIN,
    ),
    (
        "Explain the difference between an INNER JOIN and a LEFT JOIN, and when a join can "
        "produce more rows than you expected.",
        "Inner join is the default one.",
    ),
    ("You receive a new dataset for analysis. What do you check before you trust it?", _CHECKS),
    ("Tell me about a time you failed.", _STAR.replace("disagreed on", "missed")),
    ("Tell me about a time you led a project.", _VAGUE),
    (
        "How do you use Git on a team so that changes are reviewed and the main branch stays "
        "working?",
        "We use feature branches and pull requests with code review, and CI runs the tests "
        "before merge. The main branch is protected, and I keep commits small and clear.",
    ),
)


def _question(text: str) -> QuestionSnapshot:
    found = shipped_bank().match(text)
    return found if found is not None else QuestionSnapshot(kind="behavioral", text=text)


def _comment_case(question_text: str, answer: str) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        question = _question(question_text)
        score = score_question(question, answer)
        messages = interview_feedback.feedback_messages(question, score, answer)
        guard = StreamGuard(
            system_prompt=messages[0]["content"],
            user_text=answer,
            facts=[messages[1]["content"]],
            checks=interview_feedback.comment_checks(question, score, answer),
            task="interview_comment",
        )
        budget = min(interview_feedback.FEEDBACK_MAX_TOKENS, client.max_tokens)
        await _guarded_reply(
            client,
            record,
            messages,
            guard,
            max_tokens=budget,
            temperature=interview_feedback.FEEDBACK_TEMPERATURE,
        )
        grounded = interview_feedback.ground_feedback(record.shown, question, score, answer)
        _verdict(record, guard, grounded)

    return Case("interview_comment", f"{question_text[:50]} / {answer[:30]}", run)


# -- advice wording ------------------------------------------------------------------------------
ADVICE_CASES: tuple[tuple[int, int, str, str, tuple[str, ...]], ...] = (
    # overall, questions, strongest area, weakest area, the two things to work on
    (72, 5, "teamwork", "failure", ("Finish with the result: what changed, ideally with a number.",
                                    "Put a number on it: how many people, how much time.")),
    (45, 3, "SQL", "statistics", ("Cover the key points of technical questions.",
                                  "Explain why: a reason, an example, a trade-off you weighed.")),
    (88, 5, "leadership", "conflict", ("Say what you did yourself, not only 'we'.",)),
    (30, 4, "motivation", "problem solving", ("Answer every question.",
                                              "Say more: aim for 80-300 words.")),
    (61, 6, "communication", "data analysis", ("Name the tools and methods you would use.",
                                               "Tie the story to what was asked.")),
    (55, 3, "Python", "machine learning", ("Cover the key points of technical questions.",)),
    (79, 5, "customer focus", "prioritisation", ("Open with the situation in one sentence.",
                                                 "Put a number on it.")),
    (40, 5, "adaptability", "teamwork", ("Say what you had to achieve.",
                                         "Describe the steps you took yourself.")),
    (92, 4, "system design", "debugging", ("Tighten it: aim for 80-300 words.",)),
    (67, 5, "ownership", "conflict", ("Name the specifics: the tool, the team, the customer.",
                                      "Finish with the result.")),
)  # fmt: skip


def advice_facts(overall: int, asked: int, best: str, worst: str, tips: Sequence[str]) -> str:
    lines = [
        f"Overall score: {overall}/100 over {asked} questions",
        f"Strongest area: {best}",
        f"Weakest area: {worst}",
        "Things to work on: " + " ".join(tips),
    ]
    return "\n".join(lines)


def _advice_case(overall: int, asked: int, best: str, worst: str, tips: Sequence[str]) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        facts = advice_facts(overall, asked, best, worst, tips)
        system = load_prompt("report_advice")
        messages = [
            message("system", system),
            message("user", f"Facts:\n{facts}\n\nWrite the advice now."),
        ]
        checks: list[ReplyCheck] = [persona_check([NAME, "CareerMate"]), language_check()]
        guard = StreamGuard(
            system_prompt=system, facts=[facts], checks=checks, task="advice_wording"
        )
        await _guarded_reply(client, record, messages, guard, max_tokens=120, temperature=0.3)
        grounded = ground(record.shown, facts, system)
        _verdict(record, guard, grounded)
        if record.passed and not (
            mentions_any(grounded, [worst, best]) or shared_words(grounded, tips[0]) >= 2
        ):
            record.passed, record.reason = False, "relevance:misses_the_facts"

    return Case("advice_wording", f"{overall}/100, work on {worst}", run)


# -- résumé rewrites -----------------------------------------------------------------------------
RESUME = """\
Jordan Lee
Retail Team Lead, Walmart, 2019-2024
- Responsible for training new cashiers
- Helped with inventory counts every month
- Duties included handling customer complaints
- Worked on the store's holiday display
- In charge of opening the store on weekends
Office Assistant, City Library, 2016-2019
- Answered phones and emails
- Helped organize community events for 200 visitors
- Responsible for the filing system
- Did data entry in Excel
- Assisted patrons with the computers
"""
REWRITE_BULLETS = tuple(
    line.removeprefix("- ") for line in RESUME.splitlines() if line.startswith("- ")
)


def _rewrite_case(bullet: str) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        messages = rewrite_messages(bullet, None)
        reply = await client.chat(
            messages,
            user_id=("eval", "resume_rewrite"),
            max_tokens=min(REWRITE_MAX_TOKENS, client.max_tokens),
            temperature=REWRITE_TEMPERATURE,
            stop=["\n\n"],
        )
        record.raw = reply
        text = check_rewrite(reply, bullet, RESUME, messages[0]["content"])
        record.shown = text
        persona = check_persona(text) if text else None
        if not text:
            record.reason = "rewrite_check"
        elif persona is not None and not persona.ok:
            record.reason = persona.label
        elif not language.starts_with_action(text) or language.weak_phrase(text) is not None:
            record.reason = "still_weak"  # no action verb first, or "responsible for" kept
        else:
            record.passed = True

    return Case("resume_rewrite", bullet, run)


# -- intent fallback -----------------------------------------------------------------------------
INTENT_CASES: tuple[tuple[str, str], ...] = (
    ("heya friend", "small_talk"),
    ("thank u!!", "small_talk"),
    ("ugh my commute was awful today", "small_talk"),
    ("i need some career advice", "career_advice"),
    ("what jobs pay well with only a high school diploma", "career_advice"),
    ("should i do a bootcamp or a CS degree", "career_advice"),
    ("any openings for nurses near Boston?", "job_search"),
    ("find me remote python jobs", "job_search"),
    ("who is hiring data analysts right now", "job_search"),
    ("can you look over my CV", "resume_review"),
    ("is my resume any good?", "resume_review"),
    ("let's practice some interview questions", "interview_practice"),
    ("quiz me like a hiring manager would", "interview_practice"),
    ("I moved to Chicago last month", "profile_update"),
    ("I'm open to remote work", "profile_update"),
    ("what do you know about me?", "privacy"),
    ("delete everything you stored about me", "privacy"),
    ("what commands do you have", "help"),
    ("what's the weather like in Paris", "other"),
    ("write me a poem about cats", "other"),
)


def _intent_case(text: str, expected: str) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        messages = [message("system", load_prompt("intent_classify")), message("user", text)]
        answer = await client.structured(
            messages, LLMIntent, user_id=("eval", "intent_fallback"), max_tokens=60
        )
        record.raw = answer.model_dump_json()
        record.shown = answer.intent
        record.passed = answer.intent == expected
        record.reason = "ok" if record.passed else "wrong_label"

    return Case("intent_fallback", text, run)


# -- guide wording -------------------------------------------------------------------------------
_ANALYST = GuideProfile(
    name=NAME,
    skills=("SQL", "Excel", "Tableau"),
    locations=("Chicago, IL",),
    current_role="marketing coordinator",
    target_roles=("data analyst",),
    experience_years=3,
    resume_summary=ResumeFacts(score=64, words=820, skills=("SQL", "Excel")),
)
_NEWCOMER = GuideProfile(name=NAME, skills=("Customer service",), locations=("Houston, TX",))
GUIDE_CASES: tuple[tuple[str, str, tuple[str, ...], GuideProfile], ...] = (
    # the question, how the guide answers it (a topic id for advice, else the roles or
    # certifications), whose profile
    ("They offered me 70k for a data analyst job in Chicago. How do I negotiate?", "advice",
     ("salary-negotiation",), _ANALYST),
    ("How do I become a registered nurse?", "become", ("registered-nurse",), _NEWCOMER),
    ("What does an actuary do?", "role", ("actuary",), _ANALYST),
    ("Data analyst vs data scientist", "roles", ("data-analyst", "data-scientist"), _ANALYST),
    ("PMP or CAPM?", "certs", ("pmp", "capm"), _ANALYST),
    ("I just got laid off. What should I do first?", "advice", ("layoff",), _ANALYST),
    ("I sent 200 applications and got no replies", "advice", ("no-responses",), _ANALYST),
    ("I'm so burned out at work", "advice", ("burnout",), _NEWCOMER),
    ("How do I write a cover letter?", "advice", ("cover-letter",), _ANALYST),
    ("How do I ask my manager for a raise?", "advice", ("raise",), _ANALYST),
)  # fmt: skip


def guide_answer(
    service: GuideService, question: str, how: str, ids: Sequence[str], profile: GuideProfile
) -> GuideAnswer:
    """The real `GuideService` answer for one of `GUIDE_CASES`."""
    if how == "become":
        return service.how_to_become(ids[0], profile)
    if how == "role":
        return service.role_info(ids[0], profile)
    if how == "roles":
        return service.compare_roles(ids[0], ids[1], profile)
    if how == "certs":
        return service.compare_certifications(ids[0], ids[1], profile)
    return service.advice(question, profile, topic_id=ids[0])


def guide_service(knowledge: KnowledgeBase) -> GuideService:
    """The guide as the bot builds it, without a database (profiles are given per case)."""
    return GuideService(knowledge, Guide.load())


def _guide_case(
    service: GuideService, question: str, how: str, ids: Sequence[str], profile: GuideProfile
) -> Case:
    async def run(client: LLMClient, record: CaseResult) -> None:
        answer = guide_answer(service, question, how, ids, profile)
        guard = guide_wording.wording_guard(answer)
        await _guarded_reply(
            client,
            record,
            guide_wording.wording_messages(answer),
            guard,
            max_tokens=min(guide_wording.WORDING_MAX_TOKENS, client.max_tokens),
            temperature=guide_wording.WORDING_TEMPERATURE,
        )
        names = guide_wording.subject_names(answer, service.knowledge, service.guide)
        streamed = record.shown
        opening, verdict = guide_wording.judge_opening(streamed, answer, names)
        _verdict(record, guard, opening)
        if not guard.failed and not verdict.ok and streamed:
            record.reason = verdict.label  # which check emptied it, rather than "ungrounded"

    return Case("guide_wording", question, run)


# -- running -------------------------------------------------------------------------------------
def evaluation_cases(knowledge: KnowledgeBase, tasks: Sequence[Task] = TASKS) -> list[Case]:
    builders: dict[Task, Callable[[], list[Case]]] = {
        "small_talk": lambda: [_small_talk_case(p) for p in SMALL_TALK],
        "career_summary": lambda: [_summary_case(knowledge, s) for s in SUMMARY_PROFILES],
        "interview_comment": lambda: [_comment_case(q, a) for q, a in INTERVIEW_CASES],
        "advice_wording": lambda: [_advice_case(*c) for c in ADVICE_CASES],
        "resume_rewrite": lambda: [_rewrite_case(b) for b in REWRITE_BULLETS],
        "intent_fallback": lambda: [_intent_case(t, e) for t, e in INTENT_CASES],
        "guide_wording": lambda: _guide_cases(knowledge),
    }
    return [case for task in tasks for case in builders[task]()]


def _guide_cases(knowledge: KnowledgeBase) -> list[Case]:
    service = guide_service(knowledge)
    return [_guide_case(service, *case) for case in GUIDE_CASES]


async def run_case(client: LLMClient, case: Case) -> CaseResult:
    record = CaseResult(task=case.task, prompt=case.prompt)
    started = time.perf_counter()
    try:
        await case.run(client, record)
    except LLMError as error:
        record.passed = False
        record.reason = f"error:{error.kind}"
    record.seconds = time.perf_counter() - started
    return record


def summarize(provider: str, model: str, records: Sequence[CaseResult]) -> ModelEval:
    results: dict[Task, TaskResult] = {}
    for task in dict.fromkeys(r.task for r in records):
        mine = [r for r in records if r.task == task]
        drops = Counter(r.reason for r in mine if not r.passed)
        results[task] = TaskResult(
            task=task,
            passed=sum(r.passed for r in mine),
            total=len(mine),
            threshold=THRESHOLDS[task],
            drops=dict(drops.most_common()),
        )
    return ModelEval.now(provider, model, results)


async def run_evaluation(
    client: LLMClient,
    knowledge: KnowledgeBase,
    *,
    tasks: Sequence[Task] = TASKS,
    limit: int | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
) -> tuple[ModelEval, list[CaseResult]]:
    """Run every case of `tasks` (at most `limit` per task) with `client`, in order."""
    records: list[CaseResult] = []
    per_task: Counter[str] = Counter()
    for case in evaluation_cases(knowledge, tasks):
        if limit is not None and per_task[case.task] >= limit:
            continue
        per_task[case.task] += 1
        record = await run_case(client, case)
        records.append(record)
        if on_case is not None:
            on_case(record)
    return summarize(client.provider, client.model, records), records


# -- a scripted bad model ------------------------------------------------------------------------
# What small models were seen to say (issue 18), per task: speaking as the user, signing,
# offering to meet, claiming a life, inventing interests and roles, contradicting the score.
BAD_REPLIES: dict[Task, tuple[str, ...]] = {
    "small_talk": (
        "Hello! I'm seeking a career counselor.",
        "Thanks for reaching out!\nBest regards, SeekerA",
        "Hey there! I'd love to meet up with you sometime.",
        "I'd be happy to chat with you over Discord! We could grab a coffee.",
        "I'm happy to chat with you in person. What brings you to Denver?",
        "When I was a nurse, my wife and I moved to Denver.",
        "Hello! I'm Sam. I'm looking for a job in marketing.",
        "I'm a real person, and I've been in this industry for years.",
        "Hola, ¿cómo estás? Puedo ayudarte con tu trabajo.",
        "I'm so sorry to hear about your job. Sincerely, CareerMate",
    ),
    "career_summary": (
        "You seem passionate about science, with an interest in atmospheric science and "
        "Physics. A Meteorologist role would suit you.",
        "Sam has been working with the U.S. Bureau of Labor Statistics for years. Sam loves data.",
        "I'm looking for a role like this myself. Best regards, Sam",
        "Your skills fit a Registered Nurse or a Dental Hygienist role perfectly.",
        "When I was a developer, I learned Photoshop and welding. You should too.",
    ),
    "interview_comment": (
        "The answer did not cover the bias-variance trade-off. Next time, explain it.",
        "You did not give any numbers or describe the result. Try again.",
        "Excellent answer, you covered every point perfectly!",
        "This was a weak answer overall. I'm a recruiter myself, so trust me.",
        "You nailed all the key points. Best regards, Sam",
    ),
    "advice_wording": (
        "I'm a hiring manager myself, and in my experience you need more confidence.",
        "Let's grab a coffee and go over your answers together.",
        "Best regards,\nSam",
        "My kids always tell me to practise more, and so should you.",
    ),
    "resume_rewrite": (
        "I am responsible for training new cashiers at my store.",
        "My resume says I helped with inventory counts every month.",
        "Responsible for the filing system.",
    ),
    "intent_fallback": ('{"intent": "other", "confidence": 0.9}',),
    "guide_wording": (
        "I'm looking for a job like this myself, so I know how hard the search can be.",
        "When I was a nurse, my wife and I moved to Chicago for the better pay.",
        "Let's grab a coffee and go over the steps below together, one by one.",
        "Your offer of $75,000 is well above the median of $120,000, so accept it today.",
        "Hola, puedo ayudarte con tu carrera y con los pasos de abajo.",
        "Follow the steps below and you will be fine.\nBest regards,\nSam",
    ),
}
_TASK_MARKERS: tuple[tuple[str, Task], ...] = (
    ("personal summary of someone's career-path results", "career_summary"),
    ("short feedback on one answer", "interview_comment"),
    ("word the advice at the end of a mock interview", "advice_wording"),
    ("résumé editor", "resume_rewrite"),
    ("You sort messages", "intent_fallback"),
    ("opening of an answer from CareerMate's career guide", "guide_wording"),
)


def _bad_task(messages: Sequence[LLMMessage]) -> Task:
    system = messages[0]["content"] if messages else ""
    return next((task for marker, task in _TASK_MARKERS if marker in system), "small_talk")


def bad_model_client() -> LLMClient:
    """An `LLMClient` over a scripted engine that answers every task with `BAD_REPLIES`, in
    turn (provider "fake", model "bad-model")."""
    from careermate_bot.llm.fake import FakeBackend, fake_client
    from careermate_bot.llm.types import GenParams

    turns: Counter[str] = Counter()

    def reply(messages: Sequence[LLMMessage], params: GenParams) -> str:
        task = _bad_task(messages)
        lines = BAD_REPLIES[task]
        turns[task] += 1
        return lines[(turns[task] - 1) % len(lines)]

    return fake_client(FakeBackend([reply], model="bad-model"))


__all__ = [
    "BAD_REPLIES",
    "GUIDE_CASES",
    "Case",
    "CaseResult",
    "bad_model_client",
    "career_paths_for",
    "evaluation_cases",
    "finished",
    "guide_answer",
    "guide_service",
    "run_case",
    "run_evaluation",
    "summarize",
]
