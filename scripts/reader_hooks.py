"""MkDocs hook: reader features generated at build time (registered in mkdocs.yml `hooks:`).

Everything here is derived from the docs tree on every build; nothing is maintained by hand.

* on_files -- reads the front matter and body of every question page (docs/<chapter>/<slug>.md)
              and of every chapter index, and adds one generated file to the build:
              assets/questions.json -- [{url, title, chapter, chapter_title, tags, difficulty}],
              read by docs/assets/javascripts/practice.js (随机一题, 已掌握 progress).
* on_page_markdown --
    - docs/formulas.md: replaces `<!-- formulas -->` with the 公式速查表: per chapter, per
      question, the first display formulas ($$ … $$) of its 详细解释 section, each question
      linked to its page;
    - docs/glossary.md: replaces `<!-- glossary -->` with the 术语表 table built from
      docs/_data/terms.yml (中文, English, 缩写, 定义页);
    - every Markdown page: appends abbreviation definitions (`*[BN]: 批归一化（Batch Normalization）`)
      for every term with an `abbr`, so the `abbr` extension turns each occurrence into a tooltip.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path, PurePosixPath

import yaml

log = logging.getLogger("mkdocs.hooks.reader")
# libyaml when available (as in hooks.py): the pure-Python parser costs ~0.3 s per build here.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NON_CHAPTER_DIRS = {"assets", "labs", "contributing", "_data", "_snippets", "javascripts", "stylesheets"}
FORMULAS_PER_PAGE = 3
FORMULA_SECTION = "详细解释"
QUESTIONS_JSON = "assets/questions.json"

_QUESTIONS: list[dict] = []  # in chapter order, then question order
_CHAPTERS: dict[str, dict] = {}  # chapter dir -> {"title", "order", "rel"}
_TERMS: list[dict] = []
_ABBR_BLOCK = ""
# src_uri -> (source text, front matter, display formulas): `mkdocs serve` runs on_files on every
# save; only the pages whose text changed are parsed again.
_PARSED: dict[str, tuple[str, dict, list[str]]] = {}


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    parts = re.split(r"^(?:---|\.\.\.)\s*$", text, maxsplit=2, flags=re.M)
    if len(parts) < 3:
        return {}, text
    try:
        meta = yaml.load(parts[1], Loader=_YAML_LOADER) or {}
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), parts[2]


def _order(meta: dict) -> int:
    value = meta.get("order", 1000)
    return value if isinstance(value, int) else 1000


def _display_formulas(body: str, section: str | None = FORMULA_SECTION) -> list[str]:
    """The $$ … $$ blocks of a page body (outside code fences), optionally only in one ## section."""
    out: list[str] = []
    in_fence = False
    current = None
    block: list[str] | None = None
    for line in body.splitlines():
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if block is None:
            m = re.match(r"^##\s+(.+?)\s*$", line)
            if m:
                current = m.group(1)
                continue
        stripped = line.strip()
        if block is not None:
            if stripped.endswith("$$"):
                block.append(stripped[:-2])
                tex = "\n".join(block).strip()
                if tex and (section is None or current == section):
                    out.append(tex)
                block = None
            else:
                block.append(line)
            continue
        if stripped.startswith("$$"):
            rest = stripped[2:]
            if rest.endswith("$$") and len(rest) >= 2:  # one-line $$ … $$
                tex = rest[:-2].strip()
                if tex and (section is None or current == section):
                    out.append(tex)
            else:
                block = [rest] if rest else []
    return out


def _load_terms(docs: Path) -> list[dict]:
    try:
        terms = yaml.load((docs / "_data" / "terms.yml").read_text(encoding="utf-8"), Loader=_YAML_LOADER) or []
    except (OSError, yaml.YAMLError) as exc:
        log.warning(f"docs/_data/terms.yml: 无法读取术语表：{exc}")
        return []
    return [t for t in terms if isinstance(t, dict) and t.get("zh")]


def _abbr_block(terms: list[dict]) -> str:
    seen: set[str] = set()
    lines = []
    for term in terms:
        abbr = str(term.get("abbr") or "").strip()
        if not abbr or abbr in seen:
            continue
        seen.add(abbr)
        title = term["zh"] + (f"（{term['en']}）" if term.get("en") else "")
        lines.append(f"*[{abbr}]: {title.replace(']', '')}")
    return "\n".join(lines)


def on_files(files, config):
    global _ABBR_BLOCK
    from mkdocs.structure.files import File

    docs = Path(config["docs_dir"])
    _QUESTIONS.clear()
    _CHAPTERS.clear()
    questions = []
    for f in files.documentation_pages():
        parts = PurePosixPath(f.src_uri).parts
        if len(parts) != 2 or parts[0] in NON_CHAPTER_DIRS or parts[0].startswith("_") or not f.src_uri.endswith(".md"):
            continue
        try:
            text = Path(f.abs_src_path).read_text(encoding="utf-8")
        except OSError:
            continue
        cached = _PARSED.get(f.src_uri)
        if cached is None or cached[0] != text:
            meta, body = _front_matter(text)
            cached = _PARSED[f.src_uri] = (text, meta, _display_formulas(body))
        _, meta, formulas = cached
        chapter = parts[0]
        if parts[1] == "index.md":
            _CHAPTERS[chapter] = {"title": str(meta.get("title", chapter)), "order": _order(meta), "rel": f.src_uri}
            continue
        if "title" not in meta or "difficulty" not in meta:  # a question page has both
            continue
        questions.append({
            "url": f.url,
            "rel": f.src_uri,
            "title": str(meta.get("title")),
            "chapter": chapter,
            "tags": [str(t) for t in meta.get("tags", []) or []],
            "difficulty": str(meta.get("difficulty", "")),
            "order": _order(meta),
            "formulas": formulas,
        })
    chapter_key = {c: (v["order"], c) for c, v in _CHAPTERS.items()}
    questions.sort(key=lambda q: (chapter_key.get(q["chapter"], (1000, q["chapter"])), q["order"], q["rel"]))
    _QUESTIONS.extend(questions)
    _TERMS[:] = _load_terms(docs)
    _ABBR_BLOCK = _abbr_block(_TERMS)

    public = [{
        "url": q["url"],
        "title": q["title"],
        "chapter": q["chapter"],
        "chapter_title": _CHAPTERS.get(q["chapter"], {}).get("title", q["chapter"]),
        "tags": q["tags"],
        "difficulty": q["difficulty"],
    } for q in _QUESTIONS]
    files.append(File.generated(config, QUESTIONS_JSON,
                                content=json.dumps(public, ensure_ascii=False, separators=(",", ":"))))
    return files


def _md_link(title: str, target: str) -> str:
    return f"[{title.replace('[', '［').replace(']', '］')}]({target})"


def _formula_sheet() -> str:
    out = ['<p class="qa-note">共收录 {n} 道题的 {m} 个公式（每题取“详细解释”中的前 {k} 个行间公式），'
           '点题目可跳到原题看推导与上下文。</p>'.format(
               n=sum(1 for q in _QUESTIONS if q["formulas"]),
               m=sum(min(len(q["formulas"]), FORMULAS_PER_PAGE) for q in _QUESTIONS),
               k=FORMULAS_PER_PAGE), ""]
    by_chapter: dict[str, list[dict]] = {}
    for q in _QUESTIONS:
        if q["formulas"]:
            by_chapter.setdefault(q["chapter"], []).append(q)
    for chapter, qs in by_chapter.items():
        info = _CHAPTERS.get(chapter, {"title": chapter, "rel": f"{chapter}/index.md"})
        out.append(f"## {info['title']}\n")
        for q in qs:
            out.append(f'<p class="qa-formula-title" markdown>{_md_link(q["title"], q["rel"])}</p>\n')
            for tex in q["formulas"][:FORMULAS_PER_PAGE]:
                out.append(f"$$\n{tex}\n$$\n")
    return "\n".join(out)


def _glossary() -> str:
    titles = {q["rel"]: q["title"] for q in _QUESTIONS}
    rows = [f'<p class="qa-note">共 {len(_TERMS)} 个术语。全站正文里的缩写（如 BN、LSTM）'
            '悬停或轻触即可看到全称。</p>', "",
            "| 中文（链接到定义页） | English | 缩写 |", "| --- | --- | --- |"]

    def cell(value) -> str:
        return str(value or "").replace("|", "\\|").replace("\n", " ")

    for term in sorted(_TERMS, key=lambda t: (str(t.get("en") or t["zh"]).lower())):
        # The Chinese name links to its question (the title shows on hover): a fourth column of
        # long question titles made every row several lines tall on a phone.
        page = str(term.get("page") or "")
        title = str(titles.get(page, page)).replace('"', "＂")
        zh = f'{_md_link(cell(term["zh"]), page)[:-1]} "{title}")' if page else cell(term["zh"])
        rows.append(f"| {zh} | {cell(term.get('en'))} | {cell(term.get('abbr'))} |")
    return "\n".join(rows) + "\n"


def on_page_markdown(markdown, page, config, files):
    rel = page.file.src_uri
    if rel == "formulas.md" and "<!-- formulas -->" in markdown:
        markdown = markdown.replace("<!-- formulas -->", _formula_sheet())
    elif rel == "glossary.md" and "<!-- glossary -->" in markdown:
        markdown = markdown.replace("<!-- glossary -->", _glossary())
    if _ABBR_BLOCK and rel.endswith(".md"):
        markdown = markdown.rstrip("\n") + "\n\n" + _ABBR_BLOCK + "\n"
    return markdown
