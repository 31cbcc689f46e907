"""Section headings: "EXPERIENCE", "Work History:", "## Skills", "E D U C A T I O N", "1. Projects",
"Professional Experience ———", "Compétences"... -> a canonical section name, or None."""

from __future__ import annotations

import re
import unicodedata

SECTIONS: dict[str, tuple[str, ...]] = {
    "contact": (
        "contact", "contact information", "contact info", "contact details", "personal details",
        "personal information", "personal data", "coordonnees", "kontakt", "contacto",
    ),
    "summary": (
        "summary", "professional summary", "career summary", "executive summary", "profile",
        "professional profile", "career profile", "personal profile", "objective",
        "career objective", "professional objective", "about", "about me", "overview",
        "personal statement", "summary of qualifications", "qualifications summary",
        "highlights", "career highlights", "professional highlights", "introduction", "bio",
        "resumen", "perfil", "profil", "zusammenfassung", "objectif", "objetivo",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "relevant experience",
        "employment", "employment history", "work history", "career history",
        "professional history", "professional background", "career experience",
        "experience and employment", "positions held", "internships", "internship",
        "internship experience", "military experience", "military service", "work",
        "industry experience", "teaching experience", "research experience",
        "clinical experience", "related experience", "additional experience",
        "other experience", "selected experience", "freelance experience", "experiencia",
        "experiencia laboral", "experiencia profesional", "experience professionnelle",
        "berufserfahrung", "erfahrung", "esperienza", "esperienza professionale",
        "ervaring", "werkervaring", "experiencia profissional",
    ),
    "education": (
        "education", "education and training", "academic background", "academic history",
        "academics", "academic qualifications", "educational background", "training",
        "education and certifications", "education and certification", "schooling", "degrees",
        "coursework", "relevant coursework", "relevant courses", "courses taken",
        "formation", "formacion", "educacion", "ausbildung", "bildung", "istruzione",
        "opleiding", "educacao", "formacao",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies",
        "competencies", "skills and abilities", "skills and competencies", "skills and tools",
        "skills and expertise", "skills and interests", "skills and qualifications",
        "areas of expertise", "expertise", "technologies", "tools", "tools and technologies",
        "technical proficiencies", "proficiencies", "skill set", "skillset", "hard skills",
        "soft skills", "it skills", "computer skills", "relevant skills", "key competencies",
        "qualifications", "strengths", "tech stack", "technical expertise", "capabilities",
        "competences", "competencias", "habilidades", "kenntnisse", "fahigkeiten",
        "competenze", "vaardigheden",
    ),
    "certifications": (
        "certifications", "certification", "certificates", "licenses", "licences",
        "licenses and certifications", "licences and certifications",
        "certifications and licenses", "licensure", "credentials",
        "professional certifications", "professional development", "courses",
        "continuing education", "trainings", "certificaciones",
        "zertifikate", "formations",
    ),
    "projects": (
        "projects", "project", "key projects", "personal projects", "selected projects",
        "academic projects", "side projects", "project experience", "portfolio", "proyectos",
        "projets", "projekte",
    ),
    "awards": (
        "awards", "honors", "honours", "awards and honors", "honors and awards",
        "achievements", "key achievements", "accomplishments", "recognition", "scholarships",
        "distinctions", "logros",
    ),
    "publications": (
        "publications", "research", "presentations", "patents", "papers", "conferences",
        "publications and presentations", "talks",
    ),
    "volunteer": (
        "volunteer", "volunteering", "volunteer experience", "volunteer work",
        "community involvement", "community service", "leadership", "leadership experience",
        "activities", "extracurricular activities", "extracurriculars", "affiliations",
        "memberships", "professional affiliations", "professional memberships",
        "leadership and activities", "voluntariado", "benevolat", "ehrenamt",
    ),
    "languages": ("languages", "language skills", "language", "idiomas", "langues", "sprachen"),
    "interests": ("interests", "hobbies", "hobbies and interests", "personal interests",
                  "intereses", "interets", "interessen"),
    "references": ("references", "referees", "references available upon request",
                   "referencias", "referenzen"),
}  # fmt: skip

STANDARD = ("experience", "education", "skills")
CORE = frozenset({"experience", "education", "skills", "summary", "projects", "certifications"})
# Headings of a job posting (someone pasted the ad, not their résumé).
JOB_AD = frozenset(
    {
        "responsibilities", "key responsibilities", "requirements", "job requirements",
        "about the role", "about the job", "about us", "about the company", "what you will do",
        "what youll do", "what you ll do", "who you are", "what we offer", "benefits", "perks",
        "nice to have", "preferred qualifications", "minimum qualifications",
        "basic qualifications", "how to apply", "job description", "role overview",
        "the role", "your role", "what we are looking for", "what were looking for",
    }
)  # fmt: skip
LABELS = {
    "contact": "Contact",
    "summary": "Summary",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "certifications": "Certifications",
    "projects": "Projects",
    "awards": "Awards",
    "publications": "Publications",
    "volunteer": "Volunteering & leadership",
    "languages": "Languages",
    "interests": "Interests",
    "references": "References",
}

_LOOKUP: dict[str, str] = {
    variant: name for name, variants in SECTIONS.items() for variant in variants
}
_DECOR = re.compile(r"^[\s#=*_~\-–—:|>•·▪■◆►▶❖§]*|[\s=*_~\-–—:|•·▪■◆.]*$")
_NUMBERING = re.compile(r"^(?:\d{1,2}|[ivxIVX]{1,4}|[A-Ha-h])[.)]\s+")
_SPACED = re.compile(r"^(?:\w[ \t]){3,}\w$")
_WORDS = re.compile(r"[a-z]+")
_CONTENT_AFTER = re.compile(r"^([^:]{2,40}):\s*(\S.*)$")
MAX_HEADING_WORDS = 6


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(line: str) -> str:
    text = line.strip()
    if _SPACED.match(text):
        text = text.replace(" ", "").replace("\t", "")
    text = _DECOR.sub("", _NUMBERING.sub("", _DECOR.sub("", text)))
    text = _fold(text).lower().replace("&", " and ").replace("/", " and ").replace("+", " and ")
    return " ".join(_WORDS.findall(text))


def canonical(line: str) -> str | None:
    """The canonical section a heading line names ("Work History:" -> "experience")."""
    if len(line) > 60:
        return None
    key = normalise(line)
    if not key or len(key.split()) > MAX_HEADING_WORDS:
        return None
    found = _LOOKUP.get(key)
    if found:
        return found
    if key.startswith(("my ", "the ", "selected ", "relevant ", "recent ")):
        return _LOOKUP.get(key.split(" ", 1)[1])
    return None


def is_job_ad_heading(line: str) -> bool:
    return len(line) <= 60 and normalise(line) in JOB_AD


def split_inline(line: str) -> tuple[str, str] | None:
    """ "Skills: Python, SQL" -> ("skills", "Python, SQL") when the label names a section."""
    match = _CONTENT_AFTER.match(line.strip().lstrip("#*-• ").rstrip())
    if match is None:
        return None
    name = canonical(match.group(1))
    return (name, match.group(2)) if name else None


def looks_like_heading(line: str) -> bool:
    """An unknown heading: a short line in capitals without digits or sentence punctuation
    ("MY JOURNEY", "TOOLBOX"). Only used to end the previous section."""
    text = line.strip().strip("#=*_-–—:| ")
    if not 3 <= len(text) <= 40 or any(ch.isdigit() for ch in text):
        return False
    if text.endswith((".", ",", ";")) or "@" in text or len(text.split()) > 4:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)
