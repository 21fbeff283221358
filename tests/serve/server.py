"""`drafter serve` started as a person starts it, on a copy of the example project, for the
tests and for tools/screenshots.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The browser the browser tests use: Debian's chromium (Playwright's own download cannot be reached).
CHROMIUM = os.environ.get("DRAFTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def example_project(folder: Path) -> Path:
    """A copy of the example project (drafter.toml, data/, answer_templates/) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "drafter.toml", folder / "drafter.toml")
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "answer_templates", folder / "answer_templates")
    (folder / "output").mkdir()
    return folder


@dataclass
class Server:
    process: subprocess.Popen
    address: str  # with the token
    project: Path

    @property
    def base(self) -> str:
        return self.address.split("/?", 1)[0]

    @property
    def token(self) -> str:
        return self.address.split("token=", 1)[1]

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def stop(self) -> str:
        """Stop it as Ctrl-C does; what it printed."""
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out


def start(project: Path, *args: str, lang: str = "en") -> Server:
    """drafter serve on project, its pages in `lang`: by default English, the language the tests
    are written in (the project's own is Dutch: tools/screenshots.py asks for nl)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser", "--lang", lang, "--project",
                                str(project), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    first = process.stdout.readline()
    found = re.search(r"http://\S+", first)
    if not found:
        process.kill()
        raise RuntimeError(f"drafter serve did not start: {first}{process.stdout.read()}")
    return Server(process, found.group(0), project)
