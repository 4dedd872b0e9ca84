"""常见激活函数：手写公式与导数，对照 torch.nn.functional 与 autograd。"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
x = torch.linspace(-6, 6, 1201)
x = x[x.abs() > 1e-9]  # 跳过 0：ReLU 类函数在 0 处不可导
s = torch.sigmoid
Phi = lambda t: 0.5 * (1 + torch.erf(t / math.sqrt(2)))           # 标准正态 CDF
phi = lambda t: torch.exp(-t**2 / 2) / math.sqrt(2 * math.pi)     # 标准正态 PDF
LAM, ALPHA = 1.0507009873554805, 1.6732632423543772               # SELU 常数

#        名称          公式 f(x)                                   导数 f'(x)                                       PyTorch 实现
table = [
    ("sigmoid", lambda t: 1 / (1 + torch.exp(-t)),          lambda t: s(t) * (1 - s(t)),                          torch.sigmoid),
    ("tanh",    lambda t: 2 * s(2 * t) - 1,                 lambda t: 1 - torch.tanh(t) ** 2,                      torch.tanh),
    ("relu",    lambda t: torch.clamp(t, min=0),            lambda t: (t > 0).double(),                           F.relu),
    ("leaky",   lambda t: torch.where(t > 0, t, 0.01 * t),  lambda t: torch.where(t > 0, 1.0, 0.01),              F.leaky_relu),
    ("elu",     lambda t: torch.where(t > 0, t, torch.exp(t) - 1), lambda t: torch.where(t > 0, 1.0, torch.exp(t)), F.elu),
    ("selu",    lambda t: LAM * torch.where(t > 0, t, ALPHA * (torch.exp(t) - 1)),
                lambda t: LAM * torch.where(t > 0, 1.0, ALPHA * torch.exp(t)),                                        F.selu),
    ("silu",    lambda t: t * s(t),                         lambda t: s(t) * (1 + t * (1 - s(t))),                F.silu),
    ("gelu",    lambda t: t * Phi(t),                       lambda t: Phi(t) + t * phi(t),                        F.gelu),
]
for name, f, df, torch_f in table:
    xr = x.clone().requires_grad_(True)
    y = torch_f(xr)
    (g,) = torch.autograd.grad(y.sum(), xr)
    err_f = (f(x) - y.detach()).abs().max().item()
    err_d = (df(x) - g).abs().max().item()
    print(f"{name:8s} |f - torch| = {err_f:.1e}   |f' - autograd| = {err_d:.1e}")
    assert err_f < 1e-12 and err_d < 1e-12, name

d = s(x) * (1 - s(x))
print(f"sigmoid' 的最大值 = {d.max().item():.4f}（在 x = 0 附近）")
assert abs(d.max().item() - 0.25) < 1e-4
