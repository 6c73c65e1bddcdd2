"""Recogniser round 15 (issue #18): what new independent corpora showed the rules did not see, generalised;
and the over-redaction to guard against.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file
from storymine.privacy import Redactor


@pytest.mark.parametrize(
    ("path", "gone", "kept"),
    [
        # a handle in a file name read with its "_" and "." (the spaced reading split it into pieces)
        ("stories/notes from @nurse_bev77.md", ["nurse_bev77", "bev77"], ["stories/notes from ["]),
        ("chats/@big.dave_1975 dm.txt", ["big.dave", "1975"], [" dm.txt"]),
        # an e-mail address in a file name
        ("inbox/fwd from jo.bloggs@nhs.net re visit.txt", ["bloggs", "jo."], ["re visit.txt"]),
        # words joined with "_" are how files are named, not handles
        ("2024/huddle_notes_ward_3.txt", [], ["huddle_notes_ward_3.txt"]),
        ("exports/story_id_notes.md", [], ["story_id_notes.md"]),
    ],
)
def test_handles_and_emails_in_file_names(rules: Redactor, path: str, gone: list[str], kept: list[str]) -> None:
    out = rules.redact_path(path)
    for value in gone:
        assert value not in out, out
    for value in kept:
        assert value in out, out


def test_path_placeholders_are_numbered_after_those_already_found(rules: Redactor) -> None:
    # the spaced reading saw "@jo" of "@jo.b"; the whole handle takes the first free number, and a second
    # handle the next one (no two values share a placeholder)
    out = rules.redact_path("notes/@sam_k99 and @jo.b.md")
    assert out == "notes/[HANDLE_1] and [HANDLE_2].md", out
    out = rules.redact_path("stories/see @bernie_q and bernieq.wordpress.com.md")
    assert out == "stories/see [HANDLE_1] and [URL_1].md", out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a found name that the same document also writes in lower case (chat, speech recognition)
        ("Jade rang at 9. later on jade was there again.", ["Jade", "jade"], ["later on"]),
        ("Kev Dodds came to group. kev said it helped.", ["Kev", "kev"], ["said it helped"]),
        # a name that is a word as well: only where a lower-case use reads as a person
        ("Chelsea and baby Grace came in. later chelsea said grace had a temp.", ["Chelsea", "Grace", "grace"], []),
        ("Bunny rang twice. went to see bunny.", ["Bunny", "bunny"], ["went to see"]),
        # the word stays where the document never uses it as a person
        ("Grace came in. She took it with grace and humour.", ["Grace came"], ["with grace and humour"]),
        ("Olive came in at ten. We cooked with olive oil.", ["Olive came"], ["olive oil"]),
        ("Frank was there. To be frank, it was hard.", [], ["To be frank"]),
        # a name joined by "and" to a found name with a relation between
        ("Kayleigh and her son Tyler Marsh were there.", ["Kayleigh", "Tyler"], ["and her son"]),
    ],
)
def test_lower_case_forms_of_found_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    out = model_redactor.redact_document([text]).texts[0]
    for value in gone:
        assert value not in out, out
    for value in kept:
        assert value in out, out


def test_names_of_one_export_reach_its_earlier_rows(tmp_path: Path, model_redactor: Redactor) -> None:
    """A row written before the one that names a person in full is redacted with that name too."""
    path = tmp_path / "casenotes.csv"
    path.write_text(
        "date,text\n"
        '2025-02-14,"Saw Kestrel at the clinic, doing well."\n'
        "2025-03-03,Review with Kestrel Blackwood-Hale at the clinic. She is doing well.\n"
        "2025-03-21,Nothing to add. We went to the clinic.\n",
        encoding="utf-8",
    )
    ctx = IngestContext(redactor=model_redactor, pseudonymise=lambda n: "P-1", run_id="r")
    result = ingest_file(InputFile(path, "casenotes.csv"), ctx)
    assert result.outcome.status == "accepted", result.outcome.reason
    texts = [s.text for d in result.documents for s in d.segments]
    assert len(texts) == 3 and not any("Kestrel" in t or "Blackwood" in t for t in texts), texts
    assert "the clinic" in texts[0] and texts[2] == "Nothing to add. We went to the clinic.", texts
    assert len({d.doc_id for d in result.documents}) == 3
