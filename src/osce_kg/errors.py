"""Domain exceptions. They know nothing of HTTP; ``web/errors.py`` maps them to responses."""

from __future__ import annotations


class OsceKgError(Exception):
    """Base class of every error the project raises on purpose."""


class NotFound(OsceKgError):
    """An entity, class, file or route that does not exist."""


class BadRequest(OsceKgError):
    """Malformed input from a user (a parameter, a path, a body)."""


class BadQuery(BadRequest):
    """A SPARQL query that cannot be parsed or is not allowed (update, SERVICE, too deep)."""

    def __init__(self, message: str, *, position: str | None = None) -> None:
        super().__init__(message)
        self.position = position


class QueryRefused(BadQuery):
    """A well-formed request that the read-only public endpoint refuses (updates, SERVICE)."""


class QueryTimeout(OsceKgError):
    """A query stopped at the configured time limit."""

    def __init__(self, message: str, *, limit_s: float) -> None:
        super().__init__(message)
        self.limit_s = limit_s


class PayloadTooLarge(BadRequest):
    """A request body or query longer than the configured limit."""


class UrlTooLong(BadRequest):
    """A request target longer than the server reads (a long query goes in a POST body)."""


class NotAcceptable(OsceKgError):
    """No representation matches the client's Accept header or format parameter."""

    def __init__(self, message: str, *, offers: list[str] | None = None) -> None:
        super().__init__(message)
        self.offers = offers or []


class StoreUnavailable(OsceKgError):
    """The store (embedded or remote) cannot answer: not built, engine down."""


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
