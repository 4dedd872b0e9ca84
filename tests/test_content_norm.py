"""归一化与正则化章节（BN 家族、LN 等、数据标准化、Dropout、DropConnect）的内容测试。

把页面上的公式与 PyTorch 模块的真实行为对照，并检查页面上每个算例数字与计算结果一致。
"""
from __future__ import annotations

import importlib.util
import itertools
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

try:
    from conftest import page_text
except ImportError:  # pragma: no cover - conftest 总是存在，这里只为独立运行
    def page_text(rel: str) -> str:
        return (Path(__file__).parents[1] / "docs" / rel).read_text(encoding="utf-8")

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "batch-norm.md", "bn-train-vs-inference.md", "bn-batch-statistics.md", "bn-placement.md",
    "bn-parameters.md", "bn-pros-cons.md", "layer-norm.md", "data-normalization.md", "dropout.md",
    "dropconnect.md",
]


def norm_page(name: str) -> str:
    return page_text(f"normalization/{name}")


# ------------------------------------------------------------------------------------------
# 页面结构
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGES)
def test_page_sections_in_order(name):
    text = norm_page(name)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    required = ["一句话回答", "详细解释", "常见追问", "易错点", "参考", "相关问题"]
    assert [h for h in headings if h in required] == required
    assert set(headings) <= set(required) | {"代码"}
    assert not re.search(r"^# ", text, flags=re.M)


# ------------------------------------------------------------------------------------------
# BN：滑动统计量、推理时的固定仿射映射、折叠
# ------------------------------------------------------------------------------------------
def _manual_running_stats(batches, momentum):
    C = batches[0].shape[1]
    mean, var = torch.zeros(C, dtype=torch.float64), torch.ones(C, dtype=torch.float64)
    for t, x in enumerate(batches, start=1):
        dims = (0, 2, 3)
        m = x.numel() // C
        mu_b = x.mean(dim=dims)
        var_b = x.var(dim=dims, unbiased=False)
        alpha = 1.0 / t if momentum is None else momentum
        mean = (1 - alpha) * mean + alpha * mu_b
        var = (1 - alpha) * var + alpha * var_b * m / (m - 1)      # 无偏方差
    return mean, var


@pytest.mark.parametrize("momentum", [0.1, 0.3, None])
def test_running_stats_match_module_buffers(momentum):
    g = torch.Generator().manual_seed(1)
    batches = [torch.randn(4, 3, 5, 5, generator=g, dtype=torch.float64) * (1 + k) + k for k in range(6)]
    bn = nn.BatchNorm2d(3, momentum=momentum).double().train()
    for x in batches:
        bn(x)
    mean, var = _manual_running_stats(batches, momentum)
    assert torch.allclose(bn.running_mean, mean, rtol=0, atol=1e-12)
    assert torch.allclose(bn.running_var, var, rtol=0, atol=1e-12)
    assert int(bn.num_batches_tracked) == len(batches)


def test_bn_default_hyperparameters():
    bn = nn.BatchNorm2d(8)
    assert bn.momentum == 0.1 and bn.eps == 1e-5
    assert torch.equal(bn.running_mean, torch.zeros(8)) and torch.equal(bn.running_var, torch.ones(8))
    assert torch.equal(bn.weight.detach(), torch.ones(8)) and torch.equal(bn.bias.detach(), torch.zeros(8))


def test_training_forward_uses_biased_batch_variance():
    x = torch.randn(3, 2, 2, 2, dtype=torch.float64)
    bn = nn.BatchNorm2d(2, affine=False).double().train()
    mu = x.mean(dim=(0, 2, 3), keepdim=True)
    var = x.var(dim=(0, 2, 3), unbiased=False, keepdim=True)
    assert torch.allclose(bn(x), (x - mu) / torch.sqrt(var + bn.eps), atol=1e-12)


def test_eval_is_fixed_affine_map():
    torch.manual_seed(0)
    bn = nn.BatchNorm2d(4).double()
    with torch.no_grad():
        bn.weight.uniform_(0.5, 2.0)
        bn.bias.uniform_(-1.0, 1.0)
    bn.train()
    for _ in range(7):
        bn(torch.randn(5, 4, 3, 3, dtype=torch.float64) * 2 + 0.7)
    bn.eval()
    x = torch.randn(2, 4, 3, 3, dtype=torch.float64)
    a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    b = bn.bias - a * bn.running_mean
    expected = a.view(1, -1, 1, 1) * x + b.view(1, -1, 1, 1)
    before = bn.running_mean.clone()
    out = bn(x)
    assert torch.allclose(out, expected, atol=1e-12)
    assert torch.equal(bn.running_mean, before)                 # eval 不更新缓冲区
    # 单个样本的输出与 batch 里其他样本无关
    assert torch.allclose(bn(x[:1]), out[:1], atol=1e-12)


def test_no_grad_does_not_switch_mode_and_still_updates_buffers():
    bn = nn.BatchNorm2d(2).train()
    with torch.no_grad():
        bn(torch.randn(4, 2, 3, 3) + 5)
    assert int(bn.num_batches_tracked) == 1 and bn.running_mean.abs().min() > 0.1


def test_batchnorm1d_single_sample_training_raises():
    bn = nn.BatchNorm1d(3).train()
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        bn(torch.randn(1, 3))
    bn.eval()
    assert bn(torch.randn(1, 3)).shape == (1, 3)


def test_fold_bn_into_conv():
    torch.manual_seed(0)
    conv = nn.Conv2d(3, 6, 3, padding=1, bias=True).double()
    bn = nn.BatchNorm2d(6).double()
    bn.train()
    for _ in range(5):
        bn(conv(torch.randn(8, 3, 7, 7, dtype=torch.float64)))
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
    bn.eval()
    a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    fused = nn.Conv2d(3, 6, 3, padding=1, bias=True).double()
    with torch.no_grad():
        fused.weight.copy_(conv.weight * a.view(-1, 1, 1, 1))
        fused.bias.copy_(a * (conv.bias - bn.running_mean) + bn.bias)
        x = torch.randn(2, 3, 7, 7, dtype=torch.float64)
        assert torch.allclose(fused(x), bn(conv(x)), atol=1e-10)


def test_keras_and_pytorch_momentum_conventions_agree():
    # PyTorch: (1-α)·old + α·new；Keras: ρ·old + (1-ρ)·new，ρ = 1 - α
    old, new, alpha = 3.0, 7.0, 0.01
    rho = 1 - alpha
    assert math.isclose((1 - alpha) * old + alpha * new, rho * old + (1 - rho) * new)


def test_train_vs_inference_page_numbers():
    text = norm_page("bn-train-vs-inference.md")
    assert f"{100 * (1 - 0.9 ** 10):.1f}%" == "65.1%" and "65.1%" in text
    assert f"{100 * (1 - 0.9 ** 50):.1f}%" == "99.5%" and "99.5%" in text
    assert f"{math.log(0.5) / math.log(0.9):.1f}" == "6.6" and r"\approx 6.6" in text
    assert round(math.log(0.5) / math.log(0.99)) == 69 and "半衰期约 69 步" in text
    assert "1/\\alpha = 10" in text and "默认 0.99" in text and "默认 0.1" in text
    assert r"\frac{m}{m-1}" in text


# ------------------------------------------------------------------------------------------
# BN：批统计量、反向传播、尺度不变性、偏置冗余
# ------------------------------------------------------------------------------------------
def test_bn_backward_formula_matches_autograd():
    torch.manual_seed(0)
    m, eps = 16, 1e-5
    x = torch.randn(m, 1, dtype=torch.float64, requires_grad=True)
    gamma = torch.tensor([1.7], dtype=torch.float64)
    g = torch.randn(m, 1, dtype=torch.float64)
    y = F.batch_norm(x, None, None, weight=gamma, training=True, eps=eps)
    (y * g).sum().backward()
    mu, var = x.detach().mean(0), x.detach().var(0, unbiased=False)
    xhat = (x.detach() - mu) / torch.sqrt(var + eps)
    gh = gamma * g                                  # 页面记号：g_i = ∂L/∂x̂_i = γ·∂L/∂y_i
    manual = (gh - gh.mean(0) - xhat * (gh * xhat).mean(0)) / torch.sqrt(var + eps)
    assert torch.allclose(x.grad, manual, atol=1e-12)


def test_stale_statistics_let_bias_drift_without_changing_output():
    # 原论文第 2 节的例子：把 E[x] 当常数求梯度，b 一直增长而输出不变。
    u = torch.tensor([0.3, -1.2, 2.0, 0.5], dtype=torch.float64)
    b = 0.0
    target = torch.tensor([1.0, 1.0, 1.0, 1.0], dtype=torch.float64)
    outs = []
    for _ in range(5):
        x = u + b
        xhat = x - x.mean()                       # 重新计算统计量后的输出
        outs.append(xhat.clone())
        grad_b = (2 * (xhat - target)).mean().item()   # 把 E[x] 当常数：∂x̂/∂b 误当成 1
        b -= 0.5 * grad_b
    assert b > 1.0                                # b 持续增长
    assert all(torch.allclose(o, outs[0]) for o in outs)    # 输出和损失始终不变


def test_two_sample_batch_gives_plus_minus_one():
    torch.manual_seed(0)
    bn = nn.BatchNorm1d(5, affine=False, eps=1e-12).double().train()
    out = bn(torch.randn(2, 5, dtype=torch.float64) * 10 + 3)
    assert torch.allclose(out.abs(), torch.ones(2, 5, dtype=torch.float64), atol=1e-9)
    assert torch.allclose(out[0], -out[1])


def test_batch_statistics_page_numbers():
    text = norm_page("bn-batch-statistics.md")
    assert math.ceil(1_281_167 / 256) == 5005 and "1,281,167" in text and "5005" in text
    assert f"{100 * math.sqrt(2 / 3):.0f}%" == "82%" and "约 82%" in text
    assert f"{100 * math.sqrt(2 / 31):.0f}%" == "25%" and "约 25%" in text
    assert f"{34.7 - 24.1:.1f}" == "10.6" and "34.7%" in text and "24.1%" in text and "10.6 个百分点" in text
    assert "r_{\\max}=3, d_{\\max}=5" in text


def test_batch_renorm_reduces_to_inference_formula_without_clipping():
    torch.manual_seed(0)
    x = torch.randn(32, dtype=torch.float64) * 2 + 1
    mu_run, sigma_run, eps = 0.8, 1.7, 1e-5
    mu_b = x.mean()
    sigma_b = torch.sqrt(x.var(unbiased=False) + eps)
    r = sigma_b / sigma_run
    d = (mu_b - mu_run) / sigma_run
    assert torch.allclose((x - mu_b) / sigma_b * r + d, (x - mu_run) / sigma_run, atol=1e-12)


def _bn_loss_grad(W, x, target):
    W = W.clone().requires_grad_(True)
    z = F.batch_norm(x @ W.T, None, None, training=True, eps=1e-12)
    loss = ((torch.tanh(z) - target) ** 2).mean()
    loss.backward()
    return loss.item(), W.grad


def test_bn_scale_invariance_gradient_scaling_and_orthogonality():
    torch.manual_seed(0)
    x = torch.randn(64, 10, dtype=torch.float64)
    target = torch.randn(64, 4, dtype=torch.float64)
    W = torch.randn(4, 10, dtype=torch.float64)
    L1, g1 = _bn_loss_grad(W, x, target)
    for a in (0.1, 10.0):
        La, ga = _bn_loss_grad(a * W, x, target)
        assert abs(La - L1) < 1e-10
        assert torch.allclose(ga, g1 / a, rtol=1e-7, atol=1e-12)
    assert torch.allclose((g1 * W).sum(dim=1), torch.zeros(4, dtype=torch.float64), atol=1e-10)
    # 梯度与权重正交 ⇒ 普通梯度下降一步后范数只增不减：|w - ηg|² = |w|² + η²|g|²
    eta = 0.3
    assert torch.allclose((W - eta * g1).norm() ** 2, W.norm() ** 2 + eta ** 2 * g1.norm() ** 2, atol=1e-9)


def test_conv_bias_before_bn_is_redundant():
    torch.manual_seed(0)
    c1 = nn.Conv2d(4, 6, 3, padding=1, bias=True).double()
    c2 = nn.Conv2d(4, 6, 3, padding=1, bias=False).double()
    with torch.no_grad():
        c2.weight.copy_(c1.weight)
        c1.bias.uniform_(-5, 5)
    x = torch.randn(5, 4, 6, 6, dtype=torch.float64)
    bn1, bn2 = nn.BatchNorm2d(6).double().train(), nn.BatchNorm2d(6).double().train()
    assert torch.allclose(bn1(c1(x)), bn2(c2(x)), atol=1e-10)


# ------------------------------------------------------------------------------------------
# BN 参数量
# ------------------------------------------------------------------------------------------
def _counts(m):
    return sum(p.numel() for p in m.parameters()), sum(b.numel() for b in m.buffers())


@pytest.mark.parametrize("C", [1, 3, 64, 256, 2048])
def test_bn_parameter_and_buffer_counts(C):
    assert _counts(nn.BatchNorm2d(C)) == (2 * C, 2 * C + 1)
    assert _counts(nn.BatchNorm1d(C)) == (2 * C, 2 * C + 1)
    assert _counts(nn.BatchNorm2d(C, affine=False)) == (0, 2 * C + 1)
    assert _counts(nn.BatchNorm2d(C, track_running_stats=False)) == (2 * C, 0)
    assert list(nn.BatchNorm2d(C).state_dict()) == [
        "weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    assert nn.BatchNorm2d(C).num_batches_tracked.dtype == torch.int64


def _resnet50(num_classes=1000):
    """与 torchvision resnet50 相同层配置的最小实现（只用于数参数）。"""
    def bottleneck(cin, width, stride, down):
        layers = [nn.Conv2d(cin, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                  nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                  nn.Conv2d(width, 4 * width, 1, bias=False), nn.BatchNorm2d(4 * width)]
        if down:
            layers += [nn.Conv2d(cin, 4 * width, 1, stride, bias=False), nn.BatchNorm2d(4 * width)]
        return nn.Sequential(*layers)

    mods = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64)]
    cin = 64
    for blocks, width, stride in zip([3, 4, 6, 3], [64, 128, 256, 512], [1, 2, 2, 2]):
        for i in range(blocks):
            mods.append(bottleneck(cin, width, stride if i == 0 else 1, down=(i == 0)))
            cin = 4 * width
    mods.append(nn.Linear(2048, num_classes))
    return nn.Sequential(*mods)


def test_resnet50_bn_counts_and_page_numbers():
    with torch.device("meta"):
        net = _resnet50()
    total = sum(p.numel() for p in net.parameters())
    bns = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    bn_params = sum(p.numel() for m in bns for p in m.parameters())
    assert total == 25_557_032
    assert len(bns) == 53 and bn_params == 53_120
    text = norm_page("bn-parameters.md")
    for s in ["25,557,032", "53,120", "26{,}560", "53{,}120", "| 合计 | 53 | 26,560 |",
              "589{,}824", "2\\times256 = 512", "2\\times512 = 1024"]:
        assert s in text, s
    assert f"{100 * bn_params / total:.2f}%" == "0.21%" and "0.21%" in text
    assert 256 * 256 * 3 * 3 == 589_824
    # 各 stage 的 BN 层数与通道和
    stage_rows = {1: (10, 1408), 2: (13, 3584), 3: (19, 10240), 4: (10, 11264)}
    for (k, (n, c)), (blocks, w) in zip(stage_rows.items(), zip([3, 4, 6, 3], [64, 128, 256, 512])):
        assert n == 3 * blocks + 1 and c == blocks * (w + w + 4 * w) + 4 * w
        assert f"| {n} | {c:,} |" in text


def test_parameter_table_of_other_norms():
    C, H, W, D = 6, 4, 4, 16
    assert _counts(nn.GroupNorm(3, C))[0] == 2 * C
    assert _counts(nn.InstanceNorm2d(C))[0] == 0 and _counts(nn.InstanceNorm2d(C))[1] == 0
    assert _counts(nn.LayerNorm(D))[0] == 2 * D
    assert _counts(nn.LayerNorm([C, H, W]))[0] == 2 * C * H * W
    assert _counts(nn.RMSNorm(D))[0] == D


# ------------------------------------------------------------------------------------------
# LN / GN / IN / RMSNorm 的统计轴
# ------------------------------------------------------------------------------------------
def _normalize(t, dims, eps):
    mu = t.mean(dim=dims, keepdim=True)
    var = t.var(dim=dims, unbiased=False, keepdim=True)
    return (t - mu) / torch.sqrt(var + eps)


def test_normalization_axes_match_modules():
    torch.manual_seed(0)
    N, C, H, W, G, eps = 3, 8, 4, 5, 4, 1e-5
    x = torch.randn(N, C, H, W, dtype=torch.float64) * 3 + 1
    with torch.no_grad():
        ln = nn.LayerNorm([C, H, W], eps=eps).double()
        ln.weight.uniform_(0.5, 1.5)
        ln.bias.uniform_(-0.5, 0.5)
        assert torch.allclose(ln(x), _normalize(x, (1, 2, 3), eps) * ln.weight + ln.bias, atol=1e-10)

        gn = nn.GroupNorm(G, C, eps=eps).double()
        gn.weight.uniform_(0.5, 1.5)
        gn.bias.uniform_(-0.5, 0.5)
        ref = _normalize(x.view(N, G, C // G, H, W), (2, 3, 4), eps).view(N, C, H, W)
        assert torch.allclose(gn(x), ref * gn.weight.view(1, C, 1, 1) + gn.bias.view(1, C, 1, 1), atol=1e-10)

        inorm = nn.InstanceNorm2d(C, eps=eps).double()
        assert torch.allclose(inorm(x), _normalize(x, (2, 3), eps), atol=1e-10)

        bn = nn.BatchNorm2d(C, eps=eps).double().train()
        assert torch.allclose(bn(x), _normalize(x, (0, 2, 3), eps), atol=1e-10)

        rms = nn.RMSNorm([C, H, W], eps=eps).double()
        rms.weight.uniform_(0.5, 1.5)
        ref = x / torch.sqrt(x.pow(2).mean(dim=(1, 2, 3), keepdim=True) + eps) * rms.weight
        assert torch.allclose(rms(x), ref, atol=1e-10)

        # 序列 N×T×D：逐 token 在 D 上统计
        s = torch.randn(2, 7, 16, dtype=torch.float64)
        assert torch.allclose(nn.LayerNorm(16).double()(s), _normalize(s, (2,), 1e-5), atol=1e-10)
        r = nn.RMSNorm(16).double()
        assert r.eps is None                                       # 默认取 finfo(dtype).eps
        e = torch.finfo(torch.float64).eps
        assert torch.allclose(r(s), s / torch.sqrt(s.pow(2).mean(-1, keepdim=True) + e), atol=1e-10)


def test_groupnorm_special_cases():
    torch.manual_seed(0)
    N, C, H, W = 2, 6, 3, 3
    x = torch.randn(N, C, H, W, dtype=torch.float64)
    with torch.no_grad():
        g1 = nn.GroupNorm(1, C, affine=False).double()(x)
        ln = nn.LayerNorm([C, H, W], elementwise_affine=False).double()(x)
        gc = nn.GroupNorm(C, C, affine=False).double()(x)
        inorm = nn.InstanceNorm2d(C).double()(x)
    assert torch.allclose(g1, ln, atol=1e-10)
    assert torch.allclose(gc, inorm, atol=1e-10)


def test_invariances_ln_per_sample_bn_per_feature():
    torch.manual_seed(0)
    x = torch.randn(5, 8, dtype=torch.float64)
    ln = nn.LayerNorm(8, elementwise_affine=False, eps=1e-12).double()
    bn = nn.BatchNorm1d(8, affine=False, eps=1e-12).double().train()
    scale_sample = torch.tensor([3.0, 1, 1, 1, 1], dtype=torch.float64).view(5, 1)
    scale_feat = torch.linspace(0.5, 4, 8, dtype=torch.float64).view(1, 8)
    with torch.no_grad():
        assert torch.allclose(ln(x * scale_sample), ln(x), atol=1e-9)        # LN：单个样本整体缩放不变
        assert torch.allclose(bn(x * scale_feat), bn(x), atol=1e-9)          # BN：单个特征整体缩放不变
        assert not torch.allclose(ln(x * scale_feat), ln(x), atol=1e-3)
        assert not torch.allclose(bn(x * scale_sample), bn(x), atol=1e-3)


def test_layer_norm_page_mentions_axes():
    text = norm_page("layer-norm.md")
    for s in ["$(N, H, W)$", "$(C, H, W)$", "$(H, W)$", "$(C/G, H, W)$", "`torch.finfo(x.dtype).eps`",
              "7%～64%", "10.6 个百分点", "$G=32$"]:
        assert s in text, s


# ------------------------------------------------------------------------------------------
# Dropout 与 BN 的方差偏移
# ------------------------------------------------------------------------------------------
def test_variance_shift_formula_by_enumeration():
    # x 取值 {a, b} 各半，r ~ Bernoulli(1-p)，x̃ = r x / (1-p)
    a, b, p = 0.5, 2.5, 0.5
    c, v = (a + b) / 2, ((a - b) / 2) ** 2
    vals, probs = [], []
    for xv in (a, b):
        for keep in (0, 1):
            vals.append(keep * xv / (1 - p))
            probs.append(0.5 * ((1 - p) if keep else p))
    vals, probs = np.array(vals), np.array(probs)
    mean = (vals * probs).sum()
    var_train = ((vals - mean) ** 2 * probs).sum()
    assert math.isclose(mean, c)
    assert math.isclose(var_train, (v + c ** 2) / (1 - p) - c ** 2)
    assert math.isclose(((v + 0) / (1 - p)) / v, 2.0)           # c = 0、p = 0.5 时为 2 倍
    text = norm_page("bn-pros-cons.md")
    assert r"\frac{v + c^2}{1-p} - c^2" in text and "$p=0.5$ 时为 2 倍" in text
    assert "23.6%" in text and "34.7%" in text


# ------------------------------------------------------------------------------------------
# Dropout
# ------------------------------------------------------------------------------------------
def test_pytorch_dropout_p_is_drop_probability_and_scaling():
    torch.manual_seed(0)
    p = 0.3
    x = torch.full((400_000,), 2.0)
    d = nn.Dropout(p).train()
    y = d(x)
    frac = (y == 0).float().mean().item()
    assert abs(frac - p) < 0.005                                   # 约 8 个标准差的余量
    assert torch.allclose(y[y != 0], torch.tensor(2.0 / (1 - p)))
    assert abs(y.mean().item() - 2.0) < 0.02
    d.eval()
    assert torch.equal(d(x), x)
    assert nn.Dropout().p == 0.5


def test_inverted_dropout_expectation_exact():
    # 对单个元素枚举掩码：E[r x / (1-p)] = x，Var = x² p/(1-p)
    for p in (0.1, 0.5, 0.8):
        x = 1.7
        mean = (1 - p) * x / (1 - p)
        second = (1 - p) * (x / (1 - p)) ** 2
        assert math.isclose(mean, x)
        assert math.isclose(second - mean ** 2, x ** 2 * p / (1 - p))


def test_dropout_linear_regression_equals_weighted_l2_by_enumeration():
    rng = np.random.default_rng(0)
    n, d, p = 2, 3, 0.4
    X = rng.normal(size=(n, d))
    y = rng.normal(size=n)
    w = rng.normal(size=d)
    expected = 0.0
    for mask in itertools.product([0, 1], repeat=n * d):
        R = np.array(mask, dtype=float).reshape(n, d)
        prob = np.prod(np.where(R == 1, 1 - p, p))
        Xt = R * X / (1 - p)
        expected += prob * np.sum((y - Xt @ w) ** 2)
    formula = np.sum((y - X @ w) ** 2) + p / (1 - p) * np.sum(w ** 2 * np.sum(X ** 2, axis=0))
    assert math.isclose(expected, formula, rel_tol=1e-12)
    assert r"\frac{p}{1-p}\sum_{j} w_j^2\,\lVert X_{:,j}\rVert^2" in norm_page("dropout.md")


def test_dropout_page_conventions():
    text = norm_page("dropout.md")
    assert r"r_j \sim \mathrm{Bernoulli}(1-p)" in text
    assert "隐藏层丢弃 0.5，输入层丢弃 0.2" in text and "2～3 倍" in text


# ------------------------------------------------------------------------------------------
# DropConnect
# ------------------------------------------------------------------------------------------
def test_dropconnect_moments_and_worked_example():
    w = np.array([0.5, -0.2, 0.3])
    v = np.array([1.0, 2.0, 3.0])
    q = 0.5
    us = np.array([np.dot(np.array(m) * w, v) for m in itertools.product([0, 1], repeat=3)])
    mean, var = us.mean(), us.var()
    assert math.isclose(mean, q * np.dot(w, v))
    assert math.isclose(var, q * (1 - q) * np.dot(w ** 2, v ** 2))
    relu_mean = np.maximum(us, 0).mean()
    naive = max(q * np.dot(w, v), 0.0)
    s = math.sqrt(var)
    z = mean / s
    gauss = mean * 0.5 * (1 + math.erf(z / math.sqrt(2))) + s * math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    text = norm_page("dropconnect.md")
    assert f"{mean:.1f}" == "0.5" and r"\mathrm E[u] = 0.5" in text
    assert f"{var:.3f}" == "0.305" and r"\mathrm{Var}[u] = 0.305" in text
    assert f"{relu_mean:.2f}" == "0.55" and r"\mathrm E[\mathrm{ReLU}(u)] = 0.55" in text
    assert f"{naive:.1f}" == "0.5" and r"\mathrm{ReLU}(0.5) = 0.5" in text
    assert f"{gauss:.3f}" == "0.555" and "约 0.555" in text
    assert f"{100 * (relu_mean - naive) / relu_mean:.0f}%" == "9%" and "低估了约 9%" in text


def test_dropout_is_tied_dropconnect():
    torch.manual_seed(0)
    W = torch.randn(4, 5, dtype=torch.float64)
    v = torch.randn(5, dtype=torch.float64)
    m_in = torch.tensor([1, 0, 1, 1, 0], dtype=torch.float64)
    m_out = torch.tensor([0, 1, 1, 0], dtype=torch.float64)
    assert torch.allclose(W @ (m_in * v), (W * m_in.view(1, -1)) @ v)                       # 丢列
    assert torch.allclose(m_out * torch.relu(W @ v), torch.relu((W * m_out.view(-1, 1)) @ v))  # 丢行


# ------------------------------------------------------------------------------------------
# 数据标准化
# ------------------------------------------------------------------------------------------
def _gd_steps_needed(kappa, reduction=1e6):
    rho = (kappa - 1) / (kappa + 1)
    return math.ceil(math.log(reduction) / math.log(1 / rho))


def test_data_normalization_condition_numbers_and_page():
    text = norm_page("data-normalization.md")
    assert _gd_steps_needed(100) == 691 and "需要 691 步" in text
    assert _gd_steps_needed(1e4) == 69078 and "需要 69,078 步" in text
    # 实际跑梯度下降验证 ρ 的结论：H = diag(1, 100)，最优固定步长
    H = np.diag([1.0, 100.0])
    eta = 2 / (1 + 100)
    e = np.array([1.0, 1.0])
    steps = 0
    while np.linalg.norm(e) > 1e-6 * math.sqrt(2):
        e = e - eta * H @ e
        steps += 1
    assert steps <= 691
    # 全正输入（均值 5、标准差 1）加偏置项的 Hessian
    lam = np.linalg.eigvalsh(np.array([[1.0, 5.0], [5.0, 26.0]]))
    assert round(lam[1] / lam[0]) == 727 and "条件数约 727" in text
    # ImageNet 按通道标准化的算例
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    vals = [(px / 255 - m) / s for px, m, s in zip((255, 128, 0), mean, std)]
    shown = ",\\ ".join(f"{v_:.4f}" for v_ in vals)
    assert shown == "2.2489,\\ 0.2052,\\ -1.8044" and f"({shown})" in text
    assert f"{128 / 255:.5f}" == "0.50196" and "0.50196" in text
    assert "(0.485, 0.456, 0.406)" in text and "(0.229, 0.224, 0.225)" in text


def test_z_score_fit_on_train_only():
    rng = np.random.default_rng(1)
    tr, te = rng.normal(3, 2, size=(100, 2)), rng.normal(3, 2, size=(50, 2))
    mu, sd = tr.mean(0), tr.std(0)
    z_tr = (tr - mu) / sd
    assert np.allclose(z_tr.mean(0), 0) and np.allclose(z_tr.std(0), 1)
    assert not np.allclose(((te - mu) / sd).mean(0), 0, atol=1e-3)     # 测试集均值不必为 0


# ------------------------------------------------------------------------------------------
# 其他页面上的数字与插图
# ------------------------------------------------------------------------------------------
def test_batch_norm_page_claims():
    text = norm_page("batch-norm.md")
    assert r"\nabla L(aW) = \frac{1}{a}\,\nabla L(W)" in text
    assert r"\lVert w_{t+1}\rVert^2 = \lVert w_t\rVert^2 + \eta^2 \lVert \nabla L(w_t)\rVert^2" in text
    assert "$1/14$" in text and "1/5" in text


def test_figures_are_deterministic_and_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location("fig_norm", ROOT / "scripts" / "figures" / "normalization.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    a, b = tmp_path / "a", tmp_path / "b"
    mod.build(a)
    mod.build(b)
    names = sorted(p.name for p in a.iterdir())
    assert names == ["bn-train-eval.svg", "data-scaling-contours.svg", "dropout-net.svg", "norm-axes-sequence.svg",
                     "norm-axes.svg"]
    committed = ROOT / "docs" / "assets" / "figures" / "normalization"
    for n in names:
        data = (a / n).read_bytes()
        assert data == (b / n).read_bytes()
        assert len(data) < 60_000
        assert data == (committed / n).read_bytes(), f"{n} 需要重新生成"
    used = "".join(norm_page(p) for p in PAGES)
    for n in names:
        assert f"../assets/figures/normalization/{n}" in used
