"""`mkdocs build --dirty` -- what `mkdocs serve --dirty` does on save -- rebuilds the changed pages
exactly as a full build does: MkDocs skips reading the other pages, and the hooks must still give
them their titles (navigation, previous/next links) and keep the notebook cache."""
import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT

CHANGED = ["normalization/bn-formula/index.html", "labs/batchnorm/index.html", "index.html"]


def without_tag_links(html: str) -> str:
    # Known limit: Material's tags plugin links a page's tags to the tag index only when that index
    # is built in the same run, which a --dirty build does not do. The tag names are the same.
    return re.sub(r'<a href="[^"]*tags/#tag:[^"]*" class="md-tag">(.*?)</a>', r'<span class="md-tag">\1</span>', html)


def test_dirty_rebuild_matches_full_build(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for rel in CHANGED:
        os.utime(site / rel, (0, 0))  # older than its source: MkDocs rebuilds it
    cache = ROOT / ".cache" / "mkdocs-jupyter"
    entries = sorted(p.name for p in cache.glob("*.json"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for rel in CHANGED + ["404.html"]:
        dirty = (site / rel).read_text(encoding="utf-8")
        assert not re.search(r'md-ellipsis">\s*None\s*<', dirty), f"{rel}: the navigation lost page titles"
        assert without_tag_links(dirty) == without_tag_links((built_site / rel).read_text(encoding="utf-8")), rel
    # The search index still holds every page (scripts/search_index.py merges the skipped ones).
    index = lambda root: (root / "search" / "search_index.json").read_text(encoding="utf-8")  # noqa: E731
    assert index(site) == index(built_site), "a --dirty build changed the search index"
    # mkdocs-jupyter evicts the cache entries a build did not read; a dirty build must not.
    assert sorted(p.name for p in cache.glob("*.json")) == entries


def test_validation_in_a_warm_process_sees_every_edit(tmp_path):
    """`mkdocs serve` keeps the hooks loaded and reuses per-page results between rebuilds: an edit to
    a page, to docs/_data or to a page that others link to must still be reported (and its fix too)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import hooks
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))

    def problems():
        return [str(p) for p in hooks.validate(docs, get_files(config))]

    assert problems() == []
    page, terms, target = docs / "normalization/bn-formula.md", docs / "_data/terms.yml", docs / "normalization/bn-parameters.md"
    original, original_terms = page.read_text(encoding="utf-8"), terms.read_text(encoding="utf-8")

    page.write_text(original.replace("difficulty: 基础", "difficulty: 很难"), encoding="utf-8")
    assert [p for p in problems() if p.startswith("docs/normalization/bn-formula.md:4: 未知的难度 '很难'")]
    page.write_text(original, encoding="utf-8")
    assert problems() == []

    # The page did not change, the terminology did.
    terms.write_text(original_terms + "- zh: 滑动平均\n  avoid: [可学习参数]\n  page: normalization/bn-formula.md\n",
                     encoding="utf-8")
    assert [p for p in problems() if p.startswith("docs/normalization/bn-formula.md:") and "「可学习参数」" in p]
    terms.write_text(original_terms, encoding="utf-8")
    assert problems() == []

    # The page did not change, the page it links to is gone.
    target.rename(tmp_path / "moved.md")
    assert [p for p in problems() if p.startswith("docs/normalization/bn-formula.md:36: 链接目标 bn-parameters.md 不存在")]
