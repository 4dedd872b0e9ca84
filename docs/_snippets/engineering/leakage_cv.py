"""数据泄露演示：标签是纯随机的，但先在全部数据上选特征、再做交叉验证，准确率会虚高。"""
import numpy as np

rng = np.random.default_rng(0)
n, p, k_keep, folds = 50, 5000, 20, 5
X = rng.normal(size=(n, p))              # 5000 个纯噪声特征
y = rng.integers(0, 2, n)                # 随机标签：任何方法的真实准确率都是 50%


def top_features(X, y, k):
    """按特征与标签的相关系数绝对值选前 k 个。"""
    Xc, yc = X - X.mean(0), y - y.mean()
    corr = (Xc * yc[:, None]).sum(0) / (np.linalg.norm(Xc, axis=0) * np.linalg.norm(yc))
    return np.argsort(-np.abs(corr))[:k]


def nearest_centroid_acc(Xtr, ytr, Xte, yte):
    c0, c1 = Xtr[ytr == 0].mean(0), Xtr[ytr == 1].mean(0)
    pred = (np.linalg.norm(Xte - c1, axis=1) < np.linalg.norm(Xte - c0, axis=1)).astype(int)
    return np.mean(pred == yte)


fold_id = np.arange(n) % folds
wrong_feats = top_features(X, y, k_keep)          # 错误：选特征时看过了验证折的标签
wrong, right = [], []
for k in range(folds):
    tr, te = fold_id != k, fold_id == k
    wrong.append(nearest_centroid_acc(X[tr][:, wrong_feats], y[tr], X[te][:, wrong_feats], y[te]))
    feats = top_features(X[tr], y[tr], k_keep)     # 正确：只在训练折上选特征
    right.append(nearest_centroid_acc(X[tr][:, feats], y[tr], X[te][:, feats], y[te]))
print(f"先选特征再交叉验证（泄露）：{np.mean(wrong):.2f}")
print(f"每折内部选特征（正确）：{np.mean(right):.2f}")
assert np.mean(wrong) > 0.8 and abs(np.mean(right) - 0.5) < 0.2
