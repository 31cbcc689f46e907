"""A tiny question bank and scripted candidates shared by the interview tests.

The bank has the shape of `careermate_bot.knowledge.questions` (questions with id, kind, text,
competency/skills, difficulty, hint, key_points, and `for_role(...)`), so tests do not depend on
the curated bank's content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from careermate_bot.services.interview import BankIndex


@dataclass(frozen=True)
class Q:
    id: str
    kind: str
    text: str
    competency: str | None = None
    skills: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    difficulty: str = "medium"
    hint: str = ""
    key_points: tuple[str, ...] = ()


SQL_POINTS = (
    "Read the query plan (EXPLAIN) to find the slow step",
    "Add an index on columns used in filters and joins",
    "Select only the columns you need instead of SELECT *",
    "Avoid N+1 queries by batching or joining",
    "Cache results that are read often",
)

QUESTIONS = (
    Q(
        "b-conflict",
        "behavioral",
        "Tell me about a time you had a conflict with a coworker.",
        competency="conflict",
        hint="Pick a real disagreement; show how you listened and what changed.",
    ),
    Q(
        "b-failure",
        "behavioral",
        "Describe a time you made a mistake at work. What did you do?",
        competency="failure",
        hint="Own the mistake, show the fix, say what you changed afterwards.",
    ),
    Q(
        "b-priorities",
        "behavioral",
        "Tell me about a time you had to juggle several deadlines at once.",
        competency="prioritisation",
        hint="Say how you ranked the work and what you said no to.",
    ),
    Q(
        "b-team",
        "behavioral",
        "Give an example of a time you helped a struggling teammate.",
        competency="teamwork",
        hint="What did you notice, what did you do, how did it end?",
    ),
    Q(
        "t-sql-slow",
        "technical",
        "How would you speed up a slow SQL query?",
        skills=("SQL",),
        families=("data", "tech"),
        hint="Think: query plan, indexes, data volume, round trips, caching.",
        key_points=SQL_POINTS,
    ),
    Q(
        "t-missing-data",
        "technical",
        "How do you handle missing values in a dataset?",
        skills=("Data analysis",),
        families=("data",),
        hint="Why is it missing? Then drop, impute or flag.",
        key_points=(
            "Find out why values are missing and how many",
            "Drop rows or columns when little data is lost",
            "Impute with mean, median or a model",
            "Add an indicator flag for missingness",
        ),
    ),
    Q(
        "t-ab-test",
        "technical",
        "How would you design an A/B test for a new checkout page?",
        skills=("A/B testing", "Statistics"),
        families=("data",),
        hint="Metric, randomisation, sample size, significance.",
        key_points=(
            "Choose one primary metric such as conversion rate",
            "Randomly split users between control and variant",
            "Compute the sample size needed before starting",
            "Check statistical significance before deciding",
        ),
    ),
)


@dataclass
class TinyBank:
    questions: tuple[Q, ...] = QUESTIONS
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def for_role(
        self, occupation: Any, kind: str, difficulty: str | None, n: int, rng: random.Random
    ) -> list[Q]:
        self.calls.append((getattr(occupation, "id", occupation), kind, difficulty, n))
        if kind == "behavioral":
            pool = [q for q in self.questions if q.kind == "behavioral"]
        else:
            pool = [q for q in self.questions if q.kind != "behavioral"]
        return pool[:n]


def tiny_bank() -> BankIndex:
    return BankIndex(TinyBank())


CONFLICT_Q = QUESTIONS[0].text
SQL_Q = QUESTIONS[4].text

STRONG_STAR = (
    "At my last job as a support lead at Acme, two engineers on my team disagreed about "
    "whether to ship a hotfix on a Friday. My task was to get a decision before the 5pm release "
    "deadline without losing either of them. I set up a 15-minute call, asked each of them to "
    "list the risks, and I wrote the options on a shared doc. I proposed we ship behind a "
    "feature flag to 10% of users first. As a result we shipped on time, errors stayed under "
    "0.1%, and both engineers said the process felt fair; we now use that checklist for every "
    "release."
)
VAGUE = (
    "I am a good team player and I always try to communicate well with everyone. I think "
    "conflict is normal and you should just talk it out with people."
)
IDK = "idk"
GIBBERISH = "asdkjh qwkejh aslkdj qwpoeiru zmxncb asdlkfj weoiru sdfkjh"
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua."
)
OFF_TOPIC = (
    "My favourite food is pizza and I like to watch football on the weekends with my friends. "
    "Last summer I went to Spain and the weather was really sunny every single day."
)
SQL_FOUR_OF_FIVE = (
    "First I'd run EXPLAIN ANALYZE to read the plan and see which step is slow. Usually it's a "
    "sequential scan, so I would add an index on the columns in the WHERE clause and the join "
    "keys. I'd also stop using SELECT * and only select the columns the report needs, because "
    "wide rows cost I/O. Finally, if the app calls the query in a loop, I'd batch it into one "
    "join to avoid the N+1 pattern."
)
SQL_ONE_OF_FIVE = "I would add an index on the column we filter by, so the query is faster."
