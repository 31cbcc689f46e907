"""The conversation feature: free text (a DM, a mention, the terminal) -> one typed action.

The classifier (`intents`), the router that turns its result into an `Action`, saving stated
facts with Undo (`memory`), and small talk with the model (`chat`), behind one façade,
`Conversation`. Discord-free.
"""

from careermate_bot.services.conversation.actions import (
    Action,
    ModelChat,
    Origin,
    Reply,
    ReviewResume,
    SearchJobs,
    ShowCareerPaths,
    ShowGuide,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    ShowSkillGap,
    StartInterview,
    Turn,
)
from careermate_bot.services.conversation.chat import CLI_USER_ID, ChatService
from careermate_bot.services.conversation.intents import (
    INTENTS,
    ConversationContext,
    Intent,
    IntentResult,
    IntentSlots,
    classify,
)
from careermate_bot.services.conversation.memory import SavedChange
from careermate_bot.services.conversation.router import (
    HELP_TEXT,
    STEER_BACK,
    privacy_summary,
)
from careermate_bot.services.conversation.service import Conversation

__all__ = [
    "CLI_USER_ID",
    "HELP_TEXT",
    "INTENTS",
    "STEER_BACK",
    "Action",
    "ChatService",
    "Conversation",
    "ConversationContext",
    "Intent",
    "IntentResult",
    "IntentSlots",
    "ModelChat",
    "Origin",
    "Reply",
    "ReviewResume",
    "SavedChange",
    "SearchJobs",
    "ShowCareerPaths",
    "ShowGuide",
    "ShowPay",
    "ShowPrivacy",
    "ShowSaved",
    "ShowSkillGap",
    "StartInterview",
    "Turn",
    "classify",
    "privacy_summary",
]
