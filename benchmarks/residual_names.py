"""Would a learned classifier find the names the rules leave? A measured approach for issue #18 (not adopted).

    python -m benchmarks.residual_names CORPUS [CORPUS ...] [--model lr|hgb] [--show] [--no-shared]

Each CORPUS is a red-team corpus (``inputs/``, ``planted.csv``, ``must_survive.csv``). Every word token of
every document is read as storymine reads it and described by features that name no word of the token
itself: its shape, sentence position, English word frequency (Zipf), membership of the packaged first-name,
surname and place lists, the name-likeness score, the spaCy entity label and part of speech, whether a
neighbour is a found name, and its neighbours where they are common English words. A token is a name when
it lies in an occurrence of a planted PERSON value of its file.

Leave one corpus out: a classifier (logistic regression, or gradient boosting with ``--model hgb``) learns
from the other corpora's tokens (and from half of the shared corpora's texts, as words that are no planted
name, when ``../shared/datasets`` is there), then scores the tokens of the left-out corpus that the rules
**left unredacted**. Printed per threshold: leaked name tokens the classifier would catch, other tokens it
would take, must-survive words among them, and tokens it would take on the other half of the shared texts.
``--show`` prints the highest-scored leftover tokens with context: development corpora only, never a
holdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storymine.ingest.errors import InputError
from storymine.ingest.pipeline import _people
from storymine.ingest.readers import read_document_bytes
from storymine.privacy import names as N
from storymine.privacy.namelike import name_probability
from storymine.privacy.redactor import RedactionConfig, Redactor

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019\-]*(?:['\u2019\-][^\W\d_]+)*")
_CLAUSE_START = re.compile(r"(?:[.!?:;]\s*|\n\s*|^\s*|[\"\u201c(]\s*)$")
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)

Doc = tuple[str, list[str], list[str], list[str], list[str]]


def corpus_docs(corpus: Path) -> Iterator[Doc]:
    """(document id, texts, known names, planted PERSON values, must-survive terms) per document."""
    planted: dict[str, list[str]] = {}
    survive: dict[str, list[str]] = {}
    with (corpus / "planted.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["type"] == "PERSON":
                planted.setdefault(row["file"], []).append(row["value"])
    must = corpus / "must_survive.csv"
    if must.exists():
        with must.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                survive.setdefault(row["file"], []).append(row["term"])
    for p in sorted((corpus / "inputs").rglob("*")):
        rel = p.relative_to(corpus / "inputs").as_posix()
        if not p.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        try:
            res = read_document_bytes(p.read_bytes(), rel)
        except InputError:
            continue
        for k, raw in enumerate(res.documents):
            texts = [raw.title or "", raw.community or "", raw.role or "", *(s.text for s in raw.segments)]
            yield f"{rel}#{k}", texts, _people(raw), planted.get(rel, []), survive.get(rel, [])


def shared_docs() -> Iterator[Doc]:
    """The 957 shared-corpus texts the precision checks of docs/privacy.md use (no planted values)."""
    texts: list[tuple[str, str]] = []
    seen: set[str] = set()
    with (SHARED / "cered-reflections/en_train.tsv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["context"] not in seen:
                seen.add(row["context"])
                texts.append(("cered", row["context"]))
            if len(seen) >= 600:
                break
    csv.field_size_limit(10**8)
    for y in (2008, 2010, 2012):
        with (SHARED / f"safenet-wildfire/SAFENET_{y}.csv").open(encoding="utf-8", errors="replace") as fh:
            n = 0
            for row in csv.DictReader(fh):
                t = (row.get("Narrative") or "").strip()
                if t:
                    texts.append((f"safenet{y}", t))
                    n += 1
                if n >= 200:
                    break
    for i in range(3):
        d = json.loads((SHARED / f"qmsum-committee/all/education_{i}.json").read_text(encoding="utf-8"))
        texts.extend((f"qmsum{i}", turn["content"]) for turn in d["meeting_transcripts"])
    for j, (src, t) in enumerate(texts[:1663]):
        yield f"{src}#{j}", [t], [], [], []


def _occurrences(text: str, values: list[str]) -> list[tuple[int, int]]:
    out = []
    for v in (v.strip() for v in values):
        if v:
            pattern = r"(?<![^\W_])" + re.escape(v) + r"(?![^\W_])"
            out += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return out


def _shape(w: str) -> str:
    if w.isupper() and len(w) > 1:
        return "UPPER"
    return "Title" if w[0].isupper() else ("lower" if w.islower() else "mixed")


def _context(w: str | None) -> str:
    if w is None:
        return "<none>"
    if not w[:1].isalpha():
        return "<nl>" if w[:1].isspace() else w[:1]
    return w.lower() if N._zipf(w.lower()) >= 4.0 else f"<{_shape(w)}>"


def _in_spans(tok: Any, spans: list[tuple[int, int]]) -> bool:
    return any(a < tok.idx + len(tok.text) and tok.idx < b for a, b in spans)


def token_rows(redactor: Redactor, nlp: Any, doc: Doc) -> list[dict[str, Any]]:
    """One row per word token: features, gold label, rule coverage, must-survive flag, word and context."""
    doc_id, texts, people, planted, survive = doc
    analysis = redactor.analyse(texts, people)
    lower = frozenset(w for t in analysis.texts for w in re.findall(r"\b[a-z][a-z'\u2019-]+\b", t))
    rows: list[dict[str, Any]] = []
    for t, spans in zip(analysis.texts, analysis.spans, strict=True):
        if not t.strip():
            continue
        cover = [(s.start, s.end) for s in spans]
        persons = [(s.start, s.end) for s in spans if s.kind == "PERSON"]
        gold, must = _occurrences(t, planted), _occurrences(t, survive)
        toks = list(nlp(t[:200_000]))

        for i, tok in enumerate(toks):
            w = tok.text
            if len(w) < 2 or not _WORD.fullmatch(w):
                continue
            s, e = tok.idx, tok.idx + len(w)
            prev, nxt = (toks[i - 1] if i else None), (toks[i + 1] if i + 1 < len(toks) else None)
            prev2 = toks[i - 2] if i > 1 else None
            z = N._zipf(N.fold_word(w))
            f = {
                f"shape={_shape(w)}": 1.0,
                "len": min(len(w), 12) / 12,
                "clause_start": float(bool(_CLAUSE_START.search(t[max(0, s - 30) : s]))),
                "zipf": z / 8,
                "zipf<2": float(z < 2),
                "zipf<3": float(z < 3),
                "zipf<4": float(z < 4),
                "first_name": float(N.fold_word(w) in N.all_first_names()),
                "listed_first": float(N.is_listed_first_name(w)),
                "rare_surname": float(N.is_rare_surname(w)),
                "place": float(N.is_place(w)),
                "namelike": name_probability(w),
                f"ent={tok.ent_type_ or 'O'}": 1.0,
                f"pos={tok.pos_}": 1.0,
                f"prev={_context(prev.text if prev is not None else None)}": 1.0,
                f"next={_context(nxt.text if nxt is not None else None)}": 1.0,
                f"prev2={_context(prev2.text if prev2 is not None else None)}": 1.0,
                "prev_person": float(prev is not None and _in_spans(prev, persons)),
                "next_person": float(nxt is not None and _in_spans(nxt, persons)),
                "lower_in_doc": float(N.fold_word(w) in lower),
            }
            rows.append(
                {
                    "f": f,
                    "covered": any(a < e and s < b for a, b in cover),
                    "y": any(a <= s and e <= b for a, b in gold),
                    "must": any(a <= s and e <= b for a, b in must),
                    "doc": doc_id,
                    "word": w,
                    "ctx": t[max(0, s - 40) : e + 40].replace("\n", " "),
                }
            )
    return rows


def _fit(rows: list[dict[str, Any]], model: str) -> tuple[Any, Any]:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([r["f"] for r in rows])
    y = np.array([int(r["y"]) for r in rows])
    if model == "lr":
        clf: Any = LogisticRegression(C=0.5, max_iter=3000, class_weight={0: 1, 1: 3})
        clf.fit(x, y)
    else:
        clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31)
        clf.fit(x.toarray(), y)
    return vec, clf


def _proba(vec: Any, clf: Any, rows: list[dict[str, Any]], model: str) -> list[float]:
    x = vec.transform([r["f"] for r in rows])
    return [float(p) for p in clf.predict_proba(x if model == "lr" else x.toarray())[:, 1]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--model", choices=("lr", "hgb"), default="lr")
    ap.add_argument("--show", action="store_true", help="print the top leftover tokens (development corpora only)")
    ap.add_argument("--no-shared", action="store_true", help="leave the shared corpora out")
    args = ap.parse_args(argv)
    if len(args.corpora) < 2:
        print("give at least two corpora (one is left out at a time)", file=sys.stderr)
        return 2
    redactor = Redactor(RedactionConfig(ner="spacy"))
    nlp = redactor._get_nlp()
    if nlp is None:
        print("the spaCy model is not installed: make setup", file=sys.stderr)
        return 2
    rows = {c.name: [r for d in corpus_docs(c) for r in token_rows(redactor, nlp, d)] for c in args.corpora}
    shared: list[dict[str, Any]] = []
    if SHARED.exists() and not args.no_shared:
        shared = [r for d in shared_docs() for r in token_rows(redactor, nlp, d) if not r["covered"]]
    else:
        print("(shared corpora left out: the shared column counts nothing)")
    half = [zlib.crc32(r["doc"].encode()) % 2 for r in shared]
    total = {t: [0, 0, 0, 0, 0] for t in THRESHOLDS}
    for name in rows:
        train = [r for other, rs in rows.items() if other != name for r in rs]
        train += [r for r, h in zip(shared, half, strict=True) if h == 0]
        vec, clf = _fit(train, args.model)
        test = [r for r in rows[name] if not r["covered"]]
        held = [r for r, h in zip(shared, half, strict=True) if h == 1]
        p = _proba(vec, clf, test, args.model)
        ps = _proba(vec, clf, held, args.model) if held else []
        leaked = sum(r["y"] for r in test)
        print(f"{name}: {len(test)} tokens left by the rules, {leaked} of them in planted names")
        for t in THRESHOLDS:
            caught = sum(1 for r, q in zip(test, p, strict=True) if q >= t and r["y"])
            false = sum(1 for r, q in zip(test, p, strict=True) if q >= t and not r["y"])
            must = sum(1 for r, q in zip(test, p, strict=True) if q >= t and r["must"])
            flagged = sum(1 for q in ps if q >= t)
            print(f"  p>={t}: caught {caught}/{leaked}, other tokens {false}, must-survive {must}, shared {flagged}")
            for k, v in enumerate((caught, leaked, false, must, flagged)):
                total[t][k] += v
        if args.show:
            for r, q in sorted(zip(test, p, strict=True), key=lambda z: -z[1])[:30]:
                print(f"    {q:.2f} {'Y' if r['y'] else ' '}{'M' if r['must'] else ' '} {r['word']!r:18} {r['ctx']!r}")
    print(f"all {len(rows)} corpora, leave one out ({args.model}):")
    for t in THRESHOLDS:
        c, n, f, m, s = total[t]
        print(f"  p>={t}: caught {c}/{n} leaked name tokens, other tokens {f}, must-survive {m}, shared {s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
