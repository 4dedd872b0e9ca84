"""按页面上的 6 个公式手算 LSTM 一步，权重从 nn.LSTMCell 中按 i, f, g, o 的顺序切出来。"""
import torch

torch.manual_seed(0)
d_x, d_h, B = 5, 4, 3
cell = torch.nn.LSTMCell(d_x, d_h)
x, h0, c0 = torch.randn(B, d_x), torch.randn(B, d_h), torch.randn(B, d_h)

# weight_ih: (4*d_h, d_x)，按行依次是 W_i, W_f, W_g(=W_c), W_o；weight_hh 同理是 U_*
W_i, W_f, W_c, W_o = cell.weight_ih.chunk(4, dim=0)
U_i, U_f, U_c, U_o = cell.weight_hh.chunk(4, dim=0)
b_i, b_f, b_c, b_o = (cell.bias_ih + cell.bias_hh).chunk(4)   # 两组偏置相加

with torch.no_grad():
    f = torch.sigmoid(x @ W_f.T + h0 @ U_f.T + b_f)      # 遗忘门
    i = torch.sigmoid(x @ W_i.T + h0 @ U_i.T + b_i)      # 输入门
    o = torch.sigmoid(x @ W_o.T + h0 @ U_o.T + b_o)      # 输出门
    c_tilde = torch.tanh(x @ W_c.T + h0 @ U_c.T + b_c)   # 候选记忆
    c = f * c0 + i * c_tilde                             # 细胞状态：加法更新
    h = o * torch.tanh(c)
    h_ref, c_ref = cell(x, (h0, c0))

print(f"h_t 最大误差: {(h - h_ref).abs().max().item():.1e}")
print(f"c_t 最大误差: {(c - c_ref).abs().max().item():.1e}")
assert torch.allclose(h, h_ref, atol=1e-6) and torch.allclose(c, c_ref, atol=1e-6)

n = sum(p.numel() for p in torch.nn.LSTM(128, 256).parameters())
print("nn.LSTM(128, 256) 参数量:", n)
assert n == 4 * (256 * 128 + 256 * 256 + 2 * 256) == 395264
