"""storymine's codebook: one code per signal kind (subtypes as child codes) and one per theme.

Definitions are those of ``docs/signal_guidelines.md`` ("Kinds"), kept here as data so that an export
never reads the docs folder. :func:`codebook_xml` writes a REFI-QDA ``.qdc`` codebook.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from storymine.exchange.ids import kind_guid, subtype_guid, theme_guid, themes_guid
from storymine.exchange.ty import CODEBOOK_NS, ExchangeError, Theme
from storymine.signals.ty import KINDS, SUBTYPES

GUIDELINES = "docs/signal_guidelines.md"

KIND_DEFINITIONS: dict[str, str] = {
    "uncertainty": (
        "The speaker or writer marks a proposition as not certain. Not uncertainty: 'May' the month, "
        "permission or politeness ('May I just say', 'if you need anything'), questions to someone else "
        "without hedging, others' beliefs the speaker does not share, 'I can't believe how well…'."
    ),
    "error": (
        "Something went wrong or was a problem in practice. Not error: negated errors ('no one was "
        "injured'), policy talk about 'issues' or 'challenges' that names no concrete failure, neutral "
        "procedure, death or illness as an expected outcome."
    ),
    "positive": (
        "Something went well in practice, or someone's specific work is praised. Not positive: ritual "
        "thanks and greetings ('Thank you, Chair', 'Good morning'), politeness, a bare 'Great.'."
    ),
    "lesson": (
        "Something learned or to carry forward: general or carried into future practice. A plain "
        "description of what happened is not a lesson, even if it is instructive."
    ),
    "experiment": (
        "Trying something deliberately: a change tried, planned, implemented, evaluated or adopted. Not "
        "experiment: 'try' as politeness ('I'll try and be brief'), tests or exams as school events, "
        "routine use of a tool or procedure."
    ),
}

SUBTYPE_DEFINITIONS: dict[tuple[str, str], str] = {
    ("uncertainty", "epistemic"): (
        "Possibility or doubt: might, may, could (possibility), perhaps, probably, apparently, seems, "
        "unclear, 'I'm not sure', 'I don't know whether'."
    ),
    ("uncertainty", "doxastic"): (
        "Hedged belief: 'I think', 'I believe', 'I assumed', 'I suspect', 'I hope'. Emphatic 'I do think' "
        "and meeting formulas ('I think we'll stop there') do not count."
    ),
    ("uncertainty", "conditional"): "Hypothetical conditions and consequences ('if we had…', 'it would potentially…').",
    ("uncertainty", "investigation"): "Wanting to find out or examine whether ('we wondered whether', 'to see if').",
    ("error", "mistake"): (
        "A slip, omission, wrong action, failure, or a concrete problem met in practice ('it didn't go as "
        "planned', 'the process was flawed')."
    ),
    ("error", "near_miss"): "Almost went wrong; caught just in time (the catching in the same sentence).",
    ("error", "harm"): (
        "An adverse outcome, injury, abuse, assault, misconduct, unsafe act or rule violation; a death only "
        "when something went wrong that caused or contributed to it."
    ),
    ("error", "counterfactual"): "'I should have…', 'it would have been better to…', 'why didn't someone…'.",
    ("error", "recovery"): "An error noticed, stopped or put right ('we caught it when…', 'the pharmacist caught it').",
    ("positive", "went_well"): "A success: it worked, went smoothly, was enjoyed, improved.",
    ("positive", "pride"): "Pride in one's own or the team's work.",
    ("positive", "relief"): "Relief that something turned out well ('luckily', 'fortunately').",
    ("positive", "praise"): "Specific praise of a person or their work ('that saved us').",
    ("lesson", "insight"): "Something realised or learned ('I realised', 'I learned', 'this showed me').",
    ("lesson", "rule_of_thumb"): (
        "A general rule about practice ('the only way … is …', 'it is important to…', 'always read the label twice')."
    ),
    ("lesson", "advice"): "Advice or a recommendation to others ('I recommend…', 'managers need to…').",
    ("lesson", "intention"): (
        "A resolve about one's own future practice that follows from experience ('next time I will…', "
        "'from now on I always…')."
    ),
    ("experiment", "tried"): (
        "Tried, tested or piloted a new approach; an attempt to resolve a situation ('I tried to calm him down')."
    ),
    ("experiment", "plan"): "Planning a concrete change to try or evaluate ('we're going to pilot a huddle').",
    ("experiment", "do"): "Implementing or rolling out a change.",
    ("experiment", "study"): "Evaluating, monitoring or measuring the results of a change.",
    ("experiment", "act"): "Changing or adopting something in response to what was found.",
}

KIND_COLORS: dict[str, str] = {
    "uncertainty": "#4E79A7",
    "error": "#E15759",
    "positive": "#59A14F",
    "lesson": "#F28E2B",
    "experiment": "#B07AA1",
}
THEME_COLOR = "#9C755F"
THEMES_CODE_NAME = "storymine themes"
THEME_MARKER = re.compile(r"storymine theme (T\d+)")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: other control characters (and lone surrogates) become U+FFFD."""
    return "".join(
        c if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff" else "\ufffd"
        for c in text
    )


@dataclass(frozen=True)
class CodeNode:
    """A code to write: guid, name, description, colour, optional memo (note guid) and child codes."""

    guid: str
    name: str
    description: str
    is_codable: bool = True
    color: str | None = None
    note_guid: str | None = None
    children: tuple[CodeNode, ...] = field(default_factory=tuple)


def kind_description(kind: str) -> str:
    """The description of a kind's code: the guideline definition and the detector that codes it."""
    return (
        f"storymine signal kind '{kind}' (detector storymine.{kind}.v1). {KIND_DEFINITIONS[kind]} "
        f"Definitions: {GUIDELINES}."
    )


def subtype_description(kind: str, subtype: str) -> str:
    """The description of a subtype's code."""
    return f"storymine {kind} subtype '{subtype}'. {SUBTYPE_DEFINITIONS[(kind, subtype)]}"


def theme_code_names(themes: Sequence[Theme]) -> dict[str, str]:
    """The code name of every theme: its label, with the theme id added where two labels are the same."""
    seen: dict[str, int] = {}
    for t in themes:
        seen[t.label] = seen.get(t.label, 0) + 1
    return {
        t.theme_id: t.label if t.label and seen[t.label] == 1 else f"{t.label or 'theme'} ({t.theme_id})"
        for t in themes
    }


def theme_description(theme: Theme) -> str:
    """The description of a theme's code: its stable id, label, keywords and size."""
    keywords = ", ".join(theme.keywords)
    return (
        f"storymine theme {theme.theme_id}: {theme.label}. Keywords: {keywords}. "
        f"Status {theme.status}; {theme.size} units in {theme.n_documents} documents in this run."
    )


def signal_codes(kinds: Sequence[str] = KINDS) -> list[CodeNode]:
    """One code per kind (in the order of ``KINDS``) with its subtypes as child codes."""
    return [
        CodeNode(
            kind_guid(kind),
            kind,
            kind_description(kind),
            color=KIND_COLORS[kind],
            children=tuple(
                CodeNode(subtype_guid(kind, sub), sub, subtype_description(kind, sub), color=KIND_COLORS[kind])
                for sub in SUBTYPES[kind]
            ),
        )
        for kind in KINDS
        if kind in kinds
    ]


def theme_codes(themes: Sequence[Theme], notes: dict[str, str] | None = None) -> list[CodeNode]:
    """A not-codable parent code holding one code per theme (``notes``: theme_id -> memo guid)."""
    if not themes:
        return []
    names = theme_code_names(themes)
    children = tuple(
        CodeNode(
            theme_guid(t.theme_id),
            names[t.theme_id],
            theme_description(t),
            color=THEME_COLOR,
            note_guid=(notes or {}).get(t.theme_id),
        )
        for t in themes
    )
    return [
        CodeNode(
            themes_guid(),
            THEMES_CODE_NAME,
            "Themes found by storymine (BERTopic); one code per theme, its guid derived from the stable theme id.",
            is_codable=False,
            color=THEME_COLOR,
            children=children,
        )
    ]


def code_element(node: CodeNode, with_notes: bool) -> ET.Element:
    """A ``Code`` element and its children (names unqualified: the root declares the default namespace).

    ``NoteRef`` (a memo) only in projects: the codebook schema has none.
    """
    attrs = {"guid": node.guid, "name": xml_safe(node.name), "isCodable": "true" if node.is_codable else "false"}
    if node.color:
        attrs["color"] = node.color
    el = ET.Element("Code", attrs)
    ET.SubElement(el, "Description").text = xml_safe(node.description)
    if with_notes and node.note_guid:
        ET.SubElement(el, "NoteRef", {"targetGUID": node.note_guid})
    for child in node.children:
        el.append(code_element(child, with_notes))
    return el


def codebook_xml(codes: Sequence[CodeNode], origin: str) -> bytes:
    """A REFI-QDA codebook (``.qdc``, ``urn:QDA-XML:codebook:1.0``) holding ``codes``."""
    if not codes:
        raise ExchangeError("nothing to export: no code matches the options given")
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": origin})
    holder = ET.SubElement(root, "Codes")
    for node in codes:
        holder.append(code_element(node, with_notes=False))
    ET.indent(root, space=" ")
    return cast(bytes, ET.tostring(root, encoding="utf-8", xml_declaration=True))
