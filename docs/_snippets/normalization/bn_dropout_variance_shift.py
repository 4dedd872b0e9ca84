"""Dropout 放在 BN 前面时的“方差偏移”：BN 记下的是训练时（带 dropout）的方差，推理时方差变小了。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
p = 0.5
net = nn.Sequential(nn.Dropout(p), nn.BatchNorm1d(1, momentum=None))   # momentum=None：累计平均
x = torch.randn(200_000, 1)                                             # 均值 0、方差 1 的特征

net.train()
for chunk in x.split(1000):
    net(chunk)
running_var = net[1].running_var.item()

net.eval()
out = net(x)
print(f"BN 记录的方差 {running_var:.3f}，推理时真实输入方差 {x.var().item():.3f}")
print(f"推理输出的方差 {out.var().item():.3f}（理想应为 1，理论值 1 - p = {1 - p}）")
assert abs(running_var - 1 / (1 - p)) < 0.05
assert abs(out.var().item() - (1 - p)) < 0.03
