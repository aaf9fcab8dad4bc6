"""The interface in six languages: which one a request gets, its catalog, links that keep it.

The language is ``?lang=`` when it names one of :data:`LANGUAGES` (``ru-RU`` → ``ru``), else the
best of Accept-Language by primary subtag, else English. A page asked for with ``?lang=`` links
to this site's pages with the same ``?lang=`` (:func:`url`), so following a link keeps it.

The catalogs are the committed ``translations/<lang>/LC_MESSAGES/messages.po``: each is compiled
in memory the first time a process needs it (Babel's own reader and writer), so there is no
generated ``.mo`` file to keep in step with its ``.po``.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, has_request_context, request
from flask_babel import Babel, Domain, get_locale

LANGUAGES = ("en", "fr", "de", "it", "ru", "es")
DEFAULT = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"


def primary(tag: str) -> str:
    """``ru-RU`` → ``ru``; ``pt_BR`` → ``pt`` (lower case, no region)."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def asked_language() -> str | None:
    """The interface language named by ``?lang=``, or ``None`` when absent or not offered."""
    if not has_request_context():
        return None
    code = primary(request.args.get("lang", ""))
    return code if code in LANGUAGES else None


def accepted_language() -> str:
    """The first of Accept-Language (by quality) whose primary subtag is offered, else English."""
    for tag, _quality in request.accept_languages:  # already sorted by quality
        code = primary(tag)
        if code in LANGUAGES:
            return code
    return DEFAULT


def select_language() -> str:
    """The interface language of the current request."""
    if not has_request_context():
        return DEFAULT
    return asked_language() or accepted_language()


def current_language() -> str:
    """The interface language in force (``en`` outside a request)."""
    return str(get_locale() or DEFAULT) if has_request_context() else DEFAULT


def url(path: str, **params: object) -> str:
    """A link to ``path`` on this site with ``params``, carrying ``?lang=`` when the current
    page was asked for with it. ``None`` values are left out; ``lang=`` given here wins."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items() if v is not None]
    lang = asked_language()
    if lang and "lang" not in params and not any(k == "lang" for k, _ in query):
        query.append(("lang", lang))
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def here(**params: object) -> str:
    """The current page with some query parameters replaced (``None`` removes one)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in params]
    args += [(k, str(v)) for k, v in params.items() if v is not None]
    return request.path + ("?" + urlencode(args) if args else "")


def first_upper(text: object) -> str:
    """The text with its first letter in upper case, the rest as it is (``OSCE`` stays)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def language_name(code: str) -> str:
    """The language's own name for itself, capitalised (``français``→``Français``)."""
    return (Locale.parse(code).get_display_name(code) or code).capitalize()


def compile_catalog(po_file: Path) -> Translations:
    """A ``.po`` file as gettext translations, compiled in memory."""
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=po_file.parts[-3], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class PoDomain(Domain):
    """Flask-Babel's domain reading the committed ``.po`` catalogs (one compile per process)."""

    def __init__(self, directory: Path = TRANSLATIONS_DIR) -> None:
        super().__init__(str(directory), DOMAIN)
        self.directory = directory

    def get_translations(self) -> NullTranslations:
        code = current_language()
        try:
            return self.cache[code]
        except KeyError:
            pass
        po_file = self.directory / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        found = compile_catalog(po_file) if po_file.is_file() else NullTranslations()
        self.cache[code] = found
        return found


class SiteBabel(Babel):
    """Flask-Babel whose domain is one :class:`PoDomain` per application (its cache kept)."""

    def __init__(self, domain: PoDomain) -> None:
        super().__init__()
        self._po_domain = domain

    @property
    def domain_instance(self) -> Domain:
        return self._po_domain


def install(app: Flask) -> None:
    """Flask-Babel with the language rules above; ``_``, ``url``, ``here`` in templates."""
    SiteBabel(PoDomain()).init_app(app, default_locale=DEFAULT, locale_selector=select_language,
                                   default_domain=DOMAIN)
    app.jinja_env.filters["first_upper"] = first_upper
    app.jinja_env.globals.update(url=url, here=here, languages=LANGUAGES,
                                 language_name=language_name, current_language=current_language)

    @app.context_processor
    def page_language_context() -> dict[str, object]:
        return {"page_lang": current_language()}
