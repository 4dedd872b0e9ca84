"""Reader features in Chromium: navigation at desktop and phone widths, 背题模式, 已掌握, 随机一题,
dark mode, the generated formula sheet / glossary / tag index / 404 page, print styles,
accessibility (axe-core, vendored in tests/vendor/ so nothing is downloaded) and the phone layout
of every built page. Screenshots go to test-output/reader-*.png."""
from __future__ import annotations

import html.parser
import json
import re

import pytest
import yaml

from conftest import DOCS, ROOT, front_matter, offsite, question_pages, screenshot

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
WIDTHS = [1280, 390]
CHAPTER = "normalization/"
QUESTION = "normalization/bn-formula/"
LAB = "labs/activations/"


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def new_page(browser, site_url):
    """new_page(width) -> a fresh page in a fresh context (empty localStorage); closed after the module."""
    contexts = []

    def _new(width: int = 1280, height: int = 900):
        ctx = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(20000)
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: page.requests.append(r.url))
        return page

    yield _new
    for ctx in contexts:
        ctx.close()


def shot(page, name: str, width: int, full: bool = False):
    screenshot(page, f"reader-{name}-{width}", full_page=full)


def here(page, site_url) -> str:
    return page.url.split("#")[0][len(site_url):]


def math_ok(page):
    state = page.evaluate("""() => ({
        katex: document.querySelectorAll('article .katex').length,
        errors: document.querySelectorAll('.katex-error, .math-error').length,
        raw: /\\\\\\(|\\\\\\[|\\$\\$/.test(document.querySelector('article').innerText),
    })""")
    assert state["katex"] > 0 and state["errors"] == 0 and not state["raw"], state


def is_question(url_path: str) -> bool:
    return re.fullmatch(r"[^/]+/[^/]+/", url_path) is not None and not url_path.startswith(("labs/", "assets/"))


def visible_sections(page) -> list[bool]:
    return page.eval_on_selector_all(".qa-section", "els => els.map(e => e.getClientRects().length > 0)")


def open_nav_link(page, width: int, href: str):
    """Click a link of the primary navigation; on a phone, through the drawer menu.

    The home page hides the sidebar (front matter `hide: navigation`): at desktop width its
    chapter cards are the navigation there."""
    if width < 1220:
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_timeout(400)
    link = page.locator(f".md-nav--primary a.md-nav__link[href$='{href}']:visible")
    if not link.count():
        link = page.locator(f"article a[href$='{href}']:visible")
    link.first.click()


# --------------------------------------------------------------------------- build output


def test_questions_json_lists_every_question(built_site):
    data = json.loads((built_site / "assets" / "questions.json").read_text(encoding="utf-8"))
    expected = {f"{p.parent.name}/{p.stem}/" for p in question_pages() if "difficulty" in front_matter(p)}
    assert {q["url"] for q in data} == expected
    for q in data:
        assert q["title"] and q["chapter"] and q["difficulty"] in ("基础", "进阶", "深入"), q
        assert isinstance(q["tags"], list) and q["tags"], q
        assert (built_site / q["url"] / "index.html").is_file(), q["url"]


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.inside += 1
        if tag == "a" and self.inside and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1


def test_formula_sheet_links_resolve(built_site):
    page = built_site / "formulas" / "index.html"
    text = page.read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(text)
    targets = [h for h in parser.links if not h.startswith(("#", "http", "mailto:")) and "#" not in h]
    question_links = [h for h in targets if re.fullmatch(r"\.\./[^/]+/[^/]+/", h)]
    assert len(question_links) >= 30, f"too few question links on the formula sheet: {len(question_links)}"
    for href in targets:
        target = (page.parent / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), f"formula sheet link {href} is broken"
    assert text.count('class="katex-display"') >= len(question_links), "formulas missing on the formula sheet"
    assert 'data-math="' not in text, "a formula placeholder was left untypeset"


def test_glossary_and_abbreviations_come_from_terms_file(built_site):
    terms = yaml.safe_load((DOCS / "_data" / "terms.yml").read_text(encoding="utf-8"))
    text = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>", text)
    assert len(rows) == len(terms) + 1, "one glossary row per term (plus the header)"
    plain = re.sub(r"<[^>]+>", "", text)
    for term in terms:
        assert term["zh"] in plain
        assert f'href="../{term["page"][:-3]}/"' in text, f"glossary has no link to {term['page']}"
    page = (built_site / "normalization" / "bn-formula" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]*Batch Normalization[^"]*">BN</abbr>', page), "no BN tooltip"


def test_tag_index_lists_every_tag(built_site):
    allowed = yaml.safe_load((DOCS / "_data" / "tags.yml").read_text(encoding="utf-8"))
    used = set()
    for p in question_pages():
        fm = front_matter(p)
        used.update(str(t) for t in fm.get("tags", []))
    text = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    for tag in used:
        assert tag in allowed
        assert f">{tag}<" in text or f"{tag}</" in text, f"tag {tag} is missing on the tag index"
    q = (built_site / "normalization" / "bn-formula" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tags/#tag:' in q, "question tags do not link to the tag index"
    assert "qa-difficulty" in q


# --------------------------------------------------------------------------- in the browser


@pytest.mark.parametrize("width", WIDTHS)
def test_navigation_practice_and_dark_mode(new_page, site_url, width):
    page = new_page(width)
    page.goto(site_url, wait_until="load")
    page.wait_for_selector("[data-qa=random][href]")
    shot(page, "home", width)

    # home -> chapter -> question through the navigation (instant navigation)
    open_nav_link(page, width, CHAPTER)
    page.wait_for_url(f"**/{CHAPTER}")
    page.wait_for_selector(".qa-progress[data-qa-counted]")
    assert page.locator(".qa-progress").inner_text().startswith("已掌握 0 / ")
    open_nav_link(page, width, "bn-formula/")
    page.wait_for_url(f"**/{QUESTION}")
    page.wait_for_selector("article .katex")
    math_ok(page)

    # 背题模式: hide all sections, reveal one by one, survives reload
    quiz = page.locator("[data-qa=quiz]")
    assert quiz.get_attribute("aria-pressed") == "false"
    assert all(visible_sections(page))
    quiz.click()
    assert quiz.get_attribute("aria-pressed") == "true"
    shown = visible_sections(page)
    assert len(shown) >= 5 and not any(shown), shown
    reveal = page.locator(".qa-reveal").first
    assert reveal.bounding_box()["height"] >= 44
    reveal.click()
    assert visible_sections(page)[:2] == [True, False]
    page.locator("article h2").nth(1).click()  # clicking a section heading reveals it too
    assert visible_sections(page)[:3] == [True, True, False]
    shot(page, "question-quiz", width)
    page.reload(wait_until="load")
    page.wait_for_selector(".qa-section", state="attached")
    assert page.locator("[data-qa=quiz]").get_attribute("aria-pressed") == "true"
    assert not any(visible_sections(page)), "背题模式 did not survive the reload"
    math_ok(page)

    # print: toolbar hidden, answers visible even in 背题模式
    page.emulate_media(media="print")
    assert all(visible_sections(page)), "answers are hidden in print"
    assert not page.locator(".qa-toolbar").is_visible()
    assert not page.locator(".md-header").is_visible()
    page.emulate_media(media="screen")
    page.locator("[data-qa=quiz]").click()
    assert all(visible_sections(page))

    # 已掌握: mark, reload, the chapter index shows it (after instant navigation back)
    done = page.locator("[data-qa=mastered]")
    for b in page.locator(".qa-toolbar .qa-btn").all():
        box = b.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (b.inner_text(), box)
    done.click()
    assert done.get_attribute("aria-pressed") == "true"
    page.reload(wait_until="load")
    assert page.locator("[data-qa=mastered]").get_attribute("aria-pressed") == "true"
    shot(page, "question", width)
    page.go_back(wait_until="load")  # instant navigation (popstate) back to the chapter
    page.wait_for_url(f"**/{CHAPTER}")
    page.wait_for_selector(".qa-progress[data-qa-counted]")
    assert re.fullmatch(r"已掌握 1 / \d+", page.locator(".qa-progress").inner_text())
    row = page.locator("article table tr", has=page.locator("a[href$='bn-formula/']"))
    assert "已掌握" in row.locator(".qa-done-col").inner_text()
    shot(page, "chapter", width)

    # 随机一题: within the chapter, then across the site; always lands on a question page
    page.click("[data-qa=random-chapter]")
    page.wait_for_function("p => location.pathname !== p", arg=f"/handbook/{CHAPTER}")
    page.wait_for_selector("article .qa-meta")
    path = here(page, site_url)
    assert path.startswith(CHAPTER) and is_question(path), path
    page.wait_for_selector("[data-qa=random][href]")
    page.click("[data-qa=random]")
    page.wait_for_function("p => location.pathname !== p", arg="/handbook/" + path)
    page.wait_for_selector("article .qa-meta")
    assert is_question(here(page, site_url)), page.url

    # dark mode persists across reload
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-hb-palette] label:visible").first.click()
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=scheme)
    dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.reload(wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == dark
    shot(page, "question-dark", width)

    assert not offsite(page.requests), f"requests left the site: {offsite(page.requests)}"
    assert not page.errors, page.errors


def test_palette_and_first_paint_state(browser, site_url):
    """The light/dark toggle runs without Material's palette component, and what Material's bundle
    used to change after parsing (restyling the whole page each time) is already in place when
    the page is parsed: overrides/main.html, overrides/partials/palette.html."""
    ctx = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark", service_workers="block")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # First visit with a dark system theme: dark before anything is drawn, as Material picks it.
    page.goto(site_url + QUESTION, wait_until="commit")
    page.wait_for_selector("article h1", state="attached")
    early = page.evaluate("""() => ({
        scheme: document.body.getAttribute('data-md-color-scheme'),
        meta: document.querySelector('meta[name=color-scheme]').content,
        html: document.documentElement.className,
        sheets: [...document.querySelectorAll('head link[rel=stylesheet]')].map(l => l.getAttribute('href')),
    })""")
    assert early["scheme"] == "slate" and early["meta"] == "dark", early
    assert early["html"].split() == ["js", "js-focus-visible"], early
    assert all(h.startswith(site_url) for h in early["sheets"]), early["sheets"]
    page.wait_for_load_state("load")

    def state():
        return page.evaluate("""() => ({
            scheme: document.body.getAttribute('data-md-color-scheme'),
            meta: document.querySelector('meta[name=color-scheme]').content,
            metas: document.querySelectorAll('meta[name=color-scheme]').length,
            theme: (document.querySelector('meta[name=theme-color]') || {}).content,
            labels: [...document.querySelectorAll('form[data-hb-palette] label')].filter(l => !l.hidden).length,
            saved: JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette')),
        })""")

    s = state()
    assert s["labels"] == 1 and s["metas"] == 1 and s["saved"]["color"]["scheme"] == "slate", s
    page.locator("form[data-hb-palette] label:visible").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    s = state()
    assert s["meta"] == "light" and s["labels"] == 1 and s["saved"]["color"]["scheme"] == "default", s
    assert s["theme"] and s["theme"].startswith("rgb("), s
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    # the choice survives a reload and instant navigation, and the toggle still works after it
    page.reload(wait_until="load")
    assert state()["scheme"] == "default"
    page.click("a.md-footer__link--next")
    page.wait_for_function("p => location.pathname !== p", arg="/handbook/" + QUESTION)
    page.wait_for_selector("article .qa-toolbar[data-qa-ready]")
    assert state()["scheme"] == "default"
    # keyboard: Enter on the focused option switches, as in Material
    page.focus("form[data-hb-palette] input:checked")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert state()["meta"] == "dark"
    assert not errors, errors
    ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_generated_pages_and_404(new_page, site_url, built_site, width):
    page = new_page(width)
    for name, path in (("formulas", "formulas/"), ("glossary", "glossary/"), ("tags", "tags/")):
        page.goto(site_url + path, wait_until="load")
        shot(page, name, width)
    if (built_site / LAB / "index.html").is_file():
        page.goto(site_url + LAB, wait_until="load")
        shot(page, "lab", width)
    page.goto(site_url + "404.html", wait_until="load")
    assert "找不到" in page.locator("h1").inner_text()
    hrefs = page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
    assert site_url in hrefs and site_url + CHAPTER in hrefs, hrefs
    shot(page, "404", width)
    page.locator(".qa-404-search").click()
    page.wait_for_function("document.getElementById('__search').checked", timeout=5000)
    # a tap on an abbreviation shows its tooltip
    page.goto(site_url + QUESTION, wait_until="load")
    abbr = page.locator("article abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.click()
    page.wait_for_selector(".md-tooltip--active, .md-tooltip2--active", timeout=3000)


AXE_PAGES = {
    "home": "",
    "chapter": CHAPTER,
    "question": QUESTION,
    "notebook": LAB,
    "formulas": "formulas/",
    "glossary": "glossary/",
}


@pytest.fixture(scope="module")
def axe_page(new_page):
    return new_page(1280)


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_accessibility_axe(axe_page, site_url, built_site, name):
    path = AXE_PAGES[name]
    if name == "notebook" and not (built_site / LAB / "index.html").is_file():
        pytest.skip(f"{LAB} is not built (docs/labs/activations.py missing or not rendered)")
    page = axe_page
    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(200)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run({exclude: [['.katex-html']]}, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200)),
            count: v.nodes.length}));
    }""")
    assert not result, json.dumps(result, ensure_ascii=False, indent=1)


# "No page scrolls sideways at 390 px" is checked on every built page by tests/test_every_page.py,
# in the same single pass that checks requests, math, console errors and alt text.
