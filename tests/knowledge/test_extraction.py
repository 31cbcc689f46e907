"""extract_skills on tricky phrases: every expected skill found, nothing else (a false positive
fails the case just like a miss)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careermate_bot.knowledge import KnowledgeBase

CASES: list[tuple[str, set[str]]] = [
    # --- synonyms and abbreviations from the issue
    ("JS", {"JavaScript"}),
    ("I write js every day", {"JavaScript"}),
    ("postgres", {"PostgreSQL"}),
    ("Postgres and MySQL", {"PostgreSQL", "MySQL"}),
    ("ML", {"Machine learning"}),
    ("k8s", {"Kubernetes"}),
    ("excel", {"Microsoft Excel"}),
    ("Excel", {"Microsoft Excel"}),
    ("MS Excel (pivot tables, VLOOKUP)", {"Microsoft Excel"}),
    # --- case, punctuation, plurals
    ("PYTHON", {"Python"}),
    ("python3", {"Python"}),
    ("Python-based tooling", {"Python"}),
    ("python/django", {"Python", "Django"}),
    ("Skills: SQL; Tableau; Power BI.", {"SQL", "Tableau", "Power BI"}),
    ("built REST APIs", {"REST APIs"}),
    ("RESTful services", {"REST APIs"}),
    ("designed relational databases", {"Database design"}),
    ("neural networks", {"Deep learning"}),
    ("microservices", {"Microservices"}),
    ("data pipelines", {"ETL"}),
    ("spreadsheets", {"Microsoft Excel"}),
    ("Google's BigQuery", {"Google BigQuery"}),
    # --- multi-word skills and longest match
    ("machine learning", {"Machine learning"}),
    ("Machine-Learning", {"Machine learning"}),
    ("natural language processing", {"Natural language processing"}),
    ("SQL Server", {"Microsoft SQL Server"}),
    ("sql server and t-sql", {"Microsoft SQL Server", "T-SQL"}),
    ("PL/SQL", {"PL/SQL"}),
    ("NoSQL", {"NoSQL"}),
    ("MySQL", {"MySQL"}),
    ("A/B testing", {"A/B testing"}),
    ("CI/CD pipelines", {"CI/CD"}),
    ("front-end development", {"Front-end development"}),
    ("front end", {"Front-end development"}),
    ("React Native", {"React Native"}),
    ("Spring Boot", {"Spring Boot"}),
    ("Ruby on Rails", {"Ruby on Rails"}),
    ("Objective-C", {"Objective-C"}),
    ("project management", {"Project management"}),
    ("go-to-market strategy", {"Go-to-market strategy"}),
    ("patient care", {"Patient care"}),
    ("lesson planning", {"Lesson planning"}),
    ("blueprint reading", {"Blueprint reading"}),
    ("read blueprints", {"Blueprint reading"}),
    ("MIG and TIG welding", {"Welding"}),
    ("CDL-A", {"Commercial driving"}),
    # --- R must not match every r
    ("R", {"R"}),
    ("in R and Python", {"R", "Python"}),
    ("R programming", {"R"}),
    ("statistics in R", {"Statistics", "R"}),
    ("Python, R, SQL", {"Python", "R", "SQL"}),
    ("R&D", set()),
    ("R&D manager for a robotics startup", {"Control systems"}),
    ("r", set()),
    ("car repair", {"Automotive repair"}),
    ("John R. Smith", set()),
    ("R-squared of 0.9", set()),
    ("our rapport with clients", {"Emotional intelligence"}),
    # --- Go vs go to
    ("Go", {"Go"}),
    ("golang", {"Go"}),
    ("proficient in Go and Rust", {"Go", "Rust"}),
    ("Python and Go", {"Python", "Go"}),
    ("I go to the gym", set()),
    ("Let's go!", set()),
    ("go-to person for escalations", set()),
    ("Go to market fast", {"Go-to-market strategy"}),
    ("we can go further", set()),
    ("ready to go", set()),
    # --- C vs C++ vs C# vs .NET
    ("C", {"C"}),
    ("C programming", {"C"}),
    ("C, C++ and C#", {"C", "C++", "C#"}),
    ("C/C++", {"C", "C++"}),
    ("C++", {"C++"}),
    ("C#", {"C#"}),
    ("C# on .NET", {"C#", ".NET"}),
    (".NET Core", {".NET"}),
    ("dotnet", {".NET"}),
    ("ASP.NET MVC", {"ASP.NET"}),
    ("vitamin C", set()),
    ("C-suite executives", set()),
    ("grade C", set()),
    ("USB-C cable", set()),
    ("a C- in chemistry", {"Chemistry"}),
    ("John C. Smith", set()),
    ("Plan C", set()),
    ("F#", {"F#"}),
    # --- common English words that are also tools
    ("I excel at communication", {"Communication"}),
    ("students who excel in math", {"Mathematics"}),
    ("exported reports to Excel", {"Microsoft Excel"}),
    ("react quickly to feedback", set()),
    ("React", {"React"}),
    ("react and typescript", {"React", "TypeScript"}),
    ("React.js", {"React"}),
    ("spark joy", set()),
    ("Apache Spark", {"Apache Spark"}),
    ("PySpark", {"Apache Spark"}),
    ("Spring 2023 semester", set()),
    ("Java Spring and Hibernate", {"Java", "Spring", "Hibernate"}),
    ("airflow measurement in ducts", set()),
    ("Airflow DAGs", {"Apache Airflow"}),
    ("rust removal on old cars", set()),
    ("word of mouth", set()),
    ("Word, Excel, PowerPoint", {"Microsoft Word", "Microsoft Excel", "Microsoft PowerPoint"}),
    ("access to care", set()),
    ("Excel and Access", {"Microsoft Excel", "Microsoft Access"}),
    ("5 ml of saline", set()),
    ("ML engineer", {"Machine learning"}),
    ("AI", {"Artificial intelligence"}),
    ("Erlenmeyer flask", set()),
    ("Python Flask APIs", {"Python", "Flask", "APIs"}),
    ("Swift and SwiftUI", {"Swift", "SwiftUI"}),
    ("a swift response", set()),
    ("Unity and Unreal", {"Unity", "Unreal Engine"}),
    ("promote unity in the team", set()),
    ("node in a graph", set()),
    ("Node and Express", {"Node.js", "Express.js"}),
    ("express interest", set()),
    ("sketch out ideas", set()),
    ("Figma and Sketch", {"Figma", "Sketch"}),
    ("an epic journey", set()),
    ("Epic EHR", {"Epic Systems"}),
    ("a typical workday", set()),
    ("Workday HCM", {"Workday"}),
    ("take a rest", set()),
    ("REST and GraphQL", {"REST APIs", "GraphQL"}),
    ("kitchen blender", set()),
    ("Blender and Maya", {"Blender", "Autodesk Maya"}),
    # --- no hits inside other words
    ("Scalable systems", {"System design"}),
    ("JavaScript", {"JavaScript"}),
    ("Java", {"Java"}),
    ("SaaS sales", {"Sales"}),
    ("pythonic", set()),
    ("goals", set()),
    ("careers", set()),
    ("SQLAlchemy", set()),
    # --- healthcare, trades, education, soft skills
    ("CPR and BLS certified", {"CPR"}),
    ("took vitals and drew blood", {"Vital signs"}),
    ("drawing blood", {"Phlebotomy"}),
    ("venipuncture", {"Phlebotomy"}),
    (
        "EHR charting in Epic",
        {"Electronic health records", "Clinical documentation", "Epic Systems"},
    ),
    ("ICD-10 and CPT coding", {"Medical coding"}),
    ("forklift certified, OSHA 10", {"Forklift operation", "Construction safety"}),
    ("HVAC/R and EPA 608", {"HVAC", "Refrigeration"}),
    ("IEPs and differentiated instruction", {"Special education", "Differentiated instruction"}),
    ("classroom management", {"Classroom management"}),
    ("team player with strong communication skills", {"Teamwork", "Communication"}),
    ("detail-oriented", {"Attention to detail"}),
    ("problem-solving", {"Problem solving"}),
    ("bilingual Spanish", {"Spanish"}),
    ("QuickBooks and GAAP", {"QuickBooks", "GAAP"}),
    ("P&L responsibility", {"Budgeting"}),
    ("M&A due diligence", {"Mergers and acquisitions"}),
    ("SEO/SEM", {"SEO", "Pay-per-click advertising"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_skills(kb: KnowledgeBase, text: str, expected: set[str]) -> None:
    assert set(kb.extract_skills(text)) == expected


def test_at_least_100_cases() -> None:
    assert len(CASES) >= 100


def test_order_is_first_mention_and_no_duplicates(kb: KnowledgeBase) -> None:
    text = "SQL, Python and more SQL; then python again and Tableau"
    assert kb.extract_skills(text) == ["SQL", "Python", "Tableau"]


def test_mentions_carry_offsets(kb: KnowledgeBase) -> None:
    text = "Built ETL in PySpark on k8s"
    mentions = kb.skill_mentions(text)
    assert [(m.skill, m.text) for m in mentions] == [
        ("ETL", "ETL"),
        ("Apache Spark", "PySpark"),
        ("Kubernetes", "k8s"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_empty_and_punctuation_only(kb: KnowledgeBase) -> None:
    assert kb.extract_skills("") == []
    assert kb.extract_skills("  ,.;!? -- ") == []


NURSE_RESUME_SKILLS = {
    "Empathy", "Patient care", "Patient education", "Spanish", "CPR", "Patient assessment",
    "Vital signs", "Medication administration", "Wound care", "IV therapy", "Epic Systems",
    "Care planning", "Mentoring", "Personal care", "Patient positioning", "Infection control",
    "Triage", "HIPAA", "Microsoft Office", "Time management", "Teamwork", "Critical thinking",
    "Phlebotomy",
}  # fmt: skip


def test_a_whole_resume(kb: KnowledgeBase) -> None:
    text = (Path(__file__).parent / "resume_nurse.txt").read_text(encoding="utf-8")
    assert set(kb.extract_skills(text)) == NURSE_RESUME_SKILLS
