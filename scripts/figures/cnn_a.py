"""Figures for the 卷积神经网络 chapter, part A (convolution arithmetic pages).

Every figure is a hand-built SVG string (no fonts are measured, nothing is random), so the output is
byte-for-byte deterministic. Geometry that matters (receptive fields, dilated taps, zero insertion) is
computed here from the same recursions the pages state, not drawn by hand.

Writes into ``outdir`` (docs/assets/figures/cnn/):
- receptive-field-cone.svg   1-D view of how the receptive field grows through conv, conv, pool, conv
- receptive-field-vgg16.svg  theoretical receptive field of every VGG-16 layer up to pool5
- dilated-conv.svg           3×3 kernels with dilation 1, 2, 4 stacked: taps and cumulative RF 3, 7, 15
- dilated-gridding.svg       gridding: dilation [2, 2, 2] vs [1, 2, 3], both with RF 13
- inception-module.svg       naive Inception module vs. the version with 1×1 reductions
- conv-1x1.svg               1×1 convolution as per-pixel channel mixing
- transposed-conv.svg        transposed conv = zero insertion + padding + stride-1 convolution
"""
from __future__ import annotations

import pathlib

FONT = 'font-family="sans-serif"'
BLUE, RED, ORANGE, GREEN, GRAY, DARK = "#4c72b0", "#c44e52", "#dd8452", "#55a868", "#bbbbbb", "#333333"
LIGHT_BLUE, LIGHT_RED, LIGHT_ORANGE = "#dbe4f3", "#f6d5d6", "#fbe3d2"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT}>\n<title>{title}</title>\n'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>\n'
        + "\n".join(body) + "\n</svg>\n"
    )


def _f(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _text(x, y, s, size=13, anchor="middle", fill=DARK, weight="normal") -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    w = "" if weight == "normal" else f' font-weight="{weight}"'
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{w}>{s}</text>')


def _rect(x, y, w, h, fill="none", stroke=DARK, sw=1.0, rx=0) -> str:
    r = f' rx="{rx}"' if rx else ""
    return (f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}"{r} fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{_f(sw)}"/>')


def _line(x1, y1, x2, y2, stroke=DARK, sw=1.0, dash=None, arrow=False) -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    a = ' marker-end="url(#arrow)"' if arrow else ""
    return (f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" '
            f'stroke-width="{_f(sw)}"{d}{a}/>')


ARROW_DEF = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             f'fill="{DARK}"/></marker></defs>')


# ---------------------------------------------------------------- receptive field
def rf_table(layers):
    """Receptive field r and jump j after each (name, K, S, D) layer: r += D(K-1) j; j *= S."""
    r, j, rows = 1, 1, []
    for name, k, s, d in layers:
        r, j = r + d * (k - 1) * j, j * s
        rows.append((name, r, j))
    return rows


VGG16 = ([("conv1_1", 3, 1, 1), ("conv1_2", 3, 1, 1), ("pool1", 2, 2, 1)]
         + [("conv2_1", 3, 1, 1), ("conv2_2", 3, 1, 1), ("pool2", 2, 2, 1)]
         + [(f"conv3_{i}", 3, 1, 1) for i in (1, 2, 3)] + [("pool3", 2, 2, 1)]
         + [(f"conv4_{i}", 3, 1, 1) for i in (1, 2, 3)] + [("pool4", 2, 2, 1)]
         + [(f"conv5_{i}", 3, 1, 1) for i in (1, 2, 3)] + [("pool5", 2, 2, 1)])


def _halo(text: str) -> str:
    """A white outline under a label, so the edges it crosses do not cut through the glyphs."""
    return text.replace("<text ", '<text paint-order="stroke" stroke="#ffffff" stroke-width="4" ', 1)


def receptive_field_cone() -> str:
    """Four layers over a 1-D input of 14 pixels: conv3 s1, conv3 s1, pool2 s2, conv3 s1.

    Narrow on purpose (each layer is labelled above its row, not beside it), so the labels stay
    readable when a phone scales the figure down to ~360 px.
    """
    n_in, cell, x0 = 14, 32, 10
    layers = [("输入像素", None, None), ("conv 3×3, S=1", 3, 1), ("conv 3×3, S=1", 3, 1),
              ("pool 2×2, S=2", 2, 2), ("conv 3×3, S=1", 3, 1)]
    # centres of every unit in input coordinates, and the units of each layer in the top unit's cone
    centres = [[float(i) for i in range(n_in)]]
    for _, k, s in layers[1:]:
        prev = centres[-1]
        if s == 1:   # 'same' conv: unit i is centred on unit i of the previous layer
            centres.append(list(prev))
        else:        # 2×2 pool, stride 2, no padding
            centres.append([(prev[2 * i] + prev[2 * i + 1]) / 2 for i in range(len(prev) // 2)])
    top = 3                       # the unit whose receptive field is traced
    cone = [set() for _ in layers]
    cone[-1] = {top}
    for l in range(len(layers) - 1, 0, -1):
        k, s = layers[l][1], layers[l][2]
        for i in cone[l]:
            if s == 1:
                cone[l - 1].update(t for t in range(i - 1, i + 2) if 0 <= t < len(centres[l - 1]))
            else:
                cone[l - 1].update({2 * i, 2 * i + 1})
    table = rf_table([("", k, s, 1) for _, k, s in layers[1:]])
    ys = [400 - 84 * l for l in range(len(layers))]
    px = lambda c: x0 + cell / 2 + c * cell
    body = [ARROW_DEF]
    for l in range(len(layers) - 1, 0, -1):   # edges first, so nodes are drawn on top
        k, s = layers[l][1], layers[l][2]
        for i in sorted(cone[l]):
            kids = range(i - 1, i + 2) if s == 1 else (2 * i, 2 * i + 1)
            for t in kids:
                if 0 <= t < len(centres[l - 1]):
                    body.append(_line(px(centres[l][i]), ys[l] + 9, px(centres[l - 1][t]), ys[l - 1] - 11,
                                      stroke=RED, sw=1.2))
    for l, (label, _, _) in enumerate(layers):
        for i, c in enumerate(centres[l]):
            hot = i in cone[l]
            if l == 0:
                body.append(_rect(px(c) - cell / 2 + 2, ys[0] - 11, cell - 4, 22,
                                  fill=LIGHT_RED if hot else "#f2f2f2", stroke=RED if hot else GRAY))
            else:
                body.append(f'<circle cx="{_f(px(c))}" cy="{ys[l]}" r="9" fill="{RED if hot else "#ffffff"}" '
                            f'stroke="{RED if hot else GRAY}" stroke-width="1.2"/>')
        if l:
            _, r, j = table[l - 1]
            body.append(_halo(_text(x0, ys[l] - 20, f"第 {l} 层 {label}：r = {r}，j = {j}", 15, "start")))
        else:
            body.append(_halo(_text(x0, ys[0] - 20, label, 15, "start")))
    lo, hi = min(cone[0]), max(cone[0])
    yb = ys[0] + 24
    body.append(_line(px(lo) - cell / 2 + 2, yb, px(hi) + cell / 2 - 2, yb, stroke=RED, sw=1.5))
    body.append(_text((px(lo) + px(hi)) / 2, yb + 22, f"第 4 层一个单元的感受野 = {hi - lo + 1} 个输入像素",
                      16, fill=RED))
    return _svg(x0 * 2 + n_in * cell, 460, body, "感受野随层数增长：卷积、卷积、池化、卷积")


def receptive_field_vgg16() -> str:
    rows = rf_table(VGG16)
    w, h, left, bottom, top = 900, 380, 60, 300, 40
    bw = (w - left - 20) / len(rows)
    scale = (bottom - top) / 220
    body = [_line(left, bottom, w - 10, bottom), _line(left, bottom, left, top - 10)]
    for v in (0, 50, 100, 150, 200):
        y = bottom - v * scale
        body.append(_line(left - 4, y, left, y))
        body.append(_text(left - 8, y + 4, str(v), 11, "end"))
        if v:
            body.append(_line(left, y, w - 10, y, stroke="#e5e5e5"))
    for i, (name, r, j) in enumerate(rows):
        x = left + i * bw + 4
        pool = name.startswith("pool")
        body.append(_rect(x, bottom - r * scale, bw - 8, r * scale, fill=ORANGE if pool else BLUE, stroke="none"))
        body.append(_text(x + (bw - 8) / 2, bottom - r * scale - 5, str(r), 11))
        cx, cy = x + (bw - 8) / 2, bottom + 10
        body.append(f'<text x="{_f(cx)}" y="{_f(cy)}" font-size="11" text-anchor="end" fill="{DARK}" '
                    f'transform="rotate(-45 {_f(cx)} {_f(cy)})">{name}</text>')
    body.append(_text(left - 40, top - 18, "理论感受野（像素）", 12, "start"))
    body.append(_rect(left + 30, top + 2, 12, 12, fill=BLUE, stroke="none"))
    body.append(_text(left + 48, top + 13, "3×3 卷积（S=1，P=1）", 12, "start"))
    body.append(_rect(left + 30, top + 24, 12, 12, fill=ORANGE, stroke="none"))
    body.append(_text(left + 48, top + 35, "2×2 最大池化（S=2）", 12, "start"))
    return _svg(w, h, body, "VGG-16 各层的理论感受野")


# ---------------------------------------------------------------- dilated convolution
def _grid_panel(x0, y0, n, cell, filled, taps=(), outline=None, title="", fill=LIGHT_RED):
    body = [_rect(x0 + c * cell, y0 + r * cell, cell, cell, fill=fill, stroke="none") for (r, c) in sorted(filled)]
    lines = "".join(f"M{_f(x0)},{_f(y0 + i * cell)}h{_f(n * cell)}M{_f(x0 + i * cell)},{_f(y0)}v{_f(n * cell)}"
                    for i in range(1, n))
    body.append(f'<path d="{lines}" stroke="#d0d0d0" stroke-width="0.6" fill="none"/>')
    if outline:
        (r0, c0, size) = outline
        body.append(_rect(x0 + c0 * cell, y0 + r0 * cell, size * cell, size * cell, stroke=BLUE, sw=1.6))
    for (r, c) in taps:
        body.append(f'<circle cx="{_f(x0 + (c + .5) * cell)}" cy="{_f(y0 + (r + .5) * cell)}" '
                    f'r="{_f(cell * 0.28)}" fill="{RED}"/>')
    body.append(_rect(x0, y0, n * cell, n * cell, stroke="#888888", sw=0.8))
    for i, line in enumerate(title.split("\n")):
        body.append(_text(x0 + n * cell / 2, y0 + n * cell + 22 + 18 * i, line, 13))
    return body


def dilated_conv() -> str:
    n, cell, c = 15, 14, 7
    body = []
    rf = 1
    for p, d in enumerate((1, 2, 4)):
        rf += d * 2
        half = rf // 2
        filled = {(r, q) for r in range(c - half, c + half + 1) for q in range(c - half, c + half + 1)}
        taps = [(c + d * a, c + d * b) for a in (-1, 0, 1) for b in (-1, 0, 1)]
        span = 2 * d + 1
        body += _grid_panel(45 + p * 300, 20, n, cell, filled, taps, (c - d, c - d, span),
                            f"({'abc'[p]}) 第 {p + 1} 层，D={d}\n单层跨度 {span}×{span}，累计感受野 {rf}×{rf}")
    body.append(_text(450, 295, "红点：3×3 核的 9 个采样位置；蓝框：这一层核的覆盖跨度；浅红：叠加到这一层后的累计感受野",
                      12))
    return _svg(900, 310, body, "3×3 空洞卷积 D=1,2,4 叠加的采样位置与感受野")


def _reach_1d(dilations, k=3):
    offs = {0}
    for d in dilations:
        offs = {o + d * t for o in offs for t in range(-(k // 2), k // 2 + 1)}
    return offs


def dilated_gridding() -> str:
    n, cell, c = 13, 16, 6
    body = []
    for p, dil in enumerate(([2, 2, 2], [1, 2, 3])):
        offs = _reach_1d(dil)
        filled = {(c + a, c + b) for a in offs for b in offs}
        title = f"({'ab'[p]}) D={dil}\n感受野 13×13，用到 {len(filled)} 个像素"
        body += _grid_panel(40 + p * 320, 20, n, cell, filled, (), None, title, fill=RED)
    body.append(_text(330, 300, "红色：能影响中心输出的输入像素（3 层 3×3 卷积，步长 1）", 12))
    return _svg(660, 315, body, "空洞卷积的网格效应")


# ---------------------------------------------------------------- inception
def _box(x, y, w, h, label, fill) -> list[str]:
    return [_rect(x, y, w, h, fill=fill, stroke=DARK, rx=5), _text(x + w / 2, y + h / 2 + 5, label, 13)]


def inception_module() -> str:
    body = [ARROW_DEF]
    for p, reduced in enumerate((False, True)):
        ox = 20 + p * 450
        bw, bh = 92, 34
        xs = [ox + i * 104 for i in range(4)]
        body += _box(ox + 100, 360, 216, bh, "前一层", "#eeeeee")
        body += _box(ox + 100, 40, 216, bh, "沿通道拼接（concat）", "#eeeeee")
        upper = [("1×1 卷积", LIGHT_BLUE), ("3×3 卷积", LIGHT_BLUE), ("5×5 卷积", LIGHT_BLUE),
                 ("1×1 卷积", LIGHT_RED) if reduced else ("3×3 最大池化", LIGHT_ORANGE)]
        lower = [None, ("1×1 卷积", LIGHT_RED), ("1×1 卷积", LIGHT_RED), ("3×3 最大池化", LIGHT_ORANGE)]
        for i, x in enumerate(xs):
            port = ox + 100 + 216 * (i + 0.5) / 4      # edges leave / enter the wide boxes at spread points
            if reduced and lower[i]:
                body += _box(x, 250, bw, bh, *lower[i])
                body.append(_line(port, 360, x + bw / 2, 250 + bh + 2, arrow=True))
                body.append(_line(x + bw / 2, 250, x + bw / 2, 160 + bh + 2, arrow=True))
            else:
                body.append(_line(port, 360, x + bw / 2, 160 + bh + 2, arrow=True))
            body += _box(x, 160, bw, bh, *upper[i])
            body.append(_line(x + bw / 2, 160, port, 40 + bh + 2, arrow=True))
        body.append(_text(ox + 208, 430, "(a) 朴素版" if not reduced else "(b) 带 1×1 降维的版本（GoogLeNet）", 14,
                          weight="bold"))
    body.append(_text(450, 460, "浅红：1×1 降维 / 投影；所有分支步长 1 且补零，输出空间尺寸相同，才能沿通道拼接", 12))
    return _svg(900, 475, body, "Inception 模块：朴素版与 1×1 降维版")


# ---------------------------------------------------------------- 1×1 convolution
def _cuboid(x, y, w, h, depth, fill, label) -> list[str]:
    """A box seen from the front-right: front face w×h, receding by depth*(0.6, -0.4)."""
    dx, dy = depth * 0.6, -depth * 0.4
    pts = lambda *p: " ".join(f"{_f(a)},{_f(b)}" for a, b in p)
    return [
        f'<polygon points="{pts((x, y), (x + w, y), (x + w, y + h), (x, y + h))}" fill="{fill}" stroke="{DARK}"/>',
        f'<polygon points="{pts((x, y), (x + dx, y + dy), (x + w + dx, y + dy), (x + w, y))}" '
        f'fill="{fill}" stroke="{DARK}" fill-opacity="0.7"/>',
        f'<polygon points="{pts((x + w, y), (x + w + dx, y + dy), (x + w + dx, y + h + dy), (x + w, y + h))}" '
        f'fill="{fill}" stroke="{DARK}" fill-opacity="0.5"/>',
        _text(x + w / 2, y + h + 24, label, 13),
    ]


def conv_1x1() -> str:
    body = [ARROW_DEF]
    # input volume: depth = C_in (deep), output: depth = C_out (shallow); a highlighted 1×1 column
    body += _cuboid(40, 150, 130, 130, 160, LIGHT_BLUE, "输入 H×W×C_in（例：C_in=256）")
    body += _cuboid(560, 150, 130, 130, 50, LIGHT_RED, "输出 H×W×C_out（例：C_out=64）")
    col = lambda x, y, depth, fill: (
        f'<polygon points="{_f(x)},{_f(y)} {_f(x + depth * .6)},{_f(y - depth * .4)} '
        f'{_f(x + depth * .6 + 12)},{_f(y - depth * .4)} {_f(x + 12)},{_f(y)}" fill="{fill}" stroke="{DARK}"/>')
    body.append(col(90, 150, 160, BLUE))
    body.append(col(610, 150, 50, RED))
    body.append(_line(200, 55, 600, 55, arrow=True))
    body.append(_text(400, 40, "同一位置 (h, w) 的 C_in 维向量，乘同一个 C_out×C_in 权重矩阵", 13))
    body.append(_text(400, 175, "1×1 卷积", 15, weight="bold"))
    body.append(_text(400, 200, "每个像素独立地做一次", 12))
    body.append(_text(400, 218, "通道间的线性组合", 12))
    body.append(_text(400, 236, "（所有位置共享权重）", 12))
    body.append(_line(330, 255, 470, 255, arrow=True))
    body.append(_text(400, 335, "空间尺寸 H×W 不变，只改变通道数：C_out < C_in 为降维，C_out > C_in 为升维", 13))
    return _svg(800, 350, body, "1×1 卷积：逐像素的通道混合")


# ---------------------------------------------------------------- transposed convolution
def transposed_conv() -> str:
    """Input 3×3, K=3, S=2, P=0: insert 1 zero between pixels (5×5), pad K-1=2 (9×9), conv 3×3 -> 7×7."""
    cell = 20
    body = [ARROW_DEF]
    # (a) input
    x0, y0 = 20, 110
    for r in range(3):
        for c in range(3):
            body.append(_rect(x0 + c * cell, y0 + r * cell, cell, cell, fill=BLUE, stroke="#ffffff"))
    body.append(_text(x0 + 1.5 * cell, y0 + 3 * cell + 22, "(a) 输入 3×3", 13))
    body.append(_line(100, 140, 150, 140, arrow=True))
    # (b) zero insertion + padding
    x1, y1 = 170, 60
    for r in range(9):
        for c in range(9):
            rr, cc = r - 2, c - 2
            if 0 <= rr <= 4 and 0 <= cc <= 4:
                fill = BLUE if rr % 2 == 0 and cc % 2 == 0 else "#ffffff"
            else:
                fill = "#e6e6e6"
            body.append(_rect(x1 + c * cell, y1 + r * cell, cell, cell, fill=fill, stroke="#bbbbbb", sw=0.6))
    body.append(_rect(x1, y1, 3 * cell, 3 * cell, stroke=RED, sw=2))
    body.append(_text(x1 + 4.5 * cell, y1 + 9 * cell + 22, "(b) 像素间插 S−1=1 个零，四周补 K−1−P=2 圈零", 13))
    body.append(_line(370, 140, 420, 140, arrow=True))
    body.append(_text(395, 125, "3×3 卷积", 12))
    body.append(_text(395, 162, "步长 1", 12))
    # (c) output 7×7
    x2, y2 = 440, 70
    for r in range(7):
        for c in range(7):
            body.append(_rect(x2 + c * cell, y2 + r * cell, cell, cell,
                              fill=LIGHT_RED if (r, c) == (0, 0) else "#ffffff", stroke="#888888", sw=0.6))
    body.append(_text(x2 + 3.5 * cell, y2 + 7 * cell + 22, "(c) 输出 (3−1)×2+3 = 7，即 7×7", 13))
    body.append(_text(330, 290, "灰：外圈补零；白：插入的零；蓝：输入像素；红框：输出左上角像素看到的窗口", 12))
    return _svg(660, 305, body, "转置卷积等价于插零、补零后做步长 1 的卷积")


FIGURES = {
    "receptive-field-cone.svg": receptive_field_cone,
    "receptive-field-vgg16.svg": receptive_field_vgg16,
    "dilated-conv.svg": dilated_conv,
    "dilated-gridding.svg": dilated_gridding,
    "inception-module.svg": inception_module,
    "conv-1x1.svg": conv_1x1,
    "transposed-conv.svg": transposed_conv,
}


def build(outdir: pathlib.Path) -> None:
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for name, make in FIGURES.items():
        (outdir / name).write_text(make(), encoding="utf-8")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "cnn")
