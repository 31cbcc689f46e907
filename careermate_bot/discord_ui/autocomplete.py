"""Autocomplete for slash-command options, from the knowledge layer (skills, places, roles).

Cogs pass the ready-made callbacks straight to discord.py:

    @app_commands.autocomplete(skills=complete_skills, location=complete_location)
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from careermate_bot.common.user_text import split_list as split_skills
from careermate_bot.discord_ui.client import services_of
from careermate_bot.discord_ui.limits import (
    AUTOCOMPLETE_CHOICES_LIMIT,
    CHOICE_NAME_LIMIT,
    truncate,
)
from careermate_bot.knowledge import KnowledgeBase

Choices = list[app_commands.Choice[str]]


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=truncate(name, CHOICE_NAME_LIMIT), value=value[:100])


def skill_choices(kb: KnowledgeBase, current: str) -> list[app_commands.Choice[str]]:
    """Complete the last item of a comma list, keeping the earlier ones."""
    head, _, tail = current.rpartition(",")
    earlier = split_skills(head)
    taken = {s.casefold() for s in earlier}
    prefix = ", ".join(earlier)
    choices: list[app_commands.Choice[str]] = []
    for skill in kb.search_skills(tail.strip(), limit=AUTOCOMPLETE_CHOICES_LIMIT + len(taken)):
        if skill.name.casefold() in taken:
            continue
        value = f"{prefix}, {skill.name}" if prefix else skill.name
        if len(value) > 100:  # Discord's limit for a choice; keep typing instead
            continue
        choices.append(_choice(value, value))
        if len(choices) == AUTOCOMPLETE_CHOICES_LIMIT:
            break
    return choices


def location_choices(kb: KnowledgeBase, current: str) -> list[app_commands.Choice[str]]:
    text = current.strip()
    if not text:
        return [_choice("Remote (national pay)", "remote")]
    resolution = kb.resolve_location(text)
    areas = ([resolution.area] if resolution.area is not None else []) + list(
        resolution.suggestions
    )
    choices = [_choice("Remote (national pay)", "remote")] if resolution.remote else []
    for area in areas:
        if area.is_national:
            continue
        choices.append(_choice(area.name, area.name))
    return choices[:AUTOCOMPLETE_CHOICES_LIMIT]


def role_choices(
    kb: KnowledgeBase, current: str, *, by_title: bool = False
) -> list[app_commands.Choice[str]]:
    """Occupations for a typed title; the value is the occupation id (exact), or its title
    where the option also takes free keywords (`by_title`)."""
    choices = []
    for hit in kb.search_occupations(current.strip(), limit=AUTOCOMPLETE_CHOICES_LIMIT):
        occupation = hit.occupation
        name = occupation.title
        if hit.matched and hit.matched.casefold() != occupation.title.casefold():
            name += f" ({hit.matched})"
        choices.append(_choice(name, occupation.title if by_title else occupation.id))
    return choices


# -- callbacks for @app_commands.autocomplete ----------------------------------------------------


async def complete_skills(interaction: discord.Interaction[Any], current: str) -> Choices:
    return skill_choices(services_of(interaction).knowledge, current)


async def complete_location(interaction: discord.Interaction[Any], current: str) -> Choices:
    return location_choices(services_of(interaction).knowledge, current)


async def complete_role_id(interaction: discord.Interaction[Any], current: str) -> Choices:
    """Occupations; the value is the occupation id (for options that take exactly a role)."""
    return role_choices(services_of(interaction).knowledge, current)


async def complete_role_title(interaction: discord.Interaction[Any], current: str) -> Choices:
    """Occupation titles (for options that also take free keywords); nothing until typing."""
    if not current.strip():
        return []
    return role_choices(services_of(interaction).knowledge, current, by_title=True)
