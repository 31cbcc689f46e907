"""`RestPacer`: every REST call of a fleet takes a token from the shared bucket first; optional
edits already paid are not charged twice; interaction routes are free; a call discord.py gave
up on after its 429 retries holds the whole fleet back (once) and is tried again."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest
from discord.http import Route

from careermate_bot.discord_ui.edit_budget import SharedEditBudget
from careermate_bot.discord_ui.rest_pacing import RestPacer
from careermate_bot.shared.budget import LocalTokenBucket


class Bucket:
    """Counts what is taken; `empty` refuses any call that would wait."""

    rate = 10.0

    def __init__(self, *, empty: bool = False) -> None:
        self.taken: list[int] = []
        self.held: list[float] = []
        self.empty = empty

    async def hold(self, seconds: float) -> None:
        self.held.append(seconds)

    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool:
        if self.empty and max_wait is not None:
            return False
        self.taken.append(cost)
        return True


class Response:
    def __init__(self, status: int, retry_after: str = "0.5") -> None:
        self.status = status
        self.reason = "Too Many Requests" if status == 429 else "Error"
        self.headers = {"Retry-After": retry_after}


def http_error(status: int) -> discord.HTTPException:
    return discord.HTTPException(Response(status), {"message": "no", "code": 0})  # type: ignore[arg-type]


class Server:
    """discord.py's `request` as the pacer sees it: scripted failures, then an answer."""

    def __init__(self, *failures: BaseException) -> None:
        self.failures = list(failures)
        self.calls: list[str] = []

    async def __call__(self, route: Route, **kwargs: Any) -> Any:
        self.calls.append(route.path)
        if self.failures:
            raise self.failures.pop(0)
        return {"id": "1"}


SEND = Route("POST", "/channels/{channel_id}/messages", channel_id=1)
CALLBACK = Route(
    "POST",
    "/interactions/{interaction_id}/{interaction_token}/callback",
    interaction_id=1,
    interaction_token="t",
)
FOLLOWUP = Route("POST", "/webhooks/{webhook_id}/{webhook_token}", webhook_id=1, webhook_token="t")


async def test_each_call_bound_to_the_global_limit_takes_one_token() -> None:
    bucket, server = Bucket(), Server()
    pacer = RestPacer(bucket)
    for _ in range(3):
        assert await pacer.request(server, SEND) == {"id": "1"}
    assert bucket.taken == [1, 1, 1] and pacer.paced == 3


async def test_interaction_routes_are_not_charged() -> None:
    bucket, server = Bucket(), Server()
    pacer = RestPacer(bucket)
    await pacer.request(server, CALLBACK)
    await pacer.request(server, FOLLOWUP)
    assert bucket.taken == [] and len(server.calls) == 2


async def test_an_optional_edit_paid_by_try_spend_is_not_charged_again() -> None:
    bucket, server = Bucket(), Server()
    pacer = RestPacer(bucket)
    budget = SharedEditBudget(bucket)
    assert await budget.try_spend()
    await pacer.request(server, SEND)  # the paid edit
    await pacer.request(server, SEND)  # the next call pays again
    assert bucket.taken == [1, 1]
    await budget.spend()  # an essential call: the pacer charges it when it is made
    assert bucket.taken == [1, 1]


async def test_an_optional_edit_without_a_token_is_refused() -> None:
    budget = SharedEditBudget(Bucket(empty=True))
    assert not await budget.try_spend()


async def test_a_call_discord_py_gave_up_on_holds_the_fleet_back_and_is_retried() -> None:
    bucket, server = Bucket(), Server(http_error(429), http_error(429))
    pacer = RestPacer(bucket)
    assert await pacer.request(server, SEND) == {"id": "1"}
    assert len(server.calls) == 3 and pacer.retried_429 == 2
    # The fleet held for Retry-After (0.5 s) each time; the call took its turn again each time.
    assert bucket.held == [0.5, 0.5] and bucket.taken == [1, 1, 1]


async def test_other_errors_and_a_429_past_the_deadline_are_raised() -> None:
    pacer = RestPacer(Bucket())
    with pytest.raises(discord.HTTPException) as caught:
        await pacer.request(Server(http_error(403)), SEND)
    assert caught.value.status == 403
    patient = RestPacer(Bucket(), retry_for=0.0)
    with pytest.raises(discord.HTTPException):
        await patient.request(Server(http_error(429)), SEND)


async def test_a_call_that_would_wait_too_long_goes_anyway() -> None:
    bucket = LocalTokenBucket(rate=1.0, burst=1)
    pacer = RestPacer(bucket, longest_wait=0.05)
    server = Server()
    await asyncio.gather(pacer.request(server, SEND), pacer.request(server, SEND))
    assert len(server.calls) == 2 and pacer.paced == 1 and pacer.went_unpaced == 1


async def test_install_wraps_the_clients_request() -> None:
    class Client:
        def __init__(self) -> None:
            self.server = Server()
            self.request = self.server

    bucket = Bucket()
    client = Client()
    RestPacer(bucket).install(client)  # type: ignore[arg-type]
    await client.request(SEND)
    assert bucket.taken == [1] and client.server.calls == [SEND.path]
