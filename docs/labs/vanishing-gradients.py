# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 梯度消失
#
# 本实验搭一个 20 层的全连接网络（多层感知机，MLP），只做一次前向和反向传播，比较四种配置下各层权重梯度的范数：Sigmoid + Xavier 初始化、ReLU + He 初始化，以及两者各自加上批归一化（BN）。
#
# 对应的题目：[梯度消失和梯度爆炸是什么？](../optimization/vanishing-exploding-gradients.md)、[权重初始化](../optimization/weight-init.md)、[批归一化](../normalization/batch-norm.md)。

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt
import torch
import torch.nn as nn

torch.manual_seed(0)
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "dl-handbook", "font.size": 10,
                     "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"], "axes.unicode_minus": False})

# %% [markdown]
# ## 为什么 Sigmoid 网络的梯度会逐层变小
#
# 第 $l$ 层 $h_l = \sigma(W_l h_{l-1})$，反向传播时梯度每经过一层就乘以 $W_l^\top$ 和 $\operatorname{diag}(\sigma'(\cdot))$。由于 $\sigma'(x) \le 1/4$，而 Xavier 初始化让 $W_l$ 大致保持方差，这个乘积每层把梯度缩小到原来的几分之一，越靠近输入的层梯度越小。ReLU 在正半轴导数为 1，配合 He 初始化（$\mathrm{Var}(w) = 2/n_\text{in}$）能让各层的梯度大致同量级。

# %%
DEPTH, WIDTH, BATCH = 20, 128, 256

def make_mlp(act, init, bn):
    layers = []
    for _ in range(DEPTH):
        linear = nn.Linear(WIDTH, WIDTH)
        init(linear.weight)
        nn.init.zeros_(linear.bias)
        layers += [linear] + ([nn.BatchNorm1d(WIDTH)] if bn else []) + [act()]
    return nn.Sequential(*layers, nn.Linear(WIDTH, 1))

def layer_grad_norms(model, x, y):
    model.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    return [m.weight.grad.norm().item() for m in model if isinstance(m, nn.Linear)][:DEPTH]

xavier = nn.init.xavier_normal_
he = lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")  # mode="fan_in"
configs = {
    "Sigmoid + Xavier": (nn.Sigmoid, xavier, False),
    "Sigmoid + Xavier + BN": (nn.Sigmoid, xavier, True),
    "ReLU + He": (nn.ReLU, he, False),
    "ReLU + He + BN": (nn.ReLU, he, True),
}
x, y = torch.randn(BATCH, WIDTH), torch.randn(BATCH, 1)
norms = {}
for name, (act, init, bn) in configs.items():
    torch.manual_seed(1)  # 每种配置用同一套随机数
    norms[name] = layer_grad_norms(make_mlp(act, init, bn), x, y)
    n = norms[name]
    print(f"{name:<22} 第 1 层 {n[0]:.2e}  第 {DEPTH} 层 {n[-1]:.2e}  比值 {n[0] / n[-1]:.1e}")

# %% [markdown]
# ## 各层梯度范数
#
# 纵轴是对数坐标。Sigmoid 网络从输出到输入梯度缩小了十几个数量级，最前面几层几乎学不到东西；ReLU + He 初始化的各层梯度基本在同一数量级。
#
# 加上 BN 之后，Sigmoid 网络的梯度也不再逐层衰减：BN 的反向传播要除以批标准差 $\sqrt{\sigma^2_\mathcal{B} + \epsilon}$，每层的梯度都被重新放大到同一量级。反过来，ReLU + He + BN 的梯度朝输入方向反而逐层变大，这与 Yang 等人（ICLR 2019）的分析一致：没有残差连接的深层 BN 网络在初始化时梯度会逐层放大。所以 BN 缓解了梯度消失，但不等于梯度问题从此消失，深层网络还要靠残差连接等结构。

# %%
# 图：20 层 MLP 各层权重梯度的范数（对数纵轴），四种配置
fig, ax = plt.subplots(figsize=(5, 3.4))
for name, n in norms.items():
    ax.semilogy(range(1, DEPTH + 1), n, marker="o", ms=3, lw=1.2, label=name)
ax.set_xlabel("层（1 = 最靠近输入）"); ax.set_ylabel("权重梯度的范数"); ax.grid(alpha=.3)
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

ratio = {k: v[0] / v[-1] for k, v in norms.items()}
assert ratio["Sigmoid + Xavier"] < 1e-8                    # 衰减八个数量级以上
assert 0.1 < ratio["ReLU + He"] < 10                      # 同一数量级
assert 0.1 < ratio["Sigmoid + Xavier + BN"] < 10          # BN 之后不再逐层衰减
assert ratio["ReLU + He + BN"] > 1                        # 梯度朝输入方向变大
