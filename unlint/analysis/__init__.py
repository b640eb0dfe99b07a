"""The analysis layer: readings of a document that several rules share.

Each module turns a parsed :class:`~unlint.model.Document` into frozen records with canonical
offsets. Rules never call these functions themselves: they read the results, computed once per
document, as typed attributes of their :class:`~unlint.context.Context` (``ctx.citations``,
``ctx.dates``, ``ctx.footnotes``, ``ctx.names``, ``ctx.lines`` ...).
"""
