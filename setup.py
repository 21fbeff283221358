"""The build step that pyproject.toml cannot say: the wheel carries the example project.

`drafter init` makes a project from the example -- drafter.toml, data/ (register, data,
notes) and answer_templates/ -- so the wheel holds a copy of them in drafter/example/. In the
checkout they stay where they are (the checkout is itself a project); an editable install
reads them there.
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


setup(cmdclass={"build_py": BuildWithExample})
