"""权重共享省下多少参数：卷积层 vs 局部连接层 vs 全连接层；RNN 与序列长度无关；输入输出嵌入绑定。"""
import torch.nn as nn

C_in, H, W, C_out, K = 3, 32, 32, 64, 3  # 3x32x32 输入，64 个 3x3 卷积核，padding=1，输出 64x32x32

conv = nn.Conv2d(C_in, C_out, K, padding=1)
n_conv = sum(p.numel() for p in conv.parameters())
n_local = H * W * C_out * (C_in * K * K + 1)             # 每个位置一套独立的 3x3x3 核与偏置
n_fc = (C_in * H * W) * (C_out * H * W) + C_out * H * W  # 全连接：每个输出看全部输入
print(f"卷积层（共享）：{n_conv:,}")
print(f"局部连接（不共享）：{n_local:,}（= 卷积的 {n_local // n_conv} 倍）")
print(f"全连接：{n_fc:,}")
assert n_conv == C_out * C_in * K * K + C_out == 1792
assert n_local == 1792 * H * W == 1835008
assert n_fc == 201392128

rnn = nn.RNN(input_size=100, hidden_size=128)
n_rnn = sum(p.numel() for p in rnn.parameters())
print(f"nn.RNN(100, 128)：{n_rnn:,} 个参数，序列长 10 或 1000 都一样")
assert n_rnn == 128 * 100 + 128 * 128 + 2 * 128 == 29440

V, d = 50257, 768  # GPT-2 small 的词表与宽度
emb, head = nn.Embedding(V, d), nn.Linear(d, V, bias=False)
untied = emb.weight.numel() + head.weight.numel()
head.weight = emb.weight  # 绑定：输出层直接用嵌入矩阵
unique = {id(p): p for p in list(emb.parameters()) + list(head.parameters())}
n_tied = sum(p.numel() for p in unique.values())
print(f"嵌入 + 输出层：不绑定 {untied:,}，绑定 {n_tied:,}，省下 {untied - n_tied:,}")
assert len(unique) == 1 and n_tied == V * d == 38597376 and untied == 2 * V * d
