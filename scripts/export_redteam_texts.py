"""Add red-team corpora to the names-in-context training texts (``data/redteam/name_context_train.jsonl.gz``).

A red-team corpus is a folder written by an independent writer (see ``docs/privacy.md``): ``inputs/`` (stories
and transcripts in every supported format), ``planted.csv`` (``type,value,file``: the personal data planted)
and ``must_survive.csv`` (``term,file``: ordinary words that must stay). This script reads each input file with
storymine's own readers, keeps each document's texts as the redactor sees them (normalised, sanitised,
look-alike letters folded) and the corpus's planted values and must-survive words, and rewrites the training
file with those corpora replaced or added (corpora already there and not named stay). Files the readers reject
are counted and left out.

    python scripts/export_redteam_texts.py /path/to/redteam/dev40 /path/to/redteam/dev41 ...

Only development corpora belong here: a corpus used to report held-out figures must never be added.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storymine.ingest.errors import InputError  # noqa: E402
from storymine.ingest.normalise import normalise_text  # noqa: E402
from storymine.ingest.readers import read_document_bytes  # noqa: E402
from storymine.privacy.sanitise import fold_confusables, sanitise_text  # noqa: E402

TRAIN = ROOT / "data" / "redteam" / "name_context_train.jsonl.gz"


def corpus_records(corpus: Path) -> tuple[list[dict], int]:
    """The corpus's document records and its label record (last), and how many files the readers rejected."""
    name = corpus.name
    records: list[dict] = []
    rejected = 0
    for path in sorted(p for p in (corpus / "inputs").rglob("*") if p.is_file()):
        rel = path.relative_to(corpus / "inputs").as_posix()
        try:
            result = read_document_bytes(path.read_bytes(), rel)
        except (InputError, ValueError, UnicodeError):
            rejected += 1
            continue
        for doc in result.documents:
            fields = [doc.title or "", doc.community or "", doc.role or "", *(s.text for s in doc.segments)]
            texts = [fold_confusables(sanitise_text(normalise_text(t))) for t in fields if t and t.strip()]
            if texts:
                records.append({"corpus": name, "file": rel, "texts": texts})
    with (corpus / "planted.csv").open(encoding="utf-8", newline="") as fh:
        planted = [(r["type"].strip(), r["value"].strip()) for r in csv.DictReader(fh) if r.get("value")]
    with (corpus / "must_survive.csv").open(encoding="utf-8", newline="") as fh:
        survive = sorted({r["term"].strip() for r in csv.DictReader(fh) if r.get("term")})
    records.append(
        {
            "corpus": name,
            "persons": sorted({v for t, v in planted if t == "PERSON" and v}),
            "others": sorted({v for t, v in planted if t != "PERSON" and v}),
            "survive": survive,
        }
    )
    return records, rejected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="red-team corpus folders (development ones only)")
    parser.add_argument("--out", type=Path, default=TRAIN, help="training file (default: %(default)s)")
    args = parser.parse_args()
    names = {c.name for c in args.corpora}
    kept: list[str] = []
    if args.out.exists():
        with gzip.open(args.out, "rt", encoding="utf-8") as fh:
            kept = [line for line in fh if json.loads(line)["corpus"] not in names]
    lines = list(kept)
    for corpus in sorted(args.corpora, key=lambda c: c.name):
        if not (corpus / "planted.csv").is_file() or not (corpus / "inputs").is_dir():
            print(f"{corpus}: not a red-team corpus (needs inputs/ and planted.csv); skipped", file=sys.stderr)
            continue
        records, rejected = corpus_records(corpus)
        lines += [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
        print(f"{corpus.name}: {len(records) - 1} documents, {rejected} files rejected by the readers")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as raw:
        raw.write("".join(lines).encode("utf-8"))
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
