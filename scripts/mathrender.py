"""Build-time math: typeset TeX with the vendored KaTeX inside an embedded V8 (mini-racer).

This is the one place the site's math pipeline lives. `render(tex, display)` returns KaTeX HTML
(with MathML for screen readers) or raises `MathError` with KaTeX's message, so the build can
fail with file and line instead of shipping raw TeX. Readers get typeset formulas at first paint
and download no math JavaScript; only `assets/katex/katex.min.css` and its fonts are served.
"""
from __future__ import annotations

import atexit
import json
from functools import lru_cache
from pathlib import Path

KATEX_JS = Path(__file__).resolve().parent / "vendor" / "katex.min.js"

# Chinese must be wrapped in \text{...}: bare Han characters in math mode are an error so that
# contributors get a message instead of a warning nobody reads. Other strictness checks are off.
_OPTIONS_JS = """
function hbOptions(display) {
  return {
    displayMode: display,
    throwOnError: true,
    output: "htmlAndMathml",
    strict: function (code) { return code === "unicodeTextInMathMode" ? "error" : "ignore"; },
    trust: false
  };
}
function hbRender(tex, display) { return katex.renderToString(tex, hbOptions(display)); }
"""


class MathError(ValueError):
    """A formula KaTeX cannot parse; the message is KaTeX's own, without the JS stack."""


@lru_cache(maxsize=1)
def _context():
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    # V8's thread keeps the interpreter alive at exit unless the context is closed.
    atexit.register(ctx.close)
    ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
    ctx.eval(_OPTIONS_JS)
    return ctx


@lru_cache(maxsize=None)
def render(tex: str, display: bool) -> str:
    """Return the KaTeX HTML for `tex`; raise MathError if KaTeX rejects it."""
    try:
        return _context().eval(f"hbRender({json.dumps(tex)}, {json.dumps(display)})")
    except Exception as exc:  # mini-racer raises JSEvalException with the JS stack appended
        message = str(exc).splitlines()[0]
        message = message.split("ParseError: ", 1)[-1]
        raise MathError(message) from None


def katex_version() -> str:
    return _context().eval("katex.version")
