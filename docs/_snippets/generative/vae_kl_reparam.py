"""VAE 的两个关键公式：高斯 KL 的闭式解，以及重参数化梯度。"""
import torch
from torch.distributions import Normal, kl_divergence

torch.manual_seed(0)
mu = torch.tensor([0.5, -1.0, 0.0])
logvar = torch.tensor([0.0, -0.5, 1.0])            # 编码器通常输出 log σ²
sigma = torch.exp(0.5 * logvar)

# KL(N(μ, σ²) || N(0, 1))，对各维求和
kl_closed = 0.5 * (mu**2 + logvar.exp() - 1 - logvar).sum()
kl_torch = kl_divergence(Normal(mu, sigma), Normal(0.0, 1.0)).sum()
print(f"闭式 KL = {kl_closed.item():.4f}，torch = {kl_torch.item():.4f}")
assert torch.allclose(kl_closed, kl_torch)

# 重参数化：z = μ + σ·ε，ε ~ N(0, 1)。对 f(z) = z²，E[f] = μ² + σ²，
# 所以 ∂E/∂μ = 2μ，∂E/∂σ = 2σ；用蒙特卡洛样本的平均梯度去逼近
m = torch.tensor(1.5, requires_grad=True)
s = torch.tensor(0.8, requires_grad=True)
eps = torch.randn(200_000)
z = m + s * eps
(z**2).mean().backward()
print(f"∂E/∂μ ≈ {m.grad.item():.2f}（精确 3.00），∂E/∂σ ≈ {s.grad.item():.2f}（精确 1.60）")
assert abs(m.grad.item() - 3.0) < 0.02 and abs(s.grad.item() - 1.6) < 0.02
