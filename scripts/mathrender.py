"""Build-time math: typeset TeX with the vendored KaTeX inside an embedded V8 (mini-racer).

This is the one place the site's math pipeline lives. `render(tex, display)` returns KaTeX HTML
(with MathML for screen readers) or raises `MathError` with KaTeX's message, so the build can
fail with file and line instead of shipping raw TeX. Readers get typeset formulas at first paint
and download no math JavaScript; only `assets/katex/katex.min.css` and its fonts are served.

KaTeX also reports which glyphs of which font each formula uses (every font-metrics lookup is
recorded), so scripts/katex_fonts.py can cut the fonts down to the glyphs the site uses and
preload on each page exactly the fonts its formulas need.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
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
// KaTeX looks up the metrics of every glyph it sets, in the font it sets it in: wrap each font's
// metrics table to record those lookups ([html, {font: characters}]).
var hbUsed = null;
(function () {
  var tables = katex.__hbFontMetrics;
  Object.keys(tables).forEach(function (font) {
    katex.__setFontMetrics(font, new Proxy(tables[font], { get: function (t, k) {
      if (hbUsed && typeof k === "string" && /^[0-9]+$/.test(k)) (hbUsed[font] = hbUsed[font] || {})[k] = 1;
      return t[k];
    } }));
  });
})();
function hbRenderWithFonts(tex, display) {
  hbUsed = {};
  try {
    var html = hbRender(tex, display), fonts = {};
    Object.keys(hbUsed).forEach(function (f) {
      fonts[f] = Object.keys(hbUsed[f]).map(function (c) { return String.fromCodePoint(+c); }).join("");
    });
    return JSON.stringify([html, fonts]);
  } finally { hbUsed = null; }
}
"""
# katex.min.js keeps its font-metrics table private; expose it to the recorder above.
_METRICS = re.compile(r"__setFontMetrics:function\((\w+),(\w+)\)\{([\w$]+)\[\1\]=\2\}")


class MathError(ValueError):
    """A formula KaTeX cannot parse; the message is KaTeX's own, without the JS stack."""


@lru_cache(maxsize=1)
def _context():
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    # V8's thread keeps the interpreter alive at exit unless the context is closed.
    atexit.register(ctx.close)
    source, found = _METRICS.subn(lambda m: m.group(0) + f",__hbFontMetrics:{m.group(3)}", KATEX_JS.read_text(encoding="utf-8"))
    if found != 1:  # a new KaTeX build: the font subsetting needs this one hook
        raise RuntimeError(f"{KATEX_JS}: KaTeX's __setFontMetrics not found; update mathrender._METRICS")
    ctx.eval(source)
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
    return _typeset(tex, display)[0]


def fonts_of(tex: str, display: bool) -> dict[str, str]:
    """{KaTeX font name (e.g. "Main-Regular"): the characters the formula sets in it}."""
    return _typeset(tex, display)[1]


def all_fonts_used() -> dict[str, set[str]]:
    """The glyphs of every formula typeset by this build or kept from earlier ones: a superset of
    what the site's pages use (a --dirty build only re-typesets the pages it rebuilds)."""
    used: dict[str, set[str]] = {}
    for _html, fonts in _disk()["formulas"].values():
        for font, chars in fonts.items():
            used.setdefault(font, set()).update(chars)
    return used


def _typeset(tex: str, display: bool) -> list:
    store = _disk()
    key = f"{int(display)}{tex}"
    cached = store["formulas"].get(key)
    if cached is not None:
        return cached
    try:
        out = json.loads(_context().eval(f"hbRenderWithFonts({json.dumps(tex)}, {json.dumps(display)})"))
    except Exception as exc:  # mini-racer raises JSEvalException with the JS stack appended
        message = str(exc).splitlines()[0]
        message = message.split("ParseError: ", 1)[-1]
        raise MathError(message) from None
    store["formulas"][key] = out
    store["new"] += 1
    return out


def katex_version() -> str:
    return _context().eval("katex.version")
