"""Neutralise hostile characters in text before anything else looks at it.

:func:`sanitise_text` is called by ingestion on every text field before redaction, and again by
the redactor itself (it is idempotent), so that an identifier cannot hide from the recognisers
behind an invisible character.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embedding/override/isolate controls (Trojan Source) and marks: removed.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width and invisible characters that can split an identifier: removed.
_INVISIBLE = "\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
# Unicode spaces that become a plain space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Line and paragraph separators (and vertical tab / form feed) that become a newline.
_NEWLINES = "\u2028\u2029\u0085\x0b\x0c"

_TABLE: dict[int, str | None] = {}
for _c in _BIDI + _INVISIBLE:
    _TABLE[ord(_c)] = None
for _c in _SPACES:
    _TABLE[ord(_c)] = " "
for _c in _NEWLINES:
    _TABLE[ord(_c)] = "\n"
# Other C0 and C1 controls except tab and newline (\r is handled before the table).
for _i in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
    if _i not in (0x09, 0x0A) and _i not in _TABLE:
        _TABLE[_i] = None
# Full-width ASCII forms (e.g. "０７７００ ９００１２３") become ASCII so that patterns see them.
for _i in range(0xFF01, 0xFF5F):
    _TABLE[_i] = chr(_i - 0xFEE0)

_CRLF = re.compile(r"\r\n?")


def sanitise_text(text: str) -> str:
    r"""Return ``text`` with hostile or invisible characters neutralised.

    * ``\r\n`` and lone ``\r`` become ``\n``; U+2028/U+2029, NEL, VT and FF become ``\n``;
    * bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and LRM/RLM/ALM
      are removed, so right-to-left override tricks cannot reorder what a reader sees;
    * zero-width characters (U+200B–U+200D, U+2060, BOM, soft hyphen, …) are removed, so they
      cannot split an e-mail address or a number;
    * all other C0 and C1 control characters except ``\t`` and ``\n`` are removed;
    * Unicode spaces (no-break space, thin space, …) become a plain space and full-width ASCII
      forms become ASCII; the result is NFC-normalised.

    HTML and script text is left as text: escaping is the job of whatever renders it.
    The function is idempotent: ``sanitise_text(sanitise_text(t)) == sanitise_text(t)``.
    """
    if not text:
        return text
    text = _CRLF.sub("\n", text)
    text = text.translate(_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        # NFC can (rarely) recompose into characters the table maps; one more pass settles it.
        text = text.translate(_TABLE)
    return text


# Letters that look like Latin ones (Cyrillic and Greek capitals and small letters): one character to one,
# so offsets are kept. Used only for *finding* personal data; the stored text keeps its own letters.
_CONFUSABLE_PAIRS = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "d", "а": "a", "е": "e", "о": "o", "р": "p",
    "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "α": "a", "ι": "i", "κ": "k", "ρ": "p",
    "ℓ": "l", "ı": "i",
}  # fmt: skip
_CONFUSABLES = str.maketrans(_CONFUSABLE_PAIRS)


def fold_confusables(text: str) -> str:
    """``text`` with Cyrillic and Greek look-alikes of Latin letters replaced by them (same length).

    Only applied to text that mixes scripts: a wholly Cyrillic or Greek word is left alone.
    """
    if text.isascii():
        return text
    return text.translate(_CONFUSABLES)
