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
# # Dropout：反向缩放、训练与推理、集成解释
#
# 本实验核对 `nn.Dropout` 的三个性质：训练时以概率 $p$ 置零、把保留下来的值放大 $1/(1-p)$（反向缩放，inverted dropout），使期望不变；推理（`eval()`）时什么也不做；以及“Dropout 是在训练指数多个共享权重的子网络，推理时用一个网络近似它们的平均”这一解释在什么情况下是精确的。
#
# 对应的题目：[Dropout 的原理是什么？](../normalization/dropout.md)、[DropConnect](../normalization/dropconnect.md)、[过拟合](../normalization/overfitting.md)。

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt
import torch
import torch.nn as nn

torch.manual_seed(0)
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "dl-handbook", "font.size": 10,
                     "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"], "axes.unicode_minus": False})
import itertools

# %% [markdown]
# ## 反向缩放：训练时放大，期望不变
#
# 记保留掩码 $r_i \sim \operatorname{Bernoulli}(1-p)$，训练时输出 $y_i = r_i x_i / (1-p)$，于是 $\mathbb{E}[y_i] = x_i$。推理时 $y = x$，不需要再乘 $1-p$。原始论文的写法是训练时不缩放、推理时把权重乘以 $1-p$，两者在期望上等价。

# %%
p = 0.3
drop = nn.Dropout(p)
x = torch.linspace(1, 2, 8)
y = drop(x)  # 新建的模块默认处于训练模式
print("x          ", x.numpy().round(3))
print("train 输出 ", y.numpy().round(3))
kept = y != 0
assert torch.allclose(y[kept], x[kept] / (1 - p))  # 保留的元素放大 1/(1-p)

big = torch.ones(200_000)
out = drop(big)
zero_frac, mean = (out == 0).float().mean().item(), out.mean().item()
print(f"置零比例 {zero_frac:.4f}（p = {p}），输出均值 {mean:.4f}（输入均值 1）")
assert abs(zero_frac - p) < 0.005 and abs(mean - 1) < 0.01

drop.eval()
assert torch.equal(drop(x), x)  # 推理时原样输出
print("eval 输出  ", drop(x).numpy().round(3))

# %% [markdown]
# ## 集成解释：单层时是精确的
#
# $n$ 个输入上的 Dropout 有 $2^n$ 种掩码，每种对应一个共享权重的子网络。对一个线性层 $z = W (r \odot x)/(1-p)$，所有子网络输出按掩码概率加权的算术平均，恰好等于推理时的输出 $W x$（期望的线性性）。再接 Softmax 时，子网络预测的（归一化）加权几何平均也恰好等于 $\operatorname{softmax}(W x)$：对数概率里的归一化项与类别无关，归一化后被消去。下面枚举 $n = 10$ 时全部 1024 个子网络验证。

# %%
n, classes = 10, 4
W = 0.5 * torch.randn(classes, n, dtype=torch.float64)
xv = torch.randn(n, dtype=torch.float64)
masks = torch.tensor(list(itertools.product([0, 1], repeat=n)), dtype=torch.float64)  # (1024, n)
prob = ((1 - p) ** masks.sum(1)) * (p ** (n - masks.sum(1)))                        # 每个掩码的概率
assert abs(prob.sum().item() - 1) < 1e-12

logits = (masks * xv / (1 - p)) @ W.T                  # 每个子网络的输出 (1024, classes)
eval_logits = W @ xv                                   # 推理时的输出
arith = (prob[:, None] * logits).sum(0)
assert torch.allclose(arith, eval_logits)              # 算术平均 = 推理输出

log_probs = torch.log_softmax(logits, dim=1)
geo = torch.softmax((prob[:, None] * log_probs).sum(0), dim=0)  # 归一化的加权几何平均
assert torch.allclose(geo, torch.softmax(eval_logits, dim=0))
arith_probs = (prob[:, None] * log_probs.exp()).sum(0)
print("推理输出的 softmax   ", torch.softmax(eval_logits, 0).numpy().round(4))
print("子网络几何平均       ", geo.numpy().round(4))
print("子网络概率的算术平均 ", arith_probs.numpy().round(4), "（不相等）")

# %% [markdown]
# ## 多层时只是近似
#
# Dropout 之后若还有非线性，推理输出（权重缩放规则）就不再严格等于子网络的平均。下面的网络在 12 个输入上做 Dropout，再接 `Linear → ReLU → Linear`。枚举全部 $2^{12} = 4096$ 个子网络得到精确的平均，它与推理输出之间有一个小而确定的偏差；随机采样 $k$ 个子网络取平均（测试时也开着 Dropout，即 MC Dropout），$k$ 越大越接近精确平均，而不是推理输出。

# %%
torch.manual_seed(0)
n_in = 12
net = nn.Sequential(nn.Dropout(p), nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 1))
xs = torch.randn(64, n_in)
body = net[1:]
with torch.no_grad():
    eval_out = body(xs).squeeze(1)                                     # 推理：Dropout 不起作用
    masks = torch.tensor(list(itertools.product([0.0, 1.0], repeat=n_in)))  # (4096, 12)
    prob = ((1 - p) ** masks.sum(1)) * (p ** (n_in - masks.sum(1)))
    sub = body(masks[:, None, :] * xs / (1 - p)).squeeze(-1)            # 每个子网络的输出 (4096, 64)
    exact = (prob[:, None] * sub).sum(0)                                 # 精确的子网络平均
    mc = body(torch.bernoulli(torch.full((4096, *xs.shape), 1 - p)) * xs / (1 - p)).squeeze(-1)

approx_gap = (exact - eval_out).abs().mean().item()
counts = [1, 4, 16, 64, 256, 1024, 4096]
to_exact = [(mc[:k].mean(0) - exact).abs().mean().item() for k in counts]
to_eval = [(mc[:k].mean(0) - eval_out).abs().mean().item() for k in counts]
print(f"精确平均与推理输出之差（权重缩放规则的近似误差）：{approx_gap:.4f}")
for k, a, b in zip(counts, to_exact, to_eval):
    print(f"k = {k:>4}：与精确平均差 {a:.4f}，与推理输出差 {b:.4f}")
assert approx_gap > 0.01                                # 有非线性时不精确
assert to_exact[-1] < to_exact[0] / 20                  # MC 平均收敛到精确平均
assert abs(to_eval[-1] - approx_gap) < 0.3 * approx_gap  # 与推理输出的差停在近似误差附近

# %%
# 图：MC Dropout 的平均随采样个数 k 收敛到精确的子网络平均，而与推理输出之差停在近似误差处
fig, ax = plt.subplots(figsize=(5, 3))
ax.loglog(counts, to_exact, "o-", lw=1.4, label="与精确平均之差")
ax.loglog(counts, to_eval, "s-", lw=1.4, label="与推理输出之差")
ax.axhline(approx_gap, color="gray", ls="--", lw=1.0, label="近似误差")
ax.set_xlabel("采样的子网络个数 k"); ax.set_ylabel("平均绝对差"); ax.grid(alpha=.3, which="both")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
