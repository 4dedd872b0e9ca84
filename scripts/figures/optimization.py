"""优化与训练章节的插图（优化器、学习率、梯度消失/爆炸、学习率调度）。

生成到 docs/assets/figures/optimization/：
- optimizer-paths.svg：SGD / Momentum / Nesterov / AdaGrad / RMSProp / Adam 在病态二次函数
  f(x, y) = x^2/20 + y^2 上的轨迹（同一起点、同样 30 步），外加损失曲线一栏；
- learning-rate.svg：三种学习率在最小二乘问题上的损失曲线，以及 f(x) = (x-1)^2 上的迭代；
- gradient-norms.svg：30 层 MLP 在初始化时各层权重梯度的范数（Sigmoid+Xavier、Tanh+Xavier、
  ReLU+He、Tanh+过大的初始化）；
- lr-schedules.svg：常见学习率调度曲线。

全部用 NumPy（float64）计算，更新规则与 docs/_snippets/optimization/optimizers_numpy.py
相同（tests/test_content_opt.py 用 torch.optim 核对过），输出逐字节确定。
"""
from __future__ import annotations

import math
import pathlib
import re
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Ellipse  # noqa: E402

COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

# ---------------------------------------------------------------- optimizer paths
HESS = np.array([1.0 / 10.0, 2.0])  # f(x, y) = x^2/20 + y^2 的 Hessian 对角元
START = (-7.0, 2.0)
STEPS = 30
# (名称, 学习率)：每种方法手选一个“合理”的学习率，并写进图中标题
OPTIMIZERS = [
    ("SGD", 0.9),
    ("Momentum", 0.1),
    ("Nesterov", 0.1),
    ("AdaGrad", 1.5),
    ("RMSProp", 0.3),
    ("Adam", 0.3),
]


def quad_loss(p: np.ndarray) -> float:
    return float(p[0] ** 2 / 20.0 + p[1] ** 2)


def optimizer_path(name: str, lr: float, steps: int = STEPS, start=START) -> np.ndarray:
    """返回 (steps+1, 2) 的轨迹。动量用 PyTorch 形式 b ← μb + g，θ ← θ − ηb（μ = 0.9）。"""
    p = np.array(start, dtype=float)
    state: dict[str, np.ndarray] = {}
    path = [p.copy()]
    for t in range(1, steps + 1):
        g = HESS * p
        if name == "SGD":
            p = p - lr * g
        elif name in ("Momentum", "Nesterov"):
            b = g.copy() if "b" not in state else 0.9 * state["b"] + g
            state["b"] = b
            p = p - lr * (g + 0.9 * b if name == "Nesterov" else b)
        elif name == "AdaGrad":
            s = state.get("s", 0.0) + g * g
            state["s"] = s
            p = p - lr * g / (np.sqrt(s) + 1e-10)
        elif name == "RMSProp":  # ρ = 0.9（Hinton 讲义的取值）
            s = 0.9 * state.get("s", 0.0) + 0.1 * g * g
            state["s"] = s
            p = p - lr * g / (np.sqrt(s) + 1e-8)
        elif name == "Adam":
            m = 0.9 * state.get("m", 0.0) + 0.1 * g
            v = 0.999 * state.get("v", 0.0) + 0.001 * g * g
            state["m"], state["v"] = m, v
            m_hat = m / (1 - 0.9**t)
            v_hat = v / (1 - 0.999**t)
            p = p - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        else:
            raise ValueError(name)
        path.append(p.copy())
    return np.array(path)


def _fig_optimizer_paths(path: pathlib.Path) -> None:
    fig = plt.figure(figsize=(11.0, 5.2))
    gs = fig.add_gridspec(2, 4, width_ratios=[1, 1, 1, 1.15], wspace=0.32, hspace=0.42)
    levels = [0.2, 1.0, 2.5, 5.0]  # 等高线 x²/20 + y² = c 是半轴 √(20c)、√c 的椭圆
    ax_loss = fig.add_subplot(gs[:, 3])
    for i, (name, lr) in enumerate(OPTIMIZERS):
        ax = fig.add_subplot(gs[i // 3, i % 3])
        for c in levels:
            ax.add_patch(Ellipse((0, 0), 2 * math.sqrt(20 * c), 2 * math.sqrt(c), fill=False,
                                 edgecolor="0.75", lw=0.6))
        P = optimizer_path(name, lr)
        ax.plot(P[:, 0], P[:, 1], "-o", color=COLORS[i], ms=2.2, lw=1.0)
        ax.plot([0], [0], "+", color="k", ms=7)
        ax.set_title(f"{name}  (lr={lr})", fontsize=9)
        ax.set_xlim(-8, 8)
        ax.set_ylim(-3, 3)
        ax.set_xticks([-8, 0, 8] if i >= 3 else [])
        ax.set_yticks([-2, 0, 2] if i % 3 == 0 else [])
        ax.tick_params(labelsize=7)
        losses = [max(quad_loss(p), 1e-12) for p in P]
        ax_loss.semilogy(range(len(P)), losses, color=COLORS[i], lw=1.3, label=name)
    ax_loss.set_xlabel("iteration", fontsize=8)
    ax_loss.set_ylabel("f(x, y)", fontsize=8)
    ax_loss.set_title("loss (log scale)", fontsize=9)
    ax_loss.set_ylim(1e-8, 20)
    ax_loss.tick_params(labelsize=7)
    ax_loss.legend(fontsize=7, frameon=False, loc="lower left")
    fig.suptitle("f(x, y) = x²/20 + y²，起点 (−7, 2)，各 30 步；Momentum/Nesterov μ=0.9，RMSProp ρ=0.9，"
                 "Adam β=(0.9, 0.999)", fontsize=9)
    _save(fig, path, bbox_inches="tight")


# ---------------------------------------------------------------- learning rate
def least_squares_problem(seed: int = 0):
    rng = np.random.default_rng(seed)
    n = 200
    X = rng.standard_normal((n, 2)) * np.array([1.0, 0.3])
    w_true = np.array([2.0, -3.0])
    y = X @ w_true + 0.1 * rng.standard_normal(n)
    H = X.T @ X / n
    L = float(np.linalg.eigvalsh(H).max())
    return X, y, L


def gd_losses(X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> list[float]:
    """全批量梯度下降的超额损失 J(w_k) − J(w*)，J(w) = ||Xw − y||² / (2n)。"""
    n = len(y)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    r_star = X @ w_star - y
    j_star = float(r_star @ r_star / (2 * n))
    w = np.zeros(X.shape[1])
    out = []
    for _ in range(steps + 1):
        r = X @ w - y
        out.append(float(r @ r / (2 * n)) - j_star)
        w = w - lr * (X.T @ r / n)
    return out


def _fig_learning_rate(path: pathlib.Path) -> None:
    X, y, L = least_squares_problem()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.6))
    for (mult, label, c) in [(0.05, "η = 0.05/L 太小", COLORS[0]),
                             (1.0, "η = 1/L 合适", COLORS[2]),
                             (2.1, "η = 2.1/L 过大（发散）", COLORS[3])]:
        ax1.semilogy(gd_losses(X, y, mult / L, 60), color=c, lw=1.5, label=label)
    ax1.set_ylim(1e-8, 1e3)
    ax1.set_xlabel("iteration", fontsize=8)
    ax1.set_ylabel("J(w_k) − J(w*)", fontsize=8)
    ax1.set_title(f"最小二乘，L = λmax(H) = {L:.2f}，阈值 2/L", fontsize=9)
    ax1.legend(fontsize=7, frameon=False)
    ax1.tick_params(labelsize=7)
    for (lr, c) in [(0.1, COLORS[0]), (0.9, COLORS[1]), (1.05, COLORS[3])]:
        x = 4.0
        xs = [x]
        for _ in range(15):
            x = x - lr * 2 * (x - 1)
            xs.append(x)
        ax2.plot(xs, "-o", ms=2.5, color=c, lw=1.2, label=f"η = {lr}（乘子 1−2η = {1 - 2 * lr:+.1f}）")
    ax2.axhline(1.0, color="0.6", lw=0.8, ls="--")
    ax2.set_xlabel("k", fontsize=8)
    ax2.set_ylabel("x_k", fontsize=8)
    ax2.set_title("f(x) = (x−1)²，x₀ = 4：单调收敛 / 振荡收敛 / 振荡发散", fontsize=9)
    ax2.legend(fontsize=7, frameon=False, loc="lower left")
    ax2.tick_params(labelsize=7)
    fig.tight_layout()
    _save(fig, path)


# ---------------------------------------------------------------- gradient norms per layer
def layer_grad_norms(act: str, std_fn, depth: int = 30, width: int = 256, batch: int = 128,
                     seed: int = 0) -> np.ndarray:
    """深度 MLP 在初始化时各层权重梯度的 Frobenius 范数（手写反向传播，δ 递推）。

    z^l = W^l a^{l-1}，a^l = φ(z^l)（最后一层线性输出），L = ||a^L − y||² / (2B)。
    """
    rng = np.random.default_rng(seed)
    Ws = [rng.standard_normal((width, width)) * std_fn(width, width) for _ in range(depth)]
    x = rng.standard_normal((batch, width))
    target = rng.standard_normal((batch, width))
    if act == "sigmoid":
        f = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        df = lambda z: f(z) * (1 - f(z))  # noqa: E731
    elif act == "tanh":
        f = np.tanh
        df = lambda z: 1 - np.tanh(z) ** 2  # noqa: E731
    else:
        f = lambda z: np.maximum(z, 0)  # noqa: E731
        df = lambda z: (z > 0).astype(float)  # noqa: E731
    a, zs, acts = x, [], [x]
    for l, W in enumerate(Ws):
        z = a @ W.T
        zs.append(z)
        a = z if l == depth - 1 else f(z)
        acts.append(a)
    delta = (a - target) / batch  # δ^L
    norms = np.zeros(depth)
    for l in range(depth - 1, -1, -1):
        norms[l] = np.linalg.norm(delta.T @ acts[l])  # ∂L/∂W^l = δ^l (a^{l-1})^T
        if l > 0:
            delta = (delta @ Ws[l]) * df(zs[l - 1])  # δ^{l-1} = (W^l)^T δ^l ⊙ φ'(z^{l-1})
    return norms


GRAD_NORM_CONFIGS = [
    ("Sigmoid + Xavier", "sigmoid", lambda i, o: math.sqrt(2 / (i + o)), COLORS[3]),
    ("Tanh + Xavier", "tanh", lambda i, o: math.sqrt(2 / (i + o)), COLORS[0]),
    ("ReLU + He", "relu", lambda i, o: math.sqrt(2 / i), COLORS[2]),
    ("Tanh + 标准差 3/√n（过大）", "tanh", lambda i, o: 3 / math.sqrt(i), COLORS[1]),
]


def _fig_gradient_norms(path: pathlib.Path) -> None:
    fig, ax = plt.subplots(figsize=(6.4, 3.7))
    for label, act, std_fn, c in GRAD_NORM_CONFIGS:
        n = layer_grad_norms(act, std_fn)
        ax.semilogy(range(1, len(n) + 1), n, "-o", ms=2.5, color=c, lw=1.4, label=label)
    ax.set_xlabel("层号 l（1 = 最靠近输入）", fontsize=8)
    ax.set_ylabel("||∂L/∂W_l||  (log)", fontsize=8)
    ax.set_title("30 层 MLP（宽 256）初始化时各层权重梯度的范数", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    _save(fig, path)


# ---------------------------------------------------------------- lr schedules
def schedule_values(total: int = 100, base: float = 0.1) -> dict[str, np.ndarray]:
    """第 t 个 epoch（t = 0..total-1）的学习率；公式与 lr-schedule 页一致。"""
    t = np.arange(total)
    warm = 5
    cos = 0.5 * base * (1 + np.cos(np.pi * t / total))
    warm_cos = np.where(t < warm, base * (t + 1) / warm,
                        0.5 * base * (1 + np.cos(np.pi * (t - warm) / (total - warm))))
    # one-cycle（PyTorch OneCycleLR 默认：pct_start=0.3, div_factor=25, final_div_factor=1e4, cos）
    peak = int(0.3 * total) - 1
    init_lr, min_lr = base / 25, base / 25 / 1e4
    one = np.empty(total)
    for i in range(total):
        if i <= peak:
            pct = i / peak
            one[i] = init_lr + (base - init_lr) * (1 - math.cos(math.pi * pct)) / 2
        else:
            pct = (i - peak) / (total - 1 - peak)
            one[i] = min_lr + (base - min_lr) * (1 + math.cos(math.pi * pct)) / 2
    return {
        "StepLR（每 30 epoch ×0.1）": base * 0.1 ** (t // 30),
        "ExponentialLR（γ=0.95）": base * 0.95**t,
        "CosineAnnealingLR": cos,
        "线性 warmup 5 epoch + 余弦": warm_cos,
        "OneCycleLR": one,
    }


def _fig_lr_schedules(path: pathlib.Path) -> None:
    fig, ax = plt.subplots(figsize=(6.4, 3.5))
    for (label, v), c in zip(schedule_values().items(), COLORS):
        ax.plot(v, color=c, lw=1.5, label=label)
    ax.set_xlabel("epoch", fontsize=8)
    ax.set_ylabel("learning rate", fontsize=8)
    ax.set_title("常见学习率调度（峰值 0.1，共 100 epoch）", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    _save(fig, path)


def _save(fig, path: pathlib.Path, **kw) -> None:
    """存 SVG，并把坐标四舍五入到 2 位小数以减小文件（不影响显示）。"""
    fig.savefig(path, format="svg", metadata={"Date": None}, **kw)
    plt.close(fig)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\d+\.\d{2})\d+", r"\1", text)
    path.write_text(text, encoding="utf-8")


def build(outdir: pathlib.Path) -> None:
    """写出本章的全部 SVG 到 outdir。"""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "dl-handbook"
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["font.size"] = 9
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 缺少 CJK 字形的提示；SVG 中文字由浏览器渲染
        _fig_optimizer_paths(outdir / "optimizer-paths.svg")
        _fig_learning_rate(outdir / "learning-rate.svg")
        _fig_gradient_norms(outdir / "gradient-norms.svg")
        _fig_lr_schedules(outdir / "lr-schedules.svg")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "optimization")
