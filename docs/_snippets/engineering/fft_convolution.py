"""卷积定理：补零到 n+k-1 后做 FFT、逐点相乘、逆 FFT，结果等于直接（线性）卷积。"""
import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=1000)          # 信号，长度 n
w = rng.normal(size=301)           # 卷积核，长度 k

direct = np.convolve(x, w)         # 线性卷积，长度 n + k - 1 = 1300
L = len(x) + len(w) - 1
fft_conv = np.fft.irfft(np.fft.rfft(x, L) * np.fft.rfft(w, L), L)
print("长度:", len(direct), len(fft_conv))
print("FFT 卷积与直接卷积一致:", np.allclose(direct, fft_conv))
assert len(direct) == len(fft_conv) == 1300 and np.allclose(direct, fft_conv)

# 不补零时得到的是循环卷积：尾部“绕回”开头，与线性卷积不同
circular = np.fft.irfft(np.fft.rfft(x) * np.fft.rfft(w, len(x)), len(x))
print("不补零（循环卷积）与线性卷积前 1000 项一致:", np.allclose(circular, direct[:1000]))
assert not np.allclose(circular, direct[:1000])

# 深度学习框架里的“卷积”其实是互相关：把核翻转后再做卷积即可
xcorr = np.correlate(x, w, mode="valid")
print("互相关 = 翻转核后卷积:", np.allclose(xcorr, np.convolve(x, w[::-1], mode="valid")))
assert np.allclose(xcorr, np.convolve(x, w[::-1], mode="valid"))
