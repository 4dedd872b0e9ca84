"""MkDocs hook: build the index that the handbook's search worker reads.

The reader still uses Material's header search box (same input, `/` shortcut, result list); only
the engine behind it is ours: docs/assets/javascripts/search-worker.js, which speaks Material's
search-worker protocol. Why not Material's lunr index is measured in docs/contributing/search.md.

What this hook does, by build event:

* on_page_content -- for every searchable page (not `search: exclude`), records its title, its
  aliases (front matter) and the terms whose definition page it is (docs/_data/terms.yml: the
  Chinese name, English name, abbreviation, aliases and the misspellings listed under `avoid`),
  and the plain text of each `##`/`###` section. Code blocks, formulas (hooks.py leaves empty
  placeholders), the difficulty/alias line and header permalinks are left out. Chapter index
  pages and the home page contribute only their title and description, not the generated lists.
  Then it marks the page `search.exclude`, so Material's own indexer skips it (it would parse
  every page again and write a lunr index nobody reads).
* on_post_build -- writes search/search_index.json, the URL Material's search UI fetches and
  hands to the worker: `config` is Material's (its page-side highlighter reads the separator),
  `docs` is one entry per page. `mkdocs serve --dirty` rebuilds only changed pages, so entries
  are also kept in .cache/search-index.json and merged there.

No Chinese word segmentation happens at build time: the worker matches Chinese by substring and
character bigrams, so sub-terms (归一化 in 批归一化) and unspaced queries need no dictionary.
"""
from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.hooks.search_index")

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "search-index.json"
INDEX = "search/search_index.json"
FORMAT = 1

# Elements whose text never goes into the index.
_SKIP_TAGS = {"pre", "script", "style", "svg", "math", "nav", "button"}
_SKIP_CLASSES = {"qa-meta", "headerlink", "katex", "md-source-file", "qa-practice", "qa-toolbar"}
# Readers search for questions: lab notebooks, generated lists (glossary, formula sheet, tags) and
# contributor notes repeat every term and would outrank the question pages.
NOT_SEARCHED = ("labs/", "contributing/", "glossary.md", "formulas.md", "tags.md")
_BLOCK_TAGS = {"p", "li", "div", "tr", "td", "th", "details", "summary", "blockquote", "dd", "dt",
               "table", "ul", "ol", "br", "hr", "figure", "figcaption"}

_ENTRIES: dict[str, dict | None] = {}
_TERMS: dict[str, list[str]] | None = None
_PAGES: set[str] = set()


class _Sections(HTMLParser):
    """Splits page HTML at h2/h3 into (id, heading, text) with the text flattened."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = [["", "", ""]]
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.heading: list[str] | None = None
        self.math: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr", "img", "input", "wbr"):
            self._text(" ")
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if "arithmatex" in classes and not self.skip_depth:
            self.math = []
        skip = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES) or "data-search-exclude" in attrs
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if tag in ("h2", "h3") and not self.skip_depth:
            self.sections.append([attrs.get("id") or "", "", ""])
            self.heading = []
        elif tag in _BLOCK_TAGS:
            self._text(" ")

    def handle_endtag(self, tag):
        # Pop up to the matching start tag (HTML from Markdown is well formed; be lenient anyway).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, skipped in self.stack[i:]:
                    if skipped:
                        self.skip_depth -= 1
                del self.stack[i:]
                break
        if self.math is not None and tag in ("span", "div"):
            tex, self.math = "".join(self.math), None
            self._text(readable_tex(tex))
            return
        if tag in ("h2", "h3") and self.heading is not None:
            self.sections[-1][1] = _squeeze("".join(self.heading))
            self.heading = None
        elif tag in _BLOCK_TAGS:
            self._text(" ")

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.math is not None:
            self.math.append(data)
        elif self.heading is not None:
            self.heading.append(data)
        else:
            self._text(data)

    def _text(self, data):
        self.sections[-1][2] += data


_GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5),
    ("varepsilon", 0x3B5), ("eta", 0x3B7), ("theta", 0x3B8), ("kappa", 0x3BA), ("lambda", 0x3BB),
    ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3),
    ("tau", 0x3C4), ("phi", 0x3C6), ("varphi", 0x3C6), ("psi", 0x3C8), ("omega", 0x3C9),
    ("Delta", 0x394), ("Sigma", 0x3A3), ("Omega", 0x3A9), ("Theta", 0x398), ("Phi", 0x3A6))}
_SYMBOLS = {"times": "×", "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠",
            "neq": "≠", "approx": "≈", "to": "→", "infty": "∞", "in": "∈", "pm": "±", "odot": "⊙",
            "partial": "∂", "nabla": "∇", "ldots": "…", "cdots": "…", "dots": "…", "sum": "Σ",
            "log": "log", "ln": "ln", "exp": "exp", "max": "max", "min": "min", "tanh": "tanh",
            "sigma": "σ", "sqrt": "√", "mid": "|"}
_MATH_CMD = re.compile(r"\\([A-Za-z]+)")


def readable_tex(tex: str) -> str:
    """A short inline formula as plain text for result snippets (`x_t`, `γ`, `k×k`); anything
    longer or fancier becomes "⋯", so snippets never show raw TeX."""
    tex = tex.strip()
    if tex.startswith("\\["):
        return " "                       # display formulas: left out
    tex = tex.removeprefix("\\(").removesuffix("\\)").strip()
    tex = re.sub(r"\\(?:text|mathrm|operatorname|mathbf|boldsymbol|mathit)\{([^{}]*)\}", r"\1", tex)
    tex = re.sub(r"\\(?:left|right|,|;|!|quad)", " ", tex)
    tex = _MATH_CMD.sub(lambda m: _GREEK.get(m.group(1)) or _SYMBOLS.get(m.group(1)) or m.group(0), tex)
    tex = re.sub(r"[_^]\{([^{}]*)\}", lambda m: m.group(0)[0] + (m.group(1) if len(m.group(1)) == 1 else f"({m.group(1)})"), tex)
    tex = re.sub(r"\s+", " ", tex).strip()
    if "\\" in tex or "{" in tex or "}" in tex or len(tex) > 24:
        return " ⋯ "
    return f" {tex} "


def _squeeze(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # Formula placeholders leave doubled spaces and spaces before punctuation: tidy them.
    return re.sub(r" (?=[，。、；：？！）”])", "", text)


def _terms(docs_dir: str) -> dict[str, list[str]]:
    """Page path -> every name a reader may type for the terms that page defines."""
    global _TERMS
    if _TERMS is None:
        _TERMS = {}
        try:
            terms = yaml.safe_load((Path(docs_dir) / "_data" / "terms.yml").read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError):
            terms = []  # hooks.py reports a broken data file with file and line
        for term in terms:
            if not isinstance(term, dict) or "page" not in term:
                continue
            names = [term.get("zh"), term.get("en"), term.get("abbr"),
                     *(term.get("aliases") or []), *(term.get("avoid") or [])]
            _TERMS.setdefault(str(term["page"]), []).extend(str(n) for n in names if n)
    return _TERMS


def on_config(config):
    global _TERMS
    _TERMS = None
    _ENTRIES.clear()


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith(NOT_SEARCHED):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    search = page.meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        _ENTRIES[page.file.src_uri] = None
        return html
    meta = page.meta
    title = str(meta.get("title") or page.title or "")
    entry = {
        "location": page.url,
        "title": title,
        "aliases": [str(a) for a in meta.get("aliases") or []],
        "terms": list(dict.fromkeys(_terms(config["docs_dir"]).get(page.file.src_uri, []))),
        "sections": [],
    }
    if page.file.name == "index":
        # Chapter indexes and the home page: their generated lists repeat every question title.
        entry["weight"] = 0.5
        description = str(meta.get("description") or "")
        entry["sections"] = [["", "", description]] if description else []
    else:
        parser = _Sections()
        parser.feed(html)
        parser.close()
        for anchor, heading, text in parser.sections:
            text = _squeeze(text)
            if heading or text:
                entry["sections"].append([anchor, heading, text])
    _ENTRIES[page.file.src_uri] = entry
    # Material's indexer would parse this page again for an index the worker never reads.
    if not isinstance(search, dict):
        search = meta["search"] = {}
    search["exclude"] = True
    return html


def on_post_build(config):
    cached = {}
    try:
        data = json.loads(CACHE.read_text(encoding="utf-8"))
        if data.get("format") == FORMAT:
            cached = data["entries"]
    except (OSError, ValueError, KeyError):
        pass
    # A page not rendered in this build was skipped by --dirty: keep its cached entry.
    pages = set(_PAGES)
    merged = {src: entry for src, entry in {**cached, **_ENTRIES}.items() if src in pages and entry}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps({"format": FORMAT, "entries": merged},
                                ensure_ascii=False), encoding="utf-8")

    search = config.plugins.get("material/search")
    separator = search.config.separator if search else r"[\s\-]+"
    index = {
        "config": {"lang": ["zh"], "separator": separator, "pipeline": [], "fields": {}},
        "format": FORMAT,
        "docs": [merged[src] for src in sorted(merged)],
    }
    out = Path(config["site_dir"]) / INDEX
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_files(files, config):
    _PAGES.clear()
    _PAGES.update(f.src_uri for f in files.documentation_pages())
    return files
