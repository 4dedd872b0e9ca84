"""核对“正则化”（docs/normalization/ 中 overfitting、data-augmentation、bagging-boosting、
weight-decay、label-smoothing）与“机器学习基础”（docs/ml/）各页的公式和手算数字。

公式与 PyTorch 实现 / autograd 对照；页面上印出的算例数字在这里重新计算，并断言原字符串出现在页面中。
"""
from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

try:
    from conftest import page_text
except ImportError:  # pragma: no cover - conftest 总是存在，这里只为单独运行
    from pathlib import Path

    def page_text(rel: str) -> str:
        return (Path(__file__).resolve().parents[1] / "docs" / rel).read_text(encoding="utf-8")


PAGES = [
    "normalization/overfitting.md",
    "normalization/data-augmentation.md",
    "normalization/bagging-boosting.md",
    "normalization/weight-decay.md",
    "normalization/label-smoothing.md",
    "ml/dbscan.md",
    "ml/kmeans.md",
    "ml/fm-lr-embedding.md",
    "ml/stratified-sampling.md",
    "ml/logistic-regression-loss.md",
    "ml/logistic-vs-linear.md",
    "ml/classification-metrics.md",
]
SECTIONS = ["一句话回答", "详细解释", "代码", "常见追问", "易错点", "参考", "相关问题"]


@pytest.mark.parametrize("rel", PAGES)
def test_page_sections_in_order(rel):
    text = page_text(rel)
    heads = re.findall(r"^## (.+)$", text, flags=re.M)
    expected = [h for h in SECTIONS if h in heads]
    assert heads == expected, heads
    assert set(SECTIONS) - {"代码"} <= set(heads)


# ------------------------------------------------------------------ 权重衰减
def _quadratic_problem():
    g = torch.Generator().manual_seed(1)
    A = torch.randn(7, 5, generator=g, dtype=torch.float64)
    b = torch.randn(7, generator=g, dtype=torch.float64)
    w0 = torch.randn(5, generator=g, dtype=torch.float64)
    return A, b, w0


def _run(opt_cls, steps, lam_in_loss=0.0, **kw):
    A, b, w0 = _quadratic_problem()
    w = w0.clone().requires_grad_(True)
    opt = opt_cls([w], **kw)
    for _ in range(steps):
        opt.zero_grad()
        loss = 0.5 * ((A @ w - b) ** 2).mean() + 0.5 * lam_in_loss * w.pow(2).sum()
        loss.backward()
        opt.step()
    return w.detach()


def test_sgd_l2_in_loss_equals_weight_decay():
    lr, lam = 0.05, 0.3
    # 单步：θ1 = θ0 - η(g + λθ0) = (1 - ηλ)θ0 - ηg
    one_l2 = _run(torch.optim.SGD, 1, lam_in_loss=lam, lr=lr)
    one_wd = _run(torch.optim.SGD, 1, lr=lr, weight_decay=lam)
    A, b, w0 = _quadratic_problem()
    g = A.T @ (A @ w0 - b) / A.shape[0]
    assert torch.allclose(one_l2, one_wd)
    assert torch.allclose(one_wd, (1 - lr * lam) * w0 - lr * g)
    # 多步、带动量时 PyTorch 的 SGD(weight_decay) 仍等于损失里加 L2
    assert torch.allclose(_run(torch.optim.SGD, 6, lam_in_loss=lam, lr=lr, momentum=0.9),
                          _run(torch.optim.SGD, 6, lr=lr, momentum=0.9, weight_decay=lam))
    assert "(1-\\eta\\lambda)\\,\\theta_{t-1} - \\eta\\, g_t" in page_text("normalization/weight-decay.md")


def test_adamw_formula_matches_torch_and_differs_from_adam_l2():
    lr, lam, steps = 0.02, 0.1, 7
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    adam_l2 = _run(torch.optim.Adam, steps, lr=lr, weight_decay=lam)
    assert torch.allclose(adam_l2, _run(torch.optim.Adam, steps, lam_in_loss=lam, lr=lr))
    A, b, w0 = _quadratic_problem()
    ref_opt_w = w0.clone().requires_grad_(True)
    ref_opt = torch.optim.AdamW([ref_opt_w], lr=lr, weight_decay=lam)
    theta = w0.clone()
    m = torch.zeros_like(theta)
    v = torch.zeros_like(theta)
    for t in range(1, steps + 1):
        # 页面公式：m、v 只用数据梯度；θ_t = θ_{t-1} - η(m̂/(√v̂+ε) + λθ_{t-1})
        g = A.T @ (A @ theta - b) / A.shape[0]
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta = theta - lr * (m_hat / (v_hat.sqrt() + eps) + lam * theta)
        ref_opt.zero_grad()
        (0.5 * ((A @ ref_opt_w - b) ** 2).mean()).backward()
        ref_opt.step()
        assert torch.allclose(theta, ref_opt_w.detach(), atol=1e-12), t  # 逐步一致
    assert (theta - adam_l2).abs().max() > 1e-4
    text = page_text("normalization/weight-decay.md")
    assert ("\\theta_t = \\theta_{t-1} - \\eta\\left(\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon}"
            " + \\lambda\\,\\theta_{t-1}\\right)") in text
    # 页面写的 PyTorch 默认值
    assert torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 0.01
    assert torch.optim.Adam([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 0
    assert "`AdamW` 的 `weight_decay=0.01`" in text


def test_l1_l2_geometry_numbers():
    """图注中的约束最优点：L1 菱形的角点 (1, 0)，L2 圆上的 (0.97, 0.23)。"""
    def loss(w1, w2):
        return (w1 - 1.8) ** 2 + 0.35 * (w2 - 0.8) ** 2

    t = np.linspace(0, 2 * np.pi, 200001)
    circle = np.stack([np.cos(t), np.sin(t)], 1)
    l2 = circle[np.argmin(loss(*circle.T))]
    diamond = circle / np.abs(circle).sum(1, keepdims=True)
    l1 = diamond[np.argmin(loss(*diamond.T))]
    assert np.allclose(l1, [1.0, 0.0], atol=1e-4)
    text = page_text("normalization/weight-decay.md")
    assert f"({l2[0]:.2f}, {l2[1]:.2f})" == "(0.97, 0.23)"
    assert "(0.97, 0.23)" in text and "角点 (1, 0)" in text


# ------------------------------------------------------------------ 标签平滑
def test_label_smoothing_formula_equals_torch():
    g = torch.Generator().manual_seed(3)
    for K, eps in [(2, 0.2), (5, 0.1), (10, 0.3)]:
        logits = torch.randn(6, K, generator=g, dtype=torch.float64)
        y = torch.randint(0, K, (6,), generator=g)
        q = (1 - eps) * F.one_hot(y, K).double() + eps / K
        manual = -(q * F.log_softmax(logits, 1)).sum(1).mean()
        ref = torch.nn.CrossEntropyLoss(label_smoothing=eps)(logits, y)
        assert torch.allclose(manual, ref)
        # 页面上的分解：(1-ε)·CE + ε·H(u, p)
        decomposed = (1 - eps) * F.cross_entropy(logits, y) - eps * F.log_softmax(logits, 1).mean()
        assert torch.allclose(ref, decomposed)
        # 梯度 p - q
        z = logits.clone().requires_grad_(True)
        torch.nn.CrossEntropyLoss(label_smoothing=eps, reduction="sum")(z, y).backward()
        assert torch.allclose(z.grad, F.softmax(logits, 1) - q)


def test_label_smoothing_page_numbers():
    text = page_text("normalization/label-smoothing.md")
    eps = 0.1
    for K in (5, 1000):
        gap = math.log((1 - eps + eps / K) / (eps / K))
        q = np.full(K, eps / K)
        q[0] += 1 - eps
        h = -(q * np.log(q)).sum()
        assert f"$K={K}$ 的差值为 {gap:.3f}" in text
        assert f"$K={K}$ 时为 {h:.3f}" in text
    assert "q = (1-\\varepsilon)\\,y + \\frac{\\varepsilon}{K}\\mathbf{1}" in text


# ------------------------------------------------------------------ Bagging
def test_bagging_numbers():
    text = page_text("normalization/bagging-boosting.md")
    assert f"{math.exp(-1):.3f}" == "0.368" and "e^{-1}\\approx 0.368" in text
    assert f"{1 - math.exp(-1):.1%}" == "63.2%" and "63.2%" in text
    # 相关模型平均的方差公式
    B, s2, rho = 7, 2.0, 0.4
    cov = s2 * (rho * np.ones((B, B)) + (1 - rho) * np.eye(B))
    assert math.isclose(np.ones(B) @ cov @ np.ones(B) / B**2, rho * s2 + (1 - rho) * s2 / B)
    assert "\\rho\\,\\sigma^2 + \\frac{1-\\rho}{B}\\,\\sigma^2" in text


# ------------------------------------------------------------------ FM
def test_fm_rewrite_equals_pairwise():
    g = torch.Generator().manual_seed(0)
    for n, k in [(12, 3), (40, 6)]:
        x = torch.randn(n, generator=g, dtype=torch.float64)
        x[torch.rand(n, generator=g) < 0.5] = 0.0            # 稀疏输入
        V = torch.randn(n, k, generator=g, dtype=torch.float64)
        pairwise = sum((V[i] @ V[j]) * x[i] * x[j] for i in range(n) for j in range(i + 1, n))
        fast = 0.5 * ((V.T @ x) ** 2 - (V**2).T @ (x**2)).sum()
        assert torch.allclose(pairwise, fast)
        # 页面上的梯度 ∂ŷ/∂v_{i,f} = x_i Σ_j v_{j,f} x_j - v_{i,f} x_i²
        Vg = V.clone().requires_grad_(True)
        (0.5 * ((Vg.T @ x) ** 2 - (Vg**2).T @ (x**2)).sum()).backward()
        assert torch.allclose(Vg.grad, x[:, None] * (V.T @ x)[None, :] - V * (x**2)[:, None])
    text = page_text("ml/fm-lr-embedding.md")
    assert ("\\frac12\\sum_{f=1}^{k}\\Big[\\Big(\\sum_{i=1}^{n} v_{i,f}\\,x_i\\Big)^2"
            " - \\sum_{i=1}^{n} v_{i,f}^2\\,x_i^2\\Big]") in text


# ------------------------------------------------------------------ 逻辑回归
def test_lr_gradient_hessian_and_sigmoid_derivative():
    g = torch.Generator().manual_seed(5)
    M, d = 20, 4
    X = torch.randn(M, d, generator=g, dtype=torch.float64)
    y = torch.randint(0, 2, (M,), generator=g).double()
    theta = torch.randn(d, generator=g, dtype=torch.float64, requires_grad=True)

    def loss(th):
        y_hat = torch.sigmoid(X @ th)
        return -(y * torch.log(y_hat) + (1 - y) * torch.log(1 - y_hat)).mean()

    loss(theta).backward()
    y_hat = torch.sigmoid(X @ theta).detach()
    assert torch.allclose(theta.grad, X.T @ (y_hat - y) / M)
    H = torch.autograd.functional.hessian(loss, theta.detach())
    S = torch.diag(y_hat * (1 - y_hat))
    assert torch.allclose(H, X.T @ S @ X / M)
    assert torch.linalg.eigvalsh(H).min() > 0                    # 凸（此处列满秩，严格凸）
    z = torch.linspace(-8, 8, 321, dtype=torch.float64, requires_grad=True)
    (dz,) = torch.autograd.grad(torch.sigmoid(z).sum(), z)
    s = torch.sigmoid(z).detach()
    assert torch.allclose(dz, s * (1 - s)) and math.isclose(dz.max().item(), 0.25)


def test_mse_with_sigmoid_is_nonconvex_where_page_says():
    z = torch.linspace(-6, 6, 241, dtype=torch.float64, requires_grad=True)
    f = (1 - torch.sigmoid(z)) ** 2
    (d1,) = torch.autograd.grad(f.sum(), z, create_graph=True)
    (d2,) = torch.autograd.grad(d1.sum(), z)
    s = torch.sigmoid(z).detach()
    assert torch.allclose(d2, -2 * s * (1 - s) ** 2 * (1 - 3 * s))   # 页面上的二阶导
    neg = d2 < 0
    assert torch.equal(neg, z.detach() < -math.log(2))              # 负号区间正是 z < -ln 2
    text = page_text("ml/logistic-regression-loss.md")
    assert "-2\\sigma(1-\\sigma)^2(1-3\\sigma)" in text and "z<-\\ln 2" in text


def test_stable_bce_formula():
    z = torch.tensor([-80.0, -3.0, -0.5, 0.0, 0.7, 5.0, 90.0], dtype=torch.float64)
    for yv in (0.0, 1.0):
        y = torch.full_like(z, yv)
        stable = torch.clamp(z, min=0) - z * y + torch.log1p(torch.exp(-z.abs()))
        ref = F.binary_cross_entropy_with_logits(z, y, reduction="none")
        assert torch.allclose(stable, ref)
    assert "\\max(z, 0) - z\\,y + \\log\\big(1 + e^{-\\lvert z\\rvert}\\big)" in page_text(
        "ml/logistic-regression-loss.md")


def test_linear_vs_logistic_example():
    x0 = np.r_[np.arange(1.0, 6.0), np.arange(6.0, 11.0)]
    y0 = np.r_[np.zeros(5), np.ones(5)]

    def lin(x, y):
        a, b = np.linalg.lstsq(np.c_[np.ones_like(x), x], y, rcond=None)[0]
        return a, b, (0.5 - a) / b

    def logistic_boundary(x, y, lam=0.1):
        A = np.c_[np.ones_like(x), x]
        w = np.zeros(2)
        reg = np.diag([0.0, lam])
        for _ in range(60):
            p = 1 / (1 + np.exp(-A @ w))
            w -= np.linalg.solve(A.T @ (A * (p * (1 - p))[:, None]) + reg, A.T @ (p - y) + reg @ w)
        return -w[0] / w[1]

    text = page_text("ml/logistic-vs-linear.md")
    a, b, t = lin(x0, y0)
    assert f"$\\hat y = {a:.3f} + {b:.4f}x$" in text and f"$x = {t:.2f}$ 处过 0.5" in text
    x1, y1 = np.r_[x0, 40.0], np.r_[y0, 1.0]
    a, b, t = lin(x1, y1)
    assert f"$\\hat y = {a:.3f} + {b:.4f}x$" in text and f"边界右移到 {t:.2f}" in text
    assert 6.0 < t  # x = 6 被分错
    for x, y in ((x0, y0), (x1, y1)):
        assert f"{logistic_boundary(x, y):.2f}" == "5.50"
    assert "边界在两种情况下都是 5.50" in text


# ------------------------------------------------------------------ 分类指标
SCORES = np.array([0.95, 0.85, 0.80, 0.70, 0.60, 0.55, 0.45, 0.40, 0.30, 0.20])
LABELS = np.array([1, 1, 0, 1, 1, 0, 0, 1, 0, 0])


def _auc(scores, labels):
    pos, neg = scores[labels == 1], scores[labels == 0]
    d = pos[:, None] - neg[None, :]
    return (d > 0).mean() + 0.5 * (d == 0).mean()


def _ap(scores, labels):
    order = np.argsort(-scores, kind="stable")
    hits = labels[order] == 1
    prec = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return prec[hits].mean()


def test_metrics_worked_example():
    text = page_text("ml/classification-metrics.md")
    # 表格每一行
    tp, fp = np.cumsum(LABELS), np.cumsum(1 - LABELS)
    for k in range(10):
        row = (f"| {SCORES[k]:.2f} | {'正' if LABELS[k] else '负'} | {tp[k]} | {fp[k]} | "
               f"{tp[k] / 5:.1f} | {fp[k] / 5:.1f} | {tp[k] / (k + 1):.3f} |")
        assert row in text, row
    pred = SCORES >= 0.5
    TP = int((pred & (LABELS == 1)).sum())
    FP = int((pred & (LABELS == 0)).sum())
    FN = int((~pred & (LABELS == 1)).sum())
    TN = int((~pred & (LABELS == 0)).sum())
    assert "TP = 4，FP = 2，FN = 1，TN = 3" in text and (TP, FP, FN, TN) == (4, 2, 1, 3)
    P, R = TP / (TP + FP), TP / (TP + FN)
    f1 = 2 * P * R / (P + R)
    f2 = 5 * P * R / (4 * P + R)
    assert f"准确率 = 7/10 = {(TP + TN) / 10:.3f}" in text
    assert f"精确率 = 4/6 = {P:.3f}" in text and f"召回率 = 4/5 = {R:.3f}" in text
    assert f"F1 = 2×4/(2×4+2+1) = 8/11 = {f1:.3f}" in text and f"$F_2$ = {f2:.3f}" in text
    auc = _auc(SCORES, LABELS)
    # 与按 ROC 点梯形积分的结果一致
    tpr, fpr = np.r_[0, tp / 5], np.r_[0, fp / 5]
    assert math.isclose(np.trapezoid(tpr, fpr) if hasattr(np, "trapezoid") else np.trapz(tpr, fpr), auc)
    assert f"AUC = 20/25 = {auc:.3f}" in text
    assert f"AP = {_ap(SCORES, LABELS):.3f}" in text
    # 负样本扩大 10 倍
    s10 = np.r_[SCORES[LABELS == 1], np.repeat(SCORES[LABELS == 0], 10)]
    l10 = np.r_[np.ones(5, int), np.zeros(50, int)]
    p10 = ((s10 >= 0.5) & (l10 == 1)).sum() / (s10 >= 0.5).sum()
    assert math.isclose(_auc(s10, l10), auc)
    assert f"4/24 = {p10:.3f}" in text and f"AP 从 0.835 降到 {_ap(s10, l10):.3f}" in text


# ------------------------------------------------------------------ k-means
KM_X = np.array([[1, 1], [2, 1], [1, 2], [2, 2], [4, 3], [6, 5], [7, 5], [6, 6], [7, 7]], float)


def _fmt_pt(p):
    return "(" + ", ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in p) + ")"


def test_kmeans_worked_example():
    text = page_text("ml/kmeans.md")
    names = "ABCDEFGHI"
    mu = KM_X[[0, 1]].copy()
    rows = []
    for t in range(1, 10):
        d2 = ((KM_X[:, None] - mu[None]) ** 2).sum(-1)
        lab = d2.argmin(1)
        assert (np.sort(d2, 1)[:, 1] - np.sort(d2, 1)[:, 0] > 1e-9).all()  # 无平局
        j_assign = ((KM_X - mu[lab]) ** 2).sum()
        new = np.stack([KM_X[lab == k].mean(0) for k in range(2)])
        j_update = ((KM_X - new[lab]) ** 2).sum()
        groups = ["、".join(n for n, l in zip(names, lab) if l == k) for k in range(2)]
        converged = np.allclose(new, mu)
        centres = "不变，停止" if converged else "，".join(_fmt_pt(c) for c in new)
        rows.append(f"| {t} | {groups[0]} | {groups[1]} | {j_assign:.2f} | {centres} | {j_update:.2f} |")
        if converged:
            break
        mu = new
    assert len(rows) == 4
    for row in rows:
        assert row in text, row
    assert "$(2, 1.8)$ 与 $(6.5, 5.75)$，$J = 12.55$" in text
    # 穷举验证“恰好也是全局最优”
    best = min(((KM_X[m == 0] - KM_X[m == 0].mean(0)) ** 2).sum()
               + ((KM_X[m == 1] - KM_X[m == 1].mean(0)) ** 2).sum()
               for bits in itertools.product([0, 1], repeat=8)
               for m in [np.array((0,) + bits)] if m.any())
    assert f"{best:.2f}" == "12.55"
    # 文中 E 在第 3 轮到两个中心的平方距离
    e = KM_X[4]
    assert f"{((e - [1.5, 1.5]) ** 2).sum():g} 和 {((e - [6, 5.2]) ** 2).sum():.2f}" in text


# ------------------------------------------------------------------ DBSCAN
DB_X = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [5, 3], [6, 3], [5, 4], [6, 4], [7, 4],
                 [3.5, 2.5], [8, 0], [8, 1]], float)


def _dbscan_reference(X, eps, min_pts):
    """与页面/snippet 的广度优先实现不同：核心点图的连通分量 + 边界点挂到相邻核心点。"""
    n = len(X)
    adj = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1)) <= eps
    core = adj.sum(1) >= min_pts
    comp = -np.ones(n, int)
    c = 0
    for s in range(n):                      # 核心点之间的连通分量（并查集的朴素版）
        if core[s] and comp[s] < 0:
            stack, comp[s] = [s], c
            while stack:
                u = stack.pop()
                for v in np.flatnonzero(adj[u] & core):
                    if comp[v] < 0:
                        comp[v] = c
                        stack.append(v)
            c += 1
    kinds, clusters = [], []
    for i in range(n):
        if core[i]:
            kinds.append("核心点")
            clusters.append(comp[i] + 1)
        else:
            owners = {comp[j] for j in np.flatnonzero(adj[i] & core)}
            assert len(owners) <= 1                 # 本例没有归属有歧义的边界点
            kinds.append("边界点" if owners else "噪声")
            clusters.append(owners.pop() + 1 if owners else None)
    return adj.sum(1), kinds, clusters


def test_dbscan_example_table():
    text = page_text("ml/dbscan.md")
    counts, kinds, clusters = _dbscan_reference(DB_X, 1.5, 4)
    for name, p, cnt, kind, cl in zip("ABCDEFGHIJKLM", DB_X, counts, kinds, clusters):
        row = f"| {name} | ({p[0]:g}, {p[1]:g}) | {cnt} | {kind} | {cl if cl else '—'} |"
        assert row in text, row
    assert kinds.count("核心点") == 8 and kinds.count("噪声") == 3


# ------------------------------------------------------------------ 分层抽样
def test_stratified_sampling_numbers():
    text = page_text("ml/stratified-sampling.md")
    W = np.array([0.5, 0.3, 0.2])
    Yb = np.array([10.0, 20.0, 50.0])
    S = np.array([2.0, 5.0, 20.0])
    n = 100
    mean = W @ Yb
    within, between = W @ S**2, W @ (Yb - mean) ** 2
    assert f"$\\bar Y = 0.5\\times10 + 0.3\\times20 + 0.2\\times50 = {mean:g}$" in text
    assert f"= {within:g}$，层间方差" in text and f"= {between:g}$。抽" in text
    assert f"= {(within + between) / n:.3f}$" in text
    assert f"$\\mathrm{{Var}} = 89.5/100 = {within / n:.3f}$" in text
    assert f"= {(W @ S) ** 2 / n:.4f}$" in text
    alloc = n * W * S / (W @ S)
    assert "约为 " + "、".join(f"{a:.1f}" for a in alloc) in text
    assert f"约 {math.sqrt((W @ S) ** 2 / (within + between)):.0%}" in text
    # 全方差分解：SRS - 比例 = 层间方差 / n；比例 - Neyman = Σ W_h (S_h - S̄)² / n
    assert math.isclose(within - (W @ S) ** 2, W @ (S - W @ S) ** 2)
