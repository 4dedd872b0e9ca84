"""输出层：为什么把 logits 交给 BCEWithLogitsLoss，以及 ReLU 输出为什么会卡在 0。"""
import torch
import torch.nn as nn
import torch.nn.functional as F

# 1) 二分类，标签 y = 1，但模型给出了极端错误的 logit z = -200（float32）
z = torch.tensor([-200.0], requires_grad=True)
y = torch.tensor([1.0])
loss_naive = nn.BCELoss()(torch.sigmoid(z), y)        # 先 sigmoid 再 BCE
(g_naive,) = torch.autograd.grad(loss_naive, z)
loss_fused = nn.BCEWithLogitsLoss()(z, y)              # 直接吃 logit
(g_fused,) = torch.autograd.grad(loss_fused, z)
print(f"sigmoid + BCELoss   : loss = {loss_naive.item():.0f}, dL/dz = {g_naive.item() + 0.0:.0f}")
print(f"BCEWithLogitsLoss   : loss = {loss_fused.item():.0f}, dL/dz = {g_fused.item():.0f}")
assert loss_naive.item() == 100.0 and g_naive.item() == 0.0      # log 被截断在 -100，梯度丢失
assert loss_fused.item() == 200.0 and g_fused.item() == -1.0     # 精确值 -log(sigmoid(-200)) = 200，梯度 sigmoid(z) - y

# 2) 回归目标 3.0，输出层预激活 z = -0.5
z = torch.tensor([-0.5], requires_grad=True)
target = torch.tensor([3.0])
for name, out in [("ReLU", F.relu), ("Softplus", F.softplus), ("恒等", lambda t: t)]:
    (g,) = torch.autograd.grad(F.mse_loss(out(z), target), z)
    print(f"{name:8s} 输出 = {out(z).item():.4f}, dL/dz = {g.item():.4f}")
    if name == "ReLU":
        assert g.item() == 0.0   # 预测为 0、误差很大，却没有任何梯度
    else:
        assert g.item() < -1.0   # 梯度把 z 往大推
