"""两层线性层（中间无激活）等价于一层线性层；加一个 ReLU 就能表示 XOR。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
f = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 3))  # 中间没有激活函数
W1, b1 = f[0].weight, f[0].bias
W2, b2 = f[1].weight, f[1].bias
W, b = W2 @ W1, W2 @ b1 + b2  # 合并成一层：W = W2 W1, b = W2 b1 + b2
x = torch.randn(5, 4)
err = (f(x) - (x @ W.T + b)).abs().max().item()
print(f"两层线性 vs 合并后的一层，最大差 = {err:.1e}")
assert err < 1e-5

# XOR：h = ReLU(W x + c)，y = w^T h（Goodfellow 等《Deep Learning》6.1 节的解）
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Wx = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
c = torch.tensor([0.0, -1.0])
w = torch.tensor([1.0, -2.0])
y = torch.relu(X @ Wx.T + c) @ w
print("XOR 输出:", y.tolist())
assert y.tolist() == [0.0, 1.0, 1.0, 0.0]
