"""FM 二阶交叉项：O(k n^2) 的两两求和 与 O(k n) 的改写 结果相同；one-hot 输入时 v_i 就是 embedding。"""
import torch

torch.manual_seed(0)
n, k = 50, 8                                 # n 个特征，隐向量维度 k
x = torch.randn(n, dtype=torch.float64)
V = torch.randn(n, k, dtype=torch.float64)   # 第 i 行是特征 i 的隐向量 v_i

# 定义式：Σ_{i<j} <v_i, v_j> x_i x_j，O(k n^2)
pairwise = sum((V[i] @ V[j]) * x[i] * x[j] for i in range(n) for j in range(i + 1, n))

# 改写：1/2 Σ_f [ (Σ_i v_{i,f} x_i)^2 - Σ_i v_{i,f}^2 x_i^2 ]，O(k n)
s = V.T @ x                                  # (k,)  每一维 f 上的 Σ_i v_{i,f} x_i
fast = 0.5 * (s.pow(2) - (V.pow(2).T @ x.pow(2))).sum()
print(f"pairwise = {pairwise.item():.6f}, O(kn) form = {fast.item():.6f}")
assert torch.allclose(pairwise, fast)

# 稀疏 one-hot 输入：3 个字段（用户、物品、城市）各取一个 ID，x 只有 3 个 1
emb = torch.nn.Embedding(n, k, _weight=V.clone())
ids = torch.tensor([3, 17, 42])              # 三个取值为 1 的特征下标
e = emb(ids)                                 # (3, k)：查表得到的 embedding 就是 v_i
x_sparse = torch.zeros(n, dtype=torch.float64)
x_sparse[ids] = 1.0
fm_sparse = 0.5 * (e.sum(0).pow(2) - e.pow(2).sum(0)).sum()
dense = 0.5 * ((V.T @ x_sparse).pow(2) - V.pow(2).T @ x_sparse.pow(2)).sum()
pairs = e[0] @ e[1] + e[0] @ e[2] + e[1] @ e[2]   # 只剩非零特征两两内积之和
assert torch.allclose(fm_sparse, dense) and torch.allclose(fm_sparse, pairs)
print(f"one-hot case: sum of pairwise embedding dot products = {pairs.item():.6f}")
