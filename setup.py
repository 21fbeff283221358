"""The build steps that pyproject.toml cannot say: the wheel carries the example project and
the compiled translation catalogs.

`drafter init` makes a project from the example -- drafter.toml, data/ (register, data,
notes) and answer_templates/ -- so the wheel holds a copy of them in drafter/example/. In the
checkout they stay where they are (the checkout is itself a project); an editable install
reads them there.

The catalogs (drafter/locale/<language>/LC_MESSAGES/drafter.po) are compiled to .mo into the
build, with Babel; a checkout reads the .po files themselves (drafter/i18n.py).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: The example project: the project file and its folders (drafter/commands/init.py copies the same).
EXAMPLE = ("drafter.toml", "data", "answer_templates")
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".~lock.*", "~$*", ".DS_Store", "Thumbs.db", ".*.lock",
                                 ".*.part")


class BuildWithExample(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        self.compile_catalogs()
        target = Path(self.build_lib) / "drafter" / "example"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in EXAMPLE:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIPPED)
            else:
                shutil.copy2(source, target / name)

    def compile_catalogs(self):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = HERE / "drafter" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            mo = Path(self.build_lib) / "drafter" / "locale" / po.relative_to(locale).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


setup(cmdclass={"build_py": BuildWithExample})
