"""Recogniser round 20 (issue #18): what new independent corpora and the last round's notes showed, generalised;
and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a handover line opens with the person and a state said only of people
        ("hazel v grateful for the visit. Victor up all night again.", ["hazel", "Victor"], ["v grateful"]),
        ("- Edna tearful after the call. dawn up x2 for the toilet", ["Edna", "dawn"], ["tearful"]),
        # a night, a ward, a relation or a patient is no name
        ("Night v quiet. Mum v grateful. Patient unsettled. Bay 4 up all night.", [], ["Night", "Mum", "Bay 4"]),
        # a family named by its surname in lower case; plurals a dictionary has stay
        ("went round the dochertys again, then the kowalskis", ["dochertys", "kowalskis"], ["went round"]),
        ("the sawyers cut the line; the bakers and the fletchers", [], ["sawyers", "bakers"]),
        ("the bakers, the nurses, the walkers, the meds, the obs and the ards", [], ["bakers", "nurses", "ards"]),
    ],
)
def test_round20_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an everyday word that is also a name, as the noun it is
        ("our Hope is that the team learns from it.", ["our Hope is that"]),
        ("We sat in our Rose garden after the meeting.", ["Rose garden"]),
        ("Faith was that we'd all get through it; the Hope project paid.", ["Hope project"]),
    ],
)
def test_round20_words_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


def test_our_name_still_a_person(model_redactor: Redactor) -> None:
    out = model_redactor.redact_document(["our Rose is poorly again and our Des was on nights."]).texts[0]
    assert_redacted(out, ["Rose", "Des"], ["poorly"])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # where someone lives, with no house number
        ("she lives in Saltley Gate Court now", ["Saltley Gate Court"], ["lives in"]),
        ("he's staying at Ashgrove Mews since May", ["Ashgrove Mews"], ["May"]),
        # a town is no address
        ("she lives in Leeds now and works in Bradford", [], ["Leeds", "Bradford"]),
    ],
)
def test_round20_addresses(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a particle alone after a title is the name
        ("I went and got Dr Mac. I emailed Dr Mac later.", ["Mac"], ["Dr "]),
        # a name as a record spells it; a lower-case name, then who the person is
        ('her husband\'s name was spelt "Chandrabahadur" on one record', ["Chandrabahadur"], ["on one record"]),
        ("your referral here from sakiusa, the care navigator", ["sakiusa"], ["care navigator"]),
        ("leanne: bob's one of our volunteers everyone", ["bob"], ["volunteers"]),
        ("Hi all,\nAbi - see below. I think we need a line", ["Abi"], ["see below"]),
        # initials as a paragraph of their own sign the note above them
        ("his son has a place at the school.\n\nKM\npharm ref for audit: done", ["KM"], ["pharm ref"]),
        # not words, relations or abbreviations
        ("Plan - see below.\nMum - can you ring\n\nNB\nthe MDT met\n\nOK", [], ["Plan", "Mum", "NB", "OK"]),
        ("he's one of our volunteers; that's one of our nurses", [], ["he's one", "that's one"]),
        ("I rang later, the duty worker said no.", [], ["later, the duty worker"]),
    ],
)
def test_round20_names_more(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # numbers after a phone label that are no UK number; years after a label stay
        ("Tel 01748 872 609 | Mil 94731 2609", ["94731 2609", "872 609"], ["Mil"]),
        ("Home 2024 2025 was busy. Tel 2024 2025.", [], ["2024 2025"]),
        # NI numbers read out with dotted letters
        ("she read it out as N.E. five eight, two one, zero seven, D.", ["five eight"], ["read it out"]),
        # postcodes read out in lower case after an address or a cue
        ("yes forty one st levan road, p l 2 1 j s", ["p l 2 1 j s"], ["road"]),
        ("forty one lumb lane, bd eight seven q p", ["bd eight seven q p"], []),
        ("the postcode is bd eight seven q p", ["bd eight"], ["the postcode is"]),
        ("went to a b 1 2 c d and Bay b 2 3 a c", [], ["a b 1 2 c d", "b 2 3 a c"]),
        # a birthday said short, a date of birth over a wrapped line
        ("luky b/day on fri (20th dec 2017) - he will be 7.", ["20th dec 2017"], ["b/day on fri"]),
        ("she was born on the\n2nd of February 2024 at the Royal", ["2nd of February 2024"], ["Royal"]),
        ("today 20.12.17 was ok", [], ["20.12.17"]),
    ],
)
def test_round20_numbers(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)


def test_short_first_name_of_a_run_author_in_another_file(rules: Redactor) -> None:
    from storymine.privacy.redactor import people_digests

    texts = ["Thursday huddle. Jo's not here, she's at the dentist. ED was busy, jo."]
    out = rules.redact_document(texts, name_hashes=people_digests(["Jo Bewick"])).texts[0]
    assert_redacted(out, ["Jo's"], ["ED was busy", "jo."])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a person says their name: every word of it, a building's word too
        ("My name's Michael Joseph Ward, date of birth to follow", ["Michael", "Joseph", "Ward"], ["date of"]),
        ("She went to Mary Seacole Ward and then Bevan ward.", [], ["Mary Seacole Ward", "Bevan ward"]),
        # what we call someone; names in brackets after "surnames"/"names"
        ("Lemmy – sorry, that's what we call Dad – he was really bad", ["Lemmy"], ["call Dad"]),
        ("recorded twice under two surnames (Price / Lovell), second record", ["Price", "Lovell"], ["surnames"]),
        ("the two services (Leeds and York) met", [], ["Leeds", "York"]),
        # a name in capitals as a label prints it, before the number that identifies the person
        ("The patient label said ZEKIYE KEMAL 2249289891. Handed it in", ["ZEKIYE", "KEMAL"], ["label said"]),
        ("PATIENT LABEL 2249289891 and URGENT REVIEW", [], ["PATIENT LABEL", "URGENT REVIEW"]),
        # device makers and record systems are no people
        ("logged with Medtronic for a replacement; uploaded to Glooko", [], ["Medtronic", "Glooko"]),
    ],
)
def test_round20_names_said(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a handle before the platform it is on
        ("She's destiny_mcd_x on the TikTok. Don't put that in", ["destiny_mcd_x"], ["TikTok"]),
        ("the story_id column and consent_to_quote", [], ["story_id", "consent_to_quote"]),
        # Ireland's PPS number; court and case numbers, device serials
        ("The mum gave me the PPS number for the eldest, 8234571TA, because", ["8234571TA"], ["PPS number"]),
        ("went to the advocate in the BD24C00298 matter", ["BD24C00298"], ["matter"]),
        ("pump serial NG2274518H logged", ["NG2274518H"], ["pump serial"]),
        ("B737MAX and NG12 and COVID19, A320neo, PHQ9, NEWS2", [], ["B737MAX", "NG12", "COVID19", "PHQ9"]),
        # a date of birth written the Chinese way
        ("Her date of birth on her BRP is 1946年8月3日.", ["1946年8月3日"], ["BRP"]),
    ],
)
def test_round20_codes(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a nickname and, in brackets, the name it is short for
        ("luky (lukas) wet the bed, didnt make a fuss", ["luky", "lukas"], ["wet the bed"]),
        ("the drip (drug chart), temp (temperature) and meds (methadone)", [], ["drip", "temp", "methadone"]),
        # a house number in words and a street in lower case after a word that says where
        ("lives at twenty seven filwood broadway now", ["filwood"], ["lives at", "now"]),
        ("at forty one st levan road, then home", ["levan"], ["then home"]),
        ("at one point the road was shut; at one stage her lane flooded", [], ["one point the road", "her lane"]),
    ],
)
def test_round20_more(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("path", "gone", "kept"),
    [
        # a surname, then a first name, as records file people
        ("cases/Jones_Mary_visit.docx", ["Jones", "Mary"], ["visit"]),
        ("JONES Mary/notes.md", ["JONES", "Mary"], ["notes"]),
        # a date right beside a person's name in a path
        ("adoption/Firth-Kacey-Leigh_2019-06-17/notes.md", ["2019-06-17", "Kacey"], ["adoption", "notes"]),
        ("kent/near miss - baby Kizzy 03-11-2024.txt", ["03-11-2024", "Kizzy"], ["near miss"]),
        # a meeting's date, a ward and a place stay
        ("2024-11-04_bradford-assessment_strategy.md", [], ["2024-11-04", "bradford"]),
        ("Kizzy/2024-03-01_visit.md", ["Kizzy"], ["2024-03-01"]),
    ],
)
def test_round20_paths(rules: Redactor, path: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(str(rules.redact_path(path)), gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Luki (Łukasz) said you are telling me", ["Luki", "ukasz"], ["said"]),
        ("Next one HOLDSWORTH A-L – ANC 2.4 – she's on clozapine", ["HOLDSWORTH"], ["ANC 2.4", "clozapine"]),
        ("WARD B, BAY C, BLOCK D, ROOM B, HALL B, GREEN A", [], ["WARD B", "BLOCK D", "ROOM B", "GREEN A"]),
    ],
)
def test_round20_half_way(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


def test_particle_first_name_of_a_known_name(rules: Redactor) -> None:
    texts = ["It's not just you, Mac. Mac is trialling it. The van was late."]
    out = rules.redact_document(texts, known_names=["Mac Jubb"]).texts[0]
    assert_redacted(out, ["Mac"], ["van was late"])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a chat copied into a table: each message labelled with a bar
        (
            "kaiBH12 | i hate that my mum can see\nyusuf.s_07 | fasting was easier\nlilz.turton | can we",
            ["kaiBH12", "yusuf.s_07", "lilz.turton"],
            ["fasting"],
        ),
        ("13:52 | a hire car | Grandparents\nDate | Vehicle | Who\nv1.2 | release", [], ["Date | Vehicle", "v1.2"]),
        # a family's house
        ("Suction machine at the Okafor-Reid house was not charged", ["Okafor-Reid"], ["house was"]),
        ("the White house, the Green house and the Care home", [], ["White house", "Green house", "Care home"]),
    ],
)
def test_round20_tables_and_houses(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


def test_common_word_first_name_after_ampersand(model_redactor: Redactor) -> None:
    # "&" joins two people as "and" does: the word after it, before a found surname, is inside a sentence
    out = model_redactor.redact_document(["Tom & Sue Parry came for tea; Bob & Grace Okafor-Reid too."]).texts[0]
    assert_redacted(out, ["Sue", "Parry", "Grace", "Okafor-Reid"], ["came for tea"])


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("he'd posted on Snapchat ('lewisachterb') that he was skipping", ["lewisachterb"], ["Snapchat"]),
        ("she said it on Snapchat ('again') and on TikTok (\"the video\")", [], ["again", "the video"]),
    ],
)
def test_round20_quoted_handle_after_platform(rules: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(rules.redact_document([text]).texts[0], gone, kept)


def test_relations_then_surname_in_brackets(model_redactor: Redactor) -> None:
    out = model_redactor.redact_document(["Who: Grandparents (Haigh). The foster carers (Chaudhry) came."]).texts[0]
    assert_redacted(out, ["Haigh", "Chaudhry"], ["Grandparents", "foster carers"])
