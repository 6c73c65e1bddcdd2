"""A sentence-transformers model run by ONNX Runtime, optionally with int8 weights.

The model is exported once from the installed sentence-transformers folder (``torch.onnx.export`` of
the transformer; mean pooling and L2 normalisation stay in numpy, as in the model's own
``1_Pooling``/``2_Normalize`` modules) and, for ``int8``, its weights are quantised per channel with
ONNX Runtime's dynamic quantisation. Nothing is downloaded: the export reads the same local files the
torch backend reads. The exported files are kept in a model cache folder keyed by a fingerprint of the
model files and the export recipe, so later runs (and other output folders) reuse them.

On the development machine (2 cores, AVX2) int8 embeds the 10k-document benchmark's units 1.5× faster
than torch (61 vs 41 texts/s; 1.9× on shorter CEReD texts) with a mean cosine of 0.99 to the torch
vectors; see ``docs/performance.md``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storymine.themes.errors import MissingDependencyError, ThemesError

EXPORT_VERSION = "onnx-export.v1"
INSTALL_ONNX = "pip install onnxruntime onnx"
OPSET = 17


def model_cache_dir() -> Path:
    """Where exported models are kept: ``$STORYMINE_MODEL_CACHE``, else ``$XDG_CACHE_HOME/storymine/models``."""
    env = os.environ.get("STORYMINE_MODEL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storymine" / "models"


def _max_seq_length(path: Path) -> int:
    cfg = path / "sentence_bert_config.json"
    if cfg.exists():
        value = json.loads(cfg.read_text(encoding="utf-8")).get("max_seq_length")
        if isinstance(value, int) and value > 0:
            return value
    return 256


def _check_mean_pooling(path: Path) -> None:
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ThemesError(
            f"the model in {path} lacks a readable modules.json or 1_Pooling/config.json ({exc}); the ONNX "
            "backend needs both. Fix: set themes.embedding_runtime to 'torch'"
        ) from exc
    types = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if types[:2] != ["Transformer", "Pooling"] or any(t not in ("Transformer", "Pooling", "Normalize") for t in types):
        raise ThemesError(
            f"the model in {path} has modules {types}; the ONNX backend runs only Transformer + mean Pooling "
            "(+ Normalize) models. Fix: set themes.embedding_runtime to 'torch'"
        )
    others = ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
    if not pooling.get("pooling_mode_mean_tokens") or any(pooling.get(k) for k in others):
        raise ThemesError(
            f"the model in {path} does not use mean pooling; the ONNX backend supports only that. "
            "Fix: set themes.embedding_runtime to 'torch'"
        )


def _require(package: str, purpose: str) -> None:
    if importlib.util.find_spec(package) is None:
        raise MissingDependencyError(package, INSTALL_ONNX, purpose)


def export_model(path: Path, fingerprint: str, quantize: bool, cache: Path | None = None) -> Path:
    """The exported (and, with ``quantize``, int8) ONNX file for a model folder; built once, atomically."""
    folder = (cache or model_cache_dir()) / f"{path.name}-{fingerprint}-{EXPORT_VERSION}"
    target = folder / ("model_int8.onnx" if quantize else "model.onnx")
    if target.exists():
        return target
    _require("onnx", "Exporting the embedding model to ONNX")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:  # e.g. a read-only home in a container: export for this process only
        fallback = Path(tempfile.gettempdir()) / f"storymine-models-{os.getuid()}" / folder.name
        logging.getLogger("storymine").warning(
            "cannot write the model cache %s (%s); exporting to %s instead, which is redone after a reboot. "
            "Fix: set STORYMINE_MODEL_CACHE to a writable folder",
            folder.parent,
            exc.strerror or exc,
            fallback.parent,
        )
        folder = fallback
        target = folder / target.name
        if target.exists():
            return target
        folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / "model.onnx"
    if not fp32.exists():
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar in logs
        inner = AutoModel.from_pretrained(str(path), local_files_only=True, attn_implementation="eager")
        inner.eval()

        class _Hidden(torch.nn.Module):
            """Keyword call of the transformer: its positional signature changes between versions."""

            def __init__(self, m: Any) -> None:
                super().__init__()
                self.m = m

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.m(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        model = _Hidden(inner)
        ids = torch.ones((2, 8), dtype=torch.long)
        with tempfile.TemporaryDirectory(dir=folder) as tmp, torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about shape-dependent branches: expected
            out = Path(tmp) / "model.onnx"
            torch.onnx.export(
                model,
                (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                str(out),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "seq"},
                    "attention_mask": {0: "batch", 1: "seq"},
                    "token_type_ids": {0: "batch", 1: "seq"},
                    "last_hidden_state": {0: "batch", 1: "seq"},
                },
                opset_version=OPSET,
                dynamo=False,
            )
            out.replace(fp32)
    if not quantize:
        return fp32
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs an advisory on the root logger
    try:
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            out = Path(tmp) / target.name
            quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)
            out.replace(target)
    finally:
        root.setLevel(level)
    return target


class OnnxSentenceBackend:
    """Mean-pooled, L2-normalised sentence vectors from an ONNX export of a sentence-transformers model."""

    def __init__(
        self,
        path: str | Path,
        fingerprint: str,
        name: str | None = None,
        batch_size: int = 32,
        quantize: bool = True,
        cache: Path | None = None,
    ) -> None:
        self.path = Path(path).resolve()
        self.name = name or self.path.name
        self.batch_size = max(1, int(batch_size))
        self.quantize = quantize
        self.cache = cache
        self.max_length = _max_seq_length(self.path)
        recipe = hashlib.sha256(f"{EXPORT_VERSION}:{OPSET}:{quantize}:{self.max_length}".encode()).hexdigest()[:8]
        self._fingerprint = fingerprint
        self._id = f"onnx-{'int8' if quantize else 'fp32'}:{self.name}:{fingerprint}:{recipe}"
        self._session: Any = None
        self._tokenizer: Any = None

    @property
    def backend_id(self) -> str:
        """``onnx-int8:<name>:<fingerprint of the model files>:<export recipe>``."""
        return self._id

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            _require("onnxruntime", f"The ONNX embedding runtime for {self.name!r}")
            _check_mean_pooling(self.path)
            import onnxruntime as ort  # type: ignore[import-untyped]
            from tokenizers import Tokenizer

            onnx_file = export_model(self.path, self._fingerprint, self.quantize, self.cache)
            opts = ort.SessionOptions()
            opts.log_severity_level = 3
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self._session = ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])
            tok = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tok.enable_truncation(max_length=self.max_length)
            tok.no_padding()
            self._tokenizer = tok
        return self._session, self._tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts, normalised.

        fp32 runs batches of similar length (as sentence-transformers does). int8 runs one text at a
        time: dynamic quantisation scales each matrix product's input by its largest value, so in a
        batch a text's vector would depend on the texts (and padding) beside it, and the embedding cache
        is keyed by the text alone. One at a time is also no slower here for texts of 100+ words (no
        padding), and ~20 % slower for short sentences.
        """
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        session, tok = self._load()
        # token ids only, a chunk of texts at a time: the tokenizer's Encoding objects (tokens, offsets,
        # masks) for 57k texts held 1.4 GB until the whole call returned
        token_ids: list[np.ndarray] = []
        for start in range(0, len(texts), 1024):
            chunk = [str(t) for t in texts[start : start + 1024]]
            token_ids += [np.asarray(e.ids, dtype=np.int64) for e in tok.encode_batch(chunk)]
        lengths = np.array([len(t) for t in token_ids])
        order = np.argsort(-lengths, kind="stable")
        batch = 1 if self.quantize else self.batch_size
        out: np.ndarray | None = None
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            width = int(lengths[idx].max())
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = int(lengths[i])
                ids[row, :n] = token_ids[i]
                mask[row, :n] = 1
            (hidden,) = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            if out is None:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[idx] = pooled
        assert out is not None
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: np.ndarray = (out / norms).astype(np.float32)
        return result
