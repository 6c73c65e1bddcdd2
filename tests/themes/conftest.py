"""Tiny hand-built corpora for the themes tests (no model, no dataset)."""

from __future__ import annotations

import random
from datetime import date

import pandas as pd
import pytest


def _words(text: str) -> list[str]:
    return text.split()


TOPICS: dict[str, list[str]] = {
    "falls": _words("fall falls bedrail night patient floor injury sensor alarm mobility frail hip"),
    "discharge": _words("discharge home family carer package delay ward social worker transport plan"),
    "medicines": _words("medication dose pharmacy prescription error insulin chart nurse allergy omitted"),
    "wellbeing": _words("anxiety wellbeing crisis listening distress support young referral counselling"),
}
FILLER = _words("the we and then it was with our team on for at")


def make_corpus(
    n_docs: int = 40, seed: int = 0, prefix: str = "D", n_sessions: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Stories (two paragraphs each, one topic) and optional sessions (turns cycling two topics).

    Returns documents, segments and the topic of each story document.
    """
    rng = random.Random(seed)
    names = list(TOPICS)
    docs, segs, truth = [], [], {}
    for i in range(n_docs):
        topic = names[i % len(names)]
        did = f"{prefix}{i:03d}"
        truth[did] = topic
        docs.append(
            {
                "doc_id": did,
                "kind": "story",
                "community": ["north", "south"][i % 2],
                "recorded_at": date(2025, 1 + i % 6, 1 + i % 27),
            }
        )
        for o in range(2):
            words = [rng.choice(TOPICS[topic]) for _ in range(28)] + [rng.choice(FILLER) for _ in range(6)]
            rng.shuffle(words)
            words.insert(rng.randrange(len(words)), "[PERSON_1]")
            segs.append(_seg(did, o, " ".join(words), None, None))
    for s in range(n_sessions):
        did = f"S{prefix}{s:02d}"
        docs.append({"doc_id": did, "kind": "session", "community": "north", "recorded_at": date(2025, 3, 3)})
        for o in range(24):
            topic = names[(o // 8 + s) % len(names)]
            words = [rng.choice(TOPICS[topic]) for _ in range(40)]
            segs.append(_seg(did, o, "[PERSON_2] said " + " ".join(words), f"P-{o % 3}", "participant"))
    return pd.DataFrame(docs), pd.DataFrame(segs), truth


def _seg(did: str, o: int, text: str, speaker: str | None, role: str | None) -> dict[str, object]:
    return {
        "segment_id": f"{did}-{o}",
        "doc_id": did,
        "ordinal": o,
        "text": text,
        "speaker": speaker,
        "speaker_role": role,
        "start_s": None,
        "end_s": None,
    }


@pytest.fixture(scope="session")
def corpus() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    return make_corpus()
