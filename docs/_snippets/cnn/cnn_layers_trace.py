"""一个最小的图像分类 CNN：逐层打印输出形状和参数量。"""
import torch
import torch.nn as nn

net = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.5), nn.Linear(64, 10),
)
x = torch.randn(1, 3, 32, 32)
counts = []
for layer in net:
    x = layer(x)
    n = sum(p.numel() for p in layer.parameters())
    counts.append(n)
    print(f"{type(layer).__name__:<18}{str(tuple(x.shape[1:])):<16}{n:>8,}")
total = sum(counts)
print(f"{'合计':<16}{'':<16}{total:>8,}")
assert counts[:6] == [896, 64, 0, 0, 18_496, 128] and counts[-1] == 650
assert total == 20_234 and x.shape == (1, 10)
