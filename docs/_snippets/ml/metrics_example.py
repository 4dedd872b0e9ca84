"""分类指标手算例子：10 个样本的打分与标签 → 混淆矩阵、P/R/F1、AUC、AP。"""
import numpy as np

scores = np.array([0.95, 0.85, 0.80, 0.70, 0.60, 0.55, 0.45, 0.40, 0.30, 0.20])
labels = np.array([1, 1, 0, 1, 1, 0, 0, 1, 0, 0])


def confusion(scores, labels, thr):
    pred = scores >= thr
    tp = int(np.sum(pred & (labels == 1)))
    fp = int(np.sum(pred & (labels == 0)))
    fn = int(np.sum(~pred & (labels == 1)))
    tn = int(np.sum(~pred & (labels == 0)))
    return tp, fp, fn, tn


def auc_by_pairs(scores, labels):
    """AUC = P(正样本得分 > 负样本得分)，平局记 1/2（Mann–Whitney U 统计量 / (n+ n-)）"""
    pos, neg = scores[labels == 1], scores[labels == 0]
    diff = pos[:, None] - neg[None, :]
    return float((diff > 0).mean() + 0.5 * (diff == 0).mean())


def average_precision(scores, labels):
    """AP = Σ_n (R_n - R_{n-1}) P_n，按得分从高到低逐个把样本判为正（无并列得分时）"""
    order = np.argsort(-scores)
    hits = labels[order] == 1
    precision_at_k = np.cumsum(hits) / np.arange(1, len(scores) + 1)
    return float(precision_at_k[hits].sum() / hits.sum())


tp, fp, fn, tn = confusion(scores, labels, 0.5)
p, r = tp / (tp + fp), tp / (tp + fn)
f1 = 2 * p * r / (p + r)
beta = 2.0
f2 = (1 + beta**2) * p * r / (beta**2 * p + r)
acc = (tp + tn) / len(labels)
auc, ap = auc_by_pairs(scores, labels), average_precision(scores, labels)
print(f"threshold 0.5: TP={tp} FP={fp} FN={fn} TN={tn}")
print(f"accuracy={acc:.3f} precision={p:.3f} recall={r:.3f} F1={f1:.3f} F2={f2:.3f}")
print(f"AUC={auc:.3f} AP={ap:.3f}")
assert (tp, fp, fn, tn) == (4, 2, 1, 3)
assert (round(p, 3), round(r, 3), round(f1, 3), round(f2, 3)) == (0.667, 0.8, 0.727, 0.769)
assert (round(auc, 3), round(ap, 3)) == (0.8, 0.835)

# 负样本扩大 10 倍（每个负样本复制 10 份，得分分布不变）：ROC/AUC 不变，精确率骤降
scores10 = np.concatenate([scores[labels == 1], np.repeat(scores[labels == 0], 10)])
labels10 = np.concatenate([np.ones(5, int), np.zeros(50, int)])
tp, fp, fn, tn = confusion(scores10, labels10, 0.5)
p10 = tp / (tp + fp)
auc10, ap10 = auc_by_pairs(scores10, labels10), average_precision(scores10, labels10)
print(f"10x negatives: precision={p10:.3f} recall={tp / (tp + fn):.3f} AUC={auc10:.3f} AP={ap10:.3f}")
assert (round(p10, 3), round(auc10, 3), round(ap10, 3)) == (0.167, 0.8, 0.532)
