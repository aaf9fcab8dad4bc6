"""A graph of a chosen size that conforms to our shapes, for timing `osce-kg build` with
validation at scale (the harness's synthetic graph is OSCE-shaped but not in our model, so a
validated build of it is refused: its cost is the validation's alone).

  python bench/conforming.py --dump dist/osce-kg.nt.gz --triples 2118001 --out big.nt

It copies the dump of a real build (ontology, curated data, ingested releases), then adds copies
of each ingested release — the release, its page, quotations and event — under new IRIs
(``…-000001``, ``…-000002``, …) until the file holds about ``--triples`` triples.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

RELEASE = re.compile(r"<https://w3id\.org/osce/id/release/([^>]+)>")
EVENT = re.compile(r"<https://w3id\.org/osce/id/event/([^>]+)>")


def templates(lines: list[str]) -> tuple[list[str], list[str]]:
    """The slugs to rename (releases and the events they report) and the lines naming them."""
    slugs = sorted({m for line in lines for m in RELEASE.findall(line)})
    events = sorted({m for line in lines if any(s in line for s in slugs)
                     for m in EVENT.findall(line)})
    names = slugs + events
    return names, [line for line in lines if any(name in line for name in names)]


def write(dump: Path, triples: int, out: Path) -> int:
    opener = gzip.open if dump.suffix == ".gz" else open
    with opener(dump, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    names, template = templates(lines)
    if not template:
        raise SystemExit(f"{dump} holds no release to copy (run `osce-kg ingest` first)")
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    written = len(lines)
    with out.open("w", encoding="utf-8") as fh:
        fh.writelines(lines)
        copy = 0
        while written + len(template) <= triples:
            copy += 1
            renamed = rf"\g<0>-{copy:06d}"
            fh.writelines(pattern.sub(renamed, line) for line in template)
            written += len(template)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, required=True, help="osce-kg.nt(.gz) of a build")
    parser.add_argument("--triples", type=int, required=True, help="about this many triples")
    parser.add_argument("--out", type=Path, required=True, help="N-Triples file to write")
    args = parser.parse_args(argv)
    written = write(args.dump, args.triples, args.out)
    print(f"{written:,} triples in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
