"""基础概念章节（docs/basics/）的内容测试。

对照 PyTorch 模块、autograd 与 NumPy 核对页面上的公式与算例：XOR 网络、感知机规则、MLP 参数量公式、
张量步长与广播、计算图的手算梯度、权重共享的参数量、锯齿函数的线性段数，并检查页面上印出的每个算例数字。
"""
import numpy as np
import pytest
import torch
import torch.nn as nn

from conftest import page_text

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _step(z):
    return (z >= 0).astype(int)


# ---------- 感知机与 MLP ----------

def test_xor_relu_network_outputs():
    # 页面上的 2-2-1 ReLU 网络：h = ReLU([[1,1],[1,1]] x + [0,-1])，y = h1 - 2 h2
    W = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
    c = torch.tensor([0.0, -1.0])
    w = torch.tensor([1.0, -2.0])
    y = torch.relu(torch.tensor(X_XOR, dtype=torch.float32) @ W.T + c) @ w
    assert y.tolist() == [0.0, 1.0, 1.0, 0.0]
    text = page_text("basics/perceptron-mlp.md")
    assert r"\hat y = h_1 - 2h_2" in text
    assert r"\hat y = 0, 1, 1, 0" in text


def test_xor_step_network_outputs():
    h1 = _step(X_XOR.sum(1) - 0.5)  # OR
    h2 = _step(X_XOR.sum(1) - 1.5)  # AND
    assert h1.tolist() == [0, 1, 1, 1] and h2.tolist() == [0, 0, 0, 1]
    assert _step(h1 - h2 - 0.5).tolist() == [0, 1, 1, 0]
    text = page_text("basics/perceptron-mlp.md")
    for s in (r"\operatorname{step}(x_1 + x_2 - 0.5)", r"\operatorname{step}(x_1 + x_2 - 1.5)",
              r"\operatorname{step}(h_1 - h_2 - 0.5)"):
        assert s in text


def _perceptron(y, epochs=100):
    w, b = np.zeros(2), 0.0
    for epoch in range(1, epochs + 1):
        errors = 0
        for xi, yi in zip(X_XOR, y):
            yh = int(w @ xi + b >= 0)
            if yh != yi:
                w += (yi - yh) * xi
                b += yi - yh
                errors += 1
        if errors == 0:
            return epoch
    return None


def test_perceptron_rule_and_converges_xor_does_not():
    ep = _perceptron(np.array([0, 0, 0, 1]))
    assert ep == 6
    assert f"AND 上第 {ep} 轮达到零错误" in page_text("basics/perceptron-mlp.md")
    assert _perceptron(np.array([0, 1, 1, 0]), epochs=1000) is None


def test_no_linear_separator_for_xor():
    # 页面上的反证：在一个细网格上搜索 (w1, w2, b)，没有一组能分对 XOR 的四个点
    g = np.linspace(-3, 3, 61)
    w1, w2, b = np.meshgrid(g, g, g, indexing="ij")
    pred = [(w1 * x1 + w2 * x2 + b >= 0) for x1, x2 in X_XOR]
    ok = (~pred[0]) & pred[1] & pred[2] & (~pred[3])
    assert not ok.any()


@pytest.mark.parametrize("sizes", [[784, 256, 128, 10], [2, 2, 1], [10, 7, 5, 3, 1]])
def test_mlp_parameter_formula_matches_sequential(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    counted = sum(p.numel() for p in nn.Sequential(*layers[:-1]).parameters())
    assert counted == sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def test_mlp_worked_example_printed():
    text = page_text("basics/perceptron-mlp.md")
    parts = [(785, 256), (257, 128), (129, 10)]
    vals = [a * b for a, b in parts]
    assert "785 \\times 256 + 257 \\times 128 + 129 \\times 10" in text
    assert f"= {vals[0]} + {vals[1]} + {vals[2]} = {sum(vals)}" in text
    assert sum(vals) == 235146
    # 图片展平接 MLP 的例子：224×224×3 × 1000 ≈ 1.5 亿
    assert 224 * 224 * 3 * 1000 == 150_528_000
    assert "约 1.5 亿个权重" in text


# ---------- 张量 ----------

def test_tensor_strides_views_broadcast():
    x = torch.arange(24.0).reshape(2, 3, 4)
    assert x.stride() == (12, 4, 1)
    # 行优先步长公式 s_k = prod_{j>k} d_j
    shape = (2, 3, 4)
    assert tuple(int(np.prod(shape[k + 1:])) for k in range(3)) == x.stride()
    t = x.transpose(0, 2)
    assert t.stride() == (1, 4, 12) and not t.is_contiguous() and t.data_ptr() == x.data_ptr()
    with pytest.raises(RuntimeError):
        t.view(24)
    assert torch.equal(t.reshape(24), t.contiguous().view(24))
    # 偏移公式：offset = sum i_k s_k
    i = (3, 1, 1)
    assert t[i].item() == x.flatten()[sum(a * s for a, s in zip(i, t.stride()))].item()
    c = torch.zeros(3, 1) + torch.zeros(4)
    assert c.shape == (3, 4)
    assert torch.zeros(4).expand(3, 4).stride() == (0, 1)
    assert (torch.zeros(5) - torch.zeros(5, 1)).shape == (5, 5)  # 页面上的 (N,) 与 (N,1) 陷阱
    img = torch.zeros(1, 3, 4, 5)
    assert img.stride() == (60, 20, 5, 1)
    assert img.contiguous(memory_format=torch.channels_last).stride() == (60, 1, 15, 3)
    text = page_text("basics/tensor.md")
    for s in ["$(12, 4, 1)$", "$(1, 4, 12)$", "$(60, 20, 5, 1)$", "$(60, 1, 15, 3)$",
              "$(CHW, HW, W, 1)$", "$(HWC, 1, WC, C)$"]:
        assert s in text


def test_conv_weight_shape_convention():
    conv = nn.Conv2d(8, 6, 3, groups=2)
    assert tuple(conv.weight.shape) == (6, 8 // 2, 3, 3)
    assert r"$(C_\text{out}, C_\text{in}/G, K, K)$" in page_text("basics/tensor.md")


# ---------- 计算图 ----------

def test_graph_hand_gradient_equals_autograd():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    a = x * y
    b = a + x
    L = b**2
    L.backward()
    bb = 2 * b.item()
    ab = bb
    hand_x, hand_y = ab * y.item() + bb, ab * x.item()
    assert (hand_x, hand_y) == (x.grad.item(), y.grad.item()) == (64.0, 32.0)
    text = page_text("basics/computational-graph.md")
    assert "$a = 6$、$b = 8$、$L = 64$" in text
    assert r"\bar b &= 2b = 16" in text
    assert r"\bar x &= \bar a \cdot y + \bar b \cdot 1 = 48 + 16 = 64" in text
    assert r"\bar y &= \bar a \cdot x = 32" in text
    assert "`x.grad` 累加为 128" in text


def test_vjp_of_elementwise_product():
    a = torch.randn(5, dtype=torch.float64, requires_grad=True)
    b = torch.randn(5, dtype=torch.float64, requires_grad=True)
    cbar = torch.randn(5, dtype=torch.float64)
    ga, gb = torch.autograd.grad(a * b, (a, b), cbar)
    assert torch.allclose(ga, cbar * b) and torch.allclose(gb, cbar * a)


# ---------- 权重共享 ----------

def test_weight_sharing_counts_against_torch():
    conv = nn.Conv2d(3, 64, 3, padding=1)
    n_conv = sum(p.numel() for p in conv.parameters())
    out = conv(torch.zeros(1, 3, 32, 32))
    assert out.shape == (1, 64, 32, 32)
    n_local = 32 * 32 * n_conv
    fc = nn.Linear(3 * 32 * 32, 64 * 32 * 32, device="meta")  # 只数参数，不分配内存
    n_fc = sum(p.numel() for p in fc.parameters())
    assert (n_conv, n_local, n_fc) == (1792, 1835008, 201392128)
    assert round(n_fc / n_local) == 110
    rnn = nn.RNN(100, 128)
    n_rnn = sum(p.numel() for p in rnn.parameters())
    assert n_rnn == 29440
    V, d = 50257, 768
    text = page_text("basics/weight-sharing.md")
    for s in [f"{n_conv:,}", f"{n_local:,}", f"{n_fc:,}", "约 110 倍", "= 1024", f"= {n_rnn}",
              f"{V * d:,}", "$V = 50257$", "$d = 768$"]:
        assert s in text, s
    assert 0.3 < V * d / 124e6 < 0.34  # “约占 1.24 亿参数的三分之一”


def test_tied_embedding_shares_one_tensor():
    emb = nn.Embedding(11, 4)
    head = nn.Linear(4, 11, bias=False)
    head.weight = emb.weight
    h = torch.randn(2, 4)
    assert torch.allclose(head(h), h @ emb.weight.T)
    model = nn.ModuleDict({"emb": emb, "head": head})
    assert sum(p.numel() for p in model.parameters()) == 11 * 4  # parameters() 去重


# ---------- 深层与浅层 ----------

def _tent(x):
    return 2 * np.maximum(x, 0) - 4 * np.maximum(x - 0.5, 0)


def _pieces(k):
    x = np.arange(4 * 2**k + 1) / (4 * 2**k)
    y = x
    for _ in range(k):
        y = _tent(y)
    s = np.diff(y) / np.diff(x)
    return int(np.sum(s[1:] != s[:-1])) + 1


def test_sawtooth_pieces_and_shallow_bound():
    for k in range(1, 11):
        assert _pieces(k) == 2**k
    # 单隐层 m 个 ReLU 的一维网络至多 m + 1 段：折点只可能在 -b_j / w_j，折点之间 f 是线性的
    rng = np.random.default_rng(0)
    m = 7
    a, w, b = rng.normal(size=m), rng.normal(size=m), rng.normal(size=m)
    f = lambda x: np.maximum(np.outer(x, w) + b, 0) @ a
    knots = np.sort(-b / w)
    edges = np.concatenate([[knots[0] - 10], knots, [knots[-1] + 10]])
    for lo, hi in zip(edges[:-1], edges[1:]):  # m + 1 个区间
        xs = np.linspace(lo, hi, 5)[1:-1]
        ys = f(xs)
        assert np.allclose(np.diff(ys, 2), 0, atol=1e-9)  # 区间内线性
    assert len(edges) - 1 == m + 1
    text = page_text("basics/deep-vs-shallow.md")
    k = 10
    assert f"深网络 {2 * k} 个单元得到 {2**k} 段，单隐层网络至少需要 {2**k - 1} 个单元" in text
    assert "$2^k - 1$" in text


def test_hyperplane_region_count_formula():
    # 单隐层 N 个单元在 n0 维上至多 sum_{j<=n0} C(N, j) 个区域；n0 = 1 时为 N + 1，与一维折点论证一致
    from math import comb
    for N in range(1, 12):
        assert sum(comb(N, j) for j in range(2)) == N + 1
    assert r"\sum_{j=0}^{n_0}\binom{N}{j}" in page_text("basics/deep-vs-shallow.md")


# ---------- 局限：算力估算 ----------

def test_training_compute_estimate():
    C = 6 * 175e9 * 300e9
    assert f"{C:.2e}" == "3.15e+23"
    text = page_text("basics/limitations.md")
    assert r"$C \approx 3.15 \times 10^{23}$" in text
    assert r"$N = 175 \times 10^{9}$、$D = 300 \times 10^{9}$" in text


def test_fgsm_step_is_linf_bounded():
    torch.manual_seed(0)
    model = nn.Linear(10, 3)
    x = torch.randn(4, 10, requires_grad=True)
    loss = nn.functional.cross_entropy(model(x), torch.tensor([0, 1, 2, 0]))
    (g,) = torch.autograd.grad(loss, x)
    eps = 0.03
    x_adv = x + eps * g.sign()
    assert torch.allclose((x_adv - x).abs().max(), torch.tensor(eps))
    assert nn.functional.cross_entropy(model(x_adv), torch.tensor([0, 1, 2, 0])) > loss


# ---------- 通用：所有页面的结构 ----------

PAGES = ["what-is-deep-learning", "ai-ml-dl", "supervised-vs-unsupervised", "applications",
         "deep-vs-shallow", "limitations", "tensor", "computational-graph", "perceptron-mlp",
         "feedforward-vs-recurrent", "frameworks", "weight-sharing"]


@pytest.mark.parametrize("slug", PAGES)
def test_page_sections(slug):
    text = page_text(f"basics/{slug}.md")
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    expected = ["## 一句话回答", "## 详细解释", "## 常见追问", "## 易错点", "## 参考", "## 相关问题"]
    assert [h for h in heads if h != "## 代码"] == expected
