"""MkDocs hook: measured patches to Material's built stylesheets.

* on_post_build -- removes Material's `[data-md-color-switching] *` rule from the built palette
  stylesheet. Material sets and clears that attribute on <body> while its palette (light/dark
  toggle) starts on every page load; because the rule matches every element, each toggle makes the
  browser recompute the style of the whole page. On formula-heavy pages (5,000+ KaTeX elements)
  that was about half of Lighthouse's total blocking time: notebook page 0.60-0.86 -> 0.90-0.94,
  heaviest question page 0.57-0.63 -> 0.69-0.74 (3 mobile runs each; docs/contributing/performance.md).
  The rule only stops colour transitions while the reader switches light/dark mode; without it a
  few links and buttons fade to their new colour instead of changing at once.

If a Material upgrade changes the rule, the build warns (and `--strict` fails), so the patch is
looked at again instead of silently doing nothing.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.theme_patches")

SWITCHING_RULE = re.compile(
    r"\[data-md-color-switching\] \*,\[data-md-color-switching\] :after,"
    r"\[data-md-color-switching\] :before\{transition-duration:0s!important\}")


def on_post_build(config):
    sheets = sorted((Path(config["site_dir"]) / "assets" / "stylesheets").glob("palette.*.min.css"))
    patched = 0
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        new, n = SWITCHING_RULE.subn("", css)
        if n:
            sheet.write_text(new, encoding="utf-8")
            patched += n
        elif "data-md-color-switching" not in css:
            patched += 1  # already patched (a --dirty build reuses the site directory)
    if not patched:
        log.warning("scripts/theme_patches.py: Material's palette stylesheet no longer has the "
                    "[data-md-color-switching] rule this hook removes; check the patch against the "
                    "new Material version (see its docstring) and update or drop it.")
