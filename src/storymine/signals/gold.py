"""Our own gold set: sampling rule, reference format and text rebuilding.

The gold CSV (``data/gold/signals_gold.csv``) stores references, never text: ``dataset``, ``file``,
``ref`` (QMSum turn index, ASRS ACN, CEReD ``idx``), ``sentence_index`` (index under
:func:`storymine.signals.corpora.split_sentences`, rule ``regex-v1``; always 0 for CEReD, whose rows
are single sentences), ``text_sha1`` (first 10 hex digits, to detect a changed dataset) and one 0/1
column per kind. See ``docs/signal_guidelines.md`` for the labelling rules.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from storymine.signals.corpora import (
    TextUnit,
    read_asrs,
    read_cered,
    read_llis,
    read_qmsum,
    read_safenet,
    split_sentences,
)
from storymine.signals.ty import KINDS

GOLD_COLUMNS = (
    "gold_id",
    "dataset",
    "file",
    "ref",
    "sentence_index",
    "split_rule",
    "text_sha1",
    *KINDS,
    "sample",
)

# Broad stratification words (independent of the detector patterns) used only to over-sample
# sentences likely to carry a signal; half of each sample is drawn at random regardless.
_STRATA_RE = re.compile(
    r"\b(may|might|maybe|perhaps|possibl\w*|think|believe|sure|unclear|whether|if|mistake|error|"
    r"wrong|should have|fail\w*|problem|difficult\w*|realis\w*|realiz\w*|learn\w*|lesson|next time|"
    r"tr(y|ied)|pilot\w*|test\w*|plan\w*|well|proud|reliev\w*|thank\w*|great|success\w*|forgot|"
    r"missed|almost|nearly|injur\w*|advice|always|never|going to|will)\b",
    re.IGNORECASE,
)


def text_sha1(text: str) -> str:
    """First 10 hex digits of the SHA-1 of ``text`` (UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class GoldRef:
    """A pointer to one sentence in a shared dataset."""

    dataset: str
    file: str
    ref: str
    sentence_index: int


def source_units(datasets_dir: Path) -> dict[str, list[TextUnit]]:
    """Every addressable text unit per dataset: QMSum turns, ASRS narratives, SAFENET fields, LLIS fields.

    CEReD rows are single sentences and are read by :func:`gold_units` directly.
    """
    out: dict[str, list[TextUnit]] = {"qmsum": [], "asrs": [], "safenet": [], "llis": []}
    qdir = datasets_dir / "qmsum-committee" / "all"
    if qdir.is_dir():
        out["qmsum"] = read_qmsum(qdir)
    apath = datasets_dir / "asrs-narratives" / "asrs_cabin_fa_1999-2024.csv"
    if apath.is_file():
        out["asrs"] = read_asrs(apath)
    sdir = datasets_dir / "safenet-wildfire"
    if sdir.is_dir():
        out["safenet"] = read_safenet(sdir)
    ldir = datasets_dir / "nasa-llis"
    if ldir.is_dir():
        out["llis"] = read_llis(ldir)
    return out


def gold_units(datasets_dir: Path, extra: bool = False) -> dict[str, list[tuple[GoldRef, str]]]:
    """Every addressable sentence per dataset (QMSum turns, ASRS narratives, CEReD ``en_train``).

    With ``extra`` the SAFENET (up to 2016) and NASA LLIS sentences are included too (datasets
    ``safenet`` and ``llis``); the v1 samplers leave them out so their seeded draws do not move.
    """
    names = ("qmsum", "asrs", "cered", "safenet", "llis") if extra else ("qmsum", "asrs", "cered")
    out: dict[str, list[tuple[GoldRef, str]]] = {n: [] for n in names}
    for name, units in source_units(datasets_dir).items():
        if name not in out:
            continue
        for u in units:
            for i, (s, e) in enumerate(split_sentences(u.text)):
                out[name].append((GoldRef(name, u.file, u.ref, i), u.text[s:e]))
    cpath = datasets_dir / "cered-reflections" / "en_train.tsv"
    if cpath.is_file():
        for c in read_cered(cpath):
            out["cered"].append((GoldRef("cered", cpath.name, c.idx, 0), c.sentence))
    return out


def sample_gold(datasets_dir: Path, sizes: dict[str, int] | None = None, seed: int = 13) -> list[tuple[GoldRef, str]]:
    """Draw the gold sample: per dataset, half stratified by signal-ish words, half at random.

    Only sentences of 6–60 words are eligible. QMSum is restricted to the ``education_*`` meetings.
    """
    sizes = sizes or {"qmsum": 170, "asrs": 120, "cered": 130}
    rng = random.Random(seed)
    chosen: list[tuple[GoldRef, str]] = []
    for name, units in gold_units(datasets_dir).items():
        pool = [
            (r, t)
            for r, t in units
            if 6 <= len(t.split()) <= 60 and not (name == "qmsum" and not r.file.startswith("education_"))
        ]
        strat = [u for u in pool if _STRATA_RE.search(u[1])]
        n = sizes.get(name, 0)
        picked = rng.sample(strat, min(n // 2, len(strat)))
        seen = {p[0] for p in picked}
        rest = [u for u in pool if u[0] not in seen]
        picked += rng.sample(rest, min(n - len(picked), len(rest)))
        chosen.extend(picked)
    return chosen


@dataclass(frozen=True)
class GoldSentence:
    """A gold sentence rebuilt from the datasets, with its 0/1 labels per kind."""

    gold_id: str
    ref: GoldRef
    text: str
    labels: dict[str, int]


def load_gold(datasets_dir: Path, gold_csv: Path) -> tuple[list[GoldSentence], list[str]]:
    """Rebuild gold sentences from the datasets; returns them and a list of problems (missing, changed)."""
    units = gold_units(datasets_dir, extra=True)
    index = {r: t for us in units.values() for r, t in us}
    out: list[GoldSentence] = []
    problems: list[str] = []
    with gold_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ref = GoldRef(row["dataset"], row["file"], row["ref"], int(row["sentence_index"]))
            text = index.get(ref)
            row_id = row.get("gold_id") or row["label_id"]  # v1 files say gold_id, v2 files label_id
            if text is None:
                problems.append(f"{row_id}: not found in datasets")
                continue
            if row.get("text_sha1") and text_sha1(text) != row["text_sha1"]:
                problems.append(f"{row_id}: text changed (sha1 mismatch)")
                continue
            out.append(GoldSentence(row_id, ref, text, {k: int(row[k]) for k in KINDS}))
    return out, problems


# Supplement stratum: the random + broad sample holds few experiment, lesson and positive
# sentences, so a second seeded draw over these words adds them (documented in the guidelines).
_SUPPLEMENT_RE = re.compile(
    r"\b(tried|trying|try|pilot\w*|trial\w*|test(ed|ing)?|experiment\w*|introduc\w*|evaluat\w*|"
    r"new approach|changed|next time|in future|in the future|learn(ed|t)|lesson learned|realis\w*|"
    r"realiz\w*|went well|worked well|proud|relieved|success\w*|well done|recommend\w*)\b",
    re.IGNORECASE,
)


def sample_supplement(
    datasets_dir: Path, exclude: set[GoldRef], sizes: dict[str, int] | None = None, seed: int = 29
) -> list[tuple[GoldRef, str]]:
    """Second gold draw: sentences matching the supplement words, excluding those already drawn."""
    sizes = sizes or {"qmsum": 35, "asrs": 30, "cered": 35}
    rng = random.Random(seed)
    chosen: list[tuple[GoldRef, str]] = []
    for name, units in gold_units(datasets_dir).items():
        pool = [
            (r, t)
            for r, t in units
            if 6 <= len(t.split()) <= 60
            and r not in exclude
            and not (name == "qmsum" and not r.file.startswith("education_"))
            and _SUPPLEMENT_RE.search(t)
        ]
        chosen.extend(rng.sample(pool, min(sizes.get(name, 0), len(pool))))
    return chosen


def source_document(ref: GoldRef) -> tuple[str, str, str]:
    """The document a gold/train sentence comes from: QMSum meeting (file), ASRS report (ACN), CEReD row.

    CEReD has no diary id, so its rows are their own documents. Cross-validation folds never split a document.
    """
    return (ref.dataset, ref.file, "" if ref.dataset == "qmsum" else ref.ref)
