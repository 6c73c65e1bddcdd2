"""Issue #15's acceptance points about knowledge items, checked on a real output folder (the sample run)."""

from __future__ import annotations

import re
from pathlib import Path

# Independent of storymine.knowledge.rank: what a reader of the issue calls a ritual line or a prompt.
RITUAL = re.compile(
    r"^\W*(thanks|thank you|cheers|hi|hello|welcome|good (morning|afternoon)|bye|sounds good|brilliant|great|"
    r"lovely|perfect|yeah|ok|okay|that's (really |so |a really |a )?(good|great|helpful|brilliant|lovely))\W*"
    r"(everyone|all|so much|very much)?\W*$",
    re.I,
)
PROMPT = re.compile(r"^\W*(just think about|who'd like to|does anyone|would anyone|what did you|how did you)\b", re.I)


def check_knowledge_output(out: Path, min_chains: int = 5) -> None:
    """Assert the item rules of issue #15 on the latest run of ``out``."""
    from storymine.store import Store

    store = Store(str(out))
    knowledge = store.read("knowledge")
    latest = knowledge[(knowledge["run_id"] == knowledge["run_id"].max()) & ~knowledge["suppressed"].astype(bool)]
    segments = store.read("segments").set_index("segment_id")
    for row in latest.to_dict("records"):
        homes: dict[str, str] = {}
        for section in ("lessons", "open_questions", "errors", "positives", "experiments"):
            for item in row[section]:
                text = str(item["text"])
                assert not RITUAL.search(text), (section, text)
                assert not PROMPT.search(text), (section, text)
                assert homes.setdefault(text, section) == section, f"{text!r} in {homes[text]} and {section}"
                if section == "errors" and isinstance(item["detail"], str):
                    assert str(item["detail"]).strip() != text.strip()
                    assert str(item["detail"]) not in text and text not in str(item["detail"])
    chains = store.read("chains")
    chains = chains[chains["run_id"] == chains["run_id"].max()]
    assert len(chains) >= min_chains
    assert chains["chain_id"].is_unique
    for chain in chains.to_dict("records"):
        roles = [r for r in ("doubt", "error", "recovery", "lesson") if isinstance(chain[r], str)]
        steps = [(str(chain[r]), str(chain[f"{r}_segment_id"])) for r in roles]
        assert len(steps) == chain["n_steps"] >= 2
        assert "error" in roles or "lesson" in roles
        assert len({text for text, _ in steps}) == len(steps)  # different sentences
        where = [(int(segments.loc[seg, "ordinal"]), str(segments.loc[seg, "text"]).find(text)) for text, seg in steps]
        assert where == sorted(where)  # document order
        for text, seg in steps:
            assert segments.loc[seg, "doc_id"] == chain["doc_id"]
            assert segments.loc[seg, "speaker_role"] != "facilitator"
            assert bool(segments.loc[seg, "quotable"])
            assert text in str(segments.loc[seg, "text"])
