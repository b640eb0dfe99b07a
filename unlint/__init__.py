"""unlint: a linter for United Nations resolutions and draft resolutions.

In a program: ``unlint.lint_bytes(data, name, settings)`` and ``unlint.lint_path(path)`` give
what the command line finds (:mod:`unlint.api`); they are imported when first named.
"""

__version__ = "0.1.0"


def main(argv: list[str] | None = None) -> int:
    """The ``unlint`` command (:func:`unlint.cli.main`), with nothing imported before it can
    fail cleanly: under a tight memory limit (``ulimit -v``) even importing the command line
    can run out of memory, which is then one line and exit status 2, not a traceback."""
    import sys

    try:
        from unlint.cli import main as run
    except MemoryError:
        print("unlint: error: out of memory while starting (the memory unlint may use is limited: "
              "ulimit -v)", file=sys.stderr)
        return 2
    return run(argv)


#: the library's names (:mod:`unlint.api`), imported on first use: ``import unlint`` stays cheap
_LAZY = {
    "lint_bytes": "unlint.api",
    "lint_path": "unlint.api",
    "Result": "unlint.api",
    "Problem": "unlint.api",
    "SettingsError": "unlint.api",
    "Settings": "unlint.settings",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'unlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # found here from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
