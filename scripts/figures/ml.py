"""机器学习基础章节的插图（数据与 docs/_snippets/ml/ 中的手算例子一致）。

生成到 docs/assets/figures/ml/：
- dbscan-toy.svg：13 个点的 DBSCAN 例子（ε=1.5，MinPts=4），核心点/边界点/噪声与 ε 圆；
- kmeans-iterations.svg：k-means 手算例子的 3 轮迭代（分配结果与中心移动）；
- roc-pr-example.svg：分类指标手算例子的 ROC 曲线与 PR 曲线；
- lr-loss-vs-mse.svg：y=1 时对数损失与“Sigmoid + 平方误差”的损失和梯度随 logit z 的变化；
- linear-vs-logistic.svg：一个远处的正样本让线性回归的决策边界右移，逻辑回归不受影响。
"""
from __future__ import annotations

import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

BLUE, ORANGE, GREEN, RED, GRAY = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "0.55"


def _setup() -> None:
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "dl-handbook"
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["font.size"] = 9


def _save(fig, path: pathlib.Path) -> None:
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


# ---------------------------------------------------------------- DBSCAN
DB_X = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1],
                 [5, 3], [6, 3], [5, 4], [6, 4], [7, 4],
                 [3.5, 2.5], [8, 0], [8, 1]], dtype=float)
DB_NAMES = "ABCDEFGHIJKLM"
DB_EPS, DB_MINPTS = 1.5, 4


def _dbscan_types(X, eps, min_pts):
    dist = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))
    adj = dist <= eps
    core = adj.sum(1) >= min_pts
    border = ~core & (adj & core[None, :]).any(1)
    return core, border


def _dbscan(outdir: pathlib.Path) -> None:
    core, border = _dbscan_types(DB_X, DB_EPS, DB_MINPTS)
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    t = np.linspace(0, 2 * np.pi, 73)
    for i, (x, y) in enumerate(DB_X):
        style = dict(color=BLUE, alpha=0.10) if core[i] else None
        if style:
            ax.fill(np.round(x + DB_EPS * np.cos(t), 3), np.round(y + DB_EPS * np.sin(t), 3), **style)
    for i, (x, y) in enumerate(DB_X):
        if not (core[i] or border[i]):
            ax.plot(np.round(x + DB_EPS * np.cos(t), 3), np.round(y + DB_EPS * np.sin(t), 3),
                    color=GRAY, lw=0.7, ls=":")
    ax.scatter(*DB_X[core].T, s=70, color=BLUE, zorder=3, label="core point")
    ax.scatter(*DB_X[border].T, s=70, facecolor="white", edgecolor=ORANGE, lw=2, zorder=3,
               label="border point")
    noise = ~core & ~border
    ax.scatter(*DB_X[noise].T, s=60, marker="x", color=RED, zorder=3, label="noise")
    for name, (x, y) in zip(DB_NAMES, DB_X):
        ax.annotate(name, (x, y), xytext=(5, 5), textcoords="offset points", fontsize=9)
    ax.text(0.5, -1.1, "cluster 1", color=BLUE, ha="center")
    ax.text(6.0, 5.35, "cluster 2", color=BLUE, ha="center")
    ax.set_title(f"DBSCAN, eps = {DB_EPS}, MinPts = {DB_MINPTS} (neighbourhood includes the point)",
                 fontsize=9)
    ax.set_aspect("equal")
    ax.set_xlim(-1.8, 9.8)
    ax.set_ylim(-1.8, 5.9)
    ax.grid(alpha=0.25, lw=0.5)
    ax.legend(fontsize=8, loc="upper left", frameon=True)
    fig.tight_layout()
    _save(fig, outdir / "dbscan-toy.svg")


# ---------------------------------------------------------------- k-means
KM_X = np.array([[1, 1], [2, 1], [1, 2], [2, 2], [4, 3],
                 [6, 5], [7, 5], [6, 6], [7, 7]], dtype=float)
KM_NAMES = "ABCDEFGHI"


def _kmeans(outdir: pathlib.Path) -> None:
    mu = KM_X[[0, 1]].copy()
    fig, axes = plt.subplots(1, 3, figsize=(9.0, 3.3), sharey=True)
    for t, ax in enumerate(axes, start=1):
        d2 = ((KM_X[:, None] - mu[None]) ** 2).sum(-1)
        lab = d2.argmin(1)
        new = np.stack([KM_X[lab == k].mean(0) for k in range(2)])
        j = float(((KM_X - new[lab]) ** 2).sum())
        for k, c in enumerate([BLUE, ORANGE]):
            ax.scatter(*KM_X[lab == k].T, s=40, color=c, zorder=3)
            ax.plot(*mu[k], marker="x", color=c, ms=9, mew=2, alpha=0.5)
            ax.plot(*np.round(new[k], 4), marker="*", color=c, ms=13, mec="black", mew=0.6, zorder=4)
            ax.annotate("", xy=np.round(new[k], 4), xytext=mu[k],
                        arrowprops=dict(arrowstyle="->", color=c, lw=1.2))
        for name, (x, y) in zip(KM_NAMES, KM_X):
            ax.annotate(name, (x, y), xytext=(4, -11), textcoords="offset points", fontsize=8)
        ax.set_title(f"iteration {t}: J = {j:.2f} after update", fontsize=9)
        ax.set_xlim(0, 8)
        ax.set_ylim(0, 8)
        ax.set_aspect("equal")
        ax.grid(alpha=0.25, lw=0.5)
        mu = new
    axes[0].text(0.3, 7.3, "x: old centroid   *: new centroid", fontsize=7)
    fig.tight_layout()
    _save(fig, outdir / "kmeans-iterations.svg")


# ---------------------------------------------------------------- ROC / PR
M_SCORES = np.array([0.95, 0.85, 0.80, 0.70, 0.60, 0.55, 0.45, 0.40, 0.30, 0.20])
M_LABELS = np.array([1, 1, 0, 1, 1, 0, 0, 1, 0, 0])


def _roc_pr(outdir: pathlib.Path) -> None:
    order = np.argsort(-M_SCORES)
    hits = M_LABELS[order]
    tp = np.r_[0, np.cumsum(hits)]
    fp = np.r_[0, np.cumsum(1 - hits)]
    tpr, fpr = tp / hits.sum(), fp / (1 - hits).sum()
    precision = tp[1:] / np.arange(1, len(hits) + 1)
    recall = tpr[1:]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.0, 3.6))
    a1.fill_between(fpr, tpr, step=None, color=BLUE, alpha=0.12)
    a1.plot(fpr, tpr, "o-", color=BLUE, ms=3.5, lw=1.5, label="model, AUC = 0.80")
    a1.plot([0, 1], [0, 1], "--", color=GRAY, lw=0.9, label="random, AUC = 0.50")
    i = 6  # 阈值 0.5：前 6 个样本判为正
    a1.plot(fpr[i], tpr[i], "s", color=RED, ms=7, zorder=4)
    a1.annotate("threshold 0.5\nFPR 0.4, TPR 0.8", (fpr[i], tpr[i]), xytext=(0.45, 0.45),
                fontsize=8, arrowprops=dict(arrowstyle="->", color=RED))
    a1.set_xlabel("FPR = FP / (FP + TN)")
    a1.set_ylabel("TPR (recall) = TP / (TP + FN)")
    a1.set_title("ROC curve")
    a1.legend(fontsize=8, loc="lower right", frameon=False)
    a2.step(np.r_[0, recall], np.r_[1, precision], where="pre", color=GREEN, lw=1.2, alpha=0.6)
    a2.plot(recall, precision, "o", color=GREEN, ms=3.5, label="model, AP = 0.835")
    a2.axhline(0.5, ls="--", color=GRAY, lw=0.9, label="random = positive rate 0.5")
    a2.plot(recall[5], precision[5], "s", color=RED, ms=7, zorder=4)
    a2.annotate("threshold 0.5\nR 0.8, P 0.667", (recall[5], precision[5]), xytext=(0.25, 0.25),
                fontsize=8, arrowprops=dict(arrowstyle="->", color=RED))
    a2.set_xlabel("recall")
    a2.set_ylabel("precision = TP / (TP + FP)")
    a2.set_title("precision-recall curve")
    a2.legend(fontsize=8, loc="lower left", frameon=False)
    for ax in (a1, a2):
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.05)
        ax.set_aspect("equal")
        ax.grid(alpha=0.25, lw=0.5)
    fig.tight_layout()
    _save(fig, outdir / "roc-pr-example.svg")


# ---------------------------------------------------------------- 对数损失 vs MSE
def _lr_loss(outdir: pathlib.Path) -> None:
    z = np.linspace(-6, 6, 121)
    s = 1 / (1 + np.exp(-z))
    log_loss = np.log1p(np.exp(-z))          # -log σ(z)
    mse = (1 - s) ** 2
    d_log = s - 1                            # d/dz
    d_mse = -2 * (1 - s) * s * (1 - s)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.4, 3.3))
    a1.plot(z, np.round(log_loss, 4), color=BLUE, lw=1.5, label="log loss  -log sigma(z)")
    a1.plot(z, np.round(mse, 4), color=RED, lw=1.5, ls="--", label="squared error (1 - sigma(z))^2")
    a1.set_title("loss for a positive example (y = 1)")
    a1.set_ylim(-0.2, 6.2)
    a1.annotate("flat and non-convex:\nconfidently wrong,\nlittle penalty", (-4.5, 0.98),
                xytext=(-3.2, 2.6), fontsize=7, arrowprops=dict(arrowstyle="->", color=RED))
    a2.plot(z, np.round(d_log, 4), color=BLUE, lw=1.5, label="log loss: sigma(z) - 1")
    a2.plot(z, np.round(d_mse, 4), color=RED, lw=1.5, ls="--",
            label="squared error: -2 s (1 - s)^2,  s = sigma(z)")
    a2.set_title("gradient with respect to z")
    a2.annotate("gradient vanishes\nwhen z << 0", (-5.5, -0.01), xytext=(-4.8, -0.55), fontsize=7,
                arrowprops=dict(arrowstyle="->", color=RED))
    for ax in (a1, a2):
        ax.axhline(0, color="0.7", lw=0.6)
        ax.axvline(0, color="0.7", lw=0.6)
        ax.set_xlabel("logit z = theta^T x")
        ax.grid(alpha=0.25, lw=0.5)
    a1.legend(fontsize=7, frameon=False, loc="upper right")
    a2.legend(fontsize=7, frameon=False, loc="lower right")
    fig.tight_layout()
    _save(fig, outdir / "lr-loss-vs-mse.svg")


# ---------------------------------------------------------------- 线性回归 vs 逻辑回归
def _fit_linear(x, y):
    A = np.c_[np.ones_like(x), x]
    return np.linalg.lstsq(A, y, rcond=None)[0]


def _fit_logistic(x, y, lam=0.1, steps=50):
    A = np.c_[np.ones_like(x), x]
    w = np.zeros(2)
    reg = np.diag([0.0, lam])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-A @ w))
        w -= np.linalg.solve(A.T @ (A * (p * (1 - p))[:, None]) + reg, A.T @ (p - y) + reg @ w)
    return w


def _linear_vs_logistic(outdir: pathlib.Path) -> None:
    x0 = np.r_[np.arange(1.0, 6.0), np.arange(6.0, 11.0)]
    y0 = np.r_[np.zeros(5), np.ones(5)]
    x1, y1 = np.r_[x0, 40.0], np.r_[y0, 1.0]
    grid = np.linspace(0, 42, 421)
    fig, ax = plt.subplots(figsize=(8.0, 3.4))
    ax.scatter(x1[y1 == 0], y1[y1 == 0], color=BLUE, zorder=3, label="class 0")
    ax.scatter(x1[y1 == 1], y1[y1 == 1], color=ORANGE, zorder=3, label="class 1")
    w_a = _fit_linear(x0, y0)
    w_b = _fit_linear(x1, y1)
    w_c = _fit_logistic(x1, y1)
    ax.plot(grid, np.round(w_a[0] + w_a[1] * grid, 4), color=GRAY, ls=":", lw=1.2,
            label="linear regression, without x = 40")
    ax.plot(grid, np.round(w_b[0] + w_b[1] * grid, 4), color=RED, ls="--", lw=1.4,
            label="linear regression, with x = 40")
    ax.plot(grid, np.round(1 / (1 + np.exp(-(w_c[0] + w_c[1] * grid))), 4), color=GREEN, lw=1.5,
            label="logistic regression, with x = 40")
    ax.axhline(0.5, color="0.75", lw=0.8)
    for w, c in ((w_a, GRAY), (w_b, RED)):
        ax.axvline((0.5 - w[0]) / w[1], color=c, lw=0.8, ls=":")
    ax.annotate(f"boundary {(0.5 - w_b[0]) / w_b[1]:.2f}:\nx = 6 now misclassified",
                ((0.5 - w_b[0]) / w_b[1], 0.5), xytext=(12, 0.18), fontsize=8,
                arrowprops=dict(arrowstyle="->", color=RED))
    ax.annotate("boundary 5.50", (5.5, 0.5), xytext=(12, 0.72), fontsize=8,
                arrowprops=dict(arrowstyle="->", color=GREEN))
    ax.set_xlim(0, 42)
    ax.set_ylim(-0.25, 1.35)
    ax.set_xlabel("x")
    ax.set_ylabel("y / predicted value")
    ax.grid(alpha=0.25, lw=0.5)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    fig.tight_layout()
    _save(fig, outdir / "linear-vs-logistic.svg")


def build(outdir: pathlib.Path) -> None:
    """写出本章全部 SVG 到 outdir。"""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    # 先恢复 matplotlib 默认设置再应用本模块的设置，使输出与其他模块的运行顺序无关；
    # rc_context 退出时还原，不影响之后运行的模块
    with matplotlib.rc_context():
        plt.rcdefaults()
        _setup()
        _dbscan(outdir)
        _kmeans(outdir)
        _roc_pr(outdir)
        _lr_loss(outdir)
        _linear_vs_logistic(outdir)


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "ml")
