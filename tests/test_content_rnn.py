"""Checks for the chapter 循环神经网络与注意力 (docs/rnn/).

The formulas printed on the pages are re-implemented here from the page text and compared with
PyTorch's own modules (nn.LSTMCell, nn.GRUCell, nn.RNN/LSTM/GRU, nn.MultiheadAttention,
F.scaled_dot_product_attention, nn.TransformerEncoderLayer); every worked-example number on the
pages is recomputed and looked up in the page source.
"""
from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

try:
    from conftest import page_text
except ImportError:  # pragma: no cover - fallback if the shared helper is missing
    def page_text(rel: str) -> str:
        return (Path(__file__).parents[1] / "docs" / rel).read_text(encoding="utf-8")

ROOT = Path(__file__).resolve().parents[1]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def n_params(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


# ------------------------------------------------------------------ LSTM

def lstm_step(x, h, c, cell: torch.nn.LSTMCell):
    """The six equations of docs/rnn/lstm.md, in NumPy; weights sliced in PyTorch's i, f, g, o order."""
    W = cell.weight_ih.detach().double().numpy()
    U = cell.weight_hh.detach().double().numpy()
    b = (cell.bias_ih + cell.bias_hh).detach().double().numpy()
    W_i, W_f, W_c, W_o = np.split(W, 4)
    U_i, U_f, U_c, U_o = np.split(U, 4)
    b_i, b_f, b_c, b_o = np.split(b, 4)
    f = sigmoid(x @ W_f.T + h @ U_f.T + b_f)
    i = sigmoid(x @ W_i.T + h @ U_i.T + b_i)
    o = sigmoid(x @ W_o.T + h @ U_o.T + b_o)
    c_tilde = np.tanh(x @ W_c.T + h @ U_c.T + b_c)
    c_new = f * c + i * c_tilde
    h_new = o * np.tanh(c_new)
    return h_new, c_new


@pytest.mark.parametrize("d_x,d_h,seed", [(3, 2, 0), (7, 5, 1), (16, 32, 2)])
def test_lstm_equations_match_lstmcell(d_x, d_h, seed):
    torch.manual_seed(seed)
    cell = torch.nn.LSTMCell(d_x, d_h).double()
    x, h, c = (torch.randn(4, n, dtype=torch.float64) for n in (d_x, d_h, d_h))
    h_np, c_np = lstm_step(x.numpy(), h.numpy(), c.numpy(), cell)
    with torch.no_grad():
        h_ref, c_ref = cell(x, (h, c))
    np.testing.assert_allclose(h_np, h_ref.numpy(), atol=1e-12)
    np.testing.assert_allclose(c_np, c_ref.numpy(), atol=1e-12)


def test_lstm_gate_order_matters():
    """Slicing in the textbook order f, i, g, o would give a different cell: the order claim is real."""
    torch.manual_seed(0)
    cell = torch.nn.LSTMCell(4, 3).double()
    x, h, c = torch.randn(2, 4, dtype=torch.float64), torch.randn(2, 3, dtype=torch.float64), torch.randn(2, 3, dtype=torch.float64)
    swapped = torch.nn.LSTMCell(4, 3).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            i, f, g, o = getattr(cell, name).chunk(4)
            getattr(swapped, name).copy_(torch.cat([f, i, g, o]))
        assert not torch.allclose(cell(x, (h, c))[0], swapped(x, (h, c))[0])


def test_lstm_page_formulas():
    text = page_text("rnn/lstm.md")
    for eq in (
        r"f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f)",
        r"i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i)",
        r"o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o)",
        r"\tilde c_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c)",
        r"c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t",
        r"h_t &= o_t \odot \tanh(c_t)",
        r"4\big(d_h(d_x+d_h)+d_h\big)",
        r"4\big(d_h d_x + d_h^2 + 2d_h\big)",
    ):
        assert eq in text, eq
    assert "**i, f, g, o**" in text
    assert "lstm-cell.svg" in text


def test_lstm_forget_bias_numbers():
    text = page_text("rnn/lstm.md")
    s1 = 1 / (1 + math.exp(-1))
    assert f"{s1:.3f}" == "0.731" and r"\sigma(1)\approx 0.731" in text
    assert f"{0.5 ** 10:.3f}" == "0.001" and r"0.5^{10}\approx 0.001" in text
    assert f"{0.731 ** 10:.3f}" == "0.044" and f"{s1 ** 10:.3f}" == "0.044"
    assert r"0.731^{10}\approx 0.044" in text
    # PyTorch's documented default init: U(-1/sqrt(d_h), 1/sqrt(d_h)), so the forget bias is not 1
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(8, 16)
    assert lstm.bias_ih_l0.abs().max().item() <= 1 / math.sqrt(16)


# ------------------------------------------------------------------ GRU

def gru_step_pytorch_form(x, h, cell: torch.nn.GRUCell):
    W = cell.weight_ih.detach().double().numpy()
    U = cell.weight_hh.detach().double().numpy()
    b_ir, b_iz, b_in = np.split(cell.bias_ih.detach().double().numpy(), 3)
    b_hr, b_hz, b_hn = np.split(cell.bias_hh.detach().double().numpy(), 3)
    W_r, W_z, W_n = np.split(W, 3)
    U_r, U_z, U_n = np.split(U, 3)
    r = sigmoid(x @ W_r.T + h @ U_r.T + b_ir + b_hr)
    z = sigmoid(x @ W_z.T + h @ U_z.T + b_iz + b_hz)
    n = np.tanh(x @ W_n.T + b_in + r * (h @ U_n.T + b_hn))
    return (1 - z) * n + z * h


def gru_step_cho_form(x, h, cell: torch.nn.GRUCell):
    """Cho et al. (2014): reset applied before the hidden matmul."""
    W = cell.weight_ih.detach().double().numpy()
    U = cell.weight_hh.detach().double().numpy()
    b = (cell.bias_ih + cell.bias_hh).detach().double().numpy()
    W_r, W_z, W_h = np.split(W, 3)
    U_r, U_z, U_h = np.split(U, 3)
    b_r, b_z, b_h = np.split(b, 3)
    r = sigmoid(x @ W_r.T + h @ U_r.T + b_r)
    z = sigmoid(x @ W_z.T + h @ U_z.T + b_z)
    h_tilde = np.tanh(x @ W_h.T + (r * h) @ U_h.T + b_h)
    return z * h + (1 - z) * h_tilde


@pytest.mark.parametrize("d_x,d_h,seed", [(3, 2, 0), (7, 5, 1), (16, 32, 2)])
def test_gru_equations_match_grucell(d_x, d_h, seed):
    torch.manual_seed(seed)
    cell = torch.nn.GRUCell(d_x, d_h).double()
    x, h = torch.randn(4, d_x, dtype=torch.float64), torch.randn(4, d_h, dtype=torch.float64)
    with torch.no_grad():
        ref = cell(x, h).numpy()
    np.testing.assert_allclose(gru_step_pytorch_form(x.numpy(), h.numpy(), cell), ref, atol=1e-12)
    # the page says the original "reset before matmul" form is a different function
    assert not np.allclose(gru_step_cho_form(x.numpy(), h.numpy(), cell), ref, atol=1e-6)


def test_gru_page_formulas():
    text = page_text("rnn/gru.md")
    for eq in (
        r"r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r)",
        r"z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z)",
        r"n_t &= \tanh\big(W_n x_t + b_{in} + r_t \odot (U_n h_{t-1} + b_{hn})\big)",
        r"h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
        r"\tilde h_t &= \tanh\big(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h\big)",
        r"h_t = (1 - z_t)\odot h_{t-1} + z_t \odot \tilde h_t",
        r"3\big(d_h d_x + d_h^2 + 2d_h\big)",
    ):
        assert eq in text, eq
    assert "gru-cell.svg" in text


# ------------------------------------------------------------------ parameter counts

def rnn_formula(d_x, d_h):
    return d_h * d_x + d_h * d_h + 2 * d_h


def stacked(mult, d_x, d_h, layers, bidirectional):
    dirs = 2 if bidirectional else 1
    total = 0
    for layer in range(layers):
        d_in = d_x if layer == 0 else d_h * dirs
        total += dirs * mult * rnn_formula(d_in, d_h)
    return total


@pytest.mark.parametrize("d_x,d_h", [(1, 1), (5, 7), (128, 256), (300, 64)])
@pytest.mark.parametrize("layers,bidir", [(1, False), (2, True), (3, False)])
def test_recurrent_param_counts(d_x, d_h, layers, bidir):
    kw = dict(num_layers=layers, bidirectional=bidir)
    assert n_params(torch.nn.RNN(d_x, d_h, **kw)) == stacked(1, d_x, d_h, layers, bidir)
    assert n_params(torch.nn.LSTM(d_x, d_h, **kw)) == stacked(4, d_x, d_h, layers, bidir)
    assert n_params(torch.nn.GRU(d_x, d_h, **kw)) == stacked(3, d_x, d_h, layers, bidir)


@pytest.mark.parametrize("d,h", [(8, 2), (64, 4), (512, 8), (768, 12)])
def test_mha_param_count(d, h):
    assert n_params(torch.nn.MultiheadAttention(d, h)) == 4 * d * d + 4 * d
    assert n_params(torch.nn.MultiheadAttention(d, h, bias=False)) == 4 * d * d


def test_param_count_worked_examples_on_pages():
    rnn, lstm, gru = (n_params(m(128, 256)) for m in (torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU))
    assert (rnn, lstm, gru) == (98816, 395264, 296448)
    single_bias_lstm = 4 * (256 * (128 + 256) + 256)
    assert single_bias_lstm == 394240
    assert "98{,}816" in page_text("rnn/rnn.md")
    lstm_page = page_text("rnn/lstm.md")
    assert "394{,}240" in lstm_page and "395{,}264" in lstm_page and "98,816" in lstm_page
    gru_page = page_text("rnn/gru.md")
    assert "296{,}448" in gru_page and "395,264" in gru_page
    assert gru * 4 == lstm * 3
    mha = n_params(torch.nn.MultiheadAttention(512, 8))
    assert mha == 1050624 and "1{,}050{,}624" in page_text("rnn/scaled-dot-product-attention.md")


# ------------------------------------------------------------------ RNN recurrence and BPTT

def test_rnn_recurrence_matches_nn_rnn():
    torch.manual_seed(3)
    rnn = torch.nn.RNN(6, 4, batch_first=True).double()
    x = torch.randn(2, 7, 6, dtype=torch.float64)
    with torch.no_grad():
        out, _ = rnn(x)
        W, U = rnn.weight_ih_l0, rnn.weight_hh_l0
        b = rnn.bias_ih_l0 + rnn.bias_hh_l0
        h = torch.zeros(2, 4, dtype=torch.float64)
        for t in range(7):
            h = torch.tanh(x[:, t] @ W.T + h @ U.T + b)  # h_t = tanh(W x_t + U h_{t-1} + b)
            assert torch.allclose(h, out[:, t], atol=1e-12)
    assert r"h_t = \tanh\!\left(W x_t + U h_{t-1} + b\right)" in page_text("rnn/rnn.md")


def test_bptt_jacobian_product_and_bound():
    """∂h_t/∂h_k = diag(φ'(z_t)) W_hh ··· diag(φ'(z_{k+1})) W_hh, and its norm ≤ (γ σ_max)^{t-k}."""
    torch.manual_seed(0)
    d, T, k = 6, 9, 2
    W_xh = torch.randn(d, 3, dtype=torch.float64) * 0.5
    W_hh = torch.randn(d, d, dtype=torch.float64) * 0.4
    b = torch.randn(d, dtype=torch.float64) * 0.1
    xs = torch.randn(T + 1, 3, dtype=torch.float64)

    def step(h, t):
        return torch.tanh(W_xh @ xs[t] + W_hh @ h + b)

    hs = [torch.zeros(d, dtype=torch.float64)]
    for t in range(1, T + 1):
        hs.append(step(hs[-1], t))

    def from_k(h_k):
        h = h_k
        for t in range(k + 1, T + 1):
            h = step(h, t)
        return h

    J_auto = torch.autograd.functional.jacobian(from_k, hs[k])
    J = torch.eye(d, dtype=torch.float64)
    for i in range(k + 1, T + 1):  # left-multiply: the factor for i = T ends up leftmost
        z_i = W_xh @ xs[i] + W_hh @ hs[i - 1] + b
        J = torch.diag(1 - torch.tanh(z_i) ** 2) @ W_hh @ J
    assert torch.allclose(J, J_auto, atol=1e-12)
    sigma_max = torch.linalg.matrix_norm(W_hh, ord=2).item()
    assert torch.linalg.matrix_norm(J, ord=2).item() <= sigma_max ** (T - k) + 1e-12

    text = page_text("rnn/rnn-training.md")
    assert r"\prod_{i=k+1}^{t}\operatorname{diag}\big(\phi'(z_i)\big)\,W_{hh}" in text
    assert r"\big(\gamma\,\sigma_{\max}\big)^{t-k}" in text


def test_bptt_linear_example_numbers():
    # W_hh = aQ with Q orthogonal: the Jacobian of a linear RNN over T steps has spectral norm a^T
    torch.manual_seed(0)
    Q, _ = torch.linalg.qr(torch.randn(8, 8, dtype=torch.float64))
    for a, T in ((0.9, 50), (1.1, 50)):
        J = torch.linalg.matrix_power(a * Q, T)
        assert math.isclose(torch.linalg.matrix_norm(J, ord=2).item(), a ** T, rel_tol=1e-9)
    text = page_text("rnn/rnn-training.md")
    assert f"{0.9 ** 50:.4f}" == "0.0052" and r"0.9^{50}\approx 0.0052" in text
    assert f"{1.1 ** 50:.0f}" == "117" and r"1.1^{50}\approx 117" in text
    assert math.log10(1.1 ** 50 / 0.9 ** 50) > 4  # "四个数量级以上"


# ------------------------------------------------------------------ attention

def attention(Q, K, V, causal=False, key_padding=None):
    """softmax(QK^T / sqrt(d_k) + M) V, as on scaled-dot-product-attention.md."""
    d_k = Q.shape[-1]
    scores = Q @ K.transpose(-2, -1) / math.sqrt(d_k)
    n, m = scores.shape[-2:]
    M = torch.zeros(n, m, dtype=Q.dtype)
    if causal:
        M = M.masked_fill(torch.triu(torch.ones(n, m, dtype=torch.bool), diagonal=1), float("-inf"))
    M = M.expand(scores.shape).clone()
    if key_padding is not None:  # (B, m) bool, True = padding
        M = M.masked_fill(key_padding[:, None, None, :], float("-inf"))
    return torch.softmax(scores + M, dim=-1) @ V


@pytest.mark.parametrize("causal", [False, True])
def test_attention_formula_matches_sdpa(causal):
    torch.manual_seed(1)
    Q, K, V = (torch.randn(2, 3, 5, 8, dtype=torch.float64) for _ in range(3))
    ours = attention(Q, K, V, causal=causal)
    ref = F.scaled_dot_product_attention(Q, K, V, is_causal=causal)
    assert torch.allclose(ours, ref, atol=1e-12)


def test_padding_mask_and_bool_semantics():
    torch.manual_seed(2)
    B, h, n, d_k = 2, 2, 4, 8
    Q, K, V = (torch.randn(B, h, n, d_k, dtype=torch.float64) for _ in range(3))
    pad = torch.tensor([[False, False, False, True], [False, False, True, True]])
    ours = attention(Q, K, V, key_padding=pad)
    # F.scaled_dot_product_attention: boolean True = may attend
    ref = F.scaled_dot_product_attention(Q, K, V, attn_mask=~pad[:, None, None, :])
    assert torch.allclose(ours, ref, atol=1e-12)
    # nn.MultiheadAttention: boolean True = masked out (the opposite convention, as the page says)
    mha = torch.nn.MultiheadAttention(8, 2, batch_first=True).double().eval()
    x = torch.randn(2, n, 8, dtype=torch.float64)
    with torch.no_grad():
        a, _ = mha(x, x, x, key_padding_mask=pad)
        float_mask = torch.zeros(2, n, dtype=torch.float64).masked_fill(pad, float("-inf"))
        b, _ = mha(x, x, x, key_padding_mask=float_mask)
    assert torch.allclose(a, b, atol=1e-10)
    text = page_text("rnn/scaled-dot-product-attention.md")
    assert "`True` 表示**允许**关注" in text and "`True` 表示**屏蔽**" in text


def test_multihead_formula_matches_module():
    """Concat(head_1..head_h) W^O with per-head projections equals nn.MultiheadAttention."""
    torch.manual_seed(4)
    d, h, n = 16, 4, 5
    mha = torch.nn.MultiheadAttention(d, h, batch_first=True).double().eval()
    x = torch.randn(1, n, d, dtype=torch.float64)
    Wq, Wk, Wv = mha.in_proj_weight.chunk(3)
    bq, bk, bv = mha.in_proj_bias.chunk(3)
    d_k = d // h
    heads = []
    for i in range(h):
        sl = slice(i * d_k, (i + 1) * d_k)
        q = x[0] @ Wq[sl].T + bq[sl]
        k = x[0] @ Wk[sl].T + bk[sl]
        v = x[0] @ Wv[sl].T + bv[sl]
        heads.append(attention(q, k, v))
    ours = torch.cat(heads, dim=-1) @ mha.out_proj.weight.T + mha.out_proj.bias
    with torch.no_grad():
        ref, _ = mha(x, x, x)
    assert torch.allclose(ours, ref[0], atol=1e-12)


def test_dk_variance_argument():
    torch.manual_seed(0)
    for d_k in (16, 64, 256):
        q, k = torch.randn(20_000, d_k), torch.randn(20_000, d_k)
        dots = (q * k).sum(-1)
        assert abs(dots.var().item() / d_k - 1) < 0.05
        assert abs((dots / math.sqrt(d_k)).var().item() - 1) < 0.05
    text = page_text("rnn/scaled-dot-product-attention.md")
    assert r"\mathrm{Var}(q\cdot k)=\sum_{i=1}^{d_k}\mathrm{Var}(q_ik_i)=d_k" in text
    assert f"{math.exp(20):.1e}" == "4.9e+08" and r"4.9\times10^8" in text


def test_cost_and_complexity_numbers():
    text = page_text("rnn/transformer-vs-rnn.md")
    n, d = 512, 1024
    assert f"{n * n * d:.1e}" == "2.7e+08" and r"n^2d\approx 2.7\times10^8" in text
    assert f"{n * d * d:.1e}" == "5.4e+08" and r"nd^2\approx 5.4\times10^8" in text

    # 12 n d^2 multiply-adds for the projections and FFN of one layer: every weight of the four
    # projections and the two FFN matrices is used once per token in a matrix product.
    # (FlopCounterMode would check the same thing but costs ~6 s on first use.)
    for d, h in ((32, 4), (512, 8)):
        layer = torch.nn.TransformerEncoderLayer(d, h, dim_feedforward=4 * d, dropout=0.0)
        weights = (layer.self_attn.in_proj_weight.numel() + layer.self_attn.out_proj.weight.numel()
                   + layer.linear1.weight.numel() + layer.linear2.weight.numel())
        assert weights == 12 * d * d
    # QK^T and AV: h heads x n x n x d_head multiply-adds each, i.e. n^2 d each
    h, n, d_head = 4, 16, 8
    q = torch.randn(h, n, d_head)
    assert (q @ q.transpose(-2, -1)).numel() * d_head == n * n * (h * d_head)
    assert "12nd^2+2n^2d" in page_text("rnn/attention-cost-kv-cache.md")


def test_self_attention_permutation_equivariance():
    torch.manual_seed(5)
    layer = torch.nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, dropout=0.0, batch_first=True).double().eval()
    x = torch.randn(1, 6, 16, dtype=torch.float64)
    perm = torch.tensor([3, 0, 5, 1, 4, 2])
    with torch.no_grad():
        assert torch.allclose(layer(x[:, perm]), layer(x)[:, perm], atol=1e-10)
        causal = torch.nn.Transformer.generate_square_subsequent_mask(6, dtype=torch.float64)
        assert not torch.allclose(layer(x[:, perm], src_mask=causal), layer(x, src_mask=causal)[:, perm], atol=1e-6)


def test_causal_mask_convention():
    m = torch.nn.Transformer.generate_square_subsequent_mask(5)
    assert torch.equal(m == 0, torch.tril(torch.ones(5, 5, dtype=torch.bool)))
    assert "generate_square_subsequent_mask" in page_text("rnn/transformer-architectures.md")


# ------------------------------------------------------------------ positional encodings

def sinusoidal(n_pos, d):
    pos = np.arange(n_pos)[:, None]
    i = np.arange(d // 2)
    angle = pos / 10000 ** (2 * i / d)
    pe = np.zeros((n_pos, d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angle), np.cos(angle)
    return pe


def test_sinusoidal_relative_offset():
    d = 32
    pe = sinusoidal(200, d)
    omega = 1 / 10000 ** (2 * np.arange(d // 2) / d)
    for k in (1, 5, 37):
        M = np.zeros((d, d))
        for j, w in enumerate(omega):
            c, s = np.cos(w * k), np.sin(w * k)
            M[2 * j:2 * j + 2, 2 * j:2 * j + 2] = [[c, s], [-s, c]]
        np.testing.assert_allclose(pe[k:], pe[:-k] @ M.T, atol=1e-10)
        dots = [pe[p] @ pe[p + k] for p in (0, 17, 100)]
        assert max(dots) - min(dots) < 1e-9
        assert math.isclose(dots[0], np.cos(omega * k).sum(), abs_tol=1e-9)
    text = page_text("rnn/positional-encoding.md")
    assert r"PE_{(pos,\,2i)}=\sin\!\left(\frac{pos}{10000^{2i/d}}\right)" in text
    assert r"PE_p\cdot PE_{p+k}=\sum_i\cos(\omega_ik)" in text


def rope(x, m, theta):
    c, s = np.cos(m * theta), np.sin(m * theta)
    out = np.empty_like(x)
    out[0::2] = x[0::2] * c - x[1::2] * s
    out[1::2] = x[0::2] * s + x[1::2] * c
    return out


def test_rope_relative_position():
    rng = np.random.default_rng(0)
    d = 64
    theta = 10000.0 ** (-2 * np.arange(d // 2) / d)
    q, k = rng.standard_normal(d), rng.standard_normal(d)
    for offset in (0, 3, -11):
        scores = [rope(q, m, theta) @ rope(k, m - offset, theta) for m in (20, 77, 2048)]
        assert max(scores) - min(scores) < 1e-9
    # R_m^T R_n = R_{n-m} for one 2-D block
    R = lambda a: np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])  # noqa: E731
    np.testing.assert_allclose(R(0.3 * 5).T @ R(0.3 * 9), R(0.3 * 4), atol=1e-12)
    # rotation preserves norms, so RoPE does not change |q|
    assert math.isclose(np.linalg.norm(rope(q, 123, theta)), np.linalg.norm(q), rel_tol=1e-12)
    assert r"R_m^\top R_n=R_{n-m}" in page_text("rnn/positional-encoding.md")


# ------------------------------------------------------------------ KV cache

def kv_bytes(layers, kv_heads, d_head, seq_len, batch, bytes_per):
    return 2 * layers * kv_heads * d_head * seq_len * batch * bytes_per


def test_kv_cache_worked_example():
    text = page_text("rnn/attention-cost-kv-cache.md")
    b = kv_bytes(32, 32, 128, 4096, 1, 2)
    assert b == 2 * 2**30
    assert f"{b:,}".replace(",", "{,}") in text          # 2{,}147{,}483{,}648
    assert r"=2\ \text{GiB}" in text and "**2 GiB**" in text
    per_token = kv_bytes(32, 32, 128, 1, 1, 2)
    assert f"{per_token:,}".replace(",", "{,}") in text and f"{per_token // 1024} KiB" in text
    rows = {32: ("512 KiB", "2 GiB"), 8: ("128 KiB", "512 MiB"), 1: ("16 KiB", "64 MiB")}
    for kv_heads, (tok, total) in rows.items():
        assert kv_bytes(32, kv_heads, 128, 1, 1, 2) == int(tok.split()[0]) * 1024
        unit = 2**30 if total.endswith("GiB") else 2**20
        assert kv_bytes(32, kv_heads, 128, 4096, 1, 2) == int(total.split()[0]) * unit
        assert re.search(rf"\| {kv_heads} \| {tok} \| {total} \|", text)
    assert kv_bytes(32, 32, 128, 4096, 16, 2) == 32 * 2**30 and "32 GiB" in text
    assert 6.74e9 * 2 / 2**30 < 13 and "不到 13 GiB" in text
    score = 4096**2 * 2
    assert score == 32 * 2**20 and "33{,}554{,}432" in text and "32 MiB" in text
    assert score * 32 == 2**30 and "32 个头合计 1 GiB" in text


def test_kv_cache_incremental_decoding_equals_full():
    torch.manual_seed(0)
    d, T = 8, 7
    Wq, Wk, Wv = (torch.randn(d, d, dtype=torch.float64) for _ in range(3))
    x = torch.randn(T, d, dtype=torch.float64)
    full = attention((x @ Wq)[None], (x @ Wk)[None], (x @ Wv)[None], causal=True)[0]
    Ks, Vs = [], []
    for t in range(T):
        Ks.append(x[t] @ Wk)
        Vs.append(x[t] @ Wv)
        out = attention((x[t] @ Wq)[None], torch.stack(Ks), torch.stack(Vs))[0]
        assert torch.allclose(out, full[t], atol=1e-12)


# ------------------------------------------------------------------ figures

def _load_figures_module():
    spec = importlib.util.spec_from_file_location("rnn_figures", ROOT / "scripts" / "figures" / "rnn.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_figures_deterministic_and_labelled(tmp_path):
    mod = _load_figures_module()
    mod.build(tmp_path / "a")
    mod.build(tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["gru-cell.svg", "lstm-cell.svg", "rnn-unrolled.svg", "transformer-block.svg"]
    for name in names:
        svg = (tmp_path / "a" / name).read_text(encoding="utf-8")
        assert svg == (tmp_path / "b" / name).read_text(encoding="utf-8")
        assert "viewBox" in svg and 'width="100%"' in svg and "http" not in svg.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")
        assert len(svg.encode()) < 60_000
    lstm = (tmp_path / "a" / "lstm-cell.svg").read_text(encoding="utf-8")
    for label in ("遗忘门", "输入门", "输出门", "候选记忆", "tanh", "σ"):
        assert label in lstm
    gru = (tmp_path / "a" / "gru-cell.svg").read_text(encoding="utf-8")
    assert "重置门" in gru and "更新门" in gru and "1−" in gru and "输出门" not in gru
    pages = {"rnn-unrolled.svg": "rnn/rnn.md", "lstm-cell.svg": "rnn/lstm.md",
             "gru-cell.svg": "rnn/gru.md", "transformer-block.svg": "rnn/transformer-vs-rnn.md"}
    for name, page in pages.items():
        assert f"](../assets/figures/rnn/{name})" in page_text(page)
