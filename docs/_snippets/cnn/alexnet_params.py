"""按论文的层形状统计 AlexNet 的参数量（含双 GPU 分组：conv2/4/5 相当于 groups=2）。"""
import torch
from torch import nn

layers = [
    nn.Conv2d(3, 96, 11, stride=4),                    # conv1: 227→55
    nn.ReLU(), nn.MaxPool2d(3, 2),                     # 重叠池化：55→27
    nn.Conv2d(96, 256, 5, padding=2, groups=2),        # conv2（只连本 GPU 的 48 个通道）
    nn.ReLU(), nn.MaxPool2d(3, 2),                     # 27→13
    nn.Conv2d(256, 384, 3, padding=1),                 # conv3（跨 GPU 全连接）
    nn.ReLU(),
    nn.Conv2d(384, 384, 3, padding=1, groups=2),       # conv4
    nn.ReLU(),
    nn.Conv2d(384, 256, 3, padding=1, groups=2),       # conv5
    nn.ReLU(), nn.MaxPool2d(3, 2),                     # 13→6
    nn.Flatten(),
    nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(4096, 1000),
]
net = nn.Sequential(*layers)
convs = [m for m in net if isinstance(m, nn.Conv2d)]
fcs = [m for m in net if isinstance(m, nn.Linear)]
n_conv = sum(p.numel() for m in convs for p in m.parameters())
n_fc = sum(p.numel() for m in fcs for p in m.parameters())
total = n_conv + n_fc
print(f"conv = {n_conv:,}, FC = {n_fc:,}, total = {total:,} (FC share {n_fc / total:.1%})")
assert total == 60_965_224 and f"{n_fc / total:.1%}" == "96.2%"

x = torch.zeros(1, 3, 227, 227)
print("227x227 ->", tuple(net[:3](x).shape), "-> logits", tuple(net.eval()(x).shape))
assert net[:3](x).shape[-1] == 27
# 论文写的 224 与 11×11、步长 4、无填充的 conv1 对不上：(224 − 11)/4 + 1 不是整数
print("224x224 conv1 ->", tuple(net[0](torch.zeros(1, 3, 224, 224)).shape))
assert net[0](torch.zeros(1, 3, 224, 224)).shape[-1] == 54
