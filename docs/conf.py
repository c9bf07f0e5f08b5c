"""Sphinx configuration for the budapest_coop documentation.

The build is offline: no intersphinx inventory or other resource is fetched. Warnings are
errors in CI (``sphinx-build -W --keep-going``) and every example runs as a doctest
(``sphinx-build -b doctest``).
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from sphinx import addnodes

project = "budapest_coop"
author = "The budapest_coop contributors"
copyright = "the budapest_coop contributors; Apache License 2.0"
try:
    release = version("budapest-coop")
except PackageNotFoundError:  # building from a tree where the package is not installed
    release = "0+unknown"
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# MyST: ::: fences for directives with Markdown content, definition lists, heading anchors.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Every cross-reference must resolve. References to the standard library cannot, since no
# intersphinx inventory is fetched (the build is offline): those are ignored by module.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|dt|ipaddress|zoneinfo|collections\.abc|typing|pathlib|os|importlib\.metadata)\..*"),
    # The type variable of wire.loads(text, expected: type[T]) -> T.
    (r"py:class", r"budapest_coop\.wire\.T"),
]

# autodoc: members in source order; the __init__ that attrs generates is left out, since the
# fields are listed as attributes with their types.
autodoc_default_options = {"member-order": "bysource", "exclude-members": "__init__, KIND"}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_class_signature = "separated"

# Docstring examples (``>>>`` in module docstrings) run under pytest (tests/test_doctests.py);
# the doctest builder runs only the explicit {doctest}/{testcode} blocks of the pages.
doctest_test_doctest_blocks = ""

html_theme = "furo"
html_title = f"budapest_coop {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
pygments_style = "sphinx"
pygments_dark_style = "monokai"


class _EmptyGlobFilter(logging.Filter):
    """Drop the warning for a toctree glob that matches nothing, and only that warning.

    The last entry of the reference toctree and of the decision records is a catch-all glob:
    a page added without a place in the menu still appears, at the end, instead of breaking
    the build, and a catch-all with nothing to catch is normal. Sphinx gives this warning no
    type, so ``suppress_warnings`` cannot select it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "subtype", None) != "empty_glob"


def _first_place_only(app, doctree):  # type: ignore[no-untyped-def]
    """In the root document, a page listed by one toctree is left out of the toctrees after it.

    The menu is several toctrees (getting started, guides, reference), and the last one ends
    with the catch-all glob, which matches every top-level page, those the toctrees above it
    list included. Sphinx leaves out of a glob only the pages listed by the same toctree; this
    leaves out those listed by an earlier one, so that each page keeps its first place. It
    runs before Sphinx records the toctrees.
    """
    if app.env.path2doc(doctree["source"]) != app.config.root_doc:
        return
    seen: set[str] = set()
    for node in doctree.findall(addnodes.toctree):
        node["entries"] = [(title, ref) for title, ref in node["entries"] if ref not in seen]
        node["includefiles"] = [name for name in node["includefiles"] if name not in seen]
        seen.update(node["includefiles"])


def setup(app):  # type: ignore[no-untyped-def]
    logging.getLogger("sphinx.sphinx.directives.other").addFilter(_EmptyGlobFilter())
    app.connect("doctree-read", _first_place_only, priority=400)
