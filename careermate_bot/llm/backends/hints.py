"""Precise hints for misconfigured base URLs (a wrong OLLAMA_BASE_URL is a common support issue)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

OLLAMA_PORT = 11434
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def running_in_container() -> bool:
    return Path("/.dockerenv").exists() or os.environ.get("container") is not None


def container_hint(url: str) -> str | None:
    """Inside a container, 'localhost' is the container: a likely cause when nothing answers."""
    parts = urlsplit(url)
    if (parts.hostname or "") in _LOCAL_HOSTS and running_in_container():
        port = parts.port or OLLAMA_PORT
        return (
            "inside a container 'localhost' is the container itself: use "
            f"http://host.docker.internal:{port} (or the service name in docker compose)"
        )
    return None


def ollama_url_hint(url: str) -> str | None:
    """A fix for an Ollama base URL that is certainly wrong, or None when it looks fine."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    root = f"{parts.scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if path:
        return (
            f"OLLAMA_BASE_URL should be the server root without a path: use {root} "
            f"(drop '{path}'; the client adds /api/... itself)"
        )
    if parts.scheme == "https" and parts.port == OLLAMA_PORT:
        return f"Ollama serves plain HTTP on port {OLLAMA_PORT}: use http://{parts.netloc}"
    if host == "0.0.0.0":
        port = parts.port or OLLAMA_PORT
        return f"0.0.0.0 is a listen address, not one to connect to: use http://127.0.0.1:{port}"
    if parts.port is None:
        return f"no port given; Ollama listens on {OLLAMA_PORT}: use {parts.scheme}://{host}:{OLLAMA_PORT}"
    return None


def openai_url_hint(url: str) -> str | None:
    """A fix for an OpenAI-compatible base URL that looks wrong, or None."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/chat/completions") or path.endswith("/completions"):
        base = path.rsplit("/chat/completions", 1)[0].rsplit("/completions", 1)[0]
        return f"OPENAI_BASE_URL should stop before the endpoint: use {parts.scheme}://{parts.netloc}{base}"
    if not path.endswith("/v1"):
        return (
            f"OpenAI-compatible servers usually live under /v1: try "
            f"{parts.scheme}://{parts.netloc}{path}/v1"
        )
    return None
