"""经典平滑与锐化 = 固定卷积核：均值、高斯、拉普拉斯、拉普拉斯锐化、反锐化掩模。"""
import numpy as np
import torch
import torch.nn.functional as F

kernels = {
    "mean": np.full((3, 3), 1 / 9),
    "gauss": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,
    "laplace": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),   # δ − 拉普拉斯
}
img = np.zeros((7, 7))
img[:, 4:] = 1.0                            # 一条竖直的阶跃边缘（左 0 右 1）


def filter2d(a, k):
    """与 PyTorch conv2d 相同的互相关；边界复制填充（replicate），输出尺寸不变。"""
    p = k.shape[0] // 2
    ap = np.pad(a, p, mode="edge")
    return sum(k[i, j] * ap[i:i + a.shape[0], j:j + a.shape[1]]
               for i in range(k.shape[0]) for j in range(k.shape[1]))


for name, k in kernels.items():
    ref = filter2d(img, k)
    x = F.pad(torch.tensor(img)[None, None], (1, 1, 1, 1), mode="replicate")
    t = F.conv2d(x, torch.tensor(k)[None, None])[0, 0].numpy()
    assert np.allclose(ref, t)
    print(f"{name:8s} sum={k.sum():+.0f}  middle row: {np.round(ref[3], 3).tolist()}")

# 锐化核 = 恒等核 − 拉普拉斯核；反锐化掩模 g = f + k (f − 高斯(f))，k=1
delta = np.zeros((3, 3)); delta[1, 1] = 1
assert np.allclose(kernels["sharpen"], delta - kernels["laplace"])
unsharp = 2 * delta - kernels["gauss"]
row = filter2d(img, unsharp)[3]
print("unsharp  middle row:", np.round(row, 3).tolist())
assert np.allclose(row[2:6], [0, -0.25, 1.25, 1])   # 边缘两侧出现下冲与过冲
