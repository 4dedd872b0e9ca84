"""CTC：穷举 T=3 帧的全部对齐路径，按折叠规则 B 求和，与 torch.nn.CTCLoss 对比。"""
import itertools
import math

import torch

labels = ["-", "a", "b"]                 # 下标 0 是空白符（blank）
probs = torch.tensor([[0.2, 0.7, 0.1],   # 第 1 帧：p(-), p(a), p(b)
                      [0.3, 0.3, 0.4],   # 第 2 帧
                      [0.5, 0.1, 0.4]],  # 第 3 帧
                     dtype=torch.float64)


def collapse(path):
    """折叠规则 B：先合并相邻重复字符，再删除空白。"""
    merged = [c for i, c in enumerate(path) if i == 0 or c != path[i - 1]]
    return "".join(c for c in merged if c != "-")


def brute_force(target):
    total, used = 0.0, []
    for idx in itertools.product(range(3), repeat=3):          # 3^3 = 27 条路径
        path = "".join(labels[i] for i in idx)
        if collapse(path) == target:
            p = math.prod(probs[t, i].item() for t, i in enumerate(idx))
            used.append(f"{path}:{p:.3f}")
            total += p
    return total, used


ctc = torch.nn.CTCLoss(blank=0, reduction="sum")
log_probs = probs.log().unsqueeze(1)                           # (T, N=1, C)
for target in ["ab", "aa"]:
    total, used = brute_force(target)
    tgt = torch.tensor([[labels.index(c) for c in target]])
    loss = ctc(log_probs, tgt, torch.tensor([3]), torch.tensor([len(target)]))
    print(f"目标 {target}: {' '.join(used)}  求和 = {total:.3f}，exp(-CTCLoss) = {math.exp(-loss.item()):.3f}")
    assert abs(total - math.exp(-loss.item())) < 1e-12
