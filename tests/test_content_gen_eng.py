"""Checks for the chapters 生成模型与无监督学习 (docs/generative/) and 工程与应用 (docs/engineering/).

The formulas on the pages are re-implemented here and compared with independent computations
(brute-force enumeration, autograd, torch.distributions, torch.nn.CTCLoss, np.convolve,
torch.nn.utils.fusion); every worked-example number printed on a page is recomputed and looked
up in the page source.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import itertools
import math
import re
import runpy
from pathlib import Path

import numpy as np
import pytest
import torch

try:
    from conftest import page_text
except ImportError:  # pragma: no cover - fallback if the shared helper is missing
    def page_text(rel: str) -> str:
        return (Path(__file__).parents[1] / "docs" / rel).read_text(encoding="utf-8")

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "docs" / "_snippets"


def run_snippet(rel: str) -> str:
    """Run a snippet in-process (as __main__) and return what it prints."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(str(SNIPPETS / rel), run_name="__main__")
    return buf.getvalue()


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# ------------------------------------------------------------------ style transfer

def test_gram_matrix_and_style_loss_formulas():
    torch.manual_seed(1)
    N, H, W = 5, 4, 3
    M = H * W
    fx = torch.randn(N, H, W, dtype=torch.float64, requires_grad=True)
    fs = torch.randn(N, H, W, dtype=torch.float64)
    F_ = fx.flatten(1)
    # G_ij = sum_k F_ik F_jk, written as an explicit triple loop
    G_loop = torch.zeros(N, N, dtype=torch.float64)
    for i in range(N):
        for j in range(N):
            G_loop[i, j] = sum(F_[i, k] * F_[j, k] for k in range(M))
    G = torch.einsum("ik,jk->ij", F_, F_)
    assert torch.allclose(G, G_loop)
    A = torch.einsum("ik,jk->ij", fs.flatten(1), fs.flatten(1))
    E = ((G - A) ** 2).sum() / (4 * N**2 * M**2)
    E_ref = torch.nn.functional.mse_loss(F_ @ F_.T, A, reduction="mean") * N**2 / (4 * N**2 * M**2)
    assert torch.allclose(E, E_ref)
    # Gatys et al.: dE_l/dF = (F^T (G - A))^T / (N^2 M^2) (before the ReLU mask)
    (grad,) = torch.autograd.grad(E, fx)
    expected = ((G - A) @ F_).detach() / (N**2 * M**2)
    assert torch.allclose(grad.flatten(1), expected)
    # content loss 1/2 sum (F - P)^2 has gradient F - P
    P = torch.randn(N, H, W, dtype=torch.float64)
    (g_c,) = torch.autograd.grad(0.5 * ((fx - P) ** 2).sum(), fx)
    assert torch.allclose(g_c, (fx - P).detach())


def test_gram_is_invariant_to_spatial_permutation():
    torch.manual_seed(2)
    feat = torch.randn(6, 20, dtype=torch.float64)
    perm = torch.randperm(20)
    assert torch.allclose(feat @ feat.T, feat[:, perm] @ feat[:, perm].T)


def test_style_transfer_page_formulas():
    text = page_text("generative/style-transfer.md")
    assert r"G^l_{ij} = \sum_{k=1}^{M_l} F^l_{ik}F^l_{jk}" in text
    assert r"E_l = \frac{1}{4N_l^2M_l^2}\sum_{i,j}\big(G^l_{ij}-A^l_{ij}\big)^2" in text
    assert r"\alpha\,\mathcal L_\text{content}(p,x) + \beta\,\mathcal L_\text{style}(a,x)" in text
    assert r"\sigma(y)\,\frac{x-\mu(x)}{\sigma(x)} + \mu(y)" in text


# ------------------------------------------------------------------ VAE / diffusion

def test_gaussian_kl_closed_form_matches_torch():
    from torch.distributions import Normal, kl_divergence

    torch.manual_seed(3)
    for d in (1, 4, 16):
        mu = torch.randn(d, dtype=torch.float64)
        logvar = torch.randn(d, dtype=torch.float64)
        closed = 0.5 * (mu**2 + logvar.exp() - 1 - logvar).sum()
        ref = kl_divergence(Normal(mu, (0.5 * logvar).exp()), Normal(0.0, 1.0)).sum()
        assert torch.allclose(closed, ref)
    # the worked example on the page
    mu = torch.tensor([0.5, -1.0, 0.0])
    logvar = torch.tensor([0.0, -0.5, 1.0])
    kl = kl_divergence(Normal(mu, (0.5 * logvar).exp()), Normal(0.0, 1.0)).sum().item()
    text = page_text("generative/vae-gan-diffusion.md")
    assert f"KL 为 {kl:.4f}" in text
    assert r"\frac12\sum_{j=1}^{d}\big(\mu_j^2+\sigma_j^2-1-\log\sigma_j^2\big)" in text


def test_reparameterisation_gradient():
    # E[z^2] = mu^2 + sigma^2: exact gradients 2 mu and 2 sigma
    torch.manual_seed(0)  # same seed and draw order as docs/_snippets/generative/vae_kl_reparam.py
    m = torch.tensor(1.5, requires_grad=True)
    s = torch.tensor(0.8, requires_grad=True)
    eps = torch.randn(200_000)
    ((m + s * eps) ** 2).mean().backward()
    assert abs(m.grad.item() - 3.0) < 0.02 and abs(s.grad.item() - 1.6) < 0.02
    # sampling z directly (no reparameterisation) gives no gradient path to mu and sigma
    z = torch.distributions.Normal(m, s).sample((10,))
    assert not z.requires_grad
    text = page_text("generative/vae-gan-diffusion.md")
    assert "精确梯度为 $\\partial/\\partial\\mu=3.00$、$\\partial/\\partial\\sigma=1.60$" in text
    assert f"得到 {m.grad.item():.2f} 和 {s.grad.item():.2f}" in text


def test_diffusion_closed_form_forward_process():
    T = 1000
    betas = np.linspace(1e-4, 0.02, T)
    abar = np.cumprod(1 - betas)
    text = page_text("generative/vae-gan-diffusion.md")
    mant, exp = f"{abar[-1]:.1e}".split("e")
    assert rf"\bar\alpha_{{1000}}\approx{mant}\times10^{{{int(exp)}}}" in text
    # iterate q(x_t | x_{t-1}) and compare with N(sqrt(abar_t) x0, (1 - abar_t) I)
    rng = np.random.default_rng(0)
    x0, t_stop = 1.5, 200
    x = np.full(50_000, x0)
    for t in range(t_stop):
        x = np.sqrt(1 - betas[t]) * x + np.sqrt(betas[t]) * rng.standard_normal(x.shape)
    assert abs(x.mean() - np.sqrt(abar[t_stop - 1]) * x0) < 0.02
    assert abs(x.var() - (1 - abar[t_stop - 1])) < 0.02
    assert r"q(x_t\mid x_0) = \mathcal N\big(\sqrt{\bar\alpha_t}\,x_0,\ (1-\bar\alpha_t)I\big)" in text


# ------------------------------------------------------------------ RBM

def rbm_bruteforce(W, a, b, v):
    n_v, n_h = W.shape
    hs = np.array(list(itertools.product([0, 1], repeat=n_h)), float)
    weights = np.exp(a @ v + hs @ b + hs @ (W.T @ v))   # e^{-E(v, h)} for every h
    return (weights[:, None] * hs).sum(0) / weights.sum()


def test_rbm_conditional_matches_bruteforce_marginal():
    rng = np.random.default_rng(5)
    for n_v, n_h in [(3, 2), (4, 3), (2, 5)]:
        W, a, b = rng.normal(size=(n_v, n_h)), rng.normal(size=n_v), rng.normal(size=n_h)
        for v in itertools.product([0, 1], repeat=n_v):
            v = np.array(v, float)
            assert np.allclose(rbm_bruteforce(W, a, b, v), sigmoid(b + v @ W))
        # and symmetrically p(v_i = 1 | h)
        h = rng.integers(0, 2, n_h).astype(float)
        assert np.allclose(rbm_bruteforce(W.T, b, a, h), sigmoid(a + W @ h))


def test_rbm_free_energy_and_likelihood_gradient():
    torch.manual_seed(0)
    n_v, n_h = 3, 2
    W = torch.randn(n_v, n_h, dtype=torch.float64, requires_grad=True)
    a = torch.randn(n_v, dtype=torch.float64)
    b = torch.randn(n_h, dtype=torch.float64)
    V = torch.tensor(list(itertools.product([0.0, 1.0], repeat=n_v)), dtype=torch.float64)
    H = torch.tensor(list(itertools.product([0.0, 1.0], repeat=n_h)), dtype=torch.float64)

    def free_energy(v):
        return -(v @ a) - torch.nn.functional.softplus(b + v @ W).sum(-1)

    # F(v) = -log sum_h e^{-E(v,h)}
    E = -(V @ a)[:, None] - (H @ b)[None, :] - V @ W @ H.T
    assert torch.allclose(free_energy(V), -torch.logsumexp(-E, dim=1))
    v0 = V[5]
    logp = -free_energy(v0) - torch.logsumexp(-free_energy(V), dim=0)
    (grad,) = torch.autograd.grad(logp, W)
    with torch.no_grad():
        p_v = torch.softmax(-free_energy(V), dim=0)
        ph = torch.sigmoid(b + V @ W)
        model_term = (p_v[:, None, None] * V[:, :, None] * ph[:, None, :]).sum(0)
        data_term = torch.outer(v0, torch.sigmoid(b + v0 @ W))
    assert torch.allclose(grad, data_term - model_term)


def test_rbm_page_numbers_and_formulas():
    rng = np.random.default_rng(0)  # same draws as docs/_snippets/generative/rbm_conditional.py
    W, a, b = rng.normal(0, 1, (3, 2)), rng.normal(0, 1, 3), rng.normal(0, 1, 2)
    p = rbm_bruteforce(W, a, b, np.array([1.0, 0.0, 1.0]))
    text = page_text("generative/boltzmann-machine.md")
    assert f"p(h=1\\mid v)=({p[0]:.4f}, {p[1]:.4f})" in text
    assert r"E(v,h) = -a^\top v - b^\top h - v^\top W h" in text
    assert r"p(h_j=1\mid v) = \frac{e^{\,b_j+\sum_i v_iW_{ij}}}{1+e^{\,b_j+\sum_i v_iW_{ij}}} = \sigma\Big(b_j+\sum_i v_iW_{ij}\Big)" in text
    assert r"\Delta W = \eta\Big(\langle v h^\top\rangle_\text{data} - \langle v h^\top\rangle_\text{recon}\Big)" in text


# ------------------------------------------------------------------ GAN

def test_gan_optimal_discriminator_on_discrete_distribution():
    p_data = np.array([0.5, 0.3, 0.2])
    p_g = np.array([0.2, 0.3, 0.5])
    d_star = p_data / (p_data + p_g)
    grid = np.linspace(1e-5, 1 - 1e-5, 100_001)
    for x in range(3):
        values = p_data[x] * np.log(grid) + p_g[x] * np.log(1 - grid)
        assert abs(grid[np.argmax(values)] - d_star[x]) < 1e-4
    V = np.sum(p_data * np.log(d_star) + p_g * np.log(1 - d_star))
    m = (p_data + p_g) / 2
    jsd = 0.5 * np.sum(p_data * np.log(p_data / m)) + 0.5 * np.sum(p_g * np.log(p_g / m))
    assert abs(V - (-np.log(4) + 2 * jsd)) < 1e-12
    # any other discriminator is worse; p_g = p_data gives -log 4 and D = 1/2
    assert V > np.sum(p_data * np.log(0.6) + p_g * np.log(0.4))
    text = page_text("generative/gan.md")
    assert "D^*=(" + ", ".join(f"{x:.4f}".rstrip("0").rstrip(".") if x == 0.5 else f"{x:.4f}" for x in d_star) + ")" in text
    assert f"V(D^*,G)={V:.4f}" in text
    assert r"D^*(x) = \frac{p_\text{data}(x)}{p_\text{data}(x)+p_g(x)}" in text
    assert r"-\log 4 + 2\,\mathrm{JSD}(p_\text{data}\,\Vert\,p_g)" in text


def test_saturating_vs_non_saturating_generator_gradient():
    for D in (1e-3, 0.01, 0.1, 0.5, 0.9):
        a = torch.tensor(math.log(D / (1 - D)), dtype=torch.float64, requires_grad=True)
        (g_sat,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(a)), a)
        (g_ns,) = torch.autograd.grad(-torch.log(torch.sigmoid(a)), a)
        assert abs(g_sat.item() + D) < 1e-12       # -D
        assert abs(g_ns.item() + (1 - D)) < 1e-12  # -(1 - D)
    # BCEWithLogits on "real" labels is the non-saturating loss
    a = torch.tensor([-4.0, 0.3], dtype=torch.float64)
    bce = torch.nn.functional.binary_cross_entropy_with_logits(a, torch.ones(2, dtype=torch.float64), reduction="none")
    assert torch.allclose(bce, -torch.log(torch.sigmoid(a)))
    text = page_text("generative/gan.md")
    assert "分别是 $-0.0100$ 和 $-0.9900$，相差 99 倍" in text


# ------------------------------------------------------------------ wake-sleep and autoencoder

def test_wake_sleep_page_numbers():
    out = run_snippet("generative/wake_sleep.py")
    kl0, kl1 = (float(x) for x in re.search(r"训练前 ([\d.]+)，训练后 ([\d.]+)", out).groups())
    mass = float(re.search(r"总概率 = ([\d.]+)", out).group(1))
    text = page_text("generative/wake-sleep.md")
    assert f"从 {kl0:.3f} 降到 {kl1:.3f}" in text
    assert f"总概率为 {mass:.3f}" in text
    # F03: the logistic stochastic binary unit and both learning rules are on the page
    assert r"p(s_j = 1) = \frac{1}{1 + \exp\big(-b_j - \sum_i s_i w_{ij}\big)}" in text
    assert r"\Delta w^{\text{gen}}_{kj} = \varepsilon\, s_k\,(s_j - p_j)" in text
    assert r"\Delta w^{\text{rec}}_{ij} = \varepsilon\, s_i\,(s_j - q_j)" in text


def test_wake_rule_is_the_bernoulli_log_likelihood_gradient():
    torch.manual_seed(4)
    s_up = torch.randint(0, 2, (5,)).double()
    s_down = torch.randint(0, 2, (3,)).double()
    w = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
    bias = torch.randn(3, dtype=torch.float64)
    p = torch.sigmoid(bias + s_up @ w)
    logp = (s_down * torch.log(p) + (1 - s_down) * torch.log(1 - p)).sum()
    (grad,) = torch.autograd.grad(logp, w)
    assert torch.allclose(grad, torch.outer(s_up, s_down - p.detach()))


def test_linear_autoencoder_page_number_is_the_pca_error():
    torch.manual_seed(0)  # same draws as docs/_snippets/generative/linear_ae_pca.py
    n, d, k = 500, 6, 2
    scales = torch.tensor([3.0, 2.0, 0.5, 0.3, 0.2, 0.1])
    X = torch.randn(n, d) * scales @ torch.linalg.qr(torch.randn(d, d))[0]
    X = X - X.mean(0)
    # PCA reconstruction error = sum of the discarded eigenvalues of the (biased) covariance, per entry
    eig = torch.linalg.eigvalsh(X.T @ X / n).flip(0)
    mse = (eig[k:].sum() / d).item()
    U = torch.linalg.svd(X, full_matrices=False).Vh[:k].T
    assert abs(((X - X @ U @ U.T) ** 2).mean().item() - mse) < 1e-5
    assert f"重构 MSE 都是 {mse:.4f}" in page_text("generative/autoencoder.md")


# ------------------------------------------------------------------ CTC

def ctc_collapse(path):
    merged = [c for i, c in enumerate(path) if i == 0 or c != path[i - 1]]
    return tuple(c for c in merged if c != 0)


def ctc_bruteforce(probs, target):
    T, C = probs.shape
    return sum(math.prod(probs[t, s] for t, s in enumerate(path))
               for path in itertools.product(range(C), repeat=T) if ctc_collapse(path) == tuple(target))


def ctc_forward(probs, target):
    """The alpha recursion written on the page (blank = 0)."""
    ext = [0]
    for c in target:
        ext += [c, 0]
    S, T = len(ext), probs.shape[0]
    alpha = np.zeros((T, S))
    alpha[0, 0], alpha[0, 1] = probs[0, 0], probs[0, ext[1]]
    for t in range(1, T):
        for s in range(S):
            acc = alpha[t - 1, s] + (alpha[t - 1, s - 1] if s >= 1 else 0.0)
            if s >= 2 and ext[s] != 0 and ext[s] != ext[s - 2]:
                acc += alpha[t - 1, s - 2]
            alpha[t, s] = acc * probs[t, ext[s]]
    return alpha[-1, -1] + alpha[-1, -2]


@pytest.mark.parametrize("T,C,target,seed", [(3, 3, [1, 2], 0), (4, 3, [1, 1], 1), (5, 4, [3, 1, 3], 2),
                                             (4, 2, [1], 3), (5, 3, [2, 2, 1], 4)])
def test_ctc_bruteforce_equals_ctcloss(T, C, target, seed):
    torch.manual_seed(seed)
    log_probs = torch.randn(T, 1, C, dtype=torch.float64).log_softmax(-1)
    probs = log_probs[:, 0].exp().numpy()
    brute = ctc_bruteforce(probs, target)
    loss = torch.nn.CTCLoss(blank=0, reduction="sum")(
        log_probs, torch.tensor([target]), torch.tensor([T]), torch.tensor([len(target)]))
    assert brute == pytest.approx(math.exp(-loss.item()), rel=1e-10)
    assert ctc_forward(probs, target) == pytest.approx(brute, rel=1e-10)


def test_ctc_worked_example_on_page():
    probs = np.array([[0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.5, 0.1, 0.4]])
    names = "-ab"
    paths = {"".join(names[i] for i in p): math.prod(probs[t, i] for t, i in enumerate(p))
             for p in itertools.product(range(3), repeat=3) if ctc_collapse(p) == (1, 2)}
    assert sorted(paths) == ["-ab", "a-b", "aab", "ab-", "abb"]
    text = page_text("engineering/speech-recognition.md")
    for path, p in paths.items():
        assert f"| `{path}` |" in text and f"={p:.3f}$ |" in text
    total = sum(paths.values())
    log_probs = torch.tensor(probs).log().unsqueeze(1)
    loss = torch.nn.CTCLoss(blank=0, reduction="sum")(log_probs, torch.tensor([[1, 2]]), torch.tensor([3]),
                                                      torch.tensor([2])).item()
    assert math.exp(-loss) == pytest.approx(total)
    assert f"| ${total:.3f}$ |" in text
    assert f"-\\ln{total:.3f}={loss:.3f}" in text
    p_aa = ctc_bruteforce(probs, [1, 1])
    assert f"概率仅 {p_aa:.3f}" in text
    # the lattice figure enumerates the same five alignments
    fig = load_module(ROOT / "scripts" / "figures" / "engineering.py", "figures_engineering_test")
    ext = "-a-b-"
    assert sorted("".join(ext[s] for s in p) for p in fig.ctc_valid_paths("ab", 3)) == sorted(paths)


# ------------------------------------------------------------------ Fourier

@pytest.mark.parametrize("n,k", [(1000, 301), (64, 7), (17, 33)])
def test_fft_convolution_equals_direct(n, k):
    rng = np.random.default_rng(n + k)
    x, w = rng.normal(size=n), rng.normal(size=k)
    L = n + k - 1
    fft_conv = np.fft.irfft(np.fft.rfft(x, L) * np.fft.rfft(w, L), L)
    assert np.allclose(fft_conv, np.convolve(x, w))
    # cross-correlation (what DL frameworks call convolution) = product with the conjugate spectrum
    N = n + k - 1
    xc = np.fft.irfft(np.fft.rfft(x, N) * np.conj(np.fft.rfft(w, N)), N)
    full = np.correlate(x, w, mode="full")          # lags -(k-1) .. n-1
    assert np.allclose(np.r_[xc[-(k - 1):], xc[:n]] if k > 1 else xc[:n], full)


def test_fourier_page_numbers():
    text = page_text("engineering/fourier-transform.md")
    assert "线性卷积长度为 1300" in text and 1000 + 301 - 1 == 1300
    assert r"\mathcal F(x\circledast w) = \mathcal F(x)\odot\mathcal F(w)" in text


# ------------------------------------------------------------------ bias-variance

def test_bias_variance_numbers_on_page_and_decomposition():
    mod = load_module(SNIPPETS / "engineering" / "bias_variance.py", "bias_variance_snippet")
    rng = np.random.default_rng(0)  # same order of draws as the snippet's __main__ block
    text = page_text("engineering/improve-performance.md")
    for degree in [1, 3, 12]:
        bias2, var, mse = mod.simulate(degree, rng)
        total = bias2 + var + mod.sigma**2
        line = f"{degree:>4}  {bias2:.3f}  {var:.3f}  {mod.sigma**2:.3f}  {total:.3f}   {mse:.3f}"
        assert line in text, line
        assert abs(total - mse) < 0.01
    # the decomposition is an identity for the empirical average over training sets
    rng = np.random.default_rng(1)
    P = np.polynomial.polynomial
    preds = np.stack([P.polyval(mod.x_test, P.polyfit(mod.x_train, mod.f(mod.x_train)
                                                       + rng.normal(0, mod.sigma, 15), 5)) for _ in range(300)])
    lhs = np.mean((mod.f(mod.x_test) - preds) ** 2)
    rhs = np.mean((mod.f(mod.x_test) - preds.mean(0)) ** 2) + np.mean(preds.var(0))
    assert lhs == pytest.approx(rhs, rel=1e-12)
    assert r"\underbrace{\big(f(x)-\bar f(x)\big)^2}_{\text{Bias}^2}" in text


# ------------------------------------------------------------------ evaluation, preprocessing, transfer, mobile

def test_model_evaluation_numbers():
    se = math.sqrt(0.9 * 0.1 / 1000)
    text = page_text("engineering/model-evaluation.md")
    assert f"\\mathrm{{SE}}={se:.4f}" in text
    assert f"[{0.9 - 1.96 * se:.3f}, {0.9 + 1.96 * se:.3f}]" in text
    out = run_snippet("engineering/eval_ci_calibration.py")
    before = out.split("ECE 校准前 = ")[1].split("，")[0]
    T = out.split("温度 T = ")[1].split("，")[0]
    after = out.split("校准后 = ")[1].strip()
    assert f"ECE 为 {before}，拟合出的温度 $T={T}$，校准后 ECE 降到 {after}" in text


def test_ece_definition():
    # an always-(almost)-100%-confident classifier that is right half the time has ECE 0.5
    ns = runpy.run_path(str(SNIPPETS / "engineering" / "eval_ci_calibration.py"), run_name="not_main")
    ece = ns["ece"]
    y = np.array([1, 0, 1, 0])
    assert ece(np.array([0.999999, 0.999999, 0.999999, 0.999999]), y) == pytest.approx(0.5, abs=1e-5)
    assert ece(np.array([0.75, 0.75, 0.75, 0.25]), np.array([1, 1, 1, 0])) == pytest.approx(0.25)


def test_leakage_numbers():
    out = run_snippet("engineering/leakage_cv.py")
    wrong = out.split("（泄露）：")[1].split()[0]
    right = out.split("（正确）：")[1].split()[0]
    text = page_text("engineering/data-preprocessing.md")
    assert f"准确率高达 {wrong}，正确做法为 {right}" in text
    assert f"从 {right} 变成 {wrong}" in text


def test_transfer_learning_parameter_counts():
    from torch import nn

    backbone = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                             nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten())
    head = nn.Linear(32, 5)
    total = sum(p.numel() for p in [*backbone.parameters(), *head.parameters()])
    frozen = sum(p.numel() for p in backbone[:3].parameters())
    text = page_text("engineering/transfer-learning.md")
    assert f"共有 {total} 个参数" in text and f"可训练的是 {total - frozen} 个" in text


def test_conv_bn_folding_formula_and_int8_sizes():
    from torch import nn
    from torch.nn.utils.fusion import fuse_conv_bn_eval

    torch.manual_seed(7)
    conv, bn = nn.Conv2d(4, 6, 3, padding=1).eval(), nn.BatchNorm2d(6).eval()
    bn.running_mean.normal_()
    bn.running_var.uniform_(0.5, 2.0)
    bn.weight.data.normal_()
    bn.bias.data.normal_()
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    W = conv.weight * scale[:, None, None, None]
    b = scale * (conv.bias - bn.running_mean) + bn.bias
    fused = fuse_conv_bn_eval(conv, bn)
    assert torch.allclose(W, fused.weight, atol=1e-6) and torch.allclose(b, fused.bias, atol=1e-6)
    x = torch.randn(2, 4, 8, 8)
    with torch.no_grad():
        assert torch.allclose(nn.functional.conv2d(x, W, b, padding=1), bn(conv(x)), atol=1e-5)
    n_weights = 8 * 3 * 3 * 3
    text = page_text("engineering/mobile-inference.md")
    assert f"有 {n_weights} 个权重，fp32 占 {4 * n_weights} 字节，int8 占 {n_weights} 字节" in text


def test_precision_recall_f1_formula_and_elbo_on_pages():
    rng = np.random.default_rng(11)
    y, pred = rng.integers(0, 2, 200), rng.integers(0, 2, 200)
    tp, fp, fn = np.sum((pred == 1) & (y == 1)), np.sum((pred == 1) & (y == 0)), np.sum((pred == 0) & (y == 1))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    # F1 is the harmonic mean, and equals 2TP / (2TP + FP + FN)
    assert f1 == pytest.approx(2 * tp / (2 * tp + fp + fn))
    text = page_text("engineering/model-evaluation.md")
    assert r"\text{Precision} = \frac{TP}{TP+FP},\qquad \text{Recall} = \frac{TP}{TP+FN}" in text
    elbo = r"\mathbb E_{q(z\mid x)}\big[\log p(x\mid z)\big] - \mathrm{KL}\big(q(z\mid x)\,\Vert\,p(z)\big)"
    assert elbo in page_text("generative/autoencoder.md")
    assert r"L_\text{MSE} = \lVert x-\hat x\rVert_2^2" in page_text("generative/autoencoder.md")
    text = page_text("generative/gan.md")
    assert r"\min_G\max_D\ V(D,G) = \mathbb E_{x\sim p_\text{data}}\big[\log D(x)\big] + \mathbb E_{z\sim p_z}\big[\log\big(1-D(G(z))\big)\big]" in text
