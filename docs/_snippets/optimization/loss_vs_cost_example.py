"""逐样本损失 -> 代价（均值）-> 目标函数（加正则项）；MSE、MAE、Huber 的对照。"""
import torch
import torch.nn as nn

pred = torch.tensor([2.5, 0.0, 5.0])
target = torch.tensor([2.0, 1.0, 2.0])       # 残差 r = pred - target = (0.5, -1, 3)
r = pred - target

# 逐样本损失（reduction="none"）与代价（默认 reduction="mean"）
per_sample = nn.MSELoss(reduction="none")(pred, target)
print("逐样本平方误差:", per_sample.tolist())
mse, mae = nn.MSELoss()(pred, target).item(), nn.L1Loss()(pred, target).item()
huber = nn.HuberLoss(delta=1.0)(pred, target).item()
print(f"MSE = {mse:.4f}, MAE = {mae:.4f}, Huber(delta=1) = {huber:.4f}")
assert per_sample.tolist() == [0.25, 1.0, 9.0]
assert f"{mse:.4f}" == "3.4167" and f"{mae:.4f}" == "1.5000" and f"{huber:.4f}" == "1.0417"

# Huber 手算：|r| <= delta 时 r^2/2，否则 delta*(|r| - delta/2)
h = torch.where(r.abs() <= 1.0, 0.5 * r**2, 1.0 * (r.abs() - 0.5))
assert abs(h.mean().item() - huber) < 1e-7
print(f"离群点 r = 3 在平方误差总和中的占比 = {9 / per_sample.sum().item():.1%}")
assert f"{9 / per_sample.sum().item():.1%}" == "87.8%"

# 目标函数 = 代价 + L2 正则 (lambda/2)||w||^2
torch.manual_seed(0)
model = nn.Linear(3, 1)
lam = 1e-2
x, y = torch.randn(8, 3), torch.randn(8, 1)
cost = nn.MSELoss()(model(x), y)
objective = cost + lam / 2 * model.weight.pow(2).sum()
objective.backward()
# 正则项对权重梯度的贡献恰为 lambda * w（即“权重衰减”）
w_grad_reg_only = model.weight.grad - torch.autograd.grad(nn.MSELoss()(model(x), y), model.weight)[0]
assert torch.allclose(w_grad_reg_only, lam * model.weight.detach(), atol=1e-7)
print(f"cost = {cost.item():.4f}, objective = {objective.item():.4f}")
