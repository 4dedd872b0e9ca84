"""Figures for the chapter 循环神经网络与注意力 (docs/rnn/).

Hand-built SVG diagrams (plain string building, no plotting library), written deterministically:

- rnn-unrolled.svg        a vanilla RNN folded and unrolled over three time steps (shared W, U, V)
- lstm-cell.svg           an LSTM cell matching the equations on docs/rnn/lstm.md
- gru-cell.svg            a GRU cell in PyTorch's form (r applied after U_n h, h_t = (1-z) n + z h)
- transformer-block.svg   one Transformer encoder layer (post-LN, as in Vaswani et al. 2017)

Every figure has a white background (so it stays readable in dark mode), a viewBox and width 100%,
so it scales down to a 390 px wide phone screen.
"""
from __future__ import annotations

import pathlib

FONT = 'font-family="sans-serif"'
STROKE = "#33475b"
GATE_FILL = "#ffe9b3"
TANH_FILL = "#cfe8d8"
OP_FILL = "#ffffff"
CELL_FILL = "#f2f6fb"
CELL_STROKE = "#8aa0b8"
ACCENT = "#c0392b"


# ---------------------------------------------------------------- primitives

def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{title}" {FONT}>\n'
        f"<title>{title}</title>\n"
        "<defs>\n"
        f'<marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{STROKE}"/></marker>\n'
        f'<marker id="arr-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{ACCENT}"/></marker>\n'
        "</defs>\n"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"


def _fmt(v: float) -> str:
    return f"{v:g}"


def text(x, y, s, size=18, anchor="middle", weight="normal", fill=STROKE, italic=False) -> str:
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}"{style}>{s}</text>'
    )


def sym(x, y, base, sub="", size=18, anchor="middle", fill=STROKE, accent="") -> str:
    """A math symbol with an optional subscript, e.g. sym(.., "h", "t−1").

    ``accent`` is a combining character put after the base letter (U+0303 for a tilde).
    """
    sub_part = ""
    if sub:
        sub_part = f'<tspan dy="{_fmt(size * 0.3)}" font-size="{_fmt(size * 0.7)}">{sub}</tspan>'
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f'<tspan font-style="italic">{base}{accent}</tspan>{sub_part}</text>'
    )


def line(points, arrow=True, color=STROKE, width=2.2, halo=False) -> str:
    """A polyline through ``points``; ``halo`` first draws a wide background-coloured line so it hops over others."""
    d = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    out = ""
    if halo:
        out += f'<polyline points="{d}" fill="none" stroke="{CELL_FILL}" stroke-width="{_fmt(width + 8)}"/>'
    marker = ""
    if arrow:
        marker = ' marker-end="url(#arr-red)"' if color == ACCENT else ' marker-end="url(#arr)"'
    out += (
        f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="{_fmt(width)}" '
        f'stroke-linejoin="round"{marker}/>'
    )
    return out


def dot(x, y, r=4) -> str:
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{r}" fill="{STROKE}"/>'


def op(x, y, s, r=14) -> str:
    """A point-wise operation node (×, +, 1−)."""
    size = 20 if len(s) == 1 else 15
    return (
        f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{r}" fill="{OP_FILL}" stroke="{STROKE}" stroke-width="2"/>'
        + text(x, y + size * 0.35, s, size=size, weight="bold")
    )


def box(cx, cy, w, h, label, fill=GATE_FILL, size=18, rx=6) -> str:
    return (
        f'<rect x="{_fmt(cx - w / 2)}" y="{_fmt(cy - h / 2)}" width="{_fmt(w)}" height="{_fmt(h)}" '
        f'rx="{rx}" fill="{fill}" stroke="{STROKE}" stroke-width="2"/>'
        + text(cx, cy + size * 0.35, label, size=size)
    )


def cell(x, y, w, h) -> str:
    return (
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="18" fill="{CELL_FILL}" '
        f'stroke="{CELL_STROKE}" stroke-width="2" stroke-dasharray="6 4"/>'
    )


# ---------------------------------------------------------------- figures

def rnn_unrolled() -> str:
    """Folded RNN on the left, the same network unrolled over t-1, t, t+1 on the right."""
    b: list[str] = []
    bw, bh = 64, 44
    # folded
    fx, fy = 80, 170
    b.append(box(fx, fy, bw, bh, "", fill=TANH_FILL))
    b.append(sym(fx, fy + 7, "h"))
    b.append(line([(fx, 262), (fx, fy + bh / 2 + 2)]))
    b.append(sym(fx, 285, "x"))
    b.append(text(fx + 18, 240, "W", size=16, anchor="start", italic=True))
    b.append(line([(fx, fy - bh / 2), (fx, 78)]))
    b.append(sym(fx, 66, "y"))
    b.append(text(fx + 10, 112, "V", size=16, anchor="start", italic=True))
    # self loop
    b.append(
        f'<path d="M{fx + bw / 2},{fy - 10} C{fx + 80},{fy - 40} {fx + 80},{fy + 40} {fx + bw / 2 + 2},{fy + 10}" '
        f'fill="none" stroke="{ACCENT}" stroke-width="2.2" marker-end="url(#arr-red)"/>'
    )
    b.append(text(fx + 62, fy - 30, "U", size=16, anchor="start", fill=ACCENT, italic=True))
    # unfold sign
    b.append(text(212, fy - 14, "按时间展开", size=15))
    b.append(line([(178, fy), (246, fy)]))
    # unrolled
    xs = [340, 470, 600]
    subs = ["t−1", "t", "t+1"]
    b.append(line([(262, fy), (xs[0] - bw / 2, fy)], color=ACCENT))
    b.append(sym(266, fy - 12, "h", "t−2", size=15, anchor="start", fill=ACCENT))
    for i, (x, s) in enumerate(zip(xs, subs)):
        b.append(box(x, fy, bw, bh, "", fill=TANH_FILL))
        b.append(sym(x - 4, fy + 7, "h", s, size=18))
        b.append(line([(x, 262), (x, fy + bh / 2 + 2)]))
        b.append(sym(x, 285, "x", s))
        b.append(text(x + 8, 240, "W", size=16, anchor="start", italic=True))
        b.append(line([(x, fy - bh / 2), (x, 78)]))
        b.append(sym(x, 66, "y", s))
        b.append(text(x + 8, 112, "V", size=16, anchor="start", italic=True))
        if i + 1 < len(xs):
            b.append(line([(x + bw / 2, fy), (xs[i + 1] - bw / 2, fy)], color=ACCENT))
            b.append(text((x + xs[i + 1]) / 2, fy - 10, "U", size=16, fill=ACCENT, italic=True))
    b.append(line([(xs[-1] + bw / 2, fy), (xs[-1] + bw / 2 + 44, fy)], color=ACCENT))
    b.append(text(470, 325, "每个时间步使用同一组参数 W、U、V 与偏置", size=16))
    b.append(text(470, 350, "隐状态 h 把历史信息传到下一步", size=16, fill=ACCENT))
    return _svg(680, 370, "循环神经网络的折叠形式与按时间展开形式", b)


def lstm_cell() -> str:
    """LSTM cell: cell-state line on top, four gate layers fed by [h_{t-1}, x_t] at the bottom."""
    b: list[str] = []
    top, bus, gate_y = 84, 276, 200
    xf, xi, xg, xo, xout = 170, 250, 330, 430, 505
    b.append(cell(45, 36, 505, 282))
    b.append(text(250, 62, "细胞状态：只有逐元素 × 和 +", size=15, fill=ACCENT))
    # cell-state highway
    b.append(line([(8, top), (xf - 14, top)], arrow=False, color=ACCENT, width=3))
    b.append(line([(xf + 14, top), (xg - 14, top)], arrow=False, color=ACCENT, width=3))
    b.append(line([(xg + 14, top), (592, top)], color=ACCENT, width=3))
    b.append(sym(10, top - 10, "c", "t−1", anchor="start", fill=ACCENT))
    b.append(sym(592, top - 10, "c", "t", anchor="end", fill=ACCENT))
    # bottom bus [h_{t-1}, x_t]
    b.append(line([(8, bus), (xo, bus)], arrow=False))
    b.append(sym(10, bus - 10, "h", "t−1", anchor="start"))
    b.append(line([(92, 368), (92, bus)], arrow=False))
    b.append(dot(92, bus))
    b.append(sym(104, 362, "x", "t", anchor="start"))
    # gate layers
    for x, lab, fill, name in (
        (xf, "σ", GATE_FILL, "遗忘门"),
        (xi, "σ", GATE_FILL, "输入门"),
        (xg, "tanh", TANH_FILL, "候选记忆"),
        (xo, "σ", GATE_FILL, "输出门"),
    ):
        b.append(dot(x, bus))
        b.append(line([(x, bus), (x, gate_y + 22)]))
        b.append(box(x, gate_y, 58 if lab == "σ" else 64, 40, lab, fill=fill, size=20))
        b.append(text(x, bus + 24, name, size=15))
    # forget gate -> x on the cell line
    b.append(line([(xf, gate_y - 20), (xf, top + 16)]))
    b.append(op(xf, top, "×"))
    b.append(sym(xf + 8, 140, "f", "t", anchor="start"))
    # input gate and candidate -> x -> +
    b.append(line([(xi, gate_y - 20), (xi, 140), (xg - 16, 140)]))
    b.append(sym(xi - 8, 172, "i", "t", anchor="end"))
    b.append(line([(xg, gate_y - 20), (xg, 156)]))
    b.append(sym(xg + 8, 176, "c", "t", anchor="start", accent="\u0303"))
    b.append(op(xg, 140, "×"))
    b.append(line([(xg, 126), (xg, top + 16)]))
    b.append(op(xg, top, "+"))
    # output: tanh(c_t) * o_t
    b.append(dot(xout, top))
    b.append(line([(xout, top), (xout, 124)]))
    b.append(
        f'<ellipse cx="{xout}" cy="140" rx="30" ry="16" fill="{TANH_FILL}" stroke="{STROKE}" stroke-width="2"/>'
    )
    b.append(text(xout, 146, "tanh", size=16))
    b.append(line([(xout, 156), (xout, gate_y - 16)]))
    b.append(line([(xo + 29, gate_y), (xout - 16, gate_y)]))
    b.append(sym(468, gate_y - 8, "o", "t"))
    b.append(op(xout, gate_y, "×"))
    b.append(line([(xout, gate_y + 14), (xout, bus), (592, bus)]))
    b.append(sym(592, bus - 10, "h", "t", anchor="end"))
    # h_t also leaves upwards (output of this step), hopping over the cell-state line
    b.append(dot(540, bus))
    b.append(line([(540, top + 12), (540, top - 12)], arrow=False, halo=True))
    b.append(line([(540, bus), (540, 8)]))
    b.append(sym(548, 24, "h", "t", anchor="start"))
    return _svg(600, 380, "LSTM 单元结构图：遗忘门、输入门、候选记忆、输出门与细胞状态", b)


def gru_cell() -> str:
    """GRU cell in PyTorch's form: n_t = tanh(W_n x + b + r ⊙ (U_n h + b_hn)), h_t = (1-z) ⊙ n + z ⊙ h."""
    b: list[str] = []
    top, bus = 62, 330
    xr, xz, xmul, xadd, xcand = 150, 260, 360, 500, 400
    b.append(cell(35, 30, 530, 370))
    # hidden-state line on top
    b.append(line([(8, top), (xmul - 14, top)], arrow=False, color=ACCENT, width=3))
    b.append(line([(xmul + 14, top), (xadd - 14, top)], arrow=False, color=ACCENT, width=3))
    b.append(line([(xadd + 14, top), (592, top)], color=ACCENT, width=3))
    b.append(sym(10, top - 16, "h", "t−1", anchor="start", fill=ACCENT))
    b.append(sym(592, top - 16, "h", "t", anchor="end", fill=ACCENT))
    b.append(op(xmul, top, "×"))
    b.append(op(xadd, top, "+"))
    # h_{t-1} goes down to the gate bus
    b.append(dot(60, top))
    b.append(line([(60, top), (60, bus), (xz, bus)], arrow=False))
    b.append(line([(100, 412), (100, bus)], arrow=False))
    b.append(dot(100, bus))
    b.append(sym(112, 410, "x", "t", anchor="start"))
    for x, name in ((xr, "重置门"), (xz, "更新门")):
        b.append(dot(x, bus))
        b.append(line([(x, bus), (x, 282)]))
        b.append(box(x, 260, 58, 40, "σ", size=20))
        b.append(text(x, bus + 24, name, size=15))
    # U_n h_{t-1} (+ b_hn), then ⊙ r_t
    b.append(dot(60, 140))
    b.append(line([(60, 140), (xr - 30, 140)]))
    b.append(box(xr, 140, 60, 34, "", fill="#e4e4f7"))
    b.append(sym(xr - 4, 147, "U", "n", size=18))
    b.append(line([(xr, 157), (xr, 186)]))
    b.append(op(xr, 200, "×"))
    b.append(line([(xr, 240), (xr, 216)]))
    b.append(sym(xr - 10, 232, "r", "t", anchor="end"))
    # z_t: up to the × on the top line, and through 1− to the candidate branch
    b.append(line([(xz, 240), (xz, 140), (xmul, 140), (xmul, top + 16)]))
    b.append(dot(xmul, 140))
    b.append(sym(xz + 8, 236, "z", "t", anchor="start"))
    b.append(line([(xmul, 140), (xadd - 64, 140)]))
    b.append(op(xadd - 50, 140, "1−", r=15))
    b.append(line([(xadd - 35, 140), (xadd + 16 + 20, 140)], arrow=False))
    # candidate n_t = tanh(W_n x_t + b_in + r ⊙ (...)); x_t reaches it from below
    b.append(line([(xr + 14, 200), (xcand - 34, 200)], halo=True))
    b.append(line([(100, 375), (xcand, 375), (xcand, 222)]))
    b.append(dot(100, 375))
    b.append(box(xcand, 200, 64, 40, "tanh", fill=TANH_FILL, size=18))
    b.append(text(xcand, 172, "候选状态", size=15))
    b.append(line([(xcand + 32, 200), (xadd + 36, 200), (xadd + 36, 154)], arrow=False))
    b.append(sym(xcand + 48, 192, "n", "t", anchor="start"))
    # (1 - z) ⊙ n node sits at (xadd + 36, 140) and feeds the + on the top line
    b.append(op(xadd + 36, 140, "×"))
    b.append(line([(xadd + 36, 126), (xadd + 36, 100), (xadd, 100), (xadd, top + 16)]))
    return _svg(600, 420, "GRU 单元结构图：重置门、更新门、候选状态与线性插值（PyTorch 写法）", b)


def transformer_block() -> str:
    """One encoder layer: x -> MHA -> Add & Norm -> FFN -> Add & Norm (post-LN, original paper)."""
    b: list[str] = []
    cx, w = 190, 220
    left = cx - w / 2
    b.append(
        f'<rect x="{left - 24}" y="92" width="{w + 48}" height="440" rx="14" fill="{CELL_FILL}" '
        f'stroke="{CELL_STROKE}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    b.append(text(cx + w / 2 + 34, 318, "× N", size=20, anchor="start", weight="bold"))
    # input, residual 1 and the Q/K/V split
    b.append(text(cx, 572, "输入：词嵌入 + 位置编码", size=16))
    b.append(text(cx, 594, "形状 (n, d_model)", size=14))
    b.append(line([(cx, 552), (cx, 437)]))
    b.append(dot(cx, 510))
    b.append(line([(cx, 510), (left - 12, 510), (left - 12, 330), (left - 2, 330)], color=ACCENT))
    b.append(text(left - 16, 502, "残差", size=14, anchor="end", fill=ACCENT))
    b.append(dot(cx, 470))
    b.append(line([(cx, 470), (cx - 60, 470), (cx - 60, 437)]))
    b.append(line([(cx, 470), (cx + 60, 470), (cx + 60, 437)]))
    b.append(text(cx - 68, 458, "Q", size=15, anchor="end", italic=True))
    b.append(text(cx + 8, 458, "K", size=15, anchor="start", italic=True))
    b.append(text(cx + 68, 458, "V", size=15, anchor="start", italic=True))
    b.append(box(cx, 410, w, 50, "多头自注意力", fill="#fde2c8", size=17))
    b.append(line([(cx, 385), (cx, 347)]))
    b.append(box(cx, 330, w, 30, "Add &amp; Norm（残差 + LN）", fill="#f7f3b5", size=15))
    # FFN and residual 2
    b.append(line([(cx, 315), (cx, 245)]))
    b.append(dot(cx, 285))
    b.append(line([(cx, 285), (left - 12, 285), (left - 12, 130), (left - 2, 130)], color=ACCENT))
    b.append(box(cx, 215, w, 56, "", fill="#cde3f5"))
    b.append(text(cx, 210, "前馈网络 FFN", size=17))
    b.append(text(cx, 232, "逐位置两层 MLP", size=13))
    b.append(line([(cx, 187), (cx, 147)]))
    b.append(box(cx, 130, w, 30, "Add &amp; Norm（残差 + LN）", fill="#f7f3b5", size=15))
    b.append(line([(cx, 115), (cx, 46)]))
    b.append(text(cx, 32, "输出：同形状 (n, d_model)", size=16))
    return _svg(380, 610, "Transformer 编码器层：多头自注意力、残差与层归一化、前馈网络", b)


FIGURES = {
    "rnn-unrolled.svg": rnn_unrolled,
    "lstm-cell.svg": lstm_cell,
    "gru-cell.svg": gru_cell,
    "transformer-block.svg": transformer_block,
}


def build(outdir: pathlib.Path) -> None:
    """Write every figure of the chapter into ``outdir`` (created if missing)."""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for name, fn in FIGURES.items():
        (outdir / name).write_text(fn(), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "rnn")
