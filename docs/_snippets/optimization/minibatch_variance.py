"""小批量梯度的方差 ∝ 1/B：线性回归上对比不同 batch 大小（有放回抽样）。"""
import numpy as np

rng = np.random.default_rng(0)
N, d = 10_000, 5
X = rng.standard_normal((N, d))
y = X @ rng.standard_normal(d) + rng.standard_normal(N)
theta = np.zeros(d)                                     # 在某个固定点上比较梯度估计
per_sample = (X @ theta - y)[:, None] * X               # 每个样本的梯度 ∇ℓ_i，形状 (N, d)
full = per_sample.mean(0)                               # 全批量梯度 ∇J
sigma2 = ((per_sample - full) ** 2).sum(1).mean()       # 单样本梯度的总方差 σ²

print(f"单样本梯度总方差 σ² = {sigma2:.2f}")
print("  B   E||g_B − ∇J||²   B × 方差")
for B in [1, 4, 16, 64, 256]:
    idx = rng.integers(0, N, size=(2000, B))           # 2000 个小批量
    g = per_sample[idx].mean(1)
    var = ((g - full) ** 2).sum(1).mean()
    print(f"{B:4d}   {var:12.4f}   {B * var:9.2f}")
    assert abs(B * var / sigma2 - 1) < 0.1               # 方差 ≈ σ²/B
