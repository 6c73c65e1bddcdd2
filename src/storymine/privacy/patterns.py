"""Pattern recognisers for structured personal data (everything except person names).

Every recogniser is a pure function ``find_*(text) -> list[Finding]``. Patterns are written to
run in linear time on hostile input: every pattern that starts with a repeated character class
has a look-behind guard so that a match can only start at the beginning of a run, and every
repetition is bounded.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from storymine.privacy.frequency import zipf
from storymine.privacy.sanitise import fold_confusables

__all__ = [
    "Finding",
    "find_addresses",
    "find_dates_of_birth",
    "find_emails",
    "find_handles",
    "find_hospital_numbers",
    "find_nhs_numbers",
    "find_ni_numbers",
    "find_phones",
    "find_postcodes",
    "find_spelled_numbers",
    "find_urls",
    "find_vehicle_regs",
    "ids_after_names",
    "is_valid_nhs_number",
    "normalise_uk_phone",
]


@dataclass(frozen=True)
class Finding:
    """A span of text that holds personal data.

    ``key`` is a normalised form of the value used only to give equal values the same
    placeholder within one document; it never leaves the redactor.
    """

    start: int
    end: int
    kind: str
    key: str


def _widest(found: list[Finding]) -> list[Finding]:
    """Overlapping findings of one recogniser merged into one (several patterns can match one value)."""
    found = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            if f.end > kept[-1].end:
                kept[-1] = Finding(kept[-1].start, f.end, kept[-1].kind, kept[-1].key)
            continue
        kept.append(f)
    return kept


# --------------------------------------------------------------------------- e-mail
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"(?:@|[ ]?(?:\[at\]|\(at\)|\{at\})[ ]?)"
    r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}"
    r"(?:(?:\.|[ ]?(?:\[dot\]|\(dot\))[ ]?)[A-Za-z0-9][A-Za-z0-9\-]{0,62}){1,6}"
    r"(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_TLD = re.compile(r"[A-Za-z]{2,24}")
# An address read out or typed as words ("tom dot harris at outlook dot com", "lee dot hambleton at justice dot
# gov dot uk") or with spaces round the "@" ("johnnyb @ live.co.uk"): a host of words joined by "dot" that ends
# in a known top-level domain
_SPOKEN_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9_%+\-]{0,40}(?:(?:[ ]+(?:dot|underscore|dash|hyphen)[ ]+|[._\-])"
    r"[A-Za-z0-9][A-Za-z0-9_%+\-]{0,40}){0,3})"
    r"(?:[ ]+(?i:at)[ ]+|[ ]+@[ ]*|[ ]*@[ ]+)"
    r"(?P<host>[A-Za-z0-9][A-Za-z0-9\-]{0,40}(?:(?:[ ]+(?i:dot)[ ]+|\.)[A-Za-z0-9][A-Za-z0-9\-]{0,40}){1,4})"
    r"(?![A-Za-z0-9\-])"
)
_EMAIL_HOST_PART = r"[A-Za-z0-9][A-Za-z0-9\-]{0,40}"
_ODD_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9_%+\-]{0,40}(?:[ ]?\.[ ]?[A-Za-z0-9][A-Za-z0-9_%+\-]{0,40}){0,3})"
    r"(?:[ ]*(?:@|%40|&#0?64;|&#x40;)[ ]*|[ ]+(?i:at)[ ]+(?i:sign|symbol)[ ]+)"
    rf"(?P<host>{_EMAIL_HOST_PART}(?:(?:[ ]?[.,][ ]?|[ ]+(?i:dot)[ ]+){_EMAIL_HOST_PART}){{1,4}})"
    r"(?![A-Za-z0-9\-])"
)
_HOST_ONLY_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9]+(?:(?:[._]|[ ](?i:dot|underscore)[ ])[A-Za-z0-9]+){1,3})"
    r"[ ]+(?i:at)[ ]+"
    r"(?P<host>(?i:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|btinternet|virginmedia|protonmail|ymail"
    r"|talktalk))(?![A-Za-z0-9@.\-])"
)
_SAID_LOCAL_EMAIL = re.compile(
    r"(?i:\b(?:e-?mail(?:[ ]me)?(?:[ ]is)?|send[ ]it[ ]to|email[ ]address(?:[ ]is)?)[ ]+)"
    r"(?P<local>[a-z0-9]+(?:[ ]+[a-z0-9]+){0,4}?)[ ]+(?i:at)[ ]+(?:(?i:sign|symbol)[ ]+)?"
    r"(?P<host>(?i:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|btinternet|virginmedia|protonmail|ymail"
    r"|talktalk)(?:[ ]+(?i:dot)[ ]+(?i:com|co[ ]+dot[ ]+uk|net|co\.uk)|\.(?i:com|co\.uk|net))?)(?![A-Za-z0-9])"
)
_NOT_LOCAL_WORDS = frozenset(
    {"me", "it", "to", "the", "a", "an", "my", "her", "his", "their", "our", "your", "you", "us", "them", "him"}
    | {"at", "on", "in", "and", "or", "is", "was", "team", "that", "this", "there", "here", "back", "again", "over"}
)
_SPOKEN_TLD = frozenset({"com", "uk", "net", "org", "ie", "io", "me", "info", "biz", "scot", "wales", "cymru", "eu"})
_SPOKEN_HOST_WORDS = frozenset(
    {
        "gmail",
        "googlemail",
        "hotmail",
        "outlook",
        "live",
        "yahoo",
        "icloud",
        "aol",
        "btinternet",
        "sky",
        "nhs",
        "virginmedia",
        "protonmail",
        "proton",
        "msn",
        "me",
        "mail",
        "ymail",
        "talktalk",
        "gov",
        "ac",
        "co",
    }
)


def find_emails(text: str) -> list[Finding]:
    """Find e-mail addresses, including ``name [at] host [dot] org`` obfuscations."""
    out: list[Finding] = []
    for m in _EMAIL.finditer(text):
        value = m.group(0)
        host = re.split(r"@|\[at\]|\(at\)|\{at\}", value, maxsplit=1, flags=re.IGNORECASE)[-1]
        tld = re.split(r"\.|\[dot\]|\(dot\)", host, flags=re.IGNORECASE)[-1].strip()
        if not _TLD.fullmatch(tld):
            continue
        key = re.sub(r"\s+", "", value.lower())
        out.append(Finding(m.start(), m.end(), "EMAIL", key))
    # typed oddly: spaces round the dots ("sarah . kempton @ gmail . com"), a comma for the last dot
    # ("…@hotmail,com"), the "@" escaped ("h.singh%40googlemail.com", "h.singh&#64;googlemail.com") or said ("chris
    # harker at sign icloud dot com"), a mail host without its domain ("h.singh at googlemail"), a local part
    # said in words after "email me" or "send it to" ("tom hughes seventy seven at gmail")
    if any(x in text for x in ("@", "%40", "&#", " at ", " At ", " AT ")):
        taken = [(f.start, f.end) for f in out]
        for pattern in (_SAID_LOCAL_EMAIL, _ODD_EMAIL, _HOST_ONLY_EMAIL):
            for m in pattern.finditer(text):
                start = m.start("local")
                host = re.split(r"[ ]*[.,][ ]*|[ ]+(?i:dot)[ ]+", m.group("host").casefold())
                mail_host = bool(set(host) & _SPOKEN_HOST_WORDS - {"co", "ac", "gov", "me", "mail", "live", "sky"})
                if pattern is _ODD_EMAIL and not (host[-1] in _SPOKEN_TLD or mail_host):
                    continue
                if pattern is not _ODD_EMAIL and not mail_host:
                    continue
                if pattern is _SAID_LOCAL_EMAIL and set(m.group("local").casefold().split()) & _NOT_LOCAL_WORDS:
                    continue  # "email it to the team at outlook": words of a sentence, not an address
                if any(a < m.end() and start < b for a, b in taken):
                    continue
                taken.append((start, m.end()))
                out.append(Finding(start, m.end(), "EMAIL", re.sub(r"\s+", "", text[start : m.end()].lower())))
    if " at " in text or " AT " in text or " At " in text or " @" in text or "@ " in text:
        pos = 0
        while (said := _SPOKEN_EMAIL.search(text, pos)) is not None:
            m = said
            # a match that is no address starts the search again at its host: in "email us at patel dot family at
            # icloud dot com" the words after the first "at" are the local part of the address
            pos = m.start("host")
            host = [w.casefold() for w in re.split(r"[ ]+(?i:dot)[ ]+|\.", m.group("host"))]
            spoken = "@" not in m.group(0)
            # read out: the host must look like a mail host ("at gmail dot com"), not "at home dot com"
            known_tld = host[-1] in _SPOKEN_TLD or (host[-1] in ("co", "ac", "gov") and len(host) > 1)
            if not known_tld and (spoken or not _TLD.fullmatch(host[-1])):
                continue
            if spoken and not (set(host[:-1]) & _SPOKEN_HOST_WORDS or " dot " in m.group("local").casefold()):
                continue
            if spoken and host in (["gov", "uk"], ["nhs", "uk"], ["gov", "wales"], ["gov", "scot"]):
                continue  # "Guidance at gov.uk/pip": a website, not an address (mail goes to a department's host)
            pos = m.end()
            if any(f.start < m.end() and m.start() < f.end for f in out):
                continue
            key = re.sub(r"\s+", "", m.group(0).lower())
            out.append(Finding(m.start(), m.end(), "EMAIL", key))
    # a mail host without its dots ("leannehartley@hotmailcouk"), and an address cut off after its "@"
    # ("rach.hargreaves@ (rest cut off)")
    if "@" in text:
        for pattern in (_EMAIL_NO_DOT, _EMAIL_CUT):
            for m in pattern.finditer(text):
                if not any(f.start < m.end() and m.start() < f.end for f in out):
                    out.append(Finding(m.start(), m.end(), "EMAIL", m.group(0).lower()))
    return out


_MAIL_HOSTS = (
    r"(?i:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|btinternet|virginmedia|protonmail|ymail|talktalk"
    r"|live|sky|msn)"
)
_EMAIL_NO_DOT = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{{0,63}}@{_MAIL_HOSTS}(?i:couk|com|net|co|uk)?"
    r"(?![A-Za-z0-9.\-])"
)
_EMAIL_CUT = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?=[A-Za-z0-9]*[._0-9])[A-Za-z0-9][A-Za-z0-9._%+\-]{3,63}@(?=[ \t]*(?:$|[\n(),;]))",
    re.MULTILINE,
)


# --------------------------------------------------------------------------- NHS number
_NHS = re.compile(r"(?<![0-9A-Za-z.])[0-9](?:[ \-.]?[0-9]){9}(?![0-9]|\.[0-9])")


def is_valid_nhs_number(digits: str) -> bool:
    """Return True if ``digits`` (10 digits, separators allowed) passes the NHS modulus 11 check."""
    d = [int(c) for c in digits if c.isdigit()]
    if len(d) != 10:
        return False
    total = sum(w * x for w, x in zip(range(10, 1, -1), d[:9], strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == d[9]


def find_nhs_numbers(text: str) -> list[Finding]:
    """Find 10-digit NHS numbers (any grouping with spaces or dashes, or continuous) valid under mod 11."""
    out: list[Finding] = []
    for m in _NHS.finditer(text):
        digits = re.sub(r"[^0-9]", "", m.group(0))
        if is_valid_nhs_number(digits) and len(set(digits)) > 1:
            out.append(Finding(m.start(), m.end(), "NHS_NUMBER", digits))
    # after "NHS number" a number of nine to eleven digits is one, mistyped or not ("NHS number is 4709 285 7800")
    for m in _NHS_CUED.finditer(text):
        g = "n" if m.group("n") else "g"
        digits = re.sub(r"[^0-9]", "", m.group(g))
        if len(set(digits)) > 1 and not any(f.start <= m.start(g) < f.end for f in out):
            out.append(Finding(m.start(g), m.end(g), "NHS_NUMBER", digits))
    # masked but for a part, after its cue: "NHS number (xxx xxx 6370)", "H&C as shown on the ePR: 340 *** 2383"
    for m in _NHS_MASKED.finditer(text):
        if _NHS_MASK_CUE.search(text, max(0, m.start() - 60), m.start()):
            out.append(Finding(m.start(), m.end(), "NHS_NUMBER", re.sub(r"[ \-]", "", m.group(0)).lower()))
    # grouped as an NHS number is, in a text that speaks of NHS numbers, though the check digit fails (a number
    # mistyped or transposed is still the person's: "it was written 616 282 4549")
    for m in _NHS_SHAPED.finditer(text) if "nhs" in text.lower() else ():
        before = text[max(0, m.start() - 200) : m.start()]
        if _NHS_NUMBER_CUE.search(before) and not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Finding(m.start(), m.end(), "NHS_NUMBER", re.sub(r"[^0-9]", "", m.group(0))))
    return out


_NHS_MASKED = re.compile(
    r"(?<![0-9A-Za-z*#])(?:(?i:xxx|\*\*\*|###)[ \-]?(?i:xxx|\*\*\*|###)[ \-]?[0-9]{4}"
    r"|[0-9]{3}[ \-]?(?i:xxx|\*\*\*|###)[ \-]?[0-9]{4}|[0-9]{3}[ \-]?[0-9]{3}[ \-]?(?i:xxxx|\*\*\*\*|####))"
    r"(?![0-9A-Za-z*#])"
)
_NHS_MASK_CUE = re.compile(r"(?i:\b(?:NHS|CHI|H&C|health[ ]and[ ]care)\b)")
_NHS_NUMBER_CUE = re.compile(r"(?i:\bNHS[ ]?(?:number|no\b|num\b|#))")
_NHS_SHAPED = re.compile(
    r"(?<![0-9A-Za-z.,/\-])[1-9][0-9]{2}(?:([ \-])[0-9]{3}\1|[0-9]{3})[0-9]{4}(?![0-9]|[.,/\-][0-9])"
)


_NHS_CUED = re.compile(
    # "NHS number 4709 285 7800", and "NHS 221 930 4475" (grouped as an NHS number is)
    r"(?i:\bNHS[ ]*(?:number|no\.?|num(?:ber)?|#)(?:[ ]*(?:is|was|:|,|-|=))*)[ ]*"
    # a form's or a table's value on the line below its label: "NHS No\n4729103365"
    r"(?:[ \t|]*\r?\n)?[ \t|]*"
    r"(?P<n>(?<![0-9])[0-9](?:(?:[ ]{1,2}|[\-\u2010-\u2014][ ]?)?[0-9]){8,10})(?![0-9])"
    r"|\bNHS:?[ ]*(?P<g>(?<![0-9])[0-9]{3}(?:[ ]{1,3}|[ ]?-[ ]?)?[0-9]{3}(?:[ ]{1,3}|[ ]?-[ ]?)?[0-9]{4})(?![0-9])"
)


# --------------------------------------------------------------------------- phone numbers
_PHONE = re.compile(
    r"(?<![0-9A-Za-z+])"
    r"(?:(?:\+|00)[ ]?44[ ]?(?:\([ ]?0[ ]?\)[ ]?)?\(?|\(?0)"
    r"[1-9][0-9() \-\u2010-\u2013.]{6,16}[0-9]"
    r"(?![0-9])"
)


def normalise_uk_phone(value: str) -> str | None:
    """Return the national form (``0`` + 9 or 10 digits) of a UK phone number, or None if invalid."""
    v = value.strip()
    v = re.sub(r"\(\s*0\s*\)", "", v)
    digits = re.sub(r"[^0-9]", "", v)
    if v.startswith("+"):
        if not digits.startswith("44"):
            return None
        digits = "0" + digits[2:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not digits.startswith("0") or len(digits) not in (10, 11):
        return None
    if digits[1] not in "1235789":
        return None
    if digits[1] == "7" and len(digits) != 11:
        return None
    return digits


# Non-geographic numbers that organisations take (freephone 0800/0808, 03 numbers, 084/087): a helpline's, a
# council's, a switchboard's, not a person's, unless the words before make it someone's ("my mobile", "her number")
_SERVICE_PREFIX = re.compile(r"^0(?:800|808|300|330|333|34[0-9]|37[0-9]|84[0-9]|87[0-9])")
_PERSONAL_BEFORE = re.compile(
    r"(?i:\b(?:my|her|his|their|mum's|dad's|mob(?:ile)?|personal|home|own|whatsapp|text(?:ed)?|call(?:ed)?[ ]me)\b)"
    r"[^.\n]{0,30}$"
)


# what says a number is a service's: "helpline", "switchboard", "crisis line", "the council's team on", "24/7"
_SERVICE_CUE = re.compile(
    r"(?i:\b(?:helpline|help[ ]line|switchboard|hotline|crisis|advice|advice[ ]line|freephone|support[ ]line"
    r"|line|lines|council|service|services|team|office[ ]hours|24/7|24[ ]hours|booking|appointments?|reception"
    r"|enquiries|trust|charity|samaritans|nhs|ambulance|transport|scam|report|contact[ ]centre|duty|childline"
    r"|crimestoppers|nspcc|shelter|refuge|papyrus|stepchange|mencap|barnardo'?s|victim[ ]support"
    r"|citizens[ ]advice|women's[ ]aid|age[ ]uk|breathing[ ]space|silver[ ]line|nhs[ ]24"
    r"|gambling|talk[ ]to[ ]frank|drinkline|national[ ]\w+[ ]helpline))\b"
    # charities whose names are everyday words, by their capitals: "FRANK on 0300 …", "Mind's line"
    r"|\b(?:FRANK|Mind|MIND|Shout|SHOUT|CALM|Beat|BEAT)\b"
)


def _service_number(text: str, start: int, norm: str, end: int) -> bool:
    """Whether the phone number ``norm`` (digits) at ``start`` is an organisation's service number."""
    digits = re.sub(r"[^0-9]", "", norm)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if _PERSONAL_BEFORE.search(text, max(0, start - 40), start):
        return False
    if not _SERVICE_PREFIX.match(digits):
        # a landline right after "switchboard", "reception", "duty line" …, or with "(reception)" after it, is the
        # organisation's: "Royal Victoria Hospital switchboard 028 9504 0100", "the practice on 01632 960 000
        # (reception)"; a mobile is a person's (a worker's, a family's) wherever it stands
        if not digits.startswith(("01", "02", "03")):
            return False
        return bool(_LANDLINE_ORG_BEFORE.search(text, max(0, start - 30), start) or _ORG_LINE_AFTER.match(text, end))
    if _ORG_LINE_BEFORE.search(text, max(0, start - 30), start):
        return True
    return _SERVICE_CUE.search(text[max(0, start - 80) : start + 60]) is not None


# the name of an organisation's line right before a number: for a landline only the strong ones; for a service
# number (0800, 03 …) also a front door, a duty phone or team, out of hours
_ORG_LINE_WORDS = (
    r"switchboard|reception|main[ ]number|duty[ ](?:line|desk|number)|helpline|crisis[ ]line|advice[ ]line"
)
_LANDLINE_ORG_BEFORE = re.compile(rf"(?i:\b(?:{_ORG_LINE_WORDS}))\b[^.!?\n0-9]{{0,12}}$")
_ORG_LINE_BEFORE = re.compile(
    rf"(?i:\b(?:{_ORG_LINE_WORDS}|front[ ]door|duty[ ](?:phone|team)|out[ -]of[ -]hours(?:[ ]line|[ ]number)?))"
    r"\b[^.!?\n0-9]{0,12}$"
)
_ORG_LINE_AFTER = re.compile(r"[0-9 ]{0,6}[ ]*\((?i:reception|switchboard|main[ ]number)\)")


def service_numbers(text: str) -> list[tuple[int, int]]:
    """The spans of organisations' service numbers in ``text`` that :func:`find_phones` leaves.

    So that no other finder takes "Crisis line 0800 028 3637" as a record number.
    """
    out = []
    for m in _PHONE.finditer(text):
        norm, end = _phone_match(m)
        if norm is not None and _service_number(text, m.start(), norm, end):
            out.append((m.start(), end))
    return out


def _phone_match(m: re.Match[str]) -> tuple[str | None, int]:
    """The normalised number of a phone match and where it ends.

    "029 2018 0562 – 14 Clifton Street" ran on into the next number, so the longest valid number that ends at a
    group boundary is the phone.
    """
    value = m.group(0)
    end = m.end()
    norm = normalise_uk_phone(value)
    cut = len(value)
    while norm is None:
        cut = max((i for i in range(cut - 1, 0, -1) if value[i - 1].isdigit() and not value[i].isdigit()), default=0)
        if cut < 10:
            break
        norm = normalise_uk_phone(value[:cut])
        end = m.start() + cut
    return norm, end


def find_phones(text: str) -> list[Finding]:
    """Find UK phone numbers: mobiles, landlines with area codes, ``+44``/``0044`` forms.

    Spaces, dashes, dots and brackets are allowed as separators (``(0113) 496 0000``,
    ``+44 (0)7700 900123``, ``07700-900-123``).
    """
    out: list[Finding] = []
    for m in _PHONE.finditer(text):
        norm, end = _phone_match(m)
        if norm is None:
            continue
        if _service_number(text, m.start(), norm, end):
            continue
        out.append(Finding(m.start(), end, "PHONE", norm))
    # a number said with a pause in it: "07700, erm, 900 631", "0161 um 496 0000"
    for m in _PHONE_FILLED.finditer(text):
        if not _FILLER.search(m.group(0)) or any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        norm = normalise_uk_phone(re.sub(r"[^0-9]", "", m.group(0)))
        if norm is not None:
            out.append(Finding(m.start(), m.end(), "PHONE", norm))
    # numbers abroad with a country code: "+263 77 412 5580", "+48 601-234-567", "00353 87 123 4567"
    taken = [(f.start, f.end) for f in out]
    for m in _INTL_PHONE.finditer(text):
        digits = re.sub(r"[^0-9]", "", m.group(0))
        if digits.startswith("00"):
            digits = digits[2:]
        value, end = m.group(0), m.end()
        while value.endswith(")") and value.count(")") > value.count("("):  # "(+263 77 412 5580)"
            value, end = value[:-1], end - 1
        if 8 <= len(digits) <= 15 and not any(a < end and m.start() < b for a, b in taken):
            out.append(Finding(m.start(), end, "PHONE", "+" + digits))
    # a number after a phone label that is no UK number: "Mil 94731 2609" (a military line), "Cell: 555 0143 221"
    taken = [(f.start, f.end) for f in out]
    for m in _LABELLED_NUMBER.finditer(text):
        digits = re.sub(r"[^0-9]", "", m.group("n"))
        if all(_YEAR.fullmatch(g) for g in re.findall(r"[0-9]+", m.group("n"))):
            continue  # "Tel 2024 2025"
        if 8 <= len(digits) <= 13 and not any(a < m.end("n") and m.start("n") < b for a, b in taken):
            out.append(Finding(m.start("n"), m.end("n"), "PHONE", digits))
    # a number with some digits masked, as an audit log or an extract writes it: "07700 9XX X22", "07*** ***123"
    taken = [(f.start, f.end) for f in out]
    for m in _MASKED_PHONE.finditer(text):
        value = m.group(0)
        shown = sum(c.isdigit() for c in value)
        masked = sum(c in "Xx*#\u2022" for c in value)
        if (
            masked
            and shown >= 4
            and shown + masked in (10, 11)
            and not any(a < m.end() and m.start() < b for a, b in taken)
        ):
            out.append(Finding(m.start(), m.end(), "PHONE", re.sub(r"[ \-]", "", value).upper()))
    return sorted(out, key=lambda f: f.start)


_MASKED_PHONE = re.compile(
    r"(?<![A-Za-z0-9*#])0[1-9][0-9Xx*#\u2022]{2,3}[ \-]?[0-9Xx*#\u2022]{3}[ \-]?[0-9Xx*#\u2022]{3,4}"
    r"(?![A-Za-z0-9*#\u2022])"
)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_LABELLED_NUMBER = re.compile(
    r"(?<![A-Za-z])(?:(?:Tel|TEL|tel|Mob|MOB|mob|Mobile|Phone|phone|Ph|Mil|MIL|Cell|DDI|Landline)"
    r"\.?(?:[ ]*(?:no\.?|number))?[ ]*[:.\-]?|(?:Home|Work|Direct)[ ]*:)[ ]*"
    r"(?P<n>(?<![0-9])[0-9]{3,6}(?:[ \-]?[0-9]{2,6}){1,3})(?![0-9/.:])"
)


_FILLER = re.compile(r"(?i)\b(?:erm|er|um|umm|uh|ah|hmm)\b")
_PHONE_FILLED = re.compile(
    r"(?<![0-9])0[0-9]{2,5}(?:(?:[ ,.\-]+(?i:erm|er|um|umm|uh|ah|hmm)[ ,.\-]+|[ ,.\-]{1,3})[0-9]{1,6}){1,4}(?![0-9])"
)
_INTL_PHONE = re.compile(
    r"(?<![0-9A-Za-z+])(?:\+|00[ ]?)(?!44)[1-9][0-9]{0,2}(?:[ \-.]?\(?[0-9]{1,5}\)?){2,6}(?![0-9])"
)


# --------------------------------------------------------------------------- NI numbers
_NI = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?!BG|GB|KN|NK|NT|TN|ZZ)"
    r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ \-./]?([0-9]{2})[ \-./]?([0-9]{2})[ \-./]?([0-9]{2})[ \-./]?([A-D])?"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# After an NI cue any two letters (the example prefix "QQ 12 34 56 C" too, which HMRC never issues).
_NI_LOOSE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}[ \-./]?[0-9]{2}[ \-./]?[0-9]{2}[ \-./]?[0-9]{2}(?:[ \-./]?[A-D])?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NI_CONTEXT = re.compile(r"(?:\bNI\b|\bNINO\b|national\s+insurance)", re.IGNORECASE)


_NI_SPOKEN_LOWER = re.compile(
    r"(?<![A-Za-z0-9])(?P<p>[a-ceghj-pr-tw-z]\.?[ ,]*[a-ceghj-npr-tw-z]\.?)[ ,]+"
    r"(?P<d>(?:(?i:zero|oh|one|two|three|four|five|six|seven|eight|nine)|[0-9])"
    r"(?:[ ,]+(?:(?i:zero|oh|one|two|three|four|five|six|seven|eight|nine)|[0-9])){5,6})"
    r"[ ,]+(?P<s>[a-dA-D])(?![A-Za-z0-9])"
)
_NI_SPOKEN = re.compile(
    r"(?<![A-Za-z0-9])(?P<p>[A-CEGHJ-PR-TW-Z]\.?[ ,]*[A-CEGHJ-NPR-TW-Z]\.?)[ ,]+"
    r"(?P<d>(?:(?i:zero|oh|one|two|three|four|five|six|seven|eight|nine)|[0-9])"
    r"(?:[ ,]+(?:(?i:zero|oh|one|two|three|four|five|six|seven|eight|nine)|[0-9])){5,6})"
    r"[ ,]+(?P<s>[A-Da-d])(?![A-Za-z0-9])"
)


def find_ni_numbers(text: str) -> list[Finding]:
    """Find National Insurance numbers (``QQ 12 34 56 C``) under HMRC's prefix rules.

    The first letter is not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V; the
    prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued; the suffix is A–D. Without a
    suffix the number is only taken when "NI" or "National Insurance" precedes it closely.
    """
    out: list[Finding] = []
    for m in _NI.finditer(text):
        if m.group(4) is None:
            before = text[max(0, m.start() - 40) : m.start()]
            if not _NI_CONTEXT.search(before):
                continue
        key = re.sub(r"[^A-Za-z0-9]", "", m.group(0)).upper()
        out.append(Finding(m.start(), m.end(), "NI_NUMBER", key))
    # read out: "T W six four nine oh one two C" (two letters, six digits in words or figures, a letter A-D)
    for m in _NI_SPOKEN.finditer(text):
        digits = "".join(_DIGIT_WORDS.get(d.lower(), d) for d in re.findall(r"[A-Za-z]+|[0-9]", m.group("d")))
        if len(digits) in (6, 7) and digits.isdigit():  # a digit said twice over a bad line too
            key = (re.sub(r"[ ,.]", "", m.group("p")) + digits + m.group("s")).upper()
            out.append(Finding(m.start(), m.end(), "NI_NUMBER", key))
    # in lower case, as speech-to-text writes it, after an NI cue: "my NI wrong j m four eight two seven nine one d"
    for m in _NI_SPOKEN_LOWER.finditer(text) if _NI_CONTEXT.search(text) else ():
        if not _NI_CONTEXT.search(text, max(0, m.start() - 120), m.start()):
            continue  # (the cue may be in the turn before: "… your national insurance number?" "yes it is j t …")
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        digits = "".join(_DIGIT_WORDS.get(d.lower(), d) for d in re.findall(r"[A-Za-z]+|[0-9]", m.group("d")))
        if len(digits) in (6, 7) and digits.isdigit():
            key = (re.sub(r"[ ,.]", "", m.group("p")) + digits + m.group("s")).upper()
            out.append(Finding(m.start(), m.end(), "NI_NUMBER", key))
    taken = {(f.start, f.end) for f in out}
    for m in _NI_LOOSE.finditer(text):
        if (m.start(), m.end()) in taken:
            continue
        if m.group(0)[:2].upper() == "QQ" or _NI_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
            out.append(Finding(m.start(), m.end(), "NI_NUMBER", re.sub(r"[^A-Za-z0-9]", "", m.group(0)).upper()))
    # Ireland's equivalent, a PPS number: seven digits and one or two letters ("8234571TA", "1234567T")
    for m in _PPS.finditer(text):
        out.append(Finding(m.start(), m.end(), "NI_NUMBER", m.group(0).upper()))
    return sorted(out, key=lambda f: f.start)


_PPS = re.compile(r"(?<![A-Za-z0-9\-/.])[0-9]{7}[A-W][A-IW]?(?![A-Za-z0-9])")


# --------------------------------------------------------------------------- postcodes
_OUTWARD = r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE_UPPER = re.compile(
    rf"(?<![A-Za-z0-9])(?:GIR[ ]?0AA|{_OUTWARD}[ ]?{_INWARD}|{_OUTWARD}[ ]{{1,2}}[0-9][ ][ABD-HJLNP-UW-Z]{{2}})"
    r"(?![A-Za-z0-9])"
)
# Lower or mixed case too, with or without the space ("ls6 2qt", "ls62qt"); ordinals are excluded below.
_POSTCODE_ANYCASE = re.compile(
    rf"(?<![A-Za-z0-9])(?:GIR[ ]?0AA|{_OUTWARD}[ ]{{0,2}}{_INWARD})(?![A-Za-z0-9])", re.IGNORECASE
)
_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)", re.IGNORECASE)


# A postcode spelled out after its cue, a character at a time: "the postcode again, w f 13 2 l l"
_SPELLED_POSTCODE = re.compile(
    r"(?i)\bpost[ ]?code\b[^.!?\n0-9]{0,30}?"
    r"(?P<pc>(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,2}[ ,.\-]{1,2}){3,7}[A-Za-z0-9]{1,2})(?![A-Za-z0-9])"
)


_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_SAID_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|[0-9])"
# a postcode read out letter by letter with its digits as words: "b t seven one six l h" (speech-to-text)
_SPOKEN_POSTCODE = re.compile(
    rf"(?i)(?<![A-Za-z0-9'\u2019])[a-z](?:[ ,]*[a-z])?(?:[ ,]+{_SAID_DIGIT}){{1,2}}(?:[ ,]+[a-z])?"
    rf"[ ,]+{_SAID_DIGIT}[ ,]+[a-z][ ,]+[a-z](?![A-Za-z0-9])"
)
_POSTCODE_CUE_BEFORE = re.compile(r"(?i)\bpost[ ]?code\b[^.!?\n0-9]{0,20}$")
_AFTER_ADDRESS_LINE = re.compile(
    r"(?:\b(?i:road|rd|street|st|avenue|ave|lane|ln|close|drive|court|crescent|way|place|gardens|grove|terrace"
    r"|walk|view|green|park|rise|mews|row|hill)|\b[A-Z][a-z]{2,}),[ ]*$"
)


# an Irish Eircode: a routing key ("F35", "D6W") and four letters and digits with both in them ("X2Y7")
_EIRCODE = (
    r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W)[ ]?(?=[0-9AC-FHKNPRTV-Y]{0,3}[0-9])(?=[0-9AC-FHKNPRTV-Y]{0,3}[A-Z])"
    r"[0-9AC-FHKNPRTV-Y]{4}"
)
_EIRCODE_RE = re.compile(rf"(?<![A-Za-z0-9])(?:{_EIRCODE})(?![A-Za-z0-9])")


_POSTCODE_ODD = re.compile(
    r"(?<![A-Za-z0-9.\-])(?:[A-Z]{1,2}[0-9][A-Z0-9]?-[0-9][A-Z]{2}|[A-Z]\.[A-Z]\.?[ ]?[0-9][A-Z0-9]?[ ][0-9][A-Z]{2}"
    # a space inside the outward part: "L 20 6JX"
    r"|[A-Z]{1,2}[ ][0-9][0-9A-Z]?[ ][0-9][ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9\-])"
)


def find_postcodes(text: str) -> list[Finding]:
    """Find UK postcodes in every official format (``LS1 4AP``, ``M14 5RT``, ``SW1A 1AA``) and Irish Eircodes.

    Any case, with or without the space, but never when the inward part reads as an ordinal
    ("b12 2nd").
    """
    seen: set[int] = set()
    out: list[Finding] = []
    for m in _POSTCODE_UPPER.finditer(text):
        seen.add(m.start())
        key = re.sub(r"\s", "", m.group(0)).upper()
        out.append(Finding(m.start(), m.end(), "POSTCODE", key))
    for m in _POSTCODE_ANYCASE.finditer(text):
        if m.start() in seen:
            continue
        inward = m.group(0).replace(" ", "")[-3:]
        # "27 Caldmore Road, ws1 3rd": after a street or a town and a comma it is the postcode all the same
        if _ORDINAL.fullmatch(inward) and not _AFTER_ADDRESS_LINE.search(text, max(0, m.start() - 40), m.start()):
            continue
        key = re.sub(r"\s", "", m.group(0)).upper()
        out.append(Finding(m.start(), m.end(), "POSTCODE", key))
    for m in _EIRCODE_RE.finditer(text):  # "Ballyhaunis, Co. Mayo, F35 X2Y7"
        # "A4417DK" without a space is a prison number (a letter, four digits, two letters), not an Eircode
        if m.start() not in seen and not re.fullmatch(r"[A-Z][0-9]{4}[A-Z]{2}", m.group(0)):
            out.append(Finding(m.start(), m.end(), "POSTCODE", re.sub(r"\s", "", m.group(0))))
    for m in _SPOKEN_POSTCODE.finditer(text):  # "b t seven one six l h", "c a one two five d w"
        said = m.group(0)
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        # a digit said as a word, with the area's letters apart ("b t seven one six l h"); else only after an
        # address line or a postcode cue ("st levan road, p l 2 1 j s", "lumb lane, bd eight seven q p")
        after_address = _AFTER_ADDRESS_LINE.search(text, max(0, m.start() - 40), m.start()) is not None
        cued = _POSTCODE_CUE_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
        words = re.split(r"[ ,]+", said)
        if not (after_address or cued) and (len(words[0]) > 1 or not any(len(w) > 1 for w in words)):
            continue
        joined = "".join(_DIGIT_WORDS.get(t.lower(), t) for t in re.split(r"[ ,]+", said)).upper()
        if _POSTCODE_ANYCASE.fullmatch(joined) and _POSTCODE_ANYCASE.fullmatch(joined[:-3] + " " + joined[-3:]):
            out.append(Finding(m.start(), m.end(), "POSTCODE", joined))
    # a dash between the parts or dots between the area's letters, in capitals: "WF1-0ZS", "N.G.7 7TN"
    for m in _POSTCODE_ODD.finditer(text):
        joined = re.sub(r"[ .\-]", "", m.group(0))
        if _POSTCODE_UPPER.fullmatch(joined[:-3] + " " + joined[-3:]) and not any(
            f.start < m.end() and m.start() < f.end for f in out
        ):
            out.append(Finding(m.start(), m.end(), "POSTCODE", joined))
    for m in _SPELLED_POSTCODE.finditer(text):
        joined = re.sub(r"[ ,.\-]", "", m.group("pc")).upper()
        if _POSTCODE_ANYCASE.fullmatch(joined) and not any(
            f.start < m.end("pc") and m.start("pc") < f.end for f in out
        ):
            out.append(Finding(m.start("pc"), m.end("pc"), "POSTCODE", joined))
    # where someone lives by a part of the postcode: "Lives somewhere in TR26", "Dad lives near BT43 5-something"
    for m in _PARTIAL_POSTCODE_HOME.finditer(text):
        if not m.group("pc").startswith("A") and not any(f.start < m.end("pc") and m.start("pc") < f.end for f in out):
            out.append(Finding(m.start("pc"), m.end("pc"), "POSTCODE", m.group("pc").replace(" ", "")))
    # a postcode with its last letters masked: "CA2 8**", "LS6 2XX", "BT9 ***" (the outward part and a masked
    # inward part; "XX" only in capitals after a digit)
    for m in _MASKED_POSTCODE.finditer(text):
        if not any(f.start < m.end() and m.start() < f.end for f in out):
            out.append(Finding(m.start(), m.end(), "POSTCODE", m.group(0).replace(" ", "").upper()))
    return out


_PARTIAL_POSTCODE_HOME = re.compile(
    r"\b(?i:lives?|living|lived|moved|staying|stays|address)\b[^.\n]{0,25}?\b(?i:in|near|round|around|to)[ ]+"
    rf"(?P<pc>{_OUTWARD}(?:[ ][0-9](?=[\-\u2013]?(?:something|ish|\.\.\.|\u2026)|[ ]?\?))?)(?![A-Za-z0-9])"
)
_MASKED_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])(?i:{_OUTWARD})[ ](?:[0-9](?:[*#]{{2}}|XX)|[*#]{{3}}|[0-9][A-Z][*#])(?![A-Za-z0-9*#])"
)


# --------------------------------------------------------------------------- dates of birth
# Letters of scripts other than Latin: in English practice writing, a run of them is nearly always a
# person's name written in their own script ("cot card in Tamil script: கவின்", "王秀英", "ሳባ", "Оксана").
_OTHER_SCRIPT_LETTER = (
    "\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u0dff"
    "\u0e00-\u0eff\u1000-\u109f\u10a0-\u10ff\u1100-\u11ff\u1200-\u139f\u1780-\u17ff\u3040-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\ufb1d-\ufdff\ufe70-\ufeff"
)
_OTHER_SCRIPT_RUN = re.compile(
    rf"[{_OTHER_SCRIPT_LETTER}][{_OTHER_SCRIPT_LETTER}\u200c\u200d\u0300-\u036f]*"
    rf"(?:[ \u00b7\u30fb][{_OTHER_SCRIPT_LETTER}][{_OTHER_SCRIPT_LETTER}\u200c\u200d\u0300-\u036f]*){{0,3}}"
)


def find_other_script_names(text: str) -> list[Finding]:
    """Words in a script other than Latin, up to four together: a name written in its own script.

    A single Greek letter ("β-blocker", "α") is no name; Cyrillic month names stay for the date-of-birth
    recogniser. Keyed by the run, so one name written twice gets one placeholder.
    """
    out: list[Finding] = []
    for m in _OTHER_SCRIPT_RUN.finditer(text):
        run = m.group(0)
        if len(run) < 2 or (len(run) < 3 and all("\u0370" <= c <= "\u03ff" for c in run)):
            continue
        if re.fullmatch(_CYRILLIC_MONTHS, run, re.IGNORECASE):
            continue
        out.append(Finding(m.start(), m.end(), "PERSON", "script " + run.casefold()))
    return out


# A word spelt out letter by letter ("the irish spelling o d o c h a r t a i g h", "it's K O W A L S K I"): six
# or more single letters, one space apart, all of one case
_LETTER_RUN = re.compile(
    r"(?<![A-Za-z0-9'\u2019\-])(?:[a-z][ ]){5,}[a-z](?![A-Za-z0-9'\u2019\-])|"
    r"(?<![A-Za-z0-9'\u2019\-])(?:[A-Z][ ]){5,}[A-Z](?![A-Za-z0-9'\u2019\-])"
)


def find_letter_runs(text: str) -> list[Finding]:
    """A name spelt out letter by letter, as people do on the phone: PERSON, keyed by the word it spells.

    Six letters or more: shorter runs are postcodes, registrations and initials, read by their own recognisers.
    """
    return [
        Finding(m.start(), m.end(), "PERSON", "spelt " + m.group(0).replace(" ", "").casefold())
        for m in _LETTER_RUN.finditer(text)
    ]


def _cyrillic_months() -> str:
    """Ukrainian and Russian month names as written in a date, and as the redactor reads them.

    The redactor reads text with look-alike letters folded to Latin ("лютого" -> "лютoгo").
    """
    names = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    forms = sorted({f for n in names for f in (n, fold_confusables(n))}, key=len, reverse=True)
    return "|" + "|".join(re.escape(f) for f in forms)


_CYRILLIC_MONTHS = _cyrillic_months()
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr"
    # Scottish Gaelic ("15 den Dùbhlachd 1949") and Irish ("8 Feabhra 1962", "3 Deireadh Fómhair") months
    # (lenited after "den": "den Mhàrt", "den Ghiblean")
    r"|Fh?aoilleach|Fh?aoilteach|Gh?earran|Mh?[a\u00e0]rt|Gh?iblean|Ch?[e\u00e8]itean"
    r"|[\u00d2O]gmhios|Iuchar|L[u\u00f9]nastal|Sultain|Dh?[a\u00e0]mhair|Samhain|Dh?[u\u00f9]bhlachd"
    r"|Ean[a\u00e1]ir|Feabhra|M[a\u00e1]rta|Aibre[a\u00e1]n|Bealtaine|Meitheamh|I[u\u00fa]il|L[u\u00fa]nasa"
    r"|Me[a\u00e1]n[ ]F[o\u00f3]mhair|Deireadh[ ]F[o\u00f3]mhair|Nollaig"
    # Ukrainian, Russian and Polish months as written in a date ("28 лютого 2001", "3 marca 1950"), and the
    # Islamic months ("the 3rd of Ramadan 2019")
    + _CYRILLIC_MONTHS
    + r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze\u015bnia|pa\u017adziernika|listopada|grudnia"
    # Portuguese, Spanish, French, Italian, Romanian and Lithuanian months ("27 de janeiro de 2025", "3 mars 1950")
    r"|janeiro|fevereiro|mar\u00e7o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
    r"|enero|febrero|marzo|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|janvier|f\u00e9vrier|mars|avril|juin|juillet|ao\u00fbt|septembre|octobre|novembre|d\u00e9cembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
    r"|sausio|vasario|kovo|baland\u017eio|gegu\u017e\u0117s|bir\u017eelio|liepos|rugpj\u016b\u010dio|rugs\u0117jo"
    r"|spalio|lapkri\u010dio|gruod\u017eio"
    r"|Muharram|Safar|Rabi[\u2019' ]?(?:al|ul)?[\- ]?(?:Awwal|Thani|Akhir)|Jumada[ ](?:al|ul)[\- ]?(?:Awwal|Ula|Thani"
    r"|Akhira)|Rajab|Sha[\u2019']?ban|Ramadan|Ramzan|Shawwal|Dhu[ ]al[\- ]Qi?'?dah|Dhu[ ]al[\- ]Hijjah)\.?"
)
# A day's ordinal ending, English or Welsh ("9fed Hydref 1993", "1af Mawrth", "3ydd Mai", "21ain")
_ORD_SUFFIX = r"(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)"
_DATE = (
    r"(?:[0-9]{1,2}(?:[ ]?[/.\-][ ]?|[ ])[0-9]{1,2}(?:[ ]?[/.\-][ ]?|[ ])(?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}[\-/.][0-9]{1,2}[\-/.][0-9]{1,2}"
    rf"|[0-9]{{1,2}}{_ORD_SUFFIX}?(?:[ ]+|[ ]*[\-/.][ ]*)(?:(?:of|de|di|den|dhen)[ ]+)?{_MONTHS},?"
    r"(?:[ ]+(?:de[ ]+)?|[ ]*[\-/.][ ]*)"
    r"(?:['\u2019][0-9]{2}|[0-9]{2,4})"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?,?[ ]+(?:[0-9]{{4}}|['\u2019][0-9]{{2}})"
    rf"|{_MONTHS}[ ]+(?:[0-9]{{4}}|['\u2019][0-9]{{2}})"
    r"|[0-3][0-9][01][0-9](?:19|20)[0-9]{2}(?![0-9])"
    r"|(?:1[89]|20)[0-9]{2}(?![0-9]|[/.\-][0-9]))"
)
# After a cue only: a birthday without its year ("DOB 12/03", "born on the 5th of November").
_DAY_MONTH = (
    rf"(?:[0-9]{{1,2}}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTHS}(?![A-Za-z])"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?![0-9])"
    r"|[0-3]?[0-9]/[01]?[0-9](?![0-9/]))"
)
# Days named instead of dated ("born on Christmas Day 1940").
_NAMED_DAY = (
    r"(?:Christmas[ ]+(?:Day|Eve)|New[ ]+Year'?s[ ]+(?:Day|Eve)|Boxing[ ]+Day|Easter[ ]+(?:Sunday|Monday|Day)"
    r"|Good[ ]+Friday|VE[ ]+Day|VJ[ ]+Day|Armistice[ ]+Day|Bonfire[ ]+Night|Guy[ ]+Fawkes[ ]+Night|Hogmanay"
    r"|Valentine'?s[ ]+Day|St\.?[ ]+(?:David|Patrick|George|Andrew)'?s[ ]+Day|Midsummer'?s?[ ]+Day"
    r"|Remembrance[ ]+(?:Day|Sunday)|Burns[ ]+Night|Halloween|May[ ]+Day)"
)
_DOB_CUE = (
    r"(?:\bd\.?[ ]?o\.?[ ]?b(?:s|'s|\u2019s)?\b\.?|\bdates?[ ]+of[ ]+birth\b|\bbirth[ ]?date\b|\bbirthdate\b"
    r"|\bbirthday\b|\bb(?:/|'|\u2019|-)?day\b"
    r"|\byear[ ]+of[ ]+birth\b|\bbirth[ ]+year\b|\by\.?o\.?b\b\.?"
    r"|\bb\.(?=[ ]?[0-9])|\bborn\b(?:[ ]+(?:on|in))?|\bdyddiad[ ]+geni\b"
    # Welsh, Gaelic and Irish: "ganwyd hi ar", "rugadh e air", "ceann-là breith", "dáta breithe"
    r"|\bganwyd(?:[ ]+(?:hi|e|o|fe))?(?:[ ]+ar)?\b"
    r"|\brugadh(?:[ ]+(?:e|i|\u00ed|\u00e9|mi))?(?:[ ]+(?:air|ar))?(?:[ ]+an)?\b"
    r"|\bceann-l[a\u00e0](?:[ ]+(?:na[ ]+)?breith)?\b|\bd[a\u00e1]ta[ ]+breithe\b)"
)
_DOB = re.compile(
    _DOB_CUE + r"(?:[ ]*\)?[ ]*[:=\-\u2013,]?[ ]*(?:(?:['\u2019]s|is|was)(?:[ ]+on)?|of|as|on)?[ ]*(?:the[ ]+)?\(?[ ]*)"
    # a named day after the cue with or without its year, like a day and month ("her birthday is Christmas Eve")
    rf"(?P<date>{_DATE}|{_NAMED_DAY}(?:,?[ ]+(?:of[ ]+)?(?:1[89]|20)[0-9]{{2}})?|{_DAY_MONTH}"
    # after a cue also "dob 120938" (ddmmyy), "dob=19620715" (yyyymmdd), "DOB 15071962" (ddmmyyyy)
    r"|(?:19|20)[0-9]{2}[01][0-9][0-3][0-9]|[0-3][0-9][01][0-9](?:19|20)[0-9]{2}|[0-3][0-9][01][0-9][ ]?[0-9]{2})"
    r"(?![0-9])",
    re.IGNORECASE,
)
# A cue and a date a few words apart in one sentence: "date of birth was written as 2/7/46", "born, she
# told me, on the 3rd of March 1939".
_DOB_GAP = re.compile(
    _DOB_CUE + r"(?P<gap>[^.!?;\n0-9]{1,60}?)"
    r"(?P<date>[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?(?:[ ]+|[ ]*[\-/.][ ]*)(?:of[ ]+)?{_MONTHS},?(?:[ ]+|[ ]*[\-/.][ ]*)[0-9]{{2,4}}"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?,?[ ]+[0-9]{{4}}"
    rf"|{_NAMED_DAY},?[ ]+(?:of[ ]+)?(?:1[89]|20)[0-9]{{2}})(?![0-9])",
    re.IGNORECASE,
)

# A date a few words before its cue: "30/09/2021 is his date of birth", "12th March is her birthday".
_DOB_BEFORE = re.compile(
    r"(?<![0-9A-Za-z])(?P<date>[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTHS}(?:,?[ ]+[0-9]{{4}})?"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?[ ]+[0-9]{{4}})?)(?![0-9A-Za-z])"
    r"[^.!?;\n0-9]{0,30}?(?:\bis\b|\bwas\b|\(|,|-|\u2013)[^.!?;\n0-9]{0,20}?"
    r"(?:\bd\.?[ ]?o\.?[ ]?b\b|\bdate[ ]+of[ ]+birth\b|\bbirth[ ]?date\b|\bbirthday\b)",
    re.IGNORECASE,
)

_FULL_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9]{1,2}(?:[ ]?[/.\-][ ]?|[ ])[0-9]{1,2}(?:[ ]?[/.\-][ ]?|[ ])(?P<y1>(?:19|20)[0-9]{2})"
    r"|(?P<y2>(?:19|20)[0-9]{2})[\-/.][0-9]{1,2}[\-/.][0-9]{1,2}"
    r"|[0-3]?[0-9][/.\-][01]?[0-9][/.\-](?P<y5>[0-9]{2})"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTHS},?[ ]+['\u2019]?(?P<y6>[0-9]{{2}})"
    rf"|[0-9]{{1,2}}{_ORD_SUFFIX}?(?:[ ]+|[ ]*[\-/.][ ]*)(?:(?:of|den|dhen)[ ]+)?{_MONTHS},?"
    r"(?:[ ]+|[ ]*[\-/.][ ]*)(?P<y3>(?:19|20)[0-9]{2})"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?[0-9]{{1,2}}(?:st|nd|rd|th)?,?[ ]+(?P<y4>(?:19|20)[0-9]{{2}})"
    # "3rd of the 9th, 1950": the month as an ordinal
    r"|[0-3]?[0-9](?:st|nd|rd|th)[ ]+of[ ]+the[ ]+[01]?[0-9](?:st|nd|rd|th),?[ ]+(?P<y7>(?:19|20)[0-9]{2})"
    r"|[0-3]?[0-9](?:st|nd|rd|th)[ ]+of[ ]+the[ ]+[01]?[0-9](?:st|nd|rd|th),?[ ]+['\u2019](?P<y8>[0-9]{2}))(?![0-9])",
    re.IGNORECASE,
)
_ORD_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[ \-](?:first|second|third|fourth"
    r"|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[ \-]first)"
)
_YEAR_WORDS = (
    r"(?:nineteen[ \-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-]+(?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|hundred(?:[ \-]+and[ \-]+[a-z]+)?|oh[ \-]+[a-z]+)"
    r"|twenty[ \-]+(?:oh[ \-]+[a-z]+|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty(?:[ \-]+(?:one|two|three|four|five|six))?)"
    r"|two[ \-]+thousand(?:[ \-]+and)?(?:[ \-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)"
)
# After a birth cue, a day in words, a month and any year: "born on the twelfth of March 2018", "DOB the
# twenty-third of June 2011", "her birthday's the first of May" (a child's date of birth is this century's).
_DOB_ORDINAL = re.compile(
    _DOB_CUE + r"(?:['\u2019]s)?[ ]*[:=\-\u2013,]?[ ]*(?:is[ ]+|was[ ]+|on[ ]+)?"
    rf"(?P<date>(?:the[ ]+)?{_ORD_WORDS}[ ]+(?:of[ ]+)?{_MONTHS}(?:,?[ ]+(?:(?:19|20)[0-9]{{2}}|{_YEAR_WORDS}))?)"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_SPELLED_DATE = re.compile(
    rf"(?i)(?<![A-Za-z])(?:(?:the[ ]+)?(?:{_ORD_WORDS}|[0-9]{{1,2}}(?:st|nd|rd|th)?)[ ]+(?:of[ ]+)?{_MONTHS}"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?{_ORD_WORDS}),?[ ]+(?:{_YEAR_WORDS}|19[0-9]{{2}})(?![A-Za-z])"
)
# "born in the winter of 1949", "born just after the war, in 1946": a year a few words after "born".
_DOB_YEAR_GAP = re.compile(
    r"\bborn\b(?P<gap>[^.!?;\n0-9]{1,40}?)\b(?P<date>(?:1[89]|20)[0-9]{2}|['\u2019][0-9]{2})(?![0-9])",
    re.IGNORECASE,
)
# "born in nineteen thirty-eight", "DOB March nineteen forty-one": a year in words after a cue.
_DOB_YEAR_WORDS = re.compile(
    _DOB_CUE + rf"[ ]*[:,]?[ ]*(?:is[ ]+|was[ ]+)?(?P<date>(?:{_MONTHS}[ ]+)?{_YEAR_WORDS})(?![A-Za-z])",
    re.IGNORECASE,
)
# A month in Roman numerals ("23.iv.52", "4/XI/1938"): an old habit on request forms and labels.
_ROMAN_DATE = re.compile(
    r"(?<![0-9A-Za-z.])(?P<date>[0-3]?[0-9][ ]?[./\-][ ]?(?i:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)[ ]?[./\-][ ]?"
    r"(?P<y>(?:19|20)[0-9]{2}|[0-9]{2}))(?![0-9A-Za-z])"
)
# After a birth cue, a date whose year is said without the century: "born nineteenth of March thirty-six",
# "born the 3rd of May, forty-one".
_TENS_YEAR = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-]+(?:one|two|three|four|five|six|seven"
    r"|eight|nine))?)"
)
_DOB_SPOKEN_YEAR = re.compile(
    r"\b(?:born|d\.?o\.?b\.?|date[ ]+of[ ]+birth|birthday)\b[^.!?;\n0-9]{0,40}?"
    rf"(?P<date>(?:the[ ]+)?(?:{_ORD_WORDS}|[0-9]{{1,2}}(?:st|nd|rd|th)?)[ ]+(?:of[ ]+)?{_MONTHS},?[ ]+"
    rf"(?:(?:in[ ]+)?['\u2019]?{_TENS_YEAR}|{_YEAR_WORDS}))(?![A-Za-z])",
    re.IGNORECASE,
)
# "the ninth of the eleventh, forty-nine", "seventeenth of the ninth, ninety-three": a date read out with
# the month as an ordinal and a year in words.
# Also "the fifth of the fifth oh nine" (a year "oh nine") and "12th of the 4th '03" (digits, the year with an
# apostrophe: how a date of birth is said, not how a meeting's date is written).
_OH_YEAR = r"(?:oh|zero|nought)[ \-]+(?:one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_ORDINAL_DATE = re.compile(
    rf"(?i)(?<![A-Za-z0-9])(?:the[ ]+)?{_ORD_WORDS}[ ]+of[ ]+the[ ]+{_ORD_WORDS},?[ ]+"
    rf"(?:(?:in[ ]+)?['\u2019]?{_TENS_YEAR}|{_YEAR_WORDS}|{_OH_YEAR}|['\u2019][0-9]{{2}}|(?:19|20)[0-9]{{2}})"
    r"(?![A-Za-z0-9])"
    rf"|(?<![A-Za-z0-9])[0-3]?[0-9](?:st|nd|rd|th)[ ]+of[ ]+the[ ]+[01]?[0-9](?:st|nd|rd|th),?[ ]+"
    rf"(?:['\u2019][0-9]{{2}}|{_OH_YEAR})(?![A-Za-z0-9])"
)
# A day in words, a month and a year said without the century, closing a clause: "He said nineteenth of
# April forty-one, and that was the other lady's" (thirty to ninety-nine: a birth year, not a count).
_SPELLED_DATE_TENS = re.compile(
    rf"(?i)(?<![A-Za-z])(?:the[ ]+)?{_ORD_WORDS}[ ]+of[ ]+{_MONTHS},?[ ]+"
    r"(?:thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?=[ ]*(?:[.,;:!?)\n\"'\u201d\u2019]|$|and\b))"
)
# "She's nineteen forty-one and I'm nineteen sixty-eight": a person who "is" a year said in words
_IS_BIRTH_YEAR = re.compile(
    r"(?i:\b(?:I'm|I[ ]am|she's|she[ ]is|he's|he[ ]is|they're|mum's|dad's|mine's|hers[ ]is|his[ ]is)[ ]+)"
    r"(?P<date>nineteen[ \-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-]+(?:one|two|three"
    r"|four|five|six|seven|eight|nine))?)(?![A-Za-z\-])"
)
# A day and month in any form, for the other mentions of a birthday found in the same text ("born on the
# second of April 1933 ... 'I'm an April baby, dear, April the second'").
_ANY_DAY_MONTH = re.compile(
    rf"(?i)(?<![A-Za-z0-9])(?:(?:the[ ]+)?(?P<d1>{_ORD_WORDS}|[0-3]?[0-9]{_ORD_SUFFIX}?)[ ]+(?:of[ ]+)?"
    rf"(?P<m1>{_MONTHS})"
    rf"|(?P<m2>{_MONTHS})[ ]+(?:the[ ]+)?(?P<d2>{_ORD_WORDS}|[0-3]?[0-9](?:st|nd|rd|th)?))(?![A-Za-z0-9])"
)
_ORD_VALUES = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_MONTH_INDEX = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}


def _day_value(day: str) -> int | None:
    d = re.sub(r"[ \-]+", " ", day.lower().strip())
    if d[:1].isdigit():
        return int(re.match(r"[0-9]+", d).group(0))  # type: ignore[union-attr]
    if d in _ORD_VALUES:
        return _ORD_VALUES[d]
    if d.startswith(("twenty ", "thirty ")):
        tens, _, unit = d.partition(" ")
        return (20 if tens == "twenty" else 30) + _ORD_VALUES.get(unit, 0)
    return {"thirtieth": 30}.get(d)


def _day_month_of(value: str) -> tuple[int, int] | None:
    """(day, month) of a date: a named month ("2nd of May 1946", "April the second") or figures.

    Figures are read day first ("02/04/2008") or as ISO ("2008-04-02").
    """
    numeric = re.fullmatch(r"([0-3]?[0-9])[ ]?[/.\-][ ]?([01]?[0-9])[ ]?[/.\-][ ]?(?:[0-9]{2}|[0-9]{4})", value.strip())
    iso = re.fullmatch(r"(?:19|20)[0-9]{2}-([01][0-9])-([0-3][0-9])", value.strip())
    if numeric is not None:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
    if iso is not None:
        day, month = int(iso.group(2)), int(iso.group(1))
        return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
    m = _ANY_DAY_MONTH.search(value)
    if m is None:
        return None
    named_month = _MONTH_INDEX.get((m.group("m1") or m.group("m2") or "")[:3].lower())
    named_day = _day_value(m.group("d1") or m.group("d2") or "")
    return (named_day, named_month) if named_day and named_month and 1 <= named_day <= 31 else None


def _possible_days(value: str) -> frozenset[int]:
    """The days (ordinals) a full date can be: figures read day first and month first, or a named month."""
    year = re.search(r"(?:19|20)[0-9]{2}(?![0-9])|[0-9]{2}$", value.strip())
    if year is None:
        return frozenset()
    y = int(year.group(0)) if len(year.group(0)) == 4 else 1900 + int(year.group(0))
    readings: list[tuple[int, int]] = []
    first = _day_month_of(value)
    if first is not None:
        readings.append(first)
    numeric = re.fullmatch(
        r"([0-3]?[0-9])[ ]?[/.\-][ ]?([0-3]?[0-9])[ ]?[/.\-][ ]?(?:[0-9]{2}|[0-9]{4})", value.strip()
    )
    if numeric is not None:  # "7/27/2008": month first
        readings.append((int(numeric.group(2)), int(numeric.group(1))))
    out: set[int] = set()
    for day, month in readings:
        try:
            out.add(datetime.date(y, month, day).toordinal())
        except ValueError:
            continue
    return frozenset(out)


def _weeks_apart(a: frozenset[int], b: frozenset[int]) -> bool:
    """Two dates (as :func:`_possible_days`) that are different days at most 45 days apart (not the same day)."""
    return not a & b and any(0 < abs(x - y) <= 45 for x in a for y in b)


def _beside(text: str, f: Finding, start: int, end: int) -> bool:
    """The span ``start``-``end`` stands right beside ``f``, only spaces, commas, dashes or brackets between."""
    gap = text[end : f.start] if end <= f.start else text[f.end : start] if f.end <= start else "x"
    return len(gap) <= 4 and re.fullmatch(r"[ ,()\-\u2013]*", gap) is not None


# After a birth cue, a date read out as numbers: "oh four oh six three seven", "sixteen oh four forty-four".
_SPOKEN_NUMBER = (
    r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[ \-]+(?:one|two|three|four|five|six|seven|eight|nine))?|double[ ]+[a-z]+)"
)
_DOB_SPOKEN_DIGITS = re.compile(
    r"\b(?:born|d\.?o\.?b\.?|date[ ]+of[ ]+birth|birthday)\b[^.!?;\n0-9]{0,40}?"
    rf"(?<![A-Za-z])(?P<date>{_SPOKEN_NUMBER}(?:[ ,\-]{{1,3}}{_SPOKEN_NUMBER}){{2,7}})(?![A-Za-z])",
    re.IGNORECASE,
)
# "He turned sixty-six on the 3rd of December", "she'll be 90 on 14 May": an age reached on a day is a birthday
_AGE_WORDS = (
    r"(?:[0-9]{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a[ ]+hundred)(?:[ \-]+(?:one|two"
    r"|three|four|five|six|seven|eight|nine))?|eighteen|sixteen|seventeen|nineteen"
    r"|one[ ]+hundred(?:[ ]+and[ ]+[a-z]+)?)"
)
_TURNED_AGE_ON = re.compile(
    rf"(?i)\b(?:turned|turns|turning|will[ ]+be|['\u2019]ll[ ]+be|(?:he|she|they|i)['\u2019][sm]|(?:he|she)[ ]+is"
    rf"|i[ ]+am|be)[ ]+{_AGE_WORDS}[ ]+on[ ]+"
    rf"(?P<date>(?:the[ ]+)?(?:{_ORD_WORDS}|[0-9]{{1,2}}(?:st|nd|rd|th)?)[ ]+(?:of[ ]+)?{_MONTHS}(?![A-Za-z])"
    rf"|{_MONTHS}[ ]+(?:the[ ]+)?(?:{_ORD_WORDS}|[0-9]{{1,2}}(?:st|nd|rd|th)?)(?![A-Za-z0-9]))"
)
_SPOKEN_VALUES = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
    "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6",
    "seventy": "7", "eighty": "8", "ninety": "9",
}  # fmt: skip
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})


def _spoken_digits(value: str) -> str:
    """Digits of numbers read out: "sixteen oh four forty-four" -> "160444", "double oh" -> "00"."""
    out: list[str] = []
    words = re.findall(r"[a-z]+", value.lower())
    i = 0
    while i < len(words):
        w = words[i]
        if w == "double" and i + 1 < len(words) and words[i + 1] in _SPOKEN_VALUES:
            out.append(_SPOKEN_VALUES[words[i + 1]] * 2)
            i += 2
            continue
        if w in _TENS:
            unit = words[i + 1] if i + 1 < len(words) else ""
            if unit in _SPOKEN_VALUES and len(_SPOKEN_VALUES[unit]) == 1 and unit not in ("oh", "o", "zero", "nought"):
                out.append(_SPOKEN_VALUES[w] + _SPOKEN_VALUES[unit])
                i += 2
                continue
            out.append(_SPOKEN_VALUES[w] + "0")
        elif w in _SPOKEN_VALUES:
            out.append(_SPOKEN_VALUES[w])
        i += 1
    return "".join(out)


# In a sentence with a birth cue, a later full numeric date is a birth date too ("Date of birth on the call
# was 01/09/2011 and on our system it was 01/09/2012"), unless an event word stands right before it.
_DOB_CUE_RE = re.compile(_DOB_CUE, re.IGNORECASE)
_DOB_AND_NEXT = re.compile(
    # (or "; ours is 11/07/1947": the other person's after a semicolon)
    r"[^.!?\n0-9]{0,10}?(?:(?:[ ]and[ ]+|[;,][ ]+)"
    r"(?:his|hers?|ours|theirs|their|(?i:the[ ]other(?:[ ]one)?)(?:['\u2019]s)?"
    r"|[A-Z][a-z\-]+['\u2019]s)(?:[ ]+(?i:dob|one))?[ ]*(?:is|was|:)[ ]+"
    # or the date it should have been: "the DOB was wrong, 2015-09-30 instead of 2018-05-07"
    r"|[ ,]+(?:instead[ ]of|not|rather[ ]than|should[ ]be|should[ ]have[ ]been|(?:the[ ])?right[ ]one[ ]is)[ ]+)"
    rf"(?P<date>{_DATE})(?![0-9])",
)
_NUMERIC_DATE = re.compile(
    r"(?<![0-9A-Za-z/.\-])[0-3]?[0-9][ ]?[/.\-][ ]?[01]?[0-9][ ]?[/.\-][ ]?(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])"
)
# What says a baby was born, for a date later in the same sentence: "I had my son Cian on 11/11/2024",
# "delivered on the 3rd of May", "Baby girl born at 02:47, 09/02/2025"; and "born" with words and numbers
# between ("born at 27 weeks in Singleton on the 2nd of January 2025", "born in the summer, the first of July").
_BIRTH_EVENT = re.compile(
    r"(?i)\bborn\b|\bbirth\b(?![ ]+(?:plan|partner|centre|center|unit|pool|rate|weight|control|certificate))"
    r"|\bdelivered\b|\bgave[ ]birth\b"
    r"|\b(?:had|having|welcomed)[ ]+(?:my|her|our|their|a|the)?[ ]*(?:baby[ ]+|little[ ]+|beautiful[ ]+)?"
    r"(?:son|daughter|boy|girl|baby|twins|triplets)\b"
)
# "DOB" between underscores, as attachments and file names write it ("Summer_Brookes_DOB_19.12.2018.pdf")
_DOB_UNDERSCORED = re.compile(
    r"(?i)_dob[_\-]+(?P<date>[0-3]?[0-9][./\-_][01]?[0-9][./\-_](?:19|20)?[0-9]{2}|[0-3][0-9][01][0-9](?:19|20)?[0-9]{2})"
    r"(?![0-9])"
)
# A date told before the birth it is: "third of March 2002 he was born", "12/05/1990 she was born"
_BORN_AFTER = re.compile(r"(?i)\b(?:(?:he|she|they|I|we|you)[ ]+(?:was|were)[ ]+|was[ ]+)born\b")
# A date with the time and weight of a birth after it: "5th January 2025, 7.12pm, 2.1kg"; or the weeks of
# pregnancy: "on the 28th December 2024 at 31 weeks"
_BIRTH_DETAILS_AFTER = re.compile(
    r"(?i)[ ]*,?[ ]*(?:(?:at[ ]+)?[0-9]{1,2}[.:][0-9]{2}[ ]*(?:am|pm|hrs|h)?[ ]*,?[ ]*)?"
    r"(?:(?:weighing[ ]+)?[0-9](?:\.[0-9]{1,3})?[ ]?kg|[0-9]{1,2}[ ]?(?:lb|lbs|pounds)\b"
    r"|at[ ]+[2-4][0-9](?:\+[0-6])?[ ]+weeks\b)"
)
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?:admitted|admission|discharged|discharge|seen|visited|visit|appointment|referred|referral|died|death"
    r"|incident|review|reviewed|fell|fall|call(?:ed)?|started|stopped|since|until|from|to|dated|letter"
    r"|on[ ]+the[ ]+ward)"
    r"\b[^.!?;\n0-9]{0,12}$"
)


# A full date (day, month and year) this many years old or more is taken as a birth date.
_BIRTH_AGE_YEARS = 16


def _born_year(gap: str, date: str, year: int) -> bool:
    """Whether a year some words after "born" is a birth year.

    It is, unless a clause break and a recent year say otherwise ("born and raised in Leeds, she moved in 2020").
    """
    if date[:1] in "'\u2019":
        return True
    return "," not in gap or int(date) <= year - _BIRTH_AGE_YEARS


_GLUED_DATE = re.compile(
    rf"(?<![0-9])[0-3]?[0-9](?:st|nd|rd|th)?(?i:{_MONTHS})(?P<y>(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?![0-9])"
)
_DIGIT_DATE = re.compile(r"(?<![0-9A-Za-z/.\-])(?:[0-9]{6}|[0-9]{4}(?:19|20)[0-9]{2})(?![0-9])")
_BIRTHDAY = re.compile(r"(?i)\bbirthday\b|\bb'?day\b|\bbday\b")
_WRAPPED_LINE = re.compile(r"(?<=[A-Za-z0-9,])\n(?=[A-Za-z0-9(])")
_DOB_AFTER_NAME = re.compile(
    r"(?<![A-Za-z])[A-Z][a-z'\u2019\-]+(?:[ ]+(?:Mc|Mac|O')?[A-Z][A-Za-z'\u2019\-]+){1,2},[ ]+(?=[0-9])"
)
_DOB_AFTER_AGE = re.compile(
    rf"(?i:\b(?:is|was|aged|age|turned|turns|now))[ ]+(?:{_AGE_WORDS}|(?i:one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen))(?:[ ]+(?i:years?|yrs?|months?)(?:[ ]+old)?)?"
    r"[ ]*(?:\([ ]*|,[ ]+|[\-\u2013][ ]+)(?=[0-9])"
)

# An age in figures, or a person noun, right before a date in brackets: "Child: 11yrs (04/05/2012)", "Sibling
# (07/10/2014) also known to CAMHS": the person's date of birth
_DOB_PAREN_AFTER_PERSON = re.compile(
    r"(?i:\b[0-9]{1,2}[ ]?(?:yrs?|years?(?:[ ]old)?|y/?o|yo|mths?|months?(?:[ ]old)?)|\b(?:siblings?|sons?|daughters?"
    r"|child|children|baby|babies|brothers?|sisters?|twins?|mum|dad|mother|father|pt|patient|client|resident"
    r"|boy|girl|infant|grandson|granddaughter|grandchild|stepson|stepdaughter))[ ]*\([ ]*(?=[0-9])"
)
# A date of birth right after its label, written loosely: masked or unsure parts ("11/??/1975", "xx/xx/1962"),
# month and year only ("02/1979"), digits spaced out by a scanner ("1 0 / 0 3 / 1 9 7 1"), a typo in "of"
# ("12th 0f June 1978"), a line break inside ("11/06/\n1958")
_DOB_LOOSE = re.compile(
    r"(?i:\bd\.?[ ]?o\.?[ ]?b\b\.?|\bdate[ ]+of[ ]+birth\b|\bbirth[ ]?date\b)"
    r"[ \t]*(?:[:=\-\u2013]+[ \t]*)*(?:(?i:is|was)[ ]+)?"
    r"(?P<date>[0-9xX?*][0-9xX?*/.\- \t\n]{2,22}[0-9xX?*]"
    rf"|[0-9]{{1,2}}(?i:st|nd|rd|th)?[ ]+(?i:of|0f|o[ ]f)[ ]+{_MONTHS}[ ]+[0-9]{{2,4}})(?![0-9A-Za-z])"
)


def _loose_birth_date(value: str) -> bool:
    """Whether a loose value after a DOB label is a date: a separator, four digits or more, a year's digits."""
    digits = sum(c.isdigit() for c in value)
    if not re.search(r"[/.\-]|[A-Za-z]", value) or digits < 4:
        return False
    return re.search(r"(?:19|20)[0-9]{2}|[0-9][ ]?[0-9][ ]?[/.\-]|[/.\-][ ]?[0-9]", value) is not None


# What every cue pattern of ``find_dates_of_birth`` needs somewhere (matched on the lower-cased text): a text
# without any of it cannot match those patterns, and skips them.
_BIRTH_CUE_QUICK = re.compile(
    r"d\.?[ ]?o\.?[ ]?b|y\.?o\.?b|birth|born|dyddiad|rugadh|breith|ganwyd|ganed|\bb\.[ ]?[0-9]|\bb[/'\u2019\-]?day\b"
)
# A year in words or in figures of the last century: what the spelled-date patterns end with.
_SPELLED_YEAR_WORDS = (
    "nineteen",
    "twenty",
    "thousand",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "19",
)


_CJK_DATE = re.compile(
    r"(?P<y>(?:1[89]|20)[0-9]{2})[ ]?\u5e74[ ]?[01]?[0-9][ ]?\u6708[ ]?[0-3]?[0-9][ ]?[\u65e5\u53f7]"
)


def find_dates_of_birth(text: str, today_year: int | None = None) -> list[Finding]:
    """Find dates of birth.

    * dates next to "DOB", "d.o.b.", "date of birth", "born on/in" (only the date is taken);
    * any full date (day, month, year) at least 16 years old ("01/01/1944", "8 Aug 1935",
      "1 Mawrth 1936"): in a story about care, an old full date is a birth date (or a death date,
      which identifies as well);
    * dates with the year in words ("the twelfth of August nineteen thirty-nine").

    Recent dates ("on 12 March 2024", "in May 2024") and month-and-year dates stay.
    """
    year = today_year or _this_year()
    out: list[Finding] = []
    # a line wrapped inside a sentence is a space to the cues ("she was born on the\n2nd of February 2024");
    # the offsets stay those of the text
    if "\n" in text:
        text = _WRAPPED_LINE.sub(" ", text)
    lower = text.lower()
    # The cue patterns are the costliest part of this finder; a text with none of their cue words skips them.
    patterns: tuple[re.Pattern[str], ...] = (_TURNED_AGE_ON,)
    if _BIRTH_CUE_QUICK.search(lower):
        patterns += (_DOB, _DOB_GAP, _DOB_YEAR_WORDS, _DOB_BEFORE, _DOB_YEAR_GAP, _DOB_SPOKEN_YEAR, _DOB_ORDINAL)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is _DOB_YEAR_GAP and not _born_year(m.group("gap"), m.group("date"), year):
                continue
            key = re.sub(r"\s+", " ", m.group("date").lower())
            out.append(Finding(m.start("date"), m.end("date"), "DATE_OF_BIRTH", key))
    # a second person's date in the same sentence: "Kyle's DOB is 4 8 2001 and Kai's is 19 12 96"
    for f in list(out):
        if (second := _DOB_AND_NEXT.match(text, f.end)) is not None:
            when = re.sub(r"\s+", " ", second.group("date"))
            out.append(Finding(second.start("date"), second.end("date"), "DATE_OF_BIRTH", when))
    full_dates = list(_FULL_DATE.finditer(text))
    old: list[re.Match[str]] = []
    for m in full_dates:
        groups = (m.group("y1"), m.group("y2"), m.group("y3"), m.group("y4"), m.group("y7"))
        two = m.group("y5") or m.group("y6") or m.group("y8")
        if two is not None:  # "14/03/38": a two-digit year later than this year's is last century's
            if int(two) <= year % 100:
                continue
            y = 1900 + int(two)
        else:
            y = int(next(g for g in groups if g))
        if y <= year - _BIRTH_AGE_YEARS:
            old.append(m)
    # Old dates a few weeks apart tell a story of that time ("On 09/02/2008 ... by 09/04/2008" in a report
    # written then): events, not births. One old date alone, or old dates far apart, are taken.
    days = [_possible_days(m.group(0)) for m in old]
    for i, m in enumerate(old):
        if not any(_weeks_apart(days[i], days[j]) for j in range(len(old)) if j != i):
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    # a date written the Chinese or Japanese way, "1946年8月3日": old enough, or after a birth cue
    for m in _CJK_DATE.finditer(text) if "\u5e74" in text else ():
        cued = _BIRTH_CUE_QUICK.search(lower, max(0, m.start() - 40), m.start()) is not None
        if cued or int(m.group("y")) <= year - _BIRTH_AGE_YEARS:
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", m.group(0)))
    spelled = (_SPELLED_DATE, _SPELLED_DATE_TENS) if any(w in lower for w in _SPELLED_YEAR_WORDS) else ()
    for pattern in spelled:
        for m in pattern.finditer(text):
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    for m in _IS_BIRTH_YEAR.finditer(text) if "nineteen" in lower else ():
        out.append(
            Finding(m.start("date"), m.end("date"), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group("date").lower()))
        )
    for m in _SPOKEN_ORDINAL_DATE.finditer(text):
        out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    for m in _DOB_SPOKEN_DIGITS.finditer(text):
        digits = _spoken_digits(m.group("date"))
        # "seven eleven forty seven" (7/11/47) reads as five digits
        if len(digits) in (5, 6, 8):
            out.append(Finding(m.start("date"), m.end("date"), "DATE_OF_BIRTH", digits))
    for cue in _DOB_CUE_RE.finditer(text):
        stop = re.search(r"[.!?](?:\s|$)|\n|;", text[cue.end() : cue.end() + 200])
        end = cue.end() + (stop.start() if stop else min(200, len(text) - cue.end()))
        dates = list(_NUMERIC_DATE.finditer(text, cue.end(), end))
        if not dates and stop is not None and text[end : end + 1] in ".!?":
            # the date in the next sentence ("Yeah, different DOBs. The other one's 16/06/2015.")
            nxt = re.search(r"[.!?](?:\s|$)|\n", text[end + 1 : end + 161])
            dates = list(_NUMERIC_DATE.finditer(text, end + 1, end + 1 + (nxt.start() if nxt else 160)))
        for m in dates:
            if not _EVENT_BEFORE.search(text, max(cue.end(), m.start() - 40), m.start()):
                out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", "", m.group(0))))
        # "his DOB's 190342 on the system": a date written as six or eight digits
        for m in _DIGIT_DATE.finditer(text, cue.end(), min(end, cue.end() + 40)):
            day, month = int(m.group(0)[:2]), int(m.group(0)[2:4])
            if 1 <= day <= 31 and 1 <= month <= 12:
                out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", m.group(0)))
    # a date later in a sentence that tells of a birth, in figures or words, numbers between allowed ("born at
    # 27 weeks in Singleton on the 2nd of January 2025", "I had my son Cian on 11/11/2024"), unless an event
    # word stands right before it ("born in 1950, admitted on 3 May 2024")
    for cue in _BIRTH_EVENT.finditer(text):
        stop = re.search(r"[.!?](?:\s|$)|\n|;", text[cue.end() : cue.end() + 120])
        end = cue.end() + (stop.start() if stop else min(120, len(text) - cue.end()))
        for a, b in _birth_dates_in(text, cue.end(), end):
            if not _EVENT_BEFORE.search(text, max(cue.end(), a - 40), a):
                out.append(Finding(a, b, "DATE_OF_BIRTH", re.sub(r"\s+", " ", text[a:b].lower())))
    # a full date with a birth's time and weight, or weeks of pregnancy, after it: "5th January 2025, 7.12pm, 2.1kg"
    for m in full_dates:
        if _BIRTH_DETAILS_AFTER.match(text, m.end()):
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    if "_dob" in text or "_DOB" in text or "_Dob" in text:
        for m in _DOB_UNDERSCORED.finditer(text):
            out.append(Finding(m.start("date"), m.end("date"), "DATE_OF_BIRTH", m.group("date")))
    # a date told right before the birth it is, in figures or words: "third of March 2002 he was born"
    for cue in _BORN_AFTER.finditer(text) if "born" in text or "Born" in text or "BORN" in text else ():
        for a, b in _birth_dates_in(text, max(0, cue.start() - 60), cue.start()):
            if b <= cue.start() and not text[b : cue.start()].strip(" ,"):
                out.append(Finding(a, b, "DATE_OF_BIRTH", re.sub(r"\s+", " ", text[a:b].lower())))
    # a day and month on the line of a birthday ("HAPPY BIRTHDAY NGOZI 🎂 31 today!!! 12th March gang")
    for cue in _BIRTHDAY.finditer(text):
        line_end = text.find("\n", cue.end())
        line_end = len(text) if line_end < 0 else min(line_end, cue.end() + 120)
        for m in _ANY_DAY_MONTH.finditer(text, cue.end(), line_end):
            if not re.match(r",?[ ]*(?:19|20)[0-9]{2}", text[m.end() : m.end() + 7]):  # a full date is judged above
                out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    # a full date in apposition to a name ("Euan McAllister, 17 Aug 2020, had no records") or after an age
    # ("Lacey-Mae Thornton is six (9th June 2018)"): a child's date of birth is recent
    for pattern in (_DOB_AFTER_NAME, _DOB_AFTER_AGE, _DOB_PAREN_AFTER_PERSON):
        for m in pattern.finditer(text):
            date = _FULL_DATE.match(text, m.end())
            if date is not None and re.match(r"[ ]*(?:[,;)]|$|\n|[ ][a-z])", text[date.end() : date.end() + 3]):
                out.append(
                    Finding(date.start(), date.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", date.group(0).lower()))
                )
    for m in _DOB_LOOSE.finditer(text) if _BIRTH_CUE_QUICK.search(lower) else ():
        value = m.group("date").rstrip()
        if _loose_birth_date(value):
            end = m.start("date") + len(value)
            out.append(Finding(m.start("date"), end, "DATE_OF_BIRTH", re.sub(r"\s+", "", value.lower())))
    # a numeric date later in the sentence of a birth date found above ("Mum said twenty-third of July
    # twenty twenty, which I put in as 23/07/2020"), unless an event word stands right before it
    for f in list(out):
        stop = re.search(r"[.!?](?:\s|$)|\n|;", text[f.end : f.end + 160])
        end = f.end + (stop.start() if stop else min(160, len(text) - f.end))
        for m in _NUMERIC_DATE.finditer(text, f.end, end):
            if not _EVENT_BEFORE.search(text, max(f.end, m.start() - 40), m.start()):
                out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", "", m.group(0))))
    # the same birthday written another way in this text ("April the second" after "born on the second of April")
    named = [f for f in out if _ANY_DAY_MONTH.search(text, f.start, f.end)]
    birthdays = {dm: f.key for f in named if (dm := _day_month_of(text[f.start : f.end])) is not None}
    # a birthday in figures names the same day in words only right beside it ("on the 2nd of April
    # (02/04/2008)"), not a clinic's day elsewhere ("Clinic on 2 May. DOB 2/5/1950.")
    in_figures = [(f, dm) for f in out if f not in named and (dm := _day_month_of(text[f.start : f.end])) is not None]
    if birthdays or in_figures:
        for m in _ANY_DAY_MONTH.finditer(text):
            day_month = _day_month_of(m.group(0)) or (0, 0)
            same = birthdays.get(day_month) or next(
                (f.key for f, dm in in_figures if dm == day_month and _beside(text, f, m.start(), m.end())), None
            )
            if same is not None:
                out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", same))
    # a date written without separators ("DOB12Mar1951" in a file name): old enough, or after a DOB cue
    for m in _GLUED_DATE.finditer(text):
        cued = _DOB_CUE_RE.search(text, max(0, m.start() - 6), m.start()) is not None
        two = len(m.group("y")) == 2  # "dob_12mar51": a two-digit year only after a cue
        if cued or (not two and int(m.group("y")) <= year - _BIRTH_AGE_YEARS):
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", m.group(0).lower()))
    for m in _ROMAN_DATE.finditer(text):
        two = m.group("y")
        y = int(two) if len(two) == 4 else (1900 + int(two) if int(two) > year % 100 else 2000 + int(two))
        if y <= year - _BIRTH_AGE_YEARS:
            out.append(Finding(m.start(), m.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", m.group(0).lower())))
    # a sentence's full stop after a whole month's name stays ("born in the summer, the first of July.")
    out = [
        Finding(f.start, f.end - 1, f.kind, f.key.rstrip("."))
        if text[f.end - 1 : f.end] == "." and re.search(r"[A-Za-z]{4}\.$", text[f.start : f.end])
        else f
        for f in out
    ]
    return _widest(out)


def _birth_dates_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Dates in ``text[start:end]``, numeric or a day and month with an optional year.

    "09/02/2025", "the 2nd of January 2025", "the first of July", "9fed Hydref 1993".
    """
    spans = [(m.start(), m.end()) for m in _NUMERIC_DATE.finditer(text, start, end)]
    for m in _ANY_DAY_MONTH.finditer(text, start, end):
        year = re.match(r",?[ ]+(?:(?:19|20)[0-9]{2}|['\u2019][0-9]{2})(?![0-9])", text[m.end() : m.end() + 7])
        a = m.start() + (4 if text[m.start() : m.start() + 4].lower() == "the " else 0)
        b = m.end() + (year.end() if year else 0)
        spans.append((a, b - 1 if text[b - 1] == "." else b))
    return spans


def _this_year() -> int:
    from datetime import date

    return date.today().year


# --------------------------------------------------------------------------- street addresses
_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Court|Ct|Crescent|Cres|Way|Place|Pl"
    r"|Gardens|Gdns|Grove|Gr|Terrace|Terr|Hill|Park|Square|Sq|Walk|Mews|Row|View|Rise|Green|Parade"
    r"|Boulevard|Croft|Fold|Gate|Wharf|Yard|Chase|Vale|Meadow|Meadows|Drove|Brow|Bank|Heights"
    r"|Wynd|Brae|Loan|Vennel|Crossway|Approach|Circus|Embankment|Esplanade|Promenade|Quay|Hollow|End"
    r"|Side|Lea|Dene|Garth|Nook|Path|Copse|Spinney|Glebe|Pastures|Paddock|Mansions|Buildings|Flats|Towers"
    r"|Cottages|Villas|Estate|Orchard|Fields|Crossing|Precinct|Ridge|Hey|Wynd|Close|Causeway"
    r"|Parkway|Broadway|Ridgeway|Greenway|Paddocks|Glade|Dell"
    # abbreviations typed in notes: "27 Glenbryn Pk", "4 Elm Av", "9 Moor Ter"
    r"|Pk|Av|Ter|Cresc|Hts|Pde|Grn|Bldgs)"
)
STREET_SUFFIX = _STREET_SUFFIX  # the street words, for the name rules ("Fydell Street, Boston." is a town)
# Welsh (and Scots Gaelic) street words come first: "17 Heol y Nant", "Ffordd yr Eglwys", "Lôn Las".
_WELSH_STREET = (
    r"(?:Heol|Ffordd|Stryd|L[o\u00f4]n|Maes|Cae|Bryn|Llys|Clos|Rhodfa|Teras|Pentre|Parc|Cwrt|Cilgant|Tan|Pen"
    r"|Rhes|Sgw[a\u00e2]r|Plas|Dol|Gwel|Bro|Sr[a\u00e1\u00e0]id|Rathad|Cnoc|Taigh|Tigh|Ty['\u2019]n|T\u0177|Hafod"
    r"|Bealach|Achadh|Druim"
    # Irish: "22 Bóthar na Trá", "Sráid an Mhuilinn", "Ascaill Phádraig", "Bóithrín na hAbhann"
    r"|B[o\u00f3]thar|B[o\u00f3]ithr[i\u00ed]n|Ascaill|Cearn[o\u00f3]g|L[a\u00e1]na|Pl[a\u00e1]s"
    # Cornish: "Chy an Mor" (a house), "Ker an Gwel", "Wheal Agar" (a mine's name on a street), "Stret", "Fordh"
    r"|Chy|Ker|Wheal|Stret|Fordh|Bownder|Plen)"
)
_HOUSE_NAME_WORD = (
    r"(?:Cottage|Cottages|House|Farm|Farmhouse|Vicarage|Rectory|Lodge|Barn|Manor|Hall|Villa|Bungalow|Mill"
    r"|Grange|Croft|Cabin|Chalet|Steading|Bothy|Byre|Mews|Nook|Retreat|Forge|Smithy|Stables|Granary|Oast"
    r"|Schoolhouse|Coach[ ]House|Bakehouse|Dairy|Tollhouse)"
)
_STREET_WORD = r"(?:[A-Z][A-Za-z'\u2019\-]{1,30}[ ]+)"
HOUSE_NAME_WORD = _HOUSE_NAME_WORD  # the house words ("Rose Cottage"), for the redactor's homes after "at"
_UNIT = r"(?:Flat|Apartment|Apt\.?|Unit|Suite|Room)[ ]+[0-9]{1,4}[A-Za-z]?,?[ ]+"
# a house number in figures or, as said aloud, in words ("fourteen Broadgate Gardens", "twenty-two Mill Lane")
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)"
)
_WORD_NO_CUE = (
    "".join(rf"|(?<=\b{c}[ ])" for c in ("at", "to", "from", "on", "is", "was", "address", "Address", "near"))[1:]
    + r"|^|(?<=\n)"
)  # a line that opens with the address ("forty-two Derby Road")
_HOUSE_NO = rf"(?:[0-9]{{1,4}}[A-Za-z]?(?:-[0-9]{{1,4}})?|(?:{_WORD_NO_CUE})(?i:{_NUMBER_WORD}))(?![A-Za-z]),?[ ]+"
_ADDRESS = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_UNIT}(?:{_HOUSE_NO})?|{_HOUSE_NO}|"
    r"(?<=\blives[ ]on[ ])|(?<=\blives[ ]at[ ])|(?<=\blived[ ]on[ ])|(?<=\blived[ ]at[ ])"
    r"|(?<=\bliving[ ]on[ ])|(?<=\bliving[ ]at[ ])|(?<=\bmoved[ ]to[ ])|(?<=\baddress[ ]is[ ])"
    # "she lives in Saltley Gate Court", "staying at Ashgrove Mews": where someone lives, with no number
    r"|(?<=\blives[ ]in[ ])|(?<=\blived[ ]in[ ])|(?<=\bliving[ ]in[ ])|(?<=\bmoved[ ]into[ ])"
    r"|(?<=\bstaying[ ]at[ ])|(?<=\bstays[ ]at[ ])|(?<=\bstaying[ ]in[ ])"
    # "I live on Fernbank Road", "she lives up Larkholme Parade", "lives just off Station Road"
    r"|(?<=\blive[ ]on[ ])|(?<=\blive[ ]in[ ])|(?<=\blive[ ]at[ ])|(?<=\blives[ ]up[ ])|(?<=\blives[ ]down[ ])"
    r"|(?<=\blives[ ]off[ ])|(?<=\blived[ ]up[ ])|(?<=\bliving[ ]up[ ])"
    # "lives on the Antrim Road": a main road is kept, but not as where someone lives
    r"|(?<=\blives[ ]on[ ]the[ ])|(?<=\blived[ ]on[ ]the[ ])|(?<=\bliving[ ]on[ ]the[ ]))"
    rf"{_STREET_WORD}{{1,3}}{_STREET_SUFFIX}\b\.?"
)


# A street abroad, as a relative's or a previous address is written: "ul. Długa 14/3, Gdańsk", "Rua das Flores
# 22", "Str. Mihai Eminescu nr. 5", "Calle Mayor 3", "Hauptstraße 12"
_ADDRESS_ABROAD = re.compile(
    r"(?<![A-Za-z])(?:(?<!et[ ])(?:ul|al|os|Str|str)\.|ulica|aleja|osiedle|Strada|Rua|Calle|Avenida|Rue|Via|Viale"
    r"|Piazza|Bulevardul|Calea|Ulitsa|vul\.|Vulytsia)[ ]+(?:(?:da|das|do|dos|de|del|la|le|des|di|della)[ ]+)?"
    r"(?:[A-Z\u00c0-\u017f][\w'\u2019\-]*\.?[ ]+){1,3}(?:nr\.?[ ]*)?[0-9]{1,4}[A-Za-z]?(?:/[0-9]{1,4})?(?![0-9])"
    r"|(?<![A-Za-z])[A-Z][a-z\u00df-\u00ff]+(?:stra(?:\u00df|ss)e|gasse|weg|platz|laan|straat|gatan|vej|veien)[ ]+"
    r"[0-9]{1,4}[a-z]?(?![0-9])"
)
# "Croft 4, Achmore", "Plot 12, Balallan": a numbered croft or plot and its township.
_ADDRESS_CROFT = re.compile(
    r"(?<![A-Za-z0-9])(?:Croft|Plot|Holding|Steading|Pitch|Berth|Mooring)[ ]+[0-9]{1,4}[A-Za-z]?,?[ ]+"
    r"[A-Z][A-Za-z'\u2019\-]{2,30}(?:[ ]+[A-Z][A-Za-z'\u2019\-]{2,30}){0,3}"
)
_ADDRESS_WELSH = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_UNIT})?(?:{_HOUSE_NO})?{_WELSH_STREET}(?:['\u2019]r(?=[ ]))?"
    r"(?:[ ]+(?:y|yr|'r|an|na|nan|[A-Z\u00c0-\u00de][A-Za-z\u00e0-\u00ff'\u2019\-]{1,30})){1,3}"
)
# Gaelic and Welsh house names written with hyphens: "Tigh-na-Bruaich", "Pen-y-Bryn", "Ty-Gwyn".
_ADDRESS_HYPHEN_HOUSE = re.compile(
    r"(?<![A-Za-z0-9\-])(?:Tigh|Taigh|T[y\u0177]|Pen|Bryn|Maes|Cnoc|Bron|Glan|Hafod|Llys|Chy|Ker|Bos|Pol|Ros"
    # Welsh streets written with hyphens: "Heol-y-Felin", "Ffordd-y-Mynydd", "Tan-y-Bryn"
    r"|Heol|Ffordd|Stryd|Cae|Clos|Tan|Nant|Cwm|Coed|Rhos|Gwaun|Allt|Blaen)"
    r"(?:-(?:na|nan|an|y|yr|'r|n|[A-Z][a-z\u00e0-\u00ff]+))*-[A-Z][a-z\u00e0-\u00ff]{2,20}(?![A-Za-z\-])"
)
# A street in lower case after a house number: "47 westmuir st", "12 kings road", "41 st levan road".
_ADDRESS_LOWER = re.compile(
    r"(?<![A-Za-z0-9.,])[0-9]{1,4}[a-z]?,?[ ]+(?!(?:the|a|an|my|our|each|every|all|one|other|same|per|of|in|on|at"
    r"|and|or|to|for|more|extra|main|long|half|either|any|this|that|his|her|their)[ ])(?:(?:st\.?|saint)[ ]+)?"
    r"(?:[a-z][a-z'\-]{2,20}[ ]+){1,2}"
    r"(?:st|rd|road|street|lane|ave|avenue|drive|crescent|cres|terrace|close|gardens|gdns|grove|court|place"
    r"|wynd|brae|mews|way)(?![A-Za-z])"
)
# A flat or apartment number alone ("Flat 9" on its own line of an address).
_ADDRESS_FLAT = re.compile(r"(?<![A-Za-z0-9])(?:Flat|Apartment|Apt\.?)[ ]+[0-9]{1,4}[A-Za-z]?(?![0-9A-Za-z])")
# "58 Kingsway", "12 Westgate", "3 Parkside": a number and one word with a street ending.
_ADDRESS_FUSED = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_UNIT})?{_HOUSE_NO}"
    r"[A-Z][a-z]{2,20}(?:way|gate|side|field|fields|wood|dale|croft|moor|lea|ley|bank|brook|mead|hurst|grove)\b"
)
# "The Old Vicarage", "Rose Cottage", "Hill Farm, Church Lane": a house name (optionally with its street).
_ADDRESS_HOUSE = re.compile(
    rf"(?<![A-Za-z0-9])(?:The[ ]+)?(?:[A-Z][a-z'\u2019\-]{{1,20}}[ ]+){{1,2}}{_HOUSE_NAME_WORD}\b"
    rf"(?:,[ ]*{_STREET_WORD}{{1,3}}{_STREET_SUFFIX}\b)?"
)
# "The Old Vicarage, Church Street": a street after a comma, following any capitalised name.
_ADDRESS_AFTER_NAME = re.compile(
    rf"(?<![A-Za-z0-9])(?:The[ ]+)?(?:[A-Z][a-z'\u2019\-]{{1,20}}[ ]+){{0,2}}"
    # "Fenside cottage, Langrick Road": the house word in lower case
    rf"(?:[A-Z][a-z'\u2019\-]{{1,20}}|(?<=[a-z][ ])(?i:{_HOUSE_NAME_WORD})),[ ]*"
    rf"{_STREET_WORD}{{1,3}}{_STREET_SUFFIX}\b"
)
# "on Glebe Street", "not Hollins Fold": a street name without a number after a preposition, with a suffix
# that names only streets.
_ADDRESS_BARE_STREET = re.compile(
    # also where an incident or a subject line is named by its street: "folder - Westdale Lane, persons
    # reported", "Subject: RE: Westdale Lane - possible financial abuse"
    r"(?:\b(?:on|in|at|to|near|off|from|along|down|up|not|round|past|behind|opposite|onto|into"
    r"|(?:top|bottom|end|corner|far[ ]end)[ ]of)[ ]"
    r"|(?<=[\-\u2013:][ ])|(?<=[\-\u2013:][ ][ ])|(?<=\broad,[ ])|(?<=\bstreet,[ ]))"
    r"(?:(?P<street>(?:[A-Z][a-z'\u2019\-]{2,20}[ ]+){1,2}"
    r"(?:Street|Road|Lane|Avenue|Close|Crescent|Drive|Terrace|Gardens|Grove|Mews|Fold|Wynd|Causeway|Way|Rise"
    r"|Rd|Ave|Cres|Gdns|Terr)\b\.?)"
    # after "the" only a small street: "the Back Lane referral", not a main road ("on the Falls Road")
    r"|the[ ](?P<small>(?:[A-Z][a-z'\u2019\-]{2,20}[ ]+){1,2}(?:Lane|Close|Crescent|Terrace|Gardens|Grove|Mews"
    r"|Fold|Wynd)\b))",
    re.MULTILINE,
)
# "a neighbour at No. 62", "who lives at No. 6": a house by its number where someone lives
_ADDRESS_HOUSE_NUMBER = re.compile(
    r"(?i:\b(?:lives|living|lived|neighbour|neighbor|next[ ]door|house|family|flat|man|woman|lady|couple|tenant)"
    r"[^.!?\n]{0,20}?\b(?:at|from))[ ]+(?P<street>(?:No\.?|no\.|Number|number)[ ]?[0-9]{1,4}[A-Za-z]?)(?![0-9A-Za-z])"
)
# A street with a suffix that is not only a street's ("View", "Park", "Green"), its locality, then the town and
# postcode: "at Cragside View, Addycombe, Rothbury (NE65 7SZ)"
_CAPW_ = r"[A-Z][A-Za-z\u00e0-\u00ff'\u2019\-]{1,30}"
_UK_POSTCODE = r"(?i:[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2})"
_ADDRESS_BEFORE_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<street>{_STREET_WORD}{{1,3}}{_STREET_SUFFIX}\b(?:,[ ]*[A-Z][A-Za-z'\u2019\-]{{2,30}})?)"
    r"(?=,[ ]*[A-Z][A-Za-z'\u2019\-]{2,30}(?:[ ]+[A-Z][A-Za-z'\u2019\-]{2,30})?[ ]*[,(]?[ ]*"
    r"(?i:[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2})\b)"
)
# "6 Crown Score, NR32 1BZ", "12 Cois Abhann, Ballyhaunis, F35 X2Y7": a house number and a street in a word
# no list holds, right before a postcode (UK or Irish) with at most a town between
_ADDRESS_NUMBER_BEFORE_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9.,/:])(?P<street>[0-9]{{1,4}}[A-Za-z]?[ ]+{_CAPW_}(?:[ ]+{_CAPW_}){{0,2}})"
    rf"(?=(?:,[ ]*{_CAPW_}(?:[ ]+{_CAPW_})?)?,?[ ]+(?:{_UK_POSTCODE}|{_EIRCODE})(?![A-Za-z0-9]))"
)
# An address said aloud after "address", fillers and all: "Her address was, er, twenty six Bower Mount Road",
# "address, flat twelve jubilee court hunstanton road"
_ADDRESS_SPOKEN = re.compile(
    r"(?i:\baddress)(?:[ ,]+(?i:is|was|er|erm|um|uh|it's|its|like|yeah))*[ ,:]+"
    rf"(?P<street>(?:(?i:(?:flat|apartment|unit|number|no\.?)[ ]+(?:[0-9]{{1,4}}|{_NUMBER_WORD})[ ,]+)"
    rf"(?:(?:[0-9]{{1,4}}[a-z]?|(?i:{_NUMBER_WORD}))[ ,]+)?|(?:[0-9]{{1,4}}[a-z]?|(?i:{_NUMBER_WORD}))[ ,]+)"
    r"(?:[A-Za-z'\u2019\-]+[ ]+){1,3}"
    r"(?i:road|street|lane|avenue|close|court|drive|crescent|way|gardens|grove|terrace|place|walk|mews|rise|view)"
    r"(?:[ ,]+(?:[A-Za-z'\u2019\-]+[ ]+){1,2}(?i:road|street|lane|avenue|close|drive|way))?)\b"
)
# "lives at twenty seven filwood broadway", "at forty one st levan road": a house number in words and a street in
# lower case, as speech-to-text writes them, after a word that says where
_ADDRESS_LOWER_WORDS = re.compile(
    r"\b(?i:at|to|on|from|in|address(?:[ ]is)?|lives|living|lived|moved[ ]to|number)[ ]+"
    rf"(?P<street>(?:number[ ]+)?{_NUMBER_WORD}[ ]+(?:[a-h][ ]+)?(?:(?:st\.?|saint)[ ]+)?"
    r"(?:(?!(?:the|a|an|my|our|more|of|in|on|at|and|or|to|for|long|point|miles?|hours?|minutes?|days?"
    r"|weeks?|times?|down|up|along|across|off|by|this|that|her|his|their)[ ])[a-z][a-z'\-]{2,20}[ ]+){1,2}"
    r"(?:road|street|lane|avenue|close|drive|crescent|terrace|gardens|grove|court|place|way|mews|broadway|parade"
    r"|walk|view|rise|boulevard))(?![A-Za-z])"
)
# "Mr Campbell at number seven Bloxwich Road": a house number in words before a capitalised street
_ADDRESS_NUMBER_WORDS = re.compile(
    rf"(?<![A-Za-z0-9])(?P<street>(?:(?i:number|no\.?)[ ]+)?(?i:{_NUMBER_WORD})[ ]+(?:[A-Z][a-z'\u2019\-]+[ ]+){{1,2}}"
    r"(?:Road|Street|Lane|Avenue|Close|Court|Drive|Crescent|Way|Gardens|Grove|Terrace|Place|Walk|Mews|Rise|View))\b"
)
_STREET_WORDS_CAPITALISED = (
    "Road", "Street", "Lane", "Avenue", "Close", "Court", "Drive", "Crescent", "Way", "Gardens", "Grove", "Terrace",
    "Place", "Walk", "Mews", "Rise", "View",
)  # fmt: skip
# "the home place, Knockanes, Ballyvary, Co. Mayo": a townland and its village before an Irish county
_ADDRESS_IRISH_COUNTY = re.compile(
    rf"(?<![A-Za-z0-9])(?P<street>{_CAPW_}(?:[ ]+{_CAPW_})?,[ ]*{_CAPW_}(?:[ ]+{_CAPW_})?)"
    rf"(?=,[ ]*(?:Co\.?|County)[ ]+{_CAPW_})"
)
# "found him at 3 Garrygall, Castlebay", "a house with six men on 27 Wide Bargate.": a house number and a
# street in words no dictionary has, after "at" or "on", ending the clause or before its town
# Also after "to", "from", "number" or a name and a comma: "letter posted to Roy Hadlow, 7 Bargates, Leominster",
# "put her address in the chat, number 9 Cornmarket, and".
_ADDRESS_AT_NUMBER = re.compile(
    r"(?:(?<=\b(?:at|on|to)[ ])|(?<=\bfrom[ ])|(?<=\b[Nn]umber[ ])|(?<=\b[Nn]o\.[ ])|(?<=[a-z],[ ]))"
    rf"(?P<street>[0-9]{{1,4}}[A-Za-z]?[ ]+{_CAPW_}(?:[ ]+{_CAPW_})?)"
    r"(?=[ ]*(?:,|[.;!?)]|$|\n|[ ](?:and|with|in|for)\b))"
)
_NOT_A_STREET_WORD = re.compile(
    r"(?i:hospital|ward|unit|centre|center|surgery|practice|school|clinic|house|hall|bay|bed|bus|platform|gate"
    r"|am|pm|hrs|mg|ml|mins?|days?|weeks?|months?|years?)$"
)
_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_HAS_STREET_WORD = re.compile(rf"[ ]{_STREET_SUFFIX}\b")
# a street alone on its line below a short line, as an address block writes it ("Brynhyfryd\nTrefeglwys
# Road\nLlanidloes"); a street alone as a whole text or a heading stays
_ADDRESS_STREET_LINE = re.compile(
    r"(?m)^[^\n.!?:#]{2,40}[,]?\n[ \t]*(?P<street>(?:[A-Z][a-z'\u2019\-]{2,20}[ ]+){1,2}"
    r"(?:Street|Road|Lane|Avenue|Close|Crescent|Drive|Terrace|Gardens|Grove|Mews|Wynd|Way|Rise|Row|Place|Square|Hill"
    r"|Court|View|Walk|Parade))[ \t]*,?[ \t]*$"
)
# a numbered line of an address block, a postcode at most two lines below ("4 Aird, Point\nIsle of Lewis\nHS2 0PN")
_ADDRESS_NUMBERED_LINE = re.compile(
    r"(?m)^[ \t]*(?P<street>[0-9]{1,4}[A-Za-z]?,?[ ]+[A-Z][a-z'\u2019\-]{2,20}(?:[ ]+[A-Z][a-z'\u2019\-]{2,20})?"
    r"(?:,[ ]*[A-Z][a-z'\u2019\-]{2,20}(?:[ ]+[A-Z][a-z'\u2019\-]{2,20})?)?)[ \t]*,?[ \t]*\n"
    rf"(?:[^\n]{{0,40}}\n)?[ \t]*{_UK_POSTCODE}[ \t]*$"
)
# a Scottish farm: "the new client at Mains of Olrig, the farm"
_ADDRESS_MAINS = re.compile(r"\b(?P<street>Mains[ ]of[ ][A-Z][a-z'\u2019\-]{2,20})\b")
_ADDRESS_SAID_LOWER = re.compile(
    rf"(?<![A-Za-z0-9'\u2019])(?:{_NUMBER_WORD})[ ]+(?:[a-h][ ]+)?(?P<name>(?:[a-z][a-z'\u2019\-]{{2,20}}[ ]+){{1,2}})"
    r"(?:road|street|lane|avenue|close|court|drive|crescent|way|gardens|grove|terrace|place|walk|mews|rise|view"
    r"|park|row|square|hill)(?![A-Za-z])"
)
# What a form gives after its "Address:" label, to the line's end (and an indented line after a trailing
# comma): "ADDRESS: Pitch 14,\n        Oak Tree Park". Not "none", "NFA", "(pending)".
_ADDRESS_LABEL = re.compile(
    r"(?m)(?:^[ \t]*|[ \t]{2,}|\|[ \t]*)(?:Home[ ]address|Home[ ]Address|HOME[ ]ADDRESS|Address|ADDRESS"
    # a system's field ("ADDR1:", "Address line 1:") or a Welsh, Gaelic or Irish form's ("Cyfeiriad:", "Seòladh:")
    r"|ADDR[ ]?[0-9]?|Addr[ ]?[0-9]?|Address[ ]line[ ]?[0-9]|ADDRESS[ ]LINE[ ]?[0-9]|Cyfeiriad|CYFEIRIAD"
    r"|Se[o\u00f2]ladh|SE[O\u00d2]LADH|Seoladh[ ]baile)[ \t]*:[ \t]*"
    r"(?P<street>[0-9A-Z][^\n|]{2,80}?(?:,[ \t]*\r?\n[ \t]+[^\s|][^\n|]{1,60}?)?)[ \t]*(?=\r?\n|\||$)"
)
_ADDRESS_LABEL_NOT = re.compile(
    r"(?i)^(?:n/?a|none|unknown|pending|nfa|no[ ]fixed|see[ ]above|as[ ]above|tbc|withheld|not[ ]known|same)\b"
)
_ADDRESS_THE_TREES = re.compile(
    r"(?<![A-Za-z])The[ ]+(?:Willows|Oaks|Beeches|Pines|Laurels|Limes|Elms|Cedars|Firs|Poplars|Larches|Hollies"
    r"|Gables|Chestnuts|Sycamores|Maples|Birches|Rowans|Hawthorns|Hazels|Lilacs|Orchards|Paddocks|Rookery|Homestead"
    r"|Laburnums|Yews|Alders|Acorns|Brambles|Briars|Heathers|Junipers|Myrtles|Spinneys)\b"
    r"(?![ ]+(?i:care|nursing|residential|surgery|practice|medical|health|centre|center|hospital|hospice|school"
    r"|ward|unit|home|clinic))"
)
_HOUSE_NOT_ADDRESS = re.compile(
    r"(?i)^(?:the[ ]+)?(?:care|nursing|residential|children'?s|group|halfway|safe|open|full|public|white|court"
    r"|town|city|county|village|dower|guild|assembly|festival|concert|sports?|leisure|royal|royal[ ]\w+)[ ]"
)


# Sentence openers and words that start a capitalised phrase ending in a street word without naming a street.
# A street in lower case without a number, after "at", "on" …, with a word only streets end in: "anyone picked
# up Mr Devlin at lower crescent??" (not "road", "lane", "drive" or "close": "on the long drive")
_ADDRESS_LOWER_BARE = re.compile(
    r"\b(?:at|on|in|off|from|to|near|along|round|onto|into)[ ]+(?:the[ ]+)?"
    r"(?P<street>(?!(?:the|a|an|my|our|his|her|their|this|that|same|other|new|old|next|nice|posh)[ ])"
    r"[a-z][a-z'\-]{2,20}[ ]+(?:crescent|avenue|terrace|gardens|grove|mews|wynd))(?![A-Za-z])"
)
# A townland or village and its town before a postcode, as rural addresses are written with no street or
# house number: "at Carrickawick, Lisnaskea, bt92 0jf", "referral last week, Lisnacreaght, Greencastle, BT79 7RH"
_ADDRESS_TOWNLAND = re.compile(
    r"(?:\b(?:at|in|near|from|to|is|was)[ ]+|(?<=,[ ]))"
    r"(?P<street>[A-Z][a-z'\u2019\-]{3,20}(?:[ ][A-Z][a-z'\u2019\-]{3,20})?)"
    r"(?=,[ ]*[A-Z][A-Za-z'\u2019\-]{2,30}(?:[ ]+[A-Z][A-Za-z'\u2019\-]{2,30})?[ ]*,[ ]*"
    rf"(?i:{_OUTWARD}[ ]?{_INWARD})\b)"
)
_BARE_STREET_NOT = re.compile(r"^(?:The|This|That|Our|Her|His|Their|My|Your|Every|Each|Any|Some|One|Same|Main|High)[ ]")


# A named building before a postcode ("Kingfisher Tower, LS9 8AZ") or after a room or flat number
# ("Room 214, Lupton Residences"): a home's address.
_BUILDING_WORDS = (
    r"(?:Tower|Towers|Heights|Residences|Residence|Mansions|Apartments|Court|House|Lodge|Halls|Hall|Point|Place"
    r"|Gardens|View|Flats|Buildings|Block|Quay|Wharf|Mews)"
)
_ADDRESS_BUILDING = re.compile(
    rf"(?<![A-Za-z])(?:[A-Z][a-z'\u2019]+[ ]){{1,2}}{_BUILDING_WORDS}(?=,?[ ]+(?:{_OUTWARD}[ ]?{_INWARD})\b)"
    rf"|(?<![A-Za-z])(?:Room|Flat|Apartment|Apt|Unit)\.?[ ]+[0-9]{{1,4}}[A-Za-z]?,[ ]+(?:[A-Z][a-z'\u2019]+[ ]){{1,2}}"
    rf"{_BUILDING_WORDS}\b"
)


_CAPW = r"[A-Z][A-Za-z\u00e0-\u00ff'\u2019\-]{1,30}"
# "i live on regent road", "she lives up larkholme parade": a home street typed in lower case after "live(s) on"
_ADDRESS_LIVE_LOWER = re.compile(
    r"\b(?:live|lives|lived|living)[ ]+(?:on|in|at|up|down|off)[ ]+"
    r"(?P<street>(?!(?:the|a|an|my|our|his|her|their|same|main|this|that|one|its|next|other|busy|quiet|long)\b)"
    r"[a-z][a-z'\-]{2,20}(?:[ ][a-z][a-z'\-]{2,20})?[ ]+(?:road|street|lane|avenue|close|drive|crescent|terrace"
    r"|grove|gardens|way|parade|place|walk|mews|rise|view|court))\b"
)
# "lives at Y Berllan, Rhydlewis", "a relative's yard at Cloona Park, Dunmurry": a named home and its
# locality after where someone lives or stays
_ADDRESS_HOME_AT = re.compile(
    r"\b(?:lives|lived|living|live|staying|stays|stopping|sleeps|sleeping|pitched|parked|yard|site|caravan|trailer"
    r"|home|house|bungalow|flat)(?:[ ]+(?:on[ ]+(?:his|her|their|my)[ ]+own|alone|by[ ]+(?:him|her)self))?[ ]+at[ ]+"
    # "Our workers live at Four Acres Camp, Static 14": up to three words of the home's name
    rf"(?P<street>(?:(?:Y|Yr|The)[ ]+)?{_CAPW}(?:[ ]+{_CAPW}){{0,2}},[ ]*{_CAPW}(?:[ ]+{_CAPW})?)"
)
# where someone lives, said in Gaelic, Welsh or Irish: "a' fuireach ann an Bun na h-Aibhne, Tolastadh", "yn byw yn
# Tyddyn Isaf, Llanuwchllyn", "ina cónaí i Ard na Gréine, Gaoth Dobhair" (the home and its place, capitalised)
_ADDRESS_LIVES_CELTIC = re.compile(
    r"(?i:\b(?:(?:a['\u2019]|ag)[ ]fuireach[ ]ann[ ]an|yn[ ]byw[ ]yn|(?:ina|ina[ ]ch)[ ]?c[o\u00f3]na[i\u00ed][ ]i|"
    r"byw[ ]yn))[ ]+"
    r"(?P<street>[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:[ ](?:[a-z]{1,3}[ ])?[A-Za-z\u00c0-\u00fe][\w'\u2019\-]+){0,3}"
    r",[ ]*[A-Z\u00c0-\u00de][\w'\u2019\-]+(?:[ ][A-Z\u00c0-\u00de][\w'\u2019\-]+)?)"
)
# "at 2 maes y dre": a Welsh street in lower case after a house number
_ADDRESS_LOWER_WELSH = re.compile(
    r"(?<![A-Za-z0-9.,])[0-9]{1,4}[a-z]?,?[ ]+(?:heol|ffordd|stryd|l[o\u00f4]n|maes|cae|bryn|llys|clos|rhodfa"
    r"|teras|cwrt|cilgant|rhes|plas|parc|pentre)[ ]+(?:(?:y|yr|'r)[ ]+)?[a-z\u00e0-\u00ff'\-]{3,20}(?![A-Za-z])"
)
# "the Parkside flats, block C": a block of a named building
_ADDRESS_BLOCK = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][a-z'\u2019]+[ ]+){1,2}(?:[Ff]lats|Court|House|Tower|Towers|Estate|Heights)"
    r",?[ ]+(?i:block)[ ]+[A-Z0-9]{1,2}(?![A-Za-z0-9])"
)


# "Orchard Court, fourth floor": a block of flats named with the floor someone lives on.
_ADDRESS_FLOOR = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][a-z'\u2019]+[ ]+){1,2}(?:Court|House|Tower|Towers|Heights|Mansions|Point|Buildings"
    r"|Flats|Apartments|Lodge|Block),?[ ]+(?:the[ ]+)?(?i:ground|first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|top|[0-9]{1,2}(?:st|nd|rd|th))[ ]+(?i:floor)\b"
)
# "Narrowgate hostel room 6", "the Premier Inn, room 214": a room where someone lives or stays.
_ADDRESS_ROOM = re.compile(
    r"(?<![A-Za-z])(?:[A-Z][a-z'\u2019]+[ ]+){1,3}(?:[Hh]ostel|[Hh]otel|Inn|B&B|[Gg]uest[ ][Hh]ouse|[Ll]odge)"
    r",?[ ]+(?i:room|rm|flat|unit|bedsit)[ ]*(?:no\.?[ ]*)?[0-9]{1,4}[A-Za-z]?(?![0-9A-Za-z])"
)
# "units Plot 22 and Plot 23", "pitch 14" on a caravan park, site or marina named nearby: where someone lives.
_ADDRESS_PITCH = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:Plot|Pitch|Berth|Mooring|Static|Caravan|Chalet|plot|pitch|berth|mooring|static|caravan"
    r"|chalet)"
    # a holiday park's name and the van on it: "Lowther Holiday Park, van 88" (a van alone is a vehicle)
    r"|(?:[A-Z][a-z'\u2019]+[ ]+){1,2}(?:Holiday|Caravan|Leisure|Country|Residential|Mobile[ ]Home)[ ]+Park,?[ ]+"
    r"(?:Plot|Pitch|Static|Caravan|Van|Chalet|Lodge|plot|pitch|static|caravan|van|chalet|lodge))"
    r"[ ]+(?:[Nn]o\.?[ ]*)?[0-9]{1,4}[A-Za-z]?(?![0-9A-Za-z])"
)
# "a static caravan … at Seafield Park, Seahouses": a park's name and its town after a caravan or chalet
_ADDRESS_CARAVAN_PARK = re.compile(
    r"(?i:static|caravan|mobile[ ]home|chalet|holiday[ ]home)\b[^.\n]{0,80}?\bat[ ]+"
    r"(?P<park>(?:[A-Z][a-z'\u2019]+[ ]+){1,2}Park,[ ]+[A-Z][a-z'\u2019]+(?:[ \-][A-Z][a-z'\u2019]+)?)"
)
_PITCH_PLACE = re.compile(r"(?i)\b(?:caravan|(?<!car[ ])park|site|marina|static|holiday[ ]+home|traveller|yard)\b")


def find_addresses(text: str) -> list[Finding]:
    """Find street addresses with a house or flat number, or after "lives on/at", and house names.

    Examples: ``14 Fernbank Road``, ``Flat 3, 22 Kings Court``, ``Apartment 5 Elm Street``,
    "lives on Fernbank Road", ``58 Kingsway``, ``17 Heol y Nant``, ``The Old Vicarage, Church Street``,
    ``Rose Cottage``. Town and postcode are not part of the span (the postcode recogniser takes the
    postcode). A house-name word after words such as "care", "nursing" or "town" ("Care Home",
    "Town Hall") is an institution, not an address, and stays.
    """
    out: list[Finding] = []
    patterns = (
        _ADDRESS,
        _ADDRESS_WELSH,
        _ADDRESS_FUSED,
        _ADDRESS_HOUSE,
        _ADDRESS_AFTER_NAME,
        _ADDRESS_THE_TREES,
        _ADDRESS_CROFT,
        _ADDRESS_HYPHEN_HOUSE,
        _ADDRESS_LOWER,
        _ADDRESS_FLAT,
        _ADDRESS_BUILDING,
        _ADDRESS_LOWER_WELSH,
        _ADDRESS_BLOCK,
        _ADDRESS_FLOOR,
        _ADDRESS_ROOM,
        _ADDRESS_ABROAD,
    )
    after: tuple[re.Pattern[str], ...] = (_ADDRESS_BARE_STREET, _ADDRESS_LABEL, _ADDRESS_HOME_AT, _ADDRESS_HOUSE_NUMBER)
    after += (_ADDRESS_BEFORE_POSTCODE, _ADDRESS_SPOKEN, _ADDRESS_LOWER_BARE, _ADDRESS_TOWNLAND)
    after += (_ADDRESS_NUMBER_BEFORE_POSTCODE, _ADDRESS_STREET_LINE, _ADDRESS_MAINS, _ADDRESS_IRISH_COUNTY)
    after += (_ADDRESS_NUMBERED_LINE, _ADDRESS_LOWER_WORDS, _ADDRESS_LIVE_LOWER)
    if any(w in text for w in _STREET_WORDS_CAPITALISED):  # a house number in words needs a street word after it
        after += (_ADDRESS_NUMBER_WORDS,)
    for pattern in (*patterns, *after):
        for m in pattern.finditer(text):
            group: int | str = 0
            if pattern in (
                _ADDRESS_LABEL,
                _ADDRESS_HOME_AT,
                _ADDRESS_HOUSE_NUMBER,
                _ADDRESS_BEFORE_POSTCODE,
                _ADDRESS_SPOKEN,
                _ADDRESS_LOWER_BARE,
                _ADDRESS_TOWNLAND,
                _ADDRESS_NUMBER_BEFORE_POSTCODE,
                _ADDRESS_STREET_LINE,
                _ADDRESS_MAINS,
                _ADDRESS_NUMBER_WORDS,
                _ADDRESS_IRISH_COUNTY,
                _ADDRESS_NUMBERED_LINE,
                _ADDRESS_LOWER_WORDS,
                _ADDRESS_LIVE_LOWER,
            ):
                group = "street"
            elif pattern is _ADDRESS_BARE_STREET:
                group = "street" if m.group("street") else "small"
            value = m.group(group).rstrip(".,")
            if pattern is _ADDRESS_LABEL and _ADDRESS_LABEL_NOT.match(value):
                continue
            if pattern is _ADDRESS_LOWER_WORDS and re.match(r"(?i)(?:one|a)[ ]+main[ ]", value):
                continue  # "in one main street": no house
            if pattern is _ADDRESS_HOUSE and _TITLE_FIRST.match(value):
                continue  # "Mr Hall", "Mrs Lodge": a person whose surname is a house word (the name finders take it)
            if pattern in (_ADDRESS_HOUSE, _ADDRESS_BUILDING) and _HOUSE_NOT_ADDRESS.match(
                re.sub(r"^The[ ]+", "", value)
            ):
                continue
            if pattern is _ADDRESS_BARE_STREET and _BARE_STREET_NOT.match(value):
                continue
            # "4 Aird, Point", not "3 Actions": a numbered block line names a place no dictionary has
            if pattern is _ADDRESS_NUMBERED_LINE and not any(zipf(w) < 3.5 for w in re.findall(r"[A-Za-z]+", value)):
                continue
            # "31 Laird Street Birkenhead CH41 7AJ": a street word says where the street ends (the town after it
            # stays); the other patterns take such a street
            if pattern is _ADDRESS_NUMBER_BEFORE_POSTCODE and _HAS_STREET_WORD.search(value):
                continue
            key = re.sub(r"[\s,]+", " ", value.lower())
            out.append(Finding(m.start(group), m.start(group) + len(value), "ADDRESS", key))
    for m in _ADDRESS_AT_NUMBER.finditer(text):
        words = m.group("street").split()[1:]
        if any(re.fullmatch(_MONTHS, w, re.IGNORECASE) or _NOT_A_STREET_WORD.match(w) for w in words):
            continue
        if any(len(w) <= 3 and w.isupper() for w in words):  # "3 IA Dispatchers", "2 ED Nurses": an acronym's count
            continue
        if any(zipf(w) < 3.0 for w in words) and not any(w.lower() in _DAY_WORDS for w in words):
            value = m.group("street")
            out.append(Finding(m.start("street"), m.end("street"), "ADDRESS", re.sub(r"\s+", " ", value.lower())))
    # speech-to-text: "it's sixty two killyman road dungannon", "fourteen borrowdale view in keswick"; a street
    # name no dictionary word (one word rarer than Zipf 3.5), so "two main roads" or "one way street" stay
    for m in _ADDRESS_SAID_LOWER.finditer(text):
        if any(zipf(w) < 3.5 for w in m.group("name").split()):
            out.append(Finding(m.start(), m.end(), "ADDRESS", re.sub(r"\s+", " ", m.group(0).lower())))
    for m in _ADDRESS_PITCH.finditer(text):
        if _PITCH_PLACE.search(text, max(0, m.start() - 160), min(len(text), m.end() + 60)):
            out.append(Finding(m.start(), m.end(), "ADDRESS", re.sub(r"\s+", " ", m.group(0).lower())))
    for m in _W3W.finditer(text):  # "///filled.count.soap", "what3words: filled.count.soap": a home's square
        out.append(Finding(m.start("w"), m.end("w"), "ADDRESS", m.group("w").lower()))
    # a house named in lower case where someone lives, as a caller says it or a text types it: "the address is
    # the old school house um church lane upper slaughter", "moved to unit 3 the old maltings north street"
    for m in _ADDRESS_SAID_HOUSE.finditer(text):
        named = [w for w in re.findall(r"[a-z]+", m.group("name").lower()) if w not in _GENERIC_HOUSE_WORDS]
        if named or m.group("unit") or m.group("street"):
            value = m.group("h").rstrip(" ,")
            out.append(Finding(m.start("h"), m.start("h") + len(value), "ADDRESS", re.sub(r"\s+", " ", value.lower())))
    # a home told by where it stands: "the end cottage of the terrace opposite the Red Lion in Hepworth", "the
    # third houseboat along from the Anchor pub at Hoo" (to the place it is in)
    for m in _ADDRESS_DESCRIBED.finditer(text):
        out.append(Finding(m.start(), m.end(), "ADDRESS", re.sub(r"\s+", " ", m.group(0).lower())))
    # a caravan on a farm or a site, as a worker texts it: "caravan seven, manor farm, ruskington fen"
    for m in _ADDRESS_VAN_ON_FARM.finditer(text):
        out.append(Finding(m.start(), m.end(), "ADDRESS", re.sub(r"\s+", " ", m.group(0).lower())))
    # a housing estate where someone lives: "both at Nightingale Estate addresses", "she lives on the Kingsmead
    # Estate" (not a trading or an industrial estate)
    for m in _ESTATE_HOME.finditer(text):
        g = "e" if m.group("e") else "f"
        if not _ESTATE_NOT.search(m.group(g)):
            out.append(Finding(m.start(g), m.end(g), "ADDRESS", m.group(g).lower()))
    for m in _ADDRESS_LIVES_CELTIC.finditer(text):
        out.append(
            Finding(m.start("street"), m.end("street"), "ADDRESS", re.sub(r"\s+", " ", m.group("street").lower()))
        )
    # a Highland place "by" its town, where someone stays: "the bothy at Inverlael, by Ullapool"
    for m in _ADDRESS_BY_TOWN.finditer(text):
        if zipf(m.group("place")) < 3.0:
            out.append(Finding(m.start("place"), m.end("place"), "ADDRESS", m.group("place").lower()))
    for m in _ADDRESS_CARAVAN_PARK.finditer(text) if "Park, " in text else ():
        out.append(Finding(m.start("park"), m.end("park"), "ADDRESS", re.sub(r"\s+", " ", m.group("park").lower())))
    # "Respite at Tŷ Hafan children's hospice", "Claire House hospice": a house's name that names an institution
    out = [
        f for f in out if any(c.isdigit() for c in text[f.start : f.end]) or not _INSTITUTION_AFTER.match(text, f.end)
    ]
    # "K1-22 WHITLOCK, Darren": a cell's code before a surname, not a house number
    out = [
        f
        for f in out
        if not (
            text[f.start : f.start + 1].isdigit() and _CODE_BEFORE_NUMBER.search(text, max(0, f.start - 8), f.start)
        )
    ]
    # a flat's number and a street said digit by digit: "his old address on it flat three one one two county road"
    for m in _ADDRESS_FLAT_SAID.finditer(text):
        out.append(Finding(m.start(), m.end(), "ADDRESS", re.sub(r"\s+", " ", m.group(0).lower())))
    return _widest([f for f in out if not _public_street(text, f)])


_CODE_BEFORE_NUMBER = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,2}[0-9]{1,3}-$")  # "K1-22", not "Flat-12"
_INSTITUTION_AFTER = re.compile(
    r"[ ]+(?:(?i:children['\u2019]s|adult|young[ ]people['\u2019]s)[ ]+)?(?i:hospice|hospital|care[ ]home"
    r"|nursing[ ]home|residential[ ]home|surgery|medical[ ]centre|health[ ]centre|clinic|day[ ]centre"
    r"|respite[ ]centre|school|college|unit)\b"
)
_ADDRESS_FLAT_SAID = re.compile(
    r"\b(?i:flat|apartment)[ ]+(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ ]+){1,4}"
    r"(?:(?!(?:the|a|an|and|on|in|at|of|to|with|for|is|was)[ ])[a-z][a-z'\-]{2,20}[ ]+){1,2}"
    r"(?:road|street|lane|avenue|close|drive|crescent|terrace|gardens|grove|court|place|way|walk|view|rise)\b"
)
_LOWER_HOUSE_WORD = (
    r"(?:cottage|cottages|house|farm|farmhouse|vicarage|rectory|lodge|barn|manor|mill|grange|croft|bothy|maltings"
    r"|schoolhouse|chapel|bungalow|forge|smithy|stables|granary|oast|coach[ ]house|dairy|tollhouse|steading)"
)
_ADDRESS_SAID_HOUSE = re.compile(
    r"(?i:\baddress(?:[ ]+(?:is|was|it's|its))?|\blives[ ]+(?:at|in)|\bliving[ ]+(?:at|in)|\bmoved[ ]+(?:in[ ])?to"
    r"|\bstaying[ ]+(?:at|in))(?:[ ,]+(?i:er|erm|um|uh|like|yeah))*[ ,:]+"
    r"(?P<h>(?P<unit>(?i:unit|flat|apartment)[ ]+[0-9]{1,3}[a-z]?,?[ ]+)?"
    r"(?P<name>the[ ]+(?:[a-z][a-z'\-]{1,20}[ ]+){0,3})" + _LOWER_HOUSE_WORD + r"\b"
    # the lane it is on and the village, to where the sentence goes on
    r"(?P<street>,?[ ]+(?:(?:er|erm|um|uh)[ ]+)?(?:[a-z][a-z'\-]{2,20}[ ]+){1,2}"
    r"(?:lane|road|street|way|row|hill|green|end|close|drive|terrace)"
    r"(?:[ ]+[a-z][a-z'\-]{2,20}(?:[ ]+[a-z][a-z'\-]{2,20})?(?=[ ]*(?:[,.;!?\n]|$|[ ](?:and|but|so)[ ])))?)?)"
)
# words that only describe a house, not name it: "moved to the new house", "staying at the family farm"
_GENERIC_HOUSE_WORDS = frozenset(
    {"the", "new", "old", "big", "little", "small", "same", "other", "family", "next", "first", "last", "council",
     "rented", "own", "care", "nursing", "halfway", "respite", "foster", "group", "safe", "mum's", "dad's", "his",
     "her", "their", "my", "our", "nan's", "gran's", "parents", "friend's", "sister's", "brother's", "main",
     "farm", "house", "empty", "shared", "bail", "approved", "holiday", "static", "private", "local", "nearby"}
)  # fmt: skip
_ADDRESS_VAN_ON_FARM = re.compile(
    r"\b(?i:caravan|static|chalet|cabin|plot|pitch)[ ]+(?:(?i:number|no\.?)[ ]+)?"
    rf"(?:(?i:{_NUMBER_WORD})|[0-9]{{1,3}}[a-z]?),[ ]*(?:[A-Za-z][a-z'\-]+[ ]+){{0,2}}"
    r"(?i:farm|park|site|camp|fields?|yard|nurseries|orchard)"
    r"(?:,[ ]*[A-Za-z][a-z'\-]{2,20}(?:[ ][A-Za-z][a-z'\-]{2,20})?(?=[ ]*(?:[,.;!?\n]|$)))?"
)
_ESTATE_HOME = re.compile(
    r"\b(?:(?:lives|lived|living|live|moved|grew[ ]up|from|off)[ ]+(?:(?:on|in|to|at)[ ]+)?(?:the[ ]+)?"
    r"(?P<e>(?:[A-Z][a-z'\u2019\-]+[ ]){1,2}Estate)\b"
    r"|(?P<f>(?:[A-Z][a-z'\u2019\-]+[ ]){1,2}Estate)(?=[ ]+(?:address|addresses|flat|flats|home|homes)\b))"
)
_ESTATE_NOT = re.compile(r"(?:Trading|Industrial|Business|Retail|Country|Royal|National|Sporting)[ ]")
_ADDRESS_DESCRIBED = re.compile(
    r"\b(?i:the)[ ]+(?:(?i:first|second|third|fourth|fifth|sixth|last|end|corner|middle|end[ ]of[ ]terrace)[ ]+)"
    r"(?:(?i:white|red|blue|green|yellow|pink|little|big|old|new|stone|brick|wooden)[ ]+)?"
    r"(?i:cottage|house|houseboat|narrowboat|boat|bungalow|caravan|static|van|flat|farmhouse|barn|chalet|terrace)"
    r"(?:[ ]+(?i:on[ ]the[ ]left|on[ ]the[ ]right))?"
    r"[ ]+(?i:of|along|along[ ]from|past|after|before|opposite|beside|behind|next[ ]to|near|facing|above|below"
    r"|up[ ]from|down[ ]from|on)\b"
    r"[^.;:!?\n]{3,60}?[ ](?i:in|at|on)[ ]+(?!(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter)\b)"
    r"[A-Z][a-z'\u2019\-]+(?:[ ][A-Z][a-z'\u2019\-]+)?"
)
_ADDRESS_BY_TOWN = re.compile(
    r"\b(?:at|in|near|from|to)[ ]+(?P<place>[A-Z][a-z'\u2019]{3,20}(?:[ \-][A-Z][a-z'\u2019]{2,20})?),[ ]+by[ ]+"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Christmas|Easter|Then|Now|Tomorrow|Tonight|Noon)\b)"
    r"[A-Z][a-z'\u2019]{2,20}\b"
)
_W3W = re.compile(
    r"(?:(?<![A-Za-z0-9/])///|(?i:\b(?:what[ ]?3[ ]?words|w3w)\b[^A-Za-z0-9\n]{0,4}(?:(?:is|was)[ ]+)?(?:///)?))"
    r"(?P<w>[a-z]{2,20}\.[a-z]{2,20}\.[a-z]{2,20})(?![A-Za-z0-9.])"
)
_TITLE_FIRST = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse|Sir|Dame|Lady|Lord|Rev|Cllr)\.?[ ]")


# a public place before a street named without a number: "The food bank on Castle Street", "Drop-in centre on
# Royal Avenue", "Y fferyllfa ar Stryd Fawr" (the pharmacy on the high street) — where a service is, not a home
_FACILITY_BEFORE = re.compile(
    r"(?i:\b(?:food[ ]?bank|centre|center|cent|caf[eé]|shop|shops|pharmacy|chemist|surgery|practice|clinic|library"
    r"|church|chapel|mosque|temple|gurdwara|synagogue|jobcentre|job[ ]centre|school|college|university|hospital"
    r"|HQ|headquarters|depot|premises|trust|council|police[ ]station"
    r"|station|office|offices|hub|market|pub|supermarket|gym|car[ ]park|parking|hall|hotel|bank|dentist|dental"
    r"|opticians?|salon|takeaway|restaurant|bar|club|museum|theatre|cinema|tesco|asda|lidl|aldi|sainsbury'?s"
    r"|morrisons|boots|costa|greggs|mcdonald'?s|fferyllfa|meddygfa|siop|ysgol|canolfan|llyfrgell|capel|eglwys)\b"
    r"[^.!?\n;:]{0,25}?[ ](?:on|at|in|off|near|ar|yn))[ ]+$"
)
_HOME_WORDS = re.compile(
    r"(?i:\b(?:live[sd]?|living|home|house|flat|address|moved|stays|staying|resides?|tenancy|rents?|rented|renting"
    r"|room|bedsit|lodg(?:es|ing|er)|above|upstairs|over[ ]the|sleeps|sleeping))\b"
)
# streets the country knows for what is on them: a hospital, a government
_PUBLIC_STREETS = frozenset({"great ormond street", "harley street", "downing street", "wimpole street"})


def _public_street(text: str, f: Finding) -> bool:
    """Whether the address ``f`` without a number is a public place's street or a well-known institution's."""
    value = text[f.start : f.end]
    if any(c.isdigit() for c in value):
        return False
    if re.sub(r"\s+", " ", value.casefold()) in _PUBLIC_STREETS:
        return True
    line_start = max(text.rfind("\n", 0, f.start), text.rfind(".", 0, f.start)) + 1
    before = text[max(line_start, f.start - 60) : f.start]
    return _FACILITY_BEFORE.search(before) is not None and not _HOME_WORDS.search(before)


_STREET_OF_ADDRESS = re.compile(
    r"(?P<street>(?:[A-Z][a-z'\u2019\-]{2,20}[ ]+){1,2}(?:Street|Road|Lane|Avenue|Close|Crescent|Drive|Terrace"
    r"|Gardens|Grove|Mews|Way|Rise|Walk|Row|Place|Park|Parade|Square|View|Hill|Court))\b"
)


# a house or farm name: "Penlan", "Tyddyn Isaf", "Pen-y-bryn", "Maes yr Haf"
_HOUSE_NAME = re.compile(r"[A-Z][a-z'\u2019]{2,20}(?:[ \-](?:[a-z]{1,3}[ \-])?[A-Za-z][a-z'\u2019]{1,20}){0,2}")
_NUMBERED_STREET = re.compile(r"[0-9]{1,4}[A-Za-z]?[ ]+[A-Z][A-Za-z'\u2019\-]+(?:[ ]+[A-Z][A-Za-z'\u2019\-]+){0,3}")


def street_mentions(
    texts: Sequence[str], found: Sequence[list[Finding]], is_place: Callable[[str], bool] | None = None
) -> list[list[Finding]]:
    """``found`` plus the bare mentions of the streets its addresses name, in any of ``texts``.

    A document that gives "27 Moffat Road" and later says "the whole of Moffat Road saw" names that street
    twice; written the same way (capitalised), the second mention is the same address. A numbered address
    ("6 Crown Score") repeated as written is that address too, whatever its street word. With ``is_place``
    (a listed town or village, for a phrase of one or more words), so is a named house or farm that opens a
    postal address ("at Tyddyn Isaf, Cwm Llinau, … SY20 8NS" … the title "The night the lane flooded at
    Tyddyn Isaf") unless it is a listed place.
    """
    # each street with the key of the address that names it (one placeholder for both mentions)
    streets = {
        m.group("street"): f.key
        for t, fs in zip(texts, found, strict=True)
        for f in fs
        if f.kind == "ADDRESS"
        for m in _STREET_OF_ADDRESS.finditer(t, f.start, f.end)
        if not _BARE_STREET_NOT.match(m.group("street"))
    }
    # and a numbered address repeated as written ("at 6 Crown Score, NR32 1BZ" … "our address, 6 Crown Score,")
    for t, fs in zip(texts, found, strict=True):
        for f in fs:
            if f.kind == "ADDRESS" and _NUMBERED_STREET.fullmatch(t[f.start : f.end]):
                streets.setdefault(t[f.start : f.end], f.key)
            elif (
                f.kind == "ADDRESS"
                and is_place is not None
                and ("," in t[f.start : f.end] or _HOUSE_NAME.fullmatch(t[f.start : f.end]))
            ):
                # a postal address: a postcode follows within a line's length
                if not any(g.kind == "POSTCODE" and 0 <= g.start - f.end <= 60 for g in fs):
                    continue
                parts = [p.strip() for p in t[f.start : f.end].split(",")]
                house = parts[0]
                # a hamlet's name is a house's too when a town follows it ("Penlan, Pontrhydfendigaid, SY25 6BS")
                placed = is_place(house) and not (len(parts) > 1 and is_place(parts[1]))
                if _HOUSE_NAME.fullmatch(house) and not placed and not _BARE_STREET_NOT.match(house):
                    streets.setdefault(house, f.key)
    if not streets:
        return list(found)
    pattern = re.compile(
        r"(?<![A-Za-z])(?:" + "|".join(re.escape(s) for s in sorted(streets, key=len, reverse=True)) + r")\b"
    )
    out: list[list[Finding]] = []
    for t, fs in zip(texts, found, strict=True):
        extra = [
            Finding(m.start(), m.end(), "ADDRESS", streets[m.group(0)])
            for m in pattern.finditer(t)
            if not any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in fs)
        ]
        out.append(_widest(fs + extra) if extra else fs)
    return out


_BRACKET_OPEN = re.compile(r"[ ]*\([ ]*")


def dates_after_names(text: str, persons: Iterable[Finding]) -> list[Finding]:
    """A full date in brackets right after a person's name: "Amal Yafai (2019-03-02)", "Rayyan (13th October 2023)".

    How children and relatives are listed in referrals and notes; ``persons`` are the names found.
    """
    out: list[Finding] = []
    for p in persons:
        if p.kind != "PERSON":
            continue
        opened = _BRACKET_OPEN.match(text, p.end)
        date = _FULL_DATE.match(text, opened.end()) if opened else None
        if date is None or not re.match(r"[ ]*\)", text[date.end() : date.end() + 3]):
            continue
        # "Dr Shah (12/03/2024)": a recent date after a titled name is more likely a meeting's
        titled = re.search(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Nurse|Sister)\.?[ ]+$", text[max(0, p.start - 8) : p.start])
        year = re.search(r"(?:19|20)[0-9]{2}", date.group(0))
        if titled and (year is None or int(year.group(0)) >= 2015):
            continue
        out.append(Finding(date.start(), date.end(), "DATE_OF_BIRTH", re.sub(r"\s+", " ", date.group(0).lower())))
    return out


# --------------------------------------------------------------------------- URLs
_URL = re.compile(
    r"(?<![A-Za-z0-9@/.\-])"
    # a link defanged by IT ("hxxps://", "h[tt]ps://", "https[:]//") is still the link
    r"(?:(?:h(?:tt|xx|\[tt\]|\[xx\])ps?|ftp)(?:://|\[:\]//|\[://\])|www\.|(?:[A-Za-z0-9\-]{1,63}\.){0,3}"
    r"(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|github|threads|medium|pinterest"
    r"|snapchat|reddit|bsky)\.(?:com|net|app)/"
    r"|(?:[A-Za-z0-9\-]{1,63}\.){0,2}(?:padlet|linktr|about|wordpress|blogspot|substack|github|wixsite|tumblr|medium"
    r"|carrd|flickr|vimeo|soundcloud|patreon|ko-fi|buymeacoffee|gofundme|justgiving|strava|mastodon|bio"
    r"|beacons|mumsnet|facebook)\.(?:com|ee|me|io|co|org|social|link|ai|uk|co\.uk|org\.uk)/?"
    # a bare host with a path ("roisinwrites.example.com/nursing"): kept unless it names a person
    r"|(?:[A-Za-z0-9\-]{1,63}\.){1,3}(?:com|org|net|co\.uk|org\.uk|io|me|blog|info|test)/(?=[A-Za-z0-9]))"
    r"[^\s<>\"'`\[\]{}|\\^]{0,2048}",
    re.IGNORECASE,
)
_SOCIAL = {
    "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "tiktok.com",
    "youtube.com", "github.com", "threads.net", "medium.com", "pinterest.com", "snapchat.com",
    "reddit.com", "bsky.app", "padlet.com", "linktr.ee", "about.me", "flickr.com", "vimeo.com",
    "soundcloud.com", "patreon.com", "ko-fi.com", "buymeacoffee.com", "gofundme.com", "justgiving.com",
    "strava.com", "beacons.ai", "bio.link", "mastodon.social",
    # a streamer's channel, a chat server's invite, a seller's shop: "twitch.tv/kyrastreamzz", "discord.gg/…"
    "twitch.tv", "kick.com", "discord.gg", "discord.com", "depop.com", "vinted.co.uk", "onlyfans.com",
    "spotify.com", "tumblr.com", "telegram.me", "t.me", "wa.me", "roblox.com",
    # short links: a fundraiser's, a chat group's, or one that hides where it goes
    "gofund.me", "line.me", "bit.ly", "tinyurl.com", "forms.gle", "instagr.am", "youtu.be", "fb.me", "vm.tiktok.com",
    # a what3words address names a three-metre square: a home, a caravan's pitch ("w3w.co/filled.count.soap")
    "w3w.co", "what3words.com",
    # fundraisers and sellers' pages: "crowdfunder.co.uk/p/legal-fund-for-…", "etsy.com/shop/GrandadTedPaints"
    "crowdfunder.co.uk", "virginmoneygiving.com", "totalgiving.co.uk", "givewp.com", "etsy.com", "folksy.com",
    "change.org", "muchloved.com", "funeral-notices.co.uk", "ngl.link", "m.me", "calendly.com", "canva.com",
    "ancestry.co.uk", "findagrave.com", "legacy.com", "forevermissed.com", "ask.fm", "yubo.live", "vk.com",
}  # fmt: skip
# a profile's address on a platform above, typed without "https://" or "www." ("twitch.tv/dragonslayer_x",
# "ask.fm/rosieb2010")
_URL_SOCIAL_BARE = re.compile(
    r"(?<![A-Za-z0-9@/.\-])(?:(?:m|mobile|uk|en)\.)?(?:"
    + "|".join(re.escape(h) for h in sorted(_SOCIAL, key=len, reverse=True))
    + r")/(?=[A-Za-z0-9@_~])[^\s<>\"'`\[\]{}|\\^]{1,300}",
    re.IGNORECASE,
)
# Platforms whose sub-domains are a person's own site ("janedoe.wordpress.com").
_PERSONAL_SUBDOMAIN_HOSTS = {
    "wordpress.com", "blogspot.com", "substack.com", "github.io", "wixsite.com", "tumblr.com", "carrd.co",
    "blogspot.co.uk", "weebly.com", "squarespace.com", "neocities.org", "medium.com", "bandcamp.com",
}  # fmt: skip
_SOCIAL_GENERIC_FIRST = {
    "", "watch", "share", "sharer", "sharer.php", "events", "hashtag", "search", "explore", "help",
    "about", "company", "school", "groups", "pages", "policies", "legal", "privacy", "login",
    "signup", "home", "intent", "feed", "jobs", "learning", "r", "topics", "embed", "playlist",
    "results", "shorts", "orgs", "features", "pricing", "i",
}  # fmt: skip
_PERSONAL_SEGMENT = re.compile(
    r"/(?:users?|people|person|profiles?|staff|members?|u|in|pub|author|authors|~[^/]+|@[^/]+"
    # a blog's page about its writer: "nicolas-second-chances.co.uk/about-me"
    r"|about[\-_]?me|my[\-_]?story)(?:/|$)",
    re.IGNORECASE,
)


def _host_and_path(url: str) -> tuple[str, str]:
    candidate = url if "://" in url else "http://" + url
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return "", ""
    host = (parts.hostname or "").lower()
    return host, parts.path or ""


# Links to one shared document or folder: Google Docs/Drive/Forms, OneDrive and SharePoint personal sites,
# Dropbox, Box, WeTransfer. The path is an unguessable key to a document that is usually about people.
_SHARED_DOCUMENT = re.compile(
    r"(?i)^(?:docs\.google\.com/(?:document|spreadsheets|presentation|forms)/d/"
    r"|drive\.google\.com/(?:file/d/|drive/folders/|open)|1drv\.ms/|onedrive\.live\.com/"
    r"|[a-z0-9\-]+-my\.sharepoint\.com/|[a-z0-9\-]+\.sharepoint\.com/:[a-z]:/"
    r"|(?:www\.)?dropbox\.com/(?:s|scl|sh)/|app\.box\.com/s/|we\.tl/|wetransfer\.com/downloads/)"
)


def url_is_personal(url: str) -> bool:
    """Return True if the URL points at a person.

    That is a social-media profile (not a company page, video or search) or a personal path
    (``/users/<name>``, ``/~name``, ``/@name``, ``/in/<name>``, ``/people/<name>``).
    """
    host, path = _host_and_path(url)
    bare = host[4:] if host.startswith("www.") else host
    bare = bare[2:] if bare.startswith("m.") else bare
    labels = bare.split(".")
    # "crowdfunder.co.uk": the registrable name under a country's second level
    second_level = len(labels) >= 3 and labels[-2] in {"co", "org", "ac", "gov", "me", "net", "ltd", "plc"}
    registrable = ".".join(labels[-3:] if second_level else labels[-2:])
    # a site's name on an example or test domain stands for that site ("gofundme.example.com/f/…")
    for label in bare.split(".")[:-2]:
        if label + ".com" in _SOCIAL:
            registrable, bare = label + ".com", label + ".com"
            break
    segments = [s for s in path.split("/") if s]
    if _SHARED_DOCUMENT.search(bare + "/" + "/".join(segments)):
        return True  # a link that opens a shared document (a care plan, a debrief, a fundraiser) to anyone
    subdomain_host = registrable in _PERSONAL_SUBDOMAIN_HOSTS or ".".join(labels[-3:]) in _PERSONAL_SUBDOMAIN_HOSTS
    if subdomain_host and not (registrable in _SOCIAL and bare == registrable):
        return bare.count(".") > registrable.count(".") + (
            0 if registrable in _PERSONAL_SUBDOMAIN_HOSTS else 1
        ) and not bare.startswith(("www.", "en.", "support.", "help.", "developer.", "docs."))
    if registrable in _SOCIAL:
        if registrable == "linkedin.com":
            return bool(segments) and segments[0].lower() in {"in", "pub"} and len(segments) > 1
        if registrable == "youtube.com":
            return bool(segments) and (segments[0].startswith("@") or segments[0].lower() in {"user", "c", "channel"})
        if registrable == "reddit.com":
            return bool(segments) and segments[0].lower() in {"u", "user"}
        if not segments:
            return False
        # a group or an event, and a member or a post inside it: "facebook.com/groups/hooyooyinka.merthyr", a
        # small circle of people, often run from a person's profile ("facebook.com/groups/pinoynurseswales/user/…")
        if segments[0].lower() in {"groups", "events"} and len(segments) >= 2:
            return True
        # a share link opens one post, reel or profile, most often a person's ("facebook.com/share/p/1AbC…");
        # the share button's own page ("facebook.com/sharer/sharer.php?u=…") stays
        if segments[0].lower() == "share" and len(segments) >= 2:
            return True
        return segments[0].lower() not in _SOCIAL_GENERIC_FIRST
    m = _PERSONAL_SEGMENT.search(path)
    if m is None:
        return _unknown_site(bare, registrable, segments)
    seg = m.group(0).strip("/")
    if seg.startswith(("~", "@")):
        return len(seg) > 1
    if re.fullmatch(r"(?i)about[\-_]?me|my[\-_]?story", seg):
        return True
    # /users/<something> needs a following segment.
    rest = path[m.end() :].strip("/")
    return bool(rest)


def _unknown_site(bare: str, registrable: str, segments: list[str]) -> bool:
    """Fail closed: a page on a site that no rule knows is taken as personal.

    Unless the site is public (NHS, government, universities, police, schools), an organisation's (.org,
    .org.uk, charities), a known source of public information or an example domain: a person's own site
    ("hughfennimore.co.uk"), a tribute or funeral notice
    ("muchloved.com/gateway/tribute.htm?id=…"), a booking page ("calendly.com/tracey-mallett/…"). A shop's or
    a firm's page is redacted too: that is the price of not leaking the others.
    """
    if any(bare == s[1:] or bare.endswith(s) for s in _PUBLIC_SUFFIXES) or registrable in _PUBLIC_INFO_HOSTS:
        return False
    labels = bare.split(".")
    if "example" in labels or labels[-1] in {"test", "invalid", "localhost", "local", "internal"}:
        return False  # documentation and test domains
    if labels[-1] in _ORG_TLDS or (len(labels) >= 3 and labels[-2] in {"org", "ac", "gov", "sch", "nhs", "police"}):
        return False
    # a site's home page: a person's own domain ("www.hughfennimore.co.uk"), not a product's ("docs.google.com/")
    return bool(segments) or bare == registrable


# Hosts whose pages are public information, never a person's: the NHS, government, universities, police,
# schools, international bodies.
_PUBLIC_SUFFIXES = (
    ".nhs.uk", ".nhs.net", ".nhs.scot", ".nhs.wales", ".hscni.net", ".gov.uk", ".gov.scot", ".gov.wales",
    ".llyw.cymru", ".gov", ".gov.ie", ".hse.ie", ".ac.uk", ".edu", ".int", ".police.uk", ".sch.uk",
    ".parliament.uk", ".mod.uk", ".judiciary.uk", ".europa.eu", ".who.int",
)  # fmt: skip
# (".scot", ".wales" and ".cymru" are open to anyone, like ".uk": "www.cerddi-eirlys.cymru" is a person's blog; the
# public bodies' hosts under them are listed above)
_ORG_TLDS = frozenset({"org", "charity", "ngo", "coop", "museum", "foundation"})
# Commercial hosts of public information (news, journals, medicines, tools), kept like an organisation's.
_PUBLIC_INFO_HOSTS = frozenset(
    {
        "bbc.co.uk", "bbc.com", "theguardian.com", "independent.co.uk", "telegraph.co.uk", "itv.com", "sky.com",
        "bmj.com", "thelancet.com", "nursingtimes.net", "hsj.co.uk", "medicines.org.uk", "patient.info",
        "nature.com", "sciencedirect.com", "springer.com", "wiley.com", "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov",
        "youtube.com", "youtu.be", "microsoft.com", "apple.com", "zoom.us",
        "wikipedia.org", "gov.uk", "nhs.uk",
    }
)  # fmt: skip


_URL_TRAILING = ".,;:!?)'\""


_URL_REST_NEXT_LINE = re.compile(r"\n(?=[A-Za-z0-9_.\-]{2,60}(?:[\s.,;:!?)]|$))[A-Za-z0-9_.\-]*[A-Za-z0-9_]")


# a profile's link read out: "facebook dot com slash tracey dot h dot ninety one", "tiktok dot com slash at jaz"
_SPOKEN_URL = re.compile(
    r"(?i:\b(?:www[ ]+dot[ ]+)?(?:facebook|instagram|tiktok|twitter|youtube|twitch|linkedin|snapchat|threads|x)"
    r"[ ]+dot[ ]+(?:com|tv|net|co[ ]+dot[ ]+uk)[ ]+(?:forward[ ]+)?slash[ ]+(?:at[ ]+)?[a-z0-9]+"
    r"(?:[ ]+(?:dot|underscore|dash|slash)[ ]+[a-z0-9]+)*"
    r"(?:[ ]+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|treble))*)"
    r"(?![A-Za-z0-9])"
)


def find_urls(text: str) -> list[tuple[Finding, bool]]:
    """Find URLs; each comes with a flag saying whether it is personal (see :func:`url_is_personal`).

    Only personal URLs are redacted by the redactor; the others are kept (and are upgraded to
    personal when a person's name is found inside them).
    """
    out: list[tuple[Finding, bool]] = []
    matches = list(_URL.finditer(text))
    if "/" in text:
        matches += [
            b for b in _URL_SOCIAL_BARE.finditer(text) if not any(a.start() <= b.start() < a.end() for a in matches)
        ]
    for m in sorted(matches, key=lambda m: m.start()):
        value = m.group(0)
        while value and value[-1] in _URL_TRAILING:
            if value[-1] == ")" and value.count("(") >= value.count(")"):
                break
            value = value[:-1]
        if len(value) < 5:
            continue
        # a link broken at a "/" over a line ("www.instagram.com/\njordo.r"): its path on the next line is part of it
        if value.endswith("/") and m.start() + len(value) == m.end():
            rest = _URL_REST_NEXT_LINE.match(text, m.end())
            if rest is not None:
                value = text[m.start() : rest.end()]
        key = value.lower().rstrip("/").replace("\n", "")
        key = re.sub(r"^(?:h(?:tt|xx|\[tt\]|\[xx\])ps?|ftp)(?:://|\[:\]//|\[://\])", "", key)
        key = key[4:] if key.startswith("www.") else key
        out.append((Finding(m.start(), m.start() + len(value), "URL", key), url_is_personal(value)))
    for m in _SPOKEN_URL.finditer(text) if " slash " in text or " Slash " in text else ():
        out.append((Finding(m.start(), m.end(), "URL", re.sub(r"\s+", " ", m.group(0).lower())), True))
    return out


# --------------------------------------------------------------------------- hospital / record numbers
# Words that announce a local record number: hospital and trust numbers, MRNs, case-note numbers, the
# numbers of the clinical and social-care systems trusts and councils use, wristbands and labels, and
# staff registration numbers (GMC, NMC PIN, HCPC), which identify a person as well.
_RECORD_SYSTEMS = (
    r"PAS|RiO|EMIS|SystmOne|S1|Lorenzo|Cerner|Epic|EPR|EPMA|Medway|Meditech|iCS|Mosaic|CareFirst|Liquidlogic|LCS"
    r"|Paris|Eclipse|ICE|Sunquest|TPP|CHI|H&C|K|A&E|ED|NHI|ePCR|PCR|Datix|MASH|PACS|Vision|WPAS|Encompass|Adastra"
    r"|Cleric|Symphony|Careflow|BadgerNet|Nervecentre|CAD|InPhase|incident|resident|client|cot[ ]card|ID"
    # a pharmacy's patient medication record ("mum's PMR number is 61187"); immigration and benefits references
    r"|PMR|Home[ ]Office|HO|Port|UAN|DWP|UC|claim"
)
_RECORD_NOUN = r"(?:no|nos|number|num|nbr|id|ref|reference|code|\#)"
_RECORD_CUE = (
    r"(?:MRN|M\.R\.N\.?|URN|UR[ ]+(?:no|number)|hosp(?:ital)?\.?[ ]+(?:record[ ]+)?"
    + _RECORD_NOUN
    + r"|hospital[ ]+record|unit[ ]+"
    + _RECORD_NOUN
    + r"|trust[ ]+"
    + _RECORD_NOUN
    + r"|(?:medical|patient|health|clinical|care|social[ ]+care|case)[ ]+record[ ]+"
    + _RECORD_NOUN
    + r"|(?:case|casenote|case[ ]+note|casenotes|case[ ]+notes|notes|file|record|patient|client|service[ ]+user"
    r"|resident|person|people|customer|referral|safeguarding|episode|attendance|admission|encounter|x-?ray|pt"
    r"|prisoner|inmate|offender|detainee|hospice|booking|incident|concern|crime|tenancy|tenant|order|court|police"
    r"|custody|probation|housing|homeless(?:ness)?|application|claim|benefit|account|hostel|licence|warrant"
    r"|radiology|lab|specimen|sample|wristband|name[ ]?band|ID[ ]?band|chart|local|registration|reg"
    r"|health[ ]+and[ ]+care|community[ ]+health[ ]+index|identification|"
    + _RECORD_SYSTEMS
    + r")[ ]+"
    + _RECORD_NOUN
    + r"|(?:GMC|NMC|HCPC|GPhC|SSSC|SCW|HCPC)(?:[ ]+(?:PIN|no|number|registration|reg))?|NMC[ ]+PIN|PIN"
    r"|CHI|H&C|PAS|RiO|Mosaic|wristband|name[ ]?band|ID[ ]?band|referral|patient[ ]+ID|ID|identifier"
    r"|ePCR|PCR|Datix|MASH|PACS|WPAS|Encompass|Adastra|Cleric|BadgerNet|EMIS|Vision|PARIS|Carefirst|cot[ ]card"
    r"|SystmOne|TPP|Lorenzo|Cerner|Medway|LCS|Liquidlogic|ChildView|Careworks|OASys|nDelius|Delius|PNC|CareDirector"
    r"|Mosaic|ContrOCC|Servelec|Synergy|UPN|ULN|prison[ ]+(?:number|no)|custody[ ]+(?:number|no)|CAD|MARAC|CRN"
    r"|addressograph|bradma|patient[ ]+(?:label|sticker)|hospital[ ]+(?:label|sticker)"
    r"|(?:our|her|his|their|your|my)[ ]+(?:reference|ref)(?:[ ]+(?:no|number))?)"
)
# The code itself: an optional prefix (upper-case letters, perhaps a site digit, then a slash, dash or
# space; or lower-case letters written together with the digits), digit groups, an optional check letter.
_RECORD_CODE = (
    r"(?:[A-Z]{1,4}[0-9]{0,2}(?:[/\-]|[ ](?=[0-9]))?|[a-z]{1,3}[0-9]{0,2}[/\-]?)?"
    r"[0-9][0-9 /\-]{1,14}[0-9](?:[ ]?[A-Z](?![a-z])|[a-z](?![a-z]))?"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_RECORD_CUE_BROAD = re.compile(
    rf"(?i:\b(?:{_RECORD_CUE}|hospital|hosp|notes|records?|chart|label|sticker|patient|case|trust|unit|incident))"
    r"(?![A-Za-z])"
)
# What follows a cue: "MRN: 00456789", "hospital number is K 7781234", "Hospital number\n123456" (a form).
_RECORD_AFTER_CUE = re.compile(
    r"\.?[ \t]*\n?[ \t]*(?:(?i:is|was|of|no\.?|number)[ ]+)?[:#=\-(|]?[ \t]*"
    rf"(?P<num>{_RECORD_CODE})(?![0-9A-Za-z])"
)
_RECORD_CUE_RE = re.compile(rf"(?i:\b{_RECORD_CUE})(?![A-Za-z])")
_LONG_NUMBER = re.compile(rf"(?<![0-9A-Za-z/])(?:{_RECORD_CODE})(?![0-9A-Za-z])")
# Without a cue, a code shaped like a hospital number: letters (a trust or site prefix, upper case or all
# lower case written together with the digits) and 6-10 digits, optionally split by a slash, a dash or
# one space and with a check letter at the end: "RXH4409128", "K0493321", "k0493321", "H/223344",
# "RR8-5501127", "M2409-1177", "RTH 001 2345", "ECH 4471920", "0123456X".
_RECORD_BARE = re.compile(
    r"(?<![A-Za-z0-9\-/.])"
    r"(?:(?P<prefix>[A-Z]{1,4}[0-9]{0,2}(?:[/\-]|[ ](?=[0-9]{3}))?|[a-z]{1,3}[0-9]{0,2})"
    r"[0-9]{2,10}(?:[ \n\-/][0-9]{2,7}){0,3}[A-Z]?"
    r"|[0-9]{6,9}[A-Z]|[0-9]{2}[A-Z][0-9]{4}[A-Z])"  # digits and a check letter; an NMC PIN ("98Y1234E")
    r"(?![A-Za-z0-9\-/])"
)
_DIGIT_ID = re.compile(r"(?<![0-9A-Za-z.,:/\-])(?:[1-9][0-9]{6,8}|0[0-9]{5,11})(?![0-9A-Za-z]|[.,:/\-][0-9A-Za-z])")
# A Scottish CHI number: date of birth (ddmmyy) and four digits, together or split after the date
# ("0203451234", "020345 1234"); taken when it is not a valid NHS number or a phone number.
_CHI = re.compile(
    r"(?<![0-9A-Za-z.,:/\-])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[ ]?[0-9]{4}(?![0-9A-Za-z])"
)
# Letters in any case written together with 6-10 digits ("Rxh4409128", "mRN00456789" is not needed).
_RECORD_FUSED = re.compile(
    r"(?<![A-Za-z0-9\-/.@])(?:[A-Za-z]{1,4}[0-9]{6,13}|[A-Z]{2,4}[0-9]{5})(?:[A-Za-z]|/[A-Z])?(?![A-Za-z0-9\-/@])"
)
# A site code in lower case without vowels, a space and digit groups: "rjz 448 1029" (words have vowels).
_CONSONANT_CODE = re.compile(r"(?<![A-Za-z0-9\-/.@_])[b-df-hj-np-tv-xz]{2,4}[ ]?[0-9]{3,4}[ ][0-9]{3,4}(?![0-9A-Za-z])")
# A UK prison number ("A4412BK") and codes read out letter by letter ("R J Z 4 4 8 1 0 2 9").
# (typed in lower case too, "g8832vx c/o chest pain": a letter, four digits and two letters is no word)
_PRISON_NUMBER = re.compile(
    r"(?<![A-Za-z0-9\-/.@_])(?:[A-Z][0-9]{4}[A-Z]{2}|[a-z][0-9]{4}[a-z]{2}"
    # with spaces, as a form or a transcript sets it out: "A 2290 FQ", "A9104 CT"
    r"|[A-Z][ ][0-9]{4}[ ]?[A-Z]{2}|[A-Z][0-9]{4}[ ][A-Z]{2})(?![A-Za-z0-9\-/@_])"
)
# a Police National Computer id: the year it was made, a serial number and a check letter ("19/448127K"; the
# check letter is never I, O or S)
_PNC_ID = re.compile(r"(?<![A-Za-z0-9\-/.@_])(?:19|20)?[0-9]{2}/[0-9]{4,7}[A-HJ-NP-RT-Z](?![A-Za-z0-9\-/@_])")
# a sexual health clinic's number: its service and a year and serial ("GUM 23/04416", "SHC 24/1187")
_GUM_NUMBER = re.compile(r"(?<![A-Za-z0-9\-/])(?:GUM|GU|SHC|SH|GUM[ ]?clinic)[ ]?[0-9]{2}/[0-9]{3,6}(?![0-9/])")
_SPELT_CODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][ ]){1,4}(?:[0-9][ ]){4,11}[0-9](?:[ ][A-Z])?(?![A-Za-z0-9])")
# Letters and digits in three or more groups with five or more digits: "PH/24/118374", "25-HA-004417",
# "dn/bex/00417", "OASYS-3390-114"; and digit groups with a long group: "13/145678/23", "5542-1187-0093".
_MULTI_SEGMENT = re.compile(
    r"(?<![A-Za-z0-9\-/.@_:])[A-Za-z0-9]{1,10}(?:[\-/][A-Za-z0-9]{1,10}){2,4}(?![A-Za-z0-9@_]|[\-/.:][A-Za-z0-9])"
)
_COMPACT_DATE = re.compile(r"[0-3][0-9][01][0-9](?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}[01][0-9][0-3][0-9]")
# Local reference codes written with separators: letters (a system, site or team) and a number of four or
# more digits, or three or more with a leading zero: "RID-3327", "BL-0031", "PMR-00781", "AB-HC-20331",
# "SL-BEL-00142", "JES-LOAN-24-18833", "ASG/BHSCT/2025/00417", "C/45678/B", "rbk-0091237"; a number
# broken over a line ("VIS-77\n21904").
_RECORD_SEGMENTED = re.compile(
    r"(?<![A-Za-z0-9\-/.@_])(?P<letters>(?:[A-Z]{1,8}[0-9]?[\-/]){1,4}|[a-z]{2,5}[\-/])(?P<mid>(?:[0-9]{2,4}[\-/])?)"
    r"(?P<site>[A-Z](?=[0-9]{3}))?(?P<num>[0-9]{3,10}(?:\n[0-9]{2,8})?)(?P<tail>[\-/][A-Z0-9]{1,3})?"
    r"(?![A-Za-z0-9\-/@_])"
)
# A short code (up to four significant digits) is a person's number only in context: a cue in the same
# sentence before it ("the wristband said RID-3327", "resident number RES-0203", "(PMR PMR-0781)") or
# right after a name ("Mabel (RES-0047)", "Irene Bellwood, BL-0044").
_SHORT_CODE_CONTEXT = re.compile(
    r"(?:(?i:\b(?:number|numbers|no|nos|num|id|ids|ref|refs|reference|references|code|codes|wristband|band"
    r"|bracelet|label|sticker|mar|chart"
    r"|resident|patient|client|service[ ]user|record|records|file|case|datix|incident|system|notes|said|read"
    r"|reads|was|is|plan|PMR|EMIS|PAS|RiO|Mosaic|Carefirst|Vision|ePCR|MASH))\b[^.!?\n]{0,40}"
    r"|[A-Z][a-z'\u2019\-]+[ ]*\([ ]*|[A-Z][a-z'\u2019\-]+,[ ]*"
    # "Mr Pryce (room 9, SH-R009)": in the brackets after a name, after what else they give
    r"|[A-Z][a-z'\u2019\-]+[ ]*\([^()\n]{1,20},[ ]*)$"
)
# The story's own id as a metadata key gives it ('"id": "CN-0023"', "story_id: AM-0012"): not a person's.
_OWN_ID_KEY = re.compile(
    r"(?im)(?:^[ \t]*[\"']?|[{,][ \t]*[\"'])(?:id|story_id|story[ ]id|record_id|story_ref)[\"']?[ \t]*[:=][ \t]*[\"']?$"
)
# Digits, letters, digits: "7HK2219", "2GX0093451".
_RECORD_MIXED = re.compile(r"(?<![A-Za-z0-9\-/.@_])[0-9]{1,3}[A-Z]{1,3}[0-9]{4,8}[A-Z]?(?![A-Za-z0-9\-/@_])")
# A date written with its parts in the wrong order or with a time: "2024-03-14/15", "14/03/2024-15/03/2024".
_SEGMENTED_DATE = re.compile(
    r"^(?:(?:19|20)[0-9]{2}[\-/][01]?[0-9][\-/][0-3]?[0-9]|[0-3]?[0-9][\-/][01]?[0-9][\-/](?:19|20)[0-9]{2})"
)
# Standards, guidance, diseases and years that share those shapes: "ISO-9001", "COVID-2019", "FY-2025".
_SEGMENTED_NOT = re.compile(
    r"(?i)^(?:ISO|IEC|BS|EN|DIN|IEEE|RFC|COVID|SARS|MERS|ICD|HTM|HBN|NG|CG|QS|TA|PH|DCB|ISBN|ISSN|NCT|IRAS|ISRCTN"
    r"|EudraCT|REC|NICE|SI|FY|Q[1-4]|H[12]|WHO|CQC|PAS[ ]|ANSI|UN|EC|EU|A|B|P|M|A&E)[\-/]"
)
# Codes of that shape that are not about a person: trial and research registrations, guidance, books.
_RECORD_BARE_NOT = re.compile(
    r"(?i)^(?:ISRCTN|NCT|EudraCT|IRAS|REC|CAS|NICE|NG|CG|TA|QS|PH|BNF|ISBN|ISSN|NHS"
    r"|(?:ISO|IEC|Q[1-4]|FY|COVID|SARS)[\-/ ])"
)
# Cue words that can stand before a number with a space: the cue path already takes the number.
_SHORT_WORDS = frozenset(
    {"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of"}
    | {"on", "or", "so", "to", "up", "us", "we", "am", "pm", "dob", "nhs", "tel", "mob"}
)
# A system's acronym (not a standard or a currency) and a number of five to eight digits: "PMR 90417",
# "PASS 22817", "PMR-KL 30418" — the names of local systems are too many to list.
_ACRONYM_NUMBER = re.compile(
    r"(?<![A-Za-z0-9\-/.@_])(?P<acr>(?:[A-Z]{2,6}[\-/]){0,2}[A-Z]{2,6}|[A-Z][a-z]+[A-Z][A-Za-z]+|[a-z]+[A-Z][A-Za-z]*)"
    r"[ ]?[:#]?[ ]?(?P<num>[0-9]{5,8})"
    r"(?![0-9A-Za-z]|[.,][0-9])"
)
_ACRONYM_NOT = frozenset(
    {"ISO", "IEC", "BS", "EN", "DIN", "IEEE", "RFC", "ICD", "HTM", "HBN", "NG", "CG", "QS", "TA", "PH", "GBP", "EUR"}
    | {"USD", "NICE", "AD", "BC", "CE", "BCE", "SI", "UK", "NHS", "FY", "TEL", "FAX", "PO", "BOX", "NCT", "IRAS"}
    | {"ISRCTN", "REC", "ISBN", "ISSN", "BNF", "DCB", "SNOMED", "CT", "READ", "OPCS", "HRG", "WHO", "MHRA", "VAT"}
)
# An identifier in groups of letters and digits joined by dashes: an EPS prescription token
# ("A7F3C2-B81004-4E9T1K"), a system's reference.
_GROUPED_CODE = re.compile(r"(?<![A-Za-z0-9\-/.@_])[A-Z0-9]{4,8}(?:-[A-Z0-9]{4,8}){2,4}(?![A-Za-z0-9\-/@_])")
# After a record cue, one token of letters and digits with separators: "lab no IP25/H117732".
_TOKEN_CUE = re.compile(
    r"(?i)\b(?:sample|specimen|lab|record|file|case|ref|reference|referral|incident|token|request)[ ]+$"
)
_DOTTED_CODE = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z]{1,4}[0-9]{0,4}\.[0-9]{5,10}(?![A-Za-z0-9]|\.[0-9])")
_RECORD_AFTER_CUE_TOKEN = re.compile(
    r"\.?[ \t]*(?:(?i:is|was)[ ]+)?[:#=(]?[ \t]*(?P<num>[A-Za-z0-9]{1,10}(?:[/\-.][A-Za-z0-9]{1,10}){1,4})"
    r"(?![A-Za-z0-9]|[/\-.][A-Za-z0-9])"
)
# after a record cue, letters and digits mixed with no separator: "Order number ZW25P00417", "ref AB12C34567"
_RECORD_AFTER_CUE_MIXED = re.compile(
    r"\.?[ \t]*(?:(?i:is|was)[ ]+)?[:#=(]?[ \t]*(?P<num>[A-Za-z0-9]{6,14})(?![A-Za-z0-9])"
)
_BARE_CUE_PREFIX = frozenset({"MRN", "ID", "PAS", "CHI", "NO", "PIN", "GMC", "NMC", "HCPC", "URN", "ED", "K", "REF"})


# letters, digits, a letter and four or more digits, in capitals: a court or case number ("BD24C00298" — a
# family court's), a device serial ("SN4X00123"); or six digits or more between letters ("NG2274518H", a pump's
# serial); a car (two or three digits) or an aircraft type never fits
_INTERLEAVED_CODE = re.compile(
    r"(?<![A-Za-z0-9\-/])(?:[A-Z]{1,3}[0-9]{1,4}[A-Z]{1,2}[0-9]{4,8}|[A-Z]{1,3}[0-9]{6,9}[A-Z]{1,2})(?![A-Za-z0-9])"
)


def find_hospital_numbers(text: str) -> list[Finding]:
    """Find hospital numbers, MRNs, case-note, system and local record numbers.

    After a cue (MRN, hospital/hosp/unit/trust/case-note/record/patient/client number, the names of the
    record systems such as PAS, RiO, EMIS, SystmOne, Mosaic, CHI, H&C, a wristband or label, GMC/NMC
    registrations) any identifier with at least 5 digits, and any number with 6 or more digits up to
    the end of that sentence. Without a cue, codes shaped like a local hospital number: letters then
    6-10 digits in upper case or all lower case ("RXH4409128", "k0493321"), with a slash, dash or space
    after the prefix ("H/223344", "RR8-5501127", "RTH 001 2345", "ECH 4471920"), or digits with a check
    letter ("0123456X"). Plain numbers and dates without a cue are not taken here.
    """
    out: list[Finding] = []
    # After a cue, any long number up to the end of the sentence ("wrote his hospital number down as
    # 3302118 when it was 3302181").
    # After a record cue, a code with 5+ digits ("MRN 00456789", "PAS id K 7781234"). Around any cue, in the
    # same sentence, a code with 6+ digits: after it ("wrote his hospital number down as 3302118 when it
    # was 3302181"), before it ("3302118, his hospital number") or in a sentence about hospital notes,
    # records, charts or labels; a line break right after the cue (a form) does not end the sentence.
    for cue in _RECORD_CUE_BROAD.finditer(text):
        if _RECORD_CUE_RE.fullmatch(cue.group(0)):  # a record cue: a shorter code right after it counts too
            m = _RECORD_AFTER_CUE.match(text, cue.end())
            if m is not None:
                num = m.group("num").rstrip(" -/")
                digits = sum(c.isdigit() for c in num)
                coded = any(c.isalpha() for c in num) or num[:1] == "0"  # "RES-0203", "0417"
                own = _OWN_ID_KEY.search(text, max(0, m.start("num") - 40), m.start("num"))
                lettered = re.match(r"[A-Za-z]{2,6}[\-/ ]?[0-9]", num) is not None  # "resident no. RES-117"
                enough = digits >= 5 or (digits >= 4 and coded) or (digits >= 3 and lettered)
                if enough and not _looks_like_date(num) and not own:
                    key = _record_key(num)
                    out.append(Finding(m.start("num"), m.start("num") + len(num), "HOSPITAL_NUMBER", key))
        start = max(0, cue.start() - 60)
        before = text[start : cue.start()]
        ends = [e.end() for e in _SENTENCE_END.finditer(before)]
        begin = start + (ends[-1] if ends else 0)
        window_end = min(len(text), cue.end() + 120)
        after = re.search(r"[.!?](?:\s|$)|\n", text[cue.end() : window_end])
        end = cue.end() + after.start() if after else window_end
        for n in _LONG_NUMBER.finditer(text, begin, end):
            value, at = n.group(0).rstrip(" -/"), n.start()
            word = re.match(r"([A-Za-z]+)[ ]", value)
            if word and (_RECORD_CUE_RE.fullmatch(word.group(1)) or word.group(1).lower() in _SHORT_WORDS):
                value, at = value[word.end() :], at + word.end()  # "MRN 00456789": the cue is not the code
            if sum(c.isdigit() for c in value) >= 6 and not _looks_like_date(value):
                out.append(Finding(at, at + len(value), "HOSPITAL_NUMBER", _record_key(value)))
        if _RECORD_CUE_RE.fullmatch(cue.group(0)):
            x = _RECORD_AFTER_CUE_MIXED.match(text, cue.end())
            if x is not None:
                tok = x.group("num")
                mixed = re.search(r"[A-Za-z]", tok) is not None and sum(c.isdigit() for c in tok) >= 5
                if mixed and re.search(r"[0-9][A-Za-z]+[0-9]", tok) and not _looks_like_date(tok):
                    out.append(Finding(x.start("num"), x.end("num"), "HOSPITAL_NUMBER", _record_key(tok)))
            t = _RECORD_AFTER_CUE_TOKEN.match(text, cue.end())
            if t is not None:
                tok = t.group("num")
                own = _OWN_ID_KEY.search(text, max(0, t.start("num") - 40), t.start("num"))
                if sum(c.isdigit() for c in tok) >= 5 and not _looks_like_date(tok) and not own:
                    out.append(Finding(t.start("num"), t.end("num"), "HOSPITAL_NUMBER", _record_key(tok)))
    # An NHS or phone number next to a word ("AA 000 000 0019") is that number, not a record code.
    other = sorted((f.start, f.end) for f in find_nhs_numbers(text) + find_phones(text))
    other_starts = [a for a, _ in other]
    # A run of 7-9 digits written without separators, or of 6-12 with a leading zero, is an identifier in
    # prose (counts are written "1,234,567"); phone and NHS numbers are found by their own recognisers,
    # and a 10-digit number that fails the NHS check is left alone. Ids joined by dashes (UUIDs) stay.
    for m in _DIGIT_ID.finditer(text):
        j = bisect.bisect_left(other_starts, m.end()) - 1
        if any(0 <= k < len(other) and other[k][0] < m.end() and m.start() < other[k][1] for k in (j, j - 1)):
            continue
        if not _looks_like_date(m.group(0)) and not _COMPACT_DATE.fullmatch(m.group(0)):
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", m.group(0)))
    for pattern in (_CHI, _RECORD_FUSED):
        for m in pattern.finditer(text):
            j = bisect.bisect_left(other_starts, m.end()) - 1
            if any(0 <= k < len(other) and other[k][0] < m.end() and m.start() < other[k][1] for k in (j, j - 1)):
                continue
            if pattern is _CHI and is_valid_nhs_number(m.group(0).replace(" ", "")):
                continue
            if pattern is _RECORD_FUSED and _RECORD_BARE_NOT.match(m.group(0)):
                continue
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(m.group(0))))
    for m in _RECORD_SEGMENTED.finditer(text):
        value, num = m.group(0), m.group("num").replace("\n", "")
        if _SEGMENTED_NOT.match(value) or _looks_like_date(value.replace("\n", "")):
            continue
        only_year = not m.group("mid") and re.fullmatch(r"(?:19|20)[0-9]{2}", num) is not None
        if only_year or not (len(num) >= 4 or num[:1] == "0" or m.group("mid")):
            continue
        if len(num) < 4 and m.group("letters")[:1].islower():
            continue
        before = text[max(0, m.start() - 50) : m.start()]
        structured = m.group("mid") or len(re.findall(r"[\-/]", m.group("letters"))) > 1  # "ASG/BHSCT/2025/00417"
        short = len(num.lstrip("0")) <= 4 and not structured
        if short and (not _SHORT_CODE_CONTEXT.search(before) or _OWN_ID_KEY.search(before)):
            continue  # "AM-0001" opening a spreadsheet row is the story's id; "(RES-0047)" after a name is not
        if _overlaps(other, other_starts, m.start(), m.end()):
            continue
        out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(value)))
    for m in _ACRONYM_NUMBER.finditer(text):
        acr = m.group("acr")
        if any(part in _ACRONYM_NOT for part in re.split(r"[\-/]", acr)) or _looks_like_date(m.group("num")):
            continue
        if _overlaps(other, other_starts, m.start(), m.end()):
            continue
        out.append(Finding(m.start("num"), m.end(), "HOSPITAL_NUMBER", m.group("num")))
    for m in _DOTTED_CODE.finditer(text):  # "sample L25.0117736"
        if _TOKEN_CUE.search(text, max(0, m.start() - 20), m.start()) or re.match(r"[A-Za-z]{1,4}[0-9]", m.group(0)):
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(m.group(0))))
    for pattern in (_PRISON_NUMBER, _PNC_ID, _GUM_NUMBER, _SPELT_CODE, _CONSONANT_CODE, _INTERLEAVED_CODE):
        for m in pattern.finditer(text):
            if not _overlaps(other, other_starts, m.start(), m.end()):
                out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(m.group(0))))
    for m in _MULTI_SEGMENT.finditer(text):
        value = m.group(0)
        groups = re.split(r"[\-/]", value)
        digits = sum(c.isdigit() for c in value)
        lettered = any(c.isalpha() for c in value)
        long_group = max(len(g) for g in groups if g.isdigit()) if any(g.isdigit() for g in groups) else 0
        zero_led = any(g[:1] == "0" and g.isdigit() and len(g) >= 4 for g in groups)
        ok = (lettered and (digits >= 5 or (digits >= 4 and zero_led))) or (
            not lettered and (long_group >= 5 or (digits >= 10 and long_group >= 4))
        )
        if not ok or (_SEGMENTED_NOT.match(value) and long_group < 6):
            continue
        if _looks_like_date(value) or _SEGMENTED_DATE.match(value):
            continue
        if _overlaps(other, other_starts, m.start(), m.end()):
            continue
        out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(value)))
    for m in _GROUPED_CODE.finditer(text):
        value = m.group(0)
        digits = sum(c.isdigit() for c in value)
        letters = sum(c.isalpha() for c in value)
        if digits >= 6 and letters >= 2 and not _overlaps(other, other_starts, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(value)))
    for m in _RECORD_MIXED.finditer(text):
        if not _overlaps(other, other_starts, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(m.group(0))))
    for m in _RECORD_BARE.finditer(text):
        value = m.group(0)
        digits = sum(c.isdigit() for c in value)
        prefix = (m.group("prefix") or "").strip()
        short_ok = digits == 5 and len(prefix.rstrip("/-")) >= 2 and re.search(r"[ /\-]0", value) is not None
        if (digits < 6 and not short_ok) or digits > 11 or _RECORD_BARE_NOT.match(value) or _looks_like_date(value):
            continue
        if _overlaps(other, other_starts, m.start(), m.end()):  # numbers are short: the nearest two suffice
            continue
        # a letter that is no word before digits in groups is a site prefix: "J 0774 251"
        letter_prefix = len(prefix) == 1 and prefix not in "AIO" and value.strip().count(" ") >= 2
        short_prefix = len(prefix) < 2 and not letter_prefix
        if " " in value.strip() and (short_prefix or prefix in _BARE_CUE_PREFIX or prefix.lower() in _SHORT_WORDS):
            continue  # "A 1234567", "ON 1234567": a word, not a prefix; a cue word: the cue path takes it
        if is_valid_nhs_number(re.sub(r"^[A-Za-z]+[ /\-]?", "", value)):
            continue  # "NHS 943 476 5919" is an NHS number
        out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", _record_key(value)))
    # a recording's time stamp is no record ("GMT20250212-093015_Recording.transcript.vtt", as Zoom names files);
    # an organisation's service number is no record either ("Crisis line for the Trust is 0800 028 3637")
    stamps = [(m.start(), m.end()) for m in _TIME_STAMP.finditer(text)]
    if out:  # (the phone pass again only where there is a code to check)
        stamps += service_numbers(text)
    if stamps:
        out = [f for f in out if not any(a <= f.start and f.end <= b for a, b in stamps)]
    out = [f for f in out if not not_a_persons_code(text, f.start)]
    return _widest(out)


# the label of a code that names a thing, not a person: an IT ticket, a purchase order, a job advert, a clinical
# code, a regulator's or a company's registration, a policy document ("Ticket INC0012345", "PO-20931" (a
# purchase order; "Order number ZW25P00417" may be a court's), "Job reference C9281-24-0451", "SNOMED
# 44054006", "CQC registration 1-101234567")
_THING_LABEL = re.compile(
    r"(?i:\b(?:(?:IT|helpdesk|service[ ]desk|support)[ ]ticket|ticket|purchase[ ]order|PO|invoice|job"
    r"|vacancy|post|advert|SNOMED(?:[ ]CT)?|read[ ]code|ICD(?:-?1[01])?|CQC(?:[ ](?:registration|provider|location))?"
    r"|ODS|charity|company|policy|SOP|procedure|guideline|contract|tender|asset|catalogue|product|batch|lot)"
    r"(?:[ ](?:number|no\.?|ref(?:erence)?|id|code|tag|concept(?:[ ]id)?))?)[ ]*[:#]?[ ]*(?:is[ ]+|was[ ]+)?$"
)
# ... but a court's or a care order's number is a person's ("Care order number ZW25P00417")
_PERSONS_ORDER = re.compile(
    r"(?i:\b(?:care|court|protection|placement|supervision|restraining|emergency|hospital|section|DoLS|CTO"
    r"|community[ ]treatment|guardianship|probation|detention)[ ]+order)"
)
# a document's code by its type: "IG-POL-012", "CLIN-SOP-004", "HR-PROC-17"
_DOCUMENT_CODE = re.compile(
    r"(?i:(?:^|[\-/])(?:POL|SOP|PROC|GUID|GL|PGN|FORM|PROT|SOPS|POLICY)[\-/][0-9A-Z])|^PO-[0-9]"
)


def not_a_persons_code(text: str, start: int) -> bool:
    """Whether the code at ``start`` names a thing, not a person.

    The label before it says so ("Ticket", "SNOMED") or the code itself does ("IG-POL-012").
    """
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
        start -= 1  # the code's whole token: "INC0012345"
    before = text[max(0, start - 40) : start]
    label = _THING_LABEL.search(before)
    if label and not _PERSONS_ORDER.search(before):
        return True
    token = re.match(r"[A-Za-z0-9\-/]+", text[start : start + 30])
    return token is not None and _DOCUMENT_CODE.search(token.group(0)) is not None


_TIME_STAMP = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:GMT|UTC)(?:19|20)[0-9]{6}[\-_T ]?|(?:19|20)[0-9]{6}[\-_T ])"
    r"[0-2][0-9][0-5][0-9][0-5][0-9](?![0-9])"
)


def _overlaps(other: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    """True if [a, b) overlaps one of the sorted spans ``other`` (phone and NHS numbers)."""
    j = bisect.bisect_left(starts, b) - 1
    return any(0 <= k < len(other) and other[k][0] < b and a < other[k][1] for k in (j, j - 1))


def _record_key(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


_DATE_LIKE = re.compile(
    r"[0-9]{1,2}[ \-/.][0-9]{1,2}[ \-/.](?:[0-9]{4}|[0-9]{2})|(?:19|20)[0-9]{2}[\-/][0-9]{1,2}[\-/][0-9]{1,2}"
)


def _looks_like_date(value: str) -> bool:
    """A day-month-year or year-month-day shape with a possible day and month ("77-11-32" is not a date).

    Spaces count as separators too: a path's "2025-04-03_notes" is read as "2025 04 03 notes".
    """
    v = re.sub(r"[ ]+", "-", value.strip())
    if _DATE_LIKE.fullmatch(v) is None:
        return False
    parts = [int(p) for p in re.split(r"[ \-/.]", v) if p]
    if len(parts) != 3:
        return True
    if parts[0] >= 1900:  # 2025-03-14
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    day, month = parts[0], parts[1]  # 14/03/25, or 03/14/25 written the American way
    return 1 <= min(day, month) <= 12 and max(day, month) <= 31


# --------------------------------------------------------------------------- vehicle registrations
# Current format (since 2001): two letters, an age identifier (02-29 or 51-79 so far), three letters
# ("KX17 RFO", "GN 14 TPE").
_REG_CURRENT = re.compile(
    # a dash where the space goes: "WS14-CXB"
    r"(?<![A-Za-z0-9])[A-Z]{2}[ ]?(?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9])[ \-]?(?![Ii][Nn][Gg]\b)[A-Z]{3}"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Older prefix ("A123 BCD", 1983-2001) and suffix ("ABC 123D", 1963-1983) formats, Northern Irish
# ("LXZ 1234": the county code holds I or Z) and dateless ("1 ABC", "ABC 1", "AB 1234") formats.
_REG_PREFIX = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NP-Y][0-9]{1,3}[ ]?[A-Z]{3}(?![A-Za-z0-9])", re.IGNORECASE)
_REG_OTHER = re.compile(
    r"(?<![A-Za-z0-9\-])(?:[A-Z]{3}[ ]?[0-9]{1,3}[A-Z]|[A-Z]{1,2}(?:I|Z|IA|IB|[A-Z]Z|[A-Z]I)[ \-]?[0-9]{1,4}"
    r"|[0-9]{1,4}[ ]?[A-Z]{2,3}|[A-Z]{2,3}[ \-]?[0-9]{1,4})(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_VEHICLE_CUE = re.compile(
    r"(?i)\b(?:reg|regs|registration|registered|number[ ]?plates?|plates?|personal[ ]plate|private[ ]plate|car|cars"
    r"|van|vans|vehicle|vehicles|motorbike|motorcycle|moped|scooter|taxi|cab|minicab|ambulance|lorry|truck"
    r"|bus|minibus|coach|trailer|caravan|campervan|motorhome|4x4|pick-?up|parked|parking|park|drove|drives"
    r"|drive|driving|driven|driver|ANPR|DVLA|MOT|dashcam|clamped|towed|motability|hatchback|estate|saloon"
    r"|Ford|Fiesta|Focus|Transit|Vauxhall|Corsa|Astra|Volvo|VW|Volkswagen|Golf|Polo|Toyota|Yaris|Prius|Nissan"
    r"|Micra|Qashqai|Honda|Jazz|Civic|Kia|Hyundai|Peugeot|Renault|Clio|Citro[e\u00eb]n|Berlingo|Skoda|Fiat"
    r"|Mini|BMW|Audi|Mercedes|Sprinter|Jaguar|Rover|Land[ ]Rover|Range[ ]Rover|Tesla|Mazda|Suzuki|Dacia|Seat"
    r"|Mitsubishi|Subaru|Lexus|Volvos?|jeep|Jeep|pickup|quad|tractor|Land[ ]?Cruiser|Hilux|Shogun)\b"
)
# Upper-case words of prefix-format shape that are clinical or staff codes ("F2 SHO").
_REG_NOT = frozenset(
    {"SHO", "ICU", "HDU", "CCU", "ITU", "AMU", "MAU", "SAU", "CDU", "GCS", "DNR", "BMI", "ECG", "EWS", "AKI", "UTI",
     "CKD", "MRI", "CXR", "ABG", "VBG", "RRT", "OOH", "GPS", "NHS", "CQC", "MDT", "SPR", "REG", "FYS", "HCA", "RMN",
     "RGN", "RNA", "DOB", "NEW", "AND", "THE", "FOR", "BAY", "BED", "AGE", "MIN", "MAX", "DAY", "PRN", "TDS", "QDS",
     "BID", "TID", "ODS", "MCG", "UNITS", "HRS", "MLS", "KGS", "AM", "PM", "MG", "ML", "KG", "IU", "BD", "OD",
     "MMOL", "MIU", "NEWS", "ST", "CT", "FY", "SPO", "IV", "IM", "SC", "PO", "NG", "PEG", "A", "B", "M", "GP",
     "ED", "AE", "HR", "RR", "BP", "SATS", "KM", "MPH", "GCSE", "NVQ", "CPR", "ALS", "ILS", "BLS"}
)  # fmt: skip


# A plate from abroad or the islands, with a vehicle word in its sentence: "the farm minibus (PO 5KW21, Polish
# plates)", "the health bus, J 41877" (Jersey), "a van, CJ 1234 XY" -- one to three capitals, then four to six
# capitals and digits with a digit among them (a dose after "PO" is not one: "PO 500MG"). Shorter ones ("B 123 ABC")
# are the dateless format's (_REG_OTHER takes "123 ABC").
_REG_FOREIGN = re.compile(
    # not a road ("past the A 4103", "the E 40"), nor a record id ("AM-0004": after a hyphen, letters too)
    r"(?<![A-Za-z0-9\-])(?![ABEM][ \-][0-9]+(?![A-Za-z0-9]))(?![A-Z]{1,3}-[0-9]+(?![A-Za-z0-9]))"
    r"[A-Z]{1,3}[ \-](?=[A-Z0-9]{0,5}[0-9])"
    r"(?![0-9]+(?:MG|ML|MCG|G|KG|IU|MMOL|UNITS?)\b)"
    r"[A-Z0-9]{4,6}(?:[ ][A-Z]{2,3})?(?![A-Za-z0-9])"
)


def _vehicle_context(text: str, start: int, end: int) -> bool:
    """A vehicle word in the same sentence (up to 80 characters before or 60 after)."""
    window = text[max(0, start - 80) : start]
    sentences = re.split(r"[.!?]\s|\n", window)
    before = sentences[-1]
    # a registration said on its own after the sentence that names the car: "she read the reg out. ef21 obn."
    if not before.strip() and len(sentences) > 1:
        before = sentences[-2]
    after = re.split(r"[.!?](?:\s|$)|\n", text[end : end + 60])[0]
    return bool(_VEHICLE_CUE.search(before) or _VEHICLE_CUE.search(after))


def find_vehicle_regs(text: str) -> list[Finding]:
    """Find UK vehicle registrations.

    * the current format (``KX17 RFO``, ``GN 14 TPE``): in upper case anywhere; in lower or mixed
      case with a vehicle word (car, van, reg, plate, parked, a make or model, …) in the sentence;
    * the prefix format (``P123 ABC``): in upper case anywhere unless the letters are a clinical code
      ("F2 SHO"); in other case with a vehicle word;
    * the suffix (``ABC 123D``), Northern Irish (``LXZ 1234``) and dateless (``1 ABC``, ``ABC 1``)
      formats: only with a vehicle word in the sentence, in upper case;
    * plates from abroad and the islands (``PO 5KW21``, ``J 41877``, ``CJ 1234 XY``): only with a vehicle word in
      the sentence, in upper case.
    """
    out: list[Finding] = []
    current = list(_REG_CURRENT.finditer(text))
    upper = {m.group(0).replace(" ", "").upper() for m in current if m.group(0).isupper()}
    for m in current:
        value = m.group(0)
        vowelless = not re.search(r"[aeiouAEIOU]", value[-3:])  # "yx70 hkb": not a word
        # "ay68 obn" where the text also writes "AY68 OBN"
        seen = value.replace(" ", "").upper() in upper
        if not value.isupper() and not vowelless and not seen and not _vehicle_context(text, m.start(), m.end()):
            continue
        out.append(Finding(m.start(), m.end(), "VEHICLE_REG", re.sub(r"[ \-]", "", value).upper()))
    for m in _REG_PREFIX.finditer(text):
        value = m.group(0)
        letters = value[-3:].upper()
        if letters in _REG_NOT or not (value.isupper() or value.islower()):
            continue
        if value.isupper() or _vehicle_context(text, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "VEHICLE_REG", value.replace(" ", "").upper()))
    for m in _REG_OTHER.finditer(text):
        value = m.group(0)
        letters = re.sub(r"[^A-Za-z]", "", value)
        # a Northern Irish registration in lower case ("the jeep, jcz 6610"): three letters with the county's
        # I or Z and four digits
        northern_irish = bool(re.fullmatch(r"[a-z](?:[a-z][iz]|[iz][a-z])[ ]?[0-9]{3,4}", value))
        upper_ok = value.isupper() or northern_irish
        if not upper_ok or letters.upper() in _REG_NOT or len(letters) + sum(c.isdigit() for c in value) < 3:
            continue
        if re.fullmatch(r"[ABM][0-9]{1,4}|[A-Z][0-9]{1,2}[A-Z]?|[0-9]{3,4}[ ]?[A-Z]{2}", value):
            continue
        # in capitals with four digits the Northern Irish shape is a plate wherever it stands ("NIJ 7702. wee
        # blue corsa"): no clinical code has it
        ni_plate = bool(re.fullmatch(r"[A-Z](?:[A-Z][IZ]|[IZ][A-Z])[ \-]?[0-9]{4}", value)) and letters not in _NI_NOT
        if "-" in value and not ni_plate:
            continue  # "SIJ-7730" is a plate; "ABZ-12" is a code
        if ni_plate or _vehicle_context(text, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "VEHICLE_REG", re.sub(r"[ \-]", "", value).upper()))
    for m in _REG_FOREIGN.finditer(text):
        if _vehicle_context(text, m.start(), m.end()):
            value = m.group(0)
            out.append(Finding(m.start(), m.end(), "VEHICLE_REG", re.sub(r"[ \-]", "", value).upper()))
    # a plate with characters masked or unread, with a vehicle word near: "Partial plate seen on CCTV: CF?? ?RT"
    for m in _REG_MASKED.finditer(text):
        value = m.group(0)
        masked = sum(c in "?*#" for c in value)
        if masked and len(value.replace(" ", "")) - masked >= 3 and _vehicle_context(text, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "VEHICLE_REG", value.replace(" ", "")))
    # part of a plate in quotes after the plate is named: "only saw the end of the number plate, 'XMS'"
    for m in _REG_QUOTED_PART.finditer(text):
        value = m.group("p")
        if value.upper() not in _REG_NOT:
            out.append(Finding(m.start("p"), m.end("p"), "VEHICLE_REG", value.replace(" ", "")))
    return _widest(out)


_REG_MASKED = re.compile(r"(?<![A-Za-z0-9?*#])[A-Z?*#]{2}[0-9?*#]{2}[ ]?[A-Z?*#]{3}(?![A-Za-z0-9?*#])")
_REG_QUOTED_PART = re.compile(
    r"(?i:\b(?:number[ ]?plate|plate|reg(?:istration)?)s?\b)[^.\n'\"\u2018\u201c]{0,30}?['\"\u2018\u201c]"
    r"(?P<p>(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{2,4}(?:[ ][A-Z0-9]{1,4})?)['\"\u2019\u201d]"
)


_NI_NOT = frozenset({"NIV", "FIT", "BIZ", "WIZ", "MIU", "PIC", "SIT", "AIM", "KIT", "HIT", "BIT", "DIY", "VIP", "NIL"})


# --------------------------------------------------------------------------- social handles
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![A-Za-z0-9_@])")
# a service named with "@" and a word: "The @home service", "the @work scheme" (not "@nurse_bev77")
_SERVICE_AT_WORD = re.compile(
    r"(?i:\bthe[ ]+@(?:home|work|school|risk|hand|large)[ ]+(?:service|team|scheme|programme|project|clinic|hub))"
)
# Reddit-style "u/name" (and "/u/name").
_HANDLE_REDDIT = re.compile(r"(?<![A-Za-z0-9_.])/?u/[A-Za-z0-9_\-]{3,30}(?![A-Za-z0-9_\-])")
# A handle without "@" after a platform or "username" cue: "her insta is bev.cares", "on TikTok she is
# dancing.nurse.jo", "Snapchat (sarah_k99)", "username tomasz_carer84".
_HANDLE_CUE = re.compile(
    r"(?i)\b(?:handles?|user[ ]?names?|user[ ]?id|accounts?(?:[ ]names?)?|profiles?|insta|instagram|ig|tiktok|tik[ ]tok"
    r"|snapchat|snap|twitter|threads|bluesky|bsky|mastodon|discord|telegram|youtube|twitch|reddit|gamertag"
    r"|screen[ ]?name|roblox|minecraft|fortnite|xbox|psn|playstation|steam|whatsapp|signal|onlyfans|linkedin"
    r"|pinterest|tumblr|kik|wattpad|vinted|depop|facebook|fb|grindr|tinder|hinge|bumble|scruff|feeld|badoo"
    r"|hornet|dating[ ]app|display[ ]name|profile[ ]called|(?:the|a|his|her|their)[ ]name)\b"
    r"|\bLINE\b"
)
_HANDLE_WORD = re.compile(r"(?<![A-Za-z0-9_.@/])[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])(?![A-Za-z0-9_@/])")


# A chat message's sender written as a user name ("[21:05] kd.400x: u know who", "tyler.cr0: leave it"): a
# line-start label of letters and digits joined by "." or "_"
_HANDLE_SENDER = re.compile(
    r"(?m)^[ \t>]*(?:\[[^\]\n]{3,25}\][ \t]*(?:[\-\u2013][ \t]*)?)?(?P<h>(?=[A-Za-z0-9._]*[A-Za-z])"
    r"[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+_?)[ \t]*[:|][ \t]"
)
# a comment copied from a blog or a post, its writer's user name in bold: "**scrubsandsarcasm_kt**: this made me
# cry", "> **theatrecatNGH** - thank you"
_HANDLE_BOLD_LABEL = re.compile(
    r"(?m)^[ \t>]*\*\*(?P<h>[A-Za-z0-9][A-Za-z0-9._]{3,30})\*\*[ \t]*(?:\([^)\n]{0,40}\)[ \t]*)?(?::|[\-\u2013][ \t])"
)


# a user name alone opening a line, then ": " ("nursebev65: proud of you chick x", "sheffieldscrubbabe: I remember")
# (a table row copied from a chat, "kaiBH12 | i hate that …", labels its message with a bar)
_HANDLE_PLAIN_LABEL = re.compile(r"(?m)^[ \t>]*(?P<h>[a-z][A-Za-z_]{4,29}[0-9]{0,4})[ \t]*[:|][ \t]")


def _label_handle(word: str) -> bool:
    """A comment label that is a user name: handle-shaped, camel case or words run together."""
    return bool(_handle_shaped(word) or re.search(r"[a-z][A-Z]", word) or _unknown_word(word.rstrip("0123456789")))


def _unknown_word(word: str) -> bool:
    """``word`` (lower case, 6+ letters) is in no English word list: words run together ("sheffieldscrubbabe")."""
    if len(word) < 6 or not word.isalpha() or not word.islower():
        return False
    return zipf(word) == 0.0


# a word said to be a user name: "her username is nottsnurse", "gamertag: wolfie", "handle was derbydad"
_HANDLE_NAMED = re.compile(
    r"(?i:\b(?:user[ ]?name|gamer[ ]?tag|screen[ ]?name|display[ ]name|account[ ]name"
    r"|(?:his|her|their|my|your|insta|instagram|twitter|tiktok|x|social(?:[ ]media)?)[ ]+handle"
    # a game's or a chat app's account: "Steamname: OldManLogan", "PSN ID is kaiBH_07", "Discord tag = j0rd0"
    r"|steam[ ]?(?:name|id|account)|psn[ ](?:id|name)|xbox(?:[ ]live)?[ ](?:name|tag|gamertag)|discord[ ]?(?:name|tag"
    r"|id)|discord(?=[ ]*:)|roblox[ ]?(?:name|user)|epic[ ]?(?:games[ ])?(?:name|id)|twitch[ ]?name|online[ ]alias"
    r"|(?:online|game|gaming|chat)[ ]?name)s?)"
    r"(?:[ ]+(?:is|was|=|:)|[ ]*[:=])[ ]+[\"'\u201c\u2018]?(?P<h>[A-Za-z0-9_.]{3,30})(?<![.])"
)
_PLATFORM = (
    r"(?:insta(?:gram)?|ig|snap(?:chat)?|tik[ ]?tok|tick[ ]tock|twitter(?:/x)?|threads|bluesky|bsky|mastodon|twitch"
    r"|tumblr|be[ ]?real|reddit|pinterest|kik|telegram|youtube|yubo|wattpad|vinted|depop|onlyfans|soundcloud"
    r"|spotify|bandcamp|roblox|xbox|discord|fortnite|minecraft|x)"
)
_HANDLE_PART = (
    r"[A-Za-z0-9][A-Za-z0-9_]*(?:(?:[.\-]|[ ]\.[ ]|[ ](?i:dot|underscore)[ ])[A-Za-z0-9][A-Za-z0-9_]*){0,4}"
    r"(?:[ ](?i:oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?![A-Za-z])){0,3}"
    # a letter and digits said one by one: "kieran w 2 0 0 7"
    r"(?:[ ][a-z](?=[ ][0-9](?![0-9A-Za-z])))?(?:[ ][0-9](?![0-9A-Za-z])){0,6}"
)
_HANDLE_AFTER_PLATFORM = re.compile(
    rf"(?:(?i:\b{_PLATFORM})(?:[ ]*:[ ]*|(?:['\u2019]s|[ ]+(?i:is|was|as|handle(?:[ ]is)?|name(?:[ ]is)?))[ ]+)"
    rf"|(?i:\bon[ ]+(?:there|it|{_PLATFORM}|(?:a|the|his|her|their)[ ]+(?:server|game|forum|channel))[ ]+as[ ]+)"
    r"(?:(?i:at[ ](?:symbol|sign))[ ]+)?"
    # read out right after the platform: "message her on snapchat mai dot n eighty four"
    rf"|(?i:\bon[ ]+{_PLATFORM}[ ]+)(?=[A-Za-z0-9_]+[ ](?i:dot|underscore)[ ])"
    rf"|(?i:\bat[ ](?:symbol|sign))[ ]+)"
    rf"(?:@[ ]?)?(?P<h>{_HANDLE_PART})(?![A-Za-z0-9_@])"
)
_HANDLE_ONE_WORD = re.compile(
    rf"(?i:\b(?:{_PLATFORM}|gamer[ ]?tag|user[ ]?name|handle|account|name|e-?mail))(?:['\u2019]s|[ ]+(?:is|was))"
    r"(?:[ ,]+(?i:um|er|erm|uh|like))*[ ,]+"
    r"(?P<h>[a-z0-9]+(?:[ ][a-z0-9]+){1,5}),?[ ]+(?:it's[ ]+)?all[ ]+(?:one|1)[ ]+word"
)
# "online alias darkangel666 on the Yubo app", "gamertag xXSlayerXx": the account's name right after its label,
# no "is" between, when it is shaped like a user name
_HANDLE_LABEL_BARE = re.compile(
    r"(?i:\b(?:online[ ]alias|alias[ ]online|gamer[ ]?tag|steam[ ]?name|psn|discord|user[ ]?name|screen[ ]?name"
    r"|artist[ ]name|stage[ ]name|rap[ ]name|drill[ ]name))"
    r"[ ]+(?P<h>[A-Za-z0-9_.]{3,30})(?<![.])(?![A-Za-z0-9_@])"
)
_NOT_A_HANDLE = frozenset(
    {"the", "her", "his", "their", "not", "now", "still", "just", "also", "same", "different", "unknown", "private",
     "there", "here", "what", "something", "changed", "deleted", "blank", "none", "n/a", "this", "that", "on"}
)  # fmt: skip
# a user name said before its platform: "kayden.e17 on snap", "jaz_xo on insta"
_HANDLE_BEFORE_PLATFORM = re.compile(
    r"(?<![A-Za-z0-9_.@/])(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_]))[ ]+(?:(?:is|was)[ ]+)?"
    r"(?:on|from)[ ]+(?:snap|snapchat|insta|instagram|ig|tiktok|tt|twitter|x|threads|discord|telegram|kik|fb"
    r"|facebook|youtube|twitch|xbox|psn|roblox|reddit)\b",
    re.IGNORECASE,
)


_FILE_NAME_END = re.compile(
    r"(?i)\.(?:md|markdown|txt|csv|tsv|json|jsonl|ndjson|docx?|vtt|srt|pdf|xlsx?|html?|eml|msg|log|zip|png|jpe?g)$"
)


_UNDERSCORE_NAME = re.compile(
    r"(?<![A-Za-z0-9_.@/\\{$%<\[-])(?=[A-Za-z0-9_]*[a-z]{2})(?=[A-Za-z0-9_]*[A-Za-z]{3})[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+_?"
    r"(?![A-Za-z0-9_@/\\}>%\]-]|\.[A-Za-z0-9])"
    # a Discord tag: "ShadowFox#4471"
    r"|(?<![A-Za-z0-9_.@/#])[A-Za-z][A-Za-z0-9_.]{1,31}#[0-9]{4}(?![0-9A-Za-z])"
)
# the user name in a social link ("tiktok.com/@tyreekbandz/video/…"): where the text writes it bare, a handle
_URL_USER = re.compile(
    r"(?i)(?:tiktok|instagram|twitter|x|twitch|youtube|facebook|snapchat|threads|kick|linktr)\.(?:com|tv|net|ee)"
    r"/(?:add/)?@?(?P<user>[A-Za-z0-9_.]{3,30})(?<!\.)"
)


_CAMEL_BRANDS = frozenset(
    re.findall(
        r"[a-z]+",
        """whatsapp youtube tiktok linkedin powerpoint sharepoint onedrive facetime gofundme justgiving systmone
    snapchat facebook instagram playstation xbox minecraft roblox fortnite openai chatgpt bluesky mastodon
    onlyfans deliveroo justeat ubereats airbnb paypal mydentist myhealth accurx healthunlocked patientsknowbest
    emisweb nhsmail microsoftteams googlemeet lifeline carecall""",
    )
)


def _handle_shaped(word: str) -> bool:
    """True if ``word`` is written the way platforms allow and people do not write words.

    That is with "_" or an inner "." between letters, or letters and digits mixed ("sarah_k99",
    "bev.cares", "nursejo84").
    """
    if word.isupper() or re.fullmatch(r"(?:[A-Za-z]\.){1,3}[A-Za-z]?", word):  # "COVID19", "e.g", "i.e"
        return False
    if "_" in word:
        return True
    if re.fullmatch(r"(?:[A-Z][a-z]+){3,}[0-9]*", word):  # "HirstFamilyBarnsley" (a group or page name)
        return True
    # "SeafrontSteve", "RioBoyBTN": words run together, not a name with a prefix ("McDonald", "DeSouza")
    if re.fullmatch(r"(?:[A-Z][a-z]{2,}){2,}(?:[A-Z]{2,4}|[0-9]{1,4})?|(?:[A-Z][a-z]+){2,}[A-Z]{2,4}", word):
        return word.casefold() not in _CAMEL_BRANDS and not re.match(
            r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)[A-Z]", word
        )
    if re.search(r"[A-Za-z]\.[A-Za-z]", word) and not re.search(r"\.(?:com|org|uk|net|co|io|ee|me)$", word, re.I):
        return True
    if re.fullmatch(r"[a-z]{3,}[0-9]*\.(?=[a-z0-9]*[0-9])[a-z0-9]{2,}", word):  # "jaffa.0115", "deano.2k9"; not "ch.3"
        return True
    return bool(re.fullmatch(r"(?=.*[A-Za-z]{2})(?=.*[0-9])[A-Za-z0-9]{4,30}", word)) and not re.fullmatch(
        r"(?i)[0-9]+(?:st|nd|rd|th|am|pm|s|mg|ml|kg)|[A-Z]{1,4}[0-9]{1,2}", word
    )


# A user name read out (speech-to-text): "at jaz underscore gill underscore ninety nine", "bev dot cares
# underscore seventy": words joined by "underscore" (once at least), with "dot" too, and number words after
_SPOKEN_NUMBER_WORDS = frozenset(
    {"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
     "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "double", "treble"}
)  # fmt: skip
_SPOKEN_HANDLE = re.compile(
    r"(?i)(?<![A-Za-z0-9])(?:at[ ]+)?[a-z0-9]+(?:[ ]+(?:underscore|dot)[ ]+[a-z0-9]+)*[ ]+underscore[ ]+[a-z0-9]+"
    r"(?:[ ]+(?:underscore|dot)[ ]+[a-z0-9]+)*"
    r"(?:[ ]+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|double|treble))*(?![A-Za-z0-9])"
)


# "posted on Snapchat ('lewisachterb')": a user name quoted in brackets right after the platform
_QUOTED_AFTER_PLATFORM = re.compile(
    r"\b(?i:tiktok|insta|instagram|snap|snapchat|facebook|twitter|discord|youtube|twitch|telegram|wechat|threads"
    r"|bluesky|reddit|tinder|grindr|hinge|bumble|roblox|xbox|psn|steam|kik)[ ]*\([ ]*[\"'\u2018\u201c]"
    r"(?P<h>[A-Za-z0-9][A-Za-z0-9._]{3,29})[\"'\u2019\u201d][ ]*\)"
)
_ON_PLATFORM = re.compile(
    r"[ ]+(?i:on|from|via)[ ]+(?:(?i:the|her|his|their)[ ]+)?(?i:tiktok|tik[ ]tok|insta|instagram|snap|snapchat"
    r"|facebook|fb|twitter|discord|youtube|twitch|telegram|wechat|weibo|whatsapp|threads|bluesky|reddit|tinder"
    r"|grindr|hinge|bumble|roblox|xbox|psn|playstation|steam|kik|linkedin)\b"
)


def find_handles(text: str, first_name: Callable[[str], bool] | None = None) -> list[Finding]:
    """Find social-media handles.

    ``@nurse_bev77``, ``u/bleepholder_amir``, and user names after a platform or "username" cue in the
    same sentence (``insta is bev.cares``); e-mail addresses are not handles.
    """
    out = [
        Finding(m.start(), m.end(), "HANDLE", m.group(0).lower())
        for m in _HANDLE.finditer(text)
        if not _SERVICE_AT_WORD.search(text, max(0, m.start() - 8), m.end() + 12)
    ]
    out += [Finding(m.start(), m.end(), "HANDLE", m.group(0).lower()) for m in _HANDLE_REDDIT.finditer(text)]
    # a user name joined with "_" stands for itself anywhere in running text ("the seller (frenchies_by_lenny)"),
    # unless it names a file or a field ("risk_log.xlsx", "{first_name}")
    for m in _UNDERSCORE_NAME.finditer(text):
        word = m.group(0)
        # a field name ("story_id", "consent_to_quote") is lower-case letters only: a handle so written only
        # with a first name in it or alone in brackets
        plain = word.islower() and not any(c.isdigit() for c in word) and "#" not in word
        # in brackets: "the seller (frenchies_by_lenny)"; not a JSON key ("consent_to_quote": true)
        bracketed = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")" and m.start() > 0
        # "kielder_kev mentioned", not "story_id": ``first_name`` says which parts are first names (the name lists
        # live in the names module, which builds on this one)
        named = first_name is not None and any(len(p) >= 3 and first_name(p) for p in word.split("_"))
        # "She's destiny_mcd_x on the TikTok": a platform named after it
        on_platform = _ON_PLATFORM.match(text, m.end()) is not None
        if plain and not bracketed and not named and not on_platform:
            continue
        out.append(Finding(m.start(), m.end(), "HANDLE", word.lower()))
    for m in _QUOTED_AFTER_PLATFORM.finditer(text) if "(" in text else ():
        word = m.group("h")
        if re.search(r"[0-9._]", word) or zipf(word.lower()) < 3.5:  # not "on Snapchat ('again')"
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", word.lower()))
    for m in _HANDLE_SENDER.finditer(text):
        word = m.group("h")
        # not a time, a version or an abbreviation ("10.32", "v1.2", "e.g", "N.B"), nor a field's name
        # ("consent_to_quote:"): letters and a digit, or a dot between letters
        shaped = re.search(r"[0-9]", word) or re.search(r"[A-Za-z]\.[A-Za-z]", word)
        if _FILE_NAME_END.search(word):  # "bad_front_matter.md: front matter is not valid": a file, quoted
            continue
        if shaped and re.search(r"[A-Za-z]{2}", word) and not re.fullmatch(r"(?:[A-Za-z]\.){1,3}[A-Za-z]?", word):
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", word.lower()))
    # "**nursebev65**: proud of you", and the same once a Markdown reader dropped the bold: a commenter's user name
    for m in _HANDLE_BOLD_LABEL.finditer(text):
        if _label_handle(m.group("h")):
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", m.group("h").lower()))
    for m in _HANDLE_PLAIN_LABEL.finditer(text):
        word = m.group("h")
        if not re.search(r"[0-9]|[a-z][A-Z]", word) and len(word) < 10:
            continue  # without the bold, a plain lower-case label is a name or a heading unless long
        if "_" in word:  # "consent_to_quote:" is a field; "scrubsandsarcasm_kt:" is not
            found = any(_unknown_word(part.rstrip("0123456789")) for part in word.split("_"))
        else:
            found = _label_handle(word)
        if found:
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", word.lower()))
    # read out in words and said to be "all one word": "his gamertag is, um, dark dragon nine nine, all one word"
    for m in _HANDLE_ONE_WORD.finditer(text) if "one word" in text else ():
        out.append(Finding(m.start("h"), m.end("h"), "HANDLE", re.sub(r"\s+", "", m.group("h").lower())))
    for m in _HANDLE_NAMED.finditer(text):  # "her username is nottsnurse": said to be one, any shape
        word = m.group("h")
        if word.lower() not in _NOT_A_HANDLE and not word.isdigit():
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", word.lower()))
    for m in _HANDLE_LABEL_BARE.finditer(text):
        if _handle_shaped(m.group("h")) or re.search(r"[a-z][A-Z]", m.group("h")):
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", m.group("h").lower()))
    for m in _HANDLE_BEFORE_PLATFORM.finditer(text):
        if _handle_shaped(m.group("h")):
            out.append(Finding(m.start("h"), m.end("h"), "HANDLE", m.group("h").lower()))
    # after the platform's name and ":", "is" or "as": "Her Insta is kezzaaa", "Streams on Twitch as ghostlyfoxtv",
    # "Tumblr: softboy-aesthetics", "IG: @ jadeyy . h", "her snap is kayla dot mx", "at symbol big_dave_lfc"
    for m in _HANDLE_AFTER_PLATFORM.finditer(text):
        word = m.group("h")
        first = re.split(r"[ ]|[._\-]", word)[0].lower()
        read_out = " dot " in word.lower() or " " in word
        common = not read_out and zipf(word.lower()) >= 3.0 and not re.search(r"[0-9_.\-]", word)
        if first in _NOT_A_HANDLE or word.lower() in _NOT_A_HANDLE or common or (read_out and zipf(first) >= 5.0):
            continue
        if re.fullmatch(_MONTHS, word, re.IGNORECASE) or word.lower() in _DAY_WORDS or word.isdigit():
            continue
        out.append(Finding(m.start("h"), m.end("h"), "HANDLE", re.sub(r"\s+", "", word.lower())))
    users = {m.group("user").lower() for m in _URL_USER.finditer(text)} - _SOCIAL_GENERIC_FIRST
    for user in users:
        if len(user) >= 5 and not user.isdigit():
            for m in re.finditer(rf"(?<![A-Za-z0-9_.@/]){re.escape(user)}(?![A-Za-z0-9_@/])", text, re.IGNORECASE):
                out.append(Finding(m.start(), m.end(), "HANDLE", "@" + user))
    if "underscore" in text or "Underscore" in text:
        for m in _SPOKEN_HANDLE.finditer(text):
            said = re.sub(r"(?i)^at[ ]+", "", m.group(0))
            start = m.end() - len(said)
            # the joined words are a name's, not prose ("with an underscore between words")
            joined = re.split(r"(?i)[ ]+(?:underscore|dot)[ ]+", said)
            # (a letter or a number read out is no word of prose: "tyler dot m underscore oh seven")
            words = [w.split()[0] for w in joined if w.split()]
            if any(len(w) > 1 and w.lower() not in _SPOKEN_NUMBER_WORDS and zipf(w) >= 5.0 for w in words):
                continue
            out.append(Finding(start, m.end(), "HANDLE", re.sub(r"\s+", " ", said.lower())))
    # a handle listed with handles found ("@ewa_watcher1, @jankowska.e_, ewcia.love.2") is one too
    cues = list(_HANDLE_CUE.finditer(text)) + list(_HANDLE.finditer(text))
    for cue in sorted(cues, key=lambda c: c.start()):
        window_end = min(len(text), cue.end() + 60)
        stop = re.search(r"[!?](?:\s|$)|\.(?:\s|$)|\n", text[cue.end() : window_end])
        window = text[cue.end() : cue.end() + stop.start()] if stop else text[cue.end() : window_end]
        for m in _HANDLE_WORD.finditer(window):
            if _handle_shaped(m.group(0)):
                start = cue.end() + m.start()
                out.append(Finding(start, start + len(m.group(0)), "HANDLE", m.group(0).lower()))
    return _widest(out)


# --------------------------------------------------------------------------- spelled-out numbers
# the digit words, and what speech-to-text writes for a digit on a bad line, inside a run of digits only ("double
# oh to seven"; the regex below lets them stand only between digit words)
_SPOKEN_DIGIT_WORDS = {**_DIGIT_WORDS, "to": "2", "too": "2", "for": "4", "ate": "8", "won": "1"}
_NUM_TOKEN = (
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble|hundred|thousand"
    r"|[0-9]{1,5})"
)
# (a misheard digit only between digit words: "oh to seven", not "2025-01-01 to 2025-03-31")
_NUM_TOKEN_SOUNDS = (
    rf"(?:{_NUM_TOKEN}|(?<=[A-Za-z][ ])(?:to|too|for|ate|won)"
    r"(?=[ ](?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|triple)\b))"
)
# a run of digits said or typed: digits and digit words; inside it ("oh seven seven double oh... nine") also the
# words a digit is misheard as; a pause ("...") does not end it
_SPELLED = re.compile(
    rf"(?i)(?<![A-Za-z0-9])(?:{_NUM_TOKEN})(?:(?:[ ,\-]{{1,3}}|\.\.\.?[ ]?|\u2026[ ]?)(?:{_NUM_TOKEN_SOUNDS})){{3,24}}"
    r"(?![A-Za-z0-9])"
)
_SOUND_TAIL = re.compile(r"(?i)(?:[ ,.\-\u2026]+(?:to|too|for|ate|won))+$")


def _spelled_digits(value: str) -> str:
    digits: list[str] = []
    repeat = 1
    for tok in re.findall(r"[A-Za-z]+|[0-9]+", value.lower()):
        if tok in ("double", "triple", "treble"):
            repeat = 2 if tok == "double" else 3
            continue
        if tok in ("hundred", "thousand"):
            digits.append("00" if tok == "hundred" else "000")
            continue
        d = tok if tok.isdigit() else _SPOKEN_DIGIT_WORDS.get(tok, "")
        if d:
            digits.append(d[0] * repeat + d[1:])
        repeat = 1
    return "".join(digits)


_SPELLED_RECORD_CUE = re.compile(
    r"(?i)\b(?:number|no\.?|id|ref|reference|mrn|m\.?[ ]r\.?[ ]n|wristband|band|record|chart|pas|chi)\b"
    r"[^.!?\n0-9]{0,25}$"
)


def find_spelled_numbers(text: str) -> list[Finding]:
    """Find phone and NHS numbers written partly or wholly in words.

    "oh seven seven double oh, nine hundred…" style runs of digit words (zero/oh/nought, one … nine,
    double, triple) and digit groups are turned into digits; at least one word is required (plain
    digit runs are the other recognisers' job). A valid NHS number (mod 11) is an NHS_NUMBER, a UK
    phone number a PHONE; any other run of 9 or more digits is taken as a PHONE too (an identifier
    read out to someone is personal).
    """
    out: list[Finding] = []
    for m in _SPELLED.finditer(text):
        value = _SOUND_TAIL.sub("", m.group(0))  # "… seven six to": a last "to" is the word
        tokens = re.findall(r"[A-Za-z]+|[0-9]+", value)
        worded = any(len(t) >= 3 and t.isalpha() for t in tokens)
        if len(tokens) < 6 and (len(_spelled_digits(value)) < 10 or not worded):
            continue  # a short run: only a whole phone or NHS number with digit groups ("07700 nine hundred 146")
        if not re.search(r"[A-Za-z]", value):
            # digits read out one by one and typed so ("0 7 7 0 0, 9 0 0 1 2 3"): a phone or NHS number
            single = re.findall(r"[0-9]+", value)
            digits = "".join(single)
            one_by_one = len(single) >= 9 and all(len(d) == 1 for d in single)
            if one_by_one and len(digits) in (10, 11) and is_valid_nhs_number(digits):
                out.append(Finding(m.start(), m.start() + len(value), "NHS_NUMBER", digits))
            elif one_by_one and len(digits) in (10, 11, 12) and digits.startswith(("0", "44")):
                out.append(Finding(m.start(), m.start() + len(value), "PHONE", normalise_uk_phone(digits) or digits))
            continue
        digits = _spelled_digits(value)
        if 5 <= len(digits) < 9:
            # a record number read out after its cue: "hospital number four four zero nine one two eight"
            before = text[max(0, m.start() - 40) : m.start()]
            if _SPELLED_RECORD_CUE.search(before):
                out.append(Finding(m.start(), m.start() + len(value), "HOSPITAL_NUMBER", digits))
            continue
        if len(digits) < 9:
            continue
        if len(digits) == 10 and is_valid_nhs_number(digits):
            out.append(Finding(m.start(), m.start() + len(value), "NHS_NUMBER", digits))
        else:
            out.append(Finding(m.start(), m.start() + len(value), "PHONE", normalise_uk_phone(digits) or digits))
    # read out in Welsh: "dim saith saith dim dim, naw dim dim, un dau tri" (nine digits or more)
    for m in _WELSH_DIGIT_RUN.finditer(text) if "dim" in text.lower() or " naw" in text.lower() else ():
        digits = "".join(_WELSH_DIGITS[w.lower()] for w in re.findall(r"[A-Za-z]+", m.group(0)))
        if len(digits) == 10 and is_valid_nhs_number(digits):
            out.append(Finding(m.start(), m.end(), "NHS_NUMBER", digits))
        elif len(digits) in (10, 11) and normalise_uk_phone(digits):
            out.append(Finding(m.start(), m.end(), "PHONE", normalise_uk_phone(digits) or digits))
    return out


_WELSH_DIGITS = {
    "dim": "0", "un": "1", "dau": "2", "dwy": "2", "tri": "3", "tair": "3", "pedwar": "4", "pedair": "4", "pump": "5",
    "chwech": "6", "saith": "7", "wyth": "8", "naw": "9",
}  # fmt: skip
_WELSH_DIGIT_RUN = re.compile(
    r"(?i)(?<![A-Za-z])(?:dim|un|dau|dwy|tri|tair|pedwar|pedair|pump|chwech|saith|wyth|naw)"
    r"(?:[ ,\-]{1,3}(?:dim|un|dau|dwy|tri|tair|pedwar|pedair|pump|chwech|saith|wyth|naw)){8,11}(?![A-Za-z])"
)


# --------------------------------------------------------------------------- codes read out
# Letters read out in the NATO alphabet or by their names, digits in words, "X for X-ray": a postcode,
# a registration, an NI number or a name spelt to a call-taker ("L-S-8, 3-H-X", "yankee kilo one nine,
# zulu x-ray romeo", "en bee seven seven, three one, oh five, D", "Y for yankee, U for uniform").
_NATO = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
    "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
    "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
    "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X",
    "yankee": "Y", "zulu": "Z",
}  # fmt: skip
_LETTER_NAMES = {
    "ay": "A", "bee": "B", "cee": "C", "dee": "D", "ee": "E", "ef": "F", "eff": "F", "gee": "G", "aitch": "H",
    "haitch": "H", "jay": "J", "kay": "K", "el": "L", "em": "M", "en": "N", "pee": "P", "cue": "Q", "kew": "Q",
    "ar": "R", "ess": "S", "tee": "T", "vee": "V", "ex": "X", "zed": "Z", "zee": "Z",
}  # fmt: skip
_SPOKEN_DIGITS = {
    "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
_READ_TOKEN = re.compile(r"x-ray|[A-Za-z]+|[0-9]+")
_HYPHEN_SPELT = re.compile(
    r"(?<![A-Za-z0-9\-])(?:[A-Za-z0-9]-){1,7}[A-Za-z0-9](?:,?[ ]+(?:[A-Za-z0-9]-){1,7}[A-Za-z0-9])?(?![A-Za-z0-9\-])"
)


_SPOKEN_TENS = {
    "twenty": "2",
    "thirty": "3",
    "forty": "4",
    "fifty": "5",
    "sixty": "6",
    "seventy": "7",
    "eighty": "8",
    "ninety": "9",
}
_UNIT_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


# A token of a code read out ("A 7 7 2 1 D J", "DK fourteen RWN", "HSG slash twenty four"): a NATO word, a
# letter's name, a digit word, a tens word, "oh", "slash" (these words), digits, a letter, or a few capitals
# typed together.
_READ_WORDS = frozenset([*_NATO, *_LETTER_NAMES, *_SPOKEN_DIGITS, *_SPOKEN_TENS, "oh", "slash"])


def _decode_run(tokens: list[str], typed: bool = False) -> list[str]:
    """Readings of a run of read-out tokens; "oh" is both 0 and O; "twenty four" is 24, "slash" a "/".

    ``typed`` (the run follows what it is, "postcode is …"): the words a letter or a digit is misheard as count
    ("see" C, "are" R, "ate" 8), and "double oh" is two.
    """
    readings = [""]
    k = 0
    repeat = 1
    while k < len(tokens):
        tok = tokens[k]
        low = tok.lower()
        k += 1
        options: list[str]
        if typed and low in ("double", "treble", "triple"):
            repeat = 2 if low == "double" else 3
            continue
        if typed and low in _SOUNDS:
            options = [_SOUNDS[low]]
        elif low in _SPOKEN_TENS:
            unit = tokens[k].lower() if k < len(tokens) else ""
            options = [_SPOKEN_TENS[low] + (_SPOKEN_DIGITS[unit] if unit in _UNIT_WORDS else "0")]
            k += unit in _UNIT_WORDS
        elif low == "slash":
            options = ["/"]
        elif 2 <= len(tok) <= 3 and tok.isupper() and tok.isalpha():
            options = [tok]
        elif low in _NATO:
            options = [_NATO[low]]
        elif low == "oh":
            options = ["0", "O"]
        elif low in _SPOKEN_DIGITS:
            options = [_SPOKEN_DIGITS[low]]
        elif low in _LETTER_NAMES:
            options = [_LETTER_NAMES[low]]
        elif tok.isdigit() or (len(tok) == 1 and tok.isalpha()):
            options = [tok.upper()]
        else:
            return []
        options = [o * repeat for o in options]
        repeat = 1
        readings = [r + o for r in readings for o in options][:16]
    return readings


# the words speech-to-text writes for a letter or a digit read out ("el why ate six three to ate five bee"): only
# in a run that follows what it is
_SOUNDS = {
    "see": "C", "sea": "C", "are": "R", "why": "Y", "queue": "Q", "you": "U", "be": "B", "tea": "T", "eye": "I",
    "pea": "P", "elle": "L", "ate": "8", "to": "2", "too": "2", "for": "4", "won": "1",
}  # fmt: skip
# what a code read out is said to be, just before it: a date of birth, a handle, an NI number, a postcode, a car
_TYPED_CUE = re.compile(
    r"(?i:\b(?:(?P<dob>d\.?[ ]o\.?[ ]b|dob|date[ ]of[ ]birth|birthday|birth[ ]date)"
    r"|(?P<handle>snap(?:chat)?|insta(?:gram)?|tik[ ]?tok|tick[ ]tock|twitter|handle|username|user[ ]name"
    r"|gamertag|discord|twitch|tumblr)"
    r"|(?P<code>national[ ]insurance|nino|ni[ ](?:no|number)|post[ ]?code|prison[ ](?:no|number)|crn"
    r"|hospital[ ](?:id[ ])?(?:no|number)|hosp[ ]no|mrn|unit[ ]number|case[ ]number)"
    r"|(?P<car>reg(?:istration)?|number[ ]plate|plate|car|vehicle|van|motorbike))\b)[^.!?\n]{0,20}$"
)


def _classify_typed(value: str, typed: str) -> str | None:
    """A reading after a date of birth's or a handle's cue: "two one zero nine eight four", "lima india …"."""
    if typed == "dob" and value.isdigit() and 4 <= len(value) <= 8 and not _YEAR.fullmatch(value):
        return "DATE_OF_BIRTH"
    if typed == "handle" and len(value) >= 4 and re.fullmatch(r"[A-Z0-9]+", value) and re.search(r"[A-Z]", value):
        return "HANDLE"
    if typed == "car" and re.fullmatch(r"[A-Z]{2,3}[0-9]{1,4}|[A-Z]{2}[0-9]{2}[A-Z]{3}", value):
        return "VEHICLE_REG"  # a Northern Irish or a current plate read out after "her car, a silver Yaris,"
    return None


def _classify_reading(value: str, cued: bool = False) -> str | None:
    """What a code read out is: a postcode, an NI number, a registration, a prison number, or none.

    After an identifier's cue ("CRN", "prison number", "application is under") any code of letters and five
    or more digits is a record number ("D482917", "HSG/24/01192").
    """
    if "/" not in value:
        if _POSTCODE_UPPER.fullmatch(value) or _POSTCODE_UPPER.fullmatch(value[:-3] + " " + value[-3:]):
            return "POSTCODE"
        if _NI.fullmatch(value) and value[-1:].isalpha():
            return "NI_NUMBER"
        if _REG_CURRENT.fullmatch(value):
            return "VEHICLE_REG"
        if _PRISON_NUMBER.fullmatch(value):  # "A 7 7 2 1 D J"
            return "HOSPITAL_NUMBER"
    digits = sum(c.isdigit() for c in value)
    if cued and digits >= 5 and re.fullmatch(r"[A-Z]{0,4}/?[0-9/]+[A-Z]{0,2}", value):
        return "HOSPITAL_NUMBER"
    return None


# a cue shortly before a code read out that makes it an identifier
_READ_OUT_CUE = re.compile(
    r"(?i:\b(?:ref|reference|number|no|crn|id|application|account|case|claim|prison|custody|probation|record))\b"
    r"[^.\n]{0,25}$"
)


_CAPITAL = re.compile(r"[B-HJ-Z]")


def _read_out_window(run: list[tuple[int, int, str]], text: str = "", typed: str = "") -> Finding | None:
    """The longest stretch of a run of read-out tokens that reads as a code ("at S Y two five, six H J").

    With ``text``, a stretch right after an identifier's cue ("CRN D four eight …") may be any record code.
    """
    cues = [bool(text) and _READ_OUT_CUE.search(text, max(0, start - 40), start) is not None for start, _, _ in run]
    for size in range(min(len(run), 12), 2, -1):
        for a in range(len(run) - size + 1):
            part = run[a : a + size]
            if part[0][2].lower() == "slash" or part[-1][2].lower() == "slash":
                continue
            if typed and part[-1][2].lower() in _SOUNDS and part[-1][2].lower() not in ("see", "are", "why", "bee"):
                continue  # "… five bee" ends a code, "… five to" does not
            for reading in _decode_run([t for _, _, t in part], bool(typed)):
                # ("… one seven, I'll email": a last "I" or "A" is a word, not a check letter)
                kind = _classify_reading(reading, cues[a] and part[-1][2] not in ("I", "A", "a"))
                if kind is None and typed in ("dob", "handle", "car") and a == 0:
                    kind = _classify_typed(reading, typed)
                if kind:
                    return Finding(part[0][0], part[-1][1], kind, reading)
    return None


def find_read_out_codes(text: str) -> list[Finding]:
    """Postcodes, registrations and NI numbers read out letter by letter, and names spelt with "X for …"."""
    out: list[Finding] = []
    # runs of tokens that are NATO words, letter names, digit words, digits or single letters
    tokens = [(m.start(), m.end(), m.group(0)) for m in _READ_TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        j = i
        run: list[tuple[int, int, str]] = []
        # what the run is said to be, right before it ("postcode is el ess six …", "d o b as two one …")
        cue = _TYPED_CUE.search(text, max(0, tokens[i][0] - 40), tokens[i][0])
        typed = next((k for k, v in cue.groupdict().items() if v), "") if cue else ""
        while j < len(tokens):
            start, end, tok = tokens[j]
            if run and not re.fullmatch(r"[ ,\-]{1,3}", text[run[-1][1] : start]):
                break
            low = tok.lower()
            said = typed and (low in _SOUNDS or low in ("double", "treble", "triple"))
            if low in _READ_WORDS or tok.isdigit() or (len(tok) <= 3 and tok.isupper()) or len(tok) == 1 or said:
                # (tokens are letters only, digits only or "x-ray": three capitals or fewer are letters typed)
                run.append((start, end, tok))
                j += 1
            else:
                break
        # letters read out: NATO words, letter names, or capitals typed one by one ("S Y two five, six H J");
        # "A" and "I" are words too; after what the code is, letters in lower case and letters' sounds too
        spoken = sum(
            1
            for _, _, t in run
            if t.lower() in _NATO
            or t.lower() in _LETTER_NAMES
            or _CAPITAL.fullmatch(t)
            or (t.isupper() and len(t) > 1)
            or (typed and (t.lower() in _SOUNDS and t.isalpha() and _SOUNDS[t.lower()].isalpha()))
            or (typed and len(t) == 1 and t.isalpha() and t not in "aiAI")
        )
        if typed == "dob" and len(run) >= 3:
            spoken = max(spoken, 2)  # a date of birth read out is digits only
        # after an identifier's cue one letter is enough ("CRN D four eight two nine one seven")
        cued = (
            3 <= len(run) <= 40
            and spoken == 1
            and any(_READ_OUT_CUE.search(text, max(0, st - 40), st) is not None for st, _, _ in run[:2])
        )
        if 3 <= len(run) <= 40 and (spoken >= 2 or cued):  # longer: a table of numbers
            # after an identifier's cue ("CRN D four …") a window may be any record code
            cue_near = cued or any(_READ_OUT_CUE.search(text, max(0, st - 40), st) is not None for st, _, _ in run[:2])
            found = _read_out_window(run, text if cue_near else "", typed)
            if found is not None:
                out.append(found)
        i = max(j, i + 1)
    # "L-S-8, 3-H-X": characters joined by hyphens
    for m in _HYPHEN_SPELT.finditer(text):
        reading = re.sub(r"[^A-Za-z0-9]", "", m.group(0)).upper()
        kind = _classify_reading(reading)
        if kind and not any(f.start <= m.start() and m.end() <= f.end for f in out):
            out.append(Finding(m.start(), m.end(), kind, reading))
    # "Y for yankee, U for uniform, K for kilo": a name spelt out
    for m in _FOR_SPELT.finditer(text):
        letters = re.findall(r"\b([A-Za-z])[ ]+for[ ]+", m.group(0))
        out.append(Finding(m.start(), m.end(), "PERSON", "".join(letters).lower()))
    return out


_FOR_SPELT = re.compile(
    r"(?<![A-Za-z])[A-Za-z][ ]+for[ ]+[A-Za-z\-]+(?:[ ,]+(?:and[ ]+)?[A-Za-z][ ]+for[ ]+[A-Za-z\-]+){2,}"
)


# --------------------------------------------------------------------------- identifiers beside a name
# "Bed one Mr Mathias, TO 21 97 33, antibiotics stopped", "Ali Khan (RXH 440912)": a code of six or more
# digits (letters before it, one after) right after a person's name is that person's record number.
_ID_AFTER_NAME = re.compile(
    r"[ ]*(?:,|\(|-|\u2013|:)[ ]*(?P<id>(?:[A-Z]{1,4}[ ]?)?[0-9](?:[ \-]?[0-9]){5,11}[A-Z]?)(?![A-Za-z0-9])"
    # unit codes in capitals and a year-numbered record: "Leonor Carvalho SBU NNU 25-0017"
    r"|[ ]+(?P<unit_id>(?:[A-Z]{2,5}[ ]){1,3}[0-9]{2}[\-/][0-9]{3,6})(?![A-Za-z0-9])"
)


_DATE_SHAPED = re.compile(r"[0-9]{4}[ \-][0-9]{1,2}[ \-][0-9]{1,2}|[0-9]{1,2}[ \-][0-9]{1,2}[ \-][0-9]{2,4}")


def ids_after_names(text: str, persons: Iterable[Finding]) -> list[Finding]:
    """Record numbers written right after a person's name, without a cue word."""
    out: list[Finding] = []
    for p in persons:
        m = _ID_AFTER_NAME.match(text, p.end)
        if m is None:
            continue
        group = "id" if m.group("id") else "unit_id"
        if not _DATE_SHAPED.fullmatch(m.group(group)):
            out.append(Finding(m.start(group), m.end(group), "HOSPITAL_NUMBER", re.sub(r"[ \-]", "", m.group(group))))
    return out


# --------------------------------------------------------------------------- labelled codes
# A value right after a label that says what it is, written in a shape the type's own finder does not take: masked
# ("434 *** 6711", "XXX XXX 2685", "KY ** ** 65 A", "07*** ***471", "MRN ****8715"), typed with a letter O for a
# zero ("o7700 900 515", "PC7719O4A"), with a dash in a postcode ("BT9-6AD") or as a referral's twelve digits
# ("UBRN 0001 2345 6789"). What a person can still be found by is personal data too.
_CODE_LABELS: tuple[tuple[str, str], ...] = (
    ("NHS_NUMBER", r"nhs[ ]?(?:no\.?|number|num|#)|nhs(?=[ ]*:)|nhs(?=[ ]+(?:[xX]{3}|\*{3}))"),
    ("NI_NUMBER", r"nino|n\.?i\.?[ ]?(?:no\.?|number|#)|national[ ]insurance(?:[ ](?:no\.?|number))?"),
    (
        "HOSPITAL_NUMBER",
        r"mrn|hosp(?:ital)?\.?[ ]?(?:no\.?|number|#)|ubrn|chi[ ]?(?:no\.?|number)|h&c[ ]?(?:no\.?|number)"
        r"|(?:maternity|unit|pas|rio|emis|systmone|case|client|patient|referral|record|clinic)[ ]?"
        r"(?:no\.?|number|id|ref)"
        # a death's or an incident's review and a police log name one person ("PMRT number 91844", "Police log
        # 13250098812", "crime ref 47/1234/25")
        r"|pmrt(?:[ ](?:no\.?|number|id|ref))?|mnsi(?:[ ](?:no\.?|number|ref))?|police[ ](?:log|ref(?:erence)?)"
        r"(?:[ ](?:no\.?|number))?|crime[ ](?:no\.?|number|ref(?:erence)?)|cad[ ](?:no\.?|number|log)"
        r"|(?:incident|log|custody|prison|warrant)[ ](?:no\.?|number|ref)"
        # an asylum seeker's or a resettled family's Home Office references ("His ARAP reference is 2023/118402")
        r"|(?:arap|nass|home[ ]office|ho|uan|gwf|port|asylum|brp|arc|cid)[ ](?:ref(?:erence)?|no\.?|number|id)",
    ),
    ("PHONE", r"(?:mob(?:ile)?|tel|phone|callback|call[ ]back|contact)[ ]?(?:no\.?|number|#)?"),
    ("POSTCODE", r"post[ ]?code"),
)
_LOOSE_POSTCODE = re.compile(r"[A-Za-z0-9](?:[ ]{0,3}[.\-]?[ ]{0,2}[A-Za-z0-9]){4,7}")
_AS_LETTER = str.maketrans("015728", "OISTZB")
_AS_DIGIT = str.maketrans("OILS", "0115")


def _loose_postcode(text: str, start: int) -> tuple[int, str] | None:
    """A postcode right after its label however it is typed: "bs5.6qe", "le2  0 qt", "S015 1GH", "CH5 4H7".

    The longest run of letters and digits (with spaces, dots or dashes between) that, with a digit misread for a
    letter or a letter for a digit in the inward part or the area, is a postcode: (end, key).
    """
    m = _LOOSE_POSTCODE.match(text, start)
    if m is None:
        return None
    run = m.group(0)
    for stop in range(len(run), 4, -1):
        part = run[:stop]
        if not part[-1].isalnum() or (stop < len(run) and run[stop].isalnum()):
            continue
        compact = re.sub(r"[ .\-]", "", part).upper()
        if not 5 <= len(compact) <= 7 or not any(c.isdigit() for c in compact[:-3]):
            continue
        outward, inward = compact[:-3], compact[-3:]
        inward = inward[0].translate(_AS_DIGIT) + inward[1:].translate(_AS_LETTER)
        outward = outward[0].translate(_AS_LETTER) + outward[1:]
        if len(outward) >= 3 and outward[1] == "0" and outward[2].isdigit():
            outward = outward[0] + "O" + outward[2:]  # "S015": SO15
        if _POSTCODE_ANYCASE.fullmatch(f"{outward} {inward}"):
            return start + stop, outward + inward
    return None


_CODE_LABEL = re.compile(
    r"(?i:\b(?:" + "|".join(f"(?P<k{i}>{alt})" for i, (_, alt) in enumerate(_CODE_LABELS)) + r"))"
    r"(?![A-Za-z])[ \t]*(?:[:=#\-\u2013]+[ \t]*)?(?:(?:is|was|of|as|ending(?:[ ]in)?|ends(?:[ ]in)?)[ \t]+)?"
)
_ENDING = re.compile(r"(?i)\bend(?:ing|s)(?:[ ]in)?[ \t]*$")
# "His case number at the county court is K00BP412": a few words between the label and "is"
_CODE_LABEL_GAP = re.compile(r"[ ]*[a-z][a-z']{1,14}(?:[ ]+[a-z][a-z']{1,14}){0,5}?[ ]+(?:is|was)[ ]+")
_CODE_TOKEN = re.compile(r"[0-9A-Za-z*?#]+")
_MASK = re.compile(r"[*?#]|(?<![A-Za-z])[xX]{2,}(?![A-Za-z])")


def _code_tokens(text: str, start: int) -> tuple[int, int, int, int] | None:
    """The code that starts at ``start``: (start, end, digits, masked characters), tokens joined by one separator.

    A token holds a digit or a mask, or is a short capital prefix first ("KY", "BT9"), or one check letter after
    digits ("65 A"); any other word ends the code.
    """
    pos, end, digits, masks, n = start, start, 0, 0, 0
    while True:
        m = _CODE_TOKEN.match(text, pos)
        if m is None:
            break
        tok = m.group(0)
        d = sum(c.isdigit() for c in tok)
        k = len(_MASK.findall(tok)) + (len(tok) if re.fullmatch(r"[xX]{2,}", tok) else 0)
        o_digits = re.fullmatch(r"[0-9oO]+", tok) is not None and d >= 1 and len(tok) >= 2  # "9OO", "o7700", "4O"
        mixed = re.fullmatch(r"[A-Z]{1,3}[0-9oO]{2,}[A-Z0-9oO]*", tok) is not None and d >= 2  # "PC7719O4A", "BT9"
        prefix = n == 0 and re.fullmatch(r"[A-Z]{1,4}", tok) is not None
        # one letter after digits ends a code ("56 77 C"), where no sentence ends before it (". I went")
        check = n > 0 and digits > 0 and re.fullmatch(r"[A-Za-z]", tok) is not None and text[pos - 2 : pos] != ". "
        if not (d or k or o_digits or mixed or prefix or check):
            break
        digits += d + (tok.count("o") + tok.count("O") if o_digits or mixed else 0)
        masks += k
        end, n = m.end(), n + 1
        # one separator: a space, a dash or slash with spaces round it, or a dot inside the code ("12.34")
        sep = re.match(r"[ ]?[\-/][ ]?|\.(?=[0-9A-Za-z*?#])|[ ]", text[end : end + 3])
        nxt = end + (sep.end() if sep else 0)
        if nxt == end and n > 0:
            break
        pos = nxt
    if n == 0:
        return None
    # a trailing prefix-like word is not part of the code ("07700 900515 PLS")
    return start, end, digits, masks


def find_labelled_codes(text: str) -> list[Finding]:
    """Values after a label of their type that the type's own finder cannot read (see ``_CODE_LABELS``)."""
    out: list[Finding] = []
    for m in _CODE_LABEL.finditer(text):
        kind = next(_CODE_LABELS[int(g[1:])][0] for g, v in m.groupdict().items() if v is not None)
        found = _code_tokens(text, m.end())
        gap = _CODE_LABEL_GAP.match(text, m.end()) if found is None and kind == "HOSPITAL_NUMBER" else None
        if gap is not None and re.match(
            r"(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,14}\b", text[gap.end() :]
        ):
            found = _code_tokens(text, gap.end())  # a code of letters and digits only, after a gap
        if found is None:
            continue
        start, end, digits, masks = found
        if kind == "POSTCODE" and (loose := _loose_postcode(text, start)) is not None:
            out.append(Finding(start, loose[0], kind, loose[1]))
            continue
        value = text[start:end]
        if kind == "POSTCODE":
            ok = re.fullmatch(r"(?i:[A-Z]{1,2}[0-9][A-Z0-9]?)[ ]?[\-/][ ]?(?i:[0-9][A-Z]{2})", value) is not None
            # "CH65 9?N": a part unclear on a handwritten form
            ok = ok or re.fullmatch(r"(?i:[A-Z]{1,2}[0-9][A-Z0-9]?)[ ]?[0-9?*][A-Z?*]{2}", value) is not None
        elif kind == "NI_NUMBER":
            ok = digits + masks >= 6 and re.match(r"[A-Za-z*]{2}", value) is not None
        elif _ENDING.search(m.group(0)):
            ok = digits >= 3  # "mobile ending 0849", "hosp no ending 5260": what a person can be found by
        else:
            alnum = re.sub(r"[^0-9A-Za-z*?#]", "", value)
            # a record number of letters and digits ("K00BP412", "DN00412X") is shorter than a masked phone
            lettered = re.search(r"[A-Za-z]", alnum) is not None
            record = kind == "HOSPITAL_NUMBER" and (digits >= 5 or (lettered and len(alnum) >= 6))
            ok = digits >= 3 and (digits + masks >= 7 or record)
            ok = ok and not re.fullmatch(r"(?:19|20)[0-9]{2}[ ]?[/\-][ ]?[0-9]{2}", value)  # "2024/25": a year
        if ok:
            out.append(Finding(start, end, kind, re.sub(r"[\s\-./]", "", value.lower())))
    # a masked mobile without a label ("sent to 07*** ***471", "+44 7*** ***471") or a UK mobile written with its
    # country code and no plus ("added: 447700900616")
    for m in _MASKED_MOBILE.finditer(text):
        out.append(Finding(m.start(), m.end(), "PHONE", re.sub(r"[\s\-]", "", m.group(0))))
    for m in _OWN_EXTENSION.finditer(text):
        out.append(Finding(m.start("v"), m.end("v"), "PHONE", m.group("v").lower()))
    for m in _PO_BOX.finditer(text):
        if _ORG_BEFORE_BOX.search(text, max(0, m.start() - 40), m.start()):
            continue  # "return forms to the trust at PO Box 1234": an organisation's box
        out.append(Finding(m.start(), m.end(), "ADDRESS", m.group(0).lower()))
    # eleven to thirteen digits in one run that no phone starts as: an identity or record number ("It's
    # 1990512245031. That is the Romanian personal number", "Police log 13250098812")
    for m in _LONG_DIGIT_ID.finditer(text):
        if not m.group(0).startswith("44"):
            out.append(Finding(m.start(), m.end(), "HOSPITAL_NUMBER", m.group(0)))
    return out


_LONG_DIGIT_ID = re.compile(r"(?<![0-9A-Za-z+\u00a3$\u20ac.,/\-])[1-9][0-9]{10,12}(?![0-9]|[.,][0-9])")


_MASKED_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+*])(?:(?:\+44[ ]?|0)7[0-9*]{0,3}\*[0-9*]*[ \-]?[0-9*]{3,6}[0-9](?![0-9])"
    r"|447[0-9]{9}(?![0-9])"
    # a mobile typed from a form with a letter O for a zero ("07700 9OO 419", "o7700 900 515")
    r"|(?=[0-9oO]{5}[ ]?[0-9oO]{3}[ ]?[0-9oO]{3}(?![0-9A-Za-z]))(?=[^ ]*[oO]|[0-9oO]{5}[ ]?[0-9]*[oO])"
    r"[0oO]7[0-9oO]{3}[ ]?[0-9oO]{3}[ ]?[0-9oO]{3}(?![0-9A-Za-z]))"
)
# a staff member's own extension ("reach me on x4417", "my ext. 4417"): not a ward's or a bleep
_OWN_EXTENSION = re.compile(
    r"(?i:\b(?:me[ ]on|my|her|his|direct(?:[ ]line)?))[ ]+(?P<v>(?i:ext\.?[ ]?|extension[ ]|x)[0-9]{4,5})\b"
)
# a post office box, as a refuge's or a person's address is given ("mail via PO Box 4471 only")
_ORG_BEFORE_BOX = re.compile(
    r"(?i:\b(?:trust|council|team|service|office|department|hospital|practice|company|charity|HMRC|DWP|board"
    r"|tribunal|court|freepost|authority|agency|centre|clinic|headquarters|HQ)\b)[^.\n]{0,20}$"
)
_PO_BOX = re.compile(r"\b(?:P\.?[ ]?O\.?[ ]?Box|PO[ ]?box|p\.?o\.?[ ]box)[ ]+[0-9]{2,6}\b")


# --------------------------------------------------------------------------- table columns
# A table in a story (Markdown, or a DOCX table read as "a | b | c" lines) whose header names a column's type:
# every cell of that column is a value of the type ("| Baby | DOB | Postcode |" … "| Rishi Das | 26.01.2025 |").
_COLUMN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?i:{alt})"))
    for kind, alt in (
        ("DATE_OF_BIRTH", r"d\.?[ ]?o\.?[ ]?b\.?|date[ ]of[ ]birth|birth[ ]?date|born|birthday"),
        ("NHS_NUMBER", r"nhs(?:[ ]?(?:no\.?|number|num|#))?"),
        ("NI_NUMBER", r"nino|ni[ ]?(?:no\.?|number)|national[ ]insurance(?:[ ](?:no\.?|number))?"),
        (
            "HOSPITAL_NUMBER",
            r"mrn|hosp(?:ital)?\.?[ ]?(?:no\.?|number|id)|chi(?:[ ]?(?:no\.?|number))?|h&c(?:[ ]?(?:no\.?|number))?"
            r"|(?:case|client|record|referral|unit|pas|rio|emis|patient|crime|police|incident)[ ]?(?:no\.?|number|id"
            r"|ref(?:erence)?)",
        ),
        ("PHONE", r"(?:tel|telephone|phone|mobile|mob|contact)(?:[ ]?(?:no\.?|number|#))?"),
        ("POSTCODE", r"post[ ]?code"),
    )
)
_TABLE_LINE = re.compile(r"(?m)^[^\n|]*\|[^\n]*\|[^\n]*$")
_TABLE_RULE = re.compile(r"^[\s|:\-+]+$")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of the table line ``text[start:end]``: (start, end) of each stripped cell, in order."""
    out: list[tuple[int, int]] = []
    line = text[start:end]
    bounds = [-1] + [i for i, c in enumerate(line) if c == "|"] + [len(line)]
    for a, b in itertools.pairwise(bounds):
        cell = line[a + 1 : b]
        lead = len(cell) - len(cell.lstrip())
        out.append((start + a + 1 + lead, start + a + 1 + len(cell.rstrip())))
    if line.lstrip().startswith("|"):
        out = out[1:]
    if line.rstrip().endswith("|"):
        out = out[:-1]
    return out


def find_table_columns(text: str) -> list[Finding]:
    """Cells under a header that names their type (see ``_COLUMN_KINDS``), with digits in them."""
    if text.count("|") < 4:
        return []
    out: list[Finding] = []
    header: list[str | None] | None = None
    last_end = -2
    for m in _TABLE_LINE.finditer(text):
        if m.start() != last_end + 1:  # a new table
            header = None
        last_end = m.end()
        if _TABLE_RULE.match(m.group(0)):
            continue
        cells = _cells(text, m.start(), m.end())
        if header is None:
            header = [
                next((k for k, rx in _COLUMN_KINDS if rx.fullmatch(text[a:b].strip("*_ :"))), None) for a, b in cells
            ]
            continue
        for kind, (a, b) in zip(header, cells, strict=False):
            value = text[a:b]
            if kind is None or not value:
                continue
            digits = sum(c.isdigit() for c in value)
            if digits >= (4 if kind in ("DATE_OF_BIRTH", "HOSPITAL_NUMBER") else 1 if kind == "POSTCODE" else 6):
                out.append(Finding(a, b, kind, re.sub(r"\s+", "", value.lower())))
    return out


# --------------------------------------------------------------------------- codes typed with look-alike letters
# A letter O for a zero and an l or I for a one beside a digit ("6O9 378 98O2", "465 8l6 7387", "K6OO8O7",
# "HU1O RFV"), an O in a postcode's digit place ("EH6 OQR", "CRO 1SJ"), characters in a form's boxes
# ("|7|3|3|3|4|3|6|6|9|1|"): :func:`fold_lookalikes` writes them as the finders read them, character for character,
# so the finders run on the folded text and their offsets hold for the original.
_LOOKALIKE_TOKEN = re.compile(r"[A-Za-z0-9]+")  # (tokens with a digit are picked in code: linear on long runs)
_LOOKALIKE_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1"}
_POSTCODE_O_INWARD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]?[ ](?P<o>O)[A-Z]{2}(?![A-Za-z0-9])")
_POSTCODE_O_OUTWARD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}(?P<o>O)[ ][0-9][A-Z]{2}(?![A-Za-z0-9])")
_OCR_NO = re.compile(r"(?i:\b(?:hosp(?:ital)?|nhs|ni|ref|case|patient|unit|record|mrn)\.?[ ]?)N(?P<z>0)(?=[.:]?[ ])")
_REG_DIGIT_TAIL = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}[ ]?[A-Z]{2}(?P<z>[015682])(?![A-Za-z0-9])")
_DIGIT_AS_LETTER = {"0": "O", "1": "I", "5": "S", "6": "G", "8": "B", "2": "Z"}
_OCT_ZERO = re.compile(r"(?<![A-Za-z0-9])(?P<z>0)(?=(?i:ct(?:ober)?)\b)")
_NOV_ZERO = re.compile(r"(?<![A-Za-z0-9])[Nn](?P<z>0)(?=(?i:v(?:ember)?)\b)")
_POSTCODE_ZERO_AREA = re.compile(r"(?<![A-Za-z0-9])[A-Z](?P<z>0)[0-9][0-9A-Z]?[ ][0-9][A-Z]{2}(?![A-Za-z0-9])")
_BOXES = re.compile(r"\|?(?:(?:[A-Za-z0-9]|(?<=\|)[ ](?=\|))[ ]?\|[ ]?){4,}[A-Za-z0-9]\|?")


# a filler or a pause between two words of a read-out value ("two, um, nine", "oscar one two, erm, delta", "07...
# 07 D"): cut (see ``without_fillers``) so that the run reads whole; a slip's correction stays as said
_READ_WORD = (
    r"(?:[0-9]+|[A-Za-z]|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|double|treble|triple|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india"
    r"|juliet|juliett|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky"
    r"|x-ray|xray|yankee|zulu|ay|bee|see|sea|dee|ee|ef|eff|gee|aitch|jay|kay|ell|el|em|en|pee|queue|cue|are|ess|tee"
    r"|you|vee|ex|why|zed|zee)"
)
_FILLER_BETWEEN = re.compile(
    rf"(?i)(?P<w>\b{_READ_WORD})(?P<f>,?[ ]+(?:(?:um+|erm+|er|uh+|ah|hmm+)[ ]*,?[ ]+)+|\.{{2,3}}[ ]+|\u2026[ ]*)"
    rf"(?={_READ_WORD}\b)"
)


def without_fillers(text: str) -> tuple[str, list[int]] | None:
    """``text`` with the fillers and pauses inside read-out values cut, and where its characters stand in ``text``.

    Each filler between two words of a value is cut to one space; the list gives, for each character of the short
    text, its place in ``text`` (and one more entry for the end). None when there is nothing to cut.
    """
    if not _FILLER_QUICK.search(text):
        return None
    pieces: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _FILLER_BETWEEN.finditer(text):
        a, b = m.start("f"), m.end("f")
        pieces.append(text[pos:a] + " ")
        where.extend(range(pos, a + 1))
        pos = b
    if pos == 0:
        return None
    pieces.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(pieces), where


_FILLER_QUICK = re.compile(r"(?i)\b(?:um+|erm+|er|uh+|ah|hmm+)\b|\.\.|\u2026")


def fold_lookalikes(text: str) -> str:
    """``text`` with look-alike letters in codes read as digits and form boxes as spaces (same length)."""
    chars = list(text)
    for m in _LOOKALIKE_TOKEN.finditer(text):
        if m.end() - m.start() > 40 or not any(c.isdigit() for c in m.group(0)):
            continue  # a code is short; a token without a digit has nothing to fold
        token = list(m.group(0))
        changed = True
        while changed:  # "K6OO8O7": each O next to a digit, then the O next to that one
            changed = False
            for i, c in enumerate(token):
                if c in _LOOKALIKE_DIGIT and any(0 <= j < len(token) and token[j].isdigit() for j in (i - 1, i + 1)):
                    token[i] = _LOOKALIKE_DIGIT[c]
                    changed = True
        chars[m.start() : m.end()] = token
    for pattern in (_POSTCODE_O_INWARD, _POSTCODE_O_OUTWARD):
        for m in pattern.finditer(text):
            chars[m.start("o")] = "0"
    for m in _OCR_NO.finditer(text):  # "Hosp N0: Kl6047Z": an OCR's "No"
        chars[m.start("z")] = "o"
    for m in _REG_DIGIT_TAIL.finditer(text):  # "CN19 XT8": an OCR's 8 for the plate's last letter B
        chars[m.start("z")] = _DIGIT_AS_LETTER[text[m.start("z")]]
    # a zero for the O of a month ("06 0CT 1983", "N0V") or of a postcode's area ("S015 1GH" for SO15 1GH)
    for pattern in (_OCT_ZERO, _NOV_ZERO, _POSTCODE_ZERO_AREA):
        for m in pattern.finditer(text):
            chars[m.start("z")] = "o" if text[m.end("z") : m.end("z") + 1].islower() else "O"
    for m in _BOXES.finditer(text):
        for i in range(m.start(), m.end()):
            if chars[i] == "|":
                chars[i] = " "
    return "".join(chars)


# --------------------------------------------------------------------------- HL7 v2 segments pasted into notes
# "PID|1||RXH4409128^^^RXH||MARSH^ALAN^^^MR||19690507|M|||14 Elm Road^^Swindon^^SN1 2AB||07700 900123": a
# message from a hospital system copied into a story; the fields of its patient (PID) and next-of-kin (NK1)
# segments are personal by their place. A key=value export with an address of "^"-separated lines
# ("ADDR=FLAT 6 MERIDIAN POINT^VICTORIA ROAD^SWINDON^^ENG") is read the same way.
_HL7_SEGMENT = re.compile(r"(?<![A-Za-z0-9])(?P<seg>PID|NK1)\|(?P<body>[^\r\n]*)")
_HL7_FIELDS: dict[str, dict[int, str]] = {
    "PID": {
        2: "HOSPITAL_NUMBER", 3: "HOSPITAL_NUMBER", 4: "HOSPITAL_NUMBER", 5: "PERSON", 6: "PERSON",
        7: "DATE_OF_BIRTH", 9: "PERSON", 11: "ADDRESS", 13: "PHONE", 14: "PHONE", 19: "NI_NUMBER",
    },
    "NK1": {2: "PERSON", 4: "ADDRESS", 5: "PHONE", 6: "PHONE"},
}  # fmt: skip
_CARET_ADDRESS = re.compile(r"(?i:\b(?:addr|address|home[_ ]?address)[ ]?[=:][ ]?)(?P<v>[^\s|^][^|\r\n]*?\^[^|\r\n]*)")
# a component that is a code, not a person's: a country, a type of address or name, a title
_HL7_CODE = re.compile(r"(?i:ENG|GBR|UK|GB|SCT|WLS|NIR|H|HP|HV|M|L|C|B|MR|MRS|MS|MISS|DR|MX|PRN|NHS|MRN|[A-Z]{1,3})")


def hl7_fields(text: str) -> list[Finding]:
    """The personal fields of HL7 patient and next-of-kin segments in ``text`` (names as PERSON findings)."""
    out: list[Finding] = []
    for m in _HL7_SEGMENT.finditer(text):
        kinds = _HL7_FIELDS[m.group("seg")]
        at = m.start("body")
        for i, field in enumerate(m.group("body").split("|"), start=1):
            kind = kinds.get(i)
            if kind is not None:
                out += _caret_parts(field, at, kind)
            at += len(field) + 1
    for m in _CARET_ADDRESS.finditer(text):
        out += _caret_parts(m.group("v"), m.start("v"), "ADDRESS")
    return out


def _caret_parts(field: str, at: int, kind: str) -> list[Finding]:
    """The components of an HL7 field that carry a value (a name's parts one by one; else the whole run)."""
    parts: list[tuple[int, int]] = []
    pos = 0
    for comp in re.split(r"[\^~&]", field):
        value = comp.strip()
        if value.islower() and value.isalpha():
            value = ""  # "same", "unknown": a word, not a value
        if value and not (kind != "DATE_OF_BIRTH" and _HL7_CODE.fullmatch(value) and kind != "PERSON"):
            start = at + pos + comp.index(value)
            parts.append((start, start + len(value)))
        pos += len(comp) + 1
    if not parts:
        return []
    if kind == "PERSON":
        titles = {"mr", "mrs", "ms", "miss", "dr", "mx", "prof", "rev", "sir", "dame"}
        return [
            Finding(a, b, kind, field[a - at : b - at].lower())
            for a, b in parts
            if len(field[a - at : b - at]) > 1 and field[a - at : b - at].lower() not in titles
        ]
    a, b = parts[0][0], parts[-1][1]
    return [Finding(a, b, kind, re.sub(r"[\W_]+", "", field[a - at : b - at].lower()))]
