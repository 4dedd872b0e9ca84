"""深度效率：把“帐篷”函数复合 k 次，每层 2 个 ReLU，得到 2^k 段线性的锯齿函数。"""
import numpy as np


def tent(x):
    # t(x) = 2 ReLU(x) - 4 ReLU(x - 1/2)，在 [0, 1] 上先升后降
    return 2 * np.maximum(x, 0) - 4 * np.maximum(x - 0.5, 0)


def count_pieces(f, k):
    # 在比断点更细的二进制网格上取值（浮点下精确），统计斜率变化次数 + 1
    x = np.arange(4 * 2**k + 1) / (4 * 2**k)
    slopes = np.diff(f(x)) / np.diff(x)
    return int(np.sum(slopes[1:] != slopes[:-1])) + 1


for k in (1, 2, 3, 10):
    deep = lambda x, k=k: [x := tent(x) for _ in range(k)][-1]
    pieces = count_pieces(deep, k)
    print(f"k = {k:2d}：深网络 {k} 层 x 2 个 ReLU = {2 * k} 个单元，线性段数 {pieces}；"
          f"单隐层网络至少需要 {pieces - 1} 个单元")
    assert pieces == 2**k
