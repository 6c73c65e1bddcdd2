"""Pure checks that the documentation matches the code (no model, no Prefect: part of the fast lane)."""

from __future__ import annotations

import re
from pathlib import Path

from storymine.cli import app
from storymine.store.schema import TABLES, markdown_reference

ROOT = Path(__file__).resolve().parents[1]


def test_every_cli_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"storymine {name}" in readme, f"README does not show `storymine {name}`"


def test_docs_table_reference_is_generated_from_the_schema() -> None:
    doc = ROOT / "docs" / "tables.md"
    assert doc.read_text() == markdown_reference() + "\n", "run: storymine tables --markdown > docs/tables.md"
    for name in TABLES:
        assert f"## `{name}`" in doc.read_text()


def test_docs_configuration_is_generated_from_the_settings() -> None:
    from storymine.config import markdown_reference as config_reference

    doc = ROOT / "docs" / "configuration.md"
    assert doc.read_text() == config_reference() + "\n", "run: make docs"


def test_architecture_names_modules_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text()
    for path in sorted(set(re.findall(r"`((?:src|pipelines|benchmarks|tests)/[\w/]+\.py)", text))):
        assert (ROOT / path).is_file(), f"docs/architecture.md names {path}, which does not exist"
