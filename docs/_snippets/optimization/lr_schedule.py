"""线性 warmup + 余弦退火：PyTorch 调度器与闭式公式逐步核对。"""
import math
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

eta_max, eta_min, warmup, total = 1e-3, 1e-5, 5, 50      # 按“步”计数

def closed_form(t):
    if t < warmup:                                         # 线性 warmup：从 η_max/warmup 升到 η_max
        return eta_max * (t + 1) / warmup
    T, s = total - warmup, t - warmup                      # 余弦：η_min + ½(η_max − η_min)(1 + cos(πs/T))
    return eta_min + 0.5 * (eta_max - eta_min) * (1 + math.cos(math.pi * s / T))

opt = torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=eta_max)
sched = SequentialLR(opt, [LinearLR(opt, start_factor=1 / warmup, total_iters=warmup - 1),
                           CosineAnnealingLR(opt, T_max=total - warmup, eta_min=eta_min)],
                     milestones=[warmup])
lrs = []
for t in range(total):
    lrs.append(opt.param_groups[0]["lr"])                 # 第 t 步用的学习率
    opt.step()                                            # 先 optimizer.step()
    sched.step()                                          # 再 scheduler.step()
for t in [0, 2, 4, 5, 15, 27, 49]:
    print(f"step {t:2d}: lr = {lrs[t]:.3e}   公式 {closed_form(t):.3e}")
assert all(abs(a - closed_form(t)) < 1e-12 for t, a in enumerate(lrs))
