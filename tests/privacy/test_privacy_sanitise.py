from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storymine.privacy import sanitise_text


def test_bidi_controls_removed() -> None:
    text = "abc\u202etxt.exe\u202c and \u2066iso\u2069 \u200fmark"
    assert sanitise_text(text) == "abctxt.exe and iso mark"


def test_zero_width_removed_inside_identifiers() -> None:
    assert sanitise_text("doreen\u200b.hart\u200dley@exa\ufeffmple.com") == "doreen.hartley@example.com"
    assert sanitise_text("soft\u00adhyphen") == "softhyphen"


def test_controls_removed_but_tab_and_newline_kept() -> None:
    assert sanitise_text("a\x00b\x07c\x1b[31md\x7fe\x85f\tg\nh") == "abc[31mde\nf\tg\nh"


def test_line_endings_and_separators_normalised() -> None:
    assert sanitise_text("a\r\nb\rc\u2028d\u2029e\x0bf\x0cg") == "a\nb\nc\nd\ne\nf\ng"


def test_unicode_spaces_and_fullwidth_digits() -> None:
    assert sanitise_text("07700\u00a0900\u2009123") == "07700 900 123"
    assert sanitise_text("\uff10\uff17\uff17\uff10\uff10") == "07700"


def test_html_is_left_as_text() -> None:
    text = '<script>alert(1)</script> =HYPERLINK("x")'
    assert sanitise_text(text) == text


def test_nfc() -> None:
    assert sanitise_text("Zoe\u0308") == "Zo\u00eb"


@given(st.text())
def test_idempotent_and_clean(text: str) -> None:
    once = sanitise_text(text)
    assert sanitise_text(once) == once
    bad = {c for c in once if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0}
    bad |= {c for c in once if c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"}
    assert not bad
