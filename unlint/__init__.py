"""unlint: a linter for United Nations resolutions and draft resolutions.

In a program: ``unlint.lint_bytes(data, name, settings)`` and ``unlint.lint_path(path)`` give
what the command line finds (:mod:`unlint.api`); they are imported when first named.
"""

__version__ = "0.1.0"


#: said when memory runs out where nothing else can be done: made at import, written as bytes
_NO_MEMORY = b"unlint: error: out of memory (the memory unlint may use is limited: ulimit -v)\n"


def main(argv: list[str] | None = None) -> int:
    """The ``unlint`` command (:func:`unlint.cli.main`), with nothing imported before it can
    fail cleanly: under a tight memory limit (``ulimit -v``) even importing the command line,
    or saying that memory ran out, can run out of memory; that is then one line and exit
    status 2, not a traceback. (CPython may report such a failure as a SystemError.)"""
    try:
        from unlint.cli import main as run

        return run(argv)
    except (MemoryError, SystemError):
        import os

        try:
            os.write(2, _NO_MEMORY)
        except OSError:
            pass
        return 2


def __getattr__(name: str):
    """The library's names, imported when first named (:mod:`unlint.api`): ``import unlint``
    stays cheap, and small enough to load under a tight memory limit."""
    if name.startswith("__"):
        raise AttributeError(f"module 'unlint' has no attribute {name!r}")
    from importlib import import_module

    return import_module("unlint.api").exported(name)


def __dir__() -> list[str]:
    return sorted({*globals(), "Problem", "Result", "Settings", "SettingsError", "lint_bytes", "lint_path"})
