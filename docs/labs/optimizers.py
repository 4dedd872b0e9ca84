# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 优化器的轨迹
#
# 本实验让六种优化器从同一起点出发、走同样的步数，比较它们在两个二维函数上的路径和损失曲线：一个是病态（条件数大）的二次函数，一个是 Rosenbrock 函数。优化器全部用 PyTorch 的 `torch.optim` 实现，每种方法的学习率从同一个候选网格里挑最终损失最小的一个，以免用一个对某种方法不合适的学习率得出偏颇的结论。
#
# 对应的题目：[常见的优化器有哪些？](../optimization/optimizers.md)、[梯度下降](../optimization/gradient-descent.md)、[学习率](../optimization/learning-rate.md)。

# %%
# %config InlineBackend.figure_formats = ["svg"]
import matplotlib.pyplot as plt
import numpy as np
import torch

torch.manual_seed(0)
plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "dl-handbook", "font.size": 10,
                     "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"], "axes.unicode_minus": False})

# %% [markdown]
# ## 两个测试函数与六条更新规则
#
# 病态二次函数 $f(x, y) = \tfrac12 (x^2 + 50 y^2)$ 的 Hessian 是 $\operatorname{diag}(1, 50)$，条件数 $\kappa = 50$：沿 $y$ 方向很陡、沿 $x$ 方向很平。梯度下降的学习率 $\eta$ 必须满足 $\eta < 2/50$ 才不在 $y$ 方向发散，而这么小的步长在 $x$ 方向每步只前进 $\eta x$，于是出现“之”字形震荡。
#
# Rosenbrock 函数 $f(x, y) = (1-x)^2 + 100\,(y - x^2)^2$ 的最小值在 $(1, 1)$，位于一条弯曲、狭长的山谷底部。
#
# 下面用 NumPy 按 PyTorch 的约定手写六条更新规则（$g_t$ 为梯度，默认超参数与 `torch.optim` 相同：动量 $\mu = 0.9$，RMSProp 的 $\alpha = 0.99$，Adam 的 $\beta_1 = 0.9, \beta_2 = 0.999, \epsilon = 10^{-8}$），一次同时跑一整组学习率，再与 `torch.optim` 逐步对照。PyTorch 的动量写法是 $b_t = \mu b_{t-1} + g_t,\ \theta_t = \theta_{t-1} - \eta b_t$，与教材里 $v_t = \mu v_{t-1} - \eta g_t$ 的写法在学习率不变时等价。

# %%
def grad_quadratic(p):
    return np.stack([p[..., 0], 50 * p[..., 1]], axis=-1)

def grad_rosenbrock(p):
    x, y = p[..., 0], p[..., 1]
    return np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)], axis=-1)

def loss_quadratic(p):
    return 0.5 * (p[..., 0] ** 2 + 50 * p[..., 1] ** 2)

def loss_rosenbrock(p):
    return (1 - p[..., 0]) ** 2 + 100 * (p[..., 1] - p[..., 0] ** 2) ** 2

def optimize(method, grad, start, lrs, steps, mu=0.9, alpha=0.99, beta1=0.9, beta2=0.999):
    """同时为每个学习率跑一条轨迹，返回形状 (steps + 1, len(lrs), 2) 的路径。"""
    lr = np.asarray(lrs, dtype=float)[:, None]
    p = np.tile(np.asarray(start, dtype=float), (len(lr), 1))
    b, s, m, v = (np.zeros_like(p) for _ in range(4))
    path = [p.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            g = grad(p)
            if method == "SGD":
                p = p - lr * g
            elif method in ("Momentum", "Nesterov"):
                b = g if t == 1 else mu * b + g
                p = p - lr * (g + mu * b if method == "Nesterov" else b)
            elif method == "AdaGrad":
                s = s + g**2
                p = p - lr * g / (np.sqrt(s) + 1e-10)
            elif method == "RMSProp":
                v = alpha * v + (1 - alpha) * g**2
                p = p - lr * g / (np.sqrt(v) + 1e-8)
            elif method == "Adam":
                m = beta1 * m + (1 - beta1) * g
                v = beta2 * v + (1 - beta2) * g**2
                p = p - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + 1e-8)
            path.append(p.copy())
    return np.stack(path)

METHODS = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"]

# 与 torch.optim 对照：同一起点、同一学习率，逐步比较 20 步的参数
TORCH = {
    "SGD": lambda ps: torch.optim.SGD(ps, lr=1e-3),
    "Momentum": lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9),
    "Nesterov": lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9, nesterov=True),
    "AdaGrad": lambda ps: torch.optim.Adagrad(ps, lr=1e-3),
    "RMSProp": lambda ps: torch.optim.RMSprop(ps, lr=1e-3),
    "Adam": lambda ps: torch.optim.Adam(ps, lr=1e-3),
}
for method in METHODS:
    q = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    make = TORCH[method]
    opt = make([q])
    ours = optimize(method, grad_rosenbrock, [-1.5, 2.0], [1e-3], 20)[:, 0]
    for t in range(1, 21):
        opt.zero_grad()
        ((1 - q[0]) ** 2 + 100 * (q[1] - q[0] ** 2) ** 2).backward()
        opt.step()
        assert np.allclose(q.detach().numpy(), ours[t], rtol=1e-9, atol=1e-12), (method, t)
print("六条手写更新规则与 torch.optim 逐步一致")

# %% [markdown]
# ## 同一起点、同样步数，各取最佳学习率
#
# 每种方法在 $10^{-4}$ 到 $10^{0.5} \approx 3.2$ 之间、对数均匀的 37 个学习率里挑最终损失最小的一个（发散的不算）。

# %%
LRS = np.logspace(-4, 0.5, 37)
problems = {
    "二次函数": (grad_quadratic, loss_quadratic, [-9.0, 1.0], 100),
    "Rosenbrock": (grad_rosenbrock, loss_rosenbrock, [-1.5, 2.0], 500),
}
results = {}
for pname, (grad, loss, start, steps) in problems.items():
    print(f"{pname}：起点 {start}，{steps} 步")
    for method in METHODS:
        paths = optimize(method, grad, start, LRS, steps)
        final = loss(paths[-1])
        final[~np.isfinite(final)] = np.inf
        k = int(np.argmin(final))
        results[pname, method] = (LRS[k], paths[:, k], loss(paths[:, k]))
        print(f"  {method:<9} 学习率 {LRS[k]:<8.3g} 最终损失 {final[k]:.2e}")

# %% [markdown]
# ## 病态二次函数：SGD 的“之”字形
#
# SGD 的学习率受最陡方向限制：$y$ 方向每步乘以 $1 - 50\eta$，最佳的 $\eta$ 接近稳定上限 $2/50$，这个因子是负的，$y$ 坐标每步变号，路径呈“之”字形；$x$ 方向每步只乘以 $1 - \eta$，前进很慢。动量把历次梯度累加起来，$y$ 方向的分量来回抵消，$x$ 方向的分量持续累积。
#
# 这个二次函数的病态恰好沿坐标轴，AdaGrad、RMSProp、Adam 按坐标缩放步长，正好把它抵消掉，所以它们在这里格外快；如果把函数旋转 45°，病态方向不再与坐标轴对齐，按坐标缩放就帮不上这么大的忙。

# %%
# 图：病态二次函数上六种优化器的路径（同一起点、100 步）
def contour(ax, loss, xlim, ylim, levels):
    xs, ys = np.meshgrid(np.linspace(*xlim, 60), np.linspace(*ylim, 60))
    zs = loss(np.stack([xs, ys], axis=-1))
    ax.contour(xs, ys, zs, levels=levels, colors="#bbbbbb", linewidths=0.6)

def plot_paths(pname, xlim, ylim, levels, goal, every=1):
    _, loss, start, steps = problems[pname]
    fig, ax = plt.subplots(figsize=(5, 3.6))
    contour(ax, loss, xlim, ylim, levels)
    for name in METHODS:
        lr, path, _ = results[pname, name]
        ax.plot(path[::every, 0], path[::every, 1], lw=1.2, label=f"{name}（η={lr:.2g}）")
    ax.plot(*start, "ko", ms=4)
    ax.plot(*goal, "k*", ms=9)
    ax.set_xlim(*xlim); ax.set_ylim(*ylim); ax.set_xlabel("x"); ax.set_ylabel("y")
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    plt.show()

plot_paths("二次函数", (-10, 2), (-2.2, 2.2), np.geomspace(0.05, 80, 10), (0, 0))

sgd_path = results["二次函数", "SGD"][1]
sgd_lr = results["二次函数", "SGD"][0]
sign_flips = int(np.sum(np.sign(sgd_path[1:21, 1]) != np.sign(sgd_path[:20, 1])))
assert 1 - 50 * sgd_lr < 0 and sign_flips == 20  # y 坐标每一步都变号：这就是“之”字形
print(f"SGD：η = {sgd_lr:.3g}，y 方向每步乘以 {1 - 50 * sgd_lr:.2f}，前 20 步中 y 坐标变号 {sign_flips} 次")

# %% [markdown]
# ## Rosenbrock 函数：狭长弯曲的山谷
#
# 在 Rosenbrock 函数上，SGD 很快落到谷底，随后沿谷底缓慢爬行；带动量的方法和 Adam 沿山谷走得更远。自适应方法（AdaGrad、RMSProp、Adam）按坐标缩放步长，对陡峭与平坦方向一视同仁。

# %%
# 图：Rosenbrock 函数上六种优化器的路径（同一起点、500 步）
plot_paths("Rosenbrock", (-2, 2), (-1, 3), np.geomspace(0.5, 2000, 9), (1, 1), every=5)

# %% [markdown]
# ## 损失曲线
#
# 纵轴是对数坐标。曲线的差别取决于问题：没有一种优化器在所有问题上都最快，这也是面试中常说“Adam 是好的默认选择，但调好的 SGD + Momentum 常常泛化更好”的背景之一（泛化差异本实验不涉及）。

# %%
# 图：两个函数上的损失曲线（对数纵轴）
fig, axes = plt.subplots(2, 1, figsize=(5, 5.4))
for ax, pname in zip(axes, problems):
    every = 1 if pname == "二次函数" else 5  # 画图时抽稀，图更小
    for name in METHODS:
        losses = results[pname, name][2]
        ax.semilogy(range(0, len(losses), every), losses[::every], lw=1.2, label=name)
    ax.set_title(pname, fontsize=10); ax.set_ylabel("损失"); ax.grid(alpha=.3)
axes[1].set_xlabel("步数")
axes[0].legend(fontsize=7, ncol=2)
fig.tight_layout()
plt.show()

final = {k: v[2][-1] for k, v in results.items()}
assert final["二次函数", "Momentum"] < final["二次函数", "SGD"]  # 动量在病态问题上胜过 SGD
assert final["Rosenbrock", "Momentum"] < final["Rosenbrock", "SGD"]
