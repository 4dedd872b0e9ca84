"""Site search, tested the way readers use it: Chromium types each query of
tests/search_queries.yml into the header search box of the built site and reads the result list.

* exact titles, terms and abbreviations (top: 1) must rank their page first; everything else
  (top: 3) must have an expected page in the first three results; expect: [] must find nothing;
* the index must be segmented by jieba (U+200B present) and contain no TeX source;
* a page load must not download the search index or start the search worker (search is
  deferred until the search box is used: overrides/partials/search.html).

Figures (recall, latency, bytes) come from scripts/benchmark_search.py; see
docs/contributing/search.md. One browser page serves all queries (about a minute).
"""
from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from benchmark_search import MaterialSearch, judge, load_queries  # noqa: E402

QUERIES, PENDING = load_queries()


def test_query_set_is_large_enough():
    kinds = {q["kind"] for q in QUERIES + PENDING}
    assert len(QUERIES) + len(PENDING) >= 80
    assert {"zh-term", "zh-subterm", "en", "mixed", "question", "typo", "none"} <= kinds
    for q in QUERIES:
        for rel in q["expect"]:
            assert (ROOT / "docs" / f"{rel}.md").is_file() or any(
                (ROOT / "docs" / f"{r}.md").is_file() for r in q["expect"]), f"{q['q']}: no page {rel}.md"


def _index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_index_is_segmented_by_jieba(built_site):
    index = _index(built_site)
    separator = index["config"]["separator"]  # the regex source: U+200B appears as the escape \u200b
    assert "\u200b" in separator or "\\u200b" in separator, "the search separator must split on U+200B"
    han = [d for d in index["docs"] if re.search(r"[\u4e00-\u9fff]{4}", d["text"])]
    assert han and sum("\u200b" in d["text"] for d in han) / len(han) > 0.9, (
        "Chinese text in search_index.json is not segmented: jieba did not run at build time "
        "(pip install -r requirements.txt). Without it Chinese search silently degrades.")


def test_index_holds_no_tex(built_site):
    index = _index(built_site)
    bad = [d["location"] for d in index["docs"]
           if re.search(r"\\(frac|sum|mathbf|partial|sqrt|left|right|cdot)\b", d["text"])]
    assert not bad, f"TeX source in the search index (snippets would show raw TeX): {bad[:10]}"


def test_no_search_work_on_page_load(open_page):
    page, requests, errors = open_page("normalization/batch-norm/")
    page.wait_for_timeout(1000)
    fetched = [u for u in requests if "search_index.json" in u or "/workers/search." in u]
    assert not fetched, f"a page load fetched search assets: {fetched}"
    # The first use of the search box loads the index and the worker, and search works.
    search = MaterialSearch(page)
    search.open()
    res = search.query("梯度消失")
    assert res["ranked"][:1] == ["optimization/vanishing-exploding-gradients"], res
    assert any("search_index.json" in u for u in requests)
    assert not errors, errors


@pytest.fixture(scope="module")
def search(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    driver = MaterialSearch(page)
    driver.open()
    yield driver
    context.close()


@pytest.mark.parametrize("item", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query(search, item, request):
    if item.get("gap"):
        request.applymarker(pytest.mark.xfail(reason="known ranking gap of lunr + jieba (issue 7 open)", strict=False))
    search.clear()
    res = search.query(item["q"])
    assert not res.get("timeout"), f"no results rendered for {item['q']!r} within 20 s"
    verdict = judge(item, res["ranked"])
    if not item["expect"]:
        assert verdict["passed"], f"{item['q']!r} must find nothing, found {res['ranked'][:5]}"
    else:
        assert verdict["passed"], (
            f"{item['q']!r}: expected {item['expect']} in the top {item['top']}, "
            f"got rank {verdict['rank']}; top 5: {res['ranked'][:5]}")


@pytest.mark.parametrize("item", PENDING, ids=[q["q"] for q in PENDING])
def test_query_pending(item):
    pytest.skip(f"page(s) {item['expect']} not written yet")
