"""unlint: a linter for United Nations resolutions and draft resolutions."""

__version__ = "0.1.0"
