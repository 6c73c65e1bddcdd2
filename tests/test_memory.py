from __future__ import annotations

import gc

import numpy as np
import pytest

from storymine.memory import release_memory, releases_memory


def test_release_memory_runs_and_the_decorator_keeps_results_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)

    @releases_memory
    def stage(n: int) -> int:
        big = np.ones(n)
        return int(big.sum())

    @releases_memory
    def failing() -> None:
        raise ValueError("bad input")

    assert stage(1000) == 1000
    with pytest.raises(ValueError, match="bad input"):
        failing()
    assert calls == ["collect", "collect"]
    assert stage.__name__ == "stage"


def test_release_memory_reports_what_malloc_trim_says(monkeypatch: pytest.MonkeyPatch) -> None:
    import storymine.memory as memory

    trimmed: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: lambda pad: trimmed.append(pad) or 1)
    assert release_memory() is True and trimmed == [0]
    monkeypatch.setattr(memory, "_malloc_trim", lambda: lambda pad: 0)
    assert release_memory() is False
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)  # no glibc: only collects
    assert release_memory() is False


def test_malloc_trim_is_found_on_glibc() -> None:
    import platform

    from storymine.memory import _malloc_trim

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not a glibc system")
    assert callable(_malloc_trim())
