"""A cache of deduplicated items, so an incremental run only re-clusters the groups that changed.

Clustering a group's sentences (a theme's lessons, a session's open questions…) is most of the
knowledge stage's time. Its result depends only on the group's signal rows (after sorting and
de-duplication), the merge threshold and, for errors, the recoveries of its segments; the key is a
hash of exactly those, so a hit gives the same items a recomputation would. The cache lives in the
output folder's ``cache/`` (it holds the same redacted sentences as the tables) and keeps only the
entries the last run used.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from storymine.privacy.redacted import Vocabulary

ITEMS_VERSION = "items.v1"
"""Bump when the way items are built changes: every cached entry is then ignored."""

KEY_COLUMNS = ["sentence", "quotable", "speaker", "segment_id", "subtype", "recorded_at", "theme_id", "sentence_index"]

log = logging.getLogger("storymine.knowledge")


def items_key(rows: pd.DataFrame, kind: str, threshold: float, details: list[str | None] | None) -> str:
    """Hash of everything the items of ``rows`` depend on (rows already sorted and de-duplicated)."""
    h = hashlib.sha256(f"{ITEMS_VERSION}\x1f{kind}\x1f{threshold!r}\x1f{len(rows)}".encode())
    for col in KEY_COLUMNS:
        if col in rows.columns:
            # plain strings, one column at a time (pandas' per-row object hashing was most of the key's cost)
            h.update(f"\x1d{col}\x1e".encode())
            h.update("\x1e".join(map(str, rows[col].tolist())).encode("utf-8", "surrogatepass"))
    if details is not None:
        h.update(json.dumps(details).encode())
    return h.hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _vouched(item: dict[str, Any], vocabulary: Vocabulary) -> bool:
    return all(vocabulary.vouch(item[f]) is not None for f in ("text", "detail") if isinstance(item.get(f), str))


class ItemsCache:
    """Items by key, read from and written to one gzipped JSON file (``None``: an in-memory cache)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self._entries: dict[str, list[dict[str, Any]]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0
        if self.path and self.path.exists():
            try:
                with gzip.open(self.path, "rt", encoding="utf-8") as fh:
                    data = json.load(fh)
                if data.get("version") == ITEMS_VERSION:
                    self._entries = data["entries"]
            except (OSError, ValueError, KeyError) as exc:  # a damaged cache is only a slower run
                log.warning("ignoring the knowledge cache %s (%s); it will be rebuilt", self.path, exc)

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The cached items for ``key`` (copies), or None."""
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return [dict(item) for item in found]

    def put(self, key: str, items: list[dict[str, Any]]) -> None:
        """Remember ``items`` under ``key``."""
        self._entries[key] = _jsonable(items)
        self._used.add(key)

    def save(self, vocabulary: Vocabulary | None = None) -> None:
        """Write the entries this run used (atomically); others are dropped.

        With the run's ``vocabulary`` (:class:`~storymine.privacy.redacted.Vocabulary`), an entry whose item
        texts are not all made of words of the redacted texts is not written either.
        """
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keep = {k: v for k, v in self._entries.items() if k in self._used}
        if vocabulary is not None:
            keep = {k: v for k, v in keep.items() if all(_vouched(item, vocabulary) for item in v)}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        # json.dumps runs the C encoder; json.dump into a gzip text stream ran the pure-Python one,
        # writing one small piece at a time
        text = json.dumps({"version": ITEMS_VERSION, "entries": keep}, separators=(",", ":"))
        tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=3, mtime=0))
        tmp.replace(self.path)
