"""Gatys 风格迁移的内容损失、Gram 矩阵与单层风格损失（特征用随机张量代替 VGG 输出）。"""
import torch

torch.manual_seed(0)


def gram(feat):
    """feat: (N_l, H, W) 一层特征图 -> (N_l, N_l) Gram 矩阵 G_ij = Σ_k F_ik F_jk。"""
    F = feat.flatten(1)              # (N_l, M_l)，M_l = H·W
    return F @ F.T


def style_layer_loss(feat_x, feat_s):
    """E_l = Σ (G - A)^2 / (4 N_l^2 M_l^2)。"""
    N, M = feat_x.shape[0], feat_x.shape[1] * feat_x.shape[2]
    return ((gram(feat_x) - gram(feat_s)) ** 2).sum() / (4 * N**2 * M**2)


def content_loss(feat_x, feat_c):
    """L_content = ½ Σ (F - P)^2。"""
    return 0.5 * ((feat_x - feat_c) ** 2).sum()


fx, fs, fc = torch.randn(3, 8, 6, 5).unbind(0)   # N_l = 8 个通道，6×5 空间位置
G = gram(fx)
G_loop = torch.tensor([[sum(fx.flatten(1)[i, k] * fx.flatten(1)[j, k] for k in range(30))
                        for j in range(8)] for i in range(8)])
assert torch.allclose(G, G_loop, atol=1e-5)
assert G.shape == (8, 8) and torch.allclose(G, G.T, atol=1e-5)

# 另一种写法：用 F.mse_loss 求和再除以 4 N^2 M^2，两者应一致
E_l = style_layer_loss(fx, fs)
E_l_ref = torch.nn.functional.mse_loss(gram(fx), gram(fs), reduction="sum") / (4 * 8**2 * 30**2)
print(f"E_l = {E_l.item():.4f}，mse_loss 写法 = {E_l_ref.item():.4f}")
assert torch.allclose(E_l, E_l_ref)

# 把空间位置打乱，Gram 矩阵不变：它只记录通道之间的相关，不记录“在哪里”
perm = torch.randperm(30)
fx_shuffled = fx.flatten(1)[:, perm].reshape(8, 6, 5)
same_gram = torch.allclose(gram(fx_shuffled), G, atol=1e-5)
content_changed = content_loss(fx_shuffled, fx).item() > 1.0
print(f"打乱空间位置后 Gram 不变: {same_gram}，内容损失变大: {content_changed}")
assert same_gram and content_changed
