"""Reply quality of the configured model, per task, and the 30-prompt chat run.

    .venv/bin/python bench/replies.py                      # per task, the configured model
    .venv/bin/python bench/replies.py --json bench/replies_smollm2.json   # + the transcript
    .venv/bin/python bench/replies.py --bad-model          # a scripted bad model: 0 through
    .venv/bin/python bench/replies.py --chat               # the 30 prompts below (ChatService)
    LLM_PROVIDER=local LOCAL_MODEL_PATH=/path/to/model.gguf .venv/bin/python bench/replies.py

Per task (the default): every case of `careermate_bot.cli.model_eval` (the evaluation
`careermate doctor --eval` stores) with the configured model: the usable share after every
check, the drops by reason, what the raw output failed (what the checks caught), and the
time per case. `--json` writes the transcript (raw output and what a user would see, per case)
and the per-task result; `--store` also writes it to DATA_DIR/model_eval.json.
`--bad-model` runs the same cases on a scripted model that speaks as the user, signs, offers to
meet, invents and contradicts: none of that may get through (exit status 1 if it does).

The chat run (`--chat`):

Small talk, career questions, off-topic requests, profile statements and follow-ups (a second
turn in the same conversation), each with a list of topic words. Every reply the user would
see (after reply hygiene) is checked deterministically:

- non-empty: some text, and not the "lost my train of thought" fallback line;
- ends: the model ended its turn by itself, or the visible text ends on a finished sentence;
- no loop, no echo (of the system prompt, the profile facts or the user's words), no words in a
  script the conversation does not use: hygiene run again over the visible text cuts nothing;
- no recital: it does not open by telling itself its role ("You are a career coach, ...");
- on topic: it mentions at least one word of the prompt's topic list.

A reply is usable when it passes all of them. The same checks on the raw model output show
what hygiene saved. Prints the usable share, generation speed and time to first token.
Uses a throwaway SQLite database; the chat history of each conversation is real.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from careermate_bot.cli.model_eval import (
    BAD_REPLIES,
    NAME,
    CaseResult,
    bad_model_client,
    run_evaluation,
)
from careermate_bot.config import build_settings
from careermate_bot.knowledge import get_knowledge_base
from careermate_bot.llm import LLMClient, create_llm_client, load_prompt
from careermate_bot.llm.capability import (
    TASKS,
    ModelEval,
    eval_path,
    known_evaluation,
    save_evaluation,
)
from careermate_bot.llm.checks import check_reply, language_check, persona_check, sentences
from careermate_bot.llm.hygiene import StreamGuard, is_usable
from careermate_bot.llm.types import Done, GenParams, LLMMessage
from careermate_bot.services.conversation.chat import FALLBACK_REPLY, ChatService, profile_facts
from careermate_bot.services.profile import get_or_create
from careermate_bot.storage.database import close_db, init_db

Turn = tuple[str, str, tuple[str, ...]]  # category, prompt, topic words

# One inner list = one conversation (the later turns are follow-ups).
CONVERSATIONS: list[list[Turn]] = [
    [("small talk", "hello", ("hello", "hi", "help", "career", "welcome", "assist"))],
    [("small talk", "How are you today?", ("good", "great", "well", "fine", "help", "thank"))],
    [("small talk", "Thanks, that was helpful!", ("welcome", "glad", "happy", "pleasure", "luck"))],
    [("small talk", "Who are you?", ("careermate", "coach", "career", "assistant", "help"))],
    [("small talk", "What can you help me with?", ("career", "job", "resume", "cv", "interview"))],
    [("small talk", "Good morning!", ("morning", "hello", "hi", "help", "day"))],
    [
        ("career", "How should I prepare for a job interview?",
         ("interview", "research", "question", "practice", "company", "prepar")),
        ("follow-up", "Can you give me an example answer?",
         ("example", "answer", "experience", "team", "project", "situation")),
    ],
    [
        ("career", "What skills do I need to become a data analyst?",
         ("sql", "excel", "python", "statistic", "data", "visuali", "analy")),
        ("follow-up", "Which of those should I learn first?",
         ("sql", "excel", "python", "first", "start", "statistic")),
    ],
    [("career", "How do I write a good resume?",
      ("resume", "cv", "experience", "skill", "achievement", "format"))],
    [("career", "How can I negotiate a higher salary?",
      ("salary", "negotiat", "research", "offer", "market", "worth"))],
    [("career", "Should I write a cover letter for every application?",
      ("cover", "letter", "application", "tailor", "employer"))],
    [("career", "How do I switch careers from teaching to software development?",
      ("coding", "programming", "software", "developer", "skill", "course", "portfolio", "learn"))],
    [("career", "What is the STAR method?", ("situation", "task", "action", "result"))],
    [("career", "How do I use LinkedIn to find a job?",
      ("linkedin", "profile", "network", "connection", "recruiter"))],
    [("career", "What should I do after being laid off?",
      ("job", "network", "resume", "search", "unemploy", "skill", "apply"))],
    [("career", "How can I explain a gap in my resume?",
      ("gap", "honest", "explain", "resume", "skill", "experience"))],
    [("off-topic", "What's the capital of France?", ("paris", "career", "job"))],
    [("off-topic", "Can you give me a recipe for pancakes?",
      ("career", "job", "recipe", "pancake", "flour", "egg"))],
    [("off-topic", "Write me a poem about the sea.", ("sea", "poem", "career", "wave", "ocean"))],
    [("off-topic", "Who will win the next football world cup?",
      ("career", "job", "football", "team", "predict", "sport"))],
    [("off-topic", "What's 17 times 23?", ("391", "career", "job", "math"))],
    [
        ("profile", "I'm a nurse with 5 years of experience.",
         ("nurse", "nursing", "health", "patient", "experience", "care")),
        ("follow-up", "What other jobs could I do with that experience?",
         ("nurs", "health", "care", "medical", "clinical", "patient")),
    ],
    [("profile", "I know Python and SQL and I live in Austin.",
      ("python", "sql", "austin", "data", "develop", "job"))],
    [
        ("profile", "My goal is to become a product manager.",
         ("product", "manag", "goal", "roadmap", "stakeholder")),
        ("follow-up", "How long will that take?",
         ("month", "year", "time", "depend", "product", "week")),
    ],
    [("profile", "I have no work experience yet, I just graduated.",
      ("graduat", "experience", "internship", "entry", "job", "skill"))],
    [("profile", "I'm looking for remote jobs only.", ("remote", "job", "work", "home", "online"))],
]  # fmt: skip

_CLOSERS = set(".!?…)]*_:\"'”’`")


# A paraphrased recital of the system prompt's role line ("You are a career coach, helping...")
# that verbatim echo detection cannot see: the model talks to itself, not to the user.
_RECITAL = re.compile(
    r"^\s*(?:you are|you're)\s+(?:a|an|the|careermate)\b[^.\n]{0,80}"
    r"\b(?:coach|assistant|careermate|bot)\b",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"^\s*(?:[-*•|]|\d+[.)])\s*\S")


def finished(text: str) -> bool:
    """The text ends on a finished sentence (punctuation, a closing mark or an emoji) or a
    whole list item / table row (hygiene only ever stops a reply between pieces)."""
    lines = text.rstrip().splitlines()
    last = lines[-1][-1:] if lines else ""
    if not last:
        return False
    return (
        last in _CLOSERS or unicodedata.category(last) == "So" or bool(_LIST_LINE.match(lines[-1]))
    )


@dataclass
class Call:
    raw: str = ""
    finish: str | None = None
    tokens: int = 0
    ttft: float | None = None
    duration: float = 0.0


@dataclass
class Result:
    category: str
    prompt: str
    reply: str
    raw: str
    finish: str | None
    failed: list[str] = field(default_factory=list)
    raw_failed: list[str] = field(default_factory=list)
    tokens: int = 0
    ttft: float | None = None
    tokens_per_second: float | None = None

    @property
    def usable(self) -> bool:
        return not self.failed


class Recorder:
    """Wraps the engine: records the raw output, finish reason, tokens and timing per call."""

    def __init__(self, backend: object) -> None:
        self.inner = backend
        self.calls: list[Call] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        call = Call()
        self.calls.append(call)
        started = time.perf_counter()
        try:
            async for item in self.inner.stream(messages, params):  # type: ignore[attr-defined]
                if isinstance(item, Done):
                    call.finish = item.finish_reason
                    call.tokens = item.completion_tokens or 0
                else:
                    if call.ttft is None:
                        call.ttft = time.perf_counter() - started
                    call.raw += item
                yield item
        finally:
            call.duration = time.perf_counter() - started
            if not call.tokens and call.raw:  # stopped early by hygiene: count what came out
                llama = getattr(self.inner, "llama", None)
                raw = call.raw.encode()
                call.tokens = len(llama.tokenize(raw, add_bos=False)) if llama else len(raw) // 4


def judge(
    text: str, *, finish: str | None, system: str, user: str, facts: Sequence[str],
    topics: Sequence[str],
) -> list[str]:  # fmt: skip
    """The checks a reply fails (empty list = usable)."""
    failed: list[str] = []
    visible = text.strip()
    if not visible or visible == FALLBACK_REPLY or not is_usable(visible):
        return ["empty"]
    if finish != "stop" and not finished(visible):
        failed.append("unfinished")
    guard = StreamGuard(system_prompt=system, user_text=user, facts=facts)
    guard.feed(visible)
    guard.finish()
    if guard.removed["loop"]:
        failed.append("loop")
    if guard.removed["echo"]:
        failed.append("echo")
    if _RECITAL.match(visible):
        failed.append("recital")
    if guard.removed["foreign"]:
        failed.append("foreign")
    if guard.removed["turn"] or guard.removed["token"]:
        failed.append("tokens")
    lowered = visible.casefold()
    if not any(topic in lowered for topic in topics):
        failed.append("off-topic")
    return failed


async def run(client: LLMClient, show: bool, limit: int | None) -> list[Result]:
    recorder = Recorder(client.backend)
    client.backend = recorder  # type: ignore[assignment]
    service = ChatService(client)
    results: list[Result] = []
    turns = 0
    for number, conversation in enumerate(CONVERSATIONS, 1):
        user_id = 1000 + number
        for category, prompt, topics in conversation:
            if limit is not None and turns >= limit:
                return results
            turns += 1
            profile = await get_or_create(user_id, "Sam")
            system = service.system_prompt(profile)
            facts = profile_facts(profile)
            reply = await service.reply(user_id, "Sam", prompt, "cli")
            call = recorder.calls[-1]
            gen_time = call.duration - (call.ttft or 0)
            speed = (call.tokens - 1) / gen_time if call.tokens > 1 and gen_time > 0 else None
            result = Result(
                category=category,
                prompt=prompt,
                reply=reply.text,
                raw=call.raw,
                finish=call.finish,
                tokens=call.tokens,
                ttft=call.ttft,
                tokens_per_second=speed,
            )
            context = {"system": system, "user": prompt, "facts": facts, "topics": topics}
            result.failed = judge(reply.text, finish=call.finish, **context)  # type: ignore[arg-type]
            result.raw_failed = judge(call.raw, finish=call.finish, **context)  # type: ignore[arg-type]
            results.append(result)
            mark = "ok " if result.usable else "BAD"
            print(
                f"{mark} {category:<10} {prompt[:44]:<44} {call.tokens:>4} tok "
                f"{', '.join(result.failed) or ''}",
                flush=True,
            )
            if show:
                print(f"      raw: {call.raw[:600]!r}\n      shown: {reply.text[:600]!r}")
    return results


def summary(results: list[Result], model: str, elapsed: float) -> dict[str, object]:
    usable = sum(r.usable for r in results)
    raw_usable = sum(not r.raw_failed for r in results)
    speeds = [r.tokens_per_second for r in results if r.tokens_per_second]
    ttfts = [r.ttft for r in results if r.ttft is not None]
    return {
        "model": model,
        "replies": len(results),
        "usable": usable,
        "usable_share": usable / len(results) if results else 0.0,
        "raw_usable": raw_usable,
        "failed_checks": dict(Counter(c for r in results for c in r.failed)),
        "raw_failed_checks": dict(Counter(c for r in results for c in r.raw_failed)),
        "by_category": {
            cat: f"{sum(r.usable for r in results if r.category == cat)}/"
            f"{sum(r.category == cat for r in results)}"
            for cat in dict.fromkeys(r.category for r in results)
        },
        "ended_by_itself": sum(r.finish == "stop" for r in results),
        "tokens_per_second_median": statistics.median(speeds) if speeds else None,
        "ttft_median_s": statistics.median(ttfts) if ttfts else None,
        "ttft_max_s": max(ttfts) if ttfts else None,
        "mean_tokens": statistics.mean(r.tokens for r in results) if results else 0,
        "elapsed_s": elapsed,
    }


def rejudge(path: Path) -> int:
    """Apply the current checks to recorded replies (no model needed) and print the summary."""
    data = json.loads(path.read_text())
    turns = {prompt: topics for conv in CONVERSATIONS for _, prompt, topics in conv}
    results = [Result(**{k: v for k, v in r.items()}) for r in data["results"]]
    facts = ["- The user's name: Sam"]  # what every benchmark profile holds
    system = load_prompt("chat_system") + "\n\n" + load_prompt("profile_summary", facts=facts[0])
    for result in results:
        topics = turns[result.prompt]
        context = {"system": system, "user": result.prompt, "facts": facts, "topics": topics}
        result.failed = judge(result.reply, finish=result.finish, **context)  # type: ignore[arg-type]
        result.raw_failed = judge(result.raw, finish=result.finish, **context)  # type: ignore[arg-type]
    report(summary(results, data["summary"]["model"], data["summary"]["elapsed_s"]))
    return 0


def report(figures: dict[str, object]) -> None:
    print()
    print(f"usable after hygiene: {figures['usable']}/{figures['replies']} "
          f"({figures['usable_share']:.0%}); raw output usable: {figures['raw_usable']}/"
          f"{figures['replies']}")  # fmt: skip
    print(f"failed checks after hygiene: {figures['failed_checks']}")
    print(f"failed checks on raw output: {figures['raw_failed_checks']}")
    print(f"by category: {figures['by_category']}")
    print(f"replies ended by the model itself: {figures['ended_by_itself']}/{figures['replies']}")
    speed, ttft = figures["tokens_per_second_median"], figures["ttft_median_s"]
    print(
        f"generation: {speed:.1f} tok/s (median); time to first token {ttft:.2f} s median, "  # type: ignore[str-format]
        f"{figures['ttft_max_s']:.2f} s max; {figures['mean_tokens']:.0f} tokens per reply on "
        f"average; {figures['elapsed_s']:.0f} s in all"
    )


# -- per task ----------------------------------------------------------------------------------
def raw_failures(record: CaseResult) -> list[str]:
    """The checks the raw output fails as the model wrote it (what the filter had to catch)."""
    if not record.raw or record.task == "intent_fallback":
        return []
    checks = [persona_check([NAME, "CareerMate"]), language_check(record.prompt)]
    return sorted({v.label for v in (check_reply(s, checks) for s in sentences(record.raw))
                   if not v.ok})  # fmt: skip


def violations_through(records: Sequence[CaseResult]) -> list[CaseResult]:
    """Cases whose shown model text still breaks a persona or language check, or repeats a
    line of the bad model's script."""
    bad_lines = {line for replies in BAD_REPLIES.values() for line in replies}
    out = []
    for record in records:
        if not record.passed or record.task == "intent_fallback":
            continue
        checks = [persona_check([NAME, "CareerMate"]), language_check(record.prompt)]
        if not check_reply(record.shown, checks).ok or any(
            sentence in record.shown for line in bad_lines for sentence in sentences(line)
        ):
            out.append(record)
    return out


def report_tasks(evaluation: ModelEval, records: Sequence[CaseResult]) -> None:
    print()
    print(f"model {evaluation.provider}/{evaluation.model}, {len(records)} cases")
    for task, result in evaluation.results.items():
        mine = [r for r in records if r.task == task]
        caught = Counter(label for r in mine for label in raw_failures(r))
        seconds = statistics.median(r.seconds for r in mine) if mine else 0.0
        print(f"  {result.line():<42} usable {result.share:.0%}, threshold "
              f"{result.threshold:.0%}, {seconds:.1f} s per case (median)")  # fmt: skip
        if result.drops:
            print(f"      dropped: {dict(result.drops)}")
        if caught:
            print(f"      raw output failed: {dict(caught)}")
    through = violations_through(records)
    print(f"persona/language violations that reached a user: {len(through)}")


async def run_tasks(args: argparse.Namespace) -> int:
    tasks = [t for t in TASKS if not args.tasks or t in args.tasks.split(",")]
    knowledge = get_knowledge_base()

    def show(record: CaseResult) -> None:
        mark = "ok " if record.passed else "BAD"
        print(f"{mark} {record.task:<18} {record.prompt[:40]:<40} {record.seconds:5.1f}s "
              f"{'' if record.passed else record.reason}", flush=True)  # fmt: skip
        if args.show:
            print(f"      raw: {record.raw[:400]!r}\n      shown: {record.shown[:400]!r}")

    if args.bad_model:
        client = bad_model_client()
    else:
        settings = build_settings()
        client = await create_llm_client(settings)
    started = time.perf_counter()
    try:
        evaluation, records = await run_evaluation(
            client, knowledge, tasks=tasks, limit=args.limit, on_case=show
        )
    finally:
        await client.aclose()
    elapsed = time.perf_counter() - started
    report_tasks(evaluation, records)
    print(f"{elapsed:.0f} s in all")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "evaluation": evaluation.model_dump(mode="json"),
                    "elapsed_s": round(elapsed, 1),
                    "cases": [asdict(r) for r in records],
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )
    if args.store and not args.bad_model:
        data_dir = build_settings().data_dir
        earlier = known_evaluation(evaluation.provider, evaluation.model, data_dir)
        save_evaluation(eval_path(data_dir), evaluation.over(earlier))
    if args.bad_model:
        through = violations_through(records)
        passed = sum(r.passed for r in records if r.task != "intent_fallback")
        print(f"bad model: {passed} replies passed the checks, {len(through)} violations through")
        return 1 if through else 0
    return 0


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every raw and shown reply")
    parser.add_argument("--limit", type=int, default=None, help="only the first N turns / cases")
    parser.add_argument("--json", type=Path, default=None, help="write results as JSON here")
    parser.add_argument("--chat", action="store_true", help="the 30-prompt ChatService run")
    parser.add_argument("--tasks", default="", help="per task: only these (comma-separated)")
    parser.add_argument("--bad-model", action="store_true", help="a scripted bad model")
    parser.add_argument(
        "--store", action="store_true", help="also store the result in DATA_DIR/model_eval.json"
    )
    parser.add_argument(
        "--rejudge", type=Path, default=None, help="judge the replies in this --json file again"
    )
    args = parser.parse_args()
    if args.rejudge:
        return rejudge(args.rejudge)
    if not args.chat:
        return await run_tasks(args)
    with tempfile.TemporaryDirectory() as tmp:
        settings = build_settings(data_dir=Path(tmp), log_dir=Path(tmp) / "logs", database_url="")
        await init_db(settings)
        client = await create_llm_client(settings)
        model = f"{client.provider}:{client.model}"
        print(
            f"model {model}; temperature {client.temperature}, top_p {client.top_p}, repeat "
            f"penalty {client.repeat_penalty}, max tokens {client.max_tokens}",
            flush=True,
        )
        started = time.perf_counter()
        try:
            results = await run(client, args.show, args.limit)
        finally:
            await client.aclose()
            await close_db()
        figures = summary(results, model, time.perf_counter() - started)
    report(figures)
    if args.json:
        args.json.write_text(
            json.dumps({"summary": figures, "results": [asdict(r) for r in results]}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
