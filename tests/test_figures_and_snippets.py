"""Figures are regenerated from code and must equal the committed SVGs (a stale figure fails);
every code snippet shown on a page runs as shown."""
import subprocess
import sys

import pytest

from conftest import DOCS, ROOT

SNIPPETS = sorted((DOCS / "_snippets").rglob("*.py"))


def test_committed_figures_match_their_code(tmp_path):
    result = subprocess.run([sys.executable, "scripts/make_figures.py", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    committed = DOCS / "assets" / "figures"
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.svg"))
    assert fresh, "no figure was generated"
    for rel in fresh:
        target = committed / rel
        assert target.is_file(), f"{rel} is generated but not committed: run python scripts/make_figures.py"
        assert target.read_bytes() == (tmp_path / rel).read_bytes(), \
            f"docs/assets/figures/{rel} is stale: run python scripts/make_figures.py and commit the result"
    orphans = sorted(p.relative_to(committed) for p in committed.rglob("*.svg")
                     if p.relative_to(committed) not in fresh)
    assert not orphans, f"committed figures no script generates: {orphans}"


def test_every_figure_is_used_by_a_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for svg in (DOCS / "assets" / "figures").rglob("*.svg"):
        assert svg.name in pages, f"{svg.relative_to(DOCS)} is not used by any page"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[str(p.relative_to(DOCS / "_snippets")) for p in SNIPPETS])
def test_snippet_runs_as_shown(snippet):
    result = subprocess.run([sys.executable, str(snippet)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{snippet.name} failed:\n{result.stderr[-3000:]}"
    assert result.stdout.strip(), f"{snippet.name} prints nothing: a snippet should show its results"
