"""用线性回归做二分类 vs 逻辑回归：一个“离得很远但类别正确”的正样本对两者决策边界的影响。"""
import numpy as np

x_neg, x_pos = np.arange(1.0, 6.0), np.arange(6.0, 11.0)  # 负类 1..5，正类 6..10，线性可分


def fit_linear(x, y):
    """最小二乘闭式解（lstsq 求解正规方程），阈值 0.5 处的 x 为决策边界"""
    A = np.c_[np.ones_like(x), x]
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    return w, (0.5 - w[0]) / w[1]


def fit_logistic(x, y, lam=0.1, steps=50):
    """牛顿法（IRLS）最小化 对数损失 + (lam/2)·w1²；线性可分时不加正则则 MLE 不存在"""
    A = np.c_[np.ones_like(x), x]
    w = np.zeros(2)
    reg = np.diag([0.0, lam])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-A @ w))
        grad = A.T @ (p - y) + reg @ w
        hess = A.T @ (A * (p * (1 - p))[:, None]) + reg
        w -= np.linalg.solve(hess, grad)
    return w, -w[0] / w[1]


for extra in ([], [40.0]):
    x = np.r_[x_neg, x_pos, extra]
    y = np.r_[np.zeros(5), np.ones(5 + len(extra))]
    (a, b), t_lin = fit_linear(x, y)
    _, t_log = fit_logistic(x, y)
    errors = int(((x[:10] > t_lin) != y[:10]).sum())
    print(f"extra points {extra}: linear y = {a:.3f} + {b:.4f} x, boundary {t_lin:.2f} "
          f"({errors} of the 10 original points misclassified); logistic boundary {t_log:.2f}")
    if extra:
        assert (round(t_lin, 2), errors, round(t_log, 2)) == (6.76, 1, 5.5)
    else:
        assert (round(t_lin, 2), errors, round(t_log, 2)) == (5.5, 0, 5.5)
