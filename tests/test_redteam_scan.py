"""The leak scanner's matching (benchmarks/redteam_scan.py): what counts as a leaked value."""

from __future__ import annotations

from pathlib import Path

from benchmarks.redteam_scan import Planted, in_place_leaks, leaks


def test_codes_match_with_any_separator_but_not_inside_a_longer_number() -> None:
    chans = {"a": "MRN 302 21 was", "b": "at 16:30:22.123Z", "c": "rjz4481029/a", "d": "x 1302219"}
    found = leaks(
        [
            Planted("HOSPITAL_NUMBER", "30221", "f"),
            Planted("HOSPITAL_NUMBER", "RJZ4481029/A", "f"),
            Planted("HOSPITAL_NUMBER", "4481029", "f"),
            Planted("PHONE", "01632 960 111", "f"),
        ],
        chans,
    )
    assert list(found.values()) == [["a"], ["c"], ["c"], []]


def test_names_match_whole_words_in_any_case() -> None:
    found = leaks([Planted("PERSON", "Joy", "f"), Planted("PERSON", "Mo", "f")], {"t": "it was a joy. Monday"})
    assert list(found.values()) == [["t"], []]


def test_in_place_needs_the_value_with_its_own_context(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Joy said the pump had stopped. Later it was a joy to see him settled.\n")
    (tmp_path / "t.txt").write_text("Ask Will about the pump.\n")
    planted = [Planted("PERSON", "Joy", "s.txt"), Planted("PERSON", "Will", "t.txt")]
    # "joy" survives only as the word in another story; "will" only as the verb: neither is in place
    assert in_place_leaks(planted, tmp_path, {"t": "[PERSON_1] said the pump. You will see. What a joy."}) == set()
    # the first occurrence survives with its context: in place
    assert in_place_leaks(planted, tmp_path, {"t": "Joy said the pump had stopped."}) == {planted[0]}


def test_in_place_as_written_skips_the_same_word_in_lower_case(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("I've got Miles and Wade. Oh, I was miles away. And jack just put the kettle on.\n")
    miles, jack = Planted("PERSON", "Miles", "s.txt"), Planted("PERSON", "Jack", "s.txt")
    out = {"t": "I've got [PERSON_1] and [PERSON_2]. Oh, I was miles away. And jack just put the kettle on."}
    # in place counts "miles away" (the same letters in the same file) and the lower-case "jack just put"
    assert in_place_leaks([miles, jack], tmp_path, out) == {miles, jack}
    # as written counts neither: the value was planted with a capital, the file wrote both in lower case
    assert in_place_leaks([miles, jack], tmp_path, out, as_written=True) == set()
    # a capitalised occurrence that survives counts in both
    out = {"t": "I've got Miles and [PERSON_2]."}
    assert in_place_leaks([miles], tmp_path, out, as_written=True) == {miles}
    # a value planted in lower case counts in any case
    lower = Planted("PERSON", "jack", "s.txt")
    assert in_place_leaks([lower], tmp_path, {"t": "And jack just put the kettle on."}, as_written=True) == {lower}


def test_prefect_baseline_removes_prefects_own_words() -> None:
    from benchmarks.redteam_scan import _PREFECT, subtract_baseline

    will, priya = Planted("PERSON", "Will", "f"), Planted("PERSON", "Priya", "f")
    found = {will: [_PREFECT], priya: [_PREFECT]}
    chans = {_PREFECT: "this block will be obfuscated. flow run for Priya"}
    subtract_baseline(found, chans, "this block will be obfuscated")
    assert found == {will: [], priya: [_PREFECT]}


def test_prefects_own_numbers_are_not_codes() -> None:
    from benchmarks.redteam_scan import _PREFECT

    chans = {_PREFECT: "Starting temporary server on http://127.0.0.1:33610 at 2026-12-05T17:10:33.610Z"}
    assert leaks([Planted("HOSPITAL_NUMBER", "33610", "f")], chans) == {Planted("HOSPITAL_NUMBER", "33610", "f"): []}
    chans = {_PREFECT: "parameters: MRN 33610"}
    assert leaks([Planted("HOSPITAL_NUMBER", "33610", "f")], chans) == {
        Planted("HOSPITAL_NUMBER", "33610", "f"): [_PREFECT]
    }


def test_database_bytes_are_not_a_number() -> None:
    from benchmarks.redteam_scan import _PREFECT

    planted = Planted("HOSPITAL_NUMBER", "7654321", "f")
    assert leaks([planted], {_PREFECT: "9( 8( 7( 6( 5( 4( 3( 2( 1( 0("}) == {planted: []}
    assert leaks([planted], {_PREFECT: "GMC 7654321 confirmed"}) == {planted: [_PREFECT]}


def test_rescore_a_kept_run(tmp_path: Path, capsys: object) -> None:
    from benchmarks.redteam_scan import main

    corpus = tmp_path / "corpus"
    (corpus / "inputs").mkdir(parents=True)
    (corpus / "inputs" / "s.txt").write_text("Miles Okafor came. I was miles away. Ring 07700 900123.\n")
    (corpus / "planted.csv").write_text("type,value,file\nPERSON,Miles,s.txt\nPHONE,07700 900123,s.txt\n")
    kept = tmp_path / "kept"
    (kept / "out").mkdir(parents=True)
    (kept / "prefect").mkdir()
    (kept / "out" / "page.html").write_text("[PERSON_1] came. I was miles away. Ring [PHONE_1].")
    (kept / "console.txt").write_text("ok")
    (kept / "rc").write_text("0")
    assert main([str(corpus), "--rescore", str(kept), "--no-baseline"]) == 0
    printed = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "storymine run exit code 0" in printed
    # "miles" is found (the strict table) and in place, but not as written; the phone not at all
    assert "PERSON                 1       1   0.000" in printed
    assert "PERSON                 1       1   0.000         0   1.000" in printed
    assert "PHONE                  1       0   1.000" in printed
    assert (kept / "out").is_dir()  # a kept run is never removed
