"""One person, one pseudonym (#18): label variants are linked before pseudonymising."""

from __future__ import annotations

from pathlib import Path

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
    doc, _, _, _ = process_document(raw, "vtt", "h", "s.vtt", ctx)
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


def test_a_name_in_the_text_is_redacted_in_the_path(tmp_path: Path) -> None:
    """The path "case-of-faadumo-warsame.srt": the transcript says "Faadumo Warsame", so the path loses it too."""
    from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file

    path = tmp_path / "2025-04-03_duty_case-of-faadumo-warsame.txt"
    path.write_text("This one's about Mrs Faadumo Warsame and the missed visit. We rang her GP.\n", encoding="utf-8")
    ctx = IngestContext(redactor=Redactor(RedactionConfig(ner="off")), pseudonymise=lambda n: f"P-{n}", run_id="r")
    result = ingest_file(InputFile(path, path.name), ctx)
    (doc,) = result.documents
    assert "faadumo" not in doc.source.casefold() and "warsame" not in doc.source.casefold(), doc.source
    assert "faadumo" not in result.outcome.path.casefold()
