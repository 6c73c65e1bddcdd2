"""Recogniser round 19 (issue #18): what new independent corpora showed the rules did not see, generalised;
and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # "know … as" is an alias cue with an object, "only" or a quote; "what we know as Christians" is none
        ("What we know as Christians is love.", [], ["Christians"]),
        ("a lad I know as 'Smiler' came. I only know as Jonno the other one.", ["Smiler", "Jonno"], ["a lad"]),
        # what someone is called may be a relation or a pet name
        ("She always called her Mum when scared; the lads called him Boss.", [], ["Mum", "Boss"]),
        ("They called him Kenny. We call her Precious.", ["Kenny", "Precious"], ["They called him"]),
    ],
)
def test_round19_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a person noun and a name in apposition; not a nationality; a name the drug list had as a brand
        ("We had a gentleman, Ivor, who was refusing. Ivor's wife came.", ["Ivor"], ["a gentleman,"]),
        ("I met a man, Portuguese, who spoke no English.", [], ["Portuguese"]),
        # names in brackets and kinship idioms typed fast
        ("mum (bernie) wants a call back. worried bc lauren (ex) has the wee lad", ["bernie", "lauren"], ["(ex)"]),
        ("it's about the phone thing with our Liam. Drew probably told yous already.", ["Liam", "Drew"], ["our"]),
        ("jamie-lee's nan found blades. jamie-lee says she's fine. a follow-up and x-ray.", ["jamie-lee"], ["x-ray"]),
        ("niamh updated the address. the thing joao talked about.", ["niamh", "joao"], ["updated the address"]),
        ("Mo, Karim Haddad, one of the dads, struggled.", ["Mo,", "Karim", "Haddad"], ["one of the dads"]),
        ("Did wound care for Ryan Fox (JJ). Jane Smith (OT) came.", ["JJ", "Ryan"], ["(OT)"]),
        ('He prefers Oisin, not "Osh" which the lads on the ward called him.', ["Osh"], ["the lads"]),
        ("Crystal (the one with the staffy) told me. Paulie in room 3 sleeps.", ["Crystal", "Paulie"], ["room 3"]),
        ("RE: lithium level - T.C. (RiO 1234567). notes to jonny (McKeown, admin)", ["T.C.", "jonny", "McKeown"], []),
        ("I talked to my supervisor Dr Ji-woo Park about it.", ["Ji-woo", "Park"], ["supervisor"]),
        # a short name that is a month's abbreviation, as a subject or before a surname; dates stay
        (
            "Dec Quinn was admitted. Dec hadn't been answering. On 12 Dec 2024 we met; by Dec 20 all fine.",
            ["Dec Quinn", "Dec hadn't"],
            ["12 Dec 2024", "Dec 20"],
        ),
        # things named after people, areas, benefits and call signs stay
        ("We started John's Campaign; under Martha's Rule families ask.", [], ["John's Campaign", "Martha's Rule"]),
        ("I work on Ella Rowcroft ward. Mary Smith ward manager said no.", ["Mary Smith"], ["Ella Rowcroft ward"]),
        ("Dn West Cornwall. Attendance Allowance drop-in.", [], ["West Cornwall", "Attendance Allowance"]),
        ("Call sign Sierra 12, me and the crew.", [], ["Sierra 12"]),
        # schemes, police forces and landmarks named by a word; people with those surnames are still people
        ("The Herbert Protocol form. Northumbria Police sent a car.", [], ["Herbert Protocol", "Northumbria Police"]),
        (
            "the Kielder Castle cafe; walkers on Kirkstone Pass and Scafell Pike",
            [],
            ["Kielder", "Kirkstone", "Scafell"],
        ),
        ("Sam Castle came. Jo Pike was there. Mr Pike came.", ["Castle", "Pike"], ["came"]),
        ("seen at the Royal Hospital for Children and Young People. Mark Long rang.", ["Long"], ["Young People"]),
        ("fix: (Excel: Save As > 'CSV UTF-8'; Notepad: Save As > Encoding UTF-8)", [], ["Notepad:"]),
        # a first name in brackets after a title and surname; the name the papers give; a name as a sentence
        ("mon 10th - mrs pascoe (doris) up x4, wanted her sister", ["pascoe", "doris"], ["her sister"]),
        ("she is Varga in the passport and a Pop in the church.", ["Varga"], ["passport"]),
        ("same with us and the wife. Jan. they said it. It was a long day. Then the nurse.", ["Jan."], ["nurse"]),
        # a listed name in capitals in quotes; a person noun, a nationality and a name
        ("moved to us ('ABDULLA' on the transfer list). The sign said 'EXIT'.", ["ABDULLA"], ["'EXIT'"]),
        ("a resident comes to the desk, young lad, Afghan, Wali, and he's saying", ["Wali"], ["Afghan"]),
        # a nickname in capitals that begins as the name does; what someone calls themselves
        ("Did wound care for Jermaine (JJ). Jane (OT) came.", ["Jermaine", "JJ"], ["(OT)"]),
        (
            "a guy calling himself Lucky, real name Jonas. The street name is Church Road.",
            ["Lucky", "Jonas"],
            ["Church"],
        ),
    ],
)
def test_round19_informal_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # codes read out: spaced, in words, with "slash", with capitals typed together; after a cue one letter
        ("his prison number was on the letter, A 7 7 2 1 D J, and", ["A 7 7 2 1 D J"], ["and"]),
        ("His probation is in Wales, CRN D four eight two nine one seven, I'll email", ["four eight"], ["I'll"]),
        ("the application is under HSG slash twenty four slash zero one one nine two and", ["HSG"], ["and"]),
        ("I got the reg, it was DK fourteen RWN, I don't know", ["DK fourteen RWN"], ["I don't"]),
        ("We saw NHS 111 and GP two ED visits in A and E on ward 4.", [], ["NHS 111", "GP two ED", "ward 4"]),
        # a custody reference; a street abbreviated; dates of birth said with ordinals
        ("Custody ref 62/4471/25. The claim took 3 weeks.", ["62/4471/25"], ["3 weeks"]),
        ("lives 27 Glenbryn Pk w nan.", ["Glenbryn"], ["w nan"]),
        # a holiday park and the van on it; a park and its town after a caravan; a van alone is a vehicle
        ("a static at Lowther Holiday Park, van 88, Eamont Bridge.", ["Lowther", "van 88"], ["Eamont Bridge"]),
        ("fallen in a static caravan at Seafield Park, Seahouses. Son", ["Seafield", "Seahouses"], ["Son"]),
        ("We parked the van 2 streets away at Hyde Park, London.", [], ["van 2", "Hyde Park"]),
        ("dob the fifth of the fifth oh nine. date of birth 12th of the 4th '03, ok", ["fifth of the", "4th '03"], []),
        ("we met on the 12th of the 4th 2024 at noon", [], ["12th of the 4th 2024"]),
        ('read it back as "Rebwar, fifth of May eighty-nine" and', ["fifth of May"], ["read it back"]),
        ("She's nineteen forty-one and I'm nineteen sixty-eight. It's nineteen forty in here.", ["forty-one"], []),
        ("I found him (NHS 221 930 4475 - sorry, that's wrong)", ["221 930 4475"], ["sorry"]),
    ],
)
def test_round19_numbers_dates_addresses(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # a name that is a common word in a set phrase is no name; a name before what the file holds is one
        ("2025-03-04_torbay-carers_grace-period.txt", "2025-03-04_torbay-carers_grace-period.txt"),
        ("Grace period.txt", "Grace period.txt"),
        ("grace_visit_notes.txt", "[PERSON_1]_visit_notes.txt"),
        ("visits/brown-family-visit.md", "visits/[PERSON_1]-family-visit.md"),
        # a first name with a Polish case ending ("Łukasz's story")
        ("community/historia_lukasza_-_from_old_PC.txt", "community/historia_[PERSON_1]_-_from_old_PC.txt"),
        ("plans/banana_export.csv", "plans/banana_export.csv"),
        # nothing runs across folders: two dates are no phone number
        ("homes/2025-01/2025-01-14_the-night-walk.md", "homes/2025-01/2025-01-14_the-night-walk.md"),
    ],
)
def test_round19_paths(rules: Redactor, path: str, expected: str) -> None:
    assert str(rules.redact_path(path)) == expected


def test_speech_to_text_spelling_of_a_found_name(rules: Redactor) -> None:
    texts = ["Exposed. And then the comments.", "that's horrible kwarmy. we had paracetmol in carlisle."]
    out = rules.redact_document(texts, known_names=["Kwame Mensah"]).texts[1]
    assert_redacted(out, ["kwarmy"], ["paracetmol", "carlisle"])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Saw Dec Quinn at the hub.", ["Quinn", "Dec"], ["hub"]),
        ("Then Dec Quinn rang.", ["Quinn", "Dec"], ["Then"]),
        ("By Dec Quinn had left.", ["Quinn"], ["By Dec"]),
        ("12 Dec Quinn rang.", ["Quinn"], ["12 Dec"]),
    ],
)
def test_month_short_name_after_any_word(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    # "Dec Quinn" after any word but a number or a date's preposition ("_MONTH_NAME_FULL")
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)
