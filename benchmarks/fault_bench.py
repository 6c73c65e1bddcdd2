"""Load and fault benchmark: `storymine run` on a busy machine, against itself, killed, on a full or
read-only disk. Run from the project root::

    .venv/bin/python -m benchmarks.fault_bench                     # 6 CPU burners, 20 kill trials
    .venv/bin/python -m benchmarks.fault_bench --burners 0 --trials 5 --orchestrator direct
    .venv/bin/python -m benchmarks.fault_bench --full-sample       # the busy run on all of data/sample

Every run is the real command (`python -m storymine.cli run …`) in its own process group, on a small
corpus from ``data/sample`` (more with ``--full-sample``), themes on TF-IDF. The machine is kept busy by
``--burners`` processes spinning on the CPU for the whole benchmark. Scenarios:

- ``busy``: a first run into a fresh output (and Prefect home) while the burners run;
- ``together``: two runs started at the same moment on one output (``--pairs`` times);
- ``sigkill``: ``--trials`` runs, each adding a new story, SIGKILLed (the whole process group, Prefect's
  server included) at a random moment within the measured run time; then one run that must complete;
- ``full disk``: a small tmpfs as the output: a run that fills it, a run on a disk with no room, and a run
  after space is freed (needs root to mount; skipped otherwise);
- ``read-only``: the same tmpfs remounted read-only.

After every run it checks that the output is readable as the last successful run left it (``Store
.connect()``) and counts *rows lost*: keys of ``documents``, ``segments``, ``signals`` and ``runs`` that
were readable before and are not now (inputs only grow, so this must be 0). A run counts as *refused*
(exit 2) or *failed clearly* (exit 1) only when it printed exactly one ``error:`` line and no traceback;
anything else is *unclear*. Prints one table; ``--json`` also writes the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
KEYS = {"documents": "doc_id", "segments": "segment_id", "signals": "signal_id", "runs": "run_id"}


@dataclass
class Tally:
    """What happened in one scenario."""

    scenario: str
    attempted: int = 0
    succeeded: int = 0
    refused: int = 0
    failed_clearly: int = 0
    killed: int = 0
    unclear: int = 0
    rows_lost: int = 0
    readable_checks: int = 0
    readable_failures: int = 0
    seconds: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Bench:
    """Paths and settings shared by the scenarios."""

    work: Path
    config: Path
    env: dict[str, str]
    pool: list[Path]
    timeout: float = 900.0

    def corpus(self, name: str, n_extra: int, base: int = 16) -> Path:
        """A folder of ``base`` stories and a session, plus ``n_extra`` further stories."""
        folder = self.work / "inputs" / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for path in self.pool[: base + n_extra]:
            shutil.copy(path, folder / path.name)
        shutil.copy(sorted((SAMPLE / "transcripts").glob("*.vtt"))[0], folder / "session.vtt")
        return folder

    def start(self, inputs: Path, out: Path, tag: str) -> tuple[subprocess.Popen[bytes], Path, Path]:
        """Start `storymine run` in its own process group; stdout/stderr go to files."""
        logs = self.work / "logs"
        logs.mkdir(exist_ok=True)
        so, se = logs / f"{tag}.out", logs / f"{tag}.err"
        cmd = [sys.executable, "-m", "storymine.cli", "run", str(inputs), "--out", str(out), "-c", str(self.config)]
        with so.open("wb") as o, se.open("wb") as e:
            proc = subprocess.Popen([*cmd, "-q"], env=self.env, stdout=o, stderr=e, start_new_session=True, cwd=ROOT)
        return proc, so, se

    def finish(self, proc: subprocess.Popen[bytes], timeout: float | None = None) -> int:
        """Wait for a run; whatever it left running in its process group is killed."""
        try:
            code = proc.wait(timeout=timeout or self.timeout)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        return code


def classify(code: int, stderr: str, tally: Tally) -> str:
    """Count a finished run in ``tally`` and return how it ended."""
    tally.attempted += 1
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    clear = len(errors) == 1 and "Traceback" not in stderr
    if code == 0 and not errors and "Traceback" not in stderr:
        tally.succeeded += 1
        return "succeeded"
    if code == -signal.SIGKILL:
        tally.killed += 1
        return "killed"
    if code == 2 and clear:
        tally.refused += 1
        tally.notes.append(errors[0][:160])
        return "refused"
    if code == 1 and clear:
        tally.failed_clearly += 1
        tally.notes.append(errors[0][:160])
        return "failed clearly"
    tally.unclear += 1
    tally.notes.append(f"exit {code}: {(errors or stderr.strip().splitlines() or [''])[-1][:160]}")
    return "unclear"


def visible(out: Path) -> dict[str, set[str]] | None:
    """The keys readers see in ``out`` (pinned to the last successful run), or None if it cannot be read."""
    from storymine.store import Store

    if not (out / "runs").exists():
        return {name: set() for name in KEYS}
    try:
        con = Store(str(out)).connect()
        names = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        return {
            name: {str(r[0]) for r in con.execute(f"select {key} from {name}").fetchall()} if name in names else set()
            for name, key in KEYS.items()
        }
    except Exception:
        return None


def check(out: Path, before: dict[str, set[str]], tally: Tally) -> dict[str, set[str]]:
    """Count rows lost since ``before`` and whether ``out`` is readable; returns what is visible now."""
    tally.readable_checks += 1
    now = visible(out)
    if now is None:
        tally.readable_failures += 1
        return before
    tally.rows_lost += sum(len(before[name] - now[name]) for name in KEYS)
    return now


def one_run(bench: Bench, inputs: Path, out: Path, tag: str, tally: Tally) -> str:
    """Run to the end; count it."""
    t0 = time.perf_counter()
    proc, _, err = bench.start(inputs, out, tag)
    code = bench.finish(proc)
    tally.seconds.append(time.perf_counter() - t0)
    return classify(code, err.read_text(errors="replace"), tally)


@contextlib.contextmanager
def burning(n: int) -> Iterator[None]:
    """``n`` processes spinning on the CPU for the duration."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def tmpfs(path: Path, size_mb: int) -> Iterator[bool]:
    """A tmpfs of ``size_mb`` at ``path`` (True), or False when it cannot be mounted (not root)."""
    path.mkdir(parents=True, exist_ok=True)
    ok = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path)], capture_output=True
        ).returncode
        == 0
    )
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def scenario_busy(bench: Bench, inputs: Path, out: Path) -> Tally:
    tally = Tally("busy (first run)")
    outcome = one_run(bench, inputs, out, "busy", tally)
    err = (bench.work / "logs" / "busy.err").read_text(errors="replace")
    fallback = "embedded server did not start" in err
    tally.notes.append(f"{outcome} in {tally.seconds[-1]:.0f} s" + (" (direct fallback)" if fallback else ""))
    return tally


def scenario_together(bench: Bench, base_out: Path, pairs: int) -> Tally:
    tally = Tally("two runs, one output")
    for i in range(pairs):
        out = bench.work / f"together-{i}"
        shutil.copytree(base_out, out)
        before = visible(out) or {name: set() for name in KEYS}
        inputs = bench.corpus(f"together-{i}", 2 + i)
        procs = [bench.start(inputs, out, f"together-{i}-{k}") for k in range(2)]
        outcomes = []
        for proc, _, err in procs:
            outcomes.append(classify(bench.finish(proc), err.read_text(errors="replace"), tally))
        check(out, before, tally)
        if sorted(outcomes) != ["refused", "succeeded"]:
            tally.notes.append(f"pair {i}: {outcomes}")
        shutil.rmtree(out, ignore_errors=True)
    return tally


def scenario_sigkill(bench: Bench, base_out: Path, trials: int, typical_s: float, rng: random.Random) -> Tally:
    tally = Tally("SIGKILL at random moments")
    out = bench.work / "killed"
    shutil.copytree(base_out, out)
    before = visible(out) or {name: set() for name in KEYS}
    moments = []
    for trial in range(trials):
        inputs = bench.corpus("killed", trial + 1)
        proc, _, err = bench.start(inputs, out, f"kill-{trial}")
        moment = rng.uniform(0.3, typical_s * 0.9)
        try:
            proc.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        moments.append(moment)
        classify(bench.finish(proc, timeout=60), err.read_text(errors="replace"), tally)
        before = check(out, before, tally)
    final = bench.corpus("killed", trials)
    outcome = one_run(bench, final, out, "kill-recovery", tally)
    before = check(out, before, tally)
    n_docs = len(before["documents"])
    tally.notes.append(
        f"kills at {min(moments, default=0):.1f}-{max(moments, default=0):.1f} s; recovery run {outcome}, "
        f"{n_docs} documents readable for {len(list(final.iterdir()))} files"
    )
    return tally


def _fill(disk: Path, leave_bytes: int) -> None:
    free = shutil.disk_usage(disk).free
    with (disk / "filler.bin").open("ab") as fh:
        fh.write(b"\0" * max(0, free - leave_bytes))


def scenario_disk(bench: Bench, base_out: Path, size_mb: int, recover: bool = True) -> tuple[Tally, Tally]:
    full, ro = Tally("full disk (tmpfs)"), Tally("read-only output")
    disk = bench.work / "disk"
    with tmpfs(disk, size_mb) as mounted:
        if not mounted:
            full.notes.append("skipped: mounting a tmpfs needs root")
            ro.notes.append("skipped: mounting a tmpfs needs root")
            return full, ro
        out = disk / "out"
        shutil.copytree(base_out, out)  # a successful run's tables on the small disk
        before = visible(out) or {name: set() for name in KEYS}
        _fill(disk, 0)  # nothing left: refused before anything starts
        outcome = one_run(bench, bench.corpus("disk", 4), out, "disk-none-left", full)
        full.notes.append(f"no space left at the start: {outcome}")
        before = check(out, before, full)
        (disk / "filler.bin").unlink()
        # room to start, then another process fills the disk while the run is under way
        t0 = time.perf_counter()
        proc, _, err = bench.start(bench.corpus("disk", 60), out, "disk-fills")
        time.sleep(2.0)
        _fill(disk, 0)
        outcome = classify(bench.finish(proc), err.read_text(errors="replace"), full)
        full.seconds.append(time.perf_counter() - t0)
        full.notes.append(f"disk filled 2 s into a run: {outcome}")
        before = check(out, before, full)
        (disk / "filler.bin").unlink()
        if recover:
            after = one_run(bench, bench.corpus("disk", 60), out, "disk-freed", full)
            before = check(out, before, full)
            full.notes.append(f"after freeing space: {after}")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        one_run(bench, bench.corpus("disk", 70), out, "read-only", ro)
        check(out, before, ro)
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True)
    return full, ro


def print_table(tallies: list[Tally]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="storymine under load and faults")
    for col in ("scenario", "attempted", "succeeded", "refused (1 line)", "failed (1 line)", "killed", "unclear"):
        table.add_column(col)
    table.add_column("rows lost")
    table.add_column("previous run readable")
    for t in tallies:
        table.add_row(
            t.scenario,
            str(t.attempted),
            str(t.succeeded),
            str(t.refused),
            str(t.failed_clearly),
            str(t.killed),
            str(t.unclear),
            str(t.rows_lost),
            f"{t.readable_checks - t.readable_failures}/{t.readable_checks}",
        )
    console = Console(width=160)
    console.print(table)
    for t in tallies:
        for note in dict.fromkeys(t.notes):
            console.print(f"  {t.scenario}: {note}", highlight=False)
    total = Tally("total")
    for t in tallies:
        for name in ("attempted", "succeeded", "refused", "failed_clearly", "killed", "unclear", "rows_lost"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    console.print(
        f"runs attempted {total.attempted}, succeeded {total.succeeded}, refused with a clear message "
        f"{total.refused}, failed with a clear message {total.failed_clearly}, killed {total.killed}, "
        f"unclear {total.unclear}; rows lost {total.rows_lost} (must be 0)",
        highlight=False,
    )


def run_bench(
    work: Path,
    burners: int = 6,
    trials: int = 20,
    pairs: int = 3,
    orchestrator: str = "auto",
    full_sample: bool = False,
    disk_mb: int = 12,
    seed: int = 19,
    recover_disk: bool = True,
) -> list[Tally]:
    """Run every scenario in ``work``; returns one tally per scenario."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / "storymine.toml"
    config.write_text(f'[themes]\nembedding = "tfidf"\n[operations]\norchestrator = "{orchestrator}"\n')
    env = dict(os.environ)
    env.update(
        STORYMINE_KEY_FILE=str(work / "key"),
        PREFECT_HOME=str(work / "prefect"),
        PREFECT_API_URL="",
        STORYMINE_LOG_DIR=str(work / "detail-logs"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]),
    )
    env.pop("STORYMINE_KILL_AT", None)
    pool = sorted((SAMPLE / "stories" / "md").glob("*.md"))
    bench = Bench(work, config, env, pool)
    rng = random.Random(seed)
    tallies: list[Tally] = []
    with burning(burners):
        base_out = work / "base"
        inputs = SAMPLE if full_sample else bench.corpus("base", 0)
        busy = scenario_busy(bench, inputs, base_out)
        tallies.append(busy)
        if busy.succeeded != 1:
            return tallies
        if full_sample:  # the other scenarios start from the small corpus
            shutil.rmtree(base_out)
            one_run(bench, bench.corpus("base", 0), base_out, "base-small", Tally("base"))
        tallies.append(scenario_together(bench, base_out, pairs))
        typical = max(busy.seconds[0] if not full_sample else 30.0, 5.0)
        if trials:
            tallies.append(scenario_sigkill(bench, base_out, trials, typical, rng))
        if disk_mb:
            tallies.extend(scenario_disk(bench, base_out, disk_mb, recover_disk))
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burners", type=int, default=6, help="CPU-burning processes kept running (default 6)")
    parser.add_argument("--trials", type=int, default=20, help="SIGKILL trials (default 20)")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of runs started together (default 3)")
    parser.add_argument("--orchestrator", default="auto", choices=["auto", "prefect", "direct"])
    parser.add_argument("--full-sample", action="store_true", help="the busy run on all of data/sample")
    parser.add_argument("--disk-mb", type=int, default=12, help="size of the tmpfs output (0: skip)")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a new temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="storymine-faults-"))
    t0 = time.perf_counter()
    tallies = run_bench(work, args.burners, args.trials, args.pairs, args.orchestrator, args.full_sample, args.disk_mb)
    print_table(tallies)
    print(f"{time.perf_counter() - t0:.0f} s with {args.burners} CPU burners on {os.cpu_count()} cores; work in {work}")
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in tallies], indent=2))
    bad = sum(t.rows_lost + t.unclear + t.readable_failures for t in tallies)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
