"""VGG-16 前缀（conv1_1 … pool3）的感受野：递推公式 vs. 梯度实测。"""
import torch
import torch.nn as nn

# (名字, 核大小 K, 步长 S)；VGG-16 的卷积都是 3×3、步长 1、padding 1，池化是 2×2、步长 2
VGG16_PREFIX = [("conv1_1", 3, 1), ("conv1_2", 3, 1), ("pool1", 2, 2),
                ("conv2_1", 3, 1), ("conv2_2", 3, 1), ("pool2", 2, 2),
                ("conv3_1", 3, 1), ("conv3_2", 3, 1), ("conv3_3", 3, 1), ("pool3", 2, 2)]
CHANNELS = {"1": 64, "2": 128, "3": 256}


def rf_recursion(layers):
    r, j, rows = 1, 1, []
    for name, k, s in layers:
        r, j = r + (k - 1) * j, j * s          # r_l = r_{l-1} + (K_l - 1) j_{l-1};  j_l = j_{l-1} S_l
        rows.append((name, r, j))
    return rows


def rf_measured(size=64):
    """搭出真实的层（随机权重），对每层中心输出单元求输入梯度，数非零梯度覆盖的行数。"""
    torch.manual_seed(0)
    x = torch.randn(1, 3, size, size, requires_grad=True)
    h, c, found = x, 3, []
    for name, k, s in VGG16_PREFIX:
        if name.startswith("conv"):
            layer = nn.Conv2d(c, CHANNELS[name[4]], 3, stride=1, padding=1)
            c = CHANNELS[name[4]]
        else:  # 用同几何的平均池化代替最大池化：理论感受野只取决于几何，与数据无关
            layer = nn.AvgPool2d(2, 2)
        h = layer(h)
        (g,) = torch.autograd.grad(h[0, 0, h.shape[-2] // 2, h.shape[-1] // 2], x, retain_graph=True)
        rows = (g[0].abs().sum(dim=(0, 2)) != 0).nonzero()
        found.append(int(rows.max() - rows.min() + 1))
    return found


print(f"{'层':<8}{'RF':>5}{'jump':>6}{'实测RF':>8}")
for (name, r, j), m in zip(rf_recursion(VGG16_PREFIX), rf_measured()):
    print(f"{name:<8}{r:>5}{j:>6}{m:>8}")
    assert m == r
assert [r for _, r, _ in rf_recursion(VGG16_PREFIX)] == [3, 5, 6, 10, 14, 16, 24, 32, 40, 44]
