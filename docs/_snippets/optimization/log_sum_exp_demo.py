"""logits = [1000, 1001, 1002]：朴素 softmax 溢出成 NaN，减去最大值后稳定；与 torch 对照。"""
import numpy as np
import torch
import torch.nn.functional as F

z = np.array([1000.0, 1001.0, 1002.0])

with np.errstate(over="ignore", invalid="ignore"):
    e = np.exp(z)                      # e^1000 超出 float64 上限 -> inf
    naive_softmax = e / e.sum()        # inf / inf -> nan
    naive_lse = np.log(e.sum())        # log(inf) -> inf
print("朴素 exp(z)    :", e)
print("朴素 softmax   :", naive_softmax)
print("朴素 logsumexp :", naive_lse)
assert np.all(np.isinf(e)) and np.all(np.isnan(naive_softmax)) and np.isinf(naive_lse)


def logsumexp(v):
    m = v.max()                        # 先减去最大值：所有指数的参数都 <= 0
    return m + np.log(np.exp(v - m).sum())


lse = logsumexp(z)
softmax = np.exp(z - lse)
log_softmax = z - lse
print(f"稳定 logsumexp : {lse:.4f}")
print("稳定 softmax   :", np.round(softmax, 4))
print("稳定 log_softmax:", np.round(log_softmax, 4))
assert f"{lse:.4f}" == "1002.4076"
assert np.round(softmax, 4).tolist() == [0.09, 0.2447, 0.6652]
assert np.round(log_softmax, 4).tolist() == [-2.4076, -1.4076, -0.4076]

# 与 PyTorch 的内置实现对照（float32）
t = torch.tensor(z, dtype=torch.float32)
assert abs(torch.logsumexp(t, 0).item() - lse) < 1e-3
assert np.allclose(F.log_softmax(t, 0).numpy(), log_softmax, atol=1e-5)
assert np.allclose(torch.softmax(t, 0).numpy(), softmax, atol=1e-6)

# 下溢：logits 全部很负
z_neg = -z
with np.errstate(divide="ignore", invalid="ignore"):
    e = np.exp(z_neg)                  # 全部下溢为 0
    print("朴素 softmax(-z):", e / e.sum(), " 稳定 logsumexp(-z):", f"{logsumexp(z_neg):.4f}")
assert np.all(e == 0) and f"{logsumexp(z_neg):.4f}" == "-999.5924"

# log(softmax) 与 log_softmax：小概率下溢
small = torch.tensor([0.0, -200.0])
print("log(softmax):", torch.log(torch.softmax(small, 0)).tolist(), " log_softmax:", F.log_softmax(small, 0).tolist())
assert torch.isinf(torch.log(torch.softmax(small, 0))[1]) and F.log_softmax(small, 0)[1].item() == -200.0
