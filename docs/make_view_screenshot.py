"""Regenerate ``docs/img/view.png``: the HTML view of the AI-business test graph with one entity selected.

Run from anywhere: ``python docs/make_view_screenshot.py [--select OpenAI] [--out docs/img/view.png]``.
Needs Debian's Chromium (``apt-get install -y chromium``) and Playwright's Python package
(``pip install playwright``; never ``playwright install``). The page is opened from a ``file://`` URL and
any request for anything else is refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import launch_chromium, open_page, unavailable_reason, wait_for_layout  # noqa: E402
from view_fixtures import ai_business_graph  # noqa: E402

from kg.viz.html import write_html  # noqa: E402


def make_screenshot(out: Path, select: str, width: int, height: int) -> None:
    """Write the fixture graph's page, click the ``select`` node like a user would, and save a PNG."""
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "view.html"
        write_html(ai_business_graph(), page_path)
        with (
            launch_chromium() as browser,
            open_page(browser, page_path.as_uri(), width=width, height=height) as (
                page,
                watch,
            ),
        ):
            wait_for_layout(page)
            node = page.evaluate(f"kgView.search({select!r})")
            if node is None:
                raise SystemExit(f"no entity matches {select!r}")
            page.evaluate("document.getElementById('kg-search').blur()")
            page.keyboard.press("0")  # fit the whole graph again, keeping the selection
            page.wait_for_timeout(200)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            problems = watch.console_errors + watch.page_errors + watch.network_requests
            if problems:
                raise SystemExit(f"the page reported problems: {problems}")
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "view.png")
    parser.add_argument("--select", default="OpenAI", help="label or alias of the entity to select")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    reason = unavailable_reason()
    if reason:
        raise SystemExit(reason)
    make_screenshot(args.out, args.select, args.width, args.height)


if __name__ == "__main__":
    main()
