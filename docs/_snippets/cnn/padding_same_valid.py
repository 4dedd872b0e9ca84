"""valid / TensorFlow SAME / full 三种填充的输出尺寸，以及 SAME 的不对称填充。"""
import math
import warnings
import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")   # 偶数核 + padding='same' 时 PyTorch 会提示要复制一份补零后的输入


def tf_same_pad(H, K, S, D=1):
    """TensorFlow padding='SAME'：输出 ceil(H/S)，总填充量为奇数时多出的 1 个像素补在下/右侧。"""
    k_eff = D * (K - 1) + 1
    total = max((math.ceil(H / S) - 1) * S + k_eff - H, 0)
    return total // 2, total - total // 2          # (上/左, 下/右)


torch.manual_seed(0)
for H, K, S in [(6, 3, 1), (6, 3, 2), (5, 3, 2), (6, 4, 1), (6, 2, 2)]:
    x, w = torch.randn(1, 1, H, H), torch.randn(1, 1, K, K)
    top, bottom = tf_same_pad(H, K, S)
    same = F.conv2d(F.pad(x, (top, bottom, top, bottom)), w, stride=S).shape[-1]
    valid = F.conv2d(x, w, stride=S).shape[-1]
    full = F.conv2d(x, w, padding=K - 1).shape[-1]          # full 通常只在步长 1 时讨论
    print(f"H={H} K={K} S={S}: SAME 补 (上{top}, 下{bottom}) -> {same}, valid -> {valid}, full(S=1) -> {full}")
    assert same == math.ceil(H / S) and valid == (H - K) // S + 1 and full == H + K - 1

# PyTorch 的 padding='same' 只支持步长 1；偶数核时多出的 1 列补在右侧（与 TF 相同）
w = torch.zeros(1, 1, 1, 2); w[..., 0] = 1.0        # 只取窗口第一个元素的核
row = torch.arange(1.0, 7.0).view(1, 1, 1, 6)
out = F.conv2d(row, w, padding="same").flatten().tolist()
print("K=2, padding='same':", out)                  # 若左侧补零，第一个输出会是 0
assert out == [1, 2, 3, 4, 5, 6]
