"""The README's example outputs come from a real run (`scripts/readme_examples.py`), so they cannot drift."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _examples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "scripts" / "readme_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_examples"] = module
    spec.loader.exec_module(module)
    return module


def test_every_console_block_that_shows_storymine_output_is_regenerated() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    marked = {block.start for block in _examples().parse(lines)}
    for i, line in enumerate(lines):
        if line != "```console":
            continue
        body = lines[i + 1 : lines.index("```", i + 1)]
        shows_output = any(not row.startswith("$ ") for row in body)
        runs_storymine = any(row.startswith("$ storymine ") for row in body)
        if shows_output and runs_storymine:
            assert i + 1 in marked, f"README.md line {i + 1}: add '<!-- example: NAME -->' so the output is regenerated"


def test_parse_and_regenerate_keep_the_shape_of_elided_outputs() -> None:
    ex = _examples()
    readme = [
        "text",
        "<!-- example: demo -->",
        "```console",
        "$ storymine a --out out   # comment",
        "old line",
        "$ storymine b",
        "...",
        "last",
        "```",
        "tail",
    ]
    blocks = ex.parse(readme)
    assert [b.name for b in blocks] == ["demo"]
    first, second = blocks[0].commands
    assert first.argv == ["storymine", "a", "--out", "out"]
    assert first.shape() is None and second.shape() == (0, 1)
    printed = "12:00:01.000 | INFO    | Flow run 'x' - noise\nnew 1\n\nnew 2\n"
    outputs = {(0, 0): ex.render(printed, first.shape()), (0, 1): ex.render("a\nb\nc\n", second.shape())}
    assert ex.regenerate(readme, blocks, outputs) == [
        "text",
        "<!-- example: demo -->",
        "```console",
        "$ storymine a --out out   # comment",
        "new 1",
        "new 2",
        "$ storymine b",
        "...",
        "c",
        "```",
        "tail",
    ]


def test_check_masks_run_ids_and_seconds_only() -> None:
    ex = _examples()
    assert ex.mask("run 20261205T072602Z-d832e7 took 3.4 s") == ex.mask("run 20270101T000000Z-abcdef took 12 s")
    assert ex.mask("177 documents") != ex.mask("178 documents")


def test_a_marker_without_a_console_block_is_an_error() -> None:
    with pytest.raises(SystemExit, match="must be followed by a ```console block"):
        _examples().parse(["<!-- example: x -->", "text"])


@pytest.mark.slow
def test_readme_examples_match_a_real_run_on_the_sample() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
