"""LLMClient behaviour over a scripted fake engine: streaming, timeouts, retries, structured
output with one repair, cancellation, think stripping and token accounting."""

from __future__ import annotations

import asyncio
import logging

import pytest
from pydantic import BaseModel, Field

from careermate_bot.llm import (
    BadOutput,
    EngineError,
    EngineUnreachable,
    LLMCancelled,
    LLMTimeout,
    ModelMissing,
    message,
)
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client

HI = [message("system", "be brief"), message("user", "hi")]


class Plan(BaseModel):
    role: str
    steps: list[str] = Field(min_length=1)


async def test_chat_and_stream_return_the_text() -> None:
    client = fake_client(["Hello there, friend."])
    assert await client.chat(HI) == "Hello there, friend."
    deltas = [d async for d in client.stream(HI)]
    assert deltas == ["Hello ", "there, ", "friend."]


async def test_parameters_reach_the_engine() -> None:
    backend = FakeBackend(["ok"])
    client = fake_client(backend, temperature=0.3, max_tokens=99, num_ctx=2048)
    await client.chat(HI, stop=["END"], seed=7)
    params = backend.calls[0].params
    assert (params.temperature, params.max_tokens, params.num_ctx) == (0.3, 99, 2048)
    assert params.stop == ("END",) and params.seed == 7 and params.json_schema is None
    await client.chat(HI, max_tokens=5, temperature=0.0)
    assert backend.calls[1].params.max_tokens == 5
    assert backend.calls[1].params.temperature == 0.0


async def test_think_blocks_are_hidden_in_streams_split_across_chunks() -> None:
    reply = FakeReply(["<th", "ink>I should be", " polite.</thi", "nk>\n\nHel", "lo!"])
    client = fake_client([reply])
    deltas = [d async for d in client.stream(HI)]
    assert "".join(deltas) == "Hello!"
    assert not any("polite" in d or "<" in d for d in deltas)
    assert await client.chat(HI) == "Hello!"


async def test_first_token_timeout() -> None:
    client = fake_client([FakeReply(["late"], first_delay=5)], first_token_timeout=0.05)
    with pytest.raises(LLMTimeout) as caught:
        await client.chat(HI)
    assert caught.value.phase == "first_token"
    assert "LLM_FIRST_TOKEN_TIMEOUT" in (caught.value.fix or "")
    assert caught.value.user_message


async def test_a_stalled_stream_times_out() -> None:
    backend = FakeBackend([FakeReply(["a", "b"], hang=True)])
    client = fake_client(backend, first_token_timeout=0.1, total_timeout=10)
    with pytest.raises(LLMTimeout) as caught:
        await client.chat(HI)
    assert caught.value.phase == "stall"
    assert backend.cancelled == 1 and backend.active == 0


async def test_total_timeout() -> None:
    reply = FakeReply(["x"] * 50, delay=0.02)
    client = fake_client([reply], first_token_timeout=5, total_timeout=0.2)
    with pytest.raises(LLMTimeout) as caught:
        await client.chat(HI)
    assert caught.value.phase == "total"


async def test_connection_errors_are_retried_with_backoff() -> None:
    down = EngineUnreachable("refused")
    backend = FakeBackend([down, down, "back up"])
    client = fake_client(backend, retries=2, retry_backoff=0.01)
    assert await client.chat(HI) == "back up"
    assert len(backend.calls) == 3


async def test_retries_give_up_with_the_typed_error() -> None:
    down = EngineUnreachable("refused", user_message="Is Ollama running?")
    backend = FakeBackend([down])
    client = fake_client(backend, retries=1, retry_backoff=0.01)
    with pytest.raises(EngineUnreachable) as caught:
        await client.chat(HI)
    assert caught.value.user_message == "Is Ollama running?"
    assert len(backend.calls) == 2
    assert client.stats().errors == {"engine_unreachable": 1}


@pytest.mark.parametrize("error", [ModelMissing("no model"), EngineError("HTTP 500")])
async def test_other_errors_are_not_retried(error: Exception) -> None:
    backend = FakeBackend([error, "never"])
    client = fake_client(backend, retries=3)
    with pytest.raises(type(error)):
        await client.chat(HI)
    assert len(backend.calls) == 1


async def test_a_connection_drop_after_output_is_not_retried() -> None:
    backend = FakeBackend([FakeReply(["par", "tial"], error_after=EngineUnreachable("dropped"))])
    client = fake_client(backend, retries=3)
    with pytest.raises(EngineUnreachable):
        await client.chat(HI)
    assert len(backend.calls) == 1


async def test_an_unexpected_backend_bug_becomes_an_engine_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = fake_client([RuntimeError("boom")])
    with caplog.at_level(logging.ERROR), pytest.raises(EngineError) as caught:
        await client.chat(HI)
    assert "boom" in str(caught.value)
    assert caught.value.user_message and "boom" not in caught.value.user_message


async def test_structured_valid_first_time() -> None:
    backend = FakeBackend(['{"role": "Data Analyst", "steps": ["Learn SQL"]}'])
    client = fake_client(backend)
    plan = await client.structured(HI, Plan)
    assert plan == Plan(role="Data Analyst", steps=["Learn SQL"])
    params = backend.calls[0].params
    assert params.json_schema == Plan.model_json_schema()
    assert params.temperature == client.structured_temperature
    last = backend.calls[0].messages[-1]
    assert last["role"] == "user" and '"steps"' in last["content"]
    assert backend.calls[0].messages[:2] == HI  # the prompt prefix is untouched


async def test_structured_accepts_fenced_json_and_think_blocks() -> None:
    raw = '<think>hmm</think>```json\n{"role": "Nurse", "steps": ["Register"]}\n```'
    client = fake_client([raw])
    assert (await client.structured(HI, Plan)).role == "Nurse"


async def test_garbage_json_gets_one_repair_then_succeeds() -> None:
    backend = FakeBackend(["Sure! Here is your plan: role=Nurse", '{"role":"Nurse","steps":["a"]}'])
    client = fake_client(backend)
    assert (await client.structured(HI, Plan, user_id=5)).role == "Nurse"
    assert len(backend.calls) == 2
    repair = backend.calls[1].messages
    assert repair[-2] == message("assistant", "Sure! Here is your plan: role=Nurse")
    assert "could not be used" in repair[-1]["content"]


async def test_schema_mismatch_gets_a_repair_naming_the_problem() -> None:
    backend = FakeBackend(['{"role": "Nurse", "steps": []}', '{"role": "Nurse", "steps": ["x"]}'])
    client = fake_client(backend)
    await client.structured(HI, Plan)
    assert "steps" in backend.calls[1].messages[-1]["content"]


async def test_garbage_twice_raises_bad_output() -> None:
    backend = FakeBackend(["not json", "still not json"])
    client = fake_client(backend)
    with pytest.raises(BadOutput) as caught:
        await client.structured(HI, Plan)
    assert len(backend.calls) == 2
    assert caught.value.raw == "still not json" and not caught.value.truncated
    assert "couldn't read" in caught.value.user_message
    assert client.stats().errors == {"bad_output": 1}


async def test_truncated_json_is_detected_and_retried_with_more_tokens() -> None:
    cut = FakeReply(
        ['{"role": "Nurse", ', '"steps": ["Reg', "ister", " with"], finish_reason="length"
    )
    backend = FakeBackend([cut, cut])
    client = fake_client(backend, max_tokens=3)
    with pytest.raises(BadOutput) as caught:
        await client.structured(HI, Plan)
    assert caught.value.truncated
    assert backend.calls[0].params.max_tokens == 3
    assert backend.calls[1].params.max_tokens == 6
    assert "cut off" in backend.calls[1].messages[-1]["content"]


async def test_truncation_is_detected_without_a_finish_reason() -> None:
    backend = FakeBackend(['{"role": "Nurse", "steps": ["Reg', '{"role": "Nurse", "steps": ["a"]}'])
    client = fake_client(backend)
    assert (await client.structured(HI, Plan)).steps == ["a"]
    assert "cut off" in backend.calls[1].messages[-1]["content"]


async def test_stop_button_cancels_a_running_stream_with_the_partial_text() -> None:
    backend = FakeBackend([FakeReply(["one ", "two ", "three ", "four"], delay=0.05)])
    client = fake_client(backend)
    got: list[str] = []
    with pytest.raises(LLMCancelled) as caught:
        async with client.stream(HI, user_id=9) as reply:
            async for delta in reply:
                got.append(delta)
                if len(got) == 2:
                    assert client.cancel(9) is True
    assert caught.value.partial == "one two "
    assert backend.cancelled == 1 and backend.active == 0
    assert client.queue().running == 0
    assert client.cancel(9) is False


async def test_chat_stream_cancel_method() -> None:
    client = fake_client([FakeReply(["a", "b", "c"], delay=0.02)])
    reply = client.stream(HI, user_id=1)
    with pytest.raises(LLMCancelled):
        async for _ in reply:
            reply.cancel()
    assert reply.text == "a"


async def test_leaving_a_stream_early_stops_the_engine_and_frees_the_slot() -> None:
    backend = FakeBackend([FakeReply(["x"] * 100, delay=0.01)])
    client = fake_client(backend, max_concurrency=1)
    async with client.stream(HI, user_id=1) as reply:
        async for _ in reply:
            break
    assert backend.active == 0 and backend.cancelled == 1
    assert client.queue().running == 0
    assert await asyncio.wait_for(client.chat(HI, user_id=2, max_tokens=3), 5)


async def test_cancelling_the_caller_task_frees_everything() -> None:
    backend = FakeBackend([FakeReply(["x"] * 100, delay=0.01)])
    client = fake_client(backend, max_concurrency=1)
    task = asyncio.create_task(client.chat(HI, user_id=1))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert backend.active == 0
    assert client.queue().running == 0 and client.position(1) is None


async def test_stats_count_tokens_and_time() -> None:
    backend = FakeBackend([FakeReply(["a", "b", "c", "d"], delay=0.01, prompt_tokens=12)])
    client = fake_client(backend)
    async with client.stream(HI) as reply:
        async for _ in reply:
            pass
    await client.chat(HI)
    stats = client.stats()
    assert stats.requests == 2 and stats.succeeded == 2 and stats.errors == {}
    assert stats.prompt_tokens == 24 and stats.completion_tokens == 8
    assert stats.avg_time_to_first_token is not None
    assert stats.avg_tokens_per_second is not None and stats.avg_tokens_per_second > 0
    assert reply.call is not None and reply.call.completion_tokens == 4
    assert reply.call.tokens_per_second is not None
    assert reply.finish_reason == "stop"
    assert (stats.backend, stats.model) == ("fake", "fake-model")


async def test_debug_log_has_the_token_accounting(caplog: pytest.LogCaptureFixture) -> None:
    client = fake_client(["one two"])
    with caplog.at_level(logging.DEBUG, logger="careermate_bot.llm"):
        await client.chat(HI)
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("llm call"))
    assert "prompt=" in line and "completion=2" in line and "ttft=" in line and "tok/s=" in line


def test_local_engines_default_to_one_generation_at_a_time() -> None:
    assert fake_client().max_concurrency == 2
    assert fake_client(FakeBackend(name="local")).max_concurrency == 1
    capped = FakeBackend(max_parallel=1)
    assert fake_client(capped, max_concurrency=4).max_concurrency == 1
