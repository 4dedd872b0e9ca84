"""两层 MLP 的反向传播：手写 δ 递推（NumPy），与 PyTorch autograd 逐元素核对。"""
import numpy as np
import torch

rng = np.random.default_rng(0)
B, d0, d1, d2 = 4, 3, 5, 2                      # batch 大小、输入/隐层/输出维度
X = rng.standard_normal((B, d0))                 # 每行一个样本
Y = rng.standard_normal((B, d2))
W1, b1 = rng.standard_normal((d1, d0)), rng.standard_normal(d1)
W2, b2 = rng.standard_normal((d2, d1)), rng.standard_normal(d2)

# 前向：z1 = W1 x + b1，a1 = tanh(z1)，z2 = W2 a1 + b2（线性输出），L = Σ(z2 − y)² / (2B)
Z1 = X @ W1.T + b1
A1 = np.tanh(Z1)
Z2 = A1 @ W2.T + b2
L = ((Z2 - Y) ** 2).sum() / (2 * B)

# 反向：δ2 = ∂L/∂z2，δ1 = (W2ᵀ δ2) ⊙ tanh'(z1)；∂L/∂W = δ aᵀ（对 batch 求和）
D2 = (Z2 - Y) / B
D1 = (D2 @ W2) * (1 - A1 ** 2)
grads = {"W2": D2.T @ A1, "b2": D2.sum(0), "W1": D1.T @ X, "b1": D1.sum(0)}

# 同一网络交给 autograd
t = {k: torch.tensor(v, requires_grad=True) for k, v in
     {"W1": W1, "b1": b1, "W2": W2, "b2": b2}.items()}
z2 = torch.tanh(torch.tensor(X) @ t["W1"].T + t["b1"]) @ t["W2"].T + t["b2"]
loss = ((z2 - torch.tensor(Y)) ** 2).sum() / (2 * B)
loss.backward()

print(f"loss: NumPy {L:.6f}  autograd {loss.item():.6f}")
for k in ["W1", "b1", "W2", "b2"]:
    diff = np.abs(grads[k] - t[k].grad.numpy()).max()
    assert diff < 1e-12
    print(f"dL/d{k:2s} 形状 {str(grads[k].shape):7s} 与 autograd 一致（最大差 < 1e-12）")
assert abs(L - loss.item()) < 1e-12
