"""Table schemas and the Delta Lake store."""

from storymine.store.schema import TABLES, Column, SchemaError, TableSpec, spec_for, to_arrow
from storymine.store.store import Store, StoreLockedError

__all__ = [
    "TABLES",
    "Column",
    "SchemaError",
    "Store",
    "StoreLockedError",
    "TableSpec",
    "spec_for",
    "to_arrow",
]
