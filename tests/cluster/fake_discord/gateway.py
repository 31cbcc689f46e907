"""The fake Discord's gateway: one websocket per session, Discord's opcodes and close codes.

Hello, Identify (token, shard `[id, count]`, intents, privileged intents, identify spacing per
`max_concurrency` bucket: an early Identify gets Opcode 9 Invalid Session, as Discord documents),
Ready, Guild Create, Heartbeat/ACK, Resume (missed events replayed, then Resumed), and the
gateway's own send limit (120 payloads per 60 s, close 4008). `zlib-stream` transport
compression when asked, as discord.py does by default.

Several sessions may identify with the same `[shard_id, shard_count]`: Discord allows it and
sends each of them the shard's events (that is how two processes given the same shard both
answer a DM; shard leases exist to prevent it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from tests.cluster.fake_discord.server import FakeDiscord

log = logging.getLogger("fake_discord.gateway")

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE, RESUME, RECONNECT = 0, 1, 2, 3, 4, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11
ZLIB_SUFFIX = b"\x00\x00\xff\xff"

# Intents (Discord API v10).
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
VALID_INTENTS = (1 << 26) - 1
SEND_LIMIT, SEND_WINDOW = 120, 60.0
REPLAY_BUFFER = 2000


@dataclass
class Session:
    id: str
    shard_id: int
    shard_count: int
    intents: int
    connection: Connection | None
    identified_at: float = field(default_factory=time.monotonic)
    seq: int = 0
    buffer: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=REPLAY_BUFFER))
    invalidated: bool = False
    resumes: int = 0

    @property
    def live(self) -> bool:
        return self.connection is not None and not self.connection.closed and not self.invalidated

    def wants(self, shard_for_event: int | None, intent: int) -> bool:
        """Whether Discord would send this session an event of `intent` (0: none needed) for
        a guild on shard `shard_for_event` (None: a DM, always shard 0)."""
        if intent and not self.intents & intent:
            return False
        return self.shard_id == (0 if shard_for_event is None else shard_for_event)


class Connection:
    """One websocket: its compression context and send lock (frames must keep their order)."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._lock = asyncio.Lock()
        self.session: Session | None = None
        self.received: deque[float] = deque()

    @property
    def closed(self) -> bool:
        return self.ws.closed

    async def send(self, payload: dict[str, Any]) -> bool:
        text = json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            if self.ws.closed:
                return False
            try:
                if self._zlib is not None:
                    data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
                else:
                    await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                return False
        return True

    async def close(self, code: int, reason: str) -> None:
        await self.ws.close(code=code, message=reason.encode())


class Gateway:
    """The websocket endpoint and the sessions behind it."""

    def __init__(self, discord: FakeDiscord) -> None:
        self.discord = discord
        self.sessions: dict[str, Session] = {}
        self.identify_log: list[dict[str, Any]] = []
        self.early_identifies = 0
        self.close_codes: list[int] = []
        self.compressed_connections = 0
        self._last_identify: dict[int, float] = {}

    # -- the endpoint ------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"Decode error.")  # the fake speaks JSON only
            return ws
        connection = Connection(ws, request.query.get("compress"))
        if request.query.get("compress") == "zlib-stream":
            self.compressed_connections += 1
        hello = {"heartbeat_interval": int(self.discord.heartbeat_interval * 1000)}
        await connection.send({"op": HELLO, "d": hello, "s": None, "t": None})
        try:
            async for message in ws:
                if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                try:
                    payload = json.loads(message.data)
                except ValueError:
                    await connection.close(4002, "Decode error.")
                    break
                if not await self._rate_ok(connection):
                    break
                await self._receive(connection, payload)
        finally:
            session = connection.session
            code = ws.close_code
            if code is not None:
                self.close_codes.append(code)
            if session is not None and session.connection is connection:
                session.connection = None
                if code in (1000, 1001):  # Discord: closing with 1000/1001 ends the session
                    session.invalidated = True
        return ws

    async def _rate_ok(self, connection: Connection) -> bool:
        now = time.monotonic()
        connection.received.append(now)
        while connection.received and connection.received[0] < now - SEND_WINDOW:
            connection.received.popleft()
        if len(connection.received) > SEND_LIMIT:
            await connection.close(4008, "Rate limited.")
            return False
        return True

    async def _receive(self, connection: Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == HEARTBEAT:
            await connection.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._identify(connection, data or {})
        elif op == RESUME:
            await self._resume(connection, data or {})
        elif op in (PRESENCE, VOICE, REQUEST_MEMBERS):
            if connection.session is None:
                await connection.close(4003, "Not authenticated.")
        else:
            await connection.close(4001, "Unknown opcode.")

    # -- identify ------------------------------------------------------------------------------
    async def _identify(self, connection: Connection, data: dict[str, Any]) -> None:
        fake = self.discord
        if connection.session is not None:
            await connection.close(4005, "Already authenticated.")
            return
        if data.get("token") != fake.token:
            await connection.close(4004, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0 or intents & ~VALID_INTENTS:
            await connection.close(4013, "Invalid intent(s).")
            return
        if intents & PRIVILEGED & ~fake.enabled_privileged_intents:
            await connection.close(4014, "Disallowed intent(s).")
            return
        shard = data.get("shard", [0, 1])
        if (
            not isinstance(shard, list)
            or len(shard) != 2
            or not all(isinstance(v, int) for v in shard)
            or shard[1] < 1
            or not 0 <= shard[0] < shard[1]
        ):
            await connection.close(4010, "Invalid shard.")
            return
        shard_id, shard_count = shard
        bucket = shard_id % fake.max_concurrency
        now = time.monotonic()
        last = self._last_identify.get(bucket)
        entry = {"at": now, "shard": shard_id, "count": shard_count, "intents": intents}
        if last is not None and now - last < fake.identify_interval:
            # Discord: beyond max_concurrency per 5 s, the gateway answers Invalid Session.
            self.early_identifies += 1
            self.identify_log.append({**entry, "accepted": False})
            await connection.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        self._last_identify[bucket] = now
        fake.session_starts_remaining -= 1
        session = Session(
            id=secrets.token_hex(16),
            shard_id=shard_id,
            shard_count=shard_count,
            intents=intents,
            connection=connection,
        )
        self.sessions[session.id] = session
        connection.session = session
        self.identify_log.append({**entry, "accepted": True, "session": session.id})
        guilds = [g for g in fake.guilds if g.shard(shard_count) == shard_id]
        ready = {
            "v": 10,
            "user": fake.bot.payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
        }
        await self.dispatch_to(session, "READY", ready)
        if intents & GUILDS:
            for guild in guilds:
                await self.dispatch_to(session, "GUILD_CREATE", guild.payload(fake.bot))

    # -- resume --------------------------------------------------------------------------------
    async def _resume(self, connection: Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.discord.token:
            await connection.close(4004, "Authentication failed.")
            return
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq") or 0
        oldest = session.buffer[0]["s"] if session is not None and session.buffer else 1
        if (
            session is None
            or session.invalidated
            or session.live
            or (session.seq > seq and oldest > seq + 1)
        ):
            await connection.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        session.connection = connection
        session.resumes += 1
        connection.session = session
        for event in list(session.buffer):
            if event["s"] > seq:
                await connection.send(event)
        await self.dispatch_to(session, "RESUMED", {})

    # -- events --------------------------------------------------------------------------------
    async def dispatch_to(self, session: Session, event: str, data: dict[str, Any]) -> bool:
        session.seq += 1
        payload = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
        session.buffer.append(payload)
        connection = session.connection
        if connection is None or session.invalidated:
            return False
        return await connection.send(payload)

    async def route(
        self, event: str, data: dict[str, Any], *, guild_id: int | None, intent: int
    ) -> list[str]:
        """Send an event to every session Discord would send it to; the ids of the live ones
        that got it. Detached sessions keep it for a resume (a dead one never reads it)."""
        delivered: list[str] = []
        for session in list(self.sessions.values()):
            if session.invalidated:
                continue
            shard = None if guild_id is None else (guild_id >> 22) % session.shard_count
            if not session.wants(shard, intent):
                continue
            if await self.dispatch_to(session, event, data):
                delivered.append(session.id)
        return delivered

    def live_sessions(self, shard_id: int | None = None) -> list[Session]:
        return [
            s
            for s in self.sessions.values()
            if s.live and (shard_id is None or s.shard_id == shard_id)
        ]

    async def reconnect_all(self) -> None:
        """Ask every live session to reconnect (Opcode 7), as Discord does for maintenance."""
        for session in self.live_sessions():
            if session.connection is not None:
                await session.connection.send({"op": RECONNECT, "d": None, "s": None, "t": None})
