"""Redraw docs/report.png, the README's picture of the review page (``make screenshot``).

Renders the review page of the newest release in ``dist/`` (building one from
``seeds/`` when there is none) into a temporary folder, opens it in headless
Chromium, clicks a statement so that the details panel shows its row, and
saves the window as a PNG.

Needs Playwright's Python client (a dev dependency) and a Chromium: Debian's
``/usr/bin/chromium`` by default, another one through ``--chromium`` or the
``CHROMIUM`` environment variable. Nothing is downloaded.

    python docs/screenshot.py [--release dist/X] [--out docs/report.png]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataset.release import layout, report  # noqa: E402

#: The window, in CSS pixels.
WIDTH, HEIGHT = 1280, 900


def release_to_show(given: Path | None) -> Path:
    """``given``, or the newest release in dist/, built from seeds/ when dist/ has none."""
    if given is not None:
        return given
    dist = ROOT / "dist"
    if not layout.releases(dist):
        import dataset

        return dataset.build(ROOT / "seeds", dist).release.path
    return layout.newest_release(dist)


def pick_statement(page: object) -> str:
    """The statement to click: a direct quote of the last source whose speaker has a Wikidata
    id (so the panel shows a link), else the first statement."""
    return str(
        page.evaluate(  # type: ignore[attr-defined]
            """() => {
              const data = JSON.parse(document.getElementById("report-data").textContent);
              const rows = Object.values(data.statements)
                .sort((a, b) => a.source_id > b.source_id ? -1 : a.source_id < b.source_id ? 1
                                : a.char_start - b.char_start);
              const good = rows.find((r) => r.speaker_id && data.speakers[r.speaker_id]
                                    && data.speakers[r.speaker_id].wikidata_id
                                    && r.kind === "direct" && r.venue === null
                                    && !r.parent_statement_id);
              return (good || rows[0]).statement_id;
            }"""
        )
    )


def shoot(html: Path, out: Path, chromium: str) -> None:
    """Open ``html`` in Chromium, select a statement, save the window to ``out``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(report.CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(html.as_uri())
            sid = pick_statement(page)
            mark = page.locator(f'mark[data-statement-id="{sid}"]')
            # The statement's source at the top of the window, under the filters.
            page.evaluate(
                """(sid) => {
                  const source = document.querySelector(`mark[data-statement-id="${sid}"]`)
                    .closest(".source");
                  const bar = document.querySelector(".filters").offsetHeight;
                  window.scrollTo(0, source.getBoundingClientRect().top + window.scrollY
                                     - bar - 12);
                }""",
                sid,
            )
            mark.click()
            page.mouse.move(5, 5)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", type=Path, help="a release folder (default: newest in dist/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument(
        "--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"), help="the browser"
    )
    args = parser.parse_args(argv)
    if not Path(args.chromium).is_file():
        print(f"screenshot: no Chromium at {args.chromium} (give --chromium PATH)", file=sys.stderr)
        return 2
    release = release_to_show(args.release)
    with tempfile.TemporaryDirectory() as tmp:
        html = report.write_report(release, Path(tmp) / layout.REPORT)
        shoot(html, args.out, args.chromium)
    print(f"wrote {args.out} from {release}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
