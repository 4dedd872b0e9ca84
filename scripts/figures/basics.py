"""基础概念章节的插图。

- ai-ml-dl.svg：人工智能 ⊃ 机器学习 ⊃ 表示学习 ⊃ 深度学习 的嵌套关系（手写 SVG）。
- xor-regions.svg：XOR 的四个点与 2-2-1 ReLU 网络 y = ReLU(x1+x2) - 2 ReLU(x1+x2-1) 的决策区域。
- sawtooth.svg：帐篷函数复合 k = 1, 2, 3 次得到 2^k 段的锯齿函数（深度效率的例子）。
"""
from __future__ import annotations

import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

plt.rcParams["svg.fonttype"] = "none"
plt.rcParams["svg.hashsalt"] = "dl-handbook"
plt.rcParams["font.family"] = "sans-serif"
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "DejaVu Sans"]


def _nested_svg() -> str:
    layers = [
        # (cx, cy, rx, ry, fill, title, subtitle, title_y)
        (300, 200, 290, 190, "#e8eef7", "人工智能（AI）", "规则系统、搜索、专家系统、机器学习……", 40),
        (330, 225, 235, 150, "#d3e2f3", "机器学习（ML）", "从数据学习：线性模型、SVM、决策树、GBDT……", 105),
        (355, 250, 180, 105, "#b7d0ec", "表示学习", "特征也从数据学出来：PCA、自编码器……", 172),
        (380, 280, 115, 55, "#8fb5e0", "深度学习（DL）", "多层可学习的非线性变换，端到端训练", 275),
    ]
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 400" width="600" height="400" '
        'font-family="sans-serif">'
    ]
    for cx, cy, rx, ry, fill, _, _, _ in layers:
        parts.append(
            f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{fill}" stroke="#2f5597" stroke-width="1.5"/>'
        )
    for cx, _, _, _, _, title, sub, ty in layers:
        parts.append(f'<text x="{cx}" y="{ty}" text-anchor="middle" font-size="17" font-weight="bold" '
                     f'fill="#1f3864">{title}</text>')
        parts.append(f'<text x="{cx}" y="{ty + 20}" text-anchor="middle" font-size="12" '
                     f'fill="#1f3864">{sub}</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def _xor(path: pathlib.Path) -> None:
    g = np.array([-0.5, 1.5])
    # y > 0.5 当且仅当 0.5 < x1 + x2 < 1.5：两条平行直线之间的带状区域
    fig, ax = plt.subplots(figsize=(4.2, 4.0))
    ax.fill_between(g, 0.5 - g, 1.5 - g, color="#cfe0f5", lw=0)
    ax.plot(g, 0.5 - g, color="#2f5597", lw=1.2)
    ax.plot(g, 1.5 - g, color="#2f5597", lw=1.2)
    pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    lab = np.array([0, 1, 1, 0])
    ax.scatter(*pts[lab == 1].T, s=90, marker="o", c="#2f5597", label="XOR = 1", zorder=3)
    ax.scatter(*pts[lab == 0].T, s=90, marker="x", c="#c00000", label="XOR = 0", zorder=3)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title("2-2-1 ReLU net: region y > 0.5 (blue)", fontsize=10)
    ax.legend(loc="lower left", fontsize=8)
    ax.set_aspect("equal")
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def _sawtooth(path: pathlib.Path) -> None:
    x = np.linspace(0, 1, 1025)
    fig, axes = plt.subplots(1, 3, figsize=(7.5, 2.4), sharey=True)
    y = x.copy()
    for k, ax in enumerate(axes, start=1):
        y = 2 * np.maximum(y, 0) - 4 * np.maximum(y - 0.5, 0)
        ax.plot(x, y, color="#2f5597", lw=1.3)
        ax.set_title(f"k = {k}: {2 ** k} linear pieces, {2 * k} ReLUs", fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_xlabel("x")
    axes[0].set_ylabel("t^k(x)")
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def build(outdir: pathlib.Path) -> None:
    """写出 ai-ml-dl.svg、xor-regions.svg、sawtooth.svg 到 outdir。"""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "ai-ml-dl.svg").write_text(_nested_svg(), encoding="utf-8")
    _xor(outdir / "xor-regions.svg")
    _sawtooth(outdir / "sawtooth.svg")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "basics")
