"""Alignment and layout: positions survive edits elsewhere in the text (property tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storymine.exchange.align import align
from storymine.exchange.layout import content_hash, layout_document
from storymine.exchange.ty import Doc

from .conftest import make_seg

WORDS = st.lists(st.sampled_from(["the", "dose", "was", "wrong", "we", "caught", "it", "nurse", "."]), min_size=1)
TEXT = WORDS.map(" ".join)
LINES = st.lists(TEXT, min_size=3, max_size=12)


@settings(max_examples=150, deadline=None)
@given(LINES, st.data())
def test_an_untouched_line_maps_exactly_whatever_changes_elsewhere(lines: list[str], data: st.DataObject) -> None:
    keep = data.draw(st.integers(0, len(lines) - 1))
    edited = list(lines)
    for i in range(len(lines)):
        if i != keep and data.draw(st.booleans()):
            edited[i] = (
                data.draw(st.sampled_from(["", "x ", "inserted words "]))
                + edited[i][: data.draw(st.integers(0, len(edited[i])))]
            )
    if data.draw(st.booleans()):
        edited.insert(keep, "a whole new line")
        keep += 1
    b, a = "\n".join(lines), "\n".join(edited)
    a_start = sum(len(x) + 1 for x in edited[:keep])
    target = edited[keep]
    alignment = align(a, b)
    mapped = b[alignment.to_b(a_start, "start") : alignment.to_b(a_start + len(target), "end")]
    assert content_hash(mapped) == content_hash(target)
    assert alignment.covered(a_start, a_start + len(target)) == len(target)


@given(TEXT)
def test_identical_texts_map_to_themselves(text: str) -> None:
    alignment = align(text, text)
    for pos in range(len(text) + 1):
        assert alignment.to_b(pos, "end") == pos
        if pos < len(text):
            assert alignment.to_b(pos, "start") == pos


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(TEXT.map(lambda t: t[:1].upper() + t[1:]), min_size=1, max_size=4), min_size=1, max_size=5),
    st.booleans(),
    st.booleans(),
)
def test_layout_positions_hold_every_sentence(paragraphs: list[list[str]], session: bool, crlf: bool) -> None:
    doc = Doc("d" * 20, "session" if session else "story", None, None, None, None)
    segs = [
        make_seg(doc.doc_id, i, p, sep="\n" if i % 2 else " ", speaker="P-x", role="participant")
        for i, p in enumerate(paragraphs)
    ]
    layout = layout_document(doc, segs, crlf=crlf)
    for sent in layout.sentences:
        assert layout.text[sent.start : sent.end].replace("\r\n", "\n") == sent.text
    for seg, ref in zip(segs, layout.segments, strict=True):
        assert layout.text[ref.start : ref.end].replace("\r\n", "\n") == seg.text
