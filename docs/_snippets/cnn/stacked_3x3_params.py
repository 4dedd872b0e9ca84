"""堆叠 3×3 与单个大卷积核：参数量对比，以及“无激活时两层 3×3 = 一层 5×5”。"""
import torch
import torch.nn as nn
import torch.nn.functional as F

C = 64
n_params = lambda m: sum(p.numel() for p in m.parameters())
two_3x3 = nn.Sequential(nn.Conv2d(C, C, 3, bias=False), nn.ReLU(), nn.Conv2d(C, C, 3, bias=False))
three_3x3 = nn.Sequential(*[nn.Conv2d(C, C, 3, bias=False) for _ in range(3)])
one_5x5, one_7x7 = nn.Conv2d(C, C, 5, bias=False), nn.Conv2d(C, C, 7, bias=False)
print(f"2 个 3×3: {n_params(two_3x3):,}  vs  1 个 5×5: {n_params(one_5x5):,}")
print(f"3 个 3×3: {n_params(three_3x3):,}  vs  1 个 7×7: {n_params(one_7x7):,}")
assert (n_params(two_3x3), n_params(one_5x5)) == (18 * C * C, 25 * C * C) == (73_728, 102_400)
assert (n_params(three_3x3), n_params(one_7x7)) == (27 * C * C, 49 * C * C) == (110_592, 200_704)

# 单通道、去掉中间激活：两层 3×3 的复合恰好是一层 5×5，核为两核的（全）卷积
torch.manual_seed(0)
k1, k2 = torch.randn(1, 1, 3, 3), torch.randn(1, 1, 3, 3)
x = torch.randn(1, 1, 12, 12)
k5 = F.conv2d(F.pad(k2, (2, 2, 2, 2)), k1.flip(-1, -2))   # 5×5 等效核
err = (F.conv2d(F.conv2d(x, k1), k2) - F.conv2d(x, k5)).abs().max().item()
print(f"等效 5×5 核形状 {tuple(k5.shape[-2:])}，与两层 3×3 的最大差 {err:.1e}")
assert k5.shape[-2:] == (5, 5) and err < 1e-5
