"""推理时把 BN 折叠进前一个 Conv2d：W' = a·W（按输出通道），b' = a·(b − μ̂) + β。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
conv = nn.Conv2d(3, 8, kernel_size=3, padding=1, bias=True)
bn = nn.BatchNorm2d(8)
model = nn.Sequential(conv, bn)

model.train()                       # 先跑几步训练模式，让 running 统计量不再是初值
for _ in range(10):
    model(torch.randn(16, 3, 12, 12))
with torch.no_grad():
    bn.weight.uniform_(0.5, 1.5)
    bn.bias.uniform_(-0.5, 0.5)
model.eval()

a = bn.weight / torch.sqrt(bn.running_var + bn.eps)          # 每个输出通道一个缩放
fused = nn.Conv2d(3, 8, kernel_size=3, padding=1, bias=True)
with torch.no_grad():
    fused.weight.copy_(conv.weight * a.view(-1, 1, 1, 1))
    fused.bias.copy_(a * (conv.bias - bn.running_mean) + bn.bias)

x = torch.randn(4, 3, 12, 12)
with torch.no_grad():
    diff = (model(x) - fused(x)).abs().max().item()
print(f"Conv+BN 与折叠后的单个 Conv 最大误差: {diff:.1e}")
assert diff < 1e-5
