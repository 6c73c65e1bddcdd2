"""Recogniser round 25 (issue #18): masked values, plates with a dash or in part, lower-case house names where
someone lives, Highland places "by" a town, PNC ids, NHS numbers on the line under their label; and what must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # values with some characters masked, as audit logs and extracts write them
        ("Masked number in audit log: 07700 9XX X22", ["9XX X22"], ["audit log"]),
        ("mobile 07*** ***123 on the old form", ["07*** ***123"], ["old form"]),
        ("Postcode masked in the extract: CA2 8**", ["CA2 8**"], ["extract"]),
        ("lives in LS6 2XX somewhere", ["LS6 2XX"], ["somewhere"]),
        # plates with a dash, and a part of a plate in quotes after the plate is named
        ("Vehicle WS14-CXB seen at the address.", ["WS14-CXB"], ["address"]),
        ("his moped's been seized (DY09-OPX), last known", ["DY09-OPX"], ["moped"]),
        ("Mum only saw the end of the number plate, 'XMS'.", ["XMS"], ["number plate"]),
        ('the reg started "KX" she thought', ['"KX"'], ["she thought"]),
        # a Police National Computer id; an NHS number under its label in a form's table
        ("put the PNC ID on the handover. Jordan's is 19/448127K.", ["448127K"], ["handover"]),
        ("Postcode\nSA5 7BU\nNHS No\n4729103365\nNI No", ["4729103365"], ["NHS No"]),
    ],
)
def test_round25_codes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a house named in lower case where someone lives, with its lane and village as a caller says them
        (
            "caller: yeah the address is the old school house um church lane upper slaughter and the gate sticks",
            ["old school house", "church lane", "upper slaughter"],
            ["the gate sticks"],
        ),
        (
            "txt from son: mam's moved to unit 3 the old maltings north street, the ones that were converted",
            ["unit 3", "maltings", "north street"],
            ["converted"],
        ),
        ("Sleeping in the bothy at Inverlael, by Ullapool, no phone signal there.", ["Inverlael"], ["Ullapool"]),
    ],
)
def test_round25_homes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("she moved to the new house last week", ["new house"]),
        ("He lives at the family farm near Hexham.", ["family farm", "Hexham"]),
        ("moved to the care home on Friday", ["care home"]),
        ("plates 'NHS' in the window", ["NHS"]),
        ("see policy 12/3456A and page 2/10", ["12/3456A", "2/10"]),
        ("ref 01234 XXX for the team", ["01234 XXX"]),
        ("Seen at Raigmore, by Friday we knew", ["Raigmore"]),
    ],
)
def test_round25_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)
