"""CareerMate: an AI career coach for Discord on a local LLM."""

__version__ = "0.1.0"
