"""标签平滑：手写 (1-ε)y + ε/K 的软标签交叉熵 与 nn.CrossEntropyLoss(label_smoothing=ε) 对照。"""
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, K, eps = 4, 5, 0.1
logits = torch.randn(N, K, dtype=torch.float64)
y = torch.tensor([0, 3, 1, 4])

q = (1 - eps) * F.one_hot(y, K).double() + eps / K      # 软标签：真类 1-ε+ε/K，其余 ε/K
manual = -(q * F.log_softmax(logits, dim=1)).sum(1).mean()
torch_ls = torch.nn.CrossEntropyLoss(label_smoothing=eps)(logits, y)
print(f"manual = {manual.item():.6f}, CrossEntropyLoss(label_smoothing=0.1) = {torch_ls.item():.6f}")
assert torch.allclose(manual, torch_ls)

# 等价分解：(1-ε)·普通交叉熵 + ε·(对均匀分布的交叉熵)
ce = F.cross_entropy(logits, y)
uniform_ce = -F.log_softmax(logits, dim=1).mean(1).mean()
assert torch.allclose(torch_ls, (1 - eps) * ce + eps * uniform_ce)

# 损失最小时 p = q，正确类与其他类的 logit 差是有限值 log((1-ε+ε/K)/(ε/K))
for k_cls in (5, 1000):
    gap = math.log((1 - eps + eps / k_cls) / (eps / k_cls))
    print(f"K={k_cls}: optimal logit gap = {gap:.3f}")
assert [round(math.log((1 - eps + eps / k) / (eps / k)), 3) for k in (5, 1000)] == [3.829, 9.105]

# 训练损失的下限不再是 0，而是软标签自身的熵 H(q)
floors = []
for k_cls in (5, 1000):
    q_k = torch.full((k_cls,), eps / k_cls, dtype=torch.float64)
    q_k[0] += 1 - eps
    print(f"K={k_cls}: minimum loss H(q) = {-(q_k * q_k.log()).sum().item():.3f}")
    best_logits = q_k.log().unsqueeze(0)                   # p = q 时达到下限
    floor = torch.nn.CrossEntropyLoss(label_smoothing=eps)(best_logits, torch.tensor([0]))
    assert torch.allclose(floor, -(q_k * q_k.log()).sum())
    floors.append(round(floor.item(), 3))
assert floors == [0.39, 1.015]
