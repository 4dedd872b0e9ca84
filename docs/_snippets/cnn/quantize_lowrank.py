"""8 位仿射量化（与 torch.fake_quantize_per_tensor_affine 对照）和全连接层的低秩（SVD）分解。"""
import torch

torch.manual_seed(0)
# 1) 仿射量化：q = clip(round(x/s) + z, 0, 255)，反量化 x̂ = s (q − z)
w = torch.randn(1000) * 0.05
lo, hi = min(w.min().item(), 0.0), max(w.max().item(), 0.0)
s = (hi - lo) / 255                                   # 比例因子（scale）
z = int(round(-lo / s))                               # 零点（zero point）：实数 0 对应的整数
q = torch.clamp(torch.round(w / s) + z, 0, 255)
w_hat = s * (q - z)
ref = torch.fake_quantize_per_tensor_affine(w, s, z, 0, 255)   # 量化再反量化（QAT 的“伪量化”）
assert torch.allclose(w_hat, ref, atol=1e-7)
err = (w - w_hat).abs().max().item()
print(f"scale={s:.6f} zero_point={z} max|w-w_hat|={err:.6f} (<= s/2: {err <= s / 2 + 1e-9})")
assert err <= s / 2 + 1e-9

# 2) 低秩分解：W (m×n) ≈ U_r (m×r) · V_r (r×n)，参数从 mn 变为 r(m+n)
m = n = 4096
r = 256
print(f"FC {m}x{n}: {m * n:,} params -> rank {r}: {r * (m + n):,} params ({r * (m + n) / (m * n):.1%})")
assert (m * n, r * (m + n)) == (16_777_216, 2_097_152)

# 用一个确实近似低秩的小矩阵演示：截断 SVD 得到两层线性层，输出与原层接近
a = torch.randn(256, 16) @ torch.randn(16, 256) + 0.01 * torch.randn(256, 256)
u, sv, vh = torch.linalg.svd(a)
k = 16
first, second = vh[:k], u[:, :k] * sv[:k]             # x -> V_r x -> (U_r Σ_r) V_r x
x = torch.randn(256, 8)
rel = ((a @ x - second @ (first @ x)).norm() / (a @ x).norm()).item()
print(f"rank-{k} approximation, relative output error = {rel:.4f}")
assert rel < 0.05
