"""Conv 后面紧跟 BN 时卷积偏置是多余的：训练模式下减均值会把它整个抵消。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
conv_b = nn.Conv2d(16, 32, 3, padding=1, bias=True)
conv_nb = nn.Conv2d(16, 32, 3, padding=1, bias=False)
with torch.no_grad():
    conv_nb.weight.copy_(conv_b.weight)
    conv_b.bias.uniform_(-5, 5)                 # 偏置取得很大也没用
bn1, bn2 = nn.BatchNorm2d(32).train(), nn.BatchNorm2d(32).train()

x = torch.randn(8, 16, 10, 10)
diff = (bn1(conv_b(x)) - bn2(conv_nb(x))).abs().max().item()
print(f"有偏置 vs 无偏置，BN 之后的最大差异: {diff:.1e}")
print("省下的参数量:", conv_b.bias.numel())
assert diff < 1e-4
