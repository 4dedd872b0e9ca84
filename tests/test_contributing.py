"""The contributor tooling: the scaffold (scripts/new_question.py), the fast lint (scripts/lint.py)
for the kinds of bad contributions the build's validation does not cover (CJK spacing, English
misspellings, Markdown rules -- the others are in test_validation.py), the pre-commit hooks and the
GitHub workflows and templates (parsed and checked against what CONTRIBUTING.md promises)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build
from test_publish import make_small_project, scaffold

LINT = ROOT / "scripts" / "lint.py"


def lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(LINT), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


# --------------------------------------------------------------------------- scaffold


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_small_project(tmp_path_factory.mktemp("contrib") / "project", register_dates=False)


def test_scaffold_creates_a_page_that_builds(project):
    result = scaffold(project, "--chapter", "ch", "--slug", "new-one", "--title", "步长为 2 的池化会丢信息吗?",
                      "--tags", "池化,概念辨析", "--difficulty", "进阶", "--aliases", "stride, 下采样")
    assert result.returncode == 0, result.stderr
    assert "已创建" in result.stdout
    page = project / "docs" / "ch" / "new-one.md"
    meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---", 2)[1])
    assert meta == {"title": "步长为 2 的池化会丢信息吗？", "tags": ["池化", "概念辨析"], "difficulty": "进阶",
                    "sources": [], "aliases": ["stride", "下采样"], "order": 30}  # a: 10, b: 20, then + 10
    # The whole small project (three scaffolded pages) passes the strict build and the lint.
    build = run_build(project / "site", config=project / "mkdocs.yml", cwd=project)
    assert build.returncode == 0, "\n".join(l for l in build.stderr.splitlines() if "WARNING" in l)
    assert (project / "site" / "ch" / "new-one" / "index.html").is_file()
    assert lint(str(project / "docs"), cwd=project).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["--chapter", "nope", "--slug", "x", "--title", "新问题？", "--tags", "池化"], "章节 'nope' 不存在"),
    (["--chapter", "ch", "--slug", "x", "--title", "新问题？", "--tags", "不存在的标签"], "未知的标签 '不存在的标签'"),
    (["--chapter", "ch", "--slug", "x", "--title", "新问题？", "--tags", "池化", "--difficulty", "简单"], "未知的难度 '简单'"),
    (["--chapter", "ch", "--slug", "x", "--title", "新问题？", "--tags", "池化", "--sources", "S9-99"], "未知的种子条目编号 'S9-99'"),
    (["--chapter", "ch", "--slug", "a", "--title", "新问题？", "--tags", "池化"], "docs/ch/a.md 已经存在"),
    # Same question as docs/ch/a.md ("池化层有什么作用？") up to spacing, case and punctuation.
    (["--chapter", "ch", "--slug", "x", "--title", "池化层 有什么作用?", "--tags", "池化"], "docs/ch/a.md 已经回答了这个问题"),
    (["--chapter", "ch", "--slug", "Bad_Slug", "--title", "新问题？", "--tags", "池化"], "只用小写英文字母"),
])
def test_scaffold_refuses_bad_input(project, args, message):
    before = sorted(p.name for p in (project / "docs" / "ch").iterdir())
    result = scaffold(project, *args)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "docs" / "ch").iterdir()) == before


def test_scaffold_reuses_the_builds_duplicate_rule():
    source = (ROOT / "scripts" / "new_question.py").read_text(encoding="utf-8")
    assert "from hooks import" in source and "normalise_title" in source


def test_scaffold_refuses_a_duplicate_of_a_real_page():
    existing = ROOT / "docs" / "normalization" / "bn-formula.md"
    if not existing.is_file():
        pytest.skip("reference page not written yet")
    title = yaml.safe_load(existing.read_text(encoding="utf-8").split("---", 2)[1])["title"]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_question.py"), "--chapter", "cnn",
                             "--slug", "zz-never-created", "--title", " " + title.replace("？", "?"),
                             "--tags", "归一化"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "docs/normalization/bn-formula.md 已经回答了这个问题" in result.stderr
    assert not (ROOT / "docs" / "cnn" / "zz-never-created.md").exists()


# --------------------------------------------------------------------------- lint

PAGE = """\
---
title: 池化层有什么作用？
tags: [池化, 概念辨析]
difficulty: 基础
sources: []
aliases: [pooling, 下采样]
---

## 一句话回答

池化在局部窗口内取最大值或平均值。

## 详细解释

窗口为 $2,2$ 时输出减半。

```python
x = [1,2]  # 代码里的逗号,不改
```

$$
f(x)=1,2
$$

## 参考

- Goodfellow, I., Bengio, Y., & Courville, A. Deep Learning. MIT Press, 2016.
"""

BAD_LINT = {
    # name: (replace, with, line text, message fragment)
    "cjk-spacing": ("池化在局部窗口内取最大值或平均值。", "池化在2×2窗口内取最大值,常用于CNN。", "2×2窗口", "中文排版"),
    "misspelling": ("池化在局部窗口内取最大值或平均值。", "用Pytorch 实现池化。", "Pytorch", "「Pytorch」应写作「PyTorch」"),
    "misspelling-sigmod": ("池化在局部窗口内取最大值或平均值。", "池化后接 Sigmod 激活。", "Sigmod", "「Sigmod」应写作「Sigmoid」"),
    "heading-skip": ("## 详细解释", "## 详细解释\n\n#### 细节", "#### 细节", "标题层级跳级"),
    "bare-url": ("池化在局部窗口内取最大值或平均值。", "详见 https://example.org/pool 。", "https://", "裸露的网址"),
    "fence-no-lang": ("```python", "```", "```", "代码块缺少语言标注"),
    "trailing-space": ("池化在局部窗口内取最大值或平均值。", "池化在局部窗口内取最大值或平均值。  ", "平均值。  ", "行尾有多余空格"),
}


@pytest.fixture()
def lint_dir(tmp_path):
    chapter = tmp_path / "docs" / "ch"
    chapter.mkdir(parents=True)
    return chapter


def test_clean_page_passes_lint(lint_dir):
    (lint_dir / "good.md").write_text(PAGE, encoding="utf-8")
    result = lint(str(lint_dir))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("name", sorted(BAD_LINT))
def test_lint_names_file_line_and_fix(lint_dir, name):
    old, new, where, fragment = BAD_LINT[name]
    text = PAGE.replace(old, new, 1)
    (lint_dir / f"{name}.md").write_text(text, encoding="utf-8")
    result = lint(str(lint_dir))
    assert result.returncode == 1
    line = next(i for i, l in enumerate(text.splitlines(), 1) if where in l and not l.startswith(("title", "tags")))
    hits = [l for l in result.stdout.splitlines() if l.startswith(f"docs/ch/{name}.md:{line}: ") and fragment in l]
    assert hits, result.stdout
    assert all("。" in h for h in hits)  # says what to do, not only what is wrong
    assert "Traceback" not in result.stderr


def test_lint_fix_repairs_spacing_and_leaves_front_matter_code_and_math(lint_dir):
    old, new, _, _ = BAD_LINT["cjk-spacing"]
    page = lint_dir / "fixme.md"
    page.write_text(PAGE.replace(old, new, 1) + "\n\n", encoding="utf-8")
    result = lint("--fix", str(lint_dir))
    assert result.returncode == 0, result.stdout
    fixed = page.read_text(encoding="utf-8")
    assert "池化在 2×2 窗口内取最大值，常用于 CNN。" in fixed
    assert "tags: [池化, 概念辨析]" in fixed and "aliases: [pooling, 下采样]" in fixed  # front matter untouched
    assert "x = [1,2]  # 代码里的逗号,不改" in fixed  # fenced code untouched
    assert "f(x)=1,2" in fixed and "$2,2$" in fixed  # math untouched
    assert "Goodfellow, I., Bengio, Y., & Courville, A. Deep Learning. MIT Press, 2016." in fixed  # citation
    assert fixed.endswith("2016.\n")  # extra blank lines at the end removed
    assert lint(str(lint_dir)).returncode == 0


def test_lint_skips_snippet_lines_and_admonition_bodies_are_linted(lint_dir):
    text = PAGE.replace("池化在局部窗口内取最大值或平均值。",
                        '```python\n--8<-- "ch/x.py"\n```\n\n??? question "为什么？"\n\n    因为BN的统计量。')
    (lint_dir / "q.md").write_text(text, encoding="utf-8")
    result = lint(str(lint_dir))
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "因为BN" in l)
    assert result.stdout.startswith(f"docs/ch/q.md:{line}: 中文排版：「因为BN的")
    assert len(result.stdout.strip().splitlines()) == 1


def test_the_docs_tree_passes_lint():
    result = lint("--summary")
    assert result.returncode == 0, "scripts/lint.py reports problems (fix with --fix):\n" + result.stdout


# --------------------------------------------------------------------------- pre-commit, workflows, templates


def load(rel: str) -> dict:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def test_pre_commit_runs_local_hooks_only():
    config = load(".pre-commit-config.yaml")
    assert [r["repo"] for r in config["repos"]] == ["local"]  # nothing is downloaded
    entries = " ".join(h["entry"] for h in config["repos"][0]["hooks"])
    assert ".venv/bin/python scripts/lint.py" in entries
    assert all(h["language"] == "system" for h in config["repos"][0]["hooks"])


def _on(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True.
    return workflow.get("on", workflow.get(True))


def _uses(job: dict) -> list[str]:
    return [s["uses"] for s in job["steps"] if "uses" in s]


PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
TAGGED = re.compile(r"^[\w.-]+/[\w.-]+@v\d+(\.\d+)*$")


def _check_pins(rel: str):
    text = (ROOT / rel).read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.search(r"uses:\s*(\S+)(.*)$", line)
        if not m:
            continue
        ref, comment = m.group(1), m.group(2)
        assert PINNED.match(ref) or TAGGED.match(ref), line
        if TAGGED.match(ref):
            assert "SHA" in comment, f"a tag pin must say why it is not a SHA: {line}"
        else:
            assert re.search(r"#\s*v\d", comment), f"a SHA pin names its release: {line}"


def test_ci_workflow_runs_the_test_script_on_pushes_and_pull_requests():
    wf = load(".github/workflows/ci.yml")
    on = _on(wf)
    assert "pull_request" in on and "push" in on
    assert wf["permissions"] == {"contents": "read"}
    steps = [s.get("run", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert any("bash scripts/test.sh" in run for run in steps)
    assert any("scripts/lint.py" in run for run in steps)
    _check_pins(".github/workflows/ci.yml")


def test_deploy_workflow_uses_pages_actions_with_least_permissions():
    wf = load(".github/workflows/deploy.yml")
    on = _on(wf)
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" not in on
    perms = wf["permissions"]
    assert perms == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    uses = [u.split("@")[0] for job in wf["jobs"].values() for u in _uses(job)]
    for action in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):
        assert action in uses, action
    deploy = next(j for j in wf["jobs"].values() if any("deploy-pages" in u for u in _uses(j)))
    assert deploy["environment"]["name"] == "github-pages"
    assert "page_url" in deploy["environment"]["url"]
    checkout = next(s for j in wf["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # full history: the last-updated dates
    runs = " ".join(s.get("run", "") for j in wf["jobs"].values() for s in j["steps"])
    assert "mkdocs build --strict" in runs or "scripts/test.sh" in runs
    _check_pins(".github/workflows/deploy.yml")


def test_issue_and_pull_request_templates():
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
    names = {f["name"] for f in forms.values()}
    assert any("纠错" in n for n in names) and any("新题目" in n for n in names)
    for form in forms.values():
        assert form["description"] and form["body"]
        for item in form["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
            if item["type"] != "markdown":
                assert item["id"] and item["attributes"]["label"]
    pr = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "scripts/test.sh" in pr and "scripts/lint.py" in pr


def test_contributing_guide_covers_the_workflow():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in ("scripts/new_question.py", "bash scripts/serve.sh", "bash scripts/test.sh", "scripts/lint.py --fix",
                   "docs/_template.md", "docs/_data/tags.yml", "docs/_data/terms.yml", "markdownlint",
                   "## 一句话回答", "\\text{", "scripts/publish.py"):
        assert needle in text, needle
