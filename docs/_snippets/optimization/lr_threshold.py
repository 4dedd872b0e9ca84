"""学习率阈值：f(x) = (x − 1)² 上 x_k − 1 = (1 − 2η)^k (x_0 − 1)，η < 2/L = 1 才收敛。"""
import numpy as np

x0 = 4.0
print("  η    1−2η      x_10     行为")
for eta in [0.1, 0.5, 0.9, 1.0, 1.1]:
    x = x0
    for _ in range(10):
        x = x - eta * 2 * (x - 1)
    r = 1 - 2 * eta
    kind = ("一步到位" if r == 0 else "单调收敛" if 0 < r < 1 else
            "振荡收敛" if -1 < r < 0 else "等幅振荡" if r == -1 else "振荡发散")
    print(f"{eta:4.1f}  {r:+.1f}  {x:9.4f}   {kind}")
    assert abs(x - (1 + r ** 10 * (x0 - 1))) < 1e-9

# 多维二次函数：阈值由最大曲率 L 决定，收敛快慢由最小曲率 μ 决定

H = np.diag([0.1, 2.0])                                   # f(x, y) = x²/20 + y² 的 Hessian
L, mu = np.linalg.eigvalsh(H).max(), np.linalg.eigvalsh(H).min()
print(f"f(x, y) = x²/20 + y²：L = {L}，μ = {mu}，条件数 κ = {L / mu:.0f}，阈值 2/L = {2 / L}")
print(f"η = 0.9 时慢方向每步只缩小到 {1 - 0.9 * mu:.2f} 倍，快方向乘 {1 - 0.9 * L:+.1f}（之字形）")
assert (L, mu) == (2.0, 0.1) and abs(1 - 0.9 * mu - 0.91) < 1e-12
