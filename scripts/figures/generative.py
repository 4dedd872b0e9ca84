"""Figures for the chapter 生成模型与无监督学习 (docs/generative/).

- autoencoder.svg          encoder → bottleneck code → decoder, with the reconstruction loss
- bm-vs-rbm.svg            a general Boltzmann machine (all units linked) next to an RBM (bipartite)
- wake-sleep.svg           a three-layer Helmholtz machine: bottom-up recognition weights, top-down
                           generative weights, and what each phase trains
- gan-generator-loss.svg   saturating log(1 − D) vs non-saturating −log D, and their gradients w.r.t.
                           the discriminator logit (matplotlib)
- diffusion-schedule.svg   √ᾱ_t and √(1 − ᾱ_t) for the linear DDPM schedule (matplotlib)

Diagrams are hand-built SVG strings; plots use matplotlib with English labels and the bundled
DejaVu Sans font, so the output is byte-for-byte deterministic. Every figure has a white background,
a viewBox and width 100%.
"""
from __future__ import annotations

import contextlib
import pathlib

import numpy as np

FONT = 'font-family="sans-serif"'
STROKE = "#33475b"
BLUE = "#2f6fb3"
RED = "#c0392b"
GREEN = "#2e8b57"
NODE_FILL = "#f2f6fb"
HID_FILL = "#ffe9b3"


# ---------------------------------------------------------------- SVG primitives

def _f(v: float) -> str:
    return f"{v:g}"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    markers = "".join(
        f'<marker id="arr-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>\n'
        for name, color in (("k", STROKE), ("b", BLUE), ("r", RED))
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{title}" {FONT}>\n'
        f"<title>{title}</title>\n<defs>\n{markers}</defs>\n"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"


def text(x, y, s, size=16, anchor="middle", fill=STROKE, weight="normal", italic=False) -> str:
    style = ' font-style="italic"' if italic else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{style}>{s}</text>')


def circle(x, y, r=16, fill=NODE_FILL, stroke=STROKE) -> str:
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'


def seg(x1, y1, x2, y2, color=STROKE, width=1.6, arrow="", dash=False) -> str:
    marker = f' marker-end="url(#arr-{arrow})"' if arrow else ""
    dash_attr = ' stroke-dasharray="6,4"' if dash else ""
    return (f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{color}" '
            f'stroke-width="{_f(width)}"{dash_attr}{marker}/>')


def rect(x, y, w, h, fill=NODE_FILL, stroke=STROKE, rx=8) -> str:
    return (f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="{rx}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>')


def _shorten(x1, y1, x2, y2, r1, r2):
    """Endpoints of the segment between two circles of radii r1, r2 (so arrows touch the rims)."""
    d = np.hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / d, (y2 - y1) / d
    return x1 + ux * r1, y1 + uy * r1, x2 - ux * r2, y2 - uy * r2


# ---------------------------------------------------------------- diagrams

def autoencoder_svg() -> str:
    W, H = 760, 300
    body = []
    layers = [(70, 6, "输入 x"), (220, 4, ""), (380, 2, "编码 h"), (540, 4, ""), (690, 6, "重构 x̂")]
    ys = {}
    for x, n, _ in layers:
        ys[x] = [150 + (i - (n - 1) / 2) * 38 for i in range(n)]
    for (x1, _, _), (x2, _, _) in zip(layers, layers[1:]):
        for y1 in ys[x1]:
            for y2 in ys[x2]:
                body.append(seg(x1, y1, x2, y2, color="#b7c4d3", width=1))
    for x, n, label in layers:
        fill = HID_FILL if x == 380 else NODE_FILL
        for y in ys[x]:
            body.append(circle(x, y, 13, fill=fill))
        if label:
            body.append(text(x, 285, label, 16))
    body.append(text(145, 30, "编码器 h = f(x)", 16, fill=BLUE))
    body.append(text(615, 30, "解码器 x̂ = g(h)", 16, fill=BLUE))
    body.append(text(380, 48, "瓶颈（或稀疏、去噪、收缩等约束）", 14))
    body.append(seg(80, 262, 680, 262, color=RED, width=1.6, arrow="r", dash=True))
    body.append(seg(680, 262, 80, 262, color=RED, width=1.6, arrow="r", dash=True))
    body.append(text(380, 256, "重构损失 L(x, x̂)", 14, fill=RED))
    return _svg(W, H, "自编码器结构：编码器把输入压到低维编码，解码器再重构输入", body)


def bm_vs_rbm_svg() -> str:
    W, H = 780, 330
    body = [text(190, 30, "玻尔兹曼机：任意两单元之间都可有对称连接", 15),
            text(590, 30, "受限玻尔兹曼机：只有可见层与隐层之间有连接", 15)]
    # general BM: 3 hidden on top, 4 visible at bottom, all pairs connected
    hid = [(110 + 80 * i, 110) for i in range(3)]
    vis = [(70 + 80 * i, 250) for i in range(4)]
    nodes = hid + vis
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            (x1, y1), (x2, y2) = nodes[i], nodes[j]
            same = (i < 3) == (j < 3)
            color = RED if same else "#8aa0b8"
            a, b, c, d = _shorten(x1, y1, x2, y2, 17, 17)
            body.append(seg(a, b, c, d, color=color, width=1.4))
    for x, y in hid:
        body.append(circle(x, y, 17, fill=HID_FILL))
        body.append(text(x, y + 5, "h", 14, italic=True))
    for x, y in vis:
        body.append(circle(x, y, 17))
        body.append(text(x, y + 5, "v", 14, italic=True))
    body.append(text(190, 300, "红色：同层连接（RBM 中被去掉）", 13, fill=RED))
    # RBM: bipartite
    hid2 = [(510 + 80 * i, 110) for i in range(3)]
    vis2 = [(470 + 80 * i, 250) for i in range(4)]
    for x1, y1 in hid2:
        for x2, y2 in vis2:
            a, b, c, d = _shorten(x1, y1, x2, y2, 17, 17)
            body.append(seg(a, b, c, d, color="#8aa0b8", width=1.4))
    for x, y in hid2:
        body.append(circle(x, y, 17, fill=HID_FILL))
        body.append(text(x, y + 5, "h", 14, italic=True))
    for x, y in vis2:
        body.append(circle(x, y, 17))
        body.append(text(x, y + 5, "v", 14, italic=True))
    body.append(text(735, 115, "隐层", 14, anchor="start"))
    body.append(text(735, 255, "可见层", 14, anchor="start"))
    body.append(text(590, 185, "W", 16, italic=True, fill=BLUE))
    body.append(text(590, 300, "二部图：给定一层，另一层各单元条件独立", 13))
    body.append(seg(390, 50, 390, 310, color="#d5dde6", width=1.5))
    return _svg(W, H, "一般玻尔兹曼机与受限玻尔兹曼机的连接结构对比", body)


def wake_sleep_svg() -> str:
    W, H = 800, 380
    layers = {"top": (60, 2), "mid": (170, 3), "vis": (280, 4)}
    xs = {name: [330 + (i - (n - 1) / 2) * 95 for i in range(n)] for name, (_, n) in layers.items()}
    body = []
    for upper, lower in (("top", "mid"), ("mid", "vis")):
        yu, yl = layers[upper][0], layers[lower][0]
        for xu in xs[upper]:
            for xl in xs[lower]:
                # generative weights: top-down, solid blue; recognition weights: bottom-up, dashed red
                a, b, c, d = _shorten(xu - 6, yu, xl - 6, yl, 18, 20)
                body.append(seg(a, b, c, d, color=BLUE, width=1.3, arrow="b"))
                a, b, c, d = _shorten(xl + 6, yl, xu + 6, yu, 18, 20)
                body.append(seg(a, b, c, d, color=RED, width=1.3, arrow="r", dash=True))
    for name, (y, _) in layers.items():
        fill = NODE_FILL if name == "vis" else HID_FILL
        for x in xs[name]:
            body.append(circle(x, y, 17, fill=fill))
    body.append(text(20, 65, "顶层隐单元", 14, anchor="start"))
    body.append(text(20, 175, "隐单元", 14, anchor="start"))
    body.append(text(20, 285, "可见单元", 14, anchor="start"))
    body.append(text(20, 305, "（数据）", 14, anchor="start"))
    sub = '<tspan dy="4" font-size="11">{}</tspan><tspan dy="-4">{}</tspan>'
    formula = ("每个单元按概率取 1：p(s" + sub.format("j", "\u00a0= 1) = σ(b") + sub.format("j", "\u00a0+ Σ s")
               + sub.format("i", "\u00a0w") + sub.format("ij", ")"))
    body.append(text(330, 350, formula, 15))
    lx = 560
    body.append(seg(lx, 50, lx + 50, 50, color=BLUE, width=2, arrow="b"))
    body.append(text(lx + 60, 55, "生成权重（自上而下）", 14, anchor="start", fill=BLUE))
    body.append(seg(lx, 82, lx + 50, 82, color=RED, width=2, arrow="r", dash=True))
    body.append(text(lx + 60, 87, "识别权重（自下而上）", 14, anchor="start", fill=RED))
    body.append(rect(lx - 10, 115, 240, 80, fill="#fbeeee", stroke=RED))
    body.append(text(lx, 140, "Wake：输入真实数据，用识别", 14, anchor="start"))
    body.append(text(lx, 162, "权重自下而上采样各层状态，", 14, anchor="start"))
    body.append(text(lx, 184, "据此更新生成权重", 14, anchor="start", fill=BLUE, weight="bold"))
    body.append(rect(lx - 10, 215, 240, 80, fill="#edf3fa", stroke=BLUE))
    body.append(text(lx, 240, "Sleep：从顶层偏置出发，用生成", 14, anchor="start"))
    body.append(text(lx, 262, "权重自上而下采样一个“梦”，", 14, anchor="start"))
    body.append(text(lx, 284, "据此更新识别权重", 14, anchor="start", fill=RED, weight="bold"))
    return _svg(W, H, "Helmholtz 机的双向连接：生成权重自上而下，识别权重自下而上", body)


# ---------------------------------------------------------------- plots

@contextlib.contextmanager
def _mpl():
    """matplotlib with default rcParams plus our fixed settings, whatever other figure modules changed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        plt.rcParams["svg.fonttype"] = "none"
        plt.rcParams["svg.hashsalt"] = "dl-handbook"
        plt.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams["font.size"] = 10
        yield plt


def gan_loss_svg(path: pathlib.Path) -> None:
    with _mpl() as plt:
        d = np.linspace(0.005, 0.995, 400)
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.2))
        ax1.plot(d, np.log(1 - d), color=RED, label=r"saturating: minimize $\log(1-D)$")
        ax1.plot(d, -np.log(d), color=BLUE, label=r"non-saturating: minimize $-\log D$")
        ax1.set_xlabel(r"$D(G(z))$")
        ax1.set_ylabel("generator loss")
        ax1.set_ylim(-5, 5.5)
        ax1.axvspan(0, 0.1, color="#eeeeee", zorder=0)
        ax1.text(0.05, -2.2, "early\ntraining", ha="center", va="top", fontsize=8)
        ax1.legend(fontsize=8, loc="lower center")
        ax2.plot(d, d, color=RED, label=r"$|\partial \log(1-D)/\partial a| = D$")
        ax2.plot(d, 1 - d, color=BLUE, label=r"$|\partial(-\log D)/\partial a| = 1-D$")
        ax2.set_xlabel(r"$D(G(z)) = \sigma(a)$")
        ax2.set_ylabel(r"gradient magnitude w.r.t. logit $a$")
        ax2.axvspan(0, 0.1, color="#eeeeee", zorder=0)
        ax2.legend(fontsize=8, loc="upper center")
        for ax in (ax1, ax2):
            ax.grid(alpha=0.3)
            ax.set_xlim(0, 1)
        fig.tight_layout()
        fig.savefig(path, format="svg", metadata={"Date": None})
        plt.close(fig)


def diffusion_schedule_svg(path: pathlib.Path) -> None:
    with _mpl() as plt:
        T = 1000
        betas = np.linspace(1e-4, 0.02, T)
        abar = np.cumprod(1 - betas)
        t = np.arange(1, T + 1)
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.plot(t, np.sqrt(abar), color=BLUE, label=r"signal coefficient $\sqrt{\bar\alpha_t}$")
        ax.plot(t, np.sqrt(1 - abar), color=RED, label=r"noise coefficient $\sqrt{1-\bar\alpha_t}$")
        ax.set_xlabel(r"timestep $t$ (linear $\beta_t$ from $10^{-4}$ to $0.02$, $T = 1000$)")
        ax.set_xlim(0, T)
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="center right")
        fig.tight_layout()
        fig.savefig(path, format="svg", metadata={"Date": None})
        plt.close(fig)


def build(outdir: pathlib.Path) -> None:
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "autoencoder.svg").write_text(autoencoder_svg(), encoding="utf-8")
    (outdir / "bm-vs-rbm.svg").write_text(bm_vs_rbm_svg(), encoding="utf-8")
    (outdir / "wake-sleep.svg").write_text(wake_sleep_svg(), encoding="utf-8")
    gan_loss_svg(outdir / "gan-generator-loss.svg")
    diffusion_schedule_svg(outdir / "diffusion-schedule.svg")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "generative")
