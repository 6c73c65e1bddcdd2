"""One person, one pseudonym: link the labels a person goes by before they are pseudonymised.

A transcript says "Dr Priya Rao" in its metadata, "Priya (GP)" as a speaker label and
"priya.rao@example.nhs.uk" as an e-mail; a story's author is "Siobhán Ní Bhriain" in one file and
"Siobhan Ni Bhriain" in another; "Wojtek" is "Wojciech". Counting them as different people overstates
``n_contributors`` (and so weakens the k rule) and lets a ``no_quote`` request miss the person's other
labels. :func:`identity_key` normalises one label (titles, bracketed roles, "Surname, First", e-mail
local parts, accents, a nickname table); :func:`link_labels` then joins the labels of one document or
file whose words are a subset of one fuller label's words ("Priya" and "Priya R" → "Priya Rao") when
that fuller label is unambiguous. The pseudonym is the keyed hash of the linked key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storymine.privacy.names import fold_word
from storymine.privacy.vocab import TITLES

# Common English nicknames and short forms → the name they stand for (both sides folded).
NICKNAMES: dict[str, str] = {
    "bev": "beverley", "beverly": "beverley", "bob": "robert", "rob": "robert", "bobby": "robert",
    "bill": "william", "will": "william", "billy": "william", "liz": "elizabeth", "lizzie": "elizabeth",
    "beth": "elizabeth", "betty": "elizabeth", "kate": "katherine", "katie": "katherine", "cathy": "catherine",
    "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael", "mick": "michael", "tom": "thomas",
    "tommy": "thomas", "dave": "david", "davy": "david", "dai": "david", "steve": "stephen", "sue": "susan",
    "suzy": "susan", "jo": "joanne", "jen": "jennifer", "jenny": "jennifer", "chris": "christopher",
    "pat": "patricia", "patsy": "patricia", "tony": "anthony", "andy": "andrew", "drew": "andrew",
    "alex": "alexander", "sam": "samuel", "ben": "benjamin", "dan": "daniel", "danny": "daniel",
    "nick": "nicholas", "pete": "peter", "matt": "matthew", "rich": "richard", "dick": "richard",
    "ed": "edward", "ted": "edward", "eddie": "edward", "fred": "frederick", "harry": "henry",
    "jack": "john", "johnny": "john", "meg": "margaret", "maggie": "margaret", "peggy": "margaret",
    "nell": "eleanor", "ellie": "eleanor", "abby": "abigail", "abbey": "abigail", "becky": "rebecca",
    "vicky": "victoria", "tori": "victoria", "wojtek": "wojciech", "gosia": "malgorzata",
    "kasia": "katarzyna", "basia": "barbara", "seun": "oluwaseun", "ify": "ifeoma", "femi": "oluwafemi",
    "shiv": "shivani", "mo": "mohammed", "daf": "dafydd", "gwen": "gwendolen", "rhi": "rhiannon",
}  # fmt: skip

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EMAIL = re.compile(r"^([^@\s]+)@[^@\s]+$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def identity_key(label: str) -> str:
    """A person's label reduced to what identifies them: "Dr Priya Rao (GP)" → "priya rao".

    Bracketed roles and titles go, "Rao, Priya" becomes "priya rao", an e-mail becomes its local part
    ("priya.rao@…" → "priya rao"), accents are folded and known nicknames expanded ("Wojtek" →
    "wojciech"). Returns "" when nothing is left.
    """
    text = label.strip()
    m = _EMAIL.match(text)
    if m:
        text = re.sub(r"[._\-+]+", " ", m.group(1))
    text = _BRACKETS.sub(" ", text)
    if text.count(",") == 1:
        surname, first = (p.strip() for p in text.split(","))
        if surname and first and len(surname.split()) <= 3:
            text = f"{first} {surname}"
    words = [fold_word(w).replace("\u2019", "'") for w in _WORD.findall(text)]
    words = [w for w in words if w not in TITLES]
    if words:
        words[0] = NICKNAMES.get(words[0], words[0])
    return " ".join(words)


def _compatible(short: list[str], full: list[str]) -> bool:
    """``short``'s words appear in ``full`` in order, each whole or as an initial ("priya r" ⊂ "priya rao")."""
    j = 0
    for w in short:
        while j < len(full) and not (full[j] == w or (len(w) == 1 and full[j].startswith(w))):
            j += 1
        if j == len(full):
            return False
        j += 1
    return True


def _fuller(f: str, k: str) -> bool:
    return (len(f.split()), len(f)) > (len(k.split()), len(k))


def link_labels(labels: Iterable[str]) -> dict[str, str]:
    """Map each label to the identity key of the person it names, linking variants within one document.

    A label whose key's words fit in order into exactly one longer key ("priya" → "priya rao") takes
    that key; when two longer keys fit ("priya rao" and "priya shah"), it stays on its own.
    """
    keys = {label: identity_key(label) for label in labels if label and label.strip()}
    distinct = sorted({k for k in keys.values() if k}, key=lambda k: (-len(k.split()), -len(k), k))
    resolved: dict[str, str] = {}
    for k in distinct:  # fullest first, so a shorter label resolves through the ones already resolved
        words = k.split()
        fuller = [f for f in distinct if f != k and _fuller(f, k) and _compatible(words, f.split())]
        targets = {resolved.get(f, f) for f in fuller}
        resolved[k] = targets.pop() if len(targets) == 1 else k
    return {label: resolved.get(k, k) if k else label.strip().casefold() for label, k in keys.items()}
