"""mixup 与 CutMix 的最小实现（一个 batch 内与打乱后的自身配对），以及对应的损失。"""
import numpy as np
import torch
import torch.nn.functional as F


def mixup(x, y, alpha, rng):
    lam = float(rng.beta(alpha, alpha))                   # λ ~ Beta(α, α)
    perm = torch.from_numpy(rng.permutation(x.size(0)))
    return lam * x + (1 - lam) * x[perm], y, y[perm], lam


def cutmix(x, y, alpha, rng):
    n, _, H, W = x.shape
    lam = float(rng.beta(alpha, alpha))
    perm = torch.from_numpy(rng.permutation(n))
    rh, rw = int(H * np.sqrt(1 - lam)), int(W * np.sqrt(1 - lam))   # 框面积约占 1-λ
    cy, cx = int(rng.integers(H)), int(rng.integers(W))
    y1, y2 = max(cy - rh // 2, 0), min(cy + rh // 2, H)
    x1, x2 = max(cx - rw // 2, 0), min(cx + rw // 2, W)
    x = x.clone()
    x[:, :, y1:y2, x1:x2] = x[perm][:, :, y1:y2, x1:x2]
    lam = 1 - (y2 - y1) * (x2 - x1) / (H * W)               # 按实际粘贴面积修正 λ
    return x, y, y[perm], lam


def mixed_loss(logits, y_a, y_b, lam):
    # 对软标签 λ·onehot(y_a) + (1-λ)·onehot(y_b) 的交叉熵，等于两项交叉熵的加权和
    return lam * F.cross_entropy(logits, y_a) + (1 - lam) * F.cross_entropy(logits, y_b)


rng = np.random.default_rng(1)
torch.manual_seed(0)
x = torch.rand(8, 3, 32, 32)
y = torch.randint(0, 10, (8,))
logits = torch.randn(8, 10)
for name, fn in (("mixup", mixup), ("CutMix", cutmix)):
    xm, ya, yb, lam = fn(x, y, 1.0, rng)
    loss = mixed_loss(logits, ya, yb, lam)
    soft = lam * F.one_hot(ya, 10) + (1 - lam) * F.one_hot(yb, 10)
    assert torch.allclose(loss, F.cross_entropy(logits, soft.float()))   # 软标签写法相同
    assert xm.shape == x.shape and 0.0 < lam < 1.0
    print(f"{name}: lambda = {lam:.3f}, loss = {loss.item():.4f}")
    if name == "CutMix":   # 被替换的像素比例恰好是 1-λ（只看与别的样本配对的那些图）
        i = int(torch.nonzero(ya != yb)[0])
        frac = (xm[i] != x[i]).any(0).float().mean().item()
        print(f"CutMix: fraction of pasted pixels = {frac:.3f} = 1 - lambda")
        assert abs(frac - (1 - lam)) < 1e-9
