"""The typed privacy gate's value type: :class:`Redacted`, text that came out of the redactor (#18).

Every free-text column of every table (``schema.FREE_TEXT``) accepts only :class:`Redacted` values; the
store refuses a plain ``str`` there (:class:`storymine.store.schema.PrivacyGateError`). A
:class:`Redacted` cannot be made by calling the class: it comes only from these named entry points,
each one greppable and checked by ``tests/privacy/test_redacted.py``:

* :func:`redactor_output`: what :class:`storymine.privacy.Redactor` returns (``redact_document``,
  ``redact``, ``redact_path``); called in ``privacy/redactor.py`` only;
* :func:`from_store`: a value read back from one of our own tables (written through the gate); called
  by ``store/`` only;
* the methods of :class:`Redacted` that can only remove or re-case characters: slices (a sentence of a
  segment), ``strip``/``lstrip``/``rstrip``, ``lower``/``upper``/``casefold``/``capitalize``/``title``,
  ``split``/``rsplit``/``splitlines``, ``removeprefix``/``removesuffix``;
* :func:`join`: :class:`Redacted` parts joined with a short space or punctuation separator;
* :func:`program_text` and :func:`compose`: storymine's own wording (a string literal at the call site,
  which the test checks) with :class:`Redacted` values and numbers filled in;
* :func:`record_locator`: a reader's record locator (``row=3``, ``line=12``), checked for that shape;
* :class:`Vocabulary`: a term (theme keyword or label) made only of words of some :class:`Redacted`
  texts (``Vocabulary.vouch``), and :func:`month_text` for a ``YYYY-MM`` count key;
* :func:`exception_name` and :func:`errno_text`: an exception's class name and the operating system's
  wording for an error number (never an error's message, which can quote a path or a text).

Everything else a ``str`` can do (``+``, f-strings, ``%``, ``format``, ``replace``, ``str(value)``)
gives a plain ``str``, which the store refuses in a free-text column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any, LiteralString, SupportsIndex, overload

__all__ = [
    "Redacted",
    "Vocabulary",
    "compose",
    "errno_text",
    "exception_name",
    "from_store",
    "from_store_column",
    "is_redacted",
    "join",
    "month_text",
    "program_text",
    "record_locator",
    "redactor_output",
]

_KEY = object()


class Redacted(str):
    """Text that went through the redactor, or was cut, re-cased or joined from such text.

    Only the functions of this module make one (``Redacted("x")`` raises :class:`TypeError`). Methods that
    can only remove or re-case characters keep the type; every other ``str`` operation returns a plain
    ``str``.
    """

    __slots__ = ()

    def __new__(cls, value: str, key: object = None) -> Redacted:
        """Refuse direct construction: use :func:`redactor_output` or the other named entry points."""
        if key is not _KEY:
            raise TypeError("a Redacted value comes only from the redactor (see storymine.privacy.redacted)")
        return super().__new__(cls, value)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickle (worker processes, copies) as what it is: a redacted value."""
        return (_restore, (str(self),))

    @overload
    def __getitem__(self, key: SupportsIndex) -> Redacted: ...
    @overload
    def __getitem__(self, key: slice) -> Redacted: ...
    def __getitem__(self, key: SupportsIndex | slice) -> Redacted:
        """A character or a slice (e.g. one sentence of a segment) is still redacted text."""
        return _wrap(str.__getitem__(self, key))

    def strip(self, chars: str | None = None) -> Redacted:
        """Characters removed from both ends."""
        return _wrap(str.strip(self, chars))

    def lstrip(self, chars: str | None = None) -> Redacted:
        """Characters removed from the start."""
        return _wrap(str.lstrip(self, chars))

    def rstrip(self, chars: str | None = None) -> Redacted:
        """Characters removed from the end."""
        return _wrap(str.rstrip(self, chars))

    def removeprefix(self, prefix: str, /) -> Redacted:
        """A prefix removed."""
        return _wrap(str.removeprefix(self, prefix))

    def removesuffix(self, suffix: str, /) -> Redacted:
        """A suffix removed."""
        return _wrap(str.removesuffix(self, suffix))

    def lower(self) -> Redacted:
        """Lower-cased."""
        return _wrap(str.lower(self))

    def upper(self) -> Redacted:
        """Upper-cased."""
        return _wrap(str.upper(self))

    def casefold(self) -> Redacted:
        """Case-folded."""
        return _wrap(str.casefold(self))

    def capitalize(self) -> Redacted:
        """First character upper-cased, the rest lower-cased."""
        return _wrap(str.capitalize(self))

    def title(self) -> Redacted:
        """Every word capitalised."""
        return _wrap(str.title(self))

    def split(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[Redacted]:  # type: ignore[override]
        """The pieces between separators."""
        return [_wrap(p) for p in str.split(self, sep, maxsplit)]

    def rsplit(self, sep: str | None = None, maxsplit: SupportsIndex = -1) -> list[Redacted]:  # type: ignore[override]
        """The pieces between separators, split from the end."""
        return [_wrap(p) for p in str.rsplit(self, sep, maxsplit)]

    def splitlines(self, keepends: bool = False) -> list[Redacted]:  # type: ignore[override]
        """The lines."""
        return [_wrap(p) for p in str.splitlines(self, keepends)]


def _wrap(text: str) -> Redacted:
    return Redacted(text, _KEY)


def _restore(text: str) -> Redacted:
    return Redacted(text, _KEY)


def redactor_output(text: str) -> Redacted:
    """The redactor's result for one text. Called by :mod:`storymine.privacy.redactor` only."""
    return _wrap(text)


def from_store(text: str) -> Redacted:
    """A free-text value read back from one of storymine's own tables (it was written through the gate).

    Called by :mod:`storymine.store` only, when it reads a table.
    """
    return text if isinstance(text, Redacted) else _wrap(text)


def from_store_column(values: list[Any]) -> list[Any]:
    """:func:`from_store` over one column's values: ``str`` wrapped, None and other values kept.

    The fast path of :meth:`storymine.store.Store.read` for text columns. Called by :mod:`storymine.store` only.
    """
    new = str.__new__
    return [new(Redacted, v) if type(v) is str else v for v in values]


def is_redacted(value: object) -> bool:
    """True for a :class:`Redacted` value (the store's check: an ``isinstance``, nothing else)."""
    return isinstance(value, Redacted)


_SEPARATOR = re.compile(r"[ \n\t,;:.|/·•\-–—()\[\]=#]{0,4}")


def join(parts: Iterable[Redacted], sep: str = " ") -> Redacted:
    """``sep.join(parts)`` as :class:`Redacted`.

    Every part must be :class:`Redacted`, and ``sep`` at most four spaces or punctuation characters (so no
    word can be added between them).
    """
    if not _SEPARATOR.fullmatch(sep):
        raise ValueError(f"join separator {sep!r} must be at most 4 spaces or punctuation characters")
    items = list(parts)
    for p in items:
        if not isinstance(p, Redacted):
            raise TypeError(f"join takes Redacted parts only, got {type(p).__name__}")
    return _wrap(sep.join(items))


def program_text(text: LiteralString) -> Redacted:
    """Storymine's own fixed wording for a free-text column (``"participant"``, ``"no themes"``).

    The argument must be a string literal at the call site (``tests/privacy/test_redacted.py`` checks every
    call in ``src/``): text from an input never goes through here.
    """
    return _wrap(text)


_LOCATOR = re.compile(r"(?:(?:row|line)=\d{1,12})?")


def record_locator(value: str) -> Redacted:
    """A record locator as the readers write it (``row=3``, ``line=12``, or empty) as :class:`Redacted`.

    Raises :class:`ValueError` for anything else.
    """
    if not _LOCATOR.fullmatch(value):
        raise ValueError("not a record locator (row=N or line=N)")
    return _wrap(value)


def compose(template: LiteralString, *values: Redacted | int | float) -> Redacted:
    """``template.format(*values)`` as :class:`Redacted`, for messages (``ingest_log.reason``, ``runs.message``).

    ``template`` is storymine's own wording (a string literal at the call site, checked like
    :func:`program_text`); each value must be :class:`Redacted` or a number; anything else raises
    :class:`TypeError`.
    """
    for v in values:
        if not (isinstance(v, Redacted) or (isinstance(v, (int, float)) and not isinstance(v, bool))):
            raise TypeError(f"compose takes Redacted values and numbers only, got {type(v).__name__}")
    return _wrap(template.format(*values))


def exception_name(exc: BaseException) -> Redacted:
    """The class name of ``exc`` (``ValueError``): code, never the error's message."""
    return _wrap(type(exc).__name__)


def errno_text(number: int) -> Redacted:
    """The operating system's wording for an error number, lower case (``no space left on device``).

    It depends on the number only, unlike an ``OSError``'s ``strerror``, which a caller can set to anything.
    """
    return _wrap(os.strerror(number).lower())


_WORD = re.compile(r"[^\W_]+")
_THEME_ID = re.compile(r"t\d{4,}")
_MONTH = re.compile(r"\d{4}-\d{2}")


class Vocabulary:
    """The words of some :class:`Redacted` texts: a term made only of them is redacted text too.

    Theme keywords and labels are built by a vectoriser and a tagger from redacted texts, outside this
    module's types; :meth:`vouch` gives such a term the :class:`Redacted` type only when every word of it
    (letters and digits, case-folded) is a word of those texts, one of ``own_words`` (storymine's own
    wording such as "and", given as literals) or a theme id (``T0003``). A term with any other word is
    refused (None): it cannot have come from the redacted texts.
    """

    def __init__(self, texts: Iterable[Redacted | None], own_words: Iterable[LiteralString] = ()) -> None:
        """Collect the words of ``texts`` (each must be :class:`Redacted`; None is skipped)."""
        self._words: set[str] = {w.casefold() for w in own_words}
        self._terms: set[str] = set()
        self.add(texts)

    def add_terms(self, values: Iterable[Redacted | None]) -> None:
        """Known :class:`Redacted` values (a rename, an earlier label): an equal string is vouched for whole.

        pandas turns a ``Redacted`` in a column it rebuilds back into a plain ``str``; the same characters
        are the same redacted text.
        """
        for t in values:
            if t is None or (isinstance(t, float) and t != t):
                continue
            if not isinstance(t, Redacted):
                raise TypeError(f"known terms must be Redacted, got {type(t).__name__}")
            self._terms.add(str(t))

    def add(self, texts: Iterable[Redacted | None]) -> None:
        """Add the words of more :class:`Redacted` texts."""
        for t in texts:
            if t is None or (isinstance(t, float) and t != t):
                continue
            if not isinstance(t, Redacted):
                raise TypeError(f"a Vocabulary is built from Redacted texts only, got {type(t).__name__}")
            self._words.update(_WORD.findall(t.casefold()))

    def __contains__(self, word: object) -> bool:
        """True when ``word`` (case-folded) is a word of the texts or one of storymine's own words."""
        return isinstance(word, str) and word.casefold() in self._words

    def vouch(self, term: str) -> Redacted | None:
        """``term`` as :class:`Redacted` when it is one already or every word of it is known; else None."""
        if isinstance(term, Redacted):
            return term
        if term in self._terms:
            return _wrap(term)
        words = _WORD.findall(term.casefold())
        if all(w in self._words or _THEME_ID.fullmatch(w) for w in words):
            return _wrap(term)
        return None


def month_text(value: str) -> Redacted:
    """A month as ``YYYY-MM`` (a count key made from a date), as :class:`Redacted`; ValueError otherwise."""
    if not _MONTH.fullmatch(value):
        raise ValueError("not a month (YYYY-MM)")
    return _wrap(value)
