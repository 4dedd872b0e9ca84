"""q、k 各分量独立、均值 0、方差 1 时，q·k 的方差约为 d_k；除以 sqrt(d_k) 后回到约 1。"""
import torch

torch.manual_seed(0)
for d_k in (16, 64, 256):
    q, k = torch.randn(30_000, d_k), torch.randn(30_000, d_k)
    dots = (q * k).sum(dim=1)
    var_raw, var_scaled = dots.var().item(), (dots / d_k**0.5).var().item()
    print(f"d_k={d_k:3d}: Var(q·k) = {var_raw:6.1f}, Var(q·k/sqrt(d_k)) = {var_scaled:.3f}")
    assert abs(var_raw / d_k - 1) < 0.03 and abs(var_scaled - 1) < 0.03

# 不缩放时 softmax 接近 one-hot，它的雅可比 diag(p) - p p^T 接近 0，梯度传不回去
d_k, n_keys = 256, 16
q, k = torch.randn(2000, 1, d_k), torch.randn(2000, n_keys, d_k)
logits = (q * k).sum(-1)                                   # 2000 个 query，每个对 16 个 key 打分
for name, s in (("不缩放", logits), ("除以 sqrt(d_k)", logits / d_k**0.5)):
    p = torch.softmax(s, dim=-1)
    jac = torch.diag_embed(p) - p.unsqueeze(-1) * p.unsqueeze(-2)
    top, jnorm = p.max(-1).values.mean().item(), jac.norm(dim=(-2, -1)).mean().item()
    print(f"{name}: 平均最大权重 {top:.2f}，softmax 雅可比平均范数 {jnorm:.3f}")
    if name == "不缩放":
        top_raw, jnorm_raw = top, jnorm
assert top_raw > 0.8 and top < 0.5 and jnorm_raw < jnorm / 2
