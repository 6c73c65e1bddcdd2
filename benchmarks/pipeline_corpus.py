"""Scaled benchmark corpora for ``benchmarks.pipeline_bench``, built from the shared real corpora.

Stories come from ASRS cabin-crew narratives (text kept as is, upper case included) and CEReD diary
contexts; session transcripts from QMSum committee meetings (turns → WebVTT with synthetic times, long
meetings split into sessions of about 60 turns). The base pool is repeated with light variation
(sentences swapped, a few words replaced, one varied sentence appended) until the wanted number of
documents is reached, so no two documents are exact duplicates (storymine would drop those).
Stories are written as CSV (ASRS) and JSONL (CEReD) in batches of 500 rows; each session is one ``.vtt``.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROWS_PER_FILE = 500
TURNS_PER_SESSION = 60
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SWAPS: dict[str, str] = {
    "very": "really",
    "said": "stated",
    "told": "informed",
    "started": "began",
    "big": "large",
    "quickly": "promptly",
    "asked": "enquired",
    "help": "assist",
    "think": "believe",
    "because": "since",
    "about": "around",
    "also": "additionally",
}
_OPENERS = ("Looking back,", "On reflection,", "Afterwards,", "In hindsight,", "Later that week,", "Honestly,")
_MIDDLES = (
    "I talked it through with a colleague",
    "we were not sure what the right call was",
    "I learned to check the handover notes first",
    "the team tried a new checklist",
    "it went better than I expected",
    "I made a note to raise it at the next meeting",
)


@dataclass
class BaseDoc:
    """One real document: a story (one text) or a session (speaker turns)."""

    source: str  # "asrs", "cered" or "qmsum"
    texts: list[str]
    speakers: list[str] = field(default_factory=list)


@dataclass
class CorpusFiles:
    """Where a scaled corpus was written and what it holds."""

    base_dir: Path
    new_dir: Path
    n_base: int
    n_new: int
    words_base: int
    words_new: int
    files_base: int
    files_new: int


def load_pool(datasets: Path) -> list[BaseDoc]:
    """Every base document from the shared corpora (an empty list when none is present)."""
    pool: list[BaseDoc] = []
    asrs = datasets / "asrs-narratives"
    for path in sorted(asrs.glob("*.csv")) if asrs.is_dir() else []:
        df = pd.read_csv(path, header=[0, 1], low_memory=False)
        df.columns = ["|".join(str(x).strip() for x in c) for c in df.columns]
        col = next((c for c in df.columns if c.endswith("|Narrative")), None)
        if col is not None:
            pool += [BaseDoc("asrs", [str(t)]) for t in df[col].dropna() if str(t).strip()]
    cered = datasets / "cered-reflections" / "en_train.tsv"
    if cered.is_file():
        ctx = pd.read_csv(cered, sep="\t", usecols=["context"])["context"].dropna().astype(str)
        pool += [BaseDoc("cered", [t]) for t in sorted(set(ctx)) if t.strip()]
    qmsum = datasets / "qmsum-committee" / "all"
    for path in sorted(qmsum.glob("*.json")) if qmsum.is_dir() else []:
        turns = json.loads(path.read_text(encoding="utf-8")).get("meeting_transcripts", [])
        turns = [t for t in turns if str(t.get("content", "")).strip()]
        for i in range(0, len(turns), TURNS_PER_SESSION):
            chunk = turns[i : i + TURNS_PER_SESSION]
            if len(chunk) >= 10:
                pool.append(
                    BaseDoc("qmsum", [str(t["content"]) for t in chunk], [str(t.get("speaker", "?")) for t in chunk])
                )
    return pool


def _swap_words(text: str, rng: random.Random, n: int) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.lower().strip(",.;:") in _SWAPS]
    for i in rng.sample(idx, min(n, len(idx))):
        w = words[i]
        core = w.lower().strip(",.;:")
        new = _SWAPS[core]
        if w.isupper():
            new = new.upper()
        elif w[:1].isupper():
            new = new.capitalize()
        words[i] = w.replace(w.strip(",.;:"), new)
    return " ".join(words)


def _shuffle_sentences(text: str, rng: random.Random) -> str:
    sentences = _SENTENCE.split(text)
    if len(sentences) > 2:
        i, j = rng.sample(range(len(sentences)), 2)
        sentences[i], sentences[j] = sentences[j], sentences[i]
    return " ".join(sentences)


def vary(text: str, rng: random.Random, variant: int, tag: int) -> str:
    """Variant ``variant`` of a text (variant 0 is the text itself); ``tag`` makes the appended sentence unique."""
    if variant == 0:
        return text
    out = _swap_words(_shuffle_sentences(text, rng), rng, 3)
    return f"{out} {rng.choice(_OPENERS)} {rng.choice(_MIDDLES)} (note {tag})."


def _vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt(doc: BaseDoc, texts: list[str], title: str) -> str:
    lines = ["WEBVTT", "", "NOTE", f"title: {title}", "community: Committee", f"facilitator: {doc.speakers[0]}", ""]
    t = 1.0
    for k, (speaker, text) in enumerate(zip(doc.speakers, texts, strict=True)):
        dur = max(1.0, len(text.split()) / 2.5)
        clean = text.replace("\n", " ").replace("-->", "->")
        lines += [f"cue-{k}", f"{_vtt_time(t)} --> {_vtt_time(t + dur)}", f"<v {speaker}>{clean}</v>", ""]
        t += dur + 0.4
    return "\n".join(lines)


class _StoryWriter:
    """Writes stories in batches of ``ROWS_PER_FILE`` rows, CSV for ASRS and JSONL for CEReD."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self.rows: dict[str, list[dict[str, str]]] = {"asrs": [], "cered": []}
        self.files = 0

    def add(self, source: str, row: dict[str, str]) -> None:
        self.rows[source].append(row)
        if len(self.rows[source]) >= ROWS_PER_FILE:
            self.flush(source)

    def flush(self, source: str) -> None:
        rows = self.rows[source]
        if not rows:
            return
        self.files += 1
        name = f"{self.prefix}_{source}_{self.files:04d}"
        if source == "asrs":
            with (self.folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        else:
            with (self.folder / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        self.rows[source] = []


def _write_docs(
    pool: list[BaseDoc], order: list[int], start: int, stop: int, folder: Path, prefix: str
) -> tuple[int, int]:
    """Write documents ``start..stop-1`` of the scaled stream; returns (words, files)."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = _StoryWriter(folder, prefix)
    words = 0
    sessions = 0
    day0 = date(2023, 1, 2)
    for i in range(start, stop):
        doc = pool[order[i % len(order)]]
        variant = i // len(order)
        rng = random.Random(i * 7919 + 13)
        day = (day0 + timedelta(days=i % 730)).isoformat()
        if doc.source == "qmsum":
            texts = [vary(t, rng, variant, i) if rng.random() < 0.3 else t for t in doc.texts]
            if variant:
                texts[-1] = vary(texts[-1], rng, variant, i)
            words += sum(len(t.split()) for t in texts)
            sessions += 1
            title = f"committee-session-{i:06d}"
            (folder / f"{day}_committee_{title}.vtt").write_text(_vtt(doc, texts, title), encoding="utf-8")
            continue
        text = vary(doc.texts[0], rng, variant, i)
        words += len(text.split())
        community = "Cabin Crew" if doc.source == "asrs" else "Teacher Diaries"
        row = {
            "id": f"{doc.source}-{i:06d}",
            "community": community,
            "role": "flight attendant" if doc.source == "asrs" else "trainee teacher",
            "author": f"Contributor {i % 997:03d}",
            "date": day,
            "consent_to_quote": "yes" if i % 5 else "no",
            "text": text,
        }
        writer.add(doc.source, row)
    for source in ("asrs", "cered"):
        writer.flush(source)
    return words, writer.files + sessions


def build_corpus(datasets: Path, n: int, new_share: float, folder: Path, seed: int = 13) -> CorpusFiles | None:
    """Write ``n`` documents to ``folder/base`` and ``ceil(n * new_share)`` more to ``folder/new``.

    Returns ``None`` when the shared corpora are absent. The same ``n`` and ``seed`` give the same files.
    """
    pool = load_pool(datasets)
    if not pool:
        return None
    order = list(range(len(pool)))
    random.Random(seed).shuffle(order)
    n_new = max(1, math.ceil(n * new_share))
    base_dir, new_dir = folder / "base", folder / "new"
    words_base, files_base = _write_docs(pool, order, 0, n, base_dir, "stories")
    words_new, files_new = _write_docs(pool, order, n, n + n_new, new_dir, "new_stories")
    return CorpusFiles(base_dir, new_dir, n, n_new, words_base, words_new, files_base, files_new)
