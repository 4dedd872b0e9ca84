"""GELU 的精确式 x*Phi(x) 与两种近似的最大绝对误差（float64，x 在 [-10, 10]）。"""
import math

import torch
import torch.nn.functional as F

x = torch.linspace(-10, 10, 200001, dtype=torch.float64)
exact = x * 0.5 * (1 + torch.erf(x / math.sqrt(2)))                       # x * Phi(x)
tanh_approx = 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
sigmoid_approx = x * torch.sigmoid(1.702 * x)

# 手写公式与 PyTorch 实现一致
assert torch.allclose(exact, F.gelu(x), atol=1e-15)
assert torch.allclose(tanh_approx, F.gelu(x, approximate="tanh"), atol=1e-15)

for name, approx in [("tanh 近似", tanh_approx), ("sigmoid(1.702x) 近似", sigmoid_approx)]:
    err = (approx - exact).abs()
    i = int(err.argmax())
    print(f"{name}: 最大绝对误差 {err[i].item():.2e}，出现在 |x| = {abs(x[i].item()):.2f}")
    if name == "tanh 近似":
        assert f"{err[i].item():.2e}" == "4.73e-04" and f"{abs(x[i].item()):.2f}" == "2.70"
    else:
        assert f"{err[i].item():.2e}" == "2.03e-02" and f"{abs(x[i].item()):.2f}" == "2.27"

j = int(exact.argmin())
print(f"GELU 最小值 {exact[j].item():.4f}，在 x = {x[j].item():.4f}")
assert f"{exact[j].item():.4f}" == "-0.1700" and f"{x[j].item():.4f}" == "-0.7518"
