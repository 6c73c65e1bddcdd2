"""Recogniser round 24 (issue #18): values read out with misheard letters and digits, typed with look-alike letters
or in a form's boxes, e-mails and handles written oddly, HL7 messages pasted into notes, names spoken in lower case;
and the organisations' numbers, streets and codes that must stay.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor
from storymine.privacy.patterns import fold_lookalikes, hl7_fields, not_a_persons_code, service_numbers

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a code read out after what it is, with the words speech-to-text writes for letters and digits
        ("auto captions: her national insurance is pea ex four one two two three four see", ["four one two"], []),
        ("speech to text: national insurance is k l forty one twelve ninety three a", ["forty one twelve"], []),
        ("transcript: the postcode is el ess one four are bee thanks", ["el ess one four are bee"], ["thanks"]),
        ("transcript: postcode is see eff ten oh queue ay", ["see eff ten oh queue ay"], []),
        ("his car is why see seven three el gee are parked outside", ["seven three el gee"], ["parked"]),
        ("she left her car, a blue Fiesta, N K Z 4 0 1 7, in the bay", ["N K Z 4 0 1 7"], ["Fiesta"]),
        ("snapchat is lima uniform kilo echo zero nine", ["lima uniform kilo echo"], []),
        ("caller gave d o b as one four zero three eight two then hung up", ["one four zero three eight two"], []),
        ("date of birth three one sixty one sorry", ["three one sixty one"], ["sorry"]),
        ("m r n two double oh four five one seven three comma seen", ["double oh four five"], ["seen"]),
        # digit runs misheard or with pauses; a mobile half in words
        ("mobile oh seven seven double oh nine double oh to four one", ["double oh to four one"], []),
        ("it's oh seven seven double oh... nine double oh... three one two I think", ["three one two"], ["I think"]),
        ("typed as: mobile 07700 nine hundred 418", ["nine hundred 418"], []),
        # look-alike letters in codes and a form's boxes
        ("NHS number written as 9O2 871 63O5 on the chart.", ["9O2 871 63O5"], ["chart"]),
        ("NI no: TA 5O 21 88 D (letter O)", ["TA 5O 21 88 D"], ["letter O"]),
        ("label printed K4OO7O2 in error", ["K4OO7O2"], ["in error"]),
        ("Postcode LS6 OQA on the card.", ["LS6 OQA"], ["card"]),
        ("Reg written as YK1O XRV on the form.", ["YK1O XRV"], ["form"]),
        ("Boxes: |9|4|3|4|7|6|5|9|1|9|", ["9|4|3|4|7|6|5|9|1|9"], ["Boxes"]),
        # partial values after "ending"; postcodes with a dash or dots
        ("she only gave a mobile ending 3318, nothing else", ["3318"], ["nothing else"]),
        ("hosp no ending 7712 on the band", ["7712"], ["band"]),
        ("PC: LS12-3QP", ["LS12-3QP"], []),
        ("written as L.S.6 2AB on the letter", ["L.S.6 2AB"], ["letter"]),
        # a Northern Irish plate with a dash; what3words
        ("Son drove behind, reg KIJ-4419.", ["KIJ-4419"], ["drove"]),
        ("The caravan is at ///apple.kettle.moon past the gate", ["apple.kettle.moon"], ["caravan"]),
        ("access point w3w.co/tiger.spoon.cloud for the crew", ["tiger.spoon.cloud"], ["crew"]),
    ],
)
def test_round24_codes_read_out_and_typed(
    model_redactor: Redactor, text: str, gone: list[str], kept: list[str]
) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("From the whiteboard: lucy . partridge @ gmail . com", ["partridge"], ["whiteboard"]),
        ("Email: dan.moss@outlook,com (a comma typed)", ["dan.moss"], ["comma typed"]),
        ("you can email me peter hale at sign icloud dot com ta", ["hale at sign icloud"], ["ta"]),
        ("His email is r.khan at googlemail, the old one.", ["r.khan"], ["the old one"]),
        ("query string email=r.khan%40googlemail.com in the link", ["r.khan%40googlemail.com"], ["query string"]),
        ("the form showed r.khan&#64;googlemail.com in the field", ["r.khan&#64;googlemail.com"], ["field"]),
        ("send it to jo walsh sixty two at hotmail yeah", ["walsh sixty two"], ["yeah"]),
        ("Streams on Twitch as moonfoxlive most nights.", ["moonfoxlive"], ["most nights"]),
        ("Her Insta is bekkaaa with three a's.", ["bekkaaa"], ["three a's"]),
        ("Tumblr: quiet-fern-diaries - monitor with consent.", ["quiet-fern-diaries"], ["monitor"]),
        ("her snap is kayla dot rx with an x", ["kayla dot rx"], ["with an x"]),
        ("he's on tick tock as jay dot m dot oh four", ["jay dot m dot oh four"], []),
        ("he said he's on there as at symbol big_al_lufc", ["big_al_lufc"], []),
        ("Short link instagr.am/bekka.h", ["bekka.h"], ["Short link"]),
    ],
)
def test_round24_emails_and_handles_written_oddly(
    model_redactor: Redactor, text: str, gone: list[str], kept: list[str]
) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # names speech-to-text writes in lower case, split, or after a role; dotted initials where a person stands
        ("the social worker ruth came she was nice", ["ruth"], ["social worker"]),
        ("i'll get shona mc ardle from safeguarding to come", ["shona", "ardle"], ["safeguarding"]),
        ("she was called missus mc cullough annie she liked", ["cullough"], ["liked"]),
        ("i think it was doctor okonkwo on nights", ["okonkwo"], ["nights"]),
        ("A young man, D.K., 19, waited two days.", ["D.K."], ["waited"]),
        ("The girl, L.M., still writes to us.", ["L.M."], ["still writes"]),
        ('He said "look, Oyelaran, my watch". Then he laughed.', ["Oyelaran"], ["my watch"]),
        ("Mrs May came in with her son.", ["May came"], ["her son"]),
        ("so i want to bring neve o hagan the girl from belfast", ["neve", "hagan"], ["belfast"]),
        ("my foster carers pam and steve didn't let me", ["steve", "pam"], ["foster carers"]),
        ("She told us about the man, mike. We wrote it down", ["mike"], ["wrote it down"]),
        # an HL7 message pasted into a note: the patient's fields by their place
        ("PID|1||||FENWICK^ROSA^^^MRS||19480212|F|||", ["FENWICK", "ROSA", "19480212"], ["PID"]),
        ("feed showed ADDR=FLAT 2 ORCHARD COURT^MILL ROAD^DERBY^^ENG", ["ORCHARD COURT", "MILL ROAD"], ["ENG"]),
        # a home street in lower case, a house number in words with a letter, a street at the bottom of which
        ("im at 9 plover way now, the new bit", ["plover way"], ["new bit"]),
        ("she's at thirty one c hawthorn street top flat", ["hawthorn street"], ["top flat"]),
        ("we're the house at the bottom of Tarn Lane if you can't find us", ["Tarn Lane"], ["find us"]),
        ("He rents the room above the café on Bridge Street, round the back.", ["Bridge Street"], ["round the back"]),
    ],
)
def test_round24_names_and_homes(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an organisation's number: a switchboard, a reception, a duty line, a crisis line — never a record number
        ("Hospital switchboard 0113 496 0000, ask for ward 12.", ["0113 496 0000"]),
        ("Ring the practice on 01632 960 111 (reception) to rebook.", ["01632 960 111"]),
        ("Out-of-hours duty line 0161 496 0999.", ["0161 496 0999"]),
        ("Crisis line for the Trust is 0800 028 3637 (24/7).", ["0800 028 3637"]),
        ("Adult social care front door: 0300 123 4567", ["0300 123 4567"]),
        # codes of things: tickets, orders, adverts, clinical codes, registrations, policies
        ("Ticket INC0012345 raised with IT for the printer.", ["INC0012345"]),
        ("Order PO-20931 for the profiling bed.", ["PO-20931"]),
        ("Job reference C9281-24-0451 for the Band 6 post.", ["C9281-24-0451"]),
        ("SNOMED 44054006 (type 2 diabetes).", ["44054006"]),
        ("CQC registration 1-101234567 for the home.", ["1-101234567"]),
        ("See IG-POL-012 on e-mailing personal data.", ["IG-POL-012"]),
        # streets of public places, a hospital's street, a hospital's short name, a Welsh high street
        ("The food bank on Castle Street opens on Mondays.", ["Castle Street"]),
        ("Jobcentre on Queen Street.", ["Queen Street"]),
        ("Under the team at Great Ormond Street.", ["Great Ormond Street"]),
        ("Pt attended the Royal Gwent last week.", ["Royal Gwent"]),
        ("Y fferyllfa ar Stryd Fawr.", ["Stryd Fawr"]),
        # eponyms with their grade, a service named with "@", a website, a sentence's first word before an eponym
        ("Biopsy Gleason 3+4, for MDT.", ["Gleason 3+4"]),
        ("Open tibial fracture, Gustilo IIIB.", ["Gustilo IIIB"]),
        ("Suspected Korsakoff's syndrome.", ["Korsakoff's"]),
        ("Provider ODS code RR8 on the header.", ["ODS"]),
        ("The @home service gives IV antibiotics.", ["@home"]),
        ("Guidance at gov.uk/pip explained to the family.", ["gov.uk/pip"]),
        ("Oh, God, yeah, sorry.", ["God"]),
        # what look-alike folding and misheard digits must not take
        ("SpO2 94% on 2l O2, CO2 retainer.", ["SpO2", "O2", "CO2"]),
        ("exports/stories 2025-01-01 to 2025-03-31", ["2025-01-01 to 2025-03-31"]),
        ("from one to one, for two weeks, seven to eight", ["seven to eight"]),
        ("we had 3 for 2 on 4 to 5 pairs", ["3 for 2"]),
        ("the girl, crying, ran to a pint o mild", ["crying", "pint o mild"]),
        ("my parents mark and will came", ["mark and will"]),
    ],
)
def test_round24_kept(model_redactor: Redactor, text: str, kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], [], kept)


def test_round24_person_after_title_stays_a_person(model_redactor: Redactor) -> None:
    """A title before a word is a person even where the word is a graded eponym or an organisation's."""
    out = model_redactor.redact_document(["Dr Gleason came at ten. Mr Hall lives on Castle Street."]).texts[0]
    assert "Gleason" not in out and "Hall" not in out and "Castle Street" not in out, out
    assert "[ADDRESS" in out and "Mr [PERSON" in out, out  # "Mr Hall" is a person, not a house


def test_fold_lookalikes_keeps_length_and_words() -> None:
    text = "NHS 6O9 378 98O2, Postcode CRO 1SJ, boxes |7|3|3|3|4|3|6|6|9|1|, Old Hall"
    folded = fold_lookalikes(text)
    assert len(folded) == len(text)  # offsets found in the folded copy hold for the text
    assert "609 378 9802" in folded and "CR0 1SJ" in folded and "7 3 3 3 4 3 6 6 9 1" in folded
    assert folded.endswith("Old Hall")  # words without digits stay as written


def test_service_numbers_and_codes_of_things() -> None:
    assert service_numbers("Switchboard 0113 496 0000") != []
    assert service_numbers("her mobile 07700 900123") == []
    assert service_numbers("my number, switchboard said, is 0113 496 0000") == []  # "my" makes it hers
    assert service_numbers("at reception 07700 900456 was given") == []  # a mobile is a person's
    assert service_numbers("out of hours on 0117 496 0123") == []  # no line's name before it
    text = "Ticket INC0012345 and MRN 00456789"
    assert not_a_persons_code(text, text.index("INC"))
    assert not not_a_persons_code(text, text.index("00456789"))


def test_hl7_fields_by_place() -> None:
    msg = "PID|1||RXH4409128^^^RXH||Okafor^Chidi^^^Mr||19541102|M|||14 Elm Road^^Swindon^^SN1 2AB||07700 900123"
    kinds = {(f.kind, msg[f.start : f.end]) for f in hl7_fields(msg)}
    assert ("PERSON", "Okafor") in kinds and ("PERSON", "Chidi") in kinds
    assert ("DATE_OF_BIRTH", "19541102") in kinds and ("PHONE", "07700 900123") in kinds
    assert ("HOSPITAL_NUMBER", "RXH4409128") in kinds
    assert any(k == "ADDRESS" and v.startswith("14 Elm Road") for k, v in kinds)
    assert not any(v == "Mr" for _, v in kinds)
