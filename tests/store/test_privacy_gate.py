"""The typed privacy gate (#18): a free-text column takes only Redacted values, whatever the table."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

from storymine.privacy.redacted import Redacted, redactor_output
from storymine.store import Store, to_arrow
from storymine.store.schema import (
    FREE_TEXT,
    FREE_TEXT_FIELDS,
    JSON_COLUMNS,
    TABLES,
    PrivacyGateError,
    TableSpec,
    table_frame,
)

FREE_TEXT_COLUMNS = [(t, c) for t in TABLES for c in sorted(FREE_TEXT.get(t, ()))]
TEXT = "Ward round with [PERSON_1] about the insulin chart"


def _value(typ: pa.DataType, free: bool, name: str = "") -> Any:
    """A valid value of ``typ``; free text as Redacted (``free``), codes as short tokens."""
    if pa.types.is_string(typ):
        return redactor_output(TEXT) if free else "T0001"
    if pa.types.is_list(typ):
        return [_value(typ.value_type, free)]
    if pa.types.is_struct(typ):
        fields = [typ.field(i) for i in range(typ.num_fields)]
        return {f.name: _value(f.type, free and f.name in FREE_TEXT_FIELDS, f.name) for f in fields}
    if pa.types.is_boolean(typ):
        return True
    if pa.types.is_integer(typ):
        return 1
    if pa.types.is_floating(typ):
        return 0.5
    if pa.types.is_date(typ):
        return date(2025, 3, 1)
    if pa.types.is_timestamp(typ):
        return datetime(2025, 3, 1, tzinfo=UTC)
    raise AssertionError(f"no sample value for {typ} ({name})")


def valid_row(spec: TableSpec) -> dict[str, Any]:
    """One row of ``spec`` that the store accepts: every free-text value Redacted."""
    row = {}
    for c in spec.columns:
        if c.name in JSON_COLUMNS.get(spec.name, ()):
            row[c.name] = "{}"
        else:
            row[c.name] = _value(c.type, c.name in FREE_TEXT.get(spec.name, ()), c.name)
    return row


def _plain(value: Any) -> Any:
    """The same value with its (first) text as a plain ``str``."""
    if isinstance(value, str):
        return str(value) + ""
    if isinstance(value, list):
        return [_plain(value[0]), *value[1:]]
    if isinstance(value, dict):
        field = next(f for f in FREE_TEXT_FIELDS if f in value)
        return {**value, field: str(value[field])}
    raise AssertionError(value)


def test_every_table_with_free_text_is_covered() -> None:
    assert {t for t, _ in FREE_TEXT_COLUMNS} == {t for t in TABLES if FREE_TEXT.get(t)}
    assert all(c in TABLES[t].column_names for t, c in FREE_TEXT_COLUMNS)


@pytest.mark.parametrize("table", [t for t in TABLES if FREE_TEXT.get(t)])
def test_redacted_rows_pass_the_gate(table: str) -> None:
    spec = TABLES[table]
    assert to_arrow(spec, [valid_row(spec)]).num_rows == 1
    assert to_arrow(spec, table_frame(spec, [valid_row(spec)])).num_rows == 1


@pytest.mark.parametrize(("table", "column"), FREE_TEXT_COLUMNS)
def test_plain_str_in_a_free_text_column_is_refused(table: str, column: str) -> None:
    spec = TABLES[table]
    row = valid_row(spec)
    row[column] = _plain(row[column])
    with pytest.raises(PrivacyGateError) as caught:
        to_arrow(spec, [row])
    message = str(caught.value)
    assert f"table {table}, column {column}" in message
    assert "insulin" not in message and "PERSON" not in message  # never the value


@pytest.mark.parametrize(("table", "column"), FREE_TEXT_COLUMNS)
def test_plain_str_is_refused_by_the_store_too(tmp_path: Path, table: str, column: str) -> None:
    spec = TABLES[table]
    row = valid_row(spec)
    row[column] = _plain(row[column])
    with pytest.raises(PrivacyGateError):
        Store(str(tmp_path)).append(table, table_frame(spec, [row]))
    assert Store(str(tmp_path)).version(table) is None  # nothing was written


def test_a_string_dtype_frame_loses_the_type_and_is_refused() -> None:
    """Why writers use ``table_frame``: pandas' string dtype turns a Redacted back into a plain str."""
    spec = TABLES["lessons"]
    row = valid_row(spec)
    with pytest.raises(PrivacyGateError, match="table lessons, column text"):
        to_arrow(spec, pd.DataFrame([row], columns=spec.column_names))
    assert isinstance(table_frame(spec, [row])["text"].iloc[0], Redacted)


@pytest.mark.parametrize("table", [t for t in TABLES if FREE_TEXT.get(t)])
def test_read_then_write_round_trip(tmp_path: Path, table: str) -> None:
    store = Store(str(tmp_path))
    spec = TABLES[table]
    store.append(table, table_frame(spec, [valid_row(spec)]))
    back = store.read(table)
    for column in FREE_TEXT[table]:
        value = back[column].iloc[0]
        texts = value if isinstance(value, list) else [value]
        for t in texts:
            assert isinstance(t[next(f for f in FREE_TEXT_FIELDS if f in t)] if isinstance(t, dict) else t, Redacted)
    store.append(table, back)  # what the store read, it writes again
    assert len(store.read(table)) == 2
    assert isinstance(store.read(table, columns=[sorted(FREE_TEXT[table])[0]]).iloc[0, 0], (Redacted, list))


def test_nulls_pass_and_other_types_are_refused() -> None:
    spec = TABLES["documents"]
    row = valid_row(spec) | {"title": None, "community": None, "role": None}
    assert to_arrow(spec, [row]).num_rows == 1
    with pytest.raises(PrivacyGateError, match="column title"):
        to_arrow(spec, [row | {"title": "Plain title"}])
