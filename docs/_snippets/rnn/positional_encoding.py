"""正弦位置编码：PE(p+k) = M_k PE(p)；RoPE：<R_m q, R_n k> 只取决于 m - n。"""
import torch

torch.manual_seed(0)
d = 64
i = torch.arange(d // 2, dtype=torch.float64)
omega = 10000 ** (-2 * i / d)                      # 第 i 个频率 ω_i = 1 / 10000^(2i/d)


def sinusoidal_pe(n_pos: int) -> torch.Tensor:
    pos = torch.arange(n_pos, dtype=torch.float64)[:, None]
    pe = torch.zeros(n_pos, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(pos * omega)           # 偶数维 sin
    pe[:, 1::2] = torch.cos(pos * omega)           # 奇数维 cos
    return pe


pe, k = sinusoidal_pe(100), 7
M = torch.zeros(d, d, dtype=torch.float64)         # 分块对角的旋转矩阵，只依赖偏移 k
for j, w in enumerate(omega):
    c, s = torch.cos(w * k), torch.sin(w * k)
    M[2 * j : 2 * j + 2, 2 * j : 2 * j + 2] = torch.tensor([[c, s], [-s, c]])
assert torch.allclose(pe[k:], pe[:-k] @ M.T)       # 对所有位置 p 都成立
dots = [(pe[p] @ pe[p + k]).item() for p in (0, 30, 80)]
print("PE(p)·PE(p+7)，p = 0, 30, 80:", [f"{v:.6f}" for v in dots])
assert max(dots) - min(dots) < 1e-9


def rope(x: torch.Tensor, m: int) -> torch.Tensor:
    """把 (x[2i], x[2i+1]) 这一对旋转角度 m·θ_i，θ_i 与正弦编码的 ω_i 相同。"""
    c, s = torch.cos(m * omega), torch.sin(m * omega)
    x1, x2 = x[0::2], x[1::2]
    out = torch.empty_like(x)
    out[0::2], out[1::2] = x1 * c - x2 * s, x1 * s + x2 * c
    return out


q, key = torch.randn(d, dtype=torch.float64), torch.randn(d, dtype=torch.float64)
scores = [(rope(q, m) @ rope(key, m - 3)).item() for m in (3, 50, 1000)]
print("RoPE 打分，m - n = 3，m = 3, 50, 1000:", [f"{v:.6f}" for v in scores])
assert max(scores) - min(scores) < 1e-9
