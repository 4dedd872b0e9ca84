"""Each kind of bad contribution fails the strict build with a message that names the file, the
line and what to do -- never a stack trace, never a silently broken page."""
import re
import shutil
import textwrap

import pytest

from conftest import ROOT, run_build

GOOD = """\
---
title: 卷积层的输出尺寸如何计算？
tags: [卷积运算]
difficulty: 基础
sources: [S2-03]
aliases: [输出尺寸]
---

## 一句话回答

输出尺寸是 $\\lfloor (H + 2P - K)/S \\rfloor + 1$。

## 详细解释

见 [另一题](other.md#一句话回答) 与 ![示意图](../assets/figure.svg)。

## 常见追问

??? question "为什么要加 1？"

    窗口个数比步数多 1。

## 易错点

- 忘记向下取整。

## 参考

- Dumoulin & Visin, 2016.

## 相关问题

- [另一题](other.md)
"""


# name -> (file content, text on the line the message must name (None: any line), message fragment)
def variant(old, new, title):
    return GOOD.replace(old, new).replace("输出尺寸如何", title)


BAD = {
    "no-front-matter.md": (GOOD.split("---", 2)[2], 1, "缺少 YAML front matter"),
    "broken-yaml.md": (GOOD.replace("tags: [卷积运算]", "tags: [卷积运算"), None, "不是合法的 YAML"),
    "bad-difficulty.md": (variant("difficulty: 基础", "difficulty: 简单", "尺寸A"), "difficulty:", "未知的难度 '简单'"),
    "bad-tag.md": (variant("[卷积运算]", "[不存在的标签]", "尺寸B"), "tags:", "未知的标签 '不存在的标签'"),
    "bad-seed.md": (variant("[S2-03]", "[S9-99]", "尺寸C"), "sources:", "未知的种子条目编号 'S9-99'"),
    "duplicate.md": (GOOD, "title:", "是同一个问题"),
    "dead-link.md": (variant("- [另一题](other.md)", "- [另一题](missing.md)", "尺寸D"), "missing.md", "链接目标 missing.md 不存在"),
    "dead-anchor.md": (variant("#一句话回答", "#没有这一节", "尺寸E"), "#没有这一节", "锚点 #没有这一节"),
    "bad-latex.md": (variant("+ 1$。", "+ 1 \\frac{1}{$。", "尺寸F"), "\\frac{1}{", "公式无法解析"),
    "han-in-math.md": (variant("+ 1$。", "+ 1 步长$。", "尺寸G"), "步长$", "中文请放进 \\text"),
    "no-alt.md": (variant("![示意图]", "![]", "尺寸H"), "![]", "缺少替代文字"),
    "bad-term.md": (variant("- 忘记向下取整。", "- 用批量归一化时忘记向下取整。", "尺寸I"), "批量归一化", "「批量归一化」应写作「批归一化」"),
    "missing-section.md": (variant("## 易错点\n\n- 忘记向下取整。\n\n", "", "尺寸J"), None, "缺少二级标题「## 易错点」"),
    "no-question-mark.md": (variant("如何计算？", "如何计算", "尺寸K"), "title:", "以全角问号"),
}


def expected_line(name):
    text, where, _ = BAD[name]
    if where is None or isinstance(where, int):
        return where
    return next(i for i, line in enumerate(text.splitlines(), 1) if where in line)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    # A minimal project that uses the real hooks, data files and math pipeline.
    (project / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: fixture
        site_url: https://example.org/handbook/
        theme: {{name: material, language: zh}}
        exclude_docs: |
          _data/
        hooks: [{ROOT / 'scripts' / 'hooks.py'}]
        plugins: []
        markdown_extensions:
          - attr_list
          - md_in_html
          - pymdownx.details
          - pymdownx.superfences
          - toc:
              slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
          - pymdownx.arithmatex: {{generic: true}}
        """), encoding="utf-8")
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "_data", docs / "_data")
    terms = docs / "_data" / "terms.yml"
    terms.write_text("- zh: 批归一化\n  avoid: [批量归一化]\n  page: ch/other.md\n", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "figure.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (docs / "index.md").write_text("# fixture\n", encoding="utf-8")
    chapter = docs / "ch"
    chapter.mkdir()
    (chapter / "index.md").write_text("---\ntitle: 章节\norder: 1\n---\n\n<!-- questions -->\n", encoding="utf-8")
    (chapter / "other.md").write_text(GOOD.replace("卷积层的输出尺寸如何计算？", "另一个问题？"), encoding="utf-8")
    (chapter / "good.md").write_text(GOOD, encoding="utf-8")
    for name, (text, _, _) in BAD.items():
        (chapter / name).write_text(text, encoding="utf-8")
    result = run_build(project / "site", config=project / "mkdocs.yml", cwd=project, strict=True)
    return result, result.stdout + result.stderr


def test_bad_input_fails_the_build_without_a_stack_trace(fixture_build):
    result, output = fixture_build
    assert result.returncode != 0
    assert "Traceback" not in output


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_problem_names_file_line_and_fix(fixture_build, name):
    _, output = fixture_build
    _, _, fragment = BAD[name]
    line = expected_line(name)
    lines = [l for l in output.splitlines() if f"docs/ch/{name}:" in l]
    assert lines, f"no message for {name}:\n{output[-3000:]}"
    hit = [l for l in lines if fragment in l]
    assert hit, f"expected {fragment!r} for {name}, got:\n" + "\n".join(lines)
    if line is not None:
        assert any(f"docs/ch/{name}:{line}:" in l for l in hit), "\n".join(hit)
    # Every message says what to do, not only what is wrong.
    assert all(re.search(r"[。]", l) for l in hit)


def test_the_good_pages_pass(fixture_build):
    _, output = fixture_build
    assert not [l for l in output.splitlines() if "docs/ch/good.md:" in l and "是同一个问题" not in l]
    assert "docs/ch/other.md:" not in output
