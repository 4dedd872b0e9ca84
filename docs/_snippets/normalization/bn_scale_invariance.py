"""BN 的尺度不变性：把 BN 前一层的权重放大 a 倍，输出不变、梯度缩小为 1/a，且梯度与权重正交。"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(64, 10, dtype=torch.float64)          # 一个 batch 的输入
target = torch.randn(64, 4, dtype=torch.float64)
W0 = torch.randn(4, 10, dtype=torch.float64)


def loss_and_grad(W):
    W = W.clone().requires_grad_(True)
    h = x @ W.T                                        # 线性层（无偏置）
    z = F.batch_norm(h, None, None, training=True, eps=1e-12)  # ε 取极小值，便于看清精确关系
    loss = ((torch.tanh(z) - target) ** 2).mean()
    loss.backward()
    return loss.item(), W.grad


a = 10.0
L1, g1 = loss_and_grad(W0)
L2, g2 = loss_and_grad(a * W0)
ratio = (g2.norm() / g1.norm()).item()
cos = ((g1 * W0).sum(dim=1) / (g1.norm(dim=1) * W0.norm(dim=1))).abs().max().item()
print(f"L(W) = {L1:.6f}，L({a:.0f}W) = {L2:.6f}")
print(f"‖∇L({a:.0f}W)‖ / ‖∇L(W)‖ = {ratio:.4f}")
print(f"每个输出单元的权重行与其梯度夹角余弦的最大绝对值 = {cos:.1e}")

assert abs(L1 - L2) < 1e-12
assert abs(ratio - 1 / a) < 1e-10
assert cos < 1e-10
