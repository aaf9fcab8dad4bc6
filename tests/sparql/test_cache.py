"""The result cache: keys, what is never stored, invalidation by a new build, the off switch."""

from __future__ import annotations

from osce_kg.query.cache import ResultCache, cache_key
from osce_kg.store.base import QueryAnswer, QueryRequest

QUERY = QueryRequest("SELECT * { ?s ?p ?o } LIMIT 1", "select", "application/sparql-results+json")


def test_keys_differ_by_build_text_media_type_and_dataset():
    keys = {
        cache_key("b1", QUERY),
        cache_key("b2", QUERY),
        cache_key("b1", QueryRequest(QUERY.text + " ", "select", QUERY.media_type)),
        cache_key("b1", QueryRequest(QUERY.text, "select", "text/csv")),
        cache_key("b1", QueryRequest(QUERY.text, "select", QUERY.media_type, ("http://g",))),
        cache_key("b1", QueryRequest(QUERY.text, "select", QUERY.media_type, (), ("http://g",))),
    }
    assert len(keys) == 6
    assert cache_key("b1", QUERY) == cache_key("b1", QUERY)


def test_an_answer_is_stored_and_read_back(tmp_path):
    cache = ResultCache(tmp_path, "build-1")
    key = cache.key(QUERY)
    assert cache.get(key) is None
    answer = QueryAnswer(b'{"x": 1}', QUERY.media_type, "select", False, 1)
    assert cache.put(key, answer)
    assert ResultCache(tmp_path, "build-1").get(key) == answer  # another worker sees it
    assert not list(tmp_path.rglob(".tmp-*"))


def test_truncated_and_oversized_answers_are_never_stored(tmp_path):
    cache = ResultCache(tmp_path, "build-1", max_entry_bytes=10)
    key = cache.key(QUERY)
    assert not cache.put(key, QueryAnswer(b"{}", QUERY.media_type, "select", True, 5))
    assert not cache.put(key, QueryAnswer(b"x" * 11, QUERY.media_type, "select", False, 5))
    assert cache.get(key) is None


def test_a_new_build_invalidates_the_cache(tmp_path):
    old = ResultCache(tmp_path, "build-1")
    old.put(old.key(QUERY), QueryAnswer(b"old", QUERY.media_type, "select"))
    new = ResultCache(tmp_path, "build-2")
    assert new.get(new.key(QUERY)) is None
    assert not (tmp_path / "build-1").exists()


def test_trim_keeps_the_cache_within_its_budget(tmp_path):
    cache = ResultCache(tmp_path, "b", max_total_bytes=1_000)
    for n in range(30):
        request = QueryRequest(f"SELECT * {{}} LIMIT {n}", "select", QUERY.media_type)
        cache.put(cache.key(request), QueryAnswer(b"x" * 100, QUERY.media_type, "select"))
    cache.trim()
    assert sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()) <= 1_000


def test_an_unwritable_cache_costs_nothing_but_the_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = ResultCache(blocker, "b")
    assert not cache.put(cache.key(QUERY), QueryAnswer(b"x", QUERY.media_type, "select"))
