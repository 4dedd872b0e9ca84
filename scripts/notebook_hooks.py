"""MkDocs hooks for the notebook pages of 动手实验 (docs/labs/*.py, rendered by mkdocs-jupyter).

The notebooks are jupytext percent-format scripts; mkdocs-jupyter executes them (cached in
.cache/mkdocs-jupyter, keyed on each file's bytes, so editing one notebook re-runs only that one)
and hands over nbconvert's HTML. That HTML is not fit for the site as it is; these hooks fix it,
only on pages whose source matches labs/*.py:

* on_page_markdown -- the page title is the notebook's first `# # 标题` heading.
* on_nav           -- the notebooks are listed in the order docs/labs/index.md links to them.
* on_env           -- on a --dirty build, the notebooks MkDocs skipped get their title for the nav.
* on_page_content  -- strips the ~590 KB of inline JupyterLab CSS, the clipboard/MathJax/mermaid
                      scripts and the MathJax config (all would be inline or off-site), and links
                      assets/stylesheets/notebook.css instead (inside the content, so Material's
                      instant navigation loads it too); gives every heading a real id (nbconvert
                      writes id="" for Chinese text) with the site's slugify and rebuilds the page
                      TOC from those ids; typesets $…$ / $$…$$ in Markdown cells with KaTeX
                      (mathrender, like every other page; a bad formula is a build warning, so
                      --strict fails); writes figures as files next to the page (fig-<hash>.svg or
                      .png) shown by lazy-loaded <img> with width, height and alt text taken from
                      the cell's `# 图：…` comment, so the page HTML stays small; rewrites links to .md/.py sources into the
                      built page URLs; turns code into Material code blocks (copy button, site
                      colours); adds the download links.
* on_post_page     -- puts the typeset formulas into the final HTML (placeholders keep KaTeX
                      markup out of the search index, as scripts/hooks.py does).
* on_post_build    -- writes <name>.ipynb next to each notebook page (generated from the jupytext
                      source, without outputs, links pointing to the published site); the .py
                      source is copied there by mkdocs-jupyter (include_source).
"""
from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify as _slugify_factory

import mathrender

log = logging.getLogger("mkdocs.hooks.notebooks")

NOTEBOOKS = "labs/*.py"
STYLESHEET = "assets/stylesheets/notebook.css"
slugify = _slugify_factory(case="lower")  # the same slugs as the Markdown pages (mkdocs.yml toc)

_MATH: dict[str, list[str]] = {}  # src_uri -> typeset formulas of that page
_NOTEBOOK_PAGES: dict[str, str] = {}  # src_uri -> dest dir relative to site_dir


def is_notebook(page_or_file) -> bool:
    file = getattr(page_or_file, "file", page_or_file)
    return fnmatch(file.src_uri, NOTEBOOKS)


# --------------------------------------------------------------------------- title and order


def _first_heading(source: str) -> str | None:
    m = re.search(r"^# # (.+?)\s*$", source, re.M)
    return m.group(1) if m else None


def on_page_markdown(markdown, page, config, files):
    if is_notebook(page):
        title = _first_heading(markdown)
        if title:
            page.meta["title"] = title
        else:
            log.warning(f"docs/{page.file.src_uri}:1: notebook 缺少一级标题。第一个 Markdown 单元应以 “# # 标题” 开头。")
    return markdown


def on_env(env, config, files):
    """A --dirty build skips unchanged notebooks: give them their title for the navigation."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None and is_notebook(file):
            try:
                title = _first_heading(Path(file.abs_src_path).read_text(encoding="utf-8"))
            except OSError:
                continue
            page.markdown = ""
            if title:
                page.meta["title"] = title
    return env


def on_nav(nav, config, files):
    from mkdocs.structure.nav import Section

    index = Path(config["docs_dir"]) / "labs" / "index.md"
    if not index.is_file():
        return nav
    linked = re.findall(r"\]\(([\w.-]+\.py)\)", index.read_text(encoding="utf-8"))

    def visit(items):
        for item in items:
            if isinstance(item, Section):
                if any(getattr(c, "file", None) is not None and is_notebook(c.file) for c in item.children):
                    item.children.sort(key=lambda c: _nav_key(c, linked))
                visit(item.children)

    visit(nav.items)
    return nav


def _nav_key(item, linked):
    file = getattr(item, "file", None)
    if file is None:
        return (2, 0, "")
    if file.name == "index":
        return (0, 0, "")
    name = PurePosixPath(file.src_uri).name
    return (1, linked.index(name) if name in linked else len(linked), file.src_uri)


# --------------------------------------------------------------------------- content


_STRIP = [
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<style\b.*?</style>", re.S),
    re.compile(r"<!--.*?-->", re.S),
    # mkdocs-jupyter's own copy button (needs its inline script) and the hidden copy text:
    # Material's copy button replaces it.
    re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S),
    re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S),
    re.compile(r'<div class="jp-Collapser[^"]*">\s*</div>', re.S),
    re.compile(r'<div class="jp-(?:Input|Output)Prompt[^"]*">[^<]*</div>', re.S),
]
_CELL_ID = re.compile(r' id="cell-id=[^"]*"')
_CODE = re.compile(r'<div class="highlight-ipynb hl-(\w+)[^"]*"><pre>(.*?)</pre></div>', re.S)
_HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">¶</a></h\1>', re.S)
# nbconvert >= 7.3 writes figures as <img src="data:image/svg+xml;base64,…">; older ones inline <svg>.
_SVG_OUT = re.compile(r'(<div class="jp-RenderedSVG[^"]*"[^>]*>)\s*(<svg\b.*?</svg>)\s*</div>', re.S)
_IMG_OUT = re.compile(r'<img\b[^>]*?\bsrc="data:image/(png|svg\+xml);base64,([^"]+)"[^>]*>')
_FIG_COMMENT = re.compile(r'<span class="c1">#\s*图[：:]\s*(.*?)</span>')
_LINK = re.compile(r'<a href="([^"#:]+\.(?:md|py))(#[^"]*)?"')
_PROTECT = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>|<img\b[^>]*>|<[^>]+>", re.S)


def on_page_content(content, page, config, files):
    if not is_notebook(page):
        return content
    src = f"docs/{page.file.src_uri}"
    source_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for pattern in _STRIP:
        content = pattern.sub("", content)
    content = _CELL_ID.sub("", content)
    content = _CODE.sub(lambda m: f'<div class="language-{m.group(1)} highlight"><pre><code>'
                                  f'{m.group(2).replace("<span></span>", "", 1)}</code></pre></div>', content)
    content = _figures(content, src, page, config)
    content = _links(content, page, files, src)
    content = _math(content, page, src, source_text)
    content, tokens = _headings(content)
    page.toc = get_toc(tokens)
    content = _header(content, page)
    _NOTEBOOK_PAGES[page.file.src_uri] = str(PurePosixPath(page.file.dest_uri).parent)
    return content


def _headings(content: str):
    """Give every heading the id the site's slugify gives it; return tokens for the page TOC."""
    seen: dict[str, int] = {}
    flat: list[dict] = []

    def fix(m):
        level, inner = int(m.group(1)), m.group(2).strip()
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        slug = slugify(text, "-") or "section"
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        hid = slug if n == 0 else f"{slug}_{n}"
        flat.append({"level": level, "id": hid, "name": html.escape(text), "html": inner, "children": []})
        return f'<h{level} id="{hid}">{inner}<a class="headerlink" href="#{hid}" title="本节链接">¶</a></h{level}>'

    content = _HEADING.sub(fix, content)
    roots: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return content, roots


def _svg_file(svg: str) -> tuple[bytes, float, float]:
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # Path coordinates to 1 decimal (0.1 pt, sub-pixel) and on one line: about -40 %.
    svg = re.sub(r'\sd="([^"]*)"', lambda m: ' d="' + re.sub(r"(\d+\.\d)\d+", r"\1", " ".join(m.group(1).split())) + '"', svg)
    svg = re.sub(r">\s+<", "><", svg)
    w = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    h = re.search(r'<svg[^>]*\bheight="([\d.]+)pt"', svg)
    width, height = (float(w.group(1)) * 4 / 3, float(h.group(1)) * 4 / 3) if w and h else (0.0, 0.0)
    return svg.encode("utf-8"), width, height


def _png_size(data: bytes) -> tuple[float, float]:
    # IHDR: width and height are the first two fields, big-endian, at bytes 16-24.
    return float(int.from_bytes(data[16:20], "big")), float(int.from_bytes(data[20:24], "big"))


def _figures(content: str, src: str, page, config) -> str:
    """Figures become files next to the page, shown by lazy <img> with alt text from their cell's
    `# 图：` comment and their size (no layout shift when they arrive)."""
    folder = Path(config["site_dir"]) / PurePosixPath(page.file.dest_uri).parent
    out, pos, alt = [], 0, None
    pattern = re.compile(_FIG_COMMENT.pattern + "|" + _SVG_OUT.pattern + "|" + _IMG_OUT.pattern, re.S)
    for m in pattern.finditer(content):
        out.append(content[pos:m.start()])
        pos = m.end()
        if m.group(1) is not None:  # a figure comment: remember it, keep it
            alt = html.unescape(m.group(1)).strip()
            out.append(m.group(0))
            continue
        if alt is None:
            log.warning(f"{src}:1: notebook 的图缺少说明。画图的代码单元第一行写注释“# 图：这张图画的是什么”，它会成为图片的替代文字。")
            alt = "notebook 输出的图"
        if m.group(3) is not None or m.group(4) == "svg+xml":
            svg = m.group(3) if m.group(3) is not None else base64.b64decode(m.group(5)).decode("utf-8")
            data, width, height = _svg_file(svg)
            ext = "svg"
        else:
            data = base64.b64decode(m.group(5))
            (width, height), ext = _png_size(data), "png"
        # Named by content: a changed figure gets a new URL, so no cached copy is shown.
        name = f"fig-{hashlib.sha256(data).hexdigest()[:12]}.{ext}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        size = f' width="{width:.0f}" height="{height:.0f}"' if width else ""
        img = f'<img src="{name}" alt="{html.escape(alt)}"{size} loading="lazy" decoding="async">'
        out.append(f'<div class="jp-RenderedImage jp-OutputArea-output nb-figure">{img}</div>' if m.group(3) is not None else img)
        alt = None
    out.append(content[pos:])
    return "".join(out)


def _links(content: str, page, files, src: str) -> str:
    """Links written against the source tree (../cnn/receptive-field.md, batchnorm.py) -> page URLs."""
    base = PurePosixPath(page.file.src_uri).parent

    def fix(m):
        target, frag = m.group(1), m.group(2) or ""
        parts: list[str] = []
        for part in (base / html.unescape(target)).parts:
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        file = files.get_file_from_path("/".join(parts))
        if file is None:
            log.warning(f"{src}:{_line(page, target)}: 链接目标 {target} 不存在。链接用相对于 docs/labs/ 的路径指向 .md 文件，"
                        f"例如 ../cnn/receptive-field.md。")
            return m.group(0)
        return f'<a href="{file.url_relative_to(page.file)}{frag}"'

    return _LINK.sub(fix, content)


_DISPLAY = re.compile(r"<p>\s*\$\$(.+?)\$\$\s*</p>|\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$]+?)(?<![\s\\])\$(?!\d)", re.S)


def _math(content: str, page, src: str, source_text: str) -> str:
    rendered: list[str] = []

    def typeset(tex: str, display: bool) -> str:
        tex = html.unescape(tex).strip()
        try:
            out = mathrender.render(tex, display)
        except mathrender.MathError as exc:
            log.warning(f"{src}:{_line_in(source_text, tex)}: 公式无法解析：{exc}。请修正这段 LaTeX（中文请放进 \\text{{…}}）。")
            out = f'<code class="math-error" title="{html.escape(str(exc))}">公式错误：{html.escape(tex)}</code>'
        rendered.append(out)
        tag = "div" if display else "span"
        return f'<{tag} class="arithmatex" data-nb-math="{len(rendered) - 1}"></{tag}>'

    def in_text(text: str) -> str:
        text = _DISPLAY.sub(lambda m: typeset(m.group(1) if m.group(1) is not None else m.group(2), True), text)
        return _INLINE.sub(lambda m: typeset(m.group(1), False), text)

    # Only Markdown cells carry math; code, outputs and tags are left alone. A display formula
    # spans several text chunks only if it contains tags, which the Markdown renderer never emits.
    start = content.find("jp-RenderedMarkdown")
    out, pos = [], 0
    for m in _PROTECT.finditer(content):
        chunk = content[pos:m.start()]
        out.append(in_text(chunk) if "$" in chunk and m.start() > start >= 0 else chunk)
        out.append(m.group(0))
        pos = m.end()
    out.append(in_text(content[pos:]) if "$" in content[pos:] else content[pos:])
    # A display formula alone in its paragraph: the paragraph becomes the formula's block.
    html_out = "".join(out)
    html_out = re.sub(r'<p>\s*(<div class="arithmatex" data-nb-math="\d+"></div>)\s*</p>', r"\1", html_out)
    _MATH[page.file.src_uri] = rendered
    return html_out


def _header(content: str, page) -> str:
    """The notebook stylesheet (in the content: instant navigation swaps it in) and the downloads."""
    css = get_relative_url(STYLESHEET, page.url)
    name = PurePosixPath(page.file.src_uri).stem
    bar = (f'<p class="nb-download">下载本实验：<a href="{name}.ipynb" download>{name}.ipynb</a>（Jupyter notebook）'
           f' · <a href="{name}.py" download>{name}.py</a>（jupytext 源文件）。'
           f'本页的输出由构建时实际运行得到。</p>')
    content = f'<link rel="stylesheet" href="{css}">\n' + content
    return re.sub(r"(</h1>)", r"\1" + bar.replace("\\", r"\\"), content, count=1)


def _line(page, needle: str) -> int:
    try:
        return _line_in(Path(page.file.abs_src_path).read_text(encoding="utf-8"), needle)
    except OSError:
        return 1


def _line_in(text: str, needle: str) -> int:
    probe = needle.splitlines()[0].strip()[:40] if needle.strip() else ""
    for i, line in enumerate(text.splitlines(), 1):
        if probe and probe in line:
            return i
    return 1


_PLACEHOLDER = re.compile(r'<(span|div) class="arithmatex" data-nb-math="(\d+)"></\1>')


def on_post_page(output, page, config):
    rendered = _MATH.pop(page.file.src_uri, None)
    if not rendered:
        return output
    return _PLACEHOLDER.sub(lambda m: f'<{m.group(1)} class="arithmatex">{rendered[int(m.group(2))]}</{m.group(1)}>', output)


# --------------------------------------------------------------------------- downloads


@event_priority(100)  # before mkdocs-jupyter's own on_post_build, which evicts cache entries
def on_post_build(config):
    import jupytext

    _keep_notebook_cache(config)
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    site_url = (config.get("site_url") or "").rstrip("/") + "/"
    for src_uri, dest_dir in sorted(_NOTEBOOK_PAGES.items()):
        nb = jupytext.read(docs / src_uri)
        base = PurePosixPath(src_uri).parent
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{i}"
            if cell.cell_type == "markdown":
                cell.source = re.sub(r"\]\(([^)#:\s]+)\.(md|py)(#[^)]*)?\)",
                                     lambda m: f"]({site_url}{_page_path(base, m.group(1), m.group(2))}{m.group(3) or ''})",
                                     cell.source)
        nb.metadata.pop("jupytext", None)
        target = site / dest_dir / f"{PurePosixPath(src_uri).stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(nb, target, fmt="ipynb")
    _NOTEBOOK_PAGES.clear()


def _keep_notebook_cache(config) -> None:
    """mkdocs-jupyter 0.26.3 deletes every cache entry the build did not read. A --dirty build
    (`mkdocs serve --dirty`) reads none for the notebooks it skips, so the next full build would
    execute every notebook again (about 75 s here). Keep all entries unless every notebook was built."""
    plugin = config.plugins.get("mkdocs-jupyter")
    built = len(_NOTEBOOK_PAGES)
    if plugin is not None and built < len(list(Path(config["docs_dir"]).glob(NOTEBOOKS))):
        plugin._used_cache_paths.update(Path(plugin.config["cache_dir"]).glob("*.json"))


def _page_path(base: PurePosixPath, target: str, ext: str) -> str:
    parts: list[str] = []
    for part in (base / target).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    path = "/".join(parts)
    return path[: -len("index")] if path.endswith("index") else path + "/"
