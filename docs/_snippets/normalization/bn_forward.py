"""批归一化训练时的前向计算：NumPy 按公式实现，并与 PyTorch BatchNorm2d 的训练模式输出对照。"""
import numpy as np
import torch


def bn_train_forward(x, gamma, beta, eps=1e-5):
    """x: (N, C, H, W)。每个通道在 N·H·W 个数上求均值和（有偏）方差。"""
    mu = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)  # 除以 m，不是 m - 1
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma.reshape(1, -1, 1, 1) * x_hat + beta.reshape(1, -1, 1, 1)


# 一个通道、四个数：先手算一遍
x = np.array([1.0, 2.0, 3.0, 4.0]).reshape(4, 1, 1, 1)  # N=4, C=1, H=W=1
mu, var = x.mean(), x.var()
x_hat = (x.ravel() - mu) / np.sqrt(var + 1e-5)
print("mu =", mu, " var =", var)            # mu = 2.5  var = 1.25
print("x_hat =", np.round(x_hat, 4))       # [-1.3416 -0.4472  0.4472  1.3416]
assert (mu, var) == (2.5, 1.25)
assert np.allclose(np.round(x_hat, 4), [-1.3416, -0.4472, 0.4472, 1.3416])

# 一般情形：与 PyTorch 训练模式下的 BatchNorm2d 对照
rng = np.random.default_rng(0)
x = rng.normal(3.0, 2.0, size=(8, 4, 5, 5))
gamma, beta = rng.normal(size=4), rng.normal(size=4)
bn = torch.nn.BatchNorm2d(4, eps=1e-5)
with torch.no_grad():
    bn.weight.copy_(torch.tensor(gamma))
    bn.bias.copy_(torch.tensor(beta))
bn.train()
ours = bn_train_forward(x, gamma, beta)
theirs = bn(torch.tensor(x, dtype=torch.float32)).detach().numpy()
print("max |ours - torch| =", f"{np.abs(ours - theirs).max():.1e}")
assert np.allclose(ours, theirs, atol=1e-5)
