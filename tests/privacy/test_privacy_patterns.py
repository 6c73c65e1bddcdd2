from __future__ import annotations

import pytest

from storymine.privacy.patterns import (
    find_addresses,
    find_dates_of_birth,
    find_emails,
    find_nhs_numbers,
    find_ni_numbers,
    find_phones,
    find_postcodes,
    find_urls,
    is_valid_nhs_number,
    normalise_uk_phone,
    url_is_personal,
)


def texts_of(found: list, text: str) -> list[str]:
    return [text[f.start : f.end] for f in found]


# ----------------------------------------------------------------- NHS numbers
@pytest.mark.parametrize("number", ["9434765919", "6795742288", "4922121676", "4200071088"])
def test_nhs_mod11_valid(number: str) -> None:
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize("number", ["9434765918", "1234567890", "5390851128", "12345", "94347659190"])
def test_nhs_mod11_invalid(number: str) -> None:
    assert not is_valid_nhs_number(number)


def test_nhs_check_digit_ten_is_invalid() -> None:
    # weights 10..2 over 000000001 sum to 2 -> 11 - 2 = 9; over 000000010 sum 3 -> 8 ...
    # 0000000060: sum = 6*2 = 12, 12 % 11 = 1, check 10 -> never valid whatever the last digit
    assert not any(is_valid_nhs_number(f"000000006{d}") for d in range(10))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("NHS number 943 476 5919.", "943 476 5919"),
        ("nhs:9434765919", "9434765919"),
        ("NHS No: 943-476-5919)", "943-476-5919"),
    ],
)
def test_nhs_found(text: str, expected: str) -> None:
    assert texts_of(find_nhs_numbers(text), text) == [expected]


@pytest.mark.parametrize(
    "text", ["ref 943 476 5918", "order 123 456 7890", "94347659190", "x9434765919", "000 000 0000"]
)
def test_nhs_not_found(text: str) -> None:
    assert find_nhs_numbers(text) == []


# ----------------------------------------------------------------- phones
@pytest.mark.parametrize(
    "text,expected",
    [
        ("call 07700 900123 now", "07700 900123"),
        ("call 07700900123.", "07700900123"),
        ("on +44 7700 900123", "+44 7700 900123"),
        ("on +447700900123,", "+447700900123"),
        ("on +44 (0)7700 900123", "+44 (0)7700 900123"),
        ("on 0044 113 496 0000", "0044 113 496 0000"),
        ("ring (0113) 496 0471 today", "(0113) 496 0471"),
        ("ring 0113-496-0555", "0113-496-0555"),
        ("ring 020 7946 0018", "020 7946 0018"),
        ("ring +44(0)20 7946 0991", "+44(0)20 7946 0991"),
        ("ring 0161 496 0733", "0161 496 0733"),
        ("ring 01632 960 123", "01632 960 123"),
        ("ring 07700 900 654", "07700 900 654"),
        ("ring 0800 123 4567", "0800 123 4567"),
    ],
)
def test_phone_found(text: str, expected: str) -> None:
    assert texts_of(find_phones(text), text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My wife (+263 77 412 5580) asked", "+263 77 412 5580"),
        ("call +1 415 555 0100 after six", "+1 415 555 0100"),
        ("her Polish mobile +48 601-234-567.", "+48 601-234-567"),
        ("ring 00353 87 123 4567 in Cork", "00353 87 123 4567"),
    ],
)
def test_phone_abroad_found(text: str, expected: str) -> None:
    """A number with a country code is a phone wherever it is (#18, tenth round)."""
    assert texts_of(find_phones(text), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "10:30-11:15",
        "2,431 patients",
        "page 14 of 20",
        "01/04/2023",
        "0770 0900",
        "+5 10 20",  # a score, not a number abroad (fewer than 8 digits)
        "version 3.2.1",
        "0612345678",
        "07700 9001234567",
    ],
)
def test_phone_not_found(text: str) -> None:
    assert find_phones(text) == []


def test_phone_normalisation() -> None:
    assert normalise_uk_phone("+44 (0)7700 900123") == "07700900123"
    assert normalise_uk_phone("0044 7700 900123") == "07700900123"
    assert normalise_uk_phone("+33 1 23 45 67 89") is None


# ----------------------------------------------------------------- NI numbers
@pytest.mark.parametrize(
    "text,expected",
    [
        ("NI number AB 12 34 56 C.", "AB 12 34 56 C"),
        ("ni ab123456c", "ab123456c"),
        ("NINO: JG103712D", "JG103712D"),
        ("National Insurance: PR 48 29 13", "PR 48 29 13"),
    ],
)
def test_ni_found(text: str, expected: str) -> None:
    assert texts_of(find_ni_numbers(text), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "DA 12 34 56 C",  # D is never a first letter
        "AO 12 34 56 C",  # O is never a second letter
        "GB 12 34 56 A",  # prefix never issued
        "BG123456A",
        "TN123456B",
        "ZZ123456A",
        "AB 12 34 56 E",  # suffix beyond D
        "AB 12 34 56",  # no suffix and no NI context
        "XAB123456C",
    ],
)
def test_ni_not_found(text: str) -> None:
    assert find_ni_numbers(text) == []


# ----------------------------------------------------------------- postcodes
@pytest.mark.parametrize(
    "code",
    ["LS1 4AP", "M14 5RT", "SW1A 1AA", "EC1A 1BB", "W1A 0AX", "B33 8TH", "GIR 0AA", "LS14AP", "SW1A1AA"],
)
def test_postcode_found_upper(code: str) -> None:
    text = f"at {code}, Leeds"
    assert texts_of(find_postcodes(text), text) == [code]


@pytest.mark.parametrize("code", ["ls1 4ap", "ec1a 1bb", "Sw1a 1aa"])
def test_postcode_lower_with_space(code: str) -> None:
    text = f"postcode {code}."
    assert texts_of(find_postcodes(text), text) == [code]


@pytest.mark.parametrize(
    "text",
    [
        "NEWS2 score",
        "COVID19 ward",
        "b12 2nd floor",
        "on 3 pm",
        "LS1 4CP",
        "QS1 4AP",
        "A320 jet",
        "b3 3rd",
    ],
)
def test_postcode_not_found(text: str) -> None:
    assert find_postcodes(text) == []


# ----------------------------------------------------------------- dates of birth
@pytest.mark.parametrize(
    "text,expected",
    [
        ("DOB 12/03/1947", "12/03/1947"),
        ("(DOB: 3.4.47)", "3.4.47"),
        ("d.o.b. 1947-11-23", "1947-11-23"),
        ("D.O.B: 01-01-1950", "01-01-1950"),
        ("date of birth: 7th Sept 1944", "7th Sept 1944"),
        ("gave her date of birth as 14.02.1995", "14.02.1995"),
        ("she was born on 3rd June 1938", "3rd June 1938"),
        ("born in May 1947", "May 1947"),
        ("Her DOB is 5 April 1931,", "5 April 1931"),
        ("birthdate March 4, 1950", "March 4, 1950"),
    ],
)
def test_dob_found(text: str, expected: str) -> None:
    assert texts_of(find_dates_of_birth(text), text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["in May 2024", "on 12 March", "reviewed on 01/04/2023", "the baby was born early", "born in hospital"],
)
def test_plain_dates_not_dob(text: str) -> None:
    assert find_dates_of_birth(text) == []


# ----------------------------------------------------------------- addresses
@pytest.mark.parametrize(
    "text,expected",
    [
        ("lives at 14 Fernbank Road, Leeds", "14 Fernbank Road"),
        ("Flat 3, 22 Kings Court and", "Flat 3, 22 Kings Court"),
        ("at Apartment 5 Elm Street, Bradford", "Apartment 5 Elm Street"),
        ("19 Queen's Road, B33", "19 Queen's Road"),
        ("4 Lavender Mews.", "4 Lavender Mews"),
        ("she lives on Fernbank Road now", "Fernbank Road"),
    ],
)
def test_address_found(text: str, expected: str) -> None:
    assert texts_of(find_addresses(text), text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["on Ward 12", "3 Sepsis Six bundles", "in 41 of 50 cases", "the Emergency Department", "Fernbank Road"],
)
def test_address_not_found(text: str) -> None:
    assert find_addresses(text) == []


# ----------------------------------------------------------------- e-mail
@pytest.mark.parametrize(
    "text,expected",
    [
        ("mail doreen.hartley@example.com.", "doreen.hartley@example.com"),
        ("(OKSANA.PETRENKO@EXAMPLE.COM)", "OKSANA.PETRENKO@EXAMPLE.COM"),
        ("to f.oyelaran-smith@example.nhs.uk;", "f.oyelaran-smith@example.nhs.uk"),
        ("cassandra[at]example[dot]org", "cassandra[at]example[dot]org"),
        ("jo (at) example (dot) co (dot) uk", "jo (at) example (dot) co (dot) uk"),
    ],
)
def test_email_found(text: str, expected: str) -> None:
    assert texts_of(find_emails(text), text) == [expected]


@pytest.mark.parametrize("text", ["meet at nice.org.uk", "@Teams", "user@localhost", "a@b.c1"])
def test_email_not_found(text: str) -> None:
    assert find_emails(text) == []


# ----------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/doreen.hartley",
        "https://www.linkedin.com/in/agnieszka-wozniak-rn",
        "linkedin.com/in/amir-khan",
        "twitter.com/kieran_ll_jones",
        "https://www.tiktok.com/@nanabeth",
        "https://example.org/users/tobias.lindqvist/notes",
        "https://intranet.example.org/~opetrenko/huddle-notes",
        "https://www.youtube.com/@someone",
    ],
)
def test_personal_urls(url: str) -> None:
    found = find_urls(f"see {url}.")
    assert [(f.end - f.start, personal) for f, personal in found] == [(len(url), True)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nice.org.uk/guidance/ng51",
        "https://www.england.nhs.uk/patient-safety/",
        "https://www.linkedin.com/company/nhs-england",
        "https://www.facebook.com/",
        "https://www.youtube.com/watch?v=abc",
        "https://example.org/users/",
    ],
)
def test_organisation_urls_not_personal(url: str) -> None:
    assert not url_is_personal(url)
    assert [p for _, p in find_urls(f"see {url} now")] == [False]


def test_url_trailing_punctuation_trimmed() -> None:
    text = "(see https://www.facebook.com/doreen.hartley)."
    ((f, _),) = find_urls(text)
    assert text[f.start : f.end] == "https://www.facebook.com/doreen.hartley"


@pytest.mark.parametrize(
    "text",
    [
        "His NI number QQ 12 34 56 C was on the form.",  # the example prefix, which people write
        "QQ123456C",
        "National Insurance: DA 12 34 56 C",  # after a cue, any two letters
        "NI no. ZZ-12-34-56",
    ],
)
def test_ni_found_after_a_cue_or_with_the_example_prefix(text: str) -> None:
    from storymine.privacy.patterns import find_ni_numbers

    assert find_ni_numbers(text), text
