"""卷积层输出尺寸：公式与 PyTorch 实际输出逐一对照。"""
import torch
import torch.nn as nn


def conv_out(h: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    """H_out = floor((H + 2P - D(K-1) - 1) / S) + 1"""
    return (h + 2 * p - d * (k - 1) - 1) // s + 1


examples = [  # (H, K, S, P, D)
    (224, 7, 2, 3, 1),   # ResNet 第一层卷积
    (112, 3, 2, 1, 1),   # ResNet 第一个最大池化（同一公式）
    (56, 3, 1, 1, 1),    # 3×3 same 卷积
    (227, 11, 4, 0, 1),  # AlexNet 第一层
    (224, 11, 4, 2, 1),  # torchvision 版 AlexNet 第一层
    (64, 3, 1, 2, 2),    # 空洞率 2 的 3×3 卷积
    (7, 2, 2, 0, 1),     # 除不尽：最后一列被丢弃
]
for h, k, s, p, d in examples:
    conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
    real = conv(torch.zeros(1, 1, h, h)).shape[-1]
    assert conv_out(h, k, s, p, d) == real
    print(f"H={h:3d} K={k:2d} S={s} P={p} D={d} -> {real}")
