"""The profile feature: what CareerMate remembers about each person (Discord-free).

    profiles = ProfileService(knowledge)             # built once in the container
    snapshot = await profiles.get_or_create(user_id, "Sam")
    await profiles.update(user_id, add_skills=["Python"])

The functions below (`get_profile`, `update_profile`, `append_message`, ...) are the stateless
database operations the façade delegates to; tests and scripts may call them directly.
"""

from careermate_bot.services.profile.form import Prefill, ProfileForm, parse_years
from careermate_bot.services.profile.history import (
    MAX_HISTORY,
    MessageSnapshot,
    append_message,
    clear_history,
    count_messages,
    recent_history,
)
from careermate_bot.services.profile.privacy import (
    EXPORT_FORMAT,
    OTHER_MEMBER,
    delete_user_data,
    export_user_data,
)
from careermate_bot.services.profile.service import ProfileService
from careermate_bot.services.profile.store import (
    MAX_DISPLAY_NAME,
    MAX_EXPERIENCE_YEARS,
    MAX_ITEM_LENGTH,
    MAX_LIST_ITEMS,
    MAX_SALARY,
    UNSET,
    ProfileError,
    ProfileSnapshot,
    add_skills,
    capped_note,
    get_or_create,
    get_profile,
    keep_newest,
    merge_unique,
    update_profile,
)

__all__ = [
    "EXPORT_FORMAT",
    "MAX_DISPLAY_NAME",
    "MAX_EXPERIENCE_YEARS",
    "MAX_HISTORY",
    "MAX_ITEM_LENGTH",
    "MAX_LIST_ITEMS",
    "MAX_SALARY",
    "OTHER_MEMBER",
    "UNSET",
    "MessageSnapshot",
    "Prefill",
    "ProfileError",
    "ProfileForm",
    "ProfileService",
    "ProfileSnapshot",
    "add_skills",
    "append_message",
    "capped_note",
    "clear_history",
    "count_messages",
    "delete_user_data",
    "export_user_data",
    "get_or_create",
    "get_profile",
    "keep_newest",
    "merge_unique",
    "parse_years",
    "recent_history",
    "update_profile",
]
