"""线性自编码器 + MSE 学到的子空间与 PCA 前 k 个主成分张成的子空间相同。"""
import torch

torch.manual_seed(0)
n, d, k = 500, 6, 2
scales = torch.tensor([3.0, 2.0, 0.5, 0.3, 0.2, 0.1])
X = torch.randn(n, d) * scales @ torch.linalg.qr(torch.randn(d, d))[0]   # 各向异性数据，随机旋转
X = X - X.mean(0)                                                          # PCA 与 AE 都用中心化数据

# PCA：协方差的前 k 个特征向量；投影矩阵 P = U Uᵀ
U = torch.linalg.svd(X, full_matrices=False).Vh[:k].T          # (d, k)
P_pca = U @ U.T
mse_pca = ((X - X @ P_pca) ** 2).mean()

# 线性自编码器：h = W_e x，x̂ = W_d h，无激活、无偏置
enc, dec = torch.nn.Linear(d, k, bias=False), torch.nn.Linear(k, d, bias=False)
opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=0.05)
for _ in range(400):
    loss = ((dec(enc(X)) - X) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()

Wd = dec.weight.detach()                                        # (d, k)，列向量张成解码子空间
Q = torch.linalg.qr(Wd)[0]
P_ae = Q @ Q.T                                                   # AE 子空间的正交投影
print(f"重构 MSE：PCA = {mse_pca:.4f}，线性 AE = {loss.item():.4f}")
print(f"两个子空间投影矩阵之差 ‖P_pca − P_ae‖ = {torch.linalg.norm(P_pca - P_ae):.3f}")
gram = Wd.T @ Wd
print(f"解码器列向量 WdᵀWd 的非对角元 = {gram[0, 1]:.3f}（一般不为 0：AE 只确定子空间，不确定主方向）")
assert abs(loss.item() - mse_pca.item()) < 1e-3
assert torch.linalg.norm(P_pca - P_ae) < 1e-2
