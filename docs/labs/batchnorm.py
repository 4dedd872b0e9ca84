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
# # 批归一化：批统计量与滑动统计量
#
# 本实验用 `nn.BatchNorm1d` 核对三件事：训练时用当前批的均值和方差归一化，同时按动量 0.1 更新滑动统计量（running statistics）；推理（`eval()`）时改用滑动统计量，所以同一个输入在两种模式下输出不同；批越小，批统计量的估计越不准。
#
# 对应的题目：[什么是批归一化？](../normalization/batch-norm.md)、[BN 在训练和推理时有何不同？](../normalization/bn-train-vs-inference.md)、[BN 的计算步骤与公式](../normalization/bn-formula.md)、[批大小对 BN 的影响](../normalization/bn-batch-statistics.md)。

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt
import torch
import torch.nn as nn

torch.manual_seed(0)
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "dl-handbook", "font.size": 10,
                     "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"], "axes.unicode_minus": False})

def sample(m):
    """一批 m 个样本，4 个特征；总体均值 (3, -1, 0, 10)、标准差 (2, 0.5, 1, 5)。"""
    return MEAN + STD * torch.randn(m, 4)

MEAN, STD = torch.tensor([3.0, -1.0, 0.0, 10.0]), torch.tensor([2.0, 0.5, 1.0, 5.0])

# %% [markdown]
# ## 训练模式：用批统计量，并更新滑动统计量
#
# 对一批 $m$ 个样本，BN 先算批均值 $\mu_\mathcal{B}$ 和（有偏的）批方差 $\sigma^2_\mathcal{B}$，再归一化、缩放、平移：
#
# $$
# \hat x_i = \frac{x_i - \mu_\mathcal{B}}{\sqrt{\sigma^2_\mathcal{B} + \epsilon}},\qquad y_i = \gamma \hat x_i + \beta .
# $$
#
# PyTorch 同时更新滑动统计量：$\hat\mu \leftarrow (1 - 0.1)\,\hat\mu + 0.1\,\mu_\mathcal{B}$，方差一项用的是无偏估计 $\frac{m}{m-1}\sigma^2_\mathcal{B}$。（Keras 的 `momentum=0.99` 指的是旧值的权重，与 PyTorch 的 0.1 是同一件事的两种写法。）

# %%
bn = nn.BatchNorm1d(4)  # momentum=0.1, eps=1e-5, 初始 running_mean=0, running_var=1
x = sample(32)
y = bn(x)  # 训练模式

mu_b = x.mean(0)
var_b = x.var(0, unbiased=False)
manual = (x - mu_b) / torch.sqrt(var_b + bn.eps) * bn.weight + bn.bias
assert torch.allclose(y, manual, atol=1e-5)
assert torch.allclose(bn.running_mean, 0.9 * 0 + 0.1 * mu_b)
assert torch.allclose(bn.running_var, 0.9 * 1 + 0.1 * x.var(0, unbiased=True))  # 无偏方差
print("批均值        ", mu_b.numpy().round(3))
print("running_mean  ", bn.running_mean.numpy().round(3))
print("running_var   ", bn.running_var.numpy().round(3))

# %% [markdown]
# ## 同一个输入，训练与推理的输出不同
#
# 只训练了一步时，滑动统计量还离初值 $(0, 1)$ 不远（均值只走了 10%），推理模式的输出与训练模式相差很大。多喂一些批之后，滑动统计量收敛到总体的均值和方差，两种模式的输出才接近；但训练模式的输出仍然依赖同批的其他样本，推理模式则对每个样本确定。

# %%
bn.eval()
y_eval_1 = bn(x)
bn.train()
steps = 100
history = [bn.running_mean.clone()]
for _ in range(steps):
    bn(sample(32))
    history.append(bn.running_mean.clone())
bn.eval()
y_eval_100 = bn(x)
bn.train()

gap_1 = (y - y_eval_1).abs().mean().item()
gap_100 = (y - y_eval_100).abs().mean().item()
print(f"训练输出与推理输出的平均差：训练 1 步后 {gap_1:.3f}，101 步后 {gap_100:.3f}")
assert gap_100 < 0.2 < gap_1
assert torch.allclose(bn.running_mean, MEAN, rtol=0.1, atol=0.2)
assert torch.allclose(bn.running_var, STD**2, rtol=0.25)

# %%
# 图：滑动均值随训练步数收敛到总体均值（第 4 个特征，总体均值 10）
history = torch.stack(history)
t = torch.arange(steps + 1)
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(t, history[:, 3], lw=1.4, label="running_mean（特征 4）")
ax.plot(t, MEAN[3] * (1 - 0.9**t), "--", lw=1.2, label=r"$10\,(1-0.9^t)$")
ax.axhline(MEAN[3], color="gray", lw=0.8)
ax.set_xlabel("训练步数"); ax.set_ylabel("滑动均值"); ax.grid(alpha=.3); ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 批大小对估计的影响
#
# 批均值的标准差是 $\sigma/\sqrt{m}$：批越小，每一批的 $\mu_\mathcal{B}$ 和 $\sigma^2_\mathcal{B}$ 越“晃”，训练时的归一化就越噪，训练与推理之间的差别也越大。$m = 1$ 时方差无从估计，PyTorch 在训练模式下直接报错。

# %%
sizes = [2, 4, 8, 16, 32, 64, 128, 256]
trials = 2000
std_mean, mean_var = [], []
for m in sizes:
    xb = sample(m * trials).view(trials, m, 4)[:, :, 0]  # 特征 1：σ = 2
    std_mean.append(xb.mean(1).std().item())
    mean_var.append(xb.var(1, unbiased=False).mean().item())
    print(f"m = {m:<4} 批均值的标准差 {std_mean[-1]:.3f}（理论 {2 / m**0.5:.3f}）"
          f"  批方差的均值 {mean_var[-1]:.2f}（理论 {4 * (m - 1) / m:.2f}）")
    assert abs(std_mean[-1] / (2 / m**0.5) - 1) < 0.06
    assert abs(mean_var[-1] / (4 * (m - 1) / m) - 1) < 0.06  # 有偏方差偏小 (m − 1)/m 倍

try:
    nn.BatchNorm1d(4)(sample(1))
    raise AssertionError("m = 1 应当报错")
except ValueError as err:
    print("m = 1：", err)

# %%
# 图：批均值的标准差随批大小下降（双对数坐标）
fig, ax = plt.subplots(figsize=(5, 3))
ax.loglog(sizes, std_mean, "o-", lw=1.4, label="实测")
ax.loglog(sizes, [2 / m**0.5 for m in sizes], "--", lw=1.2, label="σ/√m")
ax.set_xlabel("批大小 m"); ax.set_ylabel("批均值的标准差"); ax.grid(alpha=.3, which="both"); ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
