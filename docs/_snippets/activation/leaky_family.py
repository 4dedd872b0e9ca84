"""x = -2 处 ReLU、Leaky ReLU、PReLU、ELU 的输出与梯度（PyTorch 默认参数）。"""
import math

import torch
import torch.nn as nn

acts = {
    "ReLU": nn.ReLU(),
    "LeakyReLU(0.01)": nn.LeakyReLU(),   # negative_slope 默认 0.01
    "PReLU(init 0.25)": nn.PReLU(),      # 可学习斜率 a，初始 0.25
    "ELU(alpha=1)": nn.ELU(),            # alpha 默认 1.0，不可学习
}
expected = {  # 公式给出的 (f(-2), f'(-2))
    "ReLU": (0.0, 0.0),
    "LeakyReLU(0.01)": (-0.02, 0.01),
    "PReLU(init 0.25)": (-0.5, 0.25),
    "ELU(alpha=1)": (math.exp(-2) - 1, math.exp(-2)),
}
for name, act in acts.items():
    x = torch.tensor([-2.0], requires_grad=True)
    y = act(x)
    y.backward()
    print(f"{name:17s} f(-2) = {y.item():+.4f}   f'(-2) = {x.grad.item():.4f}")
    f_ref, d_ref = expected[name]
    assert abs(y.item() - f_ref) < 1e-6 and abs(x.grad.item() - d_ref) < 1e-6

prelu = acts["PReLU(init 0.25)"]
print(f"PReLU 对斜率 a 的梯度 = {prelu.weight.grad.item():.1f}（= x，x <= 0 时）")
assert prelu.weight.grad.item() == -2.0
