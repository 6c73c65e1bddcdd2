"""Recogniser round 25 (issue #18): masked values, plates with a dash or in part, lower-case house names where
someone lives, Highland places "by" a town, PNC ids, NHS numbers on the line under their label; and what must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # values with some characters masked, as audit logs and extracts write them
        ("Masked number in audit log: 07700 9XX X22", ["9XX X22"], ["audit log"]),
        ("mobile 07*** ***123 on the old form", ["07*** ***123"], ["old form"]),
        ("Postcode masked in the extract: CA2 8**", ["CA2 8**"], ["extract"]),
        ("lives in LS6 2XX somewhere", ["LS6 2XX"], ["somewhere"]),
        # plates with a dash, and a part of a plate in quotes after the plate is named
        ("Vehicle WS14-CXB seen at the address.", ["WS14-CXB"], ["address"]),
        ("his moped's been seized (DY09-OPX), last known", ["DY09-OPX"], ["moped"]),
        ("Mum only saw the end of the number plate, 'XMS'.", ["XMS"], ["number plate"]),
        ('the reg started "KX" she thought', ['"KX"'], ["she thought"]),
        # a Police National Computer id; an NHS number under its label in a form's table
        ("put the PNC ID on the handover. Jordan's is 19/448127K.", ["448127K"], ["handover"]),
        ("Postcode\nSA5 7BU\nNHS No\n4729103365\nNI No", ["4729103365"], ["NHS No"]),
    ],
)
def test_round25_codes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a house named in lower case where someone lives, with its lane and village as a caller says them
        (
            "caller: yeah the address is the old school house um church lane upper slaughter and the gate sticks",
            ["old school house", "church lane", "upper slaughter"],
            ["the gate sticks"],
        ),
        (
            "txt from son: mam's moved to unit 3 the old maltings north street, the ones that were converted",
            ["unit 3", "maltings", "north street"],
            ["converted"],
        ),
        ("Sleeping in the bothy at Inverlael, by Ullapool, no phone signal there.", ["Inverlael"], ["Ullapool"]),
    ],
)
def test_round25_homes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("she moved to the new house last week", ["new house"]),
        ("He lives at the family farm near Hexham.", ["family farm", "Hexham"]),
        ("moved to the care home on Friday", ["care home"]),
        ("plates 'NHS' in the window", ["NHS"]),
        ("see policy 12/3456A and page 2/10", ["12/3456A", "2/10"]),
        ("ref 01234 XXX for the team", ["01234 XXX"]),
        ("Seen at Raigmore, by Friday we knew", ["Raigmore"]),
    ],
)
def test_round25_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # dates of birth in a link's query, as ddmm yy, with an OCR zero for the O of a month
        ("pasted link: results?dob=19580312&id=7", ["19580312"], ["results"]),
        ("DOB 1403 58 (handwritten)", ["1403 58"], ["handwritten"]),
        ("[OCR] DATE OF BIRTH 14 0CT 1958 SEX F", ["0CT 1958"], ["SEX F"]),
        # postcodes after their label however typed
        ("postcode ls6.2ab (a dot for the space)", ["ls6.2ab"], ["a dot"]),
        ("postcode ls6  2 ab ??", ["ls6  2 ab"], []),
        ("Postcode LS6 2A8 [the B looks like an 8]", ["LS6 2A8"], ["looks like"]),
        ("Postcode S017 1BJ (zero for the O)", ["S017 1BJ"], ["zero for the O"]),
        # NHS numbers fused to their label or widely spaced; a clinic's number
        ("Barcode: NHS9434765919", ["9434765919"], ["Barcode"]),
        ("NHS   943  476  5919", ["943  476  5919"], []),
        ("Clinic no. GUM 25/2291 - uses another name there.", ["25/2291"], ["another name"]),
        # e-mails read out after "email us at", cut off after the "@", or typed without the host's dots
        ("voicemail: just email us at khan dot family at gmail dot com thanks", ["khan dot family"], ["thanks"]),
        ("Email: jo.pritchard@ (the rest is cut off)", ["jo.pritchard"], ["cut off"]),
        ("Email recorded as jopritchard@hotmailcouk (no dots)", ["jopritchard"], ["no dots"]),
        # handles after more platforms and labels, said letter by letter, on a game's server
        ("SoundCloud artist name lilzed_official; lyrics name a gang.", ["lilzed_official"], ["lyrics"]),
        ("[voice memo] her snapchat's kayla m 2 0 0 9 I think", ["kayla m 2 0 0 9"], ["I think"]),
        ("Plays on a server as RobloxRyan07; the school told us.", ["RobloxRyan07"], ["the school"]),
        # homes told by where they stand
        (
            "it's the end cottage of the row opposite the Crown in Holmfirth, green door",
            ["end cottage", "Holmfirth"],
            ["green door"],
        ),
        ("she's on the third narrowboat along from the lock at Hoo. Ask at the office", ["Hoo"], ["Ask"]),
    ],
)
def test_round25_fmt7_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Told the young person about Childline, 0800 1111.", ["Childline", "0800 1111"]),
        ("Crimestoppers 0800 555 111 was mentioned by the family.", ["Crimestoppers", "0800 555 111"]),
        ("She rang Refuge and Shelter helped with housing.", ["Refuge", "Shelter"]),
        ("SNOMED concept 22298006 (myocardial infarction) coded.", ["22298006"]),
        ("Return forms to the trust at PO Box 1234.", ["PO Box 1234"]),
        ("Trust HQ is on Hospital Road.", ["Hospital Road"]),
        ("We went to the third house on the street in May", ["third house", "May"]),
        ("Spotify is on in the lounge; his snapchat's gone.", ["Spotify", "gone"]),
        ("the NHS 2024 plan and NHS 111", ["NHS 2024", "NHS 111"]),
        ("postcode area LS6 only", ["LS6"]),
    ],
)
def test_round25_fmt7_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a housing estate where someone lives
        ("two patients called Islam, both at Nightingale Estate addresses", ["Nightingale Estate"], ["addresses"]),
        ("she lives on the Kingsmead Estate in Hackney", ["Kingsmead Estate"], ["Hackney"]),
        # a local part read out with "dot" before a mail host alone; a handle read out right after its platform
        ("send it to her email which is tran dot linh77 at gmail", ["linh77"], []),
        ("message her on snapchat linh dot t eighty four her mum is", ["linh dot t eighty four"], ["her mum"]),
        # an NI number read out in lower case after its cue; a mistyped NHS number typed without spaces
        ("the agency still has my NI wrong j m four eight two seven nine one d is right", ["four eight two"], []),
        ("An NHS number read out, the nurse typed 9992429331 not the right one", ["9992429331"], ["nurse"]),
        # a title before an initial with a possessive
        ("We took Dr O's car to the house.", ["Dr O's"], ["car"]),
    ],
)
def test_round25_dev80_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("the unit is on the Riverside Trading Estate", ["Riverside Trading Estate"]),
        ("Mr O'Neill came", ["Mr "]),
        ("on snapchat she is fine", ["snapchat she is fine"]),
        ("we met at a cafe at gmail offices", ["cafe at gmail offices"]),
    ],
)
def test_round25_dev80_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # prison numbers with spaces or read out after their cue; a cell's code is not a house number
        ("Lee Ryder (A7731FE) and Lewis Ryder (A 2290 FQ), not related.", ["2290 FQ"], ["not related"]),
        ("Wednesday was Jordan again. A9104 CT. Second time since January.", ["A9104 CT"], ["January"]),
        ("prison number for the gp is a three three eight oh a l", ["three three eight oh a l"], ["gp"]),
        ("- K1-22 WHITLOCK, Darren - methadone 60ml", ["WHITLOCK", "Darren"], ["K1-22", "methadone"]),
        # a second person's date of birth in the same sentence
        ("Kyle's DOB is 4 8 2001 and Kai's is 19 12 96 so that's how", ["4 8 2001", "19 12 96"], []),
        ("Eluned Rhys (DOB 11/01/1947; ours is 11/07/1947). Only", ["11/07/1947"], ["Only"]),
        # a space inside a postcode's outward part; a flat and a street said digit by digit
        ("His address is on the letter, 58 Hawthorne Road, Bootle, L 20 6JX.", ["L 20 6JX"], ["Bootle"]),
        ("his old address on it flat three one one two county road which", ["county road"], ["which"]),
        # masked NHS and H&C numbers after their cue
        ("only the last four digits of his NHS number (xxx xxx 6370) because", ["xxx xxx 6370"], ["because"]),
        ("**H&C as shown on the crew ePR:** 340 *** 2383 (masked)", ["340 *** 2383"], ["masked"]),
        # nicknames by who calls them so, or where
        ("Known on the street as Bizzy. Monkey dust use", ["Bizzy"], ["Monkey dust"]),
        ("He's the one the outreach lads know as Bizzy.", ["Bizzy"], ["outreach"]),
        ("Her grandson Osian - Ozzy, she calls him - has lived with her", ["Ozzy"], ["she calls him"]),
        # a caravan on a farm
        ("i am alone in the caravan. caravan seven, manor farm, ruskington fen", ["manor farm", "ruskington"], []),
    ],
)
def test_round25_dev79_dev81_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("DOB 4/8/2001 and the appointment is 19/12/2025.", ["19/12/2025"]),
        ("DOB 4/8/2001 and Review: 19/12/2025", ["19/12/2025"]),
        ("DOB 11/01/1947, seen 12/03/2025", ["12/03/2025"]),
        ("what we know as Christians", ["Christians"]),
        ("That, she calls him, is the point.", ["That"]),
    ],
)
def test_round25_dev79_dev81_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


def test_round25_prison_number_is_no_eircode(model_redactor: Redactor) -> None:
    """A prison number written without a space ("A4417DK") is a record number, not an Irish postcode, so the name
    before it is no town before a postcode."""
    out = model_redactor.redact_document(["WHITLOCK, Darren A4417DK - methadone 60ml"]).texts[0]
    assert "Darren" not in out and "A4417DK" not in out and "[HOSPITAL_NUMBER_1]" in out, out
    kept = model_redactor.redact_document(["Ballyhaunis, Co. Mayo, F35 X2Y7"]).texts[0]
    assert "[POSTCODE_1]" in kept and "Ballyhaunis" in kept, kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # everyday Welsh, Gaelic and Irish words, and places in those languages, are no names
        ("Diolch am eich help heddiw.", ["Diolch"]),
        ("Nyrs Ardal i ymweld bore fory.", ["Nyrs Ardal"]),
        ("Gweithiwr Cymdeithasol wedi ei ddyrannu.", ["Gweithiwr Cymdeithasol"]),
        ("Ynys Môn locality team meeting.", ["Ynys Môn"]),
        ("Referral to the Royal in Béal Feirste.", ["Béal Feirste"]),
        ("Bòrd SSN nan Eilean Siar – NHS Western Isles.", ["Eilean Siar"]),
        ("Poster in the day centre: Céad míle fáilte.", ["Céad míle fáilte"]),
        # month names, also where they are given names, after a day's number or "mis"
        ("Apwyntiad nesaf: 12 Mai 2025, clinig traed.", ["12 Mai 2025"]),
        ("Coinne / Appointment: 15 Márta, clinic in Altnagelvin.", ["15 Márta"]),
        ("Adolygiad ym mis Mawrth / review in March.", ["Mawrth"]),
        ("Ath-sgrùdadh / Review: toiseach an Dùbhlachd (early December).", ["Dùbhlachd"]),
        # health boards and hospices named after people; wards named after rivers
        ("Referred by Betsi Cadwaladr mental health team.", ["Betsi Cadwaladr"]),
        ("Aneurin Bevan UHB safeguarding lead", ["Aneurin Bevan"]),
        ("Llythyr gan Bwrdd Iechyd Prifysgol Hywel Dda.", ["Hywel Dda"]),
        ("Respite at Tŷ Hafan children's hospice agreed.", ["Tŷ Hafan"]),
        ("Ward Dyfi are full, outlier to Ward Enlli.", ["Ward Enlli", "Ward Dyfi"]),
        # helplines named after everyday words
        ("FRANK on 0300 123 6600 for drug info.", ["FRANK", "0300 123 6600"]),
        ("Breathing Space 0800 83 85 87 (Scotland) discussed.", ["0800 83 85 87"]),
        # public bodies' sites under the national domains
        ("See https://www.nhs.wales/ and https://llyw.cymru/iechyd", ["nhs.wales", "llyw.cymru"]),
    ],
)
def test_round25_celtic_words_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Mai Nguyen came in. Her daughter Mai collects.", ["Mai"], ["daughter"]),
        ("Mrs Ward Enlli came", ["Enlli"], ["Mrs Ward"]),
        ("Frank on 0306 999 0123 rang back", ["Frank", "0306 999 0123"], ["rang back"]),
        # dates of birth with Gaelic and Irish months and birth cues
        ("Rugadh e air 15 den Dùbhlachd 1949 ann an Nis.", ["15 den Dùbhlachd 1949"], ["Nis"]),
        ("Rugadh í ar an 8 Feabhra 1962 i mBéal Feirste.", ["8 Feabhra 1962"], ["Béal Feirste"]),
        ("Rugadh e air 3 den Mhàrt 1949.", ["Mhàrt 1949"], []),
        ("Ganwyd hi ar 3 Mawrth 2019 yn Ysbyty Gwynedd.", ["3 Mawrth 2019"], ["Ysbyty Gwynedd"]),
        # a person's site under .cymru or .scot
        ("Her blog www.cerddi-eirlys.cymru talks about her husband's dementia.", ["cerddi-eirlys"], ["blog"]),
        ("Gwefan / Website: https://ealasaid-nicleoid.scot", ["ealasaid-nicleoid"], ["Website"]),
        # an address after a system's or a Welsh form's label, or where someone lives said in Gaelic or Welsh
        ("ADDR1: PEN Y BRYN, LON GANOL, LLANDEGFAN", ["PEN Y BRYN"], ["ADDR1"]),
        ("Cyfeiriad: 4 Maes y Dre, Bala", ["Maes y Dre"], ["Cyfeiriad"]),
        ("Tha i a' fuireach ann an Bun na h-Aibhne, Tolastadh còmhla ri a bràthair", ["Bun na h-Aibhne"], []),
        ("Mae hi'n byw yn Tyddyn Isaf, Llanuwchllyn ers 1970.", ["Tyddyn Isaf"], ["1970"]),
        # a postcode in a form's boxes with an empty box; a plate read by OCR or partly unread; a postcode in part
        ("Cod post / Postcode: L|L|5|7| |3|D|N", ["L|L|5|7"], ["Postcode"]),
        ("OCR of PCN: CN19 XT8", ["CN19 XT8"], ["PCN"]),
        ("Partial plate seen on CCTV: CF?? ?RT", ["CF?? ?RT"], ["CCTV"]),
        ("Lives somewhere in TR26, won't give the full address.", ["TR26"], ["full address"]),
        ("Dad lives near BT43 5-something, Ballymena.", ["BT43 5"], ["Ballymena"]),
        # read out with fillers inside, in Welsh, or said to be "all one word"
        ("Transcript: oh one six three two, um, nine six oh, two two eight", ["nine six oh"], []),
        ("Transcript: NHS four two nine one, erm, eight eight four, one one seven", ["eight eight four"], []),
        ("Transcript: sierra oscar one two, um, delta victor kilo yeah", ["delta victor kilo"], ["yeah"]),
        ("Trawsgrifiad: dim saith saith dim dim, naw dim dim, un dau tri", ["naw dim dim"], []),
        ("Transcript: his gamertag is, um, dark dragon nine nine, all one word", ["dark dragon"], ["all one word"]),
        ("Transcript: hospital number gee oh for two ate one ate", ["gee oh for two"], []),
    ],
)
def test_round25_fmt9_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


def test_round25_fillers_between_words_of_prose_stay() -> None:
    from storymine.privacy.patterns import without_fillers

    assert without_fillers("it was, um, a good day, er, mostly") is None
    short, where = without_fillers("two, um, nine") or ("", [])
    assert short == "two nine" and len(where) == len(short) + 1 and where[-1] == len("two, um, nine")


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # dev82-dev84 (read): a sexual health clinic's number, asylum references, a corrected date of birth
        ("he'd been before under GUM 23/04416 with a different date of birth", ["23/04416"], ["before under"]),
        ("His ARAP reference is 2023/118402. Fine.", ["118402"], ["ARAP reference"]),
        ("the DOB was wrong, 2015-09-30 instead of 2018-05-07. Pure luck.", ["2018-05-07"], ["Pure luck"]),
        # an NI number read out in the turn after the question
        (
            "Nurse: and we'll need your national insurance number, have you got it\n\nDad: yes it is j t four eight "
            "two nine one seven c",
            ["four eight two nine"],
            ["yes it is"],
        ),
        # people named in lower case after "a woman called"; numbered homes said after "in"
        ("third thing a woman called jasmine i dont know her surname", ["jasmine"], ["surname"]),
        ("lives in forty one lenton boulevard or something", ["lenton boulevard"], ["or something"]),
        ("we are now in forty seven main road by the tram", ["forty seven main road"], ["tram"]),
    ],
)
def test_round25_dev82_84_shapes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("seen 12/03/2025, not 14/03/2025 as booked", ["14/03/2025"]),
        ("a man called round to the house", ["called round"]),
        ("there are two main roads in town; in one main street only", ["two main roads", "one main street"]),
    ],
)
def test_round25_dev82_84_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


def test_round25_dashed_initials_in_a_file_name(model_redactor: Redactor) -> None:
    assert "AES" not in str(model_redactor.redact_path("outreach/casework reflection - AES - notebook.docx"))
    for path in ("notes/reflection - NHS - draft.docx", "audit - CPN - 2024.docx", "learning - UTC - clinic.md"):
        assert str(model_redactor.redact_path(path)) == path


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # review: a month that is a given name stays a name after "am"; a house number after "Flat-" stays a house's
        ("Hello, I am Mai, the daughter.", ["Mai"], ["the daughter"]),
        ("lives at Flat-12 Acacia Road, Leeds", ["12 Acacia Road"], ["Leeds"]),
    ],
)
def test_round25_review(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)
