"""Export: a valid REFI-QDA project whose selections sit exactly on storymine's sentences and segments."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from storymine.exchange.ids import kind_guid, source_guid, subtype_guid, theme_guid
from storymine.exchange.layout import layout_document
from storymine.exchange.qdpx import build_project, export_counts, export_qdc, export_qdpx
from storymine.exchange.schema import SCHEMA_DIR
from storymine.exchange.ty import ExchangeError, ExportOptions, State

from .conftest import REFI, Q, make_state, refi_schema, unzip


def _project(state: State, options: ExportOptions | None = None) -> tuple[etree._Element, dict[str, bytes]]:
    members = unzip(export_qdpx(state, options))
    return etree.fromstring(members["project.qde"]), members


def _selections(root: etree._Element) -> list[tuple[str, int, int, str]]:
    return [
        (src.get("guid"), int(sel.get("startPosition")), int(sel.get("endPosition")), ref.get("targetGUID"))
        for src in root.iter(f"{Q}TextSource")
        for sel in src.iterchildren(f"{Q}PlainTextSelection")
        for ref in sel.iter(f"{Q}CodeRef")
    ]


def test_project_validates_against_the_shared_schema(state: State) -> None:
    schema = refi_schema("Project.xsd")
    root, _ = _project(state)
    assert schema.validate(root), schema.error_log
    crlf, _ = _project(state, ExportOptions(crlf=True, kinds=("error",), communities=("community nursing",)))
    assert schema.validate(crlf), schema.error_log


def test_packaged_schemas_are_the_shared_ones() -> None:
    for name in ("Project.xsd", "Codebook.xsd"):
        if not (REFI / name).is_file():
            pytest.skip(f"REFI-QDA schemas not present at {REFI}")
        assert (SCHEMA_DIR / name).read_bytes() == (REFI / name).read_bytes()


def test_zip_layout_is_the_standard_one(state: State) -> None:
    members = unzip(export_qdpx(state))
    names = list(members)
    assert names[0] == "project.qde"
    assert sorted(names[1:]) == sorted(f"Sources/{source_guid(d.doc_id)}.txt" for d in state.docs)
    root = etree.fromstring(members["project.qde"])
    for src in root.iter(f"{Q}TextSource"):
        assert src.get("plainTextPath") == f"internal://{src.get('guid')}.txt"


def test_sources_hold_the_redacted_segments_and_pseudonyms_only(state: State) -> None:
    members = unzip(export_qdpx(state))
    session = members[f"Sources/{source_guid('b' * 20)}.txt"].decode()
    assert session.startswith("P-fac00001 (facilitator): Welcome, everyone. What did you learn?\n\nP-par00002")
    story = members[f"Sources/{source_guid('a' * 20)}.txt"].decode()
    assert story == "I wasn't sure the dose was right. I checked it again with the pharmacist.\n\n" + (
        "Next time I will ask earlier. It went well in the end."
    )


def test_every_signal_is_a_coded_selection_on_its_sentence(state: State) -> None:
    root, members = _project(state)
    found = _selections(root)
    for sig in state.signals:
        layout = layout_document(
            next(d for d in state.docs if d.doc_id == sig.doc_id),
            [s for s in state.segments if s.doc_id == sig.doc_id],
        )
        ref = layout.sentence(sig.segment_id, sig.sentence_index)
        assert ref is not None
        text = members[f"Sources/{source_guid(sig.doc_id)}.txt"].decode()
        assert text[ref.start : ref.end] == sig.sentence
        assert (source_guid(sig.doc_id), ref.start, ref.end, subtype_guid(sig.kind, sig.subtype)) in found
    # two cues of one subtype in one sentence: one selection, both cues named in its description
    descriptions = [d.text for d in root.iter(f"{Q}Description") if "uncertainty/epistemic" in (d.text or "")]
    assert any("'wasn't sure'" in d and "'sure the dose'" in d and "score 0.800" in d for d in descriptions)
    assert all("storymine.uncertainty.v1 1.1.0" in d for d in descriptions)


def test_every_themed_segment_is_a_coded_selection(state: State) -> None:
    root, members = _project(state)
    found = _selections(root)
    for st in state.segment_themes:
        seg = next(s for s in state.segments if s.segment_id == st.segment_id)
        text = members[f"Sources/{source_guid(seg.doc_id)}.txt"].decode()
        hits = [f for f in found if f[3] == theme_guid(st.theme_id) and text[f[1] : f[2]] == seg.text]
        assert len(hits) == 1


def test_crlf_positions_count_both_characters(state: State) -> None:
    root, members = _project(state, ExportOptions(crlf=True))
    text = members[f"Sources/{source_guid('b' * 20)}.txt"].decode()
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    found = _selections(root)
    caught = next(f for f in found if f[3] == subtype_guid("error", "recovery"))
    assert text[caught[1] : caught[2]] == "The nurse caught it."
    turn = next(f for f in found if f[3] == theme_guid("T0001") and f[0] == source_guid("b" * 20))
    assert text[turn[1] : turn[2]] == "We nearly gave the wrong insulin.\r\nThe nurse caught it."


def test_codebook_has_kinds_subtypes_and_themes_with_descriptions(state: State) -> None:
    root, _ = _project(state)
    top = root.find(f"{Q}CodeBook/{Q}Codes")
    names = [c.get("name") for c in top.iterchildren(f"{Q}Code")]
    assert names == ["uncertainty", "error", "positive", "lesson", "experiment", "storymine themes"]
    error = next(c for c in top.iterchildren(f"{Q}Code") if c.get("name") == "error")
    assert error.get("guid") == kind_guid("error")
    assert [c.get("name") for c in error.iterchildren(f"{Q}Code")] == [
        "mistake",
        "near_miss",
        "harm",
        "counterfactual",
        "recovery",
    ]
    assert "went wrong" in error.findtext(f"{Q}Description")
    themes = next(c for c in top.iterchildren(f"{Q}Code") if c.get("name") == "storymine themes")
    assert themes.get("isCodable") == "false"
    t1 = next(themes.iterchildren(f"{Q}Code"))
    assert (t1.get("name"), t1.get("guid")) == ("Insulin, dose", theme_guid("T0001"))
    assert t1.findtext(f"{Q}Description").startswith("storymine theme T0001: Insulin, dose. Keywords: insulin, dose")


def test_guids_are_stable_across_exports_and_relabelled_themes() -> None:
    first = export_qdpx(make_state())
    assert export_qdpx(make_state()) == first  # byte for byte
    relabelled, _ = _project(make_state(theme_label="Insulin safety"))
    code = next(c for c in relabelled.iter(f"{Q}Code") if c.get("guid") == theme_guid("T0001"))
    assert code.get("name") == "Insulin safety"


def test_theme_memos_are_linked_notes(state: State) -> None:
    root, _ = _project(state)
    notes = {n.get("guid"): n for n in root.iter(f"{Q}Note")}
    t1 = next(c for c in root.iter(f"{Q}Code") if c.get("guid") == theme_guid("T0001"))
    memo = notes[t1.find(f"{Q}NoteRef").get("targetGUID")].findtext(f"{Q}PlainTextContent")
    assert "Lessons:\n- Next time I will ask earlier. (1 mentions, 1 contributors)" in memo
    assert "- We nearly gave the wrong insulin. — The nurse caught it." in memo
    t2 = next(c for c in root.iter(f"{Q}Code") if c.get("guid") == theme_guid("T0002"))
    assert "suppressed" in notes[t2.find(f"{Q}NoteRef").get("targetGUID")].findtext(f"{Q}PlainTextContent")
    session = next(s for s in root.iter(f"{Q}TextSource") if s.get("guid") == source_guid("b" * 20))
    assert session.find(f"{Q}NoteRef").get("targetGUID") in notes


def test_metadata_as_variables_and_cases(state: State) -> None:
    root, _ = _project(state)
    assert [v.get("name") for v in root.iter(f"{Q}Variable")] == ["community", "role", "kind", "date"]
    story = next(s for s in root.iter(f"{Q}TextSource") if s.get("guid") == source_guid("a" * 20))
    values = [
        (v.find(f"{Q}TextValue") if v.find(f"{Q}TextValue") is not None else v.find(f"{Q}DateValue")).text
        for v in story.iterchildren(f"{Q}VariableValue")
    ]
    assert values == ["Acute Medicine", "staff nurse", "story", "2025-01-15"]
    cases = {c.get("name"): c for c in root.iter(f"{Q}Case")}
    assert {"Acute Medicine", "Community Nursing", "P-aaaa1111", "P-fac00001", "P-par00002"} == set(cases)
    assert [r.get("targetGUID") for r in cases["P-par00002"].iter(f"{Q}SourceRef")] == [source_guid("b" * 20)]


def test_options_limit_kinds_themes_and_communities(state: State) -> None:
    root, members = _project(state, ExportOptions(kinds=("error",), themes=("T0002",)))
    top = [c.get("name") for c in root.find(f"{Q}CodeBook/{Q}Codes").iterchildren(f"{Q}Code")]
    assert top == ["error", "storymine themes"]
    assert len(members) == 2  # only the session holds a T0002 segment
    codes = {f[3] for f in _selections(root)}
    assert codes == {subtype_guid("error", "near_miss"), subtype_guid("error", "recovery"), theme_guid("T0002")}
    counts = export_counts(state, ExportOptions(communities=("Acute Medicine",)))
    assert (counts.documents, counts.signals, counts.signal_selections, counts.theme_selections) == (1, 4, 3, 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ExportOptions(kinds=("errors",)),
            "--kind errors is not one of: uncertainty, error, positive, lesson, experiment",
        ),
        (
            ExportOptions(themes=("T0009",)),
            "--theme T0009 is not a theme of run 20250101T000000Z-abcdef (themes: T0001, T0002)",
        ),
        (
            ExportOptions(communities=("Nowhere",)),
            "--community 'Nowhere' matches no document (communities: Acute Medicine, Community Nursing)",
        ),
    ],
)
def test_unknown_options_are_one_clear_line(state: State, options: ExportOptions, message: str) -> None:
    with pytest.raises(ExchangeError) as exc:
        export_qdpx(state, options)
    assert str(exc.value) == message


def test_codebook_alone_validates_and_has_no_memo_links(state: State) -> None:
    schema = refi_schema("Codebook.xsd")
    root = etree.fromstring(export_qdc(state))
    assert schema.validate(root), schema.error_log
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert not list(root.iter("{urn:QDA-XML:codebook:1.0}NoteRef"))
    only = etree.fromstring(export_qdc(state, ExportOptions(kinds=("lesson",), themes=())))
    assert [c.get("name") for c in only.iter("{urn:QDA-XML:codebook:1.0}Code")] == [
        "lesson",
        "insight",
        "rule_of_thumb",
        "advice",
        "intention",
    ]


def test_control_characters_never_break_the_xml(state: State) -> None:
    bad = replace(state, docs=(replace(state.docs[0], title="Night\x0bshift\x00"), state.docs[1]))
    root, _ = _project(bad)
    assert any("Night\ufffdshift\ufffd" in (s.get("name") or "") for s in root.iter(f"{Q}TextSource"))


def test_duplicate_theme_labels_get_the_theme_id(state: State) -> None:
    same = replace(state, themes=tuple(replace(t, label="Same") for t in state.themes))
    root, _ = _project(same)
    names = sorted(
        c.get("name") for c in root.iter(f"{Q}Code") if c.get("guid") in {theme_guid("T0001"), theme_guid("T0002")}
    )
    assert names == ["Same (T0001)", "Same (T0002)"]


def test_project_member_is_what_build_project_returns(state: State) -> None:
    assert unzip(export_qdpx(state)) == build_project(state)
