"""Recogniser round 7 (issue #18): what three more independent red-team corpora (dev9, dev10, dev11) showed.

Call reviews read values out (NATO alphabet, letter names, "L-S-8, 3-H-X", "Y for yankee"), dates are said
with ordinal months and years in words, families are big and their names are ordinary words, people are
called by initials and nicknames; and what must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.names import url_names_a_person
from storymine.privacy.patterns import (
    find_addresses,
    find_dates_of_birth,
    find_handles,
    find_hospital_numbers,
    find_read_out_codes,
    find_vehicle_regs,
)


def spans(found: list, text: str) -> list[str]:  # type: ignore[type-arg]
    return [text[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she spelled it: L-S-8, 3-H-X, X for X-ray.", [("L-S-8, 3-H-X", "POSTCODE")]),
        (
            'reads the plate out, "yankee kilo one nine, zulu x-ray romeo".',
            [("yankee kilo one nine, zulu x-ray romeo", "VEHICLE_REG")],
        ),
        (
            'reads it again, "en bee seven seven, three one, oh five, D".',
            [("en bee seven seven, three one, oh five, D", "NI_NUMBER")],
        ),
        (
            "She spelled it for me, Y for yankee, U for uniform, K for kilo, I for india, and Tanaka",
            [("Y for yankee, U for uniform, K for kilo, I for india", "PERSON")],
        ),
        ("one two three four five. I see you too. A for effort. Covid-19 and F-1 and A-B-C-D.", []),
    ],
)
def test_codes_read_out(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[f.start : f.end], f.kind) for f in find_read_out_codes(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "his date of birth as the ninth of the eleventh, forty-nine and I typed 09/11/1949, which matched.",
            ["the ninth of the eleventh, forty-nine", "09/11/1949"],
        ),
        ("seventeenth of the ninth, ninety-three", ["seventeenth of the ninth, ninety-three"]),
        (
            "Mum said twenty-third of July twenty twenty, which I put in as 23/07/2020. Limping.",
            ["twenty-third of July twenty twenty", "23/07/2020"],
        ),
        ("she gave a date of birth of the 5th of the 8th, '99 and said", ["5th of the 8th, '99"]),
        ("Date of birth on the Ukrainian paper was 28 лютого 2001.", ["28 лютого 2001"]),
        ("We met on the first of the month. On 12/03/2024 we met.", []),
    ],
)
def test_dates_of_birth_round7(text: str, expected: list[str]) -> None:
    assert spans(find_dates_of_birth(text, today_year=2026), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on the lab system: sample L25.0117736, INR 5.8.", ["L25.0117736"]),
        ("where their gran was resident no. RES-117.", ["RES-117"]),
        ("carer approval numbers are SLC-0091 for Gloria and SLC-0114 for Honey.", ["SLC-0091", "SLC-0114"]),
        ("Bed no. 12 and room 104, ward 7 at 10:30. MRN 123.", []),
    ],
)
def test_record_numbers_round7(text: str, expected: list[str]) -> None:
    assert spans(find_hospital_numbers(text), text) == expected


def test_other_types_round7() -> None:
    text = (
        "stuck in a lift at Kingfisher Tower, LS9 8AZ. She was in Room 214, Lupton Residences. The Town Hall, LS1 1UR."
    )
    assert spans(find_addresses(text), text) == ["Kingfisher Tower", "Room 214, Lupton Residences"]
    text = "Replacement's yx70 hkb from the reserve; the ab12 cde"
    assert spans(find_vehicle_regs(text), text) == ["yx70 hkb"]
    text = "following her on Roblox (she's KenyaQueen_2014) only after asking"
    assert spans(find_handles(text), text) == ["KenyaQueen_2014"]
    assert url_names_a_person("roisinwrites.example.com/nursing")
    assert url_names_a_person("https://willowfoxwrites.example.com/about")
    assert not url_names_a_person("https://www.nice.org.uk/guidance/ng51")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Before Royal was born. Zarmina's phone is 07700 900 815. Mum is Zarmina.", ["Zarmina"]),
        ("Mary said Storm had never slept apart from Summer. Summer is nine.", ["Summer"]),
        ("We booked the room for Blue Harrington, 9. Blue hated it.", ["Blue"]),
        ("Paddy (dad) had the generator going within an hour.", ["Paddy"]),
        ("I want to talk about the Ward family, because we got some of it right.", ["Ward"]),
        (
            "Mary Ward has five children. Colm: Right, first is Mickey Ward. Mickey Ward rang.",
            ["Mary Ward", "Mickey Ward"],
        ),
        ("The call-taker was Bronwen, she did. His district nurse is Nadia from Holme Valley.", ["Bronwen", "Nadia"]),
        ("Patient was Kerry-Ann Robinson, she called herself KA. KA rang again.", ["KA"]),
        ('Some of the staff call him "JJ" and JJ said so.', ["JJ"]),
        ("Sunny - real name Sandeep - helped me carry the sharps box.", ["Sunny", "Sandeep"]),
        ("James McPhee on the system, Jim to his sister - was in the toilets.", ["Jim"]),
        ('a lady called Florence who was known to everybody as "Nan". Florence was lovely.', ["Florence"]),
        ("Lorna Baird: And Rab?\nrab mcgowan: Rab's fine.\nrab mcgowan: My CHI's on my keyring.", ["mcgowan"]),
        ("The site (https://www.example.org/apply?ref=amber-baker-2008). Amber Baker, 16, was angry.", ["amber-baker"]),
    ],
)
def test_names_round7(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "We moved him to Rose Ward. Mary Seacole Ward was busy. On Jasmine Ward 4 it is full.",
            ["Rose Ward", "Mary Seacole Ward", "Jasmine Ward"],
        ),
        (
            "It was ten. The ward is busy. The pharmacy was open. Leeds is nine miles. The nurse is here.",
            ["Leeds is nine miles"],
        ),
        ("good morning: all here\nnext item: the rota", ["good morning: all here"]),
        ('Talking to his mum. He called himself "Big Tel". Big thanks to all.', ["Talking to his mum", "Big thanks"]),
        ("a man called 'Big Will', who was on Instagram. Big thanks to all. Will we go?", ["Big thanks", "Will we go"]),
    ],
)
def test_kept_round7(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


def test_record_fields_that_name_people_are_known_names(model_redactor: Redactor) -> None:
    from storymine.ingest.metadata import mentioned_people

    record = {
        "child_name": "Storm Ward",
        "siblings": "Johnny, Summer, Bridget (9) and Paddy",
        "child": {"name": "Blue Harrington", "dob": "2015-05-02"},
        "la_case_ref": "CV-EH-118822",
        "manager": "Ward manager",
        "staff": "HCA",
    }
    names = mentioned_people(record)
    assert names == ("Storm Ward", "Johnny", "Summer", "Bridget", "Paddy", "Blue Harrington")
    out = model_redactor.redact_document(["Storm and Johnny came; Blue hated the lights."], known_names=names)
    assert out.texts[0] == "[PERSON_1] and [PERSON_2] came; [PERSON_3] hated the lights.", out.texts[0]


def test_siblings_listed_after_a_cue(model_redactor: Redactor) -> None:
    out = model_redactor.redact("We sat with the twins (Gift & Miracle) in high chairs; twins Gift/Miracle again.")
    assert "Gift" not in out and "Miracle" not in out, out
