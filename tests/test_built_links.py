"""Every internal link of the BUILT site resolves: each href/src in the HTML points to a file of the
site, and each #fragment to an id on the target page. The build's validation checks links in the
Markdown sources; this catches what templates, plugins, generated indexes and notebooks add."""
from __future__ import annotations

import html.parser
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import site_prefix

ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src",
         "use": "href", "image": "href"}


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        wanted = ATTRS.get(tag)
        for key in (wanted, "xlink:href") if wanted else ():
            if attrs.get(key):
                self.links.append((tag, attrs[key]))
        if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            self.links = [l for l in self.links if l[1] != attrs.get("href")]  # absolute site_url links


@lru_cache(maxsize=None)
def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    return c


def resolve(site: Path, page: Path, url: str, prefix: str) -> tuple[Path | None, str]:
    """The file a link of `page` points to (None: external, not checked) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:", "tel:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/"):
        if not path.startswith(prefix):
            return site / "__outside_the_site__" / path.lstrip("/"), ""
        target = posixpath.normpath(path[len(prefix):]) if path != prefix else "."
    else:
        base = page.parent.relative_to(site).as_posix()
        target = posixpath.normpath(posixpath.join(base, path))
    if target.startswith(".."):
        return site / "__outside_the_site__" / target, ""
    full = site / target if target != "." else site
    if full.is_dir() or path.endswith("/"):
        full = full / "index.html"
    return full, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site):
    site = Path(built_site)
    prefix = site_prefix()
    broken: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        rel = page.relative_to(site).as_posix()
        for tag, url in parse(page).links:
            target, fragment = resolve(site, page, url, prefix)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{rel}: <{tag}> {url} -> 文件不存在")
                continue
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{rel}: <{tag}> {url} -> 目标页没有 id=\"{fragment}\"")
    assert not broken, f"{len(broken)} 个站内链接失效：\n" + "\n".join(sorted(set(broken))[:80])
