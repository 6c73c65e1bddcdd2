"""Pattern recognisers for structured personal data (everything except person names).

Every recogniser is a pure function ``find_*(text) -> list[Finding]``. Patterns are written to
run in linear time on hostile input: every pattern that starts with a repeated character class
has a look-behind guard so that a match can only start at the beginning of a run, and every
repetition is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "Finding",
    "find_addresses",
    "find_dates_of_birth",
    "find_emails",
    "find_nhs_numbers",
    "find_ni_numbers",
    "find_phones",
    "find_postcodes",
    "find_urls",
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
    return out


# --------------------------------------------------------------------------- NHS number
_NHS = re.compile(r"(?<![0-9A-Za-z])([0-9]{3})[ \-]?([0-9]{3})[ \-]?([0-9]{4})(?![0-9])")


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
    """Find 10-digit NHS numbers (3-3-4 with spaces or dashes, or continuous) valid under mod 11."""
    out: list[Finding] = []
    for m in _NHS.finditer(text):
        digits = m.group(1) + m.group(2) + m.group(3)
        if is_valid_nhs_number(digits) and len(set(digits)) > 1:
            out.append(Finding(m.start(), m.end(), "NHS_NUMBER", digits))
    return out


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


def find_phones(text: str) -> list[Finding]:
    """Find UK phone numbers: mobiles, landlines with area codes, ``+44``/``0044`` forms.

    Spaces, dashes, dots and brackets are allowed as separators (``(0113) 496 0000``,
    ``+44 (0)7700 900123``, ``07700-900-123``).
    """
    out: list[Finding] = []
    for m in _PHONE.finditer(text):
        value = m.group(0)
        norm = normalise_uk_phone(value)
        if norm is None:
            continue
        out.append(Finding(m.start(), m.end(), "PHONE", norm))
    return out


# --------------------------------------------------------------------------- NI numbers
_NI = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?!BG|GB|KN|NK|NT|TN|ZZ)"
    r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ ]?([0-9]{2})[ ]?([0-9]{2})[ ]?([0-9]{2})[ ]?([A-D])?"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NI_CONTEXT = re.compile(r"(?:\bNI\b|\bNINO\b|national\s+insurance)", re.IGNORECASE)


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
    return out


# --------------------------------------------------------------------------- postcodes
_OUTWARD = r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE_UPPER = re.compile(rf"(?<![A-Za-z0-9])(?:GIR[ ]?0AA|{_OUTWARD}[ ]?{_INWARD})(?![A-Za-z0-9])")
# Lower or mixed case only with the separating space (unambiguous there).
_POSTCODE_ANYCASE = re.compile(rf"(?<![A-Za-z0-9])(?:GIR[ ]0AA|{_OUTWARD}[ ]{_INWARD})(?![A-Za-z0-9])", re.IGNORECASE)
_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)", re.IGNORECASE)


def find_postcodes(text: str) -> list[Finding]:
    """Find UK postcodes in every official format (``LS1 4AP``, ``M14 5RT``, ``SW1A 1AA``).

    Upper case with or without the space; lower or mixed case only with the space, and never
    when the inward part reads as an ordinal ("b12 2nd").
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
        inward = m.group(0).rsplit(" ", 1)[-1]
        if _ORDINAL.fullmatch(inward):
            continue
        key = re.sub(r"\s", "", m.group(0)).upper()
        out.append(Finding(m.start(), m.end(), "POSTCODE", key))
    return out


# --------------------------------------------------------------------------- dates of birth
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTHS},?[ ]+[0-9]{{2,4}}"
    rf"|{_MONTHS}[ ]+[0-9]{{1,2}}(?:st|nd|rd|th)?,?[ ]+[0-9]{{4}}"
    rf"|{_MONTHS}[ ]+[0-9]{{4}})"
)
_DOB = re.compile(
    r"(?:\bd\.?[ ]?o\.?[ ]?b\b\.?|\bdate[ ]+of[ ]+birth\b|\bbirth[ ]?date\b|\bborn\b(?:[ ]+(?:on|in))?)"
    r"(?:[ ]*\)?[ ]*[:=\-\u2013,]?[ ]*(?:is|was|of|as)?[ ]*\(?[ ]*)"
    rf"(?P<date>{_DATE})(?![0-9])",
    re.IGNORECASE,
)


def find_dates_of_birth(text: str) -> list[Finding]:
    """Find dates next to "DOB", "d.o.b.", "date of birth", "born on/in"; only the date is taken.

    Plain dates ("in May 2024", "on 12 March") are not personal data on their own and stay.
    """
    out: list[Finding] = []
    for m in _DOB.finditer(text):
        key = re.sub(r"\s+", " ", m.group("date").lower())
        out.append(Finding(m.start("date"), m.end("date"), "DATE_OF_BIRTH", key))
    return out


# --------------------------------------------------------------------------- street addresses
_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Court|Ct|Crescent|Cres|Way|Place|Pl"
    r"|Gardens|Gdns|Grove|Gr|Terrace|Terr|Hill|Park|Square|Sq|Walk|Mews|Row|View|Rise|Green|Parade"
    r"|Boulevard|Croft|Fold|Gate|Wharf|Yard|Chase|Vale|Meadow|Meadows|Drove|Brow|Bank|Heights)"
)
_STREET_WORD = r"(?:[A-Z][A-Za-z'\u2019\-]{1,30}[ ]+)"
_UNIT = r"(?:Flat|Apartment|Apt\.?|Unit|Suite|Room)[ ]+[0-9]{1,4}[A-Za-z]?,?[ ]+"
_HOUSE_NO = r"[0-9]{1,4}[A-Za-z]?(?:-[0-9]{1,4})?,?[ ]+"
_ADDRESS = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_UNIT}(?:{_HOUSE_NO})?|{_HOUSE_NO}|"
    r"(?<=\blives[ ]on[ ])|(?<=\blives[ ]at[ ])|(?<=\blived[ ]on[ ])|(?<=\blived[ ]at[ ])"
    r"|(?<=\bliving[ ]on[ ])|(?<=\bliving[ ]at[ ])|(?<=\bmoved[ ]to[ ])|(?<=\baddress[ ]is[ ]))"
    rf"{_STREET_WORD}{{1,3}}{_STREET_SUFFIX}\b\.?"
)


def find_addresses(text: str) -> list[Finding]:
    """Find street addresses with a house or flat number, or after "lives on/at".

    Examples: ``14 Fernbank Road``, ``Flat 3, 22 Kings Court``, ``Apartment 5 Elm Street``,
    "lives on Fernbank Road". Town and postcode are not part of the span (the postcode
    recogniser takes the postcode).
    """
    out: list[Finding] = []
    for m in _ADDRESS.finditer(text):
        value = m.group(0).rstrip(".")
        key = re.sub(r"[\s,]+", " ", value.lower())
        out.append(Finding(m.start(), m.start() + len(value), "ADDRESS", key))
    return out


# --------------------------------------------------------------------------- URLs
_URL = re.compile(
    r"(?<![A-Za-z0-9@/.\-])"
    r"(?:(?:https?|ftp)://|www\.|(?:[A-Za-z0-9\-]{1,63}\.){0,3}"
    r"(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|github|threads|medium|pinterest"
    r"|snapchat|reddit|bsky)\.(?:com|net|app)/)"
    r"[^\s<>\"'`\[\]{}|\\^]{0,2048}",
    re.IGNORECASE,
)
_SOCIAL = {
    "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "tiktok.com",
    "youtube.com", "github.com", "threads.net", "medium.com", "pinterest.com", "snapchat.com",
    "reddit.com", "bsky.app",
}  # fmt: skip
_SOCIAL_GENERIC_FIRST = {
    "", "watch", "share", "sharer", "sharer.php", "events", "hashtag", "search", "explore", "help",
    "about", "company", "school", "groups", "pages", "policies", "legal", "privacy", "login",
    "signup", "home", "intent", "feed", "jobs", "learning", "r", "topics", "embed", "playlist",
    "results", "shorts", "orgs", "features", "pricing", "i",
}  # fmt: skip
_PERSONAL_SEGMENT = re.compile(
    r"/(?:users?|people|person|profiles?|staff|members?|u|in|pub|author|authors|~[^/]+|@[^/]+)(?:/|$)",
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


def url_is_personal(url: str) -> bool:
    """Return True if the URL points at a person.

    That is a social-media profile (not a company page, video or search) or a personal path
    (``/users/<name>``, ``/~name``, ``/@name``, ``/in/<name>``, ``/people/<name>``).
    """
    host, path = _host_and_path(url)
    bare = host[4:] if host.startswith("www.") else host
    bare = bare[2:] if bare.startswith("m.") else bare
    registrable = ".".join(bare.split(".")[-2:])
    segments = [s for s in path.split("/") if s]
    if registrable in _SOCIAL:
        if registrable == "linkedin.com":
            return bool(segments) and segments[0].lower() in {"in", "pub"} and len(segments) > 1
        if registrable == "youtube.com":
            return bool(segments) and (segments[0].startswith("@") or segments[0].lower() in {"user", "c", "channel"})
        if registrable == "reddit.com":
            return bool(segments) and segments[0].lower() in {"u", "user"}
        if not segments:
            return False
        return segments[0].lower() not in _SOCIAL_GENERIC_FIRST
    m = _PERSONAL_SEGMENT.search(path)
    if m is None:
        return False
    seg = m.group(0).strip("/")
    if seg.startswith(("~", "@")):
        return len(seg) > 1
    # /users/<something> needs a following segment.
    rest = path[m.end() :].strip("/")
    return bool(rest)


_URL_TRAILING = ".,;:!?)'\""


def find_urls(text: str) -> list[tuple[Finding, bool]]:
    """Find URLs; each comes with a flag saying whether it is personal (see :func:`url_is_personal`).

    Only personal URLs are redacted by the redactor; the others are kept (and are upgraded to
    personal when a person's name is found inside them).
    """
    out: list[tuple[Finding, bool]] = []
    for m in _URL.finditer(text):
        value = m.group(0)
        while value and value[-1] in _URL_TRAILING:
            if value[-1] == ")" and value.count("(") >= value.count(")"):
                break
            value = value[:-1]
        if len(value) < 5:
            continue
        key = value.lower().rstrip("/")
        key = re.sub(r"^(?:https?|ftp)://", "", key)
        key = key[4:] if key.startswith("www.") else key
        out.append((Finding(m.start(), m.start() + len(value), "URL", key), url_is_personal(value)))
    return out
