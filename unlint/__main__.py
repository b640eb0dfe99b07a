"""``python -m unlint``: the command line, as the console script runs it.

``python -m`` puts the current folder first on the import path, and a folder of documents may
hold a ``yaml.py`` or a ``lark.py``: that entry is dropped before anything else is imported
(as ``python -P`` does), so that nothing is imported from the folder being linted.
"""

import os
import sys


def _drop_current_folder() -> None:
    """Remove the current folder ('' or its path) from the front of ``sys.path``."""
    try:
        here = os.getcwd()
    except OSError:  # the current folder was deleted
        here = ""
    if sys.path and sys.path[0] in ("", here):
        del sys.path[0]


_drop_current_folder()

from unlint import main  # noqa: E402 - only once the import path is safe

raise SystemExit(main())
