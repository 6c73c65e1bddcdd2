"""Which words the name-likeness rule would take, and how many of them are planted names (issue #18).

    python -m benchmarks.namelike_candidates CORPUS [CORPUS ...] [--show] [--threshold 0.6]

For every input file of each corpus (``CORPUS/inputs`` when there is a ``planted.csv`` beside it, else
the folder itself, e.g. ``data/sample``), read as storymine reads it, lists the words that the rule judges
(:func:`storymine.privacy.names.rare_name_candidates`, the same function the redactor uses) with their name
probability, and counts those at or above the threshold that are words of a planted PERSON value of that
corpus. A development tool: ``--show`` prints the words with a little context, so use it only on corpora
whose values may be read (never on the holdout).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from storymine.ingest.errors import InputError
from storymine.ingest.readers import read_document_bytes
from storymine.privacy import names


def _planted_words(corpus: Path) -> set[str]:
    planted = corpus / "planted.csv"
    if not planted.exists():
        return set()
    with planted.open(encoding="utf-8", newline="") as fh:
        return {
            names.fold_word(w)
            for row in csv.DictReader(fh)
            if row.get("type") == "PERSON"
            for w in row.get("value", "").split()
        }


def _candidates(text: str) -> list[tuple[str, float, str]]:
    """(word, probability, context) for every word the rule judges, whatever its score."""
    return [
        (m.group("w"), p, text[max(0, m.start() - 40) : m.end() + 30].replace("\n", " "))
        for m, p in names.rare_name_candidates(text)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--threshold", type=float, default=names.NAMELIKE_THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print each word with its context (dev corpora only)")
    args = parser.parse_args(argv)
    print(f"threshold {args.threshold}")
    print(f"{'corpus':<24} {'considered':>10} {'taken':>6} {'planted names':>14} {'other words':>12}")
    for corpus in args.corpora:
        planted = _planted_words(corpus)
        root = corpus / "inputs" if (corpus / "planted.csv").exists() else corpus
        seen: dict[tuple[str, str], float] = {}
        contexts: dict[tuple[str, str], str] = {}
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            try:
                result = read_document_bytes(path.read_bytes(), path.name)
            except (InputError, OSError, ValueError):
                continue
            for doc in result.documents:
                for seg in doc.segments:
                    for word, p, context in _candidates(seg.text):
                        key = (path.as_posix(), word)
                        seen[key] = p
                        contexts.setdefault(key, context)
        taken = [k for k, p in seen.items() if p >= args.threshold]
        named = [k for k in taken if names.fold_word(k[1]) in planted]
        print(f"{corpus.name:<24} {len(seen):>10} {len(taken):>6} {len(named):>14} {len(taken) - len(named):>12}")
        if args.show:
            for key in sorted(taken, key=lambda k: -seen[k]):
                mark = "NAME" if key in named else "----"
                print(f"  {mark} {seen[key]:.2f} {key[1]:<16} | {contexts[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
