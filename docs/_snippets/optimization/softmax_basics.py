"""Softmax：数值例子、温度、平移不变性、雅可比矩阵 diag(p) - p p^T 与 autograd 对照。"""
import torch

torch.set_default_dtype(torch.float64)
z = torch.tensor([2.0, 1.0, 0.1])
p = torch.softmax(z, dim=0)
print("softmax([2, 1, 0.1]) =", [round(v, 3) for v in p.tolist()])
assert [round(v, 3) for v in p.tolist()] == [0.659, 0.242, 0.099]

for T in (0.5, 1.0, 2.0):
    q = torch.softmax(z / T, dim=0)
    print(f"T = {T}: ", [round(v, 3) for v in q.tolist()])
assert [round(v, 3) for v in torch.softmax(z / 0.5, 0).tolist()] == [0.864, 0.117, 0.019]
assert [round(v, 3) for v in torch.softmax(z / 2.0, 0).tolist()] == [0.502, 0.304, 0.194]

# 平移不变：所有 logit 加同一个常数，结果不变
assert torch.allclose(torch.softmax(z + 100.0, 0), p)

# 雅可比矩阵：J_ij = p_i (delta_ij - p_j)
J_formula = torch.diag(p) - torch.outer(p, p)
J_autograd = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), z)
print("max |J_formula - J_autograd| =", f"{(J_formula - J_autograd).abs().max().item():.1e}")
assert torch.allclose(J_formula, J_autograd, atol=1e-12)
assert torch.allclose(J_formula.sum(dim=1), torch.zeros(3), atol=1e-12)  # 每行和为 0

# 两类时 softmax 退化为 sigmoid(z1 - z2)
z2 = torch.tensor([0.7, -0.4])
assert torch.isclose(torch.softmax(z2, 0)[0], torch.sigmoid(z2[0] - z2[1]))
print("softmax([0.7, -0.4])[0] = sigmoid(1.1) =", round(torch.sigmoid(torch.tensor(1.1)).item(), 4))
