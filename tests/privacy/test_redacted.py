"""The Redacted type (#18): what keeps it, what loses it, and who may make one."""

from __future__ import annotations

import ast
import copy
import json
import pickle
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from storymine.privacy.redacted import (
    Redacted,
    Vocabulary,
    compose,
    errno_text,
    exception_name,
    from_store,
    join,
    month_text,
    program_text,
    record_locator,
    redactor_output,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "storymine"
R = redactor_output("Call [PERSON_1] on [PHONE_1]. She was fine.  ")


def test_only_named_functions_make_one() -> None:
    with pytest.raises(TypeError, match="only from the redactor"):
        Redacted("Doreen Hartley")
    assert isinstance(R, Redacted) and isinstance(R, str)


def test_removing_and_recasing_keep_the_type() -> None:
    kept = [R[0:24], R[5], R.strip(), R.lstrip("C"), R.rstrip(), R.lower(), R.upper(), R.casefold(), R.title()]
    kept += [
        R.capitalize(),
        R.removeprefix("Call "),
        R.removesuffix("  "),
        *R.split(),
        *R.rsplit(". "),
        *R.splitlines(),
    ]
    assert all(type(k) is Redacted for k in kept)
    assert R[0:24] == "Call [PERSON_1] on [PHON"


@pytest.mark.parametrize(
    "made",
    [
        lambda: R + "raw",
        lambda: "raw" + R,
        lambda: f"{R} and Doreen",
        lambda: R.replace("[PERSON_1]", "Doreen"),
        lambda: "%s" % R,  # noqa: UP031
        lambda: "{}".format(R),  # noqa: UP032
        lambda: str(R),
        lambda: R * 2,
        lambda: " ".join([R, R]),
        lambda: R.center(80),
        lambda: R.zfill(80),
    ],
)
def test_anything_else_gives_a_plain_str(made: object) -> None:
    assert callable(made)
    assert type(made()) is str


def test_it_survives_pickling_copies_json_and_object_columns() -> None:
    assert type(pickle.loads(pickle.dumps(R))) is Redacted
    assert type(copy.deepcopy(R)) is Redacted
    assert json.loads(json.dumps([R])) == [str(R)]
    column = pd.Series([R, None], dtype=object)
    assert type(pd.concat([column, column.copy()]).iloc[2]) is Redacted
    # pandas' string dtype does not keep it: writers build frames with storymine.store.schema.table_frame
    assert type(pd.Series([R]).iloc[0]) is str


def test_join_takes_redacted_parts_and_a_short_separator() -> None:
    a, b = redactor_output("stories"), redactor_output("[PERSON_1].md")
    assert join((a, b), "/") == "stories/[PERSON_1].md" and type(join((a, b), "/")) is Redacted
    assert join([], "; ") == ""
    with pytest.raises(TypeError):
        join((a, "Doreen"), " ")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="separator"):
        join((a, b), " Doreen ")


def test_compose_fills_storymine_wording_with_redacted_values_and_numbers() -> None:
    out = compose("{}; {} duplicate(s) of {:,} skipped", R[:4], 3, 12000)
    assert out == "Call; 3 duplicate(s) of 12,000 skipped" and type(out) is Redacted
    with pytest.raises(TypeError):
        compose("{} repeats", "Doreen Hartley")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compose("{}", True)


def test_small_typed_sources() -> None:
    assert record_locator("row=3") == "row=3" and record_locator("") == ""
    with pytest.raises(ValueError, match="locator"):
        record_locator("row=3 Doreen")
    assert month_text("2025-03") == "2025-03"
    with pytest.raises(ValueError, match="month"):
        month_text("Doreen")
    assert exception_name(OSError("/home/Doreen Hartley/x")) == "OSError"
    import errno

    assert "doreen" not in errno_text(errno.ENOSPC).lower() and type(errno_text(errno.ENOSPC)) is Redacted
    assert type(from_store("stored text")) is Redacted and type(program_text("participant")) is Redacted


def test_vocabulary_vouches_only_for_words_of_redacted_texts() -> None:
    vocab = Vocabulary([redactor_output("The insulin chart was checked by [PERSON_1]."), None], own_words=("and",))
    assert vocab.vouch("insulin chart") == "insulin chart" and type(vocab.vouch("Insulin, chart")) is Redacted
    assert vocab.vouch("insulin and chart (T0003)") is not None  # own words and theme ids
    assert vocab.vouch("person_1") is not None
    assert vocab.vouch("insulin Hartley") is None  # a word the redacted texts do not have
    assert vocab.vouch("07700 900123") is None
    vocab.add_terms([redactor_output("Huddles and SBAR")])
    assert vocab.vouch("Huddles and SBAR") is not None and vocab.vouch("SBAR huddles") is None
    with pytest.raises(TypeError):
        Vocabulary(["plain text"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        vocab.add_terms(["plain"])  # type: ignore[list-item]


# -- who makes Redacted values (every call in src/, so a new one is reviewed) -------------------------

ONLY_IN = {
    "redactor_output": {"privacy/redactor.py"},
    "from_store": {"store/schema.py"},
    "from_store_column": {"store/schema.py"},
    "_wrap": set(),
    "_restore": set(),
    "_KEY": set(),
}
LITERAL_FIRST = {"program_text", "compose"}


def _trees() -> list[tuple[str, ast.AST]]:
    return [
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    ]


def _calls() -> list[tuple[str, str, ast.Call]]:
    out = []
    for rel, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                out.append((rel, name, node))
    return out


def test_redacted_values_are_made_only_where_the_docs_say() -> None:
    imported: dict[str, set[str]] = {}
    for rel, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "storymine.privacy.redacted":
                for alias in node.names:
                    imported.setdefault(alias.name, set()).add(rel)
            if isinstance(node, ast.Attribute) and node.attr in ONLY_IN and isinstance(node.value, ast.Name):
                imported.setdefault(node.attr, set()).add(rel)  # redacted.from_store(...) style
    for name, allowed in ONLY_IN.items():
        where = imported.get(name, set())
        assert where <= allowed, f"{name} used in {sorted(where - allowed)}: see storymine.privacy.redacted"
    assert imported["redactor_output"] == {"privacy/redactor.py"}
    direct = {rel for rel, n, _ in _calls() if n == "Redacted" and rel != "privacy/redacted.py"}
    assert not direct, f"Redacted(...) called in {sorted(direct)}"


def test_program_text_and_compose_take_a_string_literal() -> None:
    seen = 0
    for rel, name, node in _calls():
        if name in LITERAL_FIRST and rel != "privacy/redacted.py":
            seen += 1
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{rel}:{node.lineno}: {name}() must be given a string literal (storymine's own words)"
            )
    assert seen >= 10


def test_renames_from_the_configuration_are_redacted() -> None:
    from storymine.stages.themes import theme_overrides

    settings = SimpleNamespace(
        themes=SimpleNamespace(
            rename={"T0001": "Mrs Florence Norton's falls, call 07700 900123", "T0002": "Huddles and SBAR"},
            merge={},
            pin=(),
        ),
        privacy=SimpleNamespace(ner="off", spacy_model="", extra_names=(), allow_terms=()),
    )
    choices = theme_overrides(settings)  # type: ignore[arg-type]
    first = choices.rename["T0001"]
    assert type(first) is Redacted
    assert "Florence" not in first and "Norton" not in first and "07700" not in first
    assert "[PERSON_1]" in first and "[PHONE_1]" in first
    assert choices.rename["T0002"] == "Huddles and SBAR"


def test_saved_topic_model_text_is_checked_against_the_vocabulary(tmp_path: Path) -> None:
    from storymine.themes.persist import check_model_text, model_terms

    (tmp_path / "ctfidf_config.json").write_text(
        json.dumps({"vectorizer_model": {"vocab": {"insulin": 0, "chart": 1}}})
    )
    topics = {
        "topic_representations": {"0": [["insulin", 0.3], ["chart", 0.2]]},
        "topic_labels": {"0": "0_insulin_chart"},
        "custom_labels": None,
        "topic_aspects": {"Label": {"0": [["insulin chart", 0.4]]}},
    }
    (tmp_path / "topics.json").write_text(json.dumps(topics))
    vocab = Vocabulary([redactor_output("The insulin chart.")])
    assert sorted(set(model_terms(tmp_path))) == ["chart", "insulin", "insulin chart"]
    assert check_model_text(tmp_path, vocab) == 0
    topics["topic_representations"]["0"].append(["hartley", 0.1])
    (tmp_path / "topics.json").write_text(json.dumps(topics))
    assert check_model_text(tmp_path, vocab) == 1


def test_knowledge_cache_keeps_only_entries_the_vocabulary_vouches_for(tmp_path: Path) -> None:
    import gzip

    from storymine.knowledge.cache import ItemsCache

    cache = ItemsCache(tmp_path / "items.json.gz")
    cache.put("a", [{"text": "The insulin chart.", "detail": None}])
    cache.put("b", [{"text": "Doreen Hartley rang.", "detail": None}])
    cache.save(Vocabulary([redactor_output("The insulin chart was checked.")]))
    saved = json.loads(gzip.decompress((tmp_path / "items.json.gz").read_bytes()))
    assert list(saved["entries"]) == ["a"]
