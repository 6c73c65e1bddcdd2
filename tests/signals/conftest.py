"""Shared fixtures for the signals tests: blank pipelines and tiny dataset folders."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def blank() -> Language:
    """A blank English pipeline (tokeniser only)."""
    return spacy.blank("en")


def segments_frame(texts: list[str], with_offsets: bool = False) -> pd.DataFrame:
    """A minimal ``segments`` frame; offsets are whole-text sentences when requested."""
    return pd.DataFrame(
        {
            "segment_id": [f"s{i}" for i in range(len(texts))],
            "doc_id": ["d0"] * len(texts),
            "text": texts,
            "sentence_starts": [[0] for _ in texts] if with_offsets else [[] for _ in texts],
            "sentence_ends": [[len(t)] for t in texts] if with_offsets else [[] for _ in texts],
            "speaker_role": [None] * len(texts),
        }
    )


SZEGED_XML = """<?xml version="1.0" encoding="UTF-8"?><Annotation><DocumentSet>
<Document type="t"><DocID type="x">Doc A</DocID><DocumentPart type="Text">
<Sentence id="S1.1">It <ccue type="speculation_modal_probable_">may</ccue> rain.</Sentence>
<Sentence id="S1.2">It rained.</Sentence></DocumentPart></Document>
<Document type="t"><DocID type="x">Doc B</DocID><DocumentPart type="Text">
<Sentence id="S2.1">We <ccue type="speculation_hypo_investigation _">examined whether</ccue>
 it helps.</Sentence>
</DocumentPart></Document></DocumentSet></Annotation>"""


@pytest.fixture()
def tiny_datasets(tmp_path: Path) -> Path:
    """A datasets folder with one QMSum meeting, a 3-row CEReD file and a 2-doc Szeged file."""
    root = tmp_path / "datasets"
    (root / "qmsum-committee" / "all").mkdir(parents=True)
    meeting = {
        "meeting_transcripts": [
            {"speaker": "A", "content": "Good morning. I think we might have missed something there."},
            {"speaker": "B", "content": "We tried a new rota last month. It went really well."},
        ]
    }
    (root / "qmsum-committee" / "all" / "education_9.json").write_text(json.dumps(meeting), encoding="utf-8")
    (root / "cered-reflections").mkdir()
    tsv = "idx\tcontext\tsentence\ty\tconfidence\ty_requires_context\n"
    tsv += "1\tc\tThe lesson was a real problem for me.\tDifficulties\t[4]\tFalse\n"
    tsv += "2\tc\tNext time I will prepare more examples.\tIntention\t[5]\tFalse\n"
    tsv += "3\tc\tThe class has 20 pupils.\tOther\t[5]\tFalse\n"
    (root / "cered-reflections" / "en_train.tsv").write_text(tsv, encoding="utf-8")
    (root / "szeged-uncertainty").mkdir()
    (root / "szeged-uncertainty" / "wiki.xml").write_text(SZEGED_XML, encoding="utf-8")
    return root
