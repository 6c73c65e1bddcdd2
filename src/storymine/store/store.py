"""The one module that reads and writes storymine's tables (Delta Lake: parquet files plus a log).

Every write is one atomic Delta commit. A run commits its tables first and its ``runs`` row last;
the ``runs`` row records the version of every table it committed, and readers
(:meth:`Store.connect`) pin each table to the versions of the last successful run, so a crash between two
table commits never shows a half-finished run to an analyst.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import duckdb
import pandas as pd
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError

from storymine.lockfile import StoreLockedError, hold
from storymine.store.schema import RUNS, TABLES, TableSpec, redacted_frame, spec_for, to_arrow

__all__ = ["RENAMED", "Store", "StoreLockedError"]

RENAMED: dict[tuple[str, str], str] = {("theme_counts", "by"): "dimension"}
"""(table, old column) → new name: tables written before a rename are migrated on their next append."""


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass
class Store:
    """Tables of one storymine output location (a local folder or an fsspec-style URL)."""

    root: str
    storage_options: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.root.startswith("file://"):
            self.root = self.root.removeprefix("file://")
        if "://" not in self.root:
            self.root = str(Path(self.root).resolve())

    @property
    def is_local(self) -> bool:
        """True when the output is a local folder."""
        return "://" not in self.root

    def uri(self, name: str) -> str:
        """Location of one table."""
        return f"{self.root.rstrip('/')}/{name}"

    def _table(self, name: str, version: int | None = None) -> DeltaTable | None:
        try:
            return DeltaTable(self.uri(name), version=version, storage_options=self.storage_options)
        except TableNotFoundError:
            return None

    def table_names(self) -> list[str]:
        """Registered tables plus any Delta table found under a local output folder."""
        names = list(TABLES)
        if self.is_local and Path(self.root).is_dir():
            found = sorted(p.parent.name for p in Path(self.root).glob("*/_delta_log"))
            names += [n for n in found if n not in TABLES]
        return names

    def version(self, name: str) -> int | None:
        """Current Delta version of a table, or None if it has never been written."""
        table = self._table(name)
        return None if table is None else table.version()

    def read(
        self,
        name: str,
        version: int | None = None,
        where: dict[str, str] | None = None,
        columns: list[str] | None = None,
    ) -> pd.DataFrame:
        """A table (at a version) as a DataFrame; an empty frame with the right columns if absent.

        ``where`` keeps only rows whose columns equal the given values (pushed down to the parquet
        reader); ``columns`` reads only those columns. Free-text columns come back as ``object`` columns of
        :class:`~storymine.privacy.redacted.Redacted` values (they were written through the gate), so a
        stage can write what it read.
        """
        table = self._table(name, version)
        if table is None:
            empty = spec_for(name).arrow_schema().empty_table()
            return cast(pd.DataFrame, (empty.select(columns) if columns else empty).to_pandas())
        filters = [(col, "=", value) for col, value in (where or {}).items()] or None
        frame = cast(pd.DataFrame, table.to_pyarrow_table(columns=columns, filters=filters).to_pandas())
        spec = TABLES.get(name)
        return frame if spec is None else redacted_frame(spec, frame)

    def read_committed(
        self, name: str, where: dict[str, str] | None = None, columns: list[str] | None = None
    ) -> pd.DataFrame:
        """A table as the last successful run left it (its latest version if no run recorded it).

        Stages read earlier state through this, so rows committed by a run that was killed before it
        finished are ignored and redone by the next run.
        """
        return self.read(name, version=self.committed_versions().get(name), where=where, columns=columns)

    def _write(
        self,
        spec: TableSpec,
        data: pa.Table,
        mode: Literal["append", "overwrite"],
        predicate: str | None = None,
    ) -> int:
        if self.is_local:
            Path(self.root).mkdir(parents=True, exist_ok=True)
        common: dict[str, Any] = {
            "storage_options": self.storage_options,
            "name": spec.name,
            "description": f"storymine {spec.name}: one row per {spec.row}",
        }
        if mode == "overwrite":
            # a whole-table overwrite may add columns a newer version declares (e.g. theme_registry, #15)
            schema: dict[str, Any] = {} if predicate else {"schema_mode": "overwrite"}
            write_deltalake(self.uri(spec.name), data, mode="overwrite", predicate=predicate, **schema, **common)
        else:
            write_deltalake(self.uri(spec.name), data, mode="append", **common)
        version = self.version(spec.name)
        assert version is not None
        return version

    def append(self, name: str, rows: pd.DataFrame) -> int:
        """Append validated rows in one commit; returns the new table version."""
        spec = spec_for(name)
        self._migrate(spec)
        return self._write(spec, to_arrow(spec, rows), "append")

    def _migrate(self, spec: TableSpec) -> None:
        """Rename columns an older storymine wrote under another name (:data:`RENAMED`), in one commit."""
        renames = {old: new for (table, old), new in RENAMED.items() if table == spec.name}
        table = self._table(spec.name) if renames else None
        if table is None:
            return
        present = set(table.schema().to_arrow().names)
        if not renames.keys() & present:
            return
        frame = redacted_frame(spec, table.to_pandas().rename(columns=renames))
        self._write(spec, to_arrow(spec, frame), "overwrite")

    def replace_where(self, name: str, rows: pd.DataFrame, column: str, values: Iterable[str]) -> int:
        """Replace every row whose ``column`` is in ``values`` by ``rows``, atomically (one commit).

        All of ``rows`` must themselves have ``column`` in ``values``. Used to re-ingest changed files:
        the old documents of a file disappear in the same commit that adds the new ones.
        """
        spec = spec_for(name)
        data = to_arrow(spec, rows)
        wanted = sorted(set(values))
        if not wanted:
            return self.ensure(name)
        if self._table(name) is None:
            return self._write(spec, data, "append")
        predicate = f"{column} IN ({', '.join(_sql_str(v) for v in wanted)})"
        return self._write(spec, data, "overwrite", predicate=predicate)

    def overwrite(self, name: str, rows: pd.DataFrame) -> int:
        """Replace the whole table with ``rows`` in one commit (earlier versions stay for time travel)."""
        spec = spec_for(name)
        return self._write(spec, to_arrow(spec, rows), "overwrite")

    def ensure(self, name: str) -> int:
        """Create an empty table if it does not exist yet; returns its version."""
        version = self.version(name)
        if version is not None:
            return version
        spec = spec_for(name)
        return self._write(spec, spec.arrow_schema().empty_table(), "append")

    def prune(self, retention_hours: float) -> int:
        """Vacuum every table: delete data files no version newer than ``retention_hours`` needs."""
        removed = 0
        for name in self.table_names():
            table = self._table(name)
            if table is None:
                continue
            files = table.vacuum(retention_hours=int(retention_hours), enforce_retention_duration=False, dry_run=False)
            table.cleanup_metadata()
            removed += len(files)
        return removed

    # -- runs and consistent reads -------------------------------------------------------------------

    def committed_versions(self, run_id: str | None = None) -> dict[str, int]:
        """Table versions recorded by a run (default: the last run that did not fail)."""
        runs = self.read(RUNS.name)
        if runs.empty:
            return {}
        if run_id is not None:
            chosen = runs[runs["run_id"] == run_id]
            if chosen.empty:
                raise KeyError(f"no run {run_id!r} in {self.root}; see `storymine runs`")
        else:
            chosen = runs[runs["status"] != "failed"].sort_values("finished_at")
            if chosen.empty:
                return {}
        versions: dict[str, int] = json.loads(str(chosen.iloc[-1]["table_versions"]))
        versions[RUNS.name] = int(self.version(RUNS.name) or 0)
        return versions

    def connect(self, run_id: str | None = None) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with every existing table as a view.

        Tables are pinned to the versions committed by the last successful run (or ``run_id``), so
        a run that crashed half-way is invisible. Tables that no run recorded yet are read at their
        latest version. A per-run snapshot table (:attr:`TableSpec.per_run`) shows the current state
        under its plain name (the rows of the newest run that wrote it: an unchanged rerun writes none,
        and the state it kept is still the current one) and every run's rows as ``<name>_history``.
        """
        con = duckdb.connect(database=":memory:")
        pinned = self.committed_versions(run_id)
        for name in self.table_names():
            spec = TABLES.get(name)
            if spec is not None and spec.internal:
                continue  # e.g. contributors: stable identities stay out of analysts' SQL
            table = self._table(name, pinned.get(name))
            if table is None:
                continue
            dataset = table.to_pyarrow_dataset()
            con.register(f"__{name}_arrow", dataset)
            if spec is not None and spec.per_run:
                con.execute(f'CREATE VIEW "{name}_history" AS SELECT * FROM "__{name}_arrow"')
                # Run ids start with their UTC start time, so the greatest is the newest run.
                con.execute(
                    f'CREATE VIEW "{name}" AS SELECT * FROM "__{name}_arrow" '
                    f'WHERE run_id = (SELECT max(run_id) FROM "__{name}_arrow")'
                )
            else:
                con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM "__{name}_arrow"')
        return con

    # -- locking ---------------------------------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the output folder for one run; a second run fails at once with a clear message.

        See :mod:`storymine.lockfile` (an ``flock`` the kernel releases when the holder dies).
        """
        if not self.is_local:
            yield
            return
        with hold(self.root):
            yield
