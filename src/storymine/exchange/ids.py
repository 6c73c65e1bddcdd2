"""Stable REFI-QDA guids: UUID5 of what an element stands for, so a code keeps its guid across exports."""

from __future__ import annotations

import uuid

# A fixed namespace for every guid storymine writes (uuid5 of the project's name in the URL namespace).
STORYMINE_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://storymine/refi-qda")


def guid(*parts: str) -> str:
    """The guid of the element named by ``parts`` (e.g. ``guid("code", "kind", "error")``)."""
    return str(uuid.uuid5(STORYMINE_NS, "\x1f".join(parts)))


def kind_guid(kind: str) -> str:
    """Guid of a signal kind's code."""
    return guid("code", "kind", kind)


def subtype_guid(kind: str, subtype: str) -> str:
    """Guid of a signal subtype's code (a child of its kind's code)."""
    return guid("code", "subtype", kind, subtype)


def themes_guid() -> str:
    """Guid of the (not codable) parent code of every theme code."""
    return guid("code", "themes")


def theme_guid(theme_id: str) -> str:
    """Guid of a theme's code, from its stable ``theme_id``."""
    return guid("code", "theme", theme_id)


def source_guid(doc_id: str) -> str:
    """Guid of a document's text source."""
    return guid("source", doc_id)


def user_guid() -> str:
    """Guid of the user 'storymine' who made every exported coding."""
    return guid("user", "storymine")
