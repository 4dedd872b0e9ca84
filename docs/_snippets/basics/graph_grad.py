"""一个三节点计算图：手算反向传播与 autograd 对照，并演示 retain_graph 与 no_grad。"""
import torch

x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
a = x * y          # a = 6
b = a + x          # b = 8
L = b ** 2         # L = 64
print("前向：a =", a.item(), " b =", b.item(), " L =", L.item())
assert (a.item(), b.item(), L.item()) == (6.0, 8.0, 64.0)

# 手算反向（链式法则，从 L 往回）：
dL_db = 2 * b.item()               # 16
dL_da = dL_db * 1                  # 16
dL_dx = dL_da * y.item() + dL_db   # 经 a 的路径 + 直接到 b 的路径 = 48 + 16 = 64
dL_dy = dL_da * x.item()           # 32
L.backward(retain_graph=True)
print("手算 dL/dx =", dL_dx, " autograd =", x.grad.item())
print("手算 dL/dy =", dL_dy, " autograd =", y.grad.item())
assert (dL_dx, dL_dy) == (64.0, 32.0)
assert (x.grad.item(), y.grad.item()) == (dL_dx, dL_dy)

# 再反传一次：梯度累加到 .grad 上（所以训练循环要先清零）
L.backward()
print("第二次 backward 后 x.grad =", x.grad.item())
assert x.grad.item() == 128.0

# 图已释放（第二次没有 retain_graph），第三次 backward 会报错
try:
    L.backward()
    raise AssertionError("应当报错")
except RuntimeError:
    print("第三次 backward：RuntimeError（保存的中间结果已释放）")

# no_grad 下不建图
with torch.no_grad():
    z = x * y
print("no_grad 下 z.requires_grad =", z.requires_grad, " z.grad_fn =", z.grad_fn)
assert z.requires_grad is False and z.grad_fn is None
print("grad_fn 链：", L.grad_fn.name(), "->", L.grad_fn.next_functions[0][0].name())
