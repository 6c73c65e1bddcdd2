"""Recogniser round 22 (issue #18): rural homes, plates from abroad, a surname that is an everyday adjective, a
date of birth answered a turn later; and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.patterns import find_addresses, find_vehicle_regs

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a home's name after "at", right before its postcode; a listed town there stays
        ("I am 74, I farm at Glanrhyd, LD2 3HX, and I have no signal.", ["Glanrhyd", "LD2 3HX"], ["I farm at"]),
        ("We met at Leominster, HR6 8NZ on Monday.", ["HR6 8NZ"], ["Leominster"]),
        # a named home with a house or street word, or a Welsh one with its article, and the village after it
        ("Access to the bed at Rose Bank, Cradley was through newspapers.", ["Rose Bank"], ["newspapers"]),
        ("Mr Pugh-Jones at Y Felin, Penegoes had his INR done.", ["Y Felin", "Pugh-Jones"], ["INR"]),
        ("She is at Home Farm, Kington now.", ["Home Farm"], ["Kington now"]),
        # an area or a landmark is no one's home
        ("We trained at Tower Hill, London, then at Canary Wharf, London.", [], ["Tower Hill", "Canary Wharf"]),
        ("He was at Queen Elizabeth Hospital, Birmingham.", [], ["Queen Elizabeth Hospital"]),
        ("He appeared at Crown Court, Leeds, then at Magistrates Court, Hereford.", [], ["Crown Court", "Magistrates"]),
    ],
)
def test_round22_homes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("letter for Roy Hadley posted to Roy Hadlow, 7 Bargates, Leominster. He rang", "7 Bargates"),
        ("someone put her address in the whatsapp, number 9 Cornmarket, and the phone got lost", "9 Cornmarket"),
        ("Our workers live at Four Acres Camp, Static 14 etc., WR11 7QP, and the post", "Four Acres Camp"),
    ],
)
def test_round22_streets_without_a_street_word(text: str, street: str) -> None:
    assert any(street in text[f.start : f.end] for f in find_addresses(text))


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, 3 March, we met.",
        "Bed 4, 12 Units of insulin",
        "In cohort 2, 14 Nurses, and",
        "two engines, 3 IA Dispatchers, and a crew boss",
    ],
)
def test_round22_numbers_and_words_are_not_streets(text: str) -> None:
    assert find_addresses(text) == []


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("drove her to Evesham in the farm minibus (PO 5KW21, Polish plates, which confused the car park)", "PO 5KW21"),
        ("the health bus, J 41877, parked by the school", "J 41877"),
    ],
)
def test_round22_plates_from_abroad(text: str, plate: str) -> None:
    assert [text[f.start : f.end] for f in find_vehicle_regs(text)] == [plate]


@pytest.mark.parametrize(
    "text",
    [
        "paracetamol PO 1000MG given before she drove home",
        "drove past the A 4103 junction and on to the M 6",
        "the PO 5KW21 batch was recalled",  # no vehicle word in the sentence
        "story AM-0004: she drove home after the shift",  # a record id
    ],
)
def test_round22_doses_roads_and_codes_are_not_plates(text: str) -> None:
    assert find_vehicle_regs(text) == []


def test_round22_a_surname_that_is_an_adjective(model_redactor: Redactor) -> None:
    text = "Dentist prescribed mouthwash for Mrs Little's gums. Little by little she improved; Mr Young said so."
    out = model_redactor.redact_document([text]).texts[0]
    assert_redacted(out, ["Mrs Little's", "Mr Young"], ["Little by little"])
    assert "Big Al said" not in model_redactor.redact_document(["Big Al said hi. It was a big day."]).texts[0]


def test_round22_dates_of_birth_asked_for_a_turn_before(model_redactor: Redactor) -> None:
    asked = "and do we have the kids' dates of birth, cos I'll need to find them on the children's records"
    answer = "martin is the fourteenth of june 2021, the girls i'd have to look."
    out = model_redactor.redact_document([asked, answer]).texts[1]
    assert "fourteenth of june 2021" not in out
    # a date in a turn after one that does not ask for a birth date stays
    kept = model_redactor.redact_document(["when was the review?", "it was the fourteenth of june 2021"]).texts[1]
    assert "fourteenth of june 2021" in kept


def test_round22_a_speakers_short_form_that_is_also_a_clinical_word(model_redactor: Redactor) -> None:
    texts = ["How did that feel, Ed, walking in and finding him?", "I take Ed's point. He went to ED by ambulance."]
    out = model_redactor.redact_document(texts, known_names=["Edward Parry-Jones"]).texts
    assert_redacted(" ".join(out), ["Ed,", "Ed's"], ["went to ED by ambulance"])
    # without a speaker of that name "Ed" is left to the other rules, and the department stays
    assert "went to ED" in model_redactor.redact_document(["He went to ED. Then home."]).texts[0]


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("debbie rang the family. the granddaughter is lily, only 15.", ["lily"], ["granddaughter is"]),
        ("her son is called dean.", ["dean"], ["her son is called"]),
        ("the granddaughter is upset, the mum is fine.", [], ["is upset", "is fine"]),
        ("the son is will, he said", [], ["is will"]),
    ],
)
def test_round22_a_relations_name_in_lower_case(
    model_redactor: Redactor, text: str, gone: list[str], kept: list[str]
) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)
