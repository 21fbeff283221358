"""Looking at a file the user named, with one clear message for every way it can be wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import DataError, display_path


def stat_file(path: Path, error=DataError, missing_hint: str = "Check the file name and folder.",
              what: str = "file") -> os.stat_result:
    """The file's stat; a missing file, a folder or an unreadable path is `error` naming it."""
    shown = display_path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise error(f"{what} not found", file=shown, hint=missing_hint) from None
    except NotADirectoryError:
        raise error(f"{what} not found: a part of its path is a file, not a folder", file=shown,
                    hint=missing_hint) from None
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror})", file=shown,
                    hint="Check that the file exists and that you may read it.") from None
    if stat.S_ISDIR(st.st_mode):
        raise error("this is a folder, not a file", file=shown, hint="Name a file in it instead.")
    return st
