"""A title word the tagger calls a person is not redacted when the story uses it as a common noun (#15)."""

from __future__ import annotations

from storymine.privacy import Redactor
from storymine.privacy.names import common_noun_here, lowercase_words

STORY = [
    "Pyjamas off",
    "Our patients were still spending most of the day in pyjamas in bed.",
    "Doris asked for her own clothes; Mrs Baker's daughter brought shoes. Ask priya.raman@example.org.",
]


def test_lowercase_words_are_prose_words_only() -> None:
    words = lowercase_words(STORY)
    assert {"pyjamas", "bed", "shoes"} <= words
    assert "priya" not in words and "raman" not in words  # inside an e-mail address: not prose
    assert "doris" not in words and "baker" not in words
    assert lowercase_words(["see @dafydd_j and https://x.org/rhian"]) >= {"see", "and"}
    assert not lowercase_words(["see @dafydd_j and https://x.org/rhian"]) & {"dafydd", "rhian", "j"}


def test_a_common_noun_here_is_not_a_name() -> None:
    words = lowercase_words(STORY)
    assert common_noun_here("Pyjamas", words)
    assert common_noun_here("Pyjamas Off", words)  # "off" is a common word
    # Known first names and surnames stay names even when the story also uses them as words.
    assert not common_noun_here("Doris", words | {"doris"})
    assert not common_noun_here("Baker", words | {"baker"})
    assert not common_noun_here("Rose", frozenset({"rose"}))
    # A word never written in lower case is no evidence.
    assert not common_noun_here("Raman", words)
    assert not common_noun_here("Pyjamas Zebulon", words)


def test_the_title_pyjamas_off_survives_and_names_in_titles_do_not(model_redactor: Redactor) -> None:
    out = model_redactor.redact_document(STORY)
    assert out.texts[0] == "Pyjamas off"
    assert "Doris" not in out.texts[2] and "Baker" not in out.texts[2]
    titled = model_redactor.redact_document(["Tea with Doris", "She had her tea in bed, in her pyjamas."])
    assert "Doris" not in titled.texts[0]


def test_a_context_cue_before_a_common_word_proposes_no_name(rules: Redactor) -> None:
    text = "I wasn't sure if I was allowed. Like, is that breaking his confidentiality? I felt like a coward."
    assert rules.redact_document([text]).texts == (text,)
    named = "Winston said it was fine, like he always does. Ringing took five minutes; ringing helps."
    assert rules.redact_document([named]).texts == (
        "[PERSON_1] said it was fine, like he always does. Ringing took five minutes; ringing helps.",
    )
