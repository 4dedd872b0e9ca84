"""GoogLeNet 的 inception (3a)：朴素版 vs. 1×1 降维版，比较输出通道、权重数与乘加次数。"""
import torch
import torch.nn as nn


class Inception(nn.Module):
    def __init__(self, c_in, c1, c3r, c3, c5r, c5, cp, reduce=True):
        super().__init__()
        conv = lambda ci, co, k: nn.Conv2d(ci, co, k, padding=k // 2, bias=False)
        self.b1 = conv(c_in, c1, 1)
        if reduce:   # 3×3、5×5 前先用 1×1 降维；池化分支后接 1×1 投影
            self.b3 = nn.Sequential(conv(c_in, c3r, 1), nn.ReLU(), conv(c3r, c3, 3))
            self.b5 = nn.Sequential(conv(c_in, c5r, 1), nn.ReLU(), conv(c5r, c5, 5))
            self.bp = nn.Sequential(nn.MaxPool2d(3, 1, 1), conv(c_in, cp, 1))
        else:        # 朴素版：直接在全部输入通道上做 3×3、5×5，池化分支原样输出
            self.b3, self.b5, self.bp = conv(c_in, c3, 3), conv(c_in, c5, 5), nn.MaxPool2d(3, 1, 1)

    def forward(self, x):   # 各分支空间尺寸相同，沿通道维拼接
        return torch.cat([self.b1(x), self.b3(x), self.b5(x), self.bp(x)], dim=1)


x = torch.randn(1, 192, 28, 28)
for name, reduce in [("朴素版", False), ("降维版", True)]:
    m = Inception(192, 64, 96, 128, 16, 32, 32, reduce=reduce)
    y = m(x)
    w = sum(p.numel() for p in m.parameters())
    print(f"{name}: 输出 {tuple(y.shape[1:])}, 权重 {w:,}, 乘加 {w * 28 * 28:,}")
    expected = (416, 387_072) if not reduce else (256, 163_328)
    assert (y.shape[1], w) == expected
