"""Start Debian's headless Chromium (``/usr/bin/chromium``) through Playwright's Python package.

Never a browser downloaded by ``playwright install``: the tests use the system package
(``apt-get install -y chromium``) and skip, with the reason from :func:`unavailable_reason`, without it.
:class:`PageWatch` records what a page did that a test may want to forbid: console errors, uncaught
exceptions and every request (anything but a ``file://`` or ``data:`` URL is aborted and reported).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

LOCAL_SCHEMES = ("file:", "data:", "about:")


def unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright Python package is missing (pip install playwright; never `playwright install`)"
    return None


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A Playwright ``Browser`` running Debian's Chromium headless; closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """What a page logged and requested while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    @property
    def network_requests(self) -> list[str]:
        """Requests for anything that is not a local file or inline data."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@contextmanager
def open_page(
    browser: Any, url: str, *, width: int = 1280, height: int = 800, scale: float = 1
) -> Iterator[tuple[Any, PageWatch]]:
    """Open ``url`` in a fresh context, watching console, errors and requests from the first byte."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    watch = PageWatch()

    def guard(route: Any) -> None:
        request_url = route.request.url
        if request_url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            watch.blocked.append(request_url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.on("request", lambda request: watch.requests.append(request.url))
    try:
        page.goto(url)
        yield page, watch
    finally:
        context.close()


def wait_for_layout(page: Any, timeout_ms: int = 60_000) -> None:
    """Wait until the view's force layout has settled (``window.kgView.layoutDone()``)."""
    page.wait_for_function("() => window.kgView && window.kgView.layoutDone()", timeout=timeout_ms)
