"""感知机学习规则：AND 上收敛，XOR 上永不收敛；一个 2-2-1 网络解出 XOR；MLP 参数量。"""
import numpy as np
import torch.nn as nn

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_AND = np.array([0, 0, 0, 1])
Y_XOR = np.array([0, 1, 1, 0])
step = lambda z: (z >= 0).astype(int)  # 阶跃函数，z >= 0 输出 1


def perceptron(X, y, epochs=100, eta=1.0):
    """Rosenblatt 规则：w <- w + eta (y - y_hat) x，返回首次零错误的轮次（None 表示没做到）。"""
    w, b = np.zeros(2), 0.0
    for epoch in range(1, epochs + 1):
        errors = 0
        for xi, yi in zip(X, y):
            y_hat = step(w @ xi + b)
            if y_hat != yi:
                w += eta * (yi - y_hat) * xi
                b += eta * (yi - y_hat)
                errors += 1
        if errors == 0:
            return epoch, w, b
    return None, w, b


ep, w, b = perceptron(X, Y_AND)
print(f"AND：第 {ep} 轮零错误，w = {w.tolist()}，b = {b}")
assert ep is not None and (step(X @ w + b) == Y_AND).all()
ep, _, _ = perceptron(X, Y_XOR)
print("XOR：100 轮后仍有错误 ->", ep)
assert ep is None

# 2-2-1 阶跃网络：h1 = OR，h2 = AND，输出 = h1 AND NOT h2
h1 = step(X @ np.array([1, 1]) - 0.5)
h2 = step(X @ np.array([1, 1]) - 1.5)
y_step = step(h1 - h2 - 0.5)
print("阶跃网络输出:", y_step.tolist())
assert y_step.tolist() == Y_XOR.tolist()

# 2-2-1 ReLU 网络：h = ReLU([x1 + x2, x1 + x2 - 1])，y = h1 - 2 h2
H = np.maximum(0, X @ np.array([[1, 1], [1, 1]]).T + np.array([0, -1]))
y_relu = H @ np.array([1, -2])
print("ReLU 网络输出:", y_relu.tolist())
assert y_relu.tolist() == [0.0, 1.0, 1.0, 0.0]

# MLP 参数量：sum_l (n_{l-1} + 1) * n_l
sizes = [784, 256, 128, 10]
formula = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
counted = sum(p.numel() for p in mlp.parameters())
print(f"784-256-128-10 的参数量：公式 {formula}，nn.Sequential {counted}")
assert formula == counted == 235146
