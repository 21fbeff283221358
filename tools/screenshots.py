"""Screenshots of the pages of `drafter serve`, on a copy of the example project, in Dutch.

    .venv/bin/python tools/screenshots.py [FOLDER] [--lang nl]   every page, full size (default /tmp/drafter-screenshots)
    .venv/bin/python tools/screenshots.py --guide                the Dutch user guide's pictures, in docs/gids/img/

Uses Debian's chromium through Playwright (apt-get install chromium) and, for --guide, Pillow.
No picture is kept in the repository. The full-size pictures are for people to look at (reviews).
The guide's pictures are a few small ones (at most GUIDE_WIDTH pixels wide, a palette of colours,
each under GUIDE_MAX_BYTES), made by `scripts/dev docs` before the site is built, and by the docs
test when they are missing, so they always show the pages as they are.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.server import CHROMIUM, CHROMIUM_ARGS, example_project, start  # noqa: E402

#: chromium's own words on the page (a file field's "Choose File") in Dutch too, as a Flemish
#: civil servant's browser shows them
BROWSER_ARGS = [*CHROMIUM_ARGS, "--lang=nl-BE"]

GUIDE = ROOT / "docs" / "gids" / "img"
GUIDE_WIDTH = 900
GUIDE_MAX_BYTES = 120_000
#: The guide's pictures: file name, page, and how much of it (pixels from the top) a reader needs.
GUIDE_PAGES = (
    ("opvolging.png", "/", 620),
    ("vraag.png", "/q/2019-2020/5", 1500),
    ("problemen.png", "/problems", 700),
)


@contextlib.contextmanager
def browsing(folder: Path, lang: str, width: int, height: int):
    """drafter serve on a copy of the example project in folder, and a Dutch-speaking chromium
    with one page open on it: (server, browser, page); both stopped afterwards."""
    from playwright.sync_api import sync_playwright

    server = start(example_project(folder / "project"), lang=lang)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, env={**os.environ, "LANGUAGE": "nl"})
            try:
                yield server, browser, browser.new_page(viewport={"width": width, "height": height}, locale="nl-BE")
            finally:
                browser.close()
    finally:
        server.stop()


def every_page(out: Path, lang: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, browsing(Path(tmp), lang, 1280, 900) as (server, browser, page):
        page.goto(server.base + "/")
        page.screenshot(path=str(out / "0-login.png"), full_page=True)
        page.goto(server.address)
        page.screenshot(path=str(out / "1-followup.png"), full_page=True)
        page.goto(server.base + "/problems")
        page.screenshot(path=str(out / "2-problems.png"), full_page=True)
        page.goto(server.base + "/q/2019-2020/4")
        page.screenshot(path=str(out / "3-question.png"), full_page=True)
        page.goto(server.base + "/q/2019-2020/5")
        page.screenshot(path=str(out / "3b-question-blocks.png"), full_page=True)
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
        # a date that is none: said next to its field
        page.goto(server.base + "/q/2019-2020/4")
        page.fill("#sent-date", "31/02/2020")
        page.click("#sent")
        page.locator("section.actions").screenshot(path=str(out / "6-date.png"))
        # two people on one entry: the second sees both versions
        other = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-BE")
        other.goto(server.address)
        for each in (page, other):
            each.goto(server.base + "/q/2019-2020/4")
        page.fill("#part-1-text", "De tekst van de eerste.")
        page.click("#save")
        other.fill("#part-1-text", "De tekst van de tweede.")
        other.click("#save")
        other.locator("section.conflict").screenshot(path=str(out / "7-conflict.png"))
    print(f"screenshots in {out}")


def small_png(png: bytes) -> bytes:
    """A screenshot as a small PNG for the guide: at most GUIDE_WIDTH wide, a palette of 64 colours
    (a page is flat colours and text: a palette keeps it sharp at a tenth of the size)."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    if picture.width > GUIDE_WIDTH:
        picture = picture.resize((GUIDE_WIDTH, round(picture.height * GUIDE_WIDTH / picture.width)), Image.LANCZOS)
    out = io.BytesIO()
    picture.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def guide(lang: str) -> None:
    GUIDE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, browsing(Path(tmp), lang, 1100, 800) as (server, _browser, page):
        page.goto(server.address)
        for name, path, height in GUIDE_PAGES:
            page.goto(server.base + path)
            shot = page.screenshot(full_page=True)
            from PIL import Image

            full = Image.open(io.BytesIO(shot))
            cut = io.BytesIO()
            full.crop((0, 0, full.width, min(full.height, height))).save(cut, format="PNG")
            data = small_png(cut.getvalue())
            if len(data) > GUIDE_MAX_BYTES:
                raise SystemExit(f"{name}: {len(data)} bytes, more than {GUIDE_MAX_BYTES}: cut it shorter")
            (GUIDE / name).write_bytes(data)
            print(f"{GUIDE / name}: {len(data) // 1000} kB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="/tmp/drafter-screenshots", type=Path)
    parser.add_argument("--lang", default="nl", help="the pages' language (default nl, the example project's)")
    parser.add_argument("--guide", action="store_true", help="write the Dutch user guide's small pictures instead")
    args = parser.parse_args(argv)
    if args.guide:
        guide(args.lang)
    else:
        every_page(args.folder, args.lang)


if __name__ == "__main__":
    main()
