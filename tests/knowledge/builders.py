"""Small knowledge-stage inputs written sentence by sentence (invented text, for the rank and chain tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from storymine.knowledge import KnowledgeInputs
from tests.redacted import stored_inputs


@dataclass
class Turn:
    """One segment: a story paragraph or a session turn, as a list of sentences."""

    speaker: str
    sentences: list[str]
    role: str = "nurse"
    quotable: bool = True
    theme: str | None = "T1"
    signals: list[tuple[int, str, str, float]] = field(default_factory=list)
    """(sentence index, kind, subtype, score)."""


@dataclass
class Doc:
    doc_id: str
    turns: list[Turn]
    kind: str = "story"
    community: str = "Acute Medicine"
    recorded_at: date = date(2025, 3, 1)


def inputs(docs: list[Doc], themes: tuple[str, ...] = ("T1",)) -> KnowledgeInputs:
    """:class:`KnowledgeInputs` holding ``docs`` (segment ids ``<doc_id>-<ordinal>``)."""
    doc_rows, seg_rows, sig_rows, theme_rows = [], [], [], []
    for doc in docs:
        doc_rows.append(
            {
                "doc_id": doc.doc_id,
                "kind": doc.kind,
                "title": f"title {doc.doc_id}",
                "community": doc.community,
                "recorded_at": doc.recorded_at,
            }
        )
        for ordinal, turn in enumerate(doc.turns):
            seg_id = f"{doc.doc_id}-{ordinal}"
            starts, ends, text = [], [], ""
            for sentence in turn.sentences:
                if text:
                    text += " "
                starts.append(len(text))
                text += sentence
                ends.append(len(text))
            seg_rows.append(
                {
                    "segment_id": seg_id,
                    "doc_id": doc.doc_id,
                    "ordinal": ordinal,
                    "speaker": turn.speaker,
                    "speaker_role": turn.role,
                    "quotable": turn.quotable,
                    "text": text,
                    "sentence_starts": starts,
                    "sentence_ends": ends,
                }
            )
            if turn.theme is not None:
                theme_rows.append({"segment_id": seg_id, "theme_id": turn.theme})
            for idx, kind, subtype, score in turn.signals:
                sentence = turn.sentences[idx]
                sig_rows.append(
                    {
                        "signal_id": f"{seg_id}-{idx}-{kind}-{subtype}",
                        "segment_id": seg_id,
                        "doc_id": doc.doc_id,
                        "kind": kind,
                        "subtype": subtype,
                        "cue": sentence.split()[0],
                        "sentence_index": idx,
                        "sentence": sentence,
                        "cue_start": starts[idx],
                        "cue_end": starts[idx] + len(sentence.split()[0]),
                        "score": score,
                        "detector": f"storymine.{kind}.v1",
                        "detector_version": "1",
                    }
                )
    theme_frame = pd.DataFrame(
        [{"theme_id": t, "label": f"theme {t}", "status": "new", "representative_segment_ids": []} for t in themes]
    )
    return stored_inputs(
        KnowledgeInputs(
            pd.DataFrame(doc_rows),
            pd.DataFrame(seg_rows),
            pd.DataFrame(sig_rows),
            theme_frame,
            pd.DataFrame(theme_rows, columns=["segment_id", "theme_id"]),
        )
    )
