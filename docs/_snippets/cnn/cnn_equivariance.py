"""卷积层的平移等变性：步长 1 时严格成立（循环填充），步长 2 时被打破；全局池化带来平移不变。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(1, 1, 16, 16)
shift = lambda t, k: torch.roll(t, shifts=k, dims=-1)  # 沿宽度方向平移 k 个像素

conv = nn.Conv2d(1, 4, 3, padding=1, padding_mode="circular")   # 循环填充：没有边界效应
err_s1 = (conv(shift(x, 1)) - shift(conv(x), 1)).abs().max().item()
print(f"步长 1：conv(平移 x) 与 平移 conv(x) 的最大差 = {err_s1:.1e}")
assert err_s1 < 1e-6

conv_s2 = nn.Conv2d(1, 4, 3, stride=2, padding=1, padding_mode="circular")
y0, y1 = conv_s2(x), conv_s2(shift(x, 1))
best = min((y1 - shift(y0, k)).abs().max().item() for k in range(y0.shape[-1]))
print(f"步长 2：输入平移 1 像素后，输出与任何整数平移的最小差 = {best:.2f}")
assert best > 0.1

gap = lambda t: conv(t).mean(dim=(-2, -1))   # 卷积 + 全局平均池化
err_gap = (gap(shift(x, 5)) - gap(x)).abs().max().item()
print(f"卷积 + 全局平均池化：平移前后输出的最大差 = {err_gap:.1e}")
assert err_gap < 1e-6
