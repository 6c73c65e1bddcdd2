"""Text normalisation: decode bytes safely, repair mojibake, Unicode NFC, tidy whitespace."""

from __future__ import annotations

import re
import unicodedata

import ftfy

from storymine.ingest.errors import InputError

_BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
# PNG, JPEG, GIF, ZIP (a .docx renamed to .txt), gzip, PDF, OLE (old .doc/.xls)
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"%PDF", b"\xd0\xcf\x11\xe0")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# C0/C1 controls except tab and newline, and the bidi overrides/embeddings/isolates (Trojan Source).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes as UTF-8 (or UTF-16 with a BOM) and refuse binary or other encodings."""
    if not data.strip():
        raise InputError("the file is empty", "export the story or transcript again, or remove the file")
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} text at byte {exc.start}", "re-save it as UTF-8") from None
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or head.count(b"\x00") > max(1, len(head) // 100):
        raise InputError("this looks like a binary file, not text", "export it as text (UTF-8) or DOCX")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        hint = f" (it looks like {guess})" if guess else ""
        raise InputError(
            f"not valid UTF-8 at byte {exc.start}{hint}",
            "re-save it as UTF-8 (Excel: Save As > 'CSV UTF-8'; Notepad: Save As > Encoding UTF-8)",
        ) from None


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return None if best is None else str(best.encoding)


def normalise_text(text: str) -> str:
    """Repair mojibake (``Ã©`` → ``é``), drop control and bidi-override characters, NFC, tidy spaces.

    Paragraph breaks (blank lines) are kept as a single blank line; other runs of white space become
    one space.
    """
    text = ftfy.fix_text(text, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in _BLANK_LINES.split(text)]
    paragraphs = ["\n".join(line.strip() for line in p.split("\n")) for p in paragraphs]
    return "\n\n".join(p for p in paragraphs if p)


def normalise_inline(text: str) -> str:
    """Normalise a one-line value (a title, a speaker name): all white space becomes single spaces."""
    return " ".join(normalise_text(text).split())
