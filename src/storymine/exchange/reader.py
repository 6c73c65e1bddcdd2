"""Read a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) that a person saved in another tool.

:func:`read_qdpx` takes the file's bytes and returns a :class:`QdaProject`, or raises
:class:`ExchangeError` with one line for a file that is not a zip, a zip without ``project.qde``, XML
that is not well formed or does not validate, or an unknown QDA-XML version. Text that a source points at
outside the project (``relative://``, ``absolute://``) is never read: such sources are reported.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from storymine.exchange.schema import parse_refi
from storymine.exchange.ty import CODEBOOK_NS, PROJECT_NS, ExchangeError, QdaCode, QdaProject, QdaSelection, QdaSource

MAX_MEMBER_BYTES = 512 * 1024 * 1024
EXPORT_MARKER = "storymine-export:"


def _tag(name: str, ns: str = PROJECT_NS) -> str:
    return f"{{{ns}}}{name}"


def _text(el: Any, name: str, ns: str = PROJECT_NS) -> str:
    child = el.find(_tag(name, ns))
    return str(child.text or "") if child is not None else ""


def read_codes(holder: Any, ns: str = PROJECT_NS) -> tuple[QdaCode, ...]:
    """Every code under a ``Codes`` element, parents before children, with its path of names."""
    out: list[QdaCode] = []

    def walk(el: Any, parent: QdaCode | None) -> None:
        name = str(el.get("name") or "")
        code = QdaCode(
            guid=str(el.get("guid")).strip("{}").lower(),
            name=name,
            path=(*parent.path, name) if parent else (name,),
            parent=parent.guid if parent else None,
            description=_text(el, "Description", ns),
            is_codable=str(el.get("isCodable")).lower() in ("true", "1"),
            color=el.get("color"),
        )
        out.append(code)
        for child in el.iterchildren(_tag("Code", ns)):
            walk(child, code)

    for el in holder.iterchildren(_tag("Code", ns)):
        walk(el, None)
    return tuple(out)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def _source_text(el: Any, zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> tuple[str | None, str]:
    content = el.find(_tag("PlainTextContent"))
    if content is not None:
        return str(content.text or ""), ""
    path = str(el.get("plainTextPath") or "")
    if not path:
        return None, "no plain text (plainTextPath or PlainTextContent)"
    if not path.lower().startswith("internal://"):
        return None, f"its text is outside the project ({path.split('://', 1)[0]}://); not read"
    name = path[len("internal://") :].lstrip("/")
    info = members.get(f"sources/{name}".lower())
    if info is None:
        return None, f"its text file Sources/{name} is not in the project"
    if info.file_size > MAX_MEMBER_BYTES:
        return None, f"its text file Sources/{name} is too large"
    try:
        return _decode(zf.read(info)), ""
    except UnicodeDecodeError:
        return None, f"its text file Sources/{name} is not UTF-8 text"


def _selections(el: Any) -> tuple[QdaSelection, ...]:
    out: list[QdaSelection] = []
    for sel in el.iterchildren(_tag("PlainTextSelection")):
        codes = tuple(
            str(ref.get("targetGUID")).strip("{}").lower()
            for coding in sel.iterchildren(_tag("Coding"))
            for ref in coding.iterchildren(_tag("CodeRef"))
        )
        out.append(
            QdaSelection(
                guid=str(sel.get("guid")).strip("{}").lower(),
                start=int(sel.get("startPosition")),
                end=int(sel.get("endPosition")),
                code_guids=codes,
                name=str(sel.get("name") or ""),
                description=_text(sel, "Description"),
            )
        )
    return tuple(out)


def read_qdpx(data: bytes) -> QdaProject:
    """The codebook, text sources and their coded selections of a ``.qdpx`` file."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise ExchangeError(
            "not a REFI-QDA project: the file is not a zip archive; export a .qdpx project from your QDA tool"
        ) from None
    with zf:
        members = {i.filename.lower(): i for i in zf.infolist() if not i.is_dir()}
        info = members.get("project.qde")
        if info is None:
            raise ExchangeError(
                "not a REFI-QDA project: the zip holds no project.qde at its top level "
                "(a .qdpx holds project.qde and a Sources folder)"
            )
        if info.file_size > MAX_MEMBER_BYTES:
            raise ExchangeError(f"project.qde is larger than {MAX_MEMBER_BYTES // 2**20} MiB; not read")
        try:
            xml = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ExchangeError(f"project.qde cannot be read from the zip: {exc}") from None
        root = parse_refi(xml, "project")
        codebook = root.find(_tag("CodeBook"))
        codes = read_codes(codebook.find(_tag("Codes"))) if codebook is not None else ()
        sources: list[QdaSource] = []
        n_other = 0
        holder = root.find(_tag("Sources"))
        for el in holder.iterchildren() if holder is not None else ():
            if el.tag != _tag("TextSource"):
                n_other += 1
                continue
            text, problem = _source_text(el, zf, members)
            sources.append(
                QdaSource(
                    guid=str(el.get("guid")).strip("{}").lower(),
                    name=str(el.get("name") or ""),
                    text=text,
                    selections=_selections(el),
                    problem=problem,
                )
            )
        notes = root.find(_tag("Notes"))
        return QdaProject(
            name=str(root.get("name") or ""),
            origin=str(root.get("origin") or ""),
            description=_text(root, "Description"),
            codes=codes,
            sources=tuple(sources),
            n_other_sources=n_other,
            n_notes=len(notes.findall(_tag("Note"))) if notes is not None else 0,
        )


def read_qdc(data: bytes) -> tuple[QdaCode, ...]:
    """The codes of a ``.qdc`` codebook."""
    root = parse_refi(data, "codebook")
    return read_codes(root.find(_tag("Codes", CODEBOOK_NS)), CODEBOOK_NS)


def export_marker(project: QdaProject) -> dict[str, Any] | None:
    """The options storymine wrote into the project's description, if the tool kept them."""
    for line in project.description.splitlines():
        if line.startswith(EXPORT_MARKER):
            try:
                value = json.loads(line[len(EXPORT_MARKER) :])
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None
