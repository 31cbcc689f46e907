"""Checks on what a model says, beyond figures: persona, entities, contradiction, language.

Each check is a pure function of one sentence (or a whole reply) that returns a `Verdict`: ok,
or the check that failed and a short reason code (never the reply's words, so the reason can
be logged). Reply hygiene (`careermate_bot.llm.hygiene.StreamGuard(checks=...)`) runs them on
every sentence of a model reply; a reply that fails one is replaced by the deterministic text
for its task (see docs/llm.md, "Which tasks use the model").

- persona: CareerMate never speaks as the user ("I'm seeking a career counselor"), never signs
  with anyone's name ("Best regards, SeekerA"), never offers to meet ("let's grab a coffee"),
  never claims a personal life or experiences ("when I was a nurse", "my wife").
- entities: a career summary names only skills the person has or the result lists, and only
  occupations in the result; it invents no interests ("passionate about science").
- contradiction: an interview coach comment never calls a point the answer covered missing,
  never praises a point it missed, and its tone fits the score.
- language: English, unless the user wrote in another language (then that one too).

    verdict = check_persona("Best regards, SeekerA")   # Verdict(ok=False, check="persona", ...)
    verdict = check_reply(text, [check_persona, language_check(user_text)])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "PASS",
    "CoachFacts",
    "CoachPoint",
    "EntityFacts",
    "OccupationFinder",
    "ReplyCheck",
    "Verdict",
    "check_contradiction",
    "check_entities",
    "check_language",
    "check_mentions",
    "check_persona",
    "check_reply",
    "contradiction_check",
    "detect_language",
    "entity_check",
    "language_check",
    "mentions_any",
    "names_a_point",
    "persona_check",
    "sentences",
    "shared_words",
    "users_language",
]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one check. `reason` is a short code, safe to log (no user content)."""

    ok: bool
    check: str = ""
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok

    @property
    def label(self) -> str:
        return f"{self.check}:{self.reason}" if not self.ok else "ok"


PASS = Verdict(True)
ReplyCheck = Callable[[str], Verdict]


def _fail(check: str, reason: str) -> Verdict:
    return Verdict(False, check, reason)


def _norm(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


def sentences(text: str) -> list[str]:
    """The sentences and lines of `text` (what the guard judges one at a time)."""
    return [part.strip() for part in _SENTENCE_SPLIT.split(text) if part and part.strip()]


def check_reply(text: str, checks: Iterable[ReplyCheck]) -> Verdict:
    """The first failing verdict over every sentence of `text`, or `PASS`."""
    rules = list(checks)
    for sentence in sentences(text):
        for rule in rules:
            verdict = rule(sentence)
            if not verdict.ok:
                return verdict
    return PASS


# -- persona -----------------------------------------------------------------------------------
_I = r"\bi(?:'m| am)"
_JOB_NOUNS = (
    r"(?:jobs?|work|positions?|roles?|careers?|counsel\w*|coach\w*|mentors?|internships?|"
    r"opportunit\w+|employ\w*|advice|guidance|openings?|gigs?|recruiters?)"
)
_AS_USER = [
    # job seeking in the first person
    rf"{_I}\s+(?:\w+\s+){{0,2}}(?:seeking|looking for|searching for|hunting for|"
    rf"applying (?:for|to)|interviewing (?:for|with|at)|trying to (?:find|get|land)|"
    rf"in the market for|on the hunt for)\b(?:\s+\S+){{0,5}}?\s+{_JOB_NOUNS}\b",
    rf"{_I}\s+(?:\w+\s+)?(?:seeking|searching for|applying for|hunting for)\b",
    r"\bi(?:'ve| have) (?:been )?(?:applied|applying|sent (?:out )?(?:my|\d+|a few|many) "
    r"(?:resumes?|applications?))\b",
    r"\bi (?:want|need|would like|hope|plan|wish) to (?:become|be hired|get (?:a|hired|the|into)|"
    r"find (?:a|work)|land (?:a|the)|switch (?:to|careers)|change careers|work as|apply)\b",
    r"\bi need (?:a job|work|help with my|advice on my|a new job|money)\b",
    r"\b(?:can|could|would) you (?:please )?(?:help me(?! understand| see| know| get a sense)|"
    r"review my|look at my|find me)\b",
    r"\bhelp me (?:find|get a|land|with my|write my|fix my)\b",
    rf"{_I}\s+(?:currently |still |now )?(?:unemployed|out of work|between jobs|job ?hunting|"
    r"a (?:recent |new )?(?:graduate|grad|student|job seeker|jobseeker|career changer)|"
    r"working (?:as|at|in|for(?! you)|part[- ]time|full[- ]time|on my)|employed (?:as|at|by))\b",
    r"\bi (?:just |recently )?(?:got|was) (?:laid off|fired|let go|hired|promoted|the job|"
    r"an offer|the offer|an interview|rejected)\b",
    r"\bi (?:just |recently )?graduated\b|\bi (?:studied|majored in)\b",
    r"\bi have (?:an? |my )(?:job )?interview\b",
    r"\bi(?:'ve| have)(?: got)? (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|many|a few) (?:\w+ )?years? (?:of )?(?:experience|in)\b",
    r"\bmy (?:resume|résumé|cv|cover letter|job search|job hunt|application|applications|"
    r"interviews?(?! tips| questions| advice| practice)|salary|paycheck|degree|major|diploma|"
    r"portfolio|linkedin|current job|last job|old job|previous job|first job|dream job|new job|"
    r"current role|skills are|skills include|goal is|target role|career goal)\b",
    r"\bmy name is (?!careermate\b)\w+",
    r"\bas an? (?:fellow )?(?:job ?seeker|candidate|applicant|recent graduate|new grad|"
    r"career changer)(?: myself)?\b",
    # an unprompted question only the user would ask
    r"^(?:so,? )?(?:what|which) (?:jobs?|careers?) (?:should|could|can) i\b",
    r"\bshould i (?:apply|take the|accept|quit|learn|become|study)\b",
]
_CLOSING = (
    r"(?:(?:best|kind|warm|warmest|warm and kind)? ?regards|sincerely(?: yours)?|"
    r"yours (?:truly|sincerely|faithfully)|cordially|respectfully(?: yours)?|"
    r"your (?:friend|pal|buddy|coach|career coach|assistant|mentor))"
)
_SIGN_OFF = [
    rf"^{_CLOSING}\s*[,.!:]*$",  # the closing alone on its line: a name follows
    rf"\b{_CLOSING}\s*[,:]\s*(?:\n\s*)?[a-z][\w.]*(?:\s+[a-z][\w.]*)?\s*[.!]?$",
    r"\b(?:best|kind|warm|warmest) regards\b",
    r"^best,\s*(?:\n\s*)?[a-z][\w.]*\s*$",
    r"^(?:--|[–—~])\s*[a-z][\w.]*(?:\s+[a-z][\w.]*)?\s*$",  # "— SeekerA"
    r"^signed\b|\bsent from my (?:iphone|phone|android|ipad)\b",
    r"\[(?:your|my) name\]",
]
_FIRST_PERSON_OFFER = (
    r"(?:let's|let us|we could|we can|we should|we'll|why don't we|how about we|maybe we|"
    r"i'd love to|i would love to|i'd like to|i would like to|i'd be happy to|"
    r"i would be happy to|i can|i could|i'll|i will|happy to|love to|want to|wanna|shall we|"
    r"would you like to)"
)
_MEET = [
    rf"\b{_FIRST_PERSON_OFFER} (?:\w+ ){{0,4}}?(?:meet|hang out|get together|catch up in|"
    r"go for (?:a )?(?:coffee|lunch|dinner|drinks?|walk)|"
    r"(?:grab|have|get) (?:a |some )?(?:coffee|lunch|dinner|drinks?|a bite|beers?))\b",
    r"\bmeet (?:up|in person|face to face|irl|sometime|someday)\b",
    r"(?<!nice to )(?<!glad to )(?<!great to )(?<!good to )(?<!pleased to )"
    r"(?<!lovely to )\bmeet (?:with )?you\b",
    r"\b(?:chat|chatting|talk|talking|meet|meeting|see|catch up|connect)(?: up)?(?: with)? you "
    r"(?:\w+ ){0,2}(?:in person|face to face|irl|in real life)\b",
    rf"\b{_FIRST_PERSON_OFFER}\b.{{0,40}}\b(?:in person|face to face|irl|in real life)\b",
    r"\b(?:call|text|email|e-mail|phone|ring|contact|reach|visit) me\b",
    r"\bmy (?:phone|number|phone number|email|e-mail|address|office|house|home address)\b",
    r"\bgive me a (?:call|ring|shout)\b",
    rf"\b{_FIRST_PERSON_OFFER}\b.{{0,40}}\b(?:video|phone|zoom|skype|voice) (?:call|chat)\b",
    rf"\b{_FIRST_PERSON_OFFER}\b.{{0,40}}\b(?:over|on|via) (?:discord|zoom|skype|whatsapp|"
    r"facetime|teams|google meet|the phone|telegram|signal|email|instagram|snapchat)\b",
    rf"\b{_FIRST_PERSON_OFFER}\b.{{0,30}}\b(?:schedule|set up|arrange|book)\b.{{0,20}}"
    r"\b(?:meeting|call|appointment|coffee)\b",
    r"\bsee you (?:there|in person|at the cafe|at my|at your)\b",
    r"\bcatch up (?:sometime|soon|one day|over|in person|irl)\b",
    r"\b(?:add|follow|connect with|message|find|dm) me on (?:linkedin|twitter|instagram|"
    r"facebook|x|whatsapp|telegram|signal|snapchat|tiktok)\b",
]
_KIN = (
    r"(?:wife|husband|spouse|partner|kids?|children|son|daughter|mom|mum|mother|dad|father|"
    r"parents|brother|sister|siblings?|family|girlfriend|boyfriend|fianc[ée]e?|dog|cat|pets?|"
    r"puppy|grandma|grandmother|grandpa|grandfather|roommate|neighbou?r|aunt|uncle|cousin|"
    r"baby|best friend|colleagues?|coworkers?|co-workers?|boss|old manager|team ?mates?|"
    r"weekend|vacation|holiday|birthday|wedding|commute|hometown|apartment|car|garden|"
    r"childhood|youth|college days|school days|own experience|personal experience|"
    r"personal life|life story|blog|website|podcast|channel|book|own business|clients|"
    r"students|patients|hobby|hobbies)"
)
_PERSONAL = [
    rf"\bmy (?:\w+ )?{_KIN}\b",
    r"\bwhen i was (?:a|an|young|little|younger|in|at|working|growing|starting|your age|still|"
    r"\d+)\b",
    r"\bi used to (?:work|be|have|live|do|teach|study|think|struggle)\b",
    r"\bback (?:when|in the day)\b.{0,20}\bi\b",
    r"\bi (?:grew up|was born|went to (?:college|school|university|uni|a|the)|live in|"
    r"lived in|moved to|retired)\b",
    r"\bi(?:'ve| have)? (?:worked|taught|studied|trained|served) (?:as|at|in|for|with)\b",
    r"\bi (?:once|also) (?:worked|had|was|got|went|applied|interviewed)\b",
    r"\b(?:in|from|based on) my (?:own |personal |years of |long )?(?:experience|career|"
    r"time as|days as|years as)\b",
    r"\bmy (?:years|time|days|experience|career) (?:as|at|in)\b",
    r"\bas an? (?:former|fellow|ex-|retired|experienced|seasoned|practising|practicing) "
    r"(?!ai\b|bot\b|assistant\b)\w+",
    rf"{_I} (?:also )?(?:an? )?(?:nurse|teacher|doctor|engineer|developer|programmer|lawyer|"
    r"accountant|recruiter|hiring manager|manager|designer|writer|student|parent|mom|dad|"
    r"mother|father|human|person|man|woman|guy|girl|veteran|retiree|freelancer|consultant|"
    r"analyst|scientist)\b",
    r"\bi(?:'ve| have)? (?:had|been having) (?:a|an|such a) (?:rough|long|tough|busy|great|good|"
    r"bad|hard|crazy|hectic|stressful|lovely|nice) (?:day|week|morning|night|year)\b",
    r"\bmy (?:day|week|morning|night) (?:was|has been|is going)\b",
    r"\bi (?:ate|had (?:lunch|dinner|breakfast)|slept|woke up|went (?:out|home|shopping)|"
    r"cooked|drove|was sick|got sick|feel tired)\b",
    rf"{_I} (?:so |really |a bit |very )?(?:tired|exhausted|sleepy|hungry|sick|hungover)\b",
    r"\bi (?:remember|recall) (?:when|the time|my|being)\b",
    # a human, with a working life of its own
    rf"{_I} (?:a )?(?:real|actual) (?:person|human)\b|{_I} (?:a )?human\b|"
    rf"{_I} not (?:a |an )?(?:bot|robot|ai|machine|program)\b",
    r"\bi(?:'ve| have) been (?:in|\w+ing) (?:\w+ ){0,5}?for (?:years|decades|a long time|"
    r"(?:\d+|many|several|a few|two|three|five|ten) years)\b",
    r"\bi(?:'ve| have) been in (?:this|the|that) (?:industry|business|field|line of work)\b",
    r"\bi(?:'ve| have) been (?:there|in your shoes|through (?:this|that|it|the same))\b",
    r"\b(?:personally|myself),? i (?:went|had|was|did|found that when)\b",
]
_PERSONA = [
    ("speaks_as_user", [re.compile(p) for p in _AS_USER]),
    ("signs_off", [re.compile(p, re.MULTILINE) for p in _SIGN_OFF]),
    ("offers_to_meet", [re.compile(p) for p in _MEET]),
    ("personal_life", [re.compile(p) for p in _PERSONAL]),
]
# Phrases in CareerMate's own voice that the patterns above would otherwise catch.
_OWN_VOICE = re.compile(
    r"\bi(?:'m| am) (?:an? )?(?:ai|bot|chatbot|virtual|language model|career coach|"
    r"careermate)\b|\bmy (?:language model|model|job is to|role is to|purpose)\b"
)
# An example line for the user to say ("You might say: 'I'm looking for...'") is not CareerMate
# speaking as the user.
_QUOTED = re.compile(
    r"[\"“][^\"”]{3,300}[\"”]|(?<!\w)'[^']{12,300}'(?!\w)|"
    r"\b(?:you (?:might|could|can|should|may) (?:say|write|answer|open with|try)|try saying|"
    r"say something like|for example|e\.g\.|such as|like this)\s*[:,]\s*.*$",
    re.IGNORECASE,
)


def persona_check(names: Sequence[str] = ()) -> ReplyCheck:
    """`check_persona`, plus: a line that is only one of `names` (the user's display name,
    "CareerMate") is a signature."""
    keys = {_norm(n).strip(" .!-–—~") for n in names if n and n.strip()}
    people = [k for k in keys if k and k != "careermate"]
    alternatives = "|".join(re.escape(k) for k in sorted(people, key=len, reverse=True))
    claims = (
        re.compile(rf"\b(?:i'm|i am|this is|my name is|name's|call me)\s+(?:{alternatives})\b")
        if people
        else None
    )
    # "Sam has been working with...", "Sam's career path is...": about the user, not to them.
    about = (
        re.compile(
            rf"(?<!, )(?<!hi )(?<!hey )(?<!hello )(?<!thanks )\b(?:{alternatives})(?:'s\b|\s+"
            r"(?:has|have|is|was|were|had|works|worked|loves|enjoys|likes|wants|seems|needs|"
            r"knows|can|could|should|will|would)\b)"
        )
        if people
        else None
    )

    def check(text: str) -> Verdict:
        lowered = _norm(text)
        bare = lowered.strip(" .!,-–—~*_")
        if bare and bare in keys:
            return _fail("persona", "signs_off")
        if claims is not None and claims.search(lowered):
            return _fail("persona", "speaks_as_user")
        if about is not None and about.search(_QUOTED.sub(" ", lowered)):
            return _fail("persona", "talks_about_the_user")
        return check_persona(text)

    return check


# "I'm Jessica, a career coach": CareerMate has no other name (case-sensitive: a name).
_NAMED_SELF = re.compile(
    r"\b(?:I['’]m|I am|[Mm]y name is|[Cc]all me)\s+(?!CareerMate\b)([A-Z][a-z]{2,})\b"
)
_NOT_NAMES = frozenset(
    "Here Not So Glad Happy Sorry Afraid Excited Doing Always Just Really Also Sure Still Ready "
    "Able Unable The Your Going Curious Thrilled Delighted Honored Pleased Grateful Thankful "
    "Proud Confident Available Only Currently Now Certain Positive Confused Unsure Back Fine "
    "Good Great Well Okay Programmed Designed Built Trained Made Powered Based Running Still "
    "Afraid Impressed Interested Eager Keen Looking Working Trying Learning Writing".split()
)


def check_persona(text: str) -> Verdict:
    """CareerMate's own voice: not the user's, no signature, no meeting, no private life."""
    named = _NAMED_SELF.search(_QUOTED.sub(" ", text))
    if named is not None and named.group(1) not in _NOT_NAMES:
        return _fail("persona", "speaks_as_user")
    lowered = _norm(text) if "\n" not in text else "\n".join(_norm(x) for x in text.splitlines())
    masked = _QUOTED.sub(" ", _OWN_VOICE.sub(" ", lowered))
    for reason, patterns in _PERSONA:
        source = lowered if reason == "signs_off" else masked
        if any(p.search(source) for p in patterns):
            return _fail("persona", reason)
    return PASS


# -- language ----------------------------------------------------------------------------------
# Function words that are frequent in one language and rare in the others (ambiguous ones such
# as "a", "in", "die", "son", "no", "me", "also" are left out).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and is are you your with for this that what how of it be have can will would "
        "should my we they not but or from at by an was were been there which when who".split()
    ),
    "es": frozenset(
        "el los las que y es para con una por del usted muy pero como más está estás eres "
        "soy tu tus su sus hola gracias puedo puedes trabajo cómo qué también ayudarte "
        "hay esto esta este nos al lo le".split()
    ),
    "fr": frozenset(
        "le les des est et pour avec une vous je nous dans pas sur du au mais qui ce cette "
        "être sont avez votre vos bonjour merci suis comment aussi très peux travail c'est "
        "j'ai aux ou".split()
    ),
    "de": frozenset(
        "der das und ist nicht ich sie mit für ein eine einen dem den zu auf sind wir auch "
        "wie kann haben bitte danke hallo oder ihre ihr dich mich bin gut arbeit sehr".split()
    ),
    "pt": frozenset(
        "os as que é para com uma não você do da dos das mas como mais está estou obrigado "
        "obrigada olá trabalho também posso seu sua em ao".split()
    ),
    "it": frozenset(
        "il gli che è per con una non sono del della sei come più anche grazie ciao lavoro "
        "posso tuo tua questo questa ho hai nel alla".split()
    ),
    "nl": frozenset(
        "de het een en is niet ik je jij met voor zijn wij ook hoe kan hebben dank bedankt "
        "hallo werk goed van dat wat".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_LANGUAGE_HITS = 2


def detect_language(text: str) -> str | None:
    """The language of `text` ("en", "es", "fr", "de", "pt", "it", "nl") from its function
    words, or None when unsure (too short, or no language stands out). Other scripts are
    hygiene's job."""
    found = _WORD.findall(_norm(text))
    if not found:
        return None
    hits = {lang: sum(w in vocab for w in found) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    top = hits[best]
    if top < MIN_LANGUAGE_HITS:
        return None
    ties = [lang for lang, n in hits.items() if n == top]
    if len(ties) > 1:
        return "en" if "en" in ties else None
    if best != "en" and top / len(found) < 0.2:
        return None
    return best


def users_language(text: str) -> str | None:
    """The language a user wrote in: `detect_language`, or for a short message ("hola",
    "merci beaucoup") the one language with a function word when English has none."""
    found = detect_language(text)
    if found is not None:
        return found
    words = _WORD.findall(_norm(text))
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    others = [lang for lang, n in hits.items() if n and lang != "en"]
    return others[0] if len(others) == 1 and not hits["en"] else None


def check_language(text: str, user_text: str = "") -> Verdict:
    """English, or the language the user wrote in."""
    said = detect_language(text)
    if said is None or said == "en":
        return PASS
    if user_text and users_language(user_text) == said:
        return PASS
    return _fail("language", "not_the_users_language")


def language_check(user_text: str = "") -> ReplyCheck:
    """`check_language` bound to the user's message (detected once)."""
    users = users_language(user_text) if user_text else None

    def check(text: str) -> Verdict:
        said = detect_language(text)
        if said is None or said == "en" or said == users:
            return PASS
        return _fail("language", "not_the_users_language")

    return check


# -- entities ----------------------------------------------------------------------------------
class _NamedOccupation(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


_GENERIC_SINGLE = frozenset(
    "server pilot principal author writer controller counsel editor editors trainer developer "
    "president founder broker buyer cook doctor trader porter steward clerk inspector "
    "investigator estimator forecaster fundraiser foreman superintendent registrar provost "
    "dean director reporter correspondent therapist counselor analyst engineer manager "
    "consultant assistant associate specialist coordinator technician officer agent lead "
    "designer scientist architect programmer tutor mechanic quant devops founder model".split()
)
_NAME_WORD = re.compile(r"[a-z0-9+#]+")


def _name_key(text: str) -> str:
    return " ".join(_NAME_WORD.findall(_norm(text).replace("-", " ")))


class OccupationFinder:
    """Finds occupation names (titles and aliases) in text: [(name, {ids it may mean})].

    Only names that cannot be an ordinary word: two or more words ("data scientist"), or one
    word of 6+ letters that is not a generic job word ("meteorologist", not "developer").
    """

    def __init__(self, occupations: Iterable[_NamedOccupation]) -> None:
        names: dict[str, set[str]] = {}
        for occ in occupations:
            for written in (occ.title, *occ.aliases):
                key = _name_key(written)
                words = key.split()
                if not words:
                    continue
                if len(words) == 1 and (len(key) < 6 or key in _GENERIC_SINGLE):
                    continue
                names.setdefault(key, set()).add(occ.id)
                if key.endswith("s") and len(words) >= 1:
                    names.setdefault(key[:-1], set()).add(occ.id)
                else:
                    names.setdefault(key + "s", set()).add(occ.id)
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._longest = max((len(k.split()) for k in self._names), default=1)

    def find(self, text: str) -> list[tuple[str, frozenset[str]]]:
        words = _name_key(text).split()
        found: list[tuple[str, frozenset[str]]] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                key = " ".join(words[i : i + size])
                ids = self._names.get(key)
                if ids is not None:
                    found.append((key, ids))
                    i += size
                    break
            else:
                i += 1
        return found


_INTEREST = re.compile(
    r"\b(?:(?:you(?:'re| are)?|you seem|you're clearly|you are clearly) (?:\w+ )?"
    r"(?:passionate|enthusiastic|excited|curious|fascinated|interested|keen) (?:about|in|by)|"
    r"your (?:\w+ )?(?:passion|love|enthusiasm|interest|interests|fascination|curiosity) "
    r"(?:for|in|about)|you (?:really )?(?:love|enjoy|adore)|your (?:hobby|hobbies|dream))"
    r"\s+(?P<what>[^.;!?]{1,80})"
)


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What a career summary may name: the person's and the result's skills, the result's
    occupations (and their next roles, the target role). Names are compared case-insensitively."""

    skills: frozenset[str]
    occupation_ids: frozenset[str]
    extract_skills: Callable[[str], Sequence[str]]
    finder: OccupationFinder | None = None
    names: frozenset[str] = field(default_factory=frozenset)  # allowed names as written

    @classmethod
    def build(
        cls,
        *,
        skills: Iterable[str],
        occupation_ids: Iterable[str],
        extract_skills: Callable[[str], Sequence[str]],
        finder: OccupationFinder | None = None,
        names: Iterable[str] = (),
    ) -> EntityFacts:
        return cls(
            skills=frozenset(s.casefold() for s in skills),
            occupation_ids=frozenset(occupation_ids),
            extract_skills=extract_skills,
            finder=finder,
            names=frozenset(_name_key(n) for n in names if _name_key(n)),
        )


# The data sources a summary may cite ("BLS" is also an alias of the CPR skill).
_SOURCES = re.compile(r"\bBLS\b|\bO\*?NET\b|\bBureau of Labor Statistics\b|\bOEWS\b", re.I)


def check_entities(text: str, facts: EntityFacts) -> Verdict:
    """Only skills and occupations from the facts, and no invented interests."""
    text = _SOURCES.sub(" ", text)
    for skill in facts.extract_skills(text):
        if skill.casefold() not in facts.skills:
            return _fail("entities", "unknown_skill")
    if facts.finder is not None:
        for name, ids in facts.finder.find(text):
            if ids & facts.occupation_ids:
                continue
            if any(f" {name} " in f" {allowed} " for allowed in facts.names):
                continue  # part of an allowed title ("software developer" in a longer one)
            return _fail("entities", "unknown_occupation")
    interest = _INTEREST.search(_norm(text))
    if interest is not None:
        what = interest.group("what")
        named = {s.casefold() for s in facts.extract_skills(what)} & facts.skills
        finder_ids: set[str] = set()
        if facts.finder is not None:
            for _, ids in facts.finder.find(what):
                finder_ids |= ids
        key = f" {_name_key(what)} "
        if (
            not named
            and not finder_ids & facts.occupation_ids
            and not any(f" {n} " in key for n in facts.names)
        ):
            return _fail("entities", "invented_interest")
    return PASS


def entity_check(facts: EntityFacts) -> ReplyCheck:
    def check(text: str) -> Verdict:
        return check_entities(text, facts)

    return check


# -- contradiction (interview coach comments) --------------------------------------------------
@dataclass(frozen=True, slots=True)
class CoachPoint:
    """One thing the rubric looked for: its words, and plain words that also name it
    ("numbers": "figure", "metric")."""

    text: str
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CoachFacts:
    """The deterministic score a coach comment must agree with."""

    covered: tuple[CoachPoint, ...]
    missed: tuple[CoachPoint, ...]
    topic: str = ""  # the question
    score: int = 0


_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it its "
    "this that these those you your yours i me my we our they their he she his her them there "
    "here what which who how why when where do does did done doing have has had can could would "
    "should will shall may might must not no nor so than then too very just also more most less "
    "some any all each every both either one two about into over under again once only own same "
    "such up down out off if while because until through during before after above below between "
    "answer answers question questions point points example examples mention mentioned mentioning "
    "cover covered covering explain explained explaining describe described describing say said "
    "talk talked give gave show showed good great well nice strong solid clear clearly really "
    "next time try add adding include including consider make sure remember work improve "
    "missing missed miss lack lacked lacks lacking without forgot forget left leave omit omitted "
    "didn't doesn't don't isn't wasn't aren't could've should've would've yet still even bit "
    "little lot lots thing things way ways part parts area areas something anything everything "
    "like use used using versus vs rather instead".split()
)
_STEM_SUFFIXES = (
    ("isations", "iz"), ("izations", "iz"), ("isation", "iz"), ("ization", "iz"),
    ("ational", "at"), ("ations", "at"), ("ation", "at"), ("ities", "it"), ("ity", "it"),
    ("ively", ""), ("ive", ""), ("ness", ""), ("ments", ""), ("ment", ""), ("ings", ""),
    ("ing", ""), ("ies", "y"), ("ied", "y"), ("ised", "iz"), ("ized", "iz"), ("ises", "iz"),
    ("izes", "iz"), ("ise", "iz"), ("ize", "iz"), ("ers", ""), ("er", ""), ("ed", ""),
    ("es", ""), ("ly", ""), ("s", ""),
)  # fmt: skip
_NEGATIVE = re.compile(
    r"\b(?:did ?n[o']t|didn't|does ?n[o']t|doesn't|don't|never|not|no|without|missing|missed|"
    r"misses|forgot|forgets|forgotten|omit(?:s|ted)?|left out|leaves out|lack(?:ed|s|ing)?|"
    r"absent|fail(?:ed|s)? to|could have|should have|would have|could've|should've|next time|"
    r"try (?:to|adding|including|mentioning|naming)|consider|add(?:ing)?|include|make sure|"
    r"remember to|(?<!nice )(?<!good )(?<!great )work on|needs? (?:to|more)|would benefit|"
    r"would help|might (?:want to|add|mention|include|explain)|may want to|"
    r"improve (?:it |this |the answer |your answer )?by|could (?:\w+ )?(?:improve|strengthen)|"
    r"could (?:add|mention|include|explain|say|name|give|be)|"
    r"should (?:add|mention|include|explain|say|name|give)|"
    r"more (?:detail|about|on)|incomplete|weak(?:er)?|vague|unclear|"
    r"gap|only briefly|barely)\b"
)
_POSITIVE = re.compile(
    r"\b(?:you (?:\w+ )?(?:covered|mentioned|included|addressed|explained|described|showed|"
    r"named|gave|used|made|highlighted|noted|discussed|touched on|nailed|brought up|set out|"
    r"walked through|laid out|got)|covers|covered|nailed|well done|nicely|good job|great job|"
    r"well explained|clearly explained|(?:great|good|nice|excellent|strong|solid|clear|"
    r"helpful|effective|thorough) (?:job|work|point|use|mention|explanation|example|"
    r"structure|answer|detail|details|grasp|understanding|start|coverage))\b"
)
_CLAUSES = re.compile(r",\s*(?:but|though|although|yet|however)\b|;|\s+but\s+|\bhowever\b|"
                      r"\balthough\b|\bwhile\b|\bwhereas\b")  # fmt: skip
_SUPERLATIVE = re.compile(
    r"\b(?:excellent|perfect|outstanding|flawless|great answer|amazing|superb|brilliant|"
    r"fantastic|impressive|exceptional)\b"
)
_HARSH = re.compile(r"\b(?:poor|weak|bad|terrible|failed|inadequate|insufficient|lacking)\b")
_HIGH_SCORE = re.compile(
    r"\b(?:very |really |quite )?(?:high|great|excellent|good|strong|top|impressive|perfect) "
    r"(?:score|result|mark|grade)\b"
)
_LOW_SCORE = re.compile(r"\b(?:very |really |quite )?(?:low|poor|bad|weak) (?:score|result|mark)\b")
_NOTHING_COVERED = re.compile(
    r"\b(?:did ?n[o']t|didn't|does ?n[o']t|doesn't|failed to) (?:\w+ ){0,2}(?:anything|any of)"
    r"\b|\bnothing (?:was |is )?(?:covered|mentioned|right|useful|relevant)\b|"
    r"\bcovered nothing\b|\bnone of the (?:key )?points\b|\bmissed (?:everything|all)\b"
)
_NOTHING_MISSING = re.compile(
    r"\b(?:nothing (?:is )?missing|covered (?:everything|all)|all the key points)\b"
)
_QUOTE_MARKS = re.compile(r"[“\"][^”\"]{1,200}[”\"]")
WEAK_SCORE = 50
STRONG_SCORE = 80
MENTION_SHARE = 0.5


def _stem(word: str) -> str:
    for suffix, repl in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def _content(text: str) -> set[str]:
    words = _WORD.findall(_norm(text).replace("-", " ").replace("/", " "))
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def _share(point: CoachPoint, said: set[str], raw_words: set[str]) -> float:
    if point.aliases & raw_words:
        return 1.0
    wanted = _content(point.text.split("(")[0])
    if not wanted:
        return 0.0
    return len(wanted & said) / len(wanted)


def _best(points: Sequence[CoachPoint], said: set[str], raw: set[str]) -> float:
    return max((_share(p, said, raw) for p in points), default=0.0)


def check_contradiction(text: str, facts: CoachFacts) -> Verdict:
    """A coach comment that agrees with the rubric: it does not call a covered point missing,
    praise a missed one, call a fully covered answer incomplete, or contradict the score."""
    lowered = _norm(text)
    if facts.score < WEAK_SCORE and (_SUPERLATIVE.search(lowered) or _HIGH_SCORE.search(lowered)):
        return _fail("contradiction", "praise_for_a_weak_answer")
    if facts.score >= STRONG_SCORE and (
        (_HARSH.search(lowered) and "answer" in lowered) or _LOW_SCORE.search(lowered)
    ):
        return _fail("contradiction", "harsh_on_a_strong_answer")
    if facts.missed and _NOTHING_MISSING.search(lowered):
        return _fail("contradiction", "missed_called_covered")
    if facts.covered and _NOTHING_COVERED.search(lowered):
        return _fail("contradiction", "covered_called_missing")
    topic = _content(facts.topic)
    for clause in _CLAUSES.split(lowered):
        if not clause or not clause.strip():
            continue
        said = _content(clause)
        raw = set(_WORD.findall(clause.replace("-", " ")))
        # Words inside quotes are the point's own ("“no real effect”"), not the comment's.
        unquoted = _QUOTE_MARKS.sub(" ", clause)
        negative = bool(_NEGATIVE.search(unquoted))
        positive = bool(_POSITIVE.search(unquoted)) and not negative
        covered = _best(facts.covered, said, raw)
        missed = _best(facts.missed, said, raw)
        if negative:
            if covered >= MENTION_SHARE and covered > missed:
                return _fail("contradiction", "covered_called_missing")
            on_topic = bool(topic) and len(topic & said) / len(topic) >= MENTION_SHARE
            if (
                on_topic
                and missed < MENTION_SHARE
                and (not facts.missed or facts.score >= STRONG_SCORE)
            ):
                return _fail("contradiction", "covered_called_missing")
        elif positive and missed >= MENTION_SHARE and missed > covered:
            return _fail("contradiction", "missed_called_covered")
    return PASS


def names_a_point(text: str, facts: CoachFacts) -> Verdict:
    """A whole coach comment names at least one point of the rubric (covered or missed)."""
    lowered = _norm(text)
    said = _content(lowered)
    raw = set(_WORD.findall(lowered.replace("-", " ")))
    if _best((*facts.covered, *facts.missed), said, raw) >= MENTION_SHARE:
        return PASS
    return _fail("relevance", "names_no_point")


def mentions_any(text: str, names: Iterable[str]) -> bool:
    """`text` names one of `names` (case, punctuation and a plural "s" aside)."""
    key = f" {_name_key(text)} "
    for name in names:
        wanted = _name_key(name)
        if not wanted:
            continue
        forms = {wanted, wanted + "s", wanted.removesuffix("s")}
        if any(f" {form} " in key for form in forms if form):
            return True
    return False


def shared_words(text: str, other: str) -> int:
    """How many topic words (stemmed, function words aside) `text` and `other` share."""
    return len(_content(text) & _content(other))


def check_mentions(text: str, names: Iterable[str], reason: str) -> Verdict:
    """A whole reply that names none of `names` is off its task."""
    return PASS if mentions_any(text, names) else _fail("relevance", reason)


def contradiction_check(facts: CoachFacts) -> ReplyCheck:
    def check(text: str) -> Verdict:
        return check_contradiction(text, facts)

    return check
