"""深度可分离卷积 = 逐通道卷积（groups=C_in）+ 1×1 逐点卷积；与标准卷积比较参数量和乘加次数。"""
import torch
from torch import nn

c_in, c_out, k, h, w = 256, 256, 3, 56, 56
standard = nn.Conv2d(c_in, c_out, k, padding=1, bias=False)
separable = nn.Sequential(
    nn.Conv2d(c_in, c_in, k, padding=1, groups=c_in, bias=False),  # depthwise：每个通道一个 K×K 核
    nn.Conv2d(c_in, c_out, 1, bias=False),                         # pointwise：1×1 卷积混合通道
)


def n_params(m):
    return sum(p.numel() for p in m.parameters())


p_std, p_sep = n_params(standard), n_params(separable)
assert p_std == k * k * c_in * c_out
assert p_sep == k * k * c_in + c_in * c_out
macs_std, macs_sep = p_std * h * w, p_sep * h * w  # 步长 1、same 填充：输出仍为 h×w
ratio = p_sep / p_std
assert abs(ratio - (1 / c_out + 1 / k**2)) < 1e-12
x = torch.randn(1, c_in, h, w)
assert standard(x).shape == separable(x).shape == (1, c_out, h, w)
print(f"standard : params={p_std:,}  MACs={macs_std:,}")
print(f"separable: params={p_sep:,}  MACs={macs_sep:,}")
print(f"ratio = {ratio:.4f} = 1/{c_out} + 1/{k * k}，约减少到 1/{1 / ratio:.2f}")
