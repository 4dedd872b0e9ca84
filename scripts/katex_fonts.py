"""MkDocs hooks: KaTeX fonts cut down to the glyphs the site uses, and preloaded where needed.

The vendored KaTeX fonts (docs/assets/katex/fonts) hold ~1,700 glyphs; the site's formulas use a
few hundred. mathrender.py records, for every formula, which characters KaTeX sets in which font.

* on_post_page  -- loads exactly the fonts the page's formulas use: a <link rel="preload"> each at the
                   top of <head>, and at its end (once katex.min.css is in) document.fonts.load()
                   for each, so the fonts are ready for the first layout. (KaTeX's CSS says
                   font-display: block: glyphs stay invisible until their font has loaded, and a
                   font arriving after the first layout makes the browser lay out every formula
                   and every line of text again.)
* on_post_build -- replaces every built .woff2 with a subset (fontTools) holding the glyphs that
                   any formula typeset so far uses, so a new formula can never miss a glyph: its
                   characters are recorded when it is typeset, before the fonts are cut. A font
                   no formula has used (Caligraphic-Bold, Fraktur-Bold: KaTeX has no metrics for
                   them) is left whole.
                   Subsets are cached in .cache/katex/fonts, keyed on the font and the glyphs.
"""
from __future__ import annotations

import hashlib
import html
import io
import json
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

import mathrender

FONTS = "assets/katex/fonts"
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "katex" / "fonts"
# Kept in every subset: the space (CSS takes a font's line metrics only if it has U+0020), and the
# no-break and zero-width spaces KaTeX writes into its markup (vlist struts) without a metrics lookup.
SPACES = " \u00a0\u200b"
# Equation numbers are drawn by katex.min.css (content: "(" counter(...) ")") in KaTeX_Main.
ALWAYS = {"Main-Regular": "0123456789()"}
_FORMULA = re.compile(r'<math xmlns="http://www.w3.org/1998/Math/MathML"( display="block")?>.*?'
                      r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)


def page_fonts(output: str) -> set[str]:
    """The KaTeX fonts (e.g. "Main-Regular") the formulas in a built page use."""
    fonts: set[str] = set()
    for m in _FORMULA.finditer(output):
        try:
            used = mathrender.fonts_of(html.unescape(m.group(2)), bool(m.group(1)))
        except mathrender.MathError:
            continue
        # A character KaTeX has no glyph for (Chinese in \text{}) is drawn by a system font.
        fonts.update(f for f, chars in used.items() if any(_has(f, c) for c in chars))
    return fonts


def on_post_page(output, page, config):
    if 'class="katex"' not in output:
        return output
    fonts = sorted(page_fonts(output))
    if not fonts:
        return output
    base = get_relative_url(FONTS, page.url) + "/KaTeX_"
    links = "".join(f'<link rel="preload" href="{base}{name}.woff2" as="font" type="font/woff2" crossorigin>'
                    for name in fonts)
    # CSS font shorthands of the faces katex.min.css declares: "Main-BoldItalic" = italic bold KaTeX_Main.
    faces = json.dumps([f"{'italic ' if 'Italic' in name else ''}{'bold ' if 'Bold' in name else ''}1em KaTeX_{name.split('-')[0]}"
                        for name in fonts], ensure_ascii=False, separators=(",", ":"))
    script = f"<script>document.fonts&&{faces}.forEach(function(f){{document.fonts.load(f)}})</script>"
    output = output.replace("</head>", script + "</head>", 1)
    return output.replace('<link rel="stylesheet"', links + '<link rel="stylesheet"', 1)


def on_post_build(config):
    used = mathrender.all_fonts_used()
    for extra_font, chars in ALWAYS.items():
        used.setdefault(extra_font, set()).update(chars)
    site_fonts = Path(config["site_dir"]) / FONTS
    for src in sorted((Path(config["docs_dir"]) / FONTS).glob("KaTeX_*.woff2")):
        name = src.stem[len("KaTeX_"):]
        if name not in used:
            continue
        chars = "".join(sorted(c for c in used[name] | set(SPACES) if _has(name, c)))
        (site_fonts / src.name).write_bytes(_subset(src, chars))


def _subset(src: Path, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data = src.read_bytes()
    key = hashlib.sha256(data + b"\0" + chars.encode() + b"\0v1").hexdigest()[:32]
    cached = CACHE / f"{src.stem}-{key}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    options = subset.Options()
    options.flavor = "woff2"
    # TrueType hinting is about 15 % of these fonts and is ignored by most current renderers.
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(out.getvalue())
    except OSError:
        pass  # the cache is an optimisation only
    return out.getvalue()


_CMAPS: dict[str, set[int]] = {}


def _cmaps() -> dict[str, set[int]]:
    """The characters each vendored font has a glyph for."""
    if not _CMAPS:
        from fontTools.ttLib import TTFont

        for path in (Path(__file__).resolve().parents[1] / "docs" / FONTS).glob("KaTeX_*.woff2"):
            _CMAPS[path.stem[len("KaTeX_"):]] = set(TTFont(path).getBestCmap())
    return _CMAPS


def _has(font: str, char: str) -> bool:
    return ord(char) in _cmaps().get(font, ())
