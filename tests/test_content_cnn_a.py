"""Checks for the CNN chapter, part A (convolution arithmetic pages).

Every formula is compared with what PyTorch actually does, and every worked-example number printed on
the pages is recomputed here and looked up in the page source.
"""
from __future__ import annotations

import importlib.util
import math
import re
import tempfile
import warnings
from pathlib import Path

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from conftest import page_text

ROOT = Path(__file__).resolve().parents[1]
# float64 everywhere in the grids: CPU float32 convolutions go through oneDNN, which builds a new primitive
# for every new shape configuration (milliseconds each); float64 uses the plain ATen kernels.
DT = torch.float64


@pytest.fixture(autouse=True, scope="module")
def _single_thread():
    """Thousands of tiny convolutions: OpenMP thread start-up would dominate, so run them on one thread."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def fmt(n: int) -> str:
    return f"{n:,}"


def n_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


# ----------------------------------------------------------------------------- receptive field helpers
def rf_recursion(layers):
    """layers: (name, K, S, D). Returns [(name, r, j)] with r_l = r_{l-1} + D(K-1) j_{l-1}, j_l = j_{l-1} S."""
    r, j, rows = 1, 1, []
    for name, k, s, d in layers:
        r, j = r + d * (k - 1) * j, j * s
        rows.append((name, r, j))
    return rows


def measured_rf(modules, size, channels=1):
    """Build the stack, backprop from the centre output unit, return the extent (rows) of nonzero input grad."""
    torch.manual_seed(0)
    x = torch.randn(1, channels, size, size, dtype=torch.float64, requires_grad=True)
    y = nn.Sequential(*modules).double()(x)
    y[0, 0, y.shape[-2] // 2, y.shape[-1] // 2].backward()
    rows = (x.grad[0].abs().sum(dim=(0, 2)) != 0).nonzero()
    return int(rows.max() - rows.min() + 1)


VGG16_CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def vgg16_names():
    names, block, idx = [], 1, 1
    for v in VGG16_CFG:
        if v == "M":
            names.append((f"pool{block}", 2, 2, 1))
            block, idx = block + 1, 1
        else:
            names.append((f"conv{block}_{idx}", 3, 1, 1))
            idx += 1
    return names


# ----------------------------------------------------------------------------- (1) transposed convolution
def tconv_out(H, K, S, P, D, OP):
    return (H - 1) * S - 2 * P + D * (K - 1) + OP + 1


def test_transposed_conv_output_size_grid():
    checked = 0
    for H in (4, 5):
        x = torch.zeros(1, 1, H, H, dtype=DT)
        for K in range(1, 8):
            for S in range(1, 4):
                for P in range(0, 4):
                    for D in range(1, 4):
                        for OP in range(0, max(S, D)):
                            expected = tconv_out(H, K, S, P, D, OP)
                            w = torch.zeros(1, 1, K, K, dtype=DT)
                            if expected <= 0:
                                with pytest.raises(RuntimeError):
                                    F.conv_transpose2d(x, w, stride=S, padding=P, output_padding=OP, dilation=D)
                                continue
                            y = F.conv_transpose2d(x, w, stride=S, padding=P, output_padding=OP, dilation=D)
                            assert y.shape[-2:] == (expected, expected), (H, K, S, P, D, OP)
                            checked += 1
    assert checked > 1000
    # PyTorch rejects output_padding >= max(stride, dilation), as the page says
    with pytest.raises(RuntimeError):
        F.conv_transpose2d(torch.zeros(1, 1, 4, 4, dtype=DT), torch.zeros(1, 1, 3, 3, dtype=DT), stride=2,
                           output_padding=2)


def tconv_by_zero_insertion(x, w, S, P, D, OP):
    N, C, H, W = x.shape
    up = x.new_zeros(N, C, (H - 1) * S + 1, (W - 1) * S + 1)
    up[..., ::S, ::S] = x
    q = D * (w.shape[-1] - 1) - P
    up = F.pad(up, (q, q + OP, q, q + OP))
    return F.conv2d(up, w.flip(-1, -2).transpose(0, 1), dilation=D)


def test_transposed_conv_equals_zero_insertion_and_gradient():
    torch.manual_seed(0)
    x = torch.randn(1, 2, 5, 5, dtype=torch.float64)
    for K in range(1, 6):
        for S in range(1, 4):
            for P in range(0, 3):
                for D in range(1, 3):
                    for OP in range(0, max(S, D)):
                        if tconv_out(5, K, S, P, D, OP) <= 0:
                            continue
                        w = torch.randn(2, 3, K, K, dtype=torch.float64)
                        ref = F.conv_transpose2d(x, w, stride=S, padding=P, output_padding=OP, dilation=D)
                        assert torch.allclose(ref, tconv_by_zero_insertion(x, w, S, P, D, OP)), (K, S, P, D, OP)
    # the transpose (adjoint) of conv2d, i.e. its input gradient
    w = torch.randn(3, 2, 3, 3, dtype=torch.float64)
    xin = torch.randn(1, 2, 8, 8, dtype=torch.float64, requires_grad=True)
    y = F.conv2d(xin, w, stride=2, padding=1)
    v = torch.randn_like(y)
    (g,) = torch.autograd.grad(y, xin, v)
    assert torch.allclose(g, F.conv_transpose2d(v, w, stride=2, padding=1, output_padding=1))


def test_transposed_conv_page_numbers():
    text = page_text("cnn/transposed-conv.md")
    assert r"O = (H - 1)\,S - 2P + D\,(K - 1) + \text{output\_padding} + 1" in text
    assert r"O = H + K - 1 \quad (S = 1),\qquad O = S\,(H-1) + K \quad (S > 1)" in text
    # simple cases are special cases of the general formula
    for H in range(1, 8):
        for K in range(1, 6):
            assert tconv_out(H, K, 1, 0, 1, 0) == H + K - 1
            for S in (2, 3):
                assert tconv_out(H, K, S, 0, 1, 0) == S * (H - 1) + K
    # the output_padding ambiguity example
    assert [(H + 2 - 3) // 2 + 1 for H in (7, 8)] == [4, 4]
    assert "$H=7$ 和 $H=8$ 都卷成 4" in text
    assert (tconv_out(4, 3, 2, 1, 1, 0), tconv_out(4, 3, 2, 1, 1, 1)) == (7, 8)
    assert "公式默认给出 7；想得到 8，就设 `output_padding=1`" in text
    # figure example: 3×3 input, K=3, S=2, P=0
    assert ((3 - 1) * 2 + 1, (3 - 1) * 2 + 1 + 2 * 2, tconv_out(3, 3, 2, 0, 1, 0)) == (5, 9, 7)
    assert "插零后 5×5，补两圈后 9×9，3×3 卷积得到 7×7" in text
    # checkerboard coverage counts
    for K in (3, 4):
        cover = F.conv_transpose1d(torch.ones(1, 1, 4), torch.ones(1, 1, K), stride=2).flatten().int().tolist()
        assert ", ".join(map(str, cover)) in text, cover


# ----------------------------------------------------------------------------- (2) padding modes
def tf_same_pad(H, K, S, D=1):
    k_eff = D * (K - 1) + 1
    total = max((math.ceil(H / S) - 1) * S + k_eff - H, 0)
    return total // 2, total - total // 2


def test_same_valid_full_grid():
    for H in range(1, 14):
        x = torch.zeros(1, 1, H, H, dtype=DT)
        for K in range(1, 8):
            w = torch.zeros(1, 1, K, K, dtype=DT)
            for S in range(1, 4):
                for D in (1, 2):
                    top, bottom = tf_same_pad(H, K, S, D)
                    y = F.conv2d(F.pad(x, (top, bottom, top, bottom)), w, stride=S, dilation=D)
                    assert y.shape[-1] == math.ceil(H / S), (H, K, S, D)
                if H >= K:
                    assert F.conv2d(x, w, stride=S).shape[-1] == (H - K) // S + 1
            assert F.conv2d(x, w, padding=K - 1).shape[-1] == H + K - 1


def test_pytorch_same_padding_behaviour():
    with pytest.raises(ValueError):
        nn.Conv2d(1, 1, 3, stride=2, padding="same")
    # even kernel: the extra pixel goes to the right, exactly like TF SAME
    torch.manual_seed(0)
    x, w = torch.randn(1, 1, 7, 7), torch.randn(1, 1, 4, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y = F.conv2d(x, w, padding="same")
    top, bottom = tf_same_pad(7, 4, 1)
    assert (top, bottom) == (1, 2)
    assert torch.allclose(y, F.conv2d(F.pad(x, (top, bottom, top, bottom)), w))


def test_padding_page_table_and_examples():
    text = page_text("cnn/padding-modes.md")
    for H, K, S in [(6, 3, 1), (6, 3, 2), (5, 3, 2), (6, 4, 1), (6, 2, 2)]:
        top, bottom = tf_same_pad(H, K, S)
        full = str(H + K - 1) if S == 1 else "—"
        row = f"| {H} | {K} | {S} | {top}, {bottom} | {math.ceil(H / S)} | {(H - K) // S + 1} | {full} |"
        assert row in text, row
    # H=224, K=3, S=2: TF pads 0 top / 1 bottom, PyTorch padding=1 pads 1/1, both give 112
    assert tf_same_pad(224, 3, 2) == (0, 1)
    assert F.conv2d(torch.zeros(1, 1, 224, 224), torch.zeros(1, 1, 3, 3), stride=2, padding=1).shape[-1] == 112
    assert "$H=224, K=3, S=2$，TensorFlow 的 SAME 算出 $P_\\text{total}=1$" in text and "两者输出都是 112" in text
    # valid drops (H-K) mod S trailing rows: H=6, K=3, S=2 -> 1 row unused
    assert (6 - 3) % 2 == 1 and "第 6 行（下标 5）没被用到" in text
    for formula in [r"O_\text{valid} = \left\lfloor \frac{H - K}{S} \right\rfloor + 1",
                    r"O_\text{same} = \left\lceil \frac{H}{S} \right\rceil",
                    r"P_\text{total} = \max\big((O_\text{same} - 1)\,S + K - H,\ 0\big)",
                    r"O_\text{full} = H + K - 1"]:
        assert formula in text


# ----------------------------------------------------------------------------- (3) receptive field
def vgg_prefix_modules(n_layers, pool=nn.AvgPool2d):
    mods, c = [], 3
    for v in VGG16_CFG[:n_layers]:
        if v == "M":
            mods.append(pool(2, 2))
        else:
            mods.append(nn.Conv2d(c, v, 3, padding=1))
            c = v
    return mods


def test_rf_recursion_matches_gradient_vgg16_prefix():
    rows = rf_recursion(vgg16_names()[:10])
    torch.manual_seed(0)
    x = torch.randn(1, 3, 56, 56, dtype=DT, requires_grad=True)
    h = x
    for mod, (name, r, j) in zip(vgg_prefix_modules(10), rows):
        h = mod.double()(h)
        (g,) = torch.autograd.grad(h[0, 0, h.shape[-2] // 2, h.shape[-1] // 2], x, retain_graph=True)
        nz = (g[0].abs().sum(dim=(0, 2)) != 0).nonzero()
        assert int(nz.max() - nz.min() + 1) == r, name


@pytest.mark.parametrize("layers", [
    [(3, 2, 1, 1), (3, 1, 1, 1), (3, 2, 1, 1), (3, 1, 1, 1)],             # strided convs (K, S, D, P)
    [(5, 1, 1, 2), (2, 2, 1, 0), (7, 1, 1, 3), (3, 2, 1, 1)],              # big kernels, pool-like stride
    [(3, 1, 1, 1), (3, 1, 2, 2), (3, 1, 4, 4)],                            # dilated 1, 2, 4
    [(3, 2, 2, 2), (3, 1, 3, 3), (2, 2, 1, 0), (3, 1, 2, 2)],              # dilation after stride
    [(4, 2, 1, 1), (4, 2, 1, 1), (3, 1, 1, 0)],                            # even kernels, no padding
])
def test_rf_recursion_matches_gradient_stacks(layers):
    mods = [nn.Conv2d(1, 1, k, stride=s, dilation=d, padding=p) for k, s, d, p in layers]
    r = rf_recursion([("", k, s, d) for k, s, d, _ in layers])[-1][1]
    assert measured_rf(mods, size=80) == r


def test_rf_page_table_and_numbers():
    text = page_text("cnn/receptive-field.md")
    names = vgg16_names()
    rows = rf_recursion(names)
    prev_r, prev_j = 1, 1
    for (name, k, s, d), (_, r, j) in list(zip(names, rows))[:10]:
        row = f"| {name} | {k} | {s} | {prev_r} + {k - 1}×{prev_j} | {r} | {j} |"
        assert row in text, row
        prev_r, prev_j = r, j
    rf = {name: r for name, r, _ in rows}
    assert (rf["conv4_3"], rf["conv5_3"], rf["pool5"]) == (92, 196, 212)
    assert "conv4_3 为 92，conv5_3 为 196，pool5 为 212" in text
    # the naive count that forgets the jump: 7 convs x 2 + 2 pools x 1
    assert 1 + 7 * 2 + 2 * 1 == 17 and "会被算成 17 而不是 40" in text
    # the cone figure: conv3, conv3, pool2, conv3 -> 10
    cone = rf_recursion([("", 3, 1, 1), ("", 3, 1, 1), ("", 2, 2, 1), ("", 3, 1, 1)])
    assert [r for _, r, _ in cone] == [3, 5, 6, 10] and "感受野为 10 个输入像素" in text
    assert measured_rf([nn.Conv2d(1, 1, 3, padding=1), nn.Conv2d(1, 1, 3, padding=1),
                        nn.AvgPool2d(2, 2), nn.Conv2d(1, 1, 3, padding=1)], size=32) == 10
    for formula in [r"r_l = r_{l-1} + (K_l - 1)\, j_{l-1},\qquad j_l = j_{l-1}\, S_l",
                    r"r_L = 1 + \sum_{l=1}^{L} (K_l - 1)\prod_{i=1}^{l-1} S_i",
                    r"K_l' = D_l(K_l-1)+1"]:
        assert formula in text


def test_feature_hierarchy_vgg_table():
    text = page_text("cnn/feature-hierarchy.md")
    rf = {name: r for name, r, _ in rf_recursion(vgg16_names())}
    # run VGG-16 shapes on the meta device and record each stage's last conv output (the layer before a pool)
    x, c, prev = torch.zeros(1, 3, 224, 224, device="meta"), 3, None
    stage_out = {}
    for (name, _, _, _), v in zip(vgg16_names(), VGG16_CFG):
        if v == "M":
            stage_out[prev] = (x.shape[-1], x.shape[1])
            x = F.max_pool2d(x, 2, 2)
        else:
            x, c = nn.Conv2d(c, v, 3, padding=1, device="meta")(x), v
        prev = name
    assert list(stage_out) == ["conv1_2", "conv2_2", "conv3_3", "conv4_3", "conv5_3"]
    for name, (hw, ch) in stage_out.items():
        assert f"| {name} | {hw}×{hw}×{ch} | {rf[name]} |" in text, name


# ----------------------------------------------------------------------------- (4) parameter counts
def test_kernel_size_page_params():
    text = page_text("cnn/kernel-size.md")
    C = 64
    two = n_params(nn.Sequential(nn.Conv2d(C, C, 3, bias=False), nn.Conv2d(C, C, 3, bias=False)))
    three = n_params(nn.Sequential(*[nn.Conv2d(C, C, 3, bias=False) for _ in range(3)]))
    five, seven = n_params(nn.Conv2d(C, C, 5, bias=False)), n_params(nn.Conv2d(C, C, 7, bias=False))
    assert (two, five, three, seven) == (18 * C * C, 25 * C * C, 27 * C * C, 49 * C * C)
    for label, rf, n in [("两层 3×3", 5, two), ("一层 5×5", 5, five), ("三层 3×3", 7, three), ("一层 7×7", 7, seven)]:
        assert f"| {label} | {rf} | {fmt(n)} |" in text, label
    assert r"2\times(3^2C^2) = 18C^2" in text and r"3\times(3^2C^2) = 27C^2" in text
    assert f"{round(100 * (1 - 18 / 25))}%" == "28%" and "少 28% 和约 45%" in text
    assert round(100 * (1 - 27 / 49)) == 45 and round(100 * (49 / 27 - 1)) == 81 and "多 81% 的参数" in text
    assert f"{49 / 27:.2f}" == "1.81" and "$49/27\\approx1.81$" in text
    # stacked 3×3 RF 5 and 7 (stride 1)
    assert measured_rf([nn.Conv2d(1, 1, 3) for _ in range(2)], 16) == 5
    assert measured_rf([nn.Conv2d(1, 1, 3) for _ in range(3)], 16) == 7


def test_conv1x1_page_params():
    text = page_text("cnn/conv-1x1.md")
    parts = [nn.Conv2d(256, 64, 1, bias=False), nn.Conv2d(64, 64, 3, padding=1, bias=False),
             nn.Conv2d(64, 256, 1, bias=False)]
    counts = [n_params(m) for m in parts]
    total, direct = sum(counts), n_params(nn.Conv2d(256, 256, 3, padding=1, bias=False))
    assert counts == [16_384, 36_864, 16_384] and (total, direct) == (69_632, 589_824)
    assert r"16{,}384 + 36{,}864 + 16{,}384 = 69{,}632" in text and r"9\cdot256\cdot256 = 589{,}824" in text
    assert f"{direct / total:.1f}" == "8.5" and "约 1/8.5" in text
    assert f"乘加次数分别是 {fmt(total * 56 * 56)}（约 2.18 亿）和 {fmt(direct * 56 * 56)}（约 18.5 亿）" in text
    assert f"{total * 56 * 56 / 1e8:.2f}" == "2.18" and f"{direct * 56 * 56 / 1e8:.1f}" == "18.5"
    # 1×1 conv == per-pixel Linear
    torch.manual_seed(0)
    conv, fc = nn.Conv2d(8, 4, 1), nn.Linear(8, 4)
    fc.weight.data, fc.bias.data = conv.weight.data.view(4, 8), conv.bias.data
    x = torch.randn(2, 8, 5, 5)
    assert torch.allclose(conv(x), fc(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2), atol=1e-6)


def test_inception_page_numbers():
    text = page_text("cnn/multi-kernel-inception.md")
    c = lambda ci, co, k: nn.Conv2d(ci, co, k, padding=k // 2, bias=False)
    naive = [c(192, 64, 1), c(192, 128, 3), c(192, 32, 5)]
    reduced = [c(192, 64, 1), c(192, 96, 1), c(96, 128, 3), c(192, 16, 1), c(16, 32, 5), c(192, 32, 1)]
    nw, rw = sum(map(n_params, naive)), sum(map(n_params, reduced))
    assert (nw, rw) == (387_072, 163_328)
    x = torch.randn(1, 192, 28, 28)
    out_naive = torch.cat([m(x) for m in naive] + [F.max_pool2d(x, 3, 1, 1)], 1)
    out_red = torch.cat([reduced[0](x), reduced[2](reduced[1](x)), reduced[4](reduced[3](x)),
                         reduced[5](F.max_pool2d(x, 3, 1, 1))], 1)
    assert (out_naive.shape[1], out_red.shape[1]) == (416, 256) and out_red.shape[-1] == 28
    for s in ["192×64 = 12,288", "9×192×128 = 221,184", "192×96 + 9×96×128 = 129,024",
              "25×192×32 = 153,600", "192×16 + 25×16×32 = 15,872", "192×32 = 6,144",
              f"| 合计 | {fmt(nw)} | {fmt(rw)} |", "64+128+32+192 = 416", "64+128+32+32 = 256",
              f"朴素版 {fmt(nw * 784)}（约 3.03 亿），降维版 {fmt(rw * 784)}（约 1.28 亿）"]:
        assert s in text, s
    assert (12_288 + 221_184 + 153_600, 12_288 + 129_024 + 15_872 + 6_144) == (nw, rw)
    assert (f"{nw * 784 / 1e8:.2f}", f"{rw * 784 / 1e8:.2f}") == ("3.03", "1.28")
    assert "多出 160 个通道" in text and 416 - 256 == 160


def test_cnn_basics_and_layers_numbers():
    text = page_text("cnn/cnn-basics.md")
    n_in, n_out = 224 * 224 * 3, 224 * 224 * 64
    conv = nn.Conv2d(3, 64, 3, padding=1, bias=False)
    assert n_params(conv) == 1_728 and conv(torch.zeros(1, 3, 224, 224)).shape[1:] == (64, 224, 224)
    for s in [f"{fmt(n_in)} × {fmt(n_out)} = {fmt(n_in * n_out)}", f"224 × 224 × 64 × 27 = {fmt(n_out * 27)}",
              "64 × 3 × 3 × 3 = 1,728", f"1,728 × 224 × 224 = {fmt(1728 * 224 * 224)}"]:
        assert s in text, s
    assert f"{n_in * n_out:.2e}" == "4.83e+11" and "约 4.83×10¹¹" in text

    text = page_text("cnn/cnn-layers.md")
    net = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.5), nn.Linear(64, 10))
    x = torch.zeros(1, 3, 32, 32)
    labels = ["Conv2d 3→32", "BatchNorm2d(32)", "ReLU", "MaxPool2d 2×2", "Conv2d 32→64", "BatchNorm2d(64)",
              "ReLU", "MaxPool2d 2×2", None, None, "Dropout(0.5)", "Linear 64→10"]
    for layer, label in zip(net, labels):
        x = layer(x)
        if label:
            shape = str(tuple(x.shape[1:]))
            assert f"| {label} | {shape} | {fmt(n_params(layer))} |" in text, label
    assert f"| 合计 | | {fmt(n_params(net))} |" in text and n_params(net) == 20_234
    # VGG-16 parameter split (built on the meta device: no memory, no init cost)
    convs, c = [], 3
    for v in VGG16_CFG:
        if v != "M":
            convs.append(nn.Conv2d(c, v, 3, padding=1, device="meta"))
            c = v
    fcs = [nn.Linear(512 * 7 * 7, 4096, device="meta"), nn.Linear(4096, 4096, device="meta"),
           nn.Linear(4096, 1000, device="meta")]
    pc, pf = sum(map(n_params, convs)), sum(map(n_params, fcs))
    assert (pc, pf, pc + pf, n_params(fcs[0])) == (14_714_688, 123_642_856, 138_357_544, 102_764_544)
    for s in [fmt(pc), fmt(pf), fmt(pc + pf), fmt(n_params(fcs[0]))]:
        assert s in text, s
    assert round(100 * pf / (pc + pf)) == 89 and "全连接层占约 89%" in text


def test_convolution_definition_numbers():
    text = page_text("cnn/convolution-definition.md")
    import numpy as np
    die = np.full(6, 1 / 6)
    assert round(np.convolve(die, die)[5] * 36) == 6 and "$P=6/36$" in text
    for formula in [r"(f * g)(t) = \int_{-\infty}^{\infty} f(\tau)\, g(t-\tau)\, d\tau",
                    r"(f * g)[n] = \sum_{m=-\infty}^{\infty} f[m]\, g[n-m]",
                    r"S(i,j) = (I \star K)(i,j) = \sum_{m}\sum_{n} I(i+m,\, j+n)\, K(m,n)",
                    r"\mathcal{F}\{f * g\} = \mathcal{F}\{f\} \cdot \mathcal{F}\{g\}"]:
        assert formula in text
    assert "../engineering/fourier-transform.md" in text


# ----------------------------------------------------------------------------- (5) dilated convolution
def test_dilated_effective_kernel_and_output_size():
    for K in range(1, 8):
        for D in range(1, 5):
            k_eff = D * (K - 1) + 1
            x = torch.zeros(1, 1, 1, 2 * k_eff + 1, dtype=DT)
            x[..., k_eff] = 1.0                       # a delta: the output is the (flipped) dilated kernel
            y = F.conv2d(x, torch.ones(1, 1, 1, K, dtype=DT), dilation=(1, D), padding=(0, k_eff - 1))
            nz = y.flatten().nonzero()
            assert int(nz.max() - nz.min() + 1) == k_eff and int((y != 0).sum()) == K
            for H in (11, 12):
                for S in (1, 2, 3):
                    for P in (0, D * (K - 1) // 2):
                        if H + 2 * P < k_eff:
                            continue
                        conv = nn.Conv2d(1, 1, K, stride=S, padding=P, dilation=D).double()
                        out = conv(torch.zeros(1, 1, H, H, dtype=DT))
                        assert out.shape[-1] == (H + 2 * P - D * (K - 1) - 1) // S + 1
    text = page_text("cnn/dilated-conv.md")
    for K in (3, 5):
        row = f"| {K}×{K} | " + " | ".join(str(D * (K - 1) + 1) for D in range(1, 5)) + " |"
        assert row in text, row
    assert r"K_\text{eff} = K + (K-1)(D-1) = D\,(K-1) + 1" in text
    # 3×3 with padding D keeps the size
    for D in range(1, 6):
        conv = nn.Conv2d(1, 1, 3, padding=D, dilation=D).double()
        assert conv(torch.zeros(1, 1, 20, 20, dtype=DT)).shape[-1] == 20


def reached(dilations, size=41):
    x = torch.zeros(1, 1, size, size, dtype=DT, requires_grad=True)
    h = x
    for d in dilations:
        h = F.conv2d(h, torch.ones(1, 1, 3, 3, dtype=DT), padding=d, dilation=d)
    h[0, 0, size // 2, size // 2].backward()
    return x.grad[0, 0] != 0


def test_dilated_stacks_and_gridding():
    text = page_text("cnn/dilated-conv.md")
    spans = []
    for stack in ([1], [1, 2], [1, 2, 4]):
        rows = reached(stack).any(dim=1).nonzero()
        spans.append(int(rows.max() - rows.min() + 1))
    assert spans == [3, 7, 15] == [r for _, r, _ in rf_recursion([("", 3, 1, 1), ("", 3, 1, 2), ("", 3, 1, 4)])]
    assert "$r = 1+2 = 3$，$3 + 4 = 7$，$7 + 8 = 15$" in text
    for L in range(1, 6):   # D_l = 2^(l-1)  =>  r_L = 2^(L+1) - 1
        assert rf_recursion([("", 3, 1, 2 ** l) for l in range(L)])[-1][1] == 2 ** (L + 1) - 1
    g222, g123 = reached([2, 2, 2]), reached([1, 2, 3])
    for g in (g222, g123):
        rows = g.any(dim=1).nonzero()
        assert int(rows.max() - rows.min() + 1) == 13
    assert (int(g222.sum()), int(g123.sum())) == (49, 169)
    assert "感受野是 13×13，但只用到其中 7×7 = 49 个像素" in text and "169 个像素全部用到" in text


# ----------------------------------------------------------------------------- figures
def test_cnn_a_figures_deterministic_and_small():
    spec = importlib.util.spec_from_file_location("cnn_a_fig", ROOT / "scripts" / "figures" / "cnn_a.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        mod.build(Path(a))
        mod.build(Path(b))
        for name in mod.FIGURES:
            first, second = (Path(a) / name).read_bytes(), (Path(b) / name).read_bytes()
            assert first == second and len(first) < 60_000, name
            committed = ROOT / "docs" / "assets" / "figures" / "cnn" / name
            assert committed.read_bytes() == first, f"{name} is stale: rerun the figure script"
    # every figure is embedded on a page with a real alt text
    pages = "".join(page_text(f"cnn/{p}.md") for p in
                    ["receptive-field", "dilated-conv", "multi-kernel-inception", "conv-1x1", "transposed-conv"])
    for name in mod.FIGURES:
        assert re.search(r"!\[[^\]]{8,}\]\(\.\./assets/figures/cnn/" + re.escape(name) + r"\)", pages), name
