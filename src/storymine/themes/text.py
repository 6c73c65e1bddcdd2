"""Text preparation for themes: placeholders, stop words, the keyword vectoriser and labels."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from storymine.types import PLACEHOLDER_RE

_EMBED_WORDS = {
    "PERSON": "someone",
    "NAME": "someone",
    "ORG": "an organisation",
    "ORGANISATION": "an organisation",
    "ORGANIZATION": "an organisation",
    "LOCATION": "a place",
    "PLACE": "a place",
    "GPE": "a place",
    "ADDRESS": "an address",
    "DATE": "a date",
    "EMAIL": "an email address",
    "PHONE": "a phone number",
}

# Conversational filler and meeting talk that otherwise dominate transcript keywords.
_DISCOURSE = """
yeah yes okay ok um uh er erm mm hmm right well just really actually basically like kind sort
think thought know knew mean means say said says saying going gone got get gets getting
thing things lot lots bit little way ways want wanted need needs let make made
thank thanks chair minister question questions point points sure good great obviously
also perhaps maybe quite certainly absolutely clearly able come comes coming look looking
don didn doesn isn wasn aren weren ve ll re
oh ah aha ooh did does went came
"""
DISCOURSE_STOP_WORDS: frozenset[str] = frozenset(_DISCOURSE.split())


def placeholder_kind(token: str) -> str:
    """The category of a placeholder (``[PERSON_1]`` → ``PERSON``)."""
    parts = token.strip("[]").split("_")
    while len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    return "_".join(parts)


def for_embedding(text: str) -> str:
    """Text as the embedding model sees it: placeholders become neutral words, whitespace collapsed."""

    def repl(m: re.Match[str]) -> str:
        return _EMBED_WORDS.get(placeholder_kind(m.group(0)), "something")

    return " ".join(PLACEHOLDER_RE.sub(repl, text).split())


def for_keywords(text: str) -> str:
    """Text as the keyword vectoriser sees it: placeholders removed, so they never become keywords."""
    return " ".join(PLACEHOLDER_RE.sub(" ", text).split())


def text_hash(text: str) -> str:
    """SHA-256 of a text, the content key of the embedding cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stop_words(extra: Iterable[str] = ()) -> list[str]:
    """Sorted stop-word list: scikit-learn's English list, discourse fillers and ``extra``."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(set(ENGLISH_STOP_WORDS) | DISCOURSE_STOP_WORDS | {w.lower() for w in extra})


TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_'-]+\b"
"""Words of two or more letters; digits and ``PERSON_1``-style tokens never match."""


_TOKEN_RE = re.compile(TOKEN_PATTERN)


def keyword_tokens(text: str) -> list[str]:
    """Lower-cased words of ``text`` as the keyword vectoriser tokenises them (stop words kept)."""
    return _TOKEN_RE.findall(text.lower())


def make_vectorizer(extra_stop_words: Iterable[str] = (), ngram_max: int = 2) -> object:
    """The CountVectorizer for c-TF-IDF.

    BERTopic fits it on one concatenated document per topic, so ``min_df`` counts topics and must
    stay 1 (``min_df=2`` would drop every word that belongs to one topic only). Only
    JSON-serialisable parameters, so BERTopic's ``save_ctfidf`` can store it.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        stop_words=stop_words(extra_stop_words),
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, ngram_max),
        min_df=1,
        lowercase=True,
    )


def make_label(keywords: Sequence[str], max_terms: int = 3, anchors: Sequence[str] = ()) -> str:
    """A short human-readable label from ranked keywords.

    Takes up to ``max_terms`` keywords in order, skipping any whose words are all already used
    (so ``discharge``, ``discharge planning`` gives one term), and joins them with commas. When
    ``anchors`` (the theme's most distinctive keywords) are given and the label would share no word
    with them, the first anchor leads the label, so it always names what sets the theme apart.
    """
    used: set[str] = set()
    terms: list[str] = []
    anchor_words = {w for a in anchors for w in a.split()}
    head = {w for k in list(keywords)[:max_terms] for w in k.split()}
    anchored = bool(anchors) and not head & anchor_words
    if anchored:
        keywords = [anchors[0], *keywords]
    # a leading phrase reads better than a single word: promote the first bigram among the top 3
    ordered = list(keywords)
    bigrams = [k for k in ordered[:3] if " " in k]
    if bigrams and not anchored:
        ordered.remove(bigrams[0])
        ordered.insert(0, bigrams[0])
    for kw in ordered:
        words = set(kw.split())
        if not words or words <= used:
            continue
        terms = [t for t in terms if not set(t.split()) <= words]
        terms.append(kw)
        used |= words
        if len(terms) >= max_terms:
            break
    if not terms:
        return "(no keywords)"
    label = ", ".join(terms)
    return label[0].upper() + label[1:]
