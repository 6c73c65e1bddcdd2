from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from storymine.ingest.pipeline import IngestContext, InputFile, discover, ingest_file
from storymine.privacy.redacted import redactor_output

from ..conftest import FIXTURES


def test_discover_lists_every_file_including_unsupported_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("hello")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.md").write_text("x")
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    rels = [f.rel for f in discover([tmp_path])]
    assert rels == ["a.md", "dangling.md", "sub/b.pdf"]


def test_dangling_link_is_rejected_not_dropped(tmp_path: Path, fake_ctx: IngestContext) -> None:
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    (item,) = discover([tmp_path])
    result = ingest_file(item, fake_ctx)
    assert result.outcome.status == "rejected"
    assert result.outcome.reason.startswith("dangling.md: cannot read the file")


def test_story_is_redacted_pseudonymised_and_split(fake_ctx: IngestContext) -> None:
    path = FIXTURES / "good" / "stories.jsonl"
    result = ingest_file(InputFile(path, "stories.jsonl"), fake_ctx)
    assert result.outcome.status == "accepted"
    assert result.outcome.n_documents == 2 and result.outcome.n_duplicates == 1  # line 3 repeats line 1
    assert "line=3 repeats stories.jsonl#line=1" in result.outcome.reason
    doc = result.documents[0]
    assert doc.author == "S1"  # a per-document tag; the stable pseudonym is only in `contributors`
    assert [tag for tag, _ in doc.contributors] == ["S1"] and doc.contributors[0][1].startswith("P-")
    seg = doc.segments[0]
    assert seg.sentence_starts == (0, 33)
    # (the fake redactor numbers the file's known names by length: the other line's people count too)
    assert re.fullmatch(
        r"They were not, and Mr \[PERSON_\d\] fell\.", seg.text[seg.sentence_starts[1] : seg.sentence_ends[1]]
    )
    assert seg.speaker == doc.author and seg.quotable is True
    assert result.documents[1].segments[0].quotable is False  # consent_to_quote: false


def test_session_roles_consent_and_pseudonyms(fake_ctx: IngestContext) -> None:
    path = FIXTURES / "good" / "2025-10-20_adult-social-care_speaker-text.txt"
    (doc,) = ingest_file(InputFile(path, path.name), fake_ctx).documents
    roles = [s.speaker_role for s in doc.segments]
    assert roles == ["facilitator", "participant", "participant"]
    assert [s.quotable for s in doc.segments] == [True, False, True]  # Carl Example: no_quote
    assert doc.speakers == ("S1", "S2", "S3")
    assert len({p for _, p in doc.contributors}) == 3
    assert all("Carl" not in s.text for s in doc.segments)  # known names redacted in text


def test_unchanged_file_is_not_read_again(fake_ctx: IngestContext) -> None:
    path = FIXTURES / "good" / "stories.jsonl"
    first = ingest_file(InputFile(path, "stories.jsonl"), fake_ctx)
    assert first.outcome.file_hash is not None
    again = ingest_file(
        InputFile(path, "stories.jsonl"),
        fake_ctx,
        unchanged={first.outcome.path_key: (first.outcome.file_hash, "stories.jsonl")},
    )
    assert again.outcome.status == "unchanged" and again.documents == []


def test_same_document_from_an_earlier_run_of_the_same_file_is_not_a_duplicate(
    fake_ctx: IngestContext,
) -> None:
    path = FIXTURES / "good" / "stories.jsonl"
    first = ingest_file(InputFile(path, "stories.jsonl"), fake_ctx)
    before = {d.doc_id: redactor_output("stories.jsonl#line=1") for d in first.documents}  # as stored
    again = ingest_file(InputFile(path, "stories.jsonl"), fake_ctx, seen_before=before)
    assert again.outcome.n_documents == 2
    other = ingest_file(InputFile(path, "copy.jsonl"), fake_ctx, seen_before=before)
    assert other.outcome.n_documents == 0 and other.outcome.n_duplicates == 3


def test_doc_ids_are_content_hashes(fake_ctx: IngestContext, tmp_path: Path) -> None:
    path = FIXTURES / "good" / "2025-09-03_mental-health-crisis_debrief.srt"
    a = ingest_file(InputFile(path, path.name), fake_ctx).documents[0]
    b = ingest_file(InputFile(path, path.name), fake_ctx).documents[0]
    assert a.doc_id == b.doc_id and len(a.doc_id) == 20
    assert len({s.segment_id for s in a.segments}) == len(a.segments)


@pytest.mark.slow
def test_a_10_mb_single_line_is_ingested(tmp_path: Path) -> None:
    from storymine.privacy import RedactionConfig, Redactor

    line = ("I was not sure whether to call Dr Example about it, so I rang 07700 900123. " * 140_000)[:10_000_000]
    path = tmp_path / "long.txt"
    path.write_text(line)
    ctx = IngestContext(redactor=Redactor(RedactionConfig(ner="off")), pseudonymise=lambda n: "P-1", run_id="r")
    result = ingest_file(InputFile(path, "long.txt"), ctx)
    assert result.outcome.status == "accepted", result.outcome.reason
    text = result.documents[0].segments[0].text
    assert "07700 900123" not in text and "[PHONE_1]" in text


def test_csv_export_neutralises_formulas() -> None:
    from storymine.cli import _csv_safe

    assert _csv_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _csv_safe("@SUM(A1)") == "'@SUM(A1)" and _csv_safe("plain") == "plain" and _csv_safe(3) == 3


def test_released_result_keeps_its_counts_but_not_its_documents(fake_ctx: IngestContext) -> None:
    path = FIXTURES / "good" / "stories.jsonl"
    result = ingest_file(InputFile(path, "stories.jsonl"), fake_ctx)
    n_docs, n_segs = result.n_documents, result.n_segments
    assert n_docs == 2 and n_segs == sum(len(d.segments) for d in result.documents) > 0
    slim = result.release()
    assert slim.documents == [] and slim.outcome == result.outcome
    assert (slim.n_documents, slim.n_segments) == (n_docs, n_segs)
    assert slim.release().n_segments == n_segs


def test_unchanged_files_are_set_aside_before_any_redactor_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An incremental run starts no worker and loads no model for files with the same bytes as before."""
    import hashlib

    from storymine.config import Settings
    from storymine.privacy import pseudonymise
    from storymine.stages import ingest as stages

    monkeypatch.setenv("STORYMINE_PSEUDONYM_KEY", "a-test-key-long-enough-for-hmac-32b")
    files = []
    for i in range(4):
        path = tmp_path / f"story_{i}.md"
        path.write_text(f"---\ntitle: Story {i}\n---\nWe tried a new handover sheet on ward {i}.\n", encoding="utf-8")
        files.append(InputFile(path, path.name))
    unchanged = {
        pseudonymise(f.rel, b"a-test-key-long-enough-for-hmac-32b"): (
            hashlib.sha256(f.path.read_bytes()).hexdigest(),
            f"logged/{f.rel}",
        )
        for f in files
    }
    previous = stages.PreviousState(unchanged=unchanged, seen={})
    settings = Settings.model_validate({"privacy": {"ner": "off"}})

    def no_context(*args: object) -> None:
        raise AssertionError("an ingest context was built for unchanged files")

    monkeypatch.setattr(stages, "build_ingest_context", no_context)
    # nothing to ingest: the run's pre-pass over the files' metadata people is skipped too
    assert not stages.any_to_ingest(files, settings, previous)
    results = stages.ingest_in_processes(files, settings, "R1", previous, workers=2)
    assert [r.outcome.status for r in results] == ["unchanged"] * 4
    assert [r.outcome.path for r in results] == [f"logged/{f.rel}" for f in files]

    monkeypatch.undo()
    monkeypatch.setenv("STORYMINE_PSEUDONYM_KEY", "a-test-key-long-enough-for-hmac-32b")
    files[2].path.write_text("---\ntitle: Story 2\n---\nWe piloted a new rota.\n", encoding="utf-8")
    assert stages.any_to_ingest(files, settings, previous)
    results = stages.ingest_in_processes(files, settings, "R2", previous, workers=2)
    assert [r.outcome.status for r in results] == ["unchanged", "unchanged", "accepted", "unchanged"]
    assert results[2].documents and "rota" in results[2].documents[0].segments[0].text


def test_role_labels_are_no_names_for_the_file_name(tmp_path: Path) -> None:
    """A call recording's speakers "call handler" and "caller" name nobody: its file name keeps "call" and "stt"."""
    from storymine.privacy import RedactionConfig, Redactor

    cues = [
        ("call handler", "nhs one one one you're speaking to kelly is the patient with you"),
        ("caller", "yeah it's my dad he's had a fall"),
        ("call handler", "ok can i take his name please"),
        ("caller", "john tyson and i'm his daughter"),
    ]
    blocks = [
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\n{who}: {said}\n" for i, (who, said) in enumerate(cues, 1)
    ]
    path = tmp_path / "2025-02-03_nhs111-cumbria_call-0417-stt.srt"
    path.write_text("\n".join(blocks))
    ctx = IngestContext(redactor=Redactor(RedactionConfig(ner="off")), pseudonymise=lambda n: "P-1", run_id="r")
    result = ingest_file(InputFile(path, path.name), ctx)
    assert result.outcome.status == "accepted", result.outcome.reason
    assert str(result.outcome.path) == "2025-02-03_nhs111-cumbria_call-0417-stt.srt"
