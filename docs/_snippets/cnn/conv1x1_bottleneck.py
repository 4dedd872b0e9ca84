"""1×1 卷积 = 每个像素上的全连接层；瓶颈结构的参数量对比。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
conv1x1 = nn.Conv2d(256, 64, kernel_size=1)
fc = nn.Linear(256, 64)
fc.weight.data = conv1x1.weight.data.view(64, 256)   # 权重形状 (C_out, C_in, 1, 1) -> (C_out, C_in)
fc.bias.data = conv1x1.bias.data
x = torch.randn(2, 256, 14, 14)
y_fc = fc(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)  # 把通道放到最后，对每个像素做同一个 Linear
print("1×1 卷积与逐像素 Linear 一致：", torch.allclose(conv1x1(x), y_fc, atol=1e-5))
assert torch.allclose(conv1x1(x), y_fc, atol=1e-5)

n = lambda m: sum(p.numel() for p in m.parameters())
bottleneck = nn.Sequential(
    nn.Conv2d(256, 64, 1, bias=False), nn.ReLU(),
    nn.Conv2d(64, 64, 3, padding=1, bias=False), nn.ReLU(),
    nn.Conv2d(64, 256, 1, bias=False),
)
direct = nn.Conv2d(256, 256, 3, padding=1, bias=False)
print(f"瓶颈 256→64→64→256: {n(bottleneck):,} 个权重")
print(f"直接 3×3 256→256:   {n(direct):,} 个权重，约为瓶颈的 {n(direct) / n(bottleneck):.1f} 倍")
assert (n(bottleneck), n(direct)) == (69_632, 589_824)
assert f"{n(direct) / n(bottleneck):.1f}" == "8.5"
