"""偏差-方差分解的数值模拟：用不同阶数的多项式拟合 sin(2πx)，估计 Bias²、Var 与测试误差。"""
import numpy as np

P = np.polynomial.polynomial
sigma = 0.3                                   # 噪声标准差，σ² = 0.09
x_train = np.linspace(0, 1, 15)               # 固定的 15 个训练输入，每次只重新抽噪声
x_test = np.linspace(0, 1, 50)


def f(x):                                     # 真实函数
    return np.sin(2 * np.pi * x)


def simulate(degree, rng, n_sets=2000):
    preds = np.empty((n_sets, len(x_test)))
    for r in range(n_sets):                   # 每个训练集拟合一个 f̂
        y = f(x_train) + rng.normal(0, sigma, len(x_train))
        preds[r] = P.polyval(x_test, P.polyfit(x_train, y, degree))
    mean_pred = preds.mean(axis=0)            # E_D[f̂(x)]
    bias2 = np.mean((f(x_test) - mean_pred) ** 2)
    var = np.mean(preds.var(axis=0))
    y_test = f(x_test) + rng.normal(0, sigma, preds.shape)   # 全新的带噪测试标签
    mse = np.mean((y_test - preds) ** 2)
    return bias2, var, mse


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    print("阶数  Bias²  Var    σ²     三项和  测试 MSE")
    for degree in [1, 3, 12]:
        bias2, var, mse = simulate(degree, rng)
        total = bias2 + var + sigma**2
        print(f"{degree:>4}  {bias2:.3f}  {var:.3f}  {sigma**2:.3f}  {total:.3f}   {mse:.3f}")
        assert abs(total - mse) < 0.01        # 三项之和与直接估计的测试误差吻合
