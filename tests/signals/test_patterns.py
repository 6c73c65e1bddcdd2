"""Cue rules as data: parsing, validation, exclusions, negation and overlaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from storymine.signals.detector import sentence_index
from storymine.signals.patterns import (
    PatternError,
    RuleMatcher,
    is_negated,
    load_rules,
    packaged_pattern_files,
)
from storymine.signals.ty import KINDS


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("# comment line\n" + "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def cues(blank: Language, rules_path: Path, kind: str, text: str) -> list[tuple[str, str, bool]]:
    matcher = RuleMatcher(blank, load_rules([rules_path], blank, kind))
    doc = blank(text)
    si = sentence_index(doc)
    return [
        (doc[c.start : c.end].text, c.rule.subtype, c.negated) for c in matcher.candidates(doc, si.token_sent_start)
    ]


def test_packaged_patterns_parse_for_every_kind(blank: Language) -> None:
    for kind in KINDS:
        files = packaged_pattern_files(kind)
        assert files, kind
        rules = load_rules(files, blank, kind)
        RuleMatcher(blank, rules)  # validate=True: bad token patterns raise here
        assert any(r.action == "cue" for r in rules)


def test_phrase_shorthand_and_exclusion(blank: Language, tmp_path: Path) -> None:
    path = write(
        tmp_path / "u.jsonl",
        [
            {"id": "may", "kind": "uncertainty", "subtype": "epistemic", "phrase": "may"},
            {
                "id": "x",
                "kind": "uncertainty",
                "action": "exclude",
                "pattern": [{"LOWER": "may"}, {"IS_DIGIT": True}],
            },
        ],
    )
    assert cues(blank, path, "uncertainty", "It may rain in May 2023.") == [("may", "epistemic", False)]


def test_negation_drop_and_keep(blank: Language, tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.jsonl",
        [
            {"id": "m", "kind": "error", "subtype": "mistake", "phrase": "mistake", "negation": "drop"},
            {"id": "w", "kind": "error", "subtype": "mistake", "phrase": "wrong"},
        ],
    )
    assert cues(blank, path, "error", "We didn't make a mistake.") == []
    assert cues(blank, path, "error", "We made a mistake.") == [("mistake", "mistake", False)]
    assert cues(blank, path, "error", "Nothing went wrong.") == [("wrong", "mistake", True)]


def test_negation_scope_stops_at_clause_break(blank: Language) -> None:
    doc = blank("It was not easy, but the mistake was caught")
    assert is_negated(doc, 2 + 1, 0)  # "easy"
    assert not is_negated(doc, 7, 0)  # "mistake" after ", but"


def test_overlapping_cues_keep_longest(blank: Language, tmp_path: Path) -> None:
    path = write(
        tmp_path / "u.jsonl",
        [
            {"id": "sure", "kind": "uncertainty", "subtype": "epistemic", "phrase": "not sure"},
            {"id": "wh", "kind": "uncertainty", "subtype": "investigation", "phrase": "sure whether"},
            {"id": "w", "kind": "uncertainty", "subtype": "investigation", "phrase": "whether"},
        ],
    )
    found = cues(blank, path, "uncertainty", "I am not sure whether it helped")
    assert found[0][0] == "not sure"
    assert [f[0] for f in found] == ["not sure", "whether"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"kind": "joy", "subtype": "x", "phrase": "a"}, "'kind' must be one of"),
        ({"kind": "error", "subtype": "oops", "phrase": "a"}, "'subtype' for error must be one of"),
        ({"kind": "error", "subtype": "mistake"}, "give either 'pattern'"),
        ({"kind": "error", "subtype": "mistake", "phrase": "a", "negation": "flip"}, "'negation' must be"),
    ],
)
def test_invalid_rules_name_file_and_line(
    blank: Language, tmp_path: Path, row: dict[str, object], message: str
) -> None:
    path = write(tmp_path / "bad.jsonl", [row])
    with pytest.raises(PatternError) as err:
        load_rules([path], blank)
    assert f"{path}:2" in str(err.value) and message in str(err.value)


def test_invalid_json_and_missing_file(blank: Language, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"bad\.jsonl:1: not valid JSON"):
        load_rules([bad], blank)
    with pytest.raises(PatternError, match="pattern file not found"):
        load_rules([tmp_path / "nope.jsonl"], blank)
