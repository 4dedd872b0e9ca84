"""微调的三种常见写法：冻结前面的层、替换分类头、给不同层设置不同学习率。"""
import torch
from torch import nn

torch.manual_seed(0)
# 用一个小网络代替预训练骨干（实际中是 torchvision / timm / transformers 加载的 ResNet、ViT、BERT 等）
backbone = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),    # 低层：通用边缘/颜色特征
    nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),   # 高层：更贴近原任务
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),
)
head = nn.Linear(32, 5)                       # 新任务 5 类：分类头总是重新初始化
model = nn.Sequential(backbone, head)

for p in backbone[:3].parameters():           # 冻结第一组卷积 + BN
    p.requires_grad_(False)
backbone[1].eval()                            # 冻结的 BN 也不再更新 running mean/var（需在每次 model.train() 之后重新调用）

opt = torch.optim.AdamW([                     # 判别式学习率：越靠近输入，学习率越小
    {"params": backbone[3:].parameters(), "lr": 1e-4},
    {"params": head.parameters(), "lr": 1e-3},
], weight_decay=0.01)

trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
total = sum(p.numel() for p in model.parameters())
print(f"可训练参数 {trainable} / 总参数 {total}")

w0, rm0 = backbone[0].weight.clone(), backbone[1].running_mean.clone()
x, y = torch.randn(8, 3, 16, 16), torch.randint(0, 5, (8,))
loss = nn.functional.cross_entropy(model(x), y)
loss.backward()
opt.step()
frozen_ok = torch.equal(backbone[0].weight, w0) and torch.equal(backbone[1].running_mean, rm0)
print("冻结层的权重和 BN 统计量保持不变:", frozen_ok)
assert frozen_ok and trainable == 4640 + 64 + 165 and total == trainable + 448 + 32
