import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermate_bot.common.salary_input import (
    SalaryRange,
    parse_salary,
    parse_salary_range,
)
from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90k", 90_000),
        ("90k+", 90_000),
        ("90K", 90_000),
        ("$90,000", 90_000),
        ("$90,000+", 90_000),
        ("90000", 90_000),
        ("USD 80,000", 80_000),
        ("95k/yr", 95_000),
        ("$120,000 per year", 120_000),
        ("1.2m", 1_200_000),
        ("92.5k", 92_500),
        ("$45/hr", 45 * 2080),
        ("45 an hour", 45 * 2080),
        ("at least 70k", 70_000),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_salaries_as_people_type_them(text: str | None, expected: int | None) -> None:
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90k-120k", SalaryRange(90_000, 120_000)),
        ("90-120k", SalaryRange(90_000, 120_000)),
        ("$90,000 - $120,000", SalaryRange(90_000, 120_000)),
        ("$90,000 – $120,000", SalaryRange(90_000, 120_000)),
        ("90k to 120k", SalaryRange(90_000, 120_000)),
        ("100k+", SalaryRange(100_000, None)),
        ("100k", SalaryRange(100_000, 100_000)),
        ("$40-$60/hr", SalaryRange(40 * 2080, 60 * 2080)),
        ("", None),
    ],
)
def test_salary_ranges(text: str, expected: SalaryRange | None) -> None:
    assert parse_salary_range(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("lots", "isn't a salary"),
        ("-5k", "isn't a salary"),
        ("12", "doesn't look like a yearly salary"),
        ("50m", "doesn't look like a yearly salary"),
        ("9" * 80, "too long"),
    ],
)
def test_bad_salaries_get_an_actionable_message(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_salary(text)
    assert hint in caught.value.user_message
    assert "Try" in caught.value.user_message or "yearly" in caught.value.user_message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("120k-90k", "below the bottom"),
        ("10k-200k", "too wide"),
        ("cheap", "isn't a salary range"),
    ],
)
def test_insane_ranges_are_refused(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_salary_range(text)
    assert hint in caught.value.user_message


def test_user_text_in_errors_is_quoted_not_interpreted() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_salary("**<@123>**")
    message = caught.value.user_message
    assert "\\*\\*\\<@123\\>\\*\\*" in message
    assert quote("a `b` c") == "“a \\`b\\` c”"


def test_range_text() -> None:
    assert SalaryRange(90_000, 120_000).text() == "$90,000 - $120,000"
    assert SalaryRange(90_000, None).text() == "$90,000+"
    assert SalaryRange(90_000, 90_000).text() == "$90,000"


@given(st.integers(min_value=1_000, max_value=9_999_999))
def test_any_whole_dollar_amount_round_trips(amount: int) -> None:
    assert parse_salary(f"${amount:,}") == amount
    assert parse_salary(str(amount)) == amount
    assert parse_salary_range(f"${amount:,}+") == SalaryRange(amount, None)


@given(st.text(max_size=60))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    for parse in (parse_salary, parse_salary_range):
        try:
            parse(text)
        except InvalidInput as error:
            assert error.user_message
