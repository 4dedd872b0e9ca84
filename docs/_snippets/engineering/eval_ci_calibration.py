"""测试集准确率的置信区间，以及期望校准误差（ECE）与温度缩放。"""
import numpy as np

rng = np.random.default_rng(0)

# 1) 1000 个测试样本上准确率 0.90：正态近似的 95% 置信区间，并用 bootstrap 复核
n, acc = 1000, 0.90
se = np.sqrt(acc * (1 - acc) / n)
print(f"SE = {se:.4f}，95% CI = [{acc - 1.96 * se:.3f}, {acc + 1.96 * se:.3f}]")
correct = np.r_[np.ones(900), np.zeros(100)]
boot = [rng.choice(correct, n).mean() for _ in range(2000)]
lo, hi = np.percentile(boot, [2.5, 97.5])
assert abs(lo - (acc - 1.96 * se)) < 0.005 and abs(hi - (acc + 1.96 * se)) < 0.005


# 2) 一个“过度自信”的二分类模型：真实正类概率是 σ(z/2)，模型却输出 σ(z)
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def ece(prob_pos, y, bins=10):
    """按预测置信度 max(p, 1-p) 分箱：ECE = Σ_b (n_b/n)·|acc_b − conf_b|。"""
    conf = np.maximum(prob_pos, 1 - prob_pos)
    correct = (prob_pos >= 0.5) == (y == 1)
    edges = np.linspace(0.5, 1.0, bins + 1)
    idx = np.clip(np.digitize(conf, edges) - 1, 0, bins - 1)
    return sum(np.mean(idx == b) * abs(correct[idx == b].mean() - conf[idx == b].mean())
               for b in range(bins) if np.any(idx == b))


z = rng.normal(0, 4, 20000)                        # 模型的 logit
y = (rng.random(20000) < sigmoid(z / 2)).astype(int)
val, test = slice(0, 10000), slice(10000, None)    # 温度只在验证集上拟合
Ts = np.linspace(0.5, 4, 351)
nll = [-np.mean(y[val] * np.log(sigmoid(z[val] / T)) + (1 - y[val]) * np.log(1 - sigmoid(z[val] / T)))
       for T in Ts]
T_best = Ts[int(np.argmin(nll))]
before, after = ece(sigmoid(z[test]), y[test]), ece(sigmoid(z[test] / T_best), y[test])
print(f"ECE 校准前 = {before:.3f}，温度 T = {T_best:.2f}，校准后 = {after:.3f}")
assert 1.8 < T_best < 2.2 and after < before / 3
