"""SiLU / Swish(beta=1) 的最小值：解 f'(x) = 0，并与 F.silu 和网格搜索对照。"""
import math

import torch
import torch.nn.functional as F


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


# f(x) = x*sigmoid(x)，f'(x) = sigmoid(x) * (1 + x*(1 - sigmoid(x)))
# f'(x) = 0  <=>  g(x) = 1 + x*(1 - sigmoid(x)) = 0，用牛顿法求根
x = -1.0
for _ in range(30):
    s = sig(x)
    g = 1 + x * (1 - s)
    dg = (1 - s) - x * s * (1 - s)
    x -= g / dg
f_min = x * sig(x)
print(f"最小值点 x* = {x:.4f}, f(x*) = {f_min:.4f}, x* + 1 = {x + 1:.4f}")
assert f"{x:.4f}" == "-1.2785" and f"{f_min:.4f}" == "-0.2785"
assert abs(f_min - (x + 1)) < 1e-12   # 在极值点 sigmoid(x*) = 1 + 1/x*，所以 f(x*) = x* + 1

grid = torch.linspace(-5, 5, 100001, dtype=torch.float64)
y = F.silu(grid)
i = int(y.argmin())
print(f"网格搜索: x = {grid[i].item():.4f}, F.silu = {y[i].item():.4f}")
assert abs(grid[i].item() - x) < 1e-3 and abs(y[i].item() - f_min) < 1e-8

# 导数：f'(0) = 1/2；正半轴上导数会超过 1
xr = grid.clone().requires_grad_(True)
(d,) = torch.autograd.grad(F.silu(xr).sum(), xr)
j = int(d.argmax())
print(f"f'(0) = {d[50000].item():.2f}, 导数最大值 {d[j].item():.4f} 在 x = {grid[j].item():.4f}")
assert abs(d[50000].item() - 0.5) < 1e-12 and f"{d[j].item():.4f}" == "1.0998"
