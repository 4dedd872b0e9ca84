"""Every built page in Chromium: nothing is requested off 127.0.0.1, no formula failed (no
.katex-error / .math-error element, no raw TeX delimiters in the article text), no console error,
every <img> has alt text, and (at 390 px) no page scrolls sideways. Notebook pages and 404.html
included.

One browser context and one tab visit the pages one after the other (load event, no screenshots),
so the whole site takes a minute or two. All problems are collected and reported together, page
by page, instead of stopping at the first one.
"""
from __future__ import annotations

from conftest import DOCS, offsite

# Text nodes of the article outside code and typeset math; report raw TeX delimiters and failures.
CHECK = r"""() => {
  const skip = 'pre, code, kbd, samp, script, style, .katex, .highlight, .jp-CodeCell, .jp-OutputArea';
  const raw = [];
  for (const article of document.querySelectorAll('article')) {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(skip)) continue;
      const m = node.data.match(/\\\(|\\\)|\\\[|\\\]|\$\$/);
      if (m && el.getClientRects().length) {
        const i = m.index;
        raw.push(node.data.slice(Math.max(0, i - 30), i + 40).replace(/\s+/g, ' '));
      }
    }
  }
  const errors = [...document.querySelectorAll('.katex-error, .math-error')]
    .map(e => (e.getAttribute('title') || e.textContent).slice(0, 120));
  const noAlt = [...document.querySelectorAll('img')]
    .filter(img => !(img.getAttribute('alt') || '').trim())
    .map(img => (img.getAttribute('src') || '').slice(0, 100));
  return {raw: raw.slice(0, 5), errors: errors.slice(0, 5), noAlt, title: document.title};
}"""


# Wide formulas, tables and code must scroll inside their own box, never the page.
OVERFLOW = """() => {
    const d = document.documentElement, w = d.clientWidth;
    if (d.scrollWidth <= w) return 0;
    const culprit = [...document.querySelectorAll('article *')].find(e => e.getBoundingClientRect().right > w + 1
        && !e.closest('.md-typeset__scrollwrap, .arithmatex, pre, .highlight, .jp-OutputArea, .katex-display'));
    return [d.scrollWidth - w, culprit ? culprit.tagName + '.' + culprit.className : null];
}"""


def built_pages(site) -> list[str]:
    """Paths (relative to the site root, as URLs) of every built HTML page."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    paths = ["" if p == "." else p + "/" for p in pages]
    if (site / "404.html").is_file():
        paths.append("404.html")
    return paths


def test_every_page(built_site, site_url, browser):
    paths = built_pages(built_site)
    sources = [p for p in DOCS.rglob("*.md") if not any(part.startswith("_") for part in p.relative_to(DOCS).parts)]
    assert len(paths) >= len(sources), f"only {len(paths)} pages built for {len(sources)} Markdown files"

    # Phone width: the same pass also checks that no page scrolls sideways at 390 px.
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))

    problems: dict[str, list[str]] = {}
    try:
        for path in paths:
            requests.clear()
            console.clear()
            found: list[str] = []
            try:
                response = page.goto(site_url + path, wait_until="load", timeout=60_000)
            except Exception as exc:  # noqa: BLE001 -- report and go on with the next page
                problems[path or "/"] = [f"did not load: {exc}".splitlines()[0]]
                continue
            if response is None or (response.status >= 400 and path != "404.html"):
                found.append(f"HTTP {response.status if response else 'no response'}")
            state = page.evaluate(CHECK)
            foreign = offsite(requests)
            if foreign:
                found.append(f"requests off 127.0.0.1: {sorted(set(foreign))[:5]}")
            if state["errors"]:
                found.append(f"math errors: {state['errors']}")
            if state["raw"]:
                found.append(f"raw TeX visible: {state['raw']}")
            if console:
                found.append(f"console errors: {console[:5]}")
            if state["noAlt"]:
                found.append(f"images without alt: {state['noAlt'][:5]}")
            if not state["title"]:
                found.append("no <title>")
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                found.append(f"scrolls sideways at 390 px by {overflow[0]} px (widest element: {overflow[1]})")
            if found:
                problems[path or "/"] = found
    finally:
        context.close()

    report = "\n".join(f"{p}\n    " + "\n    ".join(items) for p, items in problems.items())
    assert not problems, f"{len(problems)} of {len(paths)} pages have problems:\n{report}"
