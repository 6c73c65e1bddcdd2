"""Which sentences become knowledge items (issue #15): invented sentences, not the sample's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from storymine.knowledge import KNOWLEDGE, KnowledgeConfig, build_knowledge
from storymine.knowledge.rank import is_chat, is_doubt, is_prompt, item_score, kind_fit, specificity
from tests.knowledge.builders import Doc, Turn, inputs
from tests.redacted import as_written


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, everyone.",
        "Thank you so much for sharing that.",
        "Thanks for making the time this afternoon.",
        "Sounds good.",
        "Brilliant.",
        "Yeah, exactly.",
        "That's a really good recovery.",
        "That's a brilliant handover.",
        "I'd find that really helpful.",
        "Hi all, welcome back.",
        "Good morning, everybody.",
        "Let's make a start.",
        "Right, I think that's everyone.",
        "Just the usual reminder that this is a safe space.",
        "Can I come in there?",
        "That's exactly where it goes wrong, isn't it.",
    ],
)
def test_ritual_and_chat_are_recognised(text: str) -> None:
    assert is_chat(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to the pharmacist, the second dose was held.",
        "I rang the GP about her insulin dose.",
        "We tried a one-page handover sheet for a month.",
        "Always check the weight before prescribing paracetamol.",
        "The score was low but I bleeped anyway.",
    ],
)
def test_points_of_practice_are_not_chat(text: str) -> None:
    assert not is_chat(text)


@pytest.mark.parametrize(
    "text",
    [
        "Just think about the last time you felt unsafe on a visit.",
        "Who'd like to start us off?",
        "What did you do next?",
        "How did that feel?",
        "Does anyone have a template for that?",
        "Can you say a bit more about the handover?",
        "Let's go round and hear one thing that went well.",
        "So, any thoughts on the new rota?",
    ],
)
def test_prompts_to_the_group_are_recognised(text: str) -> None:
    assert is_prompt(text)


@pytest.mark.parametrize(
    "text",
    [
        "I rang the ward and asked for the drug chart.",
        "Always check the weight before prescribing paracetamol.",
        "Who reads the carers' notes when two agencies visit?",
        "I wasn't sure whether to call an ambulance.",
    ],
)
def test_practice_sentences_are_not_prompts(text: str) -> None:
    assert not is_prompt(text)


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("I think that's fine.", False),
        ("Her sugar was, I think, about nineteen.", False),
        ("Probably nothing, in the end.", False),
        ("If I'd given the full dose she could have collapsed.", False),
        ("I wasn't sure whether to call an ambulance or the GP.", True),
        ("Who reads the carers' notes when two agencies visit?", True),
        ("I still don't know if the referral was ever read.", True),
        ("The numbers didn't add up and I couldn't tell which chart was right.", True),
        ("We wanted to find out whether a morning huddle cut the calls.", True),
    ],
)
def test_open_questions_are_doubts_not_hedges(text: str, doubt: bool) -> None:
    assert is_doubt(text) is doubt


def test_specific_sentences_beat_vague_ones() -> None:
    specific = specificity("I checked her weight on the drug chart before the second dose at 10pm.")
    vague = specificity("It was a lot, really, you know how it is.")
    assert specific > 0.8 > 0.3 > vague


def test_kind_fit_rules() -> None:
    assert kind_fit("I think that's fine for the ward.", "uncertainty", 0.99) == 0.0  # a hedge
    assert kind_fit("I wasn't sure whether to call the GP.", "uncertainty", 0.9) > 0
    prompt = "What would you do differently with the insulin pens?"
    assert kind_fit(prompt, "uncertainty", 0.9, session=True) == 0.0
    assert kind_fit(prompt, "uncertainty", 0.9, session=False) > 0  # a story may ask itself a question
    assert kind_fit("Is that the pharmacist's job or ours?", "uncertainty", 0.9, facilitator=True) == 0.0
    marked = kind_fit("What I learned is to check the pack, not the compartment.", "lesson", 0.5)
    unmarked = kind_fit("The pack and the compartment were different colours.", "lesson", 0.5)
    assert marked > unmarked > 0
    assert kind_fit("Thanks, everyone, that went really well.", "positive", 0.9) == 0.0
    outcome = kind_fit("Her husband died on the ward two days later.", "error", 0.8, subtype="harm")
    slip = kind_fit("Her second dose was missed on the ward.", "error", 0.8, subtype="harm")
    assert 0 < outcome < slip


def test_support_raises_the_score() -> None:
    one = item_score(0.6, 0.8, 1, 1, 1)
    many = item_score(0.6, 0.8, 4, 4, 3)
    assert many > one > item_score(0.6, 0.2, 1, 1, 1)


def _three_nurses(extra: list[Turn] | None = None, kind: str = "story") -> list[Doc]:
    """Three stories (three contributors, one theme) with a typical mix of signals."""
    return [
        Doc(
            "d1",
            [
                Turn(
                    "P-a",
                    [
                        "Thanks, everyone.",
                        "I think that's fine.",
                        "I wasn't sure whether the night dose of insulin had been given.",
                        "What went well was the pharmacist checking the weight before the second dose.",
                    ],
                    signals=[
                        (0, "positive", "praise", 0.9),
                        (1, "uncertainty", "doxastic", 0.99),
                        (2, "uncertainty", "epistemic", 0.95),
                        (3, "positive", "went_well", 0.7),
                    ],
                )
            ],
        ),
        Doc(
            "d2",
            [
                Turn(
                    "P-b",
                    ["We nearly gave the evening insulin twice because the chart was not signed."],
                    signals=[(0, "error", "near_miss", 0.8)],
                ),
                Turn(
                    "P-b",
                    [
                        "The pen looked too full.",
                        "I rang the morning nurse and she said she had been called away, so we held the dose.",
                    ],
                    signals=[(1, "error", "recovery", 0.7)],
                ),
            ],
            recorded_at=date(2025, 4, 1),
        ),
        Doc(
            "d3",
            [
                Turn(
                    "P-c",
                    [
                        "I should have checked the pen dial myself, and next time I will check it before the chart.",
                        "I picked the wrong pen, noticed the colour and corrected it before giving it.",
                    ],
                    signals=[
                        (0, "error", "counterfactual", 0.7),
                        (0, "lesson", "intention", 0.6),
                        (1, "error", "mistake", 0.8),
                        (1, "error", "recovery", 0.8),
                    ],
                ),
                *(extra or []),
            ],
            community="Community Nursing",
            recorded_at=date(2025, 5, 1),
        ),
    ]


def _row(knowledge: pd.DataFrame, scope_id: str = "T1") -> dict[str, object]:
    rows = knowledge[knowledge["scope_id"] == scope_id].to_dict("records")
    assert len(rows) == 1
    row: dict[str, object] = rows[0]
    return row


def _texts(row: dict[str, object], column: str) -> list[str]:
    items = row[column]
    assert isinstance(items, list)
    return [str(i["text"]) for i in items]


def test_ritual_and_hedges_never_become_items() -> None:
    ins = inputs(_three_nurses())
    knowledge, _ = build_knowledge(ins, "r1")
    as_written(KNOWLEDGE.name, knowledge, ins)
    row = _row(knowledge)
    assert _texts(row, "positives") == ["What went well was the pharmacist checking the weight before the second dose."]
    assert _texts(row, "open_questions") == ["I wasn't sure whether the night dose of insulin had been given."]
    # rates still count every signal: the filter is about what is shown
    assert row["positive_rate"] == pytest.approx(100 * 2 / 9, abs=0.01)


def test_one_home_per_sentence() -> None:
    knowledge, _ = build_knowledge(inputs(_three_nurses()), "r1")
    row = _row(knowledge)
    both = "I should have checked the pen dial myself, and next time I will check it before the chart."
    homes = [c for c in ("lessons", "open_questions", "errors", "positives", "experiments") if both in _texts(row, c)]
    assert homes == ["lessons"]  # the lesson marker ("next time") makes it fit the lessons best


def test_errors_are_paired_with_a_recovery_in_another_sentence() -> None:
    knowledge, _ = build_knowledge(inputs(_three_nurses()), "r1")
    errors = {str(i["text"]): i["detail"] for i in _row(knowledge)["errors"]}  # type: ignore[attr-defined]
    nearly = "We nearly gave the evening insulin twice because the chart was not signed."
    # the recovery is in the next paragraph of the same story, one sentence further on
    assert errors[nearly] == "I rang the morning nurse and she said she had been called away, so we held the dose."
    # an error caught within its own sentence is shown without a separate recovery
    assert errors["I picked the wrong pen, noticed the colour and corrected it before giving it."] is None
    for text, detail in errors.items():
        assert detail is None or detail != text


def test_unidentified_facilitator_prompts_are_not_open_questions() -> None:
    session = Doc(
        "s1",
        [
            Turn("S1", ["Just think about the last time you were unsure about a dose?"], role="participant"),
            Turn("S2", ["I wasn't sure whether the patch had been changed on the Sunday."], role="participant"),
            Turn("S3", ["How did you find out in the end?"], role="participant"),
            Turn("S4", ["Nobody knew whether the old patch was still on her back."], role="participant"),
        ],
        kind="session",
    )
    for i, q in enumerate([0, 0, 0, 0]):
        session.turns[i].signals = [(q, "uncertainty", "epistemic", 0.9)]
    knowledge, _ = build_knowledge(inputs([session]), "r1")
    row = _row(knowledge, "s1")
    assert sorted(_texts(row, "open_questions")) == [
        "I wasn't sure whether the patch had been changed on the Sunday.",
        "Nobody knew whether the old patch was still on her back.",
    ]


def test_better_supported_items_come_first() -> None:
    repeated = "Always check the insulin chart before the evening dose."
    docs = _three_nurses()
    for doc, who in zip(docs, ["P-a", "P-b", "P-c"], strict=True):
        doc.turns.append(Turn(who, [repeated], signals=[(0, "lesson", "rule_of_thumb", 0.5)]))
    knowledge, lessons = build_knowledge(inputs(docs), "r1")
    first = _row(knowledge)["lessons"][0]  # type: ignore[index]
    assert first["text"] == repeated and first["n_contributors"] == 3 and len(first["segment_ids"]) == 3
    assert repeated in set(lessons["text"])


def test_thin_lessons_are_dropped_but_cfg_k_still_applies() -> None:
    docs = _three_nurses()
    docs[0].turns.append(Turn("P-a", ["Never again, honestly."], signals=[(0, "lesson", "intention", 0.9)]))
    knowledge, lessons = build_knowledge(inputs(docs), "r1")
    assert "Never again, honestly." not in _texts(_row(knowledge), "lessons")
    assert "Never again, honestly." not in set(lessons["text"])
    k4, _ = build_knowledge(inputs(docs), "r1", KnowledgeConfig(min_group_size=4))
    assert bool(_row(k4)["suppressed"])


def test_an_explicit_lesson_lives_in_the_lessons_even_with_a_stronger_error_signal() -> None:
    said = "And the lesson for me was that a confused patient's baseline is only what someone told you."
    docs = _three_nurses()
    docs[1].turns.append(Turn("P-b", [said], signals=[(0, "error", "mistake", 0.9), (0, "lesson", "insight", 0.3)]))
    knowledge, lessons = build_knowledge(inputs(docs), "r1")
    row = _row(knowledge)
    assert said in _texts(row, "lessons") and said not in _texts(row, "errors")
    assert said in set(lessons["text"])


def test_long_quotes_are_cut_at_a_word_boundary_and_survive_the_gate() -> None:
    from storymine.stages.knowledge import knowledge_vocabulary
    from storymine.store.schema import spec_for, vouch_frame

    long = "We changed the handover sheet " + " ".join(["considerably"] * 80) + "."
    turns = [Turn(f"S{i}", [long], signals=[(0, "lesson", "rule_of_thumb", 0.9)]) for i in range(3)]
    data = inputs([Doc(f"D{i}", [turns[i]]) for i in range(3)])
    knowledge, _ = build_knowledge(data, "R1", KnowledgeConfig(min_group_size=1))
    quotes = [q for qs in knowledge["quotes"] for q in qs]
    assert quotes and all(q["text"].endswith(" …") for q in quotes)
    assert all(q["text"][:-2].split()[-1] == "considerably" for q in quotes)
    _, withheld = vouch_frame(spec_for("knowledge"), knowledge, knowledge_vocabulary(data))
    assert withheld == 0


def test_sentence_traits_are_kept_between_runs_without_text(tmp_path: Path) -> None:
    import gzip
    import json

    from storymine.knowledge.rank import TraitsCache, traits

    path = tmp_path / "cache" / "sentence_traits.json.gz"
    sentence = "I wasn't sure whether the new insulin chart would catch the 2 units we nearly missed."
    first = TraitsCache(path)
    first.load()
    judged = traits(sentence)
    first.save()
    raw = gzip.decompress(path.read_bytes()).decode()
    assert "insulin" not in raw and "units" not in raw  # hashes and flags only
    second = TraitsCache(path)
    assert second.load() >= 1
    assert traits(sentence) == judged
    second.save()
    # a file written by other rules, or a broken one, reads as empty
    path.write_bytes(gzip.compress(json.dumps({"rules": "other", "traits": {"x": [1, 0, []]}}).encode()))
    assert TraitsCache(path).load() == 0
    TraitsCache(None).save()
    path.write_bytes(b"not gzip")
    assert TraitsCache(path).load() == 0
    TraitsCache(None).save()
