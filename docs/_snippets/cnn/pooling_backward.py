"""池化的前向与反向：最大池化把梯度只送回最大值位置，平均池化把梯度均分给窗口内每个位置。"""
import torch
import torch.nn.functional as F

x = torch.tensor([[1., 3., 2., 0.],
                  [5., 6., 1., 2.],
                  [7., 2., 9., 4.],
                  [0., 1., 3., 8.]]).reshape(1, 1, 4, 4).requires_grad_()

y_max = F.max_pool2d(x, kernel_size=2, stride=2)
y_max.sum().backward()                        # 上游梯度全为 1
print("max:", y_max.detach().reshape(2, 2).tolist())
g_max = x.grad.reshape(4, 4).int().tolist()
print("grad(max):", g_max)
assert y_max.detach().reshape(-1).tolist() == [6., 2., 7., 9.]
assert g_max == [[0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0]]

x.grad = None
y_avg = F.avg_pool2d(x, kernel_size=2, stride=2)
y_avg.sum().backward()
print("avg:", y_avg.detach().reshape(2, 2).tolist())
print("grad(avg):", x.grad.reshape(4, 4)[0].tolist(), "…（每行相同）")
assert y_avg.detach().reshape(-1).tolist() == [3.75, 1.25, 2.5, 6.0]
assert torch.all(x.grad == 0.25)              # 每个位置得到 1/K² = 1/4

# 重叠窗口（K=3, S=2）：同一位置若是多个窗口的最大值，梯度累加
z = torch.zeros(1, 1, 5, 5)
z[0, 0, 2, 2] = 1.0                           # 中心点落在 4 个窗口里，都是最大值
z.requires_grad_()
F.max_pool2d(z, kernel_size=3, stride=2).sum().backward()
print("overlapping windows, grad at centre =", z.grad[0, 0, 2, 2].item())
assert z.grad[0, 0, 2, 2].item() == 4.0
