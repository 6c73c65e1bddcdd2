"""Precision of folder and file names: the path words a placeholder takes that are no planted value's.

    python -m benchmarks.path_precision /path/to/redteam/dev40 /path/to/redteam/dev41 …

Each corpus folder holds ``inputs/`` and ``planted.csv`` (``type,value,file``; the red-team corpora of #18, see
``docs/privacy.md``). For every input file, its path under ``inputs/`` is redacted as a run redacts it
(:meth:`Redactor.redact_path`, without the file's text); a path word that is gone is counted as planted when it
is a word of any planted value of the corpus, else as taken from ordinary text (a team's folder "roma-health",
an acronym "NICU", a town). The second count is what a knowledge manager loses from ``documents.source`` and
``ingest_log.path``; the most frequent such words are printed.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from storymine.privacy import RedactionConfig, Redactor

_WORD = re.compile(r"[A-Za-z0-9]+")
_PLACEHOLDER_WORD = re.compile(
    r"PERSON|HOSPITAL|NUMBER|DATE|OF|BIRTH|NHS|ADDRESS|PHONE|POSTCODE|EMAIL|URL|HANDLE|VEHICLE|REG|NI|[0-9]+"
)


def path_words_taken(redactor: Redactor, corpus: Path) -> tuple[int, Counter[str]]:
    """(planted words taken, Counter of other words taken) over the input paths of ``corpus``."""
    with (corpus / "planted.csv").open(encoding="utf-8", newline="") as fh:
        planted = {w for row in csv.DictReader(fh) for w in _WORD.findall(row["value"].lower())}
    base = corpus / "inputs"
    taken_planted, other = 0, Counter[str]()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(base).as_posix()
        left = set(_WORD.findall(str(redactor.redact_path(rel))))
        for word in _WORD.findall(rel):
            if word in left or _PLACEHOLDER_WORD.fullmatch(word):
                continue
            if word.lower() in planted:
                taken_planted += 1
            else:
                other[word] += 1
    return taken_planted, other


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", type=Path, help="red-team corpus folders (inputs/ and planted.csv)")
    ap.add_argument("--top", type=int, default=40, help="how many of the other words to print")
    args = ap.parse_args(argv)
    redactor = Redactor(RedactionConfig())
    total_planted, total_other = 0, Counter[str]()
    for corpus in args.corpora:
        n, other = path_words_taken(redactor, corpus)
        total_planted += n
        total_other.update(other)
    n_other = sum(total_other.values())
    print(f"{len(args.corpora)} corpora: path words taken {total_planted + n_other}")
    print(f"  words of planted values: {total_planted}")
    print(f"  other words:             {n_other}")
    print("  most frequent other words: " + ", ".join(f"{w} {n}" for w, n in total_other.most_common(args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
