"""The operators' HTTP endpoint of one process (aiohttp, in the bot's own event loop):

- `GET /metrics`: Prometheus' text format;
- `GET /healthz`: 200 while the process and its event loop are alive (liveness);
- `GET /readyz`: 200 when the database answers and the bot's shards are connected and ready,
  else 503 with the failing checks (readiness). Both answer small JSON documents.

It binds METRICS_HOST (127.0.0.1 unless set otherwise) on METRICS_PORT; nothing else is served.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from careermate_bot.services.status.types import Readiness

log = logging.getLogger(__name__)

CONTENT_TYPE_METRICS = "text/plain; version=0.0.4; charset=utf-8"


class MetricsServer:
    def __init__(
        self,
        *,
        metrics: Callable[[], bytes],
        health: Callable[[], dict[str, object]],
        readiness: Callable[[], Awaitable[Readiness]],
    ) -> None:
        self._metrics = metrics
        self._health = health
        self._readiness = readiness
        self._runner: web.AppRunner | None = None
        self.url: str | None = None

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/metrics", self._get_metrics)
        app.router.add_get("/healthz", self._get_health)
        app.router.add_get("/readyz", self._get_ready)
        return app

    async def start(self, host: str, port: int) -> str:
        """Listen on host:port (0 = a free port); returns the base URL."""
        runner = web.AppRunner(self._app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound = runner.addresses[0] if runner.addresses else (host, port)
        shown = f"[{bound[0]}]" if ":" in str(bound[0]) else str(bound[0])
        self.url = f"http://{shown}:{bound[1]}"
        log.info("metrics, health and readiness at %s/metrics, /healthz, /readyz", self.url)
        return self.url

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        self.url = None
        if runner is not None:
            await runner.cleanup()

    async def _get_metrics(self, _request: web.Request) -> web.Response:
        return web.Response(body=self._metrics(), headers={"Content-Type": CONTENT_TYPE_METRICS})

    async def _get_health(self, _request: web.Request) -> web.Response:
        return web.json_response(self._health())

    async def _get_ready(self, _request: web.Request) -> web.Response:
        readiness = await self._readiness()
        return web.json_response(readiness.as_dict(), status=200 if readiness.ready else 503)
