"""Property tests: planted identifiers never survive, whatever text surrounds them."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymine.privacy import Redactor, is_valid_nhs_number, pseudonymise
from storymine.privacy.patterns import find_nhs_numbers

# Surrounding text: words, punctuation, digits-free so planted numbers stay the only digits.
filler = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Zs", "Po"), blacklist_characters="@", max_codepoint=0x24F
    ),
    max_size=60,
)


def _with_check_digit(first9: str, sep: str) -> str | None:
    total = sum(w * int(d) for w, d in zip(range(10, 1, -1), first9, strict=True))
    check = (11 - total % 11) % 11
    if check == 10 or len(set(first9)) == 1:
        return None
    digits = first9 + str(check)
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


nhs_numbers = (
    st.builds(_with_check_digit, st.from_regex(r"[0-9]{9}", fullmatch=True), st.sampled_from(["", " ", "-"]))
    .filter(lambda v: v is not None)
    .map(str)
)


@st.composite
def uk_phones(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["mobile", "london", "leeds", "intl"]))
    if kind == "mobile":
        rest = draw(st.from_regex(r"7[0-9]{9}", fullmatch=True))
        return draw(st.sampled_from([f"0{rest}", f"0{rest[:4]} {rest[4:]}", f"0{rest[:4]}-{rest[4:7]}-{rest[7:]}"]))
    if kind == "london":
        rest = draw(st.from_regex(r"[0-9]{8}", fullmatch=True))
        return draw(st.sampled_from([f"020 {rest[:4]} {rest[4:]}", f"(020) {rest[:4]} {rest[4:]}"]))
    if kind == "leeds":
        rest = draw(st.from_regex(r"[0-9]{7}", fullmatch=True))
        return f"0113 {rest[:3]} {rest[3:]}"
    rest = draw(st.from_regex(r"7[0-9]{9}", fullmatch=True))
    return draw(st.sampled_from([f"+44 {rest[:4]} {rest[4:]}", f"+44 (0){rest[:4]} {rest[4:]}", f"+44{rest}"]))


emails = st.from_regex(r"[a-z][a-z0-9._-]{0,15}[a-z0-9]@[a-z][a-z0-9-]{0,10}\.(com|org|nhs\.uk|co\.uk)", fullmatch=True)

RULES = Redactor()
RULES_OFF = Redactor(type(RULES.config)(ner="off"))


def _digits(s: str) -> str:
    return re.sub(r"[^0-9]", "", s)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=filler, after=filler, value=nhs_numbers)
def test_planted_nhs_number_never_survives(before: str, after: str, value: str) -> None:
    out = RULES_OFF.redact(f"{before} {value} {after}")
    assert _digits(value) not in _digits(out)
    assert "[NHS_NUMBER_1]" in out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=filler, after=filler, value=uk_phones())
def test_planted_phone_never_survives(before: str, after: str, value: str) -> None:
    out = RULES_OFF.redact(f"{before} {value} {after}")
    assert _digits(value)[-9:] not in _digits(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=filler, after=filler, value=emails)
def test_planted_email_never_survives(before: str, after: str, value: str) -> None:
    out = RULES_OFF.redact(f"{before} {value} {after}")
    assert value not in out
    assert "@" not in out


@settings(max_examples=40, deadline=None)
@given(
    before=filler,
    after=filler,
    value=emails,
    zw=st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]),
)
def test_zero_width_inside_email_does_not_hide_it(before: str, after: str, value: str, zw: str) -> None:
    cut = len(value) // 2
    out = RULES.redact(f"{before} {value[:cut]}{zw}{value[cut:]} {after}")
    assert "@" not in out


@given(st.text(max_size=200))
def test_redaction_never_crashes_and_is_stable(text: str) -> None:
    once = RULES_OFF.redact_document([text])
    assert len(once.texts) == 1
    assert RULES_OFF.redact_document([text]).texts == once.texts


@given(st.from_regex(r"[0-9]{10}", fullmatch=True))
def test_nhs_finder_agrees_with_checksum(digits: str) -> None:
    found = find_nhs_numbers(f"no {digits} x")
    assert bool(found) == (is_valid_nhs_number(digits) and len(set(digits)) > 1)


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), st.binary(min_size=16, max_size=40))
def test_pseudonym_stable_under_case_and_spacing(name: str, key: bytes) -> None:
    spaced = "  " + "   ".join(name.split()) + " "
    assert pseudonymise(spaced.upper().lower(), key) == pseudonymise(name.lower(), key)
