"""归一化与正则化章节（正则化部分）的插图。

生成到 docs/assets/figures/normalization/：
- overfitting-capacity.svg：多项式回归的欠拟合/过拟合示例与训练/验证误差随模型容量的变化（真实计算）；
- augmentation-examples.svg：在合成小图上演示翻转、裁剪、颜色扰动、Cutout、mixup、CutMix；
- bagging-boosting.svg：Bagging（并行、自助采样、平均）与 Boosting（串行、加权/拟合残差）的流程示意；
- l1-l2-geometry.svg：L1 与 L2 约束区域和损失等高线，说明 L1 为何产生稀疏解。

全部使用固定随机种子，输出逐字节确定。
"""
from __future__ import annotations

import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def _setup() -> None:
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "dl-handbook"
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["font.size"] = 9


def _save(fig, path: pathlib.Path) -> None:
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


# ---------------------------------------------------------------- 过拟合曲线
def _true_f(x: np.ndarray) -> np.ndarray:
    return np.sin(np.pi * x)


def _design(x: np.ndarray, degree: int) -> np.ndarray:
    # 勒让德多项式基，数值上比单项式基稳定得多
    return np.polynomial.legendre.legvander(x, degree)


def _fit(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    coef, *_ = np.linalg.lstsq(_design(x, degree), y, rcond=None)
    return coef


def _overfitting(outdir: pathlib.Path) -> None:
    rng = np.random.default_rng(0)
    n_train, noise = 30, 0.3
    degrees = np.arange(0, 15)
    x_val = np.linspace(-1, 1, 401)
    y_val_clean = _true_f(x_val)
    n_rep = 200
    train_err = np.zeros((n_rep, len(degrees)))
    val_err = np.zeros((n_rep, len(degrees)))
    for r in range(n_rep):
        x = rng.uniform(-1, 1, n_train)
        y = _true_f(x) + noise * rng.standard_normal(n_train)
        y_val = y_val_clean + noise * rng.standard_normal(len(x_val))
        for j, d in enumerate(degrees):
            c = _fit(x, y, int(d))
            train_err[r, j] = np.mean((_design(x, int(d)) @ c - y) ** 2)
            val_err[r, j] = np.mean((_design(x_val, int(d)) @ c - y_val) ** 2)
    # 高次多项式偶尔在区间端点剧烈外推，用中位数让曲线反映“典型”情况
    train_err = np.median(train_err, axis=0)
    val_err = np.median(val_err, axis=0)
    n_train = 15

    # 左图：一组数据上的三种拟合
    rng2 = np.random.default_rng(3)
    x = np.sort(rng2.uniform(-1, 1, n_train))
    y = _true_f(x) + noise * rng2.standard_normal(n_train)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.0, 3.5))
    ax1.plot(x_val, np.round(y_val_clean, 4), color="0.6", lw=1.0, ls="--", label="true f(x)")
    ax1.scatter(x, np.round(y, 4), s=14, color="black", zorder=3, label="train points")
    for d, c, name in [(1, "#1f77b4", "degree 1 (underfit)"),
                       (3, "#2ca02c", "degree 3 (good fit)"),
                       (12, "#d62728", "degree 12 (overfit)")]:
        yy = _design(x_val, d) @ _fit(x, y, d)
        ax1.plot(x_val, np.round(np.clip(yy, -3, 3), 4), color=c, lw=1.3, label=name)
    ax1.set_ylim(-2.2, 2.2)
    ax1.set_xlabel("x")
    ax1.set_title("polynomial fits on 15 noisy points")
    ax1.legend(fontsize=7, frameon=False, loc="lower right")

    ax2.semilogy(degrees, np.round(train_err, 5), "o-", color="#1f77b4", ms=3, lw=1.3,
                 label="training error")
    ax2.semilogy(degrees, np.round(val_err, 5), "s-", color="#d62728", ms=3, lw=1.3,
                 label="validation error")
    ax2.axhline(noise**2, color="0.5", lw=0.8, ls=":")
    ax2.text(9.0, noise**2 * 0.75, "noise level sigma^2", fontsize=7, color="0.35")
    best = int(degrees[np.argmin(val_err)])
    ax2.axvline(best, color="0.6", lw=0.8, ls="--")
    ax2.text(0.3, 2.0, "underfitting\n(high bias)", fontsize=7, color="#1f77b4")
    ax2.text(7.5, 2.0, "overfitting\n(high variance)", fontsize=7, color="#d62728")
    ax2.set_xlabel("model capacity (polynomial degree)")
    ax2.set_ylabel("mean squared error")
    ax2.set_title("median over 200 random training sets of 30 points")
    ax2.set_ylim(0.02, 20)
    ax2.legend(fontsize=7, frameon=False, loc="upper center")
    for ax in (ax1, ax2):
        ax.grid(alpha=0.25, lw=0.5)
    fig.tight_layout()
    _save(fig, outdir / "overfitting-capacity.svg")


# ---------------------------------------------------------------- 数据增强示例
def _toy_image(kind: int, size: int = 24) -> np.ndarray:
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1)
    img = np.zeros((size, size, 3))
    if kind == 0:  # 天空 + 草地 + 太阳（左上）
        img[:] = [0.55, 0.75, 0.95]
        img[yy > 0.65] = [0.3, 0.65, 0.25]
        sun = (xx - 0.25) ** 2 + (yy - 0.25) ** 2 < 0.02
        img[sun] = [1.0, 0.85, 0.2]
    else:  # 棋盘格物体
        img[:] = [0.95, 0.92, 0.85]
        chk = ((np.floor(xx * 4) + np.floor(yy * 4)) % 2 == 0) & (np.abs(xx - 0.5) < 0.35) \
            & (np.abs(yy - 0.5) < 0.35)
        img[chk] = [0.6, 0.2, 0.5]
    return img


def _augmentation(outdir: pathlib.Path) -> None:
    a = _toy_image(0)
    b = _toy_image(1)
    s = a.shape[0]
    flip = a[:, ::-1]
    crop = a[4:20, 2:18].repeat(3, axis=0).repeat(3, axis=1)[::2, ::2][:s, :s]
    jitter = np.clip((a - 0.5) * 1.4 + 0.5 + np.array([0.08, -0.05, -0.1]), 0, 1)
    cut = a.copy()
    cut[6:14, 10:18] = 0.0
    lam = 0.6
    mix = lam * a + (1 - lam) * b
    cm = a.copy()
    cm[12:24, 12:24] = b[12:24, 12:24]  # 面积 144/576 = 0.25 → λ = 0.75
    panels = [(a, "original (A)"), (flip, "horizontal flip"), (crop, "random crop + resize"),
              (jitter, "color jitter"), (cut, "Cutout"),
              (mix, "mixup, lam=0.6\n0.6 A + 0.4 B"), (cm, "CutMix, lam=0.75\n0.75 A + 0.25 B")]
    fig, axes = plt.subplots(1, len(panels), figsize=(9.0, 1.9))
    for ax, (img, title) in zip(axes, panels):
        ax.imshow(np.round(img, 3), interpolation="nearest")
        ax.set_title(title, fontsize=7)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    _save(fig, outdir / "augmentation-examples.svg")


# ---------------------------------------------------------------- Bagging / Boosting 示意（手写 SVG）
def _box(x, y, w, h, text, fill="#eef4fb", stroke="#4a78a8", size=12):
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.2"/>'
            f'<text x="{x + w / 2}" y="{y + h / 2 + size * 0.35:.1f}" font-size="{size}" '
            f'text-anchor="middle">{text}</text>')


def _sub(base, idx):
    # Unicode 下标字符比 <tspan baseline-shift> 在各浏览器中显示得更一致
    return base + "₀₁₂₃₄₅₆₇₈₉"[int(idx)]


def _arrow(x1, y1, x2, y2):
    return (f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" stroke-width="1.2" '
            f'marker-end="url(#arr)"/>')


def _bagging_boosting(outdir: pathlib.Path) -> None:
    parts = []
    # 左：Bagging
    parts.append('<text x="190" y="24" font-size="15" font-weight="bold" text-anchor="middle">'
                 'Bagging：并行训练，降方差</text>')
    parts.append(_box(120, 40, 140, 34, "训练集 D（N 个样本）"))
    for i, x in enumerate([30, 145, 260]):
        parts.append(_arrow(190, 74, x + 50, 112))
        parts.append(_box(x, 114, 100, 34, "自助样本 " + _sub("D", i + 1), fill="#fdf3e6", stroke="#c98a2b",
                          size=11))
        parts.append(_arrow(x + 50, 148, x + 50, 174))
        parts.append(_box(x, 176, 100, 34, "模型 " + _sub("h", i + 1), size=11))
        parts.append(_arrow(x + 50, 210, 190, 244))
    parts.append(_box(110, 246, 160, 40, "平均 / 投票", fill="#eaf6ea", stroke="#3f8f3f"))
    parts.append('<text x="190" y="310" font-size="11" text-anchor="middle" fill="#444">'
                 '各模型互不依赖，可同时训练</text>')
    # 右：Boosting
    ox = 420
    parts.append(f'<text x="{ox + 190}" y="24" font-size="15" font-weight="bold" '
                 'text-anchor="middle">Boosting：串行训练，降偏差</text>')
    ys = [44, 124, 204]
    for i, y in enumerate(ys):
        label = "原始数据（等权）" if i == 0 else "重加权 / 新残差"
        parts.append(_box(ox, y, 130, 34, label, fill="#fdf3e6", stroke="#c98a2b", size=11))
        parts.append(_arrow(ox + 130, y + 17, ox + 160, y + 17))
        parts.append(_box(ox + 162, y, 90, 34, "弱学习器 " + _sub("h", i + 1), size=11))
        parts.append(_arrow(ox + 252, y + 17, ox + 300, 262))
        if i < 2:
            parts.append(_arrow(ox + 207, y + 34, ox + 65, ys[i + 1]))
    parts.append(_box(ox + 225, 264, 160, 40, "F = α₁h₁ + α₂h₂ + α₃h₃", fill="#eaf6ea",
                      stroke="#3f8f3f", size=11))
    parts.append(f'<text x="{ox + 110}" y="300" font-size="11" text-anchor="middle" fill="#444">'
                 '后一个学习器依赖前面的结果</text>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 820 325" width="820" height="325" '
           'font-family="sans-serif">'
           '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/>'
           '</marker></defs>'
           '<rect x="0" y="0" width="820" height="325" fill="white"/>'
           + "".join(parts)
           + '<line x1="405" y1="10" x2="405" y2="315" stroke="#ccc" stroke-dasharray="4 4"/>'
           '</svg>\n')
    (outdir / "bagging-boosting.svg").write_text(svg, encoding="utf-8")


# ---------------------------------------------------------------- L1 / L2 几何
def _quad_loss(w1: np.ndarray, w2: np.ndarray, center: np.ndarray) -> np.ndarray:
    # 各向异性的二次损失：沿 w2 方向更“平”，等高线是横向的椭圆
    return (w1 - center[0]) ** 2 + 0.35 * (w2 - center[1]) ** 2


def _l1_l2(outdir: pathlib.Path) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(7.0, 3.4))
    w = np.linspace(-2.0, 3.2, 80)
    W1, W2 = np.meshgrid(w, w)
    center = np.array([1.8, 0.8])
    loss = _quad_loss(W1, W2, center)
    t = np.linspace(0, 2 * np.pi, 361)
    # 两种约束边界：L1 菱形 |w1|+|w2|=1 与 L2 圆 w1^2+w2^2=1，在边界上数值求最优点
    l1_boundary = np.stack([np.cos(t), np.sin(t)], 1)
    l1_boundary = l1_boundary / np.abs(l1_boundary).sum(1, keepdims=True)
    l2_boundary = np.stack([np.cos(t), np.sin(t)], 1)
    for ax, kind, bnd, color in [(axes[0], "L1", l1_boundary, "#ff7f0e"),
                                 (axes[1], "L2", l2_boundary, "#2ca02c")]:
        lv = _quad_loss(bnd[:, 0], bnd[:, 1], center)
        sol = np.round(bnd[np.argmin(lv)], 3)
        level = float(_quad_loss(sol[0], sol[1], center))
        levels = sorted({0.05, 0.2, 0.45, round(level, 4), 1.6})
        ax.contour(W1, W2, np.round(loss, 4), levels=levels, colors="#1f77b4", linewidths=0.9)
        # 画图只需稀疏的边界点（菱形 4 个角，圆 73 个点），求最优点用上面的稠密边界
        shown = (np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], float) if kind == "L1"
                 else np.round(bnd[::5], 3))
        ax.fill(shown[:, 0], shown[:, 1], color=color, alpha=0.25)
        ax.plot(shown[:, 0], shown[:, 1], color=color, lw=1.3)
        ax.plot(*center, "o", color="#1f77b4", ms=4)
        ax.text(center[0] + 0.08, center[1] + 0.12, "unregularized\noptimum", fontsize=7)
        ax.plot(*sol, "*", color="#d62728", ms=10, zorder=5)
        ax.annotate(f"({sol[0]:.2f}, {sol[1]:.2f})", sol, xytext=(sol[0] - 0.2, sol[1] - 0.7),
                    fontsize=7, color="#d62728")
        if kind == "L1":
            ax.set_title("L1: |w1| + |w2| <= 1  -> corner, w2 = 0", fontsize=8)
        else:
            ax.set_title("L2: w1^2 + w2^2 <= 1  -> shrunk, not sparse", fontsize=8)
        ax.axhline(0, color="0.6", lw=0.6)
        ax.axvline(0, color="0.6", lw=0.6)
        ax.set_xlim(-1.5, 3.0)
        ax.set_ylim(-1.5, 2.0)
        ax.set_aspect("equal")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
    fig.tight_layout()
    _save(fig, outdir / "l1-l2-geometry.svg")


def build(outdir: pathlib.Path) -> None:
    """写出本模块的全部 SVG 到 outdir。"""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    # 先恢复 matplotlib 默认设置再应用本模块的设置，使输出与其他模块的运行顺序无关；
    # rc_context 退出时还原，不影响之后运行的模块
    with matplotlib.rc_context():
        plt.rcdefaults()
        _setup()
        _overfitting(outdir)
        _augmentation(outdir)
        _bagging_boosting(outdir)
        _l1_l2(outdir)


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "normalization")
