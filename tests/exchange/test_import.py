"""Import: a reviewed project back into labels, agreement, theme renames and the reviewer's own codes."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from typing import Any

import pytest
from lxml import etree

from storymine.exchange.compare import compare
from storymine.exchange.ids import source_guid
from storymine.exchange.outputs import LABEL_COLUMNS, labels_csv, rename_snippet, summary_json, user_codebook
from storymine.exchange.qdpx import export_qdpx
from storymine.exchange.reader import export_marker, read_qdpx
from storymine.exchange.ty import ExchangeError, ExportOptions, ImportResult, KindAgreement, State

from .conftest import Q, add_selection, code_guid, edit_qdpx, refi_schema, rezip, source_el, unzip

STORY, SESSION = "a" * 20, "b" * 20


def _import(data: bytes, state: State) -> ImportResult:
    project = read_qdpx(data)
    return compare(project, state, export_marker(project))


def _kinds(result: ImportResult) -> dict[str, KindAgreement]:
    return {k.kind: k for k in result.kinds}


def _labels(result: ImportResult) -> set[tuple[str, str, int, str]]:
    return {(lab.kind, lab.sentence, lab.label, lab.origin) for lab in result.labels}


def _selection(root: Any, doc_id: str, code: str) -> Any:
    src = source_el(root, doc_id)
    for sel in src.iterchildren(f"{Q}PlainTextSelection"):
        if any(r.get("targetGUID") == code for r in sel.iter(f"{Q}CodeRef")):
            return sel
    raise AssertionError(code)


def test_unchanged_round_trip_has_no_disagreement(state: State) -> None:
    result = _import(export_qdpx(state), state)
    assert result.disagreements == 0
    assert result.run_from_project and result.run_id == state.run_id
    assert (result.n_documents_compared, result.n_documents_missing, result.unmatched) == (2, 0, ())
    kinds = _kinds(result)
    assert {k: (v.storymine, v.kept) for k, v in kinds.items()} == {
        "uncertainty": (3, 3),
        "error": (2, 2),
        "positive": (1, 1),
        "lesson": (1, 1),
        "experiment": (1, 1),
    }
    assert all(lab.label == 1 and lab.origin == "kept" for lab in result.labels)
    assert not any(t.renamed or t.removed or t.added for t in result.themes)
    assert result.user_codes == ()


def reviewer(root: Any, texts: dict[str, str]) -> None:
    """What a reviewer does: uncode, recode, add codings and a code of their own, rename a theme, edit text."""
    # 1. 'I think it could work.' is not uncertainty: remove that coding (the selection stays, uncoded)
    doxastic = _selection(root, SESSION, code_guid(root, "uncertainty", "doxastic"))
    for coding in doxastic.findall(f"{Q}Coding"):
        doxastic.remove(coding)
    # 2. the 'went well' selection is deleted altogether
    went = _selection(root, STORY, code_guid(root, "positive", "went_well"))
    went.getparent().remove(went)
    # 3. near_miss recoded as mistake (same kind, other subtype)
    near = _selection(root, SESSION, code_guid(root, "error", "near_miss"))
    near.find(f"{Q}Coding/{Q}CodeRef").set("targetGUID", code_guid(root, "error", "mistake"))
    # 4. the reviewer adds text at the start of the story (every position after it moves)
    story = source_el(root, STORY)
    guid = story.get("guid")
    texts[guid] = "[Reviewer: read 3 May] " + texts[guid]
    for sel in story.iterchildren(f"{Q}PlainTextSelection"):
        for attr in ("startPosition", "endPosition"):
            sel.set(attr, str(int(sel.get(attr)) + 23))
    # 5. a missed lesson ('I checked it again with the pharmacist.' as rule_of_thumb), in the shifted text
    start = texts[guid].index("I checked it again")
    add_selection(
        story, start, start + len("I checked it again with the pharmacist."), code_guid(root, "lesson", "rule_of_thumb")
    )
    # 6. a code of the reviewer's own, on part of a sentence
    codes = root.find(f"{Q}CodeBook/{Q}Codes")
    mine = etree.SubElement(codes, f"{Q}Code", guid=str(uuid.uuid4()), name="medication safety", isCodable="true")
    etree.SubElement(mine, f"{Q}Description").text = "my own code"
    add_selection(story, start, start + 12, mine.get("guid"))
    # 7. rename a theme
    theme = next(c for c in root.iter(f"{Q}Code") if c.get("name") == "Insulin, dose")
    theme.set("name", "Insulin safety")
    # 8. remove one theme coding (the facilitator's welcome is not a theme)
    welcome = _selection(root, SESSION, theme_code(root, "Welcome, learning"))
    welcome.getparent().remove(welcome)


def theme_code(root: Any, name: str) -> str:
    return next(c.get("guid") for c in root.iter(f"{Q}Code") if c.get("name") == name)


def test_reviewer_edits_become_labels_and_a_rename(state: State) -> None:
    result = _import(edit_qdpx(export_qdpx(state), reviewer), state)
    kinds = _kinds(result)
    assert (kinds["uncertainty"].kept, kinds["uncertainty"].removed, kinds["uncertainty"].added) == (2, 1, 0)
    assert (kinds["positive"].kept, kinds["positive"].removed) == (0, 1)
    assert (kinds["error"].kept, kinds["error"].removed, kinds["error"].subtype_changed) == (2, 0, 1)
    assert (kinds["lesson"].kept, kinds["lesson"].added) == (1, 1)
    assert result.disagreements == 3  # a changed subtype is not a disagreement on the kind
    labels = _labels(result)
    assert ("uncertainty", "I think it could work.", 0, "removed") in labels
    assert ("positive", "It went well in the end.", 0, "removed") in labels
    assert ("lesson", "I checked it again with the pharmacist.", 1, "added") in labels
    assert ("uncertainty", "I wasn't sure the dose was right.", 1, "kept") in labels  # found after the shift
    mistake = next(lab for lab in result.labels if lab.sentence == "We nearly gave the wrong insulin.")
    assert (mistake.label, mistake.subtype, mistake.storymine_score) == (1, "mistake", 0.8)
    renamed = [t for t in result.themes if t.renamed]
    assert [(t.theme_id, t.exported_name, t.reviewed_name) for t in renamed] == [
        ("T0001", "Insulin, dose", "Insulin safety")
    ]
    t2 = next(t for t in result.themes if t.theme_id == "T0002")
    assert (t2.kept, t2.removed, t2.added) == (0, 1, 0)
    assert [(u.code.name, u.n_codings) for u in result.user_codes] == [("medication safety", 1)]
    assert result.unmatched == ()
    assert rename_snippet(result) == (
        "# storymine.toml has no [themes.rename] option yet; these are the reviewer's names:\n"
        '# [themes.rename]\n# T0001 = "Insulin safety"\n'
    )


def test_labels_file_is_what_train_signals_reads(state: State) -> None:
    result = _import(edit_qdpx(export_qdpx(state), reviewer), state)
    rows = list(csv.DictReader(io.StringIO(labels_csv(result))))
    assert tuple(rows[0]) == LABEL_COLUMNS
    assert {r["kind"] for r in rows} <= {"uncertainty", "error", "positive", "lesson", "experiment"}
    assert {r["label"] for r in rows} == {"0", "1"}
    assert len(rows) == len(result.labels)


def test_summary_and_user_codebook(state: State) -> None:
    result = _import(edit_qdpx(export_qdpx(state), reviewer), state)
    summary = summary_json(result)
    assert '"theme_renames": {\n    "T0001": "Insulin safety"\n  }' in summary
    assert '"disagreements": 3' in summary
    qdc = user_codebook(result, "test")
    assert qdc is not None
    schema = refi_schema("Codebook.xsd")
    root = etree.fromstring(qdc)
    assert schema.validate(root), schema.error_log
    assert [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")] == ["medication safety"]


def test_tools_that_write_new_guids_are_matched_by_names_and_text(state: State) -> None:
    def regenerate(root: Any, texts: dict[str, str]) -> None:
        mapping: dict[str, str] = {}
        for el in root.iter():
            if el.get("guid"):
                mapping[el.get("guid")] = str(uuid.uuid4()).upper()
                el.set("guid", mapping[el.get("guid")])
        for el in root.iter():
            if el.get("targetGUID") in mapping:
                el.set("targetGUID", mapping[el.get("targetGUID")])
        for src in root.iter(f"{Q}TextSource"):
            old = next(k for k, v in mapping.items() if v == src.get("guid"))
            texts[src.get("guid")] = texts.pop(old)
            src.set("plainTextPath", f"internal://{src.get('guid')}.txt")
            src.set("name", "renamed by the tool")  # the name no longer holds the doc id either
        root.find(f"{Q}Description").text = "a tool dropped storymine's description"

    data = edit_qdpx(export_qdpx(state), regenerate)
    members = {k: v for k, v in unzip(data).items() if not k.startswith("Sources/") or k[8:-4].isupper()}
    project = read_qdpx(rezip(members))
    result = compare(project, state, export_marker(project))
    assert export_marker(project) is None and not result.run_from_project
    assert result.disagreements == 0 and result.n_documents_compared == 2
    assert sum(k.kept for k in result.kinds) == 8 and result.user_codes == ()


def test_crlf_texts_and_either_way_of_counting_positions(state: State) -> None:
    crlf = export_qdpx(state, ExportOptions(crlf=True))
    assert _import(crlf, state).disagreements == 0  # positions count CR LF, as written

    def lf_positions(root: Any, texts: dict[str, str]) -> None:
        # a tool that keeps the CR LF file but counts positions without the CRs (ATLAS.ti does)
        for src in root.iter(f"{Q}TextSource"):
            raw = texts[src.get("guid")]
            for sel in src.iterchildren(f"{Q}PlainTextSelection"):
                for attr in ("startPosition", "endPosition"):
                    pos = int(sel.get(attr))
                    sel.set(attr, str(pos - raw.count("\r", 0, pos)))

    result = _import(edit_qdpx(crlf, lf_positions), state)
    assert result.disagreements == 0 and result.unmatched == ()


def test_text_the_reviewer_added_or_changed_is_reported_not_guessed(state: State) -> None:
    def edits(root: Any, texts: dict[str, str]) -> None:
        story = source_el(root, STORY)
        guid = story.get("guid")
        texts[guid] = texts[guid] + "\n\nA note the reviewer typed in."
        start = texts[guid].index("A note")
        add_selection(story, start, len(texts[guid]), code_guid(root, "lesson"))
        session = source_el(root, SESSION)
        sguid = session.get("guid")
        texts[sguid] = texts[sguid].replace("I think it could work.", "I believe it would work.")

    result = _import(edit_qdpx(export_qdpx(state), edits), state)
    changed = "its text is not in storymine's text (added or changed by the reviewer)"
    assert [(u.codes, u.reason) for u in result.unmatched] == [
        (("lesson",), changed),
        (("uncertainty/doxastic",), changed),  # storymine's own selection, on the sentence the reviewer edited
    ]
    assert result.n_sentences_changed == 1  # the edited sentence is neither kept nor removed
    assert _kinds(result)["uncertainty"].storymine == 2 and result.disagreements == 0


def test_a_selection_inside_a_sentence_or_across_two_labels_those_sentences(state: State) -> None:
    def edits(root: Any, texts: dict[str, str]) -> None:
        session = source_el(root, SESSION)
        text = texts[session.get("guid")]
        start = text.index("nurse caught")
        add_selection(session, start, start + 5, code_guid(root, "positive", "praise"))  # one word
        start = text.index("Welcome")
        add_selection(session, start, text.index("learn?") + 6, code_guid(root, "lesson"))  # two sentences

    result = _import(edit_qdpx(export_qdpx(state), edits), state)
    added = {(lab.kind, lab.sentence) for lab in result.labels if lab.origin == "added"}
    assert added == {
        ("positive", "The nurse caught it."),
        ("lesson", "Welcome, everyone."),
        ("lesson", "What did you learn?"),
    }


def test_missing_documents_and_kinds_not_exported_are_not_negatives(state: State) -> None:
    only_errors = export_qdpx(state, ExportOptions(kinds=("error",)))
    result = _import(only_errors, state)
    assert [k.kind for k in result.kinds] == ["error"] and result.disagreements == 0
    assert "kinds not compared (their codes are not in the project): uncertainty, positive, lesson, experiment" in (
        result.notes
    )

    def drop_story(root: Any, texts: dict[str, str]) -> None:
        story = source_el(root, STORY)
        story.getparent().remove(story)

    result = _import(edit_qdpx(export_qdpx(state), drop_story), state)
    assert (result.n_documents_missing, result.disagreements) == (1, 0)


def test_a_source_that_is_not_storymine_s_is_reported(state: State) -> None:
    def extra(root: Any, texts: dict[str, str]) -> None:
        src = etree.SubElement(root.find(f"{Q}Sources"), f"{Q}TextSource", guid=str(uuid.uuid4()), name="my notes")
        etree.SubElement(src, f"{Q}PlainTextContent").text = "Something else entirely."
        add_selection(src, 0, 9, code_guid(root, "error"))

    result = _import(edit_qdpx(export_qdpx(state), extra), state)
    assert [(u.source, u.reason) for u in result.unmatched] == [("my notes", "not a storymine document of this run")]


# -- bad input: one clear line each -------------------------------------------------------------------------


def _project_xml(state: State) -> bytes:
    return unzip(export_qdpx(state))["project.qde"]


def _with_xml(state: State, xml: bytes) -> bytes:
    members = unzip(export_qdpx(state))
    members["project.qde"] = xml
    return rezip(members)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda s: b"PK not really a zip",
            "not a REFI-QDA project: the file is not a zip archive; export a .qdpx project from your QDA tool",
        ),
        (
            lambda s: rezip({"Sources/x.txt": b"text"}),
            "not a REFI-QDA project: the zip holds no project.qde at its top level "
            "(a .qdpx holds project.qde and a Sources folder)",
        ),
        (
            lambda s: _with_xml(s, b"<Project xmlns='urn:QDA-XML:project:1.0'><Users>"),
            "project.qde is not well-formed XML: Premature end of data in tag Users line 1 (line 1, column 49)",
        ),
        (
            lambda s: _with_xml(s, _project_xml(s).replace(b"urn:QDA-XML:project:1.0", b"urn:QDA-XML:project:2.0")),
            "project.qde uses QDA-XML project version '2.0'; storymine reads version 1.0 (urn:QDA-XML:project:1.0): "
            "export the project from your tool again as REFI-QDA 1.0",
        ),
        (
            lambda s: _with_xml(s, b"<Project xmlns='urn:example:other' name='x'/>"),
            "project.qde is not a REFI-QDA project: its root element is 'Project' in namespace 'urn:example:other', "
            "not 'Project' in urn:QDA-XML:project:1.0",
        ),
        (
            lambda s: _with_xml(s, _project_xml(s).replace(b' isCodable="true"', b"", 1)),
            "project.qde does not validate against the REFI-QDA 1.0 schema: line 8: Element 'Code': "
            "The attribute 'isCodable' is required but missing.",
        ),
        (
            lambda s: _with_xml(
                s,
                b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x "y">]>\n'
                b"<Project xmlns='urn:QDA-XML:project:1.0' name='x'/>",
            ),
            "project.qde has a DOCTYPE declaration; REFI-QDA files have none",
        ),
    ],
)
def test_bad_input_is_one_clear_line(state: State, make: Any, message: str) -> None:
    with pytest.raises(ExchangeError) as exc:
        read_qdpx(make(state))
    assert str(exc.value) == message
    assert "\n" not in str(exc.value)


def test_other_spellings_of_version_1_0_are_read(state: State) -> None:
    xml = _project_xml(state).replace(b"urn:QDA-XML:project:1.0", b"urn:QDA-XML:project:1")
    project = read_qdpx(_with_xml(state, xml))
    assert compare(project, state, export_marker(project)).disagreements == 0


def test_texts_outside_the_project_are_never_read(state: State) -> None:
    def absolute(root: Any, texts: dict[str, str]) -> None:
        source_el(root, STORY).set("plainTextPath", "absolute:///etc/passwd")

    project = read_qdpx(edit_qdpx(export_qdpx(state), absolute))
    story = next(s for s in project.sources if s.guid == source_guid(STORY))
    assert story.text is None and story.problem == "its text is outside the project (absolute://); not read"
    result = compare(project, state, export_marker(project))
    assert {u.reason for u in result.unmatched} == {"its text is outside the project (absolute://); not read"}


def test_sources_folder_may_be_lower_case_and_text_may_have_a_bom(state: State) -> None:
    members = unzip(export_qdpx(state))
    renamed = {
        (k.replace("Sources/", "sources/") if k.startswith("Sources/") else k): (
            b"\xef\xbb\xbf" + v if k.startswith("Sources/") else v
        )
        for k, v in members.items()
    }
    assert _import(rezip(renamed), state).disagreements == 0


def test_zip_member_names_are_never_used_as_paths(state: State) -> None:
    members = unzip(export_qdpx(state))
    members["../../escape.txt"] = b"x"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert _import(buf.getvalue(), state).disagreements == 0  # read in memory; nothing is extracted
