"""卷积 vs. 互相关：PyTorch 的 conv2d 算的是互相关；翻转卷积核后才等于数学上的卷积。"""
import numpy as np
import torch
import torch.nn.functional as F

# 一维：两颗骰子点数和的分布 = 两个分布的卷积
die = np.full(6, 1 / 6)
p_sum = np.convolve(die, die)          # 下标 0 对应点数和 2
print("P(点数和 = 7) =", round(p_sum[5] * 36), "/ 36")
assert round(p_sum[5] * 36) == 6 and np.isclose(p_sum.sum(), 1.0)

# 二维：按定义写出“有效”区域的卷积与互相关
rng = np.random.default_rng(0)
I, K = rng.standard_normal((6, 6)), rng.standard_normal((3, 3))
xcorr = np.array([[np.sum(I[i:i + 3, j:j + 3] * K) for j in range(4)] for i in range(4)])
conv = np.array([[np.sum(I[i:i + 3, j:j + 3] * K[::-1, ::-1]) for j in range(4)] for i in range(4)])

torch_out = F.conv2d(torch.tensor(I)[None, None], torch.tensor(K)[None, None])[0, 0].numpy()
print("conv2d == 互相关：", np.allclose(torch_out, xcorr))
print("conv2d == 卷积：  ", np.allclose(torch_out, conv))
assert np.allclose(torch_out, xcorr) and not np.allclose(torch_out, conv)

# 卷积定理（离散、循环卷积版本）：DFT(f ⊛ g) = DFT(f) · DFT(g)
f, g = rng.standard_normal(8), rng.standard_normal(8)
circ = np.array([sum(f[m] * g[(n - m) % 8] for m in range(8)) for n in range(8)])
via_fft = np.fft.ifft(np.fft.fft(f) * np.fft.fft(g)).real
print("卷积定理成立：", np.allclose(circ, via_fft))
assert np.allclose(circ, via_fft)
