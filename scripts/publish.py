"""Build the handbook with every check and publish it to the gh-pages branch of a git remote.

Usage (from the repository root):

    .venv/bin/python scripts/publish.py                      # build, check, push to origin gh-pages
    .venv/bin/python scripts/publish.py --remote URL_OR_NAME # another remote (name, URL or path)
    .venv/bin/python scripts/publish.py --site-dir site      # publish an already built site (still verified)
    .venv/bin/python scripts/publish.py --dry-run            # everything except the push

Steps, each of which stops the script (exit status 1, a Chinese message, no stack trace) and
leaves the published branch exactly as it was:

1. the fast lint (scripts/lint.py) over docs/;
2. `mkdocs build --strict` into a temporary folder (the page validation of scripts/hooks.py runs
   inside the build; any warning fails it);
3. the output is verified: index.html, 404.html, sitemap.xml, a canonical link built from site_url;
   .nojekyll is added so GitHub Pages serves the folders as they are;
4. with plain git plumbing in a temporary bare repository: fetch the remote's gh-pages (if any),
   write the site as a tree (`git add` with a private index, `write-tree`), commit it with
   `commit-tree` on top of the fetched tip (history is kept), and push it without --force, so a
   concurrent publish is refused rather than overwritten. Nothing in the working copy changes.

GitHub Actions publishes with .github/workflows/deploy.yml instead (Pages artifact); this script
is for publishing from a branch ("Deploy from a branch: gh-pages") or from a maintainer's machine.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRANCH = "gh-pages"


class PublishError(Exception):
    pass


def run(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None, what: str) -> str:
    try:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    except FileNotFoundError:
        raise PublishError(f"{what}失败：找不到命令 {cmd[0]}。")
    except subprocess.TimeoutExpired:
        raise PublishError(f"{what}超时。")
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-8:]
        raise PublishError(f"{what}失败：\n  " + "\n  ".join(detail))
    return result.stdout


def site_url(config: Path) -> str:
    """site_url from mkdocs.yml, honouring the SITE_URL environment variable like MkDocs does."""
    text = config.read_text(encoding="utf-8")
    m = re.search(r"^site_url:\s*(.+)$", text, re.M)
    if not m:
        raise PublishError("mkdocs.yml 没有 site_url：canonical 链接和 sitemap.xml 需要它。")
    value = m.group(1).strip()
    env = re.match(r'!ENV\s*\[\s*(\w+)\s*,\s*"([^"]*)"\s*\]', value)
    if env:
        return os.environ.get(env.group(1)) or env.group(2)
    return value.strip("'\"")


# --------------------------------------------------------------------------- checks and build


def lint(project: Path) -> None:
    print("==> 检查中文排版、拼写与 Markdown（scripts/lint.py）")
    result = subprocess.run([sys.executable, str(project / "scripts" / "lint.py"), str(project / "docs")],
                            cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        problems = result.stdout.strip().splitlines()
        raise PublishError("lint 检查未通过，没有发布。先修正下面的问题（很多可用 "
                           ".venv/bin/python scripts/lint.py --fix 自动修正）：\n  " + "\n  ".join(problems[:40]))


def build(project: Path, out: Path) -> None:
    print("==> 构建站点（mkdocs build --strict，含页面校验）")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("HANDBOOK_NOT_STRICT", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                             "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).splitlines()
        problems = [l for l in lines if "WARNING" in l or "ERROR" in l or "Error" in l or "Aborted" in l]
        raise PublishError("构建或校验失败，没有发布。按下面的提示修正后重试：\n  "
                           + "\n  ".join((problems or lines[-15:])[:60]))


def verify(site: Path, url: str) -> None:
    """The output GitHub Pages needs; adds .nojekyll."""
    missing = [name for name in ("index.html", "404.html", "sitemap.xml") if not (site / name).is_file()]
    if missing:
        raise PublishError(f"站点目录 {site} 缺少 {'、'.join(missing)}，不是完整的构建结果，没有发布。")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    if not canonical or not canonical.group(1).startswith(url):
        found = canonical.group(1) if canonical else "没有"
        raise PublishError(f"index.html 的 canonical 链接（{found}）与 site_url {url} 不一致，没有发布。"
                           "请检查 mkdocs.yml 的 site_url 或 SITE_URL 环境变量。")
    if url not in (site / "sitemap.xml").read_text(encoding="utf-8"):
        raise PublishError(f"sitemap.xml 中的地址不是以 site_url {url} 开头，没有发布。")
    (site / ".nojekyll").write_text("", encoding="utf-8")


# --------------------------------------------------------------------------- git


def resolve_remote(remote: str, project: Path) -> str:
    """A remote name of the project's repository, a URL, or a local path -> something git can push to."""
    if "://" in remote or re.match(r"^[\w.-]+@[\w.-]+:", remote):
        return remote
    local = Path(remote).expanduser()
    if not local.is_absolute():
        local = Path.cwd() / local
    if local.exists():
        return str(local.resolve())
    try:
        return run(["git", "-C", str(project), "remote", "get-url", remote], what=f"查找远程仓库 {remote}").strip()
    except PublishError:
        raise PublishError(f"找不到远程仓库 {remote!r}：它不是本仓库的远程名（git remote -v 查看），"
                           "也不是 URL 或存在的路径。用 --remote 指定。")


def source_commit(project: Path) -> str | None:
    try:
        return run(["git", "-C", str(project), "rev-parse", "--short=12", "HEAD"], what="读取源提交").strip()
    except PublishError:
        return None


def identity(project: Path) -> dict:
    env = dict(os.environ)
    for key, git_key, default in (("NAME", "user.name", "深度学习面试手册发布脚本"),
                                  ("EMAIL", "user.email", "publish@localhost")):
        value = subprocess.run(["git", "-C", str(project), "config", git_key], capture_output=True,
                               text=True).stdout.strip() if (project / ".git").exists() else ""
        env.setdefault(f"GIT_AUTHOR_{key}", value or default)
        env.setdefault(f"GIT_COMMITTER_{key}", value or default)
    return env


def publish_git(site: Path, remote_url: str, message: str, env: dict, dry_run: bool) -> str | None:
    """Commit `site` as the new tip of gh-pages on remote_url; return the new commit (None: unchanged)."""
    with tempfile.TemporaryDirectory(prefix="handbook-publish-") as tmp:
        git_dir = Path(tmp) / "repo.git"
        env = dict(env, GIT_DIR=str(git_dir), GIT_INDEX_FILE=str(Path(tmp) / "index"))
        env.pop("GIT_WORK_TREE", None)
        run(["git", "init", "--quiet", "--bare", str(git_dir)], env=env, what="创建临时仓库")
        heads = run(["git", "ls-remote", "--heads", remote_url, BRANCH], env=env,
                    what=f"读取远程仓库 {remote_url}")
        parent = None
        if heads.strip():
            run(["git", "fetch", "--quiet", "--no-tags", remote_url, f"refs/heads/{BRANCH}:refs/remotes/published"],
                env=env, what=f"获取远程的 {BRANCH} 分支")
            parent = run(["git", "rev-parse", "refs/remotes/published"], env=env, what="读取 gh-pages").strip()
        work = dict(env, GIT_WORK_TREE=str(site))
        run(["git", "add", "--all", "--force", "."], cwd=site, env=work, what="把站点加入索引")
        tree = run(["git", "write-tree"], env=work, what="写入站点目录树").strip()
        if parent:
            old_tree = run(["git", "rev-parse", f"{parent}^{{tree}}"], env=env, what="读取已发布的目录树").strip()
            if old_tree == tree:
                return None
        cmd = ["git", "commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        commit = run(cmd, env=env, what="创建发布提交").strip()
        if dry_run:
            return commit
        run(["git", "push", "--quiet", remote_url, f"{commit}:refs/heads/{BRANCH}"], env=env,
            what=f"推送到 {remote_url} 的 {BRANCH} 分支（如果有人刚刚发布过，请重新运行）")
        return commit


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="构建站点（含全部检查）并发布到远程仓库的 gh-pages 分支。任何一步失败都不会改动已发布的分支。")
    parser.add_argument("--remote", default="origin", help="远程仓库：远程名、URL 或本地路径（默认 origin）")
    parser.add_argument("--site-dir", help="发布已经构建好的站点目录（跳过 lint 和构建，但仍校验输出）")
    parser.add_argument("--message", help="发布提交的说明（默认包含源提交号）")
    parser.add_argument("--dry-run", action="store_true", help="只构建、检查并生成提交，不推送")
    args = parser.parse_args(argv)
    project = ROOT
    try:
        url = site_url(project / "mkdocs.yml")
        remote_url = resolve_remote(args.remote, project)
        with tempfile.TemporaryDirectory(prefix="handbook-site-") as tmp:
            site = Path(tmp) / "site"
            if args.site_dir:
                given = Path(args.site_dir)
                if not given.is_dir():
                    raise PublishError(f"--site-dir {given} 不存在。")
                shutil.copytree(given, site)
            else:
                lint(project)
                build(project, site)
            verify(site, url)
            src = source_commit(project)
            message = args.message or (f"发布站点（源提交 {src}）" if src else "发布站点")
            commit = publish_git(site, remote_url, message, identity(project), args.dry_run)
        if commit is None:
            print(f"站点没有变化：{remote_url} 的 {BRANCH} 分支保持不变。")
        elif args.dry_run:
            print(f"演练完成：已生成提交 {commit[:12]}，未推送。")
        else:
            print(f"已发布：{remote_url} 的 {BRANCH} 分支现在指向 {commit[:12]}（{url}）。")
        return 0
    except PublishError as exc:
        print(f"发布失败：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断，没有发布。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 -- a message, not a stack trace, for contributors
        print(f"发布失败（意外错误）：{type(exc).__name__}: {exc}。已发布的分支没有改动。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
