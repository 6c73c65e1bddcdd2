"""End-to-end leak scan: run ``storymine run`` on a planted-data corpus and look for every planted value
in every channel a user or an administrator can see.

    python -m benchmarks.redteam_scan CORPUS [--out DIR] [--show-leaks] [--keep]

CORPUS holds ``inputs/`` (what is ingested) and ``planted.csv`` (``type,value,file``); an optional
``must_survive.csv`` (``term,file``) lists ordinary words (drugs, conditions, places, months) that must
stay. Channels scanned: every Delta table (every parquet file, so old versions too), every other file
under the output folder and its path (report pages, models, caches, logs, lock and job files), the
console output of the run, and Prefect's own database (the run uses a private ``PREFECT_HOME``).

Matching: names, addresses, e-mails, URLs, handles and dates are searched case-insensitively as whole
words with spacing normalised; numbers and codes (phones, NHS, NI, hospital numbers, registrations,
postcodes) with any separators between their characters but not inside a longer number ("30221" in a
timestamp "16:30:22.1…" in Prefect's database is not that code; "4481029" in "rjz4481029" is).
Input text is normalised as storymine does (ftfy, NFC, zero-width characters removed). A planted value
that is also listed in ``must_survive`` ("Hope" the name and "hope" the word) is reported apart, as
ambiguous.

In Prefect's database the numbers Prefect makes (its server's address and port, timestamps, run ids) are
set aside, and it is compared with its own text after a run of one neutral story: a name or word counts
as leaked there only where it occurs more often than in that baseline (Prefect's block descriptions say
"this block will be obfuscated": the word is not the person Will). ``--no-baseline`` turns that off.

A second table checks names, addresses, e-mails, URLs, handles and dates **in place**: a value counts
as leaked only where one of its own occurrences in its file survives with three words of its context on
one side ("Joy said", not "a joy" in another story or the word "will" anywhere). Beside it, the same **as
written**: a value planted with a capital counts only where its file writes it with a capital ("Miles
Okafor", not "I was miles away" in the same transcript). That undercounts names that speech recognition
wrote in lower case, so all three figures are printed; the first table is the strictest.

``--keep`` keeps the run (outputs, Prefect's home, console); ``--rescore KEPT`` scores such a run again
without rerunning storymine (after a change to this scan, or to print leaks of a development corpus).

Use ``--show-leaks`` only on a development corpus: it prints the leaked values (those that leak only as
the same word elsewhere are marked "not in place").
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import ftfy
import pyarrow.parquet as pq

_PREFECT = "prefect database and logs"
CODE_TYPES = {"PHONE", "NHS_NUMBER", "NI_NUMBER", "HOSPITAL_NUMBER", "VEHICLE_REG", "POSTCODE"}
_ZW = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def norm_text(text: str) -> str:
    """Normalise like ingestion does, then fold case and spacing."""
    text = _ZW.sub("", ftfy.fix_text(text))
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).casefold()


def _norm_keep_case(text: str) -> str:
    """Normalise like :func:`norm_text`, keeping case (tokens are folded one by one)."""
    text = _ZW.sub("", ftfy.fix_text(text))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def norm_code(text: str) -> str:
    """Digits and letters only, lower case (for numbers and codes)."""
    return re.sub(r"[^0-9a-z]", "", norm_text(text))


@dataclass(frozen=True)
class Planted:
    """One planted value."""

    kind: str
    value: str
    file: str


def load(corpus: Path) -> tuple[list[Planted], set[str]]:
    """Planted values (distinct per type and value) and the must-survive terms (folded)."""
    seen: dict[tuple[str, str], Planted] = {}
    with (corpus / "planted.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["type"], norm_text(row["value"]))
            seen.setdefault(key, Planted(row["type"], row["value"], row["file"]))
    survive: set[str] = set()
    ms = corpus / "must_survive.csv"
    if ms.is_file():
        with ms.open(encoding="utf-8", newline="") as fh:
            survive = {norm_text(r["term"]) for r in csv.DictReader(fh)}
    return list(seen.values()), survive


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _printable_runs(data: bytes) -> list[str]:
    """The runs of 4+ printable characters of a binary file: its text, without the chance letters of
    float bytes ("Ro" inside a vector is not a leak; "Ro is a star" stored as text is). A run needs a word
    of three letters: "z\\ts" between the bytes of a weight file is noise, not the initials "TS"."""
    runs = re.findall(r"[^\x00-\x1f\x7f-\x9f\ufffd]{4,}", data.decode("utf-8", "replace"))
    return [r for r in runs if _WORDISH.search(r)]


_WORDISH = re.compile(r"[^\W\d_]{3,}")


def channels(out: Path, console: str, prefect_home: Path) -> dict[str, str]:
    """Every channel's text: one entry per table, per other file, the file names, console, Prefect DB."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        found["file names"].append(rel)
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            table = rel.split("/", 1)[0]
            try:
                rows = pq.read_table(path).to_pylist()
            except Exception:
                found[f"table {table}"].extend(_printable_runs(path.read_bytes()))
                continue
            found[f"table {table}"].extend(s for r in rows for s in _strings(r))
        else:
            kind = "report" if rel.startswith("report/") else "delta log" if "_delta_log" in rel else "other files"
            data = path.read_bytes()
            if b"\x00" in data[:8192]:  # a binary file (vectors, weights): its text is its printable runs
                found[kind].extend(_printable_runs(data))
            else:
                found[kind].append(data.decode("utf-8", "ignore"))
    found["console"].append(console)
    for path in prefect_home.rglob("*"):
        if path.is_file():
            # printable runs of 4+ characters only (a database file is binary: "PAT" in Prefect's own
            # schema text or a stray "len" between bytes is not a leak)
            found["prefect database and logs"].extend(_printable_runs(path.read_bytes()))
    return {k: "\n".join(v) for k, v in found.items()}


# Numbers Prefect makes itself: its server's address and port, timestamps, run ids. A 5-digit hospital number
# is not leaked because the temporary server listened on port 33610.
_MACHINE_NUMBERS = re.compile(
    r"https?://\S+|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?|localhost:\d+|:\d{4,5}\b"
    r"|\b\d{4}-\d{2}-\d{2}[t ][0-9:.+z\-]{5,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    re.IGNORECASE,
)


def leaks(planted: list[Planted], chans: dict[str, str]) -> dict[Planted, list[str]]:
    """For each planted value, the channels where it appears."""
    chans = {k: _MACHINE_NUMBERS.sub(" ", v) if k == _PREFECT else v for k, v in chans.items()}
    texts = {k: norm_text(v) for k, v in chans.items()}
    codes = {k: norm_code(v) for k, v in chans.items()}
    out: dict[Planted, list[str]] = {}
    for p in planted:
        where: list[str] = []
        if p.kind in CODE_TYPES:
            needle = norm_code(p.value)
            if len(needle) >= 5:
                # any separators inside, but whole: "30221" inside a timestamp "16:30:22.1…" or a longer
                # digit run is not that code
                left = r"(?<![0-9])" if needle[0].isdigit() else r"(?<![a-z])"
                right = r"(?![0-9])" if needle[-1].isdigit() else r"(?![a-z])"
                pat = re.compile(left + r"[\W_]*".join(map(re.escape, needle)) + right)
                # in a database file, at most one separator between characters: SQLite's page bytes read as
                # "7( 6( 5( 4( 3( 2( 1(" are not the number 7654321
                tight = re.compile(left + r"[\W_]?".join(map(re.escape, needle)) + right)
                where = [
                    k for k, v in codes.items() if needle in v and (tight if k == _PREFECT else pat).search(texts[k])
                ]
        else:
            needle = norm_text(p.value).strip()
            pat = re.compile(rf"(?<![^\W_]){re.escape(needle)}(?![^\W_])")
            where = [k for k, v in texts.items() if pat.search(v)]
            if len(needle) < 4:  # "Pat", "Mo": only where a whole table or file shows it, not database bytes
                where = [k for k in where if k != _PREFECT]
        out[p] = where
    return out


_TOKEN = re.compile(r"[^\W_]+")


def _input_text(path: Path) -> str:
    """The text of one input file as a reader sees it: a DOCX's paragraphs, tables and properties."""
    if path.suffix.lower() == ".docx":
        try:
            import docx

            d = docx.Document(str(path))
            parts = [p.text for p in d.paragraphs]
            parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
            cp = d.core_properties
            parts += [str(getattr(cp, k) or "") for k in ("title", "author", "subject", "comments", "last_modified_by")]
            return "\n".join(parts)
        except Exception:
            pass
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def in_place_leaks(
    planted: list[Planted], inputs: Path, chans: dict[str, str], width: int = 3, as_written: bool = False
) -> set[Planted]:
    """Values whose own occurrences survive in place: a name, address or date counts as leaked only where
    one of its occurrences in its file appears in an output with ``width`` words of its context on one side.

    "Joy" the person in one file and "a joy" in another, or "will" anywhere, are not a leak of that person;
    "Joy said" surviving is. Codes and numbers are unique enough to be checked as they are (see :func:`leaks`).

    ``as_written``: a value planted with a capital ("Miles") counts only at occurrences the input writes with
    a capital, not at the same word in lower case in its file ("I was miles away"). This undercounts a name
    that speech recognition wrote in lower case ("and jack just put…"), so both figures are printed.
    """
    out_words = {k: " " + " ".join(_TOKEN.findall(norm_text(v))) + " " for k, v in chans.items()}
    cache: dict[str, list[str]] = {}
    leaked: set[Planted] = set()
    for p in planted:
        if p.kind in CODE_TYPES:
            continue
        if p.file not in cache:
            path = inputs / p.file
            text = _input_text(path) if path.is_file() else ""
            cache[p.file] = _TOKEN.findall(_norm_keep_case(p.file + "\n" + text))
        written = cache[p.file]
        words = [w.casefold() for w in written]
        needle = _TOKEN.findall(norm_text(p.value))
        n = len(needle)
        if not n:
            continue
        capital = as_written and any(c.isupper() for c in p.value)
        found = False
        for i in range(len(words) - n + 1):
            if words[i : i + n] != needle:
                continue
            if capital and not any(c.isupper() for w in written[i : i + n] for c in w):
                continue  # the same letters in lower case: the ordinary word here ("miles away")
            left, right = words[max(0, i - width) : i], words[i + n : i + n + width]
            probes = [" " + " ".join(side) + " " for side in (left + needle, needle + right) if len(side) > n]
            if not probes:
                probes = [" " + " ".join(needle) + " "]
            if any(probe in v for probe in probes for v in out_words.values()):
                found = True
                break
        if found:
            leaked.add(p)
    return leaked


_NEUTRAL_STORY = (
    "---\ntitle: Checking the chart twice\ncommunity: ward team\n---\n\n"
    "The night was busy and the chart was checked twice before the round. We learnt to say out loud what we"
    " were unsure about, and the handover will change next month.\n"
)


def prefect_baseline() -> str:
    """Prefect's own text in its database after a run of one story with no personal data in it.

    Its schema and block descriptions hold ordinary words ("this block will be obfuscated"); a planted value
    counts as leaked into Prefect's database only where it occurs there more often than in this baseline.
    """
    work = Path(tempfile.mkdtemp(prefix="storymine-redteam-baseline-"))
    try:
        (work / "in").mkdir()
        (work / "in" / "2025-01-01_ward-team_neutral.md").write_text(_NEUTRAL_STORY, encoding="utf-8")
        run_storymine(work / "in", work / "out", work / "prefect")
        return channels(work / "none", "", work / "prefect").get(_PREFECT, "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def subtract_baseline(found: dict[Planted, list[str]], chans: dict[str, str], baseline: str) -> None:
    """Drop the Prefect channel from values that occur there no more often than in Prefect's own text."""
    real, base = norm_text(chans.get(_PREFECT, "")), norm_text(baseline)
    for p, where in found.items():
        if _PREFECT not in where or p.kind in CODE_TYPES:
            continue
        pat = re.compile(rf"(?<![^\W_]){re.escape(norm_text(p.value).strip())}(?![^\W_])")
        if len(pat.findall(real)) <= len(pat.findall(base)):
            where.remove(_PREFECT)


def run_storymine(inputs: Path, out: Path, prefect_home: Path) -> tuple[int, str]:
    """Run the CLI as a user would, with a private Prefect home; returns exit code and console text."""
    env = dict(os.environ, PREFECT_HOME=str(prefect_home), COLUMNS="200")
    exe = Path(sys.executable).with_name("storymine")
    cmd = [str(exe) if exe.exists() else "storymine", "run", str(inputs), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600, check=False)
    return proc.returncode, proc.stdout + "\n" + proc.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    ap.add_argument("--show-leaks", action="store_true", help="print leaked values (development corpus only)")
    ap.add_argument("--keep", action="store_true", help="keep the output folder")
    ap.add_argument(
        "--no-baseline",
        action="store_true",
        help="count every word in Prefect's database, its own schema text too (default: only above a neutral run)",
    )
    ap.add_argument(
        "--rescore",
        type=Path,
        metavar="KEPT",
        help="score a run kept with --keep (its folder: out/, prefect/, console.txt, rc) instead of running again",
    )
    args = ap.parse_args(argv)
    planted, survive = load(args.corpus)
    if args.rescore:
        work, args.keep = args.rescore, True
        out, prefect_home = work / "out", work / "prefect"
        console, rc = (work / "console.txt").read_text(), int((work / "rc").read_text())
    else:
        work = Path(tempfile.mkdtemp(prefix="storymine-redteam-"))
        out = args.out or work / "out"
        prefect_home = work / "prefect"
        rc, console = run_storymine(args.corpus / "inputs", out, prefect_home)
        if args.keep:
            (work / "console.txt").write_text(console)
            (work / "rc").write_text(str(rc))
    chans = channels(out, console, prefect_home)
    found = leaks(planted, chans)
    if not args.no_baseline:
        subtract_baseline(found, chans, prefect_baseline())
    ambiguous = {p for p in planted if norm_text(p.value) in survive}
    print(f"corpus: {args.corpus.name}; storymine run exit code {rc}; {len(planted)} distinct planted values")
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_channel: dict[str, int] = defaultdict(int)
    for p, where in found.items():
        if p in ambiguous:
            continue
        per_kind[p.kind][0] += 1
        per_kind[p.kind][1] += bool(where)
        for w in where:
            per_channel[w] += 1
    print(f"{'type':<16}{'planted':>8}{'leaked':>8}{'recall':>8}")
    tot = [0, 0]
    for kind, (n, leaked) in sorted(per_kind.items()):
        tot[0] += n
        tot[1] += leaked
        print(f"{kind:<16}{n:>8}{leaked:>8}{1 - leaked / n:>8.3f}")
    print(f"{'ALL':<16}{tot[0]:>8}{tot[1]:>8}{1 - tot[1] / max(tot[0], 1):>8.3f}")
    print(f"ambiguous (also a must-survive word, not scored): {len(ambiguous)}")
    print("leaked values per channel:")
    for ch, n in sorted(per_channel.items(), key=lambda x: -x[1]):
        print(f"  {ch:<40}{n:>5}")
    # figures only (no values): where each type leaks and from which input formats, for a blind corpus too
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_format: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p, where in found.items():
        if where and p not in ambiguous:
            for w in where:
                by_type[p.kind][w] += 1
            by_format[p.kind][Path(p.file).suffix.lower() or "(none)"] += 1
    print("leaked values per type: channels / input formats")
    for kind in sorted(by_type):
        where_ = ", ".join(f"{c} {n}" for c, n in sorted(by_type[kind].items(), key=lambda x: -x[1]))
        fmts = ", ".join(f"{f} {n}" for f, n in sorted(by_format[kind].items(), key=lambda x: -x[1]))
        print(f"  {kind:<16} {where_} / {fmts}")
    # the same values checked in place (their own occurrences with context), beside the plain figures
    placed = in_place_leaks(planted, args.corpus / "inputs", chans)
    written = in_place_leaks(planted, args.corpus / "inputs", chans, as_written=True)
    print("in place (a value's own occurrences, with 3 words of their context, found in an output);")
    print("as written: only occurrences the input writes with a capital where the value has one ('Miles', not")
    print("'miles away'; a lower-case name from speech recognition is then not counted, so both are shown):")
    print(f"  {'type':<16}{'planted':>8}{'leaked':>8}{'recall':>8}{'leaked':>10}{'recall':>8}  (as written)")
    tot_p = [0, 0, 0]
    for kind, (n, _leaked) in sorted(per_kind.items()):
        if kind in CODE_TYPES:
            k_leaked = k_written = sum(1 for p, w in found.items() if p.kind == kind and w and p not in ambiguous)
        else:
            k_leaked = sum(1 for p in placed if p.kind == kind and p not in ambiguous and found[p])
            k_written = sum(1 for p in written if p.kind == kind and p not in ambiguous and found[p])
        tot_p[0] += n
        tot_p[1] += k_leaked
        tot_p[2] += k_written
        print(f"  {kind:<16}{n:>8}{k_leaked:>8}{1 - k_leaked / n:>8.3f}{k_written:>10}{1 - k_written / n:>8.3f}")
    n_all = max(tot_p[0], 1)
    recall_p, recall_w = 1 - tot_p[1] / n_all, 1 - tot_p[2] / n_all
    print(f"  {'ALL':<16}{tot_p[0]:>8}{tot_p[1]:>8}{recall_p:>8.3f}{tot_p[2]:>10}{recall_w:>8.3f}")
    if survive:
        tables = norm_text("\n".join(v for k, v in channels(out, "", work / "none").items() if k.startswith("table")))
        kept = [t for t in survive if re.search(rf"(?<![^\W_]){re.escape(t)}(?![^\W_])", tables)]
        print(f"must-survive words found in the tables: {len(kept)} of {len(survive)}")
        if args.show_leaks:
            print("  missing:", sorted(survive - set(kept)))
    if args.show_leaks:
        for p, where in sorted(found.items(), key=lambda x: (x[0].kind, x[0].value)):
            if where and p not in ambiguous:
                mark = (
                    ""
                    if p.kind in CODE_TYPES or p in written
                    else "  (in place only in lower case)"
                    if p in placed
                    else "  (not in place)"
                )
                print(f"LEAK {p.kind:<15} {p.value!r:<40} {p.file}  -> {', '.join(where)}{mark}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
