"""Checks a written report folder: every link resolves to a file in it and every #anchor to an id."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) and tag != "use":
                self.links.append(str(found[name]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(root: Path) -> list[str]:
    """``page: link`` for every link that leaves the folder, misses its file or misses its anchor."""
    pages = {p.resolve(): parse(p) for p in root.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                broken.append(f"{path.relative_to(root.resolve())}: {link} (leaves the report)")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or root.resolve() not in target.parents:
                broken.append(f"{path.relative_to(root.resolve())}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(root.resolve())}: {link} (no such anchor)")
    return broken


ITEM = re.compile(r'<li><span class="it">(.*?)</span>(.*?)</li>', re.S)


def unlinked_items(root: Path) -> list[str]:
    """Items (``<li>`` of an item list) on any page that carry no link to a source turn."""
    out = []
    for path in root.rglob("*.html"):
        for text, rest in ITEM.findall(path.read_text(encoding="utf-8")):
            if 'class="src"' not in rest:
                out.append(f"{path.name}: {text[:60]}")
    return out


def duplicate_ids(root: Path) -> list[str]:
    """``page: id`` for every id used twice on one page (anchors must be unambiguous)."""
    out = []
    for path in root.rglob("*.html"):
        seen: set[str] = set()
        for found in re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")):
            if found in seen:
                out.append(f"{path.name}: {found}")
            seen.add(found)
    return out
