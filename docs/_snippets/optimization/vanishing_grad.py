"""梯度消失的两个事实：sigmoid' ≤ 1/4；深层 Sigmoid 网络靠近输入的层梯度小几个数量级。"""
import torch
from torch import nn

x = torch.linspace(-10, 10, 20001, dtype=torch.float64, requires_grad=True)
torch.sigmoid(x).sum().backward()
print(f"max sigmoid'(x) = {x.grad.max().item():.4f}，在 x = {abs(x[x.grad.argmax()].item()):.1f} 处")
assert abs(x.grad.max().item() - 0.25) < 1e-12

def first_last_ratio(act, init, depth=20, width=128):
    torch.manual_seed(0)
    layers = []
    for _ in range(depth):
        lin = nn.Linear(width, width, dtype=torch.float64)
        init(lin.weight)
        nn.init.zeros_(lin.bias)
        layers += [lin, act()]
    net = nn.Sequential(*layers)
    net(torch.randn(64, width, dtype=torch.float64)).pow(2).mean().backward()
    g = [m.weight.grad.norm().item() for m in net if isinstance(m, nn.Linear)]
    return g[0] / g[-1]

r_sig = first_last_ratio(nn.Sigmoid, nn.init.xavier_normal_)
r_relu = first_last_ratio(nn.ReLU, lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"))
print(f"20 层，第 1 层与第 20 层权重梯度范数之比：Sigmoid+Xavier {r_sig:.1e}，ReLU+He {r_relu:.2f}")
assert r_sig < 1e-8 and 0.1 < r_relu < 10
