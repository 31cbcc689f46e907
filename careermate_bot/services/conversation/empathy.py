"""A first line for a life situation ("I got laid off today"), before the concrete help.

Short, warm and true: no claims about the bot's own life, no promises, no advice (the playbook
answer that follows holds the steps). Lines vary with the conversation so a second rejection
doesn't read like a form letter.
"""

from __future__ import annotations

from careermate_bot.services.conversation.intents.types import Situation

LINES: dict[Situation, tuple[str, ...]] = {
    "laid_off": (
        "I'm sorry — a layoff is a hard hit, and it says nothing about what you're worth. "
        "Let's take it one step at a time.",
        "That's a lot to take in. Layoffs happen to good people all the time; here's where to "
        "start.",
    ),
    "fired": (
        "I'm sorry, that's a tough blow. It happens to far more people than talk about it — "
        "let's work out your next steps.",
        "That stings, I know. You can come back from this; here's a plan.",
    ),
    "rejected": (
        "Rejections sting, especially after you've put in the work. They're part of every "
        "search, not a verdict on you.",
        "Sorry about that one. Every 'no' still teaches you something about the next 'yes'.",
    ),
    "no_replies": (
        "Silence after that many applications is discouraging — and usually fixable. Let's find "
        "where the process leaks.",
        "That's frustrating. When nothing comes back, one step is usually the bottleneck; let's "
        "find it.",
    ),
    "burned_out": (
        "Burnout is real, and it's worth taking seriously before any big decision. Here's a way "
        "to think it through.",
        "That sounds exhausting. Let's look at your options calmly, without rushing a choice.",
    ),
    "stressed": (
        "That sounds stressful. Let's break it into something manageable.",
        "Let's slow it down and take it one piece at a time.",
    ),
    "stuck": (
        "Feeling stuck is a very common starting point for a good change. Let's look at what's "
        "open to you.",
        "Plenty of good moves start from exactly this feeling. Here's how to find yours.",
    ),
}


def empathy_line(situation: Situation | None, variant: int = 0) -> str:
    """The line for `situation` ("" when there is none)."""
    if situation is None:
        return ""
    lines = LINES[situation]
    return lines[abs(variant) % len(lines)]
