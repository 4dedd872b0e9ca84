"""Figures for the CNN chapter, part B (group conv, pooling, ResNet, image filtering).

Writes into the directory passed to ``build`` (docs/assets/figures/cnn/):

- ``residual-blocks.svg``: ResNet basic block and bottleneck block (hand-built SVG).
- ``group-conv-connectivity.svg``: channel connectivity of standard, group, shuffled-group and
  depthwise-separable convolution (hand-built SVG).
- ``pooling-example.svg``: 2x2 max and average pooling with stride 2 on a 4x4 input (hand-built SVG).
- ``sharpen-smooth.svg``: mean / Gaussian smoothing and Laplacian sharpening of a small synthetic
  image, with a horizontal intensity profile (matplotlib, deterministic).

All output is deterministic: no dates, fixed seeds, fixed hash salt.
"""
from __future__ import annotations

import pathlib
import warnings

import numpy as np

FONT = 'font-family="sans-serif"'
GROUP_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def _svg(width: int, height: int, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT}>'
    )
    marker = (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/>'
        "</marker></defs>"
    )
    bg = f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
    return "\n".join([head, marker, bg, *body, "</svg>"]) + "\n"


def _text(x: float, y: float, s: str, size: int = 13, anchor: str = "middle", weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{s}</text>')


def _box(x: float, y: float, w: float, h: float, label: str, fill: str = "#e8f0fb",
         stroke: str = "#3b6ea8") -> list[str]:
    return [
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5"/>',
        _text(x + w / 2, y + h / 2 + 5, label, 13),
    ]


def _arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#333" '
            f'stroke-width="1.6" marker-end="url(#arrow)"/>')


def residual_blocks_svg() -> str:
    """Basic block (two 3x3 convs) and bottleneck block (1x1-3x3-1x1), post-activation as in He et al. 2016a."""
    body: list[str] = []
    panels = [
        ("基本块（ResNet-18/34）", "64-d", [("3×3 卷积, 64", "BN + ReLU"), ("3×3 卷积, 64", "BN")]),
        ("瓶颈块（ResNet-50/101/152）", "256-d",
         [("1×1 卷积, 64", "BN + ReLU"), ("3×3 卷积, 64", "BN + ReLU"), ("1×1 卷积, 256", "BN")]),
    ]
    for p, (title, dim, layers) in enumerate(panels):
        x0 = 30 + p * 330
        cx = x0 + 110
        body.append(_text(cx + 40, 26, title, 15, weight="bold"))
        body.append(_text(cx, 56, f"x（{dim}）", 13))
        y = 64
        body.append(_arrow(cx, y, cx, y + 24))
        y += 26
        for conv, post in layers:
            body += _box(cx - 80, y, 160, 32, conv)
            y += 32
            body.append(_text(cx + 86, y - 8, post, 11, anchor="start", fill="#555"))
            body.append(_arrow(cx, y, cx, y + 22))
            y += 24
        # addition node
        r = 12
        body.append(f'<circle cx="{cx}" cy="{y + r}" r="{r}" fill="#fff" stroke="#333" stroke-width="1.6"/>')
        body.append(_text(cx, y + r + 6, "+", 18, weight="bold"))
        body.append(_text(cx - 22, y + r + 5, "F(x) + x", 12, anchor="end", fill="#3b6ea8"))
        add_y = y + r
        body.append(_arrow(cx, y + 2 * r, cx, y + 2 * r + 22))
        body.append(_text(cx, y + 2 * r + 38, "ReLU", 13))
        # shortcut: from the input line, around the right side, into the addition node
        sx = cx + 150
        body.append(f'<path d="M{cx},{76} L{sx},{76} L{sx},{add_y} L{cx + r + 8},{add_y}" fill="none" '
                    f'stroke="#c0392b" stroke-width="1.8" stroke-dasharray="6,4" marker-end="url(#arrow)"/>')
        body.append(_text(sx + 6, (76 + add_y) / 2, "恒等捷径 x", 12, anchor="start", fill="#c0392b"))
        body.append(_text(cx - 86, 110, "F(x)", 13, anchor="end", fill="#3b6ea8"))
    return _svg(720, 350, body)


def _channel_nodes(x: float, ys: list[float], colors: list[str]) -> list[str]:
    return [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{c}" stroke="#333" stroke-width="0.8"/>'
            for y, c in zip(ys, colors)]


def _edges(x1: float, y1s: list[float], x2: float, y2s: list[float], pairs: list[tuple[int, int]],
           colors: list[str]) -> list[str]:
    return [f'<line x1="{x1 + 6:.1f}" y1="{y1s[i]:.1f}" x2="{x2 - 6:.1f}" y2="{y2s[j]:.1f}" '
            f'stroke="{colors[k]}" stroke-width="1" stroke-opacity="0.75"/>'
            for k, (i, j) in enumerate(pairs)]


def group_conv_svg() -> str:
    """8 input and 8 output channels: standard, G=4 group, group + shuffle, depthwise + pointwise."""
    n, g = 8, 4
    ys = [70 + 30 * i for i in range(n)]
    gcol = [GROUP_COLORS[i // (n // g)] for i in range(n)]
    grey = "#888888"
    body: list[str] = []
    w = 190
    # panel 1: standard
    x0 = 40
    body.append(_text(x0 + 60, 30, "标准卷积", 14, weight="bold"))
    body.append(_text(x0 + 60, 48, "每个输出通道看全部输入", 11, fill="#555"))
    pairs = [(i, j) for i in range(n) for j in range(n)]
    body += _edges(x0, ys, x0 + 120, ys, pairs, [grey] * len(pairs))
    body += _channel_nodes(x0, ys, ["#ddd"] * n) + _channel_nodes(x0 + 120, ys, ["#ddd"] * n)
    # panel 2: group conv
    x0 += w
    body.append(_text(x0 + 60, 30, "分组卷积 G = 4", 14, weight="bold"))
    body.append(_text(x0 + 60, 48, "只在组内连接", 11, fill="#555"))
    pairs = [(i, j) for i in range(n) for j in range(n) if i // 2 == j // 2]
    body += _edges(x0, ys, x0 + 120, ys, pairs, [gcol[i] for i, _ in pairs])
    body += _channel_nodes(x0, ys, gcol) + _channel_nodes(x0 + 120, ys, gcol)
    # panel 3: group conv -> channel shuffle -> group conv
    x0 += w
    body.append(_text(x0 + 75, 30, "分组卷积 + 通道混洗", 14, weight="bold"))
    body.append(_text(x0 + 75, 48, "混洗后下一层每组含各组信息", 11, fill="#555"))
    # shuffle permutation: reshape (g, n/g) -> transpose -> flatten
    perm = np.arange(n).reshape(g, n // g).T.reshape(-1)  # new position k takes old channel perm[k]
    xa, xb, xc = x0, x0 + 75, x0 + 150
    pairs = [(int(perm[k]), k) for k in range(n)]
    body += _edges(xa, ys, xb, ys, pairs, [gcol[i] for i, _ in pairs])
    shuffled_col = [gcol[int(perm[k])] for k in range(n)]
    body += _channel_nodes(xa, ys, gcol) + _channel_nodes(xb, ys, shuffled_col)
    body.append(_text(xb, ys[-1] + 30, "混洗", 11, fill="#555"))
    pairs = [(i, j) for i in range(n) for j in range(n) if i // 2 == j // 2]
    body += _edges(xb, ys, xc, ys, pairs, [shuffled_col[i] for i, _ in pairs])
    body += _channel_nodes(xc, ys, ["#ddd"] * n)
    body.append(_text(xc, ys[-1] + 30, "下一层分组卷积", 11, fill="#555"))
    # panel 4: depthwise + pointwise
    x0 += w + 40
    body.append(_text(x0 + 75, 30, "深度可分离卷积", 14, weight="bold"))
    body.append(_text(x0 + 75, 48, "逐通道 K×K，再逐点 1×1", 11, fill="#555"))
    xa, xb, xc = x0, x0 + 75, x0 + 150
    dcol = [GROUP_COLORS[i] for i in range(n)]
    body += _edges(xa, ys, xb, ys, [(i, i) for i in range(n)], dcol)
    pairs = [(i, j) for i in range(n) for j in range(n)]
    body += _edges(xb, ys, xc, ys, pairs, [grey] * len(pairs))
    body += _channel_nodes(xa, ys, dcol) + _channel_nodes(xb, ys, dcol) + _channel_nodes(xc, ys, ["#ddd"] * n)
    body.append(_text(xb, ys[-1] + 30, "depthwise", 11, fill="#555"))
    body.append(_text(xc, ys[-1] + 30, "pointwise", 11, fill="#555"))
    body.append(_text(435, ys[-1] + 58, "圆点 = 通道，连线 = 有一个 K×K 卷积核相连（输入在左，输出在右）", 12,
                      fill="#333"))
    return _svg(870, ys[-1] + 72, body)


def pooling_svg() -> str:
    """2x2 max / average pooling with stride 2 on a fixed 4x4 input; argmax cells highlighted."""
    x = np.array([[1, 3, 2, 0], [5, 6, 1, 2], [7, 2, 9, 4], [0, 1, 3, 8]], dtype=float)
    cell = 36
    body: list[str] = []
    win_col = ["#dbe9f6", "#fde2c8", "#d9f0d3", "#f6d5d5"]

    def grid(x0: float, y0: float, vals: np.ndarray, fills: list[list[str]], bold: set[tuple[int, int]]) -> None:
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                body.append(f'<rect x="{x0 + j * cell}" y="{y0 + i * cell}" width="{cell}" height="{cell}" '
                            f'fill="{fills[i][j]}" stroke="#555" stroke-width="1"/>')
                v = vals[i, j]
                s = f"{v:g}"
                wt = "bold" if (i, j) in bold else "normal"
                body.append(_text(x0 + j * cell + cell / 2, y0 + i * cell + cell / 2 + 5, s, 14, weight=wt))

    fills_in = [[win_col[(i // 2) * 2 + (j // 2)] for j in range(4)] for i in range(4)]
    argmax = set()
    for bi in range(2):
        for bj in range(2):
            blk = x[2 * bi:2 * bi + 2, 2 * bj:2 * bj + 2]
            a = np.unravel_index(int(np.argmax(blk)), blk.shape)
            argmax.add((2 * bi + int(a[0]), 2 * bj + int(a[1])))
    y0 = 50
    grid(30, y0, x, fills_in, argmax)
    body.append(_text(30 + 2 * cell, 36, "输入 4×4（粗体为各窗口最大值）", 13))
    mx = x.reshape(2, 2, 2, 2).max(axis=(1, 3))
    av = x.reshape(2, 2, 2, 2).mean(axis=(1, 3))
    fills_out = [[win_col[i * 2 + j] for j in range(2)] for i in range(2)]
    grid(290, y0 - 10, mx, fills_out, set())
    body.append(_text(290 + cell, y0 - 18, "最大池化", 13))
    grid(290, y0 + 2 * cell + 40, av, fills_out, set())
    body.append(_text(290 + cell, y0 + 2 * cell + 32, "平均池化", 13))
    body.append(_arrow(30 + 4 * cell + 12, y0 + cell, 280, y0 + cell - 10))
    body.append(_arrow(30 + 4 * cell + 12, y0 + 3 * cell, 280, y0 + 3 * cell + 20))
    body.append(_text(220, y0 + 2 * cell + 5, "K = 2, S = 2", 12, fill="#555"))
    return _svg(400, 260, body)


def sharpen_smooth_svg(path: pathlib.Path) -> None:
    """Mean, Gaussian and Laplacian-sharpen filtering of a noisy synthetic image, plus a row profile."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Start from matplotlib's defaults and restore the caller's rcParams afterwards, so this figure does
    # not depend on (or leak into) the settings of other figure modules run in the same process.
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        plt.rcParams["svg.fonttype"] = "none"
        plt.rcParams["svg.hashsalt"] = "dl-handbook"
        # DejaVu Sans ships with matplotlib, so text metrics (and thus the SVG bytes) are the same on
        # every machine; CJK glyphs are emitted as text (svg.fonttype none) and drawn by the browser.
        plt.rcParams["font.family"] = "DejaVu Sans"
        _sharpen_smooth_plot(plt, path)


def _sharpen_smooth_plot(plt, path: pathlib.Path) -> None:
    rng = np.random.default_rng(0)
    n = 32
    img = np.full((n, n), 0.2)
    img[8:24, 8:24] = 0.8  # bright square
    img += rng.normal(0.0, 0.04, size=img.shape)

    def filt(a: np.ndarray, k: np.ndarray) -> np.ndarray:
        pad = k.shape[0] // 2
        ap = np.pad(a, pad, mode="edge")
        out = np.zeros_like(a)
        for i in range(k.shape[0]):
            for j in range(k.shape[1]):
                out += k[i, j] * ap[i:i + a.shape[0], j:j + a.shape[1]]
        return out

    mean_k = np.full((3, 3), 1.0 / 9.0)
    gauss_k = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], dtype=float) / 16.0
    sharp_k = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float)
    results = [("原图（含噪声）", img), ("3×3 均值", filt(img, mean_k)),
               ("3×3 高斯", filt(img, gauss_k)), ("拉普拉斯锐化", filt(img, sharp_k))]

    fig = plt.figure(figsize=(8.0, 3.8))
    gs = fig.add_gridspec(2, 4, height_ratios=[1.0, 0.7], hspace=0.3, wspace=0.12,
                          left=0.04, right=0.98, top=0.93, bottom=0.12)
    row = 16
    for c, (name, a) in enumerate(results):
        ax = fig.add_subplot(gs[0, c])
        ax.imshow(np.clip(a, 0, 1), cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        ax.axhline(row, color="#ffbf00", lw=0.8, ls=":")
        ax.set_title(name, fontsize=10, color=["#777777", "#1f77b4", "#2ca02c", "#d62728"][c])
        ax.set_xticks([])
        ax.set_yticks([])
    ax = fig.add_subplot(gs[1, :])
    styles = ["-", "-", "--", "-"]
    colors = ["#777777", "#1f77b4", "#2ca02c", "#d62728"]
    for (name, a), ls, col in zip(results, styles, colors):
        ax.plot(np.arange(n), a[row], ls, color=col, lw=1.2, label=name)
    ax.set_xlabel("第 16 行（黄色虚线）的灰度剖面，曲线颜色与上方标题颜色对应", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.set_xlim(0, n - 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Glyph … missing from font(s) DejaVu Sans"
        fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def build(outdir: pathlib.Path) -> None:
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "residual-blocks.svg").write_text(residual_blocks_svg(), encoding="utf-8")
    (outdir / "group-conv-connectivity.svg").write_text(group_conv_svg(), encoding="utf-8")
    (outdir / "pooling-example.svg").write_text(pooling_svg(), encoding="utf-8")
    sharpen_smooth_svg(outdir / "sharpen-smooth.svg")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "cnn")
