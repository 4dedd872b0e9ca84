"""手写 RNN 递推 h_t = tanh(W x_t + U h_{t-1} + b)，与 nn.RNN 逐步对比，并数参数量。"""
import torch

torch.manual_seed(0)
d_x, d_h, T = 4, 3, 5
rnn = torch.nn.RNN(d_x, d_h, batch_first=True)  # 默认 nonlinearity="tanh"
x = torch.randn(1, T, d_x)                       # (batch, 时间步, 特征)
out, h_last = rnn(x)                             # out: 每一步的 h_t

W, U = rnn.weight_ih_l0, rnn.weight_hh_l0        # (d_h, d_x), (d_h, d_h)
b = rnn.bias_ih_l0 + rnn.bias_hh_l0              # PyTorch 存两组偏置，相加即公式里的 b
h = torch.zeros(d_h)                             # h_0 = 0
with torch.no_grad():
    for t in range(T):                           # 同一组 W、U、b 用于每个时间步
        h = torch.tanh(W @ x[0, t] + U @ h + b)
        assert torch.allclose(h, out[0, t], atol=1e-6)
print("手写递推与 nn.RNN 的 5 个时间步全部一致")

n = sum(p.numel() for p in torch.nn.RNN(128, 256).parameters())
print("nn.RNN(128, 256) 参数量:", n)
assert n == 256 * 128 + 256 * 256 + 2 * 256 == 98816
