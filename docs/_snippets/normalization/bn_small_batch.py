"""小 batch 下的 BN：m = 2 时每个特征的输出只剩 ±1；批均值的波动随 m 增大按 1/sqrt(m) 减小。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(5, affine=False).train()
x = torch.randn(2, 5) * 10 + 3                  # 只有 2 个样本
print("m = 2 时的 BN 输出：\n", bn(x).detach().round(decimals=4))
assert torch.allclose(bn(x).abs(), torch.ones(2, 5), atol=1e-4)

# 批均值 μ_B 作为总体均值（0）的估计：标准差约为 σ/sqrt(m)
population = torch.randn(1_000_000)
for m in (2, 8, 32, 128):
    mus = population[: (len(population) // m) * m].view(-1, m).mean(dim=1)
    print(f"m = {m:3d}：μ_B 的标准差 {mus.std():.3f}（理论 {1 / m ** 0.5:.3f}）")
    assert abs(mus.std().item() - 1 / m ** 0.5) < 0.02
