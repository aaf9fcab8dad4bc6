"""What the timeline and the charts show, from the store, and where each piece is drawn.

:func:`chronology` reads the lanes of ``/timeline`` (Chairpersonships with their States,
Summits and Ministerial Councils, field-operation lifetimes, the holders of posts such as
Secretary General); :func:`layout` turns them into SVG geometry (the template only writes it
out); :func:`release_years` counts the releases of a field of work or a structure per year.
Values reach the store only through bindings; nothing here knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from osce_kg.namespaces import OSCE
from osce_kg.pages.atlas import page_path
from osce_kg.queries import CHAIRS_QUERY, MEETINGS_QUERY, OPERATIONS_QUERY, RELEASE_YEARS_QUERY, TENURES_QUERY

DEFAULT_LANG = "en"


MEETING_KINDS = ((OSCE.SummitMeeting, "summit"), (OSCE.MinisterialCouncilMeeting, "council"))


@dataclass
class Span:
    """One thing on the timeline, from ``start`` to ``end`` (lexical ``xsd`` date forms)."""

    iri: str
    label: str
    start: str
    end: str | None = None
    note: str = ""          # the State and Chairperson, the host country, the place
    short: str = ""         # what fits on the bar: an ISO code, a surname, a city
    ongoing: bool = False   # still running today (drawn to today's date)

    @property
    def page(self) -> str | None:
        return page_path(self.iri)

    @property
    def when(self) -> str:
        if self.ongoing:
            return f"{self.start} –"
        return self.start if not self.end or self.end == self.start else f"{self.start} – {self.end}"


@dataclass
class Lane:
    """A row (or, with ``each_row``, one row per span) of the timeline."""

    key: str
    title: str
    spans: list[Span] = field(default_factory=list)
    each_row: bool = False


@dataclass
class Chronology:
    lanes: list[Lane]
    today: date

    def __len__(self) -> int:
        return sum(len(lane.spans) for lane in self.lanes)


def _text(*terms: Identifier | None) -> str | None:
    return next((str(t) for t in terms if t is not None), None)


def _initials(name: str) -> str:
    """A State without an ISO code by the initials of its name's words: "Czech and Slovak
    Federal Republic" → "CSFR"."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())[:4] or name[:2]


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def chronology(store, lang: str = DEFAULT_LANG, *, today: date | None = None) -> Chronology:
    """The lanes of ``/timeline``, each sorted by date."""
    today = today or date.today()
    lang_term = Literal(lang)
    chairs: dict[str, Span] = {}
    for row in store.select(CHAIRS_QUERY, {"lang": lang_term}):
        iri = str(row["c"])
        span = chairs.setdefault(iri, Span(iri, "", str(row["year"])[:4]))
        state = _text(row.get("sl"), row.get("se"))
        if state and not span.label:
            span.label, span.short = state, _text(row.get("iso2")) or _initials(state)
        person = _text(row.get("ol"), row.get("oe"))
        if person and person not in span.note:
            span.note = f"{span.note}, {person}" if span.note else person
    chair_lane = Lane("chairs", "Chairpersonship", sorted(chairs.values(), key=lambda s: s.start))
    for span in chair_lane.spans:
        span.label = span.label or span.start

    meeting_lanes = []
    for cls, key in MEETING_KINDS:
        lane = Lane(key, "Summits" if key == "summit" else "Ministerial Councils")
        seen: set[str] = set()
        for row in store.select(MEETINGS_QUERY, {"kind": cls, "lang": lang_term}):
            iri = str(row["e"])
            if iri in seen:
                continue
            seen.add(iri)
            place = _text(row.get("pl"), row.get("pe")) or ""
            lane.spans.append(Span(iri, _text(row.get("el"), row.get("ee")) or iri,
                                   str(row["start"]), _text(row.get("end")), place, place))
        lane.spans.sort(key=lambda s: s.start)
        meeting_lanes.append(lane)

    operations = Lane("operations", "Field operations", each_row=True)
    seen_ops: set[str] = set()
    for row in store.select(OPERATIONS_QUERY, {"lang": lang_term}):
        iri = str(row["f"])
        if iri in seen_ops:
            continue
        seen_ops.add(iri)
        end = _text(row.get("end"))
        operations.spans.append(Span(
            iri, _text(row.get("fl"), row.get("fe")) or iri, str(row["start"]), end,
            _text(row.get("hl"), row.get("he")) or "", "",
            ongoing=end is None or end[:10] >= today.isoformat()))
    operations.spans.sort(key=lambda s: (s.start, s.label))

    posts: dict[str, Lane] = {}
    for row in store.select(TENURES_QUERY, {"lang": lang_term}):
        post = str(row["post"])
        lane = posts.setdefault(post, Lane("post", _text(row.get("ql"), row.get("qe")) or post))
        if any(s.iri == str(row["t"]) for s in lane.spans):
            continue
        holder = _text(row.get("hl"), row.get("he")) or ""
        end = _text(row.get("end"))
        lane.spans.append(Span(str(row["t"]), holder or str(row["t"]), str(row["start"]), end,
                               holder, _surname(holder), ongoing=end is None))
    for lane in posts.values():
        lane.spans.sort(key=lambda s: s.start)
    post_lanes = sorted(posts.values(), key=lambda lane: lane.title)
    lanes = [chair_lane, *post_lanes, *meeting_lanes, operations]
    return Chronology([lane for lane in lanes if lane.spans], today)


def year_of(lexical: str) -> float:
    """``1995``, ``1995-04`` or ``1995-04-26`` as a fractional year (1995.0, 1995.25, …)."""
    parts = [int(p) for p in lexical[:10].split("-") if p.isdigit()]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return year + (month - 1) / 12 + (day - 1) / 365


# --- geometry (px) of the SVG timeline
GUTTER = 190
YEAR_WIDTH = 19
GAP_YEARS = 5     # a stretch of this many years or more without anything is drawn narrow
GAP_SHARE = 0.2   # … each of its years this share of a year's width
ROW = 22
LANE_GAP = 12
AXIS = 28


@dataclass
class Box:
    """One span drawn: a bar (or a dot when ``dot``) with its text."""

    span: Span
    x: float
    y: float
    width: float
    dot: bool = False
    text: str = ""
    text_x: float = 0.0


@dataclass
class LaneBox:
    lane: Lane
    y: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    row_labels: list[tuple[float, Span]] = field(default_factory=list)


@dataclass
class Layout:
    width: float
    height: float
    lanes: list[LaneBox]
    ticks: list[tuple[float, int]]
    today_x: float
    chronology: Chronology
    gaps: list[tuple[float, float]] = field(default_factory=list)  # narrowed stretches (x, x)


def _narrowed_years(found: Chronology, first: int, last: int) -> set[int]:
    """The years inside stretches of ``GAP_YEARS`` or more where no span runs."""
    busy: set[int] = set()
    for lane in found.lanes:
        for span in lane.spans:
            start = int(year_of(span.start))
            end = found.today.year if span.ongoing else int(year_of(span.end)) if span.end \
                else start
            busy.update(range(start, end + 1))
    narrowed: set[int] = set()
    stretch: list[int] = []
    for year in range(first, last + 2):
        if year <= last and year not in busy:
            stretch.append(year)
            continue
        if len(stretch) >= GAP_YEARS:
            narrowed.update(stretch)
        stretch = []
    return narrowed


def layout(found: Chronology) -> Layout:
    """Where each lane, row, bar and year tick goes."""
    starts = [year_of(s.start) for lane in found.lanes for s in lane.spans]
    ends = [year_of(s.end) for lane in found.lanes for s in lane.spans if s.end]
    first = int(min(starts, default=found.today.year)) - 1
    last = max(int(max(ends + starts, default=found.today.year)), found.today.year) + 1

    narrowed = _narrowed_years(found, first, last)
    offsets = {first: float(GUTTER)}
    for year in range(first, last + 1):
        offsets[year + 1] = offsets[year] + YEAR_WIDTH * (GAP_SHARE if year in narrowed else 1)

    def x(year: float) -> float:
        whole = min(max(int(year), first), last)
        return round(offsets[whole] + (year - whole) * (offsets[whole + 1] - offsets[whole]), 1)

    today_year = year_of(found.today.isoformat())
    y = AXIS
    lanes = []
    for lane in found.lanes:
        rows = len(lane.spans) if lane.each_row else 1
        box = LaneBox(lane, y, rows * ROW)
        for index, span in enumerate(lane.spans):
            top = y + (index * ROW if lane.each_row else 0)
            start = year_of(span.start)
            if lane.key == "chairs":
                end = start + 1
            elif span.ongoing:
                end = today_year
            else:
                end = year_of(span.end) if span.end else start
                if span.end and len(span.end) == 4:
                    end += 1  # a year given as a year ends with it
            dot = lane.key in ("summit", "council")
            width = max(x(end) - x(start), 0)
            bar = Box(span, x(start), top + 3, round(max(width, 4), 1), dot=dot,
                      text=span.short, text_x=round(x(start) + max(width, 4) / 2, 1))
            if lane.each_row:
                box.row_labels.append((top, span))
            box.boxes.append(bar)
        lanes.append(box)
        y += rows * ROW + LANE_GAP
    ticks = [(x(year), year) for year in range(first + 1, last + 1)
             if year % 5 == 0 and year not in narrowed
             or year not in narrowed and year - 1 in narrowed]
    gaps = []
    for year in sorted(narrowed):
        if year - 1 not in narrowed:
            gaps.append([x(year), x(year + 1)])
        else:
            gaps[-1][1] = x(year + 1)
    return Layout(x(last), y, lanes, ticks, x(today_year), found,
                  [(a, b) for a, b in gaps])


@dataclass
class BarChart:
    """Counts per year, with the geometry of an SVG bar chart."""

    bars: list[tuple[int, int]]  # (year, count), every year from the first to the last
    total: int
    width: int = 0
    height: int = 160
    top: int = 0

    def geometry(self) -> list[dict]:
        """x, y, width and height of each bar (plot area 120 px high, 20 px for the years)."""
        plot = self.height - 40
        step = self.width / max(len(self.bars), 1)
        return [{"year": year, "count": n, "x": round(i * step + 2, 1),
                 "width": round(max(step - 4, 2), 1),
                 "height": round(plot * n / self.top, 1) if self.top else 0,
                 "y": round(20 + plot - (plot * n / self.top if self.top else 0), 1),
                 "label_x": round(i * step + step / 2, 1)}
                for i, (year, n) in enumerate(self.bars)]


def release_years(store, iri: URIRef) -> BarChart | None:
    """Releases about a field of work (``osce:fieldOfWork``) or published by a structure
    (``dcterms:publisher``) per year; None when there are none."""
    counts = {int(row["year"]): int(row["n"])
              for row in store.select(RELEASE_YEARS_QUERY, {"x": iri}) if row.get("year")}
    if not counts:
        return None
    years = range(min(counts), max(counts) + 1)
    bars = [(year, counts.get(year, 0)) for year in years]
    return BarChart(bars, sum(counts.values()), width=max(len(bars) * 28, 120),
                    top=max(counts.values()))
