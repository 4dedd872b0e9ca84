"""Figures are regenerated from code and must equal the committed SVGs (a stale figure fails);
every code snippet shown on a page runs as shown."""
import json
import os
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


# Imports torch, NumPy and matplotlib once, then forks a fresh child per snippet: each snippet runs
# in its own process (no state leaks between snippets, exactly like `python docs/_snippets/X.py`
# from the repository root) without paying torch's import time ~100 times.
RUNNER = r"""
import contextlib, io, json, os, runpy, sys, traceback
import numpy, torch, matplotlib
matplotlib.use("Agg")
results = {}
for path in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        out = io.StringIO()
        outcome = {"ok": True}
        try:
            sys.argv = [path]
            with contextlib.redirect_stdout(out):
                runpy.run_path(path, run_name="__main__")
        except SystemExit as exc:
            outcome = {"ok": exc.code in (None, 0), "error": f"SystemExit({exc.code})"}
        except BaseException:
            outcome = {"ok": False, "error": traceback.format_exc()[-3000:]}
        outcome["stdout"] = out.getvalue()
        with os.fdopen(write, "w") as pipe:
            pipe.write(json.dumps(outcome))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    results[path] = json.loads(data) if data else {"ok": False, "error": "snippet process died", "stdout": ""}
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def snippet_results():
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-c", RUNNER, *map(str, SNIPPETS)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[str(p.relative_to(DOCS / "_snippets")) for p in SNIPPETS])
def test_snippet_runs_as_shown(snippet_results, snippet):
    outcome = snippet_results[str(snippet)]
    assert outcome["ok"], f"{snippet.name} failed:\n{outcome.get('error')}"
    assert outcome["stdout"].strip(), f"{snippet.name} prints nothing: a snippet should show its results"


def test_every_snippet_is_shown_on_a_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for snippet in SNIPPETS:
        rel = snippet.relative_to(DOCS / "_snippets").as_posix()
        assert f'--8<-- "{rel}"' in pages, f"docs/_snippets/{rel} is not included by any page"
