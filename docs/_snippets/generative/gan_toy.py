"""GAN 两个小实验：离散分布上的最优判别器，以及两种生成器损失在 D(G(z)) 很小时的梯度。"""
import math

import torch

# 1) 最优判别器 D*(x) = p_data(x) / (p_data(x) + p_g(x))
p_data = torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64)
p_g = torch.tensor([0.2, 0.3, 0.5], dtype=torch.float64)
d_star = p_data / (p_data + p_g)

grid = torch.linspace(1e-4, 1 - 1e-4, 9999, dtype=torch.float64)   # 逐点网格搜索最大化 V(D, G)
V_grid = p_data[:, None] * grid.log() + p_g[:, None] * (1 - grid).log()
D_opt = grid[V_grid.argmax(dim=1)]
print("D* 公式:", [round(x, 4) for x in d_star.tolist()])
print("D  搜索:", [round(x, 4) for x in D_opt.tolist()])
assert torch.allclose(D_opt, d_star, atol=1e-3)

m = (p_data + p_g) / 2
jsd = 0.5 * (p_data * (p_data / m).log()).sum() + 0.5 * (p_g * (p_g / m).log()).sum()
V_star = (p_data * d_star.log()).sum() + (p_g * (1 - d_star).log()).sum()
print(f"V(D*, G) = {V_star:.4f} = -log 4 + 2·JSD = {-math.log(4) + 2 * jsd:.4f}")
assert abs(V_star - (-math.log(4) + 2 * jsd)) < 1e-6

# 2) 判别器输出 D = σ(a)，对 logit a 求生成器损失的梯度
a = torch.tensor(math.log(0.01 / 0.99), requires_grad=True)   # D(G(z)) = 0.01
saturating = torch.log(1 - torch.sigmoid(a))                    # 原始：最小化 log(1-D)
(g_sat,) = torch.autograd.grad(saturating, a)
non_saturating = -torch.log(torch.sigmoid(a))                   # 非饱和：最小化 -log D
(g_ns,) = torch.autograd.grad(non_saturating, a)
print(f"D=0.01 时 ∂log(1-D)/∂a = {g_sat.item():.4f}，∂(-log D)/∂a = {g_ns.item():.4f}")
assert abs(g_sat.item() + 0.01) < 1e-6 and abs(g_ns.item() + 0.99) < 1e-6
