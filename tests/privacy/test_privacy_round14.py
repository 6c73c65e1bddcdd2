"""Recogniser round 14 (issue #18): what new independent corpora (maternity in South Wales, homelessness in
Greater Manchester and Merseyside) showed the rules did not see, generalised; and the over-redaction to guard
against.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storymine.ingest.metadata import mentioned_people
from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file
from storymine.ingest.transcripts import parse_vtt
from storymine.privacy import Redactor
from storymine.privacy.patterns import find_addresses, find_dates_of_birth, find_hospital_numbers, url_is_personal


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # two listed names joined by a hyphen, with no cue at all
        ("PPH debrief - home birth Llewellyn-Jones 09/02/2025", ["Llewellyn-Jones"]),
        ("Review of Rees-Morgan case", ["Rees-Morgan"]),
        # a hyphenated first name before a surname that is also a word ("Ward")
        ("Kerry-Ann Ward (she was Kerry-Ann McDonagh before she married).", ["Kerry-Ann"]),
        # a form's name field in capitals, and the field word itself stays
        ("> Surname: ZIELIŃSKI\n> First names: Krzysztof Tadeusz", ["ZIELIŃSKI", "Krzysztof"]),
        # a capitalised word owning what only a person has, inside a sentence
        ("Like, I look at Gizmo's Instagram to see if he's OK.", ["Gizmo"]),
        # an everyday first-name word and a listed surname opening a clause, before a verb
        ("Dazza: will hughes is sound to be fair", ["will hughes"]),
        # a listed name right before the address the person lives at, even where it is a place too
        ("new family, and Shannon, at 7 Penybryn Avenue, Troedyrhiw.", ["Shannon"]),
        # initials: after a title, after "pasted … by" and "Reminder from", quoted as what everyone calls someone
        ("Mrs ZB - Zubeida home from BRI 19/2. Mrs MP (Hill Top) - pendant working.", ["ZB", "MP"]),
        ("Handover - pasted from the team OneNote by LH so the new starters can see.", ["LH"]),
        ("Reminder from LH: no client names in WhatsApp.", ["LH"]),
        ('a review for Mr Patrick Joseph Mulligan - "PJ" to everyone at Room 14. PJ tries the door.', ["PJ"]),
        # a lower-case name in commas after a person's noun and where they are from
        ("And the girl from reablement, precious, she brought a kettle tipper.", ["precious"]),
        # a handover's list items about one person each
        (
            "Tariq - quick one.\n\n1. Smiler - script sorted.\n\n3. Pidge - still not taking the antibiotics.",
            ["Smiler", "Pidge", "Tariq"],
        ),
    ],
)
def test_found_round14(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # eponyms joined by a hyphen, places with hyphens, a thing named after people
        ("She had Creutzfeldt-Jakob disease and Guillain-Barré.", ["Creutzfeldt-Jakob", "Guillain-Barré"]),
        ("We went to Stoke-on-Trent and Weston-super-Mare.", ["Stoke-on-Trent", "Weston-super-Mare"]),
        ("The Holmes-Rahe scale was used.", ["Holmes-Rahe"]),
        # a form's field word is no name
        ("Surname: ZIELINSKI", ["Surname:"]),
        # a modal before a verb, an organisation owning a phone
        ("you will hughes", ["will hughes"]),
        ("Then I rang the Trust's phone.", ["Trust's"]),
        # the town between an address and its postcode is a town
        ("moved to 7 Penybryn Avenue, Troedyrhiw, CF48 4LA.", ["Troedyrhiw"]),
        # abbreviations after a title-like or a "from" cue stay
        (
            "Update from NHS: new guidance. Email from GP: fine. Written by the team, checked by NHS England.",
            ["NHS", "GP"],
        ),
        ("Mr I went home.", ["Mr I went"]),
        ("the nurse from the ward, however, said no. the man at home, frail, was fine.", ["however", "frail"]),
        # list items that open with a label, a shop or a town
        ("4. Outcome - good.\n- Boots - shut at 6.\nLeeds - busy.", ["Outcome", "Boots", "Leeds"]),
    ],
)
def test_kept_round14(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in kept:
        assert word in out, out


def test_lower_case_short_form_of_a_found_name(model_redactor: Redactor) -> None:
    """ "no relation kel," where the speaker Kelly is known: the short form goes; a word that is a word stays."""
    out = model_redactor.redact_document(
        ["kelly: right is everyone on.\nRhys Pritchard no relation kel, and the rest."], known_names=["Kelly Pritchard"]
    ).texts[0]
    assert " kel," not in out, out
    out = model_redactor.redact_document(["Rob said ok, fine."], known_names=["Robert Fine"]).texts[0]
    assert "ok," in out, out


def test_nicknames_in_a_person_column() -> None:
    """A nickname in brackets or after "aka" in a person column is a name of its own."""
    assert "Smiler" in mentioned_people({"client_name": "Anthony Ashworth ('Smiler')"})
    assert set(mentioned_people({"client_name": "Stephen Pidgeon aka Pidge"})) == {"Stephen Pidgeon", "Pidge"}
    assert mentioned_people({"client": "Mary Jones (sister)"}) == ("Mary Jones",)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Baby girl born at 02:47, 09/02/2025, cried straight away.", "09/02/2025"),
        ("I had my son Cian on 11/11/2024 at Morriston.", "11/11/2024"),
        (
            "the father of Leonor who was born at 27 weeks in Singleton on the 2nd of January 2025.",
            "2nd of January 2025",
        ),
        ("and I had Seren the next evening. 5th January 2025, 7.12pm, 2.1kg. Tiny.", "5th January 2025"),
        ("The twins came to us on the 28th December 2024 at 31 weeks.", "28th December 2024"),
        ("Bethan was born 9fed Hydref 1993 (the ninth of October).", "9fed Hydref 1993"),
        ("but really he was born in the summer, the first of July.", "the first of July"),
    ],
)
def test_dates_of_birth_round14(text: str, value: str) -> None:
    found = [text[f.start : f.end] for f in find_dates_of_birth(text)]
    assert value in found or f"the {value}" in found, found


def test_not_dates_of_birth_round14() -> None:
    for text in (
        "Her birth plan on 3rd May 2024 was ignored.",
        "The birth centre opened on 3rd March 2024.",
        "She gave birth to twins in May 2024.",
        "Delivered on time, and admitted to NICU on 14/03/2024.",
    ):
        assert find_dates_of_birth(text) == [], text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Next of kin: sister, ul. Długa 14/3, Gdańsk", "ul. Długa 14/3"),
        ("her old address was Str. Mihai Eminescu nr. 5, Iași", "Str. Mihai Eminescu nr. 5"),
        ("his mother lives at Rua das Flores 22 in Porto", "Rua das Flores 22"),
        ("he is in the tent by the river near Oldfield Rd bridge", "Oldfield Rd"),
        ("doesn't come up on the system, it's Heol-y-Felin with dashes", "Heol-y-Felin"),
    ],
)
def test_addresses_round14(text: str, value: str) -> None:
    assert value in [text[f.start : f.end] for f in find_addresses(text)]


def test_not_addresses_round14() -> None:
    for text in ("Smith et al. Journal 12 found", "sent via Email 2 times", "the Road 5 times"):
        assert find_addresses(text) == [], text


def test_record_number_with_unit_letters_after_a_name(model_redactor: Redactor) -> None:
    out = model_redactor.redact("Subject: FW: discharge - baby Leonor Carvalho SBU NNU 25-0017")
    assert "25-0017" not in out, out
    assert find_hospital_numbers("the SBU NNU 25 beds") == []


@pytest.mark.parametrize(
    ("url", "personal"),
    [
        ("facebook.com/groups/hooyooyinka.merthyr", True),
        ("https://www.facebook.com/groups/bootlecommunitynews", True),
        # round 9 kept a group's page (decision reversed in round 14: a group is a small circle of people)
        ("https://www.facebook.example.com/groups/carers", True),
        ("https://www.facebook.com/events/12345", True),
        ("https://www.facebook.com/groups", False),
        ("https://www.nhs.uk/conditions/sepsis/", False),
    ],
)
def test_facebook_groups_are_personal(url: str, personal: bool) -> None:
    assert url_is_personal(url) is personal


def test_lower_case_speaker_labels_in_subtitles() -> None:
    """A lower-case label opening two or more cues is the speaker; one "note:" opening a cue is text."""
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nkelly: right is everyone on\n\n"
        "00:00:03.000 --> 00:00:04.000\namina yusuf: good, i saw her mum\n\n"
        "00:00:05.000 --> 00:00:06.000\nLeigh: sorry, mic was off\n\n"
        "00:00:07.000 --> 00:00:08.000\namina yusuf: no no, different sahra\n\n"
        "00:00:09.000 --> 00:00:10.000\nkelly: ok thanks all\n\n"
        "00:00:11.000 --> 00:00:12.000\nnote: this is text\n"
    )
    cues = parse_vtt(vtt)[0]
    assert [c.speaker for c in cues] == ["kelly", "amina yusuf", "Leigh", "amina yusuf", "kelly", None]
    assert cues[1].text == "good, i saw her mum"
    assert cues[-1].text == "note: this is text"


def test_names_of_one_export_reach_its_other_rows(tmp_path: Path, model_redactor: Redactor) -> None:
    """Rows of one export are about the same people: a name found whole in one row, or given in another row's
    person column, is a known name of the others."""
    path = tmp_path / "casenotes.csv"
    path.write_text(
        "date,client_name,text\n"
        "2025-02-14,Anthony Ashworth ('Smiler'),Father of baby Jordan Lewis was at the conference.\n"
        "2025-03-03,,Messaged by Jordan on Snapchat again. Smiler - script sorted.\n"
        '2025-03-21,,"It was her mum, not Jordan. We went to the clinic."\n',
        encoding="utf-8",
    )
    ctx = IngestContext(redactor=model_redactor, pseudonymise=lambda n: "P-1", run_id="r")
    result = ingest_file(InputFile(path, "casenotes.csv"), ctx)
    assert result.outcome.status == "accepted", result.outcome.reason
    texts = [s.text for d in result.documents for s in d.segments]
    assert len(texts) == 3 and not any("Jordan" in t or "Smiler" in t for t in texts), texts
    assert "the clinic" in texts[2], texts


def test_spelled_postcode_and_a_number_abroad(model_redactor: Redactor) -> None:
    out = model_redactor.redact("So I've given them the postcode again, w f 13 2 l l, and said it's by the mosque.")
    assert "w f 13 2 l l" not in out, out
    assert (
        model_redactor.redact("the postcode area covers 12 to 14 streets")
        == "the postcode area covers 12 to 14 streets"
    )
    out = model_redactor.redact("She rang me from work (00 353 87 123 4567 - she commutes).")
    assert "4567" not in out, out


def test_personal_site_in_a_file_name(model_redactor: Redactor) -> None:
    out = model_redactor.redact_path("stories/the visit I got wrong (copy of bernieq.wordpress.com).md")
    assert "bernieq" not in out and out.endswith("[URL_1]).md"), out
    assert model_redactor.redact_path("notes/see www.nhs.uk page.md") == "notes/see www.nhs.uk page.md"
