"""Facilitator detection against the facilitators files name: `python -m benchmarks.facilitator_check [INPUT ...]`.

For every session read from the inputs (default: `data/sample` and `tests/fixtures/good`) whose metadata
names a facilitator who speaks, the name is hidden and :func:`storymine.ingest.facilitators.detect_facilitator`
decides from the turns alone. Prints, per input, how many sessions it guessed right, guessed wrong or left
unknown, and how many sessions name no facilitator (and what detection makes of those). Prints counts
only, never a name or a line of a transcript.
"""

from __future__ import annotations

import argparse

from storymine.ingest.errors import InputError
from storymine.ingest.facilitators import detect_facilitator
from storymine.ingest.pipeline import discover
from storymine.ingest.readers import format_of, read_document_bytes
from storymine.privacy.identity import link_labels


def check(root: str) -> dict[str, int]:
    """Counts of right, wrong and unknown guesses over the sessions under ``root``."""
    counts = {"named": 0, "right": 0, "wrong": 0, "unknown": 0, "unnamed": 0, "unnamed_guessed": 0}
    for item in discover([root]):
        if format_of(item.rel) is None:
            continue
        try:
            result = read_document_bytes(item.path.read_bytes(), item.rel)
        except (InputError, OSError, ValueError):
            continue
        for raw in result.documents:
            if raw.kind != "session":
                continue
            found = detect_facilitator(raw.segments).speaker
            labels = [s.speaker for s in raw.segments if s.speaker]
            links = link_labels([*raw.facilitators, *labels])
            named = {links.get(f) for f in raw.facilitators}
            if not any(links.get(label) in named for label in labels):
                counts["unnamed"] += 1
                counts["unnamed_guessed"] += found is not None
                continue
            counts["named"] += 1
            if found is None:
                counts["unknown"] += 1
            elif links.get(found) in named:
                counts["right"] += 1
            else:
                counts["wrong"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=["data/sample", "tests/fixtures/good"])
    args = parser.parse_args()
    print("input | sessions naming a speaking facilitator: right / wrong / unknown | naming none: guessed")
    for root in args.inputs:
        c = check(root)
        print(
            f"{root} | {c['named']}: {c['right']} / {c['wrong']} / {c['unknown']} | "
            f"{c['unnamed']}: {c['unnamed_guessed']} guessed"
        )


if __name__ == "__main__":
    main()
