"""The sentence model: hashing, weights file, fitting, and detection without a rule cue."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from storymine.signals import SignalsConfig, extract_signals, train_signals
from storymine.signals.sentence_model import (
    N_BUCKETS,
    CandidateInfo,
    KindModel,
    TrainRow,
    WeightsError,
    fit_kind_model,
    hash_features,
    load_models,
    rule_features,
    save_models,
    sentence_features,
    word_list,
)

from .conftest import segments_frame


def test_features_are_stable_hashed_words_and_pairs() -> None:
    words = word_list(["We", "did", "n't", "check", "it", "twice", "in", "2023", ",", "?"])
    assert words == ["we", "did", "n't", "check", "it", "twice", "in", "0", "?"]
    feats = sentence_features(words)
    assert "w=check" in feats and "b=did n't" in feats and "b=<s> we" in feats and "question" in feats
    idx = hash_features(feats)
    assert idx.dtype == np.int64 and (idx >= 0).all() and (idx < N_BUCKETS).all()
    assert list(idx) == sorted(set(idx.tolist()))
    assert hash_features(["w=check"])[0] == 4142628518 % N_BUCKETS  # CRC-32, same in every process
    assert rule_features([]) == ["R:none"]
    neg = rule_features([CandidateInfo("err.mistake", "mistake", "mistake", True)])
    assert "R:neg:r=err.mistake" in neg and "R:allneg" in neg


def _rows(n: int = 120) -> list[TrainRow]:
    rows = []
    for i in range(n):
        pos = i % 2 == 0
        feats = ["<bias>", "w=wobbly" if pos else "w=steady", f"w=noise{i % 7}"]
        rows.append(TrainRow(hash_features(feats), int(pos), 1.0, "narrative", f"doc{i // 4}"))
    return rows


def test_fit_learns_a_separating_word_and_round_trips(tmp_path: Path) -> None:
    model = fit_kind_model(_rows())
    assert model is not None
    w = model.vector("narrative")
    assert w[hash_features(["w=wobbly"])[0]] > 0 > w[hash_features(["w=steady"])[0]]
    a, _, t = model.cal("narrative")
    assert a > 0 and 0.05 <= t <= 0.95
    path = save_models({"error": model}, tmp_path / "w.npz", {"recipe": "test"})
    back = load_models(path)["error"]
    assert back.intercept == pytest.approx(model.intercept)
    assert np.allclose(back.vector("narrative"), w, atol=1e-2)
    assert back.threshold("narrative") == pytest.approx(t)
    assert back.threshold("unknown-domain") == pytest.approx(t)  # falls back to narrative
    assert fit_kind_model([r for r in _rows() if r.label == 1]) is None  # one class: no model


def test_load_rejects_other_files(tmp_path: Path) -> None:
    p = tmp_path / "old.json.gz"
    p.write_text('{"format": "storymine-signals-weights/1"}', encoding="utf-8")
    with pytest.raises(WeightsError, match=r"old\.json\.gz.*train-signals"):
        load_models(p)
    empty = KindModel(np.zeros(N_BUCKETS, dtype=np.float32), {}, 0.0, {})
    assert empty.threshold() == 0.5


def _labels(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["sentence", "kind", "label"])
        w.writerows(rows)
    return path


def test_a_sentence_without_any_rule_cue_is_found_and_pointed_at(tmp_path: Path) -> None:
    """Recall does not depend on the cue lists: a word no rule lists is learned from labels."""
    rows = []
    for i in range(30):
        rows.append((f"The trolley on bay {i} was wobbly again.", "error", 1))
        rows.append((f"The trolley on bay {i} was parked by the door.", "error", 0))
    weights = train_signals(_labels(tmp_path / "l.csv", rows), tmp_path / "w.npz")
    text = "The trolley on bay 7 was wobbly again."
    cfg = SignalsConfig(kinds=("error",), weights=weights)
    out = extract_signals(segments_frame([text, "The trolley on bay 7 was parked by the door."]), cfg)
    assert list(out.segment_id) == ["s0"]
    row = out.iloc[0]
    assert "wobbly" in row.cue and len(row.cue.split()) <= 2  # the most indicative word or word pair
    assert text[row.cue_start : row.cue_end] == row.cue
    assert row.subtype == "mistake"  # the kind's general subtype when no rule cue points at it


def test_reference_label_file_needs_the_datasets(tmp_path: Path) -> None:
    p = tmp_path / "refs.csv"
    p.write_text(
        "label_id,dataset,file,ref,sentence_index,text_sha1,uncertainty,error,positive,lesson,experiment\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="needs the shared corpora"):
        train_signals(p, tmp_path / "w.npz")
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nx,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs columns sentence,kind,label"):
        train_signals(bad, tmp_path / "w.npz")


def test_train_signals_cli_errors_are_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storymine.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["train-signals", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "w.npz")])
    assert missing.exit_code != 0 and missing.output.count("\n") == 1 and "nope.csv does not exist" in missing.output
    refs = tmp_path / "refs.csv"
    refs.write_text(
        "label_id,dataset,file,ref,sentence_index,text_sha1,uncertainty,error,positive,lesson,experiment\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["train-signals", str(refs), "--out", str(tmp_path / "w.npz")])
    assert res.exit_code != 0 and res.output.count("\n") == 1 and "--datasets DIR" in res.output
    assert not (tmp_path / "w.npz").exists()
