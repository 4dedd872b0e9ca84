"""BN / LN / IN / GN / RMSNorm 只差在“沿哪些轴求统计量”：手写公式与 PyTorch 模块逐一对比。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
N, C, H, W, G, eps = 4, 6, 5, 5, 3, 1e-5
x = torch.randn(N, C, H, W) * 2 + 0.5


def normalize(t, dims):
    mu = t.mean(dim=dims, keepdim=True)
    var = t.var(dim=dims, unbiased=False, keepdim=True)       # 归一化一律用有偏方差
    return (t - mu) / torch.sqrt(var + eps)


manual = {
    "BN  (N,H,W)": normalize(x, (0, 2, 3)),
    "LN  (C,H,W)": normalize(x, (1, 2, 3)),
    "IN  (H,W)": normalize(x, (2, 3)),
    "GN  (C/G,H,W)": normalize(x.view(N, G, C // G, H, W), (2, 3, 4)).view(N, C, H, W),
    "RMS (C,H,W)": x / torch.sqrt(x.pow(2).mean(dim=(1, 2, 3), keepdim=True) + eps),
}
modules = {
    "BN  (N,H,W)": nn.BatchNorm2d(C, eps=eps).train(),         # 训练模式才用批统计量
    "LN  (C,H,W)": nn.LayerNorm([C, H, W], eps=eps),
    "IN  (H,W)": nn.InstanceNorm2d(C, eps=eps),
    "GN  (C/G,H,W)": nn.GroupNorm(G, C, eps=eps),
    "RMS (C,H,W)": nn.RMSNorm([C, H, W], eps=eps),
}
for name, ref in manual.items():
    m = modules[name]
    with torch.no_grad():
        err = (m(x) - ref).abs().max().item()
    n_param = sum(p.numel() for p in m.parameters())
    print(f"{name:14s} 最大误差 {err:.1e}  可学习参数 {n_param}")
    assert err < 1e-4

# 序列 N×T×D：LN / RMSNorm 对每个 token 在最后一维 D 上统计
T, D = 7, 16
s = torch.randn(N, T, D)
ln, rms = nn.LayerNorm(D), nn.RMSNorm(D, eps=1e-6)
with torch.no_grad():
    assert torch.allclose(ln(s), normalize(s, (2,)), atol=1e-5)
    assert torch.allclose(rms(s), s / torch.sqrt(s.pow(2).mean(-1, keepdim=True) + 1e-6), atol=1e-5)
print("序列 LN/RMSNorm 逐 token 归一化: 一致")
