"""Screenshots of every page of `drafter serve`, on a copy of the example project.

    .venv/bin/python tools/screenshots.py [FOLDER]     (default: /tmp/drafter-screenshots)

Uses Debian's chromium through Playwright (apt-get install chromium). The pictures are for
people to look at (docs, reviews); they are not kept in the repository.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.serve.server import CHROMIUM, CHROMIUM_ARGS, example_project, start  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/drafter-screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = start(example_project(Path(tmp) / "project"))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.base + "/")
                page.screenshot(path=str(out / "0-login.png"), full_page=True)
                page.goto(server.address)
                page.screenshot(path=str(out / "1-followup.png"), full_page=True)
                page.goto(server.base + "/problems")
                page.screenshot(path=str(out / "2-problems.png"), full_page=True)
                page.goto(server.base + "/q/2019-2020/4")
                page.screenshot(path=str(out / "3-question.png"), full_page=True)
                page.goto(server.base + "/intake")
                page.screenshot(path=str(out / "4-intake.png"), full_page=True)
                # a draft, then its figures verified
                page.goto(server.base + "/q/2019-2020/4")
                with page.expect_download() as download:
                    page.click("#draft")
                drafted = Path(tmp) / "draft.docx"
                download.value.save_as(drafted)
                page.set_input_files("input[name=file][accept='.docx']", str(drafted))
                page.click("#verify")
                page.screenshot(path=str(out / "5-verify.png"), full_page=True)
                # two people on one entry: the second sees both versions
                other = browser.new_page(viewport={"width": 1280, "height": 900})
                other.goto(server.address)
                for each in (page, other):
                    each.goto(server.base + "/q/2019-2020/4")
                page.fill("#part-1-text", "De tekst van de eerste.")
                page.click("#save")
                other.fill("#part-1-text", "De tekst van de tweede.")
                other.click("#save")
                other.locator("section.conflict").screenshot(path=str(out / "6-conflict.png"))
                browser.close()
        finally:
            server.stop()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
