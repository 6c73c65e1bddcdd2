"""Recogniser round 5 (issue #18): what two new independent red-team corpora (dev4, dev5) showed.

Local reference codes with separators, codes broken over a line, Roman-numeral and spoken-year birth
dates, Gaelic/Welsh house names, lower-case streets, personal sites named after people, nicknames between
names, "call me X", spelt-out names, short forms of found names; and what must stay (eponymous
conditions, places named after people, story ids).
"""

from __future__ import annotations

import pytest

from storymine.ingest.transcripts import is_otter_head
from storymine.privacy import Redactor
from storymine.privacy.names import url_names_a_person
from storymine.privacy.patterns import find_addresses, find_dates_of_birth, find_hospital_numbers


def spans(found: list, text: str) -> list[str]:  # type: ignore[type-arg]
    return [text[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The wristband said RID-3327, and the MAR said RID-3372.", ["RID-3327", "RID-3372"]),
        ("**Supported living ID:** SL-BEL-00142", ["SL-BEL-00142"]),
        ("Ref AB-HC-20331 and JES-LOAN-24-18833", ["AB-HC-20331", "JES-LOAN-24-18833"]),
        ("filed as ASG/BHSCT/2025/00417 today", ["ASG/BHSCT/2025/00417"]),
        ("Her case-note number is C/45678/B.", ["C/45678/B"]),
        ("Datix number IR-77431.", ["IR-77431"]),
        ("Resident Mabel (RES-0047) fell.", ["RES-0047"]),
        ("The CT request (ICE 7HK2219) was for her", ["7HK2219"]),
        ("ePCR number 2401-88341.", ["2401-88341"]),
        ("| WPAS | A 118 274 |", ["A 118 274"]),
        ("the day centre system, DC 00318, isn't on the list", ["DC 00318"]),
        ("Mr Lowry in bed 14: RXH 009\n1127, NEWS2 6", ["RXH 009\n1127"]),
        ("PACS ID Z9910230, old number 77-11-32", ["Z9910230", "77-11-32"]),
    ],
)
def test_reference_codes(text: str, expected: list[str]) -> None:
    assert spans(find_hospital_numbers(text), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "AM-0001,A NEWS2 of 3 that looked like a 7,Acute Medicine",  # a spreadsheet's own story id
        '{"id": "CN-0023", "title": "I assumed it was the bag"}',
        "ISO-9001, COVID-19, COVID-2019, FY-2025, BS-8300, NG-1234, Q3-2024, ward B-12, HTM-01-05",
        "SARS-CoV-2 and the A-1234 road",
        "seen on 14-03-25 at 10:30",
    ],
)
def test_not_reference_codes(text: str) -> None:
    assert find_hospital_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('the request said "Mrs O\'SULLIVAN, 23.iv.52"', ["23.iv.52"]),
        ("born 4/XI/1938 in Leith", ["4/XI/1938"]),
        ("she was born nineteenth of March thirty-six, has Korsakoff's", ["nineteenth of March thirty-six"]),
        ("DOB the 3rd of May, forty-one", ["the 3rd of May, forty-one"]),
    ],
)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert spans(find_dates_of_birth(text, today_year=2026), text) == expected


def test_recent_roman_date_is_not_a_birth_date() -> None:
    assert find_dates_of_birth("the audit on 3.xi.2025", today_year=2026) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives alone at 4 Cnoc na Mòine, HS2 0QZ", ["4 Cnoc na Mòine"]),
        ("EMIS had 47 westmuir st and the new place", ["47 westmuir st"]),
        ("lives alone in Tigh-na-Bruaich, Kenmore", ["Tigh-na-Bruaich"]),
        ("| Address | Ty'n y Coed, Llanfoist |", ["Ty'n y Coed"]),
        ("Mrs Chen at\nFlat 9\nHarbour View", ["Flat 9", "Harbour View"]),  # the street line too (round 17)
    ],
)
def test_addresses(text: str, expected: list[str]) -> None:
    assert spans(find_addresses(text), text) == expected


@pytest.mark.parametrize("text", ["we used 4 each way", "give 2 tablets daily", "lying flat for 2 hours"])
def test_not_addresses(text: str) -> None:
    assert find_addresses(text) == []


@pytest.mark.parametrize(
    ("url", "personal"),
    [
        ("http://kirstystrachan.example.com/dad-and-the-night-call", True),
        ("https://carysandeifion.example.org/2025/03/our-week", True),
        ("https://padlet.example.com/janedoe/board", True),
        ("https://www.nice.org.uk/guidance/ng51", False),
        ("https://www.macmillan.org.uk/cancer-information-and-support", False),
        ("https://www.skillsforcare.org.uk/resources", False),
        ("https://www.stjohnambulance.org.uk/first-aid", False),
    ],
)
def test_url_named_after_a_person(url: str, personal: bool) -> None:
    assert url_names_a_person(url) is personal


@pytest.mark.parametrize(
    "line",
    ["lavinia.m   0:40", "Rowena dela Cruz  0:01:29", "Okafor, Ngozi (Dr)  0:35", "Mererid (Guest)   0:42"],
)
def test_otter_heads_in_any_case(line: str) -> None:
    assert is_otter_head(line)


def test_otter_head_is_a_whole_line() -> None:
    assert not is_otter_head("12 people  0:40 and more")


@pytest.mark.parametrize(
    ("text", "leaked", "kept"),
    [
        ('Outreach nurse Desmond "Des" Achterberg arrived. Later Des said it was fine.', ["Des", "Achterberg"], []),
        ("The nurse in charge, Charlotte (Lottie) Beaumont, came.", ["Charlotte", "Lottie", "Beaumont"], []),
        ("Siobhan Ruddy (everyone calls him Darek) attends.", ["Darek"], []),
        ('Mum\'s boyfriend (we only ever knew him as "Mikey") came.', ["Mikey"], []),
        ("I'm Ruaraidh, most folk call me Roddy.", ["Roddy"], []),
        ("His name was Oisin -- he spelt it for me, O-I-S-I-N, to be sure.", ["O-I-S-I-N"], []),
        ("Our comms lead, Will, asked for a Datix. Will we ever get the screen moved?", [], ["Will we"]),
        ("Her ex, Jordan, turned up at the house.", ["Jordan"], []),
        ("Lily-Mae met a man on Facebook.", ["Lily-Mae"], []),
        ("The wristband had only 'A. NIC GIOLLA'.", ["NIC GIOLLA"], []),
        ("Rowena dela Cruz took a photo. It worked. Ro is a star.", ["Ro is"], []),
        ("Caroline Webb came. Car park was full.", ["Caroline"], ["Car park"]),
        ('the request said "Mrs O\'SULLIVAN, born 1952"', ["SULLIVAN"], []),
        ("Paddy. Mr Ó Súilleabháin. He showed me the photo again.", ["Paddy"], []),
        ("i told dave and he said fine", ["dave"], []),
        ("We gave it to Will for the audit. Will we go?", ["to Will"], ["Will we go"]),
        ("JENNY: I think so", ["JENNY"], []),
        ("[Tomasz] yes agreed", ["Tomasz"], []),
        ("Mum (Agnieszka) was upset.", ["Agnieszka"], []),
        ("The Emergency Department at Leeds General Infirmary and Ward 12.", [], ["Ward 12"]),
        ("Mrs May Summers, who came to us in May", ["Summers"], ["in May"]),
        ("Lovely. Right. Brilliant. Sister Ward came.", [], ["Lovely. Right. Brilliant."]),
    ],
)
def test_names(model_redactor: Redactor, text: str, leaked: list[str], kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for value in leaked:
        assert value not in out, out
    for value in kept:
        assert value in out, out


@pytest.mark.parametrize(
    "term",
    [
        "Guillain-Barré syndrome",
        "Stevens-Johnson syndrome",
        "Parkinsonism",
        "Apgar",
        "Prader-Willi",
        "Marie Curie nurse",
        "Royal Oldham Hospital",
        "Rose Garden lounge",
        "Mary Seacole Ward",
    ],
)
def test_eponyms_stay(model_redactor: Redactor, term: str) -> None:
    text = (
        "Carer Rose charted every drink. He had Guillain-Barré syndrome and later Stevens-Johnson syndrome. "
        "Mabel has Lewy body dementia and Parkinsonism; the crew took her to Royal Oldham Hospital. The Apgar "
        "scores were 9 and 10. Food plan (Prader-Willi). The Marie Curie nurse was going in. Discharged from "
        "Mary Seacole Ward. Our Rose Garden lounge is named after the garden."
    )
    assert term in model_redactor.redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supported living ID: SL-BEL-0142\nKey worker: me", ["SL-BEL-0142"]),
        ("Resident ID: RES-0047", ["RES-0047"]),
        ("id: RES-0047", []),  # a front-matter id is the story's own
    ],
)
def test_own_id_is_only_a_key_of_its_own(text: str, expected: list[str]) -> None:
    assert spans(find_hospital_numbers(text), text) == expected


def test_a_date_in_a_path_stays(rules: Redactor) -> None:
    assert rules.redact_path("2025-04-03_duty_handover-notes.md").startswith("2025-04-03_")


def test_a_role_before_a_name_stays(model_redactor: Redactor) -> None:
    out = model_redactor.redact("Our HCA Precious noticed the rash first. Florence Haddad came.")
    assert out.startswith("Our HCA [PERSON_"), out
    assert "Florence" not in out and "Haddad" not in out


def test_namesakes_in_the_plural(model_redactor: Redactor) -> None:
    doc = model_redactor.redact_document(
        ["Two Mr Khans in Majors", "We had two patients called Mr Khan. The Patels came too; Mrs Patel signed."]
    )
    assert "Khans" not in doc.texts[0] and "Patels" not in doc.texts[1], doc.texts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("hospital number four four zero nine one two eight, she said", True),
        ("unit number is oh-one-two-three-four-five-six", True),
        ("She had number two, three and four done.", False),
        ("I have one or two ideas, maybe three or four.", False),
    ],
)
def test_record_numbers_read_out(text: str, found: bool) -> None:
    from storymine.privacy.patterns import find_spelled_numbers

    assert any(f.kind == "HOSPITAL_NUMBER" for f in find_spelled_numbers(text)) is found
