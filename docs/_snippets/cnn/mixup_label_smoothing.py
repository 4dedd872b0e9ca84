"""标签平滑与 mixup 的损失：与 PyTorch 的 CrossEntropyLoss（软标签 / label_smoothing）对照。"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
n, k, eps = 8, 10, 0.1
logits = torch.randn(n, k)
y = torch.randint(0, k, (n,))

# 标签平滑：y_ls = (1 − ε)·one_hot + ε/K
y_ls = (1 - eps) * F.one_hot(y, k).float() + eps / k
manual = -(y_ls * F.log_softmax(logits, dim=1)).sum(1).mean()
builtin = F.cross_entropy(logits, y, label_smoothing=eps)
print(f"label smoothing: manual={manual:.6f}  builtin={builtin:.6f}")
assert torch.allclose(manual, builtin)

# mixup：x̃ = λ x_i + (1−λ) x_j，ỹ = λ y_i + (1−λ) y_j，λ ~ Beta(α, α)
lam = torch.distributions.Beta(0.2, 0.2).sample().item()
perm = torch.randperm(n)
y_mix = lam * F.one_hot(y, k).float() + (1 - lam) * F.one_hot(y[perm], k).float()
soft = F.cross_entropy(logits, y_mix)                 # 软标签交叉熵
split = lam * F.cross_entropy(logits, y) + (1 - lam) * F.cross_entropy(logits, y[perm])
print(f"mixup (lambda={lam:.3f}): soft-label CE={soft:.6f}  weighted CE={split:.6f}")
assert torch.allclose(soft, split, atol=1e-6)         # 交叉熵对目标是线性的，两种写法等价
