"""Which signal sentences become knowledge items, in which section, and in what order.

A signal says a cue word is present ("thanks", "I think", "went well"); it does not say the sentence is
worth a facilitator's time. This module judges the sentence itself, with rules a reader can check:

- **ritual and chat** (:func:`is_chat`): thanks, greetings, housekeeping, back-channel ("Sounds good.",
  "That's a really good recovery.") and sentences with too few content words to carry a point;
- **facilitator prompts** (:func:`is_prompt`): questions and invitations addressed to the group ("Just
  think about the last time…", "Who'd like to start us off?") — never knowledge, whether or not the
  session says who facilitated;
- **hedges** (:func:`is_doubt`): an open question must be an uncertainty or a question about practice
  ("I wasn't sure whether to escalate", "who reads whose notes?"), not a softener ("I think that's fine.");
- **specificity** (:func:`specificity`): a sentence that names an action, a patient situation or a
  practice beats one that does not;
- **fit** (:func:`kind_fit`): how well a sentence fits each section; a sentence with signals of several
  kinds lives only in the section it fits best (one home per sentence: a section whose own marker the
  sentence carries first, then the best fit);
- **evidence** (:func:`item_score`): fit × specificity × support (mentions, contributors, communities).

Everything here is deterministic and lexical: no model, no tuning on any corpus.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from storymine.knowledge.cache import ItemsCache
    from storymine.knowledge.dedupe import SentenceSpace
    from storymine.knowledge.summarise import KnowledgeConfig

KIND_ORDER = ("lesson", "experiment", "error", "uncertainty", "positive")
"""Preference among equally fitting sections (a lesson says more than a positive)."""


def _words(text: str) -> list[str]:
    return text.split()


_TOKEN = re.compile(r"\[[A-Z][A-Z0-9_]*\]|\d+(?:[.,]\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)*")

# Function words and talk fillers: not evidence of content.
_STOP = frozenset(
    _words(
        """
        that's there's here's what's who's where's how's let's isn't aren't wasn't weren't don't doesn't didn't
        can't couldn't won't wouldn't shouldn't hasn't haven't hadn't he'll she'll they'll you'd've
        a an the and or but so if then than that this these those there here it its it's i i'm i'd i've i'll me
        my mine we we're we'd we've we'll us our you you're you'd you've you'll your he he's he'd him his she
        she's she'd her hers they they're they'd they've them their is am are was were be been being do does did
        done doing have has had having will would shall should can could may might must to of in on at by for
        with from into onto about as up down out off over under again just only also too very really quite bit
        lot not no yes yeah yep ok okay oh ah um uh er erm mm mhm hmm right well like actually basically
        literally honestly anyway kind sort thing things stuff way think thought guess mean know knew feel felt
        say said says get got go going went come came all any some every each more most much many one ones what
        which who whom whose when where why how because while though although just still even ever never always
        something anything everything nothing someone anyone everyone nobody somebody anybody everybody people
        person thanks thank cheers please sorry good great brilliant lovely nice fine sure yes absolutely
        definitely exactly totally agree agreed true fair point lol wow gosh god
        """
    )
)

# Words naming a patient situation, a clinical or care object, or a practice (health and social care).
_DOMAIN = frozenset(
    _words(
        """
        patient patients resident residents client clients user users relative relatives family families carer
        carers daughter son wife husband partner mum dad mother father child children baby gentleman lady man
        woman neighbour tenant caseload dose doses dosing medication medications medicine medicines drug drugs
        tablet tablets patch patches inhaler inhalers injection injections insulin pen pens prescription
        prescriptions prescribing prescribed script scripts chart charts obs observations score scores news2 bp
        pulse temperature oxygen sats blood sugar glucose pressure pain wound wounds ulcer ulcers dressing
        catheter falls fall fell bleeding bleed infection sepsis septic overdose allergy allergies capacity
        consent safeguarding risk risks deterioration deteriorating confusion confused delirium dementia frailty
        frail weight hypo hypoglycaemia ward wards bay bed beds home homes house flat visit visits visiting
        clinic surgery pharmacy pharmacist pharmacists hospital ed a&e ambulance gp gps doctor doctors nurse
        nurses registrar consultant team teams colleague colleagues manager police paramedic handover handovers
        huddle huddles plan plans checklist checklists form forms notes note record records documentation system
        systems alert alerts flag flags protocol protocols policy policies procedure procedures guideline
        guidelines rota shift shifts referral referrals assessment assessments review reviews meeting meetings
        supervision audit audits training process processes template templates whiteboard board sheet sheets
        folder folders phone number appointment appointments discharge discharges admission admissions
        escalation sbar mdt out-of-hours agency agencies service services crisis safety plan diagnosis symptoms
        bladder lactate monitoring rounds round bleep pager
        """
    )
)

# Verbs of doing something in practice (past and present forms).
_ACTION = frozenset(
    _words(
        """
        rang ring ringing phoned phone called call calling bleeped bleep escalated escalate escalating checked
        check checking asked ask asking told tell referred refer reviewed review gave give given giving stopped
        stop started start changed change wrote write written documented document recorded record handed hand
        visited visit assessed assess examined examine prescribed prescribe administered administer dispensed
        signed sign flagged flag reported report arranged arrange booked book discharged discharge admitted
        admit transferred transfer monitored monitor measured measure weighed weigh tested test tried try
        piloted pilot audited audit agreed agree planned plan explained explain listened listen waited wait
        followed follow chased chase sent send emailed email texted text logged log caught catch spotted spot
        noticed notice picked queried query corrected correct fixed fix introduced introduce set put moved move
        held hold withheld omitted omit missed miss forgot forget delayed delay used use worked work trained
        train
        """
    )
)

_THANKS = re.compile(r"\b(thanks|thank\s+you|thank\s+u|cheers|ta)\b(?!\s+to\b)", re.I)
_RITUAL = re.compile(
    r"""^\W*(?:
        (?:hi|hello|hey|morning|afternoon|evening)\b
      | good\s+(?:morning|afternoon|evening)\b
      | welcome\b
      | (?:bye|goodbye|see\s+you|take\s+care)\b
      | (?:let's|let\s+us|shall\s+we|can\s+we|we'll|we\s+will|we\s+can)\s+(?:start|begin|make\s+a\s+start|get\s+started|
           kick\s+off|wrap\s+up|finish|stop\s+there|leave\s+it\s+there|move\s+on|take\s+a\s+(?:quick\s+)?break|close|end|
           hear|go\s+round|come\s+back)\b
      | (?:right|ok|okay|so)[,\s]+(?:i\s+think\s+)?(?:that's|that\s+is)\s+(?:everyone|everybody|all|it|time)\b
      | (?:is\s+)?(?:everyone|everybody)\s+(?:here|ok|okay|ready|happy)\b
      | can\s+(?:everyone|everybody|you\s+all)\s+(?:hear|see)\b
      | you're\s+on\s+mute\b
    )""",
    re.I | re.X,
)
_HOUSEKEEPING = re.compile(
    r"\b(safe\s+space|ground\s+rules|stays?\s+(?:in\s+)?(?:here|in\s+the\s+room)|before\s+we\s+(?:start|begin)|"
    r"out\s+of\s+time|running\s+over|last\s+few\s+minutes|(?:same|this)\s+time\s+next|next\s+session|"
    r"the\s+usual\s+reminder|making\s+the\s+time|for\s+coming|for\s+joining|for\s+sharing)\b",
    re.I,
)
_REACTION = re.compile(
    r"^\W*(?:oh[,\s]+|wow[,\s]+|yeah[,\s]+|yes[,\s]+|well[,\s]+|so[,\s]+|and[,\s]+)*(?:that's|that\s+is|that\s+was|"
    r"that\s+sounds|sounds|what\s+a|how|i'd\s+find\s+that|i\s+find\s+that|"
    r"i\s+love\s+that|i\s+like\s+that|love\s+that|good|great|brilliant)\b",
    re.I,
)
_COMMENT = re.compile(r"^\W*(?:(?:and|but|so|yeah|yes|oh)[,\s]+)*(?:that's|that\s+is|that\s+was|which\s+is)\b", re.I)
_EVALUATIVE = frozenset(
    _words(
        """
        good great brilliant helpful useful interesting lovely fantastic amazing important powerful hard tough
        awful scary horrible terrible worst best nice excellent fab perfect wonderful reassuring difficult sad
        shame true fair right
        """
    )
)
_PROMPT = re.compile(
    r"""^\W*(?:(?:so|ok|okay|right|and|now|well)[,\s]+)*(?:
        (?:just\s+)?(?:think\s+(?:about|back)|tell\s+(?:us|me|the\s+group)|talk\s+(?:us|me)|share|imagine|describe|
           picture|reflect|jot|write\s+down)\b
      | who(?:'d|\s+would|\s+else|\s+wants|\s+fancies|\s+can|\s+has\s+(?:had|got|something))\b
      | (?:would\s+anyone|would\s+anybody|does\s+anyone|does\s+anybody|did\s+anyone|has\s+anyone|
           can\s+anyone|could\s+anyone|anyone|anybody|any\s+(?:thoughts|questions|other|more|comments|reflections))\b
      | (?:what|how)\s+(?:do|did|does|would|was|were|is|made)\s+(?:you|that|it|people|everyone|the\s+rest)\b
      | (?:what|how)\s+about\s+(?:you|others|everyone)\b
      | (?:can|could|would|will|do|did|were|are|have)\s+you\b
      | (?:let's|let\s+us|shall\s+we)\b
      | (?:i'd|i\s+would|i\s+want\s+to|i'd\s+like\s+to)\s+(?:like\s+to\s+)?(?:ask|hear|invite|come\s+back\s+to|
           pick\s+up\s+on|open\s+(?:it|this)\s+up)\b
      | go\s+(?:for\s+it|ahead|on)\b
      | over\s+to\b
    )""",
    re.I | re.X,
)
_DOUBT = re.compile(
    r"""(?:
        \?\W*$
      | \b(?:not|wasn't|weren't|isn't|aren't|never|n't)\s+(?:\w+\s+)?(?:sure|certain|clear|convinced)\b
      | \bunsure\b | \buncertain\b | \bunclear\b | \bno\s+idea\b | \bdilemma\b | \btorn\b
      | \b(?:don't|didn't|do\s+not|did\s+not|doesn't|does\s+not|still\s+don't)\s+know\b
      | \bwonder(?:ed|ing)?\b | \bwhether\b | \bdoubt(?:s|ed|ful)?\b | \bsecond[-\s]guess
      | \b(?:hard|difficult|impossible)\s+to\s+(?:know|tell|say|judge)\b | \b(?:can't|couldn't|cannot)\s+tell\b
      | \b(?:didn't|doesn't|did\s+not|does\s+not)\s+add\s+up\b | \boverreact
      | \b(?:worried|worry|concerned|anxious)\s+(?:that|about|whether|if|she|he|they|it)\b
      | \b(?:open|big|real|honest)\s+question\b | \bquestion\s+(?:is|was|of|for|about)\b
      | \bto\s+find\s+out\b | \bnot\s+(?:yet\s+)?known\b | \bwho\s+(?:should|is\s+responsible|owns)\b
      | \b(?:should|do|would|could|can)\s+we\b
    )""",
    re.I | re.X,
)
_MARKERS: dict[str, re.Pattern[str]] = {
    "lesson": re.compile(
        r"\b(?:learn(?:ed|t|ing)?|lessons?|take[-\s]?away|next\s+time|from\s+now\s+on|in\s+future|"
        r"my\s+advice|advice\s+(?:for|to|would)|realis(?:e|ed|ing)|realiz(?:e|ed|ing)|should\s+have\s+(?:asked|"
        r"rung|called|checked|waited|escalated|said|told|looked)|what\s+i\s+should\s+have\s+done|"
        r"the\s+(?:key|trick|point|answer)\s+is|(?:always|never)\s+(?:check|ask|assume|trust|rely|leave|forget)|"
        r"now\s+i\s+(?:always|check|ask|say|make|write|ring|call|read)|i(?:'ve|\s+have)\s+since|rule\s+of\s+thumb)\b",
        re.I,
    ),
    "experiment": re.compile(
        r"\b(?:tri(?:ed|al(?:led|ling)?)|try(?:ing)?\s+(?:a|an|out|it)|pilot(?:ed|ing)?|test(?:ed|ing)?|pdsa|"
        r"audit(?:ed)?|introduc(?:ed|ing)|set\s+up|we(?:'ve|\s+have)\s+(?:changed|started|introduced|put)|"
        r"(?:we|the\s+team)\s+now\b|changed\s+(?:the|our|how)|new\s+(?:form|checklist|process|system|rule))\b",
        re.I,
    ),
    "error": re.compile(
        r"\b(?:mistakes?|errors?|wrong|missed|miss(?:ing)?|forg(?:ot|otten)|overlooked|omitted|nearly|almost|"
        r"near[-\s]miss|should\s+have|shouldn't\s+have|hadn't|didn't\s+(?:check|ask|look|read|notice|know|"
        r"realise|think)|delay(?:ed)?|lost|overdose|slipped|incident|harm)\b",
        re.I,
    ),
    "uncertainty": _DOUBT,
    "positive": re.compile(
        r"\b(?:went\s+(?:really\s+|very\s+)?well|worked(?:\s+well)?|helped|proud|glad|relieved|reassur\w+|"
        r"made\s+a\s+(?:real\s+|big\s+)?difference|thanks\s+to|praised?|good\s+practice)\b",
        re.I,
    ),
}


def tokens(text: str) -> list[str]:
    """Words, numbers and placeholders of ``text`` (lower case; placeholders kept as written)."""
    return [t if t.startswith("[") else t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def content_words(text: str) -> list[str]:
    """Tokens that carry content: not a function word, filler or courtesy."""
    return [t for t in tokens(text) if t.startswith("[") or t[0].isdigit() or (t not in _STOP and len(t) > 2)]


@dataclass(frozen=True)
class SentenceTraits:
    """What the rules found in one sentence."""

    n_content: int
    domain: bool
    action: bool
    concrete: bool
    """A number or a redaction placeholder: a particular dose, time, person."""
    chat: bool
    prompt: bool
    doubt: bool
    markers: frozenset[str]

    @property
    def specificity(self) -> float:
        """0–1: content words (up to 8), a patient/practice noun, an action verb, a concrete detail."""
        return round(
            0.4 * min(1.0, self.n_content / 8) + 0.3 * self.domain + 0.2 * self.action + 0.1 * self.concrete,
            4,
        )


def traits(text: str) -> SentenceTraits:
    """:class:`SentenceTraits` of one sentence.

    Cached: the same sentence is judged once per process, and once per corpus across runs when the
    knowledge stage loads a :class:`TraitsCache`.
    """
    if _RECORDING:
        key = _text_key(text)
        known = _PRELOADED.get(key)
        if known is not None:
            _SEEN[key] = known
            return known
        t = _traits(text)
        _SEEN[key] = t
        return t
    return _traits(text)


_RECORDING: list[bool] = []
"""Non-empty while a :class:`TraitsCache` is loaded: traits are looked up and recorded by sentence hash."""
_PRELOADED: dict[str, SentenceTraits] = {}
"""Traits of an earlier run's sentences, by :func:`_text_key` (see :class:`TraitsCache`)."""
_SEEN: dict[str, SentenceTraits] = {}
"""Traits asked for since the cache was loaded: what :meth:`TraitsCache.save` keeps."""
_RULES = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
"""Any change to these rules makes a saved cache stale."""
_FLAGS = ("domain", "action", "concrete", "chat", "prompt", "doubt")


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class TraitsCache:
    """The sentence traits of the last run, kept beside the knowledge cache (hashes and flags, no text).

    Judging every sentence is most of the knowledge stage's time; an incremental run's sentences are
    nearly all the last run's, so their traits are read back instead of judged again. The file is keyed by
    a hash of this module: a change to the rules starts afresh. ``path`` None: nothing is kept.
    """

    def __init__(self, path: Path | None) -> None:
        """Point at ``path`` (``cache/sentence_traits.json.gz``), not read yet."""
        self.path = path

    def load(self) -> int:
        """Read the saved traits (a missing, stale or unreadable file reads as empty); returns how many."""
        _PRELOADED.clear()
        _SEEN.clear()
        _RECORDING[:] = [True]
        data: Any = None
        if self.path is not None and self.path.exists():
            try:
                with gzip.open(self.path, "rt", encoding="utf-8") as fh:
                    data = json.load(fh)
            except (OSError, ValueError, EOFError):
                data = None
        if isinstance(data, dict) and data.get("rules") == _RULES and isinstance(data.get("traits"), dict):
            for key, (n, bits, markers) in data["traits"].items():
                flags = {f: bool(bits >> i & 1) for i, f in enumerate(_FLAGS)}
                _PRELOADED[str(key)] = SentenceTraits(n_content=int(n), markers=frozenset(markers), **flags)
        return len(_PRELOADED)

    def save(self) -> None:
        """Write the traits this run asked for, atomically; then forget them."""
        if self.path is not None and _SEEN:
            rows = {
                k: [t.n_content, sum(1 << i for i, f in enumerate(_FLAGS) if getattr(t, f)), sorted(t.markers)]
                for k, t in _SEEN.items()
            }
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            with gzip.open(tmp, "wt", encoding="utf-8") as fh:
                json.dump({"rules": _RULES, "traits": rows}, fh, separators=(",", ":"))
            tmp.replace(self.path)
        _PRELOADED.clear()
        _SEEN.clear()
        _RECORDING.clear()


@lru_cache(maxsize=65536)
def _traits(text: str) -> SentenceTraits:
    words = content_words(text)
    low = [w.lower() for w in tokens(text)]
    domain = any(w in _DOMAIN for w in low)
    action = any(w in _ACTION for w in low) or any(w.endswith("ed") and len(w) > 5 and w not in _STOP for w in low)
    concrete = any(w.startswith("[") or w[0].isdigit() for w in words)
    doubt = bool(_DOUBT.search(text))
    markers = frozenset(k for k, p in _MARKERS.items() if (doubt if p is _DOUBT else p.search(text)))
    return SentenceTraits(
        n_content=len(words),
        domain=domain,
        action=action,
        concrete=concrete,
        chat=_is_chat(text, words, domain, markers),
        prompt=bool(_PROMPT.search(text)),
        doubt=doubt,
        markers=markers,
    )


def _is_chat(text: str, words: list[str], domain: bool, markers: frozenset[str]) -> bool:
    if _RITUAL.search(text) or _HOUSEKEEPING.search(text):
        return True
    if _THANKS.search(text) and len(words) <= 6:
        return True
    said = markers & {"lesson", "error"} or _DOUBT.search(text.rstrip().rstrip("?!.\"' "))
    if len(words) <= 2 and not domain and not said:
        return True  # "Sounds good.", "Habit.", "Can I come in there?" (not "I'm not sure I can guide them.")
    if _COMMENT.search(text) and len(words) <= 3 and not domain:
        return True  # a comment on what was just said: "That's exactly where it goes wrong, isn't it."
    low = {w.lower() for w in tokens(text)}
    # a short evaluative reaction to what someone else said: "That's a brilliant handover."
    return bool(_REACTION.search(text)) and bool(low & _EVALUATIVE) and len(words) <= 4


def is_chat(text: str) -> bool:
    """A ritual thank-you, greeting, housekeeping line, back-channel or a sentence too thin to be a point."""
    return traits(text).chat


def is_prompt(text: str) -> bool:
    """A question or invitation addressed to the group, as a facilitator asks it."""
    return traits(text).prompt


def is_doubt(text: str) -> bool:
    """An uncertainty or a question about practice (not a hedge such as "I think that's fine.")."""
    return traits(text).doubt


def specificity(text: str) -> float:
    """0–1: how much of an action, a patient situation or a practice the sentence names."""
    return traits(text).specificity


def kind_fit(
    text: str, kind: str, score: float, session: bool = False, facilitator: bool = False, subtype: str = ""
) -> float:
    """How well a sentence with a ``kind`` signal of calibrated ``score`` fits that section (0 = not at all).

    ``session``: the sentence is a turn of a session transcript, where questions to the group are prompts;
    ``facilitator``: spoken by the session's facilitator (their questions and invitations are never items);
    ``subtype``: the signal's subtype (a counterfactual "I should have …" that also says what to do next
    time is a lesson before it is an error; a harm with no sign of a slip is an outcome, weighed half).
    """
    t = traits(text)
    if t.chat or t.n_content < (2 if kind in t.markers else 3):
        return 0.0  # too thin to carry a point, unless it carries the section's own marker
    if (session or facilitator) and t.prompt:
        return 0.0
    if facilitator and text.rstrip().endswith("?"):
        return 0.0
    if kind == "uncertainty" and not t.doubt:
        return 0.0  # a hedge, not an open question
    fit = float(score) * (1.5 if kind in t.markers else 1.0)
    if kind == "error" and subtype == "counterfactual" and "lesson" in t.markers:
        fit *= 0.5
    if kind == "error" and subtype == "harm" and "error" not in t.markers:
        fit *= 0.5  # an outcome ("she died in the night") is not by itself something that went wrong in practice
    if kind == "positive" and t.markers & {"error", "uncertainty"} and "positive" not in t.markers:
        fit *= 0.5  # "I was worried about …" is not something that went well
    return round(fit, 6)


def support(n_mentions: int, n_contributors: int, n_communities: int) -> float:
    """≥ 1: grows with how many people, communities and sentences stand behind an item."""
    return (
        1.0
        + 0.5 * math.log(max(1, n_contributors))
        + 0.25 * math.log(max(1, n_communities))
        + 0.25 * math.log(max(1, n_mentions))
    )


def item_score(fit: float, spec: float, n_mentions: int, n_contributors: int, n_communities: int) -> float:
    """Evidence for an item: section fit × (0.4 + 0.6 × specificity) × support."""
    return round(fit * (0.4 + 0.6 * spec) * support(n_mentions, n_contributors, n_communities), 6)


MIN_SPECIFICITY = 0.3
"""Items whose best wording names less than this (no patient, practice or action, few content words) and
carries no marker of its section are left out of the knowledge lists."""

_RANK_VERSION = "ranked.v1"


def ranked_items(
    rows: pd.DataFrame, kind: str, space: SentenceSpace, config: KnowledgeConfig, cache: ItemsCache | None = None
) -> list[dict[str, Any]]:
    """Distinct items of one kind in a group, strongest evidence first.

    ``rows``: the group's rows of that kind at the positions :func:`home_positions` kept (oldest first),
    with its ``_fit``, ``_spec``, ``_community`` and ``_recovery`` columns; ``rows["_row"]`` is each row's
    position in ``space``. Near-duplicates are merged as before (TF-IDF cosine ≥ ``merge_similarity``);
    an item's text is its most specific quotable mention; ``detail`` (errors) is the recovery a learning
    chain paired with one of its mentions, always another sentence. Items below
    :data:`MIN_SPECIFICITY` are dropped.
    """
    from storymine.knowledge.cache import items_key

    if rows.empty:
        return []
    rows = rows.reset_index(drop=True)
    key = ""
    if cache is not None:
        evidence: list[str | None] = [
            f"{f}|{s}|{c}|{r}"
            for f, s, c, r in zip(rows["_fit"], rows["_spec"], rows["_community"], rows["_recovery"], strict=True)
        ]
        key = items_key(rows, f"{kind}/{_RANK_VERSION}", config.merge_similarity, evidence)
        found = cache.get(key)
        if found is not None:
            return found
    items = _build_ranked(rows, kind, space, config)
    if cache is not None:
        cache.put(key, items)
    return items


def _build_ranked(rows: pd.DataFrame, kind: str, space: SentenceSpace, config: KnowledgeConfig) -> list[dict[str, Any]]:
    labels = space.cluster(rows["_row"].tolist(), config.merge_similarity)
    col = rows[
        [
            "sentence",
            "quotable",
            "speaker",
            "segment_id",
            "subtype",
            "recorded_at",
            "theme_id",
            "_fit",
            "_spec",
            "_community",
            "_recovery",
        ]
    ].to_dict("list")
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    items: list[dict[str, Any]] = []
    for label in sorted(members):
        idx = members[label]
        quotable = [i for i in idx if bool(col["quotable"][i])]
        if not quotable:
            continue  # said only by people who did not consent to quotation: counted in rates, never shown
        # the most informative quotable wording (ties: the earliest)
        lead = max(quotable, key=lambda i: (col["_fit"][i] * (0.4 + 0.6 * col["_spec"][i]), -i))
        if col["_spec"][lead] < MIN_SPECIFICITY and kind not in traits(str(col["sentence"][lead])).markers:
            continue  # names no action, patient situation or practice, and no marker of its section says more
        first = idx[0]
        seg_ids = [str(col["segment_id"][i]) for i in idx]
        recoveries = [col["_recovery"][lead]] + [col["_recovery"][i] for i in idx]
        detail = next((r for r in recoveries if isinstance(r, str) and r), None)
        theme = col["theme_id"][first]
        n_contributors = len({col["speaker"][i] for i in idx if pd.notna(col["speaker"][i])})
        n_communities = len({str(col["_community"][i]) for i in idx if pd.notna(col["_community"][i])})
        fit = max(float(col["_fit"][i]) for i in idx)
        items.append(
            {
                "text": str(col["sentence"][lead]).strip(),
                "detail": detail,
                "n_mentions": len(idx),
                "n_contributors": n_contributors,
                # below k contributors an item is shown without the segments that lead back to a person
                "segment_ids": list(dict.fromkeys(seg_ids)) if n_contributors >= config.min_group_size else [],
                "_score": item_score(fit, float(col["_spec"][lead]), len(idx), n_contributors, n_communities),
                "_first": str(col["sentence"][first]),
                "_subtypes": sorted({str(col["subtype"][i]) for i in idx}),
                "_dates": [col["recorded_at"][i] for i in idx if pd.notna(col["recorded_at"][i])],
                "_theme": theme if isinstance(theme, str) else None,
            }
        )
    items.sort(key=lambda i: (-i["_score"], -i["n_contributors"], -i["n_mentions"]))
    return items
