"""What our LLM client costs on top of llama.cpp, and what the stable prompt prefix saves.

Run:  .venv/bin/python bench/llm_overhead.py [--model PATH] [--tokens 128] [--rounds 3]

For the embedded (local) model and one prompt, in one process with one loaded model:
1. raw llama-cpp-python streaming (`Llama.create_completion(stream=True)`) vs our
   `LLMClient.stream` (scheduler, worker thread, timeouts, think filter, accounting):
   decode tokens/s and time to first token, cold prompt cache each time, median of N rounds;
2. one conversation through `ChatService`-style messages: time to first token of the first turn
   (cold) vs the second turn (the system prompt and the first turn are already in the KV cache).
Greedy decoding (temperature 0) makes both paths produce the same tokens.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careermate_bot.llm import LLMClient, load_prompt, message
from careermate_bot.llm.backends.local import LocalBackend, resolve_model_path
from careermate_bot.llm.types import LLMMessage

QUESTION = "List ten concrete ways to prepare for a software engineering job interview."


def bench_messages() -> list[LLMMessage]:
    system = (
        load_prompt("chat_system")
        + "\n\n"
        + load_prompt(
            "profile_summary",
            facts="- Name: Sam\n- Skills: Python, SQL\n- Target roles: Data Analyst",
        )
    )
    return [message("system", system), message("user", QUESTION)]


def count_tokens(backend: LocalBackend, text: str) -> int:
    return len(backend.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))


def raw_run(
    backend: LocalBackend, messages: list[LLMMessage], max_tokens: int
) -> tuple[float, float, str]:
    """Time to first token and decode tokens/s of plain llama-cpp-python streaming."""
    llama = backend.llama
    llama.reset()
    tokens = backend.tokenize_prompt(messages)
    started = time.perf_counter()
    first: float | None = None
    parts: list[str] = []
    for chunk in llama.create_completion(
        tokens, max_tokens=max_tokens, temperature=0.0, stream=True, repeat_penalty=1.0,
        stop=["<end_of_turn>"],
    ):  # fmt: skip
        text = chunk["choices"][0]["text"]
        if text:
            if first is None:
                first = time.perf_counter()
            parts.append(text)
    end = time.perf_counter()
    assert first is not None
    output = "".join(parts)
    return first - started, (count_tokens(backend, output) - 1) / (end - first), output


async def client_run(
    client: LLMClient, messages: list[LLMMessage], max_tokens: int
) -> tuple[float, float, str]:
    backend = client.backend
    assert isinstance(backend, LocalBackend)
    backend.llama.reset()
    started = time.perf_counter()
    first: float | None = None
    parts: list[str] = []
    async with client.stream(messages, max_tokens=max_tokens, temperature=0.0) as reply:
        async for delta in reply:
            if first is None:
                first = time.perf_counter()
            parts.append(delta)
    end = time.perf_counter()
    assert first is not None
    output = "".join(parts)
    return first - started, (count_tokens(backend, output) - 1) / (end - first), output


async def conversation(client: LLMClient, max_tokens: int) -> tuple[float, float, int, int]:
    """TTFT of turn 1 (cold cache) and turn 2 (the prefix is cached), plus cached token counts."""
    backend = client.backend
    assert isinstance(backend, LocalBackend)
    backend.llama.reset()
    turn1 = bench_messages()
    async with client.stream(turn1, max_tokens=max_tokens, temperature=0.0) as one:
        async for _ in one:
            pass
    turn2 = [
        *turn1,
        message("assistant", one.text),
        message("user", "Which of these matters most?"),
    ]
    async with client.stream(turn2, max_tokens=max_tokens, temperature=0.0) as two:
        async for _ in two:
            pass
    assert one.call and two.call
    assert one.call.time_to_first_token is not None and two.call.time_to_first_token is not None
    return (
        one.call.time_to_first_token,
        two.call.time_to_first_token,
        two.call.prompt_tokens or 0,
        two.call.cached_tokens or 0,
    )


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", type=Path, default=None, help="a GGUF (default: the bundled gemma-3-270m)"
    )
    parser.add_argument("--tokens", type=int, default=128, help="tokens to generate per run")
    parser.add_argument("--rounds", type=int, default=5, help="runs per variant (median is shown)")
    parser.add_argument("--n-ctx", type=int, default=4096)
    args = parser.parse_args()

    path = resolve_model_path(args.model)
    started = time.perf_counter()
    backend = LocalBackend.load_sync(path, n_ctx=args.n_ctx)
    load_time = time.perf_counter() - started
    client = LLMClient(backend, first_token_timeout=600, total_timeout=3600, num_ctx=args.n_ctx)
    messages = bench_messages()
    prompt_tokens = len(backend.tokenize_prompt(messages))

    # Warm-up (page in the weights, build graphs), not measured.
    raw_run(backend, messages, 8)
    await client_run(client, messages, 8)

    raw: list[tuple[float, float, str]] = []
    ours: list[tuple[float, float, str]] = []
    for _ in range(args.rounds):  # interleaved, so drift affects both alike
        raw.append(raw_run(backend, messages, args.tokens))
        ours.append(await client_run(client, messages, args.tokens))
    same_output = all(r[2].strip() == o[2].strip() for r, o in zip(raw, ours, strict=True))

    raw_ttft = statistics.median(r[0] for r in raw)
    raw_tps = statistics.median(r[1] for r in raw)
    our_ttft = statistics.median(o[0] for o in ours)
    our_tps = statistics.median(o[1] for o in ours)

    turns = [await conversation(client, 32) for _ in range(args.rounds)]
    first_ttft = statistics.median(t[0] for t in turns)
    second_ttft = statistics.median(t[1] for t in turns)
    prompt2, cached2 = turns[-1][2], turns[-1][3]

    print(
        f"model: {path.name} ({backend.template_name} chat template), n_ctx={args.n_ctx}, "
        f"threads={backend.llama.n_threads}, load {load_time:.2f}s"
    )
    print(
        f"prompt: {prompt_tokens} tokens; generating {args.tokens} tokens; "
        f"median of {args.rounds} interleaved rounds; identical output both ways: {same_output}"
    )
    print()
    print(f"{'':34}{'raw llama-cpp':>16}{'LLMClient.stream':>18}")
    print(f"{'decode tokens/s':34}{raw_tps:>16.1f}{our_tps:>18.1f}")
    label = "time to first token (cold cache)"
    print(f"{label:34}{raw_ttft * 1000:>14.0f}ms{our_ttft * 1000:>16.0f}ms")
    print(f"{'ratio ours/raw (goal >= 0.95)':34}{our_tps / raw_tps:>34.3f}")
    print()
    print("one conversation through LLMClient (system prompt + profile, then history):")
    print(f"  turn 1 time to first token (cold):        {first_ttft * 1000:7.0f} ms")
    print(
        f"  turn 2 time to first token (prefix cached): {second_ttft * 1000:5.0f} ms "
        f"({cached2} of {prompt2} prompt tokens reused, {prompt2 - cached2} evaluated)"
    )
    print(f"  speed-up: {first_ttft / second_ttft:.1f}x")
    backend.unload()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
