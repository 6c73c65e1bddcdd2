"""Recogniser round 23 (issue #18): values written in shapes the type finders did not read (masked, typed with a
letter O, read out, after a label with words between, in a table column), names the vetoes dropped (initials, a
month, a place that sleeps), and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.patterns import find_labelled_codes, find_table_columns

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # masked or partly unreadable values after their label: what is left still finds the person
        ("For ref the NHS no. is 434 *** 6711 (masked in the email).", ["434 *** 6711"], ["masked"]),
        ("Patient NHS No: XXX XXX 2685 (last four only)", ["2685"], ["last four"]),
        ("NINO KY ** ** 65 A, advising the outcome", ["KY ** ** 65 A"], ["advising"]),
        ("NI no ending **** 56 77 C - rest masked", ["56 77 C"], ["rest masked"]),
        ("MRN ****8715 (redacted on the letter)", ["8715"], ["redacted"]),
        ("postcode is CH65 9?N – last part unclear", ["CH65 9?N"], ["unclear"]),
        ("Text reminder sent to 07*** ***471 (number on the system)", ["471"], ["Text reminder"]),
        # a letter O typed for a zero
        ("Callback no. o7700 900 515", ["o7700 900 515"], ["Callback"]),
        ("Can you text her on 07700 9OO 419? (as written)", ["9OO 419"], ["text her"]),
        ("NI no. JA 4O 12 77 C (scanned)", ["JA 4O 12 77 C"], ["scanned"]),
        ("NINO PC7719O4A (copied from a form)", ["PC7719O4A"], ["copied"]),
        # other separators and spacing
        ("NHS number 116–372–6516 (copied from ICE)", ["116–372–6516"], ["ICE"]),
        ("nhs  no   544  992  0709", ["544  992  0709"], []),
        ("Address postcode BT9-6AD per the H&C record", ["BT9-6AD"], ["H&C record"]),
        # a record's label, words, then "is": the code
        ("His case number at the county court is K00BP412, I'll put it on.", ["K00BP412"], ["county court"]),
        ("the alert is on the system. Police log 13250098812.", ["13250098812"], ["Police log"]),
        ("This is the PMRT review, PMRT number 91844. Ground rules first.", ["91844"], ["PMRT review"]),
        ("UBRN 0001 2345 6789 – please book via e-RS", ["0001 2345 6789"], ["e-RS"]),
        # a mobile with its country code and no plus; a person's own extension; a PO box
        ("WhatsApp group added: 447700900616 (her own phone)", ["447700900616"], ["WhatsApp"]),
        ("You can reach me on x4417 (my extension), bleep holder is on 2209", ["4417"], ["2209"]),
        ("Refuge address withheld; mail via PO Box 4471 only.", ["4471"], ["Refuge"]),
    ],
)
def test_round23_values_in_other_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a date of birth after its label, loosely written
        ("Date of birth: 11/??/1975 – pt unsure of exact day", ["1975"], ["pt unsure"]),
        ("dob 1 0 / 0 3 / 1 9 7 1 (from scanned form)", ["1 9 7 1"], ["scanned form"]),
        ("dob 02/1979 (day not known)", ["02/1979"], ["day not known"]),
        ("DOB: xx/xx/1962 (redacted in the email)", ["1962"], ["email"]),
        ("DOB:- 12th 0f June 1978", ["1978"], []),
        ("DOB 11/06/\n1958 seen in clinic", ["1958"], ["clinic"]),
        # an age or a person, then a date in brackets
        ("Child: 11yrs (04/05/2012)", ["04/05/2012"], ["11yrs"]),
        ("Sibling (07/10/2014) also known to CAMHS.", ["07/10/2014"], ["CAMHS"]),
        # a table whose header says DOB, postcode
        (
            "| # | Baby | DOB | Postcode |\n|---|---|---|---|\n| 1 | x | 21/01/25 | bd3 9pt |\n"
            "| 2 | y | 2025-01-12 | - |",
            ["21/01/25", "2025-01-12", "bd3 9pt"],
            ["| - |"],
        ),
    ],
)
def test_round23_dates_of_birth(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # read out or typed with spaces
        ("her email is tracey1975 at gmail dot com", ["tracey1975", "gmail"], ["her email is"]),
        ("email's tom dot harris at outlook dot com all lower case", ["harris", "outlook"], ["all lower case"]),
        ("email johnnyb @ live.co.uk (spaces in the form)", ["johnnyb"], ["spaces"]),
        ("Her snapchat is lilly dot rose underscore oh nine", ["lilly", "underscore oh nine"], ["snapchat"]),
        ("his snapchat is tyler dot m underscore oh seven", ["tyler", "oh seven"], ["snapchat"]),
        ("link is facebook dot com slash tracey dot h dot ninety one", ["tracey"], ["link is"]),
        # a game's account after its label; a profile without "https://"; a defanged or broken link
        ("Steamname: OldManLogan", ["OldManLogan"], []),
        ("online alias darkangel666 on the Yubo app", ["darkangel666"], ["Yubo"]),
        ("PSN ID is kaiBH_07.", ["kaiBH_07"], ["PSN ID"]),
        ("twitch twitch.tv/dragonslayer_x", ["dragonslayer_x"], []),
        ("Ask.fm page ask.fm/rosieb2010 – anonymous questions", ["rosieb2010"], ["anonymous"]),
        ("Group: hxxps://www.facebook.com/groups/mummyof3ldn (defanged)", ["mummyof3ldn"], ["defanged"]),
        ("page www.instagram.com/\njordo.r he posts", ["jordo.r"], ["he posts"]),
    ],
)
def test_round23_online(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # initials a person goes by, from "PJ Macaraeg" in a table's column
        (
            "11:05 | PJ Macaraeg | Rang Dr Nair. PJ was upset. I asked PJ to send a photo. The GP and the OT came.",
            ["PJ", "Macaraeg", "Nair"],
            ["Rang Dr", "GP", "OT"],
        ),
        # a month as a first name before a found surname, or with a relation after it; a month stays a month
        ("10:30 | Jun Santos-Reyes | Rang NHS 111", ["Jun", "Santos-Reyes"], ["Rang NHS 111"]),
        ("Jun (my husband, who also works here) did it. Then Jun did the chart.", ["Jun"], ["my husband"]),
        ("In May Jones retired. On 3 Jun Smith came. In April.", ["Jones", "Smith"], ["In May", "3 Jun", "April"]),
        # a relation owned in lower case: "natty's cousin andre"
        ("kwame: natty's cousin andre rang the office. so you said natty was low", ["natty", "andre"], ["cousin"]),
        # a place that is a first name, doing what only a person does
        ("It was the first time Jordan had slept through since the summer.", ["Jordan"], ["slept through"]),
        ("We flew to Amman in Jordan last year.", [], ["Jordan"]),
        # a stand-in name is a name
        ("I'll just say Winston, Jamaican gentleman, 60s", ["Winston"], ["Jamaican gentleman"]),
        ("Let's say Monday, then.", [], ["Monday"]),
        # a home street in lower case, or "up" a street
        ("i live on regent road near the hotel", ["regent road"], ["near the hotel"]),
        ("She lives up Larkholme Parade, the bungalows.", ["Larkholme"], ["the bungalows"]),
        ("she lives on the same road as me", [], ["same road"]),
    ],
)
def test_round23_names_and_homes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    "text",
    [
        "NHS number not known. Phone number 3 times. Case no. 3 of 12. Contact no 12. Tel: 111.",
        "postcode lottery. mobile phone switched off 2 days. Record number 2024 was broken.",
        "The case number on the letter is wrong. The referral number for this one is COVID19 lol",
        "incident number 2024 was bad",
    ],
)
def test_round23_labels_without_values(text: str) -> None:
    assert find_labelled_codes(text) == []


def test_round23_table_columns_only_under_their_header() -> None:
    text = "| Ward | Date | Beds |\n|---|---|---|\n| 4 | 12/03/2025 | 20 |\n\n| DOB |\n|---|\n| 03/04/1950 |"
    found = find_table_columns(text)
    assert [text[f.start : f.end] for f in found] == ["03/04/1950"]


@pytest.mark.parametrize(
    ("path", "gone", "kept"),
    [
        ("learning-sessions/2024-autumn/night-staff-debrief.txt", [], ["2024-autumn"]),
        ("summer_term_2025/notes.txt", [], ["summer_term_2025"]),
        ("learning-sessions/autumn_jones/notes.txt", ["autumn"], []),
        # an acronym, a people, a service word or a listed place in a folder name is no person; initials are
        ("bradford/neonatal/bradford NICU teaching 2025-03-18.vtt", [], ["NICU", "bradford"]),
        ("bradford/roma-health/Roma mums group - Teams transcript.docx", [], ["roma-health", "Roma mums"]),
        ("foster-carers/MAPPA minutes.docx", [], ["foster", "MAPPA"]),
        ("suffolk/lowestoft/notes.txt", [], ["lowestoft"]),
        # after a title the same words are surnames
        ("visits/notes_for_mrs_hill.txt", ["hill"], ["notes_for_mrs"]),
        ("notes_for_dr_foster.md", ["foster"], ["notes_for_dr"]),
        ("care leavers/pathway plan reflection - Dominik K (care leaver).docx", ["Dominik", " K "], ["care leaver"]),
    ],
)
def test_round23_seasons_in_paths(model_redactor: Redactor, path: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(str(model_redactor.redact_path(path)), gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("we met at home dot com, I was at Tesco dot com", ["home dot com", "Tesco dot com"]),
        ("meet at 10 dot 30, look at the website dot com", ["10 dot 30", "website dot com"]),
        ("Discord is where he chats. His username was changed.", ["Discord is where", "username was changed"]),
        ("go to nhs dot uk slash conditions", ["nhs dot uk slash conditions"]),
        ("Seen 12/03/2024 (clinic). Ward 3 (12/04) Bed 4 (2 yrs).", ["12/03/2024", "(12/04)"]),
        ("14:00 | Rang daughter about the plan", ["Rang daughter"]),
        # a code after its label ends where its sentence does ("… 943 476 5919. I went")
        ("The result belonged to Mr Ahmed, NHS number 943 476 5919. I went to the other chart.", [". I went"]),
    ],
)
def test_round23_over_redaction(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a nickname between dashes or in brackets after a full name, though also a label word
        ("Terence Blanchard – Tel – has been on clozapine. Tel's bowels were bad.", ["Tel", "Blanchard"], ["bowels"]),
        ("Contact Ann Smith (Tel) 0113 496 0000", ["Smith", "496 0000"], ["(Tel)"]),
        # a baby's name with an age in weeks or days
        ("the new baby (Sofia, 3 weeks) was being taken to appointments", ["Sofia"], ["3 weeks"]),
        # a number grouped as an NHS number after "NHS number", though its check digit fails
        ("the NHS number on the form was transposed. it was written 616 282 4549 instead", ["616 282 4549"], []),
        ("The numbers 123 456 7890 are not NHS numbers.", [], ["123 456 7890"]),
        # eleven to thirteen digits in one run: an identity number
        ("Yes, he gave the CNP. It's 1990512245031. That is the personal number.", ["1990512245031"], ["CNP"]),
        # an organisation's service number stays; a person's does not
        ("Carers helpline 0808 808 1677. Call the council's team on 0300 123 1234.", [], ["0808 808 1677", "0300"]),
        ("Her mobile is 0300 555 1234. ring 0800 123 4567", ["555 1234", "123 4567"], ["Her mobile"]),
    ],
)
def test_round23_more_names_and_numbers(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("| GP | Bower Mount Medical Practice |", ["Bower Mount Medical Practice"]),
        ("On the day trip to Rochester Castle on Tuesday, the midazolam went.", ["Rochester Castle"]),
        ("she'd been on a night shift at the Sellafield site and her phone was off.", ["Sellafield site"]),
        ("Switched to Buvidal injection monthly; Fortisip twice a day, Movicol at night.", ["Buvidal", "Fortisip"]),
        ("Saliva substitute recommended and Biotène sample given.", ["Biotène"]),
    ],
)
def test_round23_places_and_medicines_stay(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)
