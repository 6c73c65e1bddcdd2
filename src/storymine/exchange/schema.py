"""The REFI-QDA 1.0 schemas (packaged copies, MIT) and a safe parse-and-validate with lxml.

``schemas/Project.xsd`` and ``schemas/Codebook.xsd`` are the files of ``../shared/refi-qda`` (the
schemas as published by REFI, release 18 March 2019; see the notice inside each file).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from storymine.exchange.ty import CODEBOOK_NS, PROJECT_NS, ExchangeError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
_NS_RE = re.compile(r"^urn:QDA-XML:(project|codebook):(.*)$", re.IGNORECASE)
_POSITION = re.compile(r",? line \d+, column \d+$")
_SAME_AS_1_0 = {"1.0", "1", "1.00", "v1.0"}


@cache
def _schema(name: str) -> Any:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name), _parser()))


def _parser() -> Any:
    # no entities, no network, no DTD loading: a project file cannot reach outside itself
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_refi(data: bytes, what: str) -> Any:
    """Parse and validate a REFI-QDA document; ``what`` is ``project`` or ``codebook``.

    Returns the lxml root element, its namespace set to the 1.0 namespace when the file spells the
    same version differently (``urn:QDA-XML:project:1``). Raises :class:`ExchangeError` with one line
    for XML that is not well formed, a DOCTYPE, another root element, an unknown version, or a document
    the schema rejects.
    """
    file = "project.qde" if what == "project" else "the codebook"
    try:
        tree = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        message = _POSITION.sub("", _first_line(exc.msg))
        line, column = exc.position
        raise ExchangeError(f"{file} is not well-formed XML: {message} (line {line}, column {column})") from None
    if tree.getroottree().docinfo.doctype:
        raise ExchangeError(f"{file} has a DOCTYPE declaration; REFI-QDA files have none")
    root_tag = etree.QName(tree)
    match = _NS_RE.match(root_tag.namespace or "")
    expected_root = "Project" if what == "project" else "CodeBook"
    if match is None or match.group(1).lower() != what or root_tag.localname != expected_root:
        raise ExchangeError(
            f"{file} is not a REFI-QDA {what}: its root element is {root_tag.localname!r} in namespace "
            f"{root_tag.namespace or '(none)'!r}, not {expected_root!r} in urn:QDA-XML:{what}:1.0"
        )
    version = match.group(2).strip()
    if version.lower() not in _SAME_AS_1_0:
        raise ExchangeError(
            f"{file} uses QDA-XML {what} version {version!r}; storymine reads version 1.0 "
            f"(urn:QDA-XML:{what}:1.0): export the project from your tool again as REFI-QDA 1.0"
        )
    ns = PROJECT_NS if what == "project" else CODEBOOK_NS
    if root_tag.namespace != ns:
        for el in tree.iter():
            if isinstance(el.tag, str) and el.tag.startswith("{"):
                q = etree.QName(el)
                if q.namespace == root_tag.namespace:
                    el.tag = f"{{{ns}}}{q.localname}"
        etree.cleanup_namespaces(tree)
    schema = _schema("Project.xsd" if what == "project" else "Codebook.xsd")
    if not schema.validate(tree):
        error = next(iter(schema.error_log))
        detail = _first_line(str(error.message)).replace(f"{{{ns}}}", "")
        raise ExchangeError(f"{file} does not validate against the REFI-QDA 1.0 schema: line {error.line}: {detail}")
    return tree


def validate(data: bytes, what: str) -> None:
    """Raise :class:`ExchangeError` unless ``data`` is a valid REFI-QDA 1.0 ``project`` or ``codebook``."""
    parse_refi(data, what)


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"
