from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storymine.ingest.errors import InputError
from storymine.ingest.metadata import parse_date
from storymine.ingest.normalise import normalise_text
from storymine.ingest.readers import read_document_bytes

from ..conftest import FIXTURES

GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


def read(name: str):
    path = GOOD / name
    return read_document_bytes(path.read_bytes(), name)


def test_csv_stories_with_metadata_and_mojibake_repair() -> None:
    result = read("2025-01-15_acute-medicine_stories.csv")
    assert result.fmt == "csv"
    first, second, third = result.documents
    assert first.title == "Café chat"  # "CafÃ© chat" in the file, repaired by ftfy
    assert first.community == "Acute Medicine"
    assert first.author == "Jane Example"
    assert first.consent is True and second.consent is False
    assert [s.text for s in first.segments] == [
        "I wasn't sure whether the café-style huddle would work.",
        "Next time I will start it earlier.",
    ]
    assert first.locator == "row=2"
    assert third.recorded_at is not None and third.recorded_at.isoformat() == "2025-03-15"  # 15/03/2025
    assert third.title is None  # a file of many stories gives no title from its name


def test_jsonl_stories() -> None:
    result = read("stories.jsonl")
    assert [d.locator for d in result.documents] == ["line=1", "line=2", "line=3"]
    assert result.documents[1].consent is False
    assert result.documents[0].role == "district nurse"


def test_markdown_front_matter_and_file_name_metadata() -> None:
    (doc,) = read("2025-06-01_adult-social-care_front-matter.md").documents
    assert doc.title == "Capacity: a hard call"
    assert doc.recorded_at is not None and doc.recorded_at.isoformat() == "2025-06-01"
    texts = [s.text for s in doc.segments]
    assert "I wasn't sure whether she had capacity to decide." in texts  # emphasis stripped
    assert any(t.startswith("We asked the family.") for t in texts)  # list markers stripped


def test_teams_vtt_merges_cues_of_one_speaker_and_reads_note_metadata() -> None:
    (doc,) = read("2025-07-09_community-nursing_learning-session.vtt").documents
    assert doc.kind == "session"
    assert doc.title == "Falls learning session"
    assert doc.facilitators == ("Sam Example",)
    speakers = [s.speaker for s in doc.segments]
    assert speakers == ["Sam Example", "Priya Example", "Sam Example"]
    turn = doc.segments[1]
    assert (turn.start_s, turn.end_s) == (5.0, 12.25)
    assert (
        turn.text == "I think I nearly missed a fall risk last week. The new checklist caught it, & that was a relief."
    )


def test_zoom_vtt_speaker_prefix() -> None:
    (doc,) = read("2025-08-12_primary-care-medicines_zoom.vtt").documents
    assert [s.speaker for s in doc.segments] == ["Dev Example", "Ruth Example"]
    assert doc.segments[0].end_s == 4.56
    assert doc.community == "Primary Care Medicines"


def test_srt() -> None:
    (doc,) = read("2025-09-03_mental-health-crisis_debrief.srt").documents
    assert [s.speaker for s in doc.segments] == ["Tom Example", "Ann Example"]
    assert doc.recorded_at is not None and doc.recorded_at.isoformat() == "2025-09-03"


def test_speaker_text_with_continuation_lines_and_no_quote() -> None:
    result = read("2025-10-20_adult-social-care_speaker-text.txt")
    (doc,) = result.documents
    assert result.fmt == "speaker_text"
    assert doc.no_quote == ("Carl Example",)
    assert doc.segments[1].text == "Sure. We piloted a discharge checklist and it kind of worked."


def test_otter_blocks_keep_start_times() -> None:
    result = read("2025-11-02_acute-medicine_otter.txt")
    (doc,) = result.documents
    assert result.fmt == "otter"
    assert [s.start_s for s in doc.segments] == [3.0, 41.0, 80.0, 92.0]
    assert doc.segments[1].end_s == 80.0
    assert "I escalated anyway." in doc.segments[1].text


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_story_with_metadata_paragraphs() -> None:
    def build(d):
        d.core_properties.title = "Night shift"
        d.core_properties.author = "Nia Example"
        d.add_heading("Night shift", 1)
        d.add_paragraph("Community: Acute Medicine")
        d.add_paragraph("Consent to quote: no")
        d.add_paragraph("Date: 2025-02-02")
        d.add_paragraph("I should have checked the chart.")
        d.add_paragraph("Next time I will.")

    (doc,) = read_document_bytes(_docx_bytes(build), "night.docx").documents
    assert (doc.title, doc.author, doc.community, doc.consent) == (
        "Night shift",
        "Nia Example",
        "Acute Medicine",
        False,
    )
    assert [s.text for s in doc.segments] == ["I should have checked the chart.", "Next time I will."]


def test_docx_story_keeps_its_tables_in_order() -> None:
    # a pasted log or action plan is story text (it used to be dropped); metadata rows stay metadata
    def build(d):
        meta = d.add_table(rows=2, cols=3)  # a third, empty column: still a key and its value
        pairs = [("Community", "Contact Service"), ("Date", "2025-02-07")]
        for row, (key, value) in zip(meta.rows, pairs, strict=True):
            row.cells[0].text, row.cells[1].text = key, value
        d.add_paragraph("Car park log")
        d.add_paragraph("Our log listed every car:")
        log = d.add_table(rows=2, cols=3)
        rows = [("Date", "Vehicle", "Who"), ("13:52", "a hire car", "Grandparents")]
        for row, cells in zip(log.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        d.add_paragraph("We took the log off the board.")

    (doc,) = read_document_bytes(_docx_bytes(build), "log.docx").documents
    assert (doc.title, doc.community) == ("Car park log", "Contact Service")
    assert [s.text for s in doc.segments] == [
        "Our log listed every car:",
        "13:52 | Vehicle: a hire car | Who: Grandparents",
        "We took the log off the board.",
    ]


def test_docx_teams_transcript() -> None:
    def build(d):
        for name, time, text in [
            ("Ann Example", "0:03", "Hello all."),
            ("Bob Example", "0:10", "Hi."),
            ("Ann Example", "0:15", "Let's begin."),
        ]:
            d.add_paragraph(f"{name}   {time}")
            d.add_paragraph(text)

    (doc,) = read_document_bytes(_docx_bytes(build), "2025-01-01_acute-medicine_session.docx").documents
    assert doc.kind == "session"
    assert [s.speaker for s in doc.segments] == ["Ann Example", "Bob Example", "Ann Example"]


def test_docx_teams_transcript_names_its_facilitator_before_the_turns() -> None:
    # #15: a Teams DOCX could not name its facilitator; `Key: value` lines or a table before the turns now do.
    def build(d):
        d.add_paragraph("Facilitator: Bob Example")
        d.add_paragraph("No quote: Ann Example")
        for name, time, text in [("Ann Example", "0:03", "Hello all."), ("Bob Example", "0:10", "Hi, welcome.")] * 2:
            d.add_paragraph(f"{name}   {time}")
            d.add_paragraph(text)
        d.add_paragraph("Facilitator: said in a turn, not metadata")

    (doc,) = read_document_bytes(_docx_bytes(build), "session.docx").documents
    assert doc.kind == "session" and doc.facilitators == ("Bob Example",) and doc.no_quote == ("Ann Example",)
    assert [s.speaker for s in doc.segments] == ["Ann Example", "Bob Example"] * 2

    def with_table(d):
        table = d.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Facilitator", "Ann Example"
        build(d)

    (doc,) = read_document_bytes(_docx_bytes(with_table), "session.docx").documents
    assert doc.facilitators == ("Bob Example",)  # the paragraph before the turns wins over the table


EXPECTED_REJECTIONS = {
    "empty.md": "the file is empty",
    "image_named.txt": "binary file",
    "latin1_export.csv": "not valid UTF-8 at byte 50",
    "truncated.jsonl": "line 2 is not valid JSON",
    "truncated.docx": "not a valid DOCX file",
    "bad_timestamps.vtt": "bad timestamp at line 8",
    "missing_text_column.csv": "no story text column",
    "bad_front_matter.md": "front matter is not valid YAML",
    "unclosed_front_matter.md": "never closed",
    "bad_timing.srt": "block 1 has a bad timing line",
    "ragged_row.csv": "row 3 has 4 fields but the header has 3",
    "report.pdf": "does not read .pdf files",
    "no_cues.vtt": "no cues with text",
}


def test_every_broken_fixture_is_covered() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED_REJECTIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED_REJECTIONS))
def test_broken_files_raise_one_line_reason_with_fix(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_document_bytes((BROKEN / name).read_bytes(), name)
    reason = info.value.reason(name)
    assert EXPECTED_REJECTIONS[name] in reason
    assert reason.startswith(f"{name}: ") and "; fix: " in reason and "\n" not in reason


def test_exact_message_for_missing_text_column() -> None:
    with pytest.raises(InputError) as info:
        read_document_bytes((BROKEN / "missing_text_column.csv").read_bytes(), "m.csv")
    assert info.value.reason("m.csv") == (
        "m.csv: no story text column (none of the 5 header cells is a known text column name); "
        "fix: name the column with the story one of: text, story, body, narrative, content, story_text, "
        "description, sentence"
    )


def test_normalise_text_repairs_and_cleans() -> None:
    raw = "CafÃ©\u202e  au   lait\r\n\r\n\r\nsecond\x07 para  "
    assert normalise_text(raw) == "Café au lait\n\nsecond para"


_names = st.sampled_from(["Ann Example", "Bob O'Neill", "Dr Chi Example", "Dee Example-Smith"])
_texts = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,?!'"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() and not t.strip().startswith(("NOTE", "STYLE", "REGION")))


def _ts(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_names, _texts, st.integers(1, 20000)), min_size=1, max_size=12))
def test_vtt_round_trip(cues: list[tuple[str, str, int]]) -> None:
    lines = ["WEBVTT", ""]
    t = 0.0
    expected: list[tuple[str, float]] = []
    for i, (name, text, dur_ms) in enumerate(cues):
        start, end = t, t + dur_ms / 1000
        lines += [f"cue-{i}", f"{_ts(start)} --> {_ts(end)}", f"<v {name}>{text}</v>", ""]
        if not expected or expected[-1][0] != name:
            expected.append((name, round(start, 3)))
        t = end + 0.5
    (doc,) = read_document_bytes("\n".join(lines).encode(), "x.vtt").documents
    assert [(s.speaker, s.start_s) for s in doc.segments] == expected
    for seg in doc.segments:
        assert seg.end_s is not None and seg.start_s is not None and seg.end_s >= seg.start_s


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_a_reader(data: bytes) -> None:
    for name in ("x.csv", "x.jsonl", "x.md", "x.txt", "x.vtt", "x.srt", "x.docx", "x.tsv"):
        with contextlib.suppress(InputError):
            read_document_bytes(data, name)


def test_fixture_paths_exist() -> None:
    assert isinstance(GOOD, Path) and len(list(GOOD.iterdir())) >= 8


@pytest.mark.parametrize(
    ("data", "name", "secret"),
    [
        (b"Doreen Hartley,doreen@example.com,07700 900123\nx,y,z\n", "h.csv", "Doreen"),
        (b"1\nDoreen 07700 900123 --> later\nhello\n", "t.srt", "07700"),
        (b"WEBVTT\n\n00:00:01.000 --> Doreen Hartley\nhello\n", "t.vtt", "Doreen"),
        (b'{"text": "a story", "consent": "only if Doreen agrees"}\n', "c.jsonl", "Doreen"),
        (b'{"text": "a story", "date": "Doreen 5 May"}\n', "d.jsonl", "Doreen"),
    ],
)
def test_rejection_reasons_quote_no_content(data: bytes, name: str, secret: str) -> None:
    # A rejection reason is written to ingest_log: it describes the problem, never quotes the file.
    with pytest.raises(InputError) as info:
        read_document_bytes(data, name)
    assert secret not in info.value.reason(name)


def test_jsonl_author_objects_give_their_names_not_their_other_fields() -> None:
    lines = [
        '{"text": "We paused the round.", "author": {"name": "Nia Example", "grade": "Band 6"}}',
        '{"text": "We paused again.", "author": [{"given": "Ola", "family": "Example"}, "Tom Sample"]}',
        '{"text": "A third story.", "facilitator": [{"display_name": "Rae Test"}]}',
    ]
    result = read_document_bytes("\n".join(lines).encode(), "stories.jsonl")
    first, second, third = result.documents
    assert first.author == "Nia Example"
    assert second.author == "Ola Example; Tom Sample"
    assert third.facilitators == ("Rae Test",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-03 07:45", date(2025, 3, 3)),
        ("14/03/2025 09:12:05", date(2025, 3, 14)),
        ("2025-03-03T07:45:00Z", date(2025, 3, 3)),
        ("03.03.2025", date(2025, 3, 3)),
        ("2025-03-03 7:45 GMT", date(2025, 3, 3)),
    ],
)
def test_a_date_with_a_time_is_read_as_its_date(value: str, expected: date) -> None:
    """A log or a spreadsheet exports dates with times ("2025-03-03 07:45"): the row is read, not the file rejected."""
    assert parse_date(value) == expected


def test_a_tsv_log_with_times_in_its_date_column_is_read() -> None:
    data = b"date\tauthor\trole\tnarrative\n2025-03-03 07:45\tA. Nurse\tStaff Nurse\tQuiet night on the wing.\n"
    docs = read_document_bytes(data, "handover_log.tsv").documents
    assert len(docs) == 1 and docs[0].recorded_at == date(2025, 3, 3)
    with pytest.raises(InputError, match="write dates as YYYY-MM-DD"):
        parse_date("yesterday")


def test_a_speaker_whose_name_starts_with_a_letter_beyond_ascii() -> None:
    """ "Dr Şahin: …", "Łukasz: …": a transcript whose first speaker's name starts with Ş or Ł was rejected whole."""
    data = "Dr Şahin: Okay, this is the debrief.\n\nŁukasz Nowak: Thanks.\n\nDr Şahin: Who starts?\n".encode()
    docs = read_document_bytes(data, "debrief.txt").documents
    assert [s.speaker for s in docs[0].segments] == ["Dr Şahin", "Łukasz Nowak", "Dr Şahin"]
