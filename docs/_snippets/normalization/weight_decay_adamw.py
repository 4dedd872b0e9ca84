"""L2 正则 vs 权重衰减：SGD 下等价；Adam 下不等价，AdamW 才是解耦的权重衰减。"""
import torch

torch.manual_seed(0)
A = torch.randn(6, 4, dtype=torch.float64)
b = torch.randn(6, dtype=torch.float64)
w0 = torch.randn(4, dtype=torch.float64)
lr, lam = 0.1, 0.05


def data_loss(w):
    return 0.5 * ((A @ w - b) ** 2).mean()


def run(opt_cls, steps=5, l2_in_loss=False, **kw):
    w = w0.clone().requires_grad_(True)
    opt = opt_cls([w], lr=lr, **kw)
    for _ in range(steps):
        opt.zero_grad()
        loss = data_loss(w) + (0.5 * lam * w.pow(2).sum() if l2_in_loss else 0.0)
        loss.backward()
        opt.step()
    return w.detach()


# 1) SGD：损失里加 (λ/2)||w||² 与 SGD(weight_decay=λ) 完全相同
sgd_l2 = run(torch.optim.SGD, l2_in_loss=True)
sgd_wd = run(torch.optim.SGD, weight_decay=lam)
assert torch.allclose(sgd_l2, sgd_wd)

# 2) Adam(weight_decay=λ) 把 λw 加进梯度，等同于损失里加 L2；AdamW 与它不同
adam_l2 = run(torch.optim.Adam, weight_decay=lam)
assert torch.allclose(adam_l2, run(torch.optim.Adam, l2_in_loss=True))
adamw = run(torch.optim.AdamW, weight_decay=lam)
print("Adam(weight_decay):", adam_l2.numpy().round(5))
print("AdamW             :", adamw.numpy().round(5))
assert not torch.allclose(adam_l2, adamw)

# 3) 手写 AdamW：θ_t = θ_{t-1} - η(λ θ_{t-1} + m̂_t / (sqrt(v̂_t) + ε))
beta1, beta2, eps = 0.9, 0.999, 1e-8
theta, m, v = w0.clone(), torch.zeros(4, dtype=torch.float64), torch.zeros(4, dtype=torch.float64)
for t in range(1, 6):
    w = theta.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(data_loss(w), w)      # 只用数据损失的梯度
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    theta = theta - lr * (lam * theta + m_hat / (v_hat.sqrt() + eps))
print("manual AdamW      :", theta.numpy().round(5))
assert torch.allclose(theta, adamw)

# 4) 实践：权重矩阵/卷积核做衰减，偏置和归一化层的 γ、β（都是一维参数）不做
model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
                            torch.nn.Flatten(), torch.nn.Linear(8 * 6 * 6, 10))
decay = [p for p in model.parameters() if p.ndim >= 2]
no_decay = [p for p in model.parameters() if p.ndim < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05},
                         {"params": no_decay, "weight_decay": 0.0}], lr=1e-3)
print("decayed tensors:", len(decay), " not decayed:", len(no_decay))
assert (len(decay), len(no_decay)) == (2, 4)        # conv.weight, fc.weight | conv.bias, γ, β, fc.bias
