from __future__ import annotations

from pathlib import Path

import pytest

from storymine.config import ConfigError, Settings, load_settings


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    assert settings == Settings() and settings.privacy.min_group_size == 3


def test_valid_file_is_read_and_changes_the_config_hash(tmp_path: Path) -> None:
    path = tmp_path / "storymine.toml"
    path.write_text('[privacy]\nmin_group_size = 5\n[themes]\nembedding = "tfidf"\n')
    settings = load_settings(path)
    assert settings.privacy.min_group_size == 5 and settings.themes.embedding == "tfidf"
    assert settings.config_hash() != Settings().config_hash()


def test_unknown_key_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "storymine.toml"
    path.write_text("[privacy]\nmin_group = 5\n")
    with pytest.raises(ConfigError, match=r"unknown option 'privacy\.min_group'; see docs/configuration.md"):
        load_settings(path)


def test_bad_value_names_the_key_and_the_allowed_values(tmp_path: Path) -> None:
    path = tmp_path / "storymine.toml"
    path.write_text('[privacy]\nner = "maybe"\n')
    with pytest.raises(ConfigError, match=r"bad value for 'privacy\.ner'.*allowed: 'spacy' or 'off'"):
        load_settings(path)


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "storymine.toml"
    path.write_text("[privacy\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml")


def test_the_redactor_is_part_of_the_config_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that changes the redactor makes the next run re-read every file (#18)."""
    import storymine.config as config

    before = Settings().config_hash()
    monkeypatch.setattr(config, "redactor_fingerprint", lambda: "an-upgraded-redactor")
    assert Settings().config_hash() != before


def test_the_fingerprint_follows_code_and_lists_not_caches(tmp_path: Path) -> None:
    from storymine.config import tree_fingerprint

    (tmp_path / "data").mkdir()
    (tmp_path / "redactor.py").write_text("RULES = 1\n")
    (tmp_path / "data" / "surnames.txt").write_text("okonkwo\n")
    first = tree_fingerprint(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "redactor.cpython-311.pyc").write_bytes(b"\0\1")
    assert tree_fingerprint(tmp_path) == first
    (tmp_path / "data" / "surnames.txt").write_text("okonkwo\nhaddad\n")
    assert tree_fingerprint(tmp_path) != first
