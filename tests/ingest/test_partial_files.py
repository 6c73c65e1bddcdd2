"""A file with a few malformed parts loses only those parts, with a warning row; a mostly bad file is rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from storymine.ingest.errors import InputError
from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file
from storymine.ingest.readers import read_document_bytes

GOOD_LINE = '{{"id": "S-{n}", "title": "t{n}", "text": "Story {n}: I was unsure about the plan and asked."}}'


def _jsonl(n_good: int, cut_at: int) -> bytes:
    lines = [GOOD_LINE.format(n=i) for i in range(1, n_good + 1)]
    lines.insert(cut_at - 1, '{"id": "S-x", "text": "Mrs Hepzibah Quarrington was cut off in the mid')
    return "\n".join(lines).encode()


def test_a_cut_off_json_line_is_skipped_and_the_other_stories_are_read() -> None:
    result = read_document_bytes(_jsonl(4, cut_at=3), "export.jsonl")
    assert [d.locator for d in result.documents] == ["line=1", "line=2", "line=4", "line=5"]
    (note,) = result.skipped
    assert note.startswith("line 3 is not valid JSON (Unterminated string")
    assert "(skipped); fix: write one complete JSON object per line" in note
    assert "Hepzibah" not in note  # a note describes the problem; it never quotes the line


def test_a_json_line_that_is_not_an_object_is_skipped() -> None:
    data = "\n".join([GOOD_LINE.format(n=1), '["a", "list"]', GOOD_LINE.format(n=2)]).encode()
    result = read_document_bytes(data, "export.jsonl")
    assert len(result.documents) == 2
    assert result.skipped == ["line 2 is not a JSON object (skipped); fix: write one JSON object per line"]


def test_a_mostly_bad_file_is_rejected_whole_with_its_first_problem() -> None:
    data = "\n".join([GOOD_LINE.format(n=1), "{not json", "also not"]).encode()
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        read_document_bytes(data, "export.jsonl")


def test_csv_banner_lines_above_the_header_are_skipped_with_a_note() -> None:
    data = (
        b"Incident export - run by Zebedee Farquharson 03/03/2026\n"
        b"Filter: all open\n"
        b"story_id,title,story\n"
        b'R-1,One,"I nearly missed the allergy."\n'
        b'R-2,Two,"We tried a new handover sheet."\n'
    )
    result = read_document_bytes(data, "datix.csv")
    assert [d.locator for d in result.documents] == ["row=4", "row=5"]  # rows counted as the file's lines
    texts = [d.segments[0].text for d in result.documents]
    assert texts == ["I nearly missed the allergy.", "We tried a new handover sheet."]
    assert result.notes == ["2 line(s) above the header skipped"]
    assert not result.skipped


def test_a_semicolon_csv_below_a_banner_finds_its_delimiter() -> None:
    data = b"Export;2026\n\nid;story\n1;First story here.\n"
    (doc,) = read_document_bytes(data, "x.csv").documents
    assert doc.segments[0].text == "First story here."


def test_a_csv_without_a_banner_keeps_its_row_numbers() -> None:
    data = b'story_id,story\nR-1,"One."\nR-2,"Two."\n'
    assert [d.locator for d in read_document_bytes(data, "x.csv").documents] == ["row=2", "row=3"]


def test_a_ragged_csv_row_is_skipped_and_the_rest_read() -> None:
    data = 'story_id,title,story\nR-1,One,"fine"\nR-2,Two,"has, an",extra field\nR-3,Three,"fine too"\nR-4,Four,"ok"\n'
    result = read_document_bytes(data.encode(), "x.csv")
    assert [d.locator for d in result.documents] == ["row=2", "row=4", "row=5"]
    assert result.skipped == [
        "row 3 has 4 fields but the header has 3 (skipped); fix: quote fields that contain the delimiter "
        "or line breaks, then export again"
    ]


def test_an_srt_block_with_a_bad_timing_line_keeps_its_text_without_times() -> None:
    data = (
        b"1\n00:00:01,000 --> 00:00:03,000\nA: First.\n\n"
        b"2\n00:00:04 --> 00:00:06\nB: The bad one.\n\n"
        b"3\n00:00:07,000 --> 00:00:09,000\nA: Third.\n"
    )
    result = read_document_bytes(data, "s.srt")
    (doc,) = result.documents
    assert [(s.speaker, s.text, s.start_s) for s in doc.segments] == [
        ("A", "First.", 1.0),
        ("B", "The bad one.", None),
        ("A", "Third.", 7.0),
    ]
    assert result.skipped == [
        "block 2 has a bad timing line (its text kept without times); fix: SRT timings look like "
        "00:01:02,345 --> 00:01:05,000"
    ]


def test_an_srt_block_without_a_timing_line_is_skipped() -> None:
    data = b"1\n00:00:01,000 --> 00:00:03,000\nA: First.\n\n2\nB: no timing.\n\n"
    data += b"3\n00:00:07,000 --> 00:00:09,000\nC: Third.\n"
    result = read_document_bytes(data, "s.srt")
    assert [s.text for s in result.documents[0].segments] == ["First.", "Third."]
    assert result.skipped == ["block 2 has no timing line (skipped); fix: export the subtitles again as SRT"]


def test_a_vtt_cue_that_ends_before_it_starts_keeps_its_text() -> None:
    data = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>One.</v>\n\n"
        b"00:00:09.000 --> 00:00:04.000\n<v Bob>Two.</v>\n\n"
        b"00:00:10.000 --> 00:00:12.000\n<v Ann>Three.</v>\n"
    )
    result = read_document_bytes(data, "m.vtt")
    assert [s.text for s in result.documents[0].segments] == ["One.", "Two.", "Three."]
    assert result.skipped == [
        "cue at line 6 ends before it starts (its text kept without times); fix: fix the cue times or export again"
    ]


def test_the_pipeline_accepts_the_file_and_logs_a_warning_row(tmp_path: Path, fake_ctx: IngestContext) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(_jsonl(3, cut_at=2))
    result = ingest_file(InputFile(path, "export.jsonl"), fake_ctx)
    assert result.outcome.status == "accepted" and result.outcome.n_documents == 3
    assert "1 malformed part(s) skipped or repaired" in result.outcome.reason
    _accepted, warning = result.log_results()
    assert warning.outcome.status == "warning" and warning.outcome.n_documents == 0
    assert warning.outcome.reason.startswith("line 2 is not valid JSON")
    assert "Hepzibah" not in warning.outcome.reason
