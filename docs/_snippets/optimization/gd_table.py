"""梯度下降最小化 f(x) = (x − 1)²：x ← x − η·f'(x)，打印迭代表。"""
f = lambda x: (x - 1) ** 2        # noqa: E731
df = lambda x: 2 * (x - 1)        # noqa: E731

eta, x = 0.1, 4.0                 # 学习率与起点
rows = []
for k in range(11):
    rows.append((k, x, f(x), df(x)))
    x = x - eta * df(x)           # 误差 x − 1 每步乘以 1 − 2η = 0.8

print(" k      x_k     f(x_k)    f'(x_k)")
for k, xk, fk, gk in rows:
    if k <= 5 or k == 10:
        print(f"{k:2d}  {xk:8.4f}  {fk:8.4f}  {gk:8.4f}")
    # 闭式解：x_k = 1 + 3·0.8^k
    assert abs(xk - (1 + 3 * 0.8 ** k)) < 1e-12
assert f"{rows[10][1]:.4f}" == "1.3221"
