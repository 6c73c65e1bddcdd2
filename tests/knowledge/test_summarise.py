from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from storymine.knowledge import KNOWLEDGE, LESSONS, KnowledgeConfig, KnowledgeInputs, build_knowledge
from storymine.knowledge.cache import ItemsCache
from storymine.knowledge.dedupe import cluster_sentences
from tests.redacted import as_written, stored_inputs

SENTENCES = {
    # segment: (doc, speaker, role, quotable, theme, text)
    "s1": (
        "d1",
        "P-a",
        "nurse",
        True,
        "T1",
        "I wasn't sure whether to escalate. Next time I will call the outreach team straight away.",
    ),
    "s2": (
        "d2",
        "P-b",
        "nurse",
        True,
        "T1",
        "We nearly gave the wrong insulin. The pharmacist caught it before the round.",
    ),
    "s3": (
        "d3",
        "P-c",
        "doctor",
        False,
        "T1",
        "Next time I'll call the outreach team straight away. It went really well.",
    ),
    "s4": ("d4", "P-d", "nurse", True, "T2", "We tried a new checklist. It went really well."),
    "s5": ("d5", "P-d", "nurse", True, "T2", "Next time I will ask the family first."),
}


def _inputs(previous: pd.DataFrame | None = None) -> KnowledgeInputs:
    docs = pd.DataFrame(
        [
            {
                "doc_id": d,
                "kind": "story",
                "title": f"t{d}",
                "community": "Acute Medicine" if d != "d4" else "Community Nursing",
                "recorded_at": date(2025, 1 + i, 5),
            }
            for i, d in enumerate(["d1", "d2", "d3", "d4", "d5"])
        ]
    )
    seg_rows, sig_rows = [], []
    for sid, (doc, who, role, quotable, _theme, text) in SENTENCES.items():
        first_end = text.index(".") + 1
        seg_rows.append(
            {
                "segment_id": sid,
                "doc_id": doc,
                "ordinal": 0,
                "speaker": who,
                "speaker_role": role,
                "quotable": quotable,
                "text": text,
                "sentence_starts": [0, first_end + 1],
                "sentence_ends": [first_end, len(text)],
            }
        )
    segments = pd.DataFrame(seg_rows)

    def sig(sid: str, kind: str, subtype: str, cue: str, idx: int) -> None:
        seg = segments.set_index("segment_id").loc[sid]
        start = seg["text"].index(cue)
        sentence = seg["text"][seg["sentence_starts"][idx] : seg["sentence_ends"][idx]]
        sig_rows.append(
            {
                "signal_id": f"{sid}{kind}{start}",
                "segment_id": sid,
                "doc_id": seg["doc_id"],
                "kind": kind,
                "subtype": subtype,
                "cue": cue,
                "sentence_index": idx,
                "sentence": sentence,
                "cue_start": start,
                "cue_end": start + len(cue),
                "score": 0.9,
                "detector": f"storymine.{kind}.v1",
                "detector_version": "1",
            }
        )

    sig("s1", "uncertainty", "epistemic", "wasn't sure", 0)
    sig("s1", "lesson", "intention", "Next time", 1)
    sig("s2", "error", "near_miss", "nearly", 0)
    sig("s2", "error", "recovery", "caught it", 1)
    sig("s3", "lesson", "intention", "Next time", 0)
    sig("s3", "positive", "went_well", "went really well", 1)
    sig("s4", "experiment", "tried", "tried", 0)
    sig("s4", "positive", "went_well", "went really well", 1)
    sig("s5", "lesson", "intention", "Next time", 0)
    themes = pd.DataFrame(
        [
            {
                "theme_id": "T1",
                "label": "escalation",
                "status": "new",
                "representative_segment_ids": ["s3", "s1"],
            },
            {"theme_id": "T2", "label": "checklists", "status": "new", "representative_segment_ids": ["s4"]},
        ]
    )
    seg_themes = pd.DataFrame([{"segment_id": s, "theme_id": v[4]} for s, v in SENTENCES.items()])
    return stored_inputs(KnowledgeInputs(docs, segments, pd.DataFrame(sig_rows), themes, seg_themes, previous))


def test_theme_summary_merges_near_duplicate_lessons_and_pairs_errors_with_recoveries() -> None:
    ins = _inputs()
    knowledge, lessons = build_knowledge(ins, "r1")
    as_written(KNOWLEDGE.name, knowledge, ins)
    as_written(LESSONS.name, lessons, ins)
    t1 = knowledge[knowledge["scope_id"] == "T1"].iloc[0]
    assert not t1["suppressed"] and t1["n_contributors"] == 3 and t1["n_documents"] == 3
    (lesson,) = t1["lessons"]
    assert lesson["n_mentions"] == 2 and lesson["n_contributors"] == 2
    assert lesson["text"] == "Next time I will call the outreach team straight away."  # the quotable mention
    # two contributors, below k = 3: shown, but without the segments that would lead back to them
    assert lesson["segment_ids"] == []
    (error,) = t1["errors"]
    assert (
        error["text"] == "We nearly gave the wrong insulin."
        and error["detail"] == "The pharmacist caught it before the round."
    )
    assert t1["lesson_rate"] == pytest.approx(100 * 2 / 6, abs=0.01)
    assert t1["trend"] == "new"


def test_non_consenting_contributors_are_counted_but_never_quoted() -> None:
    knowledge, _ = build_knowledge(_inputs(), "r1")
    t1 = knowledge[knowledge["scope_id"] == "T1"].iloc[0]
    assert t1["positive_rate"] > 0  # s3's positive counts …
    assert list(t1["positives"]) == []  # … but s3 (no consent) is never shown
    assert all(q["segment_id"] != "s3" for q in t1["quotes"])
    quote = t1["quotes"][0]
    spans = [quote["text"][a:b] for a, b in zip(quote["highlight_starts"], quote["highlight_ends"], strict=True)]
    assert "wasn't sure" in spans


def test_groups_below_k_contributors_are_suppressed() -> None:
    knowledge, lessons = build_knowledge(_inputs(), "r1")
    t2 = knowledge[knowledge["scope_id"] == "T2"].iloc[0]  # one contributor
    assert t2["suppressed"] and pd.isna(t2["n_documents"]) and list(t2["lessons"]) == [] and list(t2["quotes"]) == []
    # nothing describes a suppressed theme: no label, no communities (and the report shows no keywords)
    assert pd.isna(t2["label"]) and list(t2["communities"]) == []
    assert "Next time I will ask the family first." not in set(lessons["text"])
    k1, _ = build_knowledge(_inputs(), "r1", KnowledgeConfig(min_group_size=1))
    assert not k1[k1["scope_id"] == "T2"].iloc[0]["suppressed"]


def test_trend_against_previous_run() -> None:
    first, _ = build_knowledge(_inputs(), "r1")
    prev = first.assign(n_documents=first["n_documents"].map(lambda n: None if pd.isna(n) else 1))
    second, _ = build_knowledge(_inputs(previous=prev), "r2")
    t1 = second[second["scope_id"] == "T1"].iloc[0]
    assert t1["trend"] == "rising" and t1["n_documents_previous"] == 1


def test_cluster_sentences_is_order_stable() -> None:
    texts = [
        "Next time I will ring the ward first.",
        "Always check the chart.",
        "next time I'll ring the ward first!",
    ]
    assert cluster_sentences(texts, 0.5) == [0, 1, 0]
    assert cluster_sentences([*texts, "Something new entirely."], 0.5)[:3] == [0, 1, 0]


def test_placeholders_do_not_make_sentences_look_different() -> None:
    from storymine.knowledge.dedupe import normalise_for_matching

    assert normalise_for_matching("I rang [PERSON_1] at home.") == normalise_for_matching("I rang [PERSON_2] at home!")
    assert "person" not in normalise_for_matching("I rang [PERSON_1] at home.")


def test_items_cache_gives_identical_results_and_reclusters_only_changed_groups(tmp_path: Path) -> None:
    cfg = KnowledgeConfig(min_group_size=1)
    path = tmp_path / "cache" / "items.json.gz"
    fresh = build_knowledge(_inputs(), "r1", cfg)
    first = ItemsCache(path)
    build_knowledge(_inputs(), "r1", cfg, first)
    first.save()
    assert first.hits == 0 and first.misses > 0 and path.exists()
    second = ItemsCache(path)  # read back from disk: dates and numbers went through JSON
    again = build_knowledge(_inputs(), "r1", cfg, second)
    assert second.misses == 0 and second.hits == first.misses
    for a, b in zip(fresh, again, strict=True):
        assert a.astype(str).equals(b.astype(str))

    # a changed lesson in T2 re-clusters T2's lessons only
    inputs = _inputs()
    signals = inputs.signals.copy()
    signals.loc[signals["segment_id"] == "s5", "sentence"] = "Next time I will ask the family first, always."
    changed = dataclasses.replace(inputs, signals=signals)
    third = ItemsCache(path)
    knowledge, _ = build_knowledge(changed, "r2", cfg, third)
    assert third.misses == 1 and third.hits == first.misses - 1
    assert build_knowledge(changed, "r2", cfg)[0].astype(str).equals(knowledge.astype(str))


def test_damaged_items_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "items.json.gz"
    path.write_bytes(b"not gzip")
    cache = ItemsCache(path)
    knowledge, _ = build_knowledge(_inputs(), "r1", KnowledgeConfig(), cache)
    assert cache.hits == 0 and not knowledge.empty


def test_blocked_similarities_give_the_same_clusters_as_one_block() -> None:
    from storymine.knowledge.dedupe import SentenceSpace

    base = ["next time I will ring the ward first", "I was not sure whether to escalate", "it went really well"]
    texts = [f"{base[i % 3]} {'again' * (i % 4)} {i % 5}" for i in range(60)]
    space = SentenceSpace(texts)
    whole = space.cluster(range(60), 0.5, block=1000)
    assert space.cluster(range(60), 0.5, block=7) == whole == space.cluster(range(60), 0.5, block=1)
    assert len(set(whole)) < 60  # near-duplicates really were merged
