"""What the redactor takes on real public text that holds no planted data: a precision check between codes.

    python -m benchmarks.shared_spans --save spans.json                  # the spans of this code
    python -m benchmarks.shared_spans --save new.json --compare old.json # and what changed since old.json

Texts (from ``../shared/datasets``; skipped when absent): the first 600 contexts of the CEReD training split,
the first 200 narratives of each of the SAFENET 2008, 2010 and 2012 files, and the QMSum education meetings
0-2 (Senedd committee, each meeting one text of ``Speaker: words`` turns). None of them is a reserved
evaluation split. Every span the redactor finds is printed by kind; with ``--compare`` the spans found by
only one of the two codes are listed (text index, source, kind, the span's words), which is how a new rule's
over-redaction shows. The saved file holds span text from the shared corpora: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from storymine.privacy import RedactionConfig, Redactor

Span = tuple[int, str, str, str]


def shared_texts(root: Path) -> list[tuple[str, str]]:
    """(source, text) pairs of the shared corpora named in the module's docstring; empty when absent."""
    texts: list[tuple[str, str]] = []
    cered = root / "cered-reflections" / "en_train.tsv"
    if cered.exists():
        with cered.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh, delimiter="\t")):
                if i >= 600:
                    break
                texts.append(("cered", row["context"]))
    csv.field_size_limit(10**8)
    for year in (2008, 2010, 2012):
        path = root / "safenet-wildfire" / f"SAFENET_{year}.csv"
        if not path.exists():
            continue
        n = 0
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh, skipinitialspace=True):
                text = (row.get("Narrative") or "").strip()
                if text:
                    texts.append((f"safenet{year}", text))
                    n += 1
                if n >= 200:
                    break
    for k in range(3):
        path = root / "qmsum-committee" / "all" / f"education_{k}.json"
        if path.exists():
            turns = json.loads(path.read_text(encoding="utf-8"))["meeting_transcripts"]
            texts.append((f"qmsum{k}", "\n\n".join(f"{t['speaker']}: {t['content']}" for t in turns)))
    return texts


def spans_of(texts: list[tuple[str, str]], redactor: Redactor) -> list[Span]:
    """Every span the redactor finds, as (text index, source, kind, words)."""
    out: list[Span] = []
    for i, (source, text) in enumerate(texts):
        analysis = redactor.analyse([text])
        clean = analysis.texts[0]
        out += [(i, source, s.kind, clean[s.start : s.end]) for s in analysis.spans[0]]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--save", type=Path, help="write the spans (JSON) here, outside the repository")
    ap.add_argument("--compare", type=Path, help="spans saved by another code: list what differs")
    args = ap.parse_args(argv)
    texts = shared_texts(args.datasets)
    if not texts:
        print(f"skipped: no shared corpora under {args.datasets}")
        return 0
    spans = spans_of(texts, Redactor(RedactionConfig()))
    kinds = Counter(kind for _, _, kind, _ in spans)
    print(f"{len(texts)} texts, {len(spans)} spans: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if args.save:
        args.save.write_text(json.dumps(spans, ensure_ascii=False))
    if args.compare:
        old = Counter(tuple(x) for x in json.loads(args.compare.read_text(encoding="utf-8")))
        new = Counter(spans)
        gone, added = old - new, new - old
        print(f"compared with {args.compare}: {sum(gone.values())} spans fewer, {sum(added.values())} more")
        for label, diff in (("-", gone), ("+", added)):
            for span, n in sorted(diff.items()):
                print(f"  {label} {span}" + (f" x{n}" if n > 1 else ""))
        return 1 if gone or added else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
