"""交叉熵：dL/dz = p - y 与 autograd 对照；MSE+Sigmoid 与 CE 在错误饱和时的梯度对比。"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

# 1) 多分类：logits z = (2, 1, 0.1)，真实类别为第 0 类
z = torch.tensor([[2.0, 1.0, 0.1]], requires_grad=True)
target = torch.tensor([0])
loss = F.cross_entropy(z, target)                 # 输入是 logits，内部做 log_softmax + NLL
(grad,) = torch.autograd.grad(loss, z)
p = torch.softmax(z.detach(), dim=1)
y = F.one_hot(target, 3).double()
print(f"L = {loss.item():.3f}")
print("autograd dL/dz =", [round(v, 3) for v in grad[0].tolist()])
print("p - y          =", [round(v, 3) for v in (p - y)[0].tolist()])
assert torch.allclose(grad, p - y, atol=1e-12)
assert f"{loss.item():.3f}" == "0.417" and abs(loss.item() + math.log(p[0, 0].item())) < 1e-12

# 软标签（如标签平滑）下同样成立：只要 y 的各分量之和为 1
y_soft = torch.tensor([[0.9, 0.05, 0.05]])
(g_soft,) = torch.autograd.grad(F.cross_entropy(z, y_soft), z)
assert torch.allclose(g_soft, p - y_soft, atol=1e-12)

# 2) 二分类，y = 1，模型错得很离谱：z = -5
for name in ("MSE", "CE"):
    zz = torch.tensor(-5.0, requires_grad=True)
    a = torch.sigmoid(zz)
    L = 0.5 * (a - 1.0) ** 2 if name == "MSE" else F.binary_cross_entropy_with_logits(zz, torch.tensor(1.0))
    (g,) = torch.autograd.grad(L, zz)
    print(f"{name}: dL/dz = {g.item():.4f}")
    if name == "MSE":
        g_mse = g.item()
        assert abs(g_mse - (a - 1) * a * (1 - a)) < 1e-12   # (a - y) * sigma'(z)
    else:
        g_ce = g.item()
        assert abs(g_ce - (a.item() - 1)) < 1e-12            # a - y
print(f"CE 梯度是 MSE 的 {g_ce / g_mse:.0f} 倍")
assert f"{g_mse:.4f}" == "-0.0066" and f"{g_ce:.4f}" == "-0.9933" and round(g_ce / g_mse) == 150

# 3) 随机初始化时的损失基准：均匀预测下 CE = ln K
for K in (10, 1000):
    L0 = F.cross_entropy(torch.zeros(1, K), torch.tensor([0])).item()
    print(f"K = {K}: 均匀预测的交叉熵 = ln K = {L0:.4f}")
    assert abs(L0 - math.log(K)) < 1e-12
