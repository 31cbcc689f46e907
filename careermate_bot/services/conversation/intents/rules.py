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
    return intent, weight, re.compile(pattern)


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
        r"\b(?:thanks|thank you|appreciate(?:d)?(?: it| that| you)?|cheers|much appreciated|"
        r"you are (?:the best|awesome|amazing|great|smart|funny|cool|helpful|a lifesaver)|"
        r"you rock|pretty smart|so smart)\b|^(?:good job|well done|nice work|great job)\b",
    ),
    _r("small_talk", 1.5, rf"\b(?:{FEELINGS})\b"),
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
    # -- career advice ----------------------------------------------------------------------------
    _r("career_advice", 2.0, r"\bcareers?\b"),
    _r(
        "career_advice",
        1.0,
        r"\bcareer(?: |-)?(?:path|paths|change|advice|options|ideas|switch|move|growth|goals?|"
        r"wise)\b",
    ),
    _r(
        "career_advice",
        2.0,
        r"\b(?:path|paths|pathway|trajectory|transition\w*|switch(?:ing)? (?:from|to|into|"
        r"careers?|fields?)|change (?:careers?|fields?)|move (?:from|into|to)|moving into|"
        r"go into|going into|"
        r"get into|getting into|break into|pivot\w*|career change|going back to school)\b",
    ),
    _r(
        "career_advice",
        3.0,
        r"\b(?:how (?:do|can|would|could|should|might) i|how to|steps to|what does it take to|"
        r"take to|way to|what steps)\b.{0,20}\b(?:become|be an?|get into|break into|move into|"
        r"switch|transition|get promoted|promoted|level up|grow|advance|get a raise|get ahead|"
        r"move up|go from)\b",
    ),
    _r(
        "career_advice",
        1.0,
        r"\b(?:should i|is it worth|worth it|would you recommend|do you recommend|better to|"
        r"is it (?:too late|smart|wise|a good idea)|good idea)\b",
    ),
    _r(
        "career_advice",
        1.5,
        r"\b(?:learn|learning|study|studying|certifications?|certificate|degree|masters|mba|phd|"
        r"bootcamps?|courses?|school|college|upskill\w*|reskill\w*|qualifications?|pmp|cpa)\b",
    ),
    _r(
        "career_advice",
        2.5,
        r"\bwhat (?:should|could|can|do) i (?:learn|study|do|focus|pick|choose|add|take)\b|"
        r"\bwhat (?:to|should i) learn\b|\bwhat steps\b|\bwhere do i (?:start|begin)\b|"
        r"\bwhat (?:am i|else am i|else do i|is) missing\b|\bwhat do i need\b|"
        r"\bhow do i get there\b|\bnext steps?\b|"
        r"\bwhich (?:language|skill|skills|cert\w*|degree|"
        r"course|field|programming language|path)\b",
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
        2.0,
        r"\b(?:quit\w*|leav(?:e|ing) (?:my )?(?:job|field|industry)|thoughts|opinion|roadmap|"
        r"change (?:my |of )?(?:profession|career|field|industry|occupation)|qualified for|"
        r"(?:get|getting) started (?:in|with|as) (?!this\b|you\b|the bot\b|careermate\b)|"
        r"start (?:a career|out) in|"
        r"qualify for|eligible for|stay (?:at|in|with) my|leave (?:for|my)|"
        r"to (?:become|be) (?:an?|the)|become (?:an?|the)|vs|versus|which (?:one )?is better|"
        r"long term|"
        r"(?:enough|sufficient) to (?:get|land|become|be)|worth (?:learning|getting|doing))\b",
    ),
    _r(
        "career_advice",
        1.5,
        r"\b(?:promot\w*|a raise|senior|level up|grow(?:ing)?|advance\w*|next step|team lead|"
        r"move up|get ahead)\b",
    ),
    _r(
        "career_advice",
        1.5,
        r"\b(?:advice|advise|suggest\w*|guidance|mentor\w*|options|ideas|recommendations?|"
        r"lost|stuck|direction)\b",
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
        r"\bwhere (?:can|do|should) i go\b|\bwhere do i start\b|"
        r"\bwhat (?:roles|careers|paths|fields)\b|\broles? (?:match|fit|suit)\b",
    ),
    _r(
        "career_advice",
        1.5,
        r"\b(?:too late|good career|in demand|future proof|job market|field|industry|safe from|"
        r"ai proof|replaced by|automation|job security|stable|stability|growing field|outlook|"
        r"prospects|demand for|"
        r"introverts?|extroverts?)\b",
    ),
    _r(
        "career_advice",
        3.0,
        r"\b(?:analy[sz]e|evaluate|assess|check|rate) my skills\b|\bhow well do my skills\b",
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
        r"\bunemployed\b|\blaid off\b|\bout of work\b|\bneed (?:to find )?work\b",
    ),
    _r("job_search", 1.0, r"\bwho is hiring\b|\bwhich companies\b|\bnear me\b|\bright now\b"),
    # -- résumé -----------------------------------------------------------------------------------
    _r("resume_review", 4.0, r"\b(?:resumes?|coverletter)\b"),
    _r("resume_review", 1.5, r"\b(?:ats|bullet points|proofread\w*|portfolio)\b"),
    _r("resume_review", 1.0, r"\bmy (?:resumes?|coverletter)\b"),
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
        3.0,
        r"\b(?:tell me about yourself|weakness\w*|strengths|where do you see yourself|"
        r"why do you want to work|why should we hire|star method|behaviou?ral|phone screen|"
        r"final round|technical round|tell me about a time|"
        r"why (?:i|you|did you) left|ask the interviewer|whiteboard|coding challenge)\b",
    ),
    _r(
        "interview_practice",
        2.5,
        r"\bhow (?:do|should|would|can) i (?:answer|respond|reply)\b|\bhow to (?:answer|respond)\b|"
        r"\b(?:say|answer|respond|explain|handle|talk about)\b.{0,40}\b(?:they ask|asked|"
        r"interviewer|during the interview|in the interview|in an interview)\b|"
        r"\b(?:they|interviewer|interviewers|employers) (?:ask|asks|asked)\b|"
        r"\b(?:ask|asks|asked|question|answer|talk)\b.{0,25}\bsalary expectations?\b|"
        r"\bgood answer\b|\bbest way to answer\b",
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
        r"\btell me a secret\b",
    ),
)


def rule_scores(norm: str) -> dict[Intent, float]:
    scores: dict[Intent, float] = {}
    for intent, weight, pattern in RULES:
        if pattern.search(norm):
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
