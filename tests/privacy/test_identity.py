"""One person, one pseudonym (#18): label variants are linked before pseudonymising."""

from __future__ import annotations

import pytest

from storymine.ingest.pipeline import process_document
from storymine.privacy import RedactionConfig, Redactor
from storymine.privacy.identity import identity_key, link_labels
from storymine.types import RawDocument, RawSegment


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Dr Priya Rao", "priya rao"),
        ("Priya Rao (GP)", "priya rao"),
        ("Rao, Priya (Dr)", "priya rao"),
        ("priya.rao@example.nhs.uk", "priya rao"),
        ("Siobhán Ní Bhriain", "siobhan ni bhriain"),
        ("Wojtek", "wojciech"),
        ("  ", ""),
    ],
)
def test_identity_key(label: str, key: str) -> None:
    assert identity_key(label) == key


def test_variants_link_to_the_fullest_unambiguous_label() -> None:
    links = link_labels(["Dr Priya Rao", "Priya (GP)", "Priya R", "Wojciech Nowak", "Wojtek"])
    assert {links["Priya (GP)"], links["Priya R"], links["Dr Priya Rao"]} == {"priya rao"}
    assert links["Wojtek"] == "wojciech nowak"


def test_ambiguous_short_labels_stay_apart() -> None:
    links = link_labels(["Priya Rao", "Priya Shah", "Priya"])
    assert links["Priya"] == "priya" and links["Priya Rao"] != links["Priya Shah"]


def test_ingest_counts_one_person_and_honours_no_quote_across_labels() -> None:
    from storymine.ingest.pipeline import IngestContext

    raw = RawDocument(
        kind="session",
        source="s.vtt",
        locator="",
        segments=(
            RawSegment(text="Morning all, shall we start?", speaker="Dr Ann Lee"),
            RawSegment(text="I nearly gave the wrong dose.", speaker="Priya (GP)"),
            RawSegment(text="I checked the band twice after that.", speaker="Priya Rao"),
        ),
        facilitators=("Ann Lee",),
        no_quote=("Dr Priya Rao",),
    )
    ctx = IngestContext(redactor=Redactor(RedactionConfig(ner="off")), pseudonymise=lambda n: f"P-{n}", run_id="r")
    doc, _ = process_document(raw, "vtt", "h", "s.vtt", ctx)
    speakers = [s.speaker for s in doc.segments]
    assert speakers == ["S1", "S2", "S2"]  # "Priya (GP)" and "Priya Rao" are one person
    assert [s.speaker_role for s in doc.segments] == ["facilitator", "participant", "participant"]
    assert [s.quotable for s in doc.segments] == [True, False, False]  # no_quote follows the person
    assert dict(doc.contributors) == {"S1": "P-ann lee", "S2": "P-priya rao"}


def test_author_lists_are_several_people() -> None:
    from storymine.ingest.readers import read_document_bytes

    data = b'{"text": "We tried a new huddle.", "author": ["Ann Lee", "Bob Hart"]}\n'
    (doc,) = read_document_bytes(data, "s.jsonl").documents
    assert doc.author == "Ann Lee; Bob Hart"
