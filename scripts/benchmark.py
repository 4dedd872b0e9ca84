"""Benchmark the handbook: build cost, page weight, paint timing and Lighthouse scores.

Usage (from the project root):

    .venv/bin/python scripts/benchmark.py                    # everything, ~10 min on 2 busy cores
    .venv/bin/python scripts/benchmark.py --skip-lighthouse  # no Lighthouse (no npm needed)
    .venv/bin/python scripts/benchmark.py --save-baseline    # ... then copy latest.* to baseline.*

It writes benchmarks/latest.json and benchmarks/latest.md and, when benchmarks/baseline.json
exists, the difference against it (printed, and recorded in both files), so a pull request can
show what it cost. It reports; it never fails on a missed target (the tests assert correctness).
Timings are medians of --runs repetitions; CPU seconds are given next to wall seconds because
the machine may be shared.

What is measured:

* build      -- a full `mkdocs build` in a fresh process (notebook cache .cache/mkdocs-jupyter warm:
                one untimed build runs first); the cost of every page, from an in-process build
                whose plugin/hook event methods and MkDocs' per-page steps are wrapped with timers
                (no file of the project is changed); a dirty rebuild of one page, both as
                `mkdocs build --dirty` in a fresh process and in a warm process (what
                `mkdocs serve --dirty` does on save). The dirty page is marked changed by
                back-dating its built HTML, so docs/ is never touched.
* weight     -- the built site is served under /handbook/ with gzip for text types and
                Cache-Control: max-age=600 (like GitHub Pages). Chromium (Playwright, service
                workers blocked, cold cache) loads the home page, the heaviest question page and
                the heaviest notebook page, then clicks the footer "next" link (Material's instant
                navigation, same context). Every byte the server sends is counted, raw and gzip,
                split into html / css / js / fonts / images / search / other. "search" (the index,
                the search worker) is reported separately and excluded from the budget.
* paint      -- first-contentful-paint, "all math visible" (the first frame in which every .katex
                element that is rendered at all has a non-zero box; polled with requestAnimationFrame
                from an init script), KaTeX fonts loaded, cumulative layout shift, math JS requests;
                and from a trace of one more load, how often the whole page is restyled (see
                whole_page_restyles()).
* lighthouse -- npm lighthouse 13.5.0 (installed into benchmarks/.node, git-ignored) driving
                /usr/bin/chromium, mobile form factor; median of --lighthouse-runs per category.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks"
CHROMIUM = "/usr/bin/chromium"
PREFIX = "/handbook/"
LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE_DIR = OUT / ".node"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
NOTEBOOK_CACHE = ROOT / ".cache" / "mkdocs-jupyter"

TARGETS = {
    "full_build_s": 15.0,
    "dirty_rebuild_s": 2.0,
    "question_first_visit_gzip_kb": 160.0,
    "question_next_page_gzip_kb": 25.0,
    "lighthouse_min": 95,
}
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".py", ".ipynb", ".mjs")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".ico": "image/x-icon",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".map": "application/json",
    ".py": "text/plain; charset=utf-8", ".ipynb": "application/json",
}
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore:pkg_resources is deprecated")


def log(msg: str) -> None:
    print(f"[benchmark {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


# ================================================================== build


def timed_run(cmd: list[str]) -> dict:
    """Run a command; return wall seconds and the CPU seconds (user+sys) of the child processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def cache_state() -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in NOTEBOOK_CACHE.glob("*.json")} if NOTEBOOK_CACHE.is_dir() else {}


class KeepNotebookCache:
    """mkdocs-jupyter 0.26.3 deletes every cache entry a build did not use, and a --dirty build
    uses none: keep a copy of the cache and put it back afterwards."""

    def __enter__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="hb-nbcache-"))
        if NOTEBOOK_CACHE.is_dir():
            shutil.copytree(NOTEBOOK_CACHE, self.tmp / "c")
        return self

    def __exit__(self, *exc):
        self.evicted = len(set((self.tmp / "c").glob("*.json")) if (self.tmp / "c").is_dir() else set()) - len(cache_state())
        if (self.tmp / "c").is_dir():
            NOTEBOOK_CACHE.mkdir(parents=True, exist_ok=True)
            for f in (self.tmp / "c").glob("*.json"):
                if not (NOTEBOOK_CACHE / f.name).exists():
                    shutil.copy2(f, NOTEBOOK_CACHE / f.name)
        shutil.rmtree(self.tmp, ignore_errors=True)


def mkdocs_build(site: Path, dirty: bool = False) -> dict:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    if dirty:
        cmd.append("--dirty")
    before = cache_state()
    result = timed_run(cmd)
    after = cache_state()
    # A notebook executed by this build shows up as a new (or rewritten) cache entry.
    result["notebook_cache_misses"] = sum(1 for k, t in after.items() if before.get(k) != t)
    return result


def profile_build(out_json: Path, site: Path, dirty_page: str | None) -> None:
    """In-process build with timers around every event method and MkDocs' per-page steps.

    Runs in a child process (see --_profile); writes the timings to out_json.
    """
    os.environ.update(NO_MKDOCS_2_WARNING="1")
    sys.path.insert(0, str(ROOT / "scripts"))
    os.chdir(ROOT)
    import logging

    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    events: dict[str, float] = {}       # "event origin" -> seconds, whole build
    per_page: dict[str, dict] = {}      # src_uri -> {"total": s, "events": {...}, "markdown": s, "template": s}
    current: list[str | None] = [None]

    def page_entry(uri):
        return per_page.setdefault(uri, {"total": 0.0, "events": {}})

    def wrap_events(config):
        plugins = config.plugins
        for name, methods in plugins.events.items():
            for i, method in enumerate(methods):
                origin = plugins._event_origins.get(method, "?")

                def timed(*args, __m=method, __key=f"{name} {origin}", **kwargs):
                    t = time.perf_counter()
                    try:
                        return __m(*args, **kwargs)
                    finally:
                        d = time.perf_counter() - t
                        events[__key] = events.get(__key, 0.0) + d
                        if current[0] is not None:
                            ev = page_entry(current[0])["events"]
                            ev[__key] = ev.get(__key, 0.0) + d
                timed.mkdocs_priority = getattr(method, "mkdocs_priority", 0)
                methods[i] = timed

    orig_populate, orig_build_page = mk_build._populate_page, mk_build._build_page

    def populate(page, config, files, dirty=False):
        current[0] = page.file.src_uri
        t = time.perf_counter()
        try:
            return orig_populate(page, config, files, dirty)
        finally:
            page_entry(page.file.src_uri)["total"] += time.perf_counter() - t
            current[0] = None

    def build_page(page, config, *args, **kwargs):
        current[0] = page.file.src_uri
        t = time.perf_counter()
        try:
            return orig_build_page(page, config, *args, **kwargs)
        finally:
            page_entry(page.file.src_uri)["total"] += time.perf_counter() - t
            current[0] = None

    mk_build._populate_page, mk_build._build_page = populate, build_page

    def one_build(dirty: bool) -> float:
        events.clear()
        per_page.clear()
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
        wrap_events(config)
        t = time.perf_counter()
        mk_build.build(config, dirty=dirty)
        return time.perf_counter() - t

    t0 = time.perf_counter()
    full = one_build(False)
    result = {
        "process_first_build_s": round(time.perf_counter() - t0, 3),
        "full_s": round(full, 3),
        "events": {k: round(v, 4) for k, v in sorted(events.items(), key=lambda kv: -kv[1])},
        "pages": {k: {"total": round(v["total"], 4),
                      "events": {e: round(s, 4) for e, s in sorted(v["events"].items(), key=lambda kv: -kv[1])
                                 if s >= 0.001}}
                  for k, v in sorted(per_page.items(), key=lambda kv: -kv[1]["total"])},
    }
    if dirty_page:
        dirty_times = []
        for _ in range(3):
            dest = site / dirty_page
            os.utime(dest, (0, 0))
            dirty_times.append(one_build(True))
        result["warm_dirty_s"] = [round(x, 3) for x in dirty_times]
        result["warm_dirty_events"] = {k: round(v, 4) for k, v in sorted(events.items(), key=lambda kv: -kv[1])[:12]}
    out_json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


def measure_build(runs: int, work: Path) -> tuple[dict, Path]:
    site = work / "site"
    log("warm-up build (fills .cache/mkdocs-jupyter if needed)")
    warm = mkdocs_build(site)
    fulls = []
    for i in range(runs):
        log(f"full build {i + 1}/{runs}")
        fulls.append(mkdocs_build(site))
    # Dirty rebuild of one question page: back-date its HTML so MkDocs sees the source as newer.
    dirty_src, dirty_dest = "normalization/bn-formula.md", "normalization/bn-formula/index.html"
    if not (site / dirty_dest).is_file():
        dirty_dest = next(str(p.relative_to(site)) for p in sorted(site.glob("*/*/index.html")))
        dirty_src = dirty_dest.replace("/index.html", ".md")
    dirties = []
    with KeepNotebookCache() as keep:
        for i in range(runs):
            log(f"dirty rebuild {i + 1}/{runs}")
            os.utime(site / dirty_dest, (0, 0))
            dirties.append(mkdocs_build(site, dirty=True))
    evicted_by_dirty = keep.evicted
    log("instrumented in-process build (per-page cost, warm dirty rebuild)")
    prof_site = work / "prof-site"
    prof_json = work / "profile.json"
    before = cache_state()
    with KeepNotebookCache():
        r = subprocess.run([sys.executable, __file__, "--_profile", str(prof_json), str(prof_site), dirty_dest],
                           cwd=ROOT, env=ENV, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"instrumented build failed:\n{r.stderr[-3000:]}")
    profile_misses = sum(1 for k, t in cache_state().items() if before.get(k) != t)
    prof = json.loads(prof_json.read_text(encoding="utf-8"))
    pages = prof["pages"]
    page_totals = [v["total"] for v in pages.values()]
    by_kind: dict[str, list[float]] = {}
    for uri, v in pages.items():
        by_kind.setdefault(page_kind(uri), []).append(v["total"])
    events = prof["events"]
    build = {
        "notebook_cache": {"dir": str(NOTEBOOK_CACHE.relative_to(ROOT)),
                           "entries": len(list(NOTEBOOK_CACHE.glob("*.json"))) if NOTEBOOK_CACHE.is_dir() else 0,
                           "misses_in_timed_builds": sum(r["notebook_cache_misses"] for r in fulls),
                           "misses_in_instrumented_build": profile_misses,
                           "entries_evicted_by_dirty_build": evicted_by_dirty,
                           "warmup_wall_s": warm["wall_s"], "warmup_misses": warm["notebook_cache_misses"]},
        "full": {"runs": fulls, "wall_s": median(r["wall_s"] for r in fulls),
                 "cpu_s": median(r["cpu_s"] for r in fulls)},
        "dirty": {"page": dirty_src, "runs": dirties, "wall_s": median(r["wall_s"] for r in dirties),
                  "cpu_s": median(r["cpu_s"] for r in dirties),
                  "warm_process_s": median(prof.get("warm_dirty_s", [])),
                  "warm_process_runs": prof.get("warm_dirty_s", []),
                  "warm_process_top_events": prof.get("warm_dirty_events", {})},
        "in_process": {"full_s": prof["full_s"], "pages_s": round(sum(page_totals), 3),
                       "page_count": len(pages),
                       "per_page_median_ms": round(1000 * statistics.median(page_totals), 1) if page_totals else None,
                       "per_page_by_kind_ms": {k: {"n": len(v), "median": round(1000 * statistics.median(v), 1),
                                                   "sum_s": round(sum(v), 3)} for k, v in sorted(by_kind.items())},
                       "top_events": dict(list(events.items())[:15]),
                       "slowest_pages": {k: v for k, v in list(pages.items())[:10]}},
    }
    return build, site


def page_kind(uri: str) -> str:
    parts = uri.split("/")
    if uri.startswith("labs/") and uri.endswith(".py"):
        return "notebook"
    if len(parts) == 2 and parts[1] != "index.md":
        return "question"
    return "index/other"


# ================================================================== math cost


def measure_math(site: Path) -> dict:
    """The numbers behind build-time KaTeX: render cost per formula, bytes per formula, the MathML share.

    Every formula of the built site is found through its TeX annotation, re-rendered uncached with
    scripts/mathrender.py's KaTeX (the same options), and the typeset markup is swapped back for the
    TeX source to see what typesetting adds to each page, raw and gzip.
    """
    import html as html_mod
    sys.path.insert(0, str(ROOT / "scripts"))
    import mathrender

    t = time.perf_counter()
    ctx = mathrender._context()
    startup = time.perf_counter() - t
    ann = re.compile(r'<math xmlns="http://www.w3.org/1998/Math/MathML"( display="block")?>.*?'
                     r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
    formulas: list[tuple[str, bool]] = []
    pages = sorted(site.rglob("*.html"))
    page_raw = page_gz = nomath_raw = nomath_gz = 0
    per_page_gz = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = [(html_mod.unescape(m.group(2)), bool(m.group(1))) for m in ann.finditer(text)]
        if not found:
            continue
        formulas += found
        stripped = text
        for tex, display in set(found):
            try:
                out = mathrender.render(tex, display)
            except mathrender.MathError:
                continue
            src = html_mod.escape(f"\\[{tex}\\]" if display else f"\\({tex}\\)", quote=False)
            stripped = stripped.replace(out, src)
        raw_b, strip_b = text.encode(), stripped.encode()
        g1, g2 = len(gzip.compress(raw_b, 6)), len(gzip.compress(strip_b, 6))
        page_raw += len(raw_b); nomath_raw += len(strip_b); page_gz += g1; nomath_gz += g2
        per_page_gz.append(g1 - g2)
    unique = sorted(set(formulas))
    times, html_only, both = [], 0, 0
    ctx.eval("function hbHtmlOnly(t, d) { var o = hbOptions(d); o.output = 'html'; return katex.renderToString(t, o); }")
    for tex, display in unique:
        t = time.perf_counter()
        try:
            out = ctx.eval(f"hbRender({json.dumps(tex)}, {json.dumps(display)})")
        except Exception:  # noqa: BLE001 -- a bad formula is the build's business, not ours
            continue
        times.append(time.perf_counter() - t)
        both += len(out.encode())
        html_only += len(ctx.eval(f"hbHtmlOnly({json.dumps(tex)}, {json.dumps(display)})").encode())
    n = len(formulas)
    katex_js = (ROOT / "scripts" / "vendor" / "katex.min.js").read_bytes()
    css = (ROOT / "docs" / "assets" / "katex" / "katex.min.css").read_bytes()
    return {
        "formulas": n, "unique_formulas": len(unique), "pages_with_math": len(per_page_gz),
        "katex_version": ctx.eval("katex.version"),
        "v8_startup_ms": round(1000 * startup, 1),
        "render_ms_per_formula_median": round(1000 * statistics.median(times), 3) if times else None,
        "render_ms_per_formula_mean": round(1000 * statistics.mean(times), 3) if times else None,
        "render_s_all_unique": round(sum(times), 3),
        "added_raw_bytes_per_formula": round((page_raw - nomath_raw) / n) if n else None,
        "added_gzip_bytes_per_formula": round((page_gz - nomath_gz) / n) if n else None,
        "added_gzip_kb_per_page_median": round(statistics.median(per_page_gz) / 1024, 1) if per_page_gz else None,
        "added_gzip_kb_per_page_max": round(max(per_page_gz) / 1024, 1) if per_page_gz else None,
        "mathml_share_of_markup": round(1 - html_only / both, 3) if both else None,
        "client_side_alternative_kb": {
            "katex.min.js_raw": round(len(katex_js) / 1024, 1),
            "katex.min.js_gzip": round(len(gzip.compress(katex_js, 6)) / 1024, 1),
            "katex.min.css_raw": round(len(css) / 1024, 1),
            "katex.min.css_gzip": round(len(gzip.compress(css, 6)) / 1024, 1),
        },
    }


def html_sizes(site: Path) -> dict:
    """gzip size of every built page, by kind: what the next page within the site costs."""
    kinds: dict[str, list[int]] = {}
    for page in site.rglob("index.html"):
        rel = page.relative_to(site).as_posix()
        parts = rel.split("/")
        kind = ("notebook" if parts[0] == "labs" and len(parts) == 3 else
                "question" if len(parts) == 3 and parts[0] not in ("tags", "search", "assets") else "other")
        kinds.setdefault(kind, []).append(len(gzip.compress(page.read_bytes(), 6)))
    out = {}
    for kind, sizes in sorted(kinds.items()):
        sizes.sort()
        out[kind] = {"n": len(sizes), "median_kb": round(statistics.median(sizes) / 1024, 1),
                     "p90_kb": round(sizes[int(0.9 * (len(sizes) - 1))] / 1024, 1),
                     "max_kb": round(sizes[-1] / 1024, 1),
                     "over_25kb": sum(1 for x in sizes if x > 25 * 1024)}
    return out


# ================================================================== serving


class Server:
    """The built site under /handbook/, gzip for text (as GitHub Pages), max-age=600; logs every response."""

    def __init__(self, site: Path):
        self.site = site
        self.log: list[dict] = []
        self._gz: dict[Path, bytes] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                self.do_GET(head=True)

            def do_GET(self, head=False):
                path = unquote(urlparse(self.path).path)
                if path in ("/", ""):
                    return self._send(301, b"", {"Location": PREFIX}, head)
                if not path.startswith(PREFIX.rstrip("/")):  # e.g. /robots.txt: not ours on Pages
                    return self._send(404, b"not found", {"Content-Type": "text/plain"}, head)
                rel = path[len(PREFIX):] if path.startswith(PREFIX) else ""
                file = (outer.site / rel).resolve()
                if outer.site.resolve() not in file.parents and file != outer.site.resolve():
                    return self._send(404, b"not found", {}, head)
                if file.is_dir():
                    if not path.endswith("/"):
                        return self._send(301, b"", {"Location": path + "/"}, head)
                    file = file / "index.html"
                status = 200
                if not file.is_file():
                    status, file = 404, outer.site / "404.html"
                raw = file.read_bytes()
                if file.name == "sitemap.xml":
                    # Instant navigation needs the sitemap's host (and port) to be this server's,
                    # as it is on Pages; otherwise every "next page" is a full page load.
                    raw = re.sub(rb"<loc>https?://[^/<]+", b"<loc>http://" + self.headers["Host"].encode(), raw)
                headers = {"Content-Type": CONTENT_TYPES.get(file.suffix, "application/octet-stream"),
                           "Cache-Control": "max-age=600"}
                body = raw
                if file.suffix in TEXT_TYPES and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = outer.gzipped(file, raw)
                    headers["Content-Encoding"] = "gzip"
                    headers["Vary"] = "Accept-Encoding"
                outer.log.append({"path": path, "file": str(file.relative_to(outer.site)), "status": status,
                                  "raw": len(raw), "gzip": len(body) if body is not raw else len(raw)})
                self._send(status, body, headers, head)

            def _send(self, status, body, headers, head):
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{PREFIX}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def gzipped(self, file: Path, raw: bytes) -> bytes:
        if file not in self._gz:
            self._gz[file] = gzip.compress(raw, compresslevel=6, mtime=0)
        return self._gz[file]

    def close(self):
        self.httpd.shutdown()


def category(file: str) -> str:
    if re.search(r"(^|/)search/search_index\.json$|search-worker\.js$|workers/search\.|javascripts/lunr/", file):
        return "search"
    suffix = Path(file).suffix
    if suffix == ".html":
        return "html"
    if suffix == ".css":
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    if suffix in (".woff2", ".woff", ".ttf", ".otf"):
        return "fonts"
    if suffix in (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif", ".ico"):
        return "images"
    return "other"


def summarise(entries: list[dict]) -> dict:
    cats: dict[str, dict] = {}
    for e in entries:
        c = cats.setdefault(category(e["file"]), {"requests": 0, "raw": 0, "gzip": 0})
        c["requests"] += 1
        c["raw"] += e["raw"]
        c["gzip"] += e["gzip"]
    budget = [e for e in entries if category(e["file"]) != "search"]
    return {
        "requests": len(entries),
        "raw_kb": round(sum(e["raw"] for e in budget) / 1024, 1),
        "gzip_kb": round(sum(e["gzip"] for e in budget) / 1024, 1),
        "search_gzip_kb": round(sum(e["gzip"] for e in entries if category(e["file"]) == "search") / 1024, 1),
        "by_type": {k: {"requests": v["requests"], "raw_kb": round(v["raw"] / 1024, 1),
                        "gzip_kb": round(v["gzip"] / 1024, 1)} for k, v in sorted(cats.items())},
        "files": sorted({e["file"] for e in entries}),
    }


# ================================================================== browser

INIT_SCRIPT = """
(() => {
  const first = new Map();             // .katex element -> first frame time with a non-zero box
  const block = new Map();             // .katex element -> first frame time its text block had a box
  window.__bench = {first, block, frames: 0, cls: 0, fontsLoaded: null};
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__bench.cls += e.value;
    }).observe({type: 'layout-shift', buffered: true});
  } catch (e) {}
  const tick = () => {
    window.__bench.frames++;
    const now = performance.now();
    for (const el of document.querySelectorAll('.katex')) {
      // The text block counts from the first frame in which the parser has moved past the formula
      // (something follows it, or parsing is over): HTML arrives in chunks, and a frame drawn while
      // the parser is inside a formula's markup is streaming, not a typesetting delay.
      const wrap = el.closest('.arithmatex') || el;
      const parsed = wrap.nextSibling !== null || document.readyState !== 'loading';
      if (!block.has(el) && parsed) {
        const host = wrap.parentElement || wrap;
        const rb = host.getBoundingClientRect();
        if (rb.width > 0 && rb.height > 0) block.set(el, now);
      }
      if (first.has(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) first.set(el, now);
    }
    // KaTeX glyphs are visible from the frame in which none of its fonts is still loading (the last
    // such frame after one more font arrived). document.fonts.ready cannot tell: it can only be
    // asked after DOMContentLoaded, which on a long page comes well after the fonts.
    if (document.fonts) {
      const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '').startsWith('KaTeX'));
      const loaded = faces.filter(f => f.status === 'loaded').length;
      if (loaded > window.__bench.katexLoaded && !faces.some(f => f.status === 'loading')) {
        window.__bench.katexLoaded = loaded;
        window.__bench.fontsLoaded = now;
      }
    }
    if (window.__bench.frames < 600) requestAnimationFrame(tick);
  };
  window.__bench.katexLoaded = 0;
  requestAnimationFrame(tick);
})();
"""

COLLECT = """() => {
  const b = window.__bench;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const katex = [...document.querySelectorAll('.katex')];
  const shown = katex.filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const times = shown.map(el => b.first.get(el)).filter(t => t !== undefined);
  const vh = window.innerHeight;
  const above = shown.filter(el => { const r = el.getBoundingClientRect(); return r.top + scrollY < vh; });
  const aboveTimes = above.map(el => b.first.get(el)).filter(t => t !== undefined);
  const nav = performance.getEntriesByType('navigation')[0];
  const katexFonts = [...document.fonts].filter(f => f.family.startsWith('KaTeX') && f.status === 'loaded').length;
  return {
    fcp_ms: fcp ? fcp.startTime : null,
    math_visible_ms: shown.length ? Math.max(...times) : null,
    math_first_screen_ms: aboveTimes.length ? Math.max(...aboveTimes) : null,
    // Longest wait between a paragraph appearing and its formula appearing (0: same frame).
    math_lag_ms: shown.length ? Math.max(0, ...shown.map(el => (b.first.get(el) ?? 0) - (b.block.get(el) ?? 0))) : null,
    katex_elements: katex.length, katex_rendered: shown.length,
    katex_fonts_loaded: katexFonts, fonts_ready_ms: b.fontsLoaded,
    dcl_ms: nav ? nav.domContentLoadedEventEnd : null, load_ms: nav ? nav.loadEventEnd : null,
    cls: Math.round(b.cls * 10000) / 10000,
  };
}"""


def whole_page_restyles(browser, url: str) -> dict:
    """How often Chromium recomputes the style of (nearly) the whole page while it loads.

    Counts the style recalculations (trace event UpdateLayoutTree) that touch at least 80 % of the
    page's elements after the page has been styled once. A page is styled while it is parsed (in
    pieces, or in one go when it is short); a recalculation of the whole page after that means some script changed something every element depends on (a class or
    attribute on <html>/<body>, a stylesheet, a color-scheme <meta>, a child of the article) and
    costs hundreds of ms on a phone for a formula page. docs/contributing/performance.md lists the
    ones that were removed; this number shows if an upgrade brings one back.
    """
    context = browser.new_context(viewport={"width": 412, "height": 823}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: done.append(True))
    cdp.send("Tracing.start", {"categories": "devtools.timeline", "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(50)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    context.close()
    recalcs = sorted((e["ts"], e.get("args", {}).get("elementCount") or 0)
                     for e in events if e.get("name") == "UpdateLayoutTree")
    styled = whole = 0
    for _, count in recalcs:
        # Only once the page has been styled (in one go or piece by piece while parsing) is a
        # recalculation of nearly every element extra work.
        if styled >= 0.8 * elements and count >= 0.8 * elements:
            whole += 1
        styled += count
    return {"elements": elements, "whole_page_restyles": whole,
            "largest_restyles": sorted((c for _, c in recalcs), reverse=True)[:5]}


def browse(server: Server, pages: dict[str, str], runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        for name, path in pages.items():
            log(f"browser: {name} ({path or 'home'}) x{runs}")
            samples, first_visit, next_visit, foreign, math_js = [], None, None, set(), set()
            for i in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                context.add_init_script(INIT_SCRIPT)
                page = context.new_page()
                urls: list[str] = []
                page.on("request", lambda r: urls.append(r.url))
                server.log.clear()
                page.goto(server.url + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                samples.append(page.evaluate(COLLECT))
                if i == 0:
                    first_visit = summarise(list(server.log))
                    first_visit["browser_requests"] = len(urls)
                    # Second page within the site: Material's instant navigation (same context).
                    server.log.clear()
                    link = page.locator("a.md-footer__link--next").first
                    target = link.get_attribute("href") if link.count() else None
                    if target:
                        link.click()
                        page.wait_for_url(re.compile(".*" + re.escape(target.strip("./").split("#")[0]) + ".*"))
                        page.wait_for_load_state("networkidle")
                        page.wait_for_timeout(300)
                        next_visit = summarise(list(server.log))
                        next_visit["to"] = page.url.replace(server.url, "")
                        next_visit["instant"] = page.evaluate(
                            "() => performance.getEntriesByType('navigation').length === 1 && "
                            "performance.getEntriesByType('navigation')[0].name !== location.href")
                foreign |= {u for u in urls if not u.startswith("http://127.0.0.1") and not u.startswith("data:")}
                math_js |= {u for u in urls if re.search(r"katex[^/]*\.js|mathjax|tex-mml", u, re.I)}
                context.close()
            out[name] = {
                "path": path,
                "first_visit": first_visit,
                "next_page": next_visit,
                "restyles": whole_page_restyles(browser, server.url + path),
                "paint": {k: median(s[k] for s in samples) for k in
                          ("fcp_ms", "math_first_screen_ms", "math_visible_ms", "math_lag_ms", "fonts_ready_ms", "dcl_ms", "load_ms", "cls")},
                "paint_runs": samples,
                "katex_elements": samples[0]["katex_elements"],
                "katex_rendered": samples[0]["katex_rendered"],
                # Formulas arrive typeset in the HTML, so each one is painted in the same frame as
                # the paragraph around it (lag 0): nothing is typeset after the text is shown. On a
                # long page the first paint may come before the parser reaches the first formula.
                "math_with_text": all(s["math_lag_ms"] in (None, 0) for s in samples),
                "math_visible_at_fcp": all(s["math_first_screen_ms"] is None or s["fcp_ms"] is None
                                           or s["math_first_screen_ms"] <= s["fcp_ms"] + 17 for s in samples),
                "third_party_requests": sorted(foreign),
                "math_js_requests": sorted(math_js),
            }
        browser.close()
    return out


# ================================================================== lighthouse


def ensure_lighthouse() -> str | None:
    if LIGHTHOUSE_BIN.exists():
        return None
    if not shutil.which("npm"):
        return "npm is not installed"
    log(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR.relative_to(ROOT)}")
    r = subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), f"lighthouse@{LIGHTHOUSE_VERSION}",
                        "--no-audit", "--no-fund"], capture_output=True, text=True)
    return None if r.returncode == 0 and LIGHTHOUSE_BIN.exists() else f"npm install failed: {r.stderr[-800:]}"


def lighthouse(server: Server, pages: dict[str, str], runs: int, work: Path) -> dict:
    error = ensure_lighthouse()
    if error:
        return {"error": error}
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    out: dict[str, dict] = {}
    for name, path in pages.items():
        scores: dict[str, list] = {}
        metrics: dict[str, list] = {}
        failed, errors, bench_index = {}, [], []
        for i in range(runs):
            log(f"lighthouse: {name} {i + 1}/{runs}")
            report = work / f"lh-{name}-{i}.json"
            cmd = [str(LIGHTHOUSE_BIN), server.url + path, "--quiet", "--output=json", f"--output-path={report}",
                   "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--max-wait-for-load=60000"]
            r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
            if r.returncode != 0 or not report.exists():
                errors.append((r.stderr or r.stdout)[-600:])
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            if data.get("runtimeError"):
                errors.append(str(data["runtimeError"]))
            for cid, cat in data["categories"].items():
                scores.setdefault(cid, []).append(None if cat["score"] is None else round(cat["score"] * 100))
                for ref in cat["auditRefs"]:
                    audit = data["audits"].get(ref["id"], {})
                    if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
                        items = (audit.get("details") or {}).get("items") or []
                        where = []
                        for item in items[:4]:
                            node = item.get("node") or {}
                            where.append(node.get("selector") or node.get("snippet") or item.get("url")
                                         or str(item)[:120])
                        failed[ref["id"]] = {"title": audit.get("title"), "score": audit.get("score"),
                                             "display": audit.get("displayValue"), "items": where}
            bench_index.append((data.get("environment") or {}).get("benchmarkIndex"))
            for mid in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                        "cumulative-layout-shift", "speed-index"):
                if mid in data["audits"]:
                    metrics.setdefault(mid, []).append(data["audits"][mid].get("numericValue"))
        out[name] = {"scores": {k: median(v) for k, v in scores.items()},
                     "runs": scores,
                     "metrics": {k: median(v) for k, v in metrics.items()},
                     "failing_audits": failed,
                     "benchmark_index": median(bench_index)}
        if errors:
            out[name]["errors"] = errors
    return out


# ================================================================== report


def pick_pages(site: Path) -> dict[str, str]:
    """home, the heaviest question page and the heaviest notebook page (by gzip HTML size)."""
    def gz(p: Path) -> int:
        return len(gzip.compress(p.read_bytes(), 6))
    questions = [p for p in site.glob("*/*/index.html") if p.parts[-3] not in ("labs", "assets", "tags", "search")]
    notebooks = list(site.glob("labs/*/index.html"))
    pages = {"home": ""}
    if questions:
        pages["question"] = str(max(questions, key=gz).parent.relative_to(site)) + "/"
    if notebooks:
        pages["notebook"] = str(max(notebooks, key=gz).parent.relative_to(site)) + "/"
    return pages


def flat(report: dict) -> dict[str, float]:
    """The key figures compared against the baseline."""
    f: dict[str, float] = {}
    b = report.get("build", {})
    f["build.full_wall_s"] = b.get("full", {}).get("wall_s")
    f["build.full_cpu_s"] = b.get("full", {}).get("cpu_s")
    f["build.dirty_wall_s"] = b.get("dirty", {}).get("wall_s")
    f["build.dirty_warm_s"] = b.get("dirty", {}).get("warm_process_s")
    f["build.per_page_median_ms"] = b.get("in_process", {}).get("per_page_median_ms")
    for name, v in report.get("pages", {}).items():
        fv, nv = v.get("first_visit") or {}, v.get("next_page") or {}
        f[f"{name}.first_visit_gzip_kb"] = fv.get("gzip_kb")
        f[f"{name}.first_visit_raw_kb"] = fv.get("raw_kb")
        f[f"{name}.first_visit_requests"] = fv.get("requests")
        f[f"{name}.search_on_load_gzip_kb"] = fv.get("search_gzip_kb")
        f[f"{name}.next_page_gzip_kb"] = nv.get("gzip_kb")
        f[f"{name}.fcp_ms"] = v.get("paint", {}).get("fcp_ms")
        f[f"{name}.whole_page_restyles"] = (v.get("restyles") or {}).get("whole_page_restyles")
        f[f"{name}.math_visible_ms"] = v.get("paint", {}).get("math_visible_ms")
    lh = report.get("lighthouse", {})
    for name, v in lh.items():
        if isinstance(v, dict):
            for cat, score in (v.get("scores") or {}).items():
                f[f"{name}.lighthouse.{cat}"] = score
    return {k: v for k, v in f.items() if v is not None}


def compare(latest: dict, baseline: dict) -> dict:
    a, b = flat(baseline), flat(latest)
    out = {}
    for k in sorted(set(a) | set(b)):
        old, new = a.get(k), b.get(k)
        delta = None if old is None or new is None else round(new - old, 3)
        out[k] = {"baseline": old, "latest": new, "delta": delta,
                  "pct": None if delta is None or not old else round(100 * delta / old, 1)}
    return out


def check_targets(report: dict) -> list[dict]:
    t, rows = TARGETS, []
    b = report.get("build", {})
    def row(what, value, target, ok):
        rows.append({"target": what, "value": value, "limit": target, "met": ok})
    if b:
        full = b["full"]["wall_s"]
        row("完整构建（notebook 缓存命中）", f"{full} s（CPU {b['full']['cpu_s']} s）", f"< {t['full_build_s']} s",
            full < t["full_build_s"])
        warm = b["dirty"].get("warm_process_s")
        row("单页修改后 --dirty 重建（常驻进程，同 serve）", f"{warm} s", f"< {t['dirty_rebuild_s']} s",
            warm is not None and warm < t["dirty_rebuild_s"])
        row("单页修改后 mkdocs build --dirty（新进程）", f"{b['dirty']['wall_s']} s", f"< {t['dirty_rebuild_s']} s",
            b["dirty"]["wall_s"] < t["dirty_rebuild_s"])
    pages = report.get("pages", {})
    q = pages.get("question")
    if q:
        row("题目页首次访问（gzip，不含搜索）", f"{q['first_visit']['gzip_kb']} KB",
            f"≤ {t['question_first_visit_gzip_kb']} KB", q["first_visit"]["gzip_kb"] <= t["question_first_visit_gzip_kb"])
        nxt = q.get("next_page") or {}
        row("站内下一页（gzip）", f"{nxt.get('gzip_kb')} KB", f"≤ {t['question_next_page_gzip_kb']} KB",
            nxt.get("gzip_kb") is not None and nxt["gzip_kb"] <= t["question_next_page_gzip_kb"])
    for name, v in pages.items():
        row(f"{name}：公式与所在段落同一帧出现（无排版延迟）", "各次运行的最大延迟 " + " / ".join(
            str(round(s["math_lag_ms"])) if s.get("math_lag_ms") is not None else "—" for s in v["paint_runs"]) + " ms",
            "0 ms", v["math_with_text"])
        row(f"{name}：首屏公式在首次绘制时可见", f"FCP {v['paint']['fcp_ms']} ms / 首屏公式 "
            f"{v['paint']['math_first_screen_ms']} ms / 全部公式 {v['paint']['math_visible_ms']} ms（DCL {v['paint']['dcl_ms']} ms）",
            "首屏公式 ≤ FCP（+1 帧）", v["math_visible_at_fcp"])
        paint = v["paint"]
        if paint.get("math_first_screen_ms") is not None and paint.get("fonts_ready_ms") is not None:
            # katex.min.css declares font-display: block: until a KaTeX font has loaded, the glyphs
            # set in it are invisible although the formula already has its box.
            glyphs = max(paint["math_first_screen_ms"], paint["fonts_ready_ms"])
            row(f"{name}：首屏公式字形可见（KaTeX 字体已加载）", f"{round(glyphs)} ms（FCP {paint['fcp_ms']} ms）",
                "≤ FCP", glyphs <= paint["fcp_ms"] + 17)
        row(f"{name}：页面加载时不请求搜索", f"{v['first_visit']['search_gzip_kb']} KB", "0 KB",
            v["first_visit"]["search_gzip_kb"] == 0)
        row(f"{name}：第三方请求 / 数学 JS", f"{len(v['third_party_requests'])} / {len(v['math_js_requests'])}", "0 / 0",
            not v["third_party_requests"] and not v["math_js_requests"])
    lh = report.get("lighthouse", {})
    if "error" in lh:
        row("Lighthouse", lh["error"][:80], "≥ 95", False)
    for name, v in lh.items():
        if isinstance(v, dict) and v.get("scores"):
            s = v["scores"]
            row(f"{name}：Lighthouse 移动端", " / ".join(f"{k} {s.get(k)}" for k in
                                                     ("performance", "accessibility", "best-practices", "seo")),
                f"各项 ≥ {t['lighthouse_min']}", all((x or 0) >= t["lighthouse_min"] for x in s.values()))
        elif isinstance(v, dict) and v.get("errors"):
            row(f"{name}：Lighthouse 移动端", "运行失败：" + v["errors"][0][:80], "≥ 95", False)
    return rows


def markdown(report: dict) -> str:
    L = ["# 基准测试报告", "",
         f"生成于 {report['generated']}，{report['machine']}；计时为 {report['runs']} 次的中位数。", ""]
    L += ["## 目标", "", "| 目标 | 实测 | 要求 | 达标 |", "| --- | --- | --- | --- |"]
    for r in report["targets"]:
        L.append(f"| {r['target']} | {r['value']} | {r['limit']} | {'✅' if r['met'] else '❌'} |")
    b = report.get("build")
    if b:
        ip = b["in_process"]
        L += ["", "## 构建", "",
              f"- 完整构建：墙钟 {b['full']['wall_s']} s，CPU {b['full']['cpu_s']} s（notebook 缓存 "
              f"{b['notebook_cache']['entries']} 条，计时构建中未命中 {b['notebook_cache']['misses_in_timed_builds']} 次；"
              f"一次 --dirty 构建删掉了 {b['notebook_cache']['entries_evicted_by_dirty_build']} 条缓存，本脚本事后恢复）",
              f"- `mkdocs build --dirty`（改 {b['dirty']['page']}，新进程）：{b['dirty']['wall_s']} s；"
              f"常驻进程内（同 `serve --dirty`）：{b['dirty']['warm_process_s']} s",
              f"- 进程内构建 {ip['full_s']} s，其中逐页处理 {ip['pages_s']} s（{ip['page_count']} 页，"
              f"中位数 {ip['per_page_median_ms']} ms/页）", "",
              "| 页面类型 | 页数 | 中位数 ms/页 | 合计 s |", "| --- | --- | --- | --- |"]
        for k, v in ip["per_page_by_kind_ms"].items():
            L.append(f"| {k} | {v['n']} | {v['median']} | {v['sum_s']} |")
        L += ["", "耗时最多的事件（整个构建，秒）：", "", "| 事件 来源 | s |", "| --- | --- |"]
        for k, v in ip["top_events"].items():
            L.append(f"| `{k}` | {v} |")
        L += ["", "最慢的页面（秒）：", "", "| 页面 | s | 主要事件 |", "| --- | --- | --- |"]
        for k, v in ip["slowest_pages"].items():
            top = ", ".join(f"{e} {s}" for e, s in list(v["events"].items())[:2])
            L.append(f"| {k} | {v['total']} | {top} |")
    if report.get("pages"):
        L += ["", "## 页面（Chromium，冷缓存，gzip 同 GitHub Pages）", "",
              "| 页面 | 首次访问 gzip KB（原始） | 请求数 | html | css | js | fonts | images | 搜索 | 下一页 gzip KB | FCP ms | 首屏公式 ms | 全部公式 ms | CLS | 元素数 | 整页样式重算 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, v in report["pages"].items():
            fv, nv, bt = v["first_visit"], v.get("next_page") or {}, v["first_visit"]["by_type"]
            cell = lambda c: f"{bt[c]['gzip_kb']}" if c in bt else "0"
            L.append(f"| {name} `{v['path'] or '/'}` | {fv['gzip_kb']} ({fv['raw_kb']}) | {fv['requests']} | "
                     f"{cell('html')} | {cell('css')} | {cell('js')} | {cell('fonts')} | {cell('images')} | "
                     f"{fv['search_gzip_kb']} | {nv.get('gzip_kb')}（{nv.get('to')}） | {v['paint']['fcp_ms']} | "
                     f"{v['paint']['math_first_screen_ms']} | {v['paint']['math_visible_ms']} | {v['paint']['cls']} | "
                     f"{(v.get('restyles') or {}).get('elements')} | {(v.get('restyles') or {}).get('whole_page_restyles')} |")
    lh = report.get("lighthouse")
    if lh:
        L += ["", "## Lighthouse（移动端）", ""]
        if "error" in lh:
            L.append(f"未运行：{lh['error']}")
        else:
            L += ["Lighthouse 的 benchmarkIndex（本机 CPU 速度，越低越慢；性能分在慢机器上偏低）："
                  + "、".join(f"{n} {v.get('benchmark_index')}" for n, v in lh.items()), "",
                  "| 页面 | performance | accessibility | best-practices | seo | FCP ms | LCP ms | TBT ms | 未通过的审计 |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for name, v in lh.items():
                s, m = v.get("scores", {}), v.get("metrics", {})
                fails = ", ".join(sorted(v.get("failing_audits", {}))) or "—"
                if v.get("errors") and not s:
                    fails = "运行失败：" + v["errors"][0][:120].replace("\n", " ")
                L.append(f"| {name} | {s.get('performance')} | {s.get('accessibility')} | {s.get('best-practices')} | "
                         f"{s.get('seo')} | {m.get('first-contentful-paint')} | {m.get('largest-contentful-paint')} | "
                         f"{m.get('total-blocking-time')} | {fails} |")
        if isinstance(lh, dict) and "error" not in lh:
            seen: dict[str, dict] = {}
            for name, v in lh.items():
                for aid, info in (v.get("failing_audits") or {}).items():
                    if isinstance(info, dict):
                        seen.setdefault(aid, {**info, "pages": []})["pages"].append(name)
            if seen:
                L += ["", "未通过的审计：", ""]
                for aid, info in seen.items():
                    where = "；".join(f"`{x}`" for x in info["items"][:3]) or "—"
                    L.append(f"- `{aid}`（{'、'.join(info['pages'])}）{info['title']} {info.get('display') or ''} — {where}")
    m = report.get("math")
    if m:
        c = m["client_side_alternative_kb"]
        L += ["", "## 构建期公式排版的代价", "",
              f"- 全站 {m['formulas']} 个公式（{m['unique_formulas']} 个不同），分布在 {m['pages_with_math']} 页；KaTeX {m['katex_version']}",
              f"- 构建时：V8 启动并载入 KaTeX {m['v8_startup_ms']} ms；每个公式 {m['render_ms_per_formula_median']} ms（中位数），"
              f"全部不同公式合计 {m['render_s_all_unique']} s",
              f"- 每个公式给页面增加 {m['added_raw_bytes_per_formula']} 字节（gzip 后 {m['added_gzip_bytes_per_formula']} 字节）；"
              f"每页增加 gzip {m['added_gzip_kb_per_page_median']} KB（中位数），最多 {m['added_gzip_kb_per_page_max']} KB；"
              f"其中 MathML（读屏用）占排版标记的 {round(100 * m['mathml_share_of_markup'])}%",
              f"- 对照：浏览器端 KaTeX 需要 katex.min.js {c['katex.min.js_raw']} KB（gzip {c['katex.min.js_gzip']} KB）"
              f"+ katex.min.css {c['katex.min.css_raw']} KB（gzip {c['katex.min.css_gzip']} KB），并在加载后逐个排版"]
    hs = report.get("html_gzip")
    if hs:
        L += ["", "## 全站页面 HTML（gzip）", "", "| 类型 | 页数 | 中位数 KB | p90 KB | 最大 KB | 超过 25 KB |",
              "| --- | --- | --- | --- | --- | --- |"]
        for k, v in hs.items():
            L.append(f"| {k} | {v['n']} | {v['median_kb']} | {v['p90_kb']} | {v['max_kb']} | {v['over_25kb']} |")
    cmp_ = report.get("comparison")
    if cmp_:
        L += ["", "## 与基线比较（benchmarks/baseline.json）", "", "| 指标 | 基线 | 本次 | 变化 |", "| --- | --- | --- | --- |"]
        for k, v in cmp_.items():
            d = "" if v["delta"] is None else f"{v['delta']:+g}" + (f"（{v['pct']:+g}%）" if v["pct"] is not None else "")
            L.append(f"| {k} | {v['baseline']} | {v['latest']} | {d} |")
    return "\n".join(L) + "\n"


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--_profile":
        profile_build(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="repetitions of every timing (median reported; default 3)")
    ap.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (default 5: scores of one page spread over about ±5)")
    ap.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    ap.add_argument("--skip-build-timing", action="store_true",
                    help="build once without timing it (for iterating on the page measurements)")
    ap.add_argument("--save-baseline", action="store_true", help="copy latest.json/.md to baseline.json/.md")
    ap.add_argument("--out", type=Path, default=OUT, help="report directory (default benchmarks/)")
    ap.add_argument("--report-only", action="store_true",
                    help="measure nothing: rewrite latest.md (targets, comparison) from latest.json")
    args = ap.parse_args(argv)
    if args.report_only:
        report = json.loads((args.out / "latest.json").read_text(encoding="utf-8"))
        return write_report(report, args)

    args.out.mkdir(parents=True, exist_ok=True)
    report: dict = {"generated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "machine": f"{platform.machine()}, {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}",
                    "runs": args.runs, "targets_def": TARGETS}
    with tempfile.TemporaryDirectory(prefix="hb-bench-") as tmp:
        work = Path(tmp)
        if args.skip_build_timing:
            site = work / "site"
            mkdocs_build(site)
        else:
            report["build"], site = measure_build(args.runs, work)
        pages = pick_pages(site)
        log("math cost and page sizes")
        report["math"] = measure_math(site)
        report["html_gzip"] = html_sizes(site)
        server = Server(site)
        try:
            report["pages"] = browse(server, pages, args.runs)
            if not args.skip_lighthouse:
                try:
                    report["lighthouse"] = lighthouse(server, pages, args.lighthouse_runs, work)
                except Exception as exc:  # noqa: BLE001 -- the sandbox may not run Lighthouse; report it
                    report["lighthouse"] = {"error": f"{type(exc).__name__}: {exc}"[:1000]}
        finally:
            server.close()
    report["load_after"] = round(os.getloadavg()[0], 1)
    return write_report(report, args)


def write_report(report: dict, args) -> int:
    report["targets"] = check_targets(report)
    report.pop("comparison", None)
    baseline = args.out / "baseline.json"
    if baseline.exists():
        base = json.loads(baseline.read_text(encoding="utf-8"))
        if base.get("generated") != report.get("generated"):  # not the same run
            report["comparison"] = compare(report, base)
    (args.out / "latest.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md = markdown(report)
    (args.out / "latest.md").write_text(md, encoding="utf-8")
    print(md)
    if args.save_baseline:
        shutil.copyfile(args.out / "latest.json", baseline)
        shutil.copyfile(args.out / "latest.md", args.out / "baseline.md")
        log("saved as baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
