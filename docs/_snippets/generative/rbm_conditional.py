"""小 RBM：穷举联合分布验证 p(h_j=1|v) = σ(b_j + Σ_i v_i W_ij)，再做一步 CD-1。"""
import itertools

import numpy as np

rng = np.random.default_rng(0)
n_v, n_h = 3, 2
W = rng.normal(0, 1, (n_v, n_h))   # 可见层-隐层权重 W_ij
a = rng.normal(0, 1, n_v)          # 可见层偏置
b = rng.normal(0, 1, n_h)          # 隐层偏置


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def energy(v, h):
    return -a @ v - b @ h - v @ W @ h


# 穷举全部 2^(3+2) = 32 个状态，得到联合分布 p(v, h) = exp(-E) / Z
states = [(np.array(v, float), np.array(h, float))
          for v in itertools.product([0, 1], repeat=n_v)
          for h in itertools.product([0, 1], repeat=n_h)]
Z = sum(np.exp(-energy(v, h)) for v, h in states)

v0 = np.array([1.0, 0.0, 1.0])
joint = [(h, np.exp(-energy(v0, h)) / Z) for v, h in states if np.array_equal(v, v0)]
p_v0 = sum(p for _, p in joint)                                  # 边缘 p(v0)
brute = np.array([sum(p for h, p in joint if h[j] == 1) / p_v0 for j in range(n_h)])
formula = sigmoid(b + v0 @ W)                                    # 因子化的条件分布
print("穷举 p(h=1|v):", np.round(brute, 4))
print("公式 p(h=1|v):", np.round(formula, 4))
assert np.allclose(brute, formula)

# 一步 CD-1：v0 → h0 → v1 → p(h|v1)，ΔW = η(v0 p(h|v0)ᵀ − v1 p(h|v1)ᵀ)
eta = 0.1
ph0 = sigmoid(b + v0 @ W)
h0 = (rng.random(n_h) < ph0).astype(float)      # 隐层采样成 0/1
v1 = (rng.random(n_v) < sigmoid(a + W @ h0)).astype(float)
ph1 = sigmoid(b + v1 @ W)
dW = eta * (np.outer(v0, ph0) - np.outer(v1, ph1))
print("CD-1 的 ΔW 形状:", dW.shape)
assert dW.shape == W.shape
