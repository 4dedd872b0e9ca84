"""Regenerates every figure of the site from code.

Each module in scripts/figures/ has a `build(outdir)` function that writes SVG files; the module
name up to the first underscore is the chapter, so scripts/figures/cnn_a.py writes into
docs/assets/figures/cnn/. `python scripts/make_figures.py` rewrites the committed figures;
`--out DIR` writes them under DIR instead (tests compare that with the committed files).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "scripts" / "figures"


def modules():
    for path in sorted(FIGURES.glob("*.py")):
        if path.name.startswith("_"):
            continue
        yield path.stem.split("_")[0], path


def build_all(out_root: Path) -> list[Path]:
    written = []
    for chapter, path in modules():
        spec = importlib.util.spec_from_file_location(f"figures_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        outdir = out_root / chapter
        outdir.mkdir(parents=True, exist_ok=True)
        before = set(outdir.glob("*.svg"))
        module.build(outdir)
        written += sorted(set(outdir.glob("*.svg")) - before) or sorted(outdir.glob("*.svg"))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "figures",
                        help="output root (default: docs/assets/figures)")
    args = parser.parse_args()
    for path in build_all(args.out):
        print(path.relative_to(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
