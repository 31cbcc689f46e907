"""Which contact details a résumé has. Only presence is returned: the values are never kept,
logged or stored (not even in this module's results)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w/-])"
)
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:linkedin|github|gitlab|behance|dribbble|medium|kaggle)"
    r"\.com/\S+|\b[\w-]+\.(?:dev|io|me|net|com|org|site|page|app)/[\w-]+",
    re.IGNORECASE,
)
_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON BC AB QC NS MB SK"
).split()
_REGIONS = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|USA|US|United States|Canada|Ontario|Quebec|"
    "British Columbia|Mexico|UK|United Kingdom|England|Scotland|Wales|Ireland|France|Germany|"
    "Spain|Portugal|Italy|Netherlands|Belgium|Switzerland|Austria|Poland|Sweden|Norway|Denmark|"
    "Finland|India|Pakistan|Bangladesh|China|Japan|Korea|Singapore|Philippines|Vietnam|"
    "Indonesia|Malaysia|Australia|New Zealand|Brazil|Argentina|Chile|Colombia|Peru|Nigeria|"
    "Kenya|Ghana|South Africa|Egypt|Morocco|Israel|Turkey|UAE|Saudi Arabia|Remote"
)
_PLACE = re.compile(
    r"\b[A-Z][a-zA-Z.'-]+(?:\s[A-Z][a-zA-Z.'-]+){0,3},\s*(?:"
    + "|".join(_STATES)
    + "|"
    + _REGIONS
    + r")\b"
)
_LOCATION_LABEL = re.compile(r"\b(?:location|address|based in|lives in)\s*[:\-]", re.IGNORECASE)
_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}(?:[\s.\-–]+(?:19|20)\d{2})*$")
_PHONE_PLAIN = re.compile(r"(?<![\w/.-])\+?\d{10,13}(?![\w/-])")
TOP_LINES = 12  # contact details belong at the top; a location further down is a job's


class ContactPresence(BaseModel):
    model_config = ConfigDict(frozen=True)

    email: bool = False
    phone: bool = False
    location: bool = False
    link: bool = False

    def missing(self) -> list[str]:
        return [name for name, present in self.model_dump().items() if not present]


def _has_phone(text: str) -> bool:
    if _PHONE_PLAIN.search(text):
        return True
    for match in _PHONE.finditer(text):
        token = match.group(0)
        digits = sum(ch.isdigit() for ch in token)
        if not 9 <= digits <= 15 or _YEAR_ONLY.match(token.strip()):
            continue
        return True
    return False


def detect(text: str) -> ContactPresence:
    lines = [line for line in text.splitlines() if line.strip()]
    top = "\n".join(lines[:TOP_LINES])
    top_no_mail = _EMAIL.sub(" ", top)
    return ContactPresence(
        email=bool(_EMAIL.search(text)),
        phone=_has_phone(_EMAIL.sub(" ", text)),
        location=bool(
            _PLACE.search(top_no_mail)
            or _ZIP.search(top_no_mail)
            or _LOCATION_LABEL.search(top_no_mail)
        ),
        link=bool(_LINK.search(_EMAIL.sub(" ", text))),
    )
