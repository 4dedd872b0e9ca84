"""同样 9 次试验：网格搜索 vs 对数尺度随机搜索（Bergstra & Bengio, 2012 的论点）。"""
import itertools
import numpy as np

def val_loss(lr, wd):
    """玩具“验证损失”：几乎只取决于学习率（最优 lr ≈ 2e-3），weight decay 影响很小。"""
    return (np.log10(lr) - np.log10(2e-3)) ** 2 + 0.01 * (np.log10(wd) + 4) ** 2

grid = list(itertools.product([1e-4, 1e-3, 1e-2], [1e-5, 1e-4, 1e-3]))
rng = np.random.default_rng(0)
rand = list(zip(10 ** rng.uniform(-5, -1, 9), 10 ** rng.uniform(-6, -2, 9)))  # 对数均匀采样

for name, trials in [("网格", grid), ("随机", rand)]:
    lrs = sorted({round(lr, 12) for lr, _ in trials})
    best = min(trials, key=lambda p: val_loss(*p))
    print(f"{name}：试过 {len(lrs)} 个不同的学习率，最好的 lr = {best[0]:.2e}，"
          f"验证损失 {val_loss(*best):.3f}")
assert len({lr for lr, _ in grid}) == 3 and len({lr for lr, _ in rand}) == 9
assert min(val_loss(*p) for p in rand) < min(val_loss(*p) for p in grid)
