"""七种优化器的 NumPy 实现（PyTorch 的约定），逐步与 torch.optim 核对。"""
import numpy as np
import torch


def sgd(p, g, s, t, lr, mu=0.0, nesterov=False):
    """b ← μb + g；θ ← θ − η·b（Nesterov：θ ← θ − η(g + μb)）。μ = 0 即普通 SGD。"""
    s["b"] = mu * s.get("b", 0.0) + g
    return p - lr * (g + mu * s["b"] if nesterov else s["b"])


def adagrad(p, g, s, t, lr, eps=1e-10):
    s["G"] = s.get("G", 0.0) + g * g                 # 平方梯度的累加和，只增不减
    return p - lr * g / (np.sqrt(s["G"]) + eps)


def rmsprop(p, g, s, t, lr, alpha=0.99, eps=1e-8):
    s["v"] = alpha * s.get("v", 0.0) + (1 - alpha) * g * g   # 指数滑动平均
    return p - lr * g / (np.sqrt(s["v"]) + eps)


def adam(p, g, s, t, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0):
    p = p - lr * wd * p                              # AdamW 的解耦权重衰减；wd = 0 即 Adam
    s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
    m_hat, v_hat = s["m"] / (1 - b1 ** t), s["v"] / (1 - b2 ** t)   # 偏差修正
    return p - lr * m_hat / (np.sqrt(v_hat) + eps)


CASES = [  # (名称, NumPy 更新, 超参数, 对应的 torch.optim 构造)
    ("SGD", sgd, dict(lr=0.1), lambda q: torch.optim.SGD(q, lr=0.1)),
    ("Momentum", sgd, dict(lr=0.1, mu=0.9), lambda q: torch.optim.SGD(q, lr=0.1, momentum=0.9)),
    ("Nesterov", sgd, dict(lr=0.1, mu=0.9, nesterov=True),
     lambda q: torch.optim.SGD(q, lr=0.1, momentum=0.9, nesterov=True)),
    ("AdaGrad", adagrad, dict(lr=0.1), lambda q: torch.optim.Adagrad(q, lr=0.1)),
    ("RMSprop", rmsprop, dict(lr=0.01), lambda q: torch.optim.RMSprop(q, lr=0.01)),
    ("Adam", adam, dict(lr=0.01), lambda q: torch.optim.Adam(q, lr=0.01)),
    ("AdamW", adam, dict(lr=0.01, wd=0.1), lambda q: torch.optim.AdamW(q, lr=0.01, weight_decay=0.1)),
]

if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((8, 3)), rng.standard_normal(8)   # 最小二乘 J = ||Xθ − y||² / (2n)
    grad = lambda th: X.T @ (X @ th - y) / len(y)                   # noqa: E731
    for name, step, hp, make in CASES:
        th_np, state = np.ones(3), {}
        th_t = torch.ones(3, dtype=torch.float64, requires_grad=True)
        opt = make([th_t])
        for t in range(1, 6):                                        # 5 步
            th_np = step(th_np, grad(th_np), state, t, **hp)
            opt.zero_grad()
            loss = ((torch.tensor(X) @ th_t - torch.tensor(y)) ** 2).sum() / (2 * len(y))
            loss.backward()
            opt.step()
        diff = np.abs(th_np - th_t.detach().numpy()).max()
        assert diff < 1e-12, (name, diff)
        print(f"{name:9s} 5 步后 θ = {np.array2string(th_np, precision=4)}  与 torch.optim 一致")
