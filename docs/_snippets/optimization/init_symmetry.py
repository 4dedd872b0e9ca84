"""常数初始化的对称性：隐藏单元永远一模一样；全零初始化（tanh）时权重梯度恰为 0。"""
import torch
from torch import nn

torch.manual_seed(0)
X, y = torch.randn(32, 3), torch.randn(32, 1)

def train(const, steps=50):
    net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
    for p in net.parameters():
        nn.init.constant_(p, const)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.mse_loss(net(X), y).backward()
        opt.step()
    return net

net = train(0.5)
W1 = net[0].weight.detach()
print("常数 0.5 初始化，训练 50 步后第 1 层权重（每行一个隐藏单元）：")
print(W1.numpy().round(4))
assert torch.allclose(W1, W1[0].expand_as(W1))           # 4 个隐藏单元仍完全相同

net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
for p in net.parameters():
    nn.init.zeros_(p)
nn.functional.mse_loss(net(X), y).backward()
g1, g2 = net[0].weight.grad, net[2].weight.grad
print(f"全零初始化：|dL/dW1| 最大 {g1.abs().max().item()}，|dL/dW2| 最大 {g2.abs().max().item()}，"
      f"只有输出偏置有梯度 {net[2].bias.grad.item():.4f}")
assert g1.abs().max() == 0 and g2.abs().max() == 0 and net[2].bias.grad.abs() > 0
