"""MkDocs hook: every page shows the date it was last changed, from git history, without network.

Registered in mkdocs.yml (`hooks:`, after scripts/hooks.py). On on_files it runs ONE git command
for the whole docs tree,

    git log --format=%x00%H %cs --name-only -- <docs_dir>

and keeps, for each file, the committer date (YYYY-MM-DD) of the newest commit that touched it.
On on_page_markdown it sets

* page.meta["revision_date"] -- shown as "最后更新：YYYY-MM-DD" by overrides/partials/source-file.html
  (below the content, outside the search index), and
* page.update_date -- the <lastmod> of the page in sitemap.xml.

Fallbacks (never an error, never a wrong date):

* git missing, or docs/ not inside a git work tree (a tarball): the file's modification time;
* a file git does not know yet (new, uncommitted page): its modification time;
* a shallow clone (CI checkout without fetch-depth: 0): files whose newest commit is the shallow
  boundary get no date line, because that commit only says "changed on or before this date";
* HANDBOOK_PAGE_DATES=0 in the environment: no dates at all (e.g. for byte-identical builds).
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
import subprocess
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.page_dates")

_DATES: dict[str, str | None] = {}  # src_uri -> YYYY-MM-DD, or None (no date line)


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def git_dates(docs: Path) -> tuple[dict[str, str], set[str]] | None:
    """docs-relative path -> date of the newest commit touching it, and the paths only the shallow
    boundary commit knows. None when git cannot be used."""
    top = _git(["rev-parse", "--show-toplevel"], docs)
    if top is None:
        return None
    top_path = Path(top.strip()).resolve()
    out = _git(["-c", "core.quotepath=off", "log", "--no-renames", "--format=%x00%H %cs", "--name-only",
                "--", str(docs.resolve())], docs)
    if out is None:
        return None
    shallow_text = _git(["rev-parse", "--is-shallow-repository"], docs) or "false"
    boundary: set[str] = set()
    if shallow_text.strip() == "true":
        git_dir = _git(["rev-parse", "--git-dir"], docs)
        shallow_file = (docs / git_dir.strip() / "shallow") if git_dir else None
        if shallow_file and shallow_file.is_file():
            boundary = set(shallow_file.read_text().split())
    try:
        prefix = docs.resolve().relative_to(top_path).as_posix().rstrip("/") + "/"
    except ValueError:
        return None
    if prefix == "./":
        prefix = ""
    dates: dict[str, str] = {}
    from_boundary: set[str] = set()
    for block in out.split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        sha, _, date = lines[0].partition(" ")
        for name in lines[1:]:
            if not name.startswith(prefix):
                continue
            rel = name[len(prefix):]
            if rel not in dates:
                dates[rel] = date
                if sha in boundary:
                    from_boundary.add(rel)
    return dates, from_boundary


def _mtime(path: str) -> str | None:
    try:
        return _dt.date.fromtimestamp(os.stat(path).st_mtime).isoformat()
    except OSError:
        return None


def on_files(files, config):
    _DATES.clear()
    if os.environ.get("HANDBOOK_PAGE_DATES") == "0":
        return files
    docs = Path(config["docs_dir"])
    found = git_dates(docs)
    if found is None:
        log.info("git 不可用或不在 git 仓库中：页面日期改用文件修改时间。")
    dates, boundary = found if found else ({}, set())
    shallow_skipped = 0
    for f in files.documentation_pages():
        rel = f.src_uri
        if rel in boundary:
            _DATES[rel] = None
            shallow_skipped += 1
        elif rel in dates:
            _DATES[rel] = dates[rel]
        else:
            _DATES[rel] = _mtime(f.abs_src_path)
    if shallow_skipped:
        log.info(f"浅克隆：{shallow_skipped} 个页面的最后修改日期未知，不显示日期（CI 请用 fetch-depth: 0）。")
    return files


def on_page_markdown(markdown, page, config, files):
    date = _DATES.get(page.file.src_uri)
    if date:
        page.meta["revision_date"] = date
        try:
            page.update_date = date
        except AttributeError:
            pass
    return markdown
