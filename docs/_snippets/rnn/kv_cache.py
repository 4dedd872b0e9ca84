"""KV 缓存：逐 token 解码时只算新 token 的 q、k、v，结果与整段重算的因果注意力相同；再算缓存大小。"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
d, T = 16, 6
W_q, W_k, W_v = (torch.randn(d, d) / d**0.5 for _ in range(3))
x = torch.randn(T, d)                                  # 一条序列，T 个 token 的表示

full = F.scaled_dot_product_attention(                 # 一次算完整段（训练 / prefill 的做法）
    (x @ W_q)[None], (x @ W_k)[None], (x @ W_v)[None], is_causal=True)[0]

K_cache, V_cache, outs = [], [], []
for t in range(T):                                     # 解码：每步只来一个新 token
    q = x[t] @ W_q
    K_cache.append(x[t] @ W_k)                         # 旧 token 的 k、v 不会再变，直接复用
    V_cache.append(x[t] @ W_v)
    K, V = torch.stack(K_cache), torch.stack(V_cache)  # (t+1, d)
    outs.append(torch.softmax(K @ q / d**0.5, dim=0) @ V)
assert torch.allclose(torch.stack(outs), full, atol=1e-5)
print("增量解码 + KV 缓存 与整段重算一致")


def kv_cache_bytes(layers, kv_heads, d_head, seq_len, batch, bytes_per_elem):
    return 2 * layers * kv_heads * d_head * seq_len * batch * bytes_per_elem   # 2 = K 和 V


mha = kv_cache_bytes(32, 32, 128, 4096, 1, 2)          # 7B 级配置、4096 个 token、fp16
gqa = kv_cache_bytes(32, 8, 128, 4096, 1, 2)           # 同样配置改为 8 个 KV 头（GQA）
print(f"MHA: {mha} 字节 = {mha / 2**30} GiB；每个 token {mha // 4096 // 2**10} KiB")
print(f"GQA（8 个 KV 头）: {gqa / 2**30} GiB")
assert mha == 2_147_483_648 and gqa * 4 == mha
