"""(1) 自助采样约有 1/e 的样本落在袋外；相关模型取平均的方差公式。(2) AdaBoost + 决策树桩降低偏差。"""
import math

import numpy as np

rng = np.random.default_rng(0)

# (1a) 自助采样：有放回地抽 N 次，某个样本一次都没被抽中的概率 (1 - 1/N)^N → 1/e ≈ 0.368
N = 100_000
oob = 1 - len(np.unique(rng.integers(0, N, N))) / N
print(f"out-of-bag fraction = {oob:.3f}  (1/e = {math.exp(-1):.3f})")
assert abs(oob - math.exp(-1)) < 0.005

# (1b) B 个方差为 σ²、两两相关系数为 ρ 的模型取平均：Var = ρσ² + (1-ρ)σ²/B
B, sigma2, rho = 10, 1.0, 0.3
cov = sigma2 * (rho * np.ones((B, B)) + (1 - rho) * np.eye(B))
var_avg = np.ones(B) @ cov @ np.ones(B) / B**2          # 平均值的方差 = 1ᵀΣ1 / B²
print(f"variance of the average of {B} models: {var_avg:.2f}")
assert abs(var_avg - (rho * sigma2 + (1 - rho) * sigma2 / B)) < 1e-12 and round(var_avg, 2) == 0.37

# (2) 一维数据，正类夹在中间：任何单个树桩（一个阈值）都至少错 3 个
x = np.arange(10.0)
y = np.array([-1, -1, -1, 1, 1, 1, 1, -1, -1, -1])


def best_stump(x, y, w):
    """在加权误差意义下最好的树桩 h(x) = s·sign(x - t)"""
    best = None
    for t in np.r_[x.min() - 0.5, x + 0.5]:
        for s in (1, -1):
            pred = np.where(x > t, s, -s)
            err = w[pred != y].sum()
            if best is None or err < best[0] - 1e-12:
                best = (err, t, s)
    return best


w = np.full(len(x), 1 / len(x))
F = np.zeros(len(x))
train_err, alphas = [], []
for m in range(1, 6):
    err, t, s = best_stump(x, y, w)
    alpha = 0.5 * math.log((1 - err) / err)               # α_m = ½ ln((1 - e_m) / e_m)
    h = np.where(x > t, s, -s)
    F += alpha * h
    w = w * np.exp(-alpha * y * h)                          # 错分样本权重乘 e^{α}，对的乘 e^{-α}
    w /= w.sum()
    train_err.append(int((np.sign(F) != y).sum()))
    alphas.append(round(alpha, 3))
    print(f"round {m}: weighted error {err:.3f}, alpha {alpha:.3f}, training errors {train_err[-1]}/10")
assert train_err == [3, 3, 0, 0, 0]
assert alphas == [0.424, 0.65, 0.752, 0.711, 0.726]
