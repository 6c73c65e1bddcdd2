"""A small hand-built storymine state, and helpers to edit an exported project as a reviewer would."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from storymine.exchange.ty import Doc, Item, Seg, SegmentTheme, Signal, State, Summary, Theme

from ..conftest import ROOT

REFI = ROOT.parent / "shared" / "refi-qda"
NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"


def refi_schema(name: str) -> Any:
    """The shared REFI-QDA schema ``name``, or skip the test when ../shared/refi-qda is absent."""
    path = REFI / name
    if not path.is_file():
        pytest.skip(f"REFI-QDA schemas not present at {REFI}")
    return etree.XMLSchema(etree.parse(str(path)))


def make_seg(doc_id: str, ordinal: int, sentences: Sequence[str], sep: str = " ", **kw: Any) -> Seg:
    starts, ends, pos = [], [], 0
    for s in sentences:
        starts.append(pos)
        ends.append(pos + len(s))
        pos += len(s) + len(sep)
    return Seg(
        f"{doc_id}-{ordinal}",
        doc_id,
        ordinal,
        kw.get("speaker"),
        kw.get("role"),
        sep.join(sentences),
        tuple(starts),
        tuple(ends),
    )


def make_signal(seg: Seg, index: int, kind: str, subtype: str, cue: str, score: float = 0.8) -> Signal:
    sentence = seg.text[seg.sentence_starts[index] : seg.sentence_ends[index]]
    start = seg.text.index(cue, seg.sentence_starts[index])
    return Signal(
        f"sig-{seg.segment_id}-{index}-{kind}-{subtype}-{start}",
        seg.segment_id,
        seg.doc_id,
        kind,
        subtype,
        cue,
        index,
        sentence,
        start,
        start + len(cue),
        score,
        f"storymine.{kind}.v1",
        "1.1.0",
    )


def make_state(theme_label: str = "Insulin, dose") -> State:
    story = Doc("a" * 20, "story", "Night shift", "Acute Medicine", "staff nurse", "P-aaaa1111", (), date(2025, 1, 15))
    session = Doc(
        "b" * 20,
        "session",
        "Learning session",
        "Community Nursing",
        None,
        None,
        ("P-fac00001", "P-par00002"),
        date(2025, 7, 9),
    )
    a0 = make_seg(
        story.doc_id,
        0,
        ["I wasn't sure the dose was right.", "I checked it again with the pharmacist."],
        speaker="P-aaaa1111",
        role="staff nurse",
    )
    a1 = make_seg(
        story.doc_id,
        1,
        ["Next time I will ask earlier.", "It went well in the end."],
        speaker="P-aaaa1111",
        role="staff nurse",
    )
    b0 = make_seg(
        session.doc_id, 0, ["Welcome, everyone.", "What did you learn?"], speaker="P-fac00001", role="facilitator"
    )
    b1 = make_seg(
        session.doc_id,
        1,
        ["We nearly gave the wrong insulin.", "The nurse caught it."],
        sep="\n",
        speaker="P-par00002",
        role="participant",
    )
    b2 = make_seg(
        session.doc_id,
        2,
        ["Maybe we should pilot a double check.", "I think it could work."],
        speaker="P-fac00001",
        role="facilitator",
    )
    signals = (
        make_signal(a0, 0, "uncertainty", "epistemic", "wasn't sure"),
        make_signal(a0, 0, "uncertainty", "epistemic", "sure the dose", 0.7),
        make_signal(a1, 0, "lesson", "intention", "Next time"),
        make_signal(a1, 1, "positive", "went_well", "went well"),
        make_signal(b1, 0, "error", "near_miss", "nearly"),
        make_signal(b1, 1, "error", "recovery", "caught"),
        make_signal(b2, 0, "uncertainty", "epistemic", "Maybe"),
        make_signal(b2, 0, "experiment", "plan", "pilot"),
        make_signal(b2, 1, "uncertainty", "doxastic", "I think"),
    )
    themes = (
        Theme("T0001", theme_label, ("insulin", "dose", "pharmacist"), "new", 3, 2),
        Theme("T0002", "Welcome, learning", ("welcome", "learn"), "new", 1, 1),
    )
    seg_themes = (
        SegmentTheme(a0.segment_id, "T0001", 0.9, "cluster"),
        SegmentTheme(a1.segment_id, "T0001", 0.9, "cluster"),
        SegmentTheme(b0.segment_id, "T0002", 0.5, "cluster"),
        SegmentTheme(b1.segment_id, "T0001", 0.8, "cluster"),
        SegmentTheme(b2.segment_id, "T0001", 0.7, "outlier_reduction"),
    )
    summaries = (
        Summary(
            "theme",
            "T0001",
            theme_label,
            False,
            2,
            3,
            (("uncertainty", 30.0), ("error", 20.0)),
            (
                ("lessons", (Item("Next time I will ask earlier.", "", 1, 1),)),
                ("errors", (Item("We nearly gave the wrong insulin.", "The nurse caught it.", 1, 1),)),
            ),
            ("It went well in the end.",),
        ),
        Summary("theme", "T0002", "Welcome, learning", True),
        Summary("session", session.doc_id, "Learning session", False, 1, 2),
    )
    return State(
        run_id="20250101T000000Z-abcdef",
        finished_at=datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC),
        storymine_version="0.1.0",
        docs=(story, session),
        segments=(a0, a1, b0, b1, b2),
        signals=signals,
        themes=themes,
        segment_themes=seg_themes,
        summaries=summaries,
    )


@pytest.fixture
def state() -> State:
    return make_state()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


Editor = Callable[[Any, dict[str, str]], None]


def edit_qdpx(data: bytes, edit: Editor) -> bytes:
    """Apply ``edit(project root, {source guid: text})`` and zip the project again, as a tool would save it."""
    members = unzip(data)
    root = etree.fromstring(members["project.qde"])
    texts = {
        name.removeprefix("Sources/").removesuffix(".txt"): raw.decode("utf-8")
        for name, raw in members.items()
        if name.startswith("Sources/")
    }
    edit(root, texts)
    members["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    for guid, text in texts.items():
        members[f"Sources/{guid}.txt"] = text.encode("utf-8")
    return rezip(members)


def new_guid() -> str:
    return str(uuid.uuid4())


def source_el(root: Any, doc_id_prefix: str) -> Any:
    for src in root.iter(f"{Q}TextSource"):
        if src.get("name").endswith(f"[{doc_id_prefix[:8]}]"):
            return src
    raise AssertionError(f"no source for {doc_id_prefix}")


def code_guid(root: Any, *path: str) -> str:
    holder = root.find(f"{Q}CodeBook/{Q}Codes")
    el = None
    for name in path:
        el = next(c for c in holder.iterchildren(f"{Q}Code") if c.get("name") == name)
        holder = el
    assert el is not None
    return str(el.get("guid"))


def add_selection(src: Any, start: int, end: int, code: str) -> Any:
    sel = etree.Element(f"{Q}PlainTextSelection", guid=new_guid(), startPosition=str(start), endPosition=str(end))
    coding = etree.SubElement(sel, f"{Q}Coding", guid=new_guid())
    etree.SubElement(coding, f"{Q}CodeRef", targetGUID=code)
    # selections come before Coding/NoteRef/VariableValue children of the source
    last = list(src.iterchildren(f"{Q}PlainTextSelection", f"{Q}Description", f"{Q}PlainTextContent"))
    (last[-1].addnext(sel) if last else src.insert(0, sel))
    return sel


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path
