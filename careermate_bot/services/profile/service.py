"""`ProfileService`: the profile feature's one façade (what CareerMate remembers about a person).

Every other feature reads and writes profiles through it (it is built once in the container and
handed to the services that need it), and so do the profile cog and the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.profile import form, history, privacy, store
from careermate_bot.services.profile.form import Prefill, ProfileForm, SkillCanonicaliser
from careermate_bot.services.profile.history import MessageSnapshot
from careermate_bot.services.profile.store import UNSET, ProfileSnapshot, _Unset
from models import MessageRole, MessageSource


class ProfileService:
    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    # -- the profile ------------------------------------------------------------------------------
    async def get(self, user_id: int) -> ProfileSnapshot | None:
        """The stored profile, or None when nothing is stored (nothing is created)."""
        return await store.get_profile(user_id)

    async def get_or_create(self, user_id: int, display_name: str | None = None) -> ProfileSnapshot:
        return await store.get_or_create(user_id, display_name)

    async def update(
        self,
        user_id: int,
        *,
        display_name: str | _Unset = UNSET,
        skills: Iterable[str] | _Unset = UNSET,
        add_skills: Iterable[str] = (),
        remove_skills: Iterable[str] = (),
        locations: Iterable[str] | _Unset = UNSET,
        add_locations: Iterable[str] = (),
        remove_locations: Iterable[str] = (),
        remote_ok: bool | _Unset | None = UNSET,
        min_salary: int | _Unset | None = UNSET,
        experience_years: float | _Unset | None = UNSET,
        target_roles: Iterable[str] | _Unset = UNSET,
        add_target_roles: Iterable[str] = (),
        remove_target_roles: Iterable[str] = (),
        preferences: Mapping[str, Any] | _Unset = UNSET,
    ) -> ProfileSnapshot:
        """Change some fields in one transaction (see `store.update_profile`)."""
        return await store.update_profile(
            user_id,
            display_name=display_name,
            skills=skills,
            add_skills=add_skills,
            remove_skills=remove_skills,
            locations=locations,
            add_locations=add_locations,
            remove_locations=remove_locations,
            remote_ok=remote_ok,
            min_salary=min_salary,
            experience_years=experience_years,
            target_roles=target_roles,
            add_target_roles=add_target_roles,
            remove_target_roles=remove_target_roles,
            preferences=preferences,
        )

    async def first_target_role(self, user_id: int) -> str | None:
        """The first role the person said they aim for, if any."""
        profile = await store.get_profile(user_id)
        return profile.target_roles[0] if profile is not None and profile.target_roles else None

    # -- the edit form ----------------------------------------------------------------------------
    def form_prefill(self, profile: ProfileSnapshot, limits: dict[str, int]) -> dict[str, Prefill]:
        return form.form_prefill(profile, limits)

    def form_fields(self, profile: ProfileSnapshot) -> dict[str, str]:
        return form.form_defaults(profile)

    def read_form(
        self,
        *,
        skills: str,
        locations: str,
        target_roles: str,
        experience: str,
        min_salary: str,
    ) -> ProfileForm:
        """The submitted form, checked, skills in the taxonomy's spelling."""
        canonical: SkillCanonicaliser | None = form.canonicaliser(self.knowledge)
        return form.form_from_text(
            skills=skills,
            locations=locations,
            target_roles=target_roles,
            experience=experience,
            min_salary=min_salary,
            canonical_skill=canonical,
        )

    # -- history ----------------------------------------------------------------------------------
    async def append_message(
        self,
        user_id: int,
        role: MessageRole | str,
        content: str,
        *,
        intent: str | None = None,
        source: MessageSource | str = MessageSource.DM,
    ) -> MessageSnapshot:
        return await history.append_message(user_id, role, content, intent=intent, source=source)

    async def recent_history(self, user_id: int, limit: int = 20) -> list[MessageSnapshot]:
        return await history.recent_history(user_id, limit)

    async def count_messages(self, user_id: int) -> int:
        return await history.count_messages(user_id)

    # -- privacy ----------------------------------------------------------------------------------
    async def export(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about the person (JSON-ready), or None when nothing is."""
        return await privacy.export_user_data(user_id)

    async def delete(self, user_id: int) -> dict[str, int]:
        """Delete everything stored about the person; rows deleted per table."""
        return await privacy.delete_user_data(user_id)
