"""Recogniser round 20 (issue #18): what new independent corpora and the last round's notes showed, generalised;
and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a handover line opens with the person and a state said only of people
        ("hazel v grateful for the visit. Victor up all night again.", ["hazel", "Victor"], ["v grateful"]),
        ("- Edna tearful after the call. dawn up x2 for the toilet", ["Edna", "dawn"], ["tearful"]),
        # a night, a ward, a relation or a patient is no name
        ("Night v quiet. Mum v grateful. Patient unsettled. Bay 4 up all night.", [], ["Night", "Mum", "Bay 4"]),
        # a family named by its surname in lower case; plurals a dictionary has stay
        ("went round the dochertys again, then the kowalskis", ["dochertys", "kowalskis"], ["went round"]),
        ("the sawyers cut the line; the bakers and the fletchers", [], ["sawyers", "bakers"]),
        ("the bakers, the nurses, the walkers, the meds, the obs and the ards", [], ["bakers", "nurses", "ards"]),
    ],
)
def test_round20_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an everyday word that is also a name, as the noun it is
        ("our Hope is that the team learns from it.", ["our Hope is that"]),
        ("We sat in our Rose garden after the meeting.", ["Rose garden"]),
        ("Faith was that we'd all get through it; the Hope project paid.", ["Hope project"]),
    ],
)
def test_round20_words_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


def test_our_name_still_a_person(model_redactor: Redactor) -> None:
    out = model_redactor.redact_document(["our Rose is poorly again and our Des was on nights."]).texts[0]
    assert_redacted(out, ["Rose", "Des"], ["poorly"])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # where someone lives, with no house number
        ("she lives in Saltley Gate Court now", ["Saltley Gate Court"], ["lives in"]),
        ("he's staying at Ashgrove Mews since May", ["Ashgrove Mews"], ["May"]),
        # a town is no address
        ("she lives in Leeds now and works in Bradford", [], ["Leeds", "Bradford"]),
    ],
)
def test_round20_addresses(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)
