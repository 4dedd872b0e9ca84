"""每个 epoch 的迭代次数：ceil(N/B)，drop_last=True 时为 floor(N/B)。用 DataLoader 核对。"""
import math
from torch.utils.data import DataLoader

N, B, epochs = 50_000, 128, 200
it = math.ceil(N / B)
it_drop = N // B
print(f"ceil({N}/{B}) = {it}，最后一个 batch 有 {N - (it - 1) * B} 个样本")
print(f"drop_last=True：floor({N}/{B}) = {it_drop}，每个 epoch 丢弃 {N - it_drop * B} 个样本")
print(f"{epochs} 个 epoch 共 {it * epochs} 次迭代（参数更新）")

assert len(DataLoader(range(N), batch_size=B)) == it == 391
assert len(DataLoader(range(N), batch_size=B, drop_last=True)) == it_drop == 390
assert N - (it - 1) * B == 80 and it * epochs == 78_200
