"""Redaction and pseudonymisation of personal data, run in ingestion before anything is stored.

>>> from storymine.privacy import RedactionConfig, Redactor
>>> r = Redactor(RedactionConfig(ner="off"))
>>> r.redact_document(["Call Doreen on 07700 900123."], known_names=["Doreen Hartley"]).texts
('Call [PERSON_1] on [PHONE_1].',)
"""

from storymine.privacy.ner import ModelUnavailableError
from storymine.privacy.patterns import is_valid_nhs_number
from storymine.privacy.pseudonym import load_pseudonym_key, pseudonymise
from storymine.privacy.redactor import (
    PLACEHOLDER_KINDS,
    Analysis,
    RedactedDocument,
    RedactionConfig,
    Redactor,
    Span,
)
from storymine.privacy.sanitise import sanitise_text

__all__ = [
    "PLACEHOLDER_KINDS",
    "Analysis",
    "ModelUnavailableError",
    "RedactedDocument",
    "RedactionConfig",
    "Redactor",
    "Span",
    "is_valid_nhs_number",
    "load_pseudonym_key",
    "pseudonymise",
    "sanitise_text",
]
