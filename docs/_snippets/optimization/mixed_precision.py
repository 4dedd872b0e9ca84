"""FP16/BF16 的数值范围，以及 autocast + GradScaler 的标准写法（无 GPU 时在 CPU 上用 BF16 运行）。"""
import torch
from torch import nn

for dt in (torch.float16, torch.bfloat16, torch.float32):
    fi = torch.finfo(dt)
    print(f"{str(dt):15s} max {fi.max:.6g}  最小正规数 {fi.smallest_normal:.4g}  eps {fi.eps:.4g}")

h = torch.float16
print("FP16：1e-8 存成", torch.tensor(1e-8, dtype=h).item(),
      "；乘以 65536 后", f"{torch.tensor(1e-8 * 65536, dtype=h).item():.4g}")
print("FP16：1 + 1e-4 =", (torch.tensor(1.0, dtype=h) + 1e-4).item(),
      "；FP32：1 + 1e-4 =", f"{(torch.tensor(1.0) + 1e-4).item():.7g}")
assert torch.tensor(1e-8, dtype=h).item() == 0.0                 # 梯度下溢为 0
assert torch.tensor(1e-8 * 65536, dtype=h).item() > 0            # 损失缩放后可表示
assert (torch.tensor(1.0, dtype=h) + 1e-4).item() == 1.0         # 小更新被舍入掉
assert torch.tensor(70000.0, dtype=h).isinf()                    # 超过 65504 上溢
assert torch.tensor(1e-8, dtype=torch.bfloat16).item() > 0       # BF16 指数范围同 FP32

# 训练循环：GPU 上用 FP16 + GradScaler，CPU 上用 BF16（不需要损失缩放）
device = "cuda" if torch.cuda.is_available() else "cpu"
amp_dtype = torch.float16 if device == "cuda" else torch.bfloat16
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1)).to(device)
opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
scaler = torch.amp.GradScaler(device, enabled=(amp_dtype == torch.float16))
X, y = torch.randn(256, 16, device=device), torch.randn(256, 1, device=device)
losses = []
for step in range(60):
    opt.zero_grad(set_to_none=True)
    with torch.autocast(device_type=device, dtype=amp_dtype):
        pred = model(X)                                  # 矩阵乘法以低精度执行
        loss = nn.functional.mse_loss(pred.float(), y)   # 损失在 FP32 中计算
    scaler.scale(loss).backward()                        # 未启用时 scale() 原样返回
    scaler.unscale_(opt)                                 # 裁剪前先还原真实梯度
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    scaler.step(opt)                                     # 梯度含 inf/NaN 时跳过这一步
    scaler.update()
    losses.append(loss.item())
assert pred.dtype == amp_dtype and next(model.parameters()).dtype == torch.float32
print(f"{device} / {amp_dtype}：损失 {losses[0]:.3f} → {losses[-1]:.3f}；参数仍是 FP32")
assert losses[-1] < 0.7 * losses[0]
