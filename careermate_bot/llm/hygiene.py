"""Reply hygiene: what a small model says goes through here before anyone reads it.

Small local models echo their prompt, fall into repetition loops ("You are a Python developer."
x30), invent the next user turn, and emit stray tokens in scripts nobody used. One module,
shared by chat, the /career summary, résumé rewrites and interview feedback:

- `clean_reply(text, system_prompt=..., user_text=..., facts=...)` -> the usable part, or ""
  (callers then show a short friendly line instead).
- `StreamGuard` does the same incrementally for a streamed reply: `feed(delta)` returns the
  text that is safe to show now (whole sentences), `stopped` turns True as soon as a loop, a
  prompt recital or a fake next turn starts (so the caller can stop generating early), and
  `finish()` returns the rest. ``"".join(shown)`` equals what `clean_reply` returns.

The reply is cut into pieces (sentences and lines) and each piece is judged once, in order,
against the pieces before it, so a streamed and a whole reply get the same result:

- stray special tokens (``<|im_end|>``, ``<unused12>``) are removed; a turn marker
  (``<|im_start|>``, ``<start_of_turn>``, a line "User:") ends the reply;
- words with letters in a script the conversation does not use (Latin plus whatever the user
  and the facts are written in) are removed;
- a piece copied from the system prompt, the facts or the user's message (also with "I" turned
  into "you") is dropped, and three such pieces in a row end the reply;
- a piece said before (3+ words), a 6-word phrase said a third time, or a run of the same
  word(s) inside a piece ("Python, Python, Python, Python") ends the reply (keeping the first
  copy);
- a piece that talks about its prompt ("here is my system prompt") or copies six words in a row
  from the system prompt is an echo too;
- `checks` (`careermate_bot.llm.checks`: persona, entities, contradiction, language) judge
  every piece; the first failure ends the reply, `verdict` says which check and why (a short
  code, logged without the reply's words). The caller then shows its task's deterministic text
  when nothing was shown.

The first piece is held back until the next one is judged: a lead-in ("Sure! I am CareerMate,
a friendly coach.") followed by a recital of the prompt, or by a piece that fails a check, is
dropped with it, so a reply that starts badly shows nothing and gets the deterministic text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careermate_bot.llm.checks import PASS, ReplyCheck, Verdict

if TYPE_CHECKING:
    from careermate_bot.llm.client import ChatStream

log = logging.getLogger(__name__)

__all__ = [
    "StreamGuard",
    "clean_reply",
    "foreign_words",
    "is_usable",
    "letter_scripts",
    "loop_start",
]

ECHO_MIN_WORDS = 4  # a piece of this many words found verbatim in a source is an echo
ECHO_NGRAM = 4
ECHO_NGRAM_SHARE = 0.75  # ... or this share of its 4-grams, for pieces of 8+ words
ECHO_RUN_STOP = 3  # this many echoed pieces in a row: the model is reciting its prompt
SYSTEM_RUN = 6  # this many words in a row copied from the system prompt: an echo
REPEAT_MIN_WORDS = 3  # a repeated piece this long is a loop
SHORT_REPEAT_LIMIT = 2  # shorter pieces may occur this often
PHRASE_N = 6
PHRASE_LIMIT = 2  # a 6-word phrase may occur twice; the third time is a loop
MAX_PIECE_CHARS = 300  # a run-on piece is judged at a word boundary after this many characters
MAX_RUN_PERIOD = 12

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*$")
# Turn markers: the model is writing the next turn of the conversation itself.
_TURN_TOKENS = re.compile(
    r"<\|im_start\|>|<start_of_turn>|<\|(?:user|assistant|system|endoftext|eot_id)\|>"
    r"|<\|start_header_id\|>|\[INST\]|<\|im_end\|>|<end_of_turn>|</s>|<eos>",
    re.IGNORECASE,
)
_SPECIAL_TOKENS = re.compile(
    r"<\|[^|<>\s]{1,40}\|>|<unused\d+>|</?(?:s|bos|eos|pad|unk|mask)>|\[/?INST\]",
    re.IGNORECASE,
)
_ROLE_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:user|human|you|question|q|assistant|model|system)\s*(?::|$)",
    re.IGNORECASE,
)
# A role name glued to a stray word on its own ("mendatangmodel"): Gemma's turn header leaking.
_GLUED_ROLE = re.compile(r"^\s*\S+(?:model|user)\s*$", re.IGNORECASE)
_SPEAKER_PREFIX = re.compile(r"^\s*(?:assistant|careermate|model|answer|a)\s*:\s*", re.IGNORECASE)
_PRONOUNS = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
    "m": "re",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
}
# A reply that talks about its own prompt is reciting it, whatever words follow.
_DISCLOSURE = re.compile(
    r"\b(?:my|the|this|your) (?:system |initial |original |hidden )?(?:prompt|instructions)\b"
    r"|\bsystem (?:prompt|message)\b|\bi(?:'m| am| was|'ve been| have been) "
    r"(?:instructed|told|programmed|prompted|configured) to\b"
    r"|\bhere (?:is|are|'s) (?:my|the) (?:rules|guidelines|instructions)\b",
    re.IGNORECASE,
)
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK", "IDEOGRAPHIC": "CJK"}


# Analysis helpers (also used by bench/replies.py) ---------------------------------------------
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if "LATIN" in name:
        return "LATIN"
    first = name.split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(first, first or "UNKNOWN")


def letter_scripts(text: str, *, min_letters: int = 2) -> set[str]:
    """The scripts `text`'s letters are written in (each with at least `min_letters` letters)."""
    counts = Counter(_script(ch) for ch in text if ch.isalpha())
    return {script for script, count in counts.items() if count >= min_letters}


def _foreign(word: str, allowed: set[str]) -> bool:
    return any(ch.isalpha() and _script(ch) not in allowed for ch in word)


def foreign_words(text: str, allowed: Iterable[str] = ("LATIN",)) -> list[str]:
    """Whitespace-separated words of `text` with a letter outside the `allowed` scripts."""
    scripts = set(allowed)
    return [word for word in text.split() if _foreign(word, scripts)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _key(text: str) -> str:
    return " ".join(_words(text))


def _run_at(words: Sequence[str]) -> tuple[int, int] | None:
    """(start, period) of the first run of one phrase repeated back to back, or None.

    A single word must come 4 times in a row ("very very very" is English); a phrase of 2 to
    `MAX_RUN_PERIOD` words 3 times.
    """
    size = len(words)
    for start in range(size):
        for period in range(1, MAX_RUN_PERIOD + 1):
            copies = 4 if period == 1 else 3
            if start + period * copies > size:
                break
            phrase = words[start : start + period]
            if all(
                words[start + k * period : start + (k + 1) * period] == phrase
                for k in range(1, copies)
            ):
                return start, period
    return None


def loop_start(text: str) -> int | None:
    """Where `text` starts to loop (a char offset into `text`), or None: for checks and benches.

    Same rules as the guard: a repeated sentence of 3+ words, a 6-word phrase a third time, or
    a back-to-back run of the same word(s)."""
    guard = StreamGuard()
    guard.feed(text)
    guard.finish()
    return guard.loop_offset


def is_usable(text: str) -> bool:
    """At least one word (letters or digits: "391" answers "17 times 23")."""
    return bool(_WORD.search(text))


# Echo sources --------------------------------------------------------------------------------
def _swap_pronouns(words: Sequence[str]) -> list[str]:
    return [_PRONOUNS.get(word, word) for word in words]


@dataclass(frozen=True, slots=True)
class _Sources:
    text: str  # " key key key " of everything the model was shown, one source per line
    lines: frozenset[str]
    ngrams: frozenset[tuple[str, ...]]
    user: str = ""  # the user's message as a key
    system_runs: frozenset[tuple[str, ...]] = frozenset()  # SYSTEM_RUN-grams of the prompt
    system: str = ""  # " key | key " of the system prompt's lines alone

    @classmethod
    def build(cls, system_prompt: str, user_text: str, facts: Sequence[str]) -> _Sources:
        keys: list[str] = []
        prompt_words = _words(system_prompt)
        runs = frozenset(
            tuple(prompt_words[i : i + SYSTEM_RUN])
            for i in range(len(prompt_words) - SYSTEM_RUN + 1)
        )
        for chunk in (system_prompt, *facts):
            for line in chunk.splitlines():
                words = _words(line)
                if words:
                    keys.append(" ".join(words))
        system_keys = [" ".join(_words(line)) for line in system_prompt.splitlines()]
        lines = frozenset(k for k in keys if len(k.split()) >= 2)
        for line in user_text.splitlines():
            words = _words(line)
            if words:
                keys.append(" ".join(words))
                keys.append(" ".join(_swap_pronouns(words)))
        ngrams: set[tuple[str, ...]] = set()
        for key in keys:
            words = key.split()
            ngrams.update(
                tuple(words[i : i + ECHO_NGRAM]) for i in range(len(words) - ECHO_NGRAM + 1)
            )
        return cls(
            text=" " + " | ".join(keys) + " ",
            lines=lines,
            user=" ".join(_words(user_text)),
            ngrams=frozenset(ngrams),
            system_runs=runs,
            system=" " + " | ".join(k for k in system_keys if k) + " ",
        )

    def recites(self, words: Sequence[str]) -> bool:
        """The piece copies the system prompt: a whole line, 4+ words of one, or a run of
        `SYSTEM_RUN` words."""
        if not words or self.system == "  ":
            return False
        key = " ".join(words)
        if (len(words) >= 2 and f" {key} |" in self.system + "|") or (
            len(words) >= ECHO_MIN_WORDS and f" {key} " in self.system
        ):
            return True
        return any(
            tuple(words[i : i + SYSTEM_RUN]) in self.system_runs
            for i in range(len(words) - SYSTEM_RUN + 1)
        )

    def echoes(self, words: Sequence[str]) -> bool:
        if not words:
            return False
        key = " ".join(words)
        if key in self.lines:
            return True
        # The user's message said back, alone or with one glued-on word (a base model writing
        # the next turn: "Who are you? mendatangmodel").
        if self.user and (key == self.user or key.rsplit(" ", 1)[0] == self.user):
            return True
        if len(words) >= ECHO_MIN_WORDS and f" {key} " in self.text:
            return True
        if self.system_runs and any(
            tuple(words[i : i + SYSTEM_RUN]) in self.system_runs
            for i in range(len(words) - SYSTEM_RUN + 1)
        ):
            return True
        if len(words) >= 2 * ECHO_NGRAM and self.ngrams:
            grams = [tuple(words[i : i + ECHO_NGRAM]) for i in range(len(words) - ECHO_NGRAM + 1)]
            copied = sum(gram in self.ngrams for gram in grams)
            return copied >= ECHO_NGRAM_SHARE * len(grams)
        return False


# The guard -----------------------------------------------------------------------------------
class StreamGuard:
    """Incremental reply hygiene for a streamed reply (see the module docstring).

    ``shown = guard.feed(delta)`` after each delta (stop generating once `guard.stopped`),
    then ``guard.finish()`` once; `guard.text` is everything shown so far. Text is released a
    whole sentence or line at a time, because only a whole piece can be judged.
    """

    def __init__(
        self,
        *,
        system_prompt: str = "",
        user_text: str = "",
        facts: Sequence[str] = (),
        checks: Sequence[ReplyCheck] = (),
        task: str = "reply",
    ) -> None:
        self._sources = _Sources.build(system_prompt, user_text, facts)
        self._checks = tuple(checks)
        self.task = task  # for the log line of a drop
        self.verdict: Verdict = PASS  # the first check a piece failed
        self._lead = ""  # the first kept piece, held until the next piece is judged
        self._leading = True  # no piece has been released yet
        # Why `_judge` returned None: "recital" (of the system prompt), "echo" (of the facts or
        # the user), "check", "stop" or "empty".
        self._last_drop = ""
        self._allowed = {"LATIN"} | letter_scripts(user_text) | letter_scripts("\n".join(facts))
        self.stopped = False
        # "loop", "echo", "turn", or the failed check ("persona", ...) once stopped
        self.reason: str | None = None
        self.text = ""  # the cleaned text released so far
        self.raw = ""  # everything fed
        self.loop_offset: int | None = None  # raw offset where a loop started
        self._pending = ""  # the piece being built
        self._pending_at = 0  # raw offset of the pending piece
        self._gap = ""  # whitespace since the last piece
        self._best_gap = ""  # the strongest gap since the last kept piece
        self._seen: Counter[str] = Counter()
        self._phrases: Counter[tuple[str, ...]] = Counter()
        self._echo_run = 0
        self._pieces = 0
        self._kept_any = False
        self._held = ""  # structure-only pieces waiting for words
        # What was cut, by kind: "echo" pieces, "foreign" words, special "token"s, and the
        # "loop" / "turn" / "echo" that stopped the reply (for logs and bench/replies.py).
        self.removed: Counter[str] = Counter()

    # Public API ---------------------------------------------------------------------------------
    def feed(self, delta: str) -> str:
        """Text that is safe to show now ("" while a piece is still being written)."""
        if self.stopped or not delta:
            self.raw += delta
            return ""
        out: list[str] = []
        for ch in delta:
            self.raw += ch
            if self.stopped:
                continue
            if not self._pending and ch.isspace():
                self._gap += ch
                continue
            if not self._pending:
                self._pending_at = len(self.raw) - 1
            self._pending += ch
            if ch == "\n":
                out.append(self._complete(self._pending[:-1]))
                self._gap = "\n"
            elif ch.isspace() and (
                self._ends_sentence(self._pending[:-1]) or len(self._pending) > MAX_PIECE_CHARS
            ):
                out.append(self._complete(self._pending[:-1]))
                self._gap = ch
        shown = "".join(out)
        self.text += shown
        return shown

    def finish(self, *, cut: bool = False) -> str:
        """The rest of the reply (the last, unterminated piece) once generation ended.

        `cut`: the engine stopped at its token limit, so that piece is a fragment ("4." or
        "Also, make sure"): it is dropped, unless nothing was shown yet (then it ends in "…").
        """
        if self.stopped:
            return ""
        piece = self._pending
        if not piece.strip():
            piece = ""
        elif cut and not self._ends_sentence(piece.rstrip()):
            if self._kept_any:
                self.removed["fragment"] += 1
                piece = ""
            else:
                piece = piece.rstrip(" ,;:-") + "…"
        self._pending = ""
        shown = self._complete(piece) if piece else ""
        shown = self._release_lead() + shown + self._flush_held()
        self.text += shown
        return shown

    def _release_lead(self) -> str:
        lead, self._lead = self._lead, ""
        if lead:
            self._leading = False
        return lead

    @property
    def failed(self) -> bool:
        """True when a piece failed one of the `checks` (see `verdict`)."""
        return not self.verdict.ok

    def _flush_held(self) -> str:
        """Trailing structure (a closing code fence) once the reply had words."""
        held, self._held = self._held, ""
        return held if self._kept_any else ""

    def result(self) -> str:
        """The cleaned reply (after `finish`): stripped, or "" when nothing usable is left."""
        text = self.text.strip()
        return text if is_usable(text) else ""

    # Internals ----------------------------------------------------------------------------------
    @staticmethod
    def _ends_sentence(piece: str) -> bool:
        return bool(_SENTENCE_END.search(piece)) and len(_words(piece)) >= 2

    def _stop(self, reason: str, offset: int | None = None) -> None:
        self.stopped = True
        self.reason = reason
        self.removed[reason] += 1
        if reason == "loop":
            self.loop_offset = self._pending_at if offset is None else offset

    def _complete(self, piece: str) -> str:
        """Judge one finished piece; return what to show for it (with its leading gap)."""
        self._pending = ""
        gap = self._gap
        if gap.count("\n") > self._best_gap.count("\n") or not self._best_gap:
            self._best_gap = gap
        self._last_drop = ""
        kept = self._judge(piece.rstrip())
        self._pieces += 1
        released = ""
        if self._lead:
            if kept is None and self._last_drop in ("recital", "check"):
                # The first piece led into a recital of the prompt or a failed check: drop it.
                self.removed["lead"] += 1
                self._lead = ""
                self._kept_any = False
                self._held = ""
                self._best_gap = ""
            elif kept is not None or self._last_drop == "stop":
                released = self._release_lead()
        if kept is None:
            return released
        lead = self._best_gap if self._kept_any or self._held else ""
        self._best_gap = ""
        if not _WORD.search(kept):
            # Structure only (a rule, a fence, an emoji): shown with the next words, so a reply
            # that never gets to any words shows nothing at all.
            self._held += lead + kept
            return released
        held, self._held = self._held, ""
        self._kept_any = True
        if self._leading and not released and not self.stopped:
            self._lead = held + lead + kept  # shown once the next piece is judged
            return ""
        self._leading = False
        return released + held + lead + kept

    def _judge(self, piece: str) -> str | None:
        """The text to keep of `piece` (None: drop it). May stop the guard."""
        turn = _TURN_TOKENS.search(piece)
        if turn is not None:
            piece = piece[: turn.start()]
            self._stop("turn")
        if (
            self._pieces > 0
            and not self.stopped
            and (_ROLE_LINE.match(piece) or _GLUED_ROLE.match(piece))
        ):
            self._stop("turn")
            self._last_drop = "stop"
            return None
        if self._pieces == 0:
            piece = _SPEAKER_PREFIX.sub("", piece)
            if _ROLE_LINE.match(piece) and not _words(piece)[1:]:
                return None  # a lone "assistant" line before the answer
        piece, tokens = _SPECIAL_TOKENS.subn("", piece)
        self.removed["token"] += tokens
        words = piece.split(" ")
        cleaned = [w for w in words if not _foreign(w, self._allowed)]
        if len(cleaned) != len(words):
            self.removed["foreign"] += len(words) - len(cleaned)
            piece = " ".join(w for w in cleaned if w)
        key_words = _words(piece)
        if not piece.strip():
            self._last_drop = "stop" if self.stopped else "empty"
            return None
        if not key_words:
            return piece  # punctuation, emoji, markdown rules: structure, keep it
        # A list item said again under a new number is still a repeat.
        key = " ".join(key_words[1:] if key_words[0].isdigit() else key_words)
        self._seen[key] += 1
        if len(key_words) >= REPEAT_MIN_WORDS and self._seen[key] > 1:
            self._stop("loop")
            self._last_drop = "stop"
            return None
        if self._seen[key] > SHORT_REPEAT_LIMIT:
            self._stop("loop")
            self._last_drop = "stop"
            return None
        run = _run_at(key_words)
        if run is not None:
            start, period = run
            piece = self._cut_after_word(piece, start + period)
            self._stop("loop", self._pending_at + len(piece))
            key_words = key_words[: start + period]
            if not piece.strip():
                self._last_drop = "stop"
                return None
        grams = [tuple(key_words[i : i + PHRASE_N]) for i in range(len(key_words) - PHRASE_N + 1)]
        if any(self._phrases[gram] >= PHRASE_LIMIT for gram in grams):
            self._stop("loop")
            self._last_drop = "stop"
            return None
        recital = bool(_DISCLOSURE.search(piece)) or self._sources.recites(key_words)
        if recital or self._sources.echoes(key_words):
            self.removed["echo"] += 1
            self._echo_run += 1
            self._last_drop = "recital" if recital else "echo"
            if self._echo_run >= ECHO_RUN_STOP and not self.stopped:
                self._stop("echo")
            return None
        self._echo_run = 0
        verdict = self._check(piece)
        if not verdict.ok:
            self.verdict = verdict
            self.removed[verdict.check] += 1
            self._last_drop = "check"
            if not self.stopped:
                self._stop(verdict.check)
            log.info(
                "%s: model reply dropped by the %s check (%s)",
                self.task,
                verdict.check,
                verdict.reason,
            )
            return None
        self._phrases.update(grams)
        return piece

    def _check(self, piece: str) -> Verdict:
        for check in self._checks:
            verdict = check(piece)
            if not verdict.ok:
                return verdict
        return PASS

    @staticmethod
    def _cut_after_word(piece: str, count: int) -> str:
        """`piece` up to the end of its `count`-th word."""
        if count <= 0:
            return ""
        for index, match in enumerate(_WORD.finditer(piece.casefold()), 1):
            if index == count:
                return piece[: match.end()].rstrip(" ,;:-")
        return piece


def clean_reply(
    text: str,
    *,
    system_prompt: str = "",
    user_text: str = "",
    facts: Sequence[str] = (),
    checks: Sequence[ReplyCheck] = (),
) -> str:
    """The usable part of a model reply; "" when nothing usable is left.

    Cuts an echo of `system_prompt`, `facts` or `user_text`, stops at the first repetition
    loop or fake next turn, and drops words in a script the conversation does not use.
    Callers show a short friendly line instead of "". With `checks`, a reply whose first two
    pieces include a failing one is "" as well, and a later failure cuts the reply there.
    """
    guard = StreamGuard(
        system_prompt=system_prompt, user_text=user_text, facts=facts, checks=checks
    )
    guard.feed(text)
    guard.finish()
    return guard.result()


async def guarded(stream: ChatStream, guard: StreamGuard) -> AsyncIterator[str]:
    """`stream`'s deltas through `guard`, a sentence at a time; generation stops as soon as the
    guard sees a loop or an echo start. The caller keeps `guard` for `result()` / `reason`."""
    async with stream:
        async for delta in stream:
            shown = guard.feed(delta)
            if shown:
                yield shown
            if guard.stopped:
                break
    tail = guard.finish(cut=stream.finish_reason == "length")
    if tail:
        yield tail
