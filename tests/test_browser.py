"""What a reader sees in Chromium: pages load, every formula is typeset (no raw TeX, no error
element), nothing is requested from another origin, and the phone layout does not scroll sideways."""
import pytest

from conftest import offsite, screenshot

PAGES = {
    "home": "",
    "bn-formula": "normalization/bn-formula/",
    "conv-output-size": "cnn/conv-output-size/",
    "chapter-cnn": "cnn/",
}


def assert_math_rendered(page):
    state = page.evaluate("""() => ({
        katex: document.querySelectorAll('.katex').length,
        errors: document.querySelectorAll('.katex-error, .math-error').length,
        raw: [...document.querySelectorAll('article')].some(a => /\\\\\\(|\\\\\\[|\\$\\$/.test(a.innerText)),
        visible: [...document.querySelectorAll('.katex-html')].filter(e => e.getBoundingClientRect().width > 0).length,
    })""")
    assert state["errors"] == 0, state
    assert not state["raw"], "raw TeX visible in the article"
    return state


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("width", [1280, 390])
def test_page_renders_offline_with_math(open_page, site_url, name, width):
    page, requests, errors = open_page(PAGES[name], width=width)
    assert page.title(), "page has no title"
    state = assert_math_rendered(page)
    if name in ("bn-formula", "conv-output-size"):
        assert state["katex"] > 10 and state["visible"] > 10, state
    assert not offsite(requests), f"requests left the site: {offsite(requests)}"
    assert not errors, f"console errors: {errors}"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at {width}px"
    screenshot(page, f"{name}-{width}")


def test_navigation_from_home_to_a_question_keeps_math(open_page):
    page, requests, _ = open_page("")
    page.click("article a[href$='/normalization/']")
    page.wait_for_url("**/normalization/")
    page.click("article a[href$='/bn-formula/']")
    page.wait_for_url("**/bn-formula/")
    page.wait_for_selector(".katex")
    assert_math_rendered(page)
    assert page.locator("h1").first.inner_text().startswith("BN 的计算步骤")
    assert not offsite(requests), offsite(requests)
