"""分层抽样：(1) 三层总体上三种方案的估计方差；(2) 不平衡数据的分层 K 折。"""
import numpy as np

# (1) 估计总体均值。W_h 层权重，Ybar_h 层均值，S_h 层标准差，样本量 n=100（忽略有限总体校正）
W = np.array([0.5, 0.3, 0.2])
Ybar = np.array([10.0, 20.0, 50.0])
S = np.array([2.0, 5.0, 20.0])
n = 100
mean = W @ Ybar                                  # 总体均值 21
within = W @ S**2                                # 层内方差的加权平均
between = W @ (Ybar - mean) ** 2                 # 层间方差
var_srs = (within + between) / n                 # 简单随机抽样：总体方差 S^2 ≈ 层内 + 层间
var_prop = within / n                            # 比例分配 n_h = n W_h
var_neyman = (W @ S) ** 2 / n                    # Neyman 最优分配 n_h ∝ W_h S_h
n_neyman = n * W * S / (W @ S)
print(f"Var(SRS) = {var_srs:.4f}, Var(proportional) = {var_prop:.4f}, Var(Neyman) = {var_neyman:.4f}")
print("Neyman allocation:", np.round(n_neyman, 1).tolist())
assert (round(var_srs, 4), round(var_prop, 4), round(var_neyman, 4)) == (3.185, 0.895, 0.4225)
assert np.round(n_neyman, 1).tolist() == [15.4, 23.1, 61.5]


# (2) 100 个样本、5 个正例，且数据按标签排好序（日志、数据库导出时很常见）
y = np.array([0] * 95 + [1] * 5)


def kfold_plain(n_samples, k):
    """不打乱、按顺序切成 k 折（相当于 KFold(shuffle=False)）"""
    return np.array_split(np.arange(n_samples), k)


def kfold_stratified(y, k):
    """每个类别内部按顺序轮流发到 k 折：各折的类别比例与整体一致"""
    folds = [[] for _ in range(k)]
    for c in np.unique(y):
        for j, idx in enumerate(np.flatnonzero(y == c)):
            folds[j % k].append(idx)
    return [np.array(f) for f in folds]


plain = [int(y[f].sum()) for f in kfold_plain(len(y), 5)]
strat = [int(y[f].sum()) for f in kfold_stratified(y, 5)]
print("positives per fold, plain  :", plain)
print("positives per fold, stratified:", strat)
assert plain == [0, 0, 0, 0, 5] and strat == [1, 1, 1, 1, 1]
