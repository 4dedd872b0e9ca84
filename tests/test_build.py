"""The strict build succeeds and produces a page per question, chapter indexes that list their
questions, a home page linking every chapter and build-time math (the search index is checked in test_search.py)."""
import re

from conftest import DOCS, front_matter, question_pages


def test_every_question_has_a_built_page(built_site):
    pages = question_pages()
    assert len(pages) >= 2
    for md in pages:
        html = built_site / md.parent.name / md.stem / "index.html"
        assert html.is_file(), f"no built page for {md.relative_to(DOCS)}"
        title = front_matter(md)["title"]
        assert title.split("？")[0][:10] in html.read_text(encoding="utf-8"), md


def test_chapter_indexes_list_their_questions_from_front_matter(built_site):
    for index in sorted(DOCS.glob("*/index.md")):
        if index.parent.name in ("assets", "labs", "contributing"):
            continue
        chapter = index.parent.name
        html = (built_site / chapter / "index.html").read_text(encoding="utf-8")
        questions = [p for p in question_pages() if p.parent.name == chapter]
        assert f"本章共 {len(questions)} 题" in html, chapter
        for q in questions:
            assert f'href="{q.stem}/"' in html, f"{chapter} index does not link {q.name}"


def test_home_page_links_every_chapter(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for index in sorted(DOCS.glob("*/index.md")):
        if index.parent.name in ("assets",):
            continue
        assert f'href="{index.parent.name}/"' in html, index.parent.name


def test_formulas_are_typeset_at_build_time(built_site):
    html = (built_site / "normalization" / "bn-formula" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="katex"') > 20
    assert "\\(" not in html and "\\[" not in html, "raw TeX delimiters left in the page"
    assert "math-error" not in html


def test_no_external_assets_in_built_html(built_site):
    """No page references a third-party origin for scripts, styles, fonts or images."""
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//(?!127\.0\.0\.1)', re.I)
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            tag = text[m.start():m.start() + 200]
            assert 'rel="canonical"' in tag or "<a " in tag, f"{html}: external asset {tag[:120]}"


def test_palette_rule_that_restyles_every_element_is_gone(built_site):
    """scripts/theme_patches.py: Material's `[data-md-color-switching] *` rule made the browser
    recompute the style of every element each time the palette starts (about half of the
    blocking time on formula-heavy pages); the light/dark toggle itself is tested in test_reader."""
    sheets = list((built_site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert sheets, "Material's palette stylesheet is missing"
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        assert "data-md-color-switching" not in css, f"{sheet.name} still has the switching rule"
        assert "[data-md-color-scheme=slate]" in css, "the dark scheme itself must stay"

