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
# # 卷积的形状与感受野
#
# 本实验把卷积输出尺寸、转置卷积输出尺寸和感受野的公式，与 PyTorch 的 `nn.Conv2d`、`nn.ConvTranspose2d` 和自动求导逐一核对：公式算出的数必须与真实卷积一致，否则断言失败。
#
# 对应的题目：[卷积层的输出尺寸怎么算？](../cnn/conv-output-size.md)、[什么是感受野？](../cnn/receptive-field.md)、[什么是转置卷积？](../cnn/transposed-conv.md)、[空洞卷积](../cnn/dilated-conv.md)。

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
# ## 输出尺寸公式
#
# 输入边长 $H$、卷积核 $K$、填充 $P$、步幅 $S$、空洞率 $D$ 时，空洞卷积核的有效宽度是 $D(K-1)+1$，输出边长
#
# $$
# H_\text{out} = \left\lfloor \frac{H + 2P - D(K-1) - 1}{S} \right\rfloor + 1 .
# $$
#
# 下面在 $H \le 12$、$K \le 5$、$P \le 2$、$S \le 3$、$D \le 2$ 的所有合法组合上，与 `nn.Conv2d` 的真实输出比较。

# %%
def conv_out(h, k, p=0, s=1, d=1):
    return (h + 2 * p - d * (k - 1) - 1) // s + 1

checked = 0
for h, k, p, s, d in itertools.product(range(1, 13), range(1, 6), range(3), range(1, 4), range(1, 3)):
    if p > k // 2 or conv_out(h, k, p, s, d) < 1:  # PyTorch 不允许输出为空；填充一般不超过 K/2
        continue
    conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
    assert conv(torch.zeros(1, 1, h, h)).shape[-1] == conv_out(h, k, p, s, d), (h, k, p, s, d)
    checked += 1
print(f"{checked} 种组合全部与 nn.Conv2d 一致")

examples = [  # (说明, H, K, P, S, D, 期望)
    ("ResNet 第一层 7×7/2", 224, 7, 3, 2, 1, 112),
    ("3×3、P=1、S=1（same）", 56, 3, 1, 1, 1, 56),
    ("3×3、P=0（valid）", 32, 3, 0, 1, 1, 30),
    ("3×3、S=2、P=1 下采样", 56, 3, 1, 2, 1, 28),
    ("3×3、D=2、P=2（空洞）", 64, 3, 2, 1, 2, 64),
    ("AlexNet 第一层 11×11/4", 227, 11, 0, 4, 1, 55),
]
for name, h, k, p, s, d, want in examples:
    got = conv_out(h, k, p, s, d)
    real = nn.Conv2d(3, 8, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 3, h, h)).shape[-1]
    assert got == real == want
    print(f"{name:<22} H={h:<4} → {got}")

# %% [markdown]
# ## `padding="same"` 与向下取整
#
# 步幅为 1 时，`padding="same"` 让输出与输入等大，需要的总填充是 $D(K-1)$，$K$ 为偶数时左右不对称。步幅大于 1 时 PyTorch 不接受 `padding="same"`。公式里的向下取整意味着最后几行、几列可能根本没被卷积核覆盖到。

# %%
for k, d in [(3, 1), (5, 1), (3, 2)]:
    out = nn.Conv2d(1, 1, k, padding="same", dilation=d)(torch.zeros(1, 1, 10, 10))
    assert out.shape[-1] == 10
try:
    nn.Conv2d(1, 1, 3, stride=2, padding="same")
    raise AssertionError("stride>1 时应当报错")
except ValueError as err:
    print("stride=2 + padding='same'：", err)
# H=8、K=3、S=2、P=0：(8 − 3)/2 = 2.5 向下取整，最后一列输入不参与计算
assert conv_out(8, 3, 0, 2) == 3

# %% [markdown]
# ## 转置卷积
#
# 转置卷积（`nn.ConvTranspose2d`）的输出尺寸把上式反过来：
#
# $$
# H_\text{out} = (H - 1)S - 2P + D(K-1) + P_\text{out} + 1 ,
# $$
#
# 其中 $P_\text{out}$ 是 `output_padding`（必须小于 $S$ 或 $D$），用来在多个输入尺寸映射到同一个卷积输出时选定其中一个。它之所以叫“转置”，是因为它正是同一个卷积核的卷积所对应的线性映射的转置：对任意 $x, y$，$\langle \operatorname{conv}(x), y\rangle = \langle x, \operatorname{conv}^\top(y)\rangle$。

# %%
def convT_out(h, k, p=0, s=1, d=1, op=0):
    return (h - 1) * s - 2 * p + d * (k - 1) + op + 1

checked = 0
for h, k, p, s, d in itertools.product(range(1, 9), range(1, 6), range(3), range(1, 4), range(1, 3)):
    for op in range(max(s, d)):
        if convT_out(h, k, p, s, d, op) < 1:
            continue
        tconv = nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, dilation=d, output_padding=op, bias=False)
        assert tconv(torch.zeros(1, 1, h, h)).shape[-1] == convT_out(h, k, p, s, d, op), (h, k, p, s, d, op)
        checked += 1
print(f"{checked} 种组合全部与 nn.ConvTranspose2d 一致")

# 转置关系：同一个权重，<conv(x), y> = <x, convT(y)>
conv = nn.Conv2d(3, 5, 3, stride=2, padding=1, bias=False)
convT = nn.ConvTranspose2d(5, 3, 3, stride=2, padding=1, output_padding=1, bias=False)
convT.weight.data = conv.weight.data.clone()  # 形状 (C_out, C_in, K, K) = (5, 3, 3, 3)，两者共用
x, y = torch.randn(2, 3, 16, 16), torch.randn(2, 5, 8, 8)
lhs, rhs = (conv(x) * y).sum().item(), (x * convT(y)).sum().item()
assert convT(y).shape == x.shape and abs(lhs - rhs) < 1e-3
print(f"<conv(x), y> = {lhs:.4f}，<x, convT(y)> = {rhs:.4f}")

# %% [markdown]
# ## 感受野
#
# 感受野（receptive field）是输出的一个位置能“看到”的输入范围。从输入往后逐层递推：记第 $l$ 层的感受野为 $r_l$、它相邻两个输出位置在输入上相隔的距离（累计步幅）为 $j_l$，则
#
# $$
# r_l = r_{l-1} + D_l (K_l - 1)\, j_{l-1},\qquad j_l = j_{l-1} S_l,\qquad r_0 = j_0 = 1 .
# $$
#
# 验证方法：把网络的所有权重设为正数，对输出中心那一点求输入梯度，梯度非零的区域就是它的感受野。

# %%
def receptive_field(layers):
    r, j = 1, 1
    for k, s, d in layers:
        r, j = r + d * (k - 1) * j, j * s
    return r

def measured_rf(layers, size=64):
    net = nn.Sequential(*[nn.Conv2d(1, 1, k, stride=s, dilation=d, padding=d * (k - 1) // 2, bias=False)
                          for k, s, d in layers])
    for m in net:
        nn.init.constant_(m.weight, 1.0)
    x = torch.ones(1, 1, size, size, requires_grad=True)
    out = net(x)
    c = out.shape[-1] // 2
    out[0, 0, c, c].backward()
    grad = x.grad[0, 0]
    rows = torch.nonzero(grad.sum(1)).flatten()
    return (rows.max() - rows.min() + 1).item(), grad

stacks = {
    "3 个 3×3": [(3, 1, 1)] * 3,
    "7×7": [(7, 1, 1)],
    "3×3/2 → 3×3 → 3×3": [(3, 2, 1), (3, 1, 1), (3, 1, 1)],
    "3×3，空洞率 1, 2, 4": [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
}
for name, layers in stacks.items():
    formula, (measured, _) = receptive_field(layers), measured_rf(layers)
    assert formula == measured, (name, formula, measured)
    print(f"{name:<20} 感受野 {formula}")

# %% [markdown]
# 3 个 3×3 卷积与一个 7×7 卷积的感受野相同（都是 7），参数却少（$3 \times 9 C^2 = 27C^2$ 对 $49C^2$），这是 VGG 的论点。空洞率 1、2、4 的三层 3×3 卷积，感受野已达 15。下图是输出中心点对输入的梯度：权重全为 1 时，感受野内部的梯度并不均匀，越靠中心的输入经过的路径越多，这就是“有效感受野”比理论感受野小的原因。

# %%
# 图：输出中心点对输入的梯度，左为 3 个 3×3 卷积，右为空洞率 1、2、4 的 3×3 卷积
fig, axes = plt.subplots(1, 2, figsize=(5, 2.6))
for ax, name in zip(axes, ["3 个 3×3", "3×3，空洞率 1, 2, 4"]):
    _, grad = measured_rf(stacks[name], size=21)
    ax.imshow(grad.numpy(), cmap="viridis")
    ax.set_title(name, fontsize=9); ax.set_xticks([]); ax.set_yticks([])
fig.tight_layout()
plt.show()
