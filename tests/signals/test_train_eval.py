"""User retraining from a labels CSV, gold references, and the evaluation report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rich.console import Console

from storymine.signals import (
    EvalReport,
    EvalRow,
    SignalsConfig,
    extract_signals,
    run_signal_eval,
    train_signals,
)
from storymine.signals.corpora import read_cered
from storymine.signals.evaluate import source_document
from storymine.signals.gold import GOLD_COLUMNS, GoldRef, load_gold, text_sha1
from storymine.signals.sentence_model import load_models
from storymine.signals.train import cered_labels, sample_train_draw
from storymine.signals.ty import KINDS

from .conftest import segments_frame


def write_labels(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["sentence", "kind", "label"])
        w.writerows(rows)
    return path


def test_train_signals_writes_usable_weights(tmp_path: Path) -> None:
    rows = []
    for i in range(20):
        rows.append((f"We tried a new checklist on ward {i}.", "experiment", 1))
        rows.append((f"I tried to call the desk {i} times, nobody answered.", "experiment", 0))
    out = train_signals(write_labels(tmp_path / "labels.csv", rows), tmp_path / "mine.npz")
    models = load_models(out)
    assert models["experiment"].meta["n_sentences"] == 40
    assert "uncertainty" in models  # untouched kinds keep the packaged model
    cfg = SignalsConfig(kinds=("experiment",), weights=out)
    got = extract_signals(
        segments_frame(["We tried a new checklist on ward 99.", "I tried to call the desk 99 times, nobody answered."]),
        cfg,
    )
    assert list(got.segment_id) == ["s0"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [([("x", "joy", 1)], "kind must be one of"), ([("x", "error", 7)], "label must be 1 or 0")],
)
def test_train_signals_rejects_bad_rows(tmp_path: Path, rows: list[tuple[str, str, int]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        train_signals(write_labels(tmp_path / "l.csv", rows), tmp_path / "w.json")


def test_gold_rebuilds_text_from_references(tiny_datasets: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    ok = {
        "gold_id": "g1",
        "dataset": "qmsum",
        "file": "education_9.json",
        "ref": "1",
        "sentence_index": "1",
        "split_rule": "regex-v1",
        "text_sha1": text_sha1("It went really well."),
        "uncertainty": 0,
        "error": 0,
        "positive": 1,
        "lesson": 0,
        "experiment": 0,
        "sample": "main",
    }
    changed = dict(ok, gold_id="g2", text_sha1="0000000000")
    missing = dict(ok, gold_id="g3", ref="7")
    with gold.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(GOLD_COLUMNS))
        w.writeheader()
        w.writerows([ok, changed, missing])
    sents, problems = load_gold(tiny_datasets, gold)
    assert [(s.gold_id, s.text, s.labels["positive"]) for s in sents] == [("g1", "It went really well.", 1)]
    assert problems == ["g2: text changed (sha1 mismatch)", "g3: not found in datasets"]


def test_eval_skips_absent_datasets(tmp_path: Path) -> None:
    report = run_signal_eval(tmp_path / "none", tmp_path / "gold")
    assert report.rows == []
    assert [n.split(":")[0] for n in report.notes] == ["szeged", "cered", "gold", "gold-v2"]
    assert all("skipped" in n for n in report.notes)
    console = Console(record=True, width=120)
    console.print(report)
    assert "szeged: skipped" in console.export_text()


def test_eval_row_metrics() -> None:
    r = EvalRow("d", "error", 10, tp=3, fp=1, fn=3)
    assert (r.precision, r.recall) == (0.75, 0.5)
    assert r.f1 == pytest.approx(0.6)
    assert EvalRow("d", "error", 5, 0, 0, 0).f1 == 0.0
    rep = EvalReport([r])
    assert rep.get("d", "error") is r and rep.get("d", "lesson") is None


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"


@pytest.mark.datasets
@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "cered-reflections").is_dir(), reason="shared CEReD dataset absent")
def test_cered_val_error_beats_tfidf_baseline() -> None:
    report = run_signal_eval(SHARED, Path(__file__).resolve().parents[2] / "data" / "gold", which=("cered",))
    row = report.get("cered-val", "error")
    assert row is not None and row.n == 339 and row.tp + row.fn == 25
    assert row.f1 > 0.27  # TF-IDF logistic regression baseline on this split


GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"


def _rows(name: str) -> list[dict[str, str]]:
    with (GOLD_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_train_labels_are_disjoint_from_gold_documents() -> None:
    gold, train = _rows("signals_gold.csv"), _rows("signals_train.csv")
    assert list(train[0]) == list(GOLD_COLUMNS) == list(gold[0])
    assert len({r["gold_id"] for r in train}) == len(train)
    assert {r["sample"] for r in train} == {"train"} and {r["split_rule"] for r in train} == {"regex-v1"}
    gold_units = {(r["dataset"], r["file"], r["ref"]) for r in gold}
    assert not gold_units & {(r["dataset"], r["file"], r["ref"]) for r in train}
    assert {r["dataset"] for r in train} == {"qmsum", "asrs", "cered"}
    assert all(r["file"] != "en_val.tsv" for r in train)  # CEReD val is an evaluation split
    assert all(r[k] in {"0", "1"} for r in train for k in KINDS)


def test_cv_folds_group_by_document() -> None:
    q1, q2 = GoldRef("qmsum", "education_1.json", "3", 0), GoldRef("qmsum", "education_1.json", "40", 2)
    a1, a2 = GoldRef("asrs", "x.csv", "101", 0), GoldRef("asrs", "x.csv", "102", 0)
    assert source_document(q1) == source_document(q2)  # one meeting = one document
    assert source_document(a1) != source_document(a2)  # one ASRS report = one document


def test_cered_mapping_uses_the_y_column() -> None:
    assert cered_labels("Learning") == {"error": 0, "lesson": 1}
    assert cered_labels("Intention") == {"error": 0, "lesson": 1}
    assert cered_labels("Difficulty") == {"error": 1, "lesson": 0}
    assert cered_labels("Reflection") == {"error": 0, "lesson": 0}


@pytest.mark.datasets
@pytest.mark.skipif(not (SHARED / "cered-reflections").is_dir(), reason="shared CEReD dataset absent")
def test_cered_val_holds_three_lesson_sentences() -> None:
    val = read_cered(SHARED / "cered-reflections" / "en_val.tsv")
    assert len(val) == 339
    assert sum(cered_labels(c.label)["lesson"] for c in val) == 3  # Learning 2 + Intention 1


def test_sample_train_draw_excludes_units_and_needs_candidates(tiny_datasets: Path) -> None:
    drawn = sample_train_draw(tiny_datasets, {("qmsum", "education_9.json", "0")}, {"experiment": 5, "lesson": 5})
    refs = {(r.dataset, r.file, r.ref) for r, _, _ in drawn}
    assert ("qmsum", "education_9.json", "0") not in refs
    assert drawn and all(kinds for _, _, kinds in drawn)
    assert len({r for r, _, _ in drawn}) == len(drawn)


def test_v2_labels_are_references_and_disjoint_from_gold() -> None:
    pool = _rows("signals_pool_v2.csv") + _rows("signals_supp_experiment_v2.csv")
    gold2 = _rows("signals_gold_v2.csv")
    assert len(gold2) == 520 and len(pool) >= 9000
    for rows in (pool, gold2):
        assert "text" not in rows[0] and "sentence" not in rows[0]  # references and hashes, never text
        assert all(r[k] in {"0", "1"} for r in rows for k in KINDS)
    gold_units = {(r["dataset"], r["file"], r["ref"]) for r in _rows("signals_gold.csv")}
    assert not gold_units & {(r["dataset"], r["file"], r["ref"]) for r in pool}
    # never a reserved split: CEReD val/test, SAFENET after 2016, QMSum covid meetings
    assert all(r["file"] not in {"en_val.tsv", "en_test.tsv"} for r in pool)
    assert all(not r["file"].startswith("covid") for r in pool)
    years = {int(r["file"][8:12]) for r in pool if r["dataset"] == "safenet"}
    assert years and max(years) <= 2016
    assert min(sum(r[k] == "1" for r in pool) for k in KINDS) >= 500  # every kind, as #14 asks


@pytest.mark.slow
@pytest.mark.datasets
@pytest.mark.skipif(not (SHARED / "safenet-wildfire").is_dir(), reason="shared datasets absent")
def test_v2_labels_rebuild_from_the_datasets() -> None:
    for name in ("signals_gold_v2.csv", "signals_pool_v2.csv", "signals_supp_experiment_v2.csv"):
        sents, problems = load_gold(SHARED, GOLD_DIR / name)
        assert problems == [] and len(sents) == len(_rows(name))
