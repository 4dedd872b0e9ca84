"""Scaffold a new question page from docs/_template.md.

Usage (from the repository root):

    .venv/bin/python scripts/new_question.py --chapter cnn --slug pooling-backward \
        --title "池化层的反向传播怎么算？" --tags 池化,反向传播 --difficulty 进阶

It writes docs/<chapter>/<slug>.md with valid front matter (title, tags, difficulty, sources,
aliases, order = the chapter's largest order + 10) and the template's fixed sections, then prints
what to do next. It refuses, with a message and exit status 1:

* a chapter that does not exist (a folder of docs/ with an index.md),
* a tag not in docs/_data/tags.yml, a difficulty other than 基础 / 进阶 / 深入,
  a seed id not in docs/_data/seed-items.yml, a slug that is not lowercase-with-hyphens,
* a file that already exists, or a title that is the same question as an existing page
  (same normalised title -- the rule of the build's duplicate check, imported from scripts/hooks.py).

--docs-dir points at another docs folder (the tests scaffold into a temporary copy).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from hooks import DIFFICULTIES, NON_CHAPTER_DIRS, normalise_title  # noqa: E402


class ScaffoldError(Exception):
    pass


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    try:
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def chapters(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir()
                  if p.is_dir() and p.name not in NON_CHAPTER_DIRS and not p.name.startswith("_")
                  and (p / "index.md").is_file())


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(_yaml_scalar(i) for i in items) + "]"


def _yaml_scalar(value: str) -> str:
    """A flow-style YAML scalar, quoted only when needed."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    if dumped.endswith("..."):
        dumped = dumped[:-3].strip()
    if any(c in value for c in ",[]{}#&*!|>'\"%@`") or dumped != value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def render(template: str, title: str, tags: list[str], difficulty: str, sources: list[str],
           aliases: list[str], order: int, chapter: str = "chapter", slug: str = "example") -> str:
    fields = {
        "title": _yaml_scalar(title),
        "tags": _yaml_list(tags),
        "difficulty": difficulty,
        "sources": _yaml_list(sources),
        "aliases": _yaml_list(aliases),
        "order": str(order),
    }
    lines = template.splitlines()
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    out = []
    for line in lines[1:end]:
        m = re.match(r"^(\w+):", line)
        if m and m.group(1) in fields:
            out.append(f"{m.group(1)}: {fields.pop(m.group(1))}")
        else:
            out.append(line)
    out += [f"{k}: {v}" for k, v in fields.items()]  # fields the template lacks
    body = "\n".join(lines[end:])
    # The template's placeholders that would break the build of a fresh page: the example snippet
    # (snippets fail on a missing file) and the example link (a dead link fails validation).
    body = re.sub(r"```python\n--8<-- \"chapter/example\.py\"\n```",
                  f"<!-- 需要代码时：把脚本放进 docs/_snippets/{chapter}/{slug}.py，用 snippets 引入（见 CONTRIBUTING.md）；"
                  "不需要代码时删除本节。 -->", body)
    body = body.replace("[相关问题标题](../chapter/page.md)", "[本章题目列表](index.md)")
    return "\n".join(["---", *out]) + "\n" + body + "\n"


def scaffold(docs: Path, chapter: str, slug: str, title: str, tags: list[str], difficulty: str,
             sources: list[str] | None = None, aliases: list[str] | None = None) -> Path:
    sources, aliases = sources or [], aliases or []
    known = chapters(docs)
    if chapter not in known:
        raise ScaffoldError(f"章节 {chapter!r} 不存在。可用的章节：{'、'.join(known)}。"
                            "新章节需要先建文件夹和 index.md（由维护者决定）。")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise ScaffoldError(f"文件名 {slug!r} 不合适：只用小写英文字母、数字和连字符，例如 pooling-backward。")
    title = title.strip()
    if not title:
        raise ScaffoldError("--title 不能为空：写出面试官的完整问句。")
    if title.endswith("?"):
        title = title[:-1] + "？"
    if not title.endswith("？"):
        raise ScaffoldError(f"标题 {title!r} 应是面试官的问句，以全角问号“？”结尾。")
    vocabulary = [str(t) for t in yaml.safe_load((docs / "_data" / "tags.yml").read_text(encoding="utf-8")) or []]
    if not 1 <= len(tags) <= 3:
        raise ScaffoldError("请给 1–3 个标签，例如 --tags 卷积,概念辨析。")
    for tag in tags:
        if tag not in vocabulary:
            raise ScaffoldError(f"未知的标签 {tag!r}。请从 docs/_data/tags.yml 中选择：{'、'.join(vocabulary)}。")
    if difficulty not in DIFFICULTIES:
        raise ScaffoldError(f"未知的难度 {difficulty!r}。只能是：{' / '.join(DIFFICULTIES)}。")
    seeds = set((yaml.safe_load((docs / "_data" / "seed-items.yml").read_text(encoding="utf-8")) or {}).keys())
    for sid in sources:
        if sid not in seeds:
            raise ScaffoldError(f"未知的种子条目编号 {sid!r}。编号形如 S1-13，必须出现在 docs/_data/seed-items.yml；"
                                "种子之外的新题不要写 --sources。")
    target = docs / chapter / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"docs/{chapter}/{slug}.md 已经存在。想改进它请直接编辑；新题请换一个文件名。")
    wanted = normalise_title(title)
    orders = []
    for page in sorted(docs.glob("*/*.md")):
        if page.parent.name not in chapters(docs) or page.name == "index.md":
            continue
        meta = _front_matter(page)
        other = meta.get("title")
        if isinstance(other, str) and normalise_title(other) == wanted:
            rel = page.relative_to(docs).as_posix()
            raise ScaffoldError(f"docs/{rel} 已经回答了这个问题（标题「{other}」）。请改进那一页，"
                                "或把新题目改成一个不同的问题。")
        if page.parent.name == chapter and isinstance(meta.get("order"), int):
            orders.append(meta["order"])
    order = max(orders, default=0) + 10
    template = (docs / "_template.md").read_text(encoding="utf-8")
    target.write_text(render(template, title, tags, difficulty, sources, aliases, order, chapter, slug), encoding="utf-8")
    return target


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in re.split(r"[,，、]", value) if v.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="从 docs/_template.md 新建一道题目页：docs/<章节>/<文件名>.md。",
        epilog="例：python scripts/new_question.py --chapter cnn --slug pooling-backward "
               "--title 池化层的反向传播怎么算？ --tags 池化,反向传播 --difficulty 进阶")
    parser.add_argument("--chapter", required=True, help="章节文件夹，例如 cnn、rnn、optimization")
    parser.add_argument("--slug", required=True, help="文件名（不含 .md），小写英文和连字符，例如 pooling-backward")
    parser.add_argument("--title", required=True, help="面试官的问句，以“？”结尾")
    parser.add_argument("--tags", required=True, help="1–3 个标签，逗号分隔，只能用 docs/_data/tags.yml 中的标签")
    parser.add_argument("--difficulty", default="基础", help="基础 / 进阶 / 深入（默认：基础）")
    parser.add_argument("--sources", default="", help="本题回答的种子条目编号，逗号分隔（可省略）")
    parser.add_argument("--aliases", default="", help="读者可能搜索的写法，逗号分隔（可省略）")
    parser.add_argument("--docs-dir", default=str(ROOT / "docs"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    docs = Path(args.docs_dir)
    try:
        path = scaffold(docs, args.chapter, args.slug, args.title, _split(args.tags), args.difficulty,
                        _split(args.sources), _split(args.aliases))
    except ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except (OSError, yaml.YAMLError) as exc:
        print(f"错误：无法读取或写入文件（{exc}）。", file=sys.stderr)
        return 1
    try:
        shown = path.relative_to(ROOT).as_posix()
    except ValueError:
        shown = path.as_posix()
    print(f"已创建 {shown}。\n"
          "接下来：\n"
          "  1. 把模板里的占位文字换成你的回答（结构与写法见 CONTRIBUTING.md）；\n"
          "  2. bash scripts/serve.sh 本地预览；\n"
          "  3. .venv/bin/python scripts/lint.py --fix 和 bash scripts/test.sh 检查后再提交。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
