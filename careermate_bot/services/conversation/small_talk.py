"""Small talk without a model: short, warm lines in CareerMate's own voice.

Used when the configured model has not passed the small-talk evaluation (see
`careermate_bot.llm.capability`), and whenever a model reply fails reply hygiene or a check.
Each kind of message (a greeting, thanks, a rough day, a joke request, ...) has several lines;
`variant` (e.g. the number of messages so far) picks one, so a conversation does not repeat
itself. Every line steers to what CareerMate can do, unless the caller adds its own steer
(`steered=True`, the "other" intent, where the front end appends `STEER_BACK`).

    small_talk_reply("hey there!", variant=3, name="Sam")
    # "Hey Sam! 👋 I'm CareerMate. Want to see which careers fit your skills, ..."
"""

from __future__ import annotations

import re
from typing import Literal

from careermate_bot.llm.checks import PASS, ReplyCheck, Verdict

SmallTalkKind = Literal[
    "joke",
    "greeting",
    "how_are_you",
    "thanks",
    "goodbye",
    "rough_day",
    "nervous",
    "excited",
    "work_chat",
    "compliment",
    "who_are_you",
    "what_can_you_do",
    "acknowledgement",
    "off_topic",
]

# Most specific first: "thanks, bye!" is a goodbye, "hi, tell me a joke" a joke request.
_PATTERNS: tuple[tuple[SmallTalkKind, str], ...] = (
    ("joke", r"\b(?:jokes?|make me (?:laugh|smile)|something funny|pun|cheer me up)\b"),
    (
        "nervous",
        r"\b(?:nervous|scared|afraid|terrified|anxious|worried|panicking|freaking out|"
        r"butterflies|dread(?:ing)?|stage fright)\b",
    ),
    (
        "rough_day",
        r"\b(?:rough|bad|awful|terrible|horrible|hard|tough|long|crappy|shitty) "
        r"(?:day|week|time|morning|night)|\b(?:sad|down|depressed|stressed|stressful|"
        r"exhausted|tired|burn(?:ed|t) out|burnout|frustrat\w*|upset|lonely|hopeless|"
        r"discouraged|overwhelmed|rejected|rejection|ghosted|laid off|fired|hate my job|"
        r"miserable|not great|not good|struggling|ugh)\b",
    ),
    (
        "excited",
        r"\b(?:excited|thrilled|pumped|stoked|happy|great news|good news|got (?:the|a|an|my) "
        r"(?:job|offer|promotion|raise|internship)|got hired|got promoted|i passed|"
        r"graduated|landed|nailed it|finally)\b",
    ),
    (
        "work_chat",  # good things about one's own work: "I like my team", "my boss is great"
        r"\bi (?:really |truly |do )?(?:love|like|enjoy) (?:my|our) (?:new )?(?:job|work|team|"
        r"boss|manager|coworkers?|co-workers?|colleagues?|company|role|office|workplace)\b|"
        r"\bmy (?:new )?(?:job|team|boss|manager|coworkers?|co-workers?|colleagues?|company|"
        r"workplace) (?:is|are) (?:really |so |pretty )?(?:great|awesome|amazing|nice|good|"
        r"the best|fun|lovely|supportive|kind|cool|fantastic|wonderful)\b",
    ),
    (
        "goodbye",
        r"\b(?:bye+|goodbye|see (?:you|ya)|good ?night|take care|talk (?:to you )?later|"
        r"ttyl|gtg|g2g|cya|gotta go|have to go|signing off|later)\b",
    ),
    (
        "thanks",
        r"\b(?:thanks|thank you|thx|ty|appreciate(?:d)?|cheers|much obliged|grateful)\b",
    ),
    (
        "compliment",
        r"\b(?:you(?:'re| are) (?:the best|awesome|amazing|great|smart|clever|funny|cool|"
        r"helpful|brilliant|a lifesaver|nice|kind)|you rock|good (?:bot|job)|well done|"
        r"nice work|great job|love (?:you|this|it)|so helpful)\b",
    ),
    (
        "who_are_you",
        r"\b(?:who are you|what are you|your name|are you (?:a |an )?(?:bot|robot|human|real|"
        r"ai|person|alive|chatgpt)|who made you|who built you)\b",
    ),
    (
        "what_can_you_do",
        r"\b(?:what can you do|what do you do|how can you help|what can i ask|help me|"
        r"what are you for|what are you good at|your features|commands)\b",
    ),
    (
        "how_are_you",
        r"\b(?:how are (?:you|u|things)|how(?:'s| is) (?:it going|your day|life|everything)|"
        r"how have you been|how you doing|how do you do|what'?s up|wassup|sup|"
        r"are you (?:working|there|ok|okay|busy))\b",
    ),
    (
        "greeting",
        r"^(?:hi+|hel+o+|hey+|heya|yo+|hiya|howdy|greetings|good (?:morning|afternoon|"
        r"evening|day)|morning|evening|hola|bonjour|hallo|ciao|salut|aloha|namaste)\b",
    ),
    (
        "acknowledgement",
        r"^(?:ok(?:ay)?|k|cool|nice|great|awesome|perfect|sure|alright|got it|makes sense|"
        r"sounds good|i see|fair enough|understood|no worries|no problem|will do|yes|yeah|"
        r"yep|no|nope|hmm+|lol|haha+)\b",
    ),
)
_KINDS = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)

CAN_DO = (
    "I can suggest career paths from your skills, look up pay for a role, find jobs, review "
    "your résumé or run a mock interview."
)
_ASK = [
    "What would you like to work on?",
    "Where shall we start?",
    "What's on your mind, career-wise?",
    "Which of those sounds useful today?",
]
_LINES: dict[SmallTalkKind, tuple[str, ...]] = {
    "greeting": (
        "Hi{name}! 👋 I'm CareerMate, your career coach. Ask me “what jobs fit my skills?”, "
        "send your résumé for a review, or try a mock interview.",
        "Hello{name}! Good to see you. I can suggest career paths, look up pay for a role or "
        "help you practise for an interview. Where shall we start?",
        "Hey{name}! 👋 Ready when you are: career paths, pay figures, jobs, résumé reviews or "
        "interview practice.",
        "Hi there{name}! What's on your mind, career-wise? I can match your skills to roles, "
        "review a résumé or run a mock interview.",
        "Hello again{name}! Want to look at careers that fit you, check pay for a role, or "
        "practise an interview?",
    ),
    "how_are_you": (
        "I'm running smoothly, thanks for asking! 🙂 How about you? If work's on your mind, "
        "I can suggest career paths or help you prepare for an interview.",
        "All good here, and ready to help. How's your job search going? I can review your "
        "résumé or find roles that fit your skills.",
        "Doing well, thanks! What are you working towards at the moment? Tell me a role and "
        "I'll show what it pays and what it takes.",
        "Good, thank you! I'm here whenever you want to talk careers: paths, pay, jobs, "
        "résumés or interview practice.",
    ),
    "thanks": (
        "You're welcome! Anything else I can help with: another role, your résumé, or some "
        "interview practice?",
        "Happy to help! 😊 If you want a next step, try a mock interview for the role you're "
        "aiming at.",
        "Any time! Come back whenever you want to check a role's pay or practise an interview.",
        "Glad that helped! Want me to look at which skills would add most to your match?",
        "My pleasure. Good luck, and shout if you want a résumé review.",
    ),
    "goodbye": (
        "Bye for now, and good luck with the job search! 👋 I'll remember what you told me.",
        "Take care! Come back any time for career paths, pay figures or interview practice.",
        "See you! When you're ready, your next step could be a quick mock interview.",
        "Goodbye, and best of luck with the job search! I'm here whenever you need me.",
    ),
    "rough_day": (
        "Sorry it's been a rough one. 💙 Job stuff can be draining. If it helps, we can take "
        "one small step together: a résumé check or a look at roles that fit you.",
        "That sounds hard, and it's okay to feel that way. When you're ready, I can help with "
        "something concrete, like practising one interview question.",
        "I'm sorry to hear that. Setbacks in a job search are common, and they don't define "
        "you. Want me to find roles that match the skills you already have?",
        "That's tough. Be kind to yourself today. Whenever you want, I can review your résumé "
        "or suggest a next step for your career.",
    ),
    "nervous": (
        "Nerves are normal: they mean it matters to you. Practice helps most, so want to try a "
        "mock interview? I'll score each answer and tell you what to improve.",
        "Totally understandable! A few practice answers with the STAR method (situation, "
        "task, action, result) make a big difference. Shall we run a mock interview?",
        "Feeling nervous is a good sign you care. Preparing two or three stories from your "
        "experience helps a lot, and I can help you practise them in a mock interview.",
        "You've got this. Want to rehearse? A short mock interview for your role takes about "
        "ten minutes, with feedback on every answer.",
    ),
    "excited": (
        "That's great news, congratulations! 🎉 If there's a next step, like preparing for the "
        "first weeks or the next role, I'm happy to help.",
        "Love to hear it! 🎉 Well done. Want to look at the roles this could lead to next?",
        "Congratulations, that's a real achievement! Enjoy it. When you're ready, I can show "
        "you the next roles this opens up.",
        "Wonderful! 🎉 Moments like this make the effort worth it. Anything I can help you "
        "prepare for next, like a new role or an interview?",
    ),
    "work_chat": (
        "That's great to hear! Liking where you work is worth a lot. When you want to grow "
        "from here, I can show the next roles your skills lead to and what they pay.",
        "Love that. 😊 Good people make work better. If you ever want to build on it, ask me "
        "for the skill gap of the role you'd like next.",
        "Nice! Enjoying your work is a strong place to plan from. Want to see what your next "
        "step could pay, or practise for a future interview?",
    ),
    "compliment": (
        "Thank you, that's kind! 😊 Shall we keep going? I can look at roles, pay or your résumé.",
        "Thanks! I'm glad I'm useful. What's next on your list: a role, your résumé or an "
        "interview?",
        "That made my day, thank you! Want to try a mock interview while we're at it?",
    ),
    "who_are_you": (
        "I'm CareerMate, an AI career coach. " + CAN_DO,
        "I'm CareerMate, a career-coaching bot, not a person. " + CAN_DO,
        "CareerMate here: an AI that helps with careers. Pay figures come from BLS data and "
        "career paths from O*NET. " + CAN_DO,
    ),
    "what_can_you_do": (
        "Here's what I can do: suggest career paths from your skills, show the skill gap for "
        "a role, look up pay (BLS figures), find jobs, review your résumé and run scored mock "
        "interviews. Just ask in your own words.",
        CAN_DO + " Try “what jobs fit my skills?” or “how much do nurses make in Denver?”.",
        "Plenty! Tell me your skills and I'll match them to careers, or send your résumé for a "
        "review, or say “mock interview” to practise.",
    ),
    "acknowledgement": (
        "Great! {ask} Career paths, pay, jobs, résumés and interviews are all on the table.",
        "Sounds good. {ask} " + CAN_DO,
        "Okay! I'm here when you need me: career paths, pay, jobs, résumés or interviews.",
    ),
    "off_topic": (
        "That's outside what I can help with: I stick to careers. " + CAN_DO,
        "I'm not the right one for that, I'm afraid; careers are my thing. " + CAN_DO,
        "That one's beyond me, since I only know careers and work. {ask} " + CAN_DO,
        "I'd better leave that to someone else! What I can do: career paths, pay for a role, "
        "jobs, résumé reviews and mock interviews.",
    ),
}
# Without a steer: the front end adds its own ("I'm best with careers, though: ...").
_OFF_TOPIC_SHORT = (
    "That's outside what I can answer well.",
    "I'm not the right one for that, I'm afraid.",
    "That one's beyond what I know.",
)
JOKES = (
    "Why did the scarecrow get promoted? He was outstanding in his field.",
    "Why was the math book stressed at work? It had too many problems.",
    "Why did the developer go broke? He used up all his cache.",
    "Why did the employee bring a pencil to the meeting? To draw conclusions.",
    "Why did the spreadsheet want a new job? It felt boxed in by its cells.",
    "Why was the computer tired when it got to the office? It had a hard drive.",
    "A calendar maker was let go for taking a couple of days off.",
    "Why did the candidate bring a ladder to the interview? The job had room to climb.",
    "Why don't résumés ever get lost? They always have good references.",
    "Why did the coffee file a complaint at work? It got mugged.",
    "Why did the job seeker sit by the printer? Waiting for a good offer to come out.",
    "What do you call a networking event for bakers? A roll call.",
)
_JOKE_STEERS = (
    "Now, anything career-related I can help with?",
    "Want another, or shall we look at your job search?",
    "I've got more, but I'm better at careers: want a mock interview?",
    "Back to business whenever you like: roles, pay, résumés or interviews.",
)
_NAME = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,23}$")


def small_talk_kind(text: str) -> SmallTalkKind:
    """What kind of small talk `text` is ("off_topic" when it is none of the others)."""
    lowered = " ".join(text.replace("’", "'").casefold().split())
    for kind, pattern in _KINDS:
        if pattern.search(lowered):
            return kind
    return "off_topic"


def _name_part(name: str | None) -> str:
    if not name:
        return ""
    first = name.strip().split()[0] if name.strip() else ""
    return f" {first}" if first and _NAME.match(first) else ""


def small_talk_reply(
    text: str, *, variant: int = 0, name: str | None = None, steered: bool = False
) -> str:
    """One warm, short line for `text`. `variant` picks among the lines for its kind;
    `steered`: the caller appends its own steer, so off-topic lines stay short."""
    kind = small_talk_kind(text)
    index = abs(variant)
    if kind == "joke":
        return f"{JOKES[index % len(JOKES)]} 😄 {_JOKE_STEERS[index % len(_JOKE_STEERS)]}"
    if kind == "off_topic" and steered:
        return _OFF_TOPIC_SHORT[index % len(_OFF_TOPIC_SHORT)]
    lines = _LINES[kind]
    line = lines[index % len(lines)]
    return line.format(name=_name_part(name), ask=_ASK[index % len(_ASK)])


_SYMPATHY = re.compile(
    r"\b(?:sorry (?:to hear|for your|about your|that)|that(?:'s| is| sounds) (?:tough|hard|rough|"
    r"awful|terrible|difficult)|my condolences|i can only imagine how (?:hard|challenging|"
    r"difficult))"
)
_CHEER = re.compile(
    r"\b(?:congrat\w*|great news|good news|well done|that's (?:great|wonderful|amazing|"
    r"fantastic)|how exciting|glad to hear|happy to hear|so happy for you)\b"
)


def feeling_check(user_text: str) -> ReplyCheck:
    """A reply to good news may not offer sympathy, and one to bad news may not cheer
    (check "contradiction", reason "wrong_feeling")."""
    kind = small_talk_kind(user_text)

    def check(text: str) -> Verdict:
        lowered = " ".join(text.replace("’", "'").casefold().split())
        if kind == "excited" and _SYMPATHY.search(lowered):
            return Verdict(False, "contradiction", "wrong_feeling")
        if kind in ("rough_day", "nervous") and _CHEER.search(lowered):
            return Verdict(False, "contradiction", "wrong_feeling")
        return PASS

    return check
