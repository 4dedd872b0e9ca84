"""BN 的可学习参数与缓冲区：卷积层按通道 C 计，全连接层按特征数 d 计；再数一遍 ResNet-50 的 BN。"""
import torch.nn as nn


def count(module):
    n_param = sum(p.numel() for p in module.parameters())
    n_buf = sum(b.numel() for b in module.buffers())
    return n_param, n_buf


for name, m in [("BatchNorm2d(64)", nn.BatchNorm2d(64)),
                ("BatchNorm1d(512)", nn.BatchNorm1d(512)),
                ("BatchNorm2d(64, affine=False)", nn.BatchNorm2d(64, affine=False))]:
    p, b = count(m)
    print(f"{name:32s} 可学习参数 {p:5d}  缓冲区元素 {b:5d}  state_dict 键 {list(m.state_dict())}")

assert count(nn.BatchNorm2d(64)) == (128, 129)          # 2C 参数；2C + 1（num_batches_tracked）缓冲
assert count(nn.BatchNorm1d(512)) == (1024, 1025)       # 2d
assert count(nn.BatchNorm2d(64, affine=False)) == (0, 129)

# ResNet-50（torchvision 的层配置）中所有 BN 的通道数：stem 64；
# 4 个 stage 的瓶颈块数 [3, 4, 6, 3]、宽度 [64, 128, 256, 512]、扩张 4 倍，每个 stage 第一块多一个下采样 BN。
channels = [64]
for blocks, width in zip([3, 4, 6, 3], [64, 128, 256, 512]):
    channels += [width, width, 4 * width] * blocks + [4 * width]
total_c = sum(channels)
print(f"BN 层数 {len(channels)}，通道总数 {total_c}，可学习参数 2*{total_c} = {2 * total_c}")
assert len(channels) == 53 and total_c == 26560 and 2 * total_c == 53120
