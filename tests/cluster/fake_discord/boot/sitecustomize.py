"""Point an unmodified discord.py at the fake Discord, in every Python process started with
this folder on PYTHONPATH and CAREERMATE_FAKE_DISCORD=http://127.0.0.1:<port> set (the cluster
test's bot processes, and the processes `careermate cluster` starts for it).

Only discord.py's two addresses change: `Route.BASE` (REST, interaction callbacks, webhooks) and
`DiscordWebSocket.DEFAULT_GATEWAY` (discord.py connects there when SHARD_COUNT is given, and
after an Invalid Session). Production code has no test hook."""

import os

_FAKE = os.environ.get("CAREERMATE_FAKE_DISCORD", "").rstrip("/")
if _FAKE:
    import discord.gateway
    import discord.http
    import yarl

    discord.http.Route.BASE = f"{_FAKE}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        _FAKE.replace("http://", "ws://", 1) + "/"
    )
