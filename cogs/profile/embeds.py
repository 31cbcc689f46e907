"""Render a profile snapshot as an embed."""

from __future__ import annotations

import discord

from careermate_bot.discord_ui.formatting import BRAND_COLOUR
from careermate_bot.discord_ui.limits import EMBED_FIELD_VALUE_LIMIT, truncate
from careermate_bot.services.profile import ProfileSnapshot

NOT_SET = "*not set*"


def _list(items: list[str]) -> str:
    return truncate(", ".join(items), EMBED_FIELD_VALUE_LIMIT) if items else NOT_SET


def profile_embed(profile: ProfileSnapshot) -> discord.Embed:
    embed = discord.Embed(
        title=f"Career profile — {truncate(profile.display_name or 'you', 200)}",
        colour=BRAND_COLOUR,
        description=(
            "I use this for `/career` and `/jobs`. Only you can see it."
            if not profile.is_empty
            else "Nothing saved yet. Press **Edit** or just tell me your skills in `/career`."
        ),
    )
    embed.add_field(name="Skills", value=_list(profile.skills), inline=False)
    embed.add_field(name="Locations", value=_list(profile.locations))
    remote = {True: "yes", False: "no", None: NOT_SET}[profile.remote_ok]
    embed.add_field(name="Remote", value=remote)
    embed.add_field(name="Target roles", value=_list(profile.target_roles), inline=False)
    years = profile.experience_years
    embed.add_field(name="Experience", value=NOT_SET if years is None else f"{years:g} years")
    salary = profile.min_salary
    embed.add_field(name="Minimum salary", value=NOT_SET if salary is None else f"${salary:,}/yr")
    stated = "\n".join(f"**{label}:** {value}" for label, value in profile.stated_facts())
    if stated:
        embed.add_field(
            name="From our chats", value=truncate(stated, EMBED_FIELD_VALUE_LIMIT), inline=False
        )
    embed.set_footer(text=f"Last updated {profile.updated_at:%Y-%m-%d %H:%M} UTC")
    return embed


def deleted_text(deleted: dict[str, int]) -> str:
    if not deleted:
        return "There was nothing stored about you. All clear."
    rows = sum(deleted.values())
    return f"Done. I deleted everything I stored about you ({rows} records). Take care!"
