"""Names in informal writing: kinship idioms, names in brackets, lower-case names typed fast (round 19, #18).

Notes typed on a phone, chats and speech-to-text write names in ways the capitalised-name rules of
:mod:`storymine.privacy.names` do not see: "mum (bernie) wants a call back", "lauren (ex) has the wee lad",
"with our Liam", "jamie-lee's nan", "niamh updated the address", "Mo, Karim Haddad, one of the dads",
"Dec hadn't been answering" (a short name that is also a month's abbreviation). Each cue here is strong
enough on its own; the word must still be a listed first name (or surname) that is not a stop, clinical,
month or place word, so "mum (tired)", "our Lady" and "12 Dec" stay.

Every proposer returns names as the text writes them, capitalised where the caller matches in any case.
"""

from __future__ import annotations

import re

from storymine.privacy.frequency import zipf
from storymine.privacy.namelike import name_probability
from storymine.privacy.names import (
    NAME_STOP,
    NOT_PERSON_INITIALS,
    SHORT_NAMES,
    STOP_WORDS,
    all_first_names,
    first_names,
    fold_word,
    is_place,
    never_a_name,
    surnames,
)
from storymine.privacy.vocab import (
    COMMON_WORD_NAMES,
    COMMUNITY_WORDS,
    LABEL_WORDS,
    LANGUAGES,
    RELATION_NOUNS,
    TITLES,
)

_RELATION_ALT = "|".join(
    sorted(
        {re.escape(w.casefold()) for w in RELATION_NOUNS if " " not in w} | {"ex", "bf", "gf"}, key=len, reverse=True
    )
)
# "mum (bernie) wants a call back", "her sister (jade) rang": a relation and the name in brackets, typed lower
# (the bracket is searched first, then the relation in the few characters before it: a long alternation tried
# at every word would cost more than the rest of the module)
_BRACKETED_LOWER = re.compile(r"\((?P<w>[a-z][a-z'\u2019\-]{1,20})\)")
_RELATION_END = re.compile(rf"\b(?i:{_RELATION_ALT})[ ]*$")
# "lauren (ex) has the wee lad", "kerry (daughter) rang": a lower-case name and the relation in brackets
_NAME_THEN_RELATION = re.compile(
    rf"(?<![A-Za-z0-9@_./\-])(?P<w>[a-z][a-z'\u2019\-]{{1,20}})[ ]*\((?i:{_RELATION_ALT}|ex-partner|ex[ ]partner)\)"
)
# "with our Liam.", "oor Kayleigh said", "wor Tony's": a family's way of naming one of its own
_OUR_NAME = re.compile(
    r"(?<![A-Za-z])(?:[Oo]ur|[Oo]or|[Ww]or)[ ]+(?P<w>[A-Z][a-z]{1,15})(?:'s|\u2019s)?"
    r"(?=[ ]*(?:[.,;:!?)]|$)|[ ]+(?:is|was|has|had|said|says|told|rang|came|went|got|and|who|would|will|did)\b)",
    re.MULTILINE,
)
# "jamie-lee's nan", "lily-mae was", "sarah-jane": two first names joined by a hyphen, typed in lower case
_LOWER_DOUBLE_FIRST = re.compile(r"(?<![A-Za-z0-9@_./\-])(?P<a>[a-z]{2,12})-(?P<b>[a-z]{2,12})(?![A-Za-z0-9\-@_])")
# "niamh updated the address", "the thing joao talked about": a rare first name before a past-tense verb
_LOWER_BEFORE_VERB = re.compile(
    r"(?<![A-Za-z0-9@_./\-'\u2019])(?P<w>[a-z]{3,20})[ ]+"
    r"(?:(?:also|then|just|already|never|always|actually|probably)[ ]+)?[a-z]{3,}ed\b"
)
# "Mo, Karim Haddad, one of the dads": a short name set off before the full name it stands for
_NICK_BEFORE_FULL = re.compile(
    r"(?:^|(?<=[.!?][ ])|(?<=\n))(?P<nick>[A-Z][a-z]{1,10}),[ ]+(?P<first>[A-Z][a-z]+)[ ]+(?P<last>[A-Z][a-z'\-]+),",
    re.MULTILINE,
)
# "Dec hadn't been answering", "Jan didnt have capacity": a short name that is a month's abbreviation, as the
# subject of a verb (a month in a date stands beside a number: "12 Dec", "Dec 2024")
_MONTH_NAME_SUBJECT = re.compile(
    r"(?<![0-9][ ])(?<![0-9A-Za-z])(?P<w>Dec|Jan|Jun)"
    r"(?=[ ]+(?:had|has|was|is|hadn't|hadnt|hasn't|wasn't|wasnt|isn't|did|didn't|didnt|came|went|rang|said|says"
    r"|sounded|seemed|gets|got|told|wants|wanted|needs|needed|will|would|could|can|can't|cant|and[ ]I)\b"
    r"|'s[ ]+(?:mum|dad|sister|brother|wife|husband|partner|son|daughter|nan|gran)\b)"
)
# a month's abbreviation before a listed surname: "Dec Quinn", "Jan Kowalski"
_MONTH_NAME_FULL = re.compile(r"(?<![0-9][ ])(?<![0-9A-Za-z])(?P<w>Dec|Jan|Jun)[ ]+(?P<last>[A-Z][a-z'\-]{2,20})\b")
# "Ryan Fox (JJ)": capitals in brackets after a full name, his nickname or initials (not a role's letters)
_FULL_THEN_CAPS = re.compile(r"(?P<first>[A-Z][a-z]+)[ ]+(?P<last>[A-Z][a-z'\u2019\-]+)[ ]+\((?P<nick>[A-Z]{2,3})\)")
# 'prefers Oisin, not "Osh" which the lads on the ward called him': a quoted word people call someone
_QUOTED_THEN_CALLED = re.compile(
    r"[\"\u201c'\u2018](?P<w>[A-Z][a-z]{1,15})[\"\u201d'\u2019][^.\n]{0,40}?\bcall(?:ed|s)?[ ]+(?:him|her|them|me)\b"
)
# "Crystal (the one with the staffy) told me": a name and who they are, in brackets
_NAME_THEN_WHO = re.compile(
    r"(?P<w>[A-Z][a-z]{1,15})[ ]+\((?:the|a|that)[ ]+(?:one|lad|lady|girl|boy|man|woman|guy|fella|bloke|chap|gent"
    r"|gentleman|young|older|new|other)\b"
)
# "Paulie in room 3 told me", "Edna in bed 4": a name and where they sleep
_NAME_IN_ROOM = re.compile(r"(?P<w>[A-Z][a-z]{1,15})[ ]+in[ ]+(?:room|bed|bay|flat|cell|side[ ]room)[ ]+[0-9]{1,3}\b")
# "lithium level - T.C. (RiO 1234567)": dotted initials before the record number in brackets
_INITIALS_THEN_RECORD = re.compile(r"(?<![A-Za-z.])(?P<w>(?:[A-Z]\.){2,3})[ ]*\([^()\n]{0,20}?[0-9]{5,}")
# "notes to jonny (McKeown, admin)", "to jonny (Jonathan Spratt, admin)": a lower-case first name and the
# surname or the full name in brackets
_LOWER_THEN_SURNAME = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<w>[a-z]{3,15})[ ]*\((?:(?P<first>[A-Z][a-z]{2,15})[ ]+)?"
    r"(?P<last>[A-Z][A-Za-z'\u2019\-]{2,20})[,)]"
)
# "mrs pascoe (doris) up x4": a title and surname typed fast, the first name in brackets
_TITLED_THEN_FIRST = re.compile(
    r"\b(?i:mrs|mr|miss|ms|mx)\.?[ ]+[A-Za-z][a-z'\u2019\-]{1,20}[ ]*\((?P<w>[a-z][a-z'\u2019\-]{1,15})\)"
)
# "she is Varga in the passport and Pop in the church": the name a document gives
_NAME_IN_PAPERS = re.compile(
    r"\b(?:is|was|as|becomes|became)[ ]+(?P<w>[A-Z][a-z'\u2019\-]{1,20})[ ]+(?:in|on)[ ]+(?:the|his|her|their|our)[ ]+"
    r"(?:passport|birth[ ]certificate|papers|paperwork|records?|system|visa|ID|church|register|notes)\b"
)
# "same with us and the wife. Jan. they said": a name as a sentence of its own after a relation (the one-word
# sentence first, then the relation before its stop)
_ONE_WORD_SENTENCE = re.compile(r"[.,:][ ]+(?P<w>[A-Z][a-z]{1,15})[.!](?=[ ]|$)", re.MULTILINE)
# "Jermaine (JJ)": capitals in brackets after a first name that begin as it does, a nickname
_FIRST_THEN_CAPS = re.compile(r"(?P<first>[A-Z][a-z]{2,15})[ ]+\((?P<nick>[A-Z]{2,3})\)")
# "a guy calling himself Lucky", "(street name Lucky)", "real name Jonas": what someone is called
_CALLS_SELF = re.compile(
    r"\b(?:(?i:call(?:ing|s|ed)?[ ]+(?:himself|herself|themselves|themself))"
    r"|(?i:street|real|nick|pet|trap|gamer|user|stage)[ ]?name(?:[ ]+(?:is|was))?:?)"
    r"[ ]+[\"'\u201c\u2018]?(?P<w>[A-Z][a-z'\u2019\-]{1,20})"
)
# "'ABDULLA' on the transfer list": a listed name in capitals, quoted as a list or a label writes it
_QUOTED_CAPS_NAME = re.compile(r"[\"'\u2018\u201c](?P<w>[A-Z]{3,20})[\"'\u2019\u201d]")
# "young lad, Afghan, Wali, and he's saying": a person noun, a nationality and a name set off by commas
_NOUN_NATION_NAME = re.compile(
    r"\b(?:lad|man|woman|girl|boy|lady|gentleman|guy|chap|bloke|fella|teenager|mum|dad|resident|client|patient),"
    r"[ ]+(?P<nation>[A-Z][a-z]+),[ ]+(?P<w>[A-Z][a-z'\u2019\-]{1,20}),"
)
# "hazel v grateful for the visit", "Victor up all night again": a handover line opens with the person and
# their state (only words said of people: a night or a ward is "quiet", never "tearful" or "grateful")
_NAME_THEN_STATE = re.compile(
    r"(?:^|(?<=[.;!?][ ])|(?<=[.;!?][ ][ ])|(?<=,[ ])|(?<=[ ][\-\u2013][ ])|(?<=\n))[ \t\-*\u2022]*"
    r"(?P<w>[A-Za-z][a-z]{1,15})[ ]+(?:(?:v|very|vv|quite|more|much|a[ ]bit|bit|really|so)[ ]+)?"
    r"(?:grateful|tearful|agitated|unsettled|confused|distressed|chatty|drowsy|teary|weepy|withdrawn"
    r"|up[ ]all[ ]night|up[ ]and[ ]down[ ]all[ ]night|up[ ]x[ ]?[0-9]|slept[ ]well|slept[ ]badly|slept[ ]through"
    r"|ate[ ]well|ate[ ]little|ate[ ]nothing|refused[ ](?:meds|tablets|breakfast|lunch|tea|dinner|care|obs)"
    r"|declined[ ](?:meds|tablets|breakfast|lunch|tea|dinner|care|obs))\b",
    re.MULTILINE,
)
# "went round the dochertys again": a family named by its surname, typed in lower case
_LOWER_FAMILY = re.compile(r"\b(?i:the)[ ]+(?P<w>[a-z]{4,20})s(?:'|\u2019)?(?![A-Za-z0-9'\u2019\-])")
# 'her husband's name was spelt "Chandrabahadur" on one record': a name as a record spells it
_NAME_SPELT = re.compile(
    r"\bname[ ]+(?:is|was|'s|has[ ]been|had[ ]been|got)[ ]+(?:spelt|spelled|written|typed|entered|recorded|misspelt"
    r"|misspelled)[ ]+(?:as[ ]+)?(?:\\?[\"\u201c'\u2018])?(?P<w>[A-Z][A-Za-z'\u2019\-]{1,30})"
)
# "your referral here from sakiusa, the care navigator": a lower-case name, then who the person is
_LOWER_THEN_ROLE = re.compile(
    r"(?<![A-Za-z0-9@_./\-'\u2019])(?P<w>[a-z]{3,15}),[ ]+(?:the|our|my|his|her|their|your|a|an)[ ]+"
    r"(?:[a-z\-]+[ ]+)?(?:navigator|nurse|worker|officer|manager|coordinator|co-ordinator|doctor|gp|consultant"
    r"|therapist|physio|carer|advocate|interpreter|receptionist|chaplain|padre|pharmacist|midwife|visitor"
    r"|paramedic|admin|administrator|lead|matron|psychologist|psychiatrist|counsellor|caseworker|clerk|warden"
    r"|sergeant|corporal|officer|neighbour|friend|cousin|uncle|aunt|auntie|nephew|niece)\b"
)
# "leanne: bob's one of our volunteers": a lower-case name and who the person is to us
_LOWER_ONE_OF_OUR = re.compile(
    r"(?<![A-Za-z0-9@_./\-'\u2019])(?P<w>[a-z]{2,15})(?:'s|\u2019s|[ ]is|[ ]was)[ ]+(?:one[ ]+of[ ]+)?"
    r"(?:our|the|my|your|their)[ ]+(?:new[ ]+|lead[ ]+|senior[ ]+|main[ ]+|best[ ]+|regular[ ]+)?"
    r"(?:volunteers?|nurses?|carers?|workers?|residents?|clients?|patients?|members?|drivers?|admins?|students?"
    r"|peer[ ]supporters?|befrienders?|therapists?|physios?|mentors?|buddies|buddy|managers?|leads?)\b"
)
# "Abi - see below. I think we need…": a reply that opens by naming whom it answers
_NAME_DASH_REPLY = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<w>[A-Z][a-z]{1,15})[ ]+[\-\u2013][ ]+(?:see|can|could|please|pls|thanks|thank"
    r"|re|fyi|just|are|did|have|any|yes|no|agree|agreed|good|great|sorry)\b",
    re.MULTILINE,
)
# "My name's Michael Joseph Ward, date of birth …": a person says their name, every word of it a name's
# (a surname that is a building's word too, "Ward", "Hall", stays part of it)
_MY_NAME_IS = re.compile(
    r"\b(?i:my|his|her|their|the|your)[ ]+name(?:[ ]+(?:is|was)|'s|\u2019s)[ ]+(?:(?i:actually|really)[ ]+)?"
    r"(?P<n>[A-Z][a-z'\u2019\-]+(?:[ ]+(?:(?:de|van|von|der|da|di|du|la|le|bin|al|ap|ni|nic|mac)[ ]+)?"
    r"(?:Mc|Mac|O')?[A-Z][A-Za-z'\u2019\-]+){0,3})"
)
# "Lemmy – sorry, that's what we call Dad – he was…": a name, then that it is what someone is called
_WHAT_WE_CALL = re.compile(
    r"(?P<w>[A-Z][a-z'\u2019\-]{1,15})[ ]*[\-\u2013\u2014,(]+[ ]*(?:sorry,?[ ]+)?(?:that's|that\u2019s|that[ ]is|it's"
    r"|it\u2019s|which[ ]is)[ ]+what[ ]+(?:we|they|I|everyone|the[ ]kids|the[ ]family)[ ]+call(?:ed)?[ ]+"
)
# "recorded twice under two surnames (Price / Lovell)", "known by two names (Jade and Jodie)": names in brackets
_NAMES_IN_BRACKETS = re.compile(
    r"\b(?i:surnames?|names|first[ ]names|spellings|aliases)\)?[ ]*"
    r"\((?P<list>[A-Z][A-Za-z'\u2019\-]+(?:[ ]*(?:/|,|&|and|or)[ ]*[A-Z][A-Za-z'\u2019\-]+){1,4})\)"
)
# "the patient label said ZEKIYE KEMAL 2249289891": a name in capitals, as a label prints it, before the number
# or date that identifies the person
_CAPS_NAME_BEFORE_ID = re.compile(
    r"(?<![A-Za-z0-9])(?P<n>[A-Z][A-Z'\-]{1,20}(?:,?[ ]+(?!(?:DOB|NHS|MRN|CHI|HOSP)\b)[A-Z][A-Z'\-]{1,20}){1,2}),?[ ]+"
    r"(?=[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}(?![0-9])|\(?(?:DOB|D\.O\.B|NHS|MRN|CHI|Hosp|HOSP|H&C)\b)"
)
# letters that casefolding keeps apart from their plain form ("Łukasz", "Øystein")
_LETTERS_APART = str.maketrans({"\u0142": "l", "\u00f8": "o", "\u0111": "d", "\u00f0": "d", "\u00fe": "t"})
# "luky (lukas) wet the bed", "Luki (Łukasz) said": a short name and, in brackets, the name it is short for
_SHORT_THEN_FULL = re.compile(
    r"(?<![\w@./\-'\u2019])(?P<nick>[^\W\d_][^\W\d_]{1,14})[ ]*\((?P<full>[^\W\d_][^\W\d_'\u2019\-]{2,20})\)"
)
# "Next one HOLDSWORTH A-L – ANC 2.4": a surname in capitals and the initials, as a clinic list writes people
_CAPS_SURNAME_INITIALS = re.compile(
    r"(?<![A-Za-z0-9])(?P<s>[A-Z]{3,20}),?[ ]+(?P<i>[A-Z](?:[.\-][A-Z])?\.?)(?![A-Za-z0-9&])"
)
# "Who: Grandparents (Haigh)", "the foster carers (Chaudhry)": relations and, in brackets, their surname
_RELATIONS_THEN_SURNAME = re.compile(
    rf"\b(?i:(?:{_RELATION_ALT})s?|grandparents|parents|foster[ ]carers|carers|family)[ ]*"
    r"\((?P<w>[A-Z][a-z'\u2019\-]{2,20})\)"
)
_NOT_MONTH_BEFORE = re.compile(
    r"(?i:\b(?:of|in|on|by|since|until|till|from|to|end|early|mid|late|last|next|this|before|after))[ ]+$"
)


def _first_ok(w: str, allow: frozenset[str]) -> bool:
    """``w`` (folded) is a listed first name and no stop, clinical, label, month, title or place word."""
    return w in all_first_names() and w not in allow and not never_a_name(w) and not is_place(w)


def _never(w: str, allow: frozenset[str]) -> bool:
    """``w`` (folded) is never a name here: allowed, a stop, clinical, label, title or relation word."""
    return w in allow or never_a_name(w) or w in RELATION_NOUNS


def _first_ok_surname(w: str) -> bool:
    """``w`` (folded) can be a surname here: no stop, clinical, label or place word."""
    return w not in STOP_WORDS and w not in NAME_STOP and w not in LABEL_WORDS and not is_place(w)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def propose_informal_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names that kinship idioms, brackets and fast typing mark (see the module's docstring).

    Lower-case names are returned capitalised: the caller matches them in any case.
    """
    out: list[str] = []
    if "(" in text:
        for m in _BRACKETED_LOWER.finditer(text):
            if not _RELATION_END.search(text, max(0, m.start() - 30), m.start()):
                continue
            w = fold_word(m.group("w"))
            if _first_ok(w, allow) and w not in RELATION_NOUNS and zipf(w) < 5.0:
                out.append(_cap(m.group("w")))
        for m in _NAME_THEN_RELATION.finditer(text):
            w = fold_word(m.group("w"))
            if _first_ok(w, allow) and w not in RELATION_NOUNS and w not in COMMON_WORD_NAMES and zipf(w) < 4.5:
                out.append(_cap(m.group("w")))
    for m in _OUR_NAME.finditer(text) if "ur " in text or "or " in text else ():
        w = fold_word(m.group("w"))
        if _first_ok(w, allow) and w not in RELATION_NOUNS and (w not in COMMON_WORD_NAMES or zipf(w) < 4.0):
            out.append(m.group("w"))
    for m in _LOWER_DOUBLE_FIRST.finditer(text) if "-" in text else ():
        a, b = fold_word(m.group("a")), fold_word(m.group("b"))
        both = _first_ok(a, allow) and _first_ok(b, allow)
        if both and not (a in COMMON_WORD_NAMES and b in COMMON_WORD_NAMES) and max(zipf(a), zipf(b)) < 5.0:
            out.append(f"{_cap(m.group('a'))}-{_cap(m.group('b'))}")
    for m in _LOWER_BEFORE_VERB.finditer(text):
        w = fold_word(m.group("w"))
        if w in first_names() and _first_ok(w, allow) and w not in COMMON_WORD_NAMES and zipf(w) < 3.3:
            out.append(_cap(m.group("w")))
    for m in _NICK_BEFORE_FULL.finditer(text) if ", " in text else ():
        nick, first, last = (fold_word(m.group(g)) for g in ("nick", "first", "last"))
        full = first in first_names() and last in surnames() and _first_ok(first, allow)
        if full and (nick in SHORT_NAMES or _first_ok(nick, allow)) and nick not in allow:
            out += [m.group("nick"), f"{m.group('first')} {m.group('last')}"]
    if "(" in text:
        for m in _FULL_THEN_CAPS.finditer(text):
            first, last = fold_word(m.group("first")), fold_word(m.group("last"))
            full = first in first_names() and last in surnames() and _first_ok(first, allow)
            if full and m.group("nick") not in NOT_PERSON_INITIALS:
                out += [f"{m.group('first')} {m.group('last')}", m.group("nick")]
        for m in _FIRST_THEN_CAPS.finditer(text):
            first, nick = fold_word(m.group("first")), m.group("nick")
            if _first_ok(first, allow) and nick[0] == m.group("first")[0] and nick not in NOT_PERSON_INITIALS:
                out += [m.group("first"), nick]
        for m in _NAME_THEN_WHO.finditer(text):
            if _first_ok(fold_word(m.group("w")), allow):
                out.append(m.group("w"))
        for m in _INITIALS_THEN_RECORD.finditer(text):
            out.append(m.group("w"))
        for m in _LOWER_THEN_SURNAME.finditer(text):
            w, last = fold_word(m.group("w")), fold_word(m.group("last"))
            namelike = last in surnames() or (zipf(last) < 3.0 and name_probability(m.group("last")) >= 0.5)
            first = m.group("first")
            if first is not None and not _first_ok(fold_word(first), allow):
                continue
            if _first_ok(w, allow) and w not in COMMON_WORD_NAMES and namelike and _first_ok_surname(last):
                out += [_cap(m.group("w")), f"{first} {m.group('last')}" if first else m.group("last")]
        for m in _TITLED_THEN_FIRST.finditer(text):
            w = fold_word(m.group("w"))
            if _first_ok(w, allow) and w not in RELATION_NOUNS:
                out.append(_cap(m.group("w")))
    for m in _QUOTED_CAPS_NAME.finditer(text):
        w = fold_word(m.group("w"))
        if m.group("w") in NOT_PERSON_INITIALS or _never(w, allow) or is_place(w):
            continue
        if w in first_names() or (w in surnames() and zipf(w) < 4.0):
            out.append(m.group("w"))
    for m in _NOUN_NATION_NAME.finditer(text) if ", " in text else ():
        nation, w = fold_word(m.group("nation")), fold_word(m.group("w"))
        nationality = nation in COMMUNITY_WORDS or nation in LANGUAGES or nation.endswith(("an", "ish", "ese", "i"))
        if nationality and not _never(w, allow) and not is_place(w) and (w in all_first_names() or zipf(w) < 3.0):
            out.append(m.group("w"))
    for m in _CALLS_SELF.finditer(text) if "name" in text or "call" in text else ():
        w = fold_word(m.group("w"))
        if not _never(w, allow) and not is_place(w):
            out.append(m.group("w"))
    for m in _NAME_IN_PAPERS.finditer(text):
        w = fold_word(m.group("w"))
        if not _never(w, allow) and not is_place(w) and (w in all_first_names() or w in surnames() or zipf(w) < 3.0):
            out.append(m.group("w"))
    for m in _ONE_WORD_SENTENCE.finditer(text):
        if not _RELATION_END.search(text, max(0, m.start() - 30), m.start()):
            continue
        w = fold_word(m.group("w"))
        # a month's short form too ("Jan."): after a relation, alone, it is that person
        if w in all_first_names() and w not in allow and w not in STOP_WORDS and w not in RELATION_NOUNS:
            out.append(m.group("w"))
    for m in _QUOTED_THEN_CALLED.finditer(text) if "call" in text else ():
        w = fold_word(m.group("w"))
        if w not in allow and w not in STOP_WORDS and w not in NAME_STOP and w not in RELATION_NOUNS:
            out.append(m.group("w"))
    for m in _NAME_IN_ROOM.finditer(text) if " in " in text else ():
        w = fold_word(m.group("w"))
        # a listed first name, or a rare word that no list has ("Paulie")
        rare = zipf(w) < 3.5 and name_probability(m.group("w")) >= 0.9 and not _never(w, allow) and not is_place(w)
        if _first_ok(w, allow) or rare:
            out.append(m.group("w"))
    for m in _LOWER_FAMILY.finditer(text) if "s" in text else ():
        w = m.group("w")
        # a listed surname whose plural no dictionary has ("the bakers", "the nurses" stay), or a rare word that
        # reads as a name ("dochertys")
        if _never(w, allow) or is_place(w) or is_place(w + "s") or w in all_first_names():
            continue
        plural = zipf(w + "s")
        listed = w in surnames() and zipf(w) < 4.2 and plural < 1.0  # not "the sawyers" (a saw crew)
        if listed or (zipf(w) < 2.5 and plural < 1.0 and name_probability(w) >= 0.8):
            out.append(_cap(w) + "s")
            out.append(_cap(w))
    for m in _NAME_SPELT.finditer(text) if "name" in text else ():
        w = fold_word(m.group("w"))
        if not _never(w, allow) and not is_place(w):
            out.append(m.group("w"))
    for m in _LOWER_THEN_ROLE.finditer(text) if ", " in text else ():
        w = m.group("w")
        # a word no dictionary has that reads as a name ("sakiusa"), or a listed first name that is no word
        rare = zipf(w) < 2.0 and name_probability(w) >= 0.6
        if not _never(w, allow) and not is_place(w) and (rare or (w in first_names() and zipf(w) < 3.5)):
            out.append(_cap(w))
    for m in _LOWER_ONE_OF_OUR.finditer(text):
        w = m.group("w")
        # the cue is strong: an everyday word that is a name too ("bob") is the person here
        if _first_ok(w, allow) and w not in RELATION_NOUNS and zipf(w) < 5.0:
            out.append(_cap(w))
    for m in _NAME_DASH_REPLY.finditer(text) if " - " in text or " \u2013 " in text else ():
        w = fold_word(m.group("w"))
        listed = _first_ok(w, allow) and w not in COMMON_WORD_NAMES and zipf(w) < 4.5
        rare = zipf(w) < 3.5 and name_probability(w) >= 0.7 and not _never(w, allow) and not is_place(w)
        if (listed or rare) and w not in RELATION_NOUNS:
            out.append(m.group("w"))
    for m in _MY_NAME_IS.finditer(text) if "name" in text else ():
        words = m.group("n").split()
        while words and fold_word(words[0]) in TITLES:  # "My name is Sister Agnes"
            words.pop(0)
        # a word a name list or a building has ("Ward", "Hall") stays part of a name said whole; no stop word
        said = bool(words) and not any(fold_word(w) in allow or fold_word(w) in STOP_WORDS for w in words)
        if said and (len(words) > 1 or not (_never(fold_word(words[0]), allow) or is_place(fold_word(words[0])))):
            out.append(" ".join(words))
    for m in _WHAT_WE_CALL.finditer(text) if "call" in text else ():
        w = fold_word(m.group("w"))
        if not _never(w, allow) and not is_place(w):
            out.append(m.group("w"))
    for m in _NAMES_IN_BRACKETS.finditer(text) if "(" in text else ():
        for word in re.split(r"[ ]*(?:/|,|&|\band\b|\bor\b)[ ]*", m.group("list")):
            if word and not _never(fold_word(word), allow) and not is_place(fold_word(word)):
                out.append(word)
    for m in _CAPS_NAME_BEFORE_ID.finditer(text):
        words = [w.strip(",") for w in m.group("n").split()]
        folded = [fold_word(w) for w in words]
        if any(w in NOT_PERSON_INITIALS or len(w) < 2 for w in words) or any(_never(f, allow) for f in folded):
            continue
        if any(is_place(f) for f in folded):
            continue
        if any(f in all_first_names() or f in surnames() or name_probability(f) >= 0.5 for f in folded):
            out.extend(words)
    for m in _SHORT_THEN_FULL.finditer(text) if "(" in text else ():
        nick, longer = m.group("nick"), m.group("full")
        n, f = fold_word(nick).translate(_LETTERS_APART), fold_word(longer).translate(_LETTERS_APART)
        # the two begin alike ("luky", "lukas"; "bex", "rebecca" is left to the listed-name rules)
        if n[:2] != f[:2] or n == f or _never(n, allow) or _never(f, allow) or is_place(f):
            continue
        listed = _first_ok(fold_word(longer), allow) or _first_ok(f, allow)
        if listed and f not in COMMON_WORD_NAMES and zipf(f) < 4.0 and zipf(n) < 4.5:
            out += [_cap(nick), _cap(longer)]
    for m in _CAPS_SURNAME_INITIALS.finditer(text):
        w = fold_word(m.group("s"))
        if (
            w in surnames()
            and zipf(w) < 4.0
            and not _never(w, allow)
            and not is_place(w)
            and m.group("s") not in NOT_PERSON_INITIALS
        ):
            out.append(m.group("s"))
    for m in _RELATIONS_THEN_SURNAME.finditer(text) if "(" in text else ():
        w = fold_word(m.group("w"))
        if not _never(w, allow) and not is_place(w) and ((w in surnames() and zipf(w) < 4.0) or zipf(w) < 2.5):
            out.append(m.group("w"))
    for m in _NAME_THEN_STATE.finditer(text):
        w = fold_word(m.group("w"))
        # a listed first name, an everyday word too ("hazel", "Victor"), but no relation ("Mum v grateful")
        if _first_ok(w, allow) and w not in RELATION_NOUNS:
            out.append(_cap(m.group("w")))
    if "Dec" in text or "Jan" in text or "Jun" in text:
        for m in _MONTH_NAME_SUBJECT.finditer(text):
            if not _NOT_MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                out.append(m.group("w"))
        for m in _MONTH_NAME_FULL.finditer(text):
            if _NOT_MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            last = fold_word(m.group("last"))
            if last in surnames() and last not in STOP_WORDS and last not in NAME_STOP and not is_place(last):
                out.append(f"{m.group('w')} {m.group('last')}")
    return out


_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9@_./\-'\u2019])[a-z]{4,15}(?![A-Za-z0-9@_\-])")


def stt_spellings(text: str, found_words: set[str], allow: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case words that speech-to-text made of a found name ("that's horrible kwarmy": Kwame speaks).

    A word no dictionary has (Zipf < 1.0), of 4+ letters, that begins with the same
    letter as a found name word of 4+ letters, is within two letters of its length and shares most of its
    letters in order (difflib ratio 0.7 or more), and reads as a name (:func:`name_probability` 0.5 or more).
    """
    from difflib import SequenceMatcher

    # found words that are names of the lists (not "Fireline" that a rule took in a wildfire report)
    names = {fold_word(w) for w in found_words if len(w) >= 4}
    names = {n for n in names if n.isalpha() and (n in all_first_names() or n in surnames())}
    names = {n for n in names if n not in STOP_WORDS and n not in NAME_STOP}
    if not names:
        return []
    by_letter: dict[str, list[str]] = {}
    for n in names:
        by_letter.setdefault(n[0], []).append(n)
    out: list[str] = []
    seen: set[str] = set()
    for m in _LOWER_WORD.finditer(text):
        w = m.group(0)
        if w in seen or w in names:
            continue
        seen.add(w)
        # the cheap tests first: a found name of its first letter and about its length
        near = [n for n in by_letter.get(w[0], ()) if abs(len(n) - len(w)) <= 2]
        if not near or w in allow or zipf(w) >= 1.0 or w in NAME_STOP or is_place(w):
            continue
        if any(SequenceMatcher(None, w, n).ratio() >= 0.7 for n in near) and name_probability(w) >= 0.5:
            out.append(_cap(w))
    return out
