"""Compare every Delta table of two storymine output folders, row by row (order ignored).

Run from the project root::

    .venv/bin/python -m benchmarks.compare_tables OUT_A OUT_B

Used to prove that a refactoring changed no output: run the same inputs with the same pseudonym key
(``STORYMINE_PSEUDONYM_KEY``) through both versions, then compare. Each table is read at its latest
Delta version; every row becomes canonical JSON (keys sorted, floats as Python writes them, so a change
in the last bit shows) and the sorted lists are compared. Prints one line per table and up to
``--show`` differing rows; exits 1 when any table differs or exists on one side only.

What is inherently run-specific, and how it is compared:

- run ids (a UTC time plus a random suffix): every run id of a folder's ``runs`` table is replaced, in
  every table and column (``run_id``, ``ingested_run_id``, ``first_seen_run``, …, and inside lists),
  by ``RUN<n>``, n being its rank by start time; so the tables must agree on *which* run wrote a row;
- wall-clock times: ``runs.started_at``, ``runs.finished_at``, ``runs.duration_s`` and
  ``ingest_log.logged_at`` are replaced by a placeholder (their presence and nullness still count);
- nothing else: ``runs.table_versions`` (the Delta version of every table), ``runs.versions`` (package
  versions), messages, scores, embeddings-derived centroids and labels must all be identical.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

RUN_TIME_COLUMNS: dict[str, frozenset[str]] = {
    "runs": frozenset({"started_at", "finished_at", "duration_s"}),
    "ingest_log": frozenset({"logged_at"}),
}


def tables(root: Path) -> dict[str, Path]:
    """Every Delta table under ``root`` (a folder holding ``_delta_log``), by name."""
    return {p.parent.name: p.parent for p in sorted(root.glob("*/_delta_log"))}


def _canon(value: Any, runs: dict[str, str]) -> Any:
    """A JSON-able, comparable form of one cell; run ids replaced by their rank."""
    if isinstance(value, dict):
        return {k: _canon(v, runs) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canon(v, runs) for v in value]
    if isinstance(value, str):
        return runs.get(value, value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    return str(value)


def run_ranks(folder: Path) -> dict[str, str]:
    """Run id → ``RUN<n>`` by start time (from the folder's ``runs`` table)."""
    from deltalake import DeltaTable

    path = folder / "runs"
    if not (path / "_delta_log").is_dir():
        return {}
    rows = DeltaTable(str(path)).to_pyarrow_table(columns=["run_id", "started_at"]).to_pylist()
    ordered = sorted(rows, key=lambda r: (r["started_at"], r["run_id"]))
    return {r["run_id"]: f"RUN{i + 1}" for i, r in enumerate(ordered)}


def canonical_rows(name: str, path: Path, runs: dict[str, str]) -> tuple[list[str], list[str]]:
    """The table's column names and its rows as sorted canonical JSON lines."""
    from deltalake import DeltaTable

    table = DeltaTable(str(path)).to_pyarrow_table()
    masked = RUN_TIME_COLUMNS.get(name, frozenset())
    out: list[str] = []
    for row in table.to_pylist():
        canon = {
            k: ("<run time>" if v is not None else None) if k in masked else _canon(v, runs) for k, v in row.items()
        }
        out.append(json.dumps(canon, sort_keys=True, ensure_ascii=False))
    return table.column_names, sorted(out)


def compare(a: Path, b: Path, show: int = 3) -> int:
    """Print the comparison of every table; the number of tables that differ."""
    ta, tb = tables(a), tables(b)
    ra, rb = run_ranks(a), run_ranks(b)
    bad = 0
    for name in sorted(set(ta) | set(tb)):
        if name not in ta or name not in tb:
            print(f"{name:16} DIFFERS: only in {a if name in ta else b}")
            bad += 1
            continue
        cols_a, rows_a = canonical_rows(name, ta[name], ra)
        cols_b, rows_b = canonical_rows(name, tb[name], rb)
        if cols_a != cols_b:
            print(f"{name:16} DIFFERS: columns {cols_a} vs {cols_b}")
            bad += 1
            continue
        if rows_a == rows_b:
            print(f"{name:16} identical: {len(rows_a):>7} rows, {len(cols_a):>2} columns")
            continue
        bad += 1
        only_a = sorted(set(rows_a) - set(rows_b))
        only_b = sorted(set(rows_b) - set(rows_a))
        print(
            f"{name:16} DIFFERS: {len(rows_a)} vs {len(rows_b)} rows; {len(only_a)} only in A, {len(only_b)} only in B"
        )
        for line in only_a[:show]:
            print(f"    A: {line[:400]}")
        for line in only_b[:show]:
            print(f"    B: {line[:400]}")
    print(f"{len(set(ta) | set(tb))} tables compared: " + ("all identical" if not bad else f"{bad} differ"))
    return bad


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("a", type=Path, help="first output folder (e.g. before)")
    ap.add_argument("b", type=Path, help="second output folder (e.g. after)")
    ap.add_argument("--show", type=int, default=3, help="differing rows shown per table and side")
    args = ap.parse_args(argv)
    for folder in (args.a, args.b):
        if not folder.is_dir():
            print(f"error: {folder} is not a folder; pass two storymine output folders (--out of two runs)")
            return 2
    return 1 if compare(args.a, args.b, args.show) else 0


if __name__ == "__main__":
    # Arrow's and deltalake's native thread pools can abort the interpreter's teardown once the comparison is
    # printed ("terminate called without an active exception", exit 134, one run in two here): flush and
    # leave without it, as `storymine.cli.entry` does.
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_code)
