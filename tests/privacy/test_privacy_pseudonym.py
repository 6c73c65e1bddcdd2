from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path

import pytest

from storymine.privacy import load_pseudonym_key, pseudonymise

KEY = b"k" * 32


def test_format_and_stability() -> None:
    p = pseudonymise("Doreen Hartley", KEY)
    assert re.fullmatch(r"P-[0-9a-f]{8}", p)
    assert pseudonymise("Doreen Hartley", KEY) == p


def test_normalisation_case_and_whitespace() -> None:
    assert pseudonymise("  doreen   HARTLEY\t", KEY) == pseudonymise("Doreen Hartley", KEY)


def test_different_names_differ() -> None:
    assert pseudonymise("Doreen Hartley", KEY) != pseudonymise("Doreen Hartly", KEY)


def test_different_key_unlinks() -> None:
    assert pseudonymise("Doreen Hartley", KEY) != pseudonymise("Doreen Hartley", b"j" * 32)


def test_matches_hmac_sha256() -> None:
    import hashlib
    import hmac

    expected = hmac.new(KEY, b"doreen hartley", hashlib.sha256).hexdigest()[:8]
    assert pseudonymise("Doreen Hartley", KEY) == f"P-{expected}"


def test_rejects_empty_name_and_short_key() -> None:
    with pytest.raises(ValueError):
        pseudonymise("   ", KEY)
    with pytest.raises(ValueError, match="too short"):
        pseudonymise("x", b"short")


def test_explicit_key_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYMINE_PSEUDONYM_KEY", "e" * 32)
    monkeypatch.setenv("STORYMINE_KEY_FILE", str(tmp_path / "k"))
    assert load_pseudonym_key("x" * 20) == b"x" * 20
    assert load_pseudonym_key() == b"e" * 32
    assert not (tmp_path / "k").exists()


def test_short_explicit_key_rejected() -> None:
    with pytest.raises(ValueError, match="token_hex"):
        load_pseudonym_key("abc")


def test_key_file_created_0600_and_reused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("STORYMINE_PSEUDONYM_KEY", raising=False)
    path = tmp_path / "conf" / "storymine" / "pseudonym.key"
    monkeypatch.setenv("STORYMINE_KEY_FILE", str(path))
    with caplog.at_level(logging.WARNING, logger="storymine.privacy"):
        key = load_pseudonym_key()
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert any(str(path) in r.getMessage() and "new pseudonym key" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="storymine.privacy"):
        assert load_pseudonym_key() == key
    assert not caplog.records


def test_default_key_file_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STORYMINE_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("STORYMINE_KEY_FILE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    key = load_pseudonym_key()
    path = tmp_path / ".config" / "storymine" / "pseudonym.key"
    assert path.read_bytes() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_world_readable_key_file_warns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("STORYMINE_PSEUDONYM_KEY", raising=False)
    path = tmp_path / "k"
    path.write_bytes(b"z" * 32)
    path.chmod(0o644)
    monkeypatch.setenv("STORYMINE_KEY_FILE", str(path))
    with caplog.at_level(logging.WARNING, logger="storymine.privacy"):
        assert load_pseudonym_key() == b"z" * 32
    assert any("chmod 600" in r.getMessage() for r in caplog.records)


def _load_key_in_child(path: str, out: object) -> None:
    os.environ["STORYMINE_KEY_FILE"] = path
    os.environ.pop("STORYMINE_PSEUDONYM_KEY", None)
    out.put(load_pseudonym_key())  # type: ignore[attr-defined]


def test_worker_processes_creating_the_key_at_once_all_read_the_whole_key(tmp_path: Path) -> None:
    """The key file is linked into place complete: a process losing the race never reads it half-written."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    out = ctx.Queue()
    path = str(tmp_path / "sub" / "key")
    procs = [ctx.Process(target=_load_key_in_child, args=(path, out)) for _ in range(8)]
    for p in procs:
        p.start()
    keys = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(p.exitcode == 0 for p in procs)
    assert len(set(keys)) == 1 and len(keys[0]) == 32
    assert Path(path).read_bytes() == keys[0]
    assert sorted(x.name for x in (tmp_path / "sub").iterdir()) == ["key"]  # no temporary file left
