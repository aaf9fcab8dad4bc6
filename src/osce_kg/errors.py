"""Domain exceptions. They say what went wrong, never how to answer it: ``web/errors.py`` maps
them to HTTP statuses and ``cli.py`` to exit codes, each with one table.
"""

from __future__ import annotations


class OsceKgError(Exception):
    """Base class of every error the project raises on purpose."""


# --- what a user gave


class InputError(OsceKgError):
    """Malformed input from a user: a parameter, an option, a path, a request body."""


class BadQuery(InputError):
    """A SPARQL query that cannot be parsed, is not allowed (too deep) or cannot be evaluated."""

    def __init__(self, message: str, *, position: str | None = None) -> None:
        super().__init__(message)
        self.position = position


class QueryRefused(BadQuery):
    """A well-formed request that the read-only public endpoint refuses (updates, SERVICE)."""


class TooLarge(InputError):
    """A query or request body longer than the configured limit."""


class UrlTooLong(InputError):
    """A URL longer than the server reads (a long query goes in a POST body)."""


class UnknownName(OsceKgError):
    """A name the graph or the build does not hold: a dump, a format suffix, a route."""


class UnknownEntity(UnknownName):
    """An entity or a class that is not in the graph."""


class NotOffered(OsceKgError):
    """No representation matches the client's Accept header or format parameter."""

    def __init__(self, message: str, *, offers: list[str] | None = None) -> None:
        super().__init__(message)
        self.offers = offers or []


# --- answering queries


class QueryTimeout(OsceKgError):
    """A query stopped at the configured time limit."""

    def __init__(self, message: str, *, limit_s: float) -> None:
        super().__init__(message)
        self.limit_s = limit_s


class StoreUnavailable(OsceKgError):
    """The store (embedded or remote) cannot answer: not built, engine down."""


# --- building, validating, loading, ingesting


class SourceError(OsceKgError):
    """A file the project reads (RDF source, reference table, site profile) that is missing,
    unreadable or invalid; the message names the file. Not an :class:`InputError`: on the
    server it is the server's own file (the ontology page's), not the client's fault."""


class UnsupportedShape(OsceKgError):
    """SHACL shapes using a feature the SPARQL validator does not compile; names the feature."""


class InvalidIris(OsceKgError):
    """The data holds IRIs that other tools (Jena's RIOT) refuse; the message names the triples."""

    def __init__(self, message: str, *, iris: list[str] | None = None) -> None:
        super().__init__(message)
        self.iris = iris or []


class ValidationFailed(OsceKgError):
    """Data that does not conform to the SHACL shapes; carries the report."""

    def __init__(self, message: str, *, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class IngestError(OsceKgError):
    """A page that cannot be ingested (empty, binary, truncated, not an OSCE page, …)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source
        self.reason = message


class LoadFailed(OsceKgError):
    """``osce-kg load`` could not put a build into the engine (rejected batch, wrong count)."""


class HarvestError(OsceKgError):
    """``osce-kg harvest`` cannot walk the site at all (robots.txt unreadable, archive unusable)."""


class MissingTool(OsceKgError):
    """An outside program a command needs (npm) is missing, failed, or left out a file."""
