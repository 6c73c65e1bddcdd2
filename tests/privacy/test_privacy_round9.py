"""Recogniser round 9 (issue #18): lower-case names acting as subjects, months that own what only a person
has, possessives of personal things; and what must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.names import propose_month_owner_names


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # speech recognition writes a name of the document in lower case, as the subject of a verb
        ("Sorry, Jack. Jack Brennan. And jack just put his hand on my shoulder.", ["jack just"]),
        ("Jim Purvis was there. Instead jim went off with the others.", ["jim went"]),
        ("Dawn Smith was on. And dawn said nothing.", ["dawn said"]),
        ("Who looked after her? Summer Grant did nights. Who? summer did.", ["summer did"]),
        # a month's name owning what only a person has
        ("Yeah. Jun's seizures are worse. Mum wants respite.", ["Jun"]),
        ("May's husband rang twice.", ["May's"]),
        # a lower-case name owning a personal thing
        ("hope's mum rang, and then grace's gofundme went round the ward.", ["hope", "grace"]),
        # a first name with where the person works: an organisation without "the", or a named place + a verb
        ("The card went nearest the top. Joy from Age UK brought biscuits.", ["Joy"]),
        ("Dee from CAMHS rang back.", ["Dee"]),
        ("The supply issue. Stuart at the Brownlee Centre sorted it but we lost a week.", ["Stuart"]),
    ],
)
def test_names_round9(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the same words as words: no verb of doing after them, or no person of that name in the document
        ("Jack Brennan came. I nearly jack it in.", ["jack it in"]),
        ("Dawn Smith was on. We sat till dawn came up.", ["till dawn came up"]),
        ("Mark Jones is here. So mark the chart and check it.", ["mark the chart"]),
        ("And jack just put the kettle on.", ["jack just"]),  # nobody called Jack in this document
        # months stay months
        ("May's husband rang on 3 May. June's figures are up. Seen on the 4th of May.", ["3 May", "June's figures"]),
        ("In Jun's rota the gaps were nights. Jun 12th was the worst.", ["Jun's rota", "Jun 12th"]),
        # an ordinary noun's possessive after a determiner
        ("the summer's birthday party was loud", ["summer's birthday"]),
        # a place after "from", a body at a place
        ("Joy from Leeds came to the carers' group.", ["Joy from Leeds"]),
        ("Leeds at the General Election voted Labour.", ["Leeds at the General Election"]),
    ],
)
def test_kept_round9(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


def test_month_owner_proposer() -> None:
    assert propose_month_owner_names("Jun's seizures; June's figures; April's mum") == ["Jun", "April"]
    assert propose_month_owner_names("Jun's seizures", frozenset({"jun"})) == []


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a person's own site: a common first name run into a listed surname, or the document's names run together
        ("Mark's own blog is at https://markszymanski.example.com/blog.", ["markszymanski"]),
        (
            "Ray's own blog\nhttps://raythistlethwaite.example.com/blog/singing. Contact Ray Thistle-\nthwaite on it.",
            ["raythistlethwaite", "Thistle", "thwaite"],
        ),
        # house names and a street named after "the"
        ("I did three visits and I was at The Old Forge till seven.", ["Old Forge"]),
        ("Sorry, is this the family from the Back Lane referral?", ["Back Lane"]),
        # a group or page name after a platform
        ("The family's Facebook group is 'HirstFamilyBarnsley'.", ["HirstFamilyBarnsley"]),
    ],
)
def test_urls_addresses_handles_round9(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("See https://www.nhs.uk/conditions/dementia and https://www.markhall.org/about.", ["nhs.uk", "markhall"]),
        ("We met on the High Street. It's on the Main Road.", ["High Street", "Main Road"]),
        ("He was on the Falls Road, then in a car on the Lisburn Road.", ["Falls Road", "Lisburn Road"]),
        ("His mum messaged the station, her dad texted the ward.", ["messaged", "texted"]),
        ("The well-\nbeing team came.", ["well-\nbeing"]),
        ("We put it on Facebook for the team; the WhatsApp group is quiet.", ["WhatsApp group"]),
    ],
)
def test_kept_urls_addresses_round9(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a signature above a role line that starts with a ward word is a person, not "Curnow Ward"
        ("Yours sincerely,\n\nMorwenna Curnow\nWard manager, Trengweath", ["Morwenna", "Curnow"]),
        # the name under a sign-off, whatever the word
        ("Can you check the MAR?\n\nThanks\nWill\nSent from Outlook", ["Will"]),
        ("Kind regards,\nTamsin Polglaze\nCommunity nurse", ["Tamsin", "Polglaze"]),
    ],
)
def test_signatures_round9(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("We moved her to Mary Seacole Ward on Tuesday.", ["Mary Seacole Ward"]),
        ("Thanks\nThe team", ["The team"]),
        ("Thanks\nBye", ["Bye"]),
        ("Cheers\nMate", ["Mate"]),
        ("Thanks\nGreat, see you", ["Great"]),
        ("Thanks for this.\nWill do.", ["Will do"]),
        ("Best wishes\nAll of us on Ward 4", ["All of us on Ward 4"]),
        # e-mail header words are labels, not people
        ("From: Okonjo, Ifeoma <i.okonjo@example.org>\nSent: 12 March 2025 09:14\nTo: Hartley, Rob", ["Sent:"]),
    ],
)
def test_kept_signatures_round9(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # another name of the person as a record system or a list holds it, and the name used beside it
        ("Sky (Skylar on SIMS; pronouns they/them) had a hidden UTI.", ["Sky (", "Skylar"]),
        ("And his big sister Rain - Raine on the GP system - was registered.", ["Rain ", "Raine"]),
        ("Poppy (half-sister, name changed to Phoebe) lives in Hull.", ["Phoebe"]),
        ("Hamza – 'Hamzi' to his family – had been started on sertraline.", ["Hamzi"]),
        # lower-case chat notes
        ("mum shireen is v tired, dad faisal back at work monday", ["shireen", "faisal"]),
        ("fyi tj (terrell james) from the sunday drop-in missed his check", ["terrell", "james"]),
        ("hi all, anjali here from the gp side, she is booked", ["anjali"]),
        # initials where only a person stands
        ("Thanks all, and SJ, can you stop the recording?", ["SJ"]),
        ("OK. AB and PD to pick that up. Anything else?", ["AB", "PD"]),
        # a fundraiser page on a site's example domain, a pitch on a site
        ("Please take down https://www.gofundme.example.com/f/help-baby-storm-come-home now.", ["gofundme"]),
        ("I sat on the step of the trailer at Pitch 14, Oak Tree Park for an hour.", ["Pitch 14", "Oak Tree"]),
    ],
)
def test_aliases_chats_initials_round9(model_redactor: Redactor, text: str, gone: list[str]) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Lithium on the MAR was wrong. Nights on the rota. Tuesday on the rota.", ["Lithium", "Nights", "Tuesday"]),
        ("mum rose early. dad said no. baby boy was fine. dad rang twice.", ["rose early", "said no", "boy was"]),
        ("(blood test) and (the nurse)", ["(blood test)", "(the nurse)"]),
        ("GP, can you check? ED and AMU to pick that up. OT and PT to review.", ["GP,", "ED and AMU", "OT and PT"]),
    ],
)
def test_kept_aliases_chats_initials_round9(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    out = model_redactor.redact(text)
    for words in kept:
        assert words in out, out


def test_role_in_brackets_without_a_determiner(model_redactor: Redactor) -> None:
    out = model_redactor.redact("Precious (nurse in charge) ran the emergency. Monday (nurse in charge).")
    assert "Precious" not in out and "Monday (nurse in charge)" in out, out
    text = "Faith (physio from intermediate care) came. We gave Oramorph (nurse in charge checked)."
    out = model_redactor.redact(text)
    assert "Faith" not in out and "Oramorph" in out, out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "> the whole visit. Her care coordinator, Priya\n> Raghunathan, had written it.\n> Sent: 13 March",
            ["Priya", "Raghunathan"],
            ["Sent: 13 March"],
        ),
        ("Need one story each by Friday. Anonymise please (initials not names!!). PD\n", ["PD"], ["Friday"]),
        ("Can you do the rota?\n\nThanks\nKD", ["KD"], ["rota"]),
        ("Seen in ED. GP\nPlan: discharge. OK\nCheers,\nRN", [], ["ED. GP", "OK", "RN"]),
    ],
)
def test_quoted_wraps_and_signed_initials(
    model_redactor: Redactor, text: str, gone: list[str], kept: list[str]
) -> None:
    out = model_redactor.redact(text)
    for word in gone:
        assert word not in out, out
    for words in kept:
        assert words in out, out


def test_address_after_a_form_label(model_redactor: Redactor) -> None:
    form = "    MOTHER: LEE         ADDRESS: Pitch 14,\n                 Oak Tree Park\n    PREVIOUS GP: none"
    out = model_redactor.redact(form)
    assert "Pitch" not in out and "Oak Tree" not in out and "PREVIOUS GP: none" in out, out
    out = model_redactor.redact("Address: 4 The Mews, Hebden Bridge\nAddress: NFA\nThings to address: staffing.")
    assert "The Mews" not in out and "Address: NFA" in out and "address: staffing" in out, out
