"""20 层全连接网络：比较第 1 层与第 20 层权重梯度的范数之比（Sigmoid+Xavier vs ReLU+He）。"""
import torch
import torch.nn as nn


def first_to_last_grad_ratio(act, init, depth=20, width=256, seed=0):
    torch.manual_seed(seed)
    layers = []
    for _ in range(depth):
        lin = nn.Linear(width, width)
        init(lin.weight)
        nn.init.zeros_(lin.bias)
        layers += [lin, act()]
    net = nn.Sequential(*layers, nn.Linear(width, 1))
    net(torch.randn(128, width)).pow(2).mean().backward()
    hidden = [m for m in net if isinstance(m, nn.Linear)][:-1]
    return (hidden[0].weight.grad.norm() / hidden[-1].weight.grad.norm()).item()


r_sig = first_to_last_grad_ratio(nn.Sigmoid, nn.init.xavier_normal_)
r_relu = first_to_last_grad_ratio(nn.ReLU, lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"))
print(f"Sigmoid: ||grad 第1层|| / ||grad 第20层|| = {r_sig:.0e}")
print(f"ReLU   : ||grad 第1层|| / ||grad 第20层|| = {r_relu:.2f}")
assert r_sig < 1e-9          # 每层至少乘一个 sigma' <= 1/4，梯度到第 1 层已几乎为 0
assert 1e-2 < r_relu < 1e2   # ReLU + He 初始化：梯度量级基本保持
print(f"(1/4)^10 = {0.25 ** 10:.2e}")
assert f"{0.25 ** 10:.2e}" == "9.54e-07"
