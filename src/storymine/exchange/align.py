"""Map character positions in a text a person may have edited back to storymine's text.

:func:`align` finds the blocks the two texts share: whole lines first (fast, and most edits leave most
lines alone), then words inside the lines that differ. A position inside a shared block maps exactly;
a position in text the person added or changed maps to the edge of the nearest shared block, and
:meth:`Alignment.covered` says how much of a range is shared at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Alignment:
    """Shared blocks ``(start in a, start in b, length)``, in order, between an edited text ``a`` and ``b``."""

    blocks: tuple[tuple[int, int, int], ...]

    def to_b(self, pos: int, side: Literal["start", "end"]) -> int:
        """Position ``pos`` of ``a`` in ``b`` (outside shared blocks: the next block's start, or previous end)."""
        return _map(self.blocks, 0, 1, pos, side)

    def to_a(self, pos: int, side: Literal["start", "end"]) -> int:
        """Position ``pos`` of ``b`` in ``a``."""
        return _map(self.blocks, 1, 0, pos, side)

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``a[start:end]`` lie in shared blocks."""
        return sum(max(0, min(end, a + n) - max(start, a)) for a, _, n in self.blocks)


def _map(blocks: tuple[tuple[int, int, int], ...], src: int, dst: int, pos: int, side: str) -> int:
    if not blocks:
        return 0
    k = bisect_right([b[src] for b in blocks], pos) - 1  # the last block starting at or before pos
    if k >= 0:
        start, n = blocks[k][src], blocks[k][2]
        if pos < start + n or (pos == start + n and side == "end"):
            return blocks[k][dst] + pos - start
    # pos lies in text only one side has (after block k, before block k + 1)
    if side == "start":
        return blocks[k + 1][dst] if k + 1 < len(blocks) else blocks[-1][dst] + blocks[-1][2]
    return blocks[k][dst] + blocks[k][2] if k >= 0 else blocks[0][dst]


def _offsets(parts: list[str]) -> list[int]:
    out = [0]
    for p in parts:
        out.append(out[-1] + len(p))
    return out


def _merge(blocks: list[tuple[int, int, int]], a: str, b: str) -> tuple[tuple[int, int, int], ...]:
    out: list[tuple[int, int, int]] = []
    for blk in sorted(blocks):
        if out:
            pa, pb, pn = out[-1]
            gap_a, gap_b = blk[0] - (pa + pn), blk[1] - (pb + pn)
            if gap_a == gap_b >= 0 and a[pa + pn : blk[0]] == b[pb + pn : blk[1]]:
                out[-1] = (pa, pb, blk[0] + blk[2] - pa)
                continue
        out.append(blk)
    return tuple(out)


def _words(a: str, b: str, a0: int, b0: int) -> list[tuple[int, int, int]]:
    ta = [(m.start(), m.group()) for m in _TOKEN.finditer(a)]
    tb = [(m.start(), m.group()) for m in _TOKEN.finditer(b)]
    sm = SequenceMatcher(None, [t for _, t in ta], [t for _, t in tb], autojunk=False)
    out: list[tuple[int, int, int]] = []
    for m in sm.get_matching_blocks():
        for k in range(m.size):
            (sa, word), (sb, _) = ta[m.a + k], tb[m.b + k]
            out.append((a0 + sa, b0 + sb, len(word)))
    return out


# Up to this many line pairs the lines are matched by a longest common subsequence (optimal where lines
# repeat: "Yes." twice); above it difflib's faster heuristic, which can pair a repeated line with the wrong
# copy and leave an untouched one unmatched.
_LCS_CELLS = 250_000


def _line_pairs(la: list[str], lb: list[str]) -> list[tuple[int, int]]:
    """Indices of equal lines matched in order: a longest common subsequence, or difflib's on big texts."""
    if len(la) * len(lb) > _LCS_CELLS:
        return [
            (m.a + k, m.b + k)
            for m in SequenceMatcher(None, la, lb, autojunk=False).get_matching_blocks()
            for k in range(m.size)
        ]
    n, m = len(la), len(lb)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if la[i] == lb[j] else max(below[j], row[j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if la[i] == lb[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def align(a: str, b: str) -> Alignment:
    """The blocks ``a`` (an edited copy) and ``b`` (storymine's text) share."""
    if a == b:
        return Alignment(((0, 0, len(a)),) if a else ())
    la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    oa, ob = _offsets(la), _offsets(lb)
    blocks: list[tuple[int, int, int]] = []
    prev_i = prev_j = 0
    for i, j in [*_line_pairs(la, lb), (len(la), len(lb))]:
        if i > prev_i and j > prev_j:  # lines that differ between two matched ones: match their words
            blocks += _words(a[oa[prev_i] : oa[i]], b[ob[prev_j] : ob[j]], oa[prev_i], ob[prev_j])
        if i < len(la):
            blocks.append((oa[i], ob[j], len(la[i])))
        prev_i, prev_j = i + 1, j + 1
    return Alignment(_merge(blocks, a, b))
