"""The ``storymine`` command line: a thin wrapper over the library and the Prefect flow."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import AbstractContextManager, nullcontext, suppress
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

import storymine
from storymine.exchange.commands import export_app, import_codes

app = typer.Typer(
    name="storymine",
    help="Turn practitioner stories and learning-session transcripts into explicit, queryable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

OutOption = Annotated[
    str, typer.Option("--out", "-o", help="Output folder holding the tables (or a URL such as s3://bucket/path).")
]


def _missing(out: str) -> bool:
    """True when a local output folder does not exist (URLs are checked by the store)."""
    return "://" not in out and not Path(out).exists()


def _csv_safe(value: object) -> object:
    """Neutralise spreadsheet formulas (``=HYPERLINK(…)``) in exported text cells (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _warn(message: str) -> None:
    err.print(f"[bold yellow]warning:[/] {message}", highlight=False, soft_wrap=True)


def _flag(*names: str, help: str) -> Any:
    """A boolean flag; shown without a value in --help (it takes none)."""
    return typer.Option(*names, help=help, metavar="")


def _print_version(value: bool) -> None:
    if value:
        console.print(f"storymine {storymine.__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            metavar="",
            help="Print storymine's version and exit (`storymine version` adds the packages that shape output).",
        ),
    ] = False,
) -> None:
    """Turn practitioner stories and learning-session transcripts into explicit, queryable knowledge."""


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Folders or files with stories and transcripts.")],
    out: OutOption = "out",
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="storymine.toml with options (defaults if omitted).")
    ] = None,
    quiet: Annotated[bool, _flag("--quiet", "-q", help="No progress bar and no INFO lines from Prefect.")] = False,
    dask_address: Annotated[
        str | None,
        typer.Option("--dask-address", help="Run per-document stages on Dask: a scheduler address, or 'local'."),
    ] = None,
    refit_themes: Annotated[
        bool,
        _flag(
            "--refit-themes",
            help="Refit themes even if few or no documents changed (schedule weekly beside nightly runs).",
        ),
    ] = False,
) -> None:
    """Ingest INPUTS into the tables under --out (a Prefect flow run, local and offline by default).

    Every input file gets one row in ingest_log: accepted, rejected (with the reason and the fix) or
    unchanged. Exits 1 only if nothing at all could be ingested, 2 if the command cannot start (each
    problem is named on one line before anything runs).
    """
    from storymine.diagnostics import DetailLog, explain
    from storymine.lockfile import StoreLockedError, hold
    from storymine.orchestrate import OrchestratorError, run_one_off
    from storymine.preflight import PreflightError, check_run

    try:
        checked = check_run(inputs, out, config, dask_address)
    except PreflightError as exc:
        raise _fail(str(exc), 2) from None
    for line in checked.warnings:
        _warn(line)
    dask = dask_address or checked.settings.operations.dask_address
    details = DetailLog()
    local = "://" not in out or out.startswith("file://")
    lock: AbstractContextManager[None] = hold(out.removeprefix("file://")) if local else nullcontext()
    try:
        with (
            lock,
            Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=err,
                disable=quiet,
                transient=True,
            ) as progress,
        ):
            bar = progress.add_task("", total=None)

            def on_file(done: int, total: int, path: str) -> None:
                progress.update(bar, completed=done, total=total, description=path[-50:])

            _, summary = run_one_off(
                [str(i) for i in inputs],
                str(out),
                str(config) if config else None,
                checked.settings,
                progress=on_file,
                refit_themes=refit_themes,
                dask_address=dask,
                warn=_warn,
                details=details,
                quiet=quiet,
            )
    except (StoreLockedError, OrchestratorError) as exc:
        raise _fail(str(exc), 2) from None
    except Exception as exc:
        path = details.exception(exc, "storymine run failed:")
        where = f"; details: {path}" if path else ""
        line = explain(exc, out) or f"the run stopped unexpectedly ({type(exc).__name__})"
        raise _fail(line + where) from None
    console.print(f"[bold]{summary.status}[/]: {summary.message}", highlight=False)
    console.print(f'tables in {out}/ — try: storymine query "select * from ingest_log" --out {out}')
    n_ok = summary.n_accepted + summary.n_unchanged
    if n_ok == 0:
        raise _fail(
            f'nothing could be ingested; see: storymine query "select path, reason from ingest_log" --out {out}'
        )
    if summary.n_rejected:
        err.print(
            f"{summary.n_rejected} file(s) rejected; see: storymine query "
            f"\"select path, reason from ingest_log where status = 'rejected'\" --out {out}",
            highlight=False,
        )
    warned = _warning_files(str(out), summary.run_id)
    if warned:
        err.print(
            f"{warned} file(s) need a look (a facilitator guessed, a part skipped); see: storymine query "
            f"\"select path, reason from ingest_log where status = 'warning'\" --out {out}",
            highlight=False,
        )


def _warning_files(out: str, run_id: str) -> int:
    """Files this run logged a ``warning`` row for (0 when the log cannot be read)."""
    from storymine.store import Store

    try:
        log = Store(out).read("ingest_log", where={"run_id": run_id}, columns=["status"])
    except Exception:  # a hint only: never fail a finished run over it
        return 0
    return int((log["status"] == "warning").sum())


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the tables (DuckDB dialect), e.g. 'select * from documents'.")],
    out: OutOption = "out",
    run_id: Annotated[str | None, typer.Option("--run", help="Read the tables as this run left them.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option(help="Most rows to print in table format.")] = 100,
) -> None:
    """Run read-only SQL over the tables with DuckDB (pinned to the last successful run)."""
    import duckdb

    from storymine.store import Store
    from storymine.store.schema import TABLES

    if _missing(out):
        raise _fail(f"no tables at {out}; run `storymine run INPUT --out {out}` first")
    if fmt not in {"table", "csv", "json"}:
        raise _fail(f"--format {fmt!r} is not one of: table, csv, json")
    try:
        con = Store(str(out)).connect(run_id)
        cursor = con.execute(sql)
        columns = [str(d[0]) for d in cursor.description or []]
        rows = cursor.fetchall()
    except KeyError as exc:
        raise _fail(str(exc.args[0])) from None
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        shown = [n for n, s in TABLES.items() if not s.internal]
        raise _fail(f"{first}\n  tables: {', '.join(shown)}; columns: storymine tables") from None
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_csv_safe(v) for v in row] for row in rows)
        return
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, default=str, ensure_ascii=False) + "\n")
        return
    table = Table(show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows[:limit]:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    console.print(table, highlight=False)
    if len(rows) > limit:
        console.print(f"({len(rows)} rows, {limit} shown; use --limit or --format csv)")


@app.command()
def runs(
    out: OutOption = "out",
    limit: Annotated[int, typer.Option(help="Most recent runs to show.")] = 20,
) -> None:
    """List the runs of an output folder, newest first: status, seconds, files and documents written.

    Give a run id to `storymine query --run RUN_ID` or `storymine report --run RUN_ID` to see the
    tables as that run left them.
    """
    from storymine.store import Store
    from storymine.store.schema import RUNS

    if _missing(out):
        raise _fail(f"no tables at {out}; run `storymine run INPUT --out {out}` first")
    rows = Store(str(out)).read(RUNS.name)
    if rows.empty:
        console.print(f"no runs recorded in {out} yet")
        return
    rows = rows.sort_values("started_at", ascending=False, kind="stable")
    from rich import box

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("run_id (UTC start)", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for name in ("secs", "files", "rejected", "unchanged", "docs"):
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows.head(limit).to_dict("records"):
        counts = [str(row[c]) for c in ("n_files", "n_rejected", "n_unchanged", "n_documents")]
        table.add_row(str(row["run_id"]), str(row["status"]), f"{float(row['duration_s']):.0f}", *counts)
    console.print(table, highlight=False)
    if len(rows) > limit:
        console.print(f"({len(rows)} runs, {limit} shown; use --limit)")


@app.command()
def report(
    out: OutOption = "out",
    to: Annotated[Path | None, typer.Option("--to", help="Folder for the report (default: OUT/report).")] = None,
    run_id: Annotated[str | None, typer.Option("--run", help="Report on an earlier run.")] = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="storymine.toml (for k).")] = None,
) -> None:
    """Write the facilitators' theme report: self-contained HTML that works offline from a file share."""
    from storymine.config import ConfigError, load_settings
    from storymine.report import build_report
    from storymine.store import Store

    if _missing(out):
        raise _fail(f"no tables at {out}; run `storymine run INPUT --out {out}` first")
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    try:
        store = Store(out)
        if not store.is_local and to is None:
            raise _fail("the output is not a local folder: give --to FOLDER for the report")
        target = to or Path(store.root) / "report"
        index = build_report(store, target, run_id=run_id, k=settings.privacy.min_group_size)
    except (FileNotFoundError, KeyError) as exc:
        raise _fail(str(exc)) from None
    console.print(f"report: {index}", highlight=False)


@app.command()
def tables(
    markdown: Annotated[bool, _flag("--markdown", help="Print the docs/tables.md reference.")] = False,
) -> None:
    """List every table with its columns, types and what they mean."""
    from storymine.store.schema import TABLES, markdown_reference

    if markdown:
        sys.stdout.write(markdown_reference() + "\n")
        return
    for spec in TABLES.values():
        table = Table(title=f"{spec.name} — one row per {spec.row}", title_justify="left")
        table.add_column("column", style="bold")
        table.add_column("type")
        table.add_column("meaning")
        for col in spec.columns:
            table.add_row(col.name, str(col.type), col.meaning)
        console.print(table)


@app.command()
def serve(
    inputs: Annotated[list[Path], typer.Argument(help="Folders with stories and transcripts (read each run).")],
    out: OutOption = "out",
    cron: Annotated[str, typer.Option(help="Cron schedule, e.g. '0 2 * * *' for 02:00 every night.")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the schedule.")] = "UTC",
    config: Annotated[Path | None, typer.Option("--config", "-c", help="storymine.toml for every run.")] = None,
    name: Annotated[str, typer.Option(help="Deployment name in Prefect.")] = "storymine-nightly",
    refit_themes: Annotated[
        bool,
        _flag(
            "--refit-themes",
            help="Every scheduled run refits themes (e.g. a weekly deployment beside the nightly one).",
        ),
    ] = False,
) -> None:
    """Serve the flow on a schedule from a Prefect server (runs until stopped; see docs/operations.md).

    Needs a real Prefect server (`prefect server start`) and PREFECT_API_URL pointing at it: the embedded
    server that `storymine run` uses cannot run schedules. Inputs, output, configuration, models, the
    server and the schedule are checked first; each problem is one line and exit code 2.
    """
    import os

    from storymine.diagnostics import DetailLog, explain, one_line_console
    from storymine.preflight import PreflightError, check_serve

    try:
        check_serve(inputs, out, config, cron, timezone, os.environ.get("PREFECT_API_URL"))
    except PreflightError as exc:
        raise _fail(str(exc), 2) from None
    from pipelines.storymine_flow import storymine_flow
    from prefect.schedules import Cron

    details = DetailLog()
    one_line_console(details)
    from storymine.jobs import save_job

    job = save_job(
        [str(i.resolve()) for i in inputs],
        out if "://" in out else str(Path(out).resolve()),
        str(config.resolve()) if config else None,
    )
    params = {"job": job, "refit_themes": refit_themes}  # Prefect stores parameters: no paths in them
    console.print(f"serving {name!r} on {cron!r} ({timezone}); Ctrl+C stops", highlight=False)
    try:
        storymine_flow.serve(name=name, schedule=Cron(cron, timezone=timezone), parameters=params)
    except Exception as exc:
        path = details.exception(exc, "storymine serve stopped:")
        where = f"; details: {path}" if path else ""
        line = explain(exc, out) or f"serving stopped unexpectedly ({type(exc).__name__})"
        raise _fail(line + where) from None


@app.command()
def prune(
    out: OutOption = "out",
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="storymine.toml (operations.retention_days).")
    ] = None,
    days: Annotated[
        float | None, typer.Option(help="Keep table versions newer than this (overrides the config).")
    ] = None,
) -> None:
    """Remove table versions older than the retention period (time travel before it is no longer possible)."""
    from storymine.config import ConfigError, load_settings
    from storymine.store import Store

    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    keep = settings.operations.retention_days if days is None else days
    removed = Store(str(out)).prune(retention_hours=keep * 24)
    console.print(f"removed {removed} unreferenced data files older than {keep:g} days", highlight=False)


@app.command("config")
def config_cmd(
    check: Annotated[Path | None, typer.Argument(help="A storymine.toml to validate.")] = None,
    markdown: Annotated[bool, _flag("--markdown", help="Print docs/configuration.md.")] = False,
) -> None:
    """Validate a storymine.toml, or print every option with its default and meaning."""
    from storymine.config import ConfigError, load_settings, markdown_reference

    if markdown:
        sys.stdout.write(markdown_reference() + "\n")
        return
    try:
        settings = load_settings(check)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    console.print_json(settings.model_dump_json())


app.add_typer(export_app, name="export")
app.command("import-codes")(import_codes)

eval_app = typer.Typer(help="Measure quality against real annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
DatasetsOption = Annotated[Path, typer.Option("--datasets", help="Folder of the shared corpora (skipped when absent).")]


@eval_app.command("signals")
def eval_signals(
    datasets: DatasetsOption = Path("../shared/datasets"),
    gold: Annotated[Path, typer.Option(help="Our own gold labels (references, no text).")] = Path("data/gold"),
    only: Annotated[list[str] | None, typer.Option(help="Only these: szeged, cered, gold, gold-v2.")] = None,
) -> None:
    """Precision, recall and F1 per kind on Szeged, CEReD and our gold sets v1 and v2 (no test data trained on).

    Gold v2 rows show the two annotators' agreement F1 beside the model's F1.
    """
    from storymine.signals import run_signal_eval

    names = ("szeged", "cered", "gold", "gold-v2")
    which = tuple(only) if only else names
    bad = sorted(set(which) - set(names))
    if bad:
        raise _fail(f"--only {', '.join(bad)} is not one of: {', '.join(names)}")
    console.print(run_signal_eval(datasets, gold, which))


@app.command("train-signals")
def train_signals_cmd(
    labels: Annotated[
        list[Path],
        typer.Argument(
            help="Labels CSV file(s): columns sentence,kind,label (label 1 or 0), or reference label files "
            "like data/gold/signals_pool_v2.csv (with --datasets)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Weights file to write.")] = Path("signals.weights.npz"),
    datasets: Annotated[
        Path | None, typer.Option("--datasets", help="Shared corpora folder, for reference label files.")
    ] = None,
) -> None:
    """Train the signals sentence model on your own labelled sentences.

    Kinds your labels hold both classes of get a new model; the others keep the packaged one.
    Use the result with `[signals] weights = "PATH"` in storymine.toml.
    """
    from storymine.signals import train_signals

    for path in labels:
        if not path.is_file():
            raise _fail(f"{path} does not exist; give a CSV with columns sentence,kind,label")
    try:
        path = train_signals(labels, out, datasets_dir=datasets)
    except (ValueError, KeyError, UnicodeDecodeError, csv.Error) as exc:
        msg = str(exc) if isinstance(exc, ValueError) and not isinstance(exc, UnicodeDecodeError) else ""
        if not any(str(p) in msg for p in labels):  # a reader error that does not name the file
            msg = f"{', '.join(map(str, labels))}: cannot read the labels ({type(exc).__name__}: {exc})"
        raise _fail(msg) from None
    console.print(f'weights written to {path}; set \\[signals] weights = "{path}" in storymine.toml', highlight=False)


@app.command()
def version() -> None:
    """Print storymine's version and the versions of the packages that shape its output."""
    from storymine.stages.run import package_versions

    console.print(json.dumps({"storymine": storymine.__version__, **package_versions()}, indent=2))


def main() -> None:
    """Console-script entry point: an unexpected error prints one line and the path of its traceback."""
    from storymine.diagnostics import DetailLog

    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; the tables are as the last completed run left them", highlight=False)
        sys.exit(130)
    except Exception as exc:
        path = DetailLog().exception(exc, f"storymine {' '.join(sys.argv[1:2])} failed:")
        where = f"; details: {path}" if path else ""
        err.print(
            f"[bold red]error:[/] storymine stopped unexpectedly ({type(exc).__name__}){where}",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)


def exit_code(code: object) -> int:
    """The process exit status for ``SystemExit(code)``, as Python would give it (a message is printed, 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def entry() -> None:
    """The ``storymine`` program: :func:`main`, then an exit that skips the interpreter's teardown.

    When the command has finished (tables committed, output written), other threads are joined and
    Python's exit handlers run (Prefect's embedded server stops, logs flush), then the process ends with
    ``os._exit``. The native libraries a run loads (PyTorch through spaCy, DuckDB, Arrow) keep thread pools
    whose destruction at interpreter teardown once aborted a finished run ("terminate called without an
    active exception", exit 134: CI's fault benchmark); nothing is left to do at that point, so it is skipped.
    """
    import atexit
    import os
    import threading

    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exit_code(exc.code)
    try:
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


if __name__ == "__main__":
    entry()
