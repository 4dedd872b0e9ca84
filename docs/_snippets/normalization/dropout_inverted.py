"""Inverted dropout：训练时以概率 p 置零并把保留值除以 (1 − p)，推理时原样输出。"""
import torch
import torch.nn as nn


def inverted_dropout(x, p, training):
    if not training or p == 0:
        return x
    keep = (torch.rand_like(x) >= p).to(x.dtype)      # r ~ Bernoulli(1 − p)
    return keep * x / (1 - p)


torch.manual_seed(0)
p = 0.3
x = torch.full((1_000_000,), 2.0)

y = inverted_dropout(x, p, training=True)
print(f"手写：置零比例 {(y == 0).float().mean():.4f}，保留值 {y[y != 0][0]:.4f}，均值 {y.mean():.4f}")

drop = nn.Dropout(p)                 # 注意：PyTorch 的 p 是“丢弃”概率
drop.train()
z = drop(x)
frac = (z == 0).float().mean().item()
print(f"nn.Dropout(p=0.3)：置零比例 {frac:.4f}，保留值 {z[z != 0][0]:.4f}，均值 {z.mean():.4f}")

drop.eval()
print("eval 模式是恒等映射:", torch.equal(drop(x), x))

assert abs(frac - p) < 0.003                                   # 约 1e6 个元素，标准差约 0.0005
assert torch.allclose(z[z != 0], torch.tensor(2.0 / (1 - p)))  # 保留值 = x / (1 − p)
assert abs(z.mean().item() - 2.0) < 0.01                       # 期望不变
assert torch.equal(drop(x), x)
