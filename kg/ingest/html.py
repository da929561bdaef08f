"""Reduce a news web page to its title, date and main text with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PageContent:
    title: str | None
    published: str | None
    text: str
    url: str | None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document rather than text with stray tags."""
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def extract_page(html_text: str, url: str | None = None) -> PageContent:
    """Main text and metadata of a news page (boilerplate, menus and scripts removed)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html_text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return PageContent(title=None, published=None, text="", url=url)
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return PageContent(
        title=get("title"), published=get("date"), text=get("text") or "", url=get("url") or url
    )
