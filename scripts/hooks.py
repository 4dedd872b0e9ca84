"""MkDocs hooks of 深度学习面试手册: page model, validation, generated indexes, build-time math.

Registered in mkdocs.yml (`hooks:`). What it does, by build event:

* on_files   -- reads every page's front matter and validates the whole docs tree: front matter
                fields, tags, difficulty, seed ids, duplicate questions, the fixed section shape,
                internal links, anchors and image alt text, and terminology (docs/_data/terms.yml).
                Every problem is logged as one warning "docs/FILE:LINE: what is wrong. what to do",
                so `mkdocs build --strict` fails with all of them at once.
* on_nav     -- names chapter sections after their index page and orders chapters and questions
                by the `order` front matter field (so the navigation is never written by hand).
* on_page_markdown -- adds the difficulty/alias line to question pages, the generated question
                list to chapter index pages and the chapter cards to the home page.
* on_page_content  -- typesets every arithmatex formula with KaTeX at build time (mathrender.py);
                a formula KaTeX rejects is reported with file and line and shown as a visible error.
* on_env     -- keeps compiled theme templates in .cache/jinja; on a --dirty build, gives the pages
                MkDocs skipped their titles (else "None" in the nav).
"""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
import yaml
from mkdocs.plugins import event_priority
from pymdownx.slugs import slugify as _slugify_factory

import mathrender

log = logging.getLogger("mkdocs.hooks.handbook")

# libyaml's parser is about 10x faster than PyYAML's pure-Python one on the ~130 front matters
# read per build; same safe schema. PyYAML wheels ship it; fall back if a build lacks it.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    return yaml.load(text, Loader=YamlLoader)

DIFFICULTIES = ("基础", "进阶", "深入")
REQUIRED_FIELDS = ("title", "tags", "difficulty", "sources", "aliases")
OPTIONAL_FIELDS = ("order", "description", "hide", "search", "status")
# The fixed shape of a question page: these level-2 headings, in this order.
SECTIONS = ("一句话回答", "详细解释", "代码", "常见追问", "易错点", "参考", "相关问题")
OPTIONAL_SECTIONS = ("代码",)
# Top-level folders that are not question chapters.
NON_CHAPTER_DIRS = {"assets", "labs", "contributing", "_data", "_snippets", "javascripts", "stylesheets"}

slugify = _slugify_factory(case="lower")
JINJA_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "jinja"  # git-ignored, like .cache/katex


# --------------------------------------------------------------------------- data model


@dataclass
class Problem:
    path: str  # relative to the project root, e.g. docs/cnn/pooling.md
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Page:
    rel: str  # relative to docs/, POSIX
    text: str
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # key -> line number
    body_start: int = 1  # 1-based line number of the first body line
    ok: bool = True  # front matter parsed

    @property
    def chapter(self) -> str | None:
        parts = PurePosixPath(self.rel).parts
        if len(parts) == 2 and parts[0] not in NON_CHAPTER_DIRS and not parts[0].startswith("_"):
            return parts[0]
        return None

    @property
    def is_question(self) -> bool:
        return self.chapter is not None and PurePosixPath(self.rel).name != "index.md"

    @property
    def is_chapter_index(self) -> bool:
        return self.chapter is not None and PurePosixPath(self.rel).name == "index.md"

    @property
    def body_lines(self) -> list[tuple[int, str]]:
        lines = self.text.splitlines()
        return [(i + 1, line) for i, line in enumerate(lines) if i + 1 >= self.body_start]


class Site:
    """Everything the hooks learn about the docs tree in on_files."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.problems: list[Problem] = []
        self.seed_ids: set[str] = set()
        self.tags: list[str] = []
        self.terms: list[dict] = []
        self.avoid: list[tuple[str, str, re.Pattern]] = []  # from terms.yml, see term_patterns
        self.avoid_any: re.Pattern | None = None
        self.anchors: dict[str, set[str]] = {}

    def questions(self, chapter: str | None = None) -> list[Page]:
        pages = [p for p in self.pages.values() if p.is_question and p.ok]
        if chapter:
            pages = [p for p in pages if p.chapter == chapter]
        return sorted(pages, key=lambda p: (_order(p.meta), p.rel))

    def chapters(self) -> list[Page]:
        idx = [p for p in self.pages.values() if p.is_chapter_index and p.ok]
        return sorted(idx, key=lambda p: (_order(p.meta), p.rel))


SITE = Site()


def _order(meta: dict) -> int:
    value = meta.get("order", 1000)
    return value if isinstance(value, int) else 1000


# --------------------------------------------------------------------------- parsing


def parse_front_matter(page: Page, src: str) -> list[Problem]:
    """Fill page.meta from the YAML front matter; return problems with line numbers."""
    lines = page.text.splitlines()
    if not lines or lines[0].strip() != "---":
        page.ok = False
        return [Problem(src, 1, "缺少 YAML front matter。文件第 1 行应为 ---，随后写 title、tags、difficulty、"
                               "sources、aliases，再以 --- 结束（可复制 docs/_template.md）。")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        page.ok = False
        return [Problem(src, 1, "front matter 没有结束行。请在字段之后加一行 ---。")]
    block = "\n".join(lines[1:end])
    try:
        meta = load_yaml(block) or {}
    except yaml.YAMLError as exc:
        page.ok = False
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [Problem(src, line, f"front matter 不是合法的 YAML（{problem}）。"
                                   "检查冒号后的空格、引号是否成对、列表是否写成 [a, b]。")]
    if not isinstance(meta, dict):
        page.ok = False
        return [Problem(src, 2, "front matter 应是“字段: 值”的映射。")]
    page.meta = meta
    page.body_start = end + 2
    for i in range(1, end):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", lines[i])
        if m:
            page.meta_lines.setdefault(m.group(1), i + 1)
    return []


_FENCE = re.compile(r"^\s*(```|~~~)")


def iter_prose(page: Page):
    """Yield (line_no, line) of body lines outside fenced code blocks."""
    in_fence = False
    for no, line in page.body_lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield no, line


def strip_code_and_math(line: str) -> str:
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", line)
    return line


def heading_anchors(page: Page) -> set[str]:
    anchors = set()
    seen: dict[str, int] = {}
    for _, line in iter_prose(page):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        text = m.group(2)
        attr = re.search(r"\{[^}]*#([\w\-\u4e00-\u9fff]+)[^}]*\}\s*$", text)
        if attr:
            anchors.add(attr.group(1))
            continue
        text = re.sub(r"\{[^}]*\}\s*$", "", text)
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"[`*_]", "", text)
        slug = slugify(html.unescape(text), "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        anchors.add(slug if n == 0 else f"{slug}_{n}")
    for _, line in iter_prose(page):
        for attr in re.findall(r"\{[^}]*#([\w\-]+)[^}]*\}", line):
            anchors.add(attr)
    return anchors


def normalise_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).lower()
    return re.sub(r"[\W_]+", "", text)


# --------------------------------------------------------------------------- validation


def load_data(docs: Path) -> list[Problem]:
    problems = []
    data = docs / "_data"
    try:
        SITE.seed_ids = set((load_yaml((data / "seed-items.yml").read_text(encoding="utf-8")) or {}).keys())
        SITE.tags = [str(t) for t in load_yaml((data / "tags.yml").read_text(encoding="utf-8")) or []]
        SITE.terms = load_yaml((data / "terms.yml").read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        problems.append(Problem("docs/_data", 1, f"无法读取数据文件：{exc}"))
    SITE.avoid = term_patterns(SITE.terms if isinstance(SITE.terms, list) else [])
    # The bare spellings, longest first: a cheap test for "this line may contain one" (no lookarounds,
    # so the regex engine can skip ahead); check_terms then applies the exact patterns.
    SITE.avoid_any = re.compile("|".join(re.escape(b) for b in sorted({b for b, _, _ in SITE.avoid}, key=len, reverse=True))) \
        if SITE.avoid else None
    for i, term in enumerate(SITE.terms):
        if not isinstance(term, dict) or "zh" not in term or "page" not in term:
            problems.append(Problem("docs/_data/terms.yml", 1, f"第 {i + 1} 个术语缺少 zh 或 page 字段。"))
            continue
        if not (docs / term["page"]).is_file():
            problems.append(Problem("docs/_data/terms.yml", _line_of(data / "terms.yml", f"page: {term['page']}"),
                                    f"术语「{term['zh']}」指向的页面 {term['page']} 不存在。请改成定义它的题目页。"))
    return problems


def _line_of(path: Path, needle: str) -> int:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return i
    except OSError:
        pass
    return 1


def check_question(page: Page, src: str) -> list[Problem]:
    out: list[Problem] = []
    meta, lines = page.meta, page.meta_lines

    def at(key):
        return lines.get(key, 2)

    for key in REQUIRED_FIELDS:
        if key not in meta:
            out.append(Problem(src, 2, f"front matter 缺少字段 {key}。必填字段：{', '.join(REQUIRED_FIELDS)}。"))
    for key in meta:
        if key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            out.append(Problem(src, at(key), f"未知的 front matter 字段 {key}。可用字段："
                                             f"{', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}。"))
    title = meta.get("title")
    if "title" in meta and (not isinstance(title, str) or not title.strip()):
        out.append(Problem(src, at("title"), "title 必须是非空字符串：写出面试官的完整问句。"))
    elif isinstance(title, str) and not title.rstrip().endswith(("？", "?")):
        out.append(Problem(src, at("title"), "title 应是面试官的问句，以全角问号“？”结尾。"))
    if "difficulty" in meta and meta["difficulty"] not in DIFFICULTIES:
        out.append(Problem(src, at("difficulty"), f"未知的难度 {meta['difficulty']!r}。只能是：{' / '.join(DIFFICULTIES)}。"))
    for key in ("tags", "sources", "aliases"):
        if key in meta and not isinstance(meta[key], list):
            out.append(Problem(src, at(key), f"{key} 必须是列表，例如 {key}: [a, b]（没有时写 []）。"))
    if isinstance(meta.get("tags"), list):
        if not meta["tags"]:
            out.append(Problem(src, at("tags"), "tags 至少要有一个标签（见 docs/_data/tags.yml）。"))
        for tag in meta["tags"]:
            if str(tag) not in SITE.tags:
                out.append(Problem(src, at("tags"), f"未知的标签 {tag!r}。请从 docs/_data/tags.yml 中选择，"
                                                   "确需新标签时先在该文件中添加。"))
    if isinstance(meta.get("sources"), list):
        for sid in meta["sources"]:
            if str(sid) not in SITE.seed_ids:
                out.append(Problem(src, at("sources"), f"未知的种子条目编号 {sid!r}。编号形如 S1-13，"
                                                      "必须出现在 docs/_data/seed-items.yml；种子之外的新题写 sources: []。"))
    if "order" in meta and not isinstance(meta["order"], int):
        out.append(Problem(src, at("order"), "order 必须是整数，例如 order: 30。"))
    out += check_shape(page, src)
    return out


def check_shape(page: Page, src: str) -> list[Problem]:
    out = []
    found: list[tuple[int, str]] = []
    for no, line in iter_prose(page):
        if re.match(r"^#\s", line):
            out.append(Problem(src, no, "正文不要写一级标题（# …）：页面标题来自 front matter 的 title。"))
        if re.match(r"^#{1,6}\s", line) and "$" in line:
            out.append(Problem(src, no, "标题里不要写公式：目录和搜索结果会显示原始 TeX。请改用文字或 Unicode 符号（如 γ、β）。"))
        m = re.match(r"^##\s+(.+?)\s*$", line)
        if m:
            name = m.group(1)
            if name not in SECTIONS:
                out.append(Problem(src, no, f"二级标题「{name}」不在固定结构中。二级标题只能是："
                                            f"{'、'.join(SECTIONS)}；细分内容请用 ###。"))
            found.append((no, name))
    names = [n for _, n in found if n in SECTIONS]
    for sec in SECTIONS:
        if sec not in OPTIONAL_SECTIONS and sec not in names:
            out.append(Problem(src, page.body_start, f"缺少二级标题「## {sec}」。题目页的结构是："
                                                     f"{'、'.join(SECTIONS)}（代码可选），见 docs/_template.md。"))
    order = [SECTIONS.index(n) for n in names]
    for (no, name), prev, cur in zip(found[1:], order, order[1:]):
        if cur < prev:
            out.append(Problem(src, no, f"「## {name}」的位置不对。顺序应为：{'、'.join(SECTIONS)}。"))
            break
    if len(set(names)) != len(names):
        out.append(Problem(src, page.body_start, "有重复的二级标题；每个固定段落只出现一次。"))
    return out


LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def check_links(page: Page, src: str, known: set[str]) -> list[Problem]:
    out = []
    base = PurePosixPath(page.rel).parent
    for no, line in iter_prose(page):
        for image, text, target in LINK.findall(re.sub(r"`[^`]*`", " ", line)):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            if image and not text.strip():
                out.append(Problem(src, no, f"图片 {target} 缺少替代文字。写成 ![说明图片内容的一句话]({target})。"))
            path, _, anchor = target.partition("#")
            if not path:
                dest = page.rel
            else:
                dest = _normpath(base / path)
                if dest is None or dest not in known:
                    hint = "链接用相对路径指向 .md 文件，例如 ../cnn/pooling.md" if not image else "确认图片文件已生成并提交"
                    out.append(Problem(src, no, f"链接目标 {target} 不存在。{hint}。"))
                    continue
            if anchor and dest.endswith(".md"):
                anchors = SITE.anchors.get(dest, set())
                if anchor not in anchors:
                    near = "、".join(sorted(anchors)[:8])
                    out.append(Problem(src, no, f"锚点 #{anchor} 在 {dest} 中不存在。可用的锚点有：{near}。"))
    return out


def _normpath(path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def term_patterns(terms: list[dict]) -> list[tuple[str, str, re.Pattern]]:
    """(avoided spelling, preferred term, pattern) for every `avoid` entry of terms.yml."""
    out = []
    for term in terms:
        if not isinstance(term, dict) or "zh" not in term:
            continue
        for bad in term.get("avoid", []) or []:
            bad = str(bad)
            # Latin spellings match whole words only (so "BN" is not found inside "BNN").
            pattern = rf"(?<![A-Za-z]){re.escape(bad)}(?![A-Za-z])" if re.search(r"[A-Za-z]", bad) else re.escape(bad)
            out.append((bad, term["zh"], re.compile(pattern)))
    return out


def check_terms(page: Page, src: str) -> list[Problem]:
    out = []
    avoid = SITE.avoid
    if not avoid:
        return out
    # One search per line finds whether any avoided spelling may occur (most lines have none);
    # only then is each exact pattern tried, so messages keep the terms.yml order.
    anywhere = SITE.avoid_any
    for no, line in iter_prose(page):
        text = strip_code_and_math(line)
        text = re.sub(r"\]\([^)]*\)", "]", text)
        if not anywhere.search(text):
            continue
        for bad, good, pattern in avoid:
            if pattern.search(text):
                out.append(Problem(src, no, f"术语写法不统一：「{bad}」应写作「{good}」（见 docs/_data/terms.yml）。"
                                            "读者会搜索的其他写法请放进 aliases。"))
    return out


# rel -> (source text, Page, front matter problems, anchors): `mkdocs serve` re-runs on_files on
# every save, and most pages have not changed since the last run. Keyed on the text itself, so a
# changed page is always parsed again.
_PARSED: dict[str, tuple[str, Page, list[Problem], set[str]]] = {}
# rel -> (source text, data files, problems of check_question + check_terms): checks of one page
# against docs/_data only; the checks across pages (links, anchors, duplicate titles) always run.
_CHECKED: dict[str, tuple[str, tuple, list[Problem], list[Problem]]] = {}


def validate(docs: Path, files) -> list[Problem]:
    SITE.__init__()
    problems = load_data(docs)
    data = (sorted(SITE.seed_ids), SITE.tags, [(bad, good) for bad, good, _ in SITE.avoid])
    known = set()
    for f in files:
        known.add(f.src_uri)
    for f in files.documentation_pages():
        rel = f.src_uri
        text = Path(f.abs_src_path).read_text(encoding="utf-8")
        cached = _PARSED.get(rel)
        if cached is None or cached[0] != text:
            page = Page(rel=rel, text=text)
            src = f"docs/{rel}"
            found: list[Problem] = []
            if page.is_question or page.is_chapter_index:
                found = parse_front_matter(page, src)
            elif page.text.startswith("---"):
                # Other pages may have front matter; parse it only to know where the body starts.
                parse_front_matter(page, src)
            cached = _PARSED[rel] = (text, page, found, heading_anchors(page))
        _, page, found, anchors = cached
        SITE.pages[rel] = page
        problems += found
        SITE.anchors[rel] = anchors
    titles: dict[str, list[Page]] = {}
    for rel, page in sorted(SITE.pages.items()):
        src = f"docs/{rel}"
        checked = _CHECKED.get(rel)
        if checked is None or checked[0] != page.text or checked[1] != data:
            question = check_question(page, src) if page.is_question and page.ok else []
            terms = check_terms(page, src) if page.ok else []
            checked = _CHECKED[rel] = (page.text, data, question, terms)
        _, _, question, terms = checked
        if page.is_question and page.ok:
            problems += question
            title = page.meta.get("title")
            if isinstance(title, str):
                titles.setdefault(normalise_title(title), []).append(page)
        if page.is_chapter_index and page.ok and "title" not in page.meta:
            problems.append(Problem(src, 2, "章节首页的 front matter 需要 title（章节名）和 order（章节顺序）。"))
        if page.ok:
            problems += check_links(page, src, known)
            problems += terms
    for group in titles.values():
        if len(group) > 1:
            for page in group:
                others = "、".join(f"docs/{p.rel}" for p in group if p is not page)
                problems.append(Problem(f"docs/{page.rel}", page.meta_lines.get("title", 2),
                                        f"与 {others} 是同一个问题（标题相同）。请把内容合并到已有页面，"
                                        "或把新题目改成一个不同的问题。"))
    SITE.problems = problems
    return problems


# --------------------------------------------------------------------------- MkDocs events


def on_files(files, config):
    problems = validate(Path(config["docs_dir"]), files)
    for problem in problems:
        log.warning(str(problem))
    return files


def on_nav(nav, config, files):
    from mkdocs.structure.nav import Section

    def key(item):
        page = getattr(item, "file", None) if not isinstance(item, Section) else None
        if isinstance(item, Section):
            idx = _section_index(item)
            meta = SITE.pages[idx.file.src_uri].meta if idx and idx.file.src_uri in SITE.pages else {}
            return (1, _order(meta), item.title)
        if page is not None:
            if page.name == "index":
                return (0, 0, "")
            meta = SITE.pages.get(page.src_uri, Page("", "")).meta
            return (1, _order(meta), page.src_uri)
        return (1, 1000, str(item))

    def visit(items):
        items.sort(key=key)
        for item in items:
            if isinstance(item, Section):
                idx = _section_index(item)
                if idx is not None and idx.file.src_uri in SITE.pages:
                    title = SITE.pages[idx.file.src_uri].meta.get("title")
                    if title:
                        item.title = title
                visit(item.children)

    visit(nav.items)
    return nav


def _section_index(section):
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None and file.name == "index":
            return child
    return None


@event_priority(110)  # before Material's tags plugin (100) renders its first template
def on_env(env, config, files):
    """Two things that make rebuilds (`mkdocs serve`) cheap and correct.

    Compiled theme templates are kept in .cache/jinja: MkDocs makes a new Jinja environment on
    every build, so Material's ~50 templates were compiled again each time (~0.4 s). Jinja checks
    each template's source checksum, so an edited override is recompiled.

    `--dirty` builds do not read unchanged pages, so their titles would be None in the navigation
    and the previous/next links of the rebuilt page: give them the front matter and body read in
    on_files, which is all MkDocs needs for a title.
    """
    try:
        JINJA_CACHE.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(JINJA_CACHE))
    except OSError:
        pass  # a read-only checkout builds without the cache
    for file in files.documentation_pages():
        page, info = file.page, SITE.pages.get(file.src_uri)
        if page is None or page.markdown is not None or info is None or not file.src_uri.endswith(".md"):
            continue
        page.meta = dict(info.meta)
        page.markdown = "\n".join(info.text.splitlines()[info.body_start - 1:])
    return env


def on_page_markdown(markdown, page, config, files):
    rel = page.file.src_uri
    info = SITE.pages.get(rel)
    if info is None or not info.ok:
        return markdown
    if info.is_question:
        return _meta_line(info) + markdown
    if info.is_chapter_index:
        return markdown.replace("<!-- questions -->", _question_table(info.chapter, rel)) \
            if "<!-- questions -->" in markdown else markdown + "\n\n" + _question_table(info.chapter, rel)
    if rel == "index.md" and "<!-- chapters -->" in markdown:
        # The practice toolbar goes where <!-- practice --> is, else above the chapter cards.
        toolbar = _toolbar("home", _random_link("random", "随机一题"), _progress(len(SITE.questions())))
        if "<!-- practice -->" in markdown:
            markdown = markdown.replace("<!-- practice -->", toolbar, 1)
            toolbar = ""
        return markdown.replace("<!-- chapters -->", toolbar + _chapter_cards())
    return markdown


# The practice toolbar (背题模式, 已掌握, 随机一题, progress) is written by the build and wired up by
# docs/assets/javascripts/practice.js; it is hidden without JavaScript (practice.css). Written here
# rather than inserted by the script: inserting into the article after the page is parsed makes
# Chromium restyle the whole article (Material's CSS has :nth-child rules), and a toolbar that
# appears late pushes the answer down while the reader starts reading.
_QUIZ_BUTTON = ('<button type="button" class="qa-btn qa-quiz-toggle" data-qa="quiz" aria-pressed="false" '
                'title="开启后题目页的答案先隐藏，逐节点开自测">背题模式</button>')


def _random_link(scope: str, label: str) -> str:
    title = "从本章题目中随机打开一题" if scope == "random-chapter" else "从全部题目中随机打开一题"
    return f'<a class="qa-btn qa-random" data-qa="{scope}" title="{title}">{label}</a>'


def _toolbar(kind: str, *controls: str) -> str:
    return (f'<div class="qa-toolbar" role="group" aria-label="练习工具" data-qa-page="{kind}">'
            + "".join(controls) + "</div>\n\n")


def _progress(total: int) -> str:
    return f'<p class="qa-progress" aria-live="polite">已掌握 0 / {total}</p>'


# Material wraps every table in a scroll box after the page loads; a table that sits directly in the
# article would restyle the whole article when moved (same reason), one inside a <div> does not.
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def _meta_line(page: Page) -> str:
    diff = page.meta.get("difficulty", "")
    aliases = [str(a) for a in page.meta.get("aliases", []) or []]
    parts = [f'<span class="qa-difficulty" data-level="{DIFFICULTIES.index(diff) + 1 if diff in DIFFICULTIES else 0}">'
             f'难度：{html.escape(str(diff))}</span>']
    if aliases:
        parts.append(f'<span class="qa-aliases">又称：{html.escape("、".join(aliases))}</span>')
    toolbar = _toolbar("question", _QUIZ_BUTTON,
                       '<button type="button" class="qa-btn qa-mastered-toggle" data-qa="mastered" '
                       'aria-pressed="false">标记为已掌握</button>',
                       _random_link("random", "随机一题"), _random_link("random-chapter", "本章随机"))
    return f'<p class="qa-meta">{" ".join(parts)}</p>\n\n{toolbar}'


def _question_table(chapter: str, index_rel: str) -> str:
    rows = ["| 题目 | 难度 | 标签 |", "| --- | --- | --- |"]
    for q in SITE.questions(chapter):
        name = PurePosixPath(q.rel).name
        title = str(q.meta.get("title", name)).replace("|", "\\|")
        tags = "、".join(str(t) for t in q.meta.get("tags", []))
        rows.append(f"| [{title}]({name}) | {q.meta.get('difficulty', '')} | {tags} |")
    count = len(rows) - 2
    toolbar = _toolbar("chapter", _QUIZ_BUTTON, _random_link("random-chapter", "本章随机一题"),
                       _random_link("random", "全站随机"), _progress(count))
    return toolbar + f'<p class="qa-count">本章共 {count} 题。</p>\n\n' + "\n".join(rows) + "\n"


def _chapter_cards() -> str:
    cards = ['<div class="grid cards" markdown>', ""]
    for idx in SITE.chapters():
        chapter = idx.chapter
        n = len(SITE.questions(chapter))
        title = idx.meta.get("title", chapter)
        desc = idx.meta.get("description", "")
        cards.append(f"-   **[{title}]({chapter}/index.md)** · {n} 题\n\n    ---\n\n    {desc}\n")
    cards.append("</div>")
    return "\n".join(cards)


_INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
_DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)


_RENDERED: dict[str, list[str]] = {}
_PLACEHOLDER = re.compile(r'<(span|div) class="arithmatex" data-math="(\d+)"></\1>')


def on_page_content(content, page, config, files):
    """Typeset (and so validate) every formula; leave an empty placeholder in the content.

    The placeholder keeps KaTeX's bulky markup out of what later hooks and plugins parse;
    on_post_page puts the typeset HTML into the final page. (scripts/search_index.py reads the
    TeX source before this runs, so result snippets can show short formulas as text.)
    """
    src = f"docs/{page.file.src_uri}"
    source = SITE.pages.get(page.file.src_uri)
    rendered: list[str] = []

    def typeset(match, display):
        tex = html.unescape(match.group(1)).strip()
        try:
            out = mathrender.render(tex, display)
        except mathrender.MathError as exc:
            line = _find_line(source, tex)
            log.warning(f"{src}:{line}: 公式无法解析：{exc}。请修正这段 LaTeX（中文请放进 \\text{{…}}）。")
            out = f'<code class="math-error" title="{html.escape(str(exc))}">公式错误：{html.escape(tex)}</code>'
        rendered.append(out)
        tag = "div" if display else "span"
        return f'<{tag} class="arithmatex" data-math="{len(rendered) - 1}"></{tag}>'

    content = _DISPLAY.sub(lambda m: typeset(m, True), content)
    content = _INLINE.sub(lambda m: typeset(m, False), content)
    content = _TABLE.sub(lambda m: f'<div class="table-box">{m.group(0)}</div>', content)
    _RENDERED[page.file.src_uri] = rendered
    return content


def on_post_page(output, page, config):
    rendered = _RENDERED.pop(page.file.src_uri, None)
    if not rendered:
        return output
    return _PLACEHOLDER.sub(lambda m: f'<{m.group(1)} class="arithmatex">{rendered[int(m.group(2))]}</{m.group(1)}>',
                            output)


def _find_line(page: Page | None, tex: str) -> int:
    if page is None:
        return 1
    probe = tex.splitlines()[0].strip()[:40]
    for i, line in enumerate(page.text.splitlines(), 1):
        if probe and probe in line:
            return i
    return page.body_start
