"""CareerMate as a cluster, end to end over the real network path: 4 `careermate run` processes
started by `careermate cluster`, Discord's sharding (shard 0 alone), shard leases and identify
slots in a real Redis, user data in a real PostgreSQL, fake model servers, and a fake Discord
on 127.0.0.1 that an unmodified discord.py talks to (tests/cluster/fake_discord).

The tests run in order against one cluster (module fixture) and assert outcomes, never speeds;
the figures they print (reply-start p50/p99, recovery times, REST calls per reply, 429s, memory)
go to the terminal summary and, when scripts/test_cluster.sh runs them, docs/reliability.md.

Assertions that need the other helpers' pieces skip with the name of what they wait for (see
`waiting_on`); each becomes strict as soon as its piece is on main.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import asyncpg
import pytest

from careermate_bot.bot import bot_intents
from careermate_bot.config import Settings
from tests.cluster.conftest import GATE_CAPACITY, LEASE_SECONDS, PROCESSES, SHARD_COUNT, Cluster
from tests.cluster.fake_discord import FakeDiscord
from tests.cluster.fake_discord.model import Interaction, Message
from tests.cluster.figures import write_reliability_figures
from tests.cluster.workload import DmRecord, Workload
from tests.load.fake_llm import peak_overlap

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.timeout(900),
]
ROOT = Path(__file__).resolve().parents[2]
IDENTIFY_WINDOW = 5.0


def waiting_on(available: bool, what: str) -> None:
    """Skip an assertion whose piece has not landed yet, saying whose piece it is."""
    if not available:
        pytest.skip(f"waiting on {what}")


def has_setting(name: str) -> bool:
    return name in Settings.model_fields


def has_package(relative: str) -> bool:
    """A package of this checkout (not another checkout an editable install may also reach)."""
    return (ROOT / relative / "__init__.py").is_file()


def wired(name: str, *folders: str) -> bool:
    """Whether the Discord front end uses `name` (e.g. the shared message budget) anywhere."""
    return any(
        name in path.read_text(encoding="utf-8")
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
    )


SEND = "POST /channels/{channel_id}/messages"
EDIT = "PATCH /channels/{channel_id}/messages/{message_id}"
# The fleet shares Discord's 50 requests/s once cl-redis's message budget paces the edits.
BUDGET_WIRED = wired("discord_budget", "careermate_bot/discord_ui", "cogs") or "discord_budget" in (
    ROOT / "careermate_bot/bot.py"
).read_text(encoding="utf-8")


async def sample_shards(cluster: Cluster, seconds: float) -> list[dict[int, int]]:
    """Live sessions per shard, sampled every 0.2 s for `seconds`."""
    samples = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        live = cluster.fake.gateway.live_sessions()
        samples.append({s: sum(1 for x in live if x.shard_id == s) for s in range(SHARD_COUNT)})
        await asyncio.sleep(0.2)
    return samples


async def until(predicate: Callable[[], object], within: float, step: float = 0.2) -> float:
    """Wait for `predicate()`; the seconds it took (fails after `within`)."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > within:
            raise AssertionError(f"not reached within {within}s")
        await asyncio.sleep(step)
    return time.monotonic() - started


def one_session_per_shard(cluster: Cluster) -> bool:
    live = cluster.fake.gateway.live_sessions()
    return sorted(s.shard_id for s in live) == list(range(SHARD_COUNT))


async def check_exactly_once(
    cluster: Cluster, records: list[DmRecord], within: float, phase: str
) -> None:
    """Every DM reached one live session and was taken on once, with its own answer, never
    left silent. Answered *in full* (no "something went wrong" note where the answer should
    be) is strict once the fleet shares Discord's budget (see BUDGET_WIRED); until then the
    notes are a figure: they come from discord.py giving up after five 429s in a row."""
    work = cluster.workload
    unanswered = await work.wait_answered(records, within)
    undelivered = [r.tag for r in records if not r.sent.delivered]
    assert not undelivered, f"DMs no live session received: {undelivered[:10]}"
    assert not work.doubled(records), f"DMs answered twice: {work.doubled(records)[:10]}"
    assert not work.wrong_answers(records), work.wrong_answers(records)[:5]
    silent = [r.tag for r in unanswered if not work.replies(r)]
    assert not silent, f"DMs that got no reply at all: {silent[:10]}"
    failed = work.failed(records)
    if unanswered:
        cluster.figure(
            f"{phase}: DMs answered with a note instead of the answer",
            f"{len(unanswered)} of {len(records)} (e.g. {failed[0][1] if failed else '?'})",
        )
    if BUDGET_WIRED:
        assert not unanswered, f"not answered in full: {[r.tag for r in unanswered][:10]}"
        assert not failed, f"DMs answered with an error note: {failed[:10]}"


# -- 1. start-up ----------------------------------------------------------------------------------
async def test_every_shard_connects_once_with_identifies_spaced(cluster: Cluster) -> None:
    """Four processes start at once; every IDENTIFY goes through the shared identify slot, so
    Discord (the fake) never has to refuse one, and each shard has exactly one session."""
    started = time.monotonic()
    await until(lambda: one_session_per_shard(cluster), within=180)
    await until(lambda: cluster.fake.command_syncs >= 1, within=60)
    cluster.figure(
        "cluster start (4 processes to 4 live shards)", f"{time.monotonic() - started:.1f} s"
    )
    gateway = cluster.fake.gateway
    accepted = [e for e in gateway.identify_log if e["accepted"]]
    assert gateway.early_identifies == 0, gateway.identify_log
    times = sorted(e["at"] for e in accepted)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= IDENTIFY_WINDOW for gap in gaps), gaps  # max_concurrency 1: one bucket
    assert {e["intents"] for e in accepted} == {bot_intents().value}
    assert {e["count"] for e in accepted} == {SHARD_COUNT}
    assert set(cluster.fleet.children()) == set(range(PROCESSES))


# -- 2. the workload ------------------------------------------------------------------------------
async def test_dms_and_commands_answered_exactly_once(cluster: Cluster) -> None:
    """Hundreds of users: DMs (all on shard 0, process 0), @mentions in servers on every
    shard, slash commands and buttons in DMs and servers, mock interviews."""
    fake, work = cluster.fake, cluster.workload
    rest_before = fake.rest.counters.channel_message_calls()
    requests_before = dict(fake.rest.counters.requests)
    dms = await work.wave(range(1, 201), "workload", per_second=5)
    # One REST budget (50/s) for the whole fleet and no fleet-wide edit budget yet: let the DM
    # replies finish before the servers' traffic starts (the squeeze test covers the pressure).
    await check_exactly_once(cluster, dms, within=240, phase="200 DMs at 5/s")
    mentions = []
    for number in range(201, 241):
        guild = fake.guilds[number % len(fake.guilds)]
        sent = await fake.send_guild_message(
            fake.user(number), guild, f"u{number}m1 thanks! what else should I keep in mind?"
        )
        mentions.append(DmRecord(user=fake.user(number), tag=f"u{number}m1", sent=sent))
        await asyncio.sleep(0.2)  # the fleet shares one REST budget: stay well under 50/s
    interactions: list[Interaction] = []
    for number in range(241, 281):
        guild = None if number % 2 else fake.guilds[number % len(fake.guilds)]
        interactions.append(await fake.slash(fake.user(number), "help", guild=guild))
    interviews = []
    for number in range(281, 301):
        interviews.append(
            await fake.slash(fake.user(number), "interview start", role="Data Scientist")
        )
        await asyncio.sleep(0.1)
    await check_exactly_once(cluster, mentions, within=120, phase="40 @mentions")
    await fake.wait_for(lambda: all(i.callback_type for i in interactions + interviews), within=60)
    # Buttons: each interviewee skips the first question (a click on the interview's message).
    clicks = []
    for interview in interviews:
        message = await fake.wait_for(lambda i=interview: _with_buttons(fake, i), within=60)
        skip = next(c for c in message.custom_ids() if c.startswith("cm:iv:skip:"))
        clicks.append(await fake.click(interview.user, message, skip))
    await fake.wait_for(lambda: all(c.callback_type for c in clicks), within=60)
    everything = interactions + interviews + clicks
    assert all(len(i.delivered_to) == 1 for i in everything), "an interaction reached two sessions"
    assert not [i for i in everything if i.double_callbacks], "an interaction answered twice"
    answered = dms + mentions
    calls = fake.rest.counters.channel_message_calls() - rest_before
    cluster.figure(
        "reply start (DM to first bot message)",
        Workload.latency_line(work.reply_start_seconds(dms)),
    )
    cluster.figure(
        "reply start (@mention in a server)",
        Workload.latency_line(work.reply_start_seconds(mentions)),
    )
    requests = fake.rest.counters.requests
    sends = requests[SEND] - requests_before.get(SEND, 0)
    edits = requests[EDIT] - requests_before.get(EDIT, 0)
    cluster.figure(
        "REST channel-message calls per reply",
        f"{calls / max(1, len(answered)):.2f} ({sends} sends, {edits} edits, "
        f"{calls - sends - edits} other, for {len(answered)} replies)",
    )
    late = sum(i.late_callbacks for i in everything)
    cluster.figure("interactions answered after Discord's 3 s", f"{late} of {len(everything)}")
    cluster.figure("429s so far", _limits_line(cluster))


def _with_buttons(fake: FakeDiscord, interaction: Interaction) -> Message | None:
    message = fake.messages.get(interaction.original or 0)
    return message if message is not None and message.custom_ids() else None


def _limits_line(cluster: Cluster) -> str:
    counters = cluster.fake.rest.counters
    return (
        f"{counters.limited} ({counters.limited_global} global, "
        f"{sum(counters.limited_route.values())} per route) of {counters.total} requests"
    )


# -- 3. a second process claims a held shard --------------------------------------------------
async def test_second_process_given_a_held_shard_never_connects_it(cluster: Cluster) -> None:
    fake, fleet = cluster.fake, cluster.fleet
    identifies_before = len([e for e in fake.gateway.identify_log if e["shard"] == 0])
    fleet.start_extra("standby", SHARD_IDS="0")
    await until(lambda: "waiting for its lease" in fleet.log("standby"), within=90)
    samples = await sample_shards(cluster, 2 * LEASE_SECONDS)
    assert all(s[0] == 1 for s in samples), "shard 0 had a second session"
    identifies = [e for e in fake.gateway.identify_log if e["shard"] == 0]
    assert len(identifies) == identifies_before, "the standby identified on a held shard"
    records = await cluster.workload.wave(range(301, 321), "standby", per_second=5)
    await check_exactly_once(cluster, records, within=60, phase="standby waiting")


# -- 4. kill -9 -----------------------------------------------------------------------------------
async def test_kill_9_frees_the_lease_and_another_process_takes_the_shard(cluster: Cluster) -> None:
    """Process 0 (shard 0, every DM) dies with SIGKILL mid-traffic: its lease expires, the
    standby (or the restarted process 0) takes shard 0, DMs are answered again, exactly once;
    the launcher restarts process 0, which then waits for the lease."""
    fake, fleet, work = cluster.fake, cluster.fleet, cluster.workload
    before = await work.wave(range(321, 341), "before kill", per_second=10)
    killed_at = time.monotonic()
    fleet.kill9(0)
    await until(lambda: not fake.gateway.live_sessions(0), within=10)
    await until(lambda: len(fake.gateway.live_sessions(0)) == 1, within=120)
    takeover = time.monotonic() - killed_at
    after = await work.wave(range(341, 361), "after kill", per_second=5)
    await check_exactly_once(cluster, after, within=90, phase="after kill -9")
    answered_again = max(r.at for r in after) - killed_at
    lost = [r.tag for r in before if r.sent.delivered and not work.answered(r)]
    assert not work.doubled(before)
    samples = await sample_shards(cluster, 2 * LEASE_SECONDS)
    assert all(s[0] == 1 for s in samples), "two sessions on shard 0 after the takeover"
    await until(lambda: 0 in fleet.children(), within=60)  # the launcher restarted it
    assert "exited with code -9" in fleet.launcher_log()
    cluster.figure("kill -9 of process 0: shard 0 live again after", f"{takeover:.1f} s")
    cluster.figure("kill -9 of process 0: DMs answered again within", f"{answered_again:.1f} s")
    cluster.figure("kill -9 of process 0: DMs in flight lost", f"{len(lost)} of {len(before)}")


# -- 5. the REST budget ---------------------------------------------------------------------------
async def test_rest_budget_squeezed_429s_retried_never_a_double_answer(cluster: Cluster) -> None:
    """Discord's global limit squeezed to 10 requests/s: the fake answers 429 with
    retry_after, discord.py waits and retries, and no DM is ever answered twice. Every DM
    answered in full under the squeeze needs the fleet-wide edit budget (cl-redis's token
    bucket, cl-fleet's cheaper streaming); until then the failures are a figure."""
    fake, work = cluster.fake, cluster.workload
    limited_before = fake.rest.counters.limited_global
    fake.rest.budget.global_limit = 10
    try:
        records = await work.wave(range(361, 421), "budget", per_second=10)
        await work.wait_answered(records, within=60)
    finally:
        fake.rest.budget.global_limit = 50
    limited = fake.rest.counters.limited_global - limited_before
    assert limited > 0, "the squeezed budget never answered 429"
    assert not work.doubled(records), work.doubled(records)
    incomplete = [r for r in records if not work.answered(r)]
    cluster.figure(
        "global limit squeezed to 10/s, 60 DMs at 10/s",
        f"{limited} global 429s; {len(records) - len(incomplete)} answered in full, "
        f"{len(incomplete)} not (the fleet holds for Retry-After and retries)",
    )
    waiting_on(
        BUDGET_WIRED,
        "the lead/cl-fleet: shared.discord_budget (cl-redis) wired into the streaming edits",
    )
    assert not incomplete, [r.tag for r in incomplete][:10]


# -- 6. Redis restarted ---------------------------------------------------------------------------
async def test_redis_restart_keeps_one_session_per_shard(cluster: Cluster) -> None:
    """Redis restarts and forgets every key: each holder takes its own lease back on its next
    renewal; nobody else may claim an absent lease until a full lease period has passed."""
    restarted = time.monotonic()
    cluster.redis.restart()
    samples = await sample_shards(cluster, 3 * LEASE_SECONDS)
    assert all(max(s.values()) <= 1 for s in samples), "a shard had two sessions"
    dropped = sum(1 for s in samples if min(s.values()) == 0)
    await until(lambda: one_session_per_shard(cluster), within=120)
    records = await cluster.workload.wave(range(421, 441), "redis restart", per_second=5)
    await check_exactly_once(cluster, records, within=90, phase="after the Redis restart")
    cluster.figure(
        "Redis restart (every key lost)",
        f"never two sessions on a shard; a shard without a session in {dropped} of "
        f"{len(samples)} samples over {3 * LEASE_SECONDS:.0f} s; all live "
        f"{time.monotonic() - restarted:.0f} s after the restart at the latest",
    )


# -- 7. PostgreSQL restarted ----------------------------------------------------------------------
async def test_postgres_restart_then_dms_answered_again(cluster: Cluster) -> None:
    work = cluster.workload
    started = time.monotonic()
    cluster.postgres.restart(down_seconds=2.0)
    number = 441
    while True:  # a user who keeps trying until CareerMate answers properly again
        record = await work.dm(number, "postgres restart")
        number += 1
        await work.wait_answered([record], within=15)
        if any(r.content.startswith("Answer ") for r in work.replies(record)):
            break
        assert time.monotonic() - started < 120, "no proper answer within 120 s of the restart"
    recovered = time.monotonic() - started
    records = await work.wave(range(number, number + 20), "after postgres", per_second=5)
    await check_exactly_once(cluster, records, within=90, phase="after the PostgreSQL restart")
    cluster.figure("PostgreSQL restart: model answers again after", f"{recovered:.1f} s")


# -- 8. a graceful handover ----------------------------------------------------------------------
async def test_sigterm_releases_the_lease_and_the_waiting_process_takes_over(
    cluster: Cluster,
) -> None:
    """The standby (holding shard 0 since the kill) stops with SIGTERM: it finishes its work,
    closes the shard and releases the lease; the restarted process 0 takes shard 0 at once,
    without waiting for the lease to expire."""
    fake, fleet = cluster.fake, cluster.fleet
    standby = fleet.extras["standby"]
    stopped = time.monotonic()
    standby.terminate()
    await asyncio.to_thread(standby.wait, 60)
    await until(lambda: len(fake.gateway.live_sessions(0)) == 1, within=60)
    handover = time.monotonic() - stopped
    assert "lease acquired" in fleet.log(0).rsplit("waiting for its lease", 1)[-1]
    records = await cluster.workload.wave(range(481, 501), "handover", per_second=5)
    await check_exactly_once(cluster, records, within=90, phase="after the handover")
    cluster.figure("SIGTERM of shard 0's holder: shard 0 live again after", f"{handover:.1f} s")


# -- 9. the other helpers' pieces -----------------------------------------------------------------
async def test_at_most_one_active_interview_per_user(cluster: Cluster) -> None:
    """Two processes start an interview for the same user at once (servers on different
    shards): the database keeps one active session (cl-ops: a partial unique index)."""
    conn = await asyncpg.connect(cluster.postgres.url)
    try:
        index = await conn.fetchval(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'interview_sessions' "
            "AND indexdef ILIKE '%UNIQUE%' AND indexdef ILIKE '%WHERE%'"
        )
        waiting_on(bool(index), "cl-ops: the partial unique index on active interviews")
        fake = cluster.fake
        racers = []
        for number in range(520, 540):
            user = fake.user(number)
            shard_1 = fake.guild_for_shard(1, SHARD_COUNT)
            shard_2 = fake.guild_for_shard(2, SHARD_COUNT)
            racers += await asyncio.gather(
                fake.slash(user, "interview start", guild=shard_1, role="Data Scientist"),
                fake.slash(user, "interview start", guild=shard_2, role="Data Scientist"),
            )
        await fake.wait_for(lambda: all(r.callback_type for r in racers), within=60)
        doubled = await conn.fetch(
            "SELECT u.discord_id, count(*) FROM interview_sessions s JOIN user_profiles u "
            "ON u.id = s.user_id WHERE s.status = 'active' GROUP BY 1 HAVING count(*) > 1"
        )
        assert not doubled, doubled
    finally:
        await conn.close()


async def test_per_user_limits_hold_fleet_wide(cluster: Cluster) -> None:
    """One user @mentions the bot in servers on three shards (three processes): the chat limit
    (6 a minute) holds across them (cl-redis: the Redis sliding window)."""
    waiting_on(has_package("careermate_bot/shared"), "cl-redis: careermate_bot/shared (limits)")
    fake = cluster.fake
    user = fake.user(600)
    records = []
    for index in range(12):
        guild = fake.guild_for_shard(1 + index % 3, SHARD_COUNT)
        sent = await fake.send_guild_message(
            user, guild, f"u600m{index + 1} thanks! what else should I keep in mind?"
        )
        records.append(DmRecord(user=user, tag=f"u600m{index + 1}", sent=sent))
    await asyncio.sleep(15)
    answered = [r for r in records if cluster.workload.replies(r)]
    model_answers = [
        r for r in answered if any("Answer " in m.content for m in cluster.workload.replies(r))
    ]
    assert len(model_answers) <= 6, f"{len(model_answers)} model answers in a minute"


async def test_engines_never_run_more_than_the_gate_allows(cluster: Cluster) -> None:
    """The fleet-wide gate caps generations across all four processes. Each engine records
    when every generation ran (the host's monotonic clock, the same for every process); the
    most generations open at one instant over all engines is the fleet's true peak. (The sum
    of each engine's own peak is no measure: with three engines it reaches 6 with the fleet
    never above 4, the peaks falling at different times.) The whole run so far counts: the
    kill -9, the REST squeeze and the Redis restart included."""
    waiting_on(has_package("careermate_bot/shared"), "cl-redis: the fleet-wide LLM gate")
    stats = [engine.stats for engine in cluster.engines]
    spans = [span for s in stats for span in s.spans]
    fleet_peak = peak_overlap(spans)
    cluster.figure(
        "generations at once (fleet-wide gate 4)",
        f"peak {fleet_peak} over {len(spans)} generations "
        f"(engines' own peaks {', '.join(str(s.max_concurrent) for s in stats)})",
    )
    assert len(spans) > 100, "the engines saw too little traffic to tell"
    assert fleet_peak <= GATE_CAPACITY, f"engines ran {fleet_peak} at once, gate {GATE_CAPACITY}"
    # One generation per user at a time, fleet-wide (user 600's @mentions went to three
    # processes at once in the limits test).
    by_user: dict[str, list[Sequence[object]]] = {}
    for span in spans:
        if span[2]:
            by_user.setdefault(str(span[2]), []).append(span)
    doubled = {user: n for user, own in by_user.items() if (n := peak_overlap(own)) > 1}
    assert len(by_user.get("600", [])) >= 2, "user 600's generations were not seen"
    assert not doubled, f"users with two generations at once: {doubled}"


async def test_engine_killed_and_hung_only_in_flight_streams_fail(cluster: Cluster) -> None:
    waiting_on(has_setting("llm_base_urls"), "cl-fleet: LLM_BASE_URLS (a fleet of engines)")
    from tests.load.fake_llm import Fault

    work = cluster.workload
    cluster.engines[1].inject(Fault(kind="stall", count=1000, stall_seconds=60, after_tokens=0))
    cluster.engines[2].stop()
    records = await work.wave(range(700, 740), "engines down", per_second=10)
    await check_exactly_once(cluster, records, within=120, phase="engines down")
    cluster.engines[1].clear_faults()


# -- figures --------------------------------------------------------------------------------------
async def test_figures(cluster: Cluster) -> None:
    """Not an assertion: memory per process and the totals, printed and written to the docs."""
    memory = cluster.fleet.memory()
    cluster.figure(
        "memory per bot process (RSS)",
        ", ".join(f"{name} {mib:.0f} MiB" for name, mib in memory.items()),
    )
    cluster.figure("429s in the whole run", _limits_line(cluster))
    counters = cluster.fake.rest.counters
    assert not counters.unknown_routes, counters.unknown_routes
    assert not counters.refused_payloads, counters.refused_payloads[:5]
    write_reliability_figures(ROOT, cluster.figures)
