"""Render the status service's `StatusReport` as one embed that always fits Discord's limits."""

from __future__ import annotations

import discord

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.services.status import GatewayState, LLMReport, StatusReport

READY_COLOUR = discord.Colour(0x57C7A0)
NOT_READY_COLOUR = discord.Colour(0xE5534B)
SHARDS_LISTED = 8  # more shards than this: a summary line only


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"
    return f"{value:.1f} s"


def _duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def _counts(values: dict[str, int], limit: int = 6) -> str:
    ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name} {count:,}" for name, count in ranked[:limit])
    more = len(ranked) - limit
    return shown + (f" (+{more} more)" if more > 0 else "") if ranked else "none"


def _discord(report: StatusReport, gateway: GatewayState | None) -> str:
    lines = []
    if gateway is None:
        lines.append("not connected yet")
    else:
        total = len(gateway.shards)
        of_all = f" of {gateway.shard_count}" if gateway.shard_count else ""
        lines.append(f"shards {gateway.connected}/{total} connected{of_all}")
        latencies = [s.latency for s in gateway.shards if s.latency is not None]
        if latencies:
            lines.append(f"latency {_seconds(sum(latencies) / len(latencies))} avg")
        if 0 < total <= SHARDS_LISTED:
            lines.append(" ".join(f"#{s.id} {'✓' if s.connected else '✗'}" for s in gateway.shards))
        lines.append(f"servers {gateway.guilds:,}")
    lines.append(f"REST calls {report.rest_requests:,} · 429s {report.rate_limited:,}")
    return "\n".join(lines)


def _traffic(report: StatusReport) -> str:
    messages = sum(report.messages.values())
    interactions = sum(report.interactions.values())
    return "\n".join(
        [
            f"messages {messages:,} ({_counts(report.messages)})",
            f"interactions {interactions:,} ({_counts(report.interactions)})",
            f"intents: {_counts(report.intents, 5)}",
        ]
    )


def _llm(llm: LLMReport | None) -> str:
    if llm is None:
        return "no model configured (deterministic text only)"
    ok = f"{llm.succeeded:,}/{llm.requests:,} ok"
    speed = (
        f"{llm.avg_tokens_per_second:.1f} tok/s" if llm.avg_tokens_per_second is not None else "-"
    )
    return "\n".join(
        [
            f"{llm.provider} · {llm.model}",
            f"running {llm.running}/{llm.max_concurrency} · waiting {llm.waiting}/{llm.queue_size}",
            f"wait {_seconds(llm.avg_queue_wait)} · first token {_seconds(llm.avg_first_token)}"
            f" · {speed} (averages)",
            f"{ok} · errors: {_counts(llm.errors, 4)}",
        ]
    )


def status_embed(report: StatusReport) -> discord.Embed:
    ready = report.readiness.ready
    role = f"leader ({report.leadership})" if report.leader else "follower"
    embed = discord.Embed(
        title=f"CareerMate status: {'ready' if ready else 'NOT READY'}",
        description=f"pid {report.pid} · up {_duration(report.uptime)} · {role}",
        colour=READY_COLOUR if ready else NOT_READY_COLOUR,
    )
    checks = "\n".join(
        f"{'✓' if c.ok else '✗'} {c.name}: {c.detail}" for c in report.readiness.checks
    )
    embed.add_field(name="Readiness", value=checks, inline=False)
    embed.add_field(name="Discord", value=_discord(report, report.gateway), inline=True)
    embed.add_field(name="Traffic", value=_traffic(report), inline=True)
    embed.add_field(name="Language model", value=_llm(report.llm), inline=False)
    database = (
        f"{report.database} · {_seconds(report.db_latency)}"
        if report.db_latency is not None
        else f"{report.database} · no answer"
    )
    embed.add_field(name="Database", value=database, inline=True)
    embed.add_field(
        name="Event loop",
        value=f"lag {_seconds(report.loop_lag)} now · {_seconds(report.loop_lag_max)} max (1 min)",
        inline=True,
    )
    embed.add_field(name="Errors logged", value=_counts(report.errors, 5), inline=False)
    embed.set_footer(
        text=f"Prometheus: {report.metrics_url}"
        if report.metrics_url
        else "Metrics endpoint off (set METRICS_PORT to serve /metrics, /healthz, /readyz)"
    )
    return fit_embed(embed)
