"""Engines behind `LLMClient`: Ollama, OpenAI-compatible servers, an embedded llama.cpp model.

Each module imports its engine library lazily enough that a missing optional dependency
(llama-cpp-python) only matters when that backend is chosen.
"""
