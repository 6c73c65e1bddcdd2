"""Readers for the shared public corpora used to train and evaluate the signal detectors.

Every reader takes the dataset folder and returns plain records; none of them copies text into the
project. Sentence indices for the transcript and narrative corpora follow one fixed rule,
:func:`split_sentences` (rule name ``SPLIT_RULE``), so gold labels can point at sentences by
``(file, ref, sentence_index)`` and the text can be rebuilt from the datasets.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SPLIT_RULE = "regex-v1"
_SENT_RE = re.compile(r"(?<=[.!?])([\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])")
_WS_RE = re.compile(r"\s+")

SZEGED_TYPES = {
    "speculation_modal_probable_": "epistemic",
    "speculation_hypo_doxastic _": "doxastic",
    "speculation_hypo_condition _": "conditional",
    "speculation_hypo_investigation _": "investigation",
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences (rule ``regex-v1``) and return ``(start, end)`` char offsets.

    A boundary is whitespace after ``.``, ``!`` or ``?`` (optionally followed by a closing quote or
    bracket) when the next character starts with a capital letter or digit. Leading and trailing
    whitespace is excluded from each span; empty spans are dropped.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_RE.finditer(text):
        spans.append((start, m.start() + len(m.group(1))))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


@dataclass(frozen=True)
class SzegedCue:
    """One hedge cue inside a Szeged sentence: char offsets in the sentence and its cue type."""

    start: int
    end: int
    cue_type: str


@dataclass(frozen=True)
class SzegedSentence:
    """One sentence of the Szeged Uncertainty Corpus with its document id and cues."""

    corpus: str
    doc_id: str
    sent_id: str
    text: str
    cues: tuple[SzegedCue, ...]

    @property
    def uncertain(self) -> bool:
        """True when the sentence holds at least one ``ccue`` cue."""
        return bool(self.cues)


def _walk_sentence(elem: ET.Element) -> tuple[str, list[SzegedCue]]:
    parts: list[str] = []
    cues: list[SzegedCue] = []
    pos = 0

    def rec(e: ET.Element) -> None:
        nonlocal pos
        if e.text:
            parts.append(e.text)
            pos += len(e.text)
        for child in e:
            start = pos
            rec(child)
            if child.tag == "ccue":
                ctype = SZEGED_TYPES.get(child.get("type", ""), "epistemic")
                cues.append(SzegedCue(start, pos, ctype))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    rec(elem)
    return "".join(parts), cues


def read_szeged(path: Path) -> list[SzegedSentence]:
    """Read one Szeged XML file (``wiki.xml`` or ``bio_hbc.xml``) into sentences with cues."""
    corpus = path.stem
    tree = ET.parse(path)
    out: list[SzegedSentence] = []
    for d_i, doc in enumerate(tree.iter("Document")):
        did_el = doc.find("DocID")
        doc_id = f"{corpus}:{d_i}:{(did_el.text or '') if did_el is not None else ''}"
        for sent in doc.iter("Sentence"):
            text, cues = _walk_sentence(sent)
            if not text.strip():
                continue
            out.append(SzegedSentence(corpus, doc_id, sent.get("id", ""), text, tuple(cues)))
    return out


@dataclass(frozen=True)
class CeredSentence:
    """One CEReD sentence with its reflection category (``Difficulties`` normalised to ``Difficulty``)."""

    idx: str
    sentence: str
    label: str


def read_cered(path: Path) -> list[CeredSentence]:
    """Read a CEReD ``en_*.tsv`` file."""
    out: list[CeredSentence] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            label = (row.get("y") or "").strip()
            if label == "Difficulties":
                label = "Difficulty"
            out.append(CeredSentence(str(row.get("idx", "")).strip(), (row.get("sentence") or "").strip(), label))
    return out


@dataclass(frozen=True)
class TextUnit:
    """A transcript turn or narrative field, addressable by ``(file, ref)``."""

    dataset: str
    file: str
    ref: str
    text: str
    speaker: str | None = None


def read_qmsum(folder: Path) -> list[TextUnit]:
    """Read the QMSum committee meetings: one unit per speaker turn, ``ref`` = turn index."""
    out: list[TextUnit] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for i, turn in enumerate(data.get("meeting_transcripts", [])):
            text = _WS_RE.sub(" ", str(turn.get("content", ""))).strip()
            out.append(TextUnit("qmsum", path.name, str(i), text, str(turn.get("speaker", ""))))
    return out


def read_asrs(path: Path) -> list[TextUnit]:
    """Read an ASRS export (two header rows): one unit per ``Report 1|Narrative``, ``ref`` = ACN."""
    out: list[TextUnit] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        top = next(reader)
        sub = next(reader)
        group = ""
        names: list[str] = []
        for a, b in zip(top, sub, strict=False):
            group = a.strip() or group
            names.append(f"{group}|{b.strip()}")
        acn_i = next(i for i, n in enumerate(names) if n.endswith("|ACN"))
        narr_i = names.index("Report 1|Narrative")
        for row in reader:
            if len(row) <= narr_i:
                continue
            text = _WS_RE.sub(" ", row[narr_i]).strip()
            if text:
                out.append(TextUnit("asrs", path.name, row[acn_i].strip(), text))
    return out


# SAFENET reports after 2016 are reserved for blind evaluation: never read them here.
SAFENET_LAST_YEAR = 2016
SAFENET_FIELDS = ("Narrative", "Immediate Action Taken")


def read_safenet(folder: Path) -> list[TextUnit]:
    """Read SAFENET wildland-fire reports (years up to 2016 only): one unit per non-empty text field.

    ``file`` is the year's CSV name, ``ref`` is ``"<ID>|<field>"`` with field ``Narrative`` or
    ``Immediate Action Taken`` (the recovery), so a sentence stays addressable by reference.
    """
    out: list[TextUnit] = []
    for path in sorted(folder.glob("SAFENET_*.csv")):
        year = path.stem.rsplit("_", 1)[-1]
        if not year.isdigit() or int(year) > SAFENET_LAST_YEAR:
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh, skipinitialspace=True):
                rid = (row.get("ID") or "").strip()
                for field in SAFENET_FIELDS:
                    text = _WS_RE.sub(" ", row.get(field) or "").strip()
                    if rid and text:
                        out.append(TextUnit("safenet", path.name, f"{rid}|{field}", text))
    return out


LLIS_FILES = {
    "LLIS_Driving_Event_Doccano.json": "Driving Event",
    "LLIS_Lesson(s)_Learned_Doccano.json": "Lesson(s) Learned",
    "LLIS_Recommendation(s)_Doccano.json": "Recommendation(s)",
}


def read_llis(folder: Path) -> list[TextUnit]:
    """Read the NASA LLIS excerpts: one unit per lesson and field, ``ref`` = the ``Lesson ID``."""
    out: list[TextUnit] = []
    for name, field in LLIS_FILES.items():
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                obj = json.loads(line)
                text = _WS_RE.sub(" ", str(obj.get(field) or "")).strip()
                if text:
                    out.append(TextUnit("llis", name, str(obj.get("Lesson ID", "")), text))
    return out
