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


def test_load_time_changes_are_made_in_the_build(built_site):
    """Changes that made Chromium restyle every element after the page was parsed are made before
    <body> or by the build instead (overrides/main.html, overrides/partials/palette.html,
    scripts/hooks.py; docs/contributing/performance.md). The browser side is in test_reader."""
    for rel in ("normalization/bn-formula/index.html", "normalization/index.html", "index.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        assert 'classList.remove("no-js")' in head and "link.href = link.href" in head, rel
        assert 'data-md-component="palette"' not in html and "data-hb-palette" in body, rel
        assert body.count('<div class="qa-toolbar" role="group" aria-label="练习工具" data-qa-page=') == 1, rel
    tables = 0
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for m in re.finditer(r"<table>", html):
            tables += 1
            assert html[:m.start()].endswith('<div class="table-box">'), f"{html_file}: table not in its box"
    assert tables > 100

