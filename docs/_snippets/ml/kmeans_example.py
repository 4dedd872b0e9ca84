"""k-means（Lloyd 算法）手算例子：9 个二维点、k=2，故意用两个挨在一起的点作初始中心。"""
import itertools

import numpy as np

X = np.array([[1, 1], [2, 1], [1, 2], [2, 2], [4, 3],      # A B C D E
              [6, 5], [7, 5], [6, 6], [7, 7]], dtype=float)  # F G H I
names = "ABCDEFGHI"
mu = X[[0, 1]].copy()  # 初始中心 = A(1,1) 与 B(2,1)


def sse(X, mu, labels):
    """目标函数 J = Σ_i ||x_i - μ_{c(i)}||²"""
    return float(((X - mu[labels]) ** 2).sum())


history = []
for t in range(1, 20):
    d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(-1)   # (n, k) 平方距离
    labels = d2.argmin(1)                                   # 分配步
    j_assign = sse(X, mu, labels)
    new_mu = np.stack([X[labels == k].mean(0) for k in range(len(mu))])  # 更新步
    j_update = sse(X, new_mu, labels)
    groups = ["".join(n for n, l in zip(names, labels) if l == k) for k in range(len(mu))]
    print(f"iter {t}: clusters {groups}, J after assign = {j_assign:.2f}, "
          f"centroids = {np.round(new_mu, 2).tolist()}, J after update = {j_update:.2f}")
    history.append((groups, j_assign, j_update))
    if np.allclose(new_mu, mu):
        break
    mu = new_mu

assert [h[0] for h in history] == [["AC", "BDEFGHI"], ["ABCD", "EFGHI"],
                                   ["ABCDE", "FGHI"], ["ABCDE", "FGHI"]]
assert np.allclose(mu, [[2.0, 1.8], [6.5, 5.75]])
assert round(history[-1][2], 2) == 12.55
# J 单调不增：每个分配步、更新步都不会让它变大
js = [v for h in history for v in h[1:]]
assert all(a >= b - 1e-12 for a, b in zip(js, js[1:]))

# 穷举全部 2^8 - 1 种非空二划分，确认此例的收敛结果恰好也是全局最优
best = min(sse(X, np.stack([X[m == 0].mean(0), X[m == 1].mean(0)]), m)
           for bits in itertools.product([0, 1], repeat=8)
           for m in [np.array((0,) + bits)] if m.any())
print(f"global optimum by brute force: J = {best:.2f}")
assert round(best, 2) == 12.55
