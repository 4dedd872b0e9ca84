"""排查不收敛的两个快速检查：初始损失 ≈ ln C；能否把一个小 batch 训练到损失接近 0。"""
import math
import warnings
import torch
from torch import nn

torch.manual_seed(0)
C = 10
X, y = torch.randn(16, 32), torch.randint(0, C, (16,))          # 16 个样本、随机标签
model = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, C))
nn.init.zeros_(model[2].weight)                                   # 让初始输出 logits 全为 0（只为演示）
nn.init.zeros_(model[2].bias)
loss_fn = nn.CrossEntropyLoss()                                   # 接收 logits，内部做 log-softmax

init_loss = loss_fn(model(X), y).item()
print(f"初始损失 {init_loss:.4f}，ln {C} = {math.log(C):.4f}")
assert abs(init_loss - math.log(C)) < 1e-6

opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for step in range(50):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
print(f"50 步后小 batch 上的损失 < 0.01：{loss.item() < 0.01}")
assert loss.item() < 0.01          # 连 16 个样本都记不住，先查代码而不是调模型

# 常见隐蔽 bug：预测形状 (N, 1)、目标形状 (N,)，MSELoss 广播成 (N, N)
pred, target = torch.arange(4.0).view(4, 1), torch.arange(4.0)    # 预测其实完全正确
with warnings.catch_warnings():
    warnings.simplefilter("ignore")                               # PyTorch 会对此给出 UserWarning
    wrong = nn.functional.mse_loss(pred, target).item()
right = nn.functional.mse_loss(pred.squeeze(1), target).item()
print(f"形状 (4, 1) 对 (4,)：MSE = {wrong}；对齐后 MSE = {right}")
assert (wrong, right) == (2.5, 0.0)
