"""激活函数章节与 Softmax/交叉熵/损失函数/log-sum-exp 页面的内容测试。

核对页面上的公式（对照 torch.nn.functional 与 autograd）以及页面上印出的每个算例数字。
"""
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from conftest import page_text

ROOT = Path(__file__).resolve().parents[1]
D64 = torch.float64


def _x(lo=-6.0, hi=6.0, n=2401):
    x = torch.linspace(lo, hi, n, dtype=D64)
    return x[x.abs() > 1e-9]  # 跳过 ReLU 类函数的不可导点 0


def _autograd(fn, x):
    xr = x.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(fn(xr).sum(), xr)
    return g


def _phi_cdf(t):
    return 0.5 * (1 + torch.erf(t / math.sqrt(2)))


def _phi_pdf(t):
    return torch.exp(-t**2 / 2) / math.sqrt(2 * math.pi)


SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772
s = torch.sigmoid

# 名称 -> (页面上的公式 f, 页面上的导数 f', PyTorch 实现)
ACTIVATIONS = {
    "sigmoid": (lambda t: 1 / (1 + torch.exp(-t)), lambda t: s(t) * (1 - s(t)), torch.sigmoid),
    "tanh": (lambda t: 2 * s(2 * t) - 1, lambda t: 1 - torch.tanh(t) ** 2, torch.tanh),
    "relu": (lambda t: torch.clamp(t, min=0), lambda t: (t > 0).to(D64), F.relu),
    "leaky_relu": (
        lambda t: torch.where(t > 0, t, 0.01 * t),
        lambda t: torch.where(t > 0, torch.ones_like(t), torch.full_like(t, 0.01)),
        F.leaky_relu,  # 默认 negative_slope = 0.01
    ),
    "prelu": (
        lambda t: torch.where(t > 0, t, 0.25 * t),
        lambda t: torch.where(t > 0, torch.ones_like(t), torch.full_like(t, 0.25)),
        lambda t: F.prelu(t, torch.tensor([0.25], dtype=D64)),
    ),
    "elu": (
        lambda t: torch.where(t > 0, t, torch.exp(t) - 1),
        lambda t: torch.where(t > 0, torch.ones_like(t), torch.exp(t)),
        F.elu,
    ),
    "selu": (
        lambda t: SELU_LAMBDA * torch.where(t > 0, t, SELU_ALPHA * (torch.exp(t) - 1)),
        lambda t: SELU_LAMBDA * torch.where(t > 0, torch.ones_like(t), SELU_ALPHA * torch.exp(t)),
        F.selu,
    ),
    "silu": (lambda t: t * s(t), lambda t: s(t) * (1 + t * (1 - s(t))), F.silu),
    "gelu": (lambda t: t * _phi_cdf(t), lambda t: _phi_cdf(t) + t * _phi_pdf(t), F.gelu),
    "gelu_tanh": (
        lambda t: 0.5 * t * (1 + torch.tanh(math.sqrt(2 / math.pi) * (t + 0.044715 * t**3))),
        None,
        lambda t: F.gelu(t, approximate="tanh"),
    ),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_formula_and_derivative(name):
    f, df, torch_f = ACTIVATIONS[name]
    x = _x()
    assert torch.allclose(f(x), torch_f(x), atol=1e-12, rtol=0), name
    if df is not None:
        assert torch.allclose(df(x), _autograd(torch_f, x), atol=1e-12, rtol=0), name


def test_alternative_derivative_forms():
    x = _x()
    # ELU: 负半轴 alpha*e^x = ELU(x) + alpha
    neg = x[x < 0]
    assert torch.allclose(_autograd(F.elu, neg), F.elu(neg) + 1.0, atol=1e-12)
    # SiLU: f' = f + sigma (1 - f)
    fx = F.silu(x)
    assert torch.allclose(_autograd(F.silu, x), fx + s(x) * (1 - fx), atol=1e-12)
    # PReLU 对斜率 a 的梯度：x <= 0 时为 x
    a = torch.tensor([0.25], dtype=D64, requires_grad=True)
    (ga,) = torch.autograd.grad(F.prelu(neg, a).sum(), a)
    assert torch.isclose(ga[0], neg.sum())
    # GELU 二阶导 = phi(x) (2 - x^2)，导数在 sqrt(2) 处最大
    xr = x.clone().requires_grad_(True)
    (g1,) = torch.autograd.grad(F.gelu(xr).sum(), xr, create_graph=True)
    (g2,) = torch.autograd.grad(g1.sum(), xr)
    assert torch.allclose(g2, _phi_pdf(x) * (2 - x**2), atol=1e-12)


def test_pytorch_defaults_stated_on_pages():
    assert nn.LeakyReLU().negative_slope == 0.01
    assert nn.PReLU().weight.item() == 0.25 and nn.PReLU().num_parameters == 1
    assert nn.ELU().alpha == 1.0
    # ReLU 在 0 处取次梯度 0
    z = torch.zeros(1, requires_grad=True)
    F.relu(z).backward()
    assert z.grad.item() == 0.0
    assert nn.init.calculate_gain("sigmoid") == 1
    assert math.isclose(nn.init.calculate_gain("tanh"), 5 / 3)
    assert math.isclose(nn.init.calculate_gain("relu"), math.sqrt(2))
    assert math.isclose(nn.init.calculate_gain("selu"), 3 / 4)
    a = 0.01
    assert math.isclose(nn.init.calculate_gain("leaky_relu", a), math.sqrt(2 / (1 + a**2)))
    text = page_text("activation/choose-activation.md")
    assert f"\\sqrt{{2}} \\approx {math.sqrt(2):.4f}" in text
    assert f"约 ${nn.init.calculate_gain('leaky_relu', 0.01):.4f}$" in text
    assert "$5/3$" in text and "$3/4$" in text


def test_sigmoid_derivative_max_and_saturation():
    x = torch.linspace(-10, 10, 200001, dtype=D64)
    d = _autograd(torch.sigmoid, x)
    i = int(d.argmax())
    assert abs(x[i].item()) < 1e-9 and abs(d[i].item() - 0.25) < 1e-15
    d5 = _autograd(torch.sigmoid, torch.tensor([5.0], dtype=D64)).item()
    assert f"{d5:.4f}" == "0.0066" and d5 / 0.25 < 0.03
    for rel in ("activation/common-activations.md", "activation/relu-vs-sigmoid.md"):
        text = page_text(rel)
        assert "0.0066" in text
        assert "\\frac14" in text or "1/4" in text
    assert "不到峰值的 3%" in page_text("activation/common-activations.md")
    assert f"{0.25 ** 10:.2e}" == "9.54e-07"
    assert "(1/4)^{10} \\approx 9.54 \\times 10^{-7}" in page_text("activation/relu-vs-sigmoid.md")


def test_tanh_is_scaled_sigmoid_on_page():
    x = _x()
    assert torch.allclose(torch.tanh(x), 2 * torch.sigmoid(2 * x) - 1, atol=1e-15)
    assert "2\\sigma(2x) - 1" in page_text("activation/common-activations.md")


def test_xor_example():
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    h = torch.relu(X @ torch.ones(2, 2).T + torch.tensor([0.0, -1.0]))
    y = h @ torch.tensor([1.0, -2.0])
    assert y.tolist() == [0.0, 1.0, 1.0, 0.0]
    text = page_text("activation/why-nonlinearity.md")
    for (a, b), v in zip(X.int().tolist(), y.int().tolist()):
        assert f"$({a},{b})\\to {v}$" in text or f"$({a},{b})\\to 2 - 2 = {v}$" in text


def test_selu_constants_on_page():
    text = page_text("activation/common-activations.md")
    lam, alpha = nn.SELU()(torch.tensor([1.0], dtype=D64)).item(), None
    assert math.isclose(lam, SELU_LAMBDA)
    alpha = nn.SELU()(torch.tensor([-50.0], dtype=D64)).item() / -SELU_LAMBDA
    assert math.isclose(alpha, SELU_ALPHA, rel_tol=1e-12)
    assert f"\\lambda \\approx {SELU_LAMBDA:.4f}" in text and f"\\alpha \\approx {SELU_ALPHA:.4f}" in text
    assert f"{-SELU_LAMBDA * SELU_ALPHA:.4f}" == "-1.7581" and "-1.7581" in text
    assert "1.0507" in page_text("activation/leaky-relu.md") and "1.6733" in page_text("activation/leaky-relu.md")


def _silu_min():
    x = -1.0
    for _ in range(40):
        sg = 1 / (1 + math.exp(-x))
        g = 1 + x * (1 - sg)
        x -= g / ((1 - sg) - x * sg * (1 - sg))
    return x, x / (1 + math.exp(-x))


def test_swish_minimum_and_derivative():
    x_star, f_star = _silu_min()
    grid = torch.linspace(-5, 5, 200001, dtype=D64)
    y = F.silu(grid)
    i = int(y.argmin())
    assert abs(grid[i].item() - x_star) < 1e-4 and abs(y[i].item() - f_star) < 1e-9
    assert math.isclose(f_star, x_star + 1, abs_tol=1e-12)
    xs, fs = f"{x_star:.4f}", f"{f_star:.4f}"
    assert (xs, fs) == ("-1.2785", "-0.2785")
    for rel in ("activation/swish.md", "activation/common-activations.md"):
        text = page_text(rel)
        assert f"x \\approx {xs}" in text and fs in text
    text = page_text("activation/swish.md")
    d = _autograd(F.silu, grid)
    j = int(d.argmax())
    assert f"{grid[j].item():.4f}" == "2.3994" and f"{d[j].item():.4f}" == "1.0998"
    assert "x \\approx 2.3994" in text and "约 $1.0998$" in text
    assert abs(d[100000].item() - 0.5) < 1e-12 and "f'(0) = 1/2" in text
    assert abs(d.min().item()) < 0.1 and "不超过约 0.1" in text
    # Swish_beta(x) = SiLU(beta x) / beta
    beta = 1.702
    assert torch.allclose(grid * torch.sigmoid(beta * grid), F.silu(beta * grid) / beta, atol=1e-12)


def test_swiglu_llama_hidden_size():
    d = 4096
    hidden = int(2 * 4 * d / 3)
    hidden = 256 * ((hidden + 255) // 256)
    assert hidden == 11008
    text = page_text("activation/swish.md")
    assert "d = 4096" in text and "d_\\text{ff} = 11008" in text
    assert 3 * d * (8 * d / 3) == 8 * d**2 == 2 * d * 4 * d


def test_gelu_approximation_errors_and_extrema():
    x = torch.linspace(-10, 10, 200001, dtype=D64)
    exact = x * _phi_cdf(x)
    assert torch.allclose(exact, F.gelu(x), atol=1e-15)
    e_tanh = (F.gelu(x, approximate="tanh") - exact).abs()
    e_sig = (x * torch.sigmoid(1.702 * x) - exact).abs()
    i, j = int(e_tanh.argmax()), int(e_sig.argmax())
    text = page_text("activation/gelu.md")
    m, e = f"{e_tanh[i].item():.2e}".split("e")
    assert (m, int(e)) == ("4.73", -4)
    assert f"{m} \\times 10^{{{int(e)}}}" in text
    assert f"\\lvert x\\rvert \\approx {abs(x[i].item()):.2f}" in text
    m2, e2 = f"{e_sig[j].item():.2e}".split("e")
    assert f"{m2} \\times 10^{{{int(e2)}}}" in text
    assert f"\\lvert x\\rvert \\approx {abs(x[j].item()):.2f}" in text
    k = int(exact.argmin())
    assert f"{exact[k].item():.4f}" == "-0.1700" and f"{x[k].item():.4f}" == "-0.7518"
    assert "-0.1700" in text and "-0.7518" in text
    g = _autograd(F.gelu, torch.tensor([math.sqrt(2), 0.0], dtype=D64))
    assert f"{g[0].item():.4f}" == "1.1289" and "约 $1.1289$" in text and g[1].item() == 0.5
    c = 2 / (3 * math.pi) - 1 / 6
    assert f"{c:.4f}" == "0.0455" and "\\approx 0.0455" in text
    # 两种近似均满足 f(x) - f(-x) = x，误差关于 0 对称
    assert torch.allclose(e_tanh, e_tanh.flip(0), atol=1e-12)
    assert torch.allclose(e_sig, e_sig.flip(0), atol=1e-12)


def test_output_layer_bce_example():
    z = torch.tensor([-200.0], requires_grad=True)
    y = torch.tensor([1.0])
    naive = nn.BCELoss()(torch.sigmoid(z), y)
    (g_naive,) = torch.autograd.grad(naive, z)
    fused = nn.BCEWithLogitsLoss()(z, y)
    (g_fused,) = torch.autograd.grad(fused, z)
    assert naive.item() == 100.0 and g_naive.item() == 0.0
    assert fused.item() == 200.0 and g_fused.item() == -1.0
    text = page_text("activation/output-activation.md")
    assert "z = -200" in text and "损失是 100（真实值是 200）" in text and "= -1$" in text


def test_stable_bce_formula():
    z = torch.tensor([-800.0, -30.0, -1.5, 0.0, 2.0, 40.0, 900.0], dtype=D64)
    for yv in (0.0, 1.0, 0.3):
        y = torch.full_like(z, yv)
        stable = torch.clamp(z, min=0) - z * y + torch.log1p(torch.exp(-z.abs()))
        ref = F.binary_cross_entropy_with_logits(z, y, reduction="none")
        assert torch.allclose(stable, ref, atol=1e-12)
    for rel in ("activation/output-activation.md", "optimization/log-sum-exp.md"):
        assert "\\max(z, 0) - z" in page_text(rel) and "e^{-\\lvert z\\rvert}" in page_text(rel)


def test_softmax_numbers_jacobian_and_two_class():
    z = torch.tensor([2.0, 1.0, 0.1], dtype=D64)
    text = page_text("optimization/softmax.md")

    def fmt(v):
        return "(" + ", ".join(f"{t:.3f}" for t in v.tolist()) + ")"

    p = torch.softmax(z, 0)
    assert f"\\mathbf{{p}} \\approx {fmt(p)}" in text
    assert fmt(p) == "(0.659, 0.242, 0.099)"
    for T in (0.5, 2):
        assert f"$T = {T}$ 时 $\\mathbf{{p}} \\approx {fmt(torch.softmax(z / T, 0))}$" in text
    assert f"{math.e:.3f}" in text
    J = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), z)
    assert torch.allclose(J, torch.diag(p) - torch.outer(p, p), atol=1e-14)
    assert torch.allclose(J.sum(1), torch.zeros(3, dtype=D64), atol=1e-14)
    assert torch.linalg.matrix_rank(J).item() == 2
    # 向量-雅可比积 J^T g = p ⊙ (g - (g·p) 1)
    g = torch.tensor([0.3, -1.2, 2.0], dtype=D64)
    assert torch.allclose(J.T @ g, p * (g - (g @ p)), atol=1e-14)
    assert "\\operatorname{diag}(\\mathbf{p}) - \\mathbf{p}\\mathbf{p}^\\top" in text
    assert torch.allclose(torch.softmax(z + 123.0, 0), p)
    z2 = torch.tensor([0.7, -0.4], dtype=D64)
    assert torch.isclose(torch.softmax(z2, 0)[0], torch.sigmoid(z2[0] - z2[1]))


def test_cross_entropy_gradient_and_numbers():
    z = torch.tensor([[2.0, 1.0, 0.1]], dtype=D64, requires_grad=True)
    for target in (torch.tensor([0]), torch.tensor([2]), torch.tensor([[0.9, 0.05, 0.05]], dtype=D64)):
        loss = F.cross_entropy(z, target)
        (g,) = torch.autograd.grad(loss, z)
        y = F.one_hot(target, 3).to(D64) if target.dtype == torch.long else target
        p = torch.softmax(z.detach(), 1)
        assert torch.allclose(g, p - y, atol=1e-14)
        # 内部等于 log_softmax + NLL
        assert torch.isclose(loss, -(y * F.log_softmax(z, 1)).sum())
    text = page_text("optimization/cross-entropy.md")
    p = torch.softmax(z.detach(), 1)[0]
    L = -math.log(p[0].item())
    assert f"$L = -\\log {p[0].item():.3f} \\approx {L:.3f}$" in text
    grad = p - torch.tensor([1.0, 0, 0], dtype=D64)
    assert "(" + ", ".join(f"{v:.3f}" for v in grad.tolist()) + ")" in text
    # MSE+Sigmoid vs CE，y = 1，z = -5
    a = torch.sigmoid(torch.tensor(-5.0, dtype=D64)).item()
    g_mse, g_ce = (a - 1) * a * (1 - a), a - 1
    assert f"a \\approx {a:.4f}" in text
    assert f"约 ${g_mse:.4f}$" in text and f"约 ${g_ce:.4f}$" in text
    assert f"相差约 {round(g_ce / g_mse)} 倍" in text
    for K in (10, 1000):
        L0 = F.cross_entropy(torch.zeros(1, K, dtype=D64), torch.tensor([0])).item()
        assert math.isclose(L0, math.log(K)) and f"${L0:.4f}$" in text


def test_loss_vs_cost_example():
    pred = torch.tensor([2.5, 0.0, 5.0], dtype=D64)
    target = torch.tensor([2.0, 1.0, 2.0], dtype=D64)
    r = pred - target
    assert r.tolist() == [0.5, -1.0, 3.0]
    mse = F.mse_loss(pred, target).item()
    mae = F.l1_loss(pred, target).item()
    hub = F.huber_loss(pred, target, delta=1.0).item()
    assert math.isclose(hub, F.smooth_l1_loss(pred, target, beta=1.0).item())
    assert math.isclose(F.smooth_l1_loss(pred, target, beta=2.0).item(),
                        F.huber_loss(pred, target, delta=2.0).item() / 2.0)
    text = page_text("optimization/loss-vs-cost.md")
    assert f"\\approx {mse:.4f}" in text and f"= {mae:g}" in text and f"\\approx {hub:.4f}" in text
    per = 0.5 * r.abs().clamp(max=1) ** 2 + (r.abs() - 1).clamp(min=0) * 1.0
    assert [round(v, 3) for v in per.tolist()] == [0.125, 0.5, 2.5] and "(0.125 + 0.5 + 2.5)/3" in text
    share = 9 / (r**2).sum().item()
    assert f"{share:.1%}" == "87.8%" and "87.8%" in text


def test_log_sum_exp_worked_example():
    z = np.array([1000.0, 1001.0, 1002.0])
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)
        naive = e / e.sum()
    assert np.all(np.isinf(e)) and np.all(np.isnan(naive))
    # float32 的 torch 朴素实现同样得到 NaN，内置实现稳定
    t = torch.tensor(z, dtype=torch.float32)
    assert torch.isnan(torch.exp(t) / torch.exp(t).sum()).all()
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum())
    assert abs(torch.logsumexp(t, 0).item() - lse) < 1e-3
    assert np.allclose(F.log_softmax(t, 0).numpy(), z - lse, atol=1e-5)
    assert np.allclose(torch.softmax(t, 0).numpy(), np.exp(z - lse), atol=1e-6)
    text = page_text("optimization/log-sum-exp.md")
    terms = np.exp(z - m)
    assert f"\\approx {terms[0]:.4f} + {terms[1]:.4f} + 1 = {terms.sum():.4f}" in text
    assert f"1002 + \\log {terms.sum():.4f} \\approx {lse:.4f}" in text
    assert "(" + ", ".join(f"{v:.4f}" for v in (z - lse)) + ")" in text
    assert "(" + ", ".join(f"{v:.4f}" for v in np.exp(z - lse)) + ")" in text
    # 下溢的例子
    zn = -z
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.all(np.exp(zn) == 0) and np.all(np.isnan(np.exp(zn) / np.exp(zn).sum()))
    lse_n = zn.max() + np.log(np.exp(zn - zn.max()).sum())
    assert abs(torch.logsumexp(torch.tensor(zn), 0).item() - lse_n) < 1e-9
    assert f"\\approx {lse_n:.4f}" in text
    # LSE 的上下界
    upper = 1002 + math.log(3)
    assert m <= lse <= upper and f"\\approx {upper:.4f}" in text
    # log(softmax) vs log_softmax
    small = torch.tensor([0.0, -200.0])
    assert torch.isinf(torch.log(torch.softmax(small, 0))[1]) and F.log_softmax(small, 0)[1].item() == -200.0
    # 浮点上溢阈值表
    for dt, thr in ((torch.float16, "11.09"), (torch.float32, "88.72"), (torch.float64, "709.78")):
        assert f"{math.log(torch.finfo(dt).max):.2f}" == thr and f"$x > {thr}$" in text
    assert math.isclose(math.log(torch.finfo(torch.bfloat16).max), 88.72, abs_tol=0.01)
    assert torch.finfo(torch.float16).max == 65504 and "65504" in text
    assert torch.exp(torch.tensor(-104.0)).item() == 0.0 and "e^{-104}" in text
    assert torch.isinf(torch.exp(torch.tensor(89.0))) and "e^{89}" in text
    assert torch.isinf(torch.exp(torch.tensor(12.0, dtype=torch.float16)))
    # 减去最大值时对 m 的梯度为 0：detach 与否梯度相同
    zz = torch.tensor([3.0, -1.0, 7.5], dtype=D64, requires_grad=True)
    (g1,) = torch.autograd.grad(zz.max() + torch.log(torch.exp(zz - zz.max()).sum()), zz)
    mm = zz.max().detach()
    (g2,) = torch.autograd.grad(mm + torch.log(torch.exp(zz - mm).sum()), zz)
    assert torch.allclose(g1, g2) and torch.allclose(g1, torch.softmax(zz.detach(), 0))


def test_activation_figure_small_and_used():
    # 与代码逐字节一致由共享测试 test_figures_and_snippets.py 负责（它重新生成全部插图）
    committed = ROOT / "docs/assets/figures/activation/functions-and-derivatives.svg"
    data = committed.read_bytes()
    assert len(data) < 60_000 and b"<svg" in data
    for rel in ("activation/common-activations.md", "activation/relu-vs-sigmoid.md"):
        assert "../assets/figures/activation/functions-and-derivatives.svg" in page_text(rel)


PAGES = [
    "activation/why-nonlinearity.md", "activation/common-activations.md", "activation/relu-vs-sigmoid.md",
    "activation/output-activation.md", "activation/leaky-relu.md", "activation/swish.md",
    "activation/gelu.md", "activation/choose-activation.md", "optimization/softmax.md",
    "optimization/cross-entropy.md", "optimization/loss-vs-cost.md", "optimization/log-sum-exp.md",
]


@pytest.mark.parametrize("rel", PAGES)
def test_page_snippets_exist(rel):
    text = page_text(rel)
    for snip in re.findall(r'--8<-- "([^"]+)"', text):
        assert (ROOT / "docs/_snippets" / snip).is_file(), snip
