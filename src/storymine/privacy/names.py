"""Person-name recognisers: rules that find names, and the index that finds every occurrence.

Finding names is split in two. Recognisers (title patterns, relation patterns, speaker labels,
metadata fields, the spaCy tagger) only *propose names*. :class:`NameIndex` then finds every
whole-word occurrence of each proposed name in all texts of the document: the full name with
flexible separators ("Doreen Hartley", "doreen.hartley", "DOREEN-HARTLEY") and its parts alone
("Doreen", "Hartley"). This is what makes placeholders consistent and catches the mentions a
tagger misses.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storymine.privacy.frequency import zipf as _zipf
from storymine.privacy.namelike import name_probability
from storymine.privacy.patterns import STREET_SUFFIX, Finding
from storymine.privacy.vocab import (
    CAR_MODELS,
    CHARITIES,
    CLINICAL_TERMS,
    COMMON_WORD_NAMES,
    COMMUNITY_WORDS,
    CSV_PERSON_COLUMNS,
    DAYS,
    DEVICE_BRANDS,
    EPONYMS,
    EXTRA_STOP_WORDS,
    FAITH_WORDS,
    KIN_ADJECTIVES,
    LABEL_WORDS,
    LANGUAGES,
    MONTHS,
    NAME_PARTICLES,
    PILL_BRANDS,
    PLATFORMS,
    RELATION_NOUNS,
    ROLE_LABEL_WORDS,
    TITLES,
    UK_MEDICINE_BRANDS,
)

try:  # spaCy is a core dependency; its stop words need no model.
    from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP
except ImportError:  # pragma: no cover - spaCy missing
    _SPACY_STOP = set()

STOP_WORDS: frozenset[str] = frozenset(w.casefold() for w in _SPACY_STOP) | EXTRA_STOP_WORDS


def _load_list(name: str) -> frozenset[str]:
    path = Path(__file__).with_name("data") / name
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


# Drug names, generic and brand, one word each, folded (``data/drugs.txt``): "oramorph", "epclusa".
DRUG_NAMES: frozenset[str] = _load_list("drugs.txt")
# Everyday Welsh, Gaelic, Irish and Cornish words and place names (``data/celtic_words.txt``): "diolch", "nyrs".
CELTIC_WORDS: frozenset[str] = _load_list("celtic_words.txt")
# Words never proposed as names alone: months, days, clinical and label words, languages, drug names.
NAME_STOP: frozenset[str] = (
    MONTHS
    | DAYS
    | CLINICAL_TERMS
    | LABEL_WORDS
    | LANGUAGES
    | DRUG_NAMES
    | CELTIC_WORDS
    | PLATFORMS
    | CHARITIES
    | CAR_MODELS
    | PILL_BRANDS
    | UK_MEDICINE_BRANDS
    | DEVICE_BRANDS
    | FAITH_WORDS
)

# Latin letters with accents beyond Latin-1 too (Žydrė, Łukasz, Şükrü, Đặng, Nguyễn): Latin Extended-A and -B
# and Latin Extended Additional (Vietnamese).
_LATIN_EXTRA = [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(c for c in map(chr, _LATIN_EXTRA) if c.isupper())
_LO = "a-z\u00df-\u00f6\u00f8-\u00ff" + "".join(c for c in map(chr, _LATIN_EXTRA) if c.islower())
# One name word: Doreen, O'Neill, McDonald, Smith-Jones, José.
NAME_WORD = (
    rf"(?:(?:al|el|ul|bin|ibn|abu|ben|de|di|da|du|van|von|le|la|d|o)[\-'\u2019])?"
    rf"(?:[{_UP}]['\u2019])?[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)?"
)
_PARTICLE_ALT = (
    r"(?:de|del|dela|della|la|le|van|von|der|den|da|das|dos|di|du|ap|ab|ni|n\u00ed|nic|mac|bin|binti|al|el|y)"
)
# A lower-case word that may be a name when a strong cue stands before it ("my colleague dimitra").
_LOWER_WORD = rf"[{_LO}][{_LO}'\u2019\-]{{1,24}}"
_INITIAL = rf"[{_UP}]\.?"
_TITLE_ALT = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sister|Nurse|Matron|Rev|Revd|Reverend|Father"
    r"|Sir|Dame|Lady|Lord|Cllr|Councillor|Captain|Capt|Major|Mister|Missus|Missis"
)
_TITLED = re.compile(
    # a title typed in lower case before a capitalised name too ("mr and mrs Fieldsend")
    rf"(?<![A-Za-z])(?:{_TITLE_ALT}|mr|mrs|ms|mx|dr|mister|missus)\.?[ ]+"
    rf"(?P<name>(?:{_INITIAL}[ ]+){{0,2}}(?:(?:ap|ab|de|van|von|da|di|du|le|la|ni|n\u00ed|nic|bin|al|el)[ ]+)?"
    # a given name with a lower-case part after its hyphen ("Dr Ji-woo Park", "Mrs Seo-yeon Kim")
    rf"(?:[{_UP}][{_LO}]+-[{_LO}]{{2,}}(?![{_UP}{_LO}\-])|{NAME_WORD})(?:[ ]+{NAME_WORD}){{0,2}})"
)
# A surname in capitals after a title, as on labels and request forms: "Mrs O'SULLIVAN", "Mr MCALLISTER".
_TITLED_CAPS = re.compile(
    rf"(?<![A-Za-z])(?:{_TITLE_ALT})\.?[ ]+"
    rf"(?P<name>(?:[{_UP}]['\u2019])?[{_UP}]{{3,}}(?:-[{_UP}]{{3,}})?)(?![{_UP}{_LO}])"
)
# In lower case only the titles that are not also common words ("the major haemorrhage box", "sister ward").
_TITLED_LOWER = re.compile(
    r"(?<![A-Za-z])(?i:mr|mrs|ms|miss|mx|dr|prof|mister|missus|missis|doctor)\.?[ ]+"
    rf"(?P<name>{_LOWER_WORD}(?:[ ]+{_LOWER_WORD}){{0,2}})(?![{_LO}{_UP}])"
)
_REL_ALT = "|".join(re.escape(w).replace("_", "[ ]") + "s?" for w in sorted(RELATION_NOUNS, key=len, reverse=True))
_RELATION = re.compile(
    r"(?<![A-Za-z])(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir|[Aa]n?|[Tt]he|[Yy]our|[Tt]his|[Tt]hat)[ ]+"
    r"(?:(?:new|old|young|elderly|lovely|late|former|best|eldest|youngest|older|younger|little|"
    r"dear|older|lead|senior|junior|student|other)[ ]+)?"
    rf"(?:{_REL_ALT})(?:,[ ]*|[ ]+(?:called|named|known[ ]as)[ ]+|[ ]+)"
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)"
)
# "a CAMHS worker, Bethany,", "his YOT worker, Jordan,": a team's worker named in apposition
_TEAM_WORKER = re.compile(
    r"(?<![A-Za-z])(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir|[Aa]n?|[Tt]he|[Yy]our)[ ]+[A-Z]{2,6}[ ]+worker,[ ]+"
    rf"(?P<name>{NAME_WORD})(?=,)"
)
# "thanks to amir and seun", "shout out to bev": lower-case names after thanks (each checked as uncommon).
_THANKS_LOWER = re.compile(
    r"(?<![A-Za-z])(?i:thanks|thank[ ]you|cheers|shout[ -]?out|big[ ]up|kudos|well[ ]done)(?i:[ ]+to)?[ ,]+"
    rf"(?P<name>{_LOWER_WORD})(?![{_LO}{_UP}])"
)
_THANKS_LOWER_2 = re.compile(
    r"(?<![A-Za-z])(?i:thanks|thank[ ]you|cheers|shout[ -]?out|kudos|well[ ]done)(?i:[ ]+to)?[ ,]+"
    rf"{_LOWER_WORD}[ ]+(?:and|&)[ ]+(?P<name>{_LOWER_WORD})(?![{_LO}{_UP}])"
)
_RELATION_LOWER = re.compile(
    r"(?:(?<![A-Za-z])(?i:my|our|her|his|their|your)|[A-Za-z](?:'s|\u2019s))[ ]+"
    r"(?:(?i:new|old|lovely|late|former|best|lead|senior|junior|student|other)[ ]+)?"
    rf"(?i:{_REL_ALT})[ ,]+(?P<name>{_LOWER_WORD})(?![{_LO}{_UP}])"
)
# "the granddaughter is lily, only 15", "her son's called dean.": a relation's name said in lower case after "is"
_RELATION_IS_LOWER = re.compile(
    rf"(?<![A-Za-z])(?i:the|my|our|her|his|their|your)[ ]+(?i:{_REL_ALT})[ ]*(?:[ ]is|[ ]was|'s|\u2019s)[ ]+"
    rf"(?:(?:called|named)[ ]+)?(?P<name>[{_LO}][{_LO}'\u2019\-]{{1,20}})(?=[ ]*[,.;!?]|[ ]*$|[ ]+(?:and|who)\b)",
    re.MULTILINE,
)
_SELF_INTRO = re.compile(
    r"(?<![A-Za-z])(?:[Nn]ame[ ]is|[Nn]ame[ ]was|[Nn]ame's|[Nn]ame\u2019s|I'm|I\u2019m|I[ ]am"
    r"|[Tt]his[ ]is|[Ii]t's|[Ii]t\u2019s|[Cc]alled|[Nn]amed|[Kk]nown[ ]as|[Gg]oes[ ]by|[Nn]icknamed)[ ]+"
    r"[\"'\u201c\u2018]?"  # 'likes to be called "Minnie"'
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)"
)
_VERBS = (
    r"said|says|told|asked|rang|phoned|called|texted|emailed|messaged|replied|explained|noticed"
    r"|spotted|suggested|wrote|agreed|shouted|whispered|laughed|smiled|nodded|cried|saved|helped"
    r"|knows|knew|remembered|insisted|admitted|answered|reassured|apologised|apologized"
    r"|raised|mentioned|thought|felt|came|went|arrived|left|took|gave|brought|started|stopped|checked"
    r"|found|saw|looked|walked|sat|stood|wanted|needed|decided|tried|kept|got|made|pointed|flagged"
    r"|escalated|documented|handed|covered|joined|sent|rang|rings|calls|asks|says|thinks|feels|wants"
    r"|wondered|worried|realised|realized|couldn't|didn't|wasn't|doesn't|won't|hasn't|hadn't"
    r"|died|passed|fell|collapsed|deteriorated|recovered|refused|declined|picked|caught|covered|rang|led"
    r"|chaired|ran|runs|shadowed|supervised|mentored|trained|taught|showed|warned|sorted|fixed"
)
_CONTEXT_PATTERNS = (
    # "Winston said", "Charlotte saved that man's life"
    re.compile(rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)[ ]+(?:{_VERBS})\b"),
    # "Wojciech, his brother, rang": a name before a relation or role in apposition
    re.compile(rf"(?P<name>{NAME_WORD}),[ ]+(?:[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y|[Tt]he)[ ]+(?:{_REL_ALT})\b"),
    # "Felicity and I", "me and Bev"
    re.compile(rf"(?P<name>{NAME_WORD})[ ]+and[ ]+(?:I|me)\b"),
    re.compile(rf"\b(?=[MmI])(?:[Mm]e|I)[ ]+and[ ]+(?P<name>{NAME_WORD})\b"),
    # "Thanks Priya", "Hi, Tom", "Morning Jo"
    re.compile(
        r"\b(?=[TtCcHhMmSsWwBb])(?:[Tt]hanks|[Tt]hank[ ]you|[Cc]heers|[Hh]i|[Hh]ello|[Hh]ey|[Mm]orning"
        rf"|[Ss]orry|[Ww]ell[ ]done|[Bb]ye)[ ,]+(?P<name>{NAME_WORD})\b"
    ),
    # "Everyone round here knows Smudge", "we call him Tiny", "she calls herself Bee": what a person is called
    re.compile(
        r"\b(?i:(?:everyone|everybody|all)(?:[ ]+(?:round|in|at|on)[ ]+(?:here|there|[A-Z][a-z]+))?[ ]+(?:knows|knew)"
        r"|(?:call|calls|called|calling)[ ]+(?:him|her|them|himself|herself|themselves|me"
        r"|(?:her|his|their|my|our)[ ]+(?:dad|mum|mam|father|mother|husband|wife|son|daughter|nan|gran|grandad))"
        # "one they call 'Tiny'", "a seller who called himself Big Lenny"
        r"|(?:they|we|people|everyone|everybody|kids|lads|girls|staff)[ ]+(?:call|called)(?=[ ]+['\"\u2018\u201c]))"
        r"[ ]+['\"\u2018\u201c]?(?:(?:Big|Wee|Little|Young|Old)[ ]+)?"
        rf"(?P<name>{NAME_WORD})\b"
    ),
    # a name given in place of the real one, then who they are: "I'll just say Winston, Jamaican gentleman",
    # "let's say Dorothy, 80s": a name all the same (often the person's own)
    re.compile(
        r"\b(?i:(?:i'll|i\u2019ll|i[ ]will|we'll|we\u2019ll|let's|let\u2019s|let[ ]us)(?:[ ]+just)?[ ]+(?:say|call)"
        r"(?:[ ]+(?:him|her|them))?)"
        rf"[ ]+(?P<name>{NAME_WORD})(?=,|[ ]+(?:for[ ]+now|for[ ]+short)|[ ]+\()"
    ),
    # a name and an age: "Lady I visited today (Hansaben, 66)", "The girls (Keeley, 15, and Amber-Rose, 16)"
    re.compile(
        rf"(?:\(|(?<=[,;][ ])|(?<=\band[ ]))(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?),[ ]*(?:aged[ ]+)?"
        # a baby's age too: "the new baby (Sofia, 3 weeks)", "(Musa, 10 days)"
        r"(?:[1-9][0-9]?(?:[ ]*(?:yrs?|years?|y/?o|weeks?|wks?|days?|months?|mths?|m|w|d)(?:[ ]old)?)?"
        r"|(?:Year|Yr|Y)[ ]?[0-9]{1,2})(?=[ ]*[,)])"
    ),
    # "everyone says its Tyler", "I think it was Kayden"
    re.compile(
        r"\b(?:says|said|say|think|thinks|thought|reckon|reckons|reckoned|heard)[ ]+(?:it's|its|it\u2019s|it[ ]is"
        rf"|it[ ]was)[ ]+(?P<name>{NAME_WORD})\b"
    ),
    # a role, then the name in brackets: "the health adviser (Gabi)", "our peer worker (Tomasz)"
    re.compile(
        r"\b(?:the|my|our|his|her|their|a)[ ]+(?:[a-z]+[ ]+)?(?:[a-z]+(?:er|or|ist|ian|nurse|worker|officer|lead|GP)"
        rf"|{_REL_ALT})[ ]+\((?P<name>{NAME_WORD})\)"
    ),
    # "ask for Bev", "spoke to Albert", "rang Gary"
    re.compile(
        r"\b(?=[AaSsTtRrPpEeMmVv])(?i:ask(?:ed)?[ ]for|(?:speak|spoke|speaking|talk|talked|talking)[ ]to"
        rf"|rang|phoned|texted|emailed|messaged|told|asked|visited|reassured)[ ]+(?P<name>{NAME_WORD})\b"
    ),
    # "Her mum is Grace who works in pharmacy": a word said to be someone who does what people do
    re.compile(
        rf"\b(?:is|was|called|named|and|with|by|to)[ ]+(?P<name>{NAME_WORD})[ ]+who[ ]+(?:works|worked|lives|lived"
        r"|runs|ran|helped|helps|came|comes|does|did|had|has|looks|looked|used)\b"
    ),
    # a name spoken to between commas after a word that opens what is said to someone: "look, Sunitinha, Rolex",
    # "listen, Bev, it's fine"
    re.compile(
        rf"\b(?i:look|listen|see|oh|well|yes|yeah|no|hey|hiya|thanks|sorry|right|okay|ok|honestly),[ ]+"
        rf"(?!(?:God|Gosh|Jesus|Christ|Lord|Heavens|Dear|Mate|Love|Pet|Hun|Babe|Sir|Madam|Guys|Folks)\b)"
        rf"(?P<name>{NAME_WORD}),[ ]"
    ),
    # Vocatives at the end of a sentence: "Go for it, Seun.", "Well said, Bev!"
    re.compile(rf"(?<=[a-z!?]),[ ]+(?P<name>{NAME_WORD})(?=[ ]*[.!?]|[ ]*$)", re.MULTILINE),
    # "handed over to Priya", "with Tomasz", "for Gurpreet" at the end of a sentence
    re.compile(
        rf"\b(?:handed[ ]over[ ]to|over[ ]to|back[ ]to|with|for|by)[ ]+(?P<name>{NAME_WORD})(?=[ ]*[.!?;]|[ ]*$)",
        re.MULTILINE,
    ),
    # "Lucía, you were going to start?" at the start of a turn or sentence
    re.compile(
        rf"(?:^|(?<=[.!?:\-\u2013] ))(?P<name>{NAME_WORD}),[ ]+(?i:you|can|could|would|do|did|are|have|will|what|how"
        r"|is|was|thanks|thank|over|go|any|anything|your)\b",
        re.MULTILINE,
    ),
    # "Tariq here, joining from the car" at the start of a turn or sentence
    re.compile(rf"(?:^|(?<=: )|(?<=[.!?] ))(?P<name>{NAME_WORD})[ ]+here\b", re.MULTILINE),
)
_VTT_VOICE = re.compile(r"<v(?:\.[^ >\n]{0,40})?[ ]+(?P<name>[^>\n]{1,80})>")
_TIMESTAMP = r"\[?\(?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[.,][0-9]{1,3})?\)?\]?"
_SPEAKER_LINE = re.compile(
    rf"(?m)^[ \t]*(?:{_TIMESTAMP}[ \t]+)?(?:(?:{_TITLE_ALT})\.?[ ]+)?"
    rf"(?P<name>{NAME_WORD}(?:[ ]+(?:{_INITIAL}|{NAME_WORD}|{_PARTICLE_ALT}(?=[ ][{_UP}]))){{0,3}})"
    rf"[ \t]*(?:\([^)\n]{{0,40}}\)[ \t]*)?(?:{_TIMESTAMP}[ \t]*)?:[ \t]"
)
_OTTER_LINE = re.compile(
    rf"(?m)^[ \t]*(?:(?:{_TITLE_ALT})\.?[ ]+)?"
    rf"(?P<name>{NAME_WORD}(?:[ ]+(?:{NAME_WORD}|{_PARTICLE_ALT}(?=[ ][{_UP}]))){{0,3}})"
    rf"[ \t]+{_TIMESTAMP}[ \t]*$"
)
_TEAMS_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<name>{NAME_WORD},[ ]*{NAME_WORD}(?:[ ]+{NAME_WORD})?)[ \t]*(?:\([^)\n]{{0,30}}\)[ \t]*)?"
    rf"(?:{_TIMESTAMP})?[ \t]*$"
)
# "(manager: Bev Okonkwo-Hart)", "chair - Emrys", "led by Hodan": a role label before a name.
_ROLE_LABEL = re.compile(
    r"(?<![A-Za-z])(?i:manager|chair|chaired[ ]by|lead|led[ ]by|sister|matron|contact|supervisor|buddy|coordinator"
    r"|co-ordinator|facilitator|facilitated[ ]by|host|hosted[ ]by|mentor|owner|deputy|key[ ]worker|keyworker"
    r"|named[ ]nurse|gp|consultant|social[ ]worker|link[ ]worker|champion)[ ]*(?:[:\-\u2013=]|is|was)[ ]*"
    rf"(?P<name>{NAME_WORD}(?:[ ]+(?:{NAME_WORD}|{_PARTICLE_ALT})){{0,3}})"
)
# "crewmate of Daf", "buddy to Ifeoma", "son Martin", "wife, Olwen": a relation noun without a determiner.
_RELATION_BARE = re.compile(
    r"(?<![A-Za-z])(?i:son|daughter|wife|husband|partner|brother|sister|mum|mother|dad|father|nephew|niece|grandson"
    r"|granddaughter|colleague|crewmate|buddy|mentor|mentee|carer|neighbour|friend|cousin|aunt|uncle|ex|ex-partner"
    r"|ex-husband|ex-wife|boyfriend|girlfriend|fianc[e\u00e9]e?|stepson|stepdaughter|stepdad|stepmum|gran|nan)"
    r"(?:-in-law)?"
    # after a comma only with a space: "neighbour,Adult Social Care" is two CSV cells
    rf"(?:[ ]+(?i:of|to)[ ]+|,[ ]+|[ ]+)(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)"
)
# "G. Wells", "J Okafor": an initial before a surname.
_INITIAL_SURNAME = re.compile(rf"(?<![A-Za-z.])[{_UP}]\.[ ]?(?P<name>{NAME_WORD})")
# "Lucía de la Fuente 0:10" inside text (a transcript pasted as a story): a name before a time stamp.
_NAME_TIME = re.compile(
    rf"(?:^|(?<=[.!?] )|(?<=\n))(?P<name>{NAME_WORD}(?:[ ]+(?:{NAME_WORD}|{_PARTICLE_ALT})){{0,3}})"
    r"[ ]{1,4}[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\b",
    re.MULTILINE,
)
_PERSON_KEYS = (
    r"author|authors|speaker|speakers|facilitator|facilitators|name|names|presenter|host|chair"
    r"|interviewer|interviewee|storyteller|contributor|contributors|participant|participants"
    r"|written[ _]by|told[ _]by|submitted[ _]by|from|by|attendees|patient[ _]name|staff[ _]name"
)
_KEY_VALUE = re.compile(rf"(?im)^[ \t]*[\"']?(?:{_PERSON_KEYS})[\"']?[ \t]*[:=][ \t]*(?P<value>[^\n]{{1,200}})")
_JSON_VALUE = re.compile(rf"(?i)\"(?:{_PERSON_KEYS})\"[ \t]*:[ \t]*\"(?P<value>[^\"\n]{{1,200}})\"")
_LIST_SPLIT = re.compile(r"[,;&/|]|\band\b|\bwith\b")
_WORD = re.compile(r"[^\W\d_]+")
_PARTICLES = frozenset(NAME_PARTICLES)


def _never_a_name(w: str) -> bool:
    """``w`` (folded) is a stop, clinical, drug, label, title, month or day word (no set is built per call)."""
    return w in STOP_WORDS or w in NAME_STOP or w in TITLES or w in LABEL_WORDS


def fold_word(word: str) -> str:
    """Casefold and drop accents ("Siobhán" -> "siobhan"), so spellings of one name match."""
    w = word.casefold()
    if w.isascii():
        return w
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def name_parts(name: str) -> tuple[str, ...]:
    """Return the folded letter-only words of ``name`` ("O'Neill" -> ("o", "neill"), "José" -> ("jose",))."""
    return tuple(fold_word(w) for w in _WORD.findall(name))


def _is_nameish(word: str) -> bool:
    w = word.casefold()
    # "Son asked", "Wife rang later", "Daughter said": a relation opening a note's sentence is not a name
    return w not in NAME_STOP and w not in STOP_WORDS and w not in TITLES and w not in RELATION_NOUNS


_NICK_ADJECTIVES = frozenset({"big", "wee", "little", "young", "old", "auld", "poor", "dear", "lovely", "baby"})


def clean_name(candidate: str, allow: frozenset[str] = frozenset()) -> str | None:
    """Tidy a proposed name and say whether it can be a person's name.

    Leading titles and role words are dropped ("Ward Manager Jones" -> "Jones"), a possessive
    is removed, and the candidate is rejected (None) when nothing name-like is left, when it
    holds digits or markup, when it is an acronym (``NEWS2``, ``SBAR``), or when it is an
    allowed term.
    """
    text = candidate.strip().strip("\"'`()[]{}<>.,;:!?*#")
    text = re.sub(r"['\u2019]s$", "", text)
    if not text or len(text) > 80 or re.search(r"[0-9_@\[\]<>{}=/\\|]", text):
        return None
    words = text.split()
    nickname = len(words) == 2 and words[0].casefold() in _NICK_ADJECTIVES and words[1][:1].isupper()
    if nickname and not _is_nameish(words[1]) and words[1].casefold() not in allow:
        return text  # "Big Will": the nickname whole (NameIndex never matches the adjective alone)
    # a leading role acronym is not part of the name ("HCA Precious", "OT Bronwen"); two letters may be
    # initials ("DJ Smith"), so only three or more
    while words and (
        not _is_nameish(words[0].strip(".,"))
        # "Big Tel", "Wee Jimmy", "Poor Doreen" (the adjective is not part of the name)
        or (len(words) > 1 and words[0].casefold() in _NICK_ADJECTIVES and _is_nameish(words[1].strip(".,")))
        or words[0].casefold() in allow
        or (len(words) > 1 and re.fullmatch(r"[A-Z]{3,5}[0-9]?", words[0]))
    ):
        words.pop(0)
    while words and (not _is_nameish(words[-1].strip(".,")) or words[-1].casefold() in allow):
        words.pop()
    if not words or len(words) > 5:
        return None
    letters = [w for w in words if re.search(r"[^\W\d_]{2,}", w)]
    if not letters:
        return None
    if all(w.isupper() for w in letters):
        return None
    for w in words:
        if w.casefold() in _PARTICLES:
            continue
        if not w[0].isupper():
            return None
    name = " ".join(words)
    if name.casefold() in allow:
        return None
    return name


# The people an e-mail went to: "To: Devlin, Bobby; Outreach Team", "Cc: McColl, Janice <j.mccoll@…>".
_MAIL_HEADER = re.compile(r"(?m)^[ \t>]*(?:To|TO|Cc|CC|Bcc|BCC)[ \t]*:[ \t]*(?P<value>[^\n]{1,300})")
# a shared mailbox or a team, not a person
_MAIL_GROUP = re.compile(
    r"(?i)\b(?:team|teams|service|services|ward|unit|nhs|trust|mailbox|admin|group|list|hub|office|department"
    r"|dept|centre|center|council|board|panel|inbox|referrals|desk|practice|surgery|all|staff|everyone|rota|duty"
    r"|safeguarding|pharmacy|reception|enquiries|info|governance)\b"
)


def _split_values(value: str) -> Iterator[str]:
    value = value.strip().strip("[]")
    for part in _LIST_SPLIT.split(value):
        part = part.strip().strip("\"'[]()")
        if part:
            yield part


def _csv_person_cells(text: str) -> Iterator[str]:
    """Names from columns called author/speaker/... when ``text`` is a whole CSV file."""
    head, _, _ = text.partition("\n")
    if len(head) > 2000 or "," not in head or len(text) > 20_000_000:
        return
    try:
        header = [h.strip().casefold() for h in next(csv.reader([head]))]
    except (csv.Error, StopIteration):
        return
    cols = [i for i, h in enumerate(header) if h in _CSV_PERSON_COLUMNS]
    if not cols:
        return
    rows = csv.reader(text.splitlines()[1:])
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error:  # an oversized or malformed cell: skip that line, keep going
            continue
        for i in cols:
            if i < len(row) and len(row[i]) <= 200:
                yield from _split_values(row[i])


_CSV_PERSON_COLUMNS = frozenset(CSV_PERSON_COLUMNS)


def propose_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names proposed by the rule recognisers in ``text`` (relations, speakers, fields, Teams labels).

    Names after titles, greetings and role labels come from :func:`propose_titled_names` (stronger
    evidence: the redactor adds them as known names).

    Speaker labels in VTT voice tags (``<v Full Name>``) are taken as names even when they do not
    look like one; everything else goes through :func:`clean_name`.
    """
    out: list[str] = []
    for m in _VTT_VOICE.finditer(text):
        raw = m.group("name").strip()
        name = clean_name(raw, allow)
        if name is None and re.search(r"[^\W\d_]{2,}", raw) and not re.search(r"[0-9]", raw):
            tokens = [t for t in raw.split() if _is_nameish(t)]
            name = " ".join(tokens) if tokens else None
        if name:
            out.append(name)
    for pattern in (_RELATION, _SELF_INTRO) + ((_TEAM_WORKER,) if " worker," in text else ()):
        for m in pattern.finditer(text):
            name = clean_name(m.group("name"), allow)
            if name:
                out.append(name)
    for m in _TEAMS_LINE.finditer(text):
        surname, _, first = m.group("name").partition(",")
        name = clean_name(f"{first.strip()} {surname.strip()}", allow)
        if name:
            out.append(name)
    for pattern in (_SPEAKER_LINE, _OTTER_LINE):
        for m in pattern.finditer(text):
            name = clean_name(m.group("name"), allow)
            # A one-word label ("Outcome: ...") is left to propose_label_names.
            if name and len(name.split()) > 1:
                out.append(name)
    for pattern in (_KEY_VALUE, _JSON_VALUE):
        for m in pattern.finditer(text):
            for value in _split_values(m.group("value")):
                name = clean_name(value, allow)
                if name:
                    out.append(name)
    for m in _ATTENDANCE.finditer(text):
        for value in _split_values(m.group("value")):
            name = clean_name(value, allow)
            if name:
                out.append(name)
    for m in _MAIL_HEADER.finditer(text):  # "To: Devlin, Bobby; Outreach Team", "Cc: McColl, Janice"
        for item in m.group("value").split(";"):
            item = re.sub(r"<[^>]*>|\[[^\]]*\]|[\"']", " ", item).strip()
            if not item or _MAIL_GROUP.search(item):
                continue
            for part in item.split(",") if item.count(",") == 1 else [item]:
                name = clean_name(part, allow)
                if name:
                    out.append(name)
    for value in _csv_person_cells(text):
        name = clean_name(value, allow)
        if name:
            out.append(name)
    return out


# "shiv says always…", "and kwame said": a lower-case word before a verb of speech at a sentence start.
_LOWER_SPEAKER = re.compile(
    r"(?:^|(?<=[ \n]))(?:(?<=[.!?] )|(?<=\n)|(?<=\band )|(?<=\bbut )|(?<=\bthen )|(?<=\bso )|(?<=, )|(?<!.))"
    r"(?P<name>[a-z][a-z'\u2019\-]{1,20})[ ]+(?:says|said|told|asked|reckons|reckoned|thinks|thought|rang|phoned"
    r"|texted|messaged|replied|wrote|suggested|mentioned|noticed|spotted|explained|showed|taught|helped|laughed)\b",
    re.MULTILINE,
)
# "kwame: he was looking…", "[21:04] gosia: mr brook fell": a lower-case chat or transcript speaker label.
_LOWER_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\[?[0-9]{1,2}[:/.][0-9]{2}(?:[:/.][0-9]{2,4})?(?:,?[ ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\]?"
    r"[ \t]*(?:-[ \t]*)?)?(?P<name>[a-z][a-z'\u2019\-]{1,20})(?::|[ \t]*\|)[ \t]"
)
# "rab mcgowan: Rab's fine": a lower-case first name and surname as a speaker label.
_LOWER_LABEL_PAIR = re.compile(
    r"(?m)^[ \t]*(?P<first>[a-z][a-z'\u2019\-]{1,20})[ ](?P<last>[a-z][a-z'\u2019\-]{1,24})(?::|[ \t]*\|)[ \t]"
)


# "handed over to kwame", "honestly shiv was the only one": a lower-case word next to a word that often
# stands beside a person; taken only for rare listed first names (see propose_lower_names).
_LOWER_NEAR = re.compile(
    r"(?:\b(?:to|with|and|for|from|by|asked|told|thanks|about|ask|tell|call|ring|rang|texted|messaged|met|honestly"
    r"|then|so|but|said|says)[ ]+(?P<a>[a-z][a-z'\u2019\-]{1,20})(?![A-Za-z0-9@_./\-])"
    r"|(?<![A-Za-z0-9@_./\-])(?P<b>[a-z][a-z'\u2019\-]{1,20})[ ]+(?:was|is|had|has|did|does|said|says|and|will"
    r"|would|came|went|got|told|asked|rang|thinks|knows|knew|wants|needs|stayed|left|arrived|helped)\b)"
)


# Speech-to-text and quick chat in lower case (#18, round 17): a first name spoken to after "ok"/"thanks", after
# a role ("my manager bernie"), praised ("ur a star lulu"), called twice ("siobhan siobhan get the door"), or
# before what a person does ("tracey sent", "bernie from cumbria said").
_LOWER_SPOKEN = re.compile(
    r"(?:\b(?:ok|okay|thanks|cheers|grand|sorry|bye|hiya|hi|hello|morning|night|ta|manager|boss|supervisor"
    r"|colleague|mentor|buddy|keyworker|key[ ]worker|a[ ]+(?:star|legend|gem|diamond|hero|saint))[ ,]+"
    r"(?P<a>[a-z][a-z'\u2019\-]{2,20})(?![A-Za-z0-9@_./\-])"
    r"|(?<![A-Za-z0-9@_./\-])(?P<b>[a-z][a-z'\u2019\-]{2,20})(?:[ ]+(?:from|at|in|on)[ ]+[a-z]+)?[ ]+(?:sent|emailed"
    r"|phoned|rang|messaged|texted|said|says|reckons|mentioned|confirmed|replied)\b"
    r"|(?<![A-Za-z0-9@_./\-])(?P<c>[a-z][a-z'\u2019\-]{2,20})[ ,]+(?P=c)\b"
    # a role or a fetch before the name, where the person is from or what they do after it ("the social worker
    # ruth came", "i'll get shona from safeguarding", "two shifts with sam and she")
    r"|\b(?:social[ ]worker|support[ ]worker|care[ ]worker|carer|nurse|sister|physio|ot|gp|doctor|midwife"
    r"|health[ ]visitor|get|got|fetch|with"
    # a relative before the name ("her daughter carol rang at six")
    r"|daughter|son|brother|wife|husband|partner|mum|dad|nan|nana|grandson|granddaughter|niece|nephew|cousin"
    r"|neighbour|friend)[ ]+(?P<d>[a-z][a-z'\u2019\-]{2,20})"
    r"(?=[ ]+(?:from|came|come|comes|and[ ](?:she|he|they)|was|is|said|rang|phoned|told|texted|mc|mac)\b"
    r"|[ ]+[a-z]{3,12}[ ]+(?:son|sen|ton|ley|ford|field|worth|wood|man|ham|stone|ski)[ ]+(?:from|came|was|is|said)\b))"
)
_LOWER_NAME_SHAPES = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<a>[a-z]{3,15}[ ]+(?:o|mc|mac)[ ]+[a-z][a-z'\u2019\-]{2,20})(?![A-Za-z0-9@_/\-])"
    r"|\b(?:carers|parents|foster[ ]carers|grandparents|workers|nurses|staff|friends|mates|neighbours)[ ]+"
    r"(?P<b>[a-z]{3,15})[ ]+and[ ]+(?P<c>[a-z]{3,15})\b"
    r"|\b(?:the|a|this|that)[ ]+(?:man|woman|lad|girl|boy|guy|bloke|lady|fella|kid),[ ]+(?P<d>[a-z]{3,15})(?=[.,!?])"
    # "a woman called jasmine", "i support a guy called darnel": a person named in lower case
    r"|\b(?:a|the|this|one|another)[ ]+(?:(?:young|old|older|new)[ ]+)?(?:man|woman|lad|girl|boy|guy|bloke|lady|fella"
    r"|kid|gentleman|resident|patient|client|service[ ]user|carer|worker|nurse|chap|student|baby|mum|dad)"
    r"[ ]+(?:called|named)[ ]+(?P<e>[a-z]{3,15})\b"
)


def _lower_shape_name(f: str, allow: frozenset[str], level: str) -> bool:
    """A lower-case word in one of :data:`_LOWER_NAME_SHAPES` that is a first name.

    ``level``: "surname" (its surname is listed: any word that is no stop word or place), "after_noun" (any listed
    first name, an everyday one too), "plain" (a listed first name that is no everyday word).
    """
    if f in allow or f in STOP_WORDS or is_place(f):
        return False
    if level == "surname":
        return True
    if f not in all_first_names():
        return False
    return level == "after_noun" or (f not in COMMON_WORD_NAMES and f not in _LOWER_SPOKEN_NOT and _zipf(f) < 5.0)


_LOWER_SPLIT_SURNAME = re.compile(
    r"[ ]+((?:mc|mac|o|van|von|de|da|di|le|la|al|el)[ ]+[a-z][a-z'\u2019\-]{1,20}"
    r"|[a-z]{3,12}[ ]+(?:son|sen|ton|ley|ford|field|worth|wood|well|man|ham|by|stone|ski|sky|ova|ov|berg|stein))"
    r"(?![A-Za-z])"
)
# first names that are everyday words in lower case, beside COMMON_WORD_NAMES
_LOWER_SPOKEN_NOT = frozenset({"jay", "ken", "kim", "dot", "olive", "basil", "ginger", "rocky", "skye", "sky"})
# "jordan pascoe", "mohammed iqbal": a lower-case first name and surname (speech recognition writes names so).
_LOWER_PAIR = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?=(?P<a>[a-z]{2,20})[ ]+(?P<b>[a-z][a-z'\u2019\-]{1,24})(?![A-Za-z0-9@_/\-]))"
)
# What only a person has: after a possessive it makes the owner a person ("grace's gofundme", "Jun's seizures").
_PERSON_THING_WORDS = (
    r"NHS[ ]number|nhs[ ]number|date[ ]of[ ]birth|DOB|dob|hospital[ ]number|CHI[ ]number|NI[ ]number"
    r"|national[ ]insurance|gofundme|GoFundMe|justgiving|JustGiving|fundraiser|funeral|e-?mail|mobile"
    r"|phone(?:[ ]number)?|home[ ]address|address|facebook|Facebook|instagram|Instagram|snap|snapchat|insta"
    r"|tiktok|TikTok|mum|dad|mam|nan|gran"
    r"|grandma|grandad|wife|husband|partner|son|daughter|sister|brother|kids|children|boyfriend|girlfriend"
    r"|cousin|auntie|aunt|uncle|niece|nephew|grandson|granddaughter|fianc[eé]e?|stepdad|stepmum"
    r"|carer|social[ ]worker|key[ ]?worker|GP|care[ ]plan|birthday|seizures|diagnosis|dementia"
    r"|CAMHS|appt|appointment|meds|medication|referral|court[ ]date|hearing|probation|tag"
)
_PERSON_THINGS = rf"(?:{_PERSON_THING_WORDS})\b"
_LOWER_OWNER = re.compile(r"(?<![A-Za-z0-9@_./\-])(?P<name>[a-z][a-z\-]{1,20})['\u2019]s[ ]+" + _PERSON_THINGS)
# what stands before an ordinary noun's possessive: "the memory's", "her summer's"
_OWNER_DETERMINER = re.compile(r"(?i)\b(?:the|a|an|this|that|my|our|your|his|her|their|its|every|each)[ ]+$")
# "tess here.", "winnie, mrs …": a lower-case first name introducing itself, or before a title in apposition.
_LOWER_HERE = re.compile(r"(?<![A-Za-z'\u2019\-])(?P<name>[a-z][a-z'\u2019\-]{1,20})[ ]+here\b(?:[.,!]|[ ]+from\b)")
_LOWER_HERE_BEFORE = re.compile(r"(?:^|\n[ \t]*|[.!?][ ]|:[ ]|\ball,[ ]|\bhi,[ ]|\bhiya,[ ]|\bmorning,[ ])$")
# chat notes in lower case: "mum shireen is v tired, dad faisal back at work", "grandma blessing okonjo"
_LOWER_BARE_RELATION = re.compile(
    r"(?<![A-Za-z])(?:mum|mam|mom|dad|nan|nana|nanna|gran|granny|grandma|grandad|grandpa|baby|auntie|aunty"
    r"|uncle|cousin|stepdad|stepmum|sister|brother|son|daughter|partner|husband|wife|boy|girl|lad|lass|bro|sis"
    r"|fella|mate)[ ]+"
    r"(?P<name>[a-z][a-z'\u2019\-]{2,20})(?![A-Za-z])"
)
# a lower-case full name in brackets after a nickname or initials: "tj (terrell james)"
_LOWER_BRACKET_PAIR = re.compile(r"\((?P<first>[a-z][a-z'\-]{1,20})[ ]+(?P<last>[a-z][a-z'\-]{1,25})\)")
# "its me tess lol", "it's me, bev": a chat message saying who it is
_LOWER_ITS_ME = re.compile(r"(?i:\bit['\u2019]?s[ ]+me)[ ,]+(?P<name>[a-z][a-z'\u2019\-]{1,20})\b")
_LOWER_BEFORE_TITLE = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<name>[a-z][a-z'\u2019\-]{1,20}),[ ]+(?i:mrs|mr|ms|miss|mister|missus)\.?[ ]"
)


def repeated_lower_labels(texts: Iterable[str], allow: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case speaker labels used twice or more in a document ("bill: yeah.", "bill: £300."): names.

    Common words too ("bill"), when they are listed first names: a word that opens line after line as a
    label is the speaker's name, whatever else it means; once one is, the other repeated labels ("gift")
    are speakers too, and so are labels used once that are listed first names or rare words.
    """
    labels: dict[str, int] = {}
    for text in texts:
        for m in _LOWER_LABEL.finditer(text):
            labels[m.group("name")] = labels.get(m.group("name"), 0) + 1
    repeated = [w for w, n in labels.items() if n >= 2 and fold_word(w) not in allow and fold_word(w) not in MONTHS]
    listed = [w for w in repeated if fold_word(w) in all_first_names() and _lower_name_ok(w, 9.0)]
    # once one repeated label is a listed name, the others are speakers too ("gift:" beside "bill:")
    others = [w for w in repeated if w not in listed and _lower_name_ok(w, 9.0)] if listed else []
    # and a label used once in that dialogue is a speaker when it is a listed first name or hardly an English
    # word ("sreeja: the 2 mrs davies…" under "rhian:" lines); not "note:", "plan:" (label words)
    once = [
        w
        for w, n in labels.items()
        if n == 1
        and listed
        and fold_word(w) not in allow
        and fold_word(w) not in MONTHS
        and (fold_word(w) in all_first_names() or (len(w) >= 4 and _zipf(fold_word(w)) < 3.0))
        and _lower_name_ok(w, 9.0)
    ]
    return [w[:1].upper() + w[1:] for w in listed + others + once]


# "Will: I will.", "Tariq: Can I say…": a capitalised one-word label at the start of a line.
# (a chat copied into a table labels each message with a bar: "Detta | great session")
_CAP_LABEL = re.compile(rf"(?m)^[ \t]*(?P<name>[{_UP}][{_LO}'\u2019\-]{{1,20}})(?::|[ \t]*\|)[ \t]+\S")


def dialogue_labels(texts: Iterable[str], allow: frozenset[str] = frozenset()) -> list[str]:
    """Listed first names used as speaker labels in a document written as a dialogue: known names.

    A document with three or more label lines ("Name: text") and two or more different labels is a
    dialogue, whichever reader read it (a story with "deirdre:" lines is one too). Its one-word labels that
    are listed first names are people, the ones that are also common words included ("Will: I will.",
    "Mark: yes."); headings ("Outcome:", "Note:") are no listed names.
    """
    labels: dict[str, int] = {}
    for text in texts:
        for pattern in (_CAP_LABEL, _LOWER_LABEL):
            for m in pattern.finditer(text):
                w = fold_word(m.group("name"))
                labels[w] = labels.get(w, 0) + 1
    if sum(labels.values()) < 3 or len(labels) < 2:
        return []
    out: list[str] = []
    for text in texts:
        for m in _CAP_LABEL.finditer(text):
            w = fold_word(m.group("name"))
            if w in allow or w in LABEL_WORDS or w in MONTHS or w in DAYS or w in TITLES or w in RELATION_NOUNS:
                continue
            if w in all_first_names() and m.group("name") not in out:
                out.append(m.group("name"))
    return out


# "[08/03/2025, 22:41] Bee: anyone seen…", "08/03/2025, 22:41 - Jun AMU: …": a chat export's sender.
_CHAT_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\[?[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4},?[ ]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"(?:[ ]?[AaPp][Mm])?\]?"
    # a time alone in brackets: "[22:14] grace: jimmy o'd obs fine"
    r"|\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\])"
    r"[ \t]*(?:-[ \t]*)?(?P<name>[^:\n\[\]]{1,40}?):[ \t]"
)


def chat_senders(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Senders of a pasted chat export (WhatsApp, Teams chat): people, whatever word their name is.

    "[08/03/2025, 22:41] Bee: …" gives "Bee"; "Jun AMU" gives "Jun" (a ward's acronym is not the name);
    "Marites D." gives "Marites D"; a phone number as sender gives nothing (the phone recogniser has it).
    """
    out: list[str] = []
    for m in _CHAT_LABEL.finditer(text):
        words = [w.strip(".,") for w in m.group("name").split()]
        words = [w for w in words if w and not (len(w) >= 3 and w.isupper())]  # "AMU", "ICU"
        if not words or any(c.isdigit() for w in words for c in w) or not words[0][:1].isalpha():
            continue
        name = " ".join(words)
        if fold_word(name) not in allow and fold_word(words[0]) not in LABEL_WORDS and name not in out:
            out.append(name)
    return out


def chat_clause_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case first names opening the clauses of a chat message: "dougie fine, brenda up twice. edna sugar 7.8".

    Only in a pasted chat's messages (after "[date, time] Sender: "), only listed first names that are not
    common English words (Zipf < 4.0), and only where another word follows in the clause.
    """
    out: list[str] = []
    for label in _CHAT_LABEL.finditer(text):
        end = text.find("\n", label.end())
        body = text[label.end() : end if end >= 0 else len(text)]
        for m in _CHAT_CLAUSE_START.finditer(body):
            word = m.group("name")
            w = fold_word(word)
            if w in allow or w in _ENDEARMENTS or w not in first_names() or not _lower_name_ok(word, None):
                continue
            out.append(word[:1].upper() + word[1:])
    return out


_CHAT_CLAUSE_START = re.compile(
    r"(?:^|(?<=[.,;!?)][ ])|(?<=[.,;!?)][ ][ ])|(?<=[ ][\-\u2013][ ])|(?<=[\U0001F300-\U0001FAFF][ ]))"
    r"(?P<name>[a-z][a-z'\u2019\-]{1,20})(?=[ ]+[a-z0-9])"
)


_CLAUSE_OPEN = re.compile(r"(?:^|\n|[.!?:][ ]+)[ ]*$")


def _lower_pair_names(text: str, allow: frozenset[str]) -> list[str]:
    out: list[str] = []
    for m in _LOWER_PAIR.finditer(text):
        a, b = fold_word(m.group("a")), fold_word(m.group("b").strip("'\u2019-"))
        # a surname that no list has is still one when it is hardly an English word: "norman threlfall"
        rare_last = len(b) >= 5 and _zipf(b) < 2.0 and not is_place(b) and b not in NAME_STOP
        if a in allow or b in allow or a not in all_first_names() or not (b in surnames() or rare_last):
            continue
        if a in MONTHS or a in DAYS or not _lower_name_ok(b, 9.0):
            continue
        za, zb = _zipf(a), _zipf(b)  # not "priya said" (Said is a surname too), "sandy beach"
        if (_lower_name_ok(a, 9.0) and zb < 4.2 and za < 4.6 and (za < 4.0 or zb < 3.0)) or (
            za >= 4.0
            and zb < 4.3
            and b in surnames()
            and _CLAUSE_OPEN.search(text, 0, m.start()) is not None
            and _PAIR_THEN_VERB.match(text, m.start() + len(m.group("a")) + 1 + len(m.group("b")))
        ):
            out.append(f"{m.group('a').capitalize()} {m.group('b')[:1].upper()}{m.group('b')[1:]}")
    return out


_PAIR_THEN_VERB = re.compile(r"[ ]+(?:is|was|has|had|said|says|did|does|rang|came|went|told|asked)\b|['\u2019]s\b")


# "dean, dean robson, born 22nd of june 97", "ferenc lakatos dob 1/2/88": a lower-case full name before what
# identifies a person (speech recognition writes names in lower case)
# (the cue is found first and the pair read just before it: a scan for every lower-case pair is slow)
_ID_CUE_AFTER_PAIR = re.compile(
    r"(?<=[a-z]),?[ ]+(?:born|dob|d\.o\.b|date[ ]of[ ]birth|nhs[ ]?(?:no|number)?|chi|hospital[ ]number|aged"
    r"|age[ ]\d|\d{1,3}[ ]?(?:yo|y/o|years?[ ]old))\b"
)
_LOWER_PAIR_BEFORE_ID = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<first>[a-z][a-z'\-]{1,20})[ ]+(?P<last>[a-z][a-z'\-]{1,25})$"
)


def _inflected(word: str) -> bool:
    """``word`` is an inflection of a common English word ("messaged", "texting", "rotas"), so not a name.

    The stem must be 4+ letters and common (Zipf >= 4.0): "jared" (jar) and "manning" (man) are not caught.
    """
    stems: list[str] = []
    if word.endswith("ed") and len(word) > 5:
        stems += [word[:-1], word[:-2]] + ([word[:-3]] if word[-3] == word[-4] else [])
    if word.endswith("ing") and len(word) > 6:
        stems += [word[:-3], word[:-3] + "e"] + ([word[:-4]] if word[-4] == word[-5] else [])
    return any(len(s) >= 4 and _zipf(s) >= 4.0 for s in stems)


_LOWER_HOME = re.compile(
    r"\b(?:at|to|round|from|over|near)[ ]+(?P<name>[a-z][a-z\-]{2,20})['\u2019]s(?![A-Za-z])"
    r"(?![ ]+(?!(?:after|and|then|for|yesterday|today|tonight|last|this|again|to|with|on|in|at|but|so|because"
    r"|before|earlier|later|first)\b)[a-z0-9])"
)
_LOWER_VOCATIVE = re.compile(
    r"(?:(?P<greeting>\b(?:[Tt]hanks|[Tt]hank[ ]you|[Cc]heers|[Hh]i|[Hh]iya|[Hh]ello|[Hh]ey|[Mm]orning|[Nn]ight"
    r"|[Tt]a|[Ss]o|[Oo]k|[Oo]kay|[Rr]ight|[Bb]ye)[ ,]+)"
    r"|(?<=[a-z]),[ ]+)(?P<name>[a-z][a-z'\u2019\-]{1,20})(?:[ ]+(?P<last>[a-z][a-z\-]{2,20}))?"
    r"(?=[ ]*[.!?,]|[ ]*$|[ ]*[\u2600-\u27bf\U0001F300-\U0001FAFF])"
    # a name alone as a question opening a message or sentence: "siobhan? the street health one?"
    r"|(?:^|(?<=:[ ])|(?<=[.!?][ ]))(?P<asked>[a-z][a-z'\u2019\-]{2,20})\?",
    re.MULTILINE,
)
_ENDEARMENTS = frozenset(
    {"hun", "hon", "babe", "bab", "pet", "duck", "chuck", "love", "lovey", "flower", "petal", "darling", "dear"}
    | {"sweetheart", "mate", "pal", "bud", "buddy", "boss", "chief", "sir", "madam", "miss", "doc", "sis", "bro"}
    | {"guys", "folks", "all", "everyone", "team", "chick", "hen", "doll", "lass", "lad", "kid", "angel"}
    | {"treasure", "sunshine", "poppet", "princess", "chap", "fella"}
)


def _lower_name_ok(word: str, rare: float | None) -> bool:
    """A lower-case word after a name cue: a listed first name (not a common word), or rarer than ``rare``."""
    w = fold_word(word.strip("'\u2019-"))
    if len(w) < 2 or w in STOP_WORDS or w in NAME_STOP or w in TITLES or w in LABEL_WORDS:
        return False
    if w not in first_names() and w not in surnames() and _inflected(w):  # "mum messaged"; "browning said" stays
        return False
    if re.fullmatch(_APPOSITIVE_ROLES, w) or w in RELATION_NOUNS:
        return False
    if (w in first_names() or w in SHORT_NAMES) and _zipf(w) < 4.0:
        return True
    return rare is not None and _zipf(w) < rare


_LOWER_KIN = re.compile(
    r"['\u2019]s[ ]+(?:mum|dad|mam|nan|gran|grandma|grandad|wife|husband|partner|son|daughter|sister"
    r"|brother|kids|children|boyfriend|girlfriend|cousin|auntie|aunt|uncle|niece|nephew|grandson|granddaughter"
    r"|fianc[eé]e?|stepdad|stepmum)\b"
)
_LOWER_O_SURNAME = re.compile(
    r"(?<![A-Za-z'\u2019])(?P<first>[a-z]{3,15})[ ]+(?P<last>o['\u2019][a-z]{1,15})(?![A-Za-z])"
)
_LOWER_QUOTED_NICK = re.compile(
    r"[\"\u201c'\u2018](?:big|wee|little|young|old|auld|fat|mad|posh)[ ]+(?P<name>[a-z]{3,15})[\"\u201d'\u2019]"
)


# what someone is called: "she called me wee john", "the one they call chip", "everyone calls him gaz."
_LOWER_CALLED = re.compile(
    r"\b(?:(?P<named>they|we|everyone|everybody|people|the[ ]lads|the[ ]girls|staff)[ ]+(?:all[ ]+)?)?"
    r"(?:call|calls|called|calling)[ ]+(?P<who>(?:me|him|her|them|us)[ ]+)?(?P<adj>(?:wee|big|little|young|old|auld"
    r"|lil)[ ]+)?(?P<name>[a-z][a-z'\u2019\-]{2,15})(?=[ ]*[.,!?;\"'\u2019]|[ ]*$)",
    re.MULTILINE,
)
# a family by its surname in lower case: "the nowak family", "update on the hussains"
_LOWER_FAMILY = re.compile(r"\bthe[ ]+(?P<name>[a-z][a-z'\u2019\-]{2,20}?)(?:[ ]+family\b|(?<!s)s\b)")
# a parent's "my" before a child's name doing something: "my zayn was non verbal til 5"
_LOWER_MY_CHILD = re.compile(
    r"\bmy[ ]+(?P<name>[a-z][a-z'\u2019\-]{2,15})[ ]+(?:was|is|has|had|said|says|loves|hates|goes|went|won't"
    r"|can't|doesn't|didn't|wont|cant|doesnt|didnt|gets|got)\b"
)
# "yeah oakley was born fourteenth of feb": a lower-case name before its birth
_LOWER_BORN = re.compile(r"(?<![\w'\u2019\-])(?P<name>[a-z][a-z'\u2019\-]{2,15})[ ]+(?:was|were|got)[ ]+born\b")
# a lower-case name opening a line or sentence, said to someone: "jonny, she called me", "precious, you had"
_LOWER_OPENING_VOCATIVE = re.compile(
    r"(?:^|(?<=[.!?>][ ])|(?<=[.!?][ ][ ]))(?P<name>[a-z][a-z'\u2019\-]{2,15}),[ ]+"
    r"(?=(?:she|he|they|you|i|we|it's|its|can|could|did|do|are|have|what|how|any)\b)",
    re.MULTILINE,
)


# Round 18 (#18): handover notes and chats typed fast in lower case ("rang tom buttery (PO)", "flagged to ruth
# (in-reach)", 'kyle dobbs ("dobbo")', "smudge (Darren Pollitt)", "the officer stothard", "kak azad").
_LINE_OR_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+)[ \t]*(?:[\-*\u2022][ \t]*)?(?P<c>[A-Za-z])", re.MULTILINE)
# a role in brackets after a name: "(PO)", "(in-reach)", "(pharmacy)", "(YOT worker)", "(her SW)"
_BRACKET_ROLE = re.compile(r"[ ]+\((?P<role>[A-Za-z][A-Za-z \-/]{0,24})\)")
_BRACKET_ROLE_WORDS = frozenset(
    {
        "in-reach", "inreach", "probation", "pharmacy", "healthcare", "reception", "nights", "days", "custody",
        "security", "chaplaincy", "resettlement", "safer", "wing", "mh", "camhs", "yot", "cmht",
        "liaison", "diversion", "ap", "approved", "premises", "officer", "worker", "nurse", "manager", "lead",
        "her", "his", "their", "my", "our", "the",
    }
)  # fmt: skip
_LOWER_PAIR_NICK = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<a>[a-z]{2,20})[ ]+(?P<b>[a-z][a-z'\u2019\-]{1,25})[ ]+"
    r"\([\"\u201c'\u2018](?P<nick>[a-z][a-z'\u2019\-]{1,20})[\"\u201d'\u2019]\)"
)
_WORD_BEFORE_FULL_NAME = re.compile(
    rf"(?<![A-Za-z0-9@_./\-])(?P<w>[a-z][a-z'\u2019\-]{{2,15}})[ ]+\((?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD}){{1,2}})\)"
)
_ROLE_THEN_LOWER = re.compile(
    r"\b(?:officer|nurse|po|sw|worker|manager|governor|guv|sgt|sarge|pc|inspector|warden|chaplain|imam|pastor"
    r"|cllr|judge|magistrate|solicitor|keyworker|supervisor|mentor|colleague|screw|oscar[ ]one|om|pom)[ ]+"
    r"(?P<w>[a-z][a-z'\u2019\-]{3,20})(?![A-Za-z0-9@_/\-])"
)
# honorifics said before a name in Kurdish, Arabic and Persian ("kak azad", "Haji Karim", "mamosta Dilan")
_HONORIFIC_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:kak|kaka|haji|hajji|mamosta)[ ]+(?P<w>[A-Za-z][a-z'\u2019\-]{2,20})(?![A-Za-z])"
)
# a full name in lower case in brackets after a nickname: "smudge (marcus hebblethwaite) refused"
_WORD_BEFORE_LOWER_NAME = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<w>[a-z][a-z'\u2019\-]{2,15})[ ]+"
    r"\((?P<a>[a-z]{2,20})[ ]+(?P<b>[a-z][a-z'\u2019\-]{2,25})\)"
)
# a message signed with a kiss on its own line: "cal x", "Bev xx"
_KISS_SIGNOFF = re.compile(r"(?m)^[ \t]*(?P<w>[A-Za-z][a-z]{1,12})[ ]+x{1,3}[ \t]*$")
# a speaker's label in lower case inside a caption: "i can make some rhiannon pryce-jones: from the camhs side"
_LOWER_INLINE_LABEL = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<a>[a-z]{2,20})[ ]+"
    r"(?P<b>[a-z][a-z'\u2019]{1,20}(?:-[a-z][a-z'\u2019]{1,20})?):[ ]+(?=[a-z])"
)
# asked on a call or a ward: "is that kerry?", "is that you nadia?"
_IS_THAT_NAME = re.compile(r"\b(?i:is[ ]that)[ ]+(?:you[ ]+)?(?P<w>[a-z][a-z'\u2019\-]{2,15})[ ]*\?")
# a lower-case first name alone in brackets after a number: "485 777 3456 (kai) - waiting"
_NAME_BRACKETED_AFTER_NUMBER = re.compile(r"[0-9][ ]*\((?P<w>[a-z]{2,15})\)")


def lower_case_text(text: str) -> bool:
    """Most sentences and lines of ``text`` open in lower case (four or more): notes typed fast, chats, STT."""
    starts = [m.group("c") for m in _LINE_OR_SENTENCE_START.finditer(text)]
    return len(starts) >= 4 and sum(c.islower() for c in starts) >= 0.6 * len(starts)


def _bracket_role(role: str) -> bool:
    """The words in brackets after a name say a role or team: "PO", "in-reach", "her SW", "YOT worker"."""
    words = role.strip().split()
    return 0 < len(words) <= 3 and all(
        re.fullmatch(r"[A-Z]{2,5}", w) is not None
        or w.casefold() in _BRACKET_ROLE_WORDS
        or w.casefold() in ROLE_LABEL_WORDS
        or w.casefold() in RELATION_NOUNS
        for w in words
    )


def _lower_first_ok(w: str, allow: frozenset[str], limit: float = 5.0) -> bool:
    """``w`` (folded) is a listed first name here: not allowed, a stop, clinical, month or very common word."""
    return (
        w in all_first_names()
        and w not in allow
        and not _never_a_name(w)  # stops, roles, clinical words, months and days (NAME_STOP)
        and _zipf(w) < limit
    )


def _typed_surname_ok(w: str, allow: frozenset[str], limit: float) -> bool:
    """``w`` (folded) can be a surname typed in lower case: rare, no place, drug, clinical or inflected word."""
    return (
        len(w) >= 3
        and w not in allow
        and not _never_a_name(w)
        and not is_place(w)
        and not _inflected(w)
        and (_zipf(w) < limit or (w in surnames() and _zipf(w) < limit + 0.5))
    )


def propose_fast_typed_names(
    text: str, allow: frozenset[str] = frozenset(), typed_lower: bool | None = None
) -> list[str]:
    """Names in notes typed fast in lower case (round 18, #18), capitalised; the caller matches them any case.

    * a role in brackets after a listed first name, or after a first name and a surname: "ruth (in-reach)",
      "tom buttery (PO)";
    * a quoted nickname in brackets after a first name and a surname: 'kyle dobbs ("dobbo")';
    * a rare word right before a full name in brackets, its nickname: "smudge (Darren Pollitt)";
    * a rare word after a role: "the officer stothard"; a name after an honorific: "kak azad";
    * a listed first name alone in brackets after a number: "485 777 3456 (kai)";
    * in a text typed mostly in lower case, a listed first name and a rare word: "jade coupland".
    """
    out: list[str] = []

    def cap(word: str) -> str:
        return word[:1].upper() + word[1:]

    if "(" in text:
        for m in _BRACKET_ROLE.finditer(text):
            if not _bracket_role(m.group("role")):
                continue
            pair = _LOWER_PAIR_BEFORE_ID.search(text, max(0, m.start() - 50), m.start())
            if pair is not None:
                a, b = fold_word(pair.group("first")), fold_word(pair.group("last").strip("'\u2019-"))
                if _lower_first_ok(a, allow) and _typed_surname_ok(b, allow, 3.5):
                    out.append(f"{cap(pair.group('first'))} {cap(pair.group('last'))}")
                    continue
                if _lower_first_ok(b, allow) and pair.group("last").islower():
                    out.append(cap(pair.group("last")))
        for m in _LOWER_PAIR_NICK.finditer(text):
            a, b, nick = fold_word(m.group("a")), fold_word(m.group("b")), fold_word(m.group("nick"))
            if _lower_first_ok(a, allow) and _typed_surname_ok(b, allow, 4.0) and not _never_a_name(nick):
                out += [f"{cap(m.group('a'))} {cap(m.group('b'))}", cap(m.group("nick"))]
        for m in _WORD_BEFORE_FULL_NAME.finditer(text):
            w = fold_word(m.group("w"))
            first = fold_word(m.group("name").split()[0])
            role = w in RELATION_NOUNS or w in ROLE_LABEL_WORDS or re.fullmatch(_APPOSITIVE_ROLES, w) is not None
            if first in all_first_names() and _typed_surname_ok(w, allow, 3.5) and not role:
                out.append(cap(m.group("w")))
        for m in _WORD_BEFORE_LOWER_NAME.finditer(text):
            w, a, b = fold_word(m.group("w")), fold_word(m.group("a")), fold_word(m.group("b"))
            if _lower_first_ok(a, allow) and _typed_surname_ok(b, allow, 3.5):
                out.append(f"{cap(m.group('a'))} {cap(m.group('b'))}")
                if _typed_surname_ok(w, allow, 3.5) and w not in RELATION_NOUNS and w not in ROLE_LABEL_WORDS:
                    out.append(cap(m.group("w")))
        for m in _NAME_BRACKETED_AFTER_NUMBER.finditer(text):
            w = fold_word(m.group("w"))
            if _lower_first_ok(w, allow, 4.0) and w not in COMMON_WORD_NAMES:
                out.append(cap(m.group("w")))
    for m in _ROLE_THEN_LOWER.finditer(text):
        w = fold_word(m.group("w"))
        listed = w in surnames() or w in all_first_names()  # a listed name may be a little commoner
        if _typed_surname_ok(w, allow, 3.0 if listed else 2.5):
            out.append(cap(m.group("w")))
    for m in _KISS_SIGNOFF.finditer(text) if " x" in text else ():
        w = fold_word(m.group("w"))
        if w not in allow and not _never_a_name(w) and w not in _ENDEARMENTS and _zipf(w) < 4.6:
            out.append(cap(m.group("w")))
    for m in _LOWER_INLINE_LABEL.finditer(text) if ": " in text else ():
        a, b = fold_word(m.group("a")), fold_word(m.group("b"))
        if _lower_first_ok(a, allow) and _typed_surname_ok(b.replace("-", ""), allow, 3.2):
            out.append(f"{cap(m.group('a'))} {cap(m.group('b'))}")
    lower = text.lower()
    for m in _IS_THAT_NAME.finditer(text) if "is that" in lower else ():
        w = fold_word(m.group("w"))
        if _lower_first_ok(w, allow, 4.5) and w not in COMMON_WORD_NAMES and not is_place(w):
            out.append(cap(m.group("w")))
    honorific = any(h in lower for h in ("kak", "haji", "hajji", "mamosta"))
    for m in _HONORIFIC_BEFORE.finditer(text) if honorific else ():
        w = fold_word(m.group("w"))
        if w not in allow and not _never_a_name(w) and _zipf(w) < 4.0:
            out.append(cap(m.group("w")))
    if lower_case_text(text) if typed_lower is None else typed_lower:
        for m in _LOWER_PAIR.finditer(text):
            a, b = fold_word(m.group("a")), fold_word(m.group("b").strip("'\u2019-"))
            if not _lower_first_ok(a, allow) or not _typed_surname_ok(b, allow, 3.2):
                continue
            if a in COMMON_WORD_NAMES and _zipf(b) >= 2.5:  # "grace period", "rose garden"
                continue
            out.append(f"{cap(m.group('a'))} {cap(m.group('b'))}")
    return out


def propose_lower_names(text: str, allow: frozenset[str] = frozenset(), typed_lower: bool | None = None) -> list[str]:
    """Lower-case names that a cue marks as a person.

    A verb of speech ("shiv says", "and kwame said"), a chat label ("gosia: mr brook fell"), or a word
    that often stands beside a person ("handed over to kwame", "shiv was") when the word is a rare listed
    first name (Zipf < 3.3).

    The word must be a listed first name that is not a common English word (Zipf < 4.0), or, before a
    verb of speech, a word rarer than Zipf 2.5; never a stop word, role, relation, clinical term or
    month ("everyone said", "mum said", "physio said", "note:" stay).
    """
    out: list[str] = []
    for m in _LOWER_NEAR.finditer(text):
        word = m.group("a") or m.group("b")
        w = fold_word(word)
        if w not in allow and w in first_names() and _zipf(w) < 3.3 and _lower_name_ok(word, None):
            out.append(word[:1].upper() + word[1:])
    # in notes typed in lower case a commoner first name is still one before what a person does ("tom rang")
    spoken_limit = 5.0 if (lower_case_text(text) if typed_lower is None else typed_lower) else 4.5
    for m in _LOWER_SPOKEN.finditer(text):
        group = next(g for g in ("a", "b", "c", "d") if m.group(g))
        word = m.group(group)
        w = fold_word(word)
        if w in allow or w in COMMON_WORD_NAMES or w in _LOWER_SPOKEN_NOT or w in _LOWER_WORDS_TOO:
            continue
        # a listed first name that is no everyday word ("patrick", "tracey"; not "mark", "will", "grace")
        if w in first_names() and _zipf(w) < spoken_limit and _lower_name_ok(word, spoken_limit) and not is_place(w):
            out.append(word[:1].upper() + word[1:])
            # the surname speech-to-text split after it: "shona mc ardle", "ruth adam son"
            rest = _LOWER_SPLIT_SURNAME.match(text, m.end(group))
            if rest and not any(fold_word(x) in allow or fold_word(x) in STOP_WORDS for x in rest.group(1).split()):
                out.append(word + rest.group(0))
    out += _lower_pair_names(text, allow)
    # a first name and a surname split at its particle ("neve o hagan", "grace mc ardle"), two first names after
    # the people they are ("my carers jan and steve"), a name after "the man," ("about the man, mike.")
    for m in _LOWER_NAME_SHAPES.finditer(text):
        names = [m.group(g) for g in ("a", "b", "c", "d", "e") if m.group(g)]
        # "the man, mike", "a guy called darnel": any listed first name (or, after "called", a word no dictionary has)
        level = "after_noun" if m.group("d") or m.group("e") else "plain"
        if m.group("e") and fold_word(m.group("e")) not in all_first_names() and _zipf(m.group("e")) < 2.5:
            level = "surname"
        split = m.group("a")
        if split:  # "neve o hagan": a listed surname ("ohagan") makes an unlisted first word a name too
            first, particle, last = split.split()
            if fold_word(particle + last) in surnames() and _zipf(first) < 3.5:
                level = "surname"
        if all(_lower_shape_name(fold_word(x.split()[0]), allow, level) for x in names):
            out.extend(x[:1].upper() + x[1:] for x in names)
    for m in _LOWER_CALLED.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        if w in allow or _never_a_name(w) or w in _ENDEARMENTS or w in RELATION_NOUNS or is_place(w):
            continue
        # after "call him": a size word and any name, a first name that is no common word, a word no dictionary
        # has; after "they call" (no one named after it): any word that is no inflection ("the call bell" stays)
        if not m.group("who") and not m.group("named"):
            continue
        named = bool(m.group("named")) and not m.group("who") and _zipf(w) < 4.5 and not _inflected(w)
        listed_first = w in all_first_names() and not _is_common(w)
        if (m.group("who") and (m.group("adj") or listed_first or _zipf(w) < 3.0)) or named:
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_FAMILY.finditer(text):
        w = fold_word(m.group("name"))
        if w in allow or _never_a_name(w) or is_common_name_word(w) or is_place(w) or w not in surnames():
            continue
        said = m.group(0)[4:].removesuffix(" family").strip()  # "hussains": the plural as written too
        # a plural that is a word of its own is a plural ("the stairs", "the leeks"), not a family
        plural_word = said != m.group("name") and _zipf(said) >= 2.0
        if _zipf(w) < 4.3 and not _inflected(w) and not plural_word:
            out += list(dict.fromkeys([m.group("name")[:1].upper() + m.group("name")[1:], said[:1].upper() + said[1:]]))
    for m in _LOWER_MY_CHILD.finditer(text):
        w = fold_word(m.group("name"))
        if w in allow or _never_a_name(w) or is_common_name_word(w) or w in _ENDEARMENTS or is_place(w):
            continue
        named = w in all_first_names() or (_zipf(w) < 3.0 and name_probability(w) >= 0.6)
        if named and _zipf(w) < 3.5:
            out.append(m.group("name")[:1].upper() + m.group("name")[1:])
    for m in _LOWER_BORN.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        if w in allow or _never_a_name(w) or w in RELATION_NOUNS or w in _ENDEARMENTS or is_place(w):
            continue
        listed = (w in all_first_names() or (w in surnames() and _zipf(w) < 3.5)) and not _is_common(w)
        if listed or (len(w) >= 4 and _zipf(w) < 3.0):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_OPENING_VOCATIVE.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        if w not in allow and w not in _ENDEARMENTS and w in first_names() and _lower_name_ok(word, None):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_LABEL_PAIR.finditer(text):
        first, last = fold_word(m.group("first")), fold_word(m.group("last"))
        if first in allow or last in allow or not _lower_name_ok(first, 9.0) or not _lower_name_ok(last, 9.0):
            continue
        if (first in all_first_names() or first in SHORT_NAMES or _zipf(first) < 3.0) and (
            last in surnames() or _zipf(last) < 3.0
        ):
            out.append(f"{m.group('first').capitalize()} {m.group('last')[:1].upper()}{m.group('last')[1:]}")
    # a lower-case word of prose that is a listed first name and hardly ever an English word (Zipf < 2.5):
    # "mister kowal check, dariusz, I can never say it" (speech recognition writes names in lower case)
    for m in _LOWER_PROSE.finditer(text):
        word = m.group(1).strip("'\u2019-")
        w = fold_word(word)
        rare_first = w in first_names() and _zipf(w) < 2.5
        rare_last = len(w) >= 5 and w in surnames() and _zipf(w) < 2.0  # "kowalczyk"
        ok = len(w) >= 4 and w not in allow and (rare_first or rare_last) and not is_place(w)
        if ok and _lower_name_ok(word, 9.0):
            out.append(word[:1].upper() + word[1:])
    # "hope's NHS number was on the form": a lower-case listed first name owning what only a person has
    for m in _LOWER_OWNER.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        determiner = _OWNER_DETERMINER.search(text, max(0, m.start() - 8), m.start())
        # "my riley's snap": a parent's own child, where the word is a first name and no common word
        if determiner and not (
            determiner.group(0).strip() in ("my", "our") and w in first_names() and not _is_common(w) and _zipf(w) < 4.0
        ):
            continue
        listed = w not in allow and w in all_first_names() and w not in STOP_WORDS and w not in RELATION_NOUNS
        # "ring geordie's son": a rare word that reads as a name, owning a relation
        kin = _LOWER_KIN.search(m.group(0)) is not None and len(w) >= 4 and _zipf(w) < 3.0 and not is_place(w)
        listed = listed or (kin and w not in allow and name_probability(word) >= 0.5)
        # a clinical word too ("memory's gofundme" where Memory is a person): nothing else owns a funeral
        if listed and w not in TITLES and not re.fullmatch(_APPOSITIVE_ROLES, w):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_BARE_RELATION.finditer(text):  # "dad faisal back at work"; not "mum rose early" (Zipf 4+)
        word = m.group("name")
        w = fold_word(word)
        # commoner names too where they are no English word ("her son gary said"; not "mum rose early")
        listed = w in all_first_names() and (_zipf(w) < 4.0 or (_zipf(w) < 4.6 and not _is_common(w)))
        if w not in allow and (listed or (len(w) >= 4 and _zipf(w) < 2.5)) and _lower_name_ok(word, 9.0):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_AFTER_PERSON_NOUN.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        # an unlisted word must read well as a name: "The lad, reece, said", not "a gentleman, frail, lives"
        namelike = w in all_first_names() or (_zipf(w) < 3.3 and name_probability(word) >= 0.65)
        if w not in allow and namelike and _lower_name_ok(word, 9.0) and not is_place(w):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_ON_ROTA.finditer(text):  # "ruth is off sick", "kel's on leave till monday"
        word = m.group("name")
        w = fold_word(word)
        listed = w in all_first_names() or w in SHORT_NAMES
        if w not in allow and listed and not _is_common(w) and _lower_name_ok(word, 9.0) and not is_place(w):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_O_SURNAME.finditer(text):  # "jimmy o'd obs fine", "bernie o'driscoll, jimmy's daughter"
        first = fold_word(m.group("first"))
        if first not in allow and first in all_first_names() and _zipf(first) < 5.0 and not _never_a_name(first):
            out.append(f"{m.group('first').capitalize()} {m.group('last')[:3].upper()}{m.group('last')[3:]}")
    for m in _LOWER_QUOTED_NICK.finditer(text):  # 'the canisters come from "big mike"'
        word = m.group("name")
        w = fold_word(word)
        if w not in allow and w in all_first_names() and _zipf(w) < 5.0 and _lower_name_ok(word, 9.0):
            out.append(word[:1].upper() + word[1:])
    for m in _LOWER_BRACKET_PAIR.finditer(text):  # "tj (terrell james)"
        first, last = fold_word(m.group("first")), fold_word(m.group("last"))
        if first in allow or last in allow or _never_a_name(first) or _never_a_name(last):
            continue
        if first in all_first_names() and _zipf(first) < 4.5 and (last in surnames() or last in all_first_names()):
            out.append(f"{m.group('first').capitalize()} {m.group('last').capitalize()}")
    for pattern in (_LOWER_HERE, _LOWER_BEFORE_TITLE, _LOWER_ITS_ME):
        for m in pattern.finditer(text):
            if pattern is _LOWER_HERE and not _LOWER_HERE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            word = m.group("name")
            w = fold_word(word)
            if w not in allow and w in all_first_names() and _zipf(w) < 4.5 and _lower_name_ok(word, 9.0):
                out.append(word[:1].upper() + word[1:])
    for m in _LOWER_ROLE_APPOSITION.finditer(text):  # a strong cue: any listed first name, common words too
        word = m.group("name")
        w = fold_word(word)
        if w not in allow and w in all_first_names() and _lower_name_ok(word, 9.0):
            out.append(word[:1].upper() + word[1:])
    for pattern, rare in ((_LOWER_SPEAKER, 2.5), (_LOWER_LABEL, None)):
        for m in pattern.finditer(text):
            word = m.group("name")
            if fold_word(word) not in allow and _lower_name_ok(word, rare):
                out.append(word[:1].upper() + word[1:])
    # a lower-case name's home: "up a lane at paddy's, sorry, at a client's" (the possessive stands alone)
    for m in _LOWER_HOME.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        if w not in allow and w not in _ENDEARMENTS and w in first_names() and _lower_name_ok(word, None):
            out.append(word[:1].upper() + word[1:])
    # Addressed in lower case (speech recognition, chat): "thank you ada ezzy.", "thanks jun,", "an important
    # point, shaun." A listed first name that is no common word (Zipf < 4.0) and no endearment ("thanks hun",
    # "ok, pet."); after a greeting, a rare word after it is the surname ("ezzy", Zipf < 2.5).
    for m in _LOWER_VOCATIVE.finditer(text):
        word = m.group("name") or m.group("asked")
        w = fold_word(word)
        if w in allow or w in _ENDEARMENTS or w not in first_names() or not _lower_name_ok(word, None):
            continue
        out.append(word[:1].upper() + word[1:])
        last = m.group("last")
        if last and m.group("greeting") and len(last) >= 3 and _lower_name_ok(last, 2.5) and not is_place(last):
            out.append(f"{word[:1].upper()}{word[1:]} {last[:1].upper()}{last[1:]}")
    for cue in _ID_CUE_AFTER_PAIR.finditer(text):
        pair = _LOWER_PAIR_BEFORE_ID.search(text, max(0, cue.start() - 60), cue.start())
        if pair is None:
            continue
        a, b = fold_word(pair.group("first")), fold_word(pair.group("last"))
        if a in allow or b in allow or _never_a_name(a) or _never_a_name(b) or a in MONTHS or a in DAYS:
            continue
        first_ok = a in all_first_names() or a in SHORT_NAMES or (len(a) >= 4 and _zipf(a) < 2.5)
        last_ok = b in surnames() or (len(b) >= 4 and _zipf(b) < 2.5)
        if first_ok and last_ok and _zipf(b) < 4.2 and not is_place(b):
            out.append(f"{pair.group('first').capitalize()} {pair.group('last')[:1].upper()}{pair.group('last')[1:]}")
    return out


def first_names_before(text: str, found: Iterable[Finding], allow: frozenset[str] = frozenset()) -> list[str]:
    """Whole names for found surnames: a listed first name right before a found name.

    "rose" in "the night rose kingsley fell" when "Mrs Kingsley" was found, in any case, common words
    ("Rose", "Hope") too.

    Returned as "First Surname" so that the first name is then found alone as well (common words only where
    capitalised, see :meth:`NameIndex.add`).
    """
    out: list[str] = []
    for f in found:
        if f.kind != "PERSON" or " " in text[f.start : f.end]:
            continue
        m = _WORD_BEFORE.search(text, max(0, f.start - 30), f.start)
        if m is None:
            continue
        word = m.group("w")
        w = fold_word(word)
        # "was May Appleyard": a month that is a first name, capitalised, not where a date stands ("in May")
        month_name = (
            w in MONTHS
            and w in all_first_names()
            and word[:1].isupper()
            and not _CALENDAR_BEFORE.search(text, max(0, m.start() - 14), m.start())
        )
        if (w in MONTHS and not month_name) or after_named_day(text, m.start("w")):  # "New Year's Eve Priya"
            continue
        if w in allow or ((w in STOP_WORDS or w in NAME_STOP) and not month_name) or w in TITLES or w in LABEL_WORDS:
            continue
        if w in RELATION_NOUNS or re.fullmatch(_APPOSITIVE_ROLES, w):
            continue
        # written like the found name: both capitalised ("Rose Kingsley") or both lower case (a slug)
        same_case = word[:1].isupper() == text[f.start : f.start + 1].isupper()
        if same_case and w in all_first_names() and w != fold_word(text[f.start : f.end]):
            out.append(f"{word[:1].upper()}{word[1:]} {text[f.start : f.end]}")
    return out


# "Rose and [Ivy]", "[Ivy] & Rose": a capitalised first name joined to a found name by "and" is a person too,
# even when it is a common word or a place ("Rose and Ivy are twins", "Florence and Mr Wood").
# "Chelsea and baby [Grace]", "Kayleigh and her son [Tyler]": a relation between "and" and the found name
_PARTNER_BEFORE = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<w>[{_UP}][{_LO}'\u2019\-]{{1,24}})[ ]+(?:and|&)[ ]+"
    r"(?:(?:her|his|their|my)[ ]+)?(?:(?:baby|little|son|daughter|partner|husband|wife|mum|dad|brother|sister"
    r"|nan|boyfriend|girlfriend|twin|twins)[ ]+)?$"
)
_PARTNER_AFTER = re.compile(rf"^[ ]+(?:and|&)[ ]+(?P<w>[{_UP}][{_LO}'\u2019\-]{{1,24}})(?![{_UP}{_LO}'\u2019\-])")


def partners_of(text: str, found: Iterable[Finding], allow: frozenset[str] = frozenset()) -> list[str]:
    """Listed first names joined by "and" to a found name ("Rose and [Ivy] are twins")."""
    out: list[str] = []
    for f in found:
        if f.kind != "PERSON":
            continue
        for m in (
            _PARTNER_BEFORE.search(text, max(0, f.start - 32), f.start),
            _PARTNER_AFTER.match(text[f.end : f.end + 32]),
        ):
            if m is None:
                continue
            word = m.group("w")
            w = fold_word(word)
            if w in allow or w in STOP_WORDS or w in MONTHS or w in DAYS or w in TITLES or w in RELATION_NOUNS:
                continue
            if w in all_first_names():  # clinical words too: "Sam and Florence" (not the app)
                out.append(word)
        # lower case beside a lower-case found name: "we had shaz and deano on most nights" (a word hardly
        # ever English, or a listed first name that is no common word)
        if not text[f.start : f.start + 1].islower():
            continue
        for m in (
            _LOWER_PARTNER_BEFORE.search(text, max(0, f.start - 32), f.start),
            _LOWER_PARTNER_AFTER.match(text[f.end : f.end + 32]),
        ):
            if m is None:
                continue
            word = m.group("w")
            w = fold_word(word)
            if w in allow or w in RELATION_NOUNS or not _lower_name_ok(word, 2.5):
                continue
            out.append(word[:1].upper() + word[1:])
    return out


_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?P<w>[^\W\d_]{3,20})[ _\-]{1,2}$")
_LOWER_PARTNER_BEFORE = re.compile(r"(?<![^\W\d_'\u2019\-])(?P<w>[a-z][a-z'\u2019\-]{1,20})[ ]+(?:and|&|n)[ ]+$")
_LOWER_PARTNER_AFTER = re.compile(r"^[ ]+(?:and|&|n)[ ]+(?P<w>[a-z][a-z'\u2019\-]{1,20})(?![^\W\d_'\u2019\-])")


# "pharmacist - Abdul: From the pharmacy side": a role, a dash and a name as a speaker label.
_ROLE_DASH_LABEL = re.compile(
    r"(?m)^[ \t]*(?:[A-Za-z]+[ ]){0,2}[A-Za-z]+[ ]+[\-\u2013][ ]+"
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)[ \t]*:[ \t]"
)
# "Priyanka, these are my notes": a name and a comma opening a text or line, then a lower-case word.
_VOCATIVE_NEXT = re.compile(
    r"[ ]*(?:you|your|can|could|would|will|do|did|are|have|what|how|is|was|thanks|thank|over|go|any|start|tell|give"
    r"|take|come|let|talk|say|share|pick|kick|jump|carry|i|we|please|sorry|just|quick)\b"
)
_OPENING_VOCATIVE = re.compile(rf"(?m)(?:^[ \t]*|(?<=[.!?] ))(?P<name>{NAME_WORD}),[ ]+(?=[a-z])")
# "Whitlock and Clarke, both on insulin": two name-like words joined by "and".
_NAME_AND_NAME = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<a>{NAME_WORD})[ ]+(?:and|&)[ ]+(?P<b>{NAME_WORD})(?![{_LO}{_UP}])"
)
# "Sandeep Gill (Sunny)", "Gwenllian (Gwen)", "(Paddy to everyone …": a nickname in brackets after a name.
_NICKNAME_AFTER = re.compile(
    rf"^[ ]*\((?P<nick>{NAME_WORD})(?:\)|[ ]+to[ ]+(?:everyone|everybody|all|us|friends|family|staff|the[ ]+team))"
    # "Terence Blanchard – Tel – has been on clozapine": a short name set off by dashes
    rf"|^[ ]+[\-\u2013\u2014][ ]+(?P<dashed>{NAME_WORD})[ ]+[\-\u2013\u2014][ ]+(?=[a-z])"
)

# 'Mrs Edith Rowlands - "the Duchess" to everyone', 'Reg ("Big Man" to the lads)': a nickname in quotes
_QUOTED_NICKNAME_AFTER = re.compile(
    r"^[ ]*(?:[\-\u2013,][ ]*|\([ ]*)[\"'\u201c\u2018](?:[Tt]he[ ]+)?(?:Big[ ]+|Wee[ ]+|Little[ ]+)?"
    rf"(?P<nick>{NAME_WORD})[\"'\u201d\u2019][ ]+to[ ]+(?:everyone|everybody|all|us|friends|family|staff|the[ ]+\w+)"
)


def nicknames_after(text: str, found: Iterable[Finding]) -> list[str]:
    """Nicknames right after a found name, in brackets or quotes.

    "[Sandeep Gill] (Sunny)", "(Paddy to everyone …", '[Edith Rowlands] - "the Duchess" to everyone'.
    """
    out: list[str] = []
    for f in found:
        if f.kind != "PERSON":
            continue
        m = _NICKNAME_AFTER.match(text[f.end : f.end + 60]) or _QUOTED_NICKNAME_AFTER.match(text[f.end : f.end + 60])
        if m is not None:
            nick = m.groupdict().get("dashed") or m.group("nick")
            w = fold_word(nick)
            # a label word is a nickname there too ("Terence Blanchard (Tel)"), where no number follows it
            label = w in LABEL_WORDS and re.match(
                r"[ )\-\u2013\u2014]*[:0-9+]", text[f.end + m.end() : f.end + m.end() + 6]
            )
            # a clinical or label word is a nickname there when it begins as the name does ("Terence … (Tel)")
            short = (
                len(w) <= 5
                and nick[:1].isupper()
                and any(fold_word(p)[:2] == w[:2] for p in text[f.start : f.end].split())
            )
            stop = w in NAME_STOP and not (short and not nick.isupper())
            common = w in STOP_WORDS or stop or w in TITLES or bool(label) or w in RELATION_NOUNS
            if not common and not re.fullmatch(_APPOSITIVE_ROLES, w):
                out.append(nick)
    return out


# A nickname in quotes or brackets between a first name and a surname: 'Desmond "Des" Achterberg',
# "Charlotte (Lottie) Beaumont": all three words name the person.
_NICK_BETWEEN = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<a>{NAME_WORD})[ ]+(?:\((?P<n1>{NAME_WORD})\)|[\"'\u201c\u2018](?P<n2>{NAME_WORD})"
    rf"[\"'\u201d\u2019])[ ]+(?P<b>{NAME_WORD})(?![{_LO}{_UP}])"
)
# What people call someone: "most folk call me Roddy", "(everyone calls him Darek)", 'we only ever knew him
# as "Mikey"', 'most people write it "Osheen"', "she goes by Bex".
_CALLED_AS = re.compile(
    r"(?<![A-Za-z])(?:(?i:call|calls|called|calling|knew|know|knows|known)[ ]+(?i:me|him|her|them|us)[ ]+"
    r"(?:(?i:as)[ ]+)?|(?i:write|writes|wrote|spell|spells|spelt|spelled|say|says|pronounce|pronounces)[ ]+"
    r"(?i:it|his[ ]name|her[ ]name|their[ ]name|my[ ]name)[ ]+(?:(?i:as)[ ]+)?|(?i:goes|go|went)[ ]+(?i:by)[ ]+)"
    rf"[\"'\u201c\u2018]?(?P<name>{NAME_WORD})"
)
# A name spelt out letter by letter after "spelt/spelled": "he spelt it for me, O-I-S-I-N".
_SPELT_OUT = re.compile(r"(?<![A-Za-z\-])(?P<name>[A-Z](?:[\-.][A-Z]){2,14})(?![A-Za-z\-])")
_SPELT_CUE = re.compile(r"(?i)\b(?:spelt|spelled|spells|spell|spelling)\b")
# A sentence that is only a first name: "Paddy. Mr Ó Súilleabháin." (introducing a story), "Gemma?"
_NAME_SENTENCE = re.compile(rf"(?:^|(?<=[.!?:] ))(?P<name>{NAME_WORD})[.!?](?=[ \t]|$)", re.MULTILINE)
# A listed first name in lower case after a verb that takes a person ("i told dave and …", "rang bex").
_LOWER_AFTER_VERB = re.compile(
    r"(?<![A-Za-z])(?i:told|asked|rang|phoned|texted|emailed|messaged|thanked|called|paged|bleeped|tell|ask|ring"
    r"|phone|text|email|message|thank|page|bleep|with|and|for|to)[ ]+"
    rf"(?P<name>[{_LO}][{_LO}'\u2019\-]{{2,20}})(?=[ ]+(?:and|said|says|was|is|had|has|did|rang|came|who|about|to|at"
    r"|on|for|if|that|but|so|because|when|then|yesterday|today|again)\b|[ ]*[,.!?;:)]|[ ]*$)",
    re.MULTILINE,
)
# A first name that is also a common word, capitalised inside a sentence: "We gave it to Will for the
# audit", "asked Hope to check" (not "Rose Garden", "Hope Street": a capitalised word after it is a place).
_COMMON_NAME_INSIDE = re.compile(rf"(?<=[a-z,;] )(?P<name>[{_UP}][{_LO}]+)(?![{_LO}{_UP}'\u2019\-])(?![ ]+[{_UP}0-9])")
_NOT_BEFORE_COMMON_NAME = re.compile(r"(?i)\b(?:the|a|an|this|that|our|their|his|her|my|your|of)[ ]+$")
# The words before "Eve" in a named day ("Christmas Eve", "New Year's Eve", "All Hallows' Eve"): no person.
_HOLIDAY = r"(?:christmas|new[ ]+year['\u2019]?s|all[ ]+hallows['\u2019]?)"
_HOLIDAY_BEFORE = re.compile(rf"(?i)\b{_HOLIDAY}[ ]+$")
_HOLIDAY_EVE = re.compile(rf"\b(?i:{_HOLIDAY})[ ]+Eve\b")


def after_named_day(text: str, start: int) -> bool:
    """The word at ``start`` follows "Christmas", "New Year's" or "All Hallows'" (it is the day's "Eve")."""
    return _HOLIDAY_BEFORE.search(text, max(0, start - 16), start) is not None


# A speaker label in capitals or in square brackets at the start of a line: "JENNY: I think so",
# "[Tomasz] yes agreed".
_CAPS_LABEL = re.compile(rf"(?m)^[ \t]*(?P<name>[{_UP}]{{3,}}(?:[ \-][{_UP}]{{3,}})?)[ \t]*:[ \t]")
_BRACKET_LABEL = re.compile(rf"(?m)^[ \t]*\[(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)\][ \t]")
# A relation and the name in brackets: "Mum (Agnieszka) was upset", "her son (Tomasz)".
_RELATION_BRACKET = re.compile(
    r"(?<![A-Za-z])(?i:mum|mother|dad|father|son|daughter|wife|husband|partner|brother|sister|nan|gran|grandad"
    r"|grandma|grandson|granddaughter|niece|nephew|aunt|auntie|uncle|cousin|carer|neighbour|friend|ex"
    rf"|boyfriend|girlfriend)[ ]+\((?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)(?:\)|,[ ])"
)
# Two listed first names joined by a hyphen: "Lily-Mae", "Mary-Jane", "Jean-Paul".
_HYPHEN_FIRST = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<a>[{_UP}][{_LO}]+)-(?P<b>[{_UP}][{_LO}]+)(?![{_UP}{_LO}\-])"
)
# Gaelic particles and an initial before a surname in capitals: "A. NIC GIOLLA", "MAC AONGHAIS", "J. O'HARE".
_CAPS_SURNAME = re.compile(
    rf"(?<![{_UP}{_LO}])(?P<name>(?:[{_UP}]\.[ ]?)?(?:NIC|N\u00cd|MAC|MHIC|U\u00cd|BEAN)[ ]+[{_UP}]{{3,}}"
    rf"(?:[ \-][{_UP}]{{3,}})?"
    rf"|[{_UP}]\.[ ]?(?:O['\u2019]|MC|MAC)?[{_UP}]{{3,}}(?:-[{_UP}]{{3,}})?)(?![{_UP}{_LO}])"
)


# "AMANKWAH, KWAME" (a wristband or label), "OSEI, Abena" (a list): a surname in capitals, a comma, a first name.
_CAPS_PAIR = re.compile(
    # "McALLISTER, Donald": a Mc/Mac surname keeps its small "c" in capitals
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<last>(?:Mc|Mac)?[{_UP}][{_UP}'\u2019\-]{{2,}}),[ ]*"
    rf"(?P<first>[{_UP}][{_UP}]{{2,}}|[{_UP}][{_LO}]+)"
    rf"(?![{_UP}{_LO}'\u2019\-])"
)
# "| McCarthy, Bridget |", "Nowak, Ewa<TAB>": "Surname, First" alone in a table cell.
_SURNAME_FIRST_CELL = re.compile(
    rf"(?:^|(?<=\|)|(?<=\t))[ ]*(?P<last>{NAME_WORD}),[ ]+(?P<first>{NAME_WORD})[ ]*(?=\||\t|$)", re.MULTILINE
)
_SHORT_CAP = re.compile(rf"(?<![{_UP}{_LO}'\u2019\-])(?P<w>[{_UP}][{_LO}]{{1,4}})(?![{_UP}{_LO}'\u2019\-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'\u201d\u2019)]?[ \t]+|\n[ \t]*(?:[\-*\u2022>][ \t]*)?)$")
# said to someone opening a sentence: "Rach, will you bring the family back?", "Ro, can you …", "Des, thanks"
_SPOKEN_TO_AFTER = re.compile(
    r",[ ]+(?:(?:will|can|could|would|do|did|are|have)[ ]+you|you[ ]+(?:ok|okay|alright|were|had|did|said)"
    r"|thanks|thank[ ]+you|cheers)\b"
)
_PERSON_VERB_AFTER = re.compile(
    r"[ ]+(?:is|was|has|had|did|does|said|says|rang|rings|came|went|told|asked|took|got|made|saw|thinks|thought"
    r"|knows|knew|wanted|needed|called|noticed|spotted|helped|sorted|checked|stayed|left|arrived|and[ ]I)\b"
)


def short_forms(
    text: str, found_words: Iterable[str], allow: frozenset[str] = frozenset(), known_words: Iterable[str] = ()
) -> list[str]:
    """Short forms of found first names: "Ro" for a found "Rowena", "Des" for "Desmond", "Chris" for "Christine".

    A capitalised word of 2-5 letters that begins a found name word at least two letters longer and is not
    a stop, title, label, clinical or allowed word. Inside a sentence that is enough (people shorten the
    names of the people they talk about); at the start of a sentence only before a verb a person does
    ("Ro is a star", not "Car park was full" beside a found "Caroline"). A clinical word written as a name is
    one where it begins a name of ``known_words`` (the speakers' and authors' own): "How did that feel, Ed?"
    where Edward Parry-Jones speaks ("ED", the department, is written in capitals and stays).
    """
    stems = {fold_word(w) for w in found_words if len(w) >= 4 and w[:1].isupper()}
    if not stems:
        return []
    known = {fold_word(w) for w in known_words if len(w) >= 4}
    out: list[str] = []
    for m in _SHORT_CAP.finditer(text):
        w = fold_word(m.group("w"))
        if w in allow or w in STOP_WORDS or w in TITLES or w in LABEL_WORDS or w in MONTHS:
            continue
        if w in NAME_STOP and not any(k.startswith(w) and len(k) >= len(w) + 2 for k in known):
            continue
        # the start of a found name ("Ro" for Rowena), or its British pet form ("Deano" for Dean, "Kezza")
        if not any(s.startswith(w) and len(s) >= len(w) + 2 for s in stems) and not any(_pet_form(w, s) for s in stems):
            continue
        if (
            _SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
            and not _PERSON_VERB_AFTER.match(text, m.end())
            and not _SPOKEN_TO_AFTER.match(text, m.end())
        ):
            continue
        out.append(m.group("w"))
    return out


# a lower-case word ending a clause: "no relation kel, and Shannon", "cheers kel."
_SHORT_LOWER = re.compile(
    r"(?<![\w'\u2019\-@./])(?P<w>[a-z]{2,5})(?=['\u2019\"\u201d]?[ ]*[,.!?]+(?:[ ]|$)|['\u2019\"\u201d]?[ ]*$)",
    re.MULTILINE,
)


def _pet_form(word: str, name: str) -> bool:
    """True if ``word`` is a British pet form of ``name``.

    Its start and "z" or "zza" ("baz", "staz", "kezza" for Barry, Stacey, Kerry), or the whole name and "o"
    ("deano" for Dean).
    """
    for tail in ("zza", "z"):
        stem = word[: -len(tail)]
        if word.endswith(tail) and 2 <= len(stem) < len(name) and name.startswith(stem):
            return True
    return len(name) >= 3 and word == name + "o"


# a short form opening a message, spoken to: "preet you had the year nine?", "shell babe that's got her DOB"
# who is writing, in lower case: "its deano (Dean Fitzpatrick) from …", "im kel btw"
_SELF_NAMED_LOWER = re.compile(
    r"(?:^|(?<=[.!?>:][ ]))(?i:it['\u2019]?s|this[ ]is|i['\u2019]?m)[ ]+(?P<w>[a-z]{3,8})(?P<dear>)(?![\w'\u2019\-@])",
    re.MULTILINE,
)
# asked or told about in a message: "tell stace to mind her own", "ask kel if"
_SHORT_TOLD = re.compile(
    r"\b(?:tell|ask|told|asked|text|ring|call|message|let)[ ]+(?P<w>[a-z]{3,6})(?P<dear>)"
    r"[ ]+(?:to|that|if|about|know)\b"
)
_SHORT_OPENING = re.compile(
    r"(?:^|(?<=[.!?>:][ ]))(?<![\w'\u2019\-@./])(?P<w>[a-z]{3,6})[ ]+(?=(?i:you[ ]+(?:had|have|did|said|were|got)"
    r"|you['\u2019](?:ve|re|ll)|are[ ]+you|can[ ]+you|could[ ]+you|did[ ]+you|do[ ]+you|have[ ]+you|you[ ]+ok"
    r"|i['\u2019](?:ll|m|ve))\b"
    r"|(?P<dear>babe|hun|hunny|bab|mate|chick|hon|lovely)\b)",
    re.MULTILINE,
)


def lower_short_forms(text: str, found_words: Iterable[str], allow: frozenset[str] = frozenset()) -> list[str]:
    """Lower-case short forms of found first names said to or of someone: "kel," for a found "Kelly".

    A word of 2-5 letters ending a clause that begins a found name word at least two letters longer and is
    no common English word (Zipf < 4.0; "del", "kel", "bex", "bart", "lex"; not "rob", "sam", "car", "dot").
    """
    stems = {fold_word(w) for w in found_words if len(w) >= 4 and w[:1].isupper()}
    if not stems:
        return []
    out: list[str] = []
    told = _SHORT_TOLD.finditer(text) if " to " in text or " if " in text else iter(())
    for m in [*_SHORT_LOWER.finditer(text), *_SHORT_OPENING.finditer(text), *_SELF_NAMED_LOWER.finditer(text), *told]:
        w = m.group("w")
        # spoken to at the start of a message (or saying who is writing: "its deano") the form may be one
        # letter short and, before an endearment, commoner ("shell babe" for Shelly)
        opening = "dear" in m.groupdict()
        limit = 4.5 if m.groupdict().get("dear") else 4.0
        # a place that is hardly a word is still the short form ("please rach." for Rachel; Rach is a village)
        place = is_place(w) and _zipf(w) >= 3.0
        if w in allow or _never_a_name(w) or _zipf(w) >= limit or place or w in _ENDEARMENTS:
            continue
        # the start of the name ("kel" for Kelly), or its end ("preet" for Gurpreet)
        shorter = 1 if opening else 2
        if any(
            (s.startswith(w) or (len(w) >= 4 and s.endswith(w))) and len(s) >= len(w) + shorter for s in stems
        ) or any(_pet_form(w, s) for s in stems):
            out.append(w)
    return list(dict.fromkeys(out))


# spoken to at the start of a message without a comma, before "you" or "I'll": "joy I'll send you the one",
# "stacey are you ok with it" (chats leave the comma out)
_OPENING_SPOKEN_TO = (
    r"|(?:^|(?<=[.!?>:][ ]))(?<![\w'\u2019\-]){w}[ ]+(?=(?i:i['\u2019](?:ll|m|ve|d)|you['\u2019](?:ve|re|ll)"
    r"|are[ ]+you|can[ ]+you|could[ ]+you|did[ ]+you|have[ ]+you|do[ ]+you|you[ ]+(?:had|have|did|said|were|ok|okay)"
    r"|is[ ]+(?:that|this|it)[ ]+(?:you|yours))\b)"
)
# a lower-case word ({w}) used as a person: before what people do, or after a cue and ending a clause
_LOWER_NAME_SLOT = (
    r"(?<![\w'\u2019\-]){w}(?=[ ]+(?:said|says|rang|told|asked|needs|wants|texted|messaged)\b"
    r"|['\u2019]s[ ]+(?:mum|dad|nan|son|daughter|partner|phone|number|been[ ]+(?:here|in|on|up|waiting|asking))\b)"
    r"|\b(?i:with|see|seen|saw|told|asked|thanks|cheers|hi|hey|baby|little|visit|visited|rang|phoned)[ ]+{w}"
    r"(?=[ ]*[?!.,]|[ ]*$)"
    # said to someone, opening a sentence: "Anyway. precious, you had the thing with dazza?"
    r"|(?:^|(?<=[.!?>][ ]))(?<![\w'\u2019\-]){w},[ ]+(?=(?:she|he|they|you|i|we|can|could|did|do|are|have|what|how)\b)"
    + _OPENING_SPOKEN_TO
)
# a speaker's or author's name spoken to in lower case: "ok sky, this is", "I know. sky, the other", "thank you sky",
# "Hi carol!"
_KNOWN_NAME_SLOT = (
    r"\b(?i:thanks|thank[ ]you|cheers|ok|okay|hi|hiya|hey|morning|right|so|bye|night|yes|no|well)[ ,]+{w}"
    r"(?=[ ]*[?!.,]|[ ]*$)|(?:^|(?<=[.!?>:][ ]))(?<![\w'\u2019\-]){w},[ ]+(?=[a-z])" + _OPENING_SPOKEN_TO
)
# listed first names that are everyday words in lower case too, beside COMMON_WORD_NAMES ("olive oil")
_LOWER_WORDS_TOO = frozenset({"olive", "dot", "autumn", "river", "marina", "dean", "tuesday", "sunday"})


def lower_forms_of_found(
    text: str, found_words: Iterable[str], allow: frozenset[str] = frozenset(), known: Iterable[str] = ()
) -> list[str]:
    """Found names that the same document also writes in lower case: "later on jade was there" beside "Jade rang".

    Chats and speech recognition write a person's name in lower case a line after a capitalised one. A
    capitalised found word that the name lists hold and that is no common English word (not in
    COMMON_WORD_NAMES, Zipf < 4.5: "kev", "shannon", "dougie") is that person in lower case too. A name that
    is a word as well ("grace", "jade"; not "will", "frank", Zipf 4.6 and over) only where one lower-case
    use reads as a person ("chelsea said grace had a temp", "with bunny?"), not "with grace and humour".

    ``known`` are the words of the speakers' and authors' names: the lists need not hold them ("Sky Donnelly"
    speaking), and a greeting or an opening comma says they are spoken to ("ok sky, this is", "thank you sky").
    """
    known_words = {fold_word(w) for w in known if len(w) >= 3}
    out: list[str] = []
    lowers = {w for w in _WORD.findall(text) if w.islower() and len(w) >= 3}
    if not lowers:
        return out
    for word in {w for w in found_words if w[:1].isupper() and len(w) >= 3}:
        w = fold_word(word)
        if w not in lowers or w in allow or w in out or w in _ENDEARMENTS or w in _LOWER_WORDS_TOO:
            continue
        if not (w in all_first_names() or w in surnames() or w in SHORT_NAMES or w in known_words) or is_place(w):
            continue
        if w in TITLES or w in LABEL_WORDS or w in MONTHS or w in DAYS or w in NAME_STOP or w in STOP_WORDS:
            continue
        z = _zipf(w)
        if _is_common(w):
            slot = re.compile(_LOWER_NAME_SLOT.format(w=re.escape(w)), re.MULTILINE)
            spoken_to = w in known_words and re.search(_KNOWN_NAME_SLOT.format(w=re.escape(w)), text, re.MULTILINE)
            if z >= 4.8 or len(w) < 3 or (slot.search(text) is None and not spoken_to):
                continue
        elif z >= 4.5:
            continue
        out.append(w)
    return sorted(out)


_URL_WORD = re.compile(r"[a-z]{5,40}")


def _is_name_run(word: str) -> bool:
    """``word`` is a first name followed by a surname or first name, perhaps joined by "and" ("kirstystrachan")."""
    firsts, lasts = all_first_names(), surnames()
    if word in lasts or word in firsts or _zipf(word) >= 2.0:  # "macmillan", "healthtalk": a name or a word
        return False
    for i in range(3, len(word) - 2):
        head, rest = word[:i], word[i:]
        if head not in firsts or head in STOP_WORDS:
            continue
        # a common first name before a listed surname that is no English word: "markszymanski"
        if len(rest) >= 5 and rest in lasts and rest not in firsts and _zipf(rest) < 2.5:
            return True
        if _zipf(head) >= 4.5:
            continue
        if rest.startswith("and") and rest[3:] in firsts and len(rest) > 5:
            return True
        if (rest in lasts or rest in firsts) and rest not in STOP_WORDS and _zipf(rest) < 4.0:
            return True
        if rest in _SITE_WORDS or (rest[:-6] in firsts | lasts and rest.endswith(tuple(_SITE_WORDS))):
            return True  # "roisinwrites", "tovawrites", "willowfoxwrites": a person's own site
    return False


# What a person's own site is called after their name: "roisinwrites", "kateblogs", "drjonesonline".
_SITE_WORDS = frozenset({"writes", "blogs", "blog", "says", "online", "nurse", "rn", "art", "photos", "thinks"})


def url_names_a_person(url: str) -> bool:
    """True when a host label or path segment of ``url`` is a run of names: a person's own site or page.

    "https://kirstystrachan.example.com/dad-and-the-night-call", "carysandeifion.example.org/2025/03/our-week",
    "padlet.example.com/janedoe/board"; "nice.org.uk/guidance/ng51" is not.
    """
    body = re.sub(r"^[a-z]+://", "", url.lower())
    body = body.split("?", 1)[0].split("#", 1)[0]
    words = re.split(r"[./\-_~@0-9]+", body)
    return any(_is_name_run(w) for w in words if _URL_WORD.fullmatch(w))


def url_has_found_names(url: str, name_words: frozenset[str]) -> bool:
    """True when ``url`` holds two words of the document's found names, or one rare one: a page about them.

    "…/apply?ref=amber-baker-2008" in a story where Amber Baker was found; the query counts too.
    """
    words = {w for w in re.split(r"[^a-z]+", fold_word(url)) if len(w) >= 3}
    # words written together in CamelCase: ".../d/1rJx8OlwenJarmanCareDiary_k2/edit"
    words |= {fold_word(w) for w in re.findall(r"[A-Z][a-z]{2,}", url)}
    hits = words & name_words
    if len(hits) >= 2 or any(len(w) >= 5 and _zipf(w) < 3.0 for w in hits):
        return True
    # the names run together: "raythistlethwaite.example.com" where "Ray Thistle-thwaite" was found, with a
    # word before or after them too ("kerrymulhollandnurse.wordpress…", "nursekerrymulholland")
    return any(
        len(w) >= 8
        and (
            _joined_names(w, name_words)
            or any(_joined_names(w[:i], name_words) or _joined_names(w[-i:], name_words) for i in range(6, len(w) - 2))
        )
        for w in words
    )


# Initial consonant mutations of Welsh (soft, nasal, aspirate): a name after "i", "a", "dy", "ei" changes
# its first letters ("Diolch i Forfudd" for Morfudd, "to Fethan" for Bethan).
_WELSH_MUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ll", ("L",)),
    ("Rh", ("R",)),
    ("P", ("B", "Mh", "Ph")),
    ("T", ("D", "Nh", "Th")),
    ("C", ("G", "Ngh", "Ch")),
    ("B", ("F", "M")),
    ("D", ("Dd", "N")),
    ("G", ("", "Ng")),
    ("M", ("F",)),
)


def welsh_mutations(word: str) -> list[str]:
    """The mutated forms of a capitalised name word that are not English words or places ("Bethan" -> "Fethan")."""
    if len(word) < 4 or not word[:1].isupper():
        return []
    for start, repl in _WELSH_MUTATIONS:
        if word.startswith(start) and not (start in ("L", "R") and word[1:2] in "lh"):
            rest = word[len(start) :]
            out = []
            for r in repl:
                form = r + rest if r else rest[:1].upper() + rest[1:]
                w = fold_word(form)
                if len(form) >= 4 and _zipf(w) < 3.0 and not is_place(w) and not _never_a_name(w):
                    out.append(form)
            return out
    return []


def _joined_names(word: str, name_words: frozenset[str], parts: int = 0) -> bool:
    """``word`` is two or more of ``name_words`` (each of 3+ letters) written together."""
    if not word:
        return parts >= 2
    if parts >= 4:
        return False
    return any(
        word[:i] in name_words and _joined_names(word[i:], name_words, parts + 1) for i in range(3, len(word) + 1)
    )


# A surname after a person placeholder: "[PERSON_1] McAllister", "[PERSON_2] Ní Bhriain".
_AFTER_PLACEHOLDER = re.compile(
    rf"\[PERSON_[0-9]+\][ ]+(?P<name>(?:{_PARTICLE_ALT}[ ]+)?{NAME_WORD}(?:[ ]+{NAME_WORD})?)(?![{_LO}{_UP}])"
)


def _surname_like(word: str) -> bool:
    """A word that can be a surname: a listed surname or first name, or rarer than Zipf 3.5; no month or verb."""
    w = "".join(name_parts(word))
    if not w or w in STOP_WORDS or w in MONTHS or w in DAYS or w in LABEL_WORDS or w in TITLES:
        return False
    return w in surnames() or w in first_names() or _zipf(w) < 3.5


def _role_word_alone(name: str) -> bool:
    """``name`` is one role or call-sign word that is no listed first name ("Control", "Operator")."""
    w = fold_word(name)
    return " " not in name and w in ROLE_LABEL_WORDS and w not in all_first_names()


def propose_titled_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names after a title, a greeting or a relation noun: strong evidence.

    The words are taken even when they are also places or clinical words ("Mr Wells", "Mrs Norton",
    "thanks Abbey"), and in lower case when they are not common English ("dr okonkwo", "my colleague
    dimitra").
    """
    out: list[str] = []
    for m in _TITLED.finditer(text):
        name = clean_titled(m.group("name"), allow, after_title=True)
        if name:
            out.append(name)
    for m in _TITLED_CAPS.finditer(text):
        caps = m.group("name")
        if fold_word(caps) not in NAME_STOP and fold_word(caps) not in STOP_WORDS:
            out.append(caps)
    for pattern in (_ROLE_LABEL, _RELATION_BARE, _NAME_TIME):
        for m in pattern.finditer(text):
            name = clean_titled(m.group("name"), allow)
            # "Cumbria OOH GP - Carlisle": a service and its place, as teams are named
            dashed = pattern is _ROLE_LABEL and re.search(r"[\-\u2013]", m.group(0)[: m.start("name") - m.start()])
            if name and not (dashed and all(fold_word(w) in places() for w in name.split())):
                out.append(name)
    for m in _INITIAL_SURNAME.finditer(text):
        name = clean_titled(m.group("name"), allow)
        if name:
            out.append(name)
    for pattern in (_POSSESSIVE_RELATION, _APPOSITIVE):  # a role or relation names the word before it
        for m in pattern.finditer(text):
            name = clean_name(m.group("name"), allow)
            if name and not any(is_place(w) for w in name.split()):
                out.append(name)
    for m in _ROLE_DASH_LABEL.finditer(text):
        name = clean_name(m.group("name"), allow)
        if name and all(_likely_name_word(w, frozenset()) or fold_word(w) in surnames() for w in name.split()):
            out.append(name)
    for m in _OPENING_VOCATIVE.finditer(text):
        w = fold_word(m.group("name"))
        # only spaces since the line began (no copy of the text before: this runs for every match)
        line_start = not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \t")
        # inside a text, a rare word and a comma is a name only before what one says to a person
        # ("Tsvetelina, start with…"), not in a list ("Syntocinon, carboprost, then theatre")
        addressed = line_start or _VOCATIVE_NEXT.match(text, m.end()) is not None
        rare_ok = _zipf(w) < 2.5 and addressed
        if (w in first_names() or rare_ok) and clean_name(m.group("name"), allow) and not is_place(w):
            out.append(m.group("name"))
    for m in _NAME_AND_NAME.finditer(text):
        pair = [m.group("a"), m.group("b")]
        folded = [fold_word(w) for w in pair]
        listed = all(f in surnames() or f in first_names() for f in folded)
        name_like = all(
            _likely_name_word(w, frozenset()) or (fold_word(w) in surnames() and _surname_like(w)) for w in pair
        )
        if (
            listed
            and name_like
            and min(_zipf(f) for f in folded) < 3.5
            and all(clean_name(w, allow) for w in pair)
            and not any(is_place(f) for f in folded)
        ):
            out.extend(pair)
    for m in _NICK_BETWEEN.finditer(text):
        nick = m.group("n1") or m.group("n2")
        words = [m.group("a"), nick, m.group("b")]
        first = fold_word(words[0]) in all_first_names() or fold_word(nick) in all_first_names()
        clean = all(clean_titled(w, allow) and fold_word(w) not in STOP_WORDS for w in words)
        if first and clean and _surname_like(words[2]):
            out.extend(words)
    for m in _CALLED_AS.finditer(text):
        name = clean_titled(m.group("name"), allow)
        w = fold_word(name) if name else ""
        # "she called her Mum", "the lads called him Boss": a relation or a pet name, not a name
        if name and w not in STOP_WORDS and w not in LABEL_WORDS and w not in RELATION_NOUNS and w not in _ENDEARMENTS:
            out.append(name)
    for m in _PERSON_NOUN_APPOSITION.finditer(text):
        words = [fold_word(w) for w in m.group("name").split()]
        # a listed name or a rare word; not a nationality, a language or an adjective ("a man, Portuguese,")
        if any(w in allow or _never_a_name(w) or is_place(w) or w in COMMUNITY_WORDS for w in words):
            continue
        if all(w in all_first_names() or w in surnames() or _zipf(w) < 3.0 for w in words):
            out.append(m.group("name"))
    for m in _ROLE_APPOSITION.finditer(text):
        # between commas after a role a listed first name is a name even when it is a common word ("Will")
        name = clean_titled(m.group("name"), allow) or (
            m.group("name") if fold_word(m.group("name")) in all_first_names() else None
        )
        if name and not any(is_place(fold_word(w)) for w in name.split()):
            out.append(name)
    for m in _HYPHEN_FIRST.finditer(text):
        a, b = fold_word(m.group("a")), fold_word(m.group("b"))
        if a in all_first_names() and b in all_first_names() and a not in STOP_WORDS and b not in STOP_WORDS:
            out.append(m.group(0))
    for pattern in (_RELATION, _SELF_INTRO):
        for m in pattern.finditer(text):
            # "a lady called Florence", "his wife, Grace": a listed first name after a strong cue, even when it
            # is also a clinical word (propose_names takes the others)
            cue_word = m.group("name").split()[0]
            f = fold_word(cue_word)
            if f in NAME_STOP and f in all_first_names() and f not in allow and f not in MONTHS and f not in DAYS:
                out.append(cue_word)
    for m in _CAPS_PAIR.finditer(text):  # "AMANKWAH, KWAME MM0482291" (a wristband), "OSEI, Abena" (a list)
        surname, given = fold_word(m.group("last")), fold_word(m.group("first"))
        if surname in allow or given in allow or any(_never_a_name(w) for w in (surname, given)):
            continue
        if surname in surnames() and given in all_first_names():
            out.append(f"{m.group('first')} {m.group('last')}")
    for m in _SURNAME_FIRST_CELL.finditer(text):  # "| McCarthy, Bridget |"
        surname, given = fold_word(m.group("last")), fold_word(m.group("first"))
        bad = {w for w in (surname, given) if _never_a_name(w)}
        if (
            not bad
            and surname not in allow
            and given not in allow
            and given in all_first_names()
            and _surname_like(m.group("last"))
        ):
            out.append(f"{m.group('first')} {m.group('last')}")
    for m in _CAPS_SURNAME.finditer(text):
        surname = re.sub(r"^[A-Z\u00c0-\u00de]\.[ ]?", "", m.group("name"))
        particle = surname.split()[0] in ("NIC", "N\u00cd", "MAC", "MHIC", "U\u00cd", "BEAN") and " " in surname
        if particle or fold_word(surname.replace("'", "").replace("\u2019", "")) in surnames():
            out.append(m.group("name"))
    for m in _LOWER_AFTER_VERB.finditer(text):
        w = m.group("name")
        f = fold_word(w)
        listed = f in first_names() and f not in COMMON_WORD_NAMES and f not in STOP_WORDS and f not in NAME_STOP
        if listed and f not in allow and _zipf(f) < 4.6:
            out.append(w[:1].upper() + w[1:])
    for m in _COMMON_NAME_INSIDE.finditer(text):
        w = m.group("name")
        f = fold_word(w)
        common = f in COMMON_WORD_NAMES and f in all_first_names() and f not in NAME_STOP and f not in allow
        holiday = after_named_day(text, m.start())  # "Christmas Eve"
        if common and not holiday and not _NOT_BEFORE_COMMON_NAME.search(text, max(0, m.start() - 6), m.start()):
            out.append(w)
    for pattern in (_CAPS_LABEL, _BRACKET_LABEL, _RELATION_BRACKET):
        for m in pattern.finditer(text):
            name = m.group("name")
            words = [fold_word(x) for x in name.replace("-", " ").split()]
            if pattern is _CAPS_LABEL and not all(x in all_first_names() or x in surnames() for x in words):
                continue
            if any(x in STOP_WORDS or x in LABEL_WORDS or x in NAME_STOP for x in words):
                continue
            out.append(name)
    for m in _NAME_SENTENCE.finditer(text):
        w = fold_word(m.group("name"))
        if w in all_first_names() and w not in NAME_STOP and w not in STOP_WORDS and w not in allow:
            out.append(m.group("name"))
    if _SPELT_CUE.search(text):
        for m in _SPELT_OUT.finditer(text):
            cue = _SPELT_CUE.search(text, max(0, m.start() - 80), m.start())
            if cue is not None:
                out.append(m.group("name"))
    for m in _AFTER_PLACEHOLDER.finditer(text):  # "[PERSON_1] McAllister": text redacted once already
        name = clean_titled(m.group("name"), allow)
        if name and all(_surname_like(w) for w in name.split() if fold_word(w) not in _PARTICLES):
            out.append(name)
    for m in _GREETING.finditer(text):  # "thanks Abbey", "cheers Rose": a greeting names a person
        name = clean_titled(m.group("name"), allow)
        if name and m.group("name").casefold() not in _GREETING_NOT_NAMES and not _role_word_alone(name):
            out.append(name)
    for pattern in (_TITLED_LOWER, _RELATION_LOWER, _THANKS_LOWER, _THANKS_LOWER_2):
        # after thanks a little more common word still names someone ("thanks to amir"), not a role ("physio")
        limit = 3.6 if pattern in (_THANKS_LOWER, _THANKS_LOWER_2) else 3.2
        for m in pattern.finditer(text):
            taken: list[str] = []
            words = m.group("name").split()
            if pattern is not _TITLED_LOWER:
                words = words[:2]
            for k, w in enumerate(words):  # the words up to the first that is not a name here
                f = fold_word(w)
                if pattern is _TITLED_LOWER and f in _SPLIT_PARTICLES and k + 1 < len(words) and not taken:
                    taken.append(w)  # "missus mc cullough": speech-to-text splits "McCullough"
                    continue
                key = "".join(name_parts(w))  # "o'connell" is listed as "oconnell"
                listed = (key in all_first_names() or key in surnames()) and _zipf(f) < 4.5 and pattern is _TITLED_LOWER
                if f in allow or f in STOP_WORDS or f in NAME_STOP or not (is_uncommon_word(w, limit) or listed):
                    break
                if not listed and _inflected(f):  # "his mum messaged the station": a verb, not a name
                    break
                taken.append(w)
            if taken and fold_word(taken[-1]) not in _SPLIT_PARTICLES:  # "mister kowal check" -> "Kowal"
                out.append(" ".join(w[:1].upper() + w[1:] for w in taken))
    for m in _RELATION_IS_LOWER.finditer(text):  # a listed first name, not "the son is fine" or "upset"
        w = m.group("name")
        f = fold_word(w)
        if f in all_first_names() and f not in allow and f not in STOP_WORDS and f not in NAME_STOP and _zipf(f) < 5.0:
            out.append(w[:1].upper() + w[1:])
    # "nan Eilean Siar" (Gaelic "of the Western Isles"): words of a Celtic language after what looks like a cue
    return [n for n in out if not all(fold_word(w) in CELTIC_WORDS for w in n.split())]


_SPLIT_PARTICLES = _PARTICLES | {"mc"}  # and "Mc", which speech-to-text writes apart ("mc cullough")


def clean_titled(candidate: str, allow: frozenset[str] = frozenset(), after_title: bool = False) -> str | None:
    """Like :func:`clean_name`, but keeps words that are also places, months or clinical terms."""
    text = re.sub(r"['\u2019]s$", "", candidate.strip().strip("\"'`()[]{}<>.,;:!?*#"))
    words = [w for w in text.split() if w.casefold() not in TITLES]
    # "Sister Ward", "Nurse Practitioner": a role word after a title is part of a job title, not a name.
    while words and (words[0].casefold() in _ROLE_AFTER_TITLE or words[0].casefold() in LABEL_WORDS):
        words.pop(0)
    while words and (words[-1].casefold() in STOP_WORDS or words[-1].casefold() in allow):
        alone = len(words) == 1 and words[0][:1].isupper() and words[0].casefold() not in allow
        if after_title and alone and titled_word_ok(words[0]):
            break  # "Mrs May", "Mr Will": a listed name alone after a title is the surname
        words.pop()
    if not words or len(words) > 5 or any(w.casefold() in _FUNCTION_WORDS for w in words):
        return None
    if any(not w[0].isupper() and w.casefold() not in _PARTICLES for w in words):
        return None
    return " ".join(words)


def titled_word_ok(word: str) -> bool:
    """Whether a stop word may still be the surname right after a title.

    A listed first name or surname, not a function word or a label ("Mrs May", "Mr Will"; not "Captain. After").
    """
    w = word.casefold()
    listed = w in surnames() or w in all_first_names()  # "May", "Will", "Hope"; not "After", "Around"
    return word.isalpha() and len(word) >= 3 and listed and w not in _FUNCTION_WORDS and w not in LABEL_WORDS


_FUNCTION_WORDS = frozenset(
    (
        "the a an and or of to in on at for with from by this that these those it its he she they we you i me "
        "him her them us my our your their his who what which when where how there here"
    )
    .casefold()
    .split()
)
_ROLE_AFTER_TITLE = frozenset(
    [
        "ward",
        "practitioner",
        "manager",
        "lead",
        "charge",
        "team",
        "unit",
        "clinic",
        "surgery",
        "theatre",
        "theatres",
        "midwife",
        "specialist",
        "associate",
        "assistant",
        "director",
        "consultant",
        "registrar",
        "tutor",
        "educator",
        "advocate",
    ]
)


@lru_cache(maxsize=1)
def all_first_names() -> frozenset[str]:
    """Every first name of the packaged lists, common words ("rose", "hope") too.

    ``first_names.txt`` (US Census 1990 files) and ``first_names_uk.txt`` (names common in the UK that the
    census lacks: "siobhan" is there, "eilidh", "gosia", "kwame", "seun", "kayden" are not) and
    ``first_names_world.txt`` (~5,200 more of the traditions common in UK services: "faadumo", "kez").
    """
    return (
        _load_list("first_names.txt")
        | _load_list("first_names_uk.txt")
        | _load_list("first_names_world.txt")
        | _load_list("first_names_faker.txt")
    )


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names that are not common English words (rarer than Zipf 4.7): "arthur", not "will"."""
    return frozenset(n for n in all_first_names() if _zipf(n) < 4.7)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Surnames of the packaged lists: US Census 1990 and UK surnames the census lacks.

    ``surnames.txt``: the 20,000 most frequent US Census 1990 surnames (common words such as "price" included);
    ``surnames_uk.txt``: ~2,500 surnames common in the UK that the census lacks ("nwosu", "amankwah");
    ``surnames_world.txt``: ~3,700 more of the traditions common in UK services ("oyelaran").
    """
    return (
        _load_list("surnames.txt")
        | _load_list("surnames_uk.txt")
        | _load_list("surnames_world.txt")
        | _load_list("surnames_faker.txt")
    )


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Place names that are not also common first names or surnames (``data/places*.txt``), folded."""
    return _load_list("places.txt") | _load_list("places_uk.txt")


@lru_cache(maxsize=1)
def places_that_are_names() -> frozenset[str]:
    """UK places that are also first names or surnames (``data/places_uk_names.txt``): "kendal", "furness"."""
    return _load_list("places_uk_names.txt")


# A line break inside a sentence of hard-wrapped text ("to her daughter\nMercy's"): not before a line that
# opens with a label, a time, a list mark, a table or a heading.
_WRAPPED = re.compile(
    r"(?<=[A-Za-z,;\u2013\u2014-])\n(?=[ \t]*[A-Za-z\u00c0-\u024f])(?![ \t]*[^\s:]{1,30}(?:[ ][^\s:]{1,30}){0,3}:[ \t])"
)


# the same inside a quoted e-mail: "Her care coordinator, Priya\n> Raghunathan, had written"
_WRAPPED_QUOTED = re.compile(
    r"(?<=[A-Za-z,;\u2013\u2014-])\n[ \t]*>[> \t]*(?=[A-Za-z\u00c0-\u024f])"
    r"(?![^\s:]{1,30}(?:[ ][^\s:]{1,30}){0,3}:[ \t])"
)


# a line that is only a greeting or a sign-off ends there: "Thanks / Bye" is not "Thanks Bye" (a name after
# "thanks"); "Thanks / Will" under a message is read by propose_signoff_names instead
_LONE_GREETING = re.compile(
    r"(?:^|\n)[ \t>]*(?i:thanks|thank[ ]you|cheers|hi|hello|hey|hiya|regards|best|love|ta|bye)[ \t]*[,.!]?[ \t]*$"
)


def _join_unless_greeting(m: re.Match[str]) -> str:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    return "\n" if _LONE_GREETING.search(m.string, max(0, line_start - 1), m.start()) else " "


def join_wrapped(text: str) -> str:
    """``text`` with single line breaks inside hard-wrapped sentences read as spaces (the same length).

    Cues split over a line ("her daughter / Mercy's", "called / Hope") are then seen whole, in a quoted
    e-mail too ("Priya / > Raghunathan"). Paragraph breaks, labels ("Tariq: …"), list items and table rows
    keep their line breaks.
    """
    if "\n" not in text:
        return text
    text = _WRAPPED.sub(_join_unless_greeting, text)
    if ">" in text:
        text = _WRAPPED_QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    return text


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[str]:
    """UK places of several words that are names too ("milton keynes"), folded (data/place_phrases_uk.txt)."""
    return _load_list("place_phrases_uk.txt")


_CAP_RUN = re.compile(
    rf"[{_UP}][{_LO}'\u2019\-]+(?:[ ](?:(?:le|on|upon|the|in|under|by|cum|next|super|juxta|and|en)[ ])?"
    rf"[{_UP}][{_LO}'\u2019\-]+)+"
)


def mask_place_phrases(text: str) -> str:
    """``text`` with each listed place of several words ("Milton Keynes", "Thornton Heath") written as "x"s.

    Named days whose last word is a first name ("Christmas Eve") and Irish counties ("Co. Kerry") too.

    The same length, so spans still apply: weak name proposers read this copy, so "to Milton Keynes" does
    not propose "Milton". Known names, titles and the tagger still read the text itself.
    """
    phrases = place_phrases()
    out: list[str] | None = None
    for m in _CAP_RUN.finditer(text):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
        i = 0
        while i < len(words) - 1:
            for j in range(min(len(words), i + 5), i + 1, -1):
                start, end = m.start() + words[i][0], m.start() + words[j - 1][1]
                if fold_word(text[start:end]) in phrases:
                    if out is None:
                        out = list(text)
                    out[start:end] = ["x" if c != " " else " " for c in text[start:end]]
                    i = j - 1
                    break
            i += 1
    masked = text if out is None else "".join(out)
    # a named day is no person either: "on Christmas Eve", "New Year's Eve"
    if "Eve" in masked:
        masked = _HOLIDAY_EVE.sub(lambda h: re.sub(r"\S", "x", h.group(0)), masked)
    # nor an Irish county: "Ballyhaunis, Co. Mayo", "County Kerry"
    if "Co" in masked:
        masked = IRISH_COUNTY.sub(lambda h: re.sub(r"\S", "x", h.group(0)), masked)
    return masked


# "Co. Mayo", "County Kerry", "Co Down": an Irish county ("Kerry" and "Clare" are first names too)
IRISH_COUNTY = re.compile(
    r"\b(?:Co\.?|County)[ ]+(?:Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Londonderry|Donegal|Down|Dublin"
    r"|Fermanagh|Galway|Kerry|Kildare|Kilkenny|Laois|Leitrim|Limerick|Longford|Louth|Mayo|Meath|Monaghan|Offaly"
    r"|Roscommon|Sligo|Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow)\b"
)


def is_place(word: str) -> bool:
    """True if ``word`` (one word, any case or accents) is a listed place and not a first name."""
    w = "".join(name_parts(word))
    return w in places() and w not in all_first_names()


def is_rare_surname(word: str) -> bool:
    """True if ``word`` is a listed surname that is rare as an English word (Zipf < 2.2: "Papadopoulou").

    The tagger's call of such a word as a place does not veto it as a name.
    """
    w = "".join(name_parts(word))
    return w in surnames() and _zipf(w) < 2.2 and not is_place(w)


def is_listed_first_name(word: str) -> bool:
    """True if ``word`` is a first name of the packaged lists (not a common word) and not a listed place.

    The small tagger calls unfamiliar names places ("Halina", "Kayden" -> GPE); such a call does not veto
    a word that the first-name lists know and that is rare in English (Zipf < 3.2: a well-known place that
    is also a name, "Chester", "Lincoln", "Florence", is left to the tagger), unless ``data/places.txt``
    lists it.
    """
    w = "".join(name_parts(word))
    return w in first_names() and w not in places() and _zipf(w) < 3.2


_INNER_WORD = re.compile(rf"(?<=[a-z,;\-\u2013\u2014(/&] )(?P<name>{NAME_WORD})(?![{_LO}{_UP}'\u2019])")


_ONE_WORD_SENTENCE = re.compile(
    rf"(?:(?<=[.!?][ ])|(?<=[.!?][ ][ ])|^)(?P<name>[{_UP}][{_LO}]{{2,15}})\.[ ]+(?=(?i:she|he|they)\b)", re.MULTILINE
)


def propose_unknown_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised words inside a sentence (after a lower-case word) that are known first names.

    "… and told Arthur": a first name of the packaged list (rarer than Zipf 4.7) that is not a stop
    word, clinical term, month, label word or in ``allow`` (the caller adds the words the tagger
    called places). Weak names. Rare words in general are not taken: place names
    ("Penarth", "Kraków") and products are as rare as names, and precision matters too.
    """
    out: list[str] = []
    names = first_names()
    # a sentence of one rare name-like word, then "she" or "he": "I had my baby on Christmas Eve. Luwam. she
    # is good.", "the interpreter. Yuliia. She was great."
    for m in _ONE_WORD_SENTENCE.finditer(text):
        word = m.group("name")
        w = fold_word(word)
        listed = w in all_first_names() and _zipf(w) < 3.5
        if w in allow or is_place(w) or w in STOP_WORDS or w in NAME_STOP or w in LABEL_WORDS:
            continue
        if listed or (_zipf(w) < 1.5 and name_probability(word) >= 0.8):
            out.append(word)
    for m in _INNER_WORD.finditer(text):
        word = m.group("name")
        parts = name_parts(word)
        w = "".join(parts)
        if not parts or w in allow or any(p in allow for p in parts) or w in NAME_STOP or w in STOP_WORDS:
            continue
        if w in TITLES or w in LABEL_WORDS:
            continue
        if len(parts) == 1 and parts[0] in names:
            out.append(word)
    return out


# A name word standing where a place or building name would go: "Edna Ward", "St Cyril's", "Wilfred House".
_BUILDING_AFTER = re.compile(
    r"(?:['\u2019]s)?[ ]+(?:Ward|Wards|Unit|Wing|Suite|Lodge|Centre|Center|Clinic|Hospital|Hospice|Surgery|Practice"
    r"|House|Court|Road|Street|Lane|Avenue|Close|Drive|Way|Park|Gardens|Place|Crescent|Terrace|Hall|Manor"
    r"|Grange|View|Rise|Green|Square|Medical|Health|Team|Trust|School|Academy|College|University|Building"
    r"|Block|Bay|Room|Centre|Library|Church|Chapel|Mews|Walk|Row|Hill|Estate|Home|Nursing)\b"
)


def building_after(text: str, end: int) -> bool:
    """True when a building or street word follows ``end`` ("… Hospital", "… Ward", "…'s House")."""
    return _BUILDING_AFTER.match(text, end) is not None


_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|to|from|near|of|around|outside|via|towards|into)[ ]+$", re.IGNORECASE)
_SAINT_BEFORE = re.compile(r"(?:\bSt\.?|\bSaint|\bSt\.)[ ]+$")


# Another name of a person as a record system or list holds it: "Sky (Skylar on SIMS)", "Rain - Raine on the GP
# system", "Petr Novák - Petr Novak on the rota", "She's Siobhan McAllister on TRAK"; a name changed or used
# by some: "name changed to Phoebe", "now known as Kez", "'Hamzi' to his family", "Kez to everyone".
_ALIAS_SYSTEM = re.compile(
    r"[ ]+(?:on|in)[ ]+(?:the[ ]+)?"
    r"(?:SIMS|RiO|Rio|TRAK|EMIS|SystmOne|Mosaic|LCS|Liquidlogic|Eclipse|Carefirst|PAS|Cerner|Lorenzo|Epic"
    r"|GP[ ]system|system|booking[ ]form|form|register|rota|file|records?|MAR|ward[ ]list|whiteboard)\b"
)
_ALIAS_BEFORE_SYSTEM = re.compile(
    rf"(?:(?<![{_UP}{_LO}'\u2019\-])(?P<before>{NAME_WORD})[ ]*(?:\(|[\-\u2013\u2014][ ])[ ]*)?"
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)$"
)
_ALIAS_CUE = re.compile(
    r"(?<![A-Za-z])(?:(?i:name)[ ]+(?i:changed|change)[ ]+(?i:to)|(?i:renamed|now[ ]called|now[ ]known[ ]as"
    r"|also[ ]known[ ]as|(?<=\()known[ ]as"
    r"|(?:is|was|he's|she's|he\u2019s|she\u2019s|better|affectionately)[ ]known[ ]as"
    # "Known on the street as Bizzy", "known locally as Tiny", "known on the wing as Smiler"
    r"|known[ ]+(?:on[ ]+the[ ]+(?:street|streets|wing|landing|estate|out)|locally|inside|round[ ]+here)[ ]+as"
    r"|goes[ ]by|prefers[ ]to[ ]be[ ]called|likes[ ]to[ ]be[ ]called|aka|a\.k\.a\.)"
    # "who everyone calls Skinz", "the lads call him Tiny", "a lad I only know as 'Little T'"
    r"|(?:everyone|everybody|they|people|staff|the[ ]lads|the[ ]kids|the[ ]girls|his[ ]mates|her[ ]mates)"
    r"[ ]+(?:all[ ]+)?call(?:s|ed)?(?:[ ]+(?:him|her|them))?"
    # "the one the outreach lads know as Bizzy"
    r"|(?:lads|girls|kids|staff|officers|everyone|everybody|people|they)[ ]+(?:all[ ]+)?know[ ]+as"
    # ("we know as Christians" is no alias: without "him"/"me"… "only" or a quote must say so)
    r"|(?i:only)[ ]+know[ ]+(?:(?:him|her|them|me|us)[ ]+)?as|know[ ]+(?:him|her|them|me|us)[ ]+as"
    r"|know[ ]+as(?=[ ]+[\"'\u201c\u2018])"
    # "everyone at the day centre calls her Concha"
    r"|call(?:s|ed)?[ ]+(?:him|her|them|me)"
    # a form's field: "Known as: Ibby", "Preferred name: Kez"
    r"|(?i:known[ ]as|preferred[ ]name|nick[ ]?name)(?=[ ]*:)"
    # "Patrick Joseph Doherty, known to everyone as PJ", "(known to everyone on Teesside as Smiler"
    r"|(?:(?<=,[ ])|(?<=\())known[ ]+(?:to|by)[ ]+(?:everyone|everybody|all|us|staff|friends|family"
    r"|the[ ]+\w+|his[ ]+\w+|her[ ]+\w+|their[ ]+\w+)"
    r"(?:[ ]+(?:on|in|round|around|at)[ ]+(?:the[ ]+)?[A-Z][a-z]+)?[ ]+as)"
    r":?[ ]+[\"'\u201c\u2018]?"
    rf"(?P<name>{NAME_WORD}(?:[ ][{_UP}](?![{_UP}{_LO}]))?|[{_UP}]{{2,3}}(?![{_UP}{_LO}]))"
)
# "DJ (real name Daniel Jackson-Ogunbiyi)": the name used, before the real one in brackets
_ALIAS_BEFORE_REAL_NAME = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])[\"'\u201c\u2018]?(?P<name>{NAME_WORD}|[{_UP}]{{2,3}})[\"'\u201d\u2019]?[ ]+"
    r"\((?i:real|actual|proper|full|legal|given|birth)[ ]+name\b"
)
_ALIAS_BEFORE_CALLS = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])[\"'\u201c\u2018]?(?P<name>{NAME_WORD})[\"'\u201d\u2019]?,?[ ]+"
    r"(?:she|he|they|we|I|everyone|everybody|(?:his|her|their)[ ]+(?:mum|dad|nan|gran|mates|family|friends))[ ]+"
    r"(?:all[ ]+)?call(?:s|ed)?[ ]+(?:him|her|them)\b"
)
# "Bridget 'Bridie' Kelly", 'Thomas "Tam" Boyle': a nickname in quotes between a first name and a surname
_QUOTED_MIDDLE_NICK = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<first>{NAME_WORD})[ ]+[\"'\u201c\u2018](?P<nick>{NAME_WORD})[\"'\u201d\u2019][ ]+"
    rf"(?P<last>{NAME_WORD})(?![{_UP}{_LO}])"
)
# the name a person goes by in one place, in brackets: "Grzegorz (Greg on site)", "Oluwaseun (Seun at work)"
_ALIAS_BRACKETED = re.compile(
    rf"\([\"'\u201c\u2018]?(?P<name>{NAME_WORD}|[{_UP}]{{2,3}})[\"'\u201d\u2019]?[ ]+"
    r"(?i:on[ ]site|at[ ]work|at[ ]school"
    r"|at[ ]college|at[ ]home|on[ ]the[ ]ward|on[ ]the[ ]unit|for[ ]short|to[ ](?:his|her|their|the)[ ]+(?:family"
    r"|friends|mates|mum|dad|nan|gran|kids|team|lads|girls|residents|staff|crew)|to[ ](?:everyone|everybody|friends"
    r"|family|us|staff|the[ ]team))\)"
)
# A name half-remembered in brackets after someone: "the lady on the phone (Shannon I think)", "a nurse
# (Mags?)", "the paramedic (Dev, I believe)".
_NAME_GUESSED = re.compile(
    rf"\((?P<name>{NAME_WORD})(?:,?[ ]+(?i:I[ ]+think|I[ ]+believe|maybe|possibly|I[ ]+guess|was[ ]+it)[ ]*\??"
    r"|[ ]*\?)\)"
)
_ALIAS_QUOTED = re.compile(  # initials too: 'Tendai ("TJ" to his friends)'
    rf"[\"'\u201c\u2018](?P<name>{NAME_WORD}|[{_UP}]{{2,3}})[\"'\u201d\u2019][ ]+(?i:to)[ ]+"
    r"(?:(?i:his|her|their|the)[ ]+"
    r"(?i:family|friends|mates|mum|dad|nan|gran|kids|team|lads|girls|residents|staff)\b"
    # 'Mr Patrick Joseph Mulligan - "PJ" to everyone at Room 14'
    r"|(?i:everyone|everybody|all|staff|family|friends)\b)"
)
_NICK_IN_BRACKETS = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<before>{NAME_WORD})[ ]+\([\"'\u201c\u2018]+"
    rf"(?P<name>{NAME_WORD}|[{_UP}]{{2,3}})[\"'\u201d\u2019]+\)"
)
_NICK_BEFORE_NAME = re.compile(
    rf"[\"'\u201c\u2018](?P<name>{NAME_WORD})[\"'\u201d\u2019][ ]+\((?:{NAME_WORD}[ ]+)+(?P<last>{NAME_WORD})\)"
)
# 'called him "K-Dog", his street name': a quoted name said to be someone's name
_QUOTED_STREET_NAME = re.compile(
    r"[\"\u201c\u2018'](?P<name>[A-Z](?:[A-Za-z]{1,15}|[A-Za-z]{0,15}-[A-Za-z]{1,15}))[\"\u201d\u2019'],?[ ]+"
    r"(?:his|her|their|the)[ ]+(?:street|nick|road|gang|online|real|middle|first|last|maiden|pet|other|drill)?[ ]?"
    r"(?:name|nickname|alias|tag)\b"
)
# "the Chloe case", "the Okafor family's referral": a first name naming a case
_NAMED_CASE = re.compile(rf"\b[Tt]he[ ]+(?P<name>{NAME_WORD})[ ]+(?:case|referral|investigation|review|visit)\b")
_QUOTED_AFTER_IS = re.compile(
    r"\b(?:worker|keyworker|nurse|officer|mentor|coordinator|manager|carer|advocate|GP|doctor|PO|name)\b[^.!?\n]{0,40}?"
    rf"\b(?:was|is)[ ]+[\"\u201c\u2018'](?P<name>{NAME_WORD})[\"\u201d\u2019']"
)
_ALIAS_OR = re.compile(rf"[\"'\u201d\u2019]?,?[ ]+or[ ]+[\"'\u201c\u2018]?(?P<name>{NAME_WORD})(?![{_UP}{_LO}])")
# "the young one, Chloe, she went AWOL": a first name set off by commas before a pronoun, said of a person
_APPOSED_BEFORE_PRONOUN = re.compile(
    rf"(?<=,[ ])(?P<name>{NAME_WORD}),[ ]+(?=(?:she|he|they|who)\b[ ]+(?!is[ ]+a\b|was[ ]+a\b))"
)
_ALIAS_CUE_WORDS = ("name", "Name", "NAME", "renamed", "call", "know", "Know", "goes by", "aka", "AKA", "a.k.a")


# A Gaelic or Irish surname by its shape ("MacLeod", "McAllister", "O'Rourke"), and the word before it when that
# can be a first name ("Angus MacLeod": Angus is a county too, and no first-name list has it)
_MAC_SURNAME = re.compile(
    r"(?<![A-Za-z'\u2019\-])(?:(?P<first>[A-Z][a-z]{1,15})[ ]+)?"
    r"(?P<last>(?:Mac|Mc)[A-Z][a-z]{2,15}|O['\u2019][A-Z][a-z]{2,15})(?![A-Za-z'\u2019])"
)
_MAC_NOT = frozenset({"macbook", "macos", "macmillan", "mcdonalds", "mcdonald's", "mcflurry", "mctimoney"})


def propose_mac_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Surnames by their Mac/Mc/O' shape, with a first name before them: "Letter from Angus MacLeod"."""
    out: list[str] = []
    if "Mc" not in text and "Mac" not in text and "O'" not in text and "O\u2019" not in text:
        return out
    for m in _MAC_SURNAME.finditer(text):
        last = m.group("last")
        f = fold_word(last)
        # "McDonald's" the restaurant, "Macmillan nurses" the charity
        if f in allow or f in _MAC_NOT or (text[m.end() : m.end() + 2] in ("'s", "\u2019s") and f == "mcdonald"):
            continue
        name = last
        first = m.group("first")
        if first is not None:
            w = fold_word(first)
            listed = w in all_first_names() or w in surnames()
            if listed and w not in allow and not _never_a_name(w) and w not in RELATION_NOUNS:
                name = f"{first} {last}"
        out.append(name)
    return out


# "The family of Mawahib", "the death of Aylin Kaya": a name after whose family or fate it is
_KIN_OF = re.compile(
    r"\b(?:[Tt]he[ ]+)?(?:family|families|mother|father|mum|dad|parents|son|daughter|children|kids|wife|husband"
    r"|partner|widow|widower|sister|brother|murder|killing|death|funeral|memory)[ ]+of[ ]+"
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)(?![{_UP}{_LO}])"
)


def propose_apposed_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names set off by commas before a pronoun, or after "the family of", "the death of" and the like.

    A listed first name or a rare word: "the young one, Chloe, she went AWOL", "The family of Mawahib".
    """
    out: list[str] = []
    for m in _KIN_OF.finditer(text) if " of " in text else ():
        words = [fold_word(w) for w in m.group("name").split()]
        if any(w in allow or _never_a_name(w) or is_place(w) or w in RELATION_NOUNS for w in words):
            continue
        if all(w in all_first_names() or w in surnames() or _zipf(w) < 3.0 for w in words):
            out.append(m.group("name"))
    for m in _APPOSED_BEFORE_PRONOUN.finditer(text) if ", " in text else ():
        w = fold_word(m.group("name"))
        if w in allow or _never_a_name(w) or is_place(w) or w in RELATION_NOUNS or w in COMMON_WORD_NAMES:
            continue
        if (w in all_first_names() and _zipf(w) < 4.5) or _zipf(w) < 2.5:
            out.append(m.group("name"))
    return out


def propose_alias_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """A person's other names where a record system, a list or a change of name gives them."""
    out: list[str] = []
    for system in _ALIAS_SYSTEM.finditer(text):
        m = _ALIAS_BEFORE_SYSTEM.search(text, max(0, system.start() - 80), system.start())
        if m is None:
            continue
        words = m.group("name").split()
        folded = [fold_word(w) for w in words]
        if any(_never_a_name(w) or w in allow or w in LABEL_WORDS for w in folded):
            continue
        if all(w in all_first_names() or w in surnames() or _zipf(w) < 3.0 for w in folded):
            out.append(m.group("name"))
            # the name the text uses, just before ("Sky (Skylar on SIMS)"): the same person
            before = m.group("before")
            if before and fold_word(before) not in allow and not _never_a_name(fold_word(before)):
                out.append(before)
    cued = list(_ALIAS_CUE.finditer(text)) if any(c in text for c in _ALIAS_CUE_WORDS) else []
    bracketed = _ALIAS_BRACKETED.finditer(text) if "(" in text else iter(())
    guessed = _NAME_GUESSED.finditer(text) if "(" in text else iter(())
    for m in _NICK_IN_BRACKETS.finditer(text) if "(" in text else ():  # 'Connor ("Con") was vaping'
        before, nick = m.group("before"), m.group("name")
        fb, fn = fold_word(before), fold_word(nick)
        if nick.isupper() and nick in _NOT_PERSON_INITIALS:
            continue
        listed = fb in all_first_names() or fb in surnames()
        if fb not in allow and not _never_a_name(fb) and not is_place(fb) and listed:
            out.append(before)
        elif _zipf(fn) >= 4.5 and fn not in all_first_names() and not nick.isupper():  # 'Okafor-Reid ("Nate")'
            continue
        if fn not in allow and (nick.isupper() or not _never_a_name(fn)):
            out.append(nick)
    for m in _NICK_BEFORE_NAME.finditer(text) if "(" in text else ():  # "'Smokey' (Leon Pryce)"
        fn = fold_word(m.group("name"))
        if fn not in allow and not _never_a_name(fn) and fold_word(m.group("last")) in surnames():
            out.append(m.group("name"))
    for m in _QUOTED_STREET_NAME.finditer(text):
        if fold_word(m.group("name")) not in allow:
            out.append(m.group("name"))
    for m in _NAMED_CASE.finditer(text):
        fn = fold_word(m.group("name"))
        if fn not in allow and fn in first_names() and not _never_a_name(fn) and not is_place(fn):
            out.append(m.group("name"))
    for m in _QUOTED_AFTER_IS.finditer(text):  # 'his keyworker at Change Grow Live was "Dom"'
        fn = fold_word(m.group("name"))
        ok = fn in all_first_names() or (_zipf(fn) < 4.0 and name_probability(m.group("name")) >= 0.6)
        if fn not in allow and ok and not _never_a_name(fn) and not is_place(fn):
            out.append(m.group("name"))
    for m in _QUOTED_MIDDLE_NICK.finditer(text) if any(q in text for q in "'\"\u2018\u201c") else ():
        first, last = fold_word(m.group("first")), fold_word(m.group("last"))
        if any(w in allow or _never_a_name(w) for w in (first, last, fold_word(m.group("nick")))):
            continue
        if first in all_first_names() and (last in surnames() or _zipf(last) < 3.5):
            out += [f"{m.group('first')} {m.group('last')}", m.group("nick")]
    real = _ALIAS_BEFORE_REAL_NAME.finditer(text) if "(" in text else iter(())
    # "Osian - Ozzy, she calls him -": the name a person is called, said before who calls them so
    calls = _ALIAS_BEFORE_CALLS.finditer(text) if "call" in text else iter(())
    # "most of you know me as Preeti or Bindi": a second name after the first
    more = [o for m in cued if (o := _ALIAS_OR.match(text, m.end())) is not None]
    for m in [*cued, *more, *_ALIAS_QUOTED.finditer(text), *bracketed, *guessed, *real, *calls]:
        name = m.group("name")
        w = fold_word(name)
        if name.isupper() and name in _NOT_PERSON_INITIALS:
            continue
        if w in RELATION_NOUNS:  # "called her Mum"
            continue
        if w not in allow and (name.isupper() or not _never_a_name(w)) and w not in LABEL_WORDS:
            out.append(name)
    return out


# A letter's or e-mail's sign-off and the name on the line under it: "Kind regards,\nMorwenna Curnow\nWard
# manager", "Thanks\nWill\nSent from Outlook". The name line ends at the line's end, a comma or a bar.
_SIGN_OFF = re.compile(
    r"(?m)^[ \t>]*(?:(?i:many|warm|kind|best|with|warmest|kindest)[ ]+(?i:thanks|regards|wishes)|Thanks(?:[ ]again)?"
    r"|Thank[ ]you|Regards|Best|Cheers|Yours(?:[ ](?:sincerely|faithfully|truly|ever))?|Love|Take[ ]care"
    r"|Speak[ ]soon|All[ ]the[ ]best|Ta|Sincerely)[ \t]*[,.!]?[ \t]*\r?\n(?:[ \t>]*\r?\n)?[ \t>]*"
    rf"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ ]+)?{NAME_WORD}(?:[ ]+{NAME_WORD}){{0,3}})[ \t]*(?:[,|(]|\r?$)"
)
_NOT_SIGNER = frozenset(
    {"team", "staff", "ward", "unit", "service", "services", "nurses", "everyone", "all", "crew", "watch",
     "department", "office", "admin", "group", "the", "sent", "from", "on", "get", "outlook", "iphone"}
)  # fmt: skip


# a note signed with a dash and a name at the end of its line: "Please pass this on to their managers. - Clive"
_DASH_SIGNED = re.compile(
    rf"(?<=[.!?)\"\u201d])[ \t]*[\-\u2013\u2014~][ ]*(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)[ \t]*(?=\r?\n|$)",
    re.MULTILINE,
)


_SIGNER_LINE = re.compile(
    r"(?:\A|\n)[ \t]*(?:[\-\u2013\u2014~][ ]*)?(?P<name>[A-Z][a-z]{1,15})[ \t]*(?:[xX]{1,3})?\s*\Z"
)


def last_line_signer(texts: Sequence[str], allow: frozenset[str] = frozenset()) -> str | None:
    """The one word alone on a document's last line after its text: a name that reads as one, no common word."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 2 or (len(filled[-1]) > 40 and "\n" not in filled[-1]):
        return None
    m = _SIGNER_LINE.search(filled[-1])
    if m is None or (m.start("name") < 2 and len(filled) < 3):
        return None
    w = fold_word(m.group("name"))
    if w in allow or _never_a_name(w) or w in MONTHS or w in DAYS or _zipf(w) >= 4.0:
        return None
    return m.group("name") if w in all_first_names() or name_probability(m.group("name")) >= 0.5 else None


def propose_signoff_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """The name under a sign-off ("Kind regards," / "Morwenna Curnow"), and after a dash that signs a note.

    Whatever the words ("Thanks" / "Will"); a dash at the end of a line signs one too ("… their managers. - Clive").
    """
    out: list[str] = []
    for m in _DASH_SIGNED.finditer(text):
        words = [fold_word(w) for w in m.group("name").split()]
        if any(w in allow or w in _NOT_SIGNER or w in LABEL_WORDS or w in _ROLE_WORDS for w in words):
            continue
        if any(w in STOP_WORDS or is_place(w) or w in MONTHS or w in DAYS for w in words):
            continue
        if any(w in all_first_names() or (w in surnames() and _zipf(w) < 4.0) or _zipf(w) < 3.0 for w in words):
            out.append(m.group("name"))
    for m in _SIGN_OFF.finditer(text):
        kept = [w for w in m.group("name").split() if fold_word(w.rstrip(".")) not in TITLES]
        words = [fold_word(w) for w in kept]
        if not words or any(w in allow or w in _NOT_SIGNER or w in LABEL_WORDS or w in _ROLE_WORDS for w in words):
            continue
        if any(w in STOP_WORDS and w not in all_first_names() for w in words):  # "Thanks / Will" is a name
            continue
        if len(words) == 1 and is_place(words[0]):
            continue
        # a name, not the next word of a short message ("Thanks / Bye", "Cheers / Mate" in a transcript cue)
        if not any(w in all_first_names() or (w in surnames() and _zipf(w) < 4.0) or _zipf(w) < 3.0 for w in words):
            continue
        out.append(" ".join(kept))
    return out


# "Jun's seizures are worse", "May's husband rang": a month's name owning what only a person has is a person
# (a month has no husband; "June's figures" stays the month)
_MONTH_OWNER = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<name>Jan|Jun|Dec|May|June|April|August)(?:['\u2019]s[ ]+"
    + _PERSON_THINGS
    # "Jun (my husband, who also works here)", "May, her sister, rang": a relation set off after the name
    + r"|[ ]*[(,][ ]*(?:my|her|his|their|our|your)[ ]+(?:husband|wife|partner|son|daughter|sister|brother|mum"
    r"|mother|dad|father|aunt|auntie|uncle|niece|nephew|cousin|friend|colleague|grandson|granddaughter|nan|gran"
    r"|grandma|grandad|neighbour|carer|fianc[eé]e?|boyfriend|girlfriend)\b)"
)


# "Big Lenny", "Wee Stevie", "Auld Tam": a nickname made of a size or age word and a first name
_SIZE_NICKNAME = re.compile(
    rf"(?<![{_UP}{_LO}\-])(?<![{_UP}{_LO}]['\u2019])(?:Big|Wee|Auld|Old|Young|Little)[ ]+(?P<name>{NAME_WORD})\b"
    # "her sister and baby Paddy", "with baby Grace": a baby named, lower-case "baby" inside a sentence
    rf"|(?<=[a-z,][ ])baby[ ]+(?P<baby>{NAME_WORD})\b"
    # "thanks to Shaz and big Col", "wee Stevie's mum": the same nickname written in lower case inside a sentence
    rf"|(?<=[a-z,][ ])(?:big|wee)[ ]+(?P<big>{NAME_WORD})\b"
)
# "I'll call him J.D.", "known as C.Ó.H.": dotted initials where a name goes
_DOTTED_INITIALS = rf"(?P<name>[{_UP}]\.(?:[ ]?[{_UP}]\.){{1,2}})"
_CALLED_INITIALS = re.compile(
    r"(?<![A-Za-z])(?i:call|calls|called|calling|know|known|knew|refer[ ]to|referred[ ]to)[ ]+"
    r"(?:(?i:him|her|them|me)[ ]+)?(?:(?i:as)[ ]+)?(?:(?i:just)[ ]+)?" + _DOTTED_INITIALS
)
# "the lad in the doorway (Kieron) has a dog": a first name alone in brackets
# "Lily (DOB 3.2.19)", "Kai (aged 6)", "Tia, DOB 01/02/2020", "Jayden (6 months)": what only a person has
_NAME_BEFORE_BIRTH = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)[ ]*(?:\(|,|[\-\u2013][ ])[ ]*"
    r"(?:(?i:d\.?[ ]?o\.?[ ]?b\b|date[ ]of[ ]birth|born|aged|age[ ]?[0-9])|b\.[ ]?[0-9]"
    r"|[0-9]{1,2}[ ]?(?:yrs?|years?[ ]old|months?[ ]old|months?\)|mths?|weeks?[ ]old)\b)"
)
_BRACKETED_FIRST = re.compile(rf"(?<=[a-z] )\((?P<name>{NAME_WORD})\)(?=[ ,.;:])")
# "New pt Hopkins - cellulitis", "visited patient Okoro", "prisoner Dunne": a person's role before a name
_PERSON_ROLE_BARE = re.compile(
    r"(?<![A-Za-z])(?:pt|patient|client|resident|prisoner|inmate|tenant|service[ ]user|pupil|learner|lad|lass)"
    rf"[ ]+(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)(?![{_LO}{_UP}'\u2019\-])"
)
# "He's J McGlinchey, d.o.b …": an initial without a dot before a Gaelic or rare listed surname
_BARE_INITIAL_SURNAME = re.compile(
    rf"(?<![{_UP}{_LO}0-9.'\u2019\-])[B-HJ-Z][ ](?P<name>{NAME_WORD})(?![{_UP}{_LO}'\u2019\-])"
)
_GAELIC_SURNAME = re.compile(rf"(?:Mc|Mac|O['\u2019])[{_UP}][{_LO}]{{2,}}")
# "same one as the Bultitude girl??", "the Kowalczyk kids": a family's surname before its child or household
_SURNAME_BEFORE_KIN = re.compile(
    rf"\b(?i:the)[ ]+(?P<name>[{_UP}][{_LO}]{{2,}}(?:-[{_UP}][{_LO}]{{2,}})?)[ ]+"
    r"(?:girl|girls|boy|boys|lad|lads|lass|kid|kids|baby|twins|family|children|household|siblings|brothers|sisters)\b"
)
# "the family's eldest, Nikolas, is seventeen": an eldest or youngest child named in apposition
_ELDEST_APPOSITION = re.compile(
    rf"\b(?i:eldest|youngest|oldest|middle[ ]one|firstborn|first-born|twin)[ ]*,[ ]+(?P<name>{NAME_WORD})(?=[ ]*[,(])"
)


def propose_person_slot_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names where only a person stands (#18, tenth round).

    A size or age word before a first name ("Big Lenny", "Wee Stevie"), dotted initials after "call him"
    ("J.D.", "C.Ó.H."), a first name alone in brackets after a lower-case word ("the lad (Kieron) has a
    dog"), a listed or rare word after a person's role ("New pt Hopkins", "prisoner Dunne"), an eldest or
    youngest named in apposition ("the family's eldest, Nikolas, is"). A lower-case name before a date of
    birth is read by :func:`propose_lower_names`.
    """
    out: list[str] = []
    for m in _SIZE_NICKNAME.finditer(text):
        if m.group("big"):
            w = fold_word(m.group("big"))
            named = (w in all_first_names() or w in SHORT_NAMES) and not _is_common(w)
            if w not in allow and named and not _never_a_name(w) and not is_place(w) and w not in drug_names():
                out.append(m.group("big"))
            continue
        if m.group("baby"):
            w = fold_word(m.group("baby"))
            named = w in all_first_names() or (len(w) >= 3 and _zipf(w) < (4.0 if w in surnames() else 3.0))
            # a place that is also a listed name is the baby's name ("baby Harlow", "baby Paris")
            place = is_place(w) and w not in all_first_names() and w not in surnames()
            if w not in allow and named and not _never_a_name(w) and not place and w not in drug_names():
                out.append(m.group("baby"))
            continue
        w = fold_word(m.group("name"))
        # a listed first name, or a word hardly ever English ("Big Rab", "Wee Shug")
        named = w in all_first_names() or w in SHORT_NAMES or (len(w) >= 3 and _zipf(w) < 2.9)
        if w not in allow and named and not _never_a_name(w) and not is_place(w) and w not in drug_names():
            out.append(m.group(0).strip())
            out.append(m.group("name"))
    for m in _CALLED_INITIALS.finditer(text):
        out.append(m.group("name"))
    for m in _FIRST_THE_ROLE.finditer(text):  # "Ian the nurse came to the wake"
        w = fold_word(m.group("name"))
        if w not in allow and w in first_names() and not _never_a_name(w) and not is_place(w):
            out.append(m.group("name"))
    for m in _NAME_BEFORE_BIRTH.finditer(text):
        written = m.group("name").split()
        # "Only Romany-Leigh (DOB …)", "Then Kai (aged 6)": a sentence's first word before the name is not of it
        if len(written) == 2 and fold_word(written[0]) in STOP_WORDS:
            written = written[1:]
        words = [fold_word(w) for w in written]
        if any(w in allow or _never_a_name(w) or w in LABEL_WORDS or w in MONTHS or w in DAYS for w in words):
            continue
        if any(w in drug_names() or is_place(w) for w in words):
            continue
        out.append(" ".join(written))
    for m in _SURNAME_BEFORE_KIN.finditer(text):
        parts = [fold_word(x) for x in m.group("name").split("-")]
        # a listed surname that is no everyday word, or a word hardly ever English ("Bultitude");
        # not a place ("the Ipswich family"), people ("the Polish family") or care word ("the Traveller kids")
        named = all((p in surnames() and _zipf(p) < 3.5) or (len(p) >= 4 and _zipf(p) < 2.5) for p in parts)
        vetoed = any(
            p in allow or p in COMMUNITY_WORDS or p in KIN_ADJECTIVES or _never_a_name(p) or is_place(p) for p in parts
        ) or any(p in drug_names() for p in parts)
        if named and not vetoed:
            out.append(m.group("name"))
    for m in _BRACKETED_FIRST.finditer(text):
        w = fold_word(m.group("name"))
        listed = w in first_names() or (len(w) >= 4 and _zipf(w) < 2.5)
        if w not in allow and listed and not _never_a_name(w) and not is_place(w) and w not in drug_names():
            out.append(m.group("name"))
    for m in _PERSON_ROLE_BARE.finditer(text):
        words = m.group("name").split()
        while words:
            w = fold_word(words[-1])
            ok = ((w in surnames() or w in first_names()) and _zipf(w) < 4.0) or (len(w) >= 4 and _zipf(w) < 2.5)
            if ok and not _never_a_name(w) and not is_place(w) and w not in allow and w not in drug_names():
                break
            words.pop()
        if words and all(not _never_a_name(fold_word(x)) and fold_word(x) not in allow for x in words):
            out.append(" ".join(words))
    for m in _BARE_INITIAL_SURNAME.finditer(text):
        name = m.group("name")
        w = fold_word(name)
        rare_listed = w in surnames() and _zipf(w) < 3.0 and not is_place(w)
        # a word no dictionary has that reads as a name ("Z Wisnieski", a surname misspelt on a system)
        unknown = len(w) >= 5 and _zipf(w) == 0.0 and name_probability(w) >= 0.8 and w not in drug_names()
        if w not in allow and not _never_a_name(w) and (_GAELIC_SURNAME.fullmatch(name) or rare_listed or unknown):
            out.append(m.group(0))
            out.append(name)
    for m in _ELDEST_APPOSITION.finditer(text):
        w = fold_word(m.group("name"))
        if w not in allow and not _never_a_name(w) and not is_place(w) and _zipf(w) < 4.5:
            out.append(m.group("name"))
    return out


# "home birth Llewellyn-Jones", "Rees-Morgan case": two listed names joined by a hyphen, capitalised
_DOUBLE_BARRELLED = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+){{1,2}})(?![{_UP}{_LO}\-])"
)
# What a condition or a thing named after people is followed by: "Creutzfeldt-Jakob disease"
_DOUBLE_BARRELLED_NOT_BEFORE = re.compile(
    r"(?i)[ ]*(?:['\u2019]s[ ]+)?(?:disease|syndrome|palsy|sign|test|scale|score|protein|procedure|operation"
    r"|criteria|classification|manoeuvre|maneuver|repair|fracture|tube|catheter|stocking|prosthesis|ward|unit"
    r"|hospital|centre|center|house|building|wing|award|act|model|theory|approach|method|framework|plot|curve"
    r"|equation|effect|law|rule|index|tool|questionnaire|assessment|chart|system)\b"
)


def propose_double_barrelled_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Hyphenated names whose parts are each a listed first name or surname ("Llewellyn-Jones", "Rees-Morgan").

    Not an eponym ("Creutzfeldt-Jakob", "Guillain-Barré" are listed), nor a place ("Stratford-upon-Avon" has a
    lower-case part), nor a name before "disease", "syndrome", "ward", "scale" ….
    """
    out: list[str] = []
    for m in _DOUBLE_BARRELLED.finditer(text):
        word = m.group("name")
        folded = fold_word(word)
        parts = folded.split("-")
        if folded in allow or folded in EPONYMS or is_place(folded) or any(p in allow for p in parts):
            continue
        listed = [
            (p in surnames() or p in all_first_names()) and not _never_a_name(p) and not is_place(p) for p in parts
        ]
        # a part no list has is still a name's when it is hardly a word and no place ("Mbeki-Hayes")
        rare = [_zipf(p) < 3.0 and len(p) >= 3 and not is_place(p) and not _never_a_name(p) for p in parts]
        if not any(listed) or not all(a or b for a, b in zip(listed, rare, strict=True)):
            continue
        # with a part no list has, not where more capitalised words follow ("Wallowa-Whitman National Forest")
        # nor after "the" ("our neighboring forest, The Salmon-Challis")
        if not all(listed) and (
            re.match(r"[ ]+[A-Z]", text[m.end() : m.end() + 2])
            or re.search(r"\b[Tt]he[ ]+$", text[max(0, m.start() - 4) : m.start()])
        ):
            continue
        if _DOUBLE_BARRELLED_NOT_BEFORE.match(text, m.end()):
            continue
        out.append(word)
    return out


# "Gizmo's Instagram", "Pidge's phone": a capitalised word inside a sentence owning what only a person has
_CAP_OWNER = re.compile(
    rf"(?<=[{_LO},][ ])(?P<name>[{_UP}][{_LO}]{{2,20}})['\u2019]s[ ]+(?:"
    + _PERSON_THING_WORDS
    + r"|TikTok|Tiktok|tiktok|Snapchat|snapchat|snap|Snap|insta|Insta|Twitter|twitter|YouTube|Linktree"
    r"|linktree|OnlyFans|profile|page|account|number|mobile|flat|room|tent|bed|stuff|things|kids|baby|bag)\b"
)


def propose_owner_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised words inside a sentence that own what only a person has ("I look at Gizmo's Instagram").

    Not a place, an organisation's or a clinical word, and not an everyday English word (Zipf < 3.5):
    "the Trust's phone" stays.
    """
    out: list[str] = []
    for m in _CAP_OWNER.finditer(text):
        w = fold_word(m.group("name"))
        if w in allow or _never_a_name(w) or is_place(w) or w in RELATION_NOUNS or w in _NOT_OWNERS:
            continue
        if _zipf(w) < 3.5 or w in all_first_names():
            out.append(m.group("name"))
    return out


# "Surname: ZIELIŃSKI", "> Forename(s): KRZYSZTOF TADEUSZ": a form's name fields written in capitals
_FORM_NAME_FIELD = re.compile(
    r"(?im)^[>\t |*\-]*(?:surname|last[ ]name|family[ ]name|forenames?|first[ ]names?|given[ ]names?"
    r"|middle[ ]names?|full[ ]name|patient[ ]name|client[ ]name|known[ ]as|maiden[ ]name)(?:\(s\))?[ \t]*:[ \t]*"
    rf"(?P<name>[{_UP}][{_UP}'\u2019\-]+(?:[ ][{_UP}][{_UP}'\u2019\-]+){{0,3}})[ \t]*$"
)


def propose_form_field_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names in capitals after a form's name field ("Surname: ZIELIŃSKI"), in title case for the index."""
    out: list[str] = []
    for m in _FORM_NAME_FIELD.finditer(text):
        words = [w for w in m.group("name").split() if not _never_a_name(fold_word(w)) and fold_word(w) not in allow]
        if words:
            out.append(" ".join(w.title() for w in words))
    return out


_NAME_BEFORE_ADDRESS = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>[{_UP}][{_LO}'\u2019]+(?:[ ][{_UP}][{_LO}'\u2019\-]+)?)"
    r",?[ ]+(?:at|of|from)[ ]+$"
)


def names_before_addresses(text: str, addresses: Iterable[Finding], allow: frozenset[str] = frozenset()) -> list[str]:
    """A listed first name or surname right before the address found after it.

    "and Shannon, at 7 Penybryn Avenue", "Mrs Kowalski of 12 High Street": the person who lives there, even
    where the word is also a place (Shannon).
    """
    out: list[str] = []
    for a in addresses:
        m = _NAME_BEFORE_ADDRESS.search(text, max(0, a.start - 60), a.start)
        if m is None:
            continue
        words = [fold_word(w) for w in m.group("name").split()]
        if any(w in allow or _never_a_name(w) or w in RELATION_NOUNS for w in words):
            continue
        if all(w in all_first_names() or w in surnames() for w in words):
            out.append(m.group("name"))
    return out


# "3. Pidge - still not taking the antibiotics", "Smiler - script sorted": a handover's item about one person
_ITEM_NAME = re.compile(
    rf"(?m)^[ \t]*(?:[0-9]{{1,2}}[.)][ \t]+|[\-*\u2022][ \t]+)?(?P<name>[{_UP}][{_LO}'\u2019]{{2,20}})"
    r"[ \t]+[\-\u2013\u2014][ \t]+(?=\S)"
)


def propose_item_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """A word opening a line or a list item before a dash, where it reads as a name ("3. Pidge - still not …").

    A listed first name or a word that is hardly English (Zipf < 3.0, a street name such as "Pidge" or "Smiler");
    never a label, clinical, stop or place word ("Outcome - ", "Boots - shut").
    """
    out: list[str] = []
    for m in _ITEM_NAME.finditer(text):
        w = fold_word(m.group("name"))
        if w in allow or _never_a_name(w) or is_place(w) or w in RELATION_NOUNS:
            continue
        if w in all_first_names() or _zipf(w) < 3.0:
            out.append(m.group("name"))
    return out


def propose_month_owner_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names that are also months, where they own what only a person has ("Jun's seizures", "May's husband")."""
    return [m.group("name") for m in _MONTH_OWNER.finditer(text) if fold_word(m.group("name")) not in allow]


def propose_listed_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised words anywhere (a sentence's first word too) that can hardly be anything but a name.

    A listed first name that is not a common English word (Zipf < 3.6: "Edna", "Wilfred", "Mihai", not
    "Will", "Hope", "Rose") or a listed surname rarer than Zipf 2.2 ("Papadopoulou", not after "in"), not a
    clinical word, label, title or listed place (nor one in ``allow``), and does not name a building or a
    street ("Edna Ward", "St Cyril's"). Weak names: matched where capitalised only.
    """
    out: list[str] = []
    for m in _CANDIDATE.finditer(text):
        word = m.group(0).rstrip("'\u2019-")
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        w = fold_word(word)
        if len(w) < 3 or w in allow or w in NAME_STOP or w in STOP_WORDS or w in TITLES or w in LABEL_WORDS:
            continue
        if w in COMMON_WORD_NAMES or w in RELATION_NOUNS or is_place(w):
            continue
        first = w in first_names() and _zipf(w) < 3.6
        last = (
            w in surnames()
            and _zipf(w) < 2.2
            and _surname_like(word)
            and not _PLACE_PREPOSITION.search(text, max(0, m.start() - 12), m.start())  # "in Cromer"
        )
        if not (first or last):
            continue
        if _BUILDING_AFTER.match(text, m.start() + len(word)) or _SAINT_BEFORE.search(
            text, max(0, m.start() - 7), m.start()
        ):
            continue
        out.append(word)
    return out


_INITIAL_WORD = re.compile(
    rf"(?:^[ \t]*(?:[\-*\u2022>]+[ \t]*|[0-9]{{1,2}}[.)][ \t]*)?|(?<=[.!?] )|(?<=[.!?][\"\u201d] )|(?<=[\"\u201c]))"
    rf"(?P<name>{NAME_WORD})(?![{_LO}{_UP}'\u2019\-])",
    re.MULTILINE,
)


def propose_initial_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Rare listed first names at the start of a sentence, line or list item.

    "Caoimhe on the phone", "Shanice on reception noticed", "João and Conceição".
    Capitalisation says nothing there, so only a word of the first-name lists that is rare in English
    (``is_listed_first_name``: Zipf < 3.2, not a listed place) and no stop, clinical, label or allowed word.
    """
    out: list[str] = []
    for m in _INITIAL_WORD.finditer(text):
        word = m.group("name")
        parts = name_parts(word)
        w = "".join(parts)
        if len(parts) != 1 or w in allow or w in NAME_STOP or w in STOP_WORDS or w in TITLES or w in LABEL_WORDS:
            continue
        if is_listed_first_name(word):
            out.append(word)
    return out


def path_name_words(
    words: list[str], allow: frozenset[str] = frozenset(), found: Sequence[bool] | None = None
) -> list[bool]:
    """For the words of one file or folder name, in order: which may be (part of) a person's name.

    * a first name that is not a common word ("siobhan", "zoe", "arthur");
    * a capitalised word rarer than Zipf 2.8 ("Chidinma", "BOkonkwoHart");
    * a first name followed by a census surname, one of them uncommon English ("rose kingsley",
      "hope marsden", "zoe price"; not "long line");
    * a word rarer than Zipf 2.8 right after a word taken above ("siobhan nibhriain") or after
      "with", "for", "from", "by" ("call_with_dafydd");
    * a capitalised word after a capitalised word taken above ("Bev_Okonkwo-Hart");
    * a surname of the packaged lists rarer than Zipf 2.8, alone ("truncated_nwosu_story");
    * a word rarer than Zipf 2.8 joined by "and" to a name ("chat_kez_and_priya"); ``found`` marks the
      words the text recognisers already took (they count as names for this rule and the ones above).

    Stop words, clinical terms, months, days, label words, common export words and ``allow`` never count.
    """
    folded = [fold_word(w) for w in words]
    ok = [not (f in allow or f in STOP_WORDS or f in NAME_STOP or f in TITLES or f in _PATH_COMMON) for f in folded]
    hit = [
        ok[i]
        and (
            (folded[i] in first_names() and folded[i] not in places_that_are_names())  # "lincoln_housing/"
            or (words[i][:1].isupper() and _zipf(folded[i]) < _PATH_RARE_ZIPF)
            or (folded[i] in surnames() and _zipf(folded[i]) < _PATH_RARE_ZIPF)
            or _slavic_case_of_first_name(folded[i])  # "historia_lukasza": Łukasz's story
        )
        for i in range(len(words))
    ]
    if found is not None:
        hit = [h or bool(f) for h, f in zip(hit, found, strict=True)]
    anchor = list(hit)  # names in their own right (not taken for a neighbour's sake)
    for i in range(len(words) - 1):
        pair = folded[i] in all_first_names() and folded[i + 1] in surnames()
        # one of the two must be uncommon English: "rose kingsley", "zoe price", not "long line"
        # after a name already taken, a common word is not a second surname ("Ayaan Farah files")
        after_name = i > 0 and anchor[i - 1] and _zipf(folded[i + 1]) >= 4.0
        if ok[i] and ok[i + 1] and pair and min(_zipf(folded[i]), _zipf(folded[i + 1])) < 4.0 and not after_name:
            hit[i] = hit[i + 1] = True
        # a surname, then a first name, as records file people ("Jones_Mary_visit", "JONES Mary"): both written
        # capitalised, common or not, no place
        surname_first = folded[i] in surnames() and folded[i + 1] in all_first_names()
        capitals = words[i][:1].isupper() and words[i + 1][:1].isupper() and not words[i + 1].isupper()
        placed = is_place(folded[i]) or is_place(folded[i + 1])
        if ok[i] and ok[i + 1] and surname_first and capitals and not placed:
            hit[i] = hit[i + 1] = True
    for i in range(1, len(words)):
        if ok[i] and folded[i - 1] in _PATH_TITLES and (folded[i] in surnames() or _zipf(folded[i]) < 4.2):
            hit[i] = True  # "notes_for_dr_chen", "mrs_patel_visit": a word after a title
            continue
        rare = ok[i] and not hit[i] and _zipf(folded[i]) < _PATH_RARE_ZIPF
        # the rare word must read as a name: "siobhan nibhriain", not "Shazia's caseload", "Tracey Reablement"
        namelike = folded[i] in surnames() or name_probability(words[i]) >= 0.5
        if rare and namelike and (hit[i - 1] or folded[i - 1] in _PATH_PERSON_CUES):
            hit[i] = True
        elif hit[i - 1] and ok[i] and words[i][:1].isupper() and words[i - 1][:1].isupper():
            # "Bev Okonkwo Hart": capitalised words after a capitalised name; not a role's letters ("Ciara (HV)")
            # nor a word in mixed case that is a common word ("Tee - PrEP and kidney bloods")
            mixed = bool(re.search(r"[a-z][A-Z]", words[i])) and _zipf(folded[i]) >= _PATH_RARE_ZIPF
            hit[i] = (
                not (words[i].isupper() and words[i] in _NOT_PERSON_INITIALS)
                and not mixed
                and (namelike or _zipf(folded[i]) >= _PATH_RARE_ZIPF)
            )
    for i in range(len(words) - 1):  # "tregenna-family_cp-plan", "Smith family visit": a family's surname
        if ok[i] and not hit[i] and folded[i + 1] in _PATH_FAMILY_AFTER:
            hit[i] = _zipf(folded[i]) < _PATH_RARE_ZIPF or (folded[i] in surnames() and _zipf(folded[i]) < 5.2)
    for i in range(len(words) - 2):  # "rose_and_ivy": two listed first names joined by "and"
        pair = folded[i] in all_first_names() and folded[i + 2] in all_first_names()
        if folded[i + 1] == "and" and pair and ok[i] and ok[i + 2]:
            hit[i] = hit[i + 2] = True
    for i in range(len(words) - 2):  # "kez and priya", "priya and kez": a rare word joined to a name
        if folded[i + 1] not in ("and", "n"):
            continue
        for a, b in ((i, i + 2), (i + 2, i)):
            if anchor[b] and not hit[a] and ok[a] and _zipf(folded[a]) < _PATH_RARE_ZIPF:
                hit[a] = True
    for i in range(1, len(words)):  # "St Mary's ward", "Saint Luke's": a saint names a hospital or church
        if folded[i - 1] in ("st", "saint") and words[i - 1][:1].isupper() and not (found and found[i]):
            hit[i] = False
    for i in range(len(words) - 1):  # "grace-period", "rose_garden": a word that is a name, in a set phrase
        if hit[i] and not (found and found[i]) and _path_set_phrase(words, folded, i):
            hit[i] = False
    return hit


# words after a person's name in a file name, saying what the file holds ("grace_visit", "rose-notes")
_PATH_ABOUT_WORDS = frozenset(
    {"visit", "visits", "notes", "note", "story", "stories", "review", "call", "calls", "plan", "case", "meeting"}
    | {"session", "update", "letter", "chat", "assessment", "referral", "record", "file", "log", "chronology"}
    | {"history", "timeline", "support", "care", "journey", "contact", "feedback", "complaint", "concern", "email"}
)


def _path_set_phrase(words: list[str], folded: list[str], i: int) -> bool:
    """``words[i]`` and the next word are a set phrase ("grace period", "rose garden"), not a name.

    The word is a name that is a common word, written in lower case before a very common word of no name list,
    with no person cue before it.
    """
    nxt = folded[i + 1]
    sentence_case = words[i].islower() or (i == 0 and words[i][1:].islower())  # "Grace period.docx"
    if folded[i] not in COMMON_WORD_NAMES or not sentence_case or not words[i + 1].islower():
        return False
    if i > 0 and folded[i - 1] in _PATH_PERSON_CUES:
        return False
    listed = nxt in all_first_names() or nxt in surnames()
    common = nxt not in _PATH_ABOUT_WORDS and nxt not in _PATH_COMMON and nxt not in STOP_WORDS
    common = common and nxt not in _PATH_FAMILY_AFTER  # "brown-family-visit": the Browns
    return not listed and _zipf(nxt) >= 4.5 and common


_SLAVIC_CASE_ENDINGS = ("owi", "ego", "em", "a", "u", "y", "ie")


def _slavic_case_of_first_name(w: str) -> bool:
    """``w`` (folded) is a listed first name with a Polish case ending ("lukasza", "piotra", "adamowi").

    The name has 4+ letters and the inflected word is in no dictionary (Zipf < 2.0).
    """
    if len(w) < 5 or _zipf(w) >= 2.0:
        return False
    return any(w.endswith(e) and len(w) - len(e) >= 4 and w[: -len(e)] in first_names() for e in _SLAVIC_CASE_ENDINGS)


_PATH_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "nurse", "sister", "prof", "matron", "rev"})
PATH_TITLES = _PATH_TITLES  # the titles a file name writes, for the redactor's path filter
_PATH_FAMILY_AFTER = frozenset({"family", "families", "household", "twins", "siblings", "kids", "children", "fam"})
# "Copy of Smith J - OT assessment", "PATEL, R referral": a listed surname and one initial, in a file name
PATH_SURNAME_INITIAL = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019])(?P<surname>[{_UP}][{_LO}{_UP}'\u2019]+)[ ]*,?[ ]+[{_UP}]\.?(?![{_UP}{_LO}])"
)


def path_owner_is_person(word: str) -> bool:
    """A word owning something in a path may be a person.

    Not a stop, role, relation, clinical or label word, a group ("Children's services") or a day ("Today's").
    """
    w = fold_word(word)
    if w in _NOT_OWNERS or w in RELATION_NOUNS or w in _PATH_COMMON:
        return False
    return not _never_a_name(w) and not is_place(w)


_NOT_OWNERS = frozenset(
    {"children", "women", "men", "people", "king", "queen", "parent", "parents", "everyone", "today", "tomorrow"}
)


def is_path_surname(word: str) -> bool:
    """A listed surname that is not a common English word (Zipf < 5.2: "Smith", "Patel"; not "Long")."""
    w = fold_word(word)
    return w in surnames() and _zipf(w) < 5.2 and w not in STOP_WORDS and w not in NAME_STOP and w not in TITLES


_PATH_PERSON_CUES = frozenset({"with", "for", "from", "by", "to", "and", "dr", "mr", "mrs", "ms", "miss", "nurse"})


_PATH_RARE_ZIPF = 2.8
# Words of file names that are rare in general English but common in exported file names.
_PATH_COMMON = frozenset(
    [
        "docx",
        "xlsx",
        "csv",
        "tsv",
        "jsonl",
        "ndjson",
        "txt",
        "vtt",
        "srt",
        "otter",
        "teams",
        "zoom",
        "transcript",
        "transcripts",
        "export",
        "exports",
        "debrief",
        "huddle",
        "huddles",
        "reflection",
        "reflections",
        "dnacpr",
        "respect",
        "sbar",
        "datix",
        "pdsa",
        "safeguarding",
        "dob",
        "born",
        "aged",
        "nhs",
        "mrn",
        "ref",
    ]
)


_AUX_AFTER_NAME = (
    r"is|was|has|had|did|does|will|would|can|could|should|might|must|put|got|went|said|told|came|took|gave|made"
    r"|saw|knew|found|felt|kept|left|brought|thought|rang|ran|sat|stood|smiles|smiled|herself|himself|says|asked"
    r"|looked|seemed|stayed|needed|wanted|loved|hated|lived|lives|worked|works|used|uses|used|tried|tries"
    r"|smiles|always|never|also|still|from[ ]the|from[ ]our|from[ ]his|from[ ]her|and[ ]I|and[ ]me"
)
# "Hodan was a nurse", "Bev put the card", "Grace herself": a sentence-initial word before a verb.
_START_NAME = re.compile(
    r"(?:^|(?<=[.!?:;\-\u2013\"\u201c] )|(?<=\n)|(?<=\bSo )|(?<=\bAnd )|(?<=\bBut )|(?<=\bThen )|(?<=\bNow )"
    r"|(?<=\bWell )|(?<=\bYes )|(?<=\bYeah )|(?<=\bOK )|(?<=\bOh ))"
    rf"(?P<name>{NAME_WORD})(?:'s|\u2019s)?[ ]+(?:(?:probably|definitely|already|actually|obviously|apparently)[ ]+)?"
    rf"(?:{_AUX_AFTER_NAME})\b",
    re.MULTILINE,
)
# "Wojciech translated", "Tendai noticed": a sentence-initial word before a past-tense verb.
_START_NAME_VERB = re.compile(
    r"(?:^|(?<=[.!?:;\"\u201c] )|(?<=\n))"
    rf"(?P<name>{NAME_WORD})[ ]+(?:(?:also|then|just|later|quickly|always|never|finally|eventually|immediately)[ ]+)?"
    r"[a-z]{3,}ed\b",
    re.MULTILINE,
)
# "Mehmet's wife", "Hodan's daughter": a name before a family or care relation.
_POSSESSIVE_RELATION = re.compile(
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?)['\u2019]s[ ]+(?:(?:late|new|eldest|youngest|older|younger)[ ]+)?"
    r"(?:wife|husband|partner|son|sons|daughter|daughters|mum|mother|dad|father|family|children|kids|grandson"
    r"|granddaughter|grandchildren|sister|brother|niece|nephew|neighbour|carer|carers|keyworker|key[ ]worker"
    r"|social[ ]worker|fianc[e\u00e9]e?|boyfriend|girlfriend|widow|widower|baby|twin|stepson|stepdaughter"
    # what identifies a person: "Chelsea's NI number", "Tomos's pocket" is not enough, "Ayo's address" is
    r"|NI[ ]number|NHS[ ]number|national[ ]insurance|phone[ ]number|mobile|address|date[ ]of[ ]birth|DOB|birthday"
    r"|care[ ]plan|case[ ]file|notes|records?|funeral|discharge[ ]letter)\b"
)
# "Paddy. Mr Ó Súilleabháin …": a listed first name alone as a sentence.
_NAME_SENTENCE = re.compile(rf"(?:^|(?<=[.!?] )|(?<=[0-9] )|(?<=\n))(?P<name>{NAME_WORD})[.!?](?=[ ]|$)", re.MULTILINE)
# "Faith from the CMHT is brilliant": a name, then the team or place the person is from.
_FROM_TEAM = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})(?:[ ]+from[ ]+(?:(?:the|our)[ ]+"
    r"(?:[A-Z]{2,}|[A-Z][a-z]+|team|ward|pharmacy|practice|surgery|hospice|council|crisis|district|community|night"
    r"|day|mental|falls|discharge|home|care|GP|agency|bank|hospital|unit|front|office|dementia|memory|palliative)\b"
    # an organisation named without "the": "Joy from Age UK brought biscuits", "Dee from CAMHS"
    r"|[A-Z][a-z]+[ ]+[A-Z]{2,}\b|[A-Z]{3,}\b"
    # a department named bare: "Tharshini from pharmacy rang", "Kev from housing"
    r"|(?i:pharmacy|physio|physiotherapy|radiology|housing|safeguarding|reception|bed[ ]management|estates"
    r"|microbiology|haematology|theatres|outreach|maternity|switchboard|dispatch|control|finance|admissions"
    r"|switch|portering|security|catering|transport|infection[ ]control|occy[ ]health|occupational[ ]health)\b)"
    # someone at a named place, doing something: "Stuart at the Brownlee Centre sorted it"
    r"|[ ]+at[ ]+the[ ]+(?:[A-Z][\w'\u2019\-]*[ ]+){1,4}(?:sorted|said|says|rang|rings|told|asked|called"
    r"|phoned|emailed|helped|checked|noticed|spotted|came|went|took|got|gave|brought|arranged|agreed|offered)\b)"
)
_APPOSITIVE_ROLES = (
    r"nurse|sister|charge[ ]nurse|student|student[ ]nurse|hca|healthcare[ ]assistant|health[ ]care[ ]assistant"
    r"|care[ ]assistant|support[ ]worker|carer|paramedic|technician|emt|keyworker|key[ ]worker|social[ ]worker"
    r"|physio|physiotherapist|ot|occupational[ ]therapist|therapist|pharmacist|pharmacy[ ]technician|doctor"
    r"|registrar|consultant|sho|fy1|fy2|junior[ ]doctor|gp|matron|manager|ward[ ]manager|team[ ]leader|lead"
    r"|deputy|coordinator|co-ordinator|cleaner|domestic|porter|receptionist|volunteer|chaplain|interpreter"
    r"|dietitian|midwife|health[ ]visitor|practitioner|assistant|colleague|mentor|assessor|preceptor|buddy"
    r"|daughter|son|wife|husband|partner|mum|mother|dad|father|neighbour|friend|resident|patient|client|tenant"
    r"|granddaughter|grandson|niece|nephew|sister-in-law|brother-in-law|daughter-in-law|son-in-law"
)
# "Ian the nurse came to the wake", "Mo the porter": a first name and the role that tells who they are
_FIRST_THE_ROLE = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+the[ ]+(?:{_APPOSITIVE_ROLES}|porter|postman|postie"
    r"|cleaner|receptionist|driver|chaplain|volunteer|dentist|vicar|priest|imam|midwife|health[ ]visitor)\b"
)
# "jordan (the carer, not the country)", "bev, our hca, said": a lower-case word with its role in apposition.
# "mohammed, the roma lad, came back": words that only stand for a person
_PERSON_NOUNS = r"lad|lass|man|woman|boy|girl|guy|bloke|fella|fellow|chap|gent|gentleman|lady|kid|teenager|youngster"
_LOWER_ROLE_APPOSITION = re.compile(
    r"(?<![A-Za-z0-9@_./\-])(?P<name>[a-z][a-z'\u2019\-]{1,20})[ ]*(?:\(|,[ ]+)(?:the|our|a|an|my|his|her|their"
    rf"|your)[ ]+(?:[a-z][a-z\-]*[ ]+){{0,2}}?(?:{_APPOSITIVE_ROLES}|{_PERSON_NOUNS})s?\b"
)
# a colleague's absence or shift, as a rota chat gives it: "ruth is off sick", "kel's on leave till monday"
_LOWER_ON_ROTA = re.compile(
    r"(?<![\w'\u2019\-@./])(?P<name>[a-z][a-z'\u2019\-]{2,15}?)(?:[ ]+is|[ ]+was|['\u2019]s)[ ]+(?:off[ ]+sick"
    r"|off[ ]+(?:today|tomorrow|this[ ]+week|till|until)|on[ ]+(?:annual[ ]+)?leave|on[ ]+AL|on[ ]+hols|on[ ]+holiday"
    r"|on[ ]+(?:nights|lates|earlies|days)|on[ ]+a[ ]+course|on[ ]+mat[ ]+leave|on[ ]+maternity[ ]+leave"
    r"|off[ ]+on[ ]+the[ ]+sick|covering[ ]+(?:for|the))\b"
)
# "The lad, reece, said he met him": a lower-case name in commas after a person's noun
_LOWER_AFTER_PERSON_NOUN = re.compile(
    # "year six boy, mason, mason cleaver, wetting": a school year stands for the article
    r"\b(?:[Tt]he|[Aa]|[Tt]his|[Tt]hat|[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy](?:ea)?r[ ]*(?:[0-9]{1,2}|[a-z]+))"
    r"[ ]+(?:[a-z]+[ ]+)?"
    rf"(?:{_APPOSITIVE_ROLES}|{_PERSON_NOUNS})"
    # "the girl from reablement, precious, she brought": a place or team after the noun
    r"(?:[ ]+(?:from|at|in|on)[ ]+(?:the[ ]+)?[a-z]+)?"
    rf"[ ]*,[ ]+(?P<name>[a-z][a-z'\u2019\-]{{2,15}}),"
)
# "Aoife, our healthcare assistant, sat …", "Rhodri, the paramedic, handed over": a name, then its role.
_APPOSITIVE = re.compile(
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?),[ ]+(?i:our|the|a|an|his|her|my|their|your|one[ ]of[ ]our"
    r"|one[ ]of[ ]the)[ ]+(?:[A-Za-z\-]+[ ]+){0,3}?"
    rf"(?i:{_APPOSITIVE_ROLES})s?(?=[ ]*[,.;:)\u2013\-]|[ ]+(?:who|from|on|at|in|for|that)\b)"
)
# A role or relation in apposition, with a few words before the role: "Our comms lead, Will, asked".
_ROLE_APPOSITION = re.compile(
    r"(?<![A-Za-z])(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir|[Tt]he|[Yy]our)[ ]+(?:[a-z][a-z\-]+[ ]+){0,2}"
    rf"(?i:{_APPOSITIVE_ROLES}|ex|ex-partner|boyfriend|girlfriend|lead),[ ]+"
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?),"
)
# "we had a gentleman, Ivor, who was refusing", "a lady, Hope, on the ward": a person noun and a name in apposition
_PERSON_NOUN_APPOSITION = re.compile(
    r"(?<![A-Za-z])(?:[Aa]n?|[Tt]his|[Tt]hat|[Oo]ne|[Tt]he|[Oo]ur)[ ]+(?:[a-z][a-z\-]+[ ]+){0,2}"
    r"(?:gentleman|gent|lady|man|woman|chap|lad|lass|girl|boy|fella|bloke|fellow|teenager|youngster|guy),[ ]+"
    rf"(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD})?),"
)
# "Present at the huddle: Iqra, Tomasz and the matron", "Apologies: Bev": attendance lists.
_ATTENDANCE = re.compile(
    r"(?im)(?:^|(?<=[.!?] ))[ \t]*(?:present|also[ ]present|in[ ]attendance|attendees|attending|attended[ ]by|apologies"
    r"|invited|joined[ ]by|on[ ]shift|on[ ]duty|team[ ]on|staff[ ]on)\b[^:\n]{0,40}:[ \t]*(?P<value>[^\n.]{1,300})"
)
# "about Kayden.", "with Amir and": a likely name after a preposition or "and" anywhere.
_AFTER_WORD = re.compile(
    rf"\b(?:about|and|with|to|for|from|by|ask|tell|told|asked|call|called)[ ]+(?P<name>{NAME_WORD})\b"
)
# "Callum Rhodes", "Olwen Pritchard": two capitalised words that look like a first name and a surname.
_PAIR = re.compile(rf"(?<![{_UP}{_LO}'\u2019\-])(?P<first>{NAME_WORD})[ ]+(?P<last>{NAME_WORD})(?![{_LO}{_UP}])")
_CAPITAL_WORD_BEFORE = re.compile(rf"({NAME_WORD})[ ]+$")
_PAIR_START = re.compile(rf"(?<![{_UP}{_LO}'\u2019\-])(?={NAME_WORD}[ ]+{NAME_WORD}(?![{_LO}{_UP}]))")
# A line that is only a name ("Beverley", a signature).
_NAME_LINE = re.compile(rf"(?m)^[ \t]*(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD}){{0,2}})[ \t]*,?[ \t]*$")


def _likely_name_word(word: str, places: frozenset[str]) -> bool:
    """A capitalised word that is probably a name.

    A first name, or rarer than Zipf 3.0, and not a place, stop word, clinical term, month, title or
    label word.
    """
    parts = name_parts(word)
    if not parts:
        return False
    w = "".join(parts)
    if w in places or w in NAME_STOP or w in STOP_WORDS or w in TITLES or w in LABEL_WORDS or is_place(w):
        return False
    if w in _RELATION_SET and w not in first_names():  # "Occupier uses a frame", "Householder was out"
        return False
    return w in first_names() or w in SHORT_NAMES or _zipf(w) < 3.0


_RELATION_SET = frozenset(w.casefold() for w in RELATION_NOUNS if "_" not in w)


# Two-letter first names and short forms, capitalised in a name context ("Mo has added", "Jo said").
SHORT_NAMES = frozenset({"mo", "jo", "al", "ed", "bo", "di", "vi", "cy", "ty", "em", "bea"})


_COMPASS_PLACE = re.compile(r"\b(?:North|South|East|West|Mid|Central|Upper|Lower|Greater|Inner|Outer)[ ]+([A-Z][a-z]+)")


def compass_place(text: str) -> bool:
    """``text`` holds a listed place after a compass word ("DN West Cornwall", "North Devon"): an area."""
    return " " in text and any(is_place(fold_word(m.group(1))) for m in _COMPASS_PLACE.finditer(text))


def propose_likely_names(
    text: str, places: frozenset[str] = frozenset(), subject_places: frozenset[str] | None = None
) -> list[str]:
    """Weak names from soft context, kept only when the word itself looks like a name.

    A sentence-initial word before a verb ("Hodan was", "Bev put"), a word after a preposition or
    "and" ("about Kayden"), a first-name-and-surname pair ("Callum Rhodes"), a line that is only a
    name. The word must be a known first name or rarer than Zipf 3.0 (so "Sepsis was", "Leeds and"
    stay), and not one the tagger called a place (``places``; for the sentence-initial rules only the
    words of ``subject_places``, by default ``places``).
    """
    subject_places = places if subject_places is None else subject_places
    out: list[str] = []
    for pattern in (_START_NAME, _START_NAME_VERB, _AFTER_WORD, _NAME_LINE):
        # A word the small tagger called a place is still a name as the subject of a sentence ("Halina had
        # been a nurse", "Nkechi was in charge"): it mistags unfamiliar names as places. Listed places stay.
        veto = subject_places if pattern in (_START_NAME, _START_NAME_VERB) else places
        for m in pattern.finditer(text):
            words = m.group("name").split()
            if all(_likely_name_word(w, veto) for w in words[:1]):
                out.append(m.group("name"))
    for m in _NAME_SENTENCE.finditer(text):
        w = fold_word(m.group("name"))
        if w in first_names() and w not in places and not is_place(w) and _likely_name_word(m.group("name"), places):
            out.append(m.group("name"))
    for m in _FROM_TEAM.finditer(text):
        w = fold_word(m.group("name"))
        # a listed first name, or a rare word that reads as a name ("Tharshini from pharmacy rang")
        unlisted = len(w) >= 4 and _zipf(w) < 2.0 and w not in places and name_probability(m.group("name")) >= 0.6
        ok = (w in all_first_names() or unlisted) and w not in MONTHS and w not in DAYS and w not in STOP_WORDS
        if ok and w not in NAME_STOP and w not in TITLES and w not in LABEL_WORDS and not is_place(w):
            out.append(m.group("name"))
    # Inside a run of capitalised words a pair also starts after a month, day or stop word: "On 4 April Hope
    # Matthews" tries "April Hope" (a month: no) and then "Hope Matthews"; "Rhondda Cynon Taf" stays whole.
    starts = {p.start() for p in _PAIR.finditer(text)}
    for at in _PAIR_START.finditer(text):
        prev = _CAPITAL_WORD_BEFORE.search(text, max(0, at.start() - 30), at.start())
        if prev is not None and _never_a_name(fold_word(prev.group(1))):
            starts.add(at.start())
    for start in sorted(starts):
        pair_m = _PAIR.match(text, start)
        if pair_m is None:
            continue
        first, last = pair_m.group("first"), pair_m.group("last")
        f_ok = (
            _likely_name_word(first, places)
            or fold_word(first) in all_first_names()
            or (_zipf(fold_word(first)) < 3.5 and fold_word(last) in surnames())
        )
        # an unlisted rare surname must read as a name ("Tracey Reablement" is a team, not a person)
        l_ok = fold_word(last) in surnames() or (_zipf(fold_word(last)) < 3.0 and name_probability(last) >= 0.2)
        pair = {fold_word(first), fold_word(last)}
        # a role is not a first name ("Midwife Ayaan"); a language after a listed first name is a surname
        # ("Kevin Welsh")
        ff0, fl0 = fold_word(first), fold_word(last)
        # ("Mary English": a first name as common as Mary, not one as common as Will or May)
        language_surname = (
            (fl0 in LANGUAGES or fl0 == "english")
            and (ff0 in first_names() or (ff0 in all_first_names() and _zipf(ff0) < 5.0))
            and fl0 in surnames()
            and ff0 not in NAME_STOP
        )
        bad = {
            w
            for w in pair
            if (_never_a_name(w) and not (language_surname and w == fl0)) or w in subject_places or w in RELATION_NOUNS
        }
        # The tagger calls a first name and surname a place ("Winston Louis" -> GPE): a listed first name
        # rarer than Zipf 4 before a listed surname that is no common word is a person all the same,
        ff, fl = fold_word(first), fold_word(last)
        # "a Guy Mercer": any listed first name before a listed surname rarer than Zipf 4 is a person too
        if pair & places and not (
            (ff in first_names() and _zipf(ff) < 4.0 and fl in surnames() and _zipf(fl) < 5.0)
            or (ff in all_first_names() and fl in surnames() and _zipf(fl) < 4.0)
        ):
            bad = bad | (pair & places)
        # "Bower Mount Medical Practice", "Castle Hill Surgery": a pair that names a building is no person
        if f_ok and l_ok and not bad and not building_after(text, pair_m.end()):
            out.append(f"{first} {last}")
    return out


# ("Lady I visited today": the pronoun I before a verb is no initial)
_TITLE_INITIAL = re.compile(
    rf"(?<![A-Za-z])(?:{_TITLE_ALT})\.?[ ]+(?P<initial>[{_UP}]|[{_UP}]\.?[{_UP}](?=[ ]+[(\-\u2013,:]))\.?"
    # "Dr O's car" (a possessive), not "Mr O'Neill"
    rf"(?![{_LO}{_UP}]|['\u2019](?!s\b))(?<!I(?=[ ]+[a-z]))"
)


# Two or three capitals used as a person's name ("SJ, can you stop the recording?", "AB and PD to pick that
# up"); never a common abbreviation of services, roles, wards or clinical words.
_NOT_PERSON_INITIALS = frozenset(
    re.findall(
        r"[A-Z]+",
        """
        A I PT SLT DT GP OT ED AE DN RN HV SW MH LD UK US EU TV PC IT HR ID OK AM PM BP CT MR IV IM SC PO PR NG DM CD ST
        DR MS RC FY CPN HCA SHO RMN RGN ANP ACP NHS GMC NMC CQC DOB NI MP DBS PPE ICU ITU HDU AMU SAU MAU OPD MDT
        CPA CTO LPA NBM DNR AKI UTI MI PE DVT TIA CVA RTA OOH BA RTC SOS FYI TBC TBA NA PS NB AOB AKA ETA ICS ICB
        PCN LA CIN CP LAC SEN YOT PPO NFA SOP QI IPU CRHT CMHT SALT PEG TPN ECG EEG MRI CXR ABG FBC LFT UE CRP INR
        HB SATS RR HR SPO EWS NEWS MEWS PEWS SBAR ABC ACE ADHD ASD OCD PTSD EUPD BPD SMI CBT DBT EMDR MSE SI SH OD
        AWOL POA DPA AA NA SMS APP WIFI PDF CV AI RE FW CC BCC HQ PA TA TL CEO CFO COO HOD DM RM WM CM SM NM FM KW
        SPN MASH CSE CCE YP UC PIP DLA ESA JSA HB CT HMP HMRC DWP DVLA RAF MOD CAB IAPT ARC SPA PICU NICU SCBU AN PN
        HVS BF FTT CAF EHA TAF CIN PTO PRN BD TDS QDS OD ON OM IF IS IN AT TO DO GO NO SO UP WE HE ME BE BY MY OR OF
        AS AN CNS TVN DSN ENT HCP AHP CSW ENP ECP ICT IPC CCN SN EIP HTT CRT SOB CPR BMI CKD IHD CHF GCS RIP ECT TPR
        DNA NOK HTN DSH UDS DVA SPR MO RMO SOS GCS CAB LOS TTO TTA EDD DOD NOF RTW ASB DV PHE ICT
        """,
    )
)
NOT_PERSON_INITIALS = _NOT_PERSON_INITIALS  # services, roles, wards and clinical acronyms, for the path rules
_INITIALS = r"(?P<{}>[A-Z]{{2,3}})(?![A-Za-z0-9&/\-])"
_INITIALS_VOCATIVE = re.compile(
    r"(?<![A-Za-z0-9&/\-])" + _INITIALS.format("a") + r",[ ]+(?:can|could|would|will|are|did|do|have|please)[ ]+you\b"
)
# initials addressed at the end of a sentence: "Every time, KJ.", "Thanks, PD!"
_INITIALS_VOCATIVE_END = re.compile(r"(?<=[a-z]),[ ]+(?P<a>[A-Z]{2,3})(?=[.!?](?:[ \n]|$))")
_VOCATIVE_BEFORE = re.compile(r"(?:^|\n|[.!?,;:][ ]|\band[ ]|\bthanks[ ]|\bcheers[ ])$")
_INITIALS_PAIR = re.compile(
    r"(?<![A-Za-z0-9&/\-])"
    + _INITIALS.format("a")
    + r"[ ]+and[ ]+"
    + _INITIALS.format("b")
    + r"[ ]+(?:to|will|can|could|should|are|have|had|were|did)[ ]+[a-z]"
)
NOT_PERSON_INITIALS = _NOT_PERSON_INITIALS  # role and service letters, for other modules ("OT", "SW")
never_a_name = _never_a_name  # stop, clinical, drug, label and title words, for other modules


# initials signing a message: "… by Friday. PD" at the end of a line, or alone under "Thanks"
_INITIALS_SIGNED = re.compile(r"(?<![A-Za-z0-9&/\-])" + _INITIALS.format("a") + r"[ \t]*(?=\r?\n|$)")
# a visit note signed with dotted initials or with a particle between them: "Asked for Welsh cakes. I.P.",
# "pain 3/10. MdlC" (Maria de la Cruz); not "PhD", "McD"
_INITIALS_SIGNED_WRITTEN = re.compile(
    r"(?<![A-Za-z0-9&/\-.])(?P<a>(?:[A-Z]\.){2,3}|(?!PhD|McD|DoH|DfE|MoJ|DoB)[A-Z][a-z]{1,2}[A-Z])[ \t]*(?=\r?\n|$)"
)
_SIGNED_BEFORE = re.compile(
    r"(?:[.!?)][ ]{1,2}|(?i:thanks|cheers|regards|best|many[ ]thanks|thank[ ]you|ta)[ \t]*[,.!]?[ \t]*\r?\n[ \t]*)$"
)


# initials after "by" as the one who did something: "notes added by JC", "seen by T.H. on Monday"
_INITIALS_BY = re.compile(
    r"\b(?i:written|added|taken|noted|signed|completed|reviewed|checked|seen|assessed|reported|raised|sent|led"
    r"|chaired|facilitated|prepared|typed|recorded|countersigned|witnessed|initialled|authored|minuted|notes|minutes"
    r"|pasted|copied|updated|edited|posted|uploaded|compiled|collated|summarised|drafted)"
    r"(?:[ ]+[A-Za-z]+){0,5}?[ ]+by[ ]+(?P<a>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)(?![A-Za-z0-9&/\-])"
    # "Reminder from LH: no client names"
    r"|\b(?i:reminder|message|note|email|e-mail|text|update|reply|call|request)[ ]+from[ ]+"
    r"(?P<b>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)(?=[ ]*[:,.\-\u2013]|[ ]+(?:about|re|to)\b)"
)
# initials in brackets after what a person writes: "My notes (SR)", "entry (T.H.)", "comments (JB):"
_INITIALS_BRACKETED = re.compile(
    r"\b(?i:notes?|entry|entries|comments?|minutes|summary|update|reflections?|observations?|plan|actions?"
    r"|signed|initials|written|added)[ ]*\((?P<a>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)\)"
)
# initials in apposition to a titled name: "the weekend with PJ, Mr Doherty, on the …"
_INITIALS_BEFORE_TITLED = re.compile(
    r"(?<![A-Za-z0-9])(?P<a>[A-Z]{2,3})(?:[ ]*\(|,[ ]+)(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ ]+[A-Z][a-z]"
)
# a note signed with a dash and initials at the end of a line: "not small to her. - T.H.", "… – JB"
_INITIALS_DASHED = re.compile(
    r"(?:^|(?<=[.!?)\"\u201d][ ])|(?<=[.!?)\"\u201d]))[ \t]*[\-\u2013\u2014~][ ]*(?P<a>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)"
    r"[ \t]*(?=\r?\n|$)",
    re.MULTILINE,
)
# Initials alone on the last line, signing a story: "R.H.", "- J.F-L.", "C. McT".
_INITIALS_SIGNOFF = re.compile(
    r"(?:\A|\n)[ \t]*(?:[\-\u2013\u2014~][ ]*)?"
    r"(?P<a>[A-Z]\.(?:[ ]?[A-Z](?:[a-z]{1,2}(?=[A-Z]))?[A-Z]?\.?|-[A-Z]\.?){1,3}|[A-Z]{2,3})[ \t]*\s*\Z"
)
# initials as a paragraph of their own, signing the note above them (a list dash may have been read off):
# "… he's very proud.\n\n- KM\npharm ref …"
_INITIALS_PARAGRAPH = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*(?:[\-\u2013\u2014~][ ]*)?(?P<a>[A-Z]{2,3})[ \t]*(?=\n|\Z)")
_NOT_SIGNING_INITIALS = frozenset({"NB", "PS", "PPS", "OK", "TBC", "TBA", "FYI", "AOB", "RIP", "END", "AM", "PM"})
_INITIALS_TOKEN = re.compile(r"(?<![A-Za-z0-9&/\-.])(?P<a>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)(?![A-Za-z0-9&/\-])")


# initials in a file name: "Stories_export_Nov24 (TH).csv"; hyphenated after a name: "[Babatunde A-W]"
# (a file name's separators are spaces by then: "A-W" reads "A W")
_PATH_INITIALS = re.compile(
    # three capitals set off by dashes as a part of the name ("casework reflection - AES - notebook") are initials
    r"\((?P<a>[A-Z]{2,3})\)|(?<=[ ][\-\u2013 ][ ])(?P<a2>[A-Z]{3})(?=[ ][\-\u2013 ][ ])"
    r"|(?<![A-Za-z0-9])(?P<c>[A-Z]{2})(?![A-Za-z0-9])"
    r"|(?<![A-Za-z])(?P<b>[A-Z](?:[ ][A-Z]){0,2})(?![A-Za-z])"
)
# short forms of file names that are not initials (besides the roles and services of _NOT_PERSON_INITIALS)
_NOT_PATH_INITIALS = frozenset(
    {"SU", "PD", "IG", "FU", "BI", "HX", "DX", "RX", "TX", "SX", "WK", "VS", "CQ", "QA", "UK", "GB", "EN", "CY"}
    | {"NW", "NE", "SE", "SW", "EM", "WM", "YH"}
    # three letters of services and teams, set off by dashes in a file name ("audit - UTC - 2024")
    | {"UTC", "MIU", "MSK", "CYP", "YOS", "GPN", "OTA", "CAS", "EMI", "ASC", "CHC", "DST", "SAR", "SCR", "CDU", "EAU"}
    | {"NIV", "HMO", "IOM", "DRR", "ATR", "RAR", "CRN", "ENT", "ICU", "SOP", "MDT", "NHS", "CPN", "FAQ", "PDF", "DOC"}
)


def _path_acronym(word: str) -> bool:
    """Capitals in a file name that name a service, a role or a document, not a person ("MDT", "UTC", "SOP")."""
    return word in _NOT_PERSON_INITIALS or word in _NOT_PATH_INITIALS or fold_word(word) in NAME_STOP


def is_dashed_initials(word: str) -> bool:
    """Three capitals set off by dashes in a file name are a person's initials unless an acronym ("AES")."""
    return len(word) == 3 and word.isupper() and not _path_acronym(word)


def path_initials(line: str, person_ends: Iterable[int]) -> list[tuple[int, int]]:
    """Spans of initials in one file or folder name: in brackets, or right after a found name ("Dougie E")."""
    ends = set(person_ends)
    out: list[tuple[int, int]] = []
    # two capitals standing alone in a name otherwise written in lower-case words ("pharmacist_reflection_TS_2025")
    lower_words = re.search(r"(?<![A-Za-z])[a-z]{3,}", line) is not None
    for m in _PATH_INITIALS.finditer(line):
        if m.group("a") and m.group("a") not in _NOT_PERSON_INITIALS:
            out.append((m.start("a"), m.end("a")))
        elif m.group("a2") and not _path_acronym(m.group("a2")):
            out.append((m.start("a2"), m.end("a2")))
        elif m.group("c") and lower_words and m.group("c") not in _NOT_PERSON_INITIALS:
            if m.group("c") not in _NOT_PATH_INITIALS and fold_word(m.group("c")) not in NAME_STOP:
                out.append((m.start("c"), m.end("c")))
        elif m.group("b") and any(m.start("b") - e in (0, 1) for e in ends):
            out.append((m.start("b"), m.end("b")))
    return out


def initials_of(name: str) -> set[str]:
    """The initials a name may be written as: "Jordan Barnes" -> {"JB"}, "Mary Ann Lee" -> {"ML", "MAL"}."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[:1].isupper() and fold_word(w) not in TITLES]
    if len(words) < 2:
        return set()
    out = {words[0][0] + words[-1][0]}
    if len(words) == 3:
        out.add("".join(w[0] for w in words))
    # a hyphenated first name is written by its own two letters too ("KA" for Kerry-Ann Mulholland)
    first = re.match(r"([^\W\d_]+)-([^\W\d_]+)[ ]", name.strip())
    if first and first.group(1)[:1].isupper() and first.group(2)[:1].isupper():
        out.add(first.group(1)[0] + first.group(2)[0])
    return {i for i in out if i.isascii() and i.isupper()}


def find_initials_of_names(text: str, initials: Mapping[str, str]) -> list[Finding]:
    """Initials in ``text`` that are the initials of a name the document gives ("JB (Jordan Barnes)", "RC").

    ``initials`` maps "JB" to the key of the name it stands for (so both get one placeholder); common
    abbreviations ("GP", "DN", "OT") never, even where a name has those initials.
    """
    if not initials:
        return []
    out: list[Finding] = []
    for m in _INITIALS_TOKEN.finditer(text):
        letters = m.group("a").replace(".", "")
        if letters in initials and letters not in _NOT_PERSON_INITIALS:
            end = m.end("a")
            if "." not in m.group("a")[:-1]:  # "Thanks SJ." ends a sentence: the dot is no part of "SJ"
                end -= m.group("a").endswith(".")
            out.append(Finding(m.start("a"), end, "PERSON", initials[letters]))
    return out


# dotted initials where a person stands: with an age after them ("A young man, A.R., 22,", "K.P., 24."), before what
# a person does ("The boy, T.J., still sends", "well, it's D.R., you'll know"), before a dash and "his"/"her" ("E.P.
# - his mum got in touch")
_INITIALS_PERSON_SLOT = re.compile(
    r"(?<![A-Za-z.])(?P<a>[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)"
    r"(?=,[ ]*(?:aged[ ]+)?[0-9]{1,2}\b|[ ]+[\-\u2013][ ]+(?:his|her|their|he|she|they)\b"
    r"|,[ ]+(?:still|was|is|who|had|has|said|you'll|you\u2019ll|sends|went|came|told)\b)"
)


def find_person_initials(text: str) -> list[Finding]:
    """Initials used as a person's name where only a person stands.

    Addressed ("SJ, can you …"), two people given a task ("AB and PD to pick that up"), signing a note
    ("… by Friday. PD", "- T.H.") or doing something ("notes added by JC"); common abbreviations ("GP",
    "OT", "ED") never.
    """
    out: list[Finding] = []
    for pattern in (
        _INITIALS_BY,
        _INITIALS_PERSON_SLOT,
        _INITIALS_DASHED,
        _INITIALS_BRACKETED,
        _INITIALS_VOCATIVE_END,
        _INITIALS_SIGNOFF,
        _INITIALS_BEFORE_TITLED,
        _INITIALS_PARAGRAPH,
    ):
        for m in pattern.finditer(text):
            g = "a" if m.group("a") is not None else "b"  # _INITIALS_BY: "by JC" (a) or "from LH:" (b)
            letters = m.group(g).replace(".", "")
            if pattern is _INITIALS_PARAGRAPH and (letters in _NOT_SIGNING_INITIALS or fold_word(letters) in NAME_STOP):
                continue
            if letters not in _NOT_PERSON_INITIALS and len(letters) >= 2:
                out.append(Finding(m.start(g), m.end(g), "PERSON", "initials " + letters))
    before = {
        _INITIALS_VOCATIVE: _VOCATIVE_BEFORE,
        _INITIALS_SIGNED: _SIGNED_BEFORE,
        _INITIALS_SIGNED_WRITTEN: _SIGNED_BEFORE,
    }
    for pattern in (_INITIALS_VOCATIVE, _INITIALS_PAIR, _INITIALS_SIGNED, _INITIALS_SIGNED_WRITTEN):
        for m in pattern.finditer(text):
            cue = before.get(pattern)
            if cue is not None and not cue.search(text, max(0, m.start() - 24), m.start()):
                continue
            groups = [g for g in ("a", "b") if g in pattern.groupindex and m.group(g)]
            if any(m.group(g) in _NOT_PERSON_INITIALS for g in groups):
                continue
            for g in groups:
                out.append(Finding(m.start(g), m.end(g), "PERSON", "initials " + m.group(g)))
    return out


def find_title_initials(text: str) -> list[Finding]:
    """Title before a single initial ("Mrs K", "Mr B."): the initial is a PERSON finding."""
    return [
        Finding(m.start("initial"), m.end("initial"), "PERSON", "initial " + m.group("initial"))
        for pattern in (_TITLE_INITIAL, _TITLE_MC)
        for m in pattern.finditer(text)
    ]


# A surname begun and broken off after a title: "I'll say Mr McC- sorry, a resident".
_TITLE_MC = re.compile(rf"(?<![A-Za-z])(?:{_TITLE_ALT})\.?[ ]+(?P<initial>Ma?c[{_UP}]?)(?=[\-\u2013\u2014\u2026]|\.\.)")


def is_handle_first_name(part: str) -> bool:
    """A part of a user name joined with "_" that is a listed first name and no common word ("kev" of "kielder_kev")."""
    return part in all_first_names() and is_uncommon_word(part, 4.0)


def is_uncommon_word(word: str, limit: float = 3.2) -> bool:
    """True if ``word`` is not a common English word (so, after a strong cue, likely a name).

    Uses wordfreq's Zipf frequency (below ``limit``, by default 3.2: rarer than about 1 in 600,000
    words); stop words, clinical terms, role words and months never count as uncommon.
    """
    w = word.casefold().strip("'\u2019-")
    if len(w) < 2 or w in STOP_WORDS or w in NAME_STOP or w in TITLES or re.fullmatch(_APPOSITIVE_ROLES, w):
        return False
    return _zipf(w) < limit


def is_role_label(label: str) -> bool:
    """``label`` (a speaker label) names a role or a machine, not a person: "call handler", "Caller", "Speaker 2".

    Every word is a role, relation or label word, or a number. Such a label is no known name: its words would
    otherwise be redacted wherever they stand ("nhs111-cumbria_call-0417-stt.srt"). Clinical terms do not count:
    a speaker called "Wells" or "Norton" is a person.
    """
    words = [fold_word(w) for w in re.findall(r"[^\W_]+", label)]
    return bool(words) and all(
        w.isdigit() or w in ROLE_LABEL_WORDS or w in LABEL_WORDS or re.fullmatch(_APPOSITIVE_ROLES, w) is not None
        for w in words
    )


def propose_label_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """One-word speaker labels ("Priya: ...", "Priya  12:41"): weak names.

    A one-word label may be a section heading ("Outcome:"), so these are only redacted where
    capitalised (see :meth:`NameIndex.add`).
    """
    out: list[str] = []
    for pattern in (_SPEAKER_LINE, _OTTER_LINE):
        for m in pattern.finditer(text):
            name = clean_name(m.group("name"), allow)
            if name and len(name.split()) == 1:
                w = fold_word(name)
                # an everyday word that no name list holds is a heading ("Kids: Romany-Leigh (4), Shyanne")
                if _zipf(w) >= 4.0 and w not in all_first_names() and w not in surnames():
                    continue
                out.append(name)
    # a comment's writer in bold ("> **Kyle T** (his son) - Thanks everyone", "**tash kirkby** - love you"):
    # a first name, then initials or surnames, in any case
    for m in _BOLD_LABEL.finditer(text) if "**" in text else ():
        words = m.group("name").split()
        folded = [fold_word(w) for w in words]
        if any(f in allow or f in STOP_WORDS or f in LABEL_WORDS for f in folded):
            continue
        first = folded[0] in all_first_names() or folded[0] in SHORT_NAMES
        rest = all(len(f) == 1 or f in surnames() or f in all_first_names() or _zipf(f) < 3.0 for f in folded[1:])
        if first and rest and (len(words) > 1 or not _is_common(folded[0])):
            out.append(" ".join(w[:1].upper() + w[1:] for w in words))
    return out


_BOLD_LABEL = re.compile(
    rf"(?m)^[ \t>]*\*\*(?P<name>[{_UP}{_LO}][{_LO}'\u2019\-]+(?:[ ]+[{_UP}{_LO}][{_LO}'\u2019\-]*\.?){{0,2}})\*\*"
    r"[ \t]*(?:\([^)\n]{0,40}\)[ \t]*)?(?::|[\-\u2013][ \t])"
)


# Strong context, a place does not veto it: "Florence is the receptionist", "see you Florence",
# "Grace was our HCA that night".
_ADDRESSED_PATTERNS = (
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+(?:is|was|'s|\u2019s)[ ]+(?:the|our|a|an|my|his|her"
        rf"|their|your|one[ ]of[ ]our|one[ ]of[ ]the)[ ]+(?:[a-z][a-z\-]*[ ]+){{0,2}}?(?i:{_APPOSITIVE_ROLES})s?\b"
    ),
    re.compile(
        r"\b(?=[SsBbNnGgTtLlMm])(?:[Ss]ee[ ]you(?:[ ]later|[ ]soon|[ ]tomorrow)?|[Bb]ye[ ]bye|[Nn]ight[ ]night"
        r"|[Gg]oodnight|[Gg]ood[ ]night|[Gg]ood[ ]luck|[Tt]ake[ ]care|[Ll]ove[ ]you|[Mm]iss[ ]you|[Tt]hanks[ ]again)"
        rf"[ ,]+(?P<name>{NAME_WORD})(?=[ ]*[.,!?;:\"'\u201d\u2019]|[ ]*$)",
        re.MULTILINE,
    ),
)


_NAME_CUE_PATTERNS = (
    # "Tyler (14) had been", "Edna (aged 91)": a name and an age in brackets
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+\((?:aged?[ ]+)?[0-9]{{1,3}}(?:[ ]?(?:y|yo|yrs?|years?"
        r"|months?|m|f|M|F))?(?:,[^)]{0,20})?\)"
    ),
    # "(first name Winston)", "gave a false name (Jade)", "known to staff as Joe"
    re.compile(
        r"\b(?i:first[ ]name|forename|christian[ ]name|given[ ]name|surname|last[ ]name|family[ ]name|middle[ ]name"
        r"|maiden[ ]name|false[ ]name|fake[ ]name|real[ ]name|birth[ ]name|preferred[ ]name|under[ ]the[ ]name)"
        rf"[ ]*(?:is[ ]+|was[ ]+|:[ ]*)?[(\"'\u201c\u2018]?(?P<name>{NAME_WORD})"
    ),
    # "Pedrinho to his family", "Bernie to everyone": a name for some people
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+to[ ]+(?:his|her|their|the)[ ]+(?:family|friends|mates"
        r"|kids|children|grandchildren|grandkids|neighbours|colleagues|team)\b"
    ),
    # "Nasren (sic – I typed it wrong": a name written as it was
    re.compile(rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+\((?:sic|\[sic\])\b"),
    # "Royal's NHS number", "Zarmina's phone", "Biddy's ten years": a person's possessive before what only a
    # person has
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?<!St[ ])(?<!St\.[ ])(?<!Saint[ ])(?P<name>{NAME_WORD})['\u2019]s[ ]+"
        r"(?:own[ ]+|new[ ]+|old[ ]+|real[ ]+)?"
        r"(?:NHS|CHI|H&C|hospital[ ]number|date[ ]of[ ]birth|DOB|D\.O\.B|birthday|birth|phone|mobile|number|address"
        r"|e-?mail|GP|postcode|mum|mother|dad|father|nan|nana|gran|granny|grandma|grandad|sister|brother|son|daughter"
        r"|wife|husband|partner|boyfriend|girlfriend|carer|social[ ]worker|key[ ]?worker|school|red[ ]book|flat|house"
        r"|care[ ]plan|MAR|meds|medication|notes|record|file|surname|first[ ]name|middle[ ]name|blog|instagram"
        r"|tiktok|facebook|twin|twins|kids|children|baby|birth[ ]mum|foster[ ]carers?|placement|bedroom"
        r"|seizures?|fits|epilepsy|asthma|diabetes|diagnosis|behaviour|bloods|obs|sats|weight|hearing[ ]aids?"
        r"|glasses|dentures|teeth|wheelchair|walking[ ]frame|zimmer|catheter|wound|ulcer|legs?|hips?|knees?"
        r"|appointment|referral|discharge|admission|funeral|cot|nappies|bottle|feeds|pushchair|buggy|homework"
        r"|nursery|teacher|key[ ]worker|probation[ ]officer|solicitor|benefits|tenancy|landlord)\b"
    ),
    # "(Will thinks I was having a go)", "Mark says": a verb in the third person after the word, so no auxiliary
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+(?:thinks|says|reckons|wants|knows|feels|believes"
        r"|admits|agrees|insists|reckoned|remembers|laughs|hates|loves|lives|works)\b"
    ),
    # "Joan Hirst (née Schofield)": a maiden name
    re.compile(rf"\b(?:n[ée]e|N[ée]e)[ ]+(?P<name>{NAME_WORD})"),
    # "please don't name Hartley": a person not to be named
    re.compile(rf"\b(?i:don't|don\u2019t|do[ ]not|not|never)[ ]+(?i:name|mention)[ ]+(?P<name>{NAME_WORD})(?![{_LO}])"),
    # "our Des was on nights", "our Kath": a family member, as the North says it (not "our Hope is that …")
    re.compile(
        rf"\b(?:[Oo]ur|[Ww]or)[ ]+(?P<name>{NAME_WORD})(?=[ ]+(?:(?:was|is)(?![ ]+(?:that|to|for)\b)|has|had"
        r"|said|says|came|went|would|will"
        r"|did|does|never|always|used|got|rang|told|and|\([a-z]))"
    ),
    # "before Royal was born": only people are born
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+(?:was|is|were)[ ]+(?:born|christened|baptised)\b"
    ),
    # "Summer is nine", "Blue Harrington, 9.", "Tyler, aged 14": a name and an age
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+(?:is|was|turned|turns|'s)[ ]+(?:only[ ]+|just[ ]+"
        r"|nearly[ ]+|almost[ ]+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
        r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|[1-9][0-9]?)(?:[ ]+(?:years?[ ]+old|months"
        r"[ ]+old|now|today|next))?(?=[ ]*[.,;!?)]|[ ]+(?:and|but|now|today)\b)"
    ),
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD}[ ]+{NAME_WORD}),[ ]+(?:aged[ ]+)?[1-9][0-9]?(?=[.,;)])"
    ),
    # "Will (the OT) came", "Bev (our HCA)": a name and the person's role in brackets
    # "Precious (nurse in charge) ran", "Faith (physio from intermediate care)": no determiner, a qualifier after
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+\((?:(?:the|our|my|his|her|their|a|an)[ ]+)?"
        rf"(?:[a-z][a-z\-]*[ ]+){{0,2}}(?i:{_APPOSITIVE_ROLES})(?:[ ]+(?:in[ ]charge|on[ ]nights|on[ ]days"
        r"|on[ ]shift|from[ ][^()\n]{1,40}|for[ ][^()\n]{1,40}|at[ ][^()\n]{1,40}))?[),;]"
    ),
    # "her son on the phone, Marcus, shouting": a relation, a few words, then the name between commas
    re.compile(
        r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur)[ ]+(?:son|daughter|husband|wife|partner|brother|sister|mum|dad"
        r"|mother|father|nephew|niece|grandson|granddaughter|neighbour|carer)(?:[ ]+[a-z]+){1,4},[ ]+"
        rf"(?P<name>{NAME_WORD}),"
    ),
    # "Paddy (dad)", "Shazia Iqbal (mother)": a name and the relation in brackets
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+\((?:{_REL_ALT}|mum|dad|nan|gran|grandad|twin"
        r"|step-?(?:mum|dad|son|daughter)|birth[ ]mum|birth[ ]dad|foster[ ]carer|carer|neighbour|aunt|auntie|uncle"
        r"|cousin)\)"
    ),
    # "The call-taker was Bronwen", "His district nurse is Nadia": a role, then the name
    re.compile(
        r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir|[Yy]our)[ ]+(?:[a-z][a-z\-]+[ ]+){0,2}"
        rf"(?i:{_APPOSITIVE_ROLES}|call-?taker|call[ ]handler|dispatcher|crew[ ]mate|crewmate|driver|caller"
        r"|registrar|sister|mum|dad|mother|father)[ ]+(?:is|was)[ ]+(?:called[ ]+)?"
        rf"(?P<name>{NAME_WORD})(?![{_LO}])"
    ),
    # "called himself "Big Tel"", "she called herself KA", "staff call him "JJ"", "Sunny - real name Sandeep"
    re.compile(
        r"\b(?:called|calls|call|named|names)[ ]+(?:him|her|them|himself|herself|themselves|me|myself)[ ]+"
        rf"[\"'\u201c\u2018]?(?P<name>(?:Big|Wee|Little|Young|Auld|Old)[ ]+{NAME_WORD}|[{_UP}]{{2,3}}|{NAME_WORD})"
    ),
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]*[-\u2013\u2014,(][ ]*(?:real[ ]name|aka|a\.k\.a\.?"
        r"|proper[ ]name|full[ ]name|birth[ ]name|known[ ]as)\b"
    ),
    # "Jim to his sister", "Big Tam to the hall"
    re.compile(
        rf"(?<![{_UP}{_LO}'\u2019\-])(?P<name>{NAME_WORD})[ ]+to[ ]+(?:his|her|their|the)[ ]+(?:sister|brother|mum"
        r"|dad|mother|father|wife|husband|partner|son|daughter|nan|gran|aunt|uncle|cousins|hall|wing|lads|girls"
        r"|boys|regulars|residents|staff|nurses|carers)\b"
    ),
)


# "the Hendersons", "the Chens": a family by its surname in the plural
_FAMILY_PLURAL = re.compile(rf"\b(?:[Tt]he)[ ]+(?P<name>{NAME_WORD})s(?![{_LO}{_UP}'\u2019\-])")
# "the Ward family": a surname, clinical words too when they are listed surnames
_FAMILY = re.compile(rf"\b(?i:the)[ ]+(?P<name>{NAME_WORD})[ ]+(?P<what>family|household|family's|house|home)\b")
# "Mary Ward has five children", "first is Mickey Ward": a listed first name and "Ward" as a surname, not
# a ward's name ("on Mary Seacole Ward", "to Rose Ward")
_FIRST_WARD = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<first>{NAME_WORD})[ ]+(?P<last>Ward|Bay|Theatre|Hall|Day|Hill|Fields)"
    r"(?=[ ]+(?:has|had|said|says|rang|rings|phoned|called|told|asked|came|went|gave|took|lives|lived|died|fell"
    r"|wants|wanted|needs|needed|agreed|refused|arrived|left|texted|cried|laughed|smiled|herself|himself|and[ ]+her"
    r"|and[ ]+his|who|whose)\b|,[ ]+(?:who|whose|aged|age|born|dob|DOB|n\u00e9e|nee)\b|[ ]+\((?:aged|age|\d)"
    r"|,[ ]+(?:the[ ]+)?(?:son|daughter|wife|husband|widow|mother|father|mum|dad|brother|sister|partner|friend"
    r"|grandson|granddaughter|nephew|niece|cousin)[ ]+of\b"
    # "Bridget Ward, Johnny's sister", "Bridget Ward, his mum"
    r"|,[ ]+(?:(?:his|her|their|my|our)|[A-Z][A-Za-z'\-]+['\u2019]s|\[[A-Z_]+[0-9]+\]['\u2019]s)[ ]+"
    r"(?:son|daughter|wife|husband|widow|mother|father|mum|mam|dad|brother|sister|partner|friend|grandson|granddaughter|nephew|niece"
    r"|cousin|aunt|uncle|girlfriend|boyfriend|carer|neighbour)\b)"
)
# "a young lad, Patrick Ward, son of …", "my neighbour, Edna Hall, rang": a person noun in apposition before it
_FIRST_WARD_APPOSED = re.compile(
    r"\b(?i:lad|lass|man|woman|boy|girl|chap|fella|bloke|gentleman|lady|gent|kid|child|teenager|patient|client"
    r"|resident|tenant|neighbour|friend|son|daughter|brother|sister|mum|dad|wife|husband|partner|widow|widower"
    r"|carer|nephew|niece|cousin|grandson|granddaughter),[ ]+"
    rf"(?P<first>{NAME_WORD})[ ]+(?P<last>Ward|Bay|Theatre|Hall|Day|Hill|Fields)(?=[ ]*[,(])"
)
# "I collected Paddy Ward at the gate", "This is about Margaret Ward": a verb that takes a person before it
_FIRST_WARD_OBJECT = re.compile(
    r"\b(?:collected|met|supported|about|named|called|phoned|rang|told|asked|helped|meet"
    rf"|collect|support|call|phone|ring|tell|ask|help)[ ]+(?P<first>{NAME_WORD})[ ]+"
    r"(?P<last>Ward|Bay|Theatre|Hall|Day|Hill|Fields)\b"
)
_WARD_BEFORE = re.compile(r"(?i)\b(?:on|to|in|at|from|onto|into|off|the|our|their|this|that|of|via)[ ]+$")
# "the twins (Gift & Miracle)", "twins Gift/Miracle", "the kids: Farid, Malalai and Yusuf"
_SIBLINGS = re.compile(
    r"\b(?i:twins|triplets|siblings|children|kids|sons|daughters|sisters|brothers|grandchildren)[ ]*[(:,\-\u2013]?[ ]*"
    rf"(?P<names>{NAME_WORD}(?:[ ]*(?:&|and|/|,)[ ]*{NAME_WORD})+)"
)


# "Olive, Pearl, Ruby and Hazel", "Agnieszka, Gosia, Tendai, Blessing, Holly": capitalised words in a list.
_NAME_LIST = re.compile(
    rf"(?<![{_UP}{_LO}'\u2019\-])(?P<names>{NAME_WORD}(?:(?:[ ]*,[ ]*(?:(?:and|&)[ ]+)?|[ ]+(?:and|&)[ ]+)"
    rf"{NAME_WORD}){{2,}})(?![{_LO}{_UP}'\u2019\-]|[ ][{_UP}])"
)
_LIST_SPLIT = re.compile(r"[ ]*(?:,[ ]*(?:(?:and|&)[ ]+)?|[ ]+(?:and|&)[ ]+)")


def drug_names() -> frozenset[str]:
    """Drug names, generic and brand, one word each, folded (``data/drugs.txt``): "oramorph", "epclusa"."""
    return DRUG_NAMES


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Countries, continents, US states and big cities, one word each, folded (``data/places_world.txt``)."""
    return _load_list("places_world.txt")


def propose_name_lists(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """The words of a list of three or more capitalised words of which most are listed first names.

    "Olive, Pearl, Ruby and Hazel", "Jordan, Kayleigh, Brandon, Tyler": in a list of people, the names that
    are ordinary words elsewhere are people too. At least two of the items and two thirds of them must be
    listed first names that are no places, clinical words, months or days ("Kenya, India and Jordan" are
    countries; "Leeds, Bradford and Halifax" towns); then every listed first name of the list and every
    rare word (Zipf < 2.5: "Cissie", "Bunty") is a name. Weak names: matched where capitalised only.
    """
    out: list[str] = []
    for m in _NAME_LIST.finditer(text):
        items = [w for w in _LIST_SPLIT.split(m.group("names")) if w]
        folded = [fold_word(w) for w in items]
        bad = {w for w in folded if w in allow or w in MONTHS or w in DAYS or w in TITLES or w in LABEL_WORDS}
        bad |= {w for w in folded if w in NAME_STOP or w in places() or w in world_places() or is_place(w)}
        named = [w for w in folded if w in all_first_names() and w not in bad and w not in STOP_WORDS]
        if len(items) < 3 or len(named) < 2 or 3 * len(named) < 2 * len(items):
            continue
        for word, w in zip(items, folded, strict=True):
            if w in named or (w not in bad and w not in STOP_WORDS and _zipf(w) < 2.5):
                out.append(word)
    return out


# A capitalised word inside a sentence: after a lower-case word, a comma, colon, semicolon or dash.
_INNER_RARE = re.compile(
    rf"(?:(?<=[{_LO},;:] )|(?<=[\u2013\u2014-] )|(?<=\band )|(?<=\bor ))"
    rf"(?P<w>[{_UP}][{_LO}]{{3,}}(?:-[{_UP}][{_LO}]+)?)(?![{_UP}{_LO}0-9'\u2019])"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|via|into|outside|around|towards|of|on|through|across)[ ]+$", re.IGNORECASE
)
_THING_AFTER = re.compile(
    r"[ ]+(?:clinic|centre|center|hospital|hospice|ward|unit|road|street|lane|avenue|close|drive|house|court|team"
    r"|service|services|practice|surgery|school|college|estate|park|site|trust|hub|project|app|system|group|scheme"
    r"|tablets?|capsules?|cream|inhaler|syrup|patch|injection|mg|ml|syndrome|disease|score|scale|form|signs?"
    r"|signing|language|dialect|programme|course|model|car|van)\b",
    re.IGNORECASE,
)
NAMELIKE_THRESHOLD = 0.6


def rare_name_candidates(text: str, allow: frozenset[str] = frozenset()) -> list[tuple[re.Match[str], float]]:
    """The words :func:`propose_rare_names` judges, with their name probability, whatever it is.

    Capitalised words inside a sentence, of 4+ letters, hardly ever seen in English (Zipf < 1.5), that are
    no listed name, drug, place, language, clinical, label or allowed word, not after a place preposition
    ("in Penarth") nor before a thing they name ("the Sandyford clinic", "her Makaton sign").
    ``benchmarks.namelike_candidates`` prints them, so what it reports is the rule itself.
    """
    out: list[tuple[re.Match[str], float]] = []
    for m in _INNER_RARE.finditer(text):
        w = fold_word(m.group("w"))
        if w in allow or w in all_first_names() or w in surnames() or _never_a_name(w):
            continue
        if w in places() or w in world_places() or _zipf(w) >= 1.5:
            continue
        if _PLACE_BEFORE.search(text, max(0, m.start() - 16), m.start()) or _THING_AFTER.match(text, m.end()):
            continue
        out.append((m, name_probability(w)))
    return out


def propose_rare_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised words inside a sentence that no list knows and whose letters say "name".

    "pt Zhiyan – wrong dialect", "Two brothers, Naqibullah and Hamidullah": a word of
    :func:`rare_name_candidates` whose character n-grams give a name probability of at least 0.6
    (:mod:`storymine.privacy.namelike`; held-out rates by ``scripts/build_namelike.py``). Weak names.
    """
    return [m.group("w") for m, p in rare_name_candidates(text, allow) if p >= NAMELIKE_THRESHOLD]


# "W-A-L-S-H", "E N G": a word spelled out letter by letter.
_SPELLED = re.compile(r"(?<![A-Za-z0-9'\u2019])(?P<run>[A-Za-z](?:(?:-|\.[ ]?|[ ])[A-Za-z]){1,19})\.?(?![A-Za-z0-9])")


def find_spelled_names(text: str, allow: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """Names spelled out after they are said: "Walsh. W-A-L-S-H.", "Mrs Ng, … E-N-G", "Okafor - O K A F O R".

    People spell names (and codes) aloud; a word said within 80 characters before its own spelling is a
    name unless it is a clinical or ordinary word (Zipf ≥ 4.5: "yes, Y-E-S"). Returns (name, start, end) with
    the span of the spelling, which gives the name away too.
    """
    out: list[tuple[str, int, int]] = []
    for m in _SPELLED.finditer(text):
        run = m.group("run")
        letters = re.sub(r"[^A-Za-z]", "", run)
        if len(letters) < 2 or not (run.isupper() or run.islower()):
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        for w in re.finditer(rf"(?<![{_UP}{_LO}])[{_UP}{_LO}]+(?![{_UP}{_LO}])", before):
            word = w.group(0)
            f = fold_word(word)
            if f != letters.casefold() or f in allow or f in NAME_STOP:
                continue
            if (_zipf(f) >= 4.5 and not word[:1].isupper()) or (f in STOP_WORDS and f not in all_first_names()):
                continue
            out.append((word[:1].upper() + word[1:], m.start("run"), m.end("run")))
            break
    return out


def propose_first_and_word_surname(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """A listed first name and a surname that is also a place word, before a verb only a person does.

    "Mary Ward has five children", not "Edna Ward was busy" or "to Rose Ward" (a ward's name). Registered
    as whole names only: "Ward" alone stays a ward.
    """
    out: list[str] = []
    for m in [*_FIRST_WARD.finditer(text), *_FIRST_WARD_OBJECT.finditer(text), *_FIRST_WARD_APPOSED.finditer(text)]:
        first = fold_word(m.group("first"))
        if first in allow or first not in all_first_names() or first in MONTHS or first in DAYS:
            continue
        if first in STOP_WORDS or first in NAME_STOP or _WARD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        out.append(f"{m.group('first')} {m.group('last')}")
    return out


def propose_addressed_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names in strong context: a role said of them ("Florence is the receptionist"), a farewell.

    "see you Florence": unlike :func:`propose_context_names`, a listed place does not veto them.
    """
    out: list[str] = []
    for m in _SIBLINGS.finditer(text):
        for word in re.split(r"[ ]*(?:&|and|/|,)[ ]*", m.group("names")):
            w = fold_word(word)
            ok = w and w not in allow and w not in STOP_WORDS and w not in MONTHS and w not in DAYS and not is_place(w)
            if ok and (w not in NAME_STOP or w in all_first_names()):
                out.append(word)
    for m in _FAMILY_PLURAL.finditer(text):  # "a foster family, the Hendersons": the name and its plural
        w = fold_word(m.group("name"))
        if w not in allow and w in surnames() and _zipf(w) < 4.0 and not is_place(w) and w not in NAME_STOP:
            out += [m.group("name"), m.group("name") + "s"]
    for m in _FAMILY.finditer(text):
        w = fold_word(m.group("name"))
        if w in COMMUNITY_WORDS or w in KIN_ADJECTIVES:
            continue  # "the Roma family", "the Irish family"
        if m.group("what") in ("house", "home") and _zipf(w) >= 3.0:
            continue  # "the Okafor-Reid house", not "the White house", "the Green house"
        if w not in allow and (w in surnames() or (w not in NAME_STOP and _zipf(w) < 3.5)) and not is_place(w):
            out.append(m.group("name"))
    for m in _INITIALS_SURNAME.finditer(text):  # "last visit 03/12/24 by KA Mulholland"
        letters, surname = m.group("initials"), fold_word(m.group("surname"))
        if letters in _NOT_PERSON_INITIALS or surname in allow or _never_a_name(surname) or is_place(surname):
            continue
        if surname in surnames() and _zipf(surname) < 3.5:
            out.append(m.group(0))
    for m in _GAELIC_VOCATIVE.finditer(text):  # "Tha mi duilich, a Mhòrag.": Morag, lenited
        raw = m.group("name")
        plain = fold_word(raw[0] + raw[2:])
        if (
            raw not in allow
            and _zipf(fold_word(raw)) < 1.5
            and (plain in all_first_names() or name_probability(plain) >= 0.5)
        ):
            out.append(raw)
    for pattern in _ADDRESSED_PATTERNS + _NAME_CUE_PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group("name")
            w = fold_word(raw.split()[-1])
            if raw.isupper() and len(raw) <= 3:  # initials a person is called ("JJ", "KA")
                if raw not in _NOT_PERSON_INITIALS:
                    out.append(raw)
                continue
            if re.match(r"(?:Big|Wee|Little|Young|Auld|Old)[ ]", raw):  # a nickname: "Big Tel" -> "Tel"
                out.append(raw.split(" ", 1)[1])
                continue
            if w in allow or w in MONTHS or w in DAYS or w in _GREETING_NOT_NAMES or w in TITLES:
                continue
            # a clinical or stop word only where it is a listed first name ("Florence is the receptionist",
            # not "Reception is the hub")
            if (w in NAME_STOP or w in STOP_WORDS or w in RELATION_NOUNS) and w not in all_first_names():
                continue
            if _FACILITY_WORD.search(" " + raw):
                continue
            # an everyday word that is no listed name is the word ("Talking to his mum" as a title)
            if pattern in _NAME_CUE_PATTERNS and _zipf(w) >= 4.0 and w not in all_first_names() and w not in surnames():
                continue
            out.append(raw)
    return out


def propose_context_names(text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Names suggested by context only ("Winston said", "Felicity and I", "thanks Priya").

    Weaker evidence than a title or relation: one-word names found this way are only redacted
    where capitalised (see :meth:`NameIndex.add`).
    """
    out: list[str] = []
    for pattern in _CONTEXT_PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group("name")
            # "the Virtual Ward took", "Single Point of Access sent": the name of a ward, team or service
            if _FACILITY_WORD.search(raw) or _ORG_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            # "Fydell Street, Boston.": the town of an address, not someone addressed
            if _STREET_COMMA_BEFORE.search(text, max(0, m.start("name") - 30), m.start("name")):
                continue
            # "Case brought by Nicola", "Concern raised by the GP": what a verb in the passive is said of
            if _PASSIVE_AFTER.match(text, m.end("name")):
                continue
            name = clean_name(raw, allow)
            if name:
                out.append(name)
    # "We agreed Gurps will hand over": a rare capitalised word inside a sentence, the subject of a modal verb
    for m in _MODAL_SUBJECT.finditer(text):
        w = fold_word(m.group("name"))
        if w in allow or _zipf(w) >= 3.0 or is_place(w) or _never_a_name(w) or w in MONTHS or w in DAYS:
            continue
        if _FACILITY_WORD.search(" " + m.group("name")) or w in drug_names():
            continue
        if not (w in all_first_names() or w in surnames() or name_probability(m.group("name")) >= 0.5):
            continue
        out.append(m.group("name"))
    return out


_MODAL_SUBJECT = re.compile(
    r"(?<!\bthe )(?<!\bThe )(?<!\ba )(?<!\ban )(?<!\bour )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bmy )"
    rf"(?<=[a-z,][ ])(?P<name>{NAME_WORD})[ ]+(?:will|would|can|could|should|must|might|shall|won't|can't)[ ]+[a-z]"
)


_FACILITY_WORD = re.compile(
    r"[ ](?:Ward|Wards|Unit|Wing|Suite|Lodge|Centre|Center|Clinic|Hospital|Hospice|Surgery|Practice|Team|Service"
    r"|Services|Trust|Hub|Pathway|Programme|Network|Board|Panel|Forum|Line|Desk)$"
)
_STREET_COMMA_BEFORE = re.compile(rf"\b{STREET_SUFFIX}\.?,[ ]*$")
_ORG_BEFORE = re.compile(r"[A-Z][a-z]+[ ]+(?:of|for)[ ]+(?:the[ ]+)?$")
_PASSIVE_AFTER = re.compile(r"[ ]+(?:[a-z]+ed|brought|taken|seen|given|written|done|made|sent|told|led)[ ]+by[ ]")


_INITIALS_SURNAME = re.compile(
    rf"(?<![{_UP}{_LO}0-9.\-])(?P<initials>[{_UP}]{{2,3}})[ ]+"
    rf"(?P<surname>[{_UP}][{_LO}'\u2019\-]{{2,20}})(?![{_UP}{_LO}\-])"
)
# A Gaelic or Irish vocative: "a" before a lenited name (an "h" after its first letter) closing the clause.
_GAELIC_VOCATIVE = re.compile(
    r"(?:^|(?<=[,;:] )|(?<=[,;:]))[ ]?a[ ]+(?P<name>[BCDFGMPST]h[a-z\u00e0-\u00ff]{2,20})(?=[ ]*[.,!?;:]|[ ]*$)",
    re.MULTILINE,
)


_GREETING = re.compile(
    r"\b(?=[TtCcHh])(?:[Tt]hanks|[Tt]hank[ ]you|[Cc]heers|[Hh]i|[Hh]ello|[Hh]ey)[ ,]+"
    rf"(?P<name>{NAME_WORD})(?=[ ]*[.,!?;:]|[ ]*$|[ ]+(?:for|and|so)\b)",
    re.MULTILINE,
)
_GREETING_NOT_NAMES = frozenset({"all", "everyone", "everybody", "team", "guys", "folks", "again", "both", "chair"})


def has_name_candidate(text: str) -> bool:
    """True if ``text`` holds a capitalised word that could be a name (worth running NER on)."""
    return any(_is_nameish(m.group(0)) for m in _CANDIDATE.finditer(text))


_CANDIDATE = re.compile(rf"(?<![^\W\d_])[{_UP}][{_LO}'\u2019\-]+")


@dataclass
class _Entry:
    cluster: str
    capitalised_only: bool


# What stands before a surname in the plural when it names a family or namesakes: "the Patels", "two Mr Khans".
_FAMILY_BEFORE = re.compile(r"(?i)(?:\bthe|\b(?:mr|mrs|ms|miss|dr)\.?|\b(?:two|three|four|five|several|both))[ ]+$")
_PRONOUN_AFTER = re.compile(r"[ ]+(?:we|you|they|he|she|it|i|I|there|this|that|these|those|anyone|someone|everyone)\b")


_AUXILIARIES = frozenset({"will", "may", "can", "might", "must", "shall", "should", "would", "could", "did", "does"})


_CALENDAR_BEFORE = re.compile(
    r"(?i)\b(?:on|in|of|since|until|till|by|last|next|this|every|from|to|before|after|early|late|mid|each|through)"
    r"[ \-]+$|\b\d{1,2}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?$"
)
_CALENDAR_AFTER = re.compile(r"[ ,]*(?:[0-9]|the[ ]+[0-9]|(?i:morning|afternoon|evening|night|shift|clinic)\b)")


# A lower-case word as the subject of what a person does: "and jack just put his hand on my shoulder",
# "instead jim went off with …" (speech recognition writes names in lower case). Used only for words that
# this document already shows to be a person's name ("Jack Brennan"), see NameIndex.find.
_LOWER_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?;:][\"'\u201d\u2019)]?[ \t]+|\n[ \t]*|,[ ]|\b(?i:and|but|then|so|instead|because|cos|when|while|until"
    r"|till|as|that|if|before|after|once|where|whereas|though|although)[ ]+)$"
)
_LOWER_SUBJECT_AFTER = re.compile(
    r"[ ]+(?:(?:just|then|also|never|always|already|actually|really|still|even|only|immediately|quickly|suddenly"
    r"|finally|eventually|literally|basically|obviously|probably|definitely)[ ]+)?"
    r"(?:said|says|told|tells|asked|asks|put|puts|went|goes|got|took|takes|gave|gives|made|saw|sees|knew|knows"
    r"|thought|thinks|felt|kept|ran|sat|stood|looked|grabbed|pulled|pushed|rang|rings|phoned|texted|messaged"
    r"|emailed|shouted|noticed|spotted|realised|realized|helped|stayed|walked|stepped|laughed|smiled|cried"
    r"|nodded|stopped|started|tried|wanted|needed|wants|needs|reckons|reckoned|agreed|explained|replied"
    r"|answered|mentioned|suggested|arrived|found|brought|handed|checked|wrote|did|does|didn['\u2019]t"
    r"|doesn['\u2019]t|won['\u2019]t|wouldn['\u2019]t|couldn['\u2019]t|hasn['\u2019]t|hadn['\u2019]t"
    r"|wasn['\u2019]t|isn['\u2019]t)\b"
)


def _lower_subject_here(text: str, start: int, end: int) -> bool:
    """A lower-case word standing where a person acts.

    After a sentence start or a conjunction, before a verb of doing or saying ("and jack just put", "instead
    jim went", "summer did").
    """
    return bool(_LOWER_SUBJECT_BEFORE.search(text, max(0, start - 12), start)) and bool(
        _LOWER_SUBJECT_AFTER.match(text, end)
    )


def _calendar_here(text: str, start: int, end: int) -> bool:
    """A day or month used as a date ("on Thu 12th", "in May", "May 2024"), not as a name."""
    return bool(_CALENDAR_BEFORE.search(text, max(0, start - 10), start)) or bool(_CALENDAR_AFTER.match(text, end))


def _auxiliary_here(text: str, start: int, end: int) -> bool:
    """A name that is also an auxiliary, opening a question before a pronoun, is the word: "Will we ever…".

    "May I…" too. Other verbs are not ("Hope you're taking some leave" where Hope is a person of the
    document: the name is redacted, a readable loss the safe way round).
    """
    return (
        fold_word(text[start:end]) in _AUXILIARIES
        and bool(_SENTENCE_START.search(text, max(0, start - 4), start))
        and bool(_PRONOUN_AFTER.match(text, end))
    )


@dataclass
class NameIndex:
    """All person names of one document, for finding every occurrence of them.

    ``add`` registers a name; ``find`` returns PERSON findings whose ``key`` is the cluster of
    the name (a full name, so that "Doreen", "Mrs Hartley" and "Doreen Hartley" share one
    placeholder).
    """

    allow: frozenset[str] = frozenset()
    _full: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)
    _parts: dict[str, _Entry] = field(default_factory=dict)
    _plurals: set[str] = field(default_factory=set)
    _any_case: set[str] = field(default_factory=set)
    _calendar: set[str] = field(default_factory=set)
    _initials: set[str] = field(default_factory=set)
    _title_bound: set[str] = field(default_factory=set)
    _names: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    _seen: set[tuple[tuple[str, ...], int]] = field(default_factory=set)
    _built: bool = False

    def add(self, name: str, known: bool = False, weak: bool = False, any_case: bool = False) -> None:
        """Register ``name``.

        ``known`` names (metadata, staff lists) redact stricter: their parts are matched even
        when they are clinical words. ``weak`` names (a single word that only the tagger
        proposed) are matched only where capitalised, so that a tagging error such as
        "Pyjamas" at the start of a sentence does not spread to every "pyjamas". ``any_case`` names were
        found written in lower case ("mike, the son-in-law"): matched in any case, common words too.
        """
        parts = tuple(p for p in name_parts(name) if p not in TITLES)
        if not parts or all(p in self.allow for p in parts):
            return
        if any_case:
            self._any_case.update(p for p in parts if p not in self.allow)
            self._built = False
        if name.strip().isupper() and len(name.strip()) <= 3 and len(parts) == 1:
            self._initials.add(parts[0])  # "KA", "JJ": a person called by initials, matched in capitals
        first = _CAPITAL_INITIALS.match(name.strip())
        # "PJ Macaraeg" (a table's "Who" column) … "I asked PJ to send a photo": the initials a person goes by,
        # matched alone only in capitals and only when they are no acronym of the vocabulary
        if (
            first
            and len(parts) > 1
            and parts[0] == first.group(1).casefold()
            and parts[0] not in _TWO_LETTER_NOT
            and parts[0] not in NAME_STOP
            and parts[0] not in self.allow
        ):
            self._initials.add(parts[0])
        if weak and len(parts) == 1 and is_place(parts[0]):  # "from Skipton": a listed place, not a name
            return
        level = 2 if known else 0 if weak and len(parts) == 1 else 1
        if (parts, level) in self._seen:
            return
        self._seen.add((parts, level))
        self._names.append((parts, level))
        self._built = False

    def __len__(self) -> int:
        return len(self._names)

    def _build(self) -> None:
        self._full.clear()
        self._parts.clear()
        self._plurals.clear()
        self._calendar.clear()
        self._title_bound.clear()
        multi = [(p, k) for p, k in self._names if len(p) > 1]
        single = [(p, k) for p, k in self._names if len(p) == 1]
        for parts, _level in multi:
            cluster = " ".join(parts)
            entries = self._full.setdefault(parts[0], [])
            if all(e[0] != parts for e in entries):
                all_common = all(_is_common(p) for p in parts)
                entries.append((parts, cluster, all_common))
        for entries in self._full.values():
            entries.sort(key=lambda e: -len(e[0]))
        for parts, level in multi + single:
            known = level == 2
            cluster = " ".join(parts)
            for p in parts:
                # a two-letter name alone ("Mo and I") is kept, where capitalised; the first word of a full name
                # too, where it is a short first name ("Big Al" … "Al!! Address!!", "Jo Bloggs" … "Jo, where")
                short_first = len(p) == 2 and p == parts[0 if parts[0] not in _NICK_ADJECTIVES else -1]
                short_first = short_first and p in SHORT_NAMES and p not in _TWO_LETTER_NOT
                # a particle alone is a name only where it is known alone ("Dr Mac": "Dr Mac" ... "Mac said")
                # or first of a known name where it is a first name too ("Mac Jubb" as an author: "you, Mac.")
                lone = known and len(p) >= 3 and (len(parts) == 1 or (p == parts[0] and p in all_first_names()))
                if len(p) < 2 or p in self.allow or (p in _PARTICLES and not short_first and not lone):
                    continue
                # "Big Al", "Wee Jimmy": the adjective of a nickname is not a name; alone after a title it is a
                # surname ("for Mrs Little's gums", "Mr Young"), matched only after a title ("Little by little",
                # "Young people" stay)
                if p in _NICK_ADJECTIVES:
                    if known and len(parts) == 1:
                        self._title_bound.add(p)
                        self._parts.setdefault(p, _Entry(cluster, True))
                    continue
                if p in MONTHS or p in DAYS:  # "May Summers": "May" alone stays the month
                    if not known or len(p) < 3:
                        continue
                    # a known person's name ("Thu Đặng" as a speaker): "Who found it, Thu?" goes, capitalised
                    # and not as a date ("on Thu 12th", "in May")
                    self._calendar.add(p)
                    if p not in self._parts:
                        self._parts[p] = _Entry(cluster, True)
                    continue
                if (
                    len(p) < 3
                    and not known
                    and not (len(parts) == 1 and len(p) == 2 and p not in _TWO_LETTER_NOT)
                    and not short_first
                    and p not in self._initials
                ):
                    continue
                clinical = p in NAME_STOP
                if clinical and not known:
                    continue
                # a weak one-word name is matched only where capitalised, unless it is a rare listed first name
                # ("thanks priya" after a "Priya:" label)
                rare_first = p in first_names() and _zipf(p) < 3.0
                capitalised_only = (
                    clinical or _is_common(p) or (level == 0 and not rare_first)
                ) and p not in self._any_case
                self._plurals.discard(p)  # a name in its own right ("Mr Warsames"), not only a family's plural
                prev = self._parts.get(p)
                if prev is None:
                    self._parts[p] = _Entry(cluster, capitalised_only)
                elif prev.capitalised_only and not capitalised_only:
                    self._parts[p] = _Entry(prev.cluster, False)
                # a family or namesakes in the plural, capitalised, after "the", a title or a number: "the Patels",
                # "two Mr Khans" (see _FAMILY_BEFORE; not "Quigleys Bakery")
                plural = p + "s"
                if len(p) >= 4 and not p.endswith("s") and plural not in self._parts and not _is_common(plural):
                    self._parts[plural] = _Entry(cluster, True)
                    self._plurals.add(plural)

    def find(self, text: str) -> list[Finding]:
        """Every occurrence in ``text`` of a registered name or name part, as PERSON findings."""
        if not self._names:
            return []
        if not self._built:
            self._build()
            self._built = True
        tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
        out: list[Finding] = []
        i = 0
        n = len(tokens)
        while i < n:
            start, end, word = tokens[i]
            low = fold_word(word)
            if start > 0 and text[start - 1].isdigit():
                i += 1
                continue
            matched = False
            for parts, cluster, all_common in self._full.get(low, ()):
                k = len(parts)
                if i + k > n:
                    continue
                ok = not all_common or all(tokens[i + j][2][0].isupper() for j in range(k))
                for j in range(1, k if ok else 0):
                    a_end = tokens[i + j - 1][1]
                    b_start, _, b_word = tokens[i + j]
                    gap = text[a_end:b_start]
                    if fold_word(b_word) != parts[j] or len(gap) > 3 or not _GAP.fullmatch(gap):
                        ok = False
                        break
                if ok:
                    out.append(Finding(start, tokens[i + k - 1][1], "PERSON", cluster))
                    i += k
                    matched = True
                    break
            if matched:
                continue
            entry = self._parts.get(low)
            if entry is not None and entry.capitalised_only and not _capitalised(word) and i + 1 < n:
                # two of the document's name words together in lower case ("lily bell" after "Lily" and
                # "Mrs Bell"): the person, although each alone could be a common word
                n_start, n_end, n_word = tokens[i + 1]
                nxt = fold_word(n_word)
                # one of the two is not an everyday word ("lily bell", not "will rose")
                pair_ok = nxt in self._parts and nxt != low and min(_zipf(low), _zipf(nxt)) < 4.2
                if text[end:n_start] == " " and pair_ok:
                    out.append(Finding(start, n_end, "PERSON", entry.cluster))
                    i += 2
                    continue
            # a lower-case word that this document shows to be a person's name, acting as the subject of a
            # verb ("Jack Brennan" … "and jack just put his hand on my shoulder"); a listed first name only,
            # never a stop word or clinical term ("and will said" stays: "will" is a stop word)
            lower_subject = (
                entry is not None
                and entry.capitalised_only
                and word.islower()
                and low in all_first_names()
                and low not in STOP_WORDS
                and low not in NAME_STOP
                and _lower_subject_here(text, start, end)
            )
            if (
                entry is not None
                and _word_boundary_ok(text, end)
                and (
                    not entry.capitalised_only
                    or _capitalised(word)
                    or (low in self._initials and word.isupper())
                    or lower_subject
                )
                and not (_is_common(low) and _auxiliary_here(text, start, end))
                and not (low in self._plurals and not _FAMILY_BEFORE.search(text, max(0, start - 12), start))
                and not (low in self._calendar and _calendar_here(text, start, end))
                and not (low in self._title_bound and not _TITLE_BEFORE.search(text, max(0, start - 14), start))
                and not (low in COMMUNITY_WORDS and _GROUP_NOUN_AFTER.match(text, end))
            ):
                out.append(Finding(start, end, "PERSON", entry.cluster))
            i += 1
        return _merge_adjacent(text, _extend_to_neighbours(text, tokens, out))


# "the Roma family", "a Gypsy site", "Traveller liaison": a people before what they share, not a person
_GROUP_NOUN_AFTER = re.compile(
    r"[ ]+(?i:family|families|household|kids|children|child|lads?|girls?|boys?|women|woman|men|man|people|"
    r"community|communities|site|sites|camp|culture|heritage|liaison|team|background|health|education|"
    r"and[ ]+(?:traveller|gypsy|roma)|mum|dad|mother|father|parents|grandparents|elders?)\b"
)
_TITLE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_TITLE_ALT})\.?[ ]+$")
# capital initials first in a name ("PJ Macaraeg", "DJ O'Neill"), not a title or an acronym and a name ("ED Jones")
_CAPITAL_INITIALS = re.compile(r"([A-Z]{2})[ ]+[A-Z][a-z]")
_TWO_LETTER_NOT = frozenset(
    {"st", "dr", "mr", "ms", "rd", "av", "no", "co", "ok", "oh", "ah", "um", "er", "eh", "uh", "hm", "ha", "ho", "yo"}
)
_GAP = re.compile(r"[ \t._\-'\u2019]{1,3}")
_MERGE_GAP = re.compile(r"[ \t\-]{1,2}")


def is_common_name_word(part: str) -> bool:
    """``part`` (folded) is a name word that is also a common, stop, clinical or label word ("will", "ward")."""
    return _is_common(part) or part in RELATION_NOUNS


def _is_common(part: str) -> bool:
    return part in NAME_STOP or part in STOP_WORDS or part in COMMON_WORD_NAMES or len(part) < 3


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) > 2 or word[1:].islower())


def _word_boundary_ok(text: str, end: int) -> bool:
    after = text[end : end + 1]
    return not after.isdigit()


def _extend_to_neighbours(text: str, tokens: list[tuple[int, int, str]], found: list[Finding]) -> list[Finding]:
    """A capitalised word right next to a found name is part of it ("Florence" in "Florence Haddad").

    At most two words each side, each separated by one space or hyphen, and only when it is not a stop word,
    a title, a role word or a very common English word.
    """
    if not found:
        return found
    starts = {s: k for k, (s, _, _) in enumerate(tokens)}
    ends = {e: k for k, (_, e, _) in enumerate(tokens)}
    out: list[Finding] = []
    for f in found:
        start, end = f.start, f.end
        for _ in range(2):
            k = ends.get(start - 1)
            if k is not None and text[start - 1] in " -" and not after_named_day(text, tokens[k][0]):
                # inside a sentence a capitalised word before a name is part of it even when it is a common
                # word ("you know Memory [Chikwanha]"); at a sentence start only an uncommon one
                inside = re.search(r"[a-z,&] $", text[max(0, tokens[k][0] - 2) : tokens[k][0]]) is not None
                if _neighbour_ok(tokens[k][2], 5.6 if inside else 4.3) or _month_first_name(text, tokens[k]):
                    start = tokens[k][0]
            k = starts.get(end + 1)
            if k is not None and text[end] in " -" and _neighbour_ok(tokens[k][2]):
                end = tokens[k][1]
        # a listed surname in lower case after a found first name (chat): "Conor kelly has it on tiktok"
        # and after one found in lower case, a surname that is rarer still: "boy, mason, mason cleaver,"
        lower = _LOWER_REST.match(text, end) if " " not in text[start:end] else None
        if (
            lower is not None
            and _lower_surname_ok(lower.group("w"))
            and (text[start : start + 1].isupper() or _zipf(fold_word(lower.group("w"))) < 3.5)
        ):
            end = lower.end()
        # a surname broken across a hard-wrapped line: "Contact Ray Thistle-\nthwaite on …"
        wrapped = _WRAPPED_REST.match(text, end)
        if wrapped:
            end = wrapped.end()
        # an Irish or Scottish Gaelic surname after a found first name: "Cormac Ó hAgáin", "Áine Ní Bhriain"
        gaelic = _GAELIC_REST.match(text, end)
        if gaelic:
            end = gaelic.end()
        # speech-to-text writes "Ó Dochartaigh" as "oh doherty", "o doherty": after a found first name
        said = _SAID_O_SURNAME.match(text, end)
        if said and fold_word(said.group("w")) in surnames() and not _is_common(fold_word(said.group("w"))):
            end = said.end()
        out.append(Finding(start, end, f.kind, f.key))
    return out


# what a month is written after when it is a date ("in May", "on 3 Jun", "since April", "mid-June")
_MONTH_DATE_BEFORE = re.compile(
    r"(?i:\b(?:in|on|of|since|until|till|til|by|from|during|last|next|early|late|mid|before|after|end|this|every|"
    r"each|through|to|and|or|between)|[0-9])[ \-]*$"
)


def _month_first_name(text: str, token: tuple[int, int, str]) -> bool:
    """A month written before a found surname as a first name ("10:30 | Jun Santos-Reyes", "April Whitfield").

    Capitalised, not after a day number or a word that makes it a date ("in May", "3 Jun", "since April").
    """
    start, _end, word = token
    if fold_word(word) not in MONTHS or not word[:1].isupper() or word.isupper():
        return False
    return _MONTH_DATE_BEFORE.search(text, max(0, start - 12), start) is None


_LOWER_REST = re.compile(r"[ ](?P<w>[a-z][a-z'\u2019\-]{2,20})(?![\w\-])")


def _lower_surname_ok(word: str) -> bool:
    """``word`` (lower case) reads as a surname after a first name: listed, no common or inflected word."""
    w = fold_word(word)
    if w not in surnames() or _is_common(w) or w in RELATION_NOUNS or w in _ENDEARMENTS or is_place(w):
        return False
    # "Sam hopes so", "Ann goes": a verb's -s form is no surname
    verb_s = w.endswith("s") and (_zipf(w[:-1]) >= 4.0 or (w.endswith("es") and _zipf(w[:-2]) >= 4.0))
    return _zipf(w) < 4.5 and not verb_s and not _inflected(w) and not _never_a_name(w)


_WRAPPED_REST = re.compile(r"-\r?\n[ \t]*[a-z\u00df-\u00ff]{2,20}(?![\w\-])")
_SAID_O_SURNAME = re.compile(r"[ ](?:oh|o|O|Oh)[ ](?P<w>[A-Za-z][a-z]{2,20})(?![A-Za-z'\u2019\-])")
_GAELIC_REST = re.compile(
    r"[ ](?:\u00d3|O|N\u00ed|Ni|Nic|Mac|Mhic|U\u00ed|Ua|Mc)[ ](?:h|n|t|bh|mb|gc|nd|ng|d')?"
    rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?(?![{_UP}{_LO}'\u2019])"
)


def _neighbour_ok(word: str, limit: float = 4.3) -> bool:
    w = word.casefold()
    if not _capitalised(word) or w in STOP_WORDS or w in TITLES or w in LABEL_WORDS or w in MONTHS or w in DAYS:
        return False
    if w in _ROLE_WORDS or re.fullmatch(_APPOSITIVE_ROLES, w):
        return False  # "Our HCA Precious": the role stays
    if word.isupper() and len(word) <= 4 and w not in all_first_names() and w not in surnames():
        return False  # an acronym ("the ED Precious"), not a name
    if limit > 4.3 and w in NAME_STOP:
        return False  # "the Dementia [Smith]": a clinical word stays
    return _zipf(w) < limit


_ROLE_WORDS = frozenset(w.replace("_", " ").casefold() for w in RELATION_NOUNS)


def _merge_adjacent(text: str, found: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    for f in found:
        if out and out[-1].kind == "PERSON":
            gap = text[out[-1].end : f.start]
            if 0 < len(gap) <= 2 and _MERGE_GAP.fullmatch(gap):
                out[-1] = Finding(out[-1].start, f.end, "PERSON", out[-1].key)
                continue
        out.append(f)
    return out


def iter_names(names: Iterable[str]) -> Iterator[str]:
    """Yield non-empty, stripped names."""
    for n in names:
        n = n.strip()
        if n:
            yield n


# A whole white-space-delimited token written in lower case, with any quotes, brackets and punctuation
# around it: "pyjamas", "(pyjamas)," — not "priya.raman@…", "@dafydd_j" or "x.org/rhian".
_LOWER_PROSE = re.compile(rf"(?<!\S)[\"'“”‘’(\[{{*]*([{_LO}][{_LO}'\u2019\-]*)[\"'“”‘’)\]}},.;:!?…*]*(?!\S)")


def lowercase_words(texts: Iterable[str]) -> frozenset[str]:
    """Folded words written all in lower case in the prose of ``texts`` ("pyjamas" in "in pyjamas in bed").

    Only whole tokens count: a word inside an e-mail address, handle, URL or file name
    ("priya.raman@…", "@dafydd_j") is not prose and says nothing about whether the word is a name.
    """
    tokens = {token for text in texts for token in _LOWER_PROSE.findall(text)}
    return frozenset(fold_word(w) for token in tokens for w in _WORD.findall(token))


def common_noun_here(name: str, lowercase: frozenset[str]) -> bool:
    """True when a weak name (proposed by the tagger or a context rule only) is a common noun here (#15).

    The small model tags a capitalised word with no context as a person: a story titled "Pyjamas off"
    became "[PERSON_1] off". When a word of the proposal is written in lower case in the document's
    prose ("in pyjamas in bed") and its other words are common too, it is not a name, unless one of
    its words is a known first name or surname ("Rose", "Baker" stay names).
    """
    parts = name_parts(name)
    if not parts or any(p in all_first_names() or p in surnames() for p in parts):
        return False
    return any(p in lowercase for p in parts) and all(p in lowercase or _is_common(p) for p in parts)
