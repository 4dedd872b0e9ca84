"""Content tests for the 优化与训练 chapter (optimizers, backprop, init, clipping, schedules …).

Cross-checks the formulas on the pages against torch.optim / torch.nn.init / torch.nn.utils /
autograd, and checks that every worked-example number printed on a page is what the computation
gives (the exact string must occur in the page text).
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import runpy
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

try:
    from conftest import page_text
except ImportError:  # pragma: no cover
    def page_text(rel: str) -> str:
        return (Path(__file__).parents[1] / "docs" / rel).read_text(encoding="utf-8")

ROOT = Path(__file__).resolve().parents[1]
SNIP = ROOT / "docs" / "_snippets" / "optimization"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run_snippet(name: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(str(SNIP / name), run_name="__main__")
    return buf.getvalue()


OPT = _load(SNIP / "optimizers_numpy.py", "opt_numpy_snippet")
FIG = _load(ROOT / "scripts" / "figures" / "optimization.py", "opt_figures")


# ----------------------------------------------------------------------------- optimizers
def _ls_problem(seed=1, n=12, d=4):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((n, d)), rng.standard_normal(n)
    return X, y, (lambda th: X.T @ (X @ th - y) / n)


def _torch_traj(make, X, y, th0, steps, lr_sched=None):
    th = torch.tensor(th0, dtype=torch.float64, requires_grad=True)
    opt = make([th])
    out = []
    for t in range(steps):
        if lr_sched is not None:
            for g in opt.param_groups:
                g["lr"] = lr_sched(t)
        opt.zero_grad()
        (((torch.tensor(X) @ th - torch.tensor(y)) ** 2).sum() / (2 * len(y))).backward()
        opt.step()
        out.append(th.detach().numpy().copy())
    return np.array(out)


def _numpy_traj(step, hp, grad, th0, steps):
    th, s, out = np.array(th0, dtype=float), {}, []
    for t in range(1, steps + 1):
        th = step(th, grad(th), s, t, **hp)
        out.append(th.copy())
    return np.array(out)


NON_DEFAULT = [  # second set of hyper-parameters, different from the snippet's
    (OPT.sgd, dict(lr=0.05), lambda q: torch.optim.SGD(q, lr=0.05)),
    (OPT.sgd, dict(lr=0.03, mu=0.8), lambda q: torch.optim.SGD(q, lr=0.03, momentum=0.8)),
    (OPT.sgd, dict(lr=0.03, mu=0.95, nesterov=True),
     lambda q: torch.optim.SGD(q, lr=0.03, momentum=0.95, nesterov=True)),
    (OPT.adagrad, dict(lr=0.3, eps=1e-10), lambda q: torch.optim.Adagrad(q, lr=0.3)),
    (OPT.rmsprop, dict(lr=0.02, alpha=0.9), lambda q: torch.optim.RMSprop(q, lr=0.02, alpha=0.9)),
    (OPT.adam, dict(lr=0.05, b1=0.8, b2=0.99, eps=1e-6),
     lambda q: torch.optim.Adam(q, lr=0.05, betas=(0.8, 0.99), eps=1e-6)),
    (OPT.adam, dict(lr=0.05, b1=0.85, b2=0.95, wd=0.3),
     lambda q: torch.optim.AdamW(q, lr=0.05, betas=(0.85, 0.95), weight_decay=0.3)),
]


@pytest.mark.parametrize("case", OPT.CASES, ids=[c[0] for c in OPT.CASES])
def test_numpy_optimizers_match_torch_snippet_hparams(case):
    _, step, hp, make = case
    X, y, grad = _ls_problem()
    th0 = np.linspace(-1, 1, X.shape[1])
    np.testing.assert_allclose(_numpy_traj(step, hp, grad, th0, 8),
                               _torch_traj(make, X, y, th0, 8), rtol=0, atol=1e-12)


@pytest.mark.parametrize("case", NON_DEFAULT)
def test_numpy_optimizers_match_torch_other_hparams(case):
    step, hp, make = case
    X, y, grad = _ls_problem(seed=2)
    th0 = np.array([0.5, -2.0, 1.0, 3.0])
    np.testing.assert_allclose(_numpy_traj(step, hp, grad, th0, 10),
                               _torch_traj(make, X, y, th0, 10), rtol=0, atol=1e-12)


def test_classic_and_pytorch_momentum_forms():
    X, y, grad = _ls_problem(seed=3)
    th0, mu = np.ones(4), 0.9

    def classic(lrs):
        th, v, out = th0.copy(), np.zeros(4), []
        for lr in lrs:
            v = mu * v - lr * grad(th)          # v ← αv − η g
            th = th + v                         # θ ← θ + v
            out.append(th.copy())
        return np.array(out)

    def pytorch_form(lrs):
        th, b, out = th0.copy(), np.zeros(4), []
        for lr in lrs:
            b = mu * b + grad(th)               # b ← μb + g
            th = th - lr * b                    # θ ← θ − ηb
            out.append(th.copy())
        return np.array(out)

    const = [0.05] * 12
    np.testing.assert_allclose(classic(const), pytorch_form(const), rtol=0, atol=1e-13)
    np.testing.assert_allclose(
        classic(const), _torch_traj(lambda q: torch.optim.SGD(q, lr=0.05, momentum=mu), X, y, th0, 12),
        rtol=0, atol=1e-12)
    # with a schedule the two forms differ (the page says so)
    sched = [0.05] * 6 + [0.005] * 6
    assert np.abs(classic(sched) - pytorch_form(sched)).max() > 1e-4
    # the PyTorch form is what torch.optim.SGD does under a schedule
    np.testing.assert_allclose(
        pytorch_form(sched),
        _torch_traj(lambda q: torch.optim.SGD(q, lr=0.05, momentum=mu), X, y, th0, 12,
                    lr_sched=lambda t: sched[t]), rtol=0, atol=1e-12)


def test_nesterov_pytorch_form_is_lookahead_of_sutskever_form():
    X, y, grad = _ls_problem(seed=4)
    mu, lr, th0 = 0.9, 0.05, np.array([1.0, -1.0, 0.5, 2.0])
    th, v, look = th0.copy(), np.zeros(4), []
    for _ in range(10):                          # Sutskever et al. (2013)
        v = mu * v - lr * grad(th + mu * v)
        th = th + v
        look.append(th + mu * v)                 # look-ahead point
    pt = _torch_traj(lambda q: torch.optim.SGD(q, lr=lr, momentum=mu, nesterov=True), X, y, th0, 10)
    np.testing.assert_allclose(np.array(look), pt, rtol=0, atol=1e-12)


def test_first_steps_adam_and_rmsprop():
    g = np.array([3.0, -0.02, 500.0])
    p = OPT.adam(np.zeros(3), g, {}, 1, lr=0.01)
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-6)        # ≈ −η·sign(g)
    assert abs(0.1 / math.sqrt(0.001) - 3.16) < 0.005                      # uncorrected ratio
    # PyTorch RMSprop (alpha=0.99, no bias correction): first step ≈ 10η
    th = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.RMSprop([th], lr=0.01)
    th.grad = torch.tensor(g)
    opt.step()
    np.testing.assert_allclose(th.detach().abs().numpy(), 0.1, rtol=1e-5)
    text = page_text("optimization/optimizers.md")
    assert "$10\\eta$" in text and "3.16" in text
    assert "Momentum 与 AdaGrad" in text  # the seed error is named and corrected in 易错点
    assert 7e9 * 2 * 4 / 1e9 == 56 and "56 GB" in text


def test_figure_paths_use_same_rules():
    """The optimizer-path figure uses the same update rules as the tested snippet."""
    hess = FIG.HESS
    grad = lambda p: hess * p  # noqa: E731
    pairs = {"SGD": (OPT.sgd, {}), "Momentum": (OPT.sgd, {"mu": 0.9}),
             "Nesterov": (OPT.sgd, {"mu": 0.9, "nesterov": True}), "AdaGrad": (OPT.adagrad, {}),
             "RMSProp": (OPT.rmsprop, {"alpha": 0.9}), "Adam": (OPT.adam, {})}
    for name, lr in FIG.OPTIMIZERS:
        step, hp = pairs[name]
        ref = _numpy_traj(step, dict(hp, lr=lr), grad, FIG.START, FIG.STEPS)
        np.testing.assert_allclose(FIG.optimizer_path(name, lr)[1:], ref, rtol=0, atol=1e-12)
    text = page_text("optimization/optimizers.md")
    assert "optimizer-paths.svg" in text and "0.91" in text and "-0.8" in text
    assert abs((1 - 0.9 * 0.1) - 0.91) < 1e-12 and abs((1 - 2 * 0.9) + 0.8) < 1e-12


# ----------------------------------------------------------------------------- backprop
def test_delta_recursion_matches_autograd():
    rng = np.random.default_rng(5)
    sizes = [4, 6, 5, 3]
    Ws = [rng.standard_normal((o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [rng.standard_normal(o) for o in sizes[1:]]
    x, y = rng.standard_normal((7, sizes[0])), rng.standard_normal((7, sizes[-1]))
    # forward (sigmoid hidden layers, linear output, L = mean squared error / 2)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    a, As, Zs = x, [x], []
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W.T + b
        Zs.append(z)
        a = z if l == len(Ws) - 1 else sig(z)
        As.append(a)
    delta = (a - y) / len(x)
    grads = [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        grads[l] = delta.T @ As[l]                       # ∂L/∂W^l = δ^l (a^{l-1})ᵀ
        if l > 0:
            s = sig(Zs[l - 1])
            delta = (delta @ Ws[l]) * s * (1 - s)        # δ^{l-1} = (W^l)ᵀ δ^l ⊙ φ'(z^{l-1})
    tW = [torch.tensor(W, requires_grad=True) for W in Ws]
    ta = torch.tensor(x)
    for l, (W, b) in enumerate(zip(tW, bs)):
        ta = ta @ W.T + torch.tensor(b)
        if l < len(tW) - 1:
            ta = torch.sigmoid(ta)
    (((ta - torch.tensor(y)) ** 2).sum() / (2 * len(x))).backward()
    for g, W in zip(grads, tW):
        np.testing.assert_allclose(g, W.grad.numpy(), rtol=0, atol=1e-12)


def test_backprop_worked_example():
    x, y = torch.tensor(2.0), torch.tensor(1.0)
    w1 = torch.tensor(0.5, requires_grad=True)
    w2 = torch.tensor(3.0, requires_grad=True)
    z1 = w1 * x
    yhat = w2 * torch.relu(z1)
    L = 0.5 * (yhat - y) ** 2
    L.backward()
    assert (z1.item(), yhat.item(), L.item()) == (1.0, 3.0, 2.0)
    assert (w2.grad.item(), w1.grad.item()) == (2.0, 12.0)
    delta1 = w2.item() * (yhat.item() - y.item()) * 1.0
    assert delta1 == 6.0
    text = page_text("optimization/backpropagation.md")
    for s in ["$\\hat y = 3$，$L = 2$", "$\\delta_2 = 2$", "$\\partial L/\\partial w_2 = 2$",
              "$\\delta_1 = 6$", "$\\partial L/\\partial w_1 = 12$", "$z_1 = 1$，$a_1 = 1$"]:
        assert s in text, s


# ----------------------------------------------------------------------------- gradient descent / lr
def test_gradient_descent_table():
    text = page_text("optimization/gradient-descent.md")
    x = 4.0
    for k in range(11):
        fx, gx = (x - 1) ** 2, 2 * (x - 1)
        if k <= 5 or k == 10:
            row = f"| {k} | {x:.4f} | {fx:.4f} | {gx:.4f} |"
            assert row in text, row
        x -= 0.1 * gx
    assert "$\\eta < 2/L = 1$" in text
    assert "\\theta_{\\text{new}} = \\theta - \\eta\\, \\nabla_\\theta J(\\theta)" in text


def test_learning_rate_threshold_table():
    text = page_text("optimization/learning-rate.md")
    out = _run_snippet("lr_threshold.py")
    for eta, kind in [(0.1, "单调收敛"), (0.5, "一步到位"), (0.9, "振荡收敛"), (1.0, "等幅振荡"),
                      (1.1, "振荡发散")]:
        x = 4.0
        for _ in range(10):
            x -= eta * 2 * (x - 1)
        r = 1 - 2 * eta
        row = f"| {eta} | {r:+.1f} | {x:.4f} | {kind} |"
        assert row in text, row
        assert f"{x:9.4f}" in out
    assert "0.91" in text and "条件数 20" in text


def test_lr_schedule_formulas_and_numbers():
    # closed-form cosine == CosineAnnealingLR
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=40, eta_min=0.001)
    for t in range(40):
        want = 0.001 + 0.5 * (0.1 - 0.001) * (1 + math.cos(math.pi * t / 40))
        assert abs(opt.param_groups[0]["lr"] - want) < 1e-12
        opt.step()
        sch.step()
    # the figure's schedule formulas == torch schedulers
    vals = FIG.schedule_values(total=100, base=0.1)
    makers = {
        "StepLR（每 30 epoch ×0.1）": lambda o: torch.optim.lr_scheduler.StepLR(o, 30, 0.1),
        "ExponentialLR（γ=0.95）": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.95),
        "CosineAnnealingLR": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 100),
        "OneCycleLR": lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=100),
    }
    for name, mk in makers.items():
        o = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
        s = mk(o)
        got = []
        for _ in range(100):
            got.append(o.param_groups[0]["lr"])
            o.step()
            s.step()
        np.testing.assert_allclose(got, vals[name], rtol=1e-9, atol=1e-12, err_msg=name)
    out = _run_snippet("lr_schedule.py")
    text = page_text("optimization/lr-schedule.md")
    for s in ["2.000e-04", "1.000e-03", "8.842e-04", "1.121e-05"]:
        assert s in out and s in text, s
    assert "\\eta_t = \\eta_{\\min} + \\frac12(\\eta_{\\max} - \\eta_{\\min})\\big(1 + \\cos\\frac{\\pi t}{T}\\big)" in text


# ----------------------------------------------------------------------------- batch / epochs
def test_minibatch_variance_numbers():
    out = _run_snippet("minibatch_variance.py")
    text = page_text("optimization/batch-sgd-minibatch.md")
    assert "σ² = 30.07" in out and "\\approx 30.07" in text
    bvars = [line.split()[-1] for line in out.splitlines()[2:]]
    assert len(bvars) == 5 and all(v in text for v in bvars)
    assert "0.1 \\times B/256" in text and 0.1 * 8192 / 256 == 3.2 and "学习率为 3.2" in text


def test_iterations_per_epoch_numbers():
    from torch.utils.data import DataLoader
    N, B = 50_000, 128
    assert len(DataLoader(range(N), batch_size=B)) == math.ceil(N / B) == 391
    assert len(DataLoader(range(N), batch_size=B, drop_last=True)) == N // B == 390
    text = page_text("optimization/epoch-batch-iteration.md")
    assert "$\\lceil 390.625 \\rceil = 391$" in text and f"{N / B}" == "390.625"
    assert "只有 80 个样本" in text and N - 390 * B == 80 and f"{390 * B:,}" in text
    assert "= 78{,}200" in text and 391 * 200 == 78_200
    assert "10,000 张图像、批大小 200" in text and 10_000 // 200 == 50 and "是 50 次迭代" in text
    n_img, world, per = 1_281_167, 8, 32
    per_rep = math.ceil(n_img / world)
    assert per_rep == 160_146 and "160,146" in text
    assert math.ceil(per_rep / per) == math.ceil(n_img / (world * per)) == 5005 and "5005 次迭代" in text


# ----------------------------------------------------------------------------- clipping
def test_clip_grad_norm_formula():
    torch.manual_seed(0)
    for scale in [0.01, 10.0]:
        ps = [torch.zeros(s, requires_grad=True) for s in [(3, 4), (5,), (2, 2, 2)]]
        for p in ps:
            p.grad = torch.randn(p.shape) * scale
        g = torch.cat([p.grad.flatten() for p in ps]).clone()
        tau = 1.0
        total = nn.utils.clip_grad_norm_(ps, max_norm=tau)
        assert torch.allclose(total, g.norm())               # returns the pre-clipping norm
        want = g * min(1.0, tau / (g.norm().item() + 1e-6))  # g ← g·min(1, τ/(‖g‖+1e-6))
        assert torch.allclose(torch.cat([p.grad.flatten() for p in ps]), want, atol=1e-7)
    ps = [torch.zeros(4, requires_grad=True)]
    ps[0].grad = torch.tensor([-3.0, 0.5, 2.0, -0.25])
    assert nn.utils.clip_grad_value_(ps, clip_value=1.0) is None
    assert ps[0].grad.tolist() == [-1.0, 0.5, 1.0, -0.25]
    text = page_text("optimization/gradient-clipping.md")
    v = np.array([3.0, 4.0, 12.0])
    assert np.linalg.norm(v) == 13 and "\\sqrt{9 + 16 + 144} = 13" in text
    assert "(0.2308, 0.3077, 0.9231)" in text and np.allclose(v / 13, [0.2308, 0.3077, 0.9231], atol=5e-5)
    assert f"{math.sqrt(3):.4f}" == "1.7321" and "1.7321" in text
    assert "g \\leftarrow g \\cdot \\min\\Big(1,\\ \\frac{\\tau}{\\lVert g \\rVert}\\Big)" in text


# ----------------------------------------------------------------------------- initialization
def test_init_variances_match_torch():
    torch.manual_seed(0)
    n_in, n_out = 400, 600
    w = torch.empty(n_out, n_in)
    checks = [
        (nn.init.xavier_normal_, 2 / (n_in + n_out)),
        (nn.init.xavier_uniform_, 2 / (n_in + n_out)),
        (lambda t: nn.init.kaiming_normal_(t, nonlinearity="relu"), 2 / n_in),
        (nn.init.kaiming_normal_, 2 / n_in),                       # default = leaky_relu(a=0) = ReLU
        (lambda t: nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu"), 2 / n_out),
        (lambda t: nn.init.kaiming_normal_(t, nonlinearity="linear"), 1 / n_in),   # LeCun
    ]
    for fn, var in checks:
        fn(w)
        assert abs(w.var().item() / var - 1) < 0.02
        assert abs(w.mean().item()) < 5 * math.sqrt(var / w.numel())
    nn.init.xavier_uniform_(w)
    bound = math.sqrt(6 / (n_in + n_out))
    assert w.abs().max().item() <= bound and w.abs().max().item() > 0.99 * bound
    assert abs(nn.init.calculate_gain("tanh") - 5 / 3) < 1e-12
    assert abs(nn.init.calculate_gain("relu") - math.sqrt(2)) < 1e-12


def test_conv_fans_and_pytorch_default_init():
    conv = nn.Conv2d(64, 128, kernel_size=3)
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(conv.weight)
    assert (fan_in, fan_out) == (576, 1152)
    g = nn.Conv2d(64, 128, kernel_size=3, groups=4)
    assert nn.init._calculate_fan_in_and_fan_out(g.weight)[0] == 16 * 9
    text = page_text("optimization/weight-init.md")
    assert "$= 64 \\times 9 = 576$" in text and "$= 128 \\times 9 = 1152$" in text
    assert f"{math.sqrt(2 / 576):.4f}" == "0.0589" and "\\sqrt{2/576} \\approx 0.0589" in text
    assert f"{math.sqrt(2 / 1728):.4f}" == "0.0340" and "\\sqrt{2/1728} \\approx 0.0340" in text
    assert f"{1 / math.sqrt(576):.4f}" == "0.0417" and "1/\\sqrt{576} \\approx 0.0417" in text
    # PyTorch default: kaiming_uniform_(a=√5) == U(−1/√fan_in, 1/√fan_in), Var = 1/(3 fan_in)
    torch.manual_seed(0)
    lin = nn.Linear(500, 2000)
    b = 1 / math.sqrt(500)
    assert lin.weight.abs().max().item() <= b and lin.weight.abs().max().item() > 0.999 * b
    assert abs(lin.weight.var().item() * 3 * 500 - 1) < 0.02
    assert lin.bias.abs().max().item() <= b
    assert conv.weight.abs().max().item() <= 1 / math.sqrt(576)
    assert abs(math.sqrt(2 / 6) * math.sqrt(3 / 576) - 1 / math.sqrt(576)) < 1e-15
    assert "\\mathrm{Var}(W) = \\frac{2}{n_\\text{in} + n_\\text{out}}" in text
    assert "a = \\sqrt{\\frac{6}{n_\\text{in} + n_\\text{out}}}" in text


def test_init_stats_numbers_on_page():
    out = _run_snippet("init_stats.py")
    text = page_text("optimization/weight-init.md")
    last = {line[:18].strip(): line.split()[-1] for line in out.splitlines()[1:]}
    assert len(last) == 4
    for v in last.values():
        assert v in text, v


# ----------------------------------------------------------------------------- vanishing
def test_vanishing_gradient_facts():
    x = torch.linspace(-6, 6, 1201, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    assert abs(x.grad.max().item() - 0.25) < 1e-15
    text = page_text("optimization/vanishing-exploding-gradients.md")
    assert f"{0.25 ** 10:.2e}" == "9.54e-07" and "9.54 \\times 10^{-7}" in text
    s5 = 1 / (1 + math.exp(-5))
    assert f"{s5 * (1 - s5):.4f}" == "0.0066" and "0.0066" in text
    out = _run_snippet("vanishing_grad.py")
    r_sig = out.split("Sigmoid+Xavier ")[1].split("，")[0]
    r_relu = out.split("ReLU+He ")[1].strip()
    assert f"约为 {r_sig}" in text and f"约为 {r_relu}" in text
    # figure data: sigmoid vanishes by > 10 orders, He ReLU stays within 1 order
    n_sig = FIG.layer_grad_norms("sigmoid", lambda i, o: math.sqrt(2 / (i + o)), depth=30, width=64, batch=32)
    n_he = FIG.layer_grad_norms("relu", lambda i, o: math.sqrt(2 / i), depth=30, width=64, batch=32)
    assert n_sig[0] / n_sig[-1] < 1e-10 and 0.1 < n_he[0] / n_he[-1] < 10


# ----------------------------------------------------------------------------- others
def test_hyperparameter_search_numbers():
    out = _run_snippet("hyperparam_search.py")
    text = page_text("optimization/hyperparameters.md")
    for line in out.splitlines():
        lr = line.split("最好的 lr = ")[1].split("，")[0]
        loss = line.split("验证损失 ")[1].strip()
        assert f"lr = {lr}" in text and f"验证损失 {loss}" in text
    assert abs((0.1 - 0.01) / (0.1 - 1e-5) - 0.90) < 0.001 and "90% 的样本" in text


def test_not_converging_numbers():
    assert f"{math.log(10):.4f}" == "2.3026"
    text = page_text("optimization/not-converging.md")
    assert "2.3026" in text
    pred, target = torch.arange(4.0).view(4, 1), torch.arange(4.0)
    with pytest.warns(UserWarning):
        wrong = nn.functional.mse_loss(pred, target).item()
    assert wrong == 2.5 and "MSE 是 2.5 而不是 0.0" in text


def test_mixed_precision_numbers():
    text = page_text("optimization/mixed-precision.md")
    f16, bf16, f32 = torch.finfo(torch.float16), torch.finfo(torch.bfloat16), torch.finfo(torch.float32)
    assert f16.max == 65504 and "65504" in text
    assert f16.smallest_normal == 2 ** -14 and f"{2 ** -14:.2e}" == "6.10e-05" and "6.10 \\times 10^{-5}" in text
    assert f16.eps == 2 ** -10 and "9.77 \\times 10^{-4}" in text
    assert bf16.eps == 2 ** -7 and "7.81 \\times 10^{-3}" in text
    assert f32.eps == 2 ** -23 and "1.19 \\times 10^{-7}" in text
    assert f"{bf16.max:.2e}" == "3.39e+38" and f"{f32.max:.2e}" == "3.40e+38"
    tiny = torch.tensor(2.0 ** -24, dtype=torch.float16)
    assert tiny.item() > 0 and torch.tensor(2.0 ** -26, dtype=torch.float16).item() == 0
    assert f"{2 ** -24:.2e}" == "5.96e-08" and "5.96 \\times 10^{-8}" in text
    assert torch.tensor(1e-8, dtype=torch.float16).item() == 0
    scaled = torch.tensor(1e-8 * 65536, dtype=torch.float16).item()
    assert f"{scaled:.3e}" == "6.552e-04" and "6.552 \\times 10^{-4}" in text
    assert (torch.tensor(1.0, dtype=torch.float16) + 1e-4).item() == 1.0
    s = torch.amp.GradScaler("cpu")
    assert (s.get_scale(), s.get_growth_factor(), s.get_backoff_factor(), s.get_growth_interval()) == \
        (65536.0, 2.0, 0.5, 2000)
    assert 7e9 * 16 / 1e9 == 112 and "112 GB" in text
