"""Redaction and pseudonymisation of personal data, run in ingestion before anything is stored.

>>> from storymine.privacy import RedactionConfig, Redactor
>>> r = Redactor(RedactionConfig(ner="off"))
>>> r.redact_document(["Call Doreen on 07700 900123."], known_names=["Doreen Hartley"]).texts
('Call [PERSON_1] on [PHONE_1].',)

The names below load on first use, so that importing :mod:`storymine.privacy.redacted` (the store's gate)
does not load spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storymine.privacy.ner import ModelUnavailableError
    from storymine.privacy.patterns import is_valid_nhs_number
    from storymine.privacy.pseudonym import load_pseudonym_key, pseudonymise
    from storymine.privacy.redacted import Redacted
    from storymine.privacy.redactor import (
        PLACEHOLDER_KINDS,
        Analysis,
        RedactedDocument,
        RedactionConfig,
        Redactor,
        Span,
    )
    from storymine.privacy.sanitise import sanitise_text

_WHERE = {
    "ModelUnavailableError": "ner",
    "is_valid_nhs_number": "patterns",
    "load_pseudonym_key": "pseudonym",
    "pseudonymise": "pseudonym",
    "Redacted": "redacted",
    "PLACEHOLDER_KINDS": "redactor",
    "Analysis": "redactor",
    "RedactedDocument": "redactor",
    "RedactionConfig": "redactor",
    "Redactor": "redactor",
    "Span": "redactor",
    "sanitise_text": "sanitise",
}

__all__ = [
    "PLACEHOLDER_KINDS",
    "Analysis",
    "ModelUnavailableError",
    "Redacted",
    "RedactedDocument",
    "RedactionConfig",
    "Redactor",
    "Span",
    "is_valid_nhs_number",
    "load_pseudonym_key",
    "pseudonymise",
    "sanitise_text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'storymine.privacy' has no attribute {name!r}")
    return getattr(importlib.import_module(f"storymine.privacy.{module}"), name)
