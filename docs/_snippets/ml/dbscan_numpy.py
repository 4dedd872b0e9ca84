"""DBSCAN 的 NumPy 实现（暴力求距离矩阵），在 13 个点的小例子上输出核心点/边界点/噪声。

约定与原论文、scikit-learn 一致：ε 邻域包含点自身，|N_ε(p)| >= MinPts 的点是核心点。
"""
from collections import deque

import numpy as np

X = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1],       # A B C D E
              [5, 3], [6, 3], [5, 4], [6, 4], [7, 4],       # F G H I J
              [3.5, 2.5], [8, 0], [8, 1]], dtype=float)     # K L M
names = "ABCDEFGHIJKLM"
eps, min_pts = 1.5, 4


def dbscan(X, eps, min_pts):
    dist = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))
    neighbors = [np.flatnonzero(row <= eps) for row in dist]   # 含自身
    is_core = np.array([len(nb) >= min_pts for nb in neighbors])
    labels = np.full(len(X), -1)                                # -1 = 噪声（暂定）
    cluster = 0
    for p in range(len(X)):
        if labels[p] != -1 or not is_core[p]:
            continue
        cluster += 1                      # 从一个未归属的核心点出发扩展新簇
        labels[p] = cluster
        queue = deque([p])
        while queue:
            q = queue.popleft()
            if not is_core[q]:            # 边界点：归入簇，但不再向外扩展
                continue
            for r in neighbors[q]:
                if labels[r] == -1:
                    labels[r] = cluster
                    queue.append(r)
    counts = np.array([len(nb) for nb in neighbors])
    return labels, is_core, counts


labels, is_core, counts = dbscan(X, eps, min_pts)
kinds = []
for i, name in enumerate(names):
    kind = "core" if is_core[i] else ("border" if labels[i] > 0 else "noise")
    kinds.append(kind)
    print(f"{name} ({X[i, 0]:g}, {X[i, 1]:g}): |N_eps| = {counts[i]}, {kind:6s}, cluster {labels[i]}")

assert "".join(k[0] for k in kinds) == "ccccbccccbnnn"  # c=core, b=border, n=noise
assert labels.tolist() == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, -1, -1, -1]
