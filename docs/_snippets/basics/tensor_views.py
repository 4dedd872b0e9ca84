"""张量的形状、步长（stride）、视图与广播：打印并断言。"""
import torch

x = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
print("shape:", tuple(x.shape), "ndim:", x.ndim, "dtype:", x.dtype, "device:", x.device)
print("stride:", x.stride())  # 行优先：最后一维步长为 1
assert tuple(x.shape) == (2, 3, 4) and x.stride() == (12, 4, 1)

# 转置只改 shape 和 stride，不搬数据：得到共享存储的视图
t = x.transpose(0, 2)
print("transpose 后 shape:", tuple(t.shape), "stride:", t.stride(), "contiguous:", t.is_contiguous())
assert tuple(t.shape) == (4, 3, 2) and t.stride() == (1, 4, 12) and not t.is_contiguous()
assert t.data_ptr() == x.data_ptr()  # 同一块内存

# view 也是视图：改 v 就改了 x
v = x.view(6, 4)
v[0, 0] = 100.0
print("x[0, 0, 0] =", x[0, 0, 0].item())
assert x[0, 0, 0].item() == 100.0

# 非连续张量不能直接 view，reshape 会在必要时复制
try:
    t.view(24)
    raise AssertionError("应当报错")
except RuntimeError:
    print("t.view(24) 报 RuntimeError；t.reshape(24) 或 t.contiguous().view(24) 可以")
r = t.reshape(24)
assert r.data_ptr() != x.data_ptr()  # 这次发生了复制

# 广播：从最后一维对齐，大小相等或其中一个为 1 即可
a = torch.arange(3.0).reshape(3, 1)  # (3, 1)
b = torch.arange(4.0)                # (4,) 视作 (1, 4)
c = a + b
print("(3, 1) + (4,) ->", tuple(c.shape))
assert tuple(c.shape) == (3, 4) and c[2, 3].item() == 5.0
e = b.expand(3, 4)                   # 广播不复制数据：被扩展的维步长为 0
print("expand 后 stride:", e.stride())
assert e.stride() == (0, 1)

# 同一个 NCHW 形状的两种内存布局
img = torch.zeros(1, 3, 4, 5)                       # (N, C, H, W)
cl = img.contiguous(memory_format=torch.channels_last)
print("NCHW stride:", img.stride(), " channels_last(NHWC) stride:", cl.stride())
assert img.stride() == (60, 20, 5, 1) and cl.stride() == (60, 1, 15, 3)
