"""The KaTeX fonts of the built site are cut to the glyphs the formulas use (scripts/katex_fonts.py):
no formula may lose a glyph, every page preloads the fonts its formulas use, and in Chromium every
character of a formula is drawn with a KaTeX font (a glyph missing from a subset would fall back to
a system font)."""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import DOCS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import mathrender  # noqa: E402

FONTS = "assets/katex/fonts"
FORMULA = re.compile(r'<math xmlns="http://www.w3.org/1998/Math/MathML"( display="block")?>.*?'
                     r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)


def _cmap(path: Path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def test_subsets_hold_every_glyph_the_formulas_use(built_site):
    full = {p.stem[len("KaTeX_"):]: _cmap(p) for p in (DOCS / FONTS).glob("KaTeX_*.woff2")}
    built = {p.stem[len("KaTeX_"):]: _cmap(p) for p in (built_site / FONTS).glob("KaTeX_*.woff2")}
    assert built.keys() == full.keys()
    assert len(built["Main-Regular"]) < len(full["Main-Regular"]) * 0.8, "fonts were not subset"
    missing, formulas = set(), 0
    for page in built_site.rglob("*.html"):
        for m in FORMULA.finditer(page.read_text(encoding="utf-8")):
            formulas += 1
            for font, chars in mathrender.fonts_of(html.unescape(m.group(2)), bool(m.group(1))).items():
                missing |= {(font, c, page.parent.name) for c in chars
                            if ord(c) in full.get(font, ()) and ord(c) not in built[font]}
    assert formulas > 1000
    assert not missing, sorted(missing)[:20]


def test_pages_preload_the_fonts_their_formulas_use(built_site):
    page = (built_site / "optimization" / "softmax" / "index.html").read_text(encoding="utf-8")
    preloaded = set(re.findall(r'<link rel="preload" href="[./]*assets/katex/fonts/KaTeX_([\w-]+)\.woff2"', page))
    assert {"Main-Regular", "Math-Italic"} <= preloaded
    for name in preloaded:
        assert (built_site / FONTS / f"KaTeX_{name}.woff2").is_file(), name
    home = (built_site / "index.html").read_text(encoding="utf-8")
    if 'class="katex"' not in home:
        assert 'rel="preload"' not in home, "a page without formulas preloads KaTeX fonts"


@pytest.mark.parametrize("path", ["optimization/softmax/", "labs/optimizers/"])
def test_every_formula_character_is_drawn_with_a_katex_font(browser, site_url, path):
    page = browser.new_page()
    try:
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        # Chinese in \\text{} has no KaTeX glyph and is drawn by a system font: mark those elements.
        page.evaluate("""() => document.querySelectorAll('.katex-html *').forEach(e => {
            const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('');
            if (/[\\u3000-\\u9fff\\uff00-\\uffef]/.test(own)) e.setAttribute('data-han', '');
        })""")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".katex-html *:not([data-han])"})["nodeIds"]
        assert len(nodes) > 100
        other = set()
        for node in nodes:
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                if not font["familyName"].startswith("KaTeX_"):
                    other.add(font["familyName"])
        assert not other, f"{path}: formula text drawn with {other}: a glyph is missing from a KaTeX subset"
    finally:
        page.close()
