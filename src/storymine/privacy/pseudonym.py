"""Keyed pseudonyms for speakers and authors.

A pseudonym is the keyed HMAC-SHA256 of the normalised name, so the same person gets the same
pseudonym in every run that uses the same key, nobody without the key can recompute it from a
guessed name, and a different key gives unlinkable pseudonyms. The key is never written into any
table.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import tempfile
import unicodedata
from pathlib import Path

log = logging.getLogger("storymine.privacy")

KEY_ENV = "STORYMINE_PSEUDONYM_KEY"
KEY_FILE_ENV = "STORYMINE_KEY_FILE"
DEFAULT_KEY_FILE = Path("~/.config/storymine/pseudonym.key")
MIN_KEY_BYTES = 16


def normalise_name(name: str) -> str:
    """Name as hashed: NFKC, case-folded, white space collapsed to single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def pseudonymise(name: str, key: bytes, *, digits: int = 8) -> str:
    """Return the pseudonym of ``name`` under ``key``, e.g. ``"P-7f3a9c21"``.

    ``"Doreen  Hartley"`` and ``"doreen hartley"`` give the same pseudonym; another key gives an
    unrelated one. ``digits`` hex digits are kept (8 by default: 32 bits, so expect a collision
    somewhere among ~77,000 distinct names; use more for larger populations).
    """
    norm = normalise_name(name)
    if not norm:
        raise ValueError("cannot pseudonymise an empty name")
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"pseudonym key is too short ({len(key)} bytes; need at least {MIN_KEY_BYTES})")
    if not 4 <= digits <= 64:
        raise ValueError("digits must be between 4 and 64")
    mac = hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{mac[:digits]}"


def _key_from_text(value: str, source: str) -> bytes:
    key = value.strip().encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(
            f"pseudonym key from {source} is too short ({len(key)} bytes); use at least "
            f'{MIN_KEY_BYTES}, e.g. python -c "import secrets; print(secrets.token_hex(32))"'
        )
    return key


def key_file_path() -> Path:
    """Where the key file lives: ``$STORYMINE_KEY_FILE`` or ``~/.config/storymine/pseudonym.key``."""
    env = os.environ.get(KEY_FILE_ENV)
    return Path(env).expanduser() if env else DEFAULT_KEY_FILE.expanduser()


def load_pseudonym_key(explicit: str | None = None) -> bytes:
    """Return the pseudonym key.

    Order: ``explicit`` (a string, used as its UTF-8 bytes), else ``$STORYMINE_PSEUDONYM_KEY``,
    else the key file (``$STORYMINE_KEY_FILE`` or ``~/.config/storymine/pseudonym.key``), which is
    created with 32 random bytes and mode 0600 on first use (a warning says so and where).
    A key file readable by group or others is used but logged as a warning.
    """
    if explicit is not None:
        return _key_from_text(explicit, "the explicit argument")
    env = os.environ.get(KEY_ENV)
    if env:
        return _key_from_text(env, f"${KEY_ENV}")
    path = key_file_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Written to a private temporary file, then linked into place: the key file never exists
        # half-written, so a worker process that loses the race reads the winner's whole key.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pseudonym-key-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # created concurrently by another process: read it below
            else:
                log.warning(
                    "created a new pseudonym key at %s (keep it: pseudonyms from another key do not match)",
                    path,
                )
        finally:
            Path(tmp).unlink(missing_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        log.warning("pseudonym key file %s is readable by others (mode %o); chmod 600 it", path, mode)
    key = path.read_bytes()
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"pseudonym key file {path} holds {len(key)} bytes; need at least {MIN_KEY_BYTES}")
    return key
