"""Test fixtures' text as the store would hold it: free-text columns as Redacted values (#18).

Tests build frames from plain strings; :func:`as_stored` gives them the type the store's gate requires,
exactly as :meth:`storymine.store.Store.read` does for what it reads back.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pyarrow as pa

from storymine.knowledge import KnowledgeInputs
from storymine.store.schema import redacted_frame, spec_for, to_arrow, vouch_frame


def as_stored(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the free-text columns of ``table`` as Redacted values (object columns)."""
    return redacted_frame(spec_for(table), frame)


def stored_inputs(ins: KnowledgeInputs) -> KnowledgeInputs:
    """Knowledge inputs as the stage reads them from the store: their text columns Redacted."""
    return replace(
        ins,
        documents=as_stored("documents", ins.documents),
        segments=as_stored("segments", ins.segments),
        signals=as_stored("signals", ins.signals),
        themes=as_stored("themes", ins.themes),
    )


def as_written(table: str, frame: pd.DataFrame, ins: KnowledgeInputs) -> pa.Table:
    """``frame`` through the knowledge stage's gate (vouched by its vocabulary) and the store's validator.

    Nothing may be withheld: every text a knowledge table holds is made of the redacted inputs' words.
    """
    from storymine.stages.knowledge import knowledge_vocabulary

    spec = spec_for(table)
    vouched, withheld = vouch_frame(spec, frame, knowledge_vocabulary(ins))
    assert withheld == 0
    return to_arrow(spec, vouched)
