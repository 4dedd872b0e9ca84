"""检查初始化：逐层打印预激活 z = W a 的标准差（10 层、宽 512 的 MLP，输入 ~ N(0, 1)）。"""
import numpy as np

def act_stds(act, std, depth=10, width=512, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((256, width))
    out = []
    for _ in range(depth):
        W = rng.standard_normal((width, width)) * std      # 方阵：n_in = n_out = 512
        z = a @ W.T
        out.append(z.std())
        a = np.tanh(z) if act == "tanh" else np.maximum(z, 0)
    return np.array(out)

n = 512
configs = [
    ("tanh, N(0, 0.01²)", "tanh", 0.01),
    ("tanh, Xavier", "tanh", np.sqrt(2 / (n + n))),
    ("ReLU, Xavier", "relu", np.sqrt(2 / (n + n))),
    ("ReLU, He", "relu", np.sqrt(2 / n)),
]
res = {}
print(f"{'配置':18s}  第1层    第5层    第10层")
for name, act, std in configs:
    s = act_stds(act, std)
    res[name] = s
    print(f"{name:18s}  {s[0]:.2e} {s[4]:.2e} {s[9]:.2e}")

assert res["tanh, N(0, 0.01²)"][9] < 1e-6            # 太小：逐层缩小约 0.01·√512 ≈ 0.23 倍
assert 0.1 < res["tanh, Xavier"][9] < 1.0            # 缓慢衰减但仍在可用范围
assert res["ReLU, Xavier"][9] < 0.1 * res["ReLU, Xavier"][0]   # ReLU 砍掉一半方差，每层 ×1/√2
assert 0.5 < res["ReLU, He"][9] / res["ReLU, He"][0] < 2.0     # He：逐层保持
