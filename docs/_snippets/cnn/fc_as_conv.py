"""全连接层 = 卷积核大小等于特征图大小的卷积；VGG-16 的参数有多少在全连接层。"""
import torch
from torch import nn

torch.manual_seed(0)
# 1) VGG-16 的 FC6：输入 7×7×512 展平为 25088 维（为了跑得快，输出取 256 个，FC6 为 4096 个）
n_out = 256
fc = nn.Linear(512 * 7 * 7, n_out)
conv = nn.Conv2d(512, n_out, kernel_size=7)           # 同样的权重，换个形状
with torch.no_grad():
    conv.weight.copy_(fc.weight.reshape(n_out, 512, 7, 7))
    conv.bias.copy_(fc.bias)
x = torch.randn(2, 512, 7, 7)
out_fc = fc(x.flatten(1))
out_conv = conv(x).flatten(1)                         # 输出 (2, n_out, 1, 1)
assert torch.allclose(out_fc, out_conv, atol=1e-4)
print("FC on 7x7x512 == 7x7 conv:", torch.allclose(out_fc, out_conv, atol=1e-4))
# 输入更大时，卷积版在每个位置都给出一个 n_out 维向量（“全卷积”滑窗）
print("14x14 input ->", tuple(conv(torch.randn(1, 512, 14, 14)).shape))

# 2) VGG-16（配置 D）的参数量：13 个 3×3 卷积 + 3 个全连接
#    只数参数，所以建在 meta 设备上：有形状、不分配内存、不做初始化
meta = {"device": "meta"}
cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
layers, c = [], 3
for v in cfg:
    if v == "M":
        layers.append(nn.MaxPool2d(2))
    else:
        layers += [nn.Conv2d(c, v, 3, padding=1, **meta), nn.ReLU()]
        c = v
features = nn.Sequential(*layers)
classifier = nn.Sequential(nn.Linear(25088, 4096, **meta), nn.ReLU(), nn.Linear(4096, 4096, **meta), nn.ReLU(),
                           nn.Linear(4096, 1000, **meta))
n_conv = sum(p.numel() for p in features.parameters())
n_fc = sum(p.numel() for p in classifier.parameters())
print(f"conv params = {n_conv:,}, FC params = {n_fc:,}, total = {n_conv + n_fc:,}")
print(f"FC share = {n_fc / (n_conv + n_fc):.1%}")
assert (n_conv, n_fc) == (14_714_688, 123_642_856)
assert f"{n_fc / (n_conv + n_fc):.1%}" == "89.4%"
