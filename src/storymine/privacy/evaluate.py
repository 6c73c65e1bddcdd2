"""Score the redactor against corpora with planted personal data (``type,value,file`` lists).

Used by the red-team tests and by ``python -m benchmarks.privacy_bench``. Files are read naively
(the whole file as one text, plus the file name as a second text), which is harsher than ingestion:
no reader has split metadata from content, so every name must be found without ``known_names``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storymine.privacy.redactor import Analysis, Redactor
from storymine.privacy.sanitise import sanitise_text


@dataclass(frozen=True)
class Planted:
    """One planted value: its type, its literal text, the file (relative to the corpus root)."""

    kind: str
    value: str
    file: str


@dataclass
class Score:
    """Recall and precision counts per placeholder type."""

    found: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)
    true_pos: dict[str, int] = field(default_factory=dict)
    false_pos: dict[str, int] = field(default_factory=dict)
    missed: list[Planted] = field(default_factory=list)
    false_spans: list[tuple[str, str, str]] = field(default_factory=list)
    n_words: int = 0
    seconds: float = 0.0

    def recall(self, kind: str | None = None) -> float:
        """Share of planted values (of ``kind``, or all) that no longer appear after redaction."""
        kinds = [kind] if kind else list(self.planted)
        p = sum(self.planted.get(k, 0) for k in kinds)
        return sum(self.found.get(k, 0) for k in kinds) / p if p else 1.0

    def precision(self, kind: str | None = None) -> float:
        """Share of redacted spans (of ``kind``, or all) that overlap a planted value."""
        kinds = [kind] if kind else sorted(set(self.true_pos) | set(self.false_pos))
        tp = sum(self.true_pos.get(k, 0) for k in kinds)
        fp = sum(self.false_pos.get(k, 0) for k in kinds)
        return tp / (tp + fp) if tp + fp else 1.0


# Type names used by other planted-value lists, mapped to placeholder types.
TYPE_ALIASES = {
    "name": "PERSON",
    "person": "PERSON",
    "dob": "DATE_OF_BIRTH",
    "date_of_birth": "DATE_OF_BIRTH",
    "nhs": "NHS_NUMBER",
    "nhs_number": "NHS_NUMBER",
    "ni": "NI_NUMBER",
    "ni_number": "NI_NUMBER",
    "phone": "PHONE",
    "email": "EMAIL",
    "postcode": "POSTCODE",
    "address": "ADDRESS",
    "url": "URL",
}


def load_planted(path: Path) -> list[Planted]:
    """Read a ``type,value,file[,...]`` CSV of planted values (types upper-cased, aliases mapped)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Planted(
                TYPE_ALIASES.get(r["type"].strip().lower(), r["type"].strip().upper()),
                r["value"],
                r["file"].strip(),
            )
            for r in csv.DictReader(fh)
        ]


_DOCX_PARA = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_DOCX_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def read_naive(path: Path) -> str:
    """The whole file as text (UTF-8, undecodable bytes replaced); ``.docx`` paragraphs as lines."""
    if path.suffix.lower() == ".docx":
        import html
        import zipfile

        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8", errors="replace")
        paras = ["".join(_DOCX_TEXT.findall(p)) for p in _DOCX_PARA.findall(xml)]
        return html.unescape("\n".join(paras))
    return path.read_bytes().decode("utf-8", errors="replace")


def appears(value: str, text: str) -> bool:
    """True if ``value`` (sanitised) occurs in ``text`` as a whole word, case-sensitively."""
    v = sanitise_text(value)
    return re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text) is not None


def apply(analysis: Analysis) -> list[str]:
    """The redacted texts of an analysis."""
    out: list[str] = []
    for text, spans in zip(analysis.texts, analysis.spans, strict=True):
        pieces: list[str] = []
        pos = 0
        for s in spans:
            pieces += [text[pos : s.start], s.placeholder]
            pos = s.end
        pieces.append(text[pos:])
        out.append("".join(pieces))
    return out


def score_file(
    redactor: Redactor,
    texts: Sequence[str],
    planted: Iterable[Planted],
    score: Score,
    complete: bool,
    label: str = "",
) -> list[str]:
    """Redact ``texts`` (one document) and add recall (and, if ``complete``, precision) to ``score``."""
    import time

    t0 = time.perf_counter()
    analysis = redactor.analyse(texts)
    score.seconds += time.perf_counter() - t0
    score.n_words += sum(len(t.split()) for t in texts)
    redacted = apply(analysis)
    values = list(planted)
    for p in values:
        score.planted[p.kind] = score.planted.get(p.kind, 0) + 1
        if any(appears(p.value, r) for r in redacted):
            score.missed.append(p)
        else:
            score.found[p.kind] = score.found.get(p.kind, 0) + 1
    if complete:
        for text, spans in zip(analysis.texts, analysis.spans, strict=True):
            occurrences: list[tuple[int, int]] = []
            for p in values:
                v = sanitise_text(p.value)
                for m in re.finditer(re.escape(v), text):
                    occurrences.append((m.start(), m.end()))
            for s in spans:
                if any(a < s.end and s.start < b for a, b in occurrences):
                    score.true_pos[s.kind] = score.true_pos.get(s.kind, 0) + 1
                else:
                    score.false_pos[s.kind] = score.false_pos.get(s.kind, 0) + 1
                    score.false_spans.append((label, s.kind, text[s.start : s.end]))
    return redacted


def score_corpus(
    redactor: Redactor, root: Path, planted: Sequence[Planted], complete: bool, score: Score | None = None
) -> Score:
    """Score every file under ``root`` that ``planted`` names (and, if ``complete``, every file)."""
    score = score or Score()
    by_file: dict[str, list[Planted]] = {}
    for p in planted:
        by_file.setdefault(p.file, []).append(p)
    files = sorted(
        f.relative_to(root).as_posix()
        for f in root.rglob("*")
        if f.is_file() and f.name != "planted.csv" and not f.name.startswith(".")
    )
    if not complete:
        files = [f for f in files if f in by_file]
    for rel in files:
        path = root / rel
        score_file(redactor, [path.name, read_naive(path)], by_file.get(rel, []), score, complete, rel)
    for rel in sorted(set(by_file) - set(files)):
        for p in by_file[rel]:
            score.planted[p.kind] = score.planted.get(p.kind, 0) + 1
            score.missed.append(p)
    return score


# --------------------------------------------------------------------------- invented cases and precision
_CODE_KINDS = frozenset({"PHONE", "NHS_NUMBER", "NI_NUMBER", "HOSPITAL_NUMBER", "VEHICLE_REG", "POSTCODE"})


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; lines starting with ``#`` are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def value_survives(kind: str, value: str, redacted: str) -> bool:
    """True if ``value`` is still in ``redacted``.

    Codes and numbers are compared with separators removed, other values as whole words, both
    case-insensitively (as the end-to-end red-team scan compares).
    """
    if kind in _CODE_KINDS:
        squash = re.compile(r"[^0-9a-z]")
        return squash.sub("", value.lower()) in squash.sub("", redacted.lower())
    v = re.escape(sanitise_text(value).casefold())
    return re.search(rf"(?<![^\W_]){v}(?![^\W_])", redacted.casefold()) is not None


def score_cases(redactor: Redactor, path: Path) -> Score:
    """Recall per type on a ``type<TAB>value<TAB>text`` file of invented sentences (each one document)."""
    score = Score()
    for row in read_tsv(path):
        kind, value, text = row["type"], row["value"], row["text"]
        score.planted[kind] = score.planted.get(kind, 0) + 1
        if value_survives(kind, value, redactor.redact(text)):
            score.missed.append(Planted(kind, value, text))
        else:
            score.found[kind] = score.found.get(kind, 0) + 1
    return score


def score_negatives(redactor: Redactor, path: Path) -> Score:
    """False positives on a ``category<TAB>text`` file of sentences with no personal data at all."""
    score = Score()
    for row in read_tsv(path):
        analysis = redactor.analyse([row["text"]])
        for s in analysis.spans[0]:
            score.false_pos[s.kind] = score.false_pos.get(s.kind, 0) + 1
            score.false_spans.append((row["category"], s.kind, analysis.texts[0][s.start : s.end]))
    return score


def score_format_set(redactor: Redactor, folder: Path) -> tuple[Score, list[tuple[str, str]], int]:
    """Recall per type on ``folder/cases.csv`` and the must-survive terms of ``folder/negatives.csv`` lost.

    A format set (``data/redteam/formats/``, or one kept outside the repository) is snippets with one planted
    value each (``type,value,text``; each snippet one document) and snippets with a term that must survive
    (``term,text``). Returns the recall score, the (term, redacted text) pairs lost, and the number of negatives.
    """
    with (folder / "cases.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("type") and r.get("value") and r.get("text")]
    score = Score()
    for r in rows:
        kind, value = r["type"].strip(), r["value"]
        score.planted[kind] = score.planted.get(kind, 0) + 1
        if value_survives(kind, value, redactor.redact(r["text"])):
            score.missed.append(Planted(kind, value, r["text"]))
        else:
            score.found[kind] = score.found.get(kind, 0) + 1
    lost: list[tuple[str, str]] = []
    negatives = folder / "negatives.csv"
    n_neg = 0
    if negatives.exists():
        with negatives.open(encoding="utf-8", newline="") as fh:
            neg_rows = [r for r in csv.DictReader(fh) if r.get("term") and r.get("text")]
        n_neg = len(neg_rows)
        for r in neg_rows:
            redacted = redactor.redact(r["text"])
            if r["term"].casefold() not in redacted.casefold():
                lost.append((r["term"], redacted))
    return score, lost, n_neg


def load_people(path: Path) -> frozenset[str]:
    """The folded words of the names listed in ``path`` (one name a line, ``#`` comments)."""
    from storymine.privacy.names import name_parts

    with path.open(encoding="utf-8") as fh:
        return frozenset(p for line in fh if line.strip() and not line.startswith("#") for p in name_parts(line))


def score_precision(
    redactor: Redactor, files: Sequence[Path], planted: Sequence[Planted], people: frozenset[str], root: Path
) -> Score:
    """Precision of every redacted span in ``files`` (read naively, file name + content, one document each).

    A span is personal when it overlaps an occurrence of a planted value of its file, or when it is a
    PERSON span all of whose words are words of the reviewed names in ``people``; every other span is
    a false positive (a placeholder that replaced non-personal text).
    """
    from storymine.privacy.names import name_parts

    score = Score()
    by_file: dict[str, list[Planted]] = {}
    for p in planted:
        by_file.setdefault(p.file, []).append(p)
    for path in files:
        rel = path.relative_to(root).as_posix()
        analysis = redactor.analyse([path.name, read_naive(path)])
        for text, spans in zip(analysis.texts, analysis.spans, strict=True):
            occurrences = [
                (m.start(), m.end())
                for p in by_file.get(rel, [])
                for m in re.finditer(re.escape(sanitise_text(p.value)), text)
            ]
            for s in spans:
                words = name_parts(text[s.start : s.end])
                personal = any(a < s.end and s.start < b for a, b in occurrences) or (
                    s.kind == "PERSON" and bool(words) and all(w in people for w in words)
                )
                bucket = score.true_pos if personal else score.false_pos
                bucket[s.kind] = bucket.get(s.kind, 0) + 1
                if not personal:
                    score.false_spans.append((rel, s.kind, text[s.start : s.end]))
    return score
