"""The public endpoint's guard: what a user's query is, and whether the engine may see it.

:func:`analyse` runs before anything reaches an engine (embedded or remote). It reads the
query with a small tokenizer that skips strings, IRIs and comments, so a keyword inside a
literal or a comment never counts, and refuses, each with a clear message:

- a query longer than ``settings.max_query_chars`` (``TooLarge``);
- updates in any form (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``,
  ``ADD``, ``MOVE``, ``COPY``, ``WITH``): "this endpoint is read-only" (``QueryRefused``);
- ``SERVICE`` (federation), unless its endpoint is in ``settings.federation_allow``;
- brackets (``{ ( [``) nested deeper than ``settings.max_nesting_depth`` (default 64), and
  more than :data:`MAX_OPERATORS` chained operators (``UNION``, ``||``, ``BIND`` …): the engine
  (Oxigraph) overflows its stack and aborts the whole process on ~2,000 nested groups or
  ~10,000 chained ``UNION`` / ``||``, so it must never see them;
- anything but exactly one SELECT, ASK, CONSTRUCT or DESCRIBE query.

The full grammar is checked by the engine's own parser (pyoxigraph) where the query is
evaluated, in a worker process that can be ended (``osce_kg.store.embedded.evaluator``, whose
``syntax_error`` turns the parser's message into ``BadQuery`` with its ``line:column``
position): parsing on an empty store is not free either, since Oxigraph evaluates
``ORDER BY``, aggregates and ``VALUES`` eagerly even without data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from osce_kg.errors import BadQuery, QueryRefused, TooLarge
from osce_kg.lru import Lru
from osce_kg.namespaces import PREFIXES

if TYPE_CHECKING:
    from osce_kg.settings import Settings

FORMS = ("select", "ask", "construct", "describe")
_FORM_WORDS = frozenset(form.upper() for form in FORMS)
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD",
                             "MOVE", "COPY", "WITH"})
# Operators that build one more level of the engine's expression or pattern tree when chained
# without brackets. Normal queries use a few dozen; Oxigraph crashes somewhere past 2,000.
MAX_OPERATORS = 1_000
CHAIN_KEYWORDS = frozenset({"UNION", "MINUS", "OPTIONAL", "BIND", "FILTER"})
CHAIN_SYMBOLS = frozenset({"||", "&&", "+", "-", "*", "/", "|", "!", "=", "!=", "<", ">", "<=",
                           ">=", "^"})
OPENING, CLOSING = "{([", "})]"

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
             |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
             |'(?:[^'\\\n\r]|\\.)*'?
             |"(?:[^"\\\n\r]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>(?:[^\W\d]|_)[\w.\-\u00B7]*:(?:[\w.\-:%\u00B7]|\\.)*  # prefixed name, pfx:
             |:(?:[\w.\-:%\u00B7]|\\.)*                          # :local, the empty prefix
             |[^\W\d][\w\-]*)                                     # keyword, function, 'a'
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<symbol>\|\||&&|!=|<=|>=|\^\^|.)
""", re.VERBOSE | re.DOTALL)
_SKIPPED = frozenset({"space", "comment"})
# The verdicts on accepted texts up to VERDICT_TEXT_CHARS long that a process keeps (at most
# VERDICTS_KEPT × VERDICT_TEXT_CHARS characters): a lookup repeats its text, and reading it
# costs about a sixth of the server process's time for a lookup (docs/performance.md).
VERDICTS_KEPT = 1024
VERDICT_TEXT_CHARS = 4096
QUERIES_DIR = Path(__file__).resolve().parent / "examples"


class Token(NamedTuple):
    """A token (a tuple: the guard makes one per token of every query it reads)."""

    kind: str  # "name" | "iri" | "var" | "string" | "symbol" | "number" | "lang"
    text: str
    start: int
    word: str | None = None  # a bare name (keyword, function, 'a') upper-cased, else None


@dataclass(frozen=True)
class QueryInfo:
    """What the guard learned about an accepted query."""

    text: str
    form: str  # one of FORMS
    prefixes: dict[str, str]
    base: str | None
    services: tuple[str, ...]  # SERVICE endpoints it names (all in the allow-list)
    depth: int  # deepest bracket nesting


def analyse(text: str, settings: Settings) -> QueryInfo:
    """The query's form and facts, or the ``errors.py`` exception that refuses it."""
    if len(text) > settings.max_query_chars:
        raise TooLarge(f"the query has {len(text):,} characters; this endpoint accepts "
                              f"at most {settings.max_query_chars:,}")
    if "\x00" in text:
        raise BadQuery("the query contains a NUL character", position=_position(text, text.index("\x00")))
    if not text.strip():
        raise BadQuery("the query is empty")
    tokens = tokenize(text)
    depth = _check_nesting(text, tokens, settings.max_nesting_depth)
    _refuse_updates(text, tokens)
    prefixes, base, start = _prologue(text, tokens)
    services = _check_services(text, tokens, {**PREFIXES, **prefixes}, settings.federation_allow)
    _check_operators(tokens)
    form = _form(text, tokens, start)
    return QueryInfo(text=text, form=form, prefixes=prefixes, base=base, services=services,
                     depth=depth)


class Guard:
    """:func:`analyse` under one set of settings, with its verdicts on accepted query texts
    remembered (the verdict is a function of the text and the settings alone, so it never goes
    stale; refusals raise every time and are not kept). It keeps what the guard learned about
    a query, never an answer: not a cache layer of answers (docs/performance.md)."""

    def __init__(self, settings: Settings, *, kept: int = VERDICTS_KEPT,
                 max_chars: int = VERDICT_TEXT_CHARS) -> None:
        self.settings = settings
        self.max_chars = max_chars
        self._verdicts: Lru[QueryInfo] = Lru(max_items=kept)

    def __call__(self, text: str) -> QueryInfo:
        if len(text) > self.max_chars:
            return analyse(text, self.settings)
        info = self._verdicts.get(text)
        if info is None:
            info = analyse(text, self.settings)
            self._verdicts.put(text, info)
        return info


@dataclass(frozen=True)
class ExampleQuery:
    """A competency question and its query (``query/examples/*.rq``; the first line is the question)."""

    name: str
    question: str
    text: str  # without the project's PREFIX lines, which the endpoint predeclares


def example_queries() -> list[ExampleQuery]:
    """The competency questions, in file order (shown in the editor, asked by the tests)."""
    examples = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        examples.append(ExampleQuery(path.stem, first.lstrip("# ").strip(), rest.strip() + "\n"))
    return examples


_new_token = tuple.__new__  # NamedTuple's own __new__ is a Python call per token


def tokenize(text: str) -> list[Token]:
    """The query's tokens, without spaces and comments (strings and IRIs are single tokens)."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in _SKIPPED:
            continue
        value = match.group()
        word = None
        if kind == "name":
            if ":" in value:
                value = value.rstrip(".")  # `?s a schema:Event.` ends the triple, not the name
            else:
                word = value.upper()
        append(_new_token(Token, (kind, value, match.start(), word)))
    return tokens


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def _check_nesting(text: str, tokens: list[Token], limit: int) -> int:
    depth = deepest = 0
    for token in tokens:
        if token.kind != "symbol":
            continue
        if token.text in OPENING:
            depth += 1
            if depth > limit:
                raise BadQuery(f"the query nests brackets more than {limit} levels deep; "
                               "this endpoint refuses deeper queries",
                               position=_position(text, token.start))
            deepest = max(deepest, depth)
        elif token.text in CLOSING:
            depth = max(0, depth - 1)
    return deepest


def _refuse_updates(text: str, tokens: list[Token]) -> None:
    for token in tokens:
        word = token.word
        if word in UPDATE_KEYWORDS:
            raise QueryRefused(f"this endpoint is read-only: {word} is a SPARQL Update "
                               "operation; only SELECT, ASK, CONSTRUCT and DESCRIBE queries "
                               "are answered", position=_position(text, token.start))


def _prologue(text: str, tokens: list[Token]) -> tuple[dict[str, str], str | None, int]:
    """The PREFIX and BASE declarations, and the index of the first token after them."""
    prefixes: dict[str, str] = {}
    base: str | None = None
    i = 0
    while i < len(tokens):
        word = tokens[i].word
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = tokens[i + 1].text[1:-1]
            i += 2
        elif (word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].text.endswith(":")
              and tokens[i + 2].kind == "iri"):
            prefixes[tokens[i + 1].text[:-1]] = tokens[i + 2].text[1:-1]
            i += 3
        elif word in ("BASE", "PREFIX"):
            raise BadQuery(f"malformed {word} declaration", position=_position(text, tokens[i].start))
        else:
            break
    return prefixes, base, i


def _check_services(text: str, tokens: list[Token], prefixes: dict[str, str],
                    allowed: tuple[str, ...]) -> tuple[str, ...]:
    services = []
    for i, token in enumerate(tokens):
        if token.word != "SERVICE":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].word == "SILENT":
            j += 1
        target = tokens[j] if j < len(tokens) else None
        endpoint = _iri_of(target, prefixes) if target is not None else None
        if endpoint is None or endpoint not in allowed:
            named = f" <{endpoint}>" if endpoint else ""
            raise QueryRefused(f"SERVICE{named} is not allowed: this endpoint does not make "
                               "requests to other servers (federated queries are off"
                               + (")" if not allowed else "; allowed: " + ", ".join(allowed) + ")"),
                               position=_position(text, token.start))
        services.append(endpoint)
    return tuple(services)


def _iri_of(token: Token, prefixes: dict[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "name" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def _check_operators(tokens: list[Token]) -> None:
    count = sum(1 for t in tokens
                if (t.kind == "symbol" and t.text in CHAIN_SYMBOLS)
                or t.word in CHAIN_KEYWORDS)
    if count > MAX_OPERATORS:
        raise BadQuery(f"the query chains {count:,} operators (UNION, FILTER, ||, + …); this "
                       f"endpoint accepts at most {MAX_OPERATORS:,}")


def _form(text: str, tokens: list[Token], start: int) -> str:
    if start >= len(tokens) or tokens[start].word not in _FORM_WORDS:
        where = tokens[start].start if start < len(tokens) else len(text)
        raise BadQuery("expected SELECT, ASK, CONSTRUCT or DESCRIBE after the PREFIX and BASE "
                       "declarations", position=_position(text, where))
    depth = 0
    seen = 0
    for token in tokens[start:]:
        if token.kind == "symbol":
            if token.text in OPENING:
                depth += 1
            elif token.text in CLOSING:
                depth = max(0, depth - 1)
        elif depth == 0 and token.word in _FORM_WORDS:
            seen += 1
            if seen > 1:
                raise BadQuery("exactly one query per request, please: a second "
                               f"{token.text.upper()} follows the first",
                               position=_position(text, token.start))
    return tokens[start].text.lower()
