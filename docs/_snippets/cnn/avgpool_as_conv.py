"""平均池化 = 权重固定为 1/K² 的逐通道卷积；ReLU 与最大池化可交换；两种层的参数量。"""
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.randn(1, 64, 56, 56)

w = torch.full((64, 1, 2, 2), 1 / 4)                      # 每个通道一个 2×2 均值核
same = torch.allclose(F.avg_pool2d(x, 2), F.conv2d(x, w, stride=2, groups=64), atol=1e-6)
print("avg_pool2d == depthwise conv with 1/K² weights:", same)
assert same

commute = torch.equal(F.max_pool2d(F.relu(x), 2), F.relu(F.max_pool2d(x, 2)))
print("maxpool(relu(x)) == relu(maxpool(x)):", commute)
assert commute

conv = nn.Conv2d(64, 128, 3, padding=1)
pool = nn.MaxPool2d(2)
n_conv = sum(p.numel() for p in conv.parameters())
n_pool = sum(p.numel() for p in pool.parameters())
print(f"conv: {tuple(conv(x).shape)}, params = {n_conv:,}")
print(f"pool: {tuple(pool(x).shape)}, params = {n_pool}")
assert (n_conv, n_pool) == (64 * 128 * 9 + 128, 0) and n_conv == 73_856
