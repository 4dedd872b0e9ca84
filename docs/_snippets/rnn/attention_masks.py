"""三种架构的注意力掩码（1 = 可以看，0 = 屏蔽），行是 query 位置，列是 key 位置。"""
import torch

n, prefix = 5, 2
bidirectional = torch.ones(n, n, dtype=torch.int64)               # 编码器：全部可见
causal = torch.tril(torch.ones(n, n, dtype=torch.int64))          # 解码器：只看自己和左边
prefix_lm = causal.clone()
prefix_lm[:, :prefix] = 1                                          # 前缀内部双向，其余因果
for name, m in (("双向（BERT）", bidirectional), ("因果（GPT）", causal), ("前缀 LM", prefix_lm)):
    print(name)
    for row in m.tolist():
        print("  ", " ".join(map(str, row)))

# PyTorch 的浮点因果掩码：要屏蔽的位置是 -inf，加到打分上
ref = torch.nn.Transformer.generate_square_subsequent_mask(n)
assert torch.equal(ref == 0, causal.bool())
# 注意布尔掩码的语义相反：F.scaled_dot_product_attention 里 True = 可以看，
# nn.MultiheadAttention 的 attn_mask / key_padding_mask 里 True = 屏蔽
