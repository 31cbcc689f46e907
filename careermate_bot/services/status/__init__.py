"""The status feature: what operators see of one process (Discord-free).

    status = services.status                      # built once in the container
    await status.start()                          # monitors; /metrics /healthz /readyz if set
    status.record_message("dm")                   # the bot feeds it as things happen
    report = await status.report()                # what /status shows
    readiness = await status.readiness()          # what /readyz answers

Prometheus metrics live in their own registry (`Metrics`); gauges that describe a state (the LLM
queue, the shards, leadership) are read at scrape time. See docs/deploy.md for the names.
"""

from careermate_bot.services.status.metrics import Metrics, StateSources
from careermate_bot.services.status.rest import rate_limit_scope, rest_trace
from careermate_bot.services.status.service import StatusService
from careermate_bot.services.status.types import (
    Check,
    GatewayProbe,
    GatewayState,
    LLMReport,
    Readiness,
    ShardState,
    StatusReport,
)

__all__ = [
    "Check",
    "GatewayProbe",
    "GatewayState",
    "LLMReport",
    "Metrics",
    "Readiness",
    "ShardState",
    "StateSources",
    "StatusReport",
    "StatusService",
    "rate_limit_scope",
    "rest_trace",
]
