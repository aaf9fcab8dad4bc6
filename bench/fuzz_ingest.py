"""Coverage-guided fuzzing of the page extractor with atheris (libFuzzer).

    .venv/bin/python bench/fuzz_ingest.py -max_total_time=600          # a long run
    .venv/bin/python bench/fuzz_ingest.py -runs=2000                    # what the test runs

Every input must give releases (serializable as Turtle) or an ``IngestError``; any other
exception is a crash, and libFuzzer saves the input that caused it as ``crash-<sha1>``.
The saved test pages seed the corpus; pass a directory as the first argument to keep a corpus.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["osce_kg.ingest"]):
    from osce_kg.errors import IngestError
    from osce_kg.ingest.building import build_release
    from osce_kg.ingest.names import Gazetteer
    from osce_kg.ingest.reading import read_page
    from osce_kg.rdf.io import load_graph, serialize_turtle

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "fixtures"
GAZETTEER = Gazetteer(load_graph([FIXTURES / "context.ttl"]))


def one_input(data: bytes) -> None:
    try:
        page = read_page(data, "fuzz")
        sha = hashlib.sha256(data).hexdigest()
        releases = [build_release(entry, GAZETTEER, source="fuzz", source_sha256=sha,
                                  url=page.url) for entry in page.entries]
    except IngestError:
        return
    for release in releases:
        serialize_turtle(release.graph)


def main(argv: list[str]) -> None:
    args = list(argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus given: seed a temporary one
        corpus = Path(tempfile.mkdtemp(prefix="osce-kg-fuzz-"))
        for page in sorted((FIXTURES / "pages").iterdir()):
            (corpus / page.name).write_bytes(page.read_bytes())
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
