"""Recogniser round 11 (issue #18): what a new independent corpus (adult mental health and crisis care in
Yorkshire) showed the rules did not see, generalised; and what must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.names import find_initials_of_names, find_person_initials, initials_of


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # initials of a name the document gives, wherever they stand
        ('young man, "JB", first contact. What went well: JB (Jordan Barnes) is engaging.', ["JB"]),
        ("Subject: referral - KM. Hi, Kasia Mroz (DOB 11/05/1969) is being discharged.", ["KM"]),
        # initials after "by" as the one who did something, and a dash sign-off
        ("[after recording stopped - notes added by JC: the café list]", ["JC"]),
        ("she missed it. small thing. not small to her. - T.H.", ["T.H"]),
        # a nickname in brackets with where it is used
        ("Polish builder, Grzegorz (Greg on site), drinking since he lost his job.", ["Greg", "Grzegorz"]),
        ("She's known as Bex on the unit.", ["Bex"]),
        # a listed first name and Ward in apposition to a person noun
        ("to see a young lad, Patrick Ward, son of a man I grew up with.", ["Patrick", "Ward"]),
        # a lower-case name in apposition to a word that only stands for a person
        ("yeah so mohammed, the roma lad, came back", ["mohammed"]),
    ],
)
def test_found_round11(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a verb in the passive is said of the word before it, not done by it
        ("**Case brought by Nicola:** young man, first contact.", ["Case brought"]),
        # common abbreviations are never initials, even where a name has them or a cue stands before them
        ("Daniel Newton said the DN would come. Seen by GP. Reviewed by CNS today.", ["DN", "GP", "CNS"]),
        ("Resp rate 22 - SOB", ["SOB"]),
        # a ward named after a person stays a ward
        ("She went up to Patrick Ward, the surgical ward, on Monday.", ["Ward"]),
        # a word before a person noun that is no name
        (
            "anyway, the old man said no. mate, the guy was off his head. sorry, the man from the council",
            ["anyway", "mate", "sorry"],
        ),
        # an eponym after "known as"
        ("a rare condition known as Addison's disease", ["Addison"]),
    ],
)
def test_kept_round11(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in kept:
        assert word in out, out


def test_initials_of_names() -> None:
    assert initials_of("Jordan Barnes") == {"JB"}
    assert initials_of("Mrs Rose Cawthorne") == {"RC"}  # the title is not part of the initials
    assert initials_of("Mary Ann Lee") == {"ML", "MAL"}
    assert initials_of("Rose") == set()
    text = "JB said; J.B. left; AJB; JBX; GP"
    found = [text[f.start : f.end] for f in find_initials_of_names(text, {"JB": "k", "GP": "k2"})]
    assert found == ["JB", "J.B."]  # not inside a longer run of capitals; never "GP"


def test_initials_cues() -> None:
    text = "notes added by JC: fine\nSeen by GP.\nall good. - T.H.\nBP 120/80 - OK\nResp - SOB"
    assert [text[f.start : f.end] for f in find_person_initials(text)] == ["JC", "T.H."]


@pytest.mark.parametrize(
    ("path", "gone", "kept"),
    [
        ("reablement/Copy of Smith J - OT assessment v2.docx", ["Smith"], ["OT assessment"]),
        ("PATEL, R referral.docx", ["PATEL"], ["referral"]),
        ("la/tregenna-family_cp-plan_FINAL(2).docx", ["tregenna"], ["family_cp-plan_FINAL"]),
        ("visits/brown-family-visit.md", ["brown"], ["family-visit"]),
        ("Vitamin D levels.docx", [], ["Vitamin D"]),
        ("Ward B handover.md", [], ["Ward B"]),
        ("Plan B.docx", [], ["Plan B"]),
        ("team-family-day.md", [], ["team-family-day"]),
    ],
)
def test_paths_round11(model_redactor: Redactor, path: str, gone: list[str], kept: list[str]) -> None:
    out = str(model_redactor.redact_path(path))
    for word in gone:
        assert word not in out, out
    for word in kept:
        assert word in out, out


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("her postcode is S Y two five, six H J and that's it", "POSTCODE"),
        ("postcode S Y 2 5 6 H J ok", "POSTCODE"),
        ("it's L S eight, three H X", "POSTCODE"),
        ("call me on 0 7 7 0 0 9 0 0 1 2 3 tonight", "PHONE"),
        ("the number is 0 7 7 0 0, 9 0 0, 1 2 3.", "PHONE"),
    ],
)
def test_codes_typed_one_character_at_a_time(model_redactor: Redactor, text: str, kind: str) -> None:
    """Postcodes and phone numbers read out in a transcript, one letter or digit at a time (seen on dev17)."""
    out = str(model_redactor.redact(text))
    assert f"[{kind}_1]" in out, out
    assert not any(ch.isdigit() for ch in out.replace(f"[{kind}_1]", "")), out


@pytest.mark.parametrize(
    "text",
    ["I saw a B 2 in the bay", "scores were 1 2 3 4 5 6 7 8 9 10", "pain 8 9 8 7 6 5 4 3 2 1 0 over the week"],
)
def test_runs_of_digits_and_letters_that_are_no_code(model_redactor: Redactor, text: str) -> None:
    assert str(model_redactor.redact(text)) == text


def test_initials_in_brackets_after_a_note() -> None:
    text = "My notes (SR) from the visit. Plan (MDT): review. Update (J.B.): fine. Action (GP) to call."
    assert [text[f.start : f.end] for f in find_person_initials(text)] == ["SR", "J.B."]
