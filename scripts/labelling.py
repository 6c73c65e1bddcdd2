"""Double-annotation workflow for the signal labels (gold v2 and the training pool, issue #14).

Batches carry text and are written **outside the repository** (they hold dataset text); what comes back
into ``data/gold/`` is references, text hashes and labels only.

    python scripts/labelling.py gold-batches  --out /work/labelling/gold --size 130
    python scripts/labelling.py pool-batches  --out /work/labelling/pool --n 8000 --size 500
    python scripts/labelling.py supplement-batches --kind experiment --exclude-items /work/labelling/pool \
        --out /work/labelling/supp --n 1000
    python scripts/labelling.py agreement     A.csv B.csv
    python scripts/labelling.py disagreements --items DIR --a A_DIR --b B_DIR --out DIR
    python scripts/labelling.py merge         --items DIR --a A_DIR --b B_DIR --adj ADJ_DIR --out labels.csv

An item file is JSONL, one object per sentence: ``item`` (id), ``dataset``, ``file``, ``ref``,
``sentence_index``, ``text_sha1``, ``speaker`` (when the source names one), ``before`` and ``after``
(context), ``sentence``. An annotator's label file is CSV with the columns ``item``, the five kinds (0/1)
and ``subtypes`` (``kind:subtype`` joined by ``;``).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from storymine.signals.corpora import read_cered, split_sentences
from storymine.signals.gold import GoldRef, source_units, text_sha1
from storymine.signals.ty import KINDS, SUBTYPES

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
CONTEXT_CHARS = 700
Item = dict[str, object]


def _context_index(datasets: Path) -> dict[GoldRef, Item]:
    """Every sentence of every source with its context (the unit around it; for QMSum the previous turn)."""
    index: dict[GoldRef, Item] = {}
    for name, units in source_units(datasets).items():
        prev_by_file: dict[str, tuple[str, str]] = {}
        for u in units:
            spans = split_sentences(u.text)
            prev = prev_by_file.get(u.file)
            for i, (s, e) in enumerate(spans):
                before = u.text[max(0, s - CONTEXT_CHARS) : s].lstrip()
                if name == "qmsum" and prev is not None and s < CONTEXT_CHARS // 2:
                    before = f"[previous turn, {prev[0]}: {prev[1][-CONTEXT_CHARS // 2 :]}]\n" + before
                index[GoldRef(name, u.file, u.ref, i)] = {
                    "dataset": name,
                    "file": u.file,
                    "ref": u.ref,
                    "sentence_index": i,
                    "speaker": u.speaker or "",
                    "before": before,
                    "sentence": u.text[s:e],
                    "after": u.text[e : e + CONTEXT_CHARS].rstrip(),
                }
            prev_by_file[u.file] = (u.speaker or "", u.text)
    cpath = datasets / "cered-reflections" / "en_train.tsv"
    if cpath.is_file():
        for c in read_cered(cpath):
            index[GoldRef("cered", cpath.name, c.idx, 0)] = {
                "dataset": "cered",
                "file": cpath.name,
                "ref": c.idx,
                "sentence_index": 0,
                "speaker": "",
                "before": "",
                "sentence": c.sentence,
                "after": "",
            }
    for it in index.values():
        it["text_sha1"] = text_sha1(str(it["sentence"]))
    return index


def _write_batches(items: Sequence[Item], out: Path, size: int, prefix: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for b in range(0, len(items), size):
        path = out / f"{prefix}{b // size:03d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for it in items[b : b + size]:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")
        print(path, min(size, len(items) - b))


def gold_batches(datasets: Path, gold_csv: Path, out: Path, size: int, seed: int) -> None:
    """Re-label the v1 gold set: every gold sentence with its context, in a shuffled order."""
    index = _context_index(datasets)
    items: list[Item] = []
    with gold_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ref = GoldRef(row["dataset"], row["file"], row["ref"], int(row["sentence_index"]))
            it = index.get(ref)
            if it is None or it["text_sha1"] != row["text_sha1"]:
                print(f"{row['gold_id']}: missing or changed in the datasets", file=sys.stderr)
                continue
            items.append({"item": row["gold_id"], **it})
    random.Random(seed).shuffle(items)
    _write_batches(items, out, size, "gold_")


def _excluded_units(paths: Iterable[Path]) -> set[tuple[str, str, str]]:
    units: set[tuple[str, str, str]] = set()
    for p in paths:
        if p.is_file():
            with p.open(encoding="utf-8", newline="") as fh:
                units |= {(r["dataset"], r["file"], r["ref"]) for r in csv.DictReader(fh)}
    return units


def pool_batches(datasets: Path, exclude: Sequence[Path], out: Path, n: int, size: int, seed: int) -> None:
    """Draw the training pool: per dataset, candidates per kind, model-uncertain sentences and a random share.

    Shares per dataset: ``QUOTA``. Within a dataset: 45 % sentences holding a rule candidate of a kind
    (spread evenly over the kinds, rarest first), 20 % sentences the packaged scorer is unsure about
    (some kind's score in 0.15-0.85), 35 % at random (so sentences without any cue word are represented).
    Only sentences of 5-80 words; never a source unit of the gold set or of an earlier draw.
    """
    from storymine.signals.pipeline import build_pipeline, run_docs
    from storymine.signals.train import LabelledSentence, featurize
    from storymine.signals.ty import SignalsConfig

    quota = {"qmsum": 0.22, "asrs": 0.20, "cered": 0.18, "safenet": 0.24, "llis": 0.16}
    rng = random.Random(seed)
    index = _context_index(datasets)
    excluded = _excluded_units(exclude)
    by_ds: dict[str, list[GoldRef]] = {}
    for ref, it in index.items():
        if (ref.dataset, ref.file, ref.ref) in excluded:
            continue
        if 5 <= len(str(it["sentence"]).split()) <= 80:
            by_ds.setdefault(ref.dataset, []).append(ref)
    chosen: list[Item] = []
    nlp = build_pipeline(SignalsConfig())
    for ds, share in quota.items():
        refs = by_ds.get(ds, [])
        if not refs:
            continue
        rng.shuffle(refs)
        refs = refs[:20000]
        texts = [str(index[r]["sentence"]) for r in refs]
        feats = featurize([LabelledSentence(t, {}) for t in texts])
        cands = {k: [i for i in range(len(refs)) if feats.per_kind[k][i]] for k in KINDS}
        scores = [
            {k: v.get(0, 0.0) for k, v in (d._.signal_sentence_scores or {}).items()}
            for d in run_docs(nlp, ((t, [0]) for t in texts), batch_size=512)
        ]
        target = round(n * share)
        taken: set[int] = set()
        per_kind = round(target * 0.45) // len(KINDS)
        for k in sorted(KINDS, key=lambda k: len(cands[k])):
            pool = [i for i in cands[k] if i not in taken]
            taken |= set(rng.sample(pool, min(per_kind, len(pool))))
        unsure = [i for i, sc in enumerate(scores) if i not in taken and any(0.15 <= v <= 0.85 for v in sc.values())]
        taken |= set(rng.sample(unsure, min(round(target * 0.20), len(unsure))))
        rest = [i for i in range(len(refs)) if i not in taken]
        taken |= set(rng.sample(rest, min(target - len(taken), len(rest))))
        for i in sorted(taken):
            r = refs[i]
            chosen.append({"item": f"p-{ds}-{len(chosen):05d}", **index[r]})
        print(f"{ds}: {len(taken)} sentences", file=sys.stderr)
    rng.shuffle(chosen)
    for j, it in enumerate(chosen):
        it["item"] = f"p{j:05d}"
    _write_batches(chosen, out, size, "pool_")


def supplement_batches(
    datasets: Path, exclude: Sequence[Path], exclude_items: Path, kind: str, out: Path, n: int, size: int, seed: int
) -> None:
    """A draw enriched for one rare kind: sentences holding a rule candidate of ``kind`` or scored >= 0.2 for
    it by the packaged scorer, never from a source unit of the gold set, earlier draws or ``exclude_items``
    (a folder of item files), spread over the datasets in proportion to how many such sentences each has.
    """
    from storymine.signals.pipeline import build_pipeline, run_docs
    from storymine.signals.train import LabelledSentence, featurize
    from storymine.signals.ty import SignalsConfig

    rng = random.Random(seed)
    index = _context_index(datasets)
    excluded = _excluded_units(exclude)
    excluded |= {(str(i["dataset"]), str(i["file"]), str(i["ref"])) for i in _items(exclude_items).values()}
    refs = [
        r
        for r, it in index.items()
        if (r.dataset, r.file, r.ref) not in excluded and 5 <= len(str(it["sentence"]).split()) <= 80
    ]
    rng.shuffle(refs)
    refs = refs[:60000]
    texts = [str(index[r]["sentence"]) for r in refs]
    feats = featurize([LabelledSentence(t, {}) for t in texts], kinds=(kind,))
    nlp = build_pipeline(SignalsConfig())
    scores = [
        (d._.signal_sentence_scores or {}).get(kind, {}).get(0, 0.0)
        for d in run_docs(nlp, ((t, [0]) for t in texts), batch_size=512)
    ]
    eligible = [i for i in range(len(refs)) if feats.per_kind[kind][i] or scores[i] >= 0.2]
    picked = sorted(rng.sample(eligible, min(n, len(eligible))))
    items = [{"item": f"s-{kind[:3]}{j:05d}", **index[refs[i]]} for j, i in enumerate(picked)]
    print(f"{len(eligible)} eligible, {len(items)} drawn", file=sys.stderr)
    _write_batches(items, out, size, f"supp_{kind}_")


def read_labels(paths: Iterable[Path]) -> dict[str, dict[str, str]]:
    """Read annotator CSV files into ``item -> row``; rows must hold the five kinds as 0/1."""
    out: dict[str, dict[str, str]] = {}
    for p in paths:
        with p.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                item = (row.get("item") or "").strip()
                if not item:
                    continue
                for k in KINDS:
                    if row.get(k, "").strip() not in ("0", "1"):
                        raise SystemExit(f"{p}: item {item}: {k} must be 0 or 1, got {row.get(k)!r}")
                out[item] = row
    return out


def _files(d: Path) -> list[Path]:
    return sorted(d.glob("*.csv")) if d.is_dir() else [d]


def agreement(a: dict[str, dict[str, str]], b: dict[str, dict[str, str]]) -> dict[str, dict[str, float]]:
    """F1 between two annotators (either as reference: F1 is symmetric) and Cohen's kappa per kind."""
    common = sorted(set(a) & set(b))
    res: dict[str, dict[str, float]] = {}
    for k in KINDS:
        ya = [int(a[i][k]) for i in common]
        yb = [int(b[i][k]) for i in common]
        tp = sum(x and y for x, y in zip(ya, yb, strict=True))
        fp = sum((not x) and y for x, y in zip(ya, yb, strict=True))
        fn = sum(x and (not y) for x, y in zip(ya, yb, strict=True))
        n = len(common)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        po = sum(x == y for x, y in zip(ya, yb, strict=True)) / n if n else 0.0
        pa, pb = sum(ya) / n if n else 0.0, sum(yb) / n if n else 0.0
        pe = pa * pb + (1 - pa) * (1 - pb)
        kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
        res[k] = {"n": n, "pos_a": sum(ya), "pos_b": sum(yb), "f1": round(f1, 3), "kappa": round(kappa, 3)}
    return res


def _items(d: Path) -> dict[str, Item]:
    out: dict[str, Item] = {}
    for p in sorted(d.glob("*.jsonl")):
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                it = json.loads(line)
                out[str(it["item"])] = it
    return out


def disagreements(items_dir: Path, a_dir: Path, b_dir: Path, out: Path, size: int) -> None:
    """Write adjudication batches: items where A and B differ on any kind, with both label sets."""
    items = _items(items_dir)
    a, b = read_labels(_files(a_dir)), read_labels(_files(b_dir))
    rows: list[Item] = []
    for i in sorted(set(a) & set(b)):
        if any(a[i][k] != b[i][k] for k in KINDS) and i in items:
            la = {k: int(a[i][k]) for k in KINDS} | {"subtypes": a[i].get("subtypes", "")}
            lb = {k: int(b[i][k]) for k in KINDS} | {"subtypes": b[i].get("subtypes", "")}
            rows.append({**items[i], "annotator_1": la, "annotator_2": lb})
    _write_batches(rows, out, size, "adj_")


def merge(items_dir: Path, a_dir: Path, b_dir: Path, adj_dir: Path | None, out: Path, prefix: str) -> None:
    """Final labels: agreed labels as they are, disagreements from the adjudicator; refs + hashes only."""
    items = _items(items_dir)
    a, b = read_labels(_files(a_dir)), read_labels(_files(b_dir))
    adj = read_labels(_files(adj_dir)) if adj_dir else {}
    cols = ["label_id", "dataset", "file", "ref", "sentence_index", "split_rule", "text_sha1", *KINDS, "subtypes"]
    cols += ["agreed", "item"]
    n_missing = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for j, i in enumerate(sorted(set(a) & set(b))):
            it = items.get(i)
            if it is None:
                continue
            agreed = all(a[i][k] == b[i][k] for k in KINDS)
            src = a[i] if agreed else adj.get(i)
            if src is None:
                n_missing += 1
                continue
            subtypes = src.get("subtypes", "") if agreed or i in adj else ""
            w.writerow(
                {
                    "label_id": f"{prefix}{j:05d}",
                    "dataset": it["dataset"],
                    "file": it["file"],
                    "ref": it["ref"],
                    "sentence_index": it["sentence_index"],
                    "split_rule": "regex-v1",
                    "text_sha1": it["text_sha1"],
                    **{k: int(src[k]) for k in KINDS},
                    "subtypes": _clean_subtypes(str(subtypes), src),
                    "agreed": int(agreed),
                    "item": i,
                }
            )
    if n_missing:
        print(f"{n_missing} disagreements have no adjudication yet: left out", file=sys.stderr)
    print(out)


def _clean_subtypes(raw: str, row: dict[str, str]) -> str:
    keep = []
    for part in raw.replace(",", ";").split(";"):
        kind, _, sub = part.strip().partition(":")
        if kind in SUBTYPES and sub in SUBTYPES[kind] and row.get(kind) == "1":
            keep.append(f"{kind}:{sub}")
    return ";".join(keep)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=DATASETS)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gold-batches")
    g.add_argument("--gold", type=Path, default=Path("data/gold/signals_gold.csv"))
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--size", type=int, default=130)
    g.add_argument("--seed", type=int, default=5)
    p = sub.add_parser("pool-batches")
    p.add_argument("--exclude", type=Path, nargs="*", default=[Path("data/gold/signals_gold.csv")])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--n", type=int, default=8000)
    p.add_argument("--size", type=int, default=500)
    p.add_argument("--seed", type=int, default=1405)
    s = sub.add_parser("supplement-batches")
    s.add_argument("--exclude", type=Path, nargs="*", default=[Path("data/gold/signals_gold.csv")])
    s.add_argument("--exclude-items", type=Path, required=True)
    s.add_argument("--kind", required=True, choices=list(KINDS))
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--n", type=int, default=1000)
    s.add_argument("--size", type=int, default=500)
    s.add_argument("--seed", type=int, default=2207)
    ag = sub.add_parser("agreement")
    ag.add_argument("a", type=Path)
    ag.add_argument("b", type=Path)
    d = sub.add_parser("disagreements")
    for name in ("items", "a", "b", "out"):
        d.add_argument(f"--{name}", type=Path, required=True)
    d.add_argument("--size", type=int, default=400)
    m = sub.add_parser("merge")
    for name in ("items", "a", "b", "out"):
        m.add_argument(f"--{name}", type=Path, required=True)
    m.add_argument("--adj", type=Path)
    m.add_argument("--prefix", default="v2-")
    args = ap.parse_args(argv)
    if args.cmd == "gold-batches":
        gold_batches(args.datasets, args.gold, args.out, args.size, args.seed)
    elif args.cmd == "pool-batches":
        pool_batches(args.datasets, args.exclude, args.out, args.n, args.size, args.seed)
    elif args.cmd == "supplement-batches":
        supplement_batches(
            args.datasets, args.exclude, args.exclude_items, args.kind, args.out, args.n, args.size, args.seed
        )
    elif args.cmd == "agreement":
        res = agreement(read_labels(_files(args.a)), read_labels(_files(args.b)))
        for k, r in res.items():
            pos = f"{r['pos_a']:.0f}/{r['pos_b']:.0f}"
            print(f"{k:12s} n={r['n']:.0f} pos={pos} F1={r['f1']:.3f} kappa={r['kappa']:.3f}")
    elif args.cmd == "disagreements":
        disagreements(args.items, args.a, args.b, args.out, args.size)
    else:
        merge(args.items, args.a, args.b, args.adj, args.out, args.prefix)


if __name__ == "__main__":
    main()
