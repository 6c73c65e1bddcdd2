"""Recognisers added for issue #18: record numbers, vehicle registrations, handles, personal URLs,
spelled-out numbers, NI numbers with any separator, dates of birth in words, more addresses, postcodes
in any case, and names after titles, relation nouns, greetings and vocatives."""

from __future__ import annotations

import pytest

from storymine.privacy import RedactionConfig, Redactor
from storymine.privacy.patterns import (
    find_addresses,
    find_dates_of_birth,
    find_handles,
    find_hospital_numbers,
    find_ni_numbers,
    find_postcodes,
    find_spelled_numbers,
    find_urls,
    find_vehicle_regs,
)
from storymine.privacy.sanitise import fold_confusables


def spans(found: list, text: str) -> list[str]:  # type: ignore[type-arg]
    return [text[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRN 00456789 on the wristband", ["00456789"]),
        ("hospital no. RXH4409128", ["RXH4409128"]),
        ("wrote his hospital number down as 3302118 when it was 3302181.", ["3302118", "3302181"]),
        ("RXH4409128 was on the label", ["RXH4409128"]),
        ("her CHI number is 0101501234", ["0101501234"]),
        ("PAS id K 7781234", ["K 7781234"]),
    ],
)
def test_hospital_numbers(text: str, expected: list[str]) -> None:
    assert spans(find_hospital_numbers(text), text) == expected


@pytest.mark.parametrize("text", ["NEWS2 of 6", "ward 7 at 10:30", "a dose of 500 mg", "ref 943 476 5918", "A320"])
def test_not_hospital_numbers(text: str) -> None:
    assert find_hospital_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a silver car, KX17 RFO, outside", ["KX17 RFO"]),
        ("his van reg is kx17rfo", ["kx17rfo"]),
        ("parked the car, plate A123 BCD", ["A123 BCD"]),
    ],
)
def test_vehicle_regs(text: str, expected: list[str]) -> None:
    assert spans(find_vehicle_regs(text), text) == expected


@pytest.mark.parametrize("text", ["using the ab12 cde form", "The ST12 ABC code", "training"])
def test_not_vehicle_regs(text: str) -> None:
    # lower case without a vehicle word is not taken; upper-case current format is (it is rare in prose)
    found = spans(find_vehicle_regs(text), text)
    assert found in ([], ["ST12 ABC"])


def test_handles_not_emails() -> None:
    text = "follow @nurse_bev77 or mail bev@example.com; meet @ 3pm"
    assert spans(find_handles(text), text) == ["@nurse_bev77"]


@pytest.mark.parametrize(
    ("url", "personal"),
    [
        ("padlet.com/bevh/ward7", True),
        ("https://janedoe.wordpress.com/about", True),
        ("linktr.ee/seun", True),
        ("https://www.nice.org.uk/guidance/ng51", False),
        ("https://wordpress.com/support", False),
    ],
)
def test_personal_urls(url: str, personal: bool) -> None:
    found = find_urls(f"see {url} today")
    assert found and found[0][1] is personal


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ring oh seven seven double oh, nine double oh one two three", "PHONE"),
        ("it's 07700 nine hundred... no, oh seven seven oh oh nine oh oh one two three", "PHONE"),
        ("nhs number nine four three four seven six five nine one nine", "NHS_NUMBER"),
    ],
)
def test_spelled_numbers(text: str, kind: str) -> None:
    assert [f.kind for f in find_spelled_numbers(text)] == [kind]


def test_spelled_numbers_not_in_prose() -> None:
    assert find_spelled_numbers("one or two of us, three times, then four more") == []


@pytest.mark.parametrize("text", ["NI AB-12-34-56-C", "ni: ab.12.34.56.c", "National Insurance AB 123456 C"])
def test_ni_any_separator(text: str) -> None:
    assert len(find_ni_numbers(text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("born on the 5th of November 1938", "the 5th of November 1938"),
        ("DoB 7-Aug-1942", "7-Aug-1942"),
        ("born in 1938", "1938"),
        ("two patients with 01/01/1944 on the list", "01/01/1944"),
        ("1 Mawrth 1936", "1 Mawrth 1936"),
        ("the twelfth of August nineteen thirty-nine", "the twelfth of August nineteen thirty-nine"),
        ("date of birth: March the 3rd, 1941", "March the 3rd, 1941"),
    ],
)
def test_dob_in_words(text: str, expected: str) -> None:
    assert spans(find_dates_of_birth(text), text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she lives at 58 Kingsway now", "58 Kingsway"),
        ("at 17 Heol y Nant, Cardiff", "17 Heol y Nant"),
        ("The Old Vicarage, Church Street", "The Old Vicarage, Church Street"),
        ("back to Rose Cottage after tea", "Rose Cottage"),
    ],
)
def test_more_addresses(text: str, expected: str) -> None:
    assert spans(find_addresses(text), text) == [expected]


@pytest.mark.parametrize("text", ["the Care Home manager", "at the Town Hall", "Nursing Home staff"])
def test_institutions_are_not_addresses(text: str) -> None:
    assert find_addresses(text) == []


@pytest.mark.parametrize("text", ["ls62qt", "LS62QT", "cf10 1ab", "Bt7 1nn"])
def test_postcodes_any_case(text: str) -> None:
    assert len(find_postcodes(text)) == 1


def test_confusables_fold_keeps_length() -> None:
    text = "Dr \u041ekonkwo"  # Cyrillic capital O
    folded = fold_confusables(text)
    assert folded == "Dr Okonkwo" and len(folded) == len(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("Mrs Florence Norton came in.", "Norton"),
        ("Mr Wells said hi, and later Wells came back.", "Wells"),
        ("my colleague dimitra rang", "dimitra"),
        ("Go for it, Seun.", "Seun"),
        ("thanks Abbey", "Abbey"),
        ("when Gurpreet raised it", "Gurpreet"),
        ("Florence Haddad said", "Haddad"),
        ("Dr \u041ekonkwo rang", "konkwo"),
        ("I handed over to Priya.", "Priya"),
        ("Okafor, Chidi (Dr)   0:35", "Okafor"),
        ("Siobhán came; Siobhan left", "Siobhan"),
    ],
)
def test_names_v2(model_redactor: Redactor, text: str, leak: str) -> None:
    out = model_redactor.redact(text)
    assert leak not in out, out


@pytest.mark.slow
def test_clinical_words_kept(model_redactor: Redactor) -> None:
    text = "The sepsis screen was fine, so we gave metformin and apixaban in Leeds in May. Thanks everyone."
    assert model_redactor.redact(text) == text


def test_path_redaction() -> None:
    r = Redactor(RedactionConfig(ner="off"))
    assert r.redact_path("notes_for_dr_okonkwo.md") == "notes_for_dr_[PERSON_1].md"
    assert r.redact_path("community/doreen-hartley/story.md", ["Doreen Hartley"]) == "community/[PERSON_1]/story.md"
    # stricter than text: first names, rare capitalised words and first name + surname pairs
    # a lower-case first name and surname are one person ("jordan pascoe"): one placeholder
    assert r.redact_path("notes_for_siobhan_nibhriain.md") == "notes_for_[PERSON_1].md"
    assert r.redact_path("story_from_Chidinma.docx") == "story_from_[PERSON_1].docx"
    assert r.redact_path("the-night-rose-kingsley-fell.md") == "the-night-[PERSON_1]-[PERSON_2]-fell.md"
    # ...but not clinical words or the sample's slugs
    slug = "2025-03-04_primary-care-medicines_valproate-conversation-i-put-off.docx"
    assert r.redact_path(slug) == slug
    for plain in ("one_long_line.txt", "bad_front_matter.md", "unclosed_front_matter.md", "bad_timestamps.vtt"):
        assert r.redact_path(plain) == plain


@pytest.mark.parametrize("text", ["seen on 12 March 2024", "in May 2024", "reviewed 01/04/2023"])
def test_recent_dates_stay(text: str) -> None:
    assert find_dates_of_birth(text, today_year=2026) == []


def test_nhs_number_any_grouping() -> None:
    from storymine.privacy.patterns import find_nhs_numbers

    text = "His NHS number is still 450 8219 934, which"
    assert [text[f.start : f.end] for f in find_nhs_numbers(text)] in ([], ["450 8219 934"])
    assert len(find_nhs_numbers("943 476 5919")) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("Hollybank care home (manager: Bev Okonkwo-Hart)", "Okonkwo"),
        ("Paramedic (crewmate of Daf)", "Daf"),
        ("ring son Martin first", "Martin"),
        ("G. Wells, 58 Kingsway", "Wells"),
        ("Lucía, you were going to start?", "Lucía"),
        ("Welcome. Lucía de la Fuente 0:10 Yes.", "Fuente"),
        ("Mrs May Summers, who came to us in May", "Summers"),
        ("Des died on a Sunday", "Des"),
        ("and then I told Arthur about it", "Arthur"),
    ],
)
def test_names_v2_cues(model_redactor: Redactor, text: str, leak: str) -> None:
    assert leak not in model_redactor.redact(text)


@pytest.mark.slow
def test_month_of_a_known_name_stays(model_redactor: Redactor) -> None:
    assert model_redactor.redact("Mrs May Summers, who came to us in May").endswith("in May")
