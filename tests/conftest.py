"""Shared pytest fixtures: the project paths, one strict build of the site per test session,
a static server that serves it under the same path as GitHub Pages, and Debian's Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
OUTPUT = ROOT / "test-output"  # screenshots and reports written by the tests (git-ignored)
CHROMIUM = "/usr/bin/chromium"


def page_text(rel: str) -> str:
    """Return the Markdown source of a page, given its path relative to docs/ (e.g. "cnn/pooling.md")."""
    return (DOCS / rel).read_text(encoding="utf-8")


def offsite(requests: list[str]) -> list[str]:
    """The requests that left the site: anything not served by the local test server.
    Inline data (data:, blob:, about:) never leaves the browser and is allowed."""
    return [u for u in requests
            if not u.startswith(("data:", "blob:", "about:")) and urlparse(u).hostname != "127.0.0.1"]


def screenshot(page, name: str, full_page: bool = False) -> None:
    """Save a screenshot as test-output/NAME.png (git-ignored) for a person to look at."""
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=full_page)


def site_prefix() -> str:
    """The path the site is published under, from site_url (e.g. "/handbook/")."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = next(line for line in text.splitlines() if line.startswith("site_url:"))
    return urlparse(url.split('"')[1]).path


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def question_pages() -> list[Path]:
    skip = {"assets", "labs", "contributing", "_data", "_snippets"}
    return sorted(p for p in DOCS.glob("*/*.md") if p.parent.name not in skip and p.name != "index.md")


def run_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT,
              strict: bool | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # HANDBOOK_NOT_STRICT=1 is a local debugging aid while pages are half-written; CI never sets it.
    if strict is None:
        strict = os.environ.get("HANDBOOK_NOT_STRICT") != "1"
    strict = ["--strict"] if strict else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *strict, "-f", str(config), "-d", str(site_dir)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built once with --strict (validation included)."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_build(site)
    if result.returncode != 0:
        problems = [l for l in result.stderr.splitlines() if "WARNING" in l or "ERROR" in l or "Error" in l]
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(problems[:80] or result.stderr.splitlines()[-30:]))
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        # Material's instant navigation only intercepts links listed in sitemap.xml, matched by
        # protocol, host AND port; the sitemap names the Pages host. Serve it as Pages would for
        # this origin, so the browser tests exercise instant navigation like readers get it.
        if self.path.split("?")[0].endswith("/sitemap.xml"):
            path = Path(self.translate_path(self.path))
            body = re.sub(r"<loc>https?://[^/<]+", f"<loc>http://{self.headers['Host']}",
                          path.read_text(encoding="utf-8")).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory) -> str:
    """Serve the built site at http://127.0.0.1:PORT/handbook/ (the Pages path), return that URL."""
    root = tmp_path_factory.mktemp("www")
    prefix = site_prefix().strip("/")
    target = root / prefix if prefix else root
    target.parent.mkdir(parents=True, exist_ok=True)
    if prefix:
        target.symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root if prefix else built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `bash scripts/setup.sh --test`.")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture()
def open_page(browser, site_url):
    """Open a site path in a fresh page; return (page, requests seen, console errors)."""
    contexts = []

    def _open(path: str, width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + path, wait_until="networkidle")
        return page, requests, errors

    yield _open
    for c in contexts:
        c.close()
