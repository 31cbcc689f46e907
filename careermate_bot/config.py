"""The one settings object, read from the environment and `.env`.

Every setting is listed (with its default and meaning) in `.env.example` and the README table.
A bad value stops start-up with one readable line per problem and exit code 2 (see `load_settings`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import sys
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from careermate_bot.sharding.plan import MAX_SHARDS, format_shard_ids, parse_shard_ids

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LlmProvider = Literal["auto", "ollama", "openai", "local"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

# An example of a good value, shown when a setting is rejected.
EXAMPLES: dict[str, str] = {
    "DISCORD_BOT_TOKEN": "the token from https://discord.com/developers/applications -> Bot",
    "LLM_PROVIDER": "auto (or ollama, openai, local)",
    "OLLAMA_BASE_URL": "http://localhost:11434",
    "OLLAMA_MODEL": "llama3.1:8b",
    "OLLAMA_KEEP_ALIVE": "30m",
    "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1",
    "OPENAI_MODEL": "local-model",
    "LOCAL_MODEL_PATH": "/models/SmolLM2-360M-Instruct-Q4_K_M.gguf",
    "LLM_MAX_CONCURRENCY": "2",
    "LLM_QUEUE_SIZE": "50",
    "LLM_CONNECT_TIMEOUT": "5",
    "LLM_FIRST_TOKEN_TIMEOUT": "120",
    "LLM_TOTAL_TIMEOUT": "600",
    "LLM_TEMPERATURE": "0.2",
    "LLM_TOP_P": "0.9",
    "LLM_REPEAT_PENALTY": "1.1",
    "LLM_PRESENCE_PENALTY": "0",
    "LOCAL_THREADS": "2",
    "LLM_NUM_CTX": "4096",
    "LLM_MAX_TOKENS": "512",
    "LLM_BASE_URLS": "http://gpu1:11434,http://gpu2:11434 (or http://vllm1:8000/v1,...)",
    "LLM_EJECT_SECONDS": "15",
    "LLM_PROBE_INTERVAL": "5",
    "LLM_AFFINITY": "false (or true)",
    "STREAM_EDIT_INTERVAL": "2.5",
    "STREAM_GRACE_SECONDS": "0 (or 1.0)",
    "STREAM_EDITS_PER_SECOND": "0 (no budget) or 20",
    "DATABASE_URL": "sqlite://data/careermate.sqlite3 or postgres://user:pass@host:5432/careermate",
    "DATA_DIR": "data",
    "LOG_LEVEL": "INFO (or DEBUG, WARNING, ERROR, CRITICAL)",
    "LOG_DIR": "logs",
    "BACKUP_DIR": "data/backups",
    "BACKUP_KEEP": "10",
    "BACKUP_INTERVAL_MINUTES": "360 (0 turns periodic backups off)",
    "DEV_GUILD_ID": "123456789012345678",
    "OWNER_IDS": "123456789012345678,234567890123456789",
    "JOB_POSTER_ROLE_ID": "123456789012345678",
    "COMMAND_PREFIX": "!",
    "SHARD_COUNT": "4",
    "SHARD_IDS": "0 (or 1-3, or 0,4-7)",
    "SHARD_LEASE_SECONDS": "10",
    "REDIS_URL": "redis://127.0.0.1:6379/0 (empty = everything in this process)",
    "REDIS_KEY_PREFIX": "careermate",
    "LLM_GATE_CAPACITY": "8",
    "LLM_GATE_LEASE_SECONDS": "10",
    "DISCORD_MESSAGE_RATE": "45",
    "METRICS_PORT": "9100 (empty = no metrics endpoint)",
    "METRICS_HOST": "127.0.0.1 (0.0.0.0 to let a Prometheus on another machine scrape it)",
}


SECRET_NAMES = frozenset({"DISCORD_BOT_TOKEN", "OPENAI_API_KEY"})
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]*:)[^\s@/'\"]+@", re.IGNORECASE)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,
        case_sensitive=False,
    )

    # Discord
    discord_bot_token: SecretStr | None = None
    dev_guild_id: int | None = Field(default=None, gt=0)
    owner_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    job_poster_role_id: int | None = Field(default=None, gt=0)
    command_prefix: str = Field(default="!", min_length=1, max_length=5)
    # Sharding (docs/deploy.md): empty = discord.py's automatic sharding in this one process.
    shard_count: int | None = Field(default=None, ge=1, le=MAX_SHARDS)
    shard_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    shard_lease_seconds: float = Field(default=10.0, ge=2, le=300, allow_inf_nan=False)

    # LLM
    llm_provider: LlmProvider = "auto"
    ollama_base_url: str = "http://localhost:11434"
    ollama_model: str = Field(default="llama3.1:8b", min_length=1)
    ollama_keep_alive: str = "30m"
    openai_base_url: str = "http://127.0.0.1:8000/v1"
    openai_model: str = Field(default="local-model", min_length=1)
    openai_api_key: SecretStr | None = None
    local_model_path: Path | None = None
    llm_max_concurrency: int | None = Field(default=None, ge=1, le=64)
    llm_queue_size: int = Field(default=50, ge=1, le=10_000)
    llm_connect_timeout: float = Field(default=5.0, gt=0, allow_inf_nan=False)
    llm_first_token_timeout: float = Field(default=120.0, gt=0, allow_inf_nan=False)
    llm_total_timeout: float = Field(default=600.0, gt=0, allow_inf_nan=False)
    # Sampling: empty = the model's defaults (careermate_bot/llm/sampling.py: the embedded model
    # 0.2 / 0.9 / 1.1 / 0 / 384 tokens, Ollama and OpenAI-compatible 0.7 / 0.9 / 1.1 / 0 / 512).
    llm_temperature: float | None = Field(default=None, ge=0, le=2, allow_inf_nan=False)
    llm_top_p: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False)
    llm_repeat_penalty: float | None = Field(default=None, ge=0.5, le=2, allow_inf_nan=False)
    llm_presence_penalty: float | None = Field(default=None, ge=-2, le=2, allow_inf_nan=False)
    llm_num_ctx: int = Field(default=4096, ge=256, le=262_144)
    llm_max_tokens: int | None = Field(default=None, ge=1, le=32_768)
    # Threads for the embedded model (empty = all the CPU cores this process may use but one).
    local_threads: int | None = Field(default=None, ge=1, le=512)
    # A fleet of model servers of LLM_PROVIDER's kind (empty = OLLAMA_BASE_URL / OPENAI_BASE_URL).
    llm_base_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    llm_eject_seconds: float = Field(default=15.0, gt=0, le=3600, allow_inf_nan=False)
    llm_probe_interval: float = Field(default=5.0, gt=0, le=3600, allow_inf_nan=False)
    llm_affinity: bool = False

    # Streamed replies in Discord (the REST budget: 50 requests/s per bot, all processes)
    stream_edit_interval: float = Field(default=2.5, ge=0.5, le=60, allow_inf_nan=False)
    stream_grace_seconds: float = Field(default=0.0, ge=0, le=30, allow_inf_nan=False)
    stream_edits_per_second: float = Field(default=0.0, ge=0, le=1000, allow_inf_nan=False)

    # Storage
    database_url: str = ""
    data_dir: Path = Path("data")
    backup_dir: Path | None = None
    backup_keep: int = Field(default=10, ge=1, le=1000)
    backup_interval_minutes: int = Field(default=360, ge=0, le=7 * 24 * 60)

    # Shared state for several bot processes (careermate_bot/shared; empty = in this process)
    redis_url: str = ""
    redis_key_prefix: str = Field(default="careermate", pattern=r"^[A-Za-z0-9_.:-]{1,64}$")
    # Generations at once in the whole fleet (empty = LLM_MAX_CONCURRENCY's value).
    llm_gate_capacity: int | None = Field(default=None, ge=1, le=100_000)
    llm_gate_lease_seconds: float = Field(default=10.0, ge=1, le=600, allow_inf_nan=False)
    # Discord REST calls per second bound to its global limit (50), shared by every process
    # (with REDIS_URL); under 50 because the bucket also allows a burst of 5.
    discord_message_rate: float = Field(default=45.0, gt=0, le=1000, allow_inf_nan=False)

    # Logging
    log_level: LogLevel = "INFO"
    log_dir: Path = Path("logs")

    # Operations: /metrics, /healthz and /readyz over HTTP (empty port = off; 0 = any free port)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = Field(default="127.0.0.1", min_length=1, max_length=253)

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("llm_base_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("llm_base_urls")
    @classmethod
    def _http_urls(cls, value: list[str]) -> list[str]:
        urls = [cls._http_url(url) for url in value]
        if len(set(urls)) != len(urls):
            raise ValueError("lists the same URL twice")
        return urls

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ranges(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_shard_ids(value)
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("shard_ids")
    @classmethod
    def _shards_fit(cls, value: list[int], info: ValidationInfo) -> list[int]:
        count = info.data.get("shard_count")
        if value and count is None:
            raise ValueError(
                "needs SHARD_COUNT (the fleet's total number of shards), e.g. SHARD_COUNT=4 "
                "with SHARD_IDS=1-3"
            )
        beyond = [i for i in value if count is not None and i >= count]
        if beyond:
            raise ValueError(
                f"shards {format_shard_ids(beyond)} are not below SHARD_COUNT={count} "
                f"(shards are numbered 0 to {(count or 1) - 1})"
            )
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("llm_provider", mode="before")
    @classmethod
    def _lower_provider(cls, value: object) -> object:
        return value.lower().strip() if isinstance(value, str) else value

    @field_validator("metrics_host")
    @classmethod
    def _bare_host(cls, value: str) -> str:
        value = value.strip()
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(value.strip("[]")))  # 127.0.0.1, ::1, [::]
        if not value or any(ch.isspace() or ch in "/:@[]" for ch in value):
            raise ValueError("must be a host name or IP address only (no scheme, port or path)")
        return value

    @field_validator("ollama_base_url", "openai_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator(
        "data_dir", "log_dir", "backup_dir", "local_model_path", "database_url", mode="before"
    )
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # The OS cannot open a path with a NUL byte (a .env typo); say so here, once.
        if value is not None and "\x00" in str(value):
            raise ValueError("must not contain a NUL character (\\0); retype the path")
        return value

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(
            ("sqlite://", "postgres://", "postgresql://", "asyncpg://")
        ):
            raise ValueError("must start with sqlite:// or postgres://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("discord_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if any(ch.isspace() for ch in value.get_secret_value().strip()):
            raise ValueError("must not contain spaces (paste only the token itself)")
        return SecretStr(value.get_secret_value().strip())

    # Derived values -----------------------------------------------------------------------------
    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'careermate.sqlite3'}"

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file behind the database URL, or None on PostgreSQL/in-memory."""
        url = self.effective_database_url
        if not url.startswith("sqlite://"):
            return None
        path = url.removeprefix("sqlite://").split("?", 1)[0]
        return None if path in ("", ":memory:") else Path(path)

    @property
    def effective_backup_dir(self) -> Path:
        return self.backup_dir or self.data_dir / "backups"

    def secrets(self) -> list[str]:
        """Every secret value, so the log filter and the console can redact them: the tokens,
        and a password inside DATABASE_URL, REDIS_URL or an LLM base URL (user:password@host)."""
        values = [self.discord_bot_token, self.openai_api_key]
        found = [v.get_secret_value() for v in values if v and v.get_secret_value()]
        urls = (
            self.database_url,
            self.openai_base_url,
            self.ollama_base_url,
            self.redis_url,
            *self.llm_base_urls,
        )
        for url in urls:
            password = _url_password(url)
            if password:
                found.append(password)
        return found


def _url_password(url: str) -> str | None:
    try:
        return urlsplit(url).password or None
    except ValueError:
        return None


def hide_url_password(text: str) -> str:
    """'postgres://me:pw@db/x' -> 'postgres://me:***@db/x' (any text with such URLs)."""
    return _URL_PASSWORD.sub(r"\1***@", text)


class ConfigError(Exception):
    """Raised with readable lines, one per bad setting."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def describe_errors(error: ValidationError) -> list[str]:
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]).upper() if problem["loc"] else "?"
        message = problem["msg"].removeprefix("Value error, ")
        example = EXAMPLES.get(name)
        hint = f" (example: {name}={example})" if example else ""
        shown = (
            "a hidden value"
            if name in SECRET_NAMES
            else hide_url_password(repr(problem.get("input")))
        )
        lines.append(f"{name}: {message}; got {shown}{hint}")
    return lines


def _env_file_problems(env_file: object) -> list[str]:
    """Problems with the .env file(s) that pydantic-settings would crash on (not UTF-8) or
    silently skip (a folder, unreadable): one readable line each."""
    if env_file is None:
        return []
    files = [env_file] if isinstance(env_file, str | Path) else list(env_file)  # type: ignore[call-overload]
    lines: list[str] = []
    for item in files:
        path = Path(item).expanduser()
        try:
            if path.is_dir():
                lines.append(
                    f"{path} is a folder, not a file, so no settings could be read from it. "
                    "Remove the folder and create the file (cp .env.example .env); with "
                    "Docker, make sure the .env file exists before mounting it."
                )
                continue
            if not path.is_file():
                continue
            data = path.read_bytes()
        except OSError as error:
            lines.append(
                f"{path} cannot be read ({error.strerror or error}). Fix its permissions "
                f"(e.g. chmod 600 {path} as its owner)."
            )
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            lines.append(
                f"{path} is not UTF-8 text (line {line} has the byte 0x{data[error.start]:02x}). "
                'Save it as UTF-8 in your editor ("Save with encoding" -> UTF-8).'
            )
    return lines


def build_settings(**overrides: object) -> Settings:
    """Read settings; raise ConfigError with one readable line per problem."""
    env_file = overrides.get("_env_file", Settings.model_config.get("env_file"))
    problems = _env_file_problems(env_file)
    if problems:
        raise ConfigError(problems)
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(describe_errors(error)) from None


def load_settings(**overrides: object) -> Settings:
    """Read settings for a command-line entry point: bad values print and exit with code 2."""
    try:
        return build_settings(**overrides)
    except ConfigError as error:
        print("CareerMate cannot start: the configuration has problems:", file=sys.stderr)
        for line in error.lines:
            print(f"  - {line}", file=sys.stderr)
        print("Fix them in your environment or .env (see .env.example).", file=sys.stderr)
        raise SystemExit(2) from None
