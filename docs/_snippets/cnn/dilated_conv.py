"""空洞卷积：等效核大小、D=1,2,4 叠加的感受野，以及同一膨胀率反复叠加的网格效应。"""
import torch
import torch.nn.functional as F


def extent(r):
    idx = r.nonzero()
    return int(idx.max() - idx.min() + 1)


def reached(dilations, K=3, size=41):
    """全 1 权重的卷积叠加，对中心输出求输入梯度：返回中间一行哪些输入像素能影响它。"""
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    h = x
    for d in dilations:
        h = F.conv2d(h, torch.ones(1, 1, K, K), padding=d * (K - 1) // 2, dilation=d)  # 尺寸不变
    h[0, 0, size // 2, size // 2].backward()
    return (x.grad[0, 0, size // 2] != 0).int()


for d in (1, 2, 4):
    k_eff = d * (3 - 1) + 1
    assert int(reached([d]).sum()) == 3 and extent(reached([d])) == k_eff
    print(f"3×3, D={d}: 只有 9 个权重，覆盖 {k_eff}×{k_eff} 的范围")

for stack in ([1], [1, 2], [1, 2, 4]):
    r = reached(stack)
    print(f"D={stack} 叠加后的感受野：{extent(r)}，其中实际用到 {int(r.sum())} 个像素（每行）")
assert [extent(reached(s)) for s in ([1], [1, 2], [1, 2, 4])] == [3, 7, 15]

grid = reached([2, 2, 2])       # 网格效应：只有偶数偏移的像素被用到
span = extent(grid)
print(f"D=[2, 2, 2]：感受野 {span}，但每行只用到 {int(grid.sum())} 个像素：",
      "".join("█" if v else "·" for v in grid[20 - 6: 20 + 7].tolist()))
assert (span, int(grid.sum())) == (13, 7)
