"""The commands: bad input is one line and writes nothing (fast); a real run exported and read back (slow)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from lxml import etree
from typer.testing import CliRunner

from storymine.cli import app
from storymine.exchange.ids import source_guid, subtype_guid
from storymine.exchange.schema import SCHEMA_DIR
from storymine.store import Store

from ..conftest import FIXTURES, run_storymine
from .conftest import Q, edit_qdpx, refi_schema, rezip

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


# -- fast: bad input, one line each, nothing written --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"not a zip at all",
            "not a REFI-QDA project: the file is not a zip archive; export a .qdpx project from your QDA tool",
        ),
        (
            rezip({"Sources/a.txt": b"x"}),
            "not a REFI-QDA project: the zip holds no project.qde at its top level "
            "(a .qdpx holds project.qde and a Sources folder)",
        ),
        (
            rezip({"project.qde": b"<Project xmlns='urn:QDA-XML:project:1.0'/>"}),
            "project.qde does not validate against the REFI-QDA 1.0 schema: line 1: Element 'Project': "
            "The attribute 'name' is required but missing.",
        ),
        (
            rezip({"project.qde": b"<Project xmlns='urn:QDA-XML:project:1.1' name='x'/>"}),
            "project.qde uses QDA-XML project version '1.1'; storymine reads version 1.0 (urn:QDA-XML:project:1.0): "
            "export the project from your tool again as REFI-QDA 1.0",
        ),
    ],
)
def test_import_of_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "out").mkdir()
    bad = tmp_path / "review.qdpx"
    bad.write_bytes(content)
    result = _run("import-codes", str(bad), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"error: {bad}: {message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "review.qdpx"]


def test_brackets_in_names_are_printed_as_they_are(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    bad = tmp_path / "review [signals].qdpx"
    bad.write_bytes(b"nope")
    result = _run("import-codes", str(bad), "--out", str(tmp_path / "out"))
    assert result.output.startswith(f"error: {bad}: not a REFI-QDA project")


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    missing = _run("import-codes", str(tmp_path / "nope.qdpx"), "--out", str(tmp_path))
    assert (
        missing.output == f"error: {tmp_path / 'nope.qdpx'} does not exist; give the .qdpx project the reviewer saved\n"
    )
    wrong = _run("export", "qdpx", str(tmp_path / "review.zip"), "--out", str(tmp_path))
    assert wrong.output == f"error: {tmp_path / 'review.zip'}: give a file name ending in .qdpx\n"
    no_out = _run("export", "qdc", str(tmp_path / "codes.qdc"), "--out", str(tmp_path / "none"))
    assert no_out.output == (
        f"error: no tables at {tmp_path / 'none'}; run `storymine run INPUT --out {tmp_path / 'none'}` first\n"
    )
    no_folder = _run("export", "qdpx", str(tmp_path / "a" / "b.qdpx"), "--out", str(tmp_path))
    assert (
        no_folder.output
        == f"error: {tmp_path / 'a' / 'b.qdpx'}: the folder {tmp_path / 'a'} does not exist; create it first\n"
    )
    assert all(r.exit_code == 1 for r in (missing, wrong, no_out, no_folder))


# -- slow: a real run on a couple of fixture files ---------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run on two fixture folders, in a subprocess: no Prefect server threads stay in this process
    (later tests fork worker processes)."""
    tmp = tmp_path_factory.mktemp("exchange")
    out = tmp / "out"
    done = run_storymine([str(FIXTURES / "good"), str(FIXTURES / "redteam"), "--out", str(out)], tmp)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.slow
def test_export_of_a_real_run_validates_and_holds_every_signal(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.qdpx"
    result = _run("export", "qdpx", str(target), "--out", str(built))
    assert result.exit_code == 0, result.output
    n_docs = Store(str(built)).connect().execute("select count(*) from documents").fetchone()
    assert n_docs is not None and result.output.startswith(f"wrote {target}: {n_docs[0]} documents, ")
    members = _members(target)
    root = etree.fromstring(members["project.qde"])
    schema = refi_schema("Project.xsd")
    assert schema.validate(root), schema.error_log
    coded = set()
    for src in root.iter(f"{Q}TextSource"):
        text = members[f"Sources/{src.get('guid')}.txt"].decode()
        for sel in src.iterchildren(f"{Q}PlainTextSelection"):
            span = text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
            coded |= {(src.get("guid"), span, r.get("targetGUID")) for r in sel.iter(f"{Q}CodeRef")}
    signals = Store(str(built)).connect().execute("select doc_id, kind, subtype, sentence from signals").fetchall()
    assert len(signals) > 10
    for doc_id, kind, subtype, sentence in signals:
        assert (source_guid(doc_id), sentence, subtype_guid(kind, subtype)) in coded
    qdc = tmp_path / "codes.qdc"
    assert _run("export", "qdc", str(qdc), "--out", str(built)).exit_code == 0
    cb = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "Codebook.xsd")))
    assert cb.validate(etree.fromstring(qdc.read_bytes()))


@pytest.mark.slow
def test_no_planted_personal_data_reaches_the_export(built: Path, tmp_path: Path) -> None:
    from ..test_redteam import _leaks, _planted

    target = tmp_path / "review.qdpx"
    assert _run("export", "qdpx", str(target), "--out", str(built)).exit_code == 0
    dump = "\n".join(data.decode("utf-8") for data in _members(target).values())
    values = [v for v in _planted() if len(v) > 2]
    assert len(values) > 50
    assert _leaks(dump, values) == []
    assert "margaret" not in dump.casefold()  # a name in a file name


@pytest.mark.slow
def test_unchanged_project_reads_back_with_no_disagreement(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.qdpx"
    assert _run("export", "qdpx", str(target), "--out", str(built)).exit_code == 0
    result = _run("import-codes", str(target), "--out", str(built))
    assert result.exit_code == 0, result.output
    assert "\n0 disagreements; " in result.output
    summary = json.loads((tmp_path / "review.import.json").read_text())
    assert summary["disagreements"] == 0 and summary["unmatched"] == [] and summary["run_from_project"]
    assert (tmp_path / "review.labels.csv").is_file() and not (tmp_path / "review.user-codes.qdc").exists()


@pytest.mark.slow
def test_a_project_from_another_output_is_one_line(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.qdpx"
    assert _run("export", "qdpx", str(target), "--out", str(built)).exit_code == 0

    def other_run(root: Any, texts: dict[str, str]) -> None:
        description = root.find(f"{Q}Description")
        description.text = re.sub(r'"run_id": "[^"]+"', '"run_id": "20990101T000000Z-other"', description.text)

    other = tmp_path / "other.qdpx"
    other.write_bytes(edit_qdpx(target.read_bytes(), other_run))
    result = _run("import-codes", str(other), "--out", str(built))
    assert result.exit_code == 1
    assert result.output == (
        f"error: {other} was exported from run 20990101T000000Z-other, which {built} does not hold; give the "
        "--out it was exported from, or --run RUN_ID to compare with another run\n"
    )
    bad_run = _run("import-codes", str(target), "--out", str(built), "--run", "nope")
    assert bad_run.output == (
        f"error: no run 'nope' in {built}; list the runs with: "
        f'storymine query "select run_id, status from runs" --out {built}\n'
    )
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob("*.json"))


@pytest.mark.slow
def test_an_edited_copy_trains_and_changes_the_model(built: Path, tmp_path: Path) -> None:
    from storymine.signals.sentence_model import load_models

    target = tmp_path / "review.qdpx"
    assert _run("export", "qdpx", str(target), "--out", str(built)).exit_code == 0

    def uncode_every_other(root: Any, texts: dict[str, str]) -> None:
        n = 0
        for sel in root.iter(f"{Q}PlainTextSelection"):
            if "storymine theme" in (sel.findtext(f"{Q}Description") or ""):
                continue
            n += 1
            if n % 2:
                for coding in sel.findall(f"{Q}Coding"):
                    sel.remove(coding)

    edited = tmp_path / "edited.qdpx"
    edited.write_bytes(edit_qdpx(target.read_bytes(), uncode_every_other))
    result = _run("import-codes", str(edited), "--out", str(built), "--labels", str(tmp_path / "labels.csv"))
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "labels.import.json").read_text())  # named after --labels
    assert summary["disagreements"] > 0 and summary["unmatched"] == []
    weights = tmp_path / "w.npz"
    train = [
        sys.executable,
        "-m",
        "storymine.cli",
        "train-signals",
        str(tmp_path / "labels.csv"),
        "--out",
        str(weights),
    ]
    trained = subprocess.run(train, capture_output=True, text=True, timeout=600, check=False)  # spaCy stays out of here
    assert trained.returncode == 0, trained.stderr
    new, packaged = load_models(weights), load_models(None)
    changed = [k for k in new if not np.array_equal(new[k].vector(), packaged[k].vector())]
    assert changed, "training on the reviewer's labels changed no kind's model"
