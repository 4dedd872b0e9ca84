"""转置卷积：输出尺寸、与“插零 + 填充 + 普通卷积”的等价、它是卷积的伴随（梯度）而非逆。"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)


def out_size(H, K, S=1, P=0, D=1, OP=0):
    return (H - 1) * S - 2 * P + D * (K - 1) + OP + 1


def tconv_by_zero_insertion(x, w, S, P, D, OP):
    """插 S-1 个零 -> 每侧补 D(K-1)-P（下/右再多补 OP）-> 用翻转且交换通道的核做步长 1 卷积。"""
    N, C, H, W = x.shape
    up = x.new_zeros(N, C, (H - 1) * S + 1, (W - 1) * S + 1)
    up[..., ::S, ::S] = x
    q = D * (w.shape[-1] - 1) - P
    up = F.pad(up, (q, q + OP, q, q + OP))             # q 为负时 F.pad 会裁剪
    w_conv = w.flip(-1, -2).transpose(0, 1)            # (C_in, C_out, K, K) -> (C_out, C_in, K, K)
    return F.conv2d(up, w_conv, dilation=D)


# 1) 与 F.conv_transpose2d 逐元素相同，尺寸符合公式
x = torch.randn(1, 2, 5, 5)
for K, S, P, D, OP in [(3, 2, 1, 1, 1), (4, 2, 1, 1, 0), (3, 3, 0, 2, 1), (5, 1, 2, 1, 0)]:
    w = torch.randn(2, 3, K, K)                        # ConvTranspose2d 权重形状 (C_in, C_out, K, K)
    ref = F.conv_transpose2d(x, w, stride=S, padding=P, output_padding=OP, dilation=D)
    assert ref.shape[-1] == out_size(5, K, S, P, D, OP)
    assert torch.allclose(ref, tconv_by_zero_insertion(x, w, S, P, D, OP), atol=1e-5)
print("插零 + 填充 + 普通卷积 == conv_transpose2d：通过")

# 2) 转置卷积就是卷积对输入的梯度（伴随算子 C^T），不是逆 C^{-1}
w = torch.randn(3, 2, 3, 3)                            # 普通卷积权重 (C_out, C_in, K, K)
xin = torch.randn(1, 2, 8, 8, requires_grad=True)
y = F.conv2d(xin, w, stride=2, padding=1)              # 8 -> 4
v = torch.randn_like(y)
(grad,) = torch.autograd.grad(y, xin, v)
back = F.conv_transpose2d(v, w, stride=2, padding=1, output_padding=1)
print("conv_transpose2d == conv2d 的输入梯度：", torch.allclose(grad, back, atol=1e-5))
assert torch.allclose(grad, back, atol=1e-5)
assert not torch.allclose(F.conv_transpose2d(y, w, stride=2, padding=1, output_padding=1), xin)

# 3) 步长 2 时 7 和 8 都卷成 4，反过来就要用 output_padding 指定
assert [(H + 2 - 3) // 2 + 1 for H in (7, 8)] == [4, 4]
print("4 -> ", out_size(4, 3, 2, 1), "或", out_size(4, 3, 2, 1, OP=1))
assert (out_size(4, 3, 2, 1), out_size(4, 3, 2, 1, OP=1)) == (7, 8)

# 4) 棋盘格：K 不能被 S 整除时，输出各位置被覆盖的次数不均匀
for K in (3, 4):
    cover = F.conv_transpose1d(torch.ones(1, 1, 4), torch.ones(1, 1, K), stride=2).flatten().int().tolist()
    print(f"K={K}, S=2 的覆盖次数：{cover}")
assert F.conv_transpose1d(torch.ones(1, 1, 4), torch.ones(1, 1, 3), stride=2).flatten().int().tolist() \
    == [1, 1, 2, 1, 2, 1, 2, 1, 1]
