"""逻辑回归的对数损失与梯度 (ŷ - y)x：手写公式 vs PyTorch autograd / BCEWithLogitsLoss。"""
import torch

torch.manual_seed(0)
M, d = 8, 3
X = torch.randn(M, d, dtype=torch.float64)
y = torch.randint(0, 2, (M,)).double()
theta = torch.randn(d, dtype=torch.float64, requires_grad=True)

z = X @ theta
y_hat = torch.sigmoid(z)
J = -(y * torch.log(y_hat) + (1 - y) * torch.log(1 - y_hat)).mean()   # 二元交叉熵
J.backward()

grad_formula = X.T @ (y_hat.detach() - y) / M                          # (1/M) Σ (ŷ_i - y_i) x_i
print("J =", round(J.item(), 6))
print("autograd:", theta.grad.numpy().round(6))
print("formula :", grad_formula.numpy().round(6))
assert torch.allclose(theta.grad, grad_formula)
# 数值稳定的写法：直接喂 logits z，PyTorch 内部用 log-sum-exp 技巧
assert torch.allclose(J, torch.nn.functional.binary_cross_entropy_with_logits(z, y))

# Sigmoid 的导数 g'(z) = g(z)(1 - g(z))，最大值 g'(0) = 1/4
s = torch.linspace(-6, 6, 121, dtype=torch.float64, requires_grad=True)
g = torch.sigmoid(s)
(dg,) = torch.autograd.grad(g.sum(), s)
assert torch.allclose(dg, g * (1 - g)) and abs(dg.max().item() - 0.25) < 1e-12
print("max sigmoid'(z) =", dg.max().item())
