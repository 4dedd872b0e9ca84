"""Build-time math: typeset TeX with the vendored KaTeX inside an embedded V8 (mini-racer).

This is the one place the site's math pipeline lives. `render(tex, display)` returns KaTeX HTML
(with MathML for screen readers) or raises `MathError` with KaTeX's message, so the build can
fail with file and line instead of shipping raw TeX. Readers get typeset formulas at first paint
and download no math JavaScript; only `assets/katex/katex.min.css` and its fonts are served.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

KATEX_JS = Path(__file__).resolve().parent / "vendor" / "katex.min.js"
# Typeset formulas are kept between builds (git-ignored): KaTeX costs about 1 ms per formula and the
# site has thousands. The key covers the KaTeX build and the options, so changing either starts over.
DISK_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "katex" / "formulas.json"

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


@lru_cache(maxsize=1)
def _disk() -> dict:
    """The formulas typeset by earlier builds, written back when the process exits."""
    key = hashlib.sha256(KATEX_JS.read_bytes() + _OPTIONS_JS.encode()).hexdigest()
    try:
        data = json.loads(DISK_CACHE.read_text(encoding="utf-8"))
        formulas = data["formulas"] if data.get("key") == key else {}
    except (OSError, ValueError, KeyError, TypeError):
        formulas = {}
    store = {"key": key, "formulas": formulas, "new": 0}
    atexit.register(_save, store)
    return store


def _save(store: dict) -> None:
    if not store["new"]:
        return
    try:
        DISK_CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = DISK_CACHE.with_name(f"{DISK_CACHE.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": store["key"], "formulas": store["formulas"]}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, DISK_CACHE)  # atomic: parallel builds never read half a file
    except OSError:
        pass  # the cache is an optimisation only


@lru_cache(maxsize=None)
def render(tex: str, display: bool) -> str:
    """Return the KaTeX HTML for `tex`; raise MathError if KaTeX rejects it."""
    store = _disk()
    key = f"{int(display)}{tex}"
    cached = store["formulas"].get(key)
    if cached is not None:
        return cached
    try:
        out = _context().eval(f"hbRender({json.dumps(tex)}, {json.dumps(display)})")
    except Exception as exc:  # mini-racer raises JSEvalException with the JS stack appended
        message = str(exc).splitlines()[0]
        message = message.split("ParseError: ", 1)[-1]
        raise MathError(message) from None
    store["formulas"][key] = out
    store["new"] += 1
    return out


def katex_version() -> str:
    return _context().eval("katex.version")
