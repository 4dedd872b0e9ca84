"""按全局范数裁剪 vs 按值裁剪：手算公式与 torch.nn.utils 的结果核对。"""
import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_

def make_params():
    a = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    a.grad, b.grad = torch.tensor([3.0, 4.0]), torch.tensor([12.0])
    return [a, b]

# 全局范数：把所有参数的梯度拼成一个向量再求 L2 范数
params = make_params()
total = clip_grad_norm_(params, max_norm=1.0)            # 返回的是裁剪前的总范数
print(f"裁剪前全局范数 = {total.item():.1f}")            # sqrt(3² + 4² + 12²) = 13
scale = min(1.0, 1.0 / (13.0 + 1e-6))                    # g ← g · min(1, τ / (‖g‖ + 1e-6))
expected = [torch.tensor([3.0, 4.0]) * scale, torch.tensor([12.0]) * scale]
for p, e in zip(params, expected):
    assert torch.allclose(p.grad, e)
new_norm = torch.cat([p.grad for p in params]).norm().item()
print(f"裁剪后全局范数 = {new_norm:.4f}，方向不变：{[round(v, 4) for v in torch.cat([p.grad for p in params]).tolist()]}")
assert abs(total.item() - 13.0) < 1e-6 and abs(new_norm - 1.0) < 1e-5

# 按值裁剪：每个分量各自截断到 [-c, c]，方向会改变
params = make_params()
clip_grad_value_(params, clip_value=1.0)                 # 原地修改，返回 None
g = torch.cat([p.grad for p in params])
print(f"按值裁剪后 = {g.tolist()}，范数 {g.norm().item():.4f}")
assert g.tolist() == [1.0, 1.0, 1.0]
