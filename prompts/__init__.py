"""Prompt templates (`<name>.md`), shipped as package data and loaded by name."""
