"""A bad file never stops the run, past ingestion too: the hostile fixtures plus a 10 MB line through the CLI,
and hypothesis-generated corpora through every stage (ingest, signals, themes, knowledge, report)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymine.store import Store

from .conftest import FIXTURES, ROOT, run_storymine

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "data" / "sample"


def _ten_megabyte_line(path: Path) -> None:
    sentence = "the handover went wrong and I was not sure what to do next time we will check the chart "
    line = (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000]
    path.write_text(line, encoding="utf-8")


def test_hostile_corpus_and_a_ten_megabyte_line_exit_0_with_signals_for_the_good_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(FIXTURES / "broken", inputs / "broken")
    good = sorted((SAMPLE / "stories" / "md").glob("*.md"))[:8]
    for path in good:
        shutil.copy(path, inputs / path.name)
    _ten_megabyte_line(inputs / "one_long_line.txt")
    out = tmp_path / "out"
    proc = run_storymine([str(inputs), "--out", str(out)], tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout + proc.stderr
    con = Store(str(out)).connect()
    logged = {path for (path,) in con.execute("select path from ingest_log").fetchall()}
    on_disk = {p.relative_to(inputs).as_posix() for p in inputs.rglob("*") if p.is_file()}
    assert len(logged) == len(on_disk) == 8 + 1 + len(list((FIXTURES / "broken").iterdir()))
    # the good files' signals are exactly what detection gives on their segments alone
    from storymine.config import Settings
    from storymine.stages.signals import detect_signals

    segments = Store(str(out)).read("segments")
    expected = detect_signals(segments[segments["source"] != "one_long_line.txt"], Settings())
    found = con.execute(
        "select signal_id from signals s join documents d using (doc_id) where d.source <> 'one_long_line.txt'"
    ).fetchall()
    assert len(expected) > 20 and {r[0] for r in found} == set(expected["signal_id"])
    (message,) = con.execute("select message from runs").fetchone() or ("",)
    assert "one_long_line.txt: 1 sentence(s) longer than 10,000 characters skipped (not prose)" in message
    assert "handover" not in message  # the note describes the text, never quotes it


# -- hypothesis: whole corpora of generated files through the whole pipeline (in-process, no Prefect) -----

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
_PROSE = st.lists(
    st.sampled_from(
        [
            "I wasn't sure whether the dose was right.",
            "We gave the wrong drug on the ward.",
            "Next time I will check the chart first.",
            "The family thanked the team.",
            "We tried a new checklist for a month.",
        ]
    ),
    max_size=8,
).map(" ".join)
_BODY = st.one_of(_TEXT, _PROSE, st.tuples(_PROSE, _TEXT).map("\n\n".join))


def _csv(rows: list[tuple[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["text", "community"])
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


_FILES = st.one_of(
    st.tuples(st.just("md"), st.tuples(_TEXT, _BODY).map(lambda t: f"---\ntitle: {t[0]}\n---\n{t[1]}".encode())),
    st.tuples(st.just("txt"), _BODY.map(str.encode)),
    st.tuples(st.just("csv"), st.lists(st.tuples(_BODY, _TEXT), max_size=4).map(_csv)),
    st.tuples(
        st.just("jsonl"),
        st.lists(st.fixed_dictionaries({"text": _BODY, "community": _TEXT}), max_size=4).map(
            lambda rows: "\n".join(json.dumps(r) for r in rows).encode()
        ),
    ),
    st.tuples(
        st.just("vtt"),
        st.lists(st.tuples(_TEXT, _BODY), max_size=4).map(
            lambda cues: (
                "WEBVTT\n\n"
                + "".join(
                    f"00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\n<v {n}>{b}\n\n" for i, (n, b) in enumerate(cues)
                )
            ).encode()
        ),
    ),
    st.tuples(st.sampled_from(["txt", "md", "csv", "jsonl", "vtt", "srt", "docx"]), st.binary(max_size=400)),
)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(_FILES, min_size=1, max_size=6))
def test_generated_corpora_never_stop_the_pipeline(files: list[tuple[str, bytes]]) -> None:
    from storymine.orchestrate import run_direct

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        good = sorted((SAMPLE / "stories" / "md").glob("*.md"))[:6]  # enough real stories for themes to fit
        for path in good:
            shutil.copy(path, inputs / path.name)
        for i, (ext, data) in enumerate(files):
            (inputs / f"generated_{i}.{ext}").write_bytes(data)
        config = root / "storymine.toml"
        config.write_text('[themes]\nembedding = "tfidf"\n[operations]\nworkers = 1\n')
        os.environ.setdefault("STORYMINE_KEY_FILE", str(Path(tempfile.gettempdir()) / "storymine-fuzz.key"))
        out = root / "out"
        summary = run_direct([str(inputs)], str(out), str(config))
        assert summary.status in {"succeeded", "partial"}, summary.message
        assert summary.n_files == len(files) + len(good)
        con = Store(str(out)).connect()
        (n_logged,) = con.execute("select count(*) from ingest_log where status <> 'warning'").fetchone() or (0,)
        assert n_logged == len(files) + len(good)
        orphans = con.execute("select count(*) from signals anti join documents using (doc_id)").fetchone()
        assert orphans == (0,)
        again = run_direct([str(inputs)], str(out), str(config))  # an unchanged rerun re-reads nothing
        assert again.n_accepted == 0 and again.n_unchanged == summary.n_accepted
