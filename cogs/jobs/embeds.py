"""Render /jobs results, the server job board and saved jobs (typed service results) as embeds."""

from __future__ import annotations

import discord
from discord.utils import escape_markdown

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.formatting import (
    BRAND_COLOUR,
    names,
    pay_line,
    relative_time,
    safe_link,
    user_text,
)
from careermate_bot.discord_ui.limits import truncate
from careermate_bot.knowledge import ONET_ATTRIBUTION, SALARY_SOURCE
from careermate_bot.services.jobs import JobItem, JobSearch, PostingSnapshot, SavedSnapshot

BOARD_COLOUR = discord.Colour(0xF0A35E)
ROLE_COLOUR = BRAND_COLOUR
SAVED_COLOUR = discord.Colour(0x57C7A0)
BOARD_PAGE = 10
SAVED_PAGE = 5
BOARD_NOTE = "Posted by a member of this server; CareerMate doesn't verify postings."


def _add_match(
    embed: discord.Embed,
    percent: int | None,
    matched: tuple[str, ...],
    missing: tuple[str, ...] = (),
) -> None:
    """The "Your match" field: the figure, the skills you have, and (postings) what to learn."""
    if percent is None:
        return
    value = f"**{percent}%**"
    if matched:
        value += f" · you have {names(matched, 6)}"
    if missing:
        value += f"\nTo learn: {names(missing, 5)}"
    embed.add_field(name="Your match", value=value, inline=False)


def _posting_page(item: JobItem, search: JobSearch) -> discord.Embed:
    assert item.posting is not None
    hit = item.posting
    posting = hit.posting
    embed = discord.Embed(
        title=user_text(f"{posting.title} — {posting.company}", 256),
        url=posting.url or None,
        description=user_text(posting.description, 700) if posting.description else None,
        colour=BOARD_COLOUR,
    )
    embed.set_author(name="📌 Opening on this server's job board")
    _add_match(embed, hit.match_percent, hit.matched_skills, hit.missing_skills)
    embed.add_field(name="Where", value=user_text(posting.where(), 200))
    embed.add_field(name="Pay", value=posting.salary_text() or "not given")
    embed.add_field(name="Closes", value=relative_time(posting.expires_at))
    if posting.skills:
        embed.add_field(name="Skills asked for", value=names(posting.skills, 15), inline=False)
    embed.add_field(
        name="Posted by",
        value=f"<@{posting.poster_id}> {relative_time(posting.created_at)}",
        inline=False,
    )
    return embed


def _role_page(item: JobItem, search: JobSearch) -> discord.Embed:
    assert item.role is not None
    hit = item.role
    occupation = hit.occupation
    embed = discord.Embed(
        title=occupation.title,
        description=truncate(occupation.description, 400),
        colour=ROLE_COLOUR,
    )
    embed.set_author(name="🧭 Matching role · search current postings with the buttons below")
    _add_match(embed, hit.match_percent, hit.matched_skills)
    area = hit.salary.area.name if hit.salary is not None else search.location_label
    national = hit.salary is not None and hit.salary.area.is_national
    embed.add_field(
        name="💵 Pay across the U.S." if national else f"💵 Pay in {truncate(area, 200)}",
        value=pay_line(hit.salary),
        inline=False,
    )
    if hit.missing_skills:
        embed.add_field(name="📚 Skills to learn", value=names(hit.missing_skills, 5))
    embed.add_field(
        name="Typical entry",
        value=truncate(
            f"{occupation.education}"
            + (f", ~{occupation.experience_years:g} yrs" if occupation.experience_years else ""),
            200,
        ),
    )
    return embed


def job_page(search: JobSearch, index: int) -> discord.Embed:
    """One result (page `index` of `len(search.items)`)."""
    item = search.items[index]
    embed = _posting_page(item, search) if item.kind == "posting" else _role_page(item, search)
    header = f"Jobs {search.filters_text()}"
    if search.notes and index == 0:
        header += "\n" + "\n".join(f"ℹ️ {escape_markdown(n)}" for n in search.notes)
    embed.description = f"*{header}*" + (f"\n\n{embed.description}" if embed.description else "")
    sources = f"Pay: {SALARY_SOURCE}" if item.kind == "role" else BOARD_NOTE
    if item.kind == "role":
        sources += f" · {ONET_ATTRIBUTION}"
        if item.role is not None and item.role.match_percent is not None:
            sources = f"{search.legend} · {sources}"
    embed.set_footer(text=f"Page {index + 1}/{len(search.items)} · {sources}")
    return fit_embed(embed)


def board_embed(postings: list[PostingSnapshot], *, guild_name: str) -> discord.Embed:
    """The newest `BOARD_PAGE` open postings (the rest are counted, and reach members through
    /jobs search, which ranks all of them)."""
    shown = postings[:BOARD_PAGE]
    embed = discord.Embed(
        title=f"Job board — {truncate(guild_name, 200)}",
        colour=BOARD_COLOUR,
        description=(
            f"{len(postings)} open posting{'s' if len(postings) != 1 else ''}. "
            "Members see the ones that fit them in `/jobs search`."
            if postings
            else "No open postings yet. Members with Manage Server (or the job-poster role) "
            "can add one with `/jobs post`."
        ),
    )
    for posting in shown:
        pay = posting.salary_text() or "pay not given"
        lines = [
            f"{user_text(posting.where(), 80)} · {pay} · "
            f"closes {relative_time(posting.expires_at)}",
            f"by <@{posting.poster_id}>"
            + (f" · [link]({safe_link(posting.url)})" if posting.url else ""),
        ]
        if posting.skills:
            lines.append(f"Skills: {names(posting.skills, 8)}")
        embed.add_field(
            name=user_text(f"#{posting.id} {posting.title} — {posting.company}", 250),
            value="\n".join(lines),
            inline=False,
        )
    footer = BOARD_NOTE
    if len(postings) > len(shown):
        footer = f"Showing the newest {len(shown)} of {len(postings)} · {footer}"
    embed.set_footer(text=footer)
    return fit_embed(embed)


def posting_embed(posting: PostingSnapshot, unknown_skills: tuple[str, ...] = ()) -> discord.Embed:
    """The confirmation a poster sees."""
    embed = discord.Embed(
        title=user_text(f"{posting.title} — {posting.company}", 256),
        url=posting.url or None,
        description=user_text(posting.description, 1500) if posting.description else None,
        colour=BOARD_COLOUR,
    )
    embed.add_field(name="Where", value=user_text(posting.where(), 200))
    embed.add_field(name="Pay", value=posting.salary_text() or "not given")
    embed.add_field(name="Closes", value=relative_time(posting.expires_at))
    if posting.skills:
        embed.add_field(name="Skills", value=names(posting.skills, 15), inline=False)
    if unknown_skills:
        embed.add_field(
            name="Not in my skills list (kept out of matching)",
            value=names(unknown_skills, 10),
            inline=False,
        )
    embed.set_footer(text=f"Posting #{posting.id} · {BOARD_NOTE}")
    return fit_embed(embed)


def saved_embed(saved: list[SavedSnapshot], page: int = 0) -> discord.Embed:
    pages = max(1, -(-len(saved) // SAVED_PAGE))
    page = max(0, min(page, pages - 1))
    shown = saved[page * SAVED_PAGE : (page + 1) * SAVED_PAGE]
    embed = discord.Embed(
        title="Your saved jobs",
        colour=SAVED_COLOUR,
        description=(
            "Press a number to remove that entry."
            if saved
            else "Nothing saved yet. Press **Save** on a `/jobs search` result to keep it here."
        ),
    )
    for number, item in enumerate(shown, page * SAVED_PAGE + 1):
        lines = [user_text(item.subtitle, 200)] if item.subtitle else []
        if item.detail:
            lines.append(user_text(item.detail, 300))
        if item.url:
            label = "Open posting" if item.kind == "posting" else "Search postings"
            lines.append(f"[{label}]({safe_link(item.url)})")
        lines.append(f"saved {relative_time(item.created_at)}")
        embed.add_field(
            name=user_text(f"{number}. {item.title}", 250), value="\n".join(lines), inline=False
        )
    footer = "Only you can see this list. Pay figures: " + SALARY_SOURCE
    if pages > 1:
        footer = f"Page {page + 1}/{pages} · {footer}"
    embed.set_footer(text=footer)
    return fit_embed(embed)
