"""The interface in six languages: choice of language, catalogs, links that keep ``?lang=``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from webassert import html

from osce_kg.web.i18n import LANGUAGES, TRANSLATIONS_DIR

PROJECT = Path(__file__).resolve().parents[2]
NAV_ONTOLOGY = {"en": "Ontology", "fr": "Ontologie", "de": "Ontologie", "it": "Ontologia",
                "ru": "Онтология", "es": "Ontología"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def nav_texts(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("header.site nav:not(.languages-switch) a")]


@pytest.mark.parametrize(("query", "accept", "expected"), [
    ("", None, "en"),
    ("?lang=fr", None, "fr"),
    ("?lang=ru-RU", None, "ru"),
    ("", "ru-RU,ru;q=0.9,en;q=0.5", "ru"),
    ("", "de-CH,fr;q=0.5", "de"),
    ("", "pt-BR,es;q=0.8", "es"),
    ("", "ja", "en"),
    ("?lang=it", "ru", "it"),
    ("?lang=xx", "es", "es"),
])
def test_the_interface_language_is_chosen_by_lang_then_accept_language(client, query, accept,
                                                                      expected):
    soup = html(client.get("/" + query, headers={"Accept-Language": accept} if accept else {}))
    assert soup.html["lang"] == expected
    assert NAV_ONTOLOGY[expected] in nav_texts(soup)
    current = soup.select_one(".languages-switch a[aria-current]")
    assert current.get_text() == expected.upper()


@pytest.mark.parametrize("path", ["/", "/page/state/lithuania", "/class/ParticipatingState",
                                  "/search?q=vilnius"])
def test_links_keep_the_asked_language(client, path):
    soup = html(client.get(path + ("&" if "?" in path else "?") + "lang=fr"))
    internal = [a["href"] for a in soup.select("a[href^='/']")
                if not a.find_parent(class_="languages-switch")
                and not a["href"].startswith(("/data/", "/static/", "/sparql?"))]
    assert internal
    assert all("lang=fr" in href for href in internal), [h for h in internal if "lang=fr" not in h]
    assert soup.select_one("form.search input[name=lang]")["value"] == "fr"


def test_links_carry_no_lang_when_none_was_asked(client):
    soup = html(client.get("/page/state/lithuania", headers={"Accept-Language": "fr"}))
    assert soup.html["lang"] == "fr"
    assert not [a["href"] for a in soup.select("a[href^='/']")
                if "lang=" in a["href"] and not a.find_parent(class_="languages-switch")]


def test_the_language_switch_keeps_the_page_and_its_parameters(client):
    soup = html(client.get("/search?q=vilnius&lang=de"))
    links = {a.get_text(): a["href"] for a in soup.select(".languages-switch a")}
    assert list(links) == [code.upper() for code in LANGUAGES]
    assert links["RU"] == "/search?q=vilnius&lang=ru"


def interface_messages() -> dict[str, set[str]]:
    """Every translatable string of the code and templates, with its placeholders."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            PROJECT / "src", method_map=method_map):
        key = message if isinstance(message, str) else message[0]
        found[key] = set(PLACEHOLDER.findall(key))
    return found


@pytest.fixture(scope="module")
def messages() -> dict[str, set[str]]:
    return interface_messages()


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_each_catalog_translates_every_interface_string(messages, lang):
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing, broken = [], []
    for key, placeholders in messages.items():
        entry = catalog.get(key)
        strings = [] if entry is None else (
            list(entry.string) if isinstance(entry.string, tuple) else [entry.string])
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(key)
            continue
        if any(set(PLACEHOLDER.findall(s)) - placeholders for s in strings):
            broken.append(key)
    assert not missing, f"untranslated in {lang} (run `make catalogs`, then translate): {missing}"
    assert not broken, f"placeholders not in the English string ({lang}): {broken}"
