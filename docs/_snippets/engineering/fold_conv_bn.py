"""推理框架最常见的算子融合：把推理态 BN 折叠进前面的卷积，再做一次 int8 对称量化。"""
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

torch.manual_seed(0)
conv, bn = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8)
bn.running_mean.uniform_(-1, 1)
bn.running_var.uniform_(0.5, 2)
bn.weight.data.uniform_(0.5, 1.5)
bn.bias.data.uniform_(-0.5, 0.5)
conv.eval()
bn.eval()

# 折叠：W' = W · γ/√(σ²+ε)，b' = (b − μ)·γ/√(σ²+ε) + β（按输出通道）
scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
fused = nn.Conv2d(3, 8, 3, padding=1).eval()
fused.weight.data = conv.weight * scale[:, None, None, None]
fused.bias.data = (conv.bias - bn.running_mean) * scale + bn.bias

x = torch.randn(2, 3, 16, 16)
with torch.no_grad():
    ref, out, out_pt = bn(conv(x)), fused(x), fuse_conv_bn_eval(conv, bn)(x)
print("手工折叠与 Conv+BN 一致:", torch.allclose(ref, out, atol=1e-5))
print("与 torch.nn.utils.fusion.fuse_conv_bn_eval 一致:", torch.allclose(out, out_pt, atol=1e-6))
assert torch.allclose(ref, out, atol=1e-5) and torch.allclose(out, out_pt, atol=1e-6)

# 逐输出通道的 int8 对称量化：q = round(w / s)，s = max|w| / 127
w = fused.weight.detach()
s = w.abs().amax(dim=(1, 2, 3), keepdim=True) / 127
q = torch.clamp(torch.round(w / s), -127, 127).to(torch.int8)
rel_err = ((q.float() * s - w).norm() / w.norm()).item()
print(f"int8 权重相对误差 = {rel_err:.4f}，存储从 {w.numel() * 4} 字节降到 {q.numel()} 字节（另加 8 个缩放系数）")
assert rel_err < 0.01
