"""softmax(QK^T/sqrt(d_k) + M) V 手写实现，与 F.scaled_dot_product_attention 对比（含因果掩码）。"""
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
B, h, n, d_k = 2, 4, 6, 16                      # batch、头数、序列长度、每头维度
Q, K, V = (torch.randn(B, h, n, d_k) for _ in range(3))


def attention(Q, K, V, causal=False):
    scores = Q @ K.transpose(-2, -1) / math.sqrt(d_k)           # (B, h, n, n)
    if causal:                                                  # 位置 i 只能看 j <= i
        future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ V                   # 每行权重和为 1

for causal in (False, True):
    ours = attention(Q, K, V, causal)
    ref = F.scaled_dot_product_attention(Q, K, V, is_causal=causal)
    err = (ours - ref).abs().max().item()
    print(f"causal={causal}: 最大误差 {err:.1e}")
    assert err < 1e-5

mha = torch.nn.MultiheadAttention(embed_dim=512, num_heads=8)
n_params = sum(p.numel() for p in mha.parameters())
print("MultiheadAttention(512, 8) 参数量:", n_params)
assert n_params == 4 * 512 * 512 + 4 * 512 == 1050624
