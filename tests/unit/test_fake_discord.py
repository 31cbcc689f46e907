"""The cluster test's fake Discord (tests/cluster/fake_discord) speaks Discord's protocol:
identify rules and close codes, identify spacing per max_concurrency bucket (Invalid Session),
routing by the shard formula (DMs to shard 0, duplicate sessions both served), resume with
replay, the REST budget with Discord's 429 shape; and an unmodified discord.py connects to it
and answers a DM."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from tests.cluster.fake_discord import FakeDiscord

INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord(guilds=4, identify_interval=0.0).start()
    yield server
    await server.stop()


class Socket:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def receive(self) -> dict[str, Any] | int:
        """The next payload, or the close code when the server closed."""
        message = await self.ws.receive(timeout=5.0)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            return int(self.ws.close_code or message.data or 0)
        return json.loads(message.data)  # type: ignore[no-any-return]

    async def send(self, op: int, data: object) -> None:
        await self.ws.send_str(json.dumps({"op": op, "d": data}))

    async def identify(self, token: str, shard: list[int], intents: int = INTENTS) -> None:
        props = {"os": "linux", "browser": "test", "device": "test"}
        await self.send(
            2, {"token": token, "intents": intents, "shard": shard, "properties": props}
        )

    async def until(self, event: str) -> dict[str, Any]:
        while True:
            payload = await self.receive()
            assert isinstance(payload, dict), f"closed with {payload} waiting for {event}"
            if payload.get("t") == event:
                return payload


@pytest.fixture
async def connect(fake: FakeDiscord) -> AsyncIterator[Any]:
    session = aiohttp.ClientSession()

    async def open_socket() -> Socket:
        ws = await session.ws_connect(fake.gateway_url + "?v=10&encoding=json")
        socket = Socket(ws)
        hello = await socket.receive()
        assert isinstance(hello, dict) and hello["op"] == 10
        return socket

    yield open_socket
    await session.close()


@pytest.mark.parametrize(
    ("token", "shard", "intents", "code"),
    [
        ("wrong", [0, 1], INTENTS, 4004),  # authentication failed
        (None, [2, 2], INTENTS, 4010),  # invalid shard
        (None, [0, 1], INTENTS | (1 << 1), 4014),  # members: privileged and not enabled
        (None, [0, 1], 1 << 40, 4013),  # invalid intents
    ],
)
async def test_identify_is_checked_like_discord(
    fake: FakeDiscord, connect: Any, token: str | None, shard: list[int], intents: int, code: int
) -> None:
    socket = await connect()
    await socket.identify(token or fake.token, shard, intents)
    assert await socket.receive() == code


async def test_an_early_identify_gets_invalid_session(fake: FakeDiscord, connect: Any) -> None:
    fake.identify_interval = 5.0
    first, second, third = await connect(), await connect(), await connect()
    await first.identify(fake.token, [0, 2])
    ready = await first.until("READY")
    assert ready["d"]["shard"] == [0, 2]
    await second.identify(fake.token, [1, 2])  # same bucket (max_concurrency 1), too soon
    assert await second.receive() == {"op": 9, "d": False, "s": None, "t": None}
    fake.max_concurrency = 2  # shard 1 is another bucket now
    await third.identify(fake.token, [1, 2])
    assert (await third.until("READY"))["d"]["shard"] == [1, 2]
    assert fake.gateway.early_identifies == 1


async def test_events_follow_the_shard_formula_and_dms_go_to_shard_0(
    fake: FakeDiscord, connect: Any
) -> None:
    zero, one, zero_again = await connect(), await connect(), await connect()
    for socket, shard in ((zero, [0, 2]), (one, [1, 2]), (zero_again, [0, 2])):
        await socket.identify(fake.token, shard)
        ready = await socket.until("READY")
        guild_ids = {int(g["id"]) for g in ready["d"]["guilds"]}
        assert all((g >> 22) % 2 == shard[0] for g in guild_ids)
    user = fake.user(1)
    sent = await fake.send_dm(user, "hello")
    assert len(sent.delivered_to) == 2  # both sessions of shard 0: Discord allows duplicates
    for socket in (zero, zero_again):
        assert (await socket.until("MESSAGE_CREATE"))["d"]["content"] == "hello"
    guild = fake.guild_for_shard(1, 2)
    sent = await fake.send_guild_message(user, guild, "in a server")
    assert len(sent.delivered_to) == 1
    event = await one.until("MESSAGE_CREATE")
    assert event["d"]["guild_id"] == str(guild.id)


async def test_resume_replays_what_was_missed(fake: FakeDiscord, connect: Any) -> None:
    socket = await connect()
    await socket.identify(fake.token, [0, 1])
    ready = await socket.until("READY")
    session_id = ready["d"]["session_id"]
    seq = ready["s"]
    await socket.ws.close(code=4000)  # not 1000: the session stays resumable
    await asyncio.sleep(0.05)
    sent = await fake.send_dm(fake.user(2), "while you were away")
    assert not sent.delivered  # no live session saw it yet
    again = await connect()
    await again.send(6, {"token": fake.token, "session_id": session_id, "seq": seq})
    replayed = []
    while True:
        payload = await again.receive()
        assert isinstance(payload, dict)
        if payload.get("t") == "RESUMED":
            break
        replayed.append(payload.get("t"))
    assert "MESSAGE_CREATE" in replayed


async def test_rest_budget_answers_429_like_discord(fake: FakeDiscord) -> None:
    fake.rest.budget.global_limit = 5
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(8):
            async with session.get(fake.api_base + "/users/@me", headers=headers) as response:
                statuses.append(response.status)
                if response.status == 429:
                    body = await response.json()
                    assert body["global"] is True and body["retry_after"] > 0
                    assert response.headers["Via"]  # discord.py trusts a 429 only with it
                    assert response.headers["X-RateLimit-Scope"] == "global"
                else:
                    assert "X-RateLimit-Remaining" in response.headers
                    assert response.headers["Content-Type"] == "application/json"
        assert statuses.count(200) == 5 and statuses.count(429) == 3
        async with session.get(fake.api_base + "/users/@me") as response:
            assert response.status == 401
        async with session.get(fake.api_base + "/nope", headers=headers) as response:
            assert response.status == 404
    assert fake.rest.counters.limited_global == 3
    assert fake.rest.counters.unknown_routes == ["GET /api/v10/nope"]


async def test_unmodified_discord_py_connects_and_answers_a_dm(
    fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    intents = discord.Intents(guilds=True, dm_messages=True, message_content=True)
    client = discord.AutoShardedClient(intents=intents, shard_count=1)

    @client.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            await message.reply(f"pong: {message.content}")

    runner = asyncio.create_task(client.start(fake.token))
    try:
        await fake.wait_for(lambda: fake.gateway.live_sessions(0), within=20)
        sent = await fake.send_dm(fake.user(3), "ping")
        replies = await fake.wait_for(lambda: fake.replies_to(sent.message.id), within=20)
        assert [m.content for m in replies] == ["pong: ping"]
        assert fake.gateway.identify_log[0]["intents"] == intents.value
        assert fake.gateway.compressed_connections == 1  # discord.py's zlib-stream
    finally:
        await client.close()
        runner.cancel()
