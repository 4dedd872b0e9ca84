"""按 PyTorch 的 GRU 公式手算一步（r 乘在 U_n h + b_hn 之后），与 nn.GRUCell 对比。"""
import torch

torch.manual_seed(0)
d_x, d_h, B = 5, 4, 3
cell = torch.nn.GRUCell(d_x, d_h)
x, h0 = torch.randn(B, d_x), torch.randn(B, d_h)

# weight_ih: (3*d_h, d_x)，按行依次是 r, z, n
W_r, W_z, W_n = cell.weight_ih.chunk(3, dim=0)
U_r, U_z, U_n = cell.weight_hh.chunk(3, dim=0)
b_ir, b_iz, b_in = cell.bias_ih.chunk(3)
b_hr, b_hz, b_hn = cell.bias_hh.chunk(3)

with torch.no_grad():
    r = torch.sigmoid(x @ W_r.T + b_ir + h0 @ U_r.T + b_hr)        # 重置门
    z = torch.sigmoid(x @ W_z.T + b_iz + h0 @ U_z.T + b_hz)        # 更新门
    n = torch.tanh(x @ W_n.T + b_in + r * (h0 @ U_n.T + b_hn))     # 候选状态
    h = (1 - z) * n + z * h0                                       # z 大 → 保留旧状态
    h_ref = cell(x, h0)

print(f"h_t 最大误差: {(h - h_ref).abs().max().item():.1e}")
assert torch.allclose(h, h_ref, atol=1e-6)

n_params = sum(p.numel() for p in torch.nn.GRU(128, 256).parameters())
print("nn.GRU(128, 256) 参数量:", n_params)
assert n_params == 3 * (256 * 128 + 256 * 256 + 2 * 256) == 296448
