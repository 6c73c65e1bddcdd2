"""Learning chains across the sentences of one story or session (issue #15): invented text."""

from __future__ import annotations

import re

import pandas as pd

from storymine.knowledge import CHAINS, KnowledgeConfig, build_knowledge
from storymine.knowledge.chains import build_chains, chain_segments, find_chains, sentence_frame
from tests.knowledge.builders import Doc, Turn, inputs
from tests.redacted import as_written

DOUBT = "I wasn't sure whether the evening insulin had already been given."
ERROR = "The chart was not signed and I nearly gave a second dose."
RECOVERY = "I rang the day nurse, who said she had been called away before giving it."
LESSON = "What I learned is to check the pen dial as well as the chart before every insulin dose."


def _story(doc_id: str, who: str, quotable: bool = True, theme: str = "T1") -> Doc:
    return Doc(
        doc_id,
        [
            Turn(
                who,
                ["It was a busy Sunday visit list.", DOUBT],
                signals=[(1, "uncertainty", "epistemic", 0.9)],
                quotable=quotable,
                theme=theme,
            ),
            Turn(who, [ERROR, RECOVERY], signals=[(0, "error", "near_miss", 0.8)], quotable=quotable, theme=theme),
            Turn(
                who,
                ["No harm came to her.", LESSON],
                signals=[(1, "lesson", "insight", 0.7)],
                quotable=quotable,
                theme=theme,
            ),
        ],
    )


def _others() -> list[Doc]:
    """Two more contributors in the same theme, so the theme passes k = 3."""
    return [
        Doc(f"o{i}", [Turn(f"P-o{i}", [f"We talked about the rota for ward {i} and the new handover sheet."])])
        for i in range(2)
    ]


def _chains(docs: list[Doc], config: KnowledgeConfig | None = None) -> pd.DataFrame:
    config = config or KnowledgeConfig()
    ins = inputs(docs)
    knowledge, _ = build_knowledge(ins, "r1", config)
    frame = build_chains(ins, knowledge, "r1", config.min_group_size)
    as_written(CHAINS.name, frame, ins)
    return frame


def test_a_story_gives_one_four_step_chain_in_document_order() -> None:
    chains = _chains([_story("d1", "P-a"), *_others()])
    assert len(chains) == 1
    row = chains.iloc[0]
    assert (row["doubt"], row["error"], row["recovery"], row["lesson"]) == (DOUBT, ERROR, RECOVERY, LESSON)
    assert row["n_steps"] == 4 and row["doc_id"] == "d1" and row["theme_id"] == "T1"
    assert (row["doubt_segment_id"], row["error_segment_id"], row["recovery_segment_id"]) == ("d1-0", "d1-1", "d1-1")
    assert row["lesson_segment_id"] == "d1-2"
    assert re.fullmatch(r"C-[0-9a-f]{12}", row["chain_id"])
    assert row["score"] > 0


def test_chain_id_is_stable_when_the_document_grows() -> None:
    first = _chains([_story("d1", "P-a"), *_others()])["chain_id"].tolist()
    longer = _story("d1", "P-a")
    longer.turns.append(Turn("P-a", ["We have since shared this at the team meeting."]))
    assert _chains([longer, *_others()])["chain_id"].tolist() == first


def test_steps_are_different_sentences() -> None:
    # error and recovery in one sentence: no chain pairs a sentence with itself
    one = Doc(
        "d1",
        [
            Turn(
                "P-a",
                ["I picked the wrong insulin pen but noticed the colour and corrected it before giving it."],
                signals=[(0, "error", "mistake", 0.9), (0, "error", "recovery", 0.9)],
            )
        ],
    )
    assert _chains([one, *_others()]).empty


def test_a_lesson_before_the_error_is_not_its_lesson() -> None:
    backwards = Doc(
        "d1",
        [
            Turn("P-a", [LESSON], signals=[(0, "lesson", "insight", 0.9)]),
            Turn("P-a", [ERROR], signals=[(0, "error", "near_miss", 0.9)]),
        ],
    )
    assert _chains([backwards, *_others()]).empty


def test_a_facilitator_turn_is_never_a_step() -> None:
    session = Doc(
        "s1",
        [
            Turn("S1", [ERROR], role="participant", signals=[(0, "error", "near_miss", 0.9)]),
            Turn(
                "S2",
                ["So the lesson is always check the pen dial as well as the insulin chart."],
                role="facilitator",
                signals=[(0, "lesson", "rule_of_thumb", 0.9)],
            ),
            Turn("S3", ["We use the same paper insulin charts on our community caseload."], role="participant"),
            Turn("S4", ["Our team does the visits in pairs at weekends."], role="participant"),
        ],
        kind="session",
    )
    assert _chains([session]).empty
    frame = sentence_frame(chain_segments(inputs([session])), inputs([session]).signals)
    assert not frame["text"].str.startswith("So the lesson").any()
    session.turns[1].role, session.turns[1].speaker = "participant", "S1"  # from the narrator: a step
    assert _chains([session])["lesson"].tolist() == [
        "So the lesson is always check the pen dial as well as the insulin chart."
    ]


def test_session_chains_follow_one_speaker_across_turns_and_respect_the_session_k() -> None:
    session = Doc(
        "s1",
        [
            Turn("S1", [ERROR], role="participant", signals=[(0, "error", "near_miss", 0.9)]),
            Turn("S2", ["We do the same checks on the ward at handover."], role="participant"),
            Turn("S1", [RECOVERY], role="participant"),
            Turn("S3", ["The pharmacist on our ward checks the insulin charts daily."], role="participant"),
        ],
        kind="session",
    )
    chains = _chains([session])
    assert chains[["error", "recovery", "error_segment_id", "recovery_segment_id"]].values.tolist() == [
        [ERROR, RECOVERY, "s1-0", "s1-2"]
    ]
    assert _chains([session], KnowledgeConfig(min_group_size=4)).empty  # the session is suppressed
    session.turns[2].speaker = "S2"  # another speaker's sentence is not this error's recovery
    assert _chains([session]).empty


def test_no_chain_from_a_suppressed_theme_or_a_non_consenting_contributor() -> None:
    assert _chains([_story("d1", "P-a")]).empty  # one contributor in the theme: below k
    assert not _chains([_story("d1", "P-a")], KnowledgeConfig(min_group_size=1)).empty
    assert _chains([_story("d1", "P-a", quotable=False), *_others()]).empty


def test_hedges_and_chat_are_never_steps() -> None:
    doc = Doc(
        "d1",
        [
            Turn(
                "P-a",
                ["I think that's fine.", ERROR, "Thanks, everyone."],
                signals=[(0, "uncertainty", "doxastic", 0.99), (1, "error", "near_miss", 0.9)],
            ),
        ],
    )
    chains = find_chains(sentence_frame(chain_segments(inputs([doc])), inputs([doc]).signals))
    assert chains == []


def test_errors_shown_with_the_chain_recovery() -> None:
    ins = inputs([_story("d1", "P-a"), *_others()])
    knowledge, _ = build_knowledge(ins, "r1", KnowledgeConfig())
    row = knowledge[knowledge["scope_id"] == "T1"].iloc[0]
    (error,) = [i for i in row["errors"] if i["text"] == ERROR]
    assert error["detail"] == RECOVERY


def test_the_speed_prefilter_never_hides_a_cue() -> None:
    """A sentence with no signal is skipped unless it holds a trigger substring: never one a cue would match."""
    from pathlib import Path

    from storymine.knowledge.chains import _MAYBE, RECOVERY_CUE
    from storymine.knowledge.rank import _DOUBT, _MARKERS

    texts = [DOUBT, ERROR, RECOVERY, LESSON, "I couldn't tell which pen it was.", "Who owns the discharge letter?"]
    cered = Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "cered-reflections" / "en_train.tsv"
    if cered.exists():
        texts += pd.read_csv(cered, sep="\t")["sentence"].astype(str).tolist()
    patterns = [RECOVERY_CUE, _DOUBT, _MARKERS["lesson"], _MARKERS["experiment"], _MARKERS["error"]]
    for text in texts:
        if any(p.search(text) for p in patterns):
            low = text.lower().replace("’", "'")
            assert any(m in low for m in _MAYBE), text
