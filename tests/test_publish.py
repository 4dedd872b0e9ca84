"""scripts/publish.py against a real local bare git repository (no mocks): the first publish creates
gh-pages with a complete site, a second one after a content change adds a commit on top, and a
publish with a failing check exits non-zero with a clear message and leaves the branch untouched.

It runs on a small copy of the project (the real mkdocs.yml, scripts/, overrides/, data files and
assets, plus a chapter of two scaffolded pages) so the three builds take seconds, not minutes.
The copy also registers scripts/page_dates.py, so the git-based "最后更新" line is checked too.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SITE_URL = "https://example.org/handbook/"
COMMIT_DATE = "2024-01-02T03:04:05+00:00"


def make_small_project(dest: Path, register_dates: bool = True) -> Path:
    """A minimal copy of the project: real config, scripts, overrides, data and CSS; one chapter."""
    dest.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if register_dates and "scripts/page_dates.py" not in config:
        config = config.replace("  - scripts/hooks.py\n", "  - scripts/hooks.py\n  - scripts/page_dates.py\n", 1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", "figures")
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs" / "_data", docs / "_data")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", ignore=ignore)
    shutil.copy(ROOT / "docs" / "_template.md", docs / "_template.md")
    (docs / "_data" / "terms.yml").write_text("- zh: 池化\n  en: Pooling\n  page: ch/a.md\n", encoding="utf-8")
    (docs / "index.md").write_text("---\ntitle: 首页\n---\n\n# 首页\n\n<!-- chapters -->\n", encoding="utf-8")
    (docs / "ch").mkdir()
    (docs / "ch" / "index.md").write_text("---\ntitle: 测试章\norder: 1\ndescription: 两道题。\n---\n\n"
                                          "# 测试章\n\n<!-- questions -->\n", encoding="utf-8")
    for slug, title in (("a", "池化层有什么作用？"), ("b", "最大池化如何反向传播？")):
        scaffold(dest, "--chapter", "ch", "--slug", slug, "--title", title, "--tags", "池化")
    return dest


def scaffold(project: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(project / "scripts" / "new_question.py"), *args],
                            cwd=project, capture_output=True, text=True, timeout=60)
    return result


def git(*args: str, cwd: Path | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def publish(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    env.pop("HANDBOOK_NOT_STRICT", None)
    return subprocess.run([sys.executable, str(project / "scripts" / "publish.py"), *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("publish")
    project = make_small_project(base / "project")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "初始内容", cwd=project)
    remote = base / "remote.git"
    git("init", "-q", "--bare", str(remote))
    return project, remote


def tip(remote: Path) -> str:
    return git("--git-dir", str(remote), "rev-parse", "refs/heads/gh-pages").strip()


def show(remote: Path, path: str) -> str:
    return git("--git-dir", str(remote), "show", f"gh-pages:{path}")


def test_first_publish_creates_gh_pages(setup):
    project, remote = setup
    result = publish(project, "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已发布" in result.stdout
    files = set(git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert {".nojekyll", "404.html", "sitemap.xml", "index.html", "ch/a/index.html", "ch/b/index.html"} <= files
    page = show(remote, "ch/a/index.html")
    assert f'<link rel="canonical" href="{SITE_URL}ch/a/">' in page
    assert f"<loc>{SITE_URL}ch/a/</loc>" in show(remote, "sitemap.xml")
    assert f'href="{SITE_URL}' in show(remote, "404.html") or "/handbook/" in show(remote, "404.html")
    # The last-updated line comes from the git commit that last touched the page.
    assert '最后更新：<time datetime="2024-01-02">2024-01-02</time>' in page
    assert "<lastmod>2024-01-02</lastmod>" in show(remote, "sitemap.xml")
    # Published from a git checkout: the message names the source commit.
    head = git("rev-parse", "--short=12", "HEAD", cwd=project).strip()
    assert head in git("--git-dir", str(remote), "log", "-1", "--format=%s", "gh-pages")


def test_second_publish_adds_a_commit_on_top(setup):
    project, remote = setup
    before = tip(remote)
    page = project / "docs" / "ch" / "a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("简短回答。", "池化降低分辨率。"), encoding="utf-8")
    result = publish(project, "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr
    after = tip(remote)
    assert after != before
    assert git("--git-dir", str(remote), "rev-parse", f"{after}^").strip() == before  # history kept
    assert "池化降低分辨率" in show(remote, "ch/a/index.html")


def test_failing_check_leaves_the_branch_untouched(setup):
    project, remote = setup
    before = tip(remote)
    page = project / "docs" / "ch" / "b.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("tags: [池化]", "tags: [不存在的标签]"), encoding="utf-8")
    try:
        result = publish(project, "--remote", str(remote))
    finally:
        page.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "发布失败" in result.stderr and "没有发布" in result.stderr
    line = next(i for i, l in enumerate(good.splitlines(), 1) if l.startswith("tags:"))
    assert re.search(rf"docs/ch/b\.md:{line}: 未知的标签 '不存在的标签'", result.stderr), result.stderr
    assert tip(remote) == before


def test_unknown_remote_is_a_clear_error(setup):
    project, remote = setup
    before = tip(remote)
    result = publish(project, "--remote", "no-such-remote", "--site-dir", str(project / "nowhere"))
    assert result.returncode == 1
    assert "找不到远程仓库 'no-such-remote'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tip(remote) == before
