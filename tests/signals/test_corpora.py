"""Readers of the shared corpora and the fixed sentence-splitting rule."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storymine.signals.corpora import read_asrs, read_cered, read_qmsum, read_szeged, split_sentences


def test_split_sentences_offsets() -> None:
    text = 'We tried it. "It worked!" Then (maybe) not? 2 more.'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["We tried it.", '"It worked!"', "Then (maybe) not?", "2 more."]


def test_split_sentences_keeps_lowercase_continuations() -> None:
    assert len(split_sentences("Dr. smith came. e.g. this one")) == 1


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'AB1")), max_size=60))
def test_split_sentences_spans_are_ordered_and_stripped(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    assert "".join("".join(text[s:e] for s, e in spans).split()) == "".join(text.split())


def test_read_szeged_cues_and_types(tiny_datasets: Path) -> None:
    sents = read_szeged(tiny_datasets / "szeged-uncertainty" / "wiki.xml")
    assert [s.uncertain for s in sents] == [True, False, True]
    first = sents[0]
    assert first.text == "It may rain."
    cue = first.cues[0]
    assert first.text[cue.start : cue.end] == "may" and cue.cue_type == "epistemic"
    assert sents[2].cues[0].cue_type == "investigation"
    assert sents[0].doc_id != sents[2].doc_id and sents[0].doc_id == sents[1].doc_id


def test_read_cered_normalises_difficulties(tiny_datasets: Path) -> None:
    rows = read_cered(tiny_datasets / "cered-reflections" / "en_train.tsv")
    assert [r.label for r in rows] == ["Difficulty", "Intention", "Other"]
    assert rows[0].idx == "1"


def test_read_qmsum_turns(tiny_datasets: Path) -> None:
    units = read_qmsum(tiny_datasets / "qmsum-committee" / "all")
    assert [(u.file, u.ref, u.speaker) for u in units] == [
        ("education_9.json", "0", "A"),
        ("education_9.json", "1", "B"),
    ]


def test_read_asrs_two_header_rows(tmp_path: Path) -> None:
    path = tmp_path / "asrs.csv"
    path.write_text(
        " ,Time,Report 1,Report 1\nACN,Date,Narrative,Callback\n42,2020,PAX WAS   RUDE. WE CALMED HIM.,x\n43,2020,,\n",
        encoding="utf-8",
    )
    units = read_asrs(path)
    assert [(u.ref, u.text) for u in units] == [("42", "PAX WAS RUDE. WE CALMED HIM.")]
