"""Pipeline benchmark: speed, peak memory and incremental cost of a whole storymine run at scale.

Run from the project root::

    .venv/bin/python -m benchmarks                                      # 1k, 10k and 50k documents
    .venv/bin/python -m benchmarks.pipeline_bench                       # the same
    .venv/bin/python -m benchmarks.pipeline_bench --sizes 1000 --repeats 1 --embedding tfidf
    .venv/bin/python -m benchmarks --sizes 10000 50000 --repeats 3 1 --baseline-sizes 10000 --phases

For every size it writes a scaled corpus built from ``../shared/datasets`` (see
``benchmarks.pipeline_corpus``), then, in a fresh subprocess and a fresh output folder, runs
``storymine.stages.sequence.run_once``, the sequence every run uses (without Prefect, so Prefect
start-up is not measured), timing each step: ingest (read, normalise, redact, pseudonymise, split
sentences), write, signals (detection, then its commit), themes (embedding and fit), knowledge, runs
row ("finish") and report. It then adds 1 % new documents and reruns the same stages
(incremental run). On the same documents it times BERTopic with default settings (given the same
embedding model object; its fit embeds the texts itself) and ``spacy.blank("en")`` tokenisation of
the same segment texts. Ingest and signals use local worker processes as the flow does
(``operations.workers``, default one per core). Peak memory per stage is the largest resident set
size of the process plus its worker processes, sampled by a thread every 20 ms; CPU seconds include
the workers'. Results are printed and written to ``OUT/results.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import math
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from benchmarks.pipeline_corpus import build_corpus
from benchmarks.signals_bench import cpu_model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "datasets"
NEW_SHARE = 0.01
PIPELINE_STAGES = ("ingest", "write", "signals", "themes", "knowledge", "finish", "report")
GIB = 1024**3
T = TypeVar("T")


def _descendants(pid: str = "self") -> list[str]:
    """Process ids of every live descendant of ``pid`` (worker processes and their children)."""
    out: list[str] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            children = (task / "children").read_text(encoding="ascii").split()
        except OSError:
            continue
        for child in children:
            out += [child, *_descendants(child)]
    return out


def _cpu_seconds() -> float:
    """CPU seconds of this process plus its finished (reaped) child processes."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class RssSampler(threading.Thread):
    """Samples the resident set size of this process and its worker processes; :meth:`window` gives the
    peak since the last call."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.peak = self.current()
        self.phase_peak = self.peak
        self._halt = threading.Event()

    def current(self) -> int:
        """Resident set size now, in bytes: this process plus every descendant (local worker processes)."""
        total = 0
        for pid in ["self", *_descendants()]:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text(encoding="ascii").split()[1]) * self.page
            except (OSError, ValueError, IndexError):  # a worker that just exited
                continue
        return total

    def run(self) -> None:
        """Sampling loop."""
        while not self._halt.wait(self.interval):
            now = self.current()
            self.peak = max(self.peak, now)
            self.phase_peak = max(self.phase_peak, now)

    def phase_window(self) -> int:
        """Like :meth:`window`, for the phase trace (a separate window, so stage peaks are unaffected)."""
        now = self.current()
        peak = max(self.phase_peak, now)
        self.phase_peak = now
        return peak

    def window(self) -> int:
        """Peak RSS since the previous call (sampled, plus one reading now), then start a new window."""
        peak = max(self.peak, self.current())
        self.peak = self.current()
        return peak

    def stop(self) -> None:
        """End sampling."""
        self._halt.set()


class PhaseTrace(logging.Handler):
    """With ``--phases``: each debug message of storymine and BERTopic closes a phase; prints the phase's
    wall time, peak RSS and RSS at its end, so a stage's memory can be attributed to its steps."""

    def __init__(self, sampler: RssSampler) -> None:
        super().__init__(level=logging.DEBUG)
        self.sampler = sampler
        self.t = time.perf_counter()
        sampler.phase_window()

    def emit(self, record: logging.LogRecord) -> None:
        """Print the phase that this message ends."""
        now = time.perf_counter()
        peak = self.sampler.phase_window()
        msg = record.getMessage().splitlines()[0][:90] if record.msg else ""
        print(f"    [phase] {now - self.t:7.1f} s  peak {_mb(peak):>9}  now {_mb(self.sampler.current()):>9}  {msg}")
        self.t = now

    @classmethod
    def install(cls, sampler: RssSampler) -> None:
        """Attach to the storymine and BERTopic loggers at debug level."""
        handler = cls(sampler)
        for name in ("storymine", "BERTopic"):
            lg = logging.getLogger(name)
            lg.addHandler(handler)
            lg.setLevel(logging.DEBUG)
            lg.propagate = False


class Recorder:
    """Times stages (wall and CPU) and records their peak RSS; optionally profiles some stages with cProfile."""

    def __init__(self, sampler: RssSampler, profile: list[str], profile_dir: Path | None, label: str = "") -> None:
        self.sampler = sampler
        self.rows: dict[str, dict[str, float]] = {}
        self.profile = profile
        self.profile_dir = profile_dir
        self.label = label

    def stage(self, name: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` as stage ``name`` (a second stage of the same name adds to the first)."""
        self.sampler.window()
        rss0 = self.sampler.current()
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        prof = cProfile.Profile() if name in self.profile and self.profile_dir is not None else None
        if prof is not None:
            prof.enable()
        result = fn()
        if prof is not None:
            prof.disable()
        wall = time.perf_counter() - t0
        cpu = _cpu_seconds() - cpu0
        peak = self.sampler.window()
        row = {"wall_s": wall, "cpu_s": cpu, "peak_rss": float(peak), "rss_start": float(rss0)}
        if name in self.rows:
            before = self.rows[name]
            row = {
                "wall_s": before["wall_s"] + wall,
                "cpu_s": before["cpu_s"] + cpu,
                "peak_rss": max(before["peak_rss"], float(peak)),
                "rss_start": before["rss_start"],
            }
        self.rows[name] = row
        if prof is not None and self.profile_dir is not None:
            buf = io.StringIO()
            stats = pstats.Stats(prof, stream=buf)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
            (self.profile_dir / f"profile_{self.label}_{name}.txt").write_text(buf.getvalue(), encoding="utf-8")
        return result


class TimedRunner:
    """The sequence's local runner, each step timed and recorded as a stage (steps of one name add up)."""

    local = True

    def __init__(self, rec: Recorder) -> None:
        from storymine.stages.sequence import Runner

        self.rec = rec
        self.inner = Runner()

    def call(self, name: str, fn: Callable[..., T], *args: Any, retries: int = 0) -> T:
        """Run and record step ``name`` (as its stage: "ingest (worker processes)" is "ingest")."""
        return self.rec.stage(name.split(" (")[0], lambda: self.inner.call(name, fn, *args, retries=retries))

    def map(self, name: str, fn: Callable[..., T], items: Any, *shared: Any) -> list[T]:
        """Run and record the mapped step ``name``."""
        return self.rec.stage(name, lambda: self.inner.map(name, fn, items, *shared))


def _run_pipeline(inputs: list[Path], out: Path, settings: Any, rec: Recorder) -> dict[str, Any]:
    """One storymine run over ``inputs`` into ``out``: the sequence every run uses, each step timed."""
    from storymine.parallel import resolve_workers
    from storymine.stages.sequence import Runner, run_once
    from storymine.store import Store

    store = Store(str(out))
    info: dict[str, Any] = {"workers": resolve_workers(settings.operations.workers)}
    runner = cast(Runner, TimedRunner(rec))
    summary = run_once([str(i) for i in inputs], store, settings, runner)
    info["message"] = summary.message
    info["status"] = summary.status
    docs = store.read("documents")
    new_ids = set(docs.loc[docs["ingested_run_id"] == summary.run_id, "doc_id"])
    segs = store.read("segments")
    new_segs = segs[segs["doc_id"].isin(new_ids)]
    info["documents_written"] = len(new_ids)
    info["segments_written"] = len(new_segs)
    info["words_written"] = int(sum(len(t.split()) for t in new_segs["text"]))
    info["documents_total"] = int(docs.shape[0])
    info["words_total"] = int(sum(len(t.split()) for t in segs["text"]))
    return info


def worker(args: argparse.Namespace) -> int:
    """Measure one run of one size in this fresh process, as a scheduled ``storymine run`` would start.

    ``--worker-phase full`` runs over the base corpus into a fresh output folder; ``inc`` then adds the
    folder of 1 % new documents and runs again on the same output folder (so embedding cache and theme
    registry are warm, but imports, model loading and numba compilation are paid again, as in production).
    """
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sampler = RssSampler()
    sampler.start()
    rss0 = sampler.current()
    import storymine  # noqa: F401  (offline defaults)
    from storymine.config import Settings, ThemesSettings

    out = Path(args.worker_out)
    phase = args.worker_phase
    settings = Settings(themes=ThemesSettings(embedding=args.embedding))
    profiled = (args.profile or []) if args.profile_run in (phase, "both") else []
    run_dir = out / "store"
    inputs = [Path(args.worker_base)]
    if phase == "full":
        shutil.rmtree(run_dir, ignore_errors=True)
    else:
        inputs.append(Path(args.worker_new))
    rec = Recorder(sampler, profiled, out, phase)
    if args.phases:
        PhaseTrace.install(sampler)
    t0 = time.perf_counter()
    info = _run_pipeline(inputs, run_dir, settings, rec)
    total = time.perf_counter() - t0
    sampler.stop()
    result: dict[str, Any] = {
        f"{phase}_info": info,
        f"{phase}_total_s": total,
        phase: rec.rows,
        f"{phase}_rss_at_start": rss0,
        f"{phase}_ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    print(f"  {phase} run done in {total:.1f} s: {info['message']}", flush=True)
    (out / f"{phase}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


def baseline_worker(args: argparse.Namespace) -> int:
    """Baselines in a fresh process (cold, like the pipeline's own run: numba JIT and model load included)."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sampler = RssSampler()
    sampler.start()
    import sentence_transformers  # noqa: F401  (the baselines do not time imports)

    import storymine  # noqa: F401

    out = Path(args.worker_out)
    result = _baselines(out / "store", args.embedding, sampler)
    sampler.stop()
    (out / "baselines.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def _baselines(store_dir: Path, embedding: str, sampler: RssSampler) -> dict[str, Any]:
    """BERTopic defaults and blank spaCy tokenisation on the documents of the full run."""
    import spacy
    from bertopic import BERTopic

    from storymine.store import Store
    from storymine.themes import ThemesConfig, build_units, get_backend
    from storymine.themes.embed import SentenceTransformerBackend, bertopic_embedder
    from storymine.themes.units import embedding_texts

    store = Store(str(store_dir))
    docs = store.read("documents")
    segs = store.read("segments")
    first = set(docs.loc[docs["ingested_run_id"] == docs["ingested_run_id"].min(), "doc_id"])
    docs, segs = docs[docs["doc_id"].isin(first)], segs[segs["doc_id"].isin(first)]
    texts = embedding_texts(build_units(docs, segs, ThemesConfig()))
    seg_texts = segs["text"].astype(str).tolist()
    out: dict[str, Any] = {"bertopic_texts": len(texts), "blank_words": sum(len(t.split()) for t in seg_texts)}

    sampler.window()
    cpu0, t0 = time.process_time(), time.perf_counter()
    # BERTopic's default embedding is sentence-transformers on torch: give it that model object itself
    # (storymine's default runtime, int8 ONNX, is storymine's work and is not lent to the baseline)
    backend = get_backend(ThemesConfig(embedding=embedding, embedding_runtime="torch"), fit_texts=texts)
    model = BERTopic(
        embedding_model=backend.model()
        if isinstance(backend, SentenceTransformerBackend)
        else bertopic_embedder(backend)
    )
    topics, _ = model.fit_transform(texts)
    out["bertopic_s"] = time.perf_counter() - t0
    out["bertopic_cpu_s"] = time.process_time() - cpu0
    out["bertopic_peak_rss"] = sampler.window()
    out["bertopic_topics"] = len(set(topics)) - (1 if -1 in topics else 0)
    out["bertopic_outliers"] = sum(1 for t in topics if t == -1) / max(1, len(topics))
    print(f"  BERTopic defaults: {out['bertopic_s']:.1f} s, {out['bertopic_topics']} topics", flush=True)

    blank = spacy.blank("en")
    cpu0, t0 = time.process_time(), time.perf_counter()
    for _ in blank.pipe(seg_texts, batch_size=256):
        pass
    out["blank_s"] = time.perf_counter() - t0
    out["blank_cpu_s"] = time.process_time() - cpu0
    out["n_docs"] = len(first)
    return out


# ---------------------------------------------------------------- driver: corpora, subprocesses, tables


def _mb(x: float) -> str:
    """Bytes as MiB (2**20 bytes), the unit of every per-stage figure."""
    return f"{x / 2**20:,.0f} MiB"


def _table(header: list[str], rows: list[list[str]]) -> str:
    width = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, width, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, width, strict=True)) for r in rows]
    return "\n".join(lines)


def _stage_table(res: dict[str, Any], which: str) -> str:
    info = res[f"{which}_info"]
    docs, words = info["documents_written"], info["words_written"]
    rows = []
    for name in PIPELINE_STAGES:
        r = res[which].get(name)
        if r is None:
            continue
        wall = r["wall_s"]
        rows.append(
            [
                name,
                f"{wall:.2f}",
                f"{r['cpu_s'] / wall:.2f}" if wall else "-",
                f"{docs / wall:,.0f}" if wall else "-",
                f"{words / wall:,.0f}" if wall else "-",
                _mb(r["peak_rss"]),
            ]
        )
    total = res[f"{which}_total_s"]
    peak = max(r["peak_rss"] for r in res[which].values())
    rows.append(["total", f"{total:.2f}", "", f"{docs / total:,.0f}", f"{words / total:,.0f}", _mb(peak)])
    return _table(["stage", "wall s", "cpu/wall", "docs/s", "words/s", "peak RSS"], rows)


def _summarise(size: int, reps: list[dict[str, Any]]) -> dict[str, Any]:
    """Median over repeats of the figures the goals need."""

    def med(f: Callable[[dict[str, Any]], float]) -> float:
        return float(statistics.median(f(r) for r in reps))

    s: dict[str, Any] = {"size": size, "repeats": len(reps)}
    s["full_s"] = med(lambda r: r["full_total_s"])
    s["full_s_no_report"] = med(lambda r: r["full_total_s"] - r["full"].get("report", {}).get("wall_s", 0.0))
    s["inc_s"] = med(lambda r: r["inc_total_s"])
    s["inc_share"] = s["inc_s"] / s["full_s"]
    s["inc_share_cpu"] = med(
        lambda r: sum(x["cpu_s"] for x in r["inc"].values()) / sum(x["cpu_s"] for x in r["full"].values())
    )
    s["peak_rss"] = med(lambda r: max(x["peak_rss"] for x in r["full"].values()))
    s["peak_rss_inc"] = med(lambda r: max(x["peak_rss"] for x in r["inc"].values()))
    s["rss_at_start"] = med(lambda r: r["full_rss_at_start"])
    s["words"] = reps[0]["full_info"]["words_written"]
    s["documents"] = reps[0]["full_info"]["documents_written"]
    s["signals_wps"] = med(lambda r: r["full_info"]["words_written"] / r["full"]["signals"]["wall_s"])
    for stage in PIPELINE_STAGES:
        if all(stage in r["full"] for r in reps):
            s[f"{stage}_s"] = med(lambda r, st=stage: r["full"][st]["wall_s"])  # type: ignore[misc]
    if all("baselines" in r for r in reps):
        s["bertopic_s"] = med(lambda r: r["baselines"]["bertopic_s"])
        s["bertopic_topics"] = reps[0]["baselines"]["bertopic_topics"]
        s["blank_wps"] = med(lambda r: r["baselines"]["blank_words"] / r["baselines"]["blank_s"])
        s["full_over_bertopic"] = s["full_s"] / s["bertopic_s"]
        s["full_no_report_over_bertopic"] = s["full_s_no_report"] / s["bertopic_s"]
        s["signals_over_blank"] = s["signals_wps"] / s["blank_wps"]
        # the same ratios on CPU seconds, which other load on a shared machine disturbs less
        s["full_cpu_s"] = med(lambda r: sum(x["cpu_s"] for x in r["full"].values()))
        s["bertopic_cpu_s"] = med(lambda r: r["baselines"]["bertopic_cpu_s"])
        s["full_over_bertopic_cpu"] = s["full_cpu_s"] / s["bertopic_cpu_s"]
        s["signals_over_blank_cpu"] = med(
            lambda r: (
                (r["baselines"]["blank_cpu_s"] / r["baselines"]["blank_words"])
                / (r["full"]["signals"]["cpu_s"] / r["full_info"]["words_written"])
            )
        )
    return s


def _goal(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def _goals(summaries: list[dict[str, Any]]) -> str:
    """The goals table: measured figure against the target, PASS/FAIL, or n/a when not measured."""
    by = {s["size"]: s for s in summaries}
    rows: list[list[str]] = []
    ref = by.get(10_000)
    for s in summaries:
        if "full_over_bertopic" in s:
            tag = "" if s["size"] == 10_000 else " (goal is at 10k)"
            ok = s["full_over_bertopic"] <= 1.0 if s["size"] == 10_000 else None
            rows.append(
                [
                    f"full pipeline / BERTopic default fit, {s['size']:,} docs{tag}",
                    "<= 1.0",
                    f"{s['full_over_bertopic']:.2f} (CPU s: {s['full_over_bertopic_cpu']:.2f})",
                    _goal(ok),
                ]
            )
    if ref is None:
        rows.append(["full pipeline / BERTopic default fit, 10,000 docs", "<= 1.0", "not measured", "n/a"])
    for s in summaries:
        rows.append(
            [
                f"incremental (1 % new) / full, {s['size']:,} docs",
                "<= 0.10",
                f"{s['inc_share']:.3f} (CPU s: {s['inc_share_cpu']:.3f})",
                _goal(s["inc_share"] <= 0.10),
            ]
        )
    for s in summaries:  # #14: the signals stage's share of the full run (the old ">= 0.1 x tokenisation" is gone)
        if "signals_s" in s and s["full_s"]:
            share = s["signals_s"] / s["full_s"]
            rows.append(
                [
                    f"signals stage / full run, {s['size']:,} docs",
                    "<= 0.40",
                    f"{share:.3f} ({s['signals_s']:.1f} s of {s['full_s']:.1f} s; "
                    f"{s.get('signals_over_blank', float('nan')):.3f} x blank tokenisation)",
                    _goal(share <= 0.40),
                ]
            )
    big = by.get(50_000)
    rows.append(
        [
            "peak RSS at 50,000 docs",
            "<= 4 GB (4e9 bytes)",
            f"{big['peak_rss'] / 1e9:.2f} GB ({big['peak_rss'] / GIB:.2f} GiB)" if big else "not measured",
            _goal(big["peak_rss"] <= 4e9) if big else "n/a",
        ]
    )
    if len(summaries) >= 2:
        a, b = summaries[0], summaries[-1]
        # growth exponent of peak RSS above the interpreter's start-up RSS: <= 1 means no faster than linear
        ga = max(1.0, a["peak_rss"] - a["rss_at_start"])
        gb = max(1.0, b["peak_rss"] - b["rss_at_start"])
        k = math.log(gb / ga) / math.log(b["size"] / a["size"])
        rows.append(
            [
                f"peak RSS growth exponent {a['size']:,} -> {b['size']:,} docs",
                "<= 1.0",
                f"{k:.2f} ({_mb(a['peak_rss'])} -> {_mb(b['peak_rss'])})",
                _goal(k <= 1.0),
            ]
        )
    else:
        rows.append(["peak RSS growth no faster than linear", "exponent <= 1.0", "needs two sizes", "n/a"])
    return _table(["goal", "target", "measured", "result"], rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    ap.add_argument(
        "--repeats",
        type=int,
        nargs="+",
        default=[1],
        help="runs per size (medians are reported): one number for every size, or one per size",
    )
    ap.add_argument("--embedding", choices=["minilm", "tfidf"], default="minilm")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "storymine_pipeline_bench")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared datasets folder")
    ap.add_argument("--profile", nargs="+", choices=PIPELINE_STAGES, help="cProfile these stages")
    ap.add_argument("--profile-run", choices=["full", "inc", "both"], default="full", help="which run to profile")
    ap.add_argument("--no-baselines", action="store_true", help="skip BERTopic defaults and blank tokenisation")
    ap.add_argument(
        "--baseline-sizes",
        type=int,
        nargs="+",
        help="run the baselines only at these sizes (default: every size); the ratio goals are at 10,000",
    )
    ap.add_argument(
        "--phases", action="store_true", help="print wall time and peak RSS of each logged step (memory attribution)"
    )
    ap.add_argument("--worker-phase", choices=["full", "inc"], help=argparse.SUPPRESS)
    ap.add_argument("--worker-base", help=argparse.SUPPRESS)
    ap.add_argument("--worker-new", help=argparse.SUPPRESS)
    ap.add_argument("--worker-out", help=argparse.SUPPRESS)
    ap.add_argument("--worker-baseline", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker_out:
        return baseline_worker(args) if args.worker_baseline else worker(args)
    if len(args.repeats) not in (1, len(args.sizes)):
        ap.error(f"--repeats takes one number or one per size ({len(args.sizes)}), got {len(args.repeats)}")
    per_size = args.repeats * len(args.sizes) if len(args.repeats) == 1 else args.repeats
    repeats = dict(zip(args.sizes, per_size, strict=True))

    if not args.data.is_dir():
        print(f"skipped: shared datasets not found at {args.data} (expected ../shared/datasets)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"pipeline benchmark: sizes {args.sizes}, repeats {per_size}, embedding {args.embedding}, out {args.out}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"cpu: {cpu_model()}")
    summaries: list[dict[str, Any]] = []
    all_results: dict[str, Any] = {}
    for size in args.sizes:
        folder = args.out / f"corpus_{size}"
        shutil.rmtree(folder, ignore_errors=True)
        t0 = time.perf_counter()
        corpus = build_corpus(args.data, size, NEW_SHARE, folder)
        if corpus is None:
            print(f"skipped: no usable corpus under {args.data}")
            return 0
        print(
            f"\n== {size:,} documents ({corpus.words_base:,} words, {corpus.files_base} files; "
            f"+{corpus.n_new} new in {corpus.files_new} files) built in {time.perf_counter() - t0:.1f} s"
        )
        reps: list[dict[str, Any]] = []
        for rep in range(repeats[size]):
            wout = args.out / f"run_{size}_{rep}"
            shutil.rmtree(wout, ignore_errors=True)
            wout.mkdir(parents=True)
            res: dict[str, Any] = {"size": size, "embedding": args.embedding}
            for phase in ("full", "inc"):
                cmd = [sys.executable, "-m", "benchmarks.pipeline_bench", "--embedding", args.embedding]
                cmd += ["--worker-phase", phase, "--worker-out", str(wout)]
                cmd += ["--worker-base", str(corpus.base_dir), "--worker-new", str(corpus.new_dir)]
                if args.profile:
                    cmd += ["--profile", *args.profile, "--profile-run", args.profile_run]
                if args.phases:
                    cmd += ["--phases"]
                if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
                    print(f"  {phase} run of repeat {rep + 1} failed; see the output above")
                    break
                res.update(json.loads((wout / f"{phase}.json").read_text(encoding="utf-8")))
            if "inc" not in res:
                continue
            if not args.no_baselines and (args.baseline_sizes is None or size in args.baseline_sizes):
                base_cmd = [sys.executable, "-m", "benchmarks.pipeline_bench", "--embedding", args.embedding]
                base_cmd += ["--worker-baseline", "--worker-out", str(wout)]
                if subprocess.run(base_cmd, cwd=ROOT, check=False).returncode == 0:
                    res["baselines"] = json.loads((wout / "baselines.json").read_text(encoding="utf-8"))
            reps.append(res)
            print(f"\n-- {size:,} docs, repeat {rep + 1}: full run")
            print(_stage_table(res, "full"))
            print(f"-- incremental run (+{corpus.n_new} documents)")
            print(_stage_table(res, "inc"))
            if "baselines" in res:
                b = res["baselines"]
                print(
                    f"-- baselines: BERTopic defaults {b['bertopic_s']:.1f} s on {b['bertopic_texts']:,} texts "
                    f"({b['bertopic_topics']} topics, {b['bertopic_outliers']:.0%} outliers, "
                    f"peak {_mb(b['bertopic_peak_rss'])}); "
                    f"spacy.blank tokenisation {b['blank_words'] / b['blank_s']:,.0f} words/s"
                )
            if args.profile:
                print(f"-- profiles (cProfile, cumulative and own time): {wout}/profile_*.txt")
            sys.stdout.flush()
        if not reps:
            continue
        s = _summarise(size, reps)
        summaries.append(s)
        all_results[str(size)] = {"summary": s, "repeats": reps}
        ratios = [f"incremental/full {s['inc_share']:.3f}"]
        if "full_over_bertopic" in s:
            ratios = [
                f"full/BERTopic-default {s['full_over_bertopic']:.2f}",
                f"signals/blank words/s {s['signals_over_blank']:.3f}",
                *ratios,
            ]
        print(f"== ratios at {size:,} docs (median of {len(reps)}): " + "; ".join(ratios))
    (args.out / "results.json").write_text(json.dumps(all_results, indent=1, default=str), encoding="utf-8")
    if summaries:
        print("\nsummary against the goals")
        print(_goals(summaries))
    print(f"\nresults: {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
