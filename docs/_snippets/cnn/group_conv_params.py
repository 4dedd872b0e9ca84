"""分组卷积的参数量与乘加次数：公式与 nn.Conv2d 对照。"""
import torch
from torch import nn

c_in, c_out, k, h_out, w_out = 256, 256, 3, 56, 56
for g in (1, 2, 32, 256):
    conv = nn.Conv2d(c_in, c_out, k, padding=1, groups=g, bias=False)
    params = sum(p.numel() for p in conv.parameters())
    assert params == c_in * c_out * k * k // g            # C_in·C_out·K²/G
    assert conv.weight.shape == (c_out, c_in // g, k, k)  # 权重形状 (C_out, C_in/G, K, K)
    macs = params * h_out * w_out                          # 每个输出位置用一遍全部权重
    y = conv(torch.randn(1, c_in, h_out, w_out))
    assert y.shape == (1, c_out, h_out, w_out)
    print(f"G={g:3d}  weight={tuple(conv.weight.shape)}  params={params:,}  MACs={macs:,}")

# groups 必须同时整除 C_in 和 C_out
try:
    nn.Conv2d(256, 100, 3, groups=32)
except ValueError as e:
    print("ValueError:", e)


# 通道混洗（ShuffleNet）：reshape 成 (G, C/G) → 转置 → 展平，没有参数
def channel_shuffle(x, g):
    n, c, h, w = x.shape
    return x.reshape(n, g, c // g, h, w).transpose(1, 2).reshape(n, c, h, w)


x = torch.arange(8.0).reshape(1, 8, 1, 1)           # 8 个通道，编号 0..7，G=4 时每组 2 个
order = channel_shuffle(x, 4).flatten().int().tolist()
print("shuffled channel order:", order)
assert order == [0, 2, 4, 6, 1, 3, 5, 7]
assert torch.equal(channel_shuffle(x, 4), nn.ChannelShuffle(4)(x))
