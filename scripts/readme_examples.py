"""Regenerate (or check) the example outputs in README.md from a real run on ``data/sample``.

Every console block in the README that shows what a command prints is preceded by a marker line::

    <!-- example: NAME -->
    ```console
    $ storymine run data/sample --out out
    succeeded: ...
    ```

The script runs each ``$ `` command of every marked block, in order, in a scratch folder where
``data/`` and ``tests/`` point at the repository's (so ``--out out`` and the printed paths read exactly
as a user's would), and writes what they print under them (stdout and stderr, without Prefect's own
timestamped progress lines and blank lines). An output shown as ``first lines``, a line
``...``, ``last lines`` keeps that shape (the same number of lines before and after the ``...``).

    python scripts/readme_examples.py            # rewrite README.md in place
    python scripts/readme_examples.py --check    # exit 1 and show a diff when README.md is stale

Run ids and timings differ between runs, and themes between CPUs; ``--check`` compares with them masked.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^<!-- example: (?P<name>[\w-]+) -->$")
ELLIPSIS = "..."
# Prefect's own progress lines ("07:22:14.474 | INFO    | Flow run ...") go to stderr; the README leaves them out.
PREFECT_LOG = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{3} \| ")
# Parts of an output that legitimately differ between two real runs: run ids, seconds, dates.
VOLATILE = (
    (re.compile(r"\b\d{8}T\d{6}Z-[0-9a-f]{6}\b"), "RUN_ID"),
    (re.compile(r"\b\d+(\.\d+)? s\b"), "N s"),
    # Themes depend on the CPU (the embedding model's floating point, then UMAP): the sample gives other
    # theme labels and sizes on an Intel Xeon than on an AMD EPYC, with the same redacted text. Their rows,
    # the table's widths and the theme and memo counts are compared masked.
    (re.compile(r"(│ T\d{4} +│)[^│\n]*│[^│\n]*│"), r"\1 THEME │ N │"),
    (re.compile(r"\d+ themes on (\d+) segments, \d+ memos"), r"N themes on \1 segments, N memos"),
    (re.compile(r"[━─]+"), "─"),
    (re.compile(r"(?<=[┃│ ]) {2,}"), " "),
)


@dataclass
class Command:
    """One ``$ `` line of a block and the output lines shown under it."""

    line: str
    shown: list[str] = field(default_factory=list)

    @property
    def argv(self) -> list[str]:
        text = self.line[2:].split("  #", 1)[0].strip()  # a trailing "   # comment" is not run
        return shlex.split(text)

    def shape(self) -> tuple[int, int] | None:
        """(head, tail) when the README shows an elided output, else None (show everything)."""
        if ELLIPSIS not in self.shown:
            return None
        cut = self.shown.index(ELLIPSIS)
        return cut, len(self.shown) - cut - 1


@dataclass
class Block:
    name: str
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    commands: list[Command]


def parse(lines: list[str]) -> list[Block]:
    """The marked console blocks of a README, with their commands and shown outputs."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = MARKER.match(lines[i])
        if not match:
            i += 1
            continue
        if i + 1 >= len(lines) or lines[i + 1] != "```console":
            raise SystemExit(f"README.md line {i + 1}: an example marker must be followed by a ```console block")
        start = i + 2
        end = start
        while end < len(lines) and lines[end] != "```":
            end += 1
        if end == len(lines):
            raise SystemExit(f"README.md line {i + 1}: example {match['name']!r} has no closing ```")
        commands: list[Command] = []
        for line in lines[start:end]:
            if line.startswith("$ "):
                commands.append(Command(line))
            elif commands:
                commands[-1].shown.append(line)
            else:
                raise SystemExit(f"README.md line {i + 1}: example {match['name']!r} must start with a '$ ' line")
        blocks.append(Block(match["name"], start, end, commands))
        i = end + 1
    return blocks


def render(output: str, shape: tuple[int, int] | None) -> list[str]:
    """What a command printed, trimmed of trailing space, elided to the README's shape."""
    lines = [line.rstrip() for line in output.splitlines() if not PREFECT_LOG.match(line)]
    lines = [line for line in lines if line]
    if shape is None:
        return lines
    head, tail = shape
    if len(lines) <= head + tail:
        return lines
    return [*lines[:head], ELLIPSIS, *(lines[-tail:] if tail else [])]


def playground(tmp: Path) -> dict[str, str]:
    """A scratch working folder that looks like the repository root to the commands, and its env."""
    for name in ("data", "tests"):
        (tmp / name).symlink_to(ROOT / name)
    # An existing key, as on any machine after its first run: the one-off "created a new pseudonym key at
    # PATH" line would otherwise put a temporary path into the README.
    key = tmp / ".key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o600)
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        COLUMNS="160",
        TERM="dumb",
        NO_COLOR="1",
        STORYMINE_KEY_FILE=str(tmp / ".key"),
        STORYMINE_JOB_DIR=str(tmp / ".jobs"),
        STORYMINE_LOG_DIR=str(tmp / ".logs"),
        PREFECT_HOME=str(tmp / ".prefect"),
        PREFECT_API_URL="",
        # a busy machine must not turn the example into the "ran without Prefect" one
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="600",
    )
    return env


def run_command(cmd: Command, cwd: Path, env: dict[str, str]) -> str:
    argv = cmd.argv
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800, check=False)
    return proc.stdout + proc.stderr


def regenerate(lines: list[str], blocks: list[Block], outputs: dict[tuple[int, int], list[str]]) -> list[str]:
    new = list(lines)
    for b, block in reversed(list(enumerate(blocks))):
        body: list[str] = []
        for c, cmd in enumerate(block.commands):
            body += [cmd.line, *outputs[(b, c)]]
        new[block.start : block.end] = body
    return new


def mask(text: str) -> str:
    for pattern, repl in VOLATILE:
        text = pattern.sub(repl, text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="don't write; exit 1 when README.md is stale")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)

    lines = args.readme.read_text(encoding="utf-8").split("\n")
    blocks = parse(lines)
    outputs: dict[tuple[int, int], list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="storymine-readme-") as tmp_name:
        tmp = Path(tmp_name)
        env = playground(tmp)
        for b, block in enumerate(blocks):
            for c, cmd in enumerate(block.commands):
                print(f"[{block.name}] {cmd.line}", file=sys.stderr, flush=True)
                outputs[(b, c)] = render(run_command(cmd, tmp, env), cmd.shape())
    new = regenerate(lines, blocks, outputs)
    old_text, new_text = "\n".join(lines), "\n".join(new)
    if args.check:
        if mask(old_text) == mask(new_text):
            print(f"README.md examples are current ({sum(len(b.commands) for b in blocks)} commands)")
            return 0
        diff = difflib.unified_diff(
            old_text.splitlines(), new_text.splitlines(), "README.md", "README.md (regenerated)", lineterm=""
        )
        print("\n".join(diff))
        print("README.md examples are stale: run `python scripts/readme_examples.py` and commit")
        return 1
    args.readme.write_text(new_text, encoding="utf-8")
    print(f"README.md: {sum(len(b.commands) for b in blocks)} example commands regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
