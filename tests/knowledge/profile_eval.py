"""Top-3 accuracy of the matcher on the labelled profiles in tests/data/profiles/.

`tuning.yaml` may be tuned on (tests/knowledge/test_profiles.py); `heldback.yaml` is only
measured (bench/knowledge.py). The headline: a profile passes when every one of its top 3
occupations is in its `accept` list (a counsellor would sign the whole top 3, not just one line
of it); also counted: the first path acceptable, any of the three acceptable, and the share of
acceptable slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from careermate_bot.knowledge import CareerProfile, KnowledgeBase

PROFILES_DIR = Path(__file__).resolve().parent.parent / "data" / "profiles"
TUNING = PROFILES_DIR / "tuning.yaml"
HELD_BACK = PROFILES_DIR / "heldback.yaml"


@dataclass(frozen=True)
class LabelledProfile:
    id: str
    profile: CareerProfile
    accept: frozenset[str]


@dataclass
class Accuracy:
    profiles: int = 0
    top3_all: int = 0  # all three acceptable
    top1: int = 0  # the first one acceptable
    top3_any: int = 0  # at least one of the three acceptable
    slots: int = 0  # acceptable slots out of 3 * profiles
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def top3_rate(self) -> float:
        return self.top3_all / self.profiles if self.profiles else 0.0

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.profiles if self.profiles else 0.0

    @property
    def any_rate(self) -> float:
        return self.top3_any / self.profiles if self.profiles else 0.0

    @property
    def slot_rate(self) -> float:
        return self.slots / (3 * self.profiles) if self.profiles else 0.0

    def summary(self) -> str:
        return (
            f"top-3 all acceptable {self.top3_all}/{self.profiles} ({self.top3_rate:.0%}), "
            f"top-1 {self.top1}/{self.profiles} ({self.top1_rate:.0%}), "
            f"any of top 3 {self.top3_any}/{self.profiles} ({self.any_rate:.0%}), "
            f"acceptable slots {self.slot_rate:.0%}"
        )


def load_profiles(path: Path) -> list[LabelledProfile]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for row in rows:
        leaving = row.get("leaving")
        profile = CareerProfile(
            skills=list(row["skills"]),
            experience_years=row.get("experience_years"),
            current_role=row.get("current_role"),
            leaving=[leaving] if leaving else [],
        )
        out.append(LabelledProfile(row["id"], profile, frozenset(row["accept"])))
    return out


def evaluate(kb: KnowledgeBase, profiles: list[LabelledProfile]) -> Accuracy:
    acc = Accuracy()
    for labelled in profiles:
        result = kb.match_careers(labelled.profile, top=3)
        top = [m.occupation.id for m in result.matches]
        good = [oid in labelled.accept for oid in top]
        acc.profiles += 1
        acc.slots += sum(good)
        acc.top1 += bool(good and good[0])
        acc.top3_any += any(good)
        if len(good) == 3 and all(good):
            acc.top3_all += 1
        else:
            acc.misses.append((labelled.id, top))
    return acc
