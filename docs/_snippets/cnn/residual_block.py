"""ResNet 的基本块与瓶颈块（原始后激活版本，He et al. 2016a）。"""
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.f = nn.Sequential(
            nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True),
            nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False), nn.BatchNorm2d(c_out))
        self.shortcut = nn.Identity()
        if stride != 1 or c_in != c_out:   # 形状变了才用 1×1 投影捷径 W_s
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return torch.relu(self.f(x) + self.shortcut(x))   # y = ReLU(F(x) + x)


class Bottleneck(nn.Module):
    def __init__(self, c_in, width, stride=1, expansion=4):
        super().__init__()
        c_out = width * expansion
        self.f = nn.Sequential(
            nn.Conv2d(c_in, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, c_out, 1, bias=False), nn.BatchNorm2d(c_out))
        self.shortcut = nn.Identity()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False), nn.BatchNorm2d(c_out))

    def forward(self, x):
        return torch.relu(self.f(x) + self.shortcut(x))


def conv_params(m):
    return sum(p.numel() for mod in m.modules() if isinstance(mod, nn.Conv2d) for p in mod.parameters())


basic = BasicBlock(64, 64)
bottle = Bottleneck(256, 64)
print("basic block (64-d) conv params:", f"{conv_params(basic):,}")
print("bottleneck (256-d) conv params:", f"{conv_params(bottle):,}")
assert conv_params(basic) == 2 * 3 * 3 * 64 * 64 == 73_728
assert conv_params(bottle) == 256 * 64 + 3 * 3 * 64 * 64 + 64 * 256 == 69_632

x = torch.randn(2, 256, 56, 56)
print("bottleneck output:", tuple(bottle(x).shape))
down = BasicBlock(64, 128, stride=2)                    # 下采样块：投影捷径
print("downsampling block output:", tuple(down(torch.randn(2, 64, 56, 56)).shape))
assert bottle(x).shape == x.shape

# 把残差分支最后一个 BN 的 gamma 置 0（zero-init），块在初始化时就是 ReLU(x)
nn.init.zeros_(bottle.f[-1].weight)
xr = torch.relu(x)
assert torch.allclose(bottle.eval()(xr), xr)
print("zero-init residual block == identity on non-negative input: True")
