"""最小的 Helmholtz 机：4 个可见单元（2×2 图像里的一根横条或竖条）+ 4 个隐单元，用 wake-sleep 训练。"""
import itertools

import numpy as np

rng = np.random.default_rng(0)
data = np.array([[1, 1, 0, 0], [0, 0, 1, 1],      # 两根横条
                 [1, 0, 1, 0], [0, 1, 0, 1]], float)  # 两根竖条
n_v, n_h, eps = 4, 4, 0.1


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sample(p):
    return (rng.random(p.shape) < p).astype(float)


b_top = np.zeros(n_h)                                          # 生成模型：顶层偏置
W_gen, c_gen = rng.normal(0, 0.1, (n_h, n_v)), np.zeros(n_v)   # 生成权重 h -> v
W_rec, c_rec = rng.normal(0, 0.1, (n_v, n_h)), np.zeros(n_h)   # 识别权重 v -> h


def kl_data_model():
    """精确计算 KL(p_data || p_model)：枚举 16 个隐状态，把 p(v) 全部加出来。"""
    V = np.array(list(itertools.product([0, 1], repeat=n_v)), float)
    p_model = np.zeros(len(V))
    for h in itertools.product([0, 1], repeat=n_h):
        h = np.array(h, float)
        p_h = np.prod(np.where(h == 1, sigmoid(b_top), 1 - sigmoid(b_top)))
        pv = sigmoid(h @ W_gen + c_gen)
        p_model += p_h * np.prod(np.where(V == 1, pv, 1 - pv), axis=1)
    p_data = np.array([0.25 if any((v == d).all() for d in data) else 0.0 for v in V])
    mask = p_data > 0
    return np.sum(p_data[mask] * np.log(p_data[mask] / p_model[mask])), p_model[mask].sum()


kl0, _ = kl_data_model()
for step in range(20000):
    # wake：识别权重自下而上采样隐状态，训练生成权重去重建它下面的一层
    v = data[rng.integers(len(data))]
    h = sample(sigmoid(v @ W_rec + c_rec))
    p_v = sigmoid(h @ W_gen + c_gen)
    W_gen += eps * np.outer(h, v - p_v)
    c_gen += eps * (v - p_v)
    b_top += eps * (h - sigmoid(b_top))
    # sleep：生成权重自上而下做一次“梦”，训练识别权重从梦里的 v 猜回 h
    h_f = sample(sigmoid(b_top))
    v_f = sample(sigmoid(h_f @ W_gen + c_gen))
    q_h = sigmoid(v_f @ W_rec + c_rec)
    W_rec += eps * np.outer(v_f, h_f - q_h)
    c_rec += eps * (h_f - q_h)

kl1, mass = kl_data_model()
print(f"KL(p_data‖p_model)：训练前 {kl0:.3f}，训练后 {kl1:.3f}")
print(f"模型分配给 4 个训练图案的总概率 = {mass:.3f}")
assert kl1 < 0.1 < kl0 and mass > 0.9
