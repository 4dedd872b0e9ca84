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
# # 激活函数及其导数
#
# 本实验画出七种常用激活函数（Sigmoid、Tanh、ReLU、Leaky ReLU、ELU、GELU、Swish）及其导数，并用 PyTorch 的自动求导（autograd）逐点核对手写的导数公式。几秒内在 CPU 上跑完。
#
# 对应的题目：[常见的激活函数有哪些？](../activation/common-activations.md)、[ReLU 相比 Sigmoid 好在哪里？](../activation/relu-vs-sigmoid.md)、[GELU](../activation/gelu.md)、[Swish](../activation/swish.md)。

# %%
# %config InlineBackend.figure_formats = ["svg"]
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)  # 双精度，便于把导数核对到 1e-10
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "dl-handbook", "font.size": 10,
                     "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"], "axes.unicode_minus": False})

# %% [markdown]
# ## 公式与手写导数
#
# 记 $\sigma(x) = 1/(1+e^{-x})$，$\Phi$ 与 $\varphi$ 是标准正态分布的分布函数与密度。Leaky ReLU 取 PyTorch 的默认斜率 $\alpha = 0.01$，ELU 取 $\alpha = 1$，Swish 取 $\beta = 1$（即 SiLU）：
#
# $$
# \begin{aligned}
# \sigma'(x) &= \sigma(x)\big(1-\sigma(x)\big), & \tanh'(x) &= 1-\tanh^2 x,\\
# \operatorname{ELU}'(x) &= \begin{cases}1 & x>0\\ \alpha e^{x} & x\le 0\end{cases}, & \operatorname{GELU}'(x) &= \Phi(x) + x\,\varphi(x),\\
# \operatorname{Swish}'(x) &= \sigma(x)\big(1 + x(1-\sigma(x))\big), & \operatorname{ReLU}'(x) &= \mathbb{1}[x>0].
# \end{aligned}
# $$
#
# ReLU 在 $x=0$ 处不可导，PyTorch 取次梯度 0；Leaky ReLU 同理取 $\alpha$。

# %%
def phi(x):  # 标准正态密度
    return torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)

def Phi(x):  # 标准正态分布函数
    return 0.5 * (1 + torch.erf(x / math.sqrt(2)))

ALPHA_LEAKY, ALPHA_ELU = 0.01, 1.0
acts = {
    # 名称: (PyTorch 实现, 手写导数)
    "Sigmoid": (torch.sigmoid, lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    "Tanh": (torch.tanh, lambda x: 1 - torch.tanh(x) ** 2),
    "ReLU": (F.relu, lambda x: (x > 0).to(x.dtype)),
    "Leaky ReLU": (lambda x: F.leaky_relu(x, ALPHA_LEAKY), lambda x: torch.where(x > 0, 1.0, ALPHA_LEAKY)),
    "ELU": (lambda x: F.elu(x, ALPHA_ELU), lambda x: torch.where(x > 0, 1.0, ALPHA_ELU * torch.exp(x))),
    "GELU": (F.gelu, lambda x: Phi(x) + x * phi(x)),
    "Swish": (F.silu, lambda x: torch.sigmoid(x) * (1 + x * (1 - torch.sigmoid(x)))),
}

x = torch.linspace(-5, 5, 1001, requires_grad=True)
results = {}
for name, (f, df) in acts.items():
    y = f(x)
    (grad,) = torch.autograd.grad(y.sum(), x)
    manual = df(x.detach())
    err = (grad - manual).abs().max().item()
    assert err < 1e-10, (name, err)  # 手写导数与 autograd 一致
    results[name] = (y.detach(), grad)
    print(f"{name:<11} 导数最大误差 {err:.1e}")

# %% [markdown]
# ## 关键数值
#
# 表中是 $x=0$ 处的函数值与导数、导数在 $[-5, 5]$ 上的最大值，以及函数的最小值。Sigmoid 的导数最大只有 $1/4$，这是深层 Sigmoid 网络梯度逐层衰减的根源；GELU 与 Swish 在负半轴有一个小“凹坑”，所以它们不是单调函数。

# %%
print(f"{'函数':<10}{'f(0)':>8}{'f′(0)':>8}{'max f′':>9}{'min f':>9}")
for name, (y, g) in results.items():
    i0 = 500  # x[500] == 0
    print(f"{name:<11}{y[i0].item():>8.3f}{g[i0].item():>8.3f}{g.max().item():>9.3f}{y.min().item():>9.3f}")

sig_y, sig_g = results["Sigmoid"]
assert abs(sig_g.max().item() - 0.25) < 1e-12           # σ′ 最大值 1/4，在 x = 0
assert abs(results["Tanh"][1].max().item() - 1) < 1e-12  # tanh′ 最大值 1
gelu_min, swish_min = results["GELU"][0].min().item(), results["Swish"][0].min().item()
assert abs(gelu_min + 0.170) < 1e-3 and abs(swish_min + 0.278) < 1e-3
print(f"GELU 最小值 {gelu_min:.3f}（x = {x[results['GELU'][0].argmin()].item():.2f}），"
      f"Swish 最小值 {swish_min:.3f}（x = {x[results['Swish'][0].argmin()].item():.2f}）")

# %% [markdown]
# ## 函数与导数曲线
#
# 上图是函数本身，下图是导数。注意 Sigmoid 与 Tanh 在 $|x|>3$ 后导数接近 0（饱和），而 ReLU 家族在正半轴导数恒为 1。

# %%
# 图：七种激活函数（上）及其导数（下）
xs = x.detach()
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5, 5.6), sharex=True)
for name, (y, g) in results.items():
    ax1.plot(xs, y, lw=1.4, label=name)
    ax2.plot(xs, g, lw=1.4, label=name)
ax1.set_ylim(-1.5, 3); ax1.set_ylabel("f(x)"); ax1.grid(alpha=.3)
ax2.set_ylim(-0.1, 1.2); ax2.set_ylabel("f′(x)"); ax2.set_xlabel("x"); ax2.grid(alpha=.3)
ax1.legend(ncol=2, fontsize=8, loc="upper left")
fig.tight_layout()
plt.show()
