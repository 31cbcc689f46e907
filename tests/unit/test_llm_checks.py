"""The checks on model replies (careermate_bot/llm/checks.py): persona, language, entities and
contradiction, each with replies that must pass and replies that must fail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from careermate_bot.llm.checks import (
    CoachFacts,
    CoachPoint,
    check_contradiction,
    check_entities,
    check_language,
    check_persona,
    check_reply,
    contradiction_check,
    detect_language,
    entity_check,
    language_check,
    sentences,
)

# -- persona -----------------------------------------------------------------------------------
SPEAKS_AS_USER = [
    "Hello! I'm seeking a career counselor.",
    "I'm looking for a job in marketing.",
    "I am currently looking for a new position as a nurse.",
    "I'm searching for remote work.",
    "I've been applying to jobs for months.",
    "I want to become a data scientist.",
    "Can you help me find a job?",
    "Could you review my resume?",
    "I'm currently unemployed and need advice.",
    "I'm a recent graduate with a degree in biology.",
    "I just got laid off last week.",
    "I have 5 years of experience in sales.",
    "My resume is attached.",
    "My name is Sam and I need help.",
    "Yes, I am working as a cashier.",
    "I have an interview tomorrow.",
    "Which jobs should I apply for?",
    "I need a job that pays more.",
    "I'm trying to land an internship this summer.",
    "My dream job is to be a pilot.",
    "Hi, I’m looking for career advice.",
]
SIGNS_OFF = [
    "Thanks for reaching out! Best regards, SeekerA",
    "Best regards,",
    "Sincerely,\nSam",
    "Kind regards, The CareerMate Team",
    "— SeekerA",
    "Yours truly, Alex",
    "Warm regards",
    "Regards, Jordan.",
    "[Your Name]",
    "Your friend, Bob",
]
OFFERS_TO_MEET = [
    "I'd love to meet up with you sometime.",
    "I'd be happy to chat with you over Discord!",
    "I'm happy to chat with you in person. What brings you to Denver?",
    "Let's grab a coffee and talk about it.",
    "We could meet for lunch next week.",
    "Feel free to call me anytime.",
    "Here is my email so you can reach me.",
    "Give me a call when you're free.",
    "I can hop on a video call with you.",
    "Let's meet in person to discuss your plans.",
    "We should get together and go over your resume.",
    "I'd like to schedule a call with you.",
]
PERSONAL_LIFE = [
    "When I was a nurse, I worked long shifts.",
    "My wife says I work too much.",
    "I used to work in retail too.",
    "I had a rough day too, honestly.",
    "In my experience, recruiters love numbers.",
    "I grew up in Ohio.",
    "My kids keep me busy.",
    "I've worked as a software engineer for ten years.",
    "As a former recruiter, I can tell you this.",
    "I'm a teacher myself.",
    "My weekend was great, thanks!",
    "I remember when I first started my career.",
    "I'm so tired today.",
    "My boss used to say that too.",
    "I went to college in Texas.",
]
OWN_VOICE = [
    "Hi! How can I help with your career today?",
    "I'm CareerMate, an AI career coach. I can suggest career paths or run a mock interview.",
    "I'm doing well, thanks for asking! What can I help you with?",
    "Nice to meet you! Tell me about the work you enjoy.",
    "I'm looking forward to helping you.",
    "For an in-person interview, arrive ten minutes early.",
    "Video calls and phone screens are common first rounds, so test your camera.",
    "Networking tip: invite a former colleague for a coffee chat.",
    "- SQL\n- Excel\n- Python",
    "Best of luck with your interview tomorrow!",
    "Take care, and good luck!",
    "Thanks for sharing that. What role are you aiming for?",
    "Once you've signed the offer, tell your current employer.",
    "With regards to salary, research the median pay first.",
    "Could you tell me a bit more about your experience?",
    "Could you help me understand which role you want?",
    "You could meet the hiring manager at a career fair.",
    "Send me your résumé as a file and I'll review it.",
    "I'm an AI, so I don't have a weekend, but I'm glad you had a good one!",
    "Sorry to hear you're having a rough day. Want to take one small career step together?",
    "Here are my interview tips: research the company and practise the STAR method.",
    "My language model is offline right now.",
    "Your resume should lead with results.",
    "You might say: I'm looking for a role where I can grow.",
    'Try saying: "I have 5 years of experience in sales."',
    "Many people find a job through their network.",
    "My job is to help you with your career.",
    "I can help you practise answers for a video interview.",
    "If the interview is in person, bring a printed copy of your résumé.",
    "What kind of job are you looking for?",
    "Good luck, Sam!",
    "Say 'I led the team' rather than 'we did it'.",
]


@pytest.mark.parametrize(
    ("text", "reason"),
    [(t, "speaks_as_user") for t in SPEAKS_AS_USER]
    + [(t, "signs_off") for t in SIGNS_OFF]
    + [(t, "offers_to_meet") for t in OFFERS_TO_MEET]
    + [(t, "personal_life") for t in PERSONAL_LIFE],
)
def test_persona_violations_fail_with_their_reason(text: str, reason: str) -> None:
    verdict = check_persona(text)
    assert not verdict.ok and verdict.check == "persona" and verdict.reason == reason, text


@pytest.mark.parametrize("text", OWN_VOICE)
def test_careermates_own_voice_passes_the_persona_check(text: str) -> None:
    assert check_persona(text).ok, check_persona(text).label


def test_a_failed_verdict_carries_no_words_of_the_reply() -> None:
    verdict = check_persona("My name is Bartholomew and I'm looking for a job.")
    assert "Bartholomew" not in verdict.label and verdict.label == "persona:speaks_as_user"
    assert not verdict


# -- language ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hola, ¿cómo estás? Puedo ayudarte con tu trabajo.", "es"),
        ("Es un buen trabajo para ti y para tu familia.", "es"),
        ("Bonjour, je suis là pour vous aider avec votre carrière.", "fr"),
        ("Hallo, ich bin hier, um dir mit deiner Karriere zu helfen.", "de"),
        ("Olá, posso ajudar com o seu trabalho.", "pt"),
        ("Ciao, posso aiutarti con il tuo lavoro.", "it"),
        ("Hallo, ik kan je helpen met je werk.", "nl"),
    ],
)
def test_other_languages_fail_unless_the_user_wrote_in_them(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert check_language(text, "How do I get a better job?").reason == "not_the_users_language"
    assert check_language(text).check == "language"
    assert check_language(text, text).ok  # the user wrote in that language


@pytest.mark.parametrize(
    "text",
    [
        "Hello! How can I help you with your career today?",
        "Python, SQL and Excel.",
        "Great question!",
        "The median pay is $95,000 in Denver.",
        "Die-hard fans of data science love it.",
        "Learn SQL, then Tableau.",
        "Ok.",
        "La la la, let's get to work on your résumé.",
        "I would go with the data analyst path, it is the best fit for you.",
    ],
)
def test_english_and_undecidable_text_passes_the_language_check(text: str) -> None:
    assert check_language(text, "hola").ok
    assert language_check("Bonjour")(text).ok


def test_the_users_language_is_detected_once_and_allowed() -> None:
    check = language_check("Hola, necesito un trabajo para mi hermana.")
    assert check("Claro, puedo ayudarte con tu trabajo.").ok
    assert not check("Bien sûr, je peux vous aider avec votre travail.").ok
    assert check("Of course, I can help with that.").ok


# -- entities (career summary) -----------------------------------------------------------------
def _paths(kb: Any, skills: list[str], target: str | None = None) -> Any:
    from careermate_bot.knowledge import CareerProfile
    from careermate_bot.knowledge.strict import location_label
    from careermate_bot.services.career import CareerPaths
    from careermate_bot.services.profile.store import ProfileSnapshot

    targets = [target] if target else []
    result = kb.match_careers(CareerProfile(skills=skills, target_roles=targets), top=5)
    now = datetime.now(UTC)
    profile = ProfileSnapshot(
        discord_id=1, display_name="Sam", skills=skills, locations=[], remote_ok=None,
        min_salary=None, experience_years=4, target_roles=targets, preferences={},
        created_at=now, updated_at=now,
    )  # fmt: skip
    return CareerPaths(
        result=result, profile=profile, location_label=location_label(None), target_role=target
    )


@pytest.fixture(scope="module")
def engineer_facts(career_kb: Any) -> Any:
    from careermate_bot.services.career.summary_text import summary_entities

    paths = _paths(career_kb, ["Python", "SQL", "Git", "JavaScript"])
    return summary_entities(paths, career_kb)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "You seem passionate about science, with an interest in atmospheric science and "
            "Physics.",
            "unknown_skill",
        ),
        ("You are passionate about science.", "invented_interest"),
        ("You love building things with your hands.", "invented_interest"),
        ("Your passion for music shows.", "invented_interest"),
        ("You could also become a Meteorologist.", "unknown_occupation"),
        ("A Registered Nurse role could suit you.", "unknown_occupation"),
        ("Consider becoming a Dental Hygienist.", "unknown_occupation"),
        ("With your nursing background, consider patient care.", "unknown_skill"),
        ("Start with Photoshop and welding.", "unknown_skill"),
        ("Your accounting experience helps.", "unknown_skill"),
    ],
)
def test_a_summary_naming_what_the_result_does_not_hold_fails(
    engineer_facts: Any, text: str, reason: str
) -> None:
    verdict = check_entities(text, engineer_facts)
    assert verdict.check == "entities" and verdict.reason == reason, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "Software Developer is your strongest path, building on Python and SQL.",
        "Learn object-oriented programming next.",
        "Your Python skills fit a Backend Developer role.",
        "Full-stack developers earn well.",
        "Keep practising SQL every week.",
        "Your interest in software development is a good sign.",
        "Your JavaScript and Git experience carries over.",
        "Start a small project this week.",
        "The pay figures come from BLS data.",
    ],
)
def test_a_summary_naming_only_the_results_skills_and_roles_passes(
    engineer_facts: Any, text: str
) -> None:
    assert check_entities(text, engineer_facts).ok, check_entities(text, engineer_facts)


def test_the_composed_summary_passes_its_own_entity_check(career_kb: Any) -> None:
    from careermate_bot.services.career.summary_text import compose_summary, summary_entities

    for skills in (["Python", "SQL"], ["Patient care", "Communication"], ["Excel"], ["Welding"]):
        paths = _paths(career_kb, skills)
        text = compose_summary(paths)
        assert text, skills
        assert check_reply(text, [entity_check(summary_entities(paths, career_kb))]).ok, text
        assert check_reply(text, [check_persona, check_language]).ok, text


# -- contradiction (coach comments) ------------------------------------------------------------
BIAS_QUESTION = "Explain the bias-variance trade-off with an example."
ALL_COVERED = CoachFacts(
    covered=(
        CoachPoint("bias is error from a too-simple model"),
        CoachPoint("variance is sensitivity to the training data"),
        CoachPoint("underfitting versus overfitting"),
        CoachPoint("tune complexity with cross-validation"),
        CoachPoint("regularisation"),
    ),
    missed=(),
    topic=BIAS_QUESTION,
    score=87,
)
PARTLY = CoachFacts(
    covered=(
        CoachPoint("bias is error from a too-simple model"),
        CoachPoint("underfitting versus overfitting"),
    ),
    missed=(
        CoachPoint("variance is sensitivity to the training data"),
        CoachPoint("tune complexity with cross-validation"),
        CoachPoint("regularisation"),
    ),
    topic=BIAS_QUESTION,
    score=45,
)
STAR_ALL = CoachFacts(
    covered=(
        CoachPoint("the situation", frozenset({"situation", "scene", "context", "background"})),
        CoachPoint("your task", frozenset({"task", "goal"})),
        CoachPoint("the actions you took", frozenset({"action", "actions", "steps"})),
        CoachPoint("the result", frozenset({"result", "outcome", "impact"})),
        CoachPoint("numbers", frozenset({"number", "numbers", "metric", "metrics"})),
    ),
    missed=(),
    topic="Tell me about a time you resolved a conflict in your team.",
    score=88,
)
STAR_WEAK = CoachFacts(
    covered=(CoachPoint("the situation", frozenset({"situation", "scene", "context"})),),
    missed=(
        CoachPoint("numbers", frozenset({"number", "numbers", "metric", "metrics"})),
        CoachPoint("the actions you took", frozenset({"action", "actions", "steps"})),
    ),
    topic="Tell me about a time you resolved a conflict in your team.",
    score=30,
)


@pytest.mark.parametrize(
    ("facts", "text", "reason"),
    [
        (
            ALL_COVERED,
            "The answer did not cover the bias-variance trade-off.",
            "covered_called_missing",
        ),
        (ALL_COVERED, "You did not explain regularisation.", "covered_called_missing"),
        (ALL_COVERED, "Next time, mention cross-validation.", "covered_called_missing"),
        (
            ALL_COVERED,
            "You forgot to talk about overfitting and underfitting.",
            "covered_called_missing",
        ),
        (
            ALL_COVERED,
            "It was missing the part about training data sensitivity and variance.",
            "covered_called_missing",
        ),
        (ALL_COVERED, "This was a weak answer overall.", "harsh_on_a_strong_answer"),
        (PARTLY, "You covered cross-validation well.", "missed_called_covered"),
        (PARTLY, "Good explanation of regularisation.", "missed_called_covered"),
        (PARTLY, "You nailed all the key points.", "missed_called_covered"),
        (PARTLY, "Excellent answer!", "praise_for_a_weak_answer"),
        (
            PARTLY,
            "You did not explain why bias comes from a too-simple model.",
            "covered_called_missing",
        ),
        (STAR_ALL, "You did not give any numbers.", "covered_called_missing"),
        (STAR_ALL, "Next time, describe the result.", "covered_called_missing"),
        (STAR_ALL, "You did not set the scene.", "covered_called_missing"),
        (STAR_ALL, "Your answer lacked a clear outcome.", "covered_called_missing"),
        (STAR_WEAK, "You gave great numbers.", "missed_called_covered"),
        (STAR_WEAK, "You described your actions clearly.", "missed_called_covered"),
        (STAR_WEAK, "A perfect story!", "praise_for_a_weak_answer"),
    ],
)
def test_a_comment_contradicting_the_rubric_fails(
    facts: CoachFacts, text: str, reason: str
) -> None:
    verdict = check_contradiction(text, facts)
    assert verdict.check == "contradiction" and verdict.reason == reason, (text, verdict)


@pytest.mark.parametrize(
    ("facts", "text"),
    [
        (ALL_COVERED, "You explained bias and variance clearly."),
        (ALL_COVERED, "Great job covering underfitting versus overfitting."),
        (ALL_COVERED, "Try to keep it this concise in the real interview."),
        (ALL_COVERED, "You could make it even stronger by timing yourself."),
        (ALL_COVERED, "Strong answer: it covers all five key points."),
        (PARTLY, "You did not mention cross-validation."),
        (PARTLY, "Next time, explain how to tune complexity with cross-validation."),
        (PARTLY, "You explained bias clearly, but regularisation was missing."),
        (PARTLY, "Add regularisation to round it off."),
        (PARTLY, "A fair start that needs more depth."),
        (STAR_ALL, "Good use of numbers to show the impact."),
        (STAR_ALL, "You set the scene well and ended with a clear result."),
        (STAR_WEAK, "Add a number to show the impact."),
        (STAR_WEAK, "You set the scene, but the steps you took were missing."),
        (STAR_WEAK, "Next time, say what actions you took yourself."),
    ],
)
def test_a_comment_that_agrees_with_the_rubric_passes(facts: CoachFacts, text: str) -> None:
    assert check_contradiction(text, facts).ok, check_contradiction(text, facts)


def test_check_reply_judges_every_sentence_and_reports_the_first_failure() -> None:
    text = "You explained bias and variance clearly. Next time, mention cross-validation."
    assert sentences(text) == [
        "You explained bias and variance clearly.",
        "Next time, mention cross-validation.",
    ]
    verdict = check_reply(text, [check_persona, contradiction_check(ALL_COVERED)])
    assert verdict.label == "contradiction:covered_called_missing"
    assert check_reply("Well done. Keep it up!", [check_persona]).ok


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Hi, I'm Jessica, a career coach.", "speaks_as_user"),
        ("As a job seeker myself, I understand.", "speaks_as_user"),
        ("I know how you feel, I've been there.", "personal_life"),
        ("I'm a real person, and I can be anyone you'd like.", "personal_life"),
        ("I've been in this industry for a while.", "personal_life"),
        ("I've been helping people like you for years now.", "personal_life"),
        ("We should catch up sometime!", "offers_to_meet"),
        ("Add me on LinkedIn.", "offers_to_meet"),
        ("What brings you to my blog today?", "personal_life"),
        ("My students always ask me that.", "personal_life"),
    ],
)
def test_more_ways_of_not_being_careermate_fail(text: str, reason: str) -> None:
    assert check_persona(text).reason == reason, text


@pytest.mark.parametrize(
    "text",
    [
        "Job fairs let you meet recruiters in person.",
        "Meeting people in person at events helps your network.",
        "Try an informational interview: ask someone for 20 minutes over coffee.",
        "When you meet the hiring manager, ask about the team's goals.",
        "I don't have personal experiences, but recruiters often look for numbers.",
        "As an AI, I don't have a family, but I'm happy to help you plan your week.",
        "My suggestion: start with SQL, then learn a BI tool.",
        "Follow up with a short thank-you email within a day.",
        "I'm Happy to help!",
        "You might say: I'm Maria and I love data.",
        "Congratulations on the new job!",
    ],
)
def test_more_of_careermates_own_voice_passes(text: str) -> None:
    assert check_persona(text).ok, check_persona(text)


def test_names_the_user_cannot_claim_or_sign_with() -> None:
    from careermate_bot.llm.checks import persona_check

    check = persona_check(["SeekerA", "CareerMate"])
    assert check("Hello! I'm SeekerA.").reason == "speaks_as_user"
    assert check("SeekerA").reason == "signs_off"
    assert check("— CareerMate").reason == "signs_off"
    assert check("SeekerA has been working hard.").reason == "talks_about_the_user"
    assert check("SeekerA's career path is a great example.").reason == "talks_about_the_user"
    for fine in ("Hi SeekerA, welcome back!", "Thanks, SeekerA!", "Good luck, SeekerA."):
        assert check(fine).ok, fine


@pytest.mark.parametrize(
    "text",
    [
        "You missed the bias-variance trade-off.",
        "Consider adding regularisation.",
        "It would help to mention cross-validation.",
        "You might want to explain overfitting.",
        "One thing to add: how variance depends on the training data.",
        "The explanation of the bias-variance trade-off was incomplete.",
        "You could improve it by discussing regularisation.",
    ],
)
def test_every_way_of_asking_for_a_covered_point_fails(text: str) -> None:
    assert check_contradiction(text, ALL_COVERED).reason == "covered_called_missing", text


def test_praise_for_missed_points_fails_however_it_is_put() -> None:
    for text in (
        "You clearly explained regularisation and cross-validation.",
        "Regularisation was well covered.",
        "Nice work on variance and the training data.",
    ):
        assert check_contradiction(text, PARTLY).reason == "missed_called_covered", text
    assert check_contradiction("Nice work on variance and the training data.", ALL_COVERED).ok


def test_a_one_word_greeting_in_another_language_allows_that_language() -> None:
    from careermate_bot.llm.checks import users_language

    assert [users_language(t) for t in ("hola", "merci beaucoup", "ciao", "hello", "ok")] == [
        "es",
        "fr",
        "it",
        None,
        None,
    ]
    assert language_check("hola")("Hola, ¿cómo estás? Puedo ayudarte con tu trabajo.").ok
    assert not language_check("hello")("Hola, ¿cómo estás? Puedo ayudarte con tu trabajo.").ok
