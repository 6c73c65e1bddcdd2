"""The per-kind logistic model: scoring, domains, (de)serialisation and fitting."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from storymine.signals.model import LinearModel, fit_model, load_weights, save_weights


def test_prob_uses_general_and_domain_weights() -> None:
    m = LinearModel(
        0.0,
        {"a": 1.0, "narrative:a": 1.0, "szeged:a": -1.0},
        {"narrative": (1.0, 0.0, 0.4), "szeged": (2.0, 0.0, 0.6)},
    )
    assert m.prob(["a"], "narrative") == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert m.prob(["a"], "szeged") == pytest.approx(0.5)
    assert m.threshold("szeged") == 0.6
    assert m.threshold("unknown-domain") == 0.4  # falls back to narrative


@pytest.mark.parametrize("name", ["w.json", "w.json.gz"])
def test_weights_round_trip(tmp_path: Path, name: str) -> None:
    m = LinearModel(-0.5, {"c=might": 1.25, "tiny": 1e-6}, {"narrative": (1.1, -0.2, 0.45)}, {"n": 3})
    path = save_weights({"uncertainty": m}, tmp_path / name)
    back = load_weights(path)["uncertainty"]
    assert back.intercept == -0.5 and back.weights == {"c=might": 1.25}
    assert back.calib["narrative"] == pytest.approx((1.1, -0.2, 0.45))


def test_load_weights_rejects_other_json(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text('{"models": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="train-signals"):
        load_weights(p)


def test_fit_model_learns_a_separating_feature() -> None:
    inst, labels, groups, doms = [], [], [], []
    for i in range(120):
        pos = i % 2 == 0
        inst.append(["cue", "good" if pos else "bad", f"noise{i % 7}"])
        labels.append(int(pos))
        groups.append(i)
        doms.append("narrative")
    m = fit_model(inst, labels, groups, doms, c=1.0)
    assert m.prob(["cue", "good"]) > 0.8 > 0.2 > m.prob(["cue", "bad"])
    assert 0.2 <= m.threshold("narrative") <= 0.8
    assert m.meta["n_candidates"] == 120
