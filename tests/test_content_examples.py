"""Cross-checks of the two reference pages against PyTorch: the convolution output-size formula
over a grid of shapes, the BN training forward and backward, and the numbers the pages print."""
import itertools
import re

import numpy as np
import torch

from conftest import page_text


def conv_out(h, k, s, p, d):
    return (h + 2 * p - d * (k - 1) - 1) // s + 1


def test_conv_output_formula_matches_pytorch_on_a_grid():
    checked = 0
    for k, s, p, d in itertools.product(range(1, 8), range(1, 4), range(0, 4), range(1, 4)):
        for h in (7, 8, 15, 16):  # odd and even inputs
            if h + 2 * p < d * (k - 1) + 1:
                continue  # PyTorch rejects an input smaller than the dilated kernel
            real = torch.nn.functional.conv2d(torch.zeros(1, 1, h, h + 1), torch.zeros(1, 1, k, k),
                                              stride=s, padding=p, dilation=d).shape[-2:]
            assert tuple(real) == (conv_out(h, k, s, p, d), conv_out(h + 1, k, s, p, d)), (h, k, s, p, d)
            checked += 1
    assert checked > 800


def test_conv_output_table_on_the_page_is_what_pytorch_computes():
    text = page_text("cnn/conv-output-size.md")
    rows = re.findall(r"^\| [^|$]+ \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", text, re.M)
    assert len(rows) >= 7
    for row in rows:
        h, k, s, p, d, out = map(int, row)
        real = torch.nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, h, h)).shape[-1]
        assert real == out, row
    assert "输出 112×112" in text and conv_out(224, 7, 2, 3, 1) == 112


def test_tensorflow_same_padding_gives_ceil_h_over_s():
    for h, k, s in itertools.product(range(5, 20), range(1, 8), range(1, 4)):
        out = -(-h // s)
        total = max((out - 1) * s + k - h, 0)
        x = torch.zeros(1, 1, h, h)
        x = torch.nn.functional.pad(x, (total // 2, total - total // 2, total // 2, total - total // 2))
        assert torch.nn.functional.conv2d(x, torch.zeros(1, 1, k, k), stride=s).shape[-1] == out


def test_bn_page_numbers_and_backward_formula():
    text = page_text("normalization/bn-formula.md")
    x = np.array([1.0, 2.0, 3.0, 4.0])
    x_hat = (x - x.mean()) / np.sqrt(x.var() + 1e-5)
    assert f"\\mu_\\mathcal{{B}} = {x.mean()}" in text and f"\\sigma^2_\\mathcal{{B}} = {x.var()}" in text
    assert "(" + ", ".join(f"{v:.4f}" for v in x_hat) + ")" in text
    assert f"{32 * 56 * 56}" in text

    # The input-gradient formula on the page equals autograd through BatchNorm1d in training mode.
    torch.manual_seed(0)
    m, gamma = 16, 1.7
    xt = torch.randn(m, 1, dtype=torch.float64, requires_grad=True)
    bn = torch.nn.BatchNorm1d(1, eps=1e-5).double()
    with torch.no_grad():
        bn.weight.fill_(gamma)
    upstream = torch.randn(m, 1, dtype=torch.float64)
    (bn(xt) * upstream).sum().backward()
    xv = xt.detach().numpy().ravel()
    var = xv.var()
    xh = (xv - xv.mean()) / np.sqrt(var + 1e-5)
    g = gamma * upstream.numpy().ravel()
    ours = (m * g - g.sum() - xh * (g * xh).sum()) / (m * np.sqrt(var + 1e-5))
    assert np.allclose(ours, xt.grad.numpy().ravel(), atol=1e-10)
    assert np.isclose(bn.weight.grad.item(), (upstream.numpy().ravel() * xh).sum())
    assert np.isclose(bn.bias.grad.item(), upstream.sum().item())


def test_bn_running_statistics_convention_stated_on_the_page():
    """PyTorch: momentum 0.1 weights the new batch, running_var uses the unbiased estimate."""
    text = page_text("normalization/bn-formula.md")
    assert "\\alpha = 0.1" in text and "\\frac{m}{m-1}" in text
    torch.manual_seed(1)
    bn = torch.nn.BatchNorm1d(3)
    x = torch.randn(10, 3)
    bn.train()
    bn(x)
    assert torch.allclose(bn.running_mean, 0.1 * x.mean(0))
    assert torch.allclose(bn.running_var, 0.9 + 0.1 * x.var(0, unbiased=True))
    assert bn.momentum == 0.1 and bn.eps == 1e-5
