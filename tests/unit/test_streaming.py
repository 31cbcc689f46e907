import asyncio
from unittest.mock import MagicMock

import discord
import pytest

from careermate_bot.discord_ui.edit_budget import LocalEditBudget, NoEditBudget
from careermate_bot.discord_ui.streaming import TYPING_MARK, StreamedMessage, StreamPacing


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Screen:
    """Messages as a user would see them."""

    def __init__(self) -> None:
        self.messages: list[str] = [""]
        self.edit_count = 0

    def editor(self, index: int):
        async def edit(content: str) -> None:
            self.messages[index] = content
            self.edit_count += 1

        return edit

    async def send(self, content: str):
        self.messages.append(content)
        return self.editor(len(self.messages) - 1)


async def test_edits_are_throttled_to_the_interval() -> None:
    clock, screen = FakeClock(), Screen()
    view = StreamedMessage(screen.editor(0), screen.send, interval=1.0, clock=clock)
    for i in range(100):  # 100 tokens over 5 seconds
        clock.now = i * 0.05
        await view.feed(f"t{i} ")
    await view.finish()
    assert screen.edit_count <= 7  # one per second plus the final edit
    assert screen.messages[0] == " ".join(f"t{i}" for i in range(100))
    assert TYPING_MARK not in screen.messages[0]


async def test_long_output_continues_in_new_messages() -> None:
    clock, screen = FakeClock(), Screen()
    view = StreamedMessage(screen.editor(0), screen.send, interval=0.0, clock=clock)
    for i in range(600):
        await view.feed(f"word{i} ")
    await view.finish()
    assert len(screen.messages) >= 3
    assert all(len(m) <= 2000 for m in screen.messages)
    words = " ".join(screen.messages).split()
    assert words == [f"word{i}" for i in range(600)]


async def test_finish_can_replace_the_text_with_a_note() -> None:
    screen = Screen()
    view = StreamedMessage(screen.editor(0), screen.send, interval=10.0, clock=FakeClock())
    await view.feed("partial")
    await view.finish("partial\n\n*(stopped)*")
    assert screen.messages == ["partial\n\n*(stopped)*"]


# -- spending Discord's REST budget (issue 21) ---------------------------------------------------


class Channel:
    """A reply's messages and every REST call spent on them, in order."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.stop_button: list[bool] = []
        self.calls: list[tuple[str, int, str]] = []  # (post | edit | close, message, content)

    def _editor(self, index: int):
        async def edit(content: str) -> None:
            self.messages[index] = content
            self.calls.append(("edit", index, content))

        return edit

    async def open_first(self, content: str, running: bool):
        self.messages.append(content)
        self.stop_button.append(running)
        self.calls.append(("post", 0, content))

        async def close(final: str) -> None:
            self.messages[0] = final
            self.stop_button[0] = False
            self.calls.append(("close", 0, final))

        return self._editor(0), close if running else None

    async def send(self, content: str):
        self.messages.append(content)
        self.stop_button.append(False)
        self.calls.append(("post", len(self.messages) - 1, content))
        return self._editor(len(self.messages) - 1)


def later(channel: Channel, clock: FakeClock, **pacing: object) -> StreamedMessage:
    return StreamedMessage.later(
        channel.open_first,
        channel.send,
        pacing=StreamPacing(**pacing),  # type: ignore[arg-type]
        placeholder="*Thinking…*",
        clock=clock,
    )


async def test_a_reply_done_within_the_grace_period_is_posted_once_without_stop() -> None:
    channel, clock = Channel(), FakeClock()
    stream = later(channel, clock, interval=2.5, grace=5.0)
    await stream.start()
    for word in ["Hi ", "Ada, ", "welcome!"]:
        await stream.feed(word)
    await stream.finish()
    await stream.aclose()
    assert channel.calls == [("post", 0, "Hi Ada, welcome!")]
    assert channel.stop_button == [False]


async def test_a_longer_reply_appears_after_the_grace_period_and_its_final_edit_removes_stop() -> (
    None
):
    channel, clock = Channel(), FakeClock()
    stream = later(channel, clock, interval=2.5, grace=0.05)
    await stream.start()
    await stream.feed("One ")
    await asyncio.sleep(0.2)  # the grace period ends with the reply still coming
    assert channel.calls == [("post", 0, "One " + TYPING_MARK)]
    assert channel.stop_button == [True]
    for second in range(1, 6):  # 5 more seconds of tokens, one a second
        clock.now = float(second)
        await stream.feed(f"t{second} ")
    await stream.finish()
    await stream.aclose()
    kinds = [kind for kind, _, _ in channel.calls]
    assert kinds == ["post", "edit", "close"]  # an edit per 2.5 s; Stop goes with the last
    assert channel.messages == ["One t1 t2 t3 t4 t5"] and channel.stop_button == [False]


async def test_without_grace_the_placeholder_comes_at_once_and_a_quick_reply_costs_two_calls() -> (
    None
):
    channel, clock = Channel(), FakeClock()
    stream = later(channel, clock, interval=2.5)
    await stream.start()
    assert channel.calls == [("post", 0, "*Thinking…*")] and channel.stop_button == [True]
    clock.now = 1.0
    await stream.feed("Quick answer.")
    await stream.finish()
    await stream.aclose()
    assert channel.calls[1:] == [("close", 0, "Quick answer.")]
    assert channel.stop_button == [False]


async def test_the_queue_position_opens_the_reply_early_and_text_replaces_it() -> None:
    channel, clock = Channel(), FakeClock()
    stream = later(channel, clock, interval=2.5, grace=30.0)
    await stream.start()
    await stream.status("*You're #2 in line*")
    assert channel.calls == [("post", 0, "*You're #2 in line*")] and channel.stop_button == [True]
    clock.now = 3.0
    await stream.status("*You're #1 in line*")
    await stream.feed("Here it is.")
    await stream.status("*You're #1 in line*")  # ignored once text is showing
    await stream.finish()
    assert channel.messages == ["Here it is."] and channel.stop_button == [False]


async def test_stop_is_removed_by_aclose_when_the_reply_never_finished() -> None:
    channel, clock = Channel(), FakeClock()
    stream = later(channel, clock, interval=2.5)
    await stream.start()
    await stream.aclose()  # e.g. the flow failed between start and finish
    await stream.aclose()
    assert channel.calls == [("post", 0, "*Thinking…*"), ("close", 0, "*Thinking…*")]


async def test_an_empty_budget_skips_optional_edits_but_never_the_final_one() -> None:
    channel, clock = Channel(), FakeClock()
    budget = LocalEditBudget(rate=0.1, burst=1, clock=clock)  # one edit per 10 s
    stream = later(channel, clock, interval=1.0, budget=budget)
    await stream.start()  # the post spends the only token
    for second in range(1, 9):
        clock.now = float(second)
        await stream.feed(f"t{second} ")
    await stream.finish()
    assert [kind for kind, _, _ in channel.calls] == ["post", "close"]
    assert channel.messages == ["t1 t2 t3 t4 t5 t6 t7 t8"]
    assert budget.tokens < 0  # the final edit was recorded: optional edits wait for the refill


def test_the_local_budget_refills_at_its_rate() -> None:
    clock = FakeClock()
    budget = LocalEditBudget(rate=2.0, clock=clock)
    spent = [asyncio.run(budget.try_spend()) for _ in range(3)]
    assert spent == [True, True, False]
    clock.now = 0.5
    assert asyncio.run(budget.try_spend()) and not asyncio.run(budget.try_spend())
    assert asyncio.run(NoEditBudget().try_spend())


def test_pacing_comes_from_the_settings(tmp_path) -> None:
    from careermate_bot.config import build_settings
    from careermate_bot.discord_ui.edit_budget import edit_budget_for

    settings = build_settings(_env_file=None, data_dir=tmp_path)
    pacing = StreamPacing.from_settings(settings, edit_budget_for(settings))
    assert (pacing.interval, pacing.grace) == (2.5, 0.0)
    assert isinstance(pacing.budget, NoEditBudget)
    tuned = build_settings(
        _env_file=None, data_dir=tmp_path, stream_grace_seconds=1, stream_edits_per_second=20
    )
    assert isinstance(edit_budget_for(tuned), LocalEditBudget)
    assert StreamPacing.from_settings(tuned).grace == 1.0


class FlakyChannel(Channel):
    """Discord fails the first edit that would remove the Stop button."""

    def __init__(self) -> None:
        super().__init__()
        self.close_failures = 1

    async def open_first(self, content: str, running: bool):
        editor, close = await super().open_first(content, running)

        async def flaky(final: str) -> None:
            if self.close_failures:
                self.close_failures -= 1
                raise discord.HTTPException(MagicMock(status=500), "Discord failed")
            assert close is not None
            await close(final)

        return editor, flaky if close is not None else None


async def test_a_failed_final_edit_still_gets_the_stop_button_removed_by_aclose() -> None:
    channel, clock = FlakyChannel(), FakeClock()
    stream = later(channel, clock, interval=2.5)
    await stream.start()
    await stream.feed("Answer.")
    with pytest.raises(discord.HTTPException):
        await stream.finish()
    assert channel.stop_button == [True]
    await stream.aclose()
    assert channel.calls[-1][0] == "close" and channel.stop_button == [False]
