"""Prompts live in the top-level `prompts` package (template files loaded by name); this is the
LLM layer's door to them."""

from prompts import PROMPTS_DIR, PromptError, load_prompt, prompt_path, validate_prompts

__all__ = ["PROMPTS_DIR", "PromptError", "load_prompt", "prompt_path", "validate_prompts"]
