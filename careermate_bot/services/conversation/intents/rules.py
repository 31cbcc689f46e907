"""Weighted cue patterns per intent, matched on `normalize`d text (see docs/conversation.md).

Each pattern is a family of phrasings (not a message), with a weight for how strongly it
points at its intent. A clause's score for an intent is the sum of the weights that match.
`profile_update` is scored in `classifier.py` from statement features and slots instead.
"""

from __future__ import annotations

import re
from typing import Final

from careermate_bot.services.conversation.intents.types import Intent

Rule = tuple[Intent, float, re.Pattern[str]]


def _r(intent: Intent, weight: float, pattern: str) -> Rule:
    return intent, weight, re.compile(_spaced(pattern))


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (a "|" outside groups and classes)."""
    out, depth, klass, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if klass:
            klass = ch != "]"
        elif ch == "[":
            klass = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _spaced(pattern: str) -> str:
    """The pattern for `" " + norm`: a leading word boundary becomes the space before the word.

    Normalised text is words separated by single spaces, so at a word's first letter `\\b` and
    "a space before it" agree; a pattern that starts with a literal space lets the regex engine
    jump from space to space instead of trying every alternative at every character (about six
    times faster on a long message). `^` becomes `^ `.
    """
    out = []
    for branch in _branches(pattern):
        if branch.startswith("\\b"):
            branch = " " + branch[2:]
        elif branch.startswith("^"):
            branch = "^ " + branch[1:]
        out.append(branch)
    return "|".join(out)


FEELINGS = (
    r"tired|exhausted|exhausting|bored|boring|happy|sad|down|stressed|stressful|nervous|excited|"
    r"anxious|rough|crazy|burned out|burnt out|lonely|upset|angry|annoyed|frustrated|ugh|yay|"
    r"woohoo|omg|lol|haha\w*|hehe\w*|lmao|rofl|weird|feeling|mood|chilling|chill|meh|hilarious|"
    r"funny|great day|long (?:day|week)|what a day|sleepy|hungry|grateful|proud|glad|hate|"
    r"sick of|tired of|fed up|tbh|smh|ugh+|argh|gloomy|sunny|rainy|raining|snowing|freezing|"
    r"checking in|dropping by|popping in|just saying|wanted to say"
)
_FEELING = re.compile(rf"\b(?:{FEELINGS})\b")
ACK_WORDS: Final = frozenset(
    """ok cool nice great awesome lol haha hahaha hehe lmao hmm hm sure yes no bye goodbye later
    alright wow oh ah gotcha indeed same true perfect sweet neat fine good thanks thank you
    please right yay welcome sorry nm nvm np bet word dope ? ! . :) :( """.split()
)
HELP_ALONE: Final = frozenset(
    {
        "help",
        "help please",
        "help me",
        "please help",
        "?",
        "??",
        "commands",
        "command",
        "usage",
        "tutorial",
        "menu",
        "options",
        "start",
        "instructions",
        "instructions please",
        "guide",
        "manual",
        "help ?",
        "usage ?",
        "tutorial ?",
        "commands ?",
    }
)

# Service in, or leaving, the military: the military-transition playbook
MILITARY = re.compile(
    r"\b(?:i am an? (?:\w+ )?veteran|(?:army|navy|air force|marine|military|coast guard|"
    r"national guard) veteran|veterans? (?:benefits|jobs)|(?:leaving|left|getting out of|"
    r"got out of|separat\w+ from|retir\w+ from|discharged from|transition\w* (?:out of|from)) "
    r"(?:the )?(?:military|army|navy|air force|marines|marine corps|coast guard|"
    r"national guard|service)|(?:was|served|serving|spent (?:\w+ )+?years?|years) in the "
    r"(?:military|army|navy|air force|marines|marine corps|coast guard|national guard)|"
    r"gi bill|skillbridge|\bmos\b|military (?:experience|"
    r"background|job|occupation|skills))"
)


RULES: Final[tuple[Rule, ...]] = (
    # -- small talk -------------------------------------------------------------------------------
    _r(
        "small_talk",
        2.0,
        r"^(?:hi+|hel+o+\w*|hey+\w*|heya|yo+|hiya|howdy|greetings|good (?:morning|afternoon|"
        r"evening|night|"
        r"day)|morning|evening|what is up|sup|hola|bonjour|hallo|ciao|namaste|aloha|salut|ola)\b",
    ),
    _r(
        "small_talk",
        3.0,
        r"\b(?:how are you|how is it going|how is your (?:day|week|weekend|morning)|how was your|"
        r"how have you been|how you doing|how are things|what is up|hope you are|how is life|"
        r"what is new|what is going on|how is everything|(?:say|saying) (?:hi|hello|hey)|"
        r"how about you|and you ?\?|hbu|wbu|i am (?:doing )?(?:well|good|fine|great|ok|alright|"
        r"not bad|doing great)(?: thanks| thank you)?\b|nice to (?:chat|talk|meet|see)|"
        r"good to (?:chat|talk|see)|pleasure (?:talking|chatting)|fun (?:chatting|talking))\b",
    ),
    _r(
        "small_talk",
        3.0,
        # "appreciate it/you" thanks; "my manager does not appreciate me" is not thanks
        r"\b(?:thanks|thank you|(?<!not )(?<!never )appreciate(?:d)?(?: it| that| you| this| "
        r"the help| your help|(?= *[!.]*$))|cheers|much appreciated|"
        r"you are (?:the best|awesome|amazing|great|smart|funny|cool|helpful|a lifesaver)|"
        r"you rock|pretty smart|so smart)\b|^(?:good job|well done|nice work|great job)\b",
    ),
    _r("small_talk", 1.5, rf"\b(?:{FEELINGS})\b"),
    _r(
        "small_talk",
        4.0,
        r"\bcheer(?:ing)? (?:me )?up\b|\bneed (?:a|some) (?:laugh|smile|pick me up|distraction|"
        r"good news)\b|\bmake me (?:laugh|smile|feel better)\b|\b(?:say|tell me) something "
        r"(?:funny|nice|good|positive|uplifting|cheerful)\b|\bsomething (?:funny|uplifting)\b",
    ),
    _r(
        "small_talk",
        2.5,
        r"^(?:nice|good|great|cool|awesome|perfect|sweet|lovely|amazing|wow|neat)(?: one| stuff| "
        r"work| thanks| job)?(?: ?[!.])*$|"
        r"\bfinally (?:finished|graduated|got|did|done|passed|made it)\b|wish me luck|"
        r"\b(?:start|starting|begin|beginning) (?:my|a) new (?:job|role|position)\b|"
        r"\b(?:i (?:just )?(?:got|landed|received) (?:the|a|my|an) (?:new |great |dream |job )*"
        r"(?:job|offer|promotion|raise|position)|got promoted|"
        r"got hired|got the job|got the offer|first day|last day|my coworkers|my boss|my manager "
        r"(?:is|just)|my shift)\b",
    ),
    _r(
        "small_talk",
        3.0,
        r"\b(?:are you (?:a |an )?(?:robot|bot|human|real|ai|person|alive)|your name|who made you|"
        r"do you like|nice to meet you|how old are you|do you sleep|are you there|anyone there|"
        r"you there)\b",
    ),
    _r(
        "small_talk",
        2.5,
        r"\b(?:bye|goodbye|see you|see ya|good night|take care|talk (?:to you )?later|ttyl|"
        r"no worries|my bad|sorry|brb|gtg|g2g|afk|cya|goodnight|gnight|night night|"
        r"(?:awesome|great|good|bad|sad|exciting) news|"
        r"i am back|welcome back)\b|^(?:ok |oh |ah |well |yes |hmm )?(?:makes sense|"
        r"that makes sense|"
        r"got it|sounds good|fair enough|no problem|will do|i see|understood|good to know|"
        r"that helps|that helped)(?: thanks| thank you)?(?: ?[!.])*$",
    ),
    _r(
        "small_talk",
        2.5,
        r"^(?:not much|nothing much|same old|all good|not bad)\b|^(?:and |what about |how about )?"
        r"(?:you|u|yourself) \?$",
    ),
    _r("small_talk", 1.0, r"\b(?:coffee|weekend|friday|monday|mondays|today|tonight|rn)\b"),
    # -- career advice: paths for my skills, the gap for a role -----------------------------------
    _r("career_advice", 1.5, r"\bcareers?\b"),
    _r(
        "career_advice",
        1.0,
        r"\bcareer(?: |-)?(?:path|paths|options|ideas|growth|goals?|wise|move|moves)\b",
    ),
    _r("career_advice", 1.5, r"\b(?:path|paths|pathway|trajectory)\b"),
    _r(
        "career_advice",
        2.5,
        r"\bwhat (?:should|could|can|do) i (?:learn|study|focus on|add|pick up|work on|"
        r"improve)\b|\bwhat (?:to|should i) learn\b|\bwhat (?:am i|else am i|else do i|is) "
        r"missing\b|"
        r"\bhow do i get there\b|\bnext (?:steps?|career move|move|role)\b|"
        r"\bwhich (?:language|skill|skills|programming language|path|field|role|roles|career|"
        r"careers)\b|\bwhat (?:should i|can i|could i) do (?:with|next in) my\b",
    ),
    _r(
        "career_advice",
        2.5,
        r"\bskills?\b.{0,30}\b(?:gap|missing|need|needed|lack|improve|add|learn|want|require\w*|"
        r"grow|do i need|employers|work on|focus on|develop|build)\b|\bskill gap\b|"
        r"\b(?:missing|need|lack)\b.{0,20}\bskills?\b|\b(?:what|which) skills\b",
    ),
    _r(
        "career_advice",
        4.0,
        r"\bwhat (?:do|would|will) i (?:need|have) to (?:learn|know|study|work on|improve)\b|"
        r"\bwhat (?:do|would) i need to learn\b",
    ),
    _r(
        "career_advice",
        2.0,
        r"\b(?:qualified for|qualify for|eligible for|(?:enough|sufficient) to (?:get|land|be)|"
        r"learn\w*|study|studying|upskill\w*|reskill\w*)\b",
    ),
    _r(
        "career_advice",
        1.5,
        r"\b(?:suggest\w*|options|ideas|recommendations?|lost|direction)\b",
    ),
    _r(
        "career_advice",
        2.0,
        r"\b(?:good|right|best|better) (?:fit|career|match|choice)\b|\bfit (?:for )?me\b|"
        r"\b(?:good|best|right|ideal|great) (?:jobs?|careers?|roles?|fields?|paths?) for "
        r"(?:me|someone|a person|people|an?)\b|\bwhat (?:can|could|should) i (?:become|be)\b|"
        r"\bwhere i fit\b|\bmatch(?:es)? my (?:skills|profile|background)\b|\bmy options\b|"
        r"\bwhat (?:else )?(?:can|could) i do with\b(?! (?:this|the) (?:bot|app)| you\b|"
        r" careermate)|\bwhat else (?:can|could|should) i do\b|"
        r"\bwhere (?:can|do|should) i go(?: from here)?\b|"
        r"\bwhat (?:other )?(?:roles|careers|paths|fields)\b|\broles? (?:match|fit|suit)\b|"
        r"\bcareers? (?:for|in|that|with|using|use|where|i could|i can|could i|can i)\b|"
        r"\b(?:switch|move|transition|pivot) (?:to|into)\b(?= ?\?| what| with my)",
    ),
    _r(
        "career_advice",
        3.0,
        r"\b(?:highest|best|top|most|high)[ -]?paying\b|\bpays? (?:the )?(?:most|best)\b|"
        r"\bmost money\b|\bmake the most\b|\b(?:jobs?|careers?|roles?|fields?|trades?|degrees?|"
        r"majors?|industries|occupations|positions|work)\b(?: \w+){0,4} (?:that )?pays? "
        r"(?:well|good|decent|more|better)\b",
    ),
    _r(
        "career_advice",
        1.0,
        r"\b(?:good career|in demand|future proof|job market|field|industry|safe from|ai proof|"
        r"replaced by|automation|job security|stable|stability|growing field|outlook|prospects|"
        r"demand for|introverts?|extroverts?)\b",
    ),
    _r(
        "career_advice",
        4.0,
        r"\bwhat (?:else )?(?:can|could|should) i (?:become|be)\b|\bwhat is next\b|"
        r"\bwhat comes next\b|\bafter (?:being )?an? (?:senior|junior|lead|mid level)\b|"
        r"\b(?:is|are) \w+(?: \w+)? enough (?:to|for)\b|"
        r"\bwhat (?:else )?(?:can|could) i do with (?:an? |my |this |that |the )?(?!bot\b|app\b)"
        r"\w+|\bwhat (?:careers?|paths?|fields?|roles?) (?:can|could|would|should) i "
        r"(?:do|get|pursue|go into|have|move into|switch to|transition to|consider)\b",
    ),
    _r(
        "career_advice",
        3.0,
        r"\b(?:analy[sz]e|evaluate|assess|check|rate) my skills\b|\bhow well do my skills\b|"
        r"\bfigure out (?:what|my|which) (?:to do|career|path|next|direction|i should do)\b|"
        r"\bwhat (?:to|i should) do with my (?:life|career|degree|skills)\b|"
        r"\bwhat (?:i should|to) do for a living\b",
    ),
    # -- pay (the question bonus is in classifier.py: `is_pay_question` in a question) ------------
    _r(
        "pay",
        3.0,
        r"\b(?:underpaid|overpaid|paid (?:enough|fairly|well)|market rate|going rate|pay scale|"
        r"pay range|salary range|earning potential|earnings potential|pay band|salary band|"
        r"how well (?:do|does|are|is) .{1,30} (?:get )?paid)\b|"
        r"\bis \$?\d[\d,.]*\s*k?(?: ?(?:/ ?hr|/ ?hour|an hour|per hour|hourly|a year|a yr|/ ?yr))? "
        r"(?:a )?(?:normal|good|fair|decent|low|high|"
        r"reasonable|livable|competitive|ok|okay|average|typical|enough|bad)\b",
    ),
    # -- how to become X --------------------------------------------------------------------------
    _r(
        "how_to_become",
        5.5,
        r"\b(?:how (?:do|can|would|could|should|might|does|did|will) (?:i|you|one|someone|"
        r"somebody|people|ppl|a person|an? \w+(?: \w+)?)|how to|steps? (?:to|for)|"
        r"what (?:does|would|will) it take to|what (?:do|would|will|should) i (?:need|have) to "
        r"(?:do to )?|what do you need to|(?:the )?(?:best|fastest|quickest|easiest|cheapest|"
        r"right|only|usual|typical) (?:way|path|route) to|what is the (?:way|path|route|process) "
        r"to|path to|road to|roadmap (?:to|for)|how long (?:does it take|will it take|would it "
        r"take|to|it takes|is the path)|how hard is it to|how easy is it to|how many years "
        r"(?:does it take )?(?:to|of school to)|what (?:training|education|schooling|degree|"
        r"qualifications?|certifications?|license|licence|requirements?|classes|courses) "
        r"(?:do i need |does it take |is needed |are needed |would i need |should i get |"
        r"do you need )?(?:to|for|for becoming|to become)|requirements? (?:to|for becoming)|"
        r"is it possible to|where do i start (?:to|if i want to))"
        r"\b.{0,30}?\b(?:become|becoming|be an?|get into|getting into|break into|breaking into|"
        r"work as|start (?:as|in)|(?:transition|move|switch|pivot|go)(?: careers?| fields?)? "
        r"(?:to|into)|a career (?:in|as)|"
        r"get started (?:in|as)|qualify as|train (?:as|to be)|get licensed as|"
        r"get certified as|start a career (?:in|as)|get a job as|land a job as|"
        r"(?:get|getting) (?:my|a|your) foot in the door)\b",
    ),
    _r(
        "how_to_become",
        5.5,
        r"\bhow (?:do|can|would|could|should) (?:i|you|one|someone|an? \w+(?: \w+)?) "
        r"(?:go|move|switch|transition|pivot|get|change|jump|make the (?:jump|switch|move)) "
        r"(?:careers? )?from .{1,30}? (?:to|into)\b|"
        r"\b(?:path|pathway|road|roadmap|route|journey) to becoming\b|"
        r"\bhow to become\b|\bbecoming an? .{1,30}\?|\bhow (?:do|can) i become\b|"
        r"\bsteps to becoming\b|\bhow do (?:people|ppl|you|i) (?:get|break) into\b",
    ),
    _r(
        "how_to_become",
        4.5,
        r"^(?!what |which |where |who |how |why )(?:\w+ )?(?:can|could|would) (?:i|you|someone|"
        r"somebody|an? \w+(?: \w+)?) (?:still |even |"
        r"realistically |actually )?(?:become|be an?|work as|get into|break into|switch to|"
        r"go into|get a job as|get hired as)\b",
    ),
    _r(
        "how_to_become",
        5.5,
        r"\b(?:best|fastest|quickest|easiest|cheapest|cheapest|shortest|right) (?:way|path|route) "
        r"(?:in)?to\b|\bhow long (?:is|does|would) (?:the )?(?:school|schooling|training|college|"
        r"program|an apprenticeship)(?: to| for)\b",
    ),
    _r("how_to_become", 1.5, r"\b(?:to become|become an?|becoming an?|get into|break into)\b"),
    # -- what does X do ---------------------------------------------------------------------------
    _r(
        "role_info",
        4.5,
        r"\bwhat (?:exactly |actually |really )?(?:does|do|did) (?:an? |the )?(?!i\b|you\b|we\b|"
        r"u\b|they\b|people\b|it\b|that\b|this\b|employers\b|companies\b|interviewers\b)"
        r"(?:[\w+#.-]+ ){1,4}(?:actually |exactly |really |even |typically |usually )?do"
        r"(?: (?:all day|exactly|actually|daily|every day|day to day|on a daily basis|at work|in "
        r"a day|for a living|on the job|at their job|in their job))?(?: \?| !)*$|"
        r"\bday in the life\b|\bwhat is (?:a|the) (?:typical )?day like\b|"
        r"\bwhat is it like (?:to be|to work as|being|working as|as)\b|\bwhat is being an?\b|"
        r"\bwhat is (?:the )?(?:job|work|life) of an?\b|"
        r"\b(?:duties|responsibilities|daily tasks|job description|typical day|day to day) "
        r"(?:of|for|as)\b|\bwhat are the (?:duties|responsibilities|main tasks)\b|"
        r"\bpros and cons of (?:being|becoming|working as)\b|"
        r"\b(?:explain|describe|define|tell me)\b.{0,12}\bwhat (?:an? |the )?[\w ]{2,30} "
        r"(?:is|does|do)"
        r"\b|\bis (?:being|becoming|working as) an? .{2,30} worth it\b|"
        r"\bis it (?:still |really )?worth (?:being|becoming|working as) an?\b|"
        r"\bwhat do you think (?:about|of) (?:a career (?:in|as)|being|becoming|working as)\b|"
        r"\b(?:as|for) an? (?:career|profession|career choice|long term career)\b|"
        r"\bwhat does a career in\b|\bwhat is (?:a )?career in \w+(?: \w+)? like\b|"
        r"\btell me (?:more )?about (?:being|working as|the (?:job|role|career) of|a career "
        r"(?:as|in))\b",
    ),
    _r(
        "role_info",
        5.0,
        r"\bis (?:being |working as |becoming )?(?:an? )?(?!it\b|this\b|that\b|there\b)"
        r"(?:[\w+#.-]+ ){1,3}(?:still |really |actually )?(?:a |an )?(?:good|great|stable|solid|"
        r"bad|smart|promising|viable|decent|secure|growing|dying|safe|worthwhile|rewarding|"
        r"reasonable|realistic|future proof|lucrative|stressful|hard) (?:career|job|field|"
        r"profession|choice|path|option|industry|line of work|major|career choice|field to "
        r"(?:go|get) into)\b",
    ),
    _r(
        "role_info",
        2.5,
        r"\b(?:job outlook|career outlook|outlook|future|demand|prospects|growth|job growth) "
        r"(?:for|of|in)\b|\bwhat do you think (?:about|of) (?:a career in|being|becoming)\b",
    ),
    # -- advice: open how-to / should-I questions --------------------------------------------------
    _r(
        "advice",
        5.0,
        r"\bnegotiat\w*|\bcounter ?offers?\b|\bcounter (?:the |their |an |with |at |it)\b|"
        r"\bpush back\b|"
        r"\bshould i counter\b|\blow ?ball\w*\b|\bask (?:them )?for more\b|"
        r"\b(?:two|2|multiple|competing|several|both) "
        r"(?:job )?offers\b|\bbetween (?:two|2) (?:job )?offers\b|\b(?:accept|take|decline|turn "
        r"down|reject|sign) (?:the|this|their|an|a|my|that) (?:job )?offers?\b|\boffer letter\b|"
        r"\bsign(?:ing|[ -]on) bonus\b|"
        r"\b(?:should|would|do) i (?:take|accept|turn down|say yes to|go for) (?:a|the|this|that|"
        r"an|their) (?:new )?(?:job|position|role|gig)\b",
    ),
    _r(
        "advice",
        3.5,
        r"\braise\b|\bpay (?:rise|bump|increase)\b|\bsalary increase\b|\bpromot\w+|"
        r"\blevel up\b|\bmove up\b|\bget ahead\b|\badvance(?:ment)? (?:my|in my|in)\b|"
        r"\bgrow (?:my|in my|in) (?:career|role|field|job)\b|\bclimb\w* the ladder\b|"
        r"\bmanagement track\b|\bmore money in my\b|\bgrow (?:from|into|to)\b|"
        r"\b(?:make|earn|get) more (?:money|pay)\b|\bincrease my (?:pay|salary|income)\b|"
        r"\bfrom (?:junior|entry level|mid level)\b|\bto (?:mid|senior)(?: level)?\b|"
        r"\b(?:senior|mid level|management) (?:role|position|level)\b",
    ),
    _r("advice", 4.5, r"\bcoverletters?\b"),
    _r("advice", 1.5, r"\bpivot\w*\b|\btransition\w*\b"),
    _r(
        "advice",
        4.0,
        r"\b(?:become|start|switch|change careers?|get into|learn \w+|go back to school|retrain|"
        r"start over)\b.{0,30}\b(?:at (?:\d\d|my age|age \d\d|this age)|in my (?:20s|30s|40s|50s|"
        r"60s|twenties|thirties|forties|fifties|sixties)|after \d\d)\b|\bhelp me (?:answer|"
        r"respond to|word|phrase|explain)\b|\bis (?:it )?(?:a )?good idea\b|\bgood idea to\b|"
        r"^how (?:answer|respond|reply|explain|talk|handle|say|prepare)\b",
    ),
    _r(
        "advice",
        5.5,
        r"\b(?:how|what) (?:\w+ ){0,4}(?:long|many pages|length|format\w*|font|template|layout|"
        r"style)\b.{0,30}\bresumes?\b|(?<!my )\bresumes? (?:length|format\w*|font|template|layout|"
        r"objective|photo|headshot)\b|\b(?:one|two|1|2|single)[ -]pages?\b|"
        r"(?<![/!])\b(?:employment|career|work|job|resume|year|month|\d+ ?(?:year|month|yr)s?|long|"
        r"big) gaps?\b|\bgaps? (?:in|on) (?:my )?(?:resume|employment|work history|career|cv)\b|"
        r"\btime off (?:work|from work)\b",
    ),
    _r(
        "career_advice",
        3.0,
        r"\b(?:safe from|ai proof|future proof|replaced by|automat\w+|recession proof)\b",
    ),
    _r(
        "advice",
        5.0,
        r"\b(?:should i|can i|is it ok(?:ay)? to|do i|how do i|where do i|where should i) (?:put|"
        r"include|list|add|mention|leave off|remove|drop|show|write)\b.{0,30}"
        r"\b(?:on|in|from|off|of|to) (?:my|a)"
        r" resumes?\b",
    ),
    _r(
        "job_search",
        -3.0,
        r"^(?:(?:so|and|but|ok|also|honestly|hmm) )?what (?:should|do|can|could) i (?:learn|study|"
        r"take|get certified in)\b",
    ),
    _r(
        "job_search",
        -4.0,
        r"^(?:(?:so|and|but|ok|also|honestly|hmm) )?(?:should i|is it (?:ok|okay|bad|normal|"
        r"worth|smart|wise|weird|rude)|do i need to|am i allowed)\b",
    ),
    _r(
        "advice",
        5.0,
        r"\bquestions? (?:should i|to|can i|i should|do i|could i|would you) ask\b|"
        r"\bask (?:the|my|an|your|them at the) (?:interviewer|hiring manager|recruiter|employer|"
        r"end)\b|\bask at the end\b|\bquestions for (?:the|my|an) (?:interviewer|employer)\b",
    ),
    _r(
        "advice",
        4.0,
        r"\bhow (?:do|should|would|can|could|does|did) (?:i|you|people|other people|others|one|"
        r"someone|anyone) (?:best |usually |normally )?(?:answer|respond|reply|handle|explain|"
        r"talk about|address|introduce|present|describe|prepare|prep|get ready|dress|nail|ace|"
        r"approach|deal with|bring up|mention|frame|spin|follow up|calm|stop being)\b|"
        r"\bhow to (?:answer|respond|handle|explain|talk about|introduce|prepare|prep|nail|ace|"
        r"dress|follow up)\b|\bwhat (?:should|do|can|would) i (?:say|wear|bring|answer|tell them|"
        r"put)\b|\b(?:good|best|great|right) (?:way to )?answers?\b|\bbest way to answer\b|"
        r"\bstar (?:method|format|technique)\b|\binterview (?:tips|advice|etiquette|nerves|"
        r"anxiety)\b|\btips (?:for|on) (?:an? |my |the )?(?:\w+ )?interview\b|"
        r"\bwhat do (?:interviewers|employers|recruiters|hiring managers) (?:look for|want)\b|"
        r"\b(?:explain|talk about|address|handle|answer)\b.{0,40}\b(?:they ask|asked|interviewer|"
        r"during (?:the|an) interview|in (?:the|an|my) interview)\b|"
        r"\b(?:ask|asks|asked|question|answer|talk)\b.{0,25}\bsalary (?:expectations?|history|"
        r"requirements?)\b|\bsalary (?:history|expectations?) question\b",
    ),
    _r(
        "advice",
        3.5,
        r"\bnetworking\b|\bnetwork (?:with|at|on|more|better|effectively|online)\b|"
        r"\b(?:i|to|you|we) (?:even |actually |start to |learn to )?network\b|"
        r"\b(?:my|professional|a|build(?:ing)? (?:a|my)) network\b|\blinked ?in\b|"
        r"\breferences?\b|\breferrals?\b|"
        r"\bfollow(?:ing)?[ -]?up\b|\bthank you (?:note|email|letter)\b|\brelocat\w+|"
        r"\bfreelanc\w+|\bside (?:hustle|gig|business)\b|\bback (?:in)?to (?:work|the "
        r"workforce)\b|\breturn\w* to (?:work|the workforce)\b|\bstay at home (?:mom|dad|"
        r"parent)\b|\bcareer break\b|\bvisa\b|\bh ?1 ?b\b|\bsponsorship\b|\bjob hop\w*\b|"
        r"\bimpost[eo]r\b|\bwork life balance\b|\btoxic\b|\bresign\w*\b|"
        r"\b(?:two|2) weeks notice\b|\bnotice period\b|\bbackground check\b|"
        r"\bcriminal record\b|\bfelony\b|\bdiscriminat\w+\b|\bmaternity\b|\bpaternity\b|"
        r"\bparental leave\b|\bperformance review\b|\bmentors?\b|\bportfolio\b|"
        r"\boverqualified\b|\brecruiters? (?:keep|never|do not|ghost\w*|who)\b|"
        r"\bwork with recruiters\b|\bhow do recruiters\b|\bcredentials?\b|\bwork permit\b|"
        r"\bimmigra\w+|\bforeign (?:degree|diploma|credentials?)\b",
    ),
    _r(  # leaving the service: the playbook's military-transition steps, over a plain search
        "advice",
        5.0,
        MILITARY.pattern,
    ),
    _r(  # paid too little in the job they have: the playbook's raise steps, not a pay figure
        "advice",
        6.0,
        # "am I underpaid at 140k?" asks for the figure (pay), "I'm underpaid" for help
        r"\b(?:(?<!am i )(?<!is that )(?<!is this )(?<!is it )(?:underpaid|under paid)|"
        r"not paid enough|(?:do|does) not (?:get )?pa(?:y|id) "
        r"(?:me )?enough|(?:pay|salary|wage|wages) (?:here )?(?:is|are) (?:so |too |really |very )?"
        r"(?:bad|low|terrible|awful|crap|poor|not enough|not great)|paid (?:too little|so little)|"
        r"deserve (?:a raise|more money|more pay|to be paid more))\b",
    ),
    _r(  # friction with people at work: the playbook's difficult-coworker steps (strong:
        # told as a statement it is still a request for help, over "my boss" chit-chat)
        "advice",
        6.0,
        r"\b(?:difficult|annoying|rude|lazy|mean|passive aggressive|bossy|condescending) "
        r"(?:coworkers?|co workers?|colleagues?|boss|manager|supervisor|team ?mates?)\b|"
        r"\b(?:coworkers?|co workers?|colleagues?|boss|manager|supervisor|team ?mates?)\b"
        r"(?: \w+){0,3} (?:does not|do not|never|will not|would not|cannot|can not|barely) "
        r"(?:\w+ )?(?:appreciate|notice|recogni[sz]e|value|respect|listen|support|like|trust|"
        r"acknowledge)\w*\b|"
        r"\b(?:unappreciated|underappreciated|undervalued|not appreciated|not valued|"
        r"not recogni[sz]ed|invisible at work|conflict with (?:a |my |the )?(?:coworker|"
        r"colleague|boss|manager|team)|(?:do not|cannot|can not|never) get along with|"
        r"clash\w* with (?:a |my |the )?(?:coworker|colleague|boss|manager|team))",
    ),
    _r(
        "advice",
        3.0,
        r"\b(?:switch\w*|chang\w*) (?:my )?(?:careers?|fields?|professions?|industries)\b|"
        r"\bcareer (?:change|changer|switch|pivot|transition)\b|"
        r"\bstart(?:ing)? over\b|\bnew career\b|\bsecond career\b|"
        r"\bquit(?:ting)?\b|\bleave (?:my|this) (?:job|company|field|industry)\b|"
        r"\bstay (?:at|in|with) my\b|\bleave for\b|\bburn ?out\b|\bburned out\b",
    ),
    _r(
        "advice",
        2.0,
        r"\bbootcamps?\b|\bmasters?\b|\bmba\b|\bphd\b|\bgrad(?:uate)? school\b|"
        r"\bgo(?:ing)? back to school\b|\bdegree\b|\bcollege\b",
    ),
    _r("advice", 3.0, r"\bcertifications?\b|\bcertificates?\b|\bcerts?\b|\bcompt?ia\b"),
    _r(
        "advice",
        3.0,
        r"\bdo (?:i|you) (?:really |actually )?need (?:a|an|my|to have an?) (?:\w+ )?(?:degree|"
        r"certifications?|certificates?|masters?|mba|license|diploma|bootcamp|portfolio)\b",
    ),
    _r(
        "advice",
        3.0,
        r"^(?:(?:so|and|but|ok|also|honestly|hmm|then|now|seriously|realistically) )?(?:should i|"
        r"shall i|do i need to|is it (?:worth|smart|wise|bad|ok|okay|normal|"
        r"too late|a good idea|a bad idea|better|possible)|would it be (?:smart|wise|better|bad)|"
        r"am i (?:too|being))\b|\bworth (?:it|the money|the time|doing|getting|learning|going)\b|"
        r"\btoo (?:late|old)\b|\bwaste of (?:time|money)\b|\blegit\b|\bat (?:my )?age\b|"
        r"\bat \d\d\b|\bi am \d\d\b",
    ),
    _r(
        "advice",
        2.0,
        r"\b(?:any|some|your) (?:tips|advice|suggestions|pointers)\b|\btips (?:for|on)\b|"
        r"\badvice\b|\bguidance\b|\bwhat now\b|\bnow what\b|\bthoughts\b|\btips\b|\bpointers\b",
    ),
    _r(
        "advice",
        3.0,
        r"^(?:(?:so|and|but|honestly) )?(?:is|would|was) (?:that|this|it) (?:crazy|dumb|stupid|"
        r"smart|a good idea|a bad idea|realistic|possible|doable|too late|silly|risky|wise|normal|"
        r"ok|okay|weird|a mistake|a good move|a bad move)\b|\bam i (?:crazy|dumb|being stupid)\b",
    ),
    _r(
        "advice",
        3.5,
        r"\bwhat would you do\b|\bif you were me\b|\bin my shoes\b|\bwhat do you (?:think|suggest|"
        r"recommend) i (?:should )?do\b",
    ),
    # A bare "how do I ..." is advice only about work ("how do I fix my wifi" is not).
    _r(
        "advice",
        1.0,
        r"^(?:so |and |but |ok |hey |hi |also |honestly |seriously |please |hmm )*(?:how (?:do|can|"
        r"should|would|could|did|does) (?:i|you|one|people|someone|ppl|we)|how to|what is the "
        r"best way to|best way to|what would you do|what (?:should|do) i do)\b",
    ),
    _r(
        "advice",
        4.0,
        r"\bwhat (?:am i|i am|are we) doing wrong\b|\bwhy (?:am i not|is no ?one|do i keep|can "
        r"not i|do not i|does no ?one|do employers never)\b|\bwhat do i do (?:now|next|first)\b|"
        r"\bwhat should i do (?:now|next|first)\b|\bwhere do i go from here\b",
    ),
    _r(
        "advice",
        3.0,
        r"\bhow (?:do|can|should|would) i (?:get|find|land|secure|score|get hired for) "
        r"(?:a |an |my |the |any |some |more )?(?:\w+ ){0,3}(?:job|jobs|internship|internships|"
        r"work|position|role|offer|interviews?)\b|\bstand out\b|\bget noticed\b|"
        r"\bget (?:past|through) (?:the )?ats\b|\bno experience\b|"
        r"\bwhere (?:do|should|can) i (?:even )?(?:start|begin)\b|\bwhere to (?:start|begin)\b",
    ),
    _r(
        "advice",
        5.0,
        r"\b(?:job (?:search|hunt\w*)|application|networking|interview) (?:strategy|strategies|"
        r"tips|advice|plan|approach|process tips)\b|\bhow (?:many|often) (?:jobs|applications) "
        r"should i\b",
    ),
    # -- job search -------------------------------------------------------------------------------
    _r("job_search", 3.0, r"\bhiring\b(?! (?:manager|managers|process|team|committee))"),
    _r(
        "job_search",
        2.5,
        r"\b(?:openings?|vacanc\w+|postings?|listings?|job board|job hunt\w*|job search\w*|"
        r"internships?|gigs?|hunt(?:ing)? for (?:a )?job)\b",
    ),
    _r(
        "job_search",
        2.5,
        r"\b(?:find|search|look|looking|show|get|give|list|recommend|hunt|browse|see|apply)\b"
        r"(?: [a-z0-9$+#/.]+){0,6} (?:jobs?|work|positions?|roles?|openings?|gigs?|employment|"
        r"opportunities|something new|something)\b",
    ),
    _r(
        "job_search",
        2.0,
        r"\b(?:any|some|more|are there)\b(?: [a-z0-9$+#/.]+){0,4} (?:jobs?|positions?|roles?|"
        r"openings?|opportunities)\b",
    ),
    _r("job_search", 1.5, r"\bjobs?\b"),
    _r(
        "job_search",
        1.5,
        r"^(?:search|find|look up|lookup|browse)\b|\b(?:entry level|part time|full time|"
        r"internships?|contract roles?|freelance gigs?)\b",
    ),
    _r(
        "job_search",
        1.5,
        r"\b(?:jobs?|positions?|openings?)\b(?: \w+){0,2} (?:match|matches|fit|fits|suit|suits)\b|"
        r"\bwhat (?:jobs|positions|openings)\b",
    ),
    _r(
        "job_search",
        1.5,
        r"\b(?:positions?|roles?|jobs?) (?:open|available|near)\b|\bopen (?:positions?|roles?)\b|"
        r"\bavailable\b|\bout there\b",
    ),
    _r(
        "job_search",
        2.0,
        r"\b(?:jobs?|positions?|roles?|work) (?:for me|that (?:fit|match|suit)|fitting|matching|"
        r"near me|in my area|i can apply|paying|that pay|for an?|for (?:\w+ ){0,2}(?:developers|"
        r"engineers|designers|nurses|analysts|students|teachers))\b",
    ),
    _r("job_search", 2.0, r"\b(?:apply|applying) (?:to|for)\b|\bcan i apply\b"),
    _r(
        "job_search",
        3.0,
        r"^(?:(?:so|and|ok|hey|hi) )?(?:anything|something|any openings|any roles|any positions)\b"
        r".{0,30}\b(?:for|near|in|around)\b",
    ),
    _r(
        "job_search",
        2.0,
        r"\b(?:jobs|positions|openings|roles|gigs)\b (?:that|which|where|with|without|near|in|for|"
        r"paying|hiring|requiring|needing|around)\b",
    ),
    _r(
        "job_search",
        2.5,
        r"\b(?:jobs?|positions?|work|roles?|openings?)\b (?:can|could|would|will|might) i "
        r"(?:get|do|find|land|apply for|qualify for)\b|\bwhat (?:kind|kinds|sort|type|types) of "
        r"(?:jobs?|work|positions?)\b",
    ),
    _r(
        "job_search",
        2.5,
        r"\b(?:companies|employers|firms|anyone|anybody|places|businesses|recruiters|hiring "
        r"managers)\b.{0,20}\b(?:looking "
        r"for|hiring|hire|hires|employ|employs|need|needing|seeking|taking on|that hire)\b",
    ),
    _r(
        "job_search",
        2.5,
        r"\b(?:need|want|find|get|land|looking for) (?:a |an |some |new |a new |a better )?"
        r"(?:paying )?(?:job|work|position)\b|"
        r"\bneed (?:to find )?work\b",
    ),
    _r("job_search", 1.0, r"\bwho is hiring\b|\bwhich companies\b|\bnear me\b|\bright now\b"),
    # -- résumé -----------------------------------------------------------------------------------
    _r("resume_review", 4.0, r"\bresumes?\b"),
    _r("resume_review", 1.5, r"\b(?:ats|bullet points|proofread\w*|portfolio)\b"),
    _r("resume_review", 1.0, r"\bmy resumes?\b"),
    _r(
        "resume_review",
        2.0,
        r"\b(?:review|check|critique|look at|proofread|rate|roast|feedback on|improve|make)\b"
        r".{0,30}\bresumes?\b",
    ),
    _r("resume_review", 2.5, r"^(?:review|a review|review please)(?: ?[!.?])*$"),
    _r(
        "resume_review",
        -4.5,
        r"\bresume (?:the |our |my )?(?:interview|session|practice|chat|conversation|where|"
        r"from|it)\b",
    ),
    # -- interview practice -----------------------------------------------------------------------
    _r("interview_practice", 3.0, r"\binterview\w*\b"),
    _r(
        "interview_practice",
        1.5,
        r"\b(?:mock|rehearse|simulation|drill me|quiz me|test me|prep me|prep|prepare|"
        r"practice|practise|get ready)\b",
    ),
    _r("interview_practice", 2.0, r"\binterview me\b|\bmock interview\b"),
    _r(
        "interview_practice",
        2.0,
        r"\b(?:tell me about yourself|weakness\w*|strengths|where do you see yourself|"
        r"why do you want to work|why should we hire|behaviou?ral|phone screen|"
        r"final round|technical round|tell me about a time|"
        r"why (?:i|you|did you) left|whiteboard|coding challenge)\b",
    ),
    _r(
        "interview_practice",
        2.0,
        r"\b(?:they|interviewer|interviewers|employers) (?:ask|asks|asked|will ask)\b|"
        r"\b(?:help|prepare|prep|get) me (?:ready|prepared|prep|for)\b|\bhelp me (?:prep|prepare|"
        r"practice|get ready)\b|\b(?:lets|let us|can we|could we|want to|wanna) "
        r"(?:do |have )?(?:an? )?(?:practice|practise|mock|rehearse|role ?play|prep)\b|"
        r"\bi (?:have|got) an? (?:\w+ ){0,3}interview\b",
    ),
    _r(
        "interview_practice",
        -2.5,
        r"^(?:\w+ )?how (?:do|should|can|would|could) i\b|\bhow to\b|\btips\b|"
        r"^how (?:answer|respond|explain|talk|handle|prepare)\b|\bwhat should i "
        r"(?:say|wear|ask|bring)\b|\bquestions? (?:should i|to) ask\b|\bhow (?:do|should) you\b",
    ),
    _r(
        "interview_practice",
        2.0,
        r"\bquestions?\b.{0,30}\b(?:ask|asked|expect)\b|\b(?:ask|give|drill|quiz|test) me\b.{0,30}"
        r"\bquestions?\b|\btough questions\b|\bpractice questions?\b",
    ),
    # -- privacy ----------------------------------------------------------------------------------
    _r(
        "privacy",
        3.5,
        r"\b(?:know|remember|stored|store|saved|save|keep|kept|collect\w*|recorded|record|have|"
        r"got)\b.{0,25}\b(?:about|on|of) me\b|\bdo you (?:store|save|keep|record|log|track|"
        r"remember|read|share|sell)\b",
    ),
    _r(
        "privacy",
        3.5,
        r"\bwhat (?:\w+ ){0,2}(?:do|have|did|does) you (?:remember|stored|store|saved|save|keep|"
        r"collect|collected|recorded|record|know)\b",
    ),
    _r(
        "privacy",
        3.5,
        r"\b(?:delete|erase|wipe|remove|forget|clear|nuke|reset|purge|export|download)\b"
        r"(?: \w+){0,4} (?:me|my data|my profile|my account|my history|my informations?|"
        r"my messages|"
        r"my info|everything|my stuff|my chat|my conversations?|all my|my personal|my details|"
        r"data|history|a copy)\b",
    ),
    _r("privacy", 3.5, r"\bforget (?:me|everything|all|what)\b|\bforget about me\b"),
    _r("privacy", 2.5, r"\byour memory\b|\bfrom memory\b"),
    _r(
        "privacy",
        3.0,
        r"\b(?:stop|do not|never) (?:tracking|track|monitoring|watching|recording|logging|"
        r"spying)\b|"
        r"\b(?:tracking|spying on|monitoring) me\b",
    ),
    _r(
        "privacy",
        3.0,
        r"\b(?:privacy|private|gdpr|ccpa|personal (?:data|informations?|details)|my data|"
        r"data (?:do you|you) (?:collect|keep|store)|sell my|share my|who can see)\b",
    ),
    _r(
        "privacy",
        3.0,
        r"\b(?:stored|storing|store|saving|save|keep|kept|recorded|recording|logged|logging)\b"
        r".{0,20}\b(?:my (?:messages|conversations?|chats?|stuff|data|informations?)|"
        r"conversations?|"
        r"messages|this (?:conversation|chat))\b|\bmy (?:messages|conversations?|chats?|data|"
        r"informations?)\b.{0,15}\b(?:stored|saved|kept|recorded|private|safe)\b|"
        r"\b(?:this|our|my) (?:conversation|chat|messages?)\b.{0,15}\b(?:recorded|stored|saved|"
        r"logged|kept|private)\b",
    ),
    _r(
        "privacy",
        3.0,
        r"\bwhat have i (?:told|said|shared)\b|\bwhat did i tell\b|\bon my profile\b|"
        r"\b(?:see|show|view|get|list|check)\b.{0,25}\byou (?:have )?(?:stored|saved|kept|know|"
        r"remember|collected|recorded)\b|\b(?:everything|anything|what) you (?:have )?(?:stored|"
        r"saved|kept|collected|recorded)\b|\bremember (?:my|me)\b.{0,30}\b(?:between|across|"
        r"after|next)\b|"
        r"\bmy (?:saved|stored) (?:info|informations?|data|profile|details)\b|"
        r"\bshow (?:me )?(?:what you|my saved|my profile|my info|my stored)\b|"
        r"\b(?:delete|close|remove) my account\b|\b(?:do not|stop) (?:remember\w*|saving|storing|"
        r"keeping)\b|\bmy (?:personal )?(?:informations?|details)\b|\bdata do you\b",
    ),
    # -- help -------------------------------------------------------------------------------------
    _r(
        "help",
        3.5,
        r"\bwhat (?:can|do|else can|else do) you do\b|\bwhat are you (?:for|capable of|able to do|"
        r"able to help|good at)\b|\bwhat (?:can|should|could) i (?:ask|say to|type|tell) "
        r"(?:you|here|the bot)\b|\bwhat can i (?:ask|do here|use|type)\b|"
        r"\bwhat (?:can|does) (?:this|it|the bot|careermate)(?: thing| bot)? do\b|"
        r"\bwhat (?:else )?(?:do|can|could) you help\b|\bget(?:ting)? started\b(?! (?:in|with|as|"
        r"on|at) (?!this\b|"
        r"you\b|the bot\b|careermate\b|here\b))|"
        r"\bwhat you (?:can|could) do\b|\b(?:options|commands|choices) (?:here|in this bot|"
        r"with you)\b|"
        r"\bwhat can i do here\b|"
        r"\bhow (?:do|can) i (?:see|view|check|edit|change|update|find|open) (?:my )?(?:profile|"
        r"saved jobs|settings)\b|"
        r"\bwhat you do\b|"
        r"\bwhat can you help\b|\bhow (?:can|do|could) you help\b|\bwhat do you do\b|"
        r"\bwhat kinds? of (?:questions|things|stuff)\b|\b(?:things|"
        r"stuff) (?:can )?you (?:can )?do\b|\bwhat (?:can|does) (?:this|the) bot\b|"
        r"\bwhat is this bot\b|\bwhat are you\b(?! (?:doing|up to))",
    ),
    _r(
        "help",
        3.0,
        r"\b(?:how (?:do|does|can|should|to) (?:i )?(?:use|work with|talk to|start|get started|"
        r"begin|see)|how to use|get started|getting started)\b(?: \w+){0,3} (?:this|you|the bot|"
        r"bot|it|careermate|commands?|slash commands?|buttons?|here|profile command|[/!]\w+)\b|"
        r"\bhow (?:does|do) (?:this|it|you|the bot|careermate)(?: thing| bot| app)? work\b|"
        r"\bhow do i get started\b(?! (?:in|with|as|on|at) (?!this\b|you\b|the bot\b|careermate\b|"
        r"here\b))",
    ),
    _r(
        "help",
        3.0,
        r"\b(?:commands?|features?|capabilities|capable|tutorial|guide|instructions|usage|"
        r"manual|slash commands?|buttons?)\b",
    ),
    _r("help", 2.0, r"(?:^| )[/!](?:help|career|jobs|profile|resume|interview)\b"),
    _r("help", 1.5, r"\b(?:options|choices|commands) here\b"),
    _r(
        "help",
        3.5,
        r"\bwhat (?:questions|things|stuff|topics) (?:can|do|could) you (?:answer|handle|help|do|"
        r"cover)\b",
    ),
    _r("help", 3.0, r"\b(?:with|in|using|from) (?:this bot|the bot|careermate|this app)\b"),
    _r(
        "help",
        3.0,
        r"\bhow (?:to |do i |can i |i |should i )?use (?:this|you|it|the bot|careermate)\b|"
        r"\byour (?:functions?|features?|commands?|capabilities|options|abilities|skills)\b",
    ),
    _r(
        "help",
        2.5,
        r"\b(?:which|what) commands?\b|\bcommands? (?:for|to)\b|"
        r"\bhow (?:do|can) i use (?:you|this|the bot|careermate)\b",
    ),
    _r(
        "help",
        2.5,
        r"\b(?:what is|who are|what are) (?:careermate|you|this bot|this)\b|\bthis bot\b|"
        r"\bexplain (?:what|how) (?:you|this|the bot|careermate|it) (?:do|does|work|works|can)\b|"
        r"\bexplain the commands\b|\bnew here\b|\bconfused\b|\bwhat is careermate\b|"
        r"\bdifference between\b.{0,20}[/!]",
    ),
    # -- other (off-topic requests) ---------------------------------------------------------------
    _r(
        "other",
        3.0,
        r"\b(?:write|compose|generate|create|make up)\b.{0,25}\b(?:poem|story|essay|song|joke|"
        r"haiku|letter|function|code|script|program|number|rap|limerick)\b",
    ),
    _r(
        "other",
        2.5,
        r"\b(?:joke|fun fact|riddle|poem|story|song|sing|movie|movies|film|book|novel|video game|"
        r"game|recipe|cook|bake|dinner|weather|rain|snow|temperature|capital of|president|"
        r"population|calories|bitcoin|crypto|stock price|sports|football|basketball|soccer|"
        r"who won|trip|vacation|flight|hotel|girlfriend|boyfriend|dating|homework|math|physics|"
        r"chemistry|essay|translate|workout|gym|diet|vaccines?|a cold|the flu|phone to buy|"
        r"best phone|new phone|outfit|dog|draw|paint|picture|image|drawing|blockchain|lakers|"
        r"score of|lose weight|mona lisa|"
        r"cat|cats|pizza|restaurant|lasagna|sourdough|bread|tire|moon|everest|planet|universe|"
        r"guitar|piano|violin|drums|instrument|chess|swim|swimming|dance|dancing|knit|"
        r"meaning of life|shark|bear|hamlet|shakespeare|music|netflix|anime|pet)\b",
    ),
    _r(
        "other",
        2.5,
        r"\b(?:solve|calculate|compute)\b|\b\d+ ?[-+*/x=] ?\d|\b\d+ ?%|\bwhat is \d",
    ),
    _r(
        "other",
        2.0,
        r"\bwho (?:is|was|invented|discovered|won|wrote|would win)\b|\bhow (?:far|tall|old|big|"
        r"many|heavy|hot|cold)\b|\bwhat time is it\b|"
        r"\bexplain (?:quantum|the theory|how (?:a|the))|\bhow (?:does|do) (?!(?:this|you|it|the "
        r"bot|careermate)\b)\w+(?: \w+)? works?\b|\bexplain how (?!(?:this|you|it|the bot|"
        r"careermate)\b)\w+",
    ),
    _r(
        "other",
        2.5,
        r"\b(?:fix|debug)\b.{0,20}\bcode\b|\bfunction that\b|\bindexerror|\btypeerror|"
        r"\bexception\b|\bstack trace\b|\bsyntax error\b",
    ),
    _r(
        "other",
        3.0,
        r"\bignore (?:your|all|previous|the) (?:instructions|rules|prompt)\b|\bsystem prompt\b|"
        r"^(?:please )?(?:translate|paraphrase|spell ?check)\b|"
        r"\btell me a secret\b",
    ),
)


# Asking to be cheered up: the situation it mentions gets a kind word, not a playbook.
CHEER = re.compile(
    r"\bcheer(?:ing)? (?:me )?up\b|\bneed (?:a|some) (?:laugh|smile|pick me up|distraction)\b|"
    r"\bmake me (?:laugh|smile|feel better)\b|\b(?:say|tell me) something (?:funny|nice|good|"
    r"positive|uplifting|cheerful)\b|\bsomething (?:funny|uplifting)\b"
)


def rule_scores(norm: str) -> dict[Intent, float]:
    scores: dict[Intent, float] = {}
    spaced = " " + norm  # see `_spaced`
    for intent, weight, pattern in RULES:
        if pattern.search(spaced):
            scores[intent] = scores.get(intent, 0.0) + weight
    feelings = len(set(_FEELING.findall(norm)))
    if feelings > 1:  # "ugh I hate job hunting lol": the more feeling words, the more chit-chat
        scores["small_talk"] = scores.get("small_talk", 0.0) + 1.2 * min(feelings - 1, 2)
    return scores


def is_ack(norm: str) -> bool:
    words = norm.split()
    if not words or all(w in ("?", "!") for w in words):
        return False
    return len(words) <= 4 and all(w in ACK_WORDS for w in words)


def is_help_alone(norm: str) -> bool:
    text = norm.strip().lstrip("!/ ").rstrip("! .")
    return text in HELP_ALONE or (bool(text) and set(text) <= {"?", " "})
