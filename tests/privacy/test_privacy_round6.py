"""Recogniser round 6 (issue #18): what three new independent red-team corpora (dev6, dev7, dev8) showed.

Record numbers of systems nobody listed (an acronym or a CamelCase system name and a number, codes in
three or more groups, prison and pupil numbers, codes read out letter by letter, EPS tokens), birth dates
read out as numbers and other dates in a birth cue's sentence, names in speech-recognition text (lower-case
first name and surname, "tess here", "mister iqbal", rare listed names in lower case), names with a role
("Florence is the receptionist"), names joined to a found name ("Rose and Ivy"), rare listed names
anywhere ("(Edna, 91)"); and what must stay (standards, financial years, quarters, dates, ward names).
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.patterns import find_dates_of_birth, find_hospital_numbers


def spans(found: list, text: str) -> list[str]:  # type: ignore[type-arg]
    return [text[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("And her PMR is PMR 90417, her CD register entry.", ["90417"]),
        ("His PMR is PMR-KL 30418.", ["30418"]),
        ("Agency record PASS 22817.", ["22817"]),
        ("ChildView CV 40712. ChildView 40855, for the file.", ["CV 40712", "40855"]),
        ("Lab rejected it (lab no IP25/H117732) which was right.", ["IP25/H117732"]),
        ("EPS token A7F3C2-B81004-4E9T1K.", ["A7F3C2-B81004-4E9T1K"]),
        ("her prison number from her last sentence (A4412BK) was on the file", ["A4412BK"]),
        ("Careworks CW88123.", ["CW88123"]),
        ("UPN E330220619004.", ["E330220619004"]),
        ("Referral ref for her, FIRESET-2291.", ["FIRESET-2291"]),
        ("OASys OASYS-3390-114.", ["OASYS-3390-114"]),
        ("sample 25-HA-004417 haemolysed", ["25-HA-004417"]),
        ("frequent caller plan FC-0291.", ["FC-0291"]),
        ("PH/24/118374 and ph-24-118374 and dn/bex/00417", ["PH/24/118374", "ph-24-118374", "dn/bex/00417"]),
        ("resident no. R-0231 has", ["R-0231"]),
        ("R J Z 4 4 8 1 0 2 9. And the handover", ["R J Z 4 4 8 1 0 2 9"]),
        ("prints the MRN as RJZ4481029/A with a check letter", ["RJZ4481029/A"]),
        ("Re: Mrs Begum - SystmOne 5542-1187-0093", ["5542-1187-0093"]),
        ("the file 13/145678/23 was closed", ["13/145678/23"]),
    ],
)
def test_record_numbers_round6(text: str, expected: list[str]) -> None:
    assert spans(find_hospital_numbers(text), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We follow ISO-27001-2013 and ISO 27001 and BS 25999.",
        "It cost GBP 12000 in 2023/24/25; Q3-2024-25 figures; COVID-19; NICE NG-51.",
        "Dates 2024-03-14 and 14/03/2024-15/03/2024, 3-4/7/2025, 10-15-20 mins.",
        "id: RES-0047",  # a front-matter id is the story's own
    ],
)
def test_not_record_numbers_round6(text: str) -> None:
    assert find_hospital_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date of birth on the call was 01/09/2011 and on our system it was 01/09/2012.", ["01/09/2011", "01/09/2012"]),
        ("He gave his date of birth as 'the fourth of June thirty-seven' and", ["the fourth of June thirty-seven"]),
        ("His daughter read the date of birth as oh four oh six three seven.", ["oh four oh six three seven"]),
        ("Born sixteen oh four forty-four he always says.", ["sixteen oh four forty-four"]),
        ("birthday is on the plan as 3rd of June 2012 and at school as 06/03/2012", ["3rd of June 2012", "06/03/2012"]),
    ],
)
def test_dates_of_birth_round6(text: str, expected: list[str]) -> None:
    assert spans(find_dates_of_birth(text, today_year=2026), text) == expected


def test_event_dates_in_a_birth_sentence_stay() -> None:
    text = "DoB 01/02/1950, admitted on 03/04/2025 and seen 05/04/2025."
    assert spans(find_dates_of_birth(text, today_year=2026), text) == ["01/02/1950"]
    assert find_dates_of_birth("He was born in one of those years.", today_year=2026) == []


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ('he said "see you Florence" - Florence is the receptionist, not the nurse.', ["Florence"]),
        ("Rose and Ivy are twins, 91. Rose is dying; Ivy will not leave her.", ["Rose", "Ivy"]),
        ("Hi Hope. How are you doing? Hope you're taking some leave as well.", ["Hope"]),
        ("Falls on the round;jordan (the carer, not the country) found Mr Sivakumar", ["jordan", "Sivakumar"]),
        ("and can I say, mike, the son-in-law, was amazing", ["mike"]),
        ("the second visit was mister iqbal, mohammed iqbal, in Gorleston", ["iqbal", "mohammed"]),
        ("mr cyril hocking's key safe code had been changed", ["cyril", "hocking"]),
        ("OK, so this is our session. Tsvetelina, start with the complaint?", ["Tsvetelina"]),
        ("That's Mihai's. Transcribed by otter", ["Mihai"]),
        ("Called out at 2am to Mrs Pengelly (Edna, 91) at home.", ["Edna", "Pengelly"]),
        ("The registrar was Dr Nikos, Papadopoulou, she talked me through it.", ["Nikos", "Papadopoulou"]),
        ("also the young one, jordan pascoe, he came for the emergency slot", ["jordan", "pascoe"]),
        ("tess here. As the coordinator I took the referral.", ["tess"]),
        ("so the story is winnie, mrs hewitt, the one in Great Yarmouth", ["winnie", "hewitt"]),
        ("the first one is mister kowal check, dariusz, I can never say it, kowalczyk.", ["dariusz", "kowalczyk"]),
    ],
)
def test_names_round6(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Will we ever learn? Ask Will.", ["Will we ever learn"]),
        ("See you Monday. The pharmacy is the lead. Reception is the key.", ["Monday", "pharmacy", "Reception"]),
        ("a jack russell on a sandy beach with will power; the rose bush. may day.", ["jack russell", "sandy beach"]),
        ("Rashida: priya said so", ["said so"]),
        ("Edna Ward was busy and Willow Ward too.", ["Edna Ward", "Willow Ward"]),
        ("the dr said no. mr and mrs came.", ["the dr said no. mr and mrs came."]),
        ("I didn't know where the major haemorrhage box was.", ["major haemorrhage box"]),
        ("Tamsin: The woman was Precious Nwosu, 31. Syntocinon, carboprost, then theatre.", ["Syntocinon"]),
        ("She came home from Queen Elizabeth Hospital Gateshead yesterday.", ["Queen Elizabeth Hospital"]),
    ],
)
def test_kept_round6(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Tyler (14) had been on our waiting list for 31 weeks", ["Tyler"]),
        ("Mr Rose (first name Winston) was ninety. We printed the photo of Winston.", ["Winston"]),
        ("Mr Silva (Joe on the ward, Pedrinho to his family) was handed over", ["Pedrinho"]),
        ("The girl, Amber, gave a false name (Jade). I was the liaison nurse", ["Jade"]),
        ("Nasren (sic - I typed it wrong for a week) said she", ["Nasren"]),
        ("someone else's wristband: AMANKWAH, KWAME MM0482291. Our records", ["AMANKWAH", "KWAME"]),
        ("| 1 | OSEI, Abena | 12/04/1938 |\n| 3 | McCarthy, Bridget | NWB |", ["OSEI", "Abena", "McCarthy", "Bridget"]),
        ("hannah: ok so this is the group.\nbill: yeah.\nhannah: what's the learning\nbill: £300.", ["hannah", "bill"]),
        ("so Memory, you know Memory Chikwanha, the lady from Zimbabwe", ["Memory", "Chikwanha"]),
        ("Amber Baker, 16. The site (https://www.example.org/apply?ref=amber-baker-2008) lost it.", ["amber-baker"]),
    ],
)
def test_names_round6_cues(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


def test_known_names_round6(model_redactor: Redactor) -> None:
    texts = ["Who found it, Thu? We met on Thu 12th and in May. yeah so bill said the bill was 300."]
    out = model_redactor.redact_document(texts, known_names=["Thu Dang", "bill"]).texts[0]
    assert "Thu?" not in out and "on Thu 12th" in out and "in May" in out, out
    assert "bill" not in out, out  # a name given in lower case is matched in any case
    out = model_redactor.redact_document(["Ask May. May I go? May 2024."], known_names=["May Summers"]).texts[0]
    assert out == "Ask [PERSON_1]. May I go? May 2024.", out


def test_sentence_adverbs_are_not_names(model_redactor: Redactor) -> None:
    out = model_redactor.redact("Later Des said it. Later on we left. Sadly Doreen died.")
    assert out.startswith("Later [PERSON_1] said it. Later on we left. Sadly [PERSON_2]"), out


def test_codes_and_dates_round6_more() -> None:
    text = "I've seen 4481029, rjz 448 1029, and once just the one. Mum's is 3rd of the 9th, 1950."
    assert spans(find_hospital_numbers(text), text) == ["4481029", "rjz 448 1029"]
    assert spans(find_dates_of_birth(text, today_year=2026), text) == ["3rd of the 9th, 1950"]


def test_repeated_lower_labels_across_paragraphs(model_redactor: Redactor) -> None:
    # a story's paragraphs are separate texts: the labels are counted over the document
    paras = [
        "hannah: ok so this is the group. bill do you want to start",
        "bill: yeah. so Memory, you know Memory Chikwanha, the lady",
        "hannah: what's the learning though",
        "bill: £300. christ.",
        "gift: me. a young man, care leaver, twenty.",
        "gift: and his email still had his old school on it",
    ]
    out = " ".join(model_redactor.redact_document(paras).texts)
    for word in ("hannah", "bill", "gift", "Memory"):
        assert word not in out, out
    kept = model_redactor.redact_document(["note: one", "note: two", "outcome: x", "outcome: y"]).texts
    assert list(kept) == ["note: one", "note: two", "outcome: x", "outcome: y"]
