from careermate_bot.discord_ui.streaming import TYPING_MARK, StreamedMessage


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
