"""How much of the knowledge a facilitator reads is ritual, chat, hedges or prompts, and how many chains.

    python -m benchmarks.knowledge_items OUT [OUT ...]

Reads the latest run's ``knowledge`` rows (and ``chains`` when the table exists) of each output folder
and prints, per folder, the surface checks of issue #15: items per section, items under 30 characters,
ritual thank-yous/greetings/back-channel (an independent list of phrases, not the product's rules),
open questions that are "I think" statements without a question or doubt, sentences shown in two
sections of one card, errors whose recovery is their own sentence, and the learning chains. The
"chat (product rule)" line applies :func:`storymine.knowledge.rank.is_chat` to the same items (not an
independent check: it shows what the filter would remove).

    python -m benchmarks.knowledge_items --cered

Outside health care: on CEReD's train split (trainee teachers' diaries, ../shared/datasets), the share of
sentences labelled Learning, Intention, Difficulty and Other that the item rules would drop (chat, too
thin, or too unspecific without a marker of their section). Skips when the corpus is absent.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

import pandas as pd

SECTIONS = ("lessons", "open_questions", "errors", "positives", "experiments")
# Independent of storymine.knowledge.rank: the phrases a reader of the issue would call ritual or chat.
RITUAL = re.compile(
    r"^\W*(thanks|thank you|cheers|hi|hello|welcome|good (morning|afternoon)|bye|see you|sounds good|"
    r"brilliant|great|lovely|perfect|fair enough|absolutely|exactly|yeah|yes|ok|okay|mm|right|sure|"
    r"that's (really |so |very |a really |a )?(good|great|helpful|brilliant|useful|interesting|lovely)|"
    r"i'd find that|let's (start|begin|hear|move on|wrap))\b",
    re.I,
)
DOUBT = re.compile(r"\?|not sure|wasn't sure|unsure|whether|don't know|didn't know|wonder|unclear", re.I)


def measure(out: str) -> dict[str, object]:
    from storymine.knowledge.rank import is_chat, is_prompt
    from storymine.store import Store

    store = Store(out)
    knowledge = store.read("knowledge")
    latest = knowledge[knowledge["run_id"] == knowledge["run_id"].max()]
    latest = latest[~latest["suppressed"].astype(bool)]
    counts: Counter[str] = Counter()
    items: list[tuple[str, str]] = []
    two_homes = 0
    own_recovery = with_recovery = 0
    for row in latest.to_dict("records"):
        seen: dict[str, str] = {}
        for section in SECTIONS:
            for item in row[section]:
                text = str(item["text"])
                counts[section] += 1
                items.append((section, text))
                if text in seen and seen[text] != section:
                    two_homes += 1
                seen.setdefault(text, section)
                if section == "errors" and item["detail"]:
                    with_recovery += 1
                    own_recovery += str(item["detail"]).strip() in text or text in str(item["detail"])
    n = len(items)
    questions = [t for s, t in items if s == "open_questions"]
    result: dict[str, object] = {
        "run": str(latest["run_id"].max()) if not latest.empty else "-",
        "items": n,
        **{f"  {s}": counts[s] for s in SECTIONS},
        "under 30 characters": _share(sum(len(t) < 30 for _, t in items), n),
        "ritual/back-channel (independent phrases)": _share(sum(bool(RITUAL.search(t)) for _, t in items), n),
        "chat (product rule)": _share(sum(is_chat(t) for _, t in items), n),
        "prompt-shaped (product rule)": _share(sum(is_prompt(t) for _, t in items), n),
        "open questions ending in '?'": _share(sum(t.rstrip().endswith("?") for t in questions), len(questions)),
        "open questions with 'I think' and no doubt": _share(
            sum("i think" in t.lower() and not DOUBT.search(t) for t in questions), len(questions)
        ),
        "sentences in two sections of one card": two_homes,
        "errors shown with a recovery": with_recovery,
        "  of them recovery = own sentence": own_recovery,
    }
    lessons = store.read("lessons")
    result["lessons table rows"] = int((lessons["run_id"] == lessons["run_id"].max()).sum()) if len(lessons) else 0
    if "chains" in store.table_names() and store.version("chains") is not None:
        chains = store.read("chains")
        chains = chains[chains["run_id"] == chains["run_id"].max()]
        result["learning chains"] = len(chains)
        result["  with error and recovery"] = int((chains["error"].notna() & chains["recovery"].notna()).sum())
        result["  with a lesson"] = int(chains["lesson"].notna().sum())
        result["  steps 2/3/4"] = "/".join(str(int((chains["n_steps"] == k).sum())) for k in (2, 3, 4))
    else:
        result["learning chains"] = "no chains table"
    return result


def _share(k: int, n: int) -> str:
    return f"{k} of {n} ({100 * k / n:.0f} %)" if n else "0 of 0"


def cered() -> int:
    from pathlib import Path

    from storymine.knowledge.rank import MIN_SPECIFICITY, is_chat, kind_fit, specificity, traits

    path = Path("../shared/datasets/cered-reflections/en_train.tsv")
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    frame = pd.read_csv(path, sep="\t")

    def dropped(text: str, kind: str) -> bool:
        return kind_fit(text, kind, 0.6) == 0 or (
            specificity(text) < MIN_SPECIFICITY and kind not in traits(text).markers
        )

    rows = []
    for label, kind in [("Learning", "lesson"), ("Intention", "lesson"), ("Difficulty", "error"), ("Other", "lesson")]:
        texts = frame.loc[frame["y"] == label, "sentence"].astype(str)
        rows.append(
            {
                "label": label,
                "as section": kind,
                "sentences": len(texts),
                "chat": _share(int(texts.map(is_chat).sum()), len(texts)),
                "dropped": _share(int(texts.map(lambda t, k=kind: dropped(t, k)).sum()), len(texts)),
            }
        )
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--cered"]:
        return cered()
    if not argv:
        print("usage: python -m benchmarks.knowledge_items OUT [OUT ...]", file=sys.stderr)
        return 2
    frames = {out: measure(out) for out in argv}
    print(pd.DataFrame(frames).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
