"""IRIs that Apache Jena's RIOT refuses (``riot --validate`` reports "Bad IRI"), found before
anything is written.

rdflib, pyoxigraph and pySHACL accept IRIs that other tools reject, such as
``http://anna.lundbladh@osce.org/…`` (a user name in an http IRI). :func:`iri_problem` applies
the rules of RFC 3986/3987 and of the http(s) scheme as Jena's IRI checker does; the build runs
:func:`check_ntriples` over the sorted dump and names every offending triple. The tests hold this
list against ``riot --validate --strict`` itself (tests/clients/test_jena.py).
"""

from __future__ import annotations

import re
import unicodedata

from osce_kg.errors import InvalidIris

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ASCII_ALLOWED = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
DEFAULT_PORTS = {"http": "80", "https": "443"}
# a term of an N-Triples line: a literal (skipped) or an IRI (group 1)
_NT_TERM = re.compile(rb'"(?:[^"\\\n]|\\.)*"|<([^>\n]*)>')
MAX_REPORTED = 20


def iri_problem(iri: str) -> str | None:
    """Why RIOT would refuse ``iri`` (a short reason), or ``None`` when it is fine."""
    scheme_match = _SCHEME.match(iri)
    if scheme_match is None:
        return "not an absolute IRI (no scheme)"
    scheme = scheme_match.group(1)
    if scheme != scheme.lower():
        return "the scheme should be lower case"
    for char in iri:
        if char.isascii():
            if char not in _ASCII_ALLOWED:
                return f"the character {char!r} is not allowed in an IRI"
        elif unicodedata.category(char) in ("Cc", "Cs", "Zs", "Zl", "Zp"):
            return f"the character U+{ord(char):04X} is not allowed in an IRI"
    if _PERCENT.search(iri):
        return "a % not followed by two hexadecimal digits"
    rest = iri[scheme_match.end():]
    before_fragment, _, fragment = rest.partition("#")
    if "#" in fragment:
        return "a second # (only one fragment)"
    hier, _, _query = before_fragment.partition("?")
    if hier.startswith("//"):
        authority, slash, path = hier[2:].partition("/")
        problem = _authority_problem(scheme.lower(), authority)
        if problem:
            return problem
        path = slash + path
    elif scheme.lower() in DEFAULT_PORTS:
        return f"an {scheme} IRI needs a host (//host)"
    else:
        path = hier
    if "[" in path or "]" in path or "[" in _query or "]" in _query or "[" in fragment \
            or "]" in fragment:
        return "[ or ] outside an IP literal host"
    return None


def _authority_problem(scheme: str, authority: str) -> str | None:
    if "@" in authority:
        if scheme in DEFAULT_PORTS:
            return f"a user name in an {scheme} IRI (before @ in the host part)"
        authority = authority.rsplit("@", 1)[1]
    if authority.startswith("["):
        host, _, port_part = authority[1:].partition("]")
        port_sep, port = port_part[:1], port_part[1:]
        if port_part and port_sep != ":":
            return "a malformed IP literal host"
    else:
        host, port_sep, port = authority.partition(":")
        if "[" in host or "]" in host:
            return "[ or ] outside an IP literal host"
    if scheme in DEFAULT_PORTS and not host:
        return f"an {scheme} IRI needs a host"
    if port_sep:
        if not port:
            return "an empty port (a : with no number after it)"
        if not port.isdigit():
            return "the port is not a number"
        if port.startswith("0"):
            return "the port should not start with 0"
        if DEFAULT_PORTS.get(scheme) == port:
            return f"the default port {port} should be left out"
    return None


def bad_iris(ntriples: bytes) -> dict[str, str]:
    """``{iri: reason}`` for each distinct IRI of an N-Triples document that RIOT refuses."""
    seen: set[bytes] = set()
    bad: dict[str, str] = {}
    for match in _NT_TERM.finditer(ntriples):
        raw = match.group(1)
        if raw is None or raw in seen:
            continue
        seen.add(raw)
        iri = raw.decode("utf-8", "replace")
        iri = _unescape(iri) if "\\" in iri else iri
        problem = iri_problem(iri)
        if problem:
            bad[iri] = problem
    return bad


def check_ntriples(ntriples: bytes) -> None:
    """Raise :class:`InvalidIris` naming a triple of each IRI RIOT would refuse."""
    bad = bad_iris(ntriples)
    if not bad:
        return
    lines = []
    for iri, reason in list(bad.items())[:MAX_REPORTED]:
        lines.append(f"<{iri}>: {reason}\n    in {_triple_with(ntriples, iri)}")
    more = f"\n(and {len(bad) - MAX_REPORTED} more)" if len(bad) > MAX_REPORTED else ""
    raise InvalidIris(f"{len(bad)} IRI(s) that Jena's RIOT refuses:\n" + "\n".join(lines) + more,
                      iris=sorted(bad))


def _triple_with(ntriples: bytes, iri: str) -> str:
    at = ntriples.find(b"<" + iri.encode("utf-8") + b">")
    if at < 0:
        return "(a triple of the dump)"
    start = ntriples.rfind(b"\n", 0, at) + 1
    end = ntriples.find(b"\n", at)
    return ntriples[start:end if end >= 0 else len(ntriples)].decode("utf-8", "replace")


def _unescape(text: str) -> str:
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
