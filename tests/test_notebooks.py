"""The notebooks of 动手实验 (docs/labs/*.py): they run, and their pages are light, offline and correct.

* every notebook executes top to bottom in a real kernel (jupytext + nbclient), within a time limit;
* every notebook links back to question pages and asserts its key numbers;
* in the built site (conftest's strict build), each notebook page drops the inline JupyterLab CSS
  and scripts, stays small, has a non-empty id on every heading and a target for every TOC link,
  typesets its math with KaTeX, and offers the .ipynb and .py downloads;
* in Chromium, figures load and fit a 390 px phone column, math renders, nothing is requested
  outside 127.0.0.1, and instant navigation into a notebook page keeps its stylesheet.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from conftest import DOCS, offsite, screenshot

NOTEBOOKS = sorted((DOCS / "labs").glob("*.py"))
NAMES = [p.stem for p in NOTEBOOKS]
MAX_PAGE_BYTES = 300_000
MAX_SECONDS = 60  # generous for loaded CI machines; each notebook is a few seconds of work


def test_at_least_six_notebooks():
    assert {"activations", "optimizers", "vanishing-gradients", "batchnorm", "conv-shapes", "dropout"} <= set(NAMES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_executes(path):
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(path)
    start = time.monotonic()
    NotebookClient(nb, timeout=MAX_SECONDS, kernel_name="python3", allow_errors=False).execute()
    assert time.monotonic() - start < MAX_SECONDS
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_source_conventions(path):
    import jupytext

    nb = jupytext.read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "starts with a # title"
    links = re.findall(r"\]\((\.\./[\w-]+/[\w-]+\.md)\)", first.source)
    assert links, "the first cell links back to the question pages it supports"
    for link in links:
        assert (DOCS / "labs" / link).resolve().is_file(), link
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "manual_seed" in code or "default_rng" in code, "seeded"
    assert code.count("assert ") >= 3, "key numbers are asserted"
    assert "cuda" not in code, "CPU only"
    figures = [c for c in nb.cells if c.cell_type == "code" and "plt.show()" in c.source]
    assert all(c.source.startswith("# 图：") for c in figures), "every figure cell starts with # 图：<alt text>"


def _page(built_site, name) -> str:
    return (built_site / "labs" / name / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_page_is_light_and_offline(built_site, name):
    page = _page(built_site, name)
    size = len(page.encode("utf-8"))
    assert size < MAX_PAGE_BYTES, f"{name}: {size} bytes"
    body = page[page.index('<div class="jupyter-wrapper">'):]
    assert "<style" not in body and "jp-Notebook{" not in page and "--jp-" not in page, "JupyterLab CSS removed"
    assert "mathjax" not in page.lower() and "clipboard-copy" not in page and "mermaid" not in page
    assert "text/x-mathjax-config" not in page
    assert "assets/stylesheets/notebook.css" in page
    assets = re.findall(r'\bsrc="([^"]+)"', page) + re.findall(r'<link\b[^>]*\bhref="([^"]+)"', page)
    assert not [a for a in assets if re.match(r"(?:https?:)?//", a) and "deep-learning-interview.github.io" not in a], "off-site asset"
    assert "data:image/" not in body, "figures are files, not inline data"
    figures = re.findall(r"<img [^>]*>", body)
    assert figures, f"{name}: no figure"
    for img in figures:
        assert 'alt="' in img and 'alt=""' not in img and "No description" not in img
        assert re.search(r'width="\d+" height="\d+"', img) and 'loading="lazy"' in img, img
        file = built_site / "labs" / name / re.search(r'src="([^"]+)"', img).group(1)
        assert file.is_file() and file.stat().st_size < 80_000, f"{name}: {file.name} missing or over 80 KB"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_page_headings_math_links(built_site, name):
    page = _page(built_site, name)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    headings = re.findall(r"<h([1-6])\b([^>]*)>", page)
    assert headings
    for level, attrs in headings:
        if 'id="' in attrs:
            assert not re.search(r'id=""', attrs), f"{name}: empty heading id"
    content = page[page.index('<div class="jupyter-wrapper">'):]
    for level, attrs in re.findall(r"<h([1-6])\b([^>]*)>", content):
        assert re.search(r'id="[^"]+"', attrs), f"{name}: heading without id"
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', page)
    assert len(toc) >= 2, f"{name}: page TOC missing"
    for anchor in toc:
        assert anchor in ids, f"{name}: TOC link #{anchor} has no target"
    assert 'class="katex"' in page and "$$" not in re.sub(r"<pre.*?</pre>", "", content, flags=re.S)
    assert not re.search(r"(?<![\w$])\$[^$<\n]{1,80}\$", re.sub(r"<(pre|code)\b.*?</\1>|<[^>]+>", "", content, flags=re.S)), \
        "raw $…$ left in the notebook text"
    # question pages linked from the notebook resolve to built pages
    for href in re.findall(r'<a href="(\.\./\.\./[^"#]+/)"', content):
        assert (built_site / "labs" / name / href / "index.html").resolve().is_file(), href


@pytest.mark.parametrize("name", NAMES)
def test_notebook_downloads(built_site, name):
    page = _page(built_site, name)
    folder = built_site / "labs" / name
    assert f'href="{name}.ipynb"' in page and f'href="{name}.py"' in page
    nb = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["cells"]
    assert (folder / f"{name}.py").read_bytes() == (DOCS / "labs" / f"{name}.py").read_bytes()
    assert "../" not in nb["cells"][0]["source"] if isinstance(nb["cells"][0]["source"], str) else True


def test_labs_index_lists_every_notebook(built_site):
    index = (DOCS / "labs" / "index.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"]({name}.py)" in index
    html = (built_site / "labs" / "index.html").read_text(encoding="utf-8")
    for name in NAMES:
        assert f'href="{name}/"' in html


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", NAMES)
def test_notebook_page_in_browser(open_page, site_url, name, width):
    page, requests, errors = open_page(f"labs/{name}/", width=width)
    assert not offsite(requests), offsite(requests)
    assert not errors, errors
    for img in page.locator(".jupyter-wrapper img").all():  # lazy-loaded: bring each into view
        img.scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('.jupyter-wrapper img')].every(e => e.complete)")
    figures = page.eval_on_selector_all(
        ".jupyter-wrapper img",
        "els => els.map(e => ({ok: e.complete && e.naturalWidth > 0, w: e.getBoundingClientRect().width}))")
    assert figures and all(f["ok"] for f in figures)
    column = page.eval_on_selector(".md-content__inner", "e => e.getBoundingClientRect().width")
    assert all(f["w"] <= column + 1 for f in figures), "figures fit the column"
    assert page.locator(".jupyter-wrapper .katex").count() > 0
    # notebook.css is applied: outputs carry its left rule
    rule = page.eval_on_selector(".jp-Cell-outputWrapper", "e => getComputedStyle(e).borderLeftStyle")
    assert rule == "solid"
    # no horizontal page scroll on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # every TOC link resolves to an element on the page
    missing = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]
        .map(a => a.getAttribute('href')).filter(h => h.startsWith('#'))
        .filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))""")
    assert not missing, missing
    if width == 390 and name == "optimizers":
        screenshot(page, f"notebook-{name}-{width}")


def test_instant_navigation_into_notebook(open_page):
    page, requests, errors = open_page("labs/")
    page.click('.md-content a[href$="activations/"]')
    page.wait_for_selector(".jupyter-wrapper .jp-Cell-outputWrapper")
    page.wait_for_function("getComputedStyle(document.querySelector('.jp-Cell-outputWrapper')).borderLeftStyle === 'solid'")
    assert page.locator(".jupyter-wrapper .katex").count() > 0
    assert not offsite(requests), offsite(requests)
