"""Names of the bot events cogs use to talk to each other (no cog imports another cog).

    bot.dispatch(FIND_JOBS, interaction, occupation_id)      # a component in one feature
    @commands.Cog.listener(f"on_{FIND_JOBS}")                 # handled by another feature

The events and what they carry (typed requests decided once, see docs/architecture.md):
- ``find_jobs(interaction, occupation_id: str)``: the jobs feature answers a "Find jobs for this
  path" click with its results for that occupation (privately).
- ``career_request(message, ShowCareerPaths | ShowSkillGap)``, ``jobs_request(message,
  JobQuery)``: the conversation decided; the career / jobs feature answers the message the way
  its slash command would.
- ``career_click(interaction, ShowCareerPaths | ShowSkillGap)``: another feature's button (a
  guide answer's "Career paths" / "My skill gap") asks the career feature for its result,
  privately.
- ``guide_request(message, ShowGuide)``: the conversation decided on a guide answer; the guide
  feature renders it (an embed with its steps, source and buttons).
- ``resume_request(message, attachment | None)``, ``interview_request(message,
  StartInterview)``, ``interview_answer(message)``: the résumé and interview features.
- ``interview_start_click(interaction, role: str)``: a button in another feature (the résumé
  review's "Practice an interview for <role>") starts a mock interview for `role` (an
  occupation id or title) the way the interview feature's start command does. The button
  defers the click first (ephemeral in servers) so Discord gets its answer within 3 seconds;
  the interview feature's listener then edits that deferred answer into the first question (or
  the resume/start-over choice). Dispatch only when `has_listener(client,
  INTERVIEW_START_CLICK)`; else answer the click yourself.
"""

from __future__ import annotations

FIND_JOBS = "find_jobs"
CAREER_CLICK = "career_click"
GUIDE_REQUEST = "guide_request"
CAREER_REQUEST = "career_request"
JOBS_REQUEST = "jobs_request"
RESUME_REQUEST = "resume_request"
INTERVIEW_REQUEST = "interview_request"
INTERVIEW_ANSWER = "interview_answer"
INTERVIEW_START_CLICK = "interview_start_click"


def has_listener(client: object, event: str) -> bool:
    """Whether a loaded cog listens for `event` (so a click that dispatches it gets an answer)."""
    return bool(getattr(client, "extra_events", {}).get(f"on_{event}"))
