"""The plugin interface. Built-in rule families use exactly these hooks, as third parties do.

A plugin is a module or object with functions marked ``@hookimpl``, found through the
``unlint`` entry-point group (``[project.entry-points.unlint]`` in its pyproject.toml) or
named in the configuration (``plugins: [module.name]``).
"""

import pluggy

hookspec = pluggy.HookspecMarker("unlint")
hookimpl = pluggy.HookimplMarker("unlint")


@hookspec
def unlint_rules():
    """Return the rules this plugin contributes, as a list of :class:`unlint.registry.Rule`."""


@hookspec(firstresult=True)
def unlint_check(document, context, rules):
    """Run ``rules`` over ``document`` (each called as ``rule.check(document, context)``, with
    the document's :class:`unlint.context.Context`) and return a list of
    :class:`unlint.diagnostics.Diagnostic`.

    :mod:`unlint.runner` implements it; a plugin may wrap it (``hookwrapper=True``) to add or filter
    diagnostics around every check.
    """
