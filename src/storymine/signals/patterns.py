"""Cue rules as data: loading the versioned JSONL pattern files and matching them with spaCy.

One JSON object per line::

    {"id": "unc.epistemic.might", "kind": "uncertainty", "subtype": "epistemic",
     "pattern": [{"LOWER": "might"}], "version": 1}

``pattern`` is a spaCy ``Matcher`` token pattern; ``phrase`` (a plain string, matched on lower-case
tokens) may be given instead. ``action`` is ``"cue"`` (default) or ``"exclude"``: an exclude match
vetoes every cue of the same kind that overlaps it (e.g. "May 2023", "if you need anything").
``negation`` is ``"keep"`` (default: the negation only becomes a model feature) or ``"drop"`` (a
negated cue is discarded, e.g. "we didn't make a mistake"). ``prior`` (0–1, optional) is the
probability used for a rule the model never saw in training (its score is at least the prior).
Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from storymine.signals.ty import KINDS, SUBTYPES


class PatternError(ValueError):
    """A pattern file line is not valid; the message names the file, line and the fix."""


@dataclass(frozen=True)
class PatternRule:
    """One cue or exclusion rule read from a JSONL pattern file."""

    rule_id: str
    kind: str
    subtype: str
    pattern: tuple[dict[str, Any], ...]
    action: str = "cue"
    negation: str = "keep"
    source: str = ""
    prior: float | None = None


def packaged_pattern_files(kind: str) -> list[Path]:
    """The pattern files shipped with storymine for ``kind`` (``patterns/{kind}.v*.jsonl``)."""
    root = resources.files("storymine.signals") / "patterns"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.startswith(f"{kind}.") and p.name.endswith(".jsonl"))


def _phrase_pattern(nlp: Language, phrase: str) -> list[dict[str, Any]]:
    return [{"LOWER": t.lower_} for t in nlp.make_doc(phrase) if not t.is_space]


def parse_rule(obj: dict[str, Any], nlp: Language, where: str = "") -> PatternRule:
    """Validate one JSON object and turn it into a :class:`PatternRule`."""
    kind = obj.get("kind")
    if kind not in KINDS:
        raise PatternError(f"{where}: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    action = obj.get("action", "cue")
    if action not in ("cue", "exclude"):
        raise PatternError(f"{where}: 'action' must be 'cue' or 'exclude', got {action!r}")
    subtype = str(obj.get("subtype", "") if action == "cue" else "")
    if action == "cue" and subtype not in SUBTYPES[kind]:
        raise PatternError(f"{where}: 'subtype' for {kind} must be one of {', '.join(SUBTYPES[kind])}, got {subtype!r}")
    if "pattern" in obj:
        pattern = obj["pattern"]
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise PatternError(f"{where}: 'pattern' must be a non-empty list of token objects")
    elif isinstance(obj.get("phrase"), str) and obj["phrase"].strip():
        pattern = _phrase_pattern(nlp, obj["phrase"])
    else:
        raise PatternError(f"{where}: give either 'pattern' (spaCy token pattern) or 'phrase' (text)")
    negation = obj.get("negation", "keep")
    if negation not in ("keep", "drop"):
        raise PatternError(f"{where}: 'negation' must be 'keep' or 'drop', got {negation!r}")
    prior = obj.get("prior")
    if prior is not None and not (isinstance(prior, int | float) and 0.0 <= float(prior) <= 1.0):
        raise PatternError(f"{where}: 'prior' must be a probability between 0 and 1, got {prior!r}")
    rule_id = str(
        obj.get("id") or f"{kind}.{subtype or action}.{abs(hash(json.dumps(pattern, sort_keys=True))) % 10**8}"
    )
    return PatternRule(
        rule_id, kind, subtype, tuple(pattern), action, negation, where, None if prior is None else float(prior)
    )


def load_rules(paths: list[Path], nlp: Language, kind: str | None = None) -> list[PatternRule]:
    """Read pattern files, keeping rules of ``kind`` (all kinds when None); later duplicate ids win."""
    by_id: dict[str, PatternRule] = {}
    for path in paths:
        if not Path(path).is_file():
            raise PatternError(f"{path}: pattern file not found; pass an existing JSONL file in extra_patterns")
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PatternError(f"{path}:{n}: not valid JSON ({exc.msg}); one JSON object per line") from exc
            rule = parse_rule(obj, nlp, f"{path}:{n}")
            if kind is None or rule.kind == kind:
                by_id[rule.rule_id] = rule
    return list(by_id.values())


@dataclass(frozen=True)
class Candidate:
    """A cue match that survived exclusions: token span, rule and negation flag."""

    start: int
    end: int
    rule: PatternRule
    negated: bool


NEGATORS = frozenset(
    {
        "not",
        "n't",
        "n’t",
        "never",
        "no",
        "without",
        "nobody",
        "nothing",
        "none",
        "neither",
        "nor",
        "cannot",
        "hardly",
    }
)
_SCOPE_BREAK = frozenset(
    {
        ",",
        ";",
        ":",
        "but",
        "and",
        "or",
        "because",
        "although",
        "though",
        "which",
        "that",
        "so",
        "-",
        "—",
        "(",
        ")",
    }
)


def is_negated(doc: Doc, start: int, sent_start: int, window: int = 6) -> bool:
    """True when a negator occurs up to ``window`` tokens before ``start`` in the same clause."""
    i = start - 1
    lo = max(sent_start, start - window)
    while i >= lo:
        low = doc[i].lower_
        if low in NEGATORS:
            return True
        if low in _SCOPE_BREAK:
            return False
        i -= 1
    return False


_MAX_EXPANSION = 5000
_ANCHOR = "__storymine_anchor__"


def _token_alternatives(tok: dict[str, Any]) -> list[str | None] | None:
    """Exact lower-case alternatives of one token spec (None = optional skip), or None if not exact."""
    op = tok.get("OP")
    keys = set(tok) - {"OP"}
    if keys != {"LOWER"} or op not in (None, "?"):
        return None
    val = tok["LOWER"]
    if isinstance(val, str):
        alts: list[str | None] = [val.lower()]
    elif isinstance(val, dict) and set(val) == {"IN"} and isinstance(val["IN"], list):
        alts = [str(v).lower() for v in val["IN"]]
    else:
        return None
    return [*alts, None] if op == "?" else alts


def expand_phrases(pattern: tuple[dict[str, Any], ...]) -> list[tuple[str, ...]] | None:
    """All exact token sequences a pattern of ``LOWER`` / ``IN`` / ``OP: ?`` tokens matches.

    Returns None when the pattern uses anything else (wildcards, flags, other operators) or expands
    to more than 5,000 sequences; such patterns stay in the token ``Matcher``.
    """
    seqs: list[tuple[str, ...]] = [()]
    for tok in pattern:
        alts = _token_alternatives(tok)
        if alts is None:
            return None
        seqs = [q + ((a,) if a is not None else ()) for q in seqs for a in alts]
        if len(seqs) > _MAX_EXPANSION:
            return None
    return sorted({q for q in seqs if q})


class RuleMatcher:
    """Compiled cue and exclusion rules of one kind.

    Rules made only of exact lower-case tokens (with ``IN`` lists and optional tokens) are expanded
    into a ``PhraseMatcher`` trie, whose cost does not grow with the number of phrases; the few
    others (wildcards, digit tests) run in a token ``Matcher``.
    """

    def __init__(self, nlp: Language, rules: list[PatternRule]) -> None:
        """Compile ``rules`` over ``nlp``'s vocab."""
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rules: dict[str, PatternRule] = {}
        self.order: dict[str, int] = {r.rule_id: i for i, r in enumerate(rules)}
        self.n_token_patterns = 0
        self.always_run = False
        anchors: set[str] = set()
        for r in rules:
            self.rules[r.rule_id] = r
            seqs = expand_phrases(r.pattern)
            if seqs is not None:
                self.phrases.add(r.rule_id, [Doc(nlp.vocab, words=list(q)) for q in seqs])
                continue
            self.matcher.add(r.rule_id, [list(r.pattern)])
            self.n_token_patterns += 1
            anchor = next((a for t in r.pattern if (a := _token_alternatives(t)) is not None and None not in a), None)
            if anchor is None:
                self.always_run = True
            else:
                anchors.update(str(a) for a in anchor)
        if anchors:
            self.phrases.add(_ANCHOR, [Doc(nlp.vocab, words=[a]) for a in sorted(anchors)])
        self._anchor_id = nlp.vocab.strings.add(_ANCHOR)

    def candidates(self, doc: Doc, sent_starts: list[int], dropped: list[Candidate] | None = None) -> list[Candidate]:
        """Match ``doc``; drop excluded and (for ``negation: drop`` rules) negated cues; resolve overlaps.

        ``sent_starts`` holds, per token, the index of its sentence's first token. Overlapping cues
        of this kind keep the longest span (on ties the rule loaded first: earlier file, earlier line).
        Negated cues of ``negation: drop`` rules are appended to ``dropped`` when it is given.
        """
        strings = doc.vocab.strings
        cues: list[tuple[int, int, PatternRule]] = []
        excl: list[tuple[int, int]] = []
        matches = self.phrases(doc)
        anchored = {sent_starts[s] for m, s, _ in matches if m == self._anchor_id}
        if self.always_run:
            matches += self.matcher(doc)
        elif anchored:
            for s0 in sorted(anchored):
                e0 = s0
                while e0 < len(doc) and sent_starts[e0] == s0:
                    e0 += 1
                matches += [(m, s0 + s, s0 + e) for m, s, e in self.matcher(doc[s0:e0])]
        for match_id, s, e in matches:
            if match_id == self._anchor_id:
                continue
            rule = self.rules[strings[match_id]]
            if rule.action == "exclude":
                excl.append((s, e))
            else:
                cues.append((s, e, rule))
        if excl:
            cues = [c for c in cues if not any(c[0] < xe and xs < c[1] for xs, xe in excl)]
        order = self.order
        cues.sort(key=lambda c: (c[0], -(c[1] - c[0]), order[c[2].rule_id]))
        out: list[Candidate] = []
        last_end = -1
        for s, e, rule in cues:
            if s < last_end:
                continue
            neg = is_negated(doc, s, sent_starts[s])
            if neg and rule.negation == "drop":
                if dropped is not None:
                    dropped.append(Candidate(s, e, rule, neg))
                continue
            out.append(Candidate(s, e, rule, neg))
            last_end = e
        return out
