"""Who a phrase names: "Lithuanian Interior Minister Raimondas Sukys" → name and role as stated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_kg.ingest.tables import demonyms

ROLE_WORDS = {
    "ambassador", "minister", "deputy", "secretary", "general", "special", "representative",
    "representatives", "co-ordinator", "coordinator", "head", "director", "chairperson",
    "chairman", "chairwoman", "chair", "co-chair", "president", "vice", "vice-president",
    "commissioner", "high", "prime", "chief", "mission", "office", "officer", "adviser", "advisor",
    "spokesperson", "spokesman", "spokeswoman", "foreign", "interior", "justice", "affairs",
    "defence", "defense", "permanent", "osce", "csce", "un", "eu", "mr", "mrs", "ms", "dr", "prof",
    "professor", "judge", "senator", "mayor", "governor", "king", "queen", "prince", "parliament",
    "parliamentary", "speaker", "state", "assistant", "acting", "executive", "senior", "programme",
    "project", "member", "delegation", "personal", "envoy", "rapporteur", "colonel", "major",
    "lieutenant", "captain", "police", "commander", "attorney", "ombudsman", "ombudsperson",
    "leader", "editor", "the", "of", "for", "and", "in", "to", "on", "a", "an", "national",
    "economic", "environmental", "activities", "human", "rights", "media", "freedom", "elections",
    "election", "observation", "council", "ministerial", "assembly", "secretariat", "centre",
    "center", "unit", "department", "institution", "government", "republic", "federal", "military",
    "sir", "dame", "his", "her", "excellency", "h.e.", "monsignor", "archbishop", "bishop",
    "chairmanship", "chairpersonship", "presidency", "troika", "in-office", "chairperson-in-office",
    "secretary-general", "expert", "researcher", "consultant",
    "trainer", "lawyer", "activist", "journalist", "manager", "official", "officials", "staff",
}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "h.e.",
              "sir", "dame"}
PARTICLES = {"de", "van", "von", "der", "den", "af", "al", "bin", "da", "di", "du", "la", "le",
             "ter", "ten", "del", "dos", "das", "y", "el", "zu"}
PRONOUNS = {"he", "she", "they", "him", "her"}
TOKEN_RE = re.compile(r"[^\s,;]+")
MAX_NAME_TOKENS = 5


@dataclass(frozen=True)
class SpeakerPhrase:
    name: str | None  # a full name, or a lone surname
    role: str | None  # the role as stated
    clause: str | None = None  # ", who represented the OSCE Chairmanship," and the like
    pronoun: bool = False
    surname_only: bool = False


def _bare(token: str) -> str:
    return token.strip(".,;:()\"“”'’").lower()


def is_role_word(token: str) -> bool:
    bare = token.strip(".,;:()\"“”'’")
    # "Secretary-General", "Chairman-in-Office", "Chairwoman-in-Office": hyphenated titles
    return bare.lower() in ROLE_WORDS or bare in demonyms() or \
        bare.lower().endswith(("-general", "-in-office"))


def _is_name_token(token: str) -> bool:
    bare = token.strip(".,;:()\"“”")
    if not bare or is_role_word(bare) or bare.lower() in HONORIFICS:
        return False
    if bare.lower() in PARTICLES:
        return True
    return bare[0].isupper() and any(ch.isalpha() for ch in bare) and not bare.isupper()


def split_name(tokens: list[str]) -> tuple[str | None, list[str]]:
    """The last run of name tokens (≥ 2, or 1 for a lone surname) and the tokens before it."""
    end = len(tokens)
    while end > 0 and not _is_name_token(tokens[end - 1]):
        end -= 1
    start = end
    while start > 0 and _is_name_token(tokens[start - 1]) and end - start < MAX_NAME_TOKENS:
        start -= 1
    while start < end and _bare(tokens[start]) in PARTICLES and not tokens[start][:1].isupper():
        start += 1  # "the OSCE's de facto …" drops "de"; "Van Houten" keeps its "Van"
    if start == end or end != len(tokens):
        return None, tokens
    name = " ".join(t.strip(".,;:()\"“”") for t in tokens[start:end])
    return name, tokens[:start]


def _role_text(tokens: list[str]) -> str | None:
    words = [t for t in tokens if _bare(t) not in HONORIFICS]
    while words and _bare(words[0]) in {"the", "a", "an", "and", "by"}:
        words.pop(0)
    text = " ".join(words).strip(" ,;:")
    return text or None


def is_surname(name: str) -> bool:
    """A name without its first name: one word ("Biaudet") or a particle and more ("Van
    Houten", "de Brichambaut")."""
    words = name.split()
    return len(words) == 1 or (len(words) <= 3 and words[0].lower() in PARTICLES)


def parse_speaker(phrase: str) -> SpeakerPhrase | None:
    """Read a speaker phrase: "Eva Biaudet, Special Representative …", "she", "Biaudet"."""
    phrase = phrase.strip(" ,;:.")
    clause = None
    match = re.search(r",\s*(who|which|whose|speaking|representing|on behalf)\b(.*?)(?:,|$)", phrase)
    if match:
        clause = (match.group(1) + match.group(2)).strip()
        phrase = (phrase[:match.start()] + phrase[match.end():]).strip(" ,")
    if not phrase:
        return None
    if phrase.lower() in PRONOUNS:
        return SpeakerPhrase(None, None, clause, pronoun=True)
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    first = TOKEN_RE.findall(parts[0])
    if not first or len(first) > 14:
        return None
    name, before = split_name(first)
    if len(parts) >= 2 and (name is None or len(name.split()) == 1):
        # "The OSCE High Commissioner on National Minorities, Pieter van Houten, …": the role
        # first, then the full name
        second = TOKEN_RE.findall(parts[1])
        name2, before2 = split_name(second)
        if name2 and len(name2.split()) >= 2 and not before2:
            rest = ", ".join(parts[2:]) or None
            return SpeakerPhrase(name2, _role_text(first), clause or (
                rest if rest and not rest[0].isupper() else None))
    if name and (len(name.split()) >= 2 or not before or before[-1][0].isupper()):
        role = _role_text(before)
        rest = ", ".join(parts[1:]) or None
        if rest and re.match(r"^the\s+[A-Z]", rest):
            rest = rest[4:]
        if rest and rest[0].isupper():
            role = rest
        if clause is None and rest and not rest[0].isupper():
            clause = rest
        return SpeakerPhrase(name, role, clause, surname_only=is_surname(name))
    if len(parts) >= 2:  # "the OSCE Secretary General, Marc Perrin de Brichambaut"
        second = TOKEN_RE.findall(parts[1])
        name2, before2 = split_name(second)
        if name2 and len(name2.split()) >= 2:
            roles = [r for r in (_role_text(first), _role_text(before2)) if r]
            return SpeakerPhrase(name2, ", ".join(roles) or None, clause)
    if all(is_role_word(t) for t in first):  # "the Ambassador"
        return SpeakerPhrase(None, _role_text(first), clause)
    return None
