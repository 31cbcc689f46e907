"""Fire slash commands, autocomplete, clicks, selects and modal submits at a dpytest bot.

Each call builds the INTERACTION_CREATE payload Discord would send and hands it to the bot's
connection state (`parse_interaction_create`), so discord.py's real dispatch runs: command tree
lookup, option transformers, checks, cooldowns, views, DynamicItems and modals. It then waits for
the tasks that dispatch spawned and returns what the bot answered (see `capture.py`).

Discord itself validates option ranges, choices and lengths before a bot ever sees them; this
driver does the same for min/max values, string lengths and choices, so a test cannot send what
Discord never would.
"""

from __future__ import annotations

import asyncio
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import test as dpytest

from tests.harness.capture import InteractionCapture, InteractionResult, next_snowflake

APPLICATION_ID = 1_200_000_000_000_000_001
DISPATCH_PREFIXES = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_",  # bot events one cog dispatches to another (e.g. find_jobs)
)
# Generous: a real-model reply on a machine busy with other work can take a while.
SETTLE_TIMEOUT = 180.0


@dataclass(frozen=True)
class Upload:
    """A file attached to a slash-command option."""

    filename: str
    content: bytes
    content_type: str | None = None


class DiscordHarness:
    def __init__(self, bot: Any, capture: InteractionCapture, tmp_dir: Path) -> None:
        self.bot = bot
        self.capture = capture
        self.tmp_dir = tmp_dir
        self.config = dpytest.get_config()

    # -- who and where ---------------------------------------------------------------------------
    @property
    def guild(self) -> discord.Guild:
        return self.config.guilds[0]

    @property
    def channel(self) -> discord.TextChannel:
        return self.config.guilds[0].text_channels[0]

    @property
    def member(self) -> discord.Member:
        return self.config.members[0]

    def member_at(self, index: int) -> discord.Member:
        return self.config.members[index]

    # -- public API ------------------------------------------------------------------------------
    async def slash(
        self,
        command: str,
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
        guild: discord.Guild | None = None,
        permissions: discord.Permissions | None = None,
        roles: list[int] | None = None,
        **options: Any,
    ) -> InteractionResult:
        """`await h.slash("career gap", role="Data Scientists")`; Upload values attach files."""
        data, resolved = self._command_data(
            command, options, guild=None if dm else (guild or self.guild)
        )
        if resolved:
            data["resolved"] = resolved
        return await self._fire(
            2, data, user=user, dm=dm, guild=guild, permissions=permissions, roles=roles
        )

    async def autocomplete(
        self,
        command: str,
        focused: str,
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
        **options: Any,
    ) -> list[dict[str, Any]]:
        data, _ = self._command_data(
            command, options, guild=None if dm else self.guild, validate=False, focused=focused
        )
        result = await self._fire(4, data, user=user, dm=dm)
        return result.choices

    async def click(
        self,
        message: dict[str, Any],
        custom_id: str,
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
        permissions: discord.Permissions | None = None,
    ) -> InteractionResult:
        component = self._find_component(message, custom_id)
        data = {"custom_id": custom_id, "component_type": component.get("type", 2)}
        return await self._fire(3, data, user=user, dm=dm, message=message, permissions=permissions)

    async def select(
        self,
        message: dict[str, Any],
        custom_id: str,
        values: list[str],
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
    ) -> InteractionResult:
        component = self._find_component(message, custom_id)
        allowed = {o["value"] for o in component.get("options", [])}
        unknown = [v for v in values if allowed and v not in allowed]
        if unknown:
            raise AssertionError(f"Discord would not send values {unknown}; options are {allowed}")
        data = {
            "custom_id": custom_id,
            "component_type": component.get("type", 3),
            "values": values,
        }
        return await self._fire(3, data, user=user, dm=dm, message=message)

    async def submit_modal(
        self,
        shown: InteractionResult,
        values: dict[str, str],
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
        permissions: discord.Permissions | None = None,
    ) -> InteractionResult:
        """Submit the modal that `shown` opened, with {text input custom_id: value}."""
        modal = shown.modal
        if modal is None:
            raise AssertionError(f"that interaction opened no modal; calls: {shown.calls}")
        inputs = _modal_inputs(modal)
        unknown = set(values) - set(inputs)
        if unknown:
            raise AssertionError(f"modal has no inputs {unknown}; it has {sorted(inputs)}")
        rows = []
        for custom_id, spec in inputs.items():
            value = values.get(custom_id, spec.get("value") or "")
            if spec.get("required", True) and not value:
                raise AssertionError(f"Discord would refuse the modal: {custom_id} is required")
            if len(value) > spec.get("max_length", 4000) or len(value) < (
                spec.get("min_length") or 0
            ):
                raise AssertionError(
                    f"Discord would refuse the modal: {custom_id} length {len(value)}"
                )
            rows.append(
                {"type": 1, "components": [{"type": 4, "custom_id": custom_id, "value": value}]}
            )
        data = {"custom_id": modal["custom_id"], "components": rows}
        return await self._fire(5, data, user=user, dm=dm, permissions=permissions)

    # -- payloads --------------------------------------------------------------------------------
    def _command_data(
        self,
        command: str,
        options: dict[str, Any],
        *,
        guild: discord.Guild | None,
        validate: bool = True,
        focused: str | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        names = command.split()
        target = self.bot.tree.get_command(names[0])
        if target is None:
            raise AssertionError(f"no slash command /{names[0]}")
        for name in names[1:]:
            target = target.get_command(name)
            if target is None:
                raise AssertionError(f"no slash command /{command}")
        assert isinstance(target, app_commands.Command)
        params = {p.name: p for p in target.parameters}
        unknown = set(options) - set(params)
        if unknown:
            raise AssertionError(f"/{command} has no options {unknown}")
        resolved: dict[str, Any] = {}
        built = []
        for name, param in params.items():
            if name not in options:
                if validate and param.required and name != focused:
                    raise AssertionError(f"Discord would refuse /{command}: {name} is required")
                continue
            value = options[name]
            option: dict[str, Any] = {"name": name, "type": param.type.value}
            if isinstance(value, Upload):
                option["value"] = self._attachment(value, resolved)
            else:
                if validate and name != focused:
                    _validate_option(command, param, value)
                option["value"] = value
            if name == focused:
                option["focused"] = True
            built.append(option)
        # Nest the options under subcommand groups / subcommands, innermost first.
        nested: list[dict[str, Any]] = built
        for depth in range(len(names) - 1, 0, -1):
            option_type = 1 if depth == len(names) - 1 else 2
            nested = [{"name": names[depth], "type": option_type, "options": nested}]
        data: dict[str, Any] = {
            "id": str(next_snowflake()),
            "name": names[0],
            "type": 1,
            "options": nested,
        }
        if guild is not None and guild.id in getattr(self.bot.tree, "_guild_commands", {}):
            data["guild_id"] = str(guild.id)
        return data, resolved

    def _attachment(self, upload: Upload, resolved: dict[str, Any]) -> str:
        attachment_id = next_snowflake()
        path = self.tmp_dir / f"upload-{attachment_id}-{Path(upload.filename).name}"
        path.write_bytes(upload.content)
        content_type = upload.content_type or mimetypes.guess_type(upload.filename)[0]
        entry = {
            "id": str(attachment_id),
            "filename": upload.filename,
            "size": len(upload.content),
            "url": path.resolve().as_uri(),  # dpytest's get_from_cdn reads file:// URLs
            "proxy_url": path.resolve().as_uri(),
        }
        if content_type:
            entry["content_type"] = content_type
        resolved.setdefault("attachments", {})[str(attachment_id)] = entry
        return str(attachment_id)

    def _find_component(self, message: dict[str, Any], custom_id: str) -> dict[str, Any]:
        from tests.harness.capture import iter_components

        for component in iter_components(message):
            if component.get("custom_id") == custom_id:
                if component.get("disabled"):
                    raise AssertionError(
                        f"component {custom_id} is disabled; Discord won't send clicks"
                    )
                return component
        present = [c.get("custom_id") for c in iter_components(message)]
        raise AssertionError(f"message has no component {custom_id!r}; it has {present}")

    def _user_payload(self, user: discord.abc.User) -> dict[str, Any]:
        return {
            "id": str(user.id),
            "username": user.name,
            "discriminator": getattr(user, "discriminator", "0") or "0",
            "global_name": getattr(user, "global_name", None),
            "avatar": None,
            "bot": False,
        }

    async def _fire(
        self,
        interaction_type: int,
        data: dict[str, Any],
        *,
        user: discord.abc.User | None = None,
        dm: bool = False,
        guild: discord.Guild | None = None,
        message: dict[str, Any] | None = None,
        permissions: discord.Permissions | None = None,
        roles: list[int] | None = None,
    ) -> InteractionResult:
        user = user or self.member
        interaction_id = next_snowflake()
        token = f"token-{interaction_id}"
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APPLICATION_ID),
            "type": interaction_type,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "attachment_size_limit": 25 * 1024 * 1024,
            "app_permissions": str(discord.Permissions.all().value),
            "entitlements": [],
            "authorizing_integration_owners": {},
        }
        if dm:
            dm_channel_id = 900_000_000_000_000_000 + user.id % 1_000_000_000
            payload["channel"] = {
                "id": str(dm_channel_id),
                "type": 1,
                "recipients": [self._user_payload(user)],
            }
            payload["channel_id"] = str(dm_channel_id)
            payload["user"] = self._user_payload(user)
            payload["context"] = 1
            channel_id = dm_channel_id
        else:
            target_guild = guild or self.guild
            channel = target_guild.text_channels[0]
            member_roles = (
                roles
                if roles is not None
                else [r.id for r in getattr(user, "roles", [])[1:] if r.guild.id == target_guild.id]
            )
            perms = (
                permissions
                if permissions is not None
                else discord.Permissions(
                    send_messages=True, read_messages=True, use_application_commands=True
                )
            )
            payload.update(
                guild_id=str(target_guild.id),
                channel={
                    "id": str(channel.id),
                    "type": 0,
                    "guild_id": str(target_guild.id),
                    "name": channel.name,
                    "position": 0,
                },
                channel_id=str(channel.id),
                member={
                    "user": self._user_payload(user),
                    "roles": [str(r) for r in member_roles],
                    "joined_at": discord.utils.utcnow().isoformat(),
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                    "permissions": str(perms.value),
                },
                context=0,
            )
            channel_id = channel.id
        source_message_id = None
        if message is not None:
            payload["message"] = message
            source_message_id = int(message["id"])
            # A message from before a restart is new to this bot's capture: adopt it, so edits
            # to it (e.g. a page turn) land somewhere.
            self.capture.messages.setdefault(source_message_id, dict(message))
        result = self.capture.begin(interaction_id, token, channel_id, source_message_id)
        before = asyncio.all_tasks()
        self.bot._connection.parse_interaction_create(payload)
        await self._settle(before)
        return result

    async def settle(self) -> None:
        """Wait for background work the bot tracks (e.g. a streamed DM reply)."""
        await self._settle(asyncio.all_tasks())

    async def _settle(self, before: set[asyncio.Task[Any]]) -> None:
        """Wait for the dispatch tasks this interaction started, and anything the bot tracks."""
        current = asyncio.current_task()
        seen: set[asyncio.Task[Any]] = set(before)
        deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
        while True:
            await asyncio.sleep(0)
            pending = [
                t
                for t in asyncio.all_tasks()
                if t is not current and t not in seen and t.get_name().startswith(DISPATCH_PREFIXES)
            ]
            pending += [t for t in getattr(self.bot, "_inflight", set()) if not t.done()]
            if not pending:
                return
            timeout = deadline - asyncio.get_running_loop().time()
            if timeout <= 0:
                raise AssertionError(f"interaction did not finish in {SETTLE_TIMEOUT}s: {pending}")
            await asyncio.wait(pending, timeout=timeout)
            seen.update(t for t in pending if t.done())


def _validate_option(command: str, param: app_commands.Parameter, value: Any) -> None:
    where = f"Discord would refuse /{command} {param.name}={value!r}"
    if param.choices and value not in {c.value for c in param.choices}:
        raise AssertionError(f"{where}: not one of the choices")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if param.min_value is not None and value < param.min_value:
            raise AssertionError(f"{where}: below {param.min_value}")
        if param.max_value is not None and value > param.max_value:
            raise AssertionError(f"{where}: above {param.max_value}")
    if isinstance(value, str):
        # discord.py keeps a string option's length limits in min_value/max_value.
        min_length, max_length = param.min_value, param.max_value
        if min_length is not None and len(value) < min_length:
            raise AssertionError(f"{where}: shorter than {min_length}")
        if len(value) > (max_length or 6000):
            raise AssertionError(f"{where}: longer than {max_length or 6000}")


def _modal_inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    inputs: dict[str, dict[str, Any]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") == 4:
                inputs[item["custom_id"]] = item
            walk(item.get("components", []))
            if "component" in item:
                walk([item["component"]])

    walk(modal.get("components", []))
    return inputs
