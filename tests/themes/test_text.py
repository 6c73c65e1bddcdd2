from __future__ import annotations

from storymine.themes.text import for_embedding, for_keywords, make_label, make_vectorizer, placeholder_kind


def test_placeholders_become_neutral_words_for_embedding() -> None:
    assert for_embedding("I told [PERSON_1] at [ORG_12] about  it") == "I told someone at an organisation about it"
    assert for_embedding("see [NHS_NUMBER_3]") == "see something"
    assert placeholder_kind("[NHS_NUMBER_3]") == "NHS_NUMBER"


def test_placeholders_never_reach_the_keyword_vocabulary() -> None:
    texts = ["[PERSON_1] met [PERSON] on the ward", "[ORG_2] discharge delay [PERSON_1]"]
    vec = make_vectorizer()
    vec.fit([for_keywords(t) for t in texts])  # type: ignore[attr-defined]
    vocab = set(vec.get_feature_names_out())  # type: ignore[attr-defined]
    assert vocab == {"met", "ward", "met ward", "discharge", "delay", "discharge delay"}


def test_token_pattern_alone_drops_numbered_placeholders() -> None:
    analyse = make_vectorizer().build_analyzer()  # type: ignore[attr-defined]
    assert analyse("[PERSON_1] rang [ORG_3] twice") == ["rang", "twice", "rang twice"]


def test_label_prefers_a_phrase_and_skips_covered_words() -> None:
    assert make_label(["discharge", "discharge planning", "family", "planning", "carers"]) == (
        "Discharge planning, family, carers"
    )
    assert make_label(["insulin"]) == "Insulin"
    assert make_label([]) == "(no keywords)"


def test_phrases_whose_words_are_not_adjacent_are_dropped() -> None:
    from storymine.themes.fit import real_phrases

    text = "at the end of shift the sepsis screen went red; tissue viability came"
    assert real_phrases(["end shift", "sepsis", "sepsis screen", "tissue viability", "screen red"], text) == [
        "sepsis",
        "sepsis screen",
        "tissue viability",
    ]


def test_label_is_anchored_on_a_distinctive_keyword() -> None:
    assert make_label(["risk patients", "bedside", "ambulance"], anchors=["fall", "falls", "injury"]) == (
        "Fall, risk patients, bedside"
    )
    assert make_label(["falls clinic", "bedside"], anchors=["fall", "falls"]) == "Falls clinic, bedside"
