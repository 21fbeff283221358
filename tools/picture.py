"""Makes docs/img/antwoord.png, the picture of an answer in the README and on the site: the top
of the answer to question 4 of the example, drafted, converted by LibreOffice and cut by pdftoppm.

    python tools/picture.py        (needs soffice and pdftoppm, as the tests do)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img" / "antwoord.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        answer = Path(tmp) / "antwoord.docx"
        subprocess.run([sys.executable, "-m", "drafter", "answer", "-q", "4", "--project", str(ROOT),
                        "--output", str(answer), "--quiet"], check=True)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(answer)], check=True,
                       capture_output=True)
        # the header, the first answers and the table with its notes: 72 dpi, the page's top 60%
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-W", "595", "-H", "500",
                        "-singlefile", str(answer.with_suffix(".pdf")), str(TARGET.with_suffix(""))], check=True)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
