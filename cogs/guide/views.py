"""Buttons under a guide answer: the tool that helps next, or the two readings of an unclear
question. Both are `PersistentItem`s (everything they need is in the custom id), so they keep
working after a restart; the tools of other features are reached through bot events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.custom_ids import Fields
from careermate_bot.discord_ui.errors import send_ephemeral
from careermate_bot.discord_ui.events import (
    CAREER_CLICK,
    FIND_JOBS,
    INTERVIEW_START_CLICK,
    has_listener,
)
from careermate_bot.discord_ui.items import PersistentItem
from careermate_bot.discord_ui.limits import truncate
from careermate_bot.knowledge.guide import GuideRoute
from careermate_bot.services.career import CareerRequest
from careermate_bot.services.conversation import ShowCareerPaths, ShowSkillGap
from careermate_bot.services.guide import GuideAnswer
from cogs.guide.embeds import guide_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

NOT_YOURS = "That answer was for someone else. Ask me yourself — I'll tailor it to you."
LABEL_LIMIT = 80
SEND_RESUME = (
    "Send me your résumé as a file in a DM (PDF, Word or text), or use `/resume review` "
    "(a file) or `/resume paste` (the text) for a scored review."
)
NEEDS_ROLE = "Tell me which role first, e.g. *how do I become a data analyst?*"
ACTIONS = (
    "check_pay|review_resume|practice_interview|career_paths|skill_gap|job_search|cover_letter"
)
KINDS = "topic|become|role_info|compare_roles|compare_skills|compare_certs|certification"


class GuideActionButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id=f"cm:gact:{{owner:int}}:{{action:{ACTIONS}}}[:{{role:slug}}]",
):
    """The tool that helps next (check pay, my skill gap, find jobs, practice, ...)."""

    refusal = NOT_YOURS

    def __init__(self, owner: int, action: str, role: str | None = None, label: str = "…") -> None:
        style = discord.ButtonStyle.primary
        super().__init__(
            discord.ui.Button(
                label=truncate(label, LABEL_LIMIT),
                style=style,
                custom_id=self.ids.format(owner=owner, action=action, role=role),
            )
        )
        self.owner_id = owner
        self.action = action
        self.role = role

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        client = interaction.client
        services = client.services
        role = self.role
        if self.action == "review_resume":
            await send_ephemeral(interaction, SEND_RESUME)
        elif self.action == "cover_letter":
            profile = await services.guide.profile_for(interaction.user.id)
            answer = services.guide.cover_letter(profile, role=role)
            await interaction.response.send_message(embed=guide_embed(answer), ephemeral=True)
        elif self.action == "check_pay":
            if role is None:
                await send_ephemeral(interaction, NEEDS_ROLE)
                return
            stored = await services.profile.get(interaction.user.id)
            place = stored.locations[0] if stored is not None and stored.locations else None
            figure = services.career.pay(role, place)
            await interaction.response.send_message(figure.text, ephemeral=True)
        elif self.action == "job_search" and has_listener(client, FIND_JOBS):
            # No role on the answer (a playbook topic): the search takes the person's profile
            await interaction.response.defer(thinking=True, ephemeral=True)
            client.dispatch(FIND_JOBS, interaction, role)
        elif self.action == "practice_interview" and has_listener(client, INTERVIEW_START_CLICK):
            await interaction.response.defer(
                thinking=True, ephemeral=interaction.guild_id is not None
            )
            client.dispatch(INTERVIEW_START_CLICK, interaction, role or "General")
        elif self.action in ("career_paths", "skill_gap") and has_listener(client, CAREER_CLICK):
            if self.action == "skill_gap" and role is None:
                await send_ephemeral(interaction, NEEDS_ROLE)
                return
            ask: ShowCareerPaths | ShowSkillGap = (
                ShowSkillGap(role=role)
                if self.action == "skill_gap" and role is not None
                else ShowCareerPaths(
                    CareerRequest(
                        user_id=interaction.user.id,
                        display_name=interaction.user.display_name,
                    )
                )
            )
            client.dispatch(CAREER_CLICK, interaction, ask)
        else:
            await send_ephemeral(interaction, "That tool isn't available on this bot right now.")


class ClarifyButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id=f"cm:gclar:{{owner:int}}:{{kind:{KINDS}}}:{{first:text}}[|{{second:text}}]",
):
    """One reading of an unclear question: the answer for it, privately."""

    refusal = NOT_YOURS

    def __init__(
        self, owner: int, kind: str, first: str, second: str | None = None, label: str = "…"
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=truncate(label, LABEL_LIMIT),
                style=discord.ButtonStyle.secondary,
                custom_id=self.ids.format(owner=owner, kind=kind, first=first, second=second),
            )
        )
        self.owner_id = owner
        self.kind = kind
        self.route_ids = (first,) if second is None else (first, second)

    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> ClarifyButton:
        label = item.label if isinstance(item, discord.ui.Button) and item.label else "…"
        return cls(
            values.integer("owner"),
            values.text("kind"),
            values.text("first"),
            values.optional_text("second"),
            label,
        )

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        guide = interaction.client.services.guide
        route = GuideRoute(question="", kind=self.kind, ids=self.route_ids)  # type: ignore[arg-type]
        profile = await guide.profile_for(interaction.user.id)
        answer = guide.answer_route(route, profile)
        view = guide_view(answer, interaction.user.id)
        if view is None:
            await interaction.response.send_message(embed=guide_embed(answer), ephemeral=True)
        else:
            await interaction.response.send_message(
                embed=guide_embed(answer), view=view, ephemeral=True
            )


def _fits(value: str) -> bool:
    return bool(value) and len(value) <= 48 and not any(c in value for c in ":|\n")


def guide_view(answer: GuideAnswer, owner_id: int) -> discord.ui.View | None:
    """The answer's follow-up tools and, for an unclear question, its two readings."""
    view = discord.ui.View(timeout=None)
    for option in answer.options[:4]:
        ids = option.ids[:2]
        if ids and all(_fits(i) for i in ids):
            second = ids[1] if len(ids) > 1 else None
            view.add_item(ClarifyButton(owner_id, option.kind, ids[0], second, option.label))
    for follow in answer.actions[:4]:
        view.add_item(GuideActionButton(owner_id, follow.action, follow.role, follow.label))
    return view if view.children else None


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (GuideActionButton, ClarifyButton)
