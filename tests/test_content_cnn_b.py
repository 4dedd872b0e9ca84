"""Checks for the CNN chapter, part B (group conv, depthwise separable, pooling, FC, AlexNet, ResNet,
generalization, compression, sharpening/smoothing).

Every formula is compared against PyTorch modules or a NumPy reference, and every worked-example number
printed on the pages is recomputed here and looked up in the page text.
"""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

try:
    from conftest import page_text
except ImportError:  # pragma: no cover - fallback while conftest is being written
    def page_text(rel: str) -> str:
        return (Path(__file__).parents[1] / "docs" / rel).read_text(encoding="utf-8")

ROOT = Path(__file__).resolve().parents[1]


def n_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def fmt(n: int) -> str:
    """Thousands separator as printed on the pages (589,824)."""
    return f"{n:,}"


# ---------------------------------------------------------------- group conv / depthwise separable

@pytest.mark.parametrize(
    "c_in,c_out,k,g,h,stride",
    [(256, 256, 3, 1, 56, 1), (256, 256, 3, 32, 56, 1), (64, 128, 3, 4, 32, 2),
     (96, 256, 5, 2, 27, 1), (48, 48, 3, 48, 20, 1), (30, 60, 1, 3, 9, 1)],
)
def test_group_conv_params_and_macs(c_in, c_out, k, g, h, stride):
    conv = nn.Conv2d(c_in, c_out, k, stride=stride, padding=k // 2, groups=g, bias=True)
    assert conv.weight.shape == (c_out, c_in // g, k, k)
    assert n_params(conv) == c_in * c_out * k * k // g + c_out
    # MACs: count by brute force over the output (each output element uses C_in/G * K^2 weights)
    y = conv(torch.zeros(1, c_in, h, h))
    h_out = (h + 2 * (k // 2) - k) // stride + 1
    assert y.shape == (1, c_out, h_out, h_out)
    macs_formula = c_in * c_out * k * k // g * h_out * h_out
    assert y.numel() * (c_in // g) * k * k == macs_formula


def test_group_conv_equals_block_diagonal_dense_conv():
    torch.manual_seed(0)
    c, g, k = 8, 4, 3
    gconv = nn.Conv2d(c, c, k, padding=1, groups=g, bias=False)
    dense = nn.Conv2d(c, c, k, padding=1, bias=False)
    with torch.no_grad():
        dense.weight.zero_()
        per = c // g
        for gi in range(g):
            dense.weight[gi * per:(gi + 1) * per, gi * per:(gi + 1) * per] = gconv.weight[gi * per:(gi + 1) * per]
    x = torch.randn(2, c, 10, 10)
    assert torch.allclose(gconv(x), dense(x), atol=1e-5)


def test_group_conv_divisibility_and_shuffle():
    with pytest.raises(ValueError):
        nn.Conv2d(256, 100, 3, groups=32)
    with pytest.raises(ValueError):
        nn.Conv2d(100, 256, 3, groups=32)
    x = torch.arange(8.0).reshape(1, 8, 1, 1)
    shuffled = x.reshape(1, 4, 2, 1, 1).transpose(1, 2).reshape(1, 8, 1, 1)
    assert torch.equal(shuffled, nn.ChannelShuffle(4)(x))
    assert shuffled.flatten().int().tolist() == [0, 2, 4, 6, 1, 3, 5, 7]


def test_group_conv_page_numbers():
    text = page_text("cnn/group-conv.md")
    assert "C_\\text{in}\\,C_\\text{out}\\,K^2}{G}" in text
    for g in (1, 2, 32, 256):
        conv = nn.Conv2d(256, 256, 3, padding=1, groups=g, bias=False)
        p = n_params(conv)
        macs = p * 56 * 56
        assert conv(torch.zeros(1, 256, 56, 56)).shape[-1] == 56
        assert f"| {fmt(p)} | {fmt(macs)} |" in text, g
        assert f"({256}, {256 // g}, 3, 3)" in text
    # "G=32 saves about 97%"
    assert round(100 * (1 - 1 / 32)) == 97 and "约 97%" in text


def dw_separable(c_in, c_out, k):
    return nn.Sequential(nn.Conv2d(c_in, c_in, k, padding=k // 2, groups=c_in, bias=False),
                         nn.Conv2d(c_in, c_out, 1, bias=False))


@pytest.mark.parametrize("c_in,c_out,k", [(256, 256, 3), (32, 64, 3), (128, 16, 5), (64, 1024, 7)])
def test_depthwise_separable_cost_ratio(c_in, c_out, k):
    std = nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=False)
    sep = dw_separable(c_in, c_out, k)
    assert n_params(std) == k * k * c_in * c_out
    assert n_params(sep) == k * k * c_in + c_in * c_out
    ratio = n_params(sep) / n_params(std)
    assert math.isclose(ratio, 1 / c_out + 1 / k**2, rel_tol=1e-12)
    x = torch.randn(1, c_in, 12, 12)
    assert std(x).shape == sep(x).shape


def test_depthwise_separable_equals_constrained_standard_conv():
    """Without a nonlinearity in between, DW + PW equals a standard conv with W[o,i] = P[o,i] * D[i]."""
    torch.manual_seed(0)
    c_in, c_out, k = 6, 5, 3
    sep = dw_separable(c_in, c_out, k)
    d = sep[0].weight[:, 0]            # (C_in, K, K)
    p = sep[1].weight[:, :, 0, 0]      # (C_out, C_in)
    w = p[:, :, None, None] * d[None]  # (C_out, C_in, K, K)
    x = torch.randn(2, c_in, 9, 9)
    assert torch.allclose(sep(x), F.conv2d(x, w, padding=1), atol=1e-5)


def test_depthwise_separable_page_numbers():
    text = page_text("cnn/depthwise-separable.md")
    assert "\\frac{1}{C_\\text{out}} + \\frac{1}{K^2}" in text
    for k, c_out in [(3, 64), (3, 256), (3, 1024), (5, 256)]:
        r = 1 / c_out + 1 / k**2
        assert f"| {k} | {c_out} | {r:.4f} | 1/{1 / r:.2f} |" in text
    std = nn.Conv2d(256, 256, 3, padding=1, bias=False)
    sep = dw_separable(256, 256, 3)
    p_std, p_dw, p_pw = n_params(std), n_params(sep[0]), n_params(sep[1])
    assert f"{fmt(p_std)} 个参数、{fmt(p_std * 56 * 56)} 次乘加" in text
    assert f"{fmt(p_dw)} + {fmt(p_pw)} = {fmt(p_dw + p_pw)} 个参数、{fmt((p_dw + p_pw) * 56 * 56)} 次乘加" in text
    assert f"{fmt(p_pw)} / {fmt(p_dw + p_pw)} ≈ {round(100 * p_pw / (p_dw + p_pw))}%" in text
    # compression page quotes the same example
    comp = page_text("cnn/compression.md")
    assert f"| {fmt(p_std * 56 * 56)} 次乘加 | {fmt((p_dw + p_pw) * 56 * 56)} 次乘加 | 约 1/{p_std / (p_dw + p_pw):.2f} |" in comp


# ---------------------------------------------------------------- pooling

def pool_out(h, k, s, p=0, ceil=False):
    """Output size as the pooling page states it (PyTorch rule incl. the ceil_mode correction)."""
    if not ceil:
        return (h + 2 * p - k) // s + 1
    out = math.ceil((h + 2 * p - k) / s) + 1
    if (out - 1) * s >= h + p:
        out -= 1
    return out


@pytest.mark.parametrize("h", [5, 6, 7, 13, 27, 55, 56, 112, 224])
@pytest.mark.parametrize("k,s,p", [(2, 2, 0), (3, 2, 0), (3, 2, 1), (2, 2, 1), (3, 3, 1), (3, 1, 1)])
@pytest.mark.parametrize("ceil", [False, True])
def test_pool_output_size_formula(h, k, s, p, ceil):
    x = torch.zeros(1, 1, h, h)
    for pool in (nn.MaxPool2d(k, s, p, ceil_mode=ceil), nn.AvgPool2d(k, s, p, ceil_mode=ceil)):
        assert pool(x).shape[-1] == pool_out(h, k, s, p, ceil)


def test_pool_defaults_and_no_params():
    m = nn.MaxPool2d(3)
    assert m.stride == 3 and m.padding == 0 and m.ceil_mode is False
    assert n_params(nn.MaxPool2d(2)) == 0 and n_params(nn.AvgPool2d(2)) == 0
    x = torch.randn(2, 7, 8, 8)
    assert nn.MaxPool2d(2)(x).shape[1] == 7
    with pytest.raises(RuntimeError):
        nn.MaxPool2d(2, 2, padding=2)(torch.zeros(1, 1, 5, 5))


def test_pooling_page_table():
    text = page_text("cnn/pooling.md")
    rows = [(224, 2, 2, 0), (55, 3, 2, 0), (112, 3, 2, 0), (7, 2, 2, 0), (5, 2, 2, 1)]
    for h, k, s, p in rows:
        x = torch.zeros(1, 1, h, h)
        f = nn.MaxPool2d(k, s, p)(x).shape[-1]
        c = nn.MaxPool2d(k, s, p, ceil_mode=True)(x).shape[-1]
        assert f"| {h} | {k} | {s} | {p} | {f} | {c} |" in text


def test_maxpool_backward_routes_to_argmax():
    x = torch.tensor([[1., 3., 2., 0.], [5., 6., 1., 2.], [7., 2., 9., 4.], [0., 1., 3., 8.]])
    xr = x.reshape(1, 1, 4, 4).requires_grad_()
    y = F.max_pool2d(xr, 2, 2)
    g_up = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 1, 2, 2)
    y.backward(g_up)
    # NumPy reference: each upstream gradient goes to the argmax of its window
    ref = np.zeros((4, 4))
    for i in range(2):
        for j in range(2):
            win = x[2 * i:2 * i + 2, 2 * j:2 * j + 2].numpy()
            a, b = np.unravel_index(np.argmax(win), win.shape)
            ref[2 * i + a, 2 * j + b] += g_up[0, 0, i, j].item()
    assert np.array_equal(xr.grad[0, 0].numpy(), ref)
    assert y.detach().flatten().tolist() == [6.0, 2.0, 7.0, 9.0]
    # average pooling spreads g / K^2
    xr.grad = None
    F.avg_pool2d(xr, 2, 2).backward(g_up)
    assert torch.allclose(xr.grad[0, 0], g_up[0, 0].repeat_interleave(2, 0).repeat_interleave(2, 1) / 4)
    assert F.avg_pool2d(x.reshape(1, 1, 4, 4), 2).flatten().tolist() == [3.75, 1.25, 2.5, 6.0]


def test_maxpool_backward_overlapping_windows_accumulate():
    torch.manual_seed(0)
    x = torch.randn(1, 1, 9, 9, requires_grad=True)
    y, idx = F.max_pool2d(x, 3, 2, return_indices=True)
    g = torch.randn_like(y)
    y.backward(g)
    ref = torch.zeros(81).index_add_(0, idx.flatten(), g.flatten()).reshape(9, 9)
    assert torch.allclose(x.grad[0, 0], ref)


def test_avgpool_is_fixed_depthwise_conv_and_relu_commutes():
    torch.manual_seed(0)
    x = torch.randn(2, 5, 12, 12)
    w = torch.full((5, 1, 3, 3), 1 / 9)
    assert torch.allclose(F.avg_pool2d(x, 3, 3), F.conv2d(x, w, stride=3, groups=5), atol=1e-6)
    assert torch.equal(F.max_pool2d(F.relu(x), 3, 2), F.relu(F.max_pool2d(x, 3, 2)))
    text = page_text("cnn/conv-vs-pooling.md")
    conv = nn.Conv2d(64, 128, 3, padding=1)
    assert f"64\\times128\\times9 + 128 = {n_params(conv):,}".replace(",", "{,}") in text


# ---------------------------------------------------------------- FC / VGG-16 / AlexNet / ResNet-50

def vgg16():
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    layers, c = [], 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU()]
            c = v
    return nn.Sequential(*layers), [nn.Linear(25088, 4096), nn.Linear(4096, 4096), nn.Linear(4096, 1000)]


def test_vgg16_fc_share():
    features, fcs = vgg16()
    n_conv = n_params(features)
    n_fc_each = [n_params(l) for l in fcs]
    n_fc = sum(n_fc_each)
    total = n_conv + n_fc
    text = page_text("cnn/fully-connected.md")
    assert f"| 13 个 3×3 卷积层 | 3→64→…→512 | {fmt(n_conv)} |" in text
    for n in n_fc_each:
        assert f"| {fmt(n)} |" in text
    assert f"| 合计 | | {fmt(total)} |" in text
    assert f"{fmt(n_fc)} 个（{n_fc / total:.1%}）" in text
    assert f"{n_fc / total:.1%}" == "89.4%"
    assert f"FC6 一层就占 {n_fc_each[0] / total:.1%}" in text
    # MACs at 224x224
    macs_conv, h = 0, 224
    for m in features:
        if isinstance(m, nn.MaxPool2d):
            h //= 2
        elif isinstance(m, nn.Conv2d):
            macs_conv += m.in_channels * m.out_channels * 9 * h * h
    macs_fc = sum(l.in_features * l.out_features for l in fcs)
    assert f"约 {fmt(macs_conv)} 次乘加，FC 部分只有 {fmt(macs_fc)} 次，占 {macs_fc / (macs_conv + macs_fc):.1%}" in text
    # the compression page: FP32 vs INT8 bytes, FC7 low rank
    comp = page_text("cnn/compression.md")
    assert f"{fmt(4 * total)} 字节" in comp and f"{fmt(total)} 字节" in comp
    assert f"{fmt(4096 * 4096)} → {fmt(256 * (4096 + 4096))} 个参数，只剩 {256 * 8192 / 4096**2:.1%}" in comp


def test_fc_equals_conv_with_full_kernel():
    torch.manual_seed(0)
    c, h, n_out = 16, 5, 7
    fc = nn.Linear(c * h * h, n_out)
    conv = nn.Conv2d(c, n_out, h)
    with torch.no_grad():
        conv.weight.copy_(fc.weight.reshape(n_out, c, h, h))
        conv.bias.copy_(fc.bias)
    x = torch.randn(3, c, h, h)
    assert torch.allclose(fc(x.flatten(1)), conv(x).flatten(1), atol=1e-5)
    assert n_params(fc) == n_params(conv)


def bottleneck_layers(c_in, width, stride):
    c_out = 4 * width
    mods = [nn.Conv2d(c_in, width, 1, bias=False), nn.BatchNorm2d(width),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width),
            nn.Conv2d(width, c_out, 1, bias=False), nn.BatchNorm2d(c_out)]
    if stride != 1 or c_in != c_out:
        mods += [nn.Conv2d(c_in, c_out, 1, stride, bias=False), nn.BatchNorm2d(c_out)]
    return mods


def test_resnet50_fc_share():
    mods = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64)]
    c_in = 64
    for width, blocks, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
        for i in range(blocks):
            mods += bottleneck_layers(c_in, width, stride if i == 0 else 1)
            c_in = 4 * width
    fc = nn.Linear(2048, 1000)
    total = sum(n_params(m) for m in mods) + n_params(fc)
    assert total == 25_557_032
    text = page_text("cnn/fully-connected.md")
    assert f"只有 {fmt(n_params(fc))} 个参数，占 ResNet-50 全部 {fmt(total)} 个参数的 {n_params(fc) / total:.1%}" in text


def alexnet_layers(groups=True, device=None):
    g = 2 if groups else 1
    d = {"device": device}
    return [nn.Conv2d(3, 96, 11, 4, **d), nn.Conv2d(96, 256, 5, padding=2, groups=g, **d),
            nn.Conv2d(256, 384, 3, padding=1, **d), nn.Conv2d(384, 384, 3, padding=1, groups=g, **d),
            nn.Conv2d(384, 256, 3, padding=1, groups=g, **d),
            nn.Linear(9216, 4096, **d), nn.Linear(4096, 4096, **d), nn.Linear(4096, 1000, **d)]


def test_alexnet_parameter_count_and_sizes():
    layers = alexnet_layers()
    per = [n_params(l) for l in layers]
    total = sum(per)
    n_conv, n_fc = sum(per[:5]), sum(per[5:])
    text = page_text("cnn/alexnet.md")
    for n in per:
        assert f"| {fmt(n)} |" in text
    assert f"合计 {fmt(total)} 个参数" in text and total == 60_965_224
    assert f"全连接层占 {n_fc / total:.1%}" in text and f"卷积层只有 {fmt(n_conv)} 个" in text
    # variants are only counted, so build them on the meta device (shapes without memory or init time)
    assert f"不分组，总数是 {fmt(sum(n_params(l) for l in alexnet_layers(False, 'meta')))}" in text
    m = {"device": "meta"}
    tv = [nn.Conv2d(3, 64, 11, 4, 2, **m), nn.Conv2d(64, 192, 5, padding=2, **m),
          nn.Conv2d(192, 384, 3, padding=1, **m), nn.Conv2d(384, 256, 3, padding=1, **m),
          nn.Conv2d(256, 256, 3, padding=1, **m),
          nn.Linear(9216, 4096, **m), nn.Linear(4096, 4096, **m), nn.Linear(4096, 1000, **m)]
    assert f"参数为 {fmt(sum(n_params(l) for l in tv))}" in text
    # spatial sizes: 227 -> 55 -> 27 -> 13 -> 6; 224 without padding gives 54 (54.25 before flooring)
    x = torch.zeros(1, 3, 227, 227)
    x = layers[0](x)
    assert x.shape[-1] == 55
    x = F.max_pool2d(x, 3, 2)
    assert x.shape[-1] == 27
    x = F.max_pool2d(layers[1](x), 3, 2)
    assert x.shape[-1] == 13
    x = F.max_pool2d(layers[4](layers[3](layers[2](x))), 3, 2)
    assert x.shape[1:] == (256, 6, 6) and x.flatten(1).shape[1] == layers[5].in_features
    assert (224 - 11) / 4 + 1 == 54.25 and "(224-11)/4+1=54.25" in text
    assert nn.Conv2d(3, 96, 11, 4)(torch.zeros(1, 3, 224, 224)).shape[-1] == 54
    assert nn.Conv2d(3, 64, 11, 4, 2)(torch.zeros(1, 3, 224, 224)).shape[-1] == 55
    # compute split quoted in a follow-up
    sizes = [55, 27, 13, 13, 13]
    macs = [l.weight.numel() * s * s for l, s in zip(layers[:5], sizes)]
    fc_macs = sum(l.weight.numel() for l in layers[5:])
    assert f"共 {fmt(sum(macs))} 次乘加（其中 conv2 最多，{fmt(macs[1])} 次）" in text
    assert max(macs) == macs[1]
    assert f"只有 {fmt(fc_macs)} 次，卷积占 {sum(macs) / (sum(macs) + fc_macs):.1%}" in text


def test_alexnet_lrn_convention():
    """PyTorch's LocalResponseNorm divides alpha by n; the paper's formula does not."""
    torch.manual_seed(0)
    a = torch.rand(1, 7, 3, 3) + 0.5
    n, alpha, beta, k = 5, 1e-4, 0.75, 2.0
    sq = F.pad(a**2, (0, 0, 0, 0, n // 2, n // 2))
    s = sum(sq[:, i:i + 7] for i in range(n))
    paper = a / (k + alpha * s) ** beta
    torch_lrn = nn.LocalResponseNorm(n, alpha=alpha * n, beta=beta, k=k)(a)
    assert torch.allclose(paper, torch_lrn, atol=1e-7)


# ---------------------------------------------------------------- ResNet blocks and gradients

def test_resnet_block_params_on_page():
    basic = 2 * n_params(nn.Conv2d(64, 64, 3, bias=False))
    bottle = sum(n_params(m) for m in bottleneck_layers(256, 64, 1) if isinstance(m, nn.Conv2d))
    assert (basic, bottle) == (73_728, 69_632)
    text = page_text("cnn/resnet.md")
    assert f"2\\times3\\times3\\times64\\times64={basic:,}".replace(",", "{,}") in text
    assert f"256\\times64+3\\times3\\times64\\times64+64\\times256={bottle:,}".replace(",", "{,}") in text


def test_preact_residual_gradient_identity_term():
    """x_L = x_l + sum F: the Jacobian is I + d(sum F)/dx_l; with F == 0 the gradient passes unchanged."""
    torch.manual_seed(0)
    blocks = [nn.Sequential(nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 16)) for _ in range(20)]
    for b in blocks:
        b.eval()

    def run(x):
        for b in blocks:
            x = x + b(x)
        return x

    x = torch.randn(4, 16, requires_grad=True)
    g_up = torch.randn(4, 16)
    run(x).backward(g_up)
    # Jacobian of the whole stack minus identity equals the Jacobian of the residual sum
    with torch.no_grad():
        for b in blocks:
            b[2].weight.zero_()
            b[2].bias.zero_()
    x2 = x.detach().clone().requires_grad_()
    run(x2).backward(g_up)
    assert torch.equal(x2.grad, g_up)
    # a plain 20-layer stack with the same (small) weights shrinks the gradient geometrically
    torch.manual_seed(1)
    lins = [nn.Linear(16, 16) for _ in range(20)]
    x3 = torch.randn(4, 16, requires_grad=True)
    h = x3
    for lin in lins:
        h = torch.tanh(lin(h))
    h.backward(g_up)
    assert x3.grad.norm() < 0.1 * g_up.norm()
    assert x.grad.norm() > 0.5 * g_up.norm()


def load_snippet(name: str):
    path = ROOT / "docs" / "_snippets" / "cnn" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"snippet_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # the snippet asserts its own printed values
    return mod


def test_residual_block_snippet_zero_init_identity(capsys):
    mod = load_snippet("residual_block")
    out = capsys.readouterr().out
    assert "73,728" in out and "69,632" in out
    assert isinstance(mod.bottle.shortcut, nn.Identity)
    assert not isinstance(mod.down.shortcut, nn.Identity)


# ---------------------------------------------------------------- BN folding

@pytest.mark.parametrize("bias", [True, False])
def test_bn_folding_matches_conv_bn_eval(bias):
    torch.manual_seed(0)
    conv = nn.Conv2d(8, 12, 3, stride=2, padding=1, bias=bias)
    bn = nn.BatchNorm2d(12)
    bn.train()
    with torch.no_grad():
        for _ in range(5):  # real running statistics from a few training-mode batches
            bn(conv(torch.randn(16, 8, 10, 10) * 2 + 1))
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
    bn.eval()
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    w = conv.weight * scale.reshape(-1, 1, 1, 1)
    b0 = conv.bias if bias else torch.zeros(12)
    b = scale * (b0 - bn.running_mean) + bn.bias
    x = torch.randn(3, 8, 10, 10)
    with torch.no_grad():
        ref = bn(conv(x))
        out = F.conv2d(x, w, b, stride=2, padding=1)
    assert torch.allclose(ref, out, atol=1e-5)
    text = page_text("cnn/compression.md")
    assert "\\frac{\\gamma_c\\,(b_c-\\hat\\mu_c)}{\\sqrt{\\hat\\sigma^2_c+\\epsilon}} + \\beta_c" in text


# ---------------------------------------------------------------- quantisation / distillation

def test_affine_quantisation_matches_fake_quant():
    torch.manual_seed(0)
    w = torch.randn(500) * 0.1
    lo, hi = min(w.min().item(), 0.0), max(w.max().item(), 0.0)
    s = (hi - lo) / 255
    z = int(round(-lo / s))
    q = torch.clamp(torch.round(w / s) + z, 0, 255)
    w_hat = s * (q - z)
    assert torch.allclose(w_hat, torch.fake_quantize_per_tensor_affine(w, s, z, 0, 255), atol=1e-7)
    assert (w - w_hat).abs().max() <= s / 2 + 1e-7


def test_distillation_t_squared_gradient_scaling():
    """The soft-target gradient w.r.t. student logits is (p_s - p_t)/T; at high T it scales as 1/T^2."""
    torch.manual_seed(0)
    zt, zs0 = torch.randn(10), torch.randn(10)
    zt, zs0 = zt - zt.mean(), zs0 - zs0.mean()
    norms = []
    for t in (5.0, 10.0, 20.0):
        zs = zs0.clone().requires_grad_()
        loss = F.kl_div(F.log_softmax(zs / t, 0), F.softmax(zt / t, 0), reduction="sum")
        loss.backward()
        ref = (F.softmax(zs0 / t, 0) - F.softmax(zt / t, 0)) / t
        assert torch.allclose(zs.grad, ref, atol=1e-7)
        norms.append(zs.grad.norm().item())
    assert 3.5 < norms[0] / norms[1] < 4.5 and 3.5 < norms[1] / norms[2] < 4.5


def test_label_smoothing_formula():
    torch.manual_seed(0)
    logits, y, eps, k = torch.randn(6, 4), torch.tensor([0, 1, 2, 3, 0, 1]), 0.1, 4
    target = (1 - eps) * F.one_hot(y, k) + eps / k
    manual = -(target * F.log_softmax(logits, 1)).sum(1).mean()
    assert torch.allclose(manual, F.cross_entropy(logits, y, label_smoothing=eps))


# ---------------------------------------------------------------- smoothing and sharpening

KERNELS = {
    "mean": np.full((3, 3), 1 / 9),
    "gauss": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,
    "lap": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float),
    "lap8": np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]], dtype=float),
    "sharp": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),
    "sobel": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float),
}


def np_filter(img, k, mode="edge"):
    p = k.shape[0] // 2
    ap = np.pad(img, p, mode=mode)
    out = np.zeros_like(img)
    for i in range(img.shape[0]):
        for j in range(img.shape[1]):
            out[i, j] = np.sum(ap[i:i + k.shape[0], j:j + k.shape[1]] * k)
    return out


@pytest.mark.parametrize("name", list(KERNELS))
def test_kernels_torch_conv_equals_numpy(name):
    rng = np.random.default_rng(0)
    img = rng.random((11, 13))
    k = KERNELS[name]
    x = F.pad(torch.tensor(img)[None, None], (1, 1, 1, 1), mode="replicate")
    out = F.conv2d(x, torch.tensor(k)[None, None])[0, 0].numpy()
    assert np.allclose(out, np_filter(img, k))
    # zero padding too
    out0 = F.conv2d(torch.tensor(img)[None, None], torch.tensor(k)[None, None], padding=1)[0, 0].numpy()
    assert np.allclose(out0, np_filter(img, k, mode="constant"))


def test_kernel_properties_and_page_examples():
    assert math.isclose(KERNELS["mean"].sum(), 1) and math.isclose(KERNELS["gauss"].sum(), 1)
    assert KERNELS["lap"].sum() == 0 and KERNELS["lap8"].sum() == 0 and KERNELS["sharp"].sum() == 1
    delta = np.zeros((3, 3))
    delta[1, 1] = 1
    assert np.array_equal(KERNELS["sharp"], delta - KERNELS["lap"])
    g1 = np.array([1, 2, 1]) / 4
    assert np.allclose(np.outer(g1, g1), KERNELS["gauss"])
    unsharp = 2 * delta - KERNELS["gauss"]
    assert np.allclose(unsharp * 16, [[-1, -2, -1], [-2, 28, -2], [-1, -2, -1]])
    # the step-edge example on the page
    img = np.zeros((7, 7))
    img[:, 4:] = 1
    row = lambda k: np_filter(img, k)[3]  # noqa: E731
    assert row(KERNELS["lap"]).tolist() == [0, 0, 0, 1, -1, 0, 0]
    assert row(KERNELS["sharp"]).tolist() == [0, 0, 0, -1, 2, 1, 1]
    assert np.allclose(row(unsharp), [0, 0, 0, -0.25, 1.25, 1, 1])
    text = page_text("cnn/sharpen-smooth.md")
    assert "[0,0,0,0,1,1,1]" in text
    assert "$[0,0,0,1,-1,0,0]$" in text and "$[0,0,0,-1,2,1,1]$" in text
    assert "$[0,0,0,-0.25,1.25,1,1]$" in text
    assert "\\begin{bmatrix}-1&-2&-1\\\\-2&28&-2\\\\-1&-2&-1\\end{bmatrix}" in text
    assert "\\begin{bmatrix}0&-1&0\\\\-1&5&-1\\\\0&-1&0\\end{bmatrix}" in text


def test_mean_filter_divides_independent_noise_variance_by_nine():
    rng = np.random.default_rng(0)
    noise = torch.tensor(rng.normal(0, 1, size=(1, 1, 400, 400)))
    out = F.conv2d(noise, torch.full((1, 1, 3, 3), 1 / 9, dtype=torch.float64))
    assert abs(out.var().item() - 1 / 9) < 0.005
    assert "\\sigma_n^2/9" in page_text("cnn/sharpen-smooth.md")


# ---------------------------------------------------------------- figures are deterministic

def test_figures_regenerate_identically(tmp_path):
    spec = importlib.util.spec_from_file_location("cnn_b_fig", ROOT / "scripts" / "figures" / "cnn_b.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.build(tmp_path)
    names = ["residual-blocks.svg", "group-conv-connectivity.svg", "pooling-example.svg", "sharpen-smooth.svg"]
    for name in names:
        new = (tmp_path / name).read_bytes()
        assert len(new) < 60_000, name
        committed = ROOT / "docs" / "assets" / "figures" / "cnn" / name
        assert committed.read_bytes() == new, name
