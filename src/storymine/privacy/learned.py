"""A learned recogniser of person names in context (issue #18).

The rules of :mod:`storymine.privacy.names` and :mod:`storymine.privacy.informal` each read one cue ("Mrs …",
"thanks …", "… rang"). Thirteen rounds of them lifted every corpus once read and none written later: each new
writer has habits no rule has seen. This module adds a second, different kind of evidence: a logistic
regression over each word's form and its neighbours (the words around it, its shape and case, how common it
is in English, whether the packaged name and place lists hold it, whether the document writes it capitalised
inside sentences or in lower case elsewhere), trained by ``scripts/build_name_context.py`` on the red-team
corpora shipped in ``data/redteam/`` (synthetic stories and transcripts written by independent writers, with
the names they planted). The weights ship as ``data/name_context.npz``: nothing is trained or downloaded at
run time. Features are hashed; no word list or training text is stored in the model file.

Its proposals join the rules' as names to find everywhere in the document
(:meth:`storymine.privacy.names.NameIndex.add`), so the same vetoes apply (clinical terms, drugs, places,
months are never redacted) and the same placeholders link a person's mentions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storymine.privacy.frequency import zipf
from storymine.privacy.namelike import name_probability
from storymine.privacy.names import (
    building_after,
    fold_word,
    is_listed_first_name,
    is_place,
    is_rare_surname,
    never_a_name,
    world_places,
)
from storymine.privacy.names import first_names as _first_names
from storymine.privacy.names import places as _places
from storymine.privacy.names import surnames as _surnames
from storymine.privacy.vocab import COMMUNITY_WORDS, KIN_ADJECTIVES, TITLES

MODEL_PATH = Path(__file__).with_name("data") / "name_context.npz"
N_FEATURES = 2**20
THRESHOLD = 0.7
"""The probability at or above which a word is proposed as a name. Chosen in round 21 (``docs/privacy.md``):
0.9, 0.7 and 0.5 scanned on held-out corpora and the shared-corpus spans (``python -m
benchmarks.shared_spans``); 0.5 took many more place words in the wildfire reports for little more recall.
``python scripts/build_name_context.py --cv`` prints the leave-corpora-out precision and recall per threshold."""

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?:['’][^\W\d_]{2,})?|\d+|\S")
_SENTENCE_END = frozenset('.!?:"“')
# a proposal that is a place's or an incident's name: "San Carlos", "the Pat Creek Fire", "Clark County"
_PLACE_AFTER = re.compile(
    r"[ ]+(?:Creek|County|Fire|Forest|National|River|Lake|Valley|Ridge|Mountains?|Canyon|Park|Castle|Island|Bay"
    r"|Hills?|Falls|Springs|Station|Airport|District|Complex|Incident|Road|Street|Lane|Avenue|Way)\b"
)
_WORKS_AFTER = re.compile(r"[ ]+(?:site|plant|works|depot|factory|campus|refinery|power[ ]station)\b")


def works_after_the(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` names a works between "the" and "site", "plant" … ("at the Sellafield site")."""
    return text[max(0, start - 4) : start].lower() == "the " and _WORKS_AFTER.match(text, end) is not None


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ ]+$")
_PLACE_BEFORE = frozenset({"san", "santa", "los", "las", "el", "fort", "mount", "lake", "port", "saint", "st"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word, number and punctuation tokens of ``text`` as (start, end) offsets."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_word(token: str) -> bool:
    return token[:1].isalpha()


@lru_cache(maxsize=100_000)
def _shape(token: str) -> str:
    s = re.sub(r"[A-Z]", "X", re.sub(r"[a-z]", "x", re.sub(r"\d", "d", token)))
    s = re.sub(r"[^\sXxd]", lambda m: m.group(0) if m.group(0) in "-'’." else "o", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


@lru_cache(maxsize=200_000)
def _zipf_bin(folded: str) -> str:
    z = zipf(folded)
    return "0" if z == 0 else str(min(7.0, int(z * 2) / 2))


@lru_cache(maxsize=200_000)
def _namelike_bin(folded: str) -> str:
    """How much the word's letters look like a name (:mod:`storymine.privacy.namelike`), in tenths."""
    return str(int(name_probability(folded) * 10))


@lru_cache(maxsize=200_000)
def _lexicon(word: str) -> tuple[bool, bool, bool, bool, bool]:
    """(listed first name, listed surname, listed rare first name, rare surname, listed place) of ``word``."""
    f = fold_word(word)
    return (
        f in _first_names(),
        f in _surnames(),
        is_listed_first_name(word),
        is_rare_surname(word),
        is_place(word),
    )


class DocumentContext:
    """What the whole document says about its words: written capitalised inside a sentence, or in lower case."""

    def __init__(self, texts: Sequence[str], tokens: Sequence[Sequence[tuple[int, int]]] | None = None) -> None:
        """``tokens``: each text's :func:`tokenize` offsets when the caller has them (not computed twice)."""
        self.capitalised_inside: set[str] = set()
        self.lower: set[str] = set()
        for text, toks in zip(texts, tokens if tokens is not None else [tokenize(t) for t in texts], strict=True):
            for i, (a, b) in enumerate(toks):
                w = text[a:b]
                if not _is_word(w):
                    continue
                if w.islower():
                    self.lower.add(w)
                elif w[:1].isupper() and i > 0:
                    prev = text[toks[i - 1][0] : toks[i - 1][1]]
                    if prev not in _SENTENCE_END and "\n" not in text[toks[i - 1][1] : a]:
                        self.capitalised_inside.add(fold_word(w))


def candidate(word: str) -> bool:
    """Whether ``word`` is scored at all: letters, two or more, not a stop, clinical, title or label word."""
    return len(word) >= 2 and _is_word(word) and not never_a_name(fold_word(word))


def features(text: str, toks: Sequence[tuple[int, int]], i: int, doc: DocumentContext) -> list[str]:
    """The hashed-feature strings of token ``i`` of ``text``."""
    a, b = toks[i]
    w = text[a:b]
    f = fold_word(w)

    def tok(j: int) -> str:
        if j < 0:
            return "<s>"
        if j >= len(toks):
            return "</s>"
        return text[toks[j][0] : toks[j][1]]

    def low(j: int) -> str:
        t = tok(j)
        return fold_word(t) if _is_word(t) else t

    line_start = i == 0 or "\n" in text[toks[i - 1][1] : a]
    p1, p2, n1, n2 = low(i - 1), low(i - 2), low(i + 1), low(i + 2)
    sh = _shape(w)
    case = "low" if w.islower() else "up" if w.isupper() else "title" if w[:1].isupper() else "mix"
    zb = _zipf_bin(f)
    first, surname, rare_first, rare_surname, place = _lexicon(w)
    cap_in = f in doc.capitalised_inside
    low_here = w.lower() in doc.lower
    prev_tok, next_tok = tok(i - 1), tok(i + 1)
    return [
        "b",
        "w=" + f,
        "sh=" + sh,
        "p2=" + f[:2],
        "p3=" + f[:3],
        "s2=" + f[-2:],
        "s3=" + f[-3:],
        "s4=" + f[-4:],
        "len=" + str(min(len(f), 12)),
        "z=" + zb,
        "case=" + case,
        "p1=" + p1,
        "p2w=" + p2,
        "n1=" + n1,
        "n2w=" + n2,
        "p1sh=" + _shape(prev_tok),
        "n1sh=" + _shape(next_tok),
        "p1|n1=" + p1 + "|" + n1,
        "p1|sh=" + p1 + "|" + sh,
        "sh|n1=" + sh + "|" + n1,
        "p2p1=" + p2 + "|" + p1,
        "n1n2=" + n1 + "|" + n2,
        "ls=" + str(line_start),
        "fn=" + str(first),
        "sn=" + str(surname),
        "lfn=" + str(rare_first),
        "rsn=" + str(rare_surname),
        "pl=" + str(place),
        "ti=" + str(f in TITLES),
        "capin=" + str(cap_in),
        "lowhere=" + str(low_here),
        "p1fn=" + str(prev_tok[:1].isupper() and fold_word(prev_tok) in _first_names()),
        "n1sn=" + str(next_tok[:1].isupper() and fold_word(next_tok) in _surnames()),
        "p1ti=" + str(p1.rstrip(".") in TITLES),
        "z|case=" + zb + "|" + ("low" if w.islower() else "cap"),
        "z|capin=" + zb + "|" + str(cap_in) + "|" + str(low_here),
        "nl=" + _namelike_bin(f),
        "nl|case=" + _namelike_bin(f) + "|" + case,
    ]


@lru_cache(maxsize=1)
def _hasher() -> Any:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


def hash_features(rows: Sequence[list[str]]) -> Any:
    """The sparse matrix of feature rows (one row per token)."""
    return _hasher().transform(rows)


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, float]:
    """The shipped weights. A missing file is a broken install and raises: redaction never runs without them."""
    data = np.load(MODEL_PATH)
    return data["w"].astype(np.float32), float(data["b"])


def score(texts: Sequence[str]) -> list[list[tuple[int, int, float]]]:
    """Each candidate word of each text with the probability that it is (part of) a person's name."""
    coef, intercept = _weights()
    tokens = [tokenize(text) for text in texts]
    doc = DocumentContext(texts, tokens)
    rows: list[list[str]] = []
    where: list[tuple[int, int, int]] = []
    for k, (text, toks) in enumerate(zip(texts, tokens, strict=True)):
        for i, (a, b) in enumerate(toks):
            if candidate(text[a:b]):
                rows.append(features(text, toks, i, doc))
                where.append((k, a, b))
    out: list[list[tuple[int, int, float]]] = [[] for _ in texts]
    if not rows:
        return out
    z = hash_features(rows) @ coef + intercept
    for (k, a, b), zi in zip(where, z, strict=True):
        out[k].append((a, b, 1.0 / (1.0 + math.exp(-float(zi)))))
    return out


def _the_before(text: str, start: int) -> bool:
    return text[max(0, start - 4) : start] == "The " and (start == 4 or not text[start - 5].isalnum())


def _place_name(text: str, start: int, end: int) -> bool:
    """Whether the proposal ``text[start:end]`` names a place or a thing there, not a person.

    A place prefix first ("San Carlos", "Fort William"), a place or building word after ("the Pat Creek Fire",
    "Clark County", "Rowan Ward"), "The" before ("our neighbouring forest, The Salmon-Challis"), or every word a
    listed place ("Kenya, India and Jordan": places first, though "India" and "Jordan" are first names too).
    """
    words = text[start:end].split()
    if len(words) > 1 and fold_word(words[0]) in _PLACE_BEFORE:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    if before and before.group(1)[:1].isupper() and fold_word(before.group(1)) in _PLACE_BEFORE:  # "San Carlos"
        return True
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:  # "EMA", "CAMHS": an acronym
        return True
    if len(words) == 1 and (
        fold_word(words[0]).removesuffix("s") in KIN_ADJECTIVES or fold_word(words[0]) in COMMUNITY_WORDS
    ):
        return True  # "What we know as Christians", "the Travellers": a people, not a person
    if _PLACE_AFTER.match(text, end) or building_after(text, end) or _the_before(text, start):
        return True
    if works_after_the(text, start, end):
        return True  # "a night shift at the Sellafield site": a works, not a person
    if _PERSON_VERB_AFTER.match(text, end):
        return False  # "the first time Jordan had slept through", "Chelsea said": a place does not sleep or speak
    return all(w[:1].isupper() and (fold_word(w) in _places() or fold_word(w) in world_places()) for w in words)


# what only a person does, right after a word that is a place and a first name ("Jordan had slept", "Chelsea
# cried", "Kenya told me")
_PERSON_VERB_AFTER = re.compile(
    r"[ ]+(?:(?:had|has|was|is|just|then|also|finally|never|always|still)[ ]+)?"
    r"(?:slept|sleeps|sleeping|said|says|told|tells|cried|cries|crying|smiled|smiles|laughed|laughs|died|felt|feels"
    r"|wanted|wants|loved|loves|hated|hates|rang|rings|phoned|texted|messaged|ate|eats|screamed|shouted|whispered"
    r"|nodded|agreed|refused|thinks|thought|knew|knows|remembered|forgot|liked|likes|enjoyed|enjoys|woke|asked"
    r"|asks|looked|seemed|walked|managed|tried|chose|decided|admitted|discharged|sat|stood|worried|panicked"
    r"|herself|himself)\b"
)


def propose(texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[str]]:
    """Names the model proposes in each text: runs of adjacent words scored at or above ``threshold``."""
    proposals: list[list[str]] = []
    for text, scored in zip(texts, score(texts), strict=True):
        runs: list[tuple[int, int]] = []
        run: list[tuple[int, int]] = []
        for a, b, p in scored:
            if p >= threshold and (not run or re.fullmatch(r"[ ]", text[run[-1][1] : a])):
                run.append((a, b))
                continue
            if run:
                runs.append((run[0][0], run[-1][1]))
            run = [(a, b)] if p >= threshold else []
        if run:
            runs.append((run[0][0], run[-1][1]))
        names = {text[a:b] for a, b in runs if not _place_name(text, a, b)}
        proposals.append(sorted(names))
    return proposals
