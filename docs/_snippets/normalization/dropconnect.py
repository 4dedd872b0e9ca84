"""DropConnect：按连接（权重）置零；推理时用矩匹配的高斯近似（Wan et al. 2013 的算法 2）。"""
import torch

torch.manual_seed(0)
q = 0.5                                    # 保留概率（论文记作 p）；丢弃概率为 1 − q
W = torch.randn(4, 32) / 32 ** 0.5         # 4 个输出单元、32 个输入
v = torch.rand(32)


def dropconnect_forward(W, v, q, n_masks):
    M = (torch.rand(n_masks, *W.shape) < q).to(W.dtype)   # 每次前向、每条连接一个独立掩码
    return torch.relu((M * W) @ v)                          # 形状 (n_masks, 4)


# 蒙特卡洛：大量随机掩码下输出的平均（“真正的”集成平均，近似值）
mc = dropconnect_forward(W, v, q, 20000).mean(0)

# 矩匹配：u = (M⊙W)v 的均值与方差，再把 u 当作高斯分布，采样后过 ReLU 取平均
mean_u = q * (W @ v)
var_u = q * (1 - q) * ((W * W) @ (v * v))
samples = mean_u + var_u.sqrt() * torch.randn(20000, 4)
mm = torch.relu(samples).mean(0)

# Dropout 式的“均值推理”：直接 ReLU(q·W v)，对非线性单元有偏
naive = torch.relu(mean_u)

print("蒙特卡洛平均   ", [round(t, 3) for t in mc.tolist()])
print("矩匹配 + 采样  ", [round(t, 3) for t in mm.tolist()])
print("ReLU(q·Wv)     ", [round(t, 3) for t in naive.tolist()])
assert torch.allclose(mc, mm, atol=0.01)
