"""``storymine export qdpx|qdc`` and ``storymine import-codes``: thin command wrappers (registered in cli.py).

They read files and tables, call the exchange library, print one-line results, and write every file
atomically. Every expected failure is one ``error:`` line and writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from storymine.exchange.ty import ImportResult, State

console = Console()
err = Console(stderr=True)

export_app = typer.Typer(
    help="Export storymine's coding as a REFI-QDA project or codebook (NVivo, ATLAS.ti, MAXQDA, QualCoder).",
    no_args_is_help=True,
)

OutOption = Annotated[str, typer.Option("--out", "-o", help="Output folder holding the tables.")]
RunOption = Annotated[str | None, typer.Option("--run", help="Use the tables as this run left them.")]
KindOption = Annotated[
    list[str] | None, typer.Option("--kind", help="Only this signal kind (repeat for several; default: all five).")
]
ThemeOption = Annotated[
    list[str] | None, typer.Option("--theme", help="Only this theme id, e.g. T0003 (repeat for several).")
]
CommunityOption = Annotated[
    list[str] | None, typer.Option("--community", help="Only documents of this community (repeat for several).")
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _say(message: str) -> None:
    console.print(message, highlight=False, soft_wrap=True, markup=False)


def _check_target(target: Path, suffix: str) -> None:
    if target.suffix.lower() != suffix:
        raise _fail(f"{target}: give a file name ending in {suffix}")
    if not target.parent.is_dir():
        raise _fail(f"{target}: the folder {target.parent} does not exist; create it first")
    if target.is_dir():
        raise _fail(f"{target} is a folder; give a file name ending in {suffix}")


def _write(target: Path, data: bytes) -> None:
    from storymine.exchange.files import write_atomic

    try:
        write_atomic(target, data)
    except OSError as exc:
        raise _fail(f"{target}: cannot be written ({exc.strerror}); choose another folder") from None


def _state(out: str, run_id: str | None) -> State:
    from storymine.exchange.state import load_state
    from storymine.exchange.ty import ExchangeError
    from storymine.store import Store

    if "://" not in out and not Path(out).exists():
        raise _fail(f"no tables at {out}; run `storymine run INPUT --out {out}` first")
    try:
        return load_state(Store(out), run_id)
    except ExchangeError as exc:
        raise _fail(str(exc)) from None


@export_app.command("qdpx")
def export_qdpx_cmd(
    target: Annotated[Path, typer.Argument(help="The .qdpx file to write (replaced if it exists).")],
    out: OutOption = "out",
    run_id: RunOption = None,
    kind: KindOption = None,
    theme: ThemeOption = None,
    community: CommunityOption = None,
    crlf: Annotated[bool, typer.Option("--crlf", help="Write texts with CR LF line breaks (Windows tools).")] = False,
) -> None:
    """Write a REFI-QDA project: redacted texts, every signal and theme as a coded selection, theme memos.

    Open it in NVivo, ATLAS.ti, MAXQDA or QualCoder (docs/exchange.md), review the codings, save it as
    a REFI-QDA project again and read the corrections back with `storymine import-codes`.
    """
    from storymine.exchange.qdpx import export_counts, export_qdpx
    from storymine.exchange.ty import ExchangeError, ExportOptions

    _check_target(target, ".qdpx")
    state = _state(out, run_id)
    options = ExportOptions(
        kinds=tuple(kind) if kind else None,
        themes=tuple(theme) if theme else None,
        communities=tuple(community) if community else None,
        crlf=crlf,
    )
    try:
        data = export_qdpx(state, options)
        counts = export_counts(state, options)
    except ExchangeError as exc:
        raise _fail(str(exc)) from None
    _write(target, data)
    _say(
        f"wrote {target}: {counts.documents} documents, {counts.signals} signals as {counts.signal_selections} "
        f"coded sentences, {counts.themes} themes on {counts.theme_selections} segments, {counts.memos} memos "
        f"(run {state.run_id})"
    )
    _say(f"open it in your QDA tool (docs/exchange.md); then: storymine import-codes {target} --out {out}")


@export_app.command("qdc")
def export_qdc_cmd(
    target: Annotated[Path, typer.Argument(help="The .qdc codebook to write (replaced if it exists).")],
    out: OutOption = "out",
    run_id: RunOption = None,
    kind: KindOption = None,
    theme: ThemeOption = None,
) -> None:
    """Write storymine's codebook alone (kinds with their subtypes, and the current themes) as a .qdc file."""
    from storymine.exchange.qdpx import export_qdc
    from storymine.exchange.ty import ExchangeError, ExportOptions

    _check_target(target, ".qdc")
    state = _state(out, run_id)
    options = ExportOptions(kinds=tuple(kind) if kind else None, themes=tuple(theme) if theme else None)
    try:
        data = export_qdc(state, options)
    except ExchangeError as exc:
        raise _fail(str(exc)) from None
    _write(target, data)
    n_kinds = len(kind) if kind else 5
    n_themes = len(theme) if theme else len(state.themes)
    _say(f"wrote {target}: {n_kinds} signal kinds with their subtypes, {n_themes} themes (run {state.run_id})")


def _companions(labels: Path) -> tuple[Path, Path]:
    stem = labels.name.removesuffix(".csv").removesuffix(".labels")
    return labels.with_name(f"{stem}.import.json"), labels.with_name(f"{stem}.user-codes.qdc")


def import_codes(
    file: Annotated[Path, typer.Argument(help="A .qdpx project a reviewer saved from their QDA tool.")],
    out: OutOption = "out",
    labels: Annotated[
        Path | None,
        typer.Option("--labels", help="Labels CSV to write (default: FILE's name with .labels.csv)."),
    ] = None,
    run_id: Annotated[
        str | None,
        typer.Option("--run", help="Compare with this run instead of the one the project was exported from."),
    ] = None,
) -> None:
    """Read a reviewed REFI-QDA project back: the reviewer's codings become labels for `storymine train-signals`.

    A sentence still coded with a storymine kind is a positive, a storymine sentence whose code was removed a
    negative, a sentence the reviewer coded and storymine did not a missed positive. Prints the agreement per
    kind; writes the labels CSV, a JSON summary (theme renames, unmatched selections) and the reviewer's own
    codes as a .qdc codebook.
    """
    from storymine.exchange.compare import compare
    from storymine.exchange.outputs import labels_csv, rename_snippet, summary_json, user_codebook
    from storymine.exchange.reader import export_marker, read_qdpx
    from storymine.exchange.state import load_state
    from storymine.exchange.ty import ExchangeError
    from storymine.store import Store

    if not file.is_file():
        raise _fail(f"{file} does not exist; give the .qdpx project the reviewer saved")
    target = labels or file.with_name(f"{file.name.rsplit('.', 1)[0]}.labels.csv")
    if not target.parent.is_dir():
        raise _fail(f"{target}: the folder {target.parent} does not exist; create it first")
    if "://" not in out and not Path(out).exists():
        raise _fail(f"no tables at {out}; run `storymine run INPUT --out {out}` first")
    try:
        project = read_qdpx(file.read_bytes())
    except ExchangeError as exc:
        raise _fail(f"{file}: {exc}") from None
    except OSError as exc:
        raise _fail(f"{file}: cannot be read ({exc.strerror})") from None
    marker = export_marker(project)
    wanted = run_id or (str(marker["run_id"]) if marker and marker.get("run_id") else None)
    try:
        state = load_state(Store(out), wanted)
    except ExchangeError as exc:
        if wanted and not run_id:
            raise _fail(
                f"{file} was exported from run {wanted}, which {out} does not hold; give the --out it was "
                f"exported from, or --run RUN_ID to compare with another run"
            ) from None
        raise _fail(str(exc)) from None
    result = compare(project, state, marker if not run_id else {**(marker or {}), "run_id": run_id})
    summary_path, codebook_path = _companions(target)
    codebook = user_codebook(result, origin=f"{project.origin or 'QDA tool'} (reviewer's codes, via storymine)")
    _write(target, labels_csv(result).encode("utf-8"))
    _write(summary_path, summary_json(result).encode("utf-8"))
    if codebook is not None:
        _write(codebook_path, codebook)
    _report(result, target, summary_path, codebook_path if codebook is not None else None)
    snippet = rename_snippet(result)
    if snippet:
        _say(snippet.rstrip())


def _report(result: ImportResult, labels: Path, summary: Path, codebook: Path | None) -> None:
    source = "the run it was exported from" if result.run_from_project else "the last run (the project names none)"
    _say(
        f"compared {result.n_documents_compared} documents of {result.n_sources} sources with {source}, {result.run_id}"
    )
    table = Table(title="agreement per kind (sentences)", title_justify="left")
    for col in ("kind", "storymine", "kept", "removed", "added", "other subtype", "agreement"):
        table.add_column(col, justify="left" if col == "kind" else "right", no_wrap=True)
    for k in result.kinds:
        agreement = "-" if k.agreement is None else f"{k.agreement:.2f}"
        table.add_row(
            k.kind, str(k.storymine), str(k.kept), str(k.removed), str(k.added), str(k.subtype_changed), agreement
        )
    console.print(table)
    _say(f"{result.disagreements} disagreements; {len(result.labels)} labels written to {labels}")
    for t in result.themes:
        if t.renamed:
            _say(f"theme {t.theme_id} renamed: {t.exported_name!r} -> {t.reviewed_name!r}")
    moved = [t for t in result.themes if t.removed or t.added]
    if moved:
        _say("theme codings changed: " + ", ".join(f"{t.theme_id} -{t.removed} +{t.added}" for t in moved))
    if result.n_documents_missing:
        _say(f"{result.n_documents_missing} exported documents are not in the project (not compared)")
    if result.n_sentences_changed:
        _say(f"{result.n_sentences_changed} storymine sentences were edited by the reviewer (not compared)")
    if result.unmatched:
        _say(f"{len(result.unmatched)} selections could not be matched to storymine's sentences:")
        for u in result.unmatched[:10]:
            _say(f"  {u.source} [{u.start}:{u.end}] {', '.join(u.codes)}: {u.reason}")
        if len(result.unmatched) > 10:
            _say(f"  … and {len(result.unmatched) - 10} more (all in {summary})")
    for note in result.notes:
        _say(note)
    if result.user_codes:
        names = ", ".join("/".join(u.code.path) for u in result.user_codes[:8])
        more = f" and {len(result.user_codes) - 8} more" if len(result.user_codes) > 8 else ""
        _say(f"{len(result.user_codes)} codes of the reviewer's own kept in {codebook}: {names}{more}")
    _say(f"summary: {summary}; train with: storymine train-signals {labels}")
