"""Word lists the deterministic scorer reads: STAR cues, competencies, filler, non-answers.

Plain data, no logic. Words are lower case; phrases are regular expressions matched on the
lower-cased answer with word boundaries added by `scoring`.
"""

from __future__ import annotations

# The most frequent English function words: prose is ~40-55% these, noise and lists ~0%.
COMMON_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    i'm i've i'd we'd we've we're it's that's don't didn't wasn't couldn't can't won't isn't
    got get make made take took went go going one two three first next last time way new many
    much well still even back really like think know need needed want wanted said say told
    because though since however also very""".split()
)

# Words that carry no topic of their own (dropped before topic/key-point comparison).
GENERIC_WORDS = COMMON_WORDS | frozenset(
    """tell describe explain example give walk talk share discuss mention mentions mentioned
    situation situations time times ever would could should might will please question answer
    approach handle handled handling deal dealt dealing something someone somebody thing things
    anything everything person people use used using uses understand understanding know knowing
    knows show shows showing include includes including included different difference important
    way ways kind type types good best better well often usually always never typical typically
    role job work working worked day days year years make makes making made get gets
    getting add adding added find finding found instead often only need needs""".split()
)

LOREM_WORDS = frozenset(
    """lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed eiusmod tempor
    incididunt labore dolore magna aliqua enim minim veniam quis nostrud exercitation ullamco
    laboris nisi aliquip commodo consequat duis aute irure reprehenderit voluptate velit esse
    cillum fugiat nulla pariatur excepteur sint occaecat cupidatat proident culpa officia
    deserunt mollit anim laborum""".split()
)

KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")

# Whole answers that say "I have no answer" (compared after lower-casing and trimming).
NON_ANSWER_PATTERNS = (
    r"i\s*(?:do\s*n[o']?t|dont|dunno|don'?t)\s*know(?: really| honestly)?",
    r"idk|dunno|no idea|not sure|no clue|nothing|none|n/?a|pass|skip|next|\?+|\.+|-+|ok(?:ay)?",
    r"no|nope|yes|yeah|maybe|whatever",
    r"i (?:can'?t|cannot) (?:remember|think of (?:one|any(?:thing)?))",
    r"(?:i )?(?:have|had) no (?:idea|experience|example)",
    r"i (?:have )?never (?:done|had) (?:that|this|one)",
    r"(?:this|that) (?:has|have) never happened(?: to me)?",
    r"test(?:ing)?|asdf|hello|hi|hey|lol|lmao|haha+",
)
# A short answer containing one of these is a non-answer even with a few extra words.
NON_ANSWER_PHRASES = (
    "i don't know",
    "i dont know",
    "i do not know",
    "no idea",
    "not sure",
    "idk",
    "can't remember",
    "cannot remember",
    "never happened",
    "no experience with",
    "have no example",
    "i'd rather not",
)

# --- STAR signals (regular expressions, lower-case) ----------------------------------------------
SITUATION_CUES = (
    r"when i (?:was|worked|joined|started)",
    r"at my (?:previous|last|old|first|current|former) "
    r"(?:job|role|company|employer|position|school|team|workplace)",
    r"in my (?:previous |last |current |former |first )?"
    r"(?:role|job|position|internship|placement) (?:as|at)",
    r"while (?:i was )?(?:working|studying|interning|volunteering)",
    r"(?:last|this) (?:year|month|quarter|semester|summer|spring|winter|autumn|fall|week)",
    r"(?:a few|two|three|several) (?:years|months|weeks) ago",
    r"\bin (?:19|20)\d\d\b",
    r"\bduring (?:a|an|my|our|the)\b",
    r"\bthe situation\b",
    r"\bthere was (?:a|an)\b",
    r"\bwe had (?:a|an)\b",
    r"\b(?:our|my) (?:team|company|department|unit|ward|school|class|client|store|shop|project) "
    r"(?:was|were|had)\b",
    r"\bi was (?:working|leading|responsible|assigned|part of|a|an|the)\b",
    r"\bonce,? (?:i|we|a|our)\b",
    r"\bone time\b",
    r"\b(?:a|an|one|our|my) (?:customer|client|patient|colleague|coworker|co-worker|manager|"
    r"student|user|parent|guest|teammate|supplier|vendor|stakeholder)s? (?:came|called|was|were|"
    r"had|complained|emailed|asked|wanted|lost|missed|refused|needed)\b",
    r"\b(?:came|walked) (?:in|into|up to)\b",
    r"\b(?:last|this|one|that) (?:spring|summer|autumn|fall|winter|morning|night|evening|"
    r"weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\bfor example\b",
    r"\bat (?:my|our|the) "
    r"(?:company|firm|hospital|clinic|school|agency|startup|office|store|restaurant|bank)\b",
)
TASK_CUES = (
    r"\bmy (?:task|job|goal|role|responsibility|aim|objective|challenge|assignment) was\b",
    r"\bi was (?:responsible|tasked|asked|assigned|expected|in charge)\b",
    r"\bi (?:needed|had|wanted) to\b",
    r"\bwe (?:needed|had) to\b",
    r"\bthe (?:goal|task|challenge|problem|issue|objective|aim|deadline|requirement) was\b",
    r"\b(?:goal|target|deadline|objective|challenge)\b",
    r"\bin order to\b",
    r"\bto make sure\b",
    r"\bto (?:fix|solve|resolve|deliver|meet|reduce|improve|increase|finish|launch|ship)\b",
    r"\b(?:problem|issue|challenge|late|delayed|behind|short-staffed|understaffed|broken|"
    r"failing|complain(?:ed|t|ts)?|furious|angry|upset|urgent|back-ordered|overdue|"
    r"nobody (?:was|owned|knew)|no one (?:was|owned|knew))\b",
)
ACTION_CUES = (
    r"\bso i\b",
    r"\bi (?:decided|chose|started|began|proposed|suggested|organi[sz]ed|scheduled|created|"
    r"built|wrote|designed|implemented|analy[sz]ed|investigated|set up|reached out|talked|"
    r"spoke|met|called|emailed|asked|"
    r"listened|explained|negotiated|prioriti[sz]ed|delegated|coached|trained|mentored|documented|tested|"
    r"reviewed|rewrote|refactored|automated|introduced|led|ran|took|made|gave|sat down|broke|split|"
    r"escalated|researched|drafted|presented|compared|measured|tracked|adjusted|changed|fixed|resolved|"
    r"focused|worked|helped|volunteered|stepped|offered|arranged|shared|mapped|planned|gathered|"
    r"collected|identified|contacted|followed up|kept|checked|calculated|redesigned|launched|"
    r"migrated|"
    r"deployed|monitored|debugged|traced|reproduced|wrote|prepared|asked|apologi[sz]ed|acknowledged)\b",
    r"\bmy (?:first|next) step\b",
    r"\b(?:first|then|next|after that|afterwards|finally),? i\b",
)
RESULT_CUES = (
    r"\bas a result\b",
    r"\bnow (?:i|we|the|our|any|everyone|all|it)\b",
    r"\b(?:by|to) (?:about |around |over |nearly |almost |roughly )?\$?\d",
    r"\b(?:dropped|fell|rose|went (?:up|down)|grew|shrank|halved)\b",
    r"\b(?:\d-star|five-star|5 star) review\b|\breview(?:ed)? us\b|\bstill comes?\b",
    r"\b(?:made|named) me\b",
    r"\b(?:since then|from then on|ever since|afterwards,? (?:i|we|the))\b",
    r"\bresult(?:ed|s|ing)? (?:in|was)\b",
    r"\bthe (?:result|outcome|impact|effect) (?:was|is)\b",
    r"\b(?:which|this|that|it) (?:led|helped|allowed|meant|saved|cut|reduced|increased|improved)\b",
    r"\bin the end\b",
    r"\bended up\b",
    r"\bby the end\b",
    r"\bi (?:learned|learnt|realised|realized)\b",
    r"\bwe (?:delivered|shipped|launched|finished|completed|met|hit|exceeded|reduced|increased|"
    r"improved|saved|won|cut|grew|raised|closed|passed)\b",
    r"\b(?:reduced|increased|improved|saved|cut|grew|raised|boosted|lowered|doubled|tripled|halved)\b",
    r"\b(?:on time|ahead of schedule|under budget|on budget)\b",
    r"\b(?:promoted|praised|thanked|recognised|recognized|award(?:ed)?)\b",
    r"\d+(?:\.\d+)? ?%|\bpercent\b",
    r"\bthe (?:client|customer|patient|manager|team|student|parent)s? (?:was|were) "
    r"(?:happy|satisfied|pleased)\b",
    r"\b(?:feedback|satisfaction|retention) (?:score|rate|went|improved|rose)\b",
)

# Reasons and goals: in an opinion question ("Why this job?", "Your biggest weakness?") they play
# the part STAR's Task plays in a story.
REASON_CUES = (
    r"\bbecause\b",
    r"\bwhich is why\b",
    r"\bthat'?s why\b",
    r"\bso that\b",
    r"\bi (?:want|would like|hope|aim|plan) to\b",
    r"\bmy goal\b",
    r"\bi (?:enjoy|love|care about|am drawn to|am passionate about)\b",
    r"\bthe reason\b",
)
# Words in a question that ask for a story (STAR applies fully).
STORY_CUES = (
    "a time",
    "an example",
    "example of",
    "describe a situation",
    "a situation",
    "tell me about a",
    "walk me through",
    "when you",
    "a project",
    "an occasion",
    "have you ever",
    "a moment",
)

# --- Ownership ------------------------------------------------------------------------------------
I_WORDS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
WE_WORDS = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"})

# --- Work context: a behavioral answer about work (or study, volunteering) uses some of these ----
WORK_WORDS = frozenset(
    """team teams teammate teammates colleague colleagues coworker coworkers manager managers boss
    supervisor lead leader client clients customer customers user users stakeholder stakeholders
    project projects deadline deadlines meeting meetings company companies business office job
    role task tasks work worked working shift shifts patient patients student students class
    classroom school teacher parents report reports budget sales revenue product products
    service services department organisation organization employer employee employees staff
    intern internship volunteer volunteering mentor mentee plan plans process processes
    problem problems issue issues deliver delivered delivery launch launched release code
    system systems data analysis design campaign contract vendor supplier site crew ward
    hospital store shop restaurant course university college assignment presentation
    feedback goal goals target targets quarter priority priorities decision decisions
    conflict disagreement mistake error failure risk""".split()
)

# --- Competencies: words that show an answer addresses the theme of the question -----------------
COMPETENCY_WORDS: dict[str, frozenset[str]] = {
    "teamwork": frozenset(
        "team teammate teammates colleague colleagues collaborate collaborated collaboration "
        "together helped support supported shared group cooperate pair paired".split()
    ),
    "conflict": frozenset(
        "conflict disagree disagreed disagreement argument tension tense frustrated upset "
        "difficult resolve resolved compromise mediate mediated pushback pushed objection "
        "misunderstanding angry".split()
    ),
    "failure": frozenset(
        "fail failed failure mistake mistakes wrong error errors missed learned learnt lesson "
        "regret setback fix fixed own owned apologised apologized".split()
    ),
    "leadership": frozenset(
        "lead led leading leader team motivate motivated delegate delegated mentor mentored "
        "coach coached direction vision decision initiative ownership responsible organise "
        "organised organize organized train trained supervisor supervise supervised manage "
        "managed charge volunteered guided rota schedule assigned owned".split()
    ),
    "prioritisation": frozenset(
        "prioritise prioritize prioritised prioritized priority priorities deadline deadlines "
        "urgent important schedule scheduled tradeoff trade-off focus workload juggle "
        "balance time list plan planned".split()
    ),
    "communication": frozenset(
        "explain explained communicate communicated present presented presentation listen "
        "listened email wrote write meeting clarify clarified audience message update "
        "updated informed stakeholders".split()
    ),
    "customer focus": frozenset(
        "customer customers client clients user users patient patients complaint complaints "
        "service satisfaction needs expectations feedback requirement requirements student "
        "students pupil pupils parent parents guest guests resident residents family families "
        "learner learners buyer buyers caller callers member members public help helped".split()
    ),
    "ethics": frozenset(
        "ethical ethics honest honesty integrity right wrong policy rule rules report reported "
        "confidential compliance trust transparent pressure".split()
    ),
    "learning": frozenset(
        "learn learned learnt learning new course study studied practice practised practiced "
        "tutorial documentation teach taught skill skills curious read".split()
    ),
    "adaptability": frozenset(
        "change changed changes adapt adapted adjust adjusted unexpected new pivot shifted "
        "flexible uncertainty ambiguity".split()
    ),
    "problem solving": frozenset(
        "problem problems solve solved solution root cause analyse analyze analysed analyzed "
        "investigate investigated debug hypothesis test tested data fix fixed".split()
    ),
    "motivation": frozenset(
        "motivate motivated passion passionate enjoy interested interest why goal goals "
        "career grow growth excited want love mission values impact build building keep "
        "learn contribute".split()
    ),
    "initiative": frozenset(
        "initiative proactive proactively noticed volunteered started proposed improved "
        "own idea ideas suggested launched built without asked".split()
    ),
    "attention to detail": frozenset(
        "detail details accurate accuracy error errors check checked checklist double "
        "review reviewed mistake mistakes caught careful precise quality".split()
    ),
    "pressure": frozenset(
        "pressure stress stressful deadline deadlines calm urgent crisis busy overtime "
        "tight emergency".split()
    ),
}
# Words in a question that point at a competency (for questions not in the bank).
COMPETENCY_TRIGGERS: dict[str, tuple[str, ...]] = {
    "teamwork": ("team", "colleague", "collaborat", "coworker", "group"),
    "conflict": ("conflict", "disagree", "difficult person", "difficult coworker", "argument"),
    "failure": ("fail", "mistake", "wrong", "regret", "setback"),
    "leadership": ("lead", "leader", "motivat", "mentor", "delegat", "initiative"),
    "prioritisation": ("priorit", "deadline", "multiple tasks", "workload", "juggl", "time manag"),
    "communication": ("explain", "communicat", "present", "persuad", "convince", "non-technical"),
    "customer focus": ("customer", "client", "patient", "user", "complaint"),
    "ethics": ("ethic", "integrity", "honest", "rule", "pressure to"),
    "learning": ("learn", "new skill", "quickly", "feedback", "improve"),
    "adaptability": ("change", "adapt", "unexpected", "ambigu"),
    "problem solving": ("problem", "solve", "challenge", "debug", "complex"),
    "motivation": ("why do you", "why this", "motivat", "where do you see", "goal"),
    "pressure": ("pressure", "stress", "tight deadline", "crisis"),
    "initiative": ("initiative", "without being asked", "proactive", "on your own", "improve"),
    "attention to detail": ("detail", "accura", "error", "double-check", "careful"),
}

# Explanation and reasoning cues in a technical answer.
DEPTH_CUES = (
    r"\bbecause\b",
    r"\bfor (?:example|instance)\b",
    r"\bsuch as\b",
    r"\be\.g\.",
    r"\bwhich means\b",
    r"\bso that\b",
    r"\btrade-?offs?\b",
    r"\b(?:downside|drawback|advantage|benefit|cost|risk)s?\b",
    r"\b(?:first|second|then|next|finally),",
    r"\bdepends on\b",
    r"\bunless\b",
    r"\bwhereas\b",
    r"\bon the other hand\b",
    r"\bin practice\b",
    r"\bi would\b",
    r"\bi'd\b",
    r"\bin my (?:last|previous|current) (?:job|role|project)\b",
    r"\b(?:measure|monitor|test|verify|check|validate)\b",
)

# Small synonym groups: any member counts as the group's first word when matching key points.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("fast", "faster", "quick", "quicker", "speed", "speeds", "latency", "performance", "quickly"),
    ("slow", "slower", "slowdown", "sluggish", "lag"),
    ("secure", "security", "safe", "safety", "protect", "protection"),
    ("cost", "costs", "cheap", "cheaper", "expensive", "budget", "price", "spend"),
    ("scale", "scalable", "scalability", "scaling", "grow", "growth", "load"),
    ("error", "errors", "bug", "bugs", "failure", "failures", "fault", "defect", "defects"),
    ("test", "tests", "testing", "verify", "validate", "validation", "check", "checks"),
    ("user", "users", "customer", "customers", "client", "clients"),
    ("patient", "patients", "resident", "residents"),
    ("student", "students", "learner", "learners", "pupil", "pupils"),
    ("document", "documentation", "docs", "record", "records", "write down", "notes"),
    ("monitor", "monitoring", "observe", "track", "tracking", "alert", "alerts"),
    ("data", "dataset", "datasets", "records"),
    ("stakeholder", "stakeholders", "sponsor", "management", "leadership"),
    ("communicate", "communication", "explain", "inform", "tell", "talk"),
    ("prioritize", "prioritise", "priority", "priorities", "rank", "triage"),
    ("risk", "risks", "danger", "hazard", "hazards"),
    ("reduce", "lower", "decrease", "cut", "minimise", "minimize"),
    ("increase", "raise", "improve", "boost", "maximise", "maximize"),
    ("measure", "metric", "metrics", "kpi", "kpis", "measurement"),
    ("rollback", "revert", "roll back"),
    ("cache", "caching", "cached"),
    ("index", "indexes", "indices", "indexing"),
    ("duplicate", "duplicates", "duplication", "redundant", "redundancy"),
    ("consent", "permission", "authorization", "authorisation"),
)
