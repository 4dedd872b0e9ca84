"""推理时把 BN 折叠进前面的卷积：W' = W·γ/√(σ²+ε)，b' = (b−μ)·γ/√(σ²+ε) + β。"""
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

torch.manual_seed(0)
conv = nn.Conv2d(16, 32, 3, padding=1, bias=True)
bn = nn.BatchNorm2d(32)
with torch.no_grad():                      # 模拟训练后的统计量与仿射参数
    bn.running_mean.uniform_(-1, 1)
    bn.running_var.uniform_(0.5, 2.0)
    bn.weight.uniform_(0.5, 1.5)
    bn.bias.uniform_(-0.5, 0.5)
bn.eval()                                  # 推理：用 running_mean / running_var


def fold(conv, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)          # γ/√(σ²+ε)，每个输出通道一个
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                      conv.stride, conv.padding, bias=True)
    with torch.no_grad():
        fused.weight.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
        b = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.bias.copy_((b - bn.running_mean) * scale + bn.bias)
    return fused


x = torch.randn(4, 16, 20, 20)
conv.eval()
with torch.no_grad():
    ref = bn(conv(x))
    out = fold(conv, bn)(x)
    out_pt = fuse_conv_bn_eval(conv, bn)(x)           # PyTorch 自带的折叠函数
err = (ref - out).abs().max().item()
print(f"max |conv→BN − folded conv| = {err:.1e}")
print(f"max |ours − fuse_conv_bn_eval| = {(out - out_pt).abs().max().item():.1e}")
assert err < 1e-5 and torch.allclose(out, out_pt, atol=1e-5)
