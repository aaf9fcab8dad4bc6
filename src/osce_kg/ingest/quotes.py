"""Quotations in a release body and who said them.

Attribution after the quote (``"…," said X, ROLE.`` / ``"…," X said.``), before it (``ROLE X,
who …, added: "…"``), by a pronoun or a surname referring to a speaker named earlier, and
continued: a paragraph that is only a quotation goes on with the last speaker; a second quote in
a paragraph shares its attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osce_kg.ingest.speakers import PARTICLES, SpeakerPhrase, parse_speaker

VERBS = (r"said|says|added|adds|stated|states|noted|notes|stressed|stresses|emphasi[sz]ed"
         r"|emphasi[sz]es|underlined|underlines|explained|explains|pointed out|points out|remarked"
         r"|declared|declares|commented|comments|concluded|concludes|urged|urges|warned|warns"
         r"|highlighted|highlights|observed|affirmed|announced|announces|told|tells|insisted"
         r"|recalled|continued|argued|asserted|acknowledged|reiterated|welcomed|expressed")
QUOTE_RE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]")
OPEN_RE = re.compile(r"[“\"«„]([^”\"»]+)$")
AFTER_VERB_FIRST = re.compile(rf"^[\s,]*(?:{VERBS})\s+(?P<sp>.+)$", re.IGNORECASE)
AFTER_SPEAKER_FIRST = re.compile(rf"^[\s,]*(?P<sp>[^,]{{1,80}}?(?:,[^,]{{1,160}},)?)\s+(?:also\s+|then\s+)?"
                                 rf"(?:{VERBS})\b", re.IGNORECASE)
AFTER_ACCORDING = re.compile(r"^[\s,]*according to\s+(?P<sp>.+)$", re.IGNORECASE)
BEFORE_RE = re.compile(rf"(?P<sp>[^!?]{{2,300}}?)\s+(?:also\s+|further\s+|then\s+|today\s+)?(?:{VERBS})"
                       rf"\b[^.!?\"“]*[:,]?\s*$", re.IGNORECASE)
STOP_RE = re.compile(r"\s+(?:at|during|when|while|after|before|addressing|in (?:his|her|their|a|an"
                     r"|the) \w+ (?:speech|remarks|address|statement))\b|,\s+(?:adding|noting|and)\b"
                     r"|\s+(?:that)\b")
# the punctuation first, then what may not stand before it (tried at each stop, not each character)
SENTENCE_END_RE = re.compile(r"[.!?](?<!\bMr[.!?])(?<!\bMs[.!?])(?<!\bMrs[.!?])(?<!\bDr[.!?])"
                             r"(?<!\bSt[.!?])(?<!\bProf[.!?])(?<!\b[A-Z][.!?])(?=\s|$)")
MIN_QUOTE_WORDS = 4
MAX_LEADING_CLAUSES = 3  # comma-separated clauses skipped before a speaker's name


@dataclass
class Speaker:
    name: str
    roles: list[str] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: int  # index into the speakers list
    role: str | None  # the role as stated where this quotation is attributed
    clause: str | None
    paragraph: int


@dataclass
class _State:
    speakers: list[Speaker] = field(default_factory=list)
    last: int | None = None
    context: str = ""


def extract_quotes(paragraphs: list[str]) -> tuple[list[Quote], list[Speaker]]:
    """Quotations of the body (paragraphs in order) and the speakers they name."""
    state = _State()
    quotes: list[Quote] = []
    for number, paragraph in enumerate(paragraphs):
        segments = _segments(paragraph)
        state.context = " ".join(paragraphs[:number + 1])
        if not segments:
            for sentence in _sentences(paragraph):
                _subject(state, sentence)
            continue
        attributions: list[tuple[int, str | None, str | None] | None] = []
        for i, (start, end, _) in enumerate(segments):
            after = paragraph[end:segments[i + 1][0] if i + 1 < len(segments) else len(paragraph)]
            before = paragraph[segments[i - 1][1] if i else 0:start]
            attributions.append(_attribute(state, after, before))
        outside = _outside(paragraph, segments)
        for i, (_, _, text) in enumerate(segments):
            found = attributions[i]
            if found is None:
                others = [a for a in attributions if a is not None]
                if others:
                    found = others[0]
                elif state.last is not None and (len(outside) < 3 or not _has_verb(outside)):
                    found = (state.last, None, None)
            if found is None or len(text.split()) < MIN_QUOTE_WORDS:
                continue
            speaker, role, clause = found
            quotes.append(Quote(text, speaker, role or _last_role(state, speaker), clause, number))
            state.last = speaker
    return quotes, state.speakers


def _has_verb(text: str) -> bool:
    return bool(re.search(rf"\b(?:{VERBS})\b", text, re.IGNORECASE))


def _last_role(state: _State, speaker: int) -> str | None:
    roles = state.speakers[speaker].roles
    return roles[0] if roles else None


def _segments(paragraph: str) -> list[tuple[int, int, str]]:
    out = []
    for match in QUOTE_RE.finditer(paragraph):
        text = next(g for g in match.groups() if g is not None).strip()
        out.append((match.start(), match.end(), text.rstrip(",").strip()))
    tail_from = out[-1][1] if out else 0
    opened = OPEN_RE.search(paragraph[tail_from:])
    if opened:
        start = tail_from + opened.start()
        out.append((start, len(paragraph), opened.group(1).strip()))
    return [s for s in out if s[2]]


def _outside(paragraph: str, segments: list[tuple[int, int, str]]) -> str:
    pieces, at = [], 0
    for start, end, _ in segments:
        pieces.append(paragraph[at:start])
        at = end
    pieces.append(paragraph[at:])
    return " ".join(p.strip(" ,.") for p in pieces if p.strip(" ,."))


def _sentences(text: str) -> list[str]:
    out, at = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        out.append(text[at:match.end()].strip())
        at = match.end()
    if text[at:].strip():
        out.append(text[at:].strip())
    return out


def _first_sentence(text: str) -> str:
    sentences = _sentences(text)
    return sentences[0] if sentences else ""


def _cut(phrase: str) -> str:
    match = STOP_RE.search(phrase)
    return phrase[:match.start()] if match else phrase


def _attribute(state: _State, after: str, before: str):
    tail = before.strip()
    sentences = _sentences(tail)
    complete = tail.endswith((".", "!", "?"))
    speaking = None  # "X said that … . “…”": the quotation goes on with what X said
    for sentence in sentences if complete else sentences[:-1]:
        found = _subject(state, sentence)  # "Mr. van Houten also met the minister. “…,” he said."
        speaking = found if found is not None and _has_verb(sentence) else None
    sentence = _first_sentence(after.lstrip(" ,")) if after.strip(" ,.") else ""
    for pattern in (AFTER_VERB_FIRST, AFTER_ACCORDING):
        match = pattern.match(sentence)
        if match:
            found = _resolve(state, parse_speaker(_cut(match.group("sp")).rstrip(". ")))
            if found is not None:
                return found
    match = AFTER_SPEAKER_FIRST.match(sentence)
    if match:
        found = _resolve(state, parse_speaker(match.group("sp")))
        if found is not None:
            return found
    if tail and not complete:
        last = sentences[-1] if sentences else ""
        match = BEFORE_RE.match(last)
        if match:
            return _resolve_tail(state, match.group("sp"))
    if speaking is not None and complete and not sentence:
        return speaking, None, None
    return None


def _resolve_tail(state: _State, phrase: str):
    """The speaker of a phrase, or of its end after a leading clause: "In welcoming this
    decision, the OSCE Chairperson-in-Office, Irish Deputy Prime Minister X said:" → X."""
    found = _resolve(state, parse_speaker(phrase))
    parts = phrase.split(",")
    for cut in range(1, min(len(parts), MAX_LEADING_CLAUSES + 1)):
        if found is not None:
            break
        found = _resolve(state, parse_speaker(",".join(parts[cut:])))
    return found


SUBJECT_RE = re.compile(rf"^(?P<sp>[^,]{{2,80}}?(?:,[^,]{{1,160}},|,[^,]{{1,60}}?)?)\s+"
                        rf"(?:also\s+|today\s+|then\s+|further\s+|yesterday\s+)?(?:{VERBS}|opened|welcomed|addressed|met"
                        rf"|visited|called|condemned|presented|concluded)\b", re.IGNORECASE)


def _subject(state: _State, sentence: str) -> int | None:
    """A sentence whose subject is a person ("X, ROLE, today welcomed …") makes X the last one;
    returns X's index (None when the subject is no person)."""
    match = SUBJECT_RE.match(sentence)
    if not match:
        return None
    parts = match.group("sp").split(",")
    phrase = None
    for cut in range(min(len(parts), MAX_LEADING_CLAUSES + 1)):  # "While …, Zannier said"
        phrase = parse_speaker(",".join(parts[cut:]))
        if phrase is not None and phrase.name:
            break
    if phrase is not None and phrase.name and not phrase.surname_only:
        found = _resolve(state, phrase)
        return found[0] if found is not None else None
    if phrase is not None and phrase.name and _known(state, phrase.name) is not None:
        state.last = _known(state, phrase.name)  # "Mr. van Houten also met …"
        return state.last
    return None


def _ends_with(known: str, key: str) -> bool:
    """"pieter van houten" ends with the surname "van houten" (whole words)."""
    known_words, words = known.split(), key.split()
    return len(words) < len(known_words) and known_words[-len(words):] == words


def _known(state: _State, name: str) -> int | None:
    key = _key(name)
    return next((i for i, sp in enumerate(state.speakers)
                 if _key(sp.name) == key or _ends_with(_key(sp.name), key)), None)


def _introduced(state: _State, surname: str) -> SpeakerPhrase | None:
    """The full name (and role) a surname ("Biaudet", "Van Houten") refers to, from the text
    read so far ("Pieter van Houten" earlier in the release)."""
    name_word = r"[A-ZÀ-Þ](?:[\w’'-]+|\.)"
    particle = "|".join(sorted(PARTICLES))
    written = r"\s+".join(f"[{re.escape(w[0].upper())}{re.escape(w[0].lower())}]{re.escape(w[1:])}"
                          for w in surname.split())
    match = re.search(rf"((?:{name_word}\s+)(?:(?:{name_word}|(?:{particle}))\s+){{0,2}}{written})"
                      rf"(?:,\s*([^,.]{{3,160}}),)?", state.context)
    if not match:
        return None
    phrase = parse_speaker(match.group(1) + (", " + match.group(2) if match.group(2) else ""))
    if phrase is None or not phrase.name or phrase.surname_only:
        return None
    return phrase


def _resolve(state: _State, phrase: SpeakerPhrase | None):
    """The speaker index a phrase refers to (new, by surname, pronoun or role), with role/clause."""
    if phrase is None:
        return None
    if phrase.pronoun:
        if state.last is None:
            return None
        return state.last, None, phrase.clause
    if phrase.name is None:
        wanted = (phrase.role or "").lower().split()
        for index in reversed(range(len(state.speakers))):
            roles = " ".join(state.speakers[index].roles).lower()
            if wanted and wanted[-1] in roles:
                state.last = index
                return index, None, phrase.clause
        return None
    key = _key(phrase.name)
    for index, speaker in enumerate(state.speakers):
        known = _key(speaker.name)
        if known == key or (phrase.surname_only and _ends_with(known, key)):
            _note(speaker, phrase)
            state.last = index
            return index, phrase.role, phrase.clause
    if phrase.surname_only and phrase.role is None:
        introduced = _introduced(state, phrase.name)
        if introduced is None:
            return None
        found = _resolve(state, introduced)
        return found[0], None, phrase.clause

    state.speakers.append(Speaker(phrase.name))
    _note(state.speakers[-1], phrase)
    state.last = len(state.speakers) - 1
    return state.last, phrase.role, phrase.clause


def _note(speaker: Speaker, phrase: SpeakerPhrase) -> None:
    if phrase.role and phrase.role not in speaker.roles:
        speaker.roles.append(phrase.role)
    if phrase.clause and phrase.clause not in speaker.clauses:
        speaker.clauses.append(phrase.clause)


def _key(name: str) -> str:
    from osce_kg.ingest.names import normalize

    return normalize(name).replace("-", " ")
