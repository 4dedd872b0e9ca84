"""线性 RNN 的 ∂h_T/∂h_0 = (aQ)^T：谱范数正好是 a^T，a<1 指数消失，a>1 指数爆炸。"""
import torch

torch.manual_seed(0)
d = 16
Q, _ = torch.linalg.qr(torch.randn(d, d, dtype=torch.float64))  # 正交矩阵，奇异值全为 1


def jacobian_norm(a: float, T: int, act) -> float:
    W_hh = a * Q

    def run(h0):
        h = h0
        for _ in range(T):
            h = act(W_hh @ h)
        return h

    J = torch.autograd.functional.jacobian(run, torch.full((d,), 0.1, dtype=torch.float64))
    return torch.linalg.matrix_norm(J, ord=2).item()  # 谱范数


for a in (0.9, 1.1):
    for T in (10, 50):
        n = jacobian_norm(a, T, lambda z: z)          # 线性 RNN
        print(f"a={a}, T={T}: ||dh_T/dh_0|| = {n:.4g}")
        assert abs(n - a**T) < 1e-9 * max(1.0, a**T)

n_tanh = jacobian_norm(0.9, 50, torch.tanh)           # tanh 只会让它更小：|tanh'| <= 1
print(f"tanh, a=0.9, T=50: {n_tanh:.3g} <= 0.9^50 = {0.9**50:.3g}")
assert n_tanh <= 0.9**50
