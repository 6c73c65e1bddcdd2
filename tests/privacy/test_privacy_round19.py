"""Recogniser round 19 (issue #18): what new independent corpora showed the rules did not see, generalised;
and the over-redaction to guard against.
"""

from __future__ import annotations

import pytest

from storymine.privacy import Redactor

from .conftest import assert_redacted


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # "know … as" is an alias cue with an object, "only" or a quote; "what we know as Christians" is none
        ("What we know as Christians is love.", [], ["Christians"]),
        ("a lad I know as 'Smiler' came. I only know as Jonno the other one.", ["Smiler", "Jonno"], ["a lad"]),
        # what someone is called may be a relation or a pet name
        ("She always called her Mum when scared; the lads called him Boss.", [], ["Mum", "Boss"]),
        ("They called him Kenny. We call her Precious.", ["Kenny", "Precious"], ["They called him"]),
    ],
)
def test_round19_names(model_redactor: Redactor, text: str, gone: list[str], kept: list[str]) -> None:
    assert_redacted(model_redactor.redact_document([text]).texts[0], gone, kept)
