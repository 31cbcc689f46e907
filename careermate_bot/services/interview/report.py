"""The end-of-interview report, computed from the stored scores (pure, deterministic).

Overall = the mean of the questions asked (a skipped question counts 0; questions never reached
after an early End are left out). Areas = the same mean per competency or skill (chart data).
Strengths = what the best answers did well; the two things to work on = the tips that would
have won back the most points across all answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from careermate_bot.services.interview.types import (
    AreaScore,
    InterviewReport,
    ReportItem,
    SessionView,
)

REPORT_FORMULA = (
    "Overall = mean of the questions asked (skipped = 0). Each answer is scored 0-100 by fixed "
    "rules: STAR structure, specificity, ownership, length and relevance for behavioral "
    "questions; key points, skills, reasoning and length for technical ones."
)
SKIP_TIP = "Answer every question - even a short, honest attempt scores more than a skip."
STRENGTH_MIN_SCORE = 60


def build_report(view: SessionView) -> InterviewReport:
    answers = sorted(view.answers, key=lambda a: a.index)
    items: list[ReportItem] = []
    area_scores: dict[str, list[int]] = defaultdict(list)
    for a in answers:
        value = 0 if a.skipped or a.score is None else a.score
        items.append(
            ReportItem(
                number=a.index + 1,
                question=a.question,
                kind=a.kind,
                area=a.area,
                score=None if a.skipped else a.score,
                skipped=a.skipped,
            )
        )
        area_scores[a.area].append(value)
    answered = sum(1 for a in answers if not a.skipped)
    skipped = sum(1 for a in answers if a.skipped)
    asked = len(answers)
    overall = (
        round(sum(0 if a.skipped else (a.score or 0) for a in answers) / asked) if asked else None
    )
    areas = tuple(
        AreaScore(area=area, score=round(sum(v) / len(v)), questions=len(v))
        for area, v in area_scores.items()
    )
    weakest = min(areas, key=lambda s: (s.score, -s.questions)).area if areas else None
    return InterviewReport(
        session_id=view.id,
        role=view.role,
        kind=view.kind,
        status=view.status,
        overall=overall,
        answered=answered,
        skipped=skipped,
        asked=asked,
        total=view.total,
        items=tuple(items),
        strengths=_strengths(view, areas),
        work_on=_work_on(view, skipped),
        areas=areas,
        weakest_area=weakest,
        ended_early=asked < view.total,
        how_scored=REPORT_FORMULA,
    )


def _strengths(view: SessionView, areas: tuple[AreaScore, ...]) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    for a in view.answers:
        if a.details is not None and not a.skipped and (a.score or 0) >= STRENGTH_MIN_SCORE:
            counts.update(a.details.strengths)
    found = [text for text, _ in counts.most_common(2)]
    best = max(areas, key=lambda s: s.score, default=None)
    if best is not None and best.score >= 70 and len(areas) > 1:
        found.append(f"Strongest area: {best.area} ({best.score}/100).")
    return tuple(found[:3])


def _work_on(view: SessionView, skipped: int) -> tuple[str, ...]:
    lost: Counter[str] = Counter()
    for a in view.answers:
        if a.skipped or a.details is None:
            continue
        tips = a.details.tips
        # The first tip of each answer is the one that cost the most points there.
        for rank, tip in enumerate(tips[:3]):
            lost[_tip_key(tip)] += 3 - rank
    ranked = [_tip_text(view, key) for key, _ in lost.most_common()]
    out: list[str] = []
    if skipped:
        out.append(SKIP_TIP)
    for tip in ranked:
        if tip not in out:
            out.append(tip)
        if len(out) == 2:
            break
    return tuple(out[:2])


def _tip_key(tip: str) -> str:
    # "Cover: <point>." tips differ per question; group them as one habit.
    return "Cover:" if tip.startswith("Cover:") else tip


def _tip_text(view: SessionView, key: str) -> str:
    if key == "Cover:":
        return (
            "Cover the key points of technical questions: name the method, say why, and give "
            "an example (the hints list what interviewers listen for)."
        )
    return key
