"""Search links for current postings on the major job boards, for one title and location.

CareerMate does not scrape job boards; it links to their public search pages with the title and
location filled in. Formats (public search URLs, as the sites build them themselves):

- LinkedIn:     https://www.linkedin.com/jobs/search/?keywords=<title>&location=<place>[&f_WT=2]
  (`f_WT=2` = remote workplace type)
- Indeed:       https://www.indeed.com/jobs?q=<title>&l=<place>   ("Remote" as the place)
- Glassdoor:    https://www.glassdoor.com/Job/jobs.htm?sc.keyword=<title> (its location filter
  takes an internal id, so only the title is filled in)
- ZipRecruiter: https://www.ziprecruiter.com/jobs-search?search=<title>&location=<place>

Every value is percent-encoded (`urllib.parse.urlencode` with `quote`), so "C++ Developer" and
"Austin, TX" survive the trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

MAX_QUERY = 100
# Cities whose own name has a hyphen (BLS joins a metro's cities with "-").
HYPHENATED_CITIES = ("Winston-Salem", "Wilkes-Barre", "Sedro-Woolley")


@dataclass(frozen=True, slots=True)
class JobBoardLink:
    board: str
    url: str


def _query(params: dict[str, str]) -> str:
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())[:MAX_QUERY]


def search_place(area_name: str) -> str:
    """A BLS area name as a job board understands it: the metro's first city and first state.

    "Austin-Round Rock-San Marcos, TX" -> "Austin, TX";
    "New York-Newark-Jersey City, NY-NJ" -> "New York, NY"; "Texas" -> "Texas".
    """
    name = _clean(area_name)
    if "," not in name:
        return name
    cities, _, states = name.rpartition(",")
    cities = cities.split("/")[0]
    if "--" in cities:  # BLS writes "Scranton--Wilkes-Barre" when a city has a hyphen
        city = cities.split("--")[0].strip()
    elif any(cities.startswith(known) for known in HYPHENATED_CITIES):
        city = next(known for known in HYPHENATED_CITIES if cities.startswith(known))
    else:
        city = cities.split("-")[0].strip()
    state = states.strip().split("-")[0].strip()
    return f"{city}, {state}" if city and state else name


def job_board_links(
    title: str, location: str | None = None, *, remote: bool = False
) -> list[JobBoardLink]:
    """LinkedIn, Indeed, Glassdoor and ZipRecruiter searches for `title` near `location`.

    `location` is a plain place name ("Austin, TX"); None or a national area means nationwide.
    `remote` asks for remote jobs (and replaces the place where a board has no remote filter).
    """
    title = _clean(title)
    place = _clean(location)
    if place.casefold() in ("united states", "u.s.", "us", "usa", "national", "nationwide"):
        place = ""
    remote_place = "Remote" if remote else place
    linkedin = {"keywords": title, "location": place or ("United States" if remote else "")}
    if remote:
        linkedin["f_WT"] = "2"
    return [
        JobBoardLink("LinkedIn", f"https://www.linkedin.com/jobs/search/?{_query(linkedin)}"),
        JobBoardLink(
            "Indeed", f"https://www.indeed.com/jobs?{_query({'q': title, 'l': remote_place})}"
        ),
        JobBoardLink(
            "Glassdoor",
            "https://www.glassdoor.com/Job/jobs.htm?"
            + _query({"sc.keyword": f"{title} remote" if remote else title}),
        ),
        JobBoardLink(
            "ZipRecruiter",
            "https://www.ziprecruiter.com/jobs-search?"
            + _query({"search": title, "location": remote_place}),
        ),
    ]
