"""Facilitators found: metadata, configuration, or the transcript's evidence; a warning when guessed (#15)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from storymine.config import ConfigError, load_settings
from storymine.ingest.facilitators import detect_facilitator, resolve_facilitators, weigh_speakers
from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file, log_results
from storymine.types import RawDocument, RawSegment

# An invented session: the facilitator opens, hands over, asks and closes.
TURNS = [
    ("Wren Halloway", "Hi everyone, welcome. Usual ground rules: this is a safe space, no blame. Who'd like to start?"),
    ("Ode Marchetti", "Hi."),
    ("Ode Marchetti", "I'll go. Last month on nights we had a man whose sats kept dropping and I wasn't sure."),
    ("Pim Carver", "Dropping how far?"),
    ("Ode Marchetti", "Into the high eighties. I rang the registrar and she came up in ten minutes."),
    ("Wren Halloway", "What made you pick up the phone rather than wait?"),
    ("Ode Marchetti", "He just looked different to me, greyer than at the start of the shift."),
    ("Pim Carver", "We had one like that in June, and we waited, and we should not have waited."),
    ("Wren Halloway", "How did that feel, looking back on it now?"),
    ("Pim Carver", "Pretty rotten, to be honest, but we changed the escalation card after it."),
    ("Wren Halloway", "Does anyone else want to add something before we wrap up?"),
    ("Ode Marchetti", "Only that trusting your gut is allowed."),
    ("Wren Halloway", "Thanks, everyone. See you all next month."),
    ("Pim Carver", "Thanks."),
]


def session(turns: Sequence[tuple[str | None, str]], facilitators: tuple[str, ...] = ()) -> RawDocument:
    segments = tuple(RawSegment(text, speaker) for speaker, text in turns)
    return RawDocument("session", "s.srt", "", segments, facilitators=facilitators)


def test_the_speaker_who_opens_asks_and_closes_is_found() -> None:
    found = detect_facilitator(session(TURNS).segments)
    assert found.speaker == "Wren Halloway"
    assert "opens the session" in found.evidence and "asks 4 of 5 questions" in found.evidence
    assert "Wren" not in found.evidence and "Ode" not in found.evidence


def test_a_chat_of_equals_gets_no_guess() -> None:
    chat: list[tuple[str | None, str]] = [
        ("Ada", "Did you see the new rota for next month?"),
        ("Bo", "I did, are we both on the Friday nights again?"),
        ("Ada", "Looks like it, do you want to swap one of them?"),
        ("Bo", "Maybe, can I tell you on Monday after I ask home?"),
    ]
    found = detect_facilitator(session(chat).segments)
    assert found.speaker is None and "too weak" in found.evidence
    evidence = weigh_speakers(session(chat).segments)
    assert {e.speaker for e in evidence} == {"Ada", "Bo"}


def test_unnamed_turns_and_a_single_speaker_stay_unknown() -> None:
    assert detect_facilitator(session([(None, "Who'd like to start?"), (None, "Me.")]).segments).speaker is None
    assert detect_facilitator(session([("Ada", "Welcome, who'd like to start?")]).segments).evidence == (
        "only one speaker"
    )


def test_metadata_wins_and_needs_no_warning() -> None:
    raw = session(TURNS, facilitators=("Pim Carver",))
    same, how = resolve_facilitators(raw, configured=("Wren Halloway",))
    assert same is raw and how.source == "metadata" and how.speakers == ("Pim Carver",)
    assert how.warning(["S3"]) is None


def test_a_metadata_name_that_never_speaks_is_reported_and_the_speaker_detected() -> None:
    raw = session(TURNS, facilitators=("Wren H. Somebody-Else",))
    resolved, how = resolve_facilitators(raw)
    assert how.source == "detected" and "Wren Halloway" in resolved.facilitators
    assert "speaks in no turn" in (how.warning(["S1"]) or "")


def test_configured_labels_name_the_facilitator() -> None:
    turns = [("Host", text) if who == "Wren Halloway" else (who, text) for who, text in TURNS]
    resolved, how = resolve_facilitators(session(turns), configured=("host", "Someone Else"))
    assert how.source == "config" and resolved.facilitators == ("Host",) and how.warning() is None
    # "Speaker 1" is not "Speaker 2" (identity keys drop digits; configured labels must not).
    numbered = [("Speaker 2", t) if w == "Wren Halloway" else ("Speaker 1", t) for w, t in TURNS]
    _, how = resolve_facilitators(session(numbered), configured=("Speaker 1",))
    assert how.source == "config" and how.speakers == ("Speaker 1",)


def test_detection_can_be_switched_off() -> None:
    resolved, how = resolve_facilitators(session(TURNS), detect=False)
    assert resolved.facilitators == () and how.source == "unknown"
    assert how.warning() is not None and "facilitator unknown" in (how.warning() or "")


def write_srt(path: Path, turns: Sequence[tuple[str, str]]) -> None:
    blocks = [
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{who}: {text}\n" for i, (who, text) in enumerate(turns, 1)
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")


def test_a_guessed_facilitator_gets_the_role_and_one_warning_row(tmp_path: Path, fake_ctx: IngestContext) -> None:
    path = tmp_path / "2025-04-10_team_a-session.srt"
    write_srt(path, TURNS)
    result = ingest_file(InputFile(path, path.name), fake_ctx)
    assert result.outcome.status == "accepted"
    (doc,) = result.documents
    roles = {s.speaker: s.speaker_role for s in doc.segments}
    assert roles["S1"] == "facilitator" and set(roles.values()) == {"facilitator", "participant"}
    (warning,) = result.warnings
    assert warning.startswith("session: S1 taken as facilitator: none named; guessed from its turns")
    assert "storymine.toml [ingest] facilitators" in warning
    for name in ("Wren", "Halloway", "Ode", "Pim", "Carver"):
        assert name not in warning
    rows = log_results([result])
    assert [r.outcome.status for r in rows] == ["accepted", "warning"]
    assert rows[1].outcome.path == rows[0].outcome.path and rows[1].outcome.n_documents == 0
    assert result.release().warnings == result.warnings


def test_configured_names_silence_the_warning(tmp_path: Path, fake_ctx: IngestContext) -> None:
    path = tmp_path / "session.srt"
    write_srt(path, TURNS)
    result = ingest_file(InputFile(path, path.name), replace(fake_ctx, facilitators=("wren halloway",)))
    assert result.warnings == () and len(log_results([result])) == 1
    assert {s.speaker_role for s in result.documents[0].segments if s.speaker == "S1"} == {"facilitator"}


def test_named_facilitators_and_stories_get_no_warning(fake_ctx: IngestContext) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "good"
    for path in sorted(fixtures.iterdir()):
        result = ingest_file(InputFile(path, path.name), fake_ctx)
        if result.outcome.status == "accepted" and all(d.kind == "story" for d in result.documents):
            assert result.warnings == (), path.name


def test_the_ingest_section_of_storymine_toml(tmp_path: Path) -> None:
    toml = tmp_path / "storymine.toml"
    toml.write_text('[ingest]\nfacilitators = ["Niamh Gallagher", "Host"]\ndetect_facilitators = false\n')
    settings = load_settings(toml)
    assert settings.ingest.facilitators == ("Niamh Gallagher", "Host") and not settings.ingest.detect_facilitators
    toml.write_text("[ingest]\nfacilitator = 'x'\n")
    with pytest.raises(ConfigError, match=r"unknown option 'ingest\.facilitator'"):
        load_settings(toml)


def test_a_ten_megabyte_turn_is_read_at_its_edges_only() -> None:
    long = "so it went on " * 700_000 + "and who would like to go next?"
    evidence = weigh_speakers(session([("Ada", long), ("Bo", "Hi all, welcome, who'd like to start?")]).segments)
    ada = next(e for e in evidence if e.speaker == "Ada")
    assert ada.opens and ada.questions == 1  # the question at the turn's end is seen, in linear time
