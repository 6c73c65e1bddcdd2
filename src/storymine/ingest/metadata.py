"""Metadata from columns, front matter, NOTE blocks and file names, mapped to one vocabulary."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from storymine.ingest.errors import InputError
from storymine.ingest.normalise import normalise_inline

# Accepted spellings of each field, in order of preference (compared case-insensitively, with
# spaces and dashes read as underscores).
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "story", "body", "narrative", "content", "story_text", "description", "sentence"),
    "title": ("title", "subject", "heading", "name_of_story"),
    "community": ("community", "team", "group", "learning_community", "service"),
    "role": ("role", "profession", "job_title", "staff_group"),
    "author": ("author", "written_by", "storyteller", "submitted_by", "name"),
    "date": ("date", "recorded_at", "created", "created_at", "session_date", "submitted", "when"),
    "consent": ("consent_to_quote", "consent", "quote_consent", "may_quote", "quotable"),
    "id": ("id", "story_id", "record_id", "ref"),
    "kind": ("kind", "type"),
    "facilitator": ("facilitator", "facilitators", "host", "chair"),
    "no_quote": ("no_quote", "do_not_quote", "not_quotable"),
}

_YES = {"yes", "y", "true", "1", "agreed", "consented", "ok"}
_NO = {"no", "n", "false", "0", "declined", "withheld", "refused"}
_FILE_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[_ ](?P<community>[a-z0-9-]+))?(?:[_ ](?P<title>.+))?$")


# Other keys whose values name people the story is about or works with: a child, a parent, a key worker,
# siblings ("child_name", "siblings", "next_of_kin", "crew_mate", "line_manager"). Their values are never
# stored; they are given to the redactor as known names, so that the text loses them too.
_PERSON_FIELD = re.compile(
    r"(?:^|_)(?:child|children|young_person|client|patient|resident|tenant|pupil|service_user|person|parent|parents"
    r"|mother|father|mum|dad|carer|carers|sibling|siblings|brother|sister|son|daughter|nok|next_of_kin|kin"
    r"|key_?worker|social_worker|worker|line_manager|manager|supervisor|gp|referrer|caller|crew_?mate|partner"
    r"|wife|husband|family|contact|named_nurse|nurse|staff|colleague|student|mentor|witness|informant|victim"
    r"|baby|grandchild|guardian|foster_carers?|adopters?|attendees|participants|present|cc|to|from)"
    r"(?:_names?|_full_name|_first_name|_surname|_known_as|_nickname|_alias|_aka|_preferred_name|_initials)?$"
    r"|^(?:known_as|nickname|alias|aka|preferred_name|also_known_as)$"
)
_NAME_WORD = r"[^\W\d_][^\W\d_'\u2019\-]*(?:['\u2019\-][^\W\d_]+)*\.?"
_NAME_LIKE = re.compile(rf"(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?[ ])?{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}")
_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "ni", "nic", "mac"}
)
_ITEM_SPLIT = re.compile(r"[;,/&|\n]|\band\b|\b(?:aka|a\.k\.a\.?|known[ ]as|n[e\u00e9]e|formerly)(?![A-Za-z])")
_BRACKETS = re.compile(r"\([^)]{0,40}\)")


def _person_values(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [v for k, item in value.items() if "name" in canonical(str(k)) for v in _person_values(item)]
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _person_values(item)]
    if not isinstance(value, str) or len(value) > 300:
        return []
    out: list[str] = []
    # a nickname in brackets is a name of its own: "Anthony Ashworth ('Smiler')"
    inner = [b.strip("() ") for b in _BRACKETS.findall(value)]
    for item in _ITEM_SPLIT.split(_BRACKETS.sub(" ", value)) + inner:
        item = " ".join(item.split()).strip(" .:-'\"")
        # written like a name: capitalised words, not a role or a code ("Ward manager", "HCA", "band 5")
        capitalised = all(w[:1].isupper() or w in _PARTICLES for w in item.split())
        if 2 <= len(item) <= 60 and _NAME_LIKE.fullmatch(item) and capitalised and not item.isupper():
            out.append(item)
    return out


# Fields read as metadata of their own (the author, facilitators, the title, the text): not "other" people.
_OWN_FIELDS = frozenset(a for f in ("author", "facilitator", "no_quote", "title", "text") for a in ALIASES[f])


def mentioned_people(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Names in a record's other fields that name people: known names for the redactor, never stored.

    "child_name": "Storm Ward", "siblings": "Johnny, Summer", a nested "child": {"name": …}.
    """
    out: list[str] = []
    for key, value in record.items():
        k = canonical(str(key))
        if k in _OWN_FIELDS or not _PERSON_FIELD.search(k):
            continue
        out.extend(_person_values(value))
    return tuple(dict.fromkeys(out))


def canonical(key: str) -> str:
    """Lower-case a metadata key and read spaces and dashes as underscores."""
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def pick(record: Mapping[str, Any], field: str) -> Any:
    """The value of ``field`` under any of its aliases, or None."""
    keys = {canonical(k): k for k in record}
    for alias in ALIASES[field]:
        if alias in keys:
            value = record[keys[alias]]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                return value
    return None


def text_field_names() -> str:
    """The accepted names of the text column, for error messages."""
    return ", ".join(ALIASES["text"])


_DATE_AND_TIME = re.compile(
    r"([0-9]{1,4}[\-/.][0-9]{1,2}[\-/.][0-9]{1,4})[ ,T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?:[ ]?(?:Z|UTC|GMT|BST|[+\-][0-9]{2}:?[0-9]{2}))?"
)


def parse_date(value: Any) -> date | None:
    """Parse an ISO or UK-style date (2025-03-14, 14/03/2025, 14 March 2025); None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    # a date and a time, as a log or a spreadsheet exports them ("2025-03-03 07:45", "14/03/2025 09:12:05"): the date
    stamped = _DATE_AND_TIME.fullmatch(text)
    if stamped is not None:
        text = stamped.group(1)
    for fmt in (
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%d-%m-%Y",
        "%d %B %Y",
        "%d %b %Y",
        "%Y-%m-%dT%H:%M:%S",
        "%Y/%m/%d",
        "%d.%m.%Y",
    ):
        try:
            return datetime.strptime(text[:19] if "T" in text else text, fmt).date()
        except ValueError:
            continue
    raise InputError(
        f"cannot read a date ({len(text)} characters, not a known date format)", "write dates as YYYY-MM-DD"
    )


def parse_consent(value: Any) -> bool | None:
    """Read a consent value (yes/no/true/false/1/0); None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InputError("cannot read a consent value (not yes/no/true/false/1/0)", "use yes or no in the consent column")


_NAME_KEYS = ("name", "display_name", "full_name", "fullname", "person", "email", "e_mail")
_NAME_PARTS = (
    ("first_name", "given_name", "given", "forename", "first"),
    ("last_name", "family_name", "family", "surname", "last"),
)


def person_labels(value: Any) -> list[str]:
    """The person labels in a metadata value: a string, a list, or an object with a name.

    An object such as ``{"name": "…", "grade": "…"}`` or ``{"given": "…", "family": "…"}`` gives its name,
    never its other fields.
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [label for item in value for label in person_labels(item)]
    if isinstance(value, Mapping):
        keys = {canonical(str(k)): v for k, v in value.items()}
        for key in _NAME_KEYS:
            if isinstance(keys.get(key), str) and keys[key].strip():
                return [normalise_inline(keys[key])]
        parts = [
            next((str(keys[k]) for k in group if isinstance(keys.get(k), str) and keys[k].strip()), "")
            for group in _NAME_PARTS
        ]
        if any(parts):
            return [normalise_inline(" ".join(p for p in parts if p))]
        # no name field: the object's words are one (unknown) person, not one person per field
        words = " ".join(str(v) for v in value.values() if isinstance(v, str) and v.strip())
        return [normalise_inline(words)] if words else []
    text = normalise_inline(str(value))
    return [text] if text else []


def parse_names(value: Any) -> tuple[str, ...]:
    """A list of names from a YAML list, objects with a name, or a comma/semicolon separated string."""
    if value is None:
        return ()
    items: Any = value if isinstance(value, (list, Mapping)) else re.split(r"[;,]", str(value))
    return tuple(n for n in person_labels(items) if n)


@dataclass(frozen=True)
class FileNameMeta:
    """What a file name like ``2025-03-14_acute-medicine_night-insulin.md`` says."""

    recorded_at: date | None
    community: str | None
    title: str | None


def from_file_name(path: str) -> FileNameMeta:
    """Date, community and title from the ``YYYY-MM-DD_community-slug_title-slug`` naming convention."""
    stem = PurePath(path).stem
    match = _FILE_NAME.match(stem)
    if not match:
        return FileNameMeta(None, None, _slug_to_title(stem))
    try:
        when: date | None = date.fromisoformat(match["date"])
    except ValueError:
        when = None
    community = match["community"]
    title = match["title"]
    return FileNameMeta(
        when,
        _slug_to_title(community, every_word=True) if community else None,
        _slug_to_title(title) if title else None,
    )


def _slug_to_title(slug: str, every_word: bool = False) -> str:
    words = [w for w in re.split(r"[-_\s]+", slug) if w]
    if not words:
        return slug
    if every_word:
        return " ".join(w.capitalize() for w in words)
    return " ".join([words[0].capitalize(), *words[1:]])
