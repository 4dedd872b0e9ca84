"""同一个线性回归问题：原始特征 vs. 用训练集统计量做 z-score 标准化后，梯度下降需要的步数。"""
import numpy as np

rng = np.random.default_rng(0)
n_train, n_test = 500, 200
# 两个特征：均值 1、标准差 1，以及均值 10、标准差 5（量纲不同）
X = np.column_stack([rng.normal(1, 1, n_train + n_test), rng.normal(10, 5, n_train + n_test)])
y = X @ np.array([2.0, -0.3]) + 1.0 + rng.normal(0, 0.1, n_train + n_test)
X_tr, X_te, y_tr, y_te = X[:n_train], X[n_train:], y[:n_train], y[n_train:]

# 只在训练集上估计统计量，再原样用于测试集（避免数据泄露）
mu, sigma = X_tr.mean(axis=0), X_tr.std(axis=0)
Z_tr, Z_te = (X_tr - mu) / sigma, (X_te - mu) / sigma


def gd_steps(F, y, tol=1e-6, max_steps=1_000_000):
    """带截距的最小二乘；学习率取 1/λ_max（保证收敛），数到相对误差 < tol 为止。"""
    A = np.column_stack([np.ones(len(F)), F])
    H = A.T @ A / len(A)                                   # 损失 (1/2n)||Aw − y||² 的 Hessian
    lam = np.linalg.eigvalsh(H)
    w_star = np.linalg.lstsq(A, y, rcond=None)[0]
    w, eta = np.zeros(A.shape[1]), 1.0 / lam[-1]
    for step in range(1, max_steps + 1):
        w -= eta * (H @ w - A.T @ y / len(A))
        if np.linalg.norm(w - w_star) < tol * np.linalg.norm(w_star):
            return step, lam[-1] / lam[0]
    return max_steps, lam[-1] / lam[0]


steps_raw, kappa_raw = gd_steps(X_tr, y_tr)
steps_std, kappa_std = gd_steps(Z_tr, y_tr)
print(f"原始特征：条件数 {kappa_raw:,.0f}，梯度下降 {steps_raw:,} 步")
print(f"标准化后：条件数 {kappa_std:.2f}，梯度下降 {steps_std} 步")
print("测试集标准化后的均值（不必恰为 0）:", np.round(Z_te.mean(axis=0), 3))

assert kappa_raw > 500 and kappa_std < 1.1
assert steps_raw > 100 * steps_std
