"""Benchmark the site search in Chromium: quality (recall@1, recall@3) and cost (latency, bytes).

Usage (from the project root, after a build):

    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build -d /tmp/searchsite
    .venv/bin/python scripts/benchmark_search.py --site /tmp/searchsite            # the site's search
    .venv/bin/python scripts/benchmark_search.py --site /tmp/pfsite --engine pagefind
    # add --json out.json for the raw per-query results, --verbose for every miss

The site is served under the site_url path (/handbook/) like the tests do. For the site's own
search (--engine header: Material's header search box with the handbook worker behind it,
docs/assets/javascripts/search-worker.js) the queries are typed into the real header search box (fill + a key press, which is what Material
listens to) and the rendered result list is read; for Pagefind the engine's JS API is called in
the page (the index must exist: `python -m pagefind --site DIR --root-selector article`).

Reported figures (see docs/contributing/search.md for the numbers and how to read them):
  recall@1 / recall@3   share of queries whose expected page is ranked 1st / in the top 3
  (queries with expect: [] must return nothing; they count as hits when they do)
  latency               keystroke -> results rendered, median and p95, after the index is loaded
  first search          keystroke -> results for the first query of a fresh page (cold), and the
                        bytes transferred for it (raw as served, and gzip as GitHub Pages sends)
  page load             bytes of search assets fetched while a page loads, before any interaction
  index build           time the worker spends preparing the index after it arrives (per full load)
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search_queries.yml"
CHROMIUM = "/usr/bin/chromium"
PREFIX = "handbook"
SEARCH_ASSET = ("search/search_index", "search-worker.js", "workers/search.", "javascripts/lunr/", "/pagefind/")

# ------------------------------------------------------------------ queries


def load_queries(path: Path = QUERIES, docs: Path = ROOT / "docs") -> tuple[list[dict], list[dict]]:
    """Return (runnable, skipped): a query is skipped while one of its expected pages is missing
    from docs/ and none of them exists (pages still being written)."""
    runnable, skipped = [], []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        item = {"top": 3, "kind": "", **item}
        item["q"] = str(item["q"])
        exp = item["expect"]
        if exp and not any((docs / f"{p}.md").is_file() for p in exp):
            skipped.append(item)
        else:
            runnable.append(item)
    return runnable, skipped


def page_id(url: str) -> str:
    """'http://h/handbook/cnn/pooling/#x' -> 'cnn/pooling'."""
    path = urlparse(url).path
    path = path.split(f"/{PREFIX}/", 1)[-1] if f"/{PREFIX}/" in path else path.lstrip("/")
    path = path.removesuffix("index.html").removesuffix(".html").strip("/")
    return path


def judge(item: dict, ranked: list[str]) -> dict:
    exp = item["expect"]
    if not exp:
        ok1 = ok3 = not ranked
        rank = None
    else:
        rank = next((i + 1 for i, p in enumerate(ranked) if p in exp), None)
        ok1, ok3 = rank == 1, rank is not None and rank <= 3
    passed = ok1 if (exp and item["top"] == 1) else ok3
    return {"rank": rank, "hit1": ok1, "hit3": ok3, "passed": passed}


# ------------------------------------------------------------------ serving


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path, tmp: Path):
    """Serve site under /handbook/ on a free port; return (base_url, server)."""
    root = tmp / "www"
    root.mkdir(parents=True, exist_ok=True)
    link = root / PREFIX
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(site.resolve(), target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/", server


class Traffic:
    """Bytes received per URL for a browser context (response bodies as transferred)."""

    def __init__(self, context, site: Path):
        self.site = site
        self.entries: list[tuple[str, int]] = []
        context.on("requestfinished", self._done)

    def _done(self, request):
        # No Playwright calls inside an event handler (the sync API can deadlock): sizes later.
        self.entries.append(request)

    def mark(self) -> int:
        return len(self.entries)

    @staticmethod
    def _size(request) -> int:
        try:
            return request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request of a closed page
            return 0

    def since(self, mark: int, search_only: bool = False) -> dict:
        rows = [(r.url, self._size(r)) for r in self.entries[mark:]]
        if search_only:
            rows = [(u, s) for u, s in rows if any(k in u for k in SEARCH_ASSET)]
        raw = sum(s for _, s in rows)
        gz = 0
        for url, size in rows:
            path = self.site / urlparse(url).path.split(f"/{PREFIX}/", 1)[-1]
            if path.is_file():
                gz += len(gzip.compress(path.read_bytes(), 6)) if path.suffix in (".json", ".js", ".css", ".html", ".svg") else size
            else:
                gz += size
        return {"requests": len(rows), "raw": raw, "gzip": gz,
                "files": sorted({urlparse(u).path.split(f"/{PREFIX}/", 1)[-1] for u, _ in rows})}


# ------------------------------------------------------------------ header search box driver

_MATERIAL_ARM = """() => {
  const box = document.querySelector('[data-md-component=search-result]');
  const input = document.querySelector('[data-md-component=search-query]');
  window.__searchT0 = null;
  if (!window.__searchKeyHook) {
    window.__searchKeyHook = true;
    document.addEventListener('keyup', () => { window.__searchT0 = performance.now(); }, true);
  }
  window.__searchDone = new Promise(resolve => {
    setTimeout(() => resolve({ms: null, links: [], meta: 'TIMEOUT', timeout: true}), 20000);
    const obs = new MutationObserver(() => {
      if (window.__searchT0 === null) return;
      obs.disconnect();
      const t1 = performance.now();
      const links = [...box.querySelectorAll('.md-search-result__list > li > a.md-search-result__link')]
        .map(a => a.href);
      resolve({ms: t1 - window.__searchT0, links, meta: box.querySelector('.md-search-result__meta').textContent.trim()});
    });
    obs.observe(box, {childList: true, subtree: true, characterData: true});
  });
}"""


class MaterialSearch:
    """Types into Material's header search box and reads the rendered result list."""

    selector = "[data-md-component=search-query]"

    def __init__(self, page, timeout_ms: int = 30000):
        self.page, self.timeout = page, timeout_ms

    def open(self):
        # The same way a reader starts: the / shortcut focuses the header search box.
        self.page.keyboard.press("/")
        try:
            self.page.wait_for_selector(self.selector + ":focus", timeout=5000)
        except Exception:  # noqa: BLE001 - the bundle was not listening yet: click the box
            self.page.click(self.selector)
            self.page.wait_for_selector(self.selector + ":focus", timeout=self.timeout)

    def query(self, q: str) -> dict:
        page = self.page
        page.evaluate(_MATERIAL_ARM)
        page.fill(self.selector, q)
        page.keyboard.press("End")  # a real keyup: Material runs the query on keyup
        res = page.evaluate("() => window.__searchDone")
        res["ranked"] = list(dict.fromkeys(page_id(u) for u in res["links"]))
        return res

    def clear(self):
        if self.page.input_value(self.selector):
            self.query("")


# ------------------------------------------------------------------ Pagefind driver

_PAGEFIND_INIT = """async (base) => {
  window.__pf = await import(base + 'pagefind/pagefind.js');
  await window.__pf.init();
}"""
_PAGEFIND_QUERY = """async (q) => {
  const t0 = performance.now();
  const r = await window.__pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const t1 = performance.now();
  return {ms: t1 - t0, links: data.map(d => d.url), meta: String(r.results.length),
          excerpt: data.length ? data[0].excerpt : ''};
}"""


class PagefindSearch:
    """Calls Pagefind's JS API in the page (same engine a header integration would call)."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base

    def open(self):
        self.page.evaluate(_PAGEFIND_INIT, self.base)

    def query(self, q: str) -> dict:
        res = self.page.evaluate(_PAGEFIND_QUERY, q)
        res["ranked"] = list(dict.fromkeys(page_id(u) for u in res["links"]))
        return res

    def clear(self):
        pass


# ------------------------------------------------------------------ benchmark

_BUILD_INDEX = """async (base) => {
  const index = await (await fetch(base + 'search/search_index.json')).json();
  const w = new Worker(base + 'assets/javascripts/search-worker.js');
  const t0 = performance.now();
  return await new Promise(resolve => {
    w.addEventListener('message', ev => { if (ev.data.type === 1) { resolve(performance.now() - t0); w.terminate(); } });
    w.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  });
}"""


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run(site: Path, engine: str, queries: list[dict], first_query: str = "梯度消失", verbose: bool = False) -> dict:
    from playwright.sync_api import sync_playwright
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        base, server = serve(site, Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
            traffic = Traffic(context, site)
            page = context.new_page()

            # Page load: which search assets does a plain page view fetch?
            m = traffic.mark()
            log("loading a page")
            page.goto(base + "normalization/batch-norm/", wait_until="networkidle")
            page.wait_for_timeout(1500)
            load_all = traffic.since(m)
            load_search = traffic.since(m, search_only=True)

            # First search on a fresh page: cold (index download + build included).
            drv = MaterialSearch(page) if engine == "header" else PagefindSearch(page, base)
            m = traffic.mark()
            t0 = time.perf_counter()
            log("first search")
            drv.open()
            first = drv.query(first_query)
            first_wall = (time.perf_counter() - t0) * 1000
            page.wait_for_timeout(500)
            first_bytes = traffic.since(m)

            # All queries, warm.
            rows = []
            log(f"{len(queries)} queries")
            for item in queries:
                drv.clear()
                res = drv.query(item["q"])
                row = {**item, **judge(item, res["ranked"]), "ms": res["ms"], "top5": res["ranked"][:5]}
                rows.append(row)
            after = traffic.since(m)

            build_ms = None
            log("index build timing")
            if engine == "header":
                build_ms = [page.evaluate(_BUILD_INDEX, base) for _ in range(3)]
        finally:
            browser.close()
            server.shutdown()

    scored = [r for r in rows]
    lat = [r["ms"] for r in rows if r["ms"] is not None]
    report = {
        "engine": engine,
        "queries": len(rows),
        "recall@1": sum(r["hit1"] for r in scored) / len(scored),
        "recall@3": sum(r["hit3"] for r in scored) / len(scored),
        "passed": sum(r["passed"] for r in scored),
        "latency_ms": {"median": statistics.median(lat), "p95": percentile(lat, 0.95), "max": max(lat)},
        "first_search": {"query": first_query, "ms_in_page": first["ms"], "ms_wall": first_wall,
                         "bytes_raw": first_bytes["raw"], "bytes_gzip": first_bytes["gzip"],
                         "files": first_bytes["files"]},
        "all_queries_bytes": {"raw": after["raw"], "gzip": after["gzip"]},
        "page_load": {"search_bytes_raw": load_search["raw"], "search_bytes_gzip": load_search["gzip"],
                      "search_files": load_search["files"], "all_bytes_raw": load_all["raw"]},
        "index_build_ms": build_ms,
        "rows": rows,
    }
    return report


def print_report(rep: dict, verbose: bool = False) -> None:
    kb = lambda n: f"{n / 1024:.0f} KB"  # noqa: E731
    print(f"== {rep['engine']}: {rep['queries']} queries")
    print(f"recall@1 {rep['recall@1']:.3f}   recall@3 {rep['recall@3']:.3f}   "
          f"passed (top-1 where required) {rep['passed']}/{rep['queries']}")
    by_kind: dict[str, list] = {}
    for r in rep["rows"]:
        by_kind.setdefault(r["kind"], []).append(r)
    for kind, rs in by_kind.items():
        print(f"  {kind:<11} n={len(rs):<3} r@1 {sum(r['hit1'] for r in rs) / len(rs):.2f}  "
              f"r@3 {sum(r['hit3'] for r in rs) / len(rs):.2f}")
    lat = rep["latency_ms"]
    print(f"latency keystroke->results: median {lat['median']:.1f} ms, p95 {lat['p95']:.1f} ms, max {lat['max']:.1f} ms")
    fs = rep["first_search"]
    print(f"first search ({fs['query']}): {fs['ms_wall']:.0f} ms wall (incl. loading), "
          f"{kb(fs['bytes_raw'])} raw / {kb(fs['bytes_gzip'])} gzip, {len(fs['files'])} files")
    print(f"all {rep['queries']} queries: {kb(rep['all_queries_bytes']['raw'])} raw / "
          f"{kb(rep['all_queries_bytes']['gzip'])} gzip")
    pl = rep["page_load"]
    print(f"page load: search assets {kb(pl['search_bytes_raw'])} raw / {kb(pl['search_bytes_gzip'])} gzip "
          f"{pl['search_files']} (page total {kb(pl['all_bytes_raw'])})")
    if rep["index_build_ms"]:
        print(f"index setup in the worker: {', '.join(f'{x:.0f}' for x in rep['index_build_ms'])} ms")
    misses = [r for r in rep["rows"] if not r["passed"]]
    print(f"failing queries ({len(misses)}):")
    for r in misses:
        print(f"  [{r['kind']}] {r['q']!r} top{r['top']} expect {r['expect']} -> rank {r['rank']}, got {r['top5']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, required=True, help="built site directory")
    ap.add_argument("--engine", choices=["header", "pagefind"], default="header")
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--json", type=Path, help="write the full report here")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    queries, skipped = load_queries(args.queries)
    if skipped:
        print(f"skipped {len(skipped)} queries whose pages do not exist yet: {[q['q'] for q in skipped]}")
    rep = run(args.site, args.engine, queries, verbose=args.verbose)
    print_report(rep, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
