"""复现 nn.BatchNorm2d 的滑动统计量（momentum=0.1、无偏方差），并验证 eval() 就是固定仿射映射。"""
import torch
import torch.nn as nn

torch.manual_seed(0)
C, alpha = 3, 0.1
bn = nn.BatchNorm2d(C)                       # 默认 momentum=0.1, eps=1e-5
with torch.no_grad():                        # 随便设一组 γ、β，免得它们是 1 和 0
    bn.weight.copy_(torch.tensor([0.5, 1.0, 2.0]))
    bn.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))

mean_hat, var_hat = torch.zeros(C), torch.ones(C)   # 与缓冲区的初值相同
bn.train()
for step in range(5):
    x = torch.randn(8, C, 4, 4) * 3 + 1              # N=8, H=W=4，每通道 m = 8*4*4 = 128 个值
    bn(x)                                            # 训练模式的前向会更新缓冲区（即使在 no_grad 下）
    mu_b = x.mean(dim=(0, 2, 3))
    var_unbiased = x.var(dim=(0, 2, 3), unbiased=True)   # m/(m-1) * σ²_B
    mean_hat = (1 - alpha) * mean_hat + alpha * mu_b
    var_hat = (1 - alpha) * var_hat + alpha * var_unbiased

print("running_mean 一致:", torch.allclose(bn.running_mean, mean_hat, atol=1e-6))
print("running_var  一致:", torch.allclose(bn.running_var, var_hat, atol=1e-6))
print("num_batches_tracked =", int(bn.num_batches_tracked))

# 推理：y = a*x + b，a = γ/sqrt(running_var+ε)，b = β - a*running_mean
bn.eval()
x_test = torch.randn(2, C, 4, 4)
a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
b = bn.bias - a * bn.running_mean
y_affine = a.view(1, C, 1, 1) * x_test + b.view(1, C, 1, 1)
diff = (bn(x_test) - y_affine).abs().max().item()
print(f"eval 输出与固定仿射映射的最大误差: {diff:.1e}")

assert torch.allclose(bn.running_mean, mean_hat, atol=1e-6)
assert torch.allclose(bn.running_var, var_hat, atol=1e-6)
assert int(bn.num_batches_tracked) == 5
assert diff < 1e-5
