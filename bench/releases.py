"""Synthetic OSCE release pages in the seed's format, for ingest and build at scale.

    python bench/releases.py N OUT_DIR [--seed 42] [--start 0]

Writes ``release-00000.txt`` … (and ``.html`` for a share of them): pages as a browser saves
them, like ``data/pages/`` and ``tests/ingest/fixtures/pages/`` — the site's menus, the content
type, the title, the Date/Place/Source/Fields of work list, a dateline and a body with quoted
officials, sometimes a conference or a workshop with its participants.

Page ``i`` comes from its own random generator (seed, i): it is the same at every N, so
``--start 10000 20`` gives 20 pages that are new beside the first 10,000. Places are the
graph's cities and a few the gazetteer must place (GeoNames, each in one page); people come
from a pool of invented names, each with one post, so the same person is quoted in many
releases (created by the first release that names them, referred to by the others); sources
are the graph's structures and field operations; fields of work and dates (1995–2025, one
page a day) vary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import sys
from pathlib import Path

# Page i is dated FIRST_DAY + (i * DAY_STEP mod DAYS) days: distinct days for the first DAYS
# pages (DAY_STEP is prime to DAYS), so no two releases share a slug (date + title).
FIRST_DAY = dt.date(1995, 1, 1)
DAYS = 31 * 365
DAY_STEP = 7919
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# (city as the dateline writes it, a structure of the graph at home there)
CITIES = [
    ("Vienna", "OSCE Secretariat"), ("Warsaw", "Office for Democratic Institutions and Human Rights"),
    ("The Hague", "OSCE High Commissioner on National Minorities"),
    ("Tirana", "OSCE Presence in Albania"), ("Sarajevo", "OSCE Mission to Bosnia and Herzegovina"),
    ("Pristina", "OSCE Mission in Kosovo"), ("Podgorica", "OSCE Mission to Montenegro"),
    ("Belgrade", "OSCE Mission to Serbia"), ("Skopje", "OSCE Mission to Skopje"),
    ("Chisinau", "OSCE Mission to Moldova"), ("Kyiv", "OSCE Project Co-ordinator in Ukraine"),
    ("Astana", "OSCE Programme Office in Astana"), ("Bishkek", "OSCE Programme Office in Bishkek"),
    ("Dushanbe", "OSCE Programme Office in Dushanbe"), ("Ashgabat", "OSCE Centre in Ashgabat"),
    ("Tashkent", "OSCE Project Co-ordinator in Uzbekistan"), ("Baku", "OSCE Office in Baku"),
    ("Yerevan", "OSCE Office in Yerevan"), ("Minsk", "OSCE Office in Minsk"),
    ("Zagreb", "OSCE Office in Zagreb"), ("Tbilisi", "OSCE Mission to Georgia"),
    ("Riga", "OSCE Mission to Latvia"), ("Tallinn", "OSCE Mission to Estonia"),
    ("Helsinki", "OSCE Chairpersonship"), ("Madrid", "OSCE Chairpersonship"),
    ("Vilnius", "OSCE Secretariat"), ("Geneva", "OSCE Secretariat"),
    ("Prague", "OSCE Secretariat"), ("Berlin", "OSCE Chairpersonship"),
    ("Rome", "OSCE Chairpersonship"), ("Bratislava", "OSCE Chairpersonship"),
    ("Stockholm", "OSCE Chairpersonship"), ("Ljubljana", "OSCE Chairpersonship"),
    ("Sofia", "OSCE Chairpersonship"), ("Athens", "OSCE Chairpersonship"),
    ("Copenhagen", "OSCE Representative on Freedom of the Media"),
    ("Dublin", "OSCE Chairpersonship"), ("Oslo", "OSCE Chairpersonship"),
    ("Brussels", "OSCE Secretariat"), ("Paris", "OSCE Secretariat"),
    ("Valletta", "OSCE Secretariat"), ("Budapest", "OSCE Secretariat"),
    ("Bucharest", "OSCE Secretariat"), ("Lisbon", "OSCE Secretariat"),
]
# Cities the graph does not hold: ingest places them with GeoNames. Each is named by one page
# (page NEW_CITY_EVERY * k + NEW_CITY_EVERY // 2): a second release naming the same new city
# repeats its coordinates as another blank node, and the build refuses a city with two
# schema:geo (an ingest bug, left to the ingest work).
NEW_CITY_EVERY = 500
NEW_CITIES = ["Aachen", "Strasbourg", "Osh", "Khujand", "Mary", "Batumi", "Shkoder", "Mostar",
              "Novi Sad", "Bitola", "Odesa", "Kharkiv", "Balti", "Gyumri", "Ganja", "Namangan",
              "Gdansk", "Graz"]
FIELDS = ["Arms control", "Border management", "Combating trafficking in human beings",
          "Conflict prevention and resolution", "Countering terrorism", "Cyber/ICT Security",
          "Democratization", "Economic activities", "Education", "Elections",
          "Environmental activities", "Gender equality", "Good governance", "Human rights",
          "Media freedom and development", "Migration", "National minority issues", "Policing",
          "Reform and co-operation in the security sector", "Roma and Sinti", "Rule of law",
          "Tolerance and non-discrimination", "Youth"]
CONTENT_TYPES = ["Press release", "Press release", "Press release", "News", "News item",
                 "Statement"]
FIRST = ["Anna", "Ivan", "Maria", "Jan", "Elena", "Thomas", "Sofia", "Mehmet", "Olga",
         "Pierre", "Lars", "Ines", "Giorgi", "Aigerim", "Petra", "Marco", "Helga", "Nikola",
         "Laura", "David", "Farrukh", "Zeynep", "Katarzyna", "Jonas", "Miriam", "Tomas",
         "Leyla", "Arben", "Dragana", "Henrik", "Nadia", "Rustam", "Eva", "Pavel"]
LAST = ["Novak", "Ivanova", "Schmidt", "Rossi", "Petrov", "Dubois", "Hansen", "Kovac",
        "Berg", "Yilmaz", "Nowak", "Horvat", "Popescu", "Garcia", "Larsen", "Meier",
        "Karimov", "Abdullaev", "Johansson", "Fischer", "Lindqvist", "Moretti", "Silva",
        "Krasniqi", "Jovanovic", "Aliyev", "Sargsyan", "Beridze", "Tamm", "Ozols",
        "Kowalczyk", "Virtanen", "Mikhailov", "Haddad", "Brennan", "Lehtonen"]
ROLES = ["Head of the {source}", "Deputy Head of the {source}", "Programme Officer at the {source}",
         "Senior Adviser at the {source}", "Director of the {source}"]
GUEST_ROLES = ["Deputy Minister of Interior", "Deputy Minister of Justice",
               "Minister of Education", "State Secretary for Foreign Affairs",
               "Chair of the Parliamentary Committee on Human Rights",
               "Director of the National Police Academy", "Ombudsperson",
               "Head of the Central Election Commission"]
EVENTS = ["conference", "workshop", "seminar", "training course", "round table"]
DURATIONS = ["two-day", "three-day", "one-day", "five-day"]
VERBS = ["supports", "hosts", "launches", "concludes", "welcomes", "organizes", "discusses",
         "promotes", "assesses", "opens", "backs", "reviews"]
PAST = ["launched", "presented", "supported", "announced", "opened", "completed"]
SUBJECTS = ["election observation", "border security", "media freedom", "police reform",
            "youth engagement", "gender equality", "anti-trafficking efforts", "cyber security",
            "environmental co-operation", "minority rights", "rule of law", "arms control",
            "counter-terrorism", "good governance", "human rights defenders",
            "election administration", "water management", "judicial reform",
            "hate crime reporting", "small arms control", "community policing"]
AUDIENCES = ["for local officials", "for journalists", "for young leaders", "for judges",
             "for police officers", "for civil society", "for border guards", "for teachers",
             "for women entrepreneurs", "for prosecutors", "for election officials",
             "in the region", "with national partners", "with civil society"]
SAYINGS = [
    "Co-operation between institutions is the only way to make progress that lasts",
    "We stand ready to support the authorities in every step of this work",
    "This programme shows what can be achieved when all sides listen to each other",
    "Trust is built slowly, and it is built by meetings like this one",
    "Our commitments are shared, and so is the responsibility to implement them",
    "The participants leave with skills they will use from tomorrow on",
    "Civil society is a partner we cannot do without",
    "Every citizen must be able to rely on institutions that serve them",
    "We will continue to work with our partners on these recommendations",
    "Today's agreement is an important step, but much remains to be done",
]
FILLER = [
    "The event is part of a long-term project funded by extra-budgetary contributions.",
    "Participants discussed good practices and the recommendations of earlier assessments.",
    "The discussions focused on the implementation of OSCE commitments in this field.",
    "A report with the conclusions will be published in the coming weeks.",
    "The activity was organized in co-operation with the national authorities.",
    "Experts from several participating States shared their experience with the participants.",
]
MENU_HEADINGS = [("Fields of work", FIELDS),
                 ("Participating States", ["Albania", "Austria", "Finland", "Georgia",
                                           "Kazakhstan", "Serbia", "Ukraine"])]


def person(rng: random.Random) -> str:
    """One of the pool's people (34 × 36 names), the same name in every release."""
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def role_of(seed: int, name: str) -> str:
    """The post a person of the pool holds, the same in every release that quotes them."""
    rng = random.Random(f"{seed}:role:{name}")
    source = rng.choice(CITIES)[1]
    return rng.choice(ROLES).format(source=source.removeprefix("OSCE "))


def guest_role_of(seed: int, name: str) -> str:
    return random.Random(f"{seed}:guest:{name}").choice(GUEST_ROLES)


def date_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def release_page(seed: int, i: int) -> tuple[str, str]:
    """(suffix, text) of page ``i``: ``.txt`` in the seed's text format or ``.html``."""
    rng = random.Random(f"{seed}:release:{i}")
    html_share = 0.2
    day = FIRST_DAY + dt.timedelta(days=i * DAY_STEP % DAYS)  # one page a day: unique slugs
    city, source = rng.choice(CITIES)
    if i % NEW_CITY_EVERY == NEW_CITY_EVERY // 2 and i // NEW_CITY_EVERY < len(NEW_CITIES):
        city = NEW_CITIES[i // NEW_CITY_EVERY]  # each in one page only (see NEW_CITIES)
    fields = rng.sample(FIELDS, rng.choice((1, 1, 2, 3)))
    content_type = rng.choice(CONTENT_TYPES)
    subject = rng.choice(SUBJECTS)
    title = f"{source} {rng.choice(VERBS)} {subject} {rng.choice(AUDIENCES)} in {city}"
    speaker = person(rng)
    guest = person(rng)
    while guest == speaker:
        guest = person(rng)
    role = role_of(seed, speaker)
    dateline = rng.choice((f"{city.upper()}, {date_text(day)} -",
                           f"{city.upper()}, {date_text(day)} (OSCE) --",
                           f"{date_text(day)}, {city} –"))
    body = []
    if rng.random() < 0.5:
        count = rng.choice((20, 25, 30, 40, 60, 120, 150))
        event = rng.choice(EVENTS)
        body.append(f"{dateline} Some {count} participants took part in a "
                    f"{rng.choice(DURATIONS)} {event} on {subject} that opened today in {city}, "
                    f"organized by the {source}.")
    else:
        body.append(f"{dateline} The {source} today {rng.choice(PAST)} "
                    f"a new initiative on {subject} {rng.choice(AUDIENCES)}.")
    body.append(f"\"{rng.choice(SAYINGS)},\" said {speaker}, {role}. "
                f"\"{rng.choice(SAYINGS)}.\"")
    body.append(rng.choice(FILLER))
    body.append(f"\"{rng.choice(SAYINGS)},\" added {guest}, {guest_role_of(seed, guest)}.")
    body.extend(rng.sample(FILLER, 2))
    if rng.random() < 0.5:
        body.append(f"\"{rng.choice(SAYINGS)},\" said {speaker.split()[-1]}.")
    place = city.upper()
    if rng.random() < html_share:
        return ".html", _html_page(content_type, title, day, place, source, fields, body)
    return ".txt", _text_page(content_type, title, day, place, source, fields, body)


def _menus() -> list[str]:
    lines = ["Organization for Security and Co-operation in Europe"]
    for heading, items in MENU_HEADINGS:
        lines += ["-", heading] + [f"- {item}" for item in items]
    return lines


def _text_page(content_type: str, title: str, day: dt.date, place: str, source: str,
               fields: list[str], body: list[str]) -> str:
    lines = _menus() + [content_type, title, "- Date:", f"- {date_text(day)}", "- Place:",
                        f"- {place}", "- Source:", f"- {source}", "- Fields of work:"]
    lines += [f"- {name}" for name in fields] + body
    return "\n".join(lines) + "\n"


def _html_page(content_type: str, title: str, day: dt.date, place: str, source: str,
               fields: list[str], body: list[str]) -> str:
    e = html.escape
    fields_dd = "".join(f"<dd>{e(name)}</dd>" for name in fields)
    paragraphs = "\n".join(f"      <p>{e(text)}</p>" for text in body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(title)} | OSCE</title></head>
<body>
<header><p>Organization for Security and Co-operation in Europe</p></header>
<main>
  <article class="node node--type-press-release">
    <div class="content-type">{e(content_type)}</div>
    <h1>{e(title)}</h1>
    <dl class="fields">
      <dt>Date:</dt><dd>{date_text(day)}</dd>
      <dt>Place:</dt><dd>{e(place)}</dd>
      <dt>Source:</dt><dd>{e(source)}</dd>
      <dt>Fields of work:</dt>{fields_dd}
    </dl>
    <div class="body">
{paragraphs}
    </div>
  </article>
</main>
</body>
</html>
"""


def write_pages(out: Path, n: int, *, seed: int = 42, start: int = 0) -> list[Path]:
    """Write pages ``start`` … ``start + n - 1`` into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        suffix, text = release_page(seed, i)
        path = out / f"release-{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("out", type=Path, help="directory to write them into")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--start", type=int, default=0, help="number of the first page")
    args = parser.parse_args(argv)
    paths = write_pages(args.out, args.n, seed=args.seed, start=args.start)
    print(f"{len(paths)} pages in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
