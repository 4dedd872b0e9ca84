"""Figures for the chapter 工程与应用 (docs/engineering/).

- bias-variance.svg    Bias², variance and expected test error against polynomial degree, from the same
                       simulation as docs/_snippets/engineering/bias_variance.py (matplotlib)
- ctc-lattice.svg      the CTC alignment lattice for the target "ab" over T = 3 frames: the extended label
                       sequence (-, a, -, b, -), the allowed transitions and the five valid alignments
- log-mel.svg          waveform → STFT power spectrogram → log-Mel spectrogram of a synthetic chirp
                       (NumPy STFT and an HTK-style Mel filterbank; matplotlib)

Diagrams are hand-built SVG strings; plots use matplotlib with English labels and the bundled
DejaVu Sans font, so the output is byte-for-byte deterministic. Every figure has a white background,
a viewBox and width 100%.
"""
from __future__ import annotations

import contextlib
import pathlib

import numpy as np

FONT = 'font-family="sans-serif"'
STROKE = "#33475b"
BLUE = "#2f6fb3"
RED = "#c0392b"
GREY = "#b7c4d3"


def _f(v: float) -> str:
    return f"{v:g}"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    markers = "".join(
        f'<marker id="arr-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        f'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>\n'
        for name, color in (("g", "#8aa0b8"), ("r", RED))
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{title}" {FONT}>\n'
        f"<title>{title}</title>\n<defs>\n{markers}</defs>\n"
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(body) + "\n</svg>\n"


def text(x, y, s, size=16, anchor="middle", fill=STROKE, weight="normal") -> str:
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{s}</text>')


# ---------------------------------------------------------------- CTC lattice

def ctc_valid_paths(target: str, T: int) -> list[list[int]]:
    """All paths through the extended sequence (-, l1, -, l2, …, -) that CTC allows, as state indices."""
    ext = ["-"]
    for c in target:
        ext += [c, "-"]
    S = len(ext)
    paths = [[0], [1]]
    for _ in range(T - 1):
        nxt = []
        for p in paths:
            s = p[-1]
            for s2 in (s, s + 1, s + 2):
                if s2 >= S:
                    continue
                if s2 == s + 2 and (ext[s2] == "-" or ext[s2] == ext[s]):
                    continue  # may skip only a blank between two different labels
                nxt.append(p + [s2])
        paths = nxt
    return [p for p in paths if p[-1] in (S - 1, S - 2)]


def ctc_lattice_svg() -> str:
    target, T = "ab", 3
    ext = ["-", "a", "-", "b", "-"]
    paths = ctc_valid_paths(target, T)
    W, H = 760, 360
    x0, dx, y0, dy = 150, 150, 60, 55
    pos = {(t, s): (x0 + t * dx, y0 + s * dy) for t in range(T) for s in range(len(ext))}
    used_nodes = {(t, s) for p in paths for t, s in enumerate(p)}
    used_edges = {((t, p[t]), (t + 1, p[t + 1])) for p in paths for t in range(T - 1)}
    highlight = next(p for p in paths if "".join(ext[s] for s in p) == "a-b")
    hl_edges = {((t, highlight[t]), (t + 1, highlight[t + 1])) for t in range(T - 1)}
    body = []
    for (a, b) in sorted(used_edges):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        d = np.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        red = (a, b) in hl_edges
        body.append(
            f'<line x1="{_f(x1 + ux * 16)}" y1="{_f(y1 + uy * 16)}" x2="{_f(x2 - ux * 18)}" '
            f'y2="{_f(y2 - uy * 18)}" stroke="{RED if red else "#8aa0b8"}" '
            f'stroke-width="{2.6 if red else 1.6}" marker-end="url(#arr-{"r" if red else "g"})"/>'
        )
    for (t, s), (x, y) in pos.items():
        on = (t, s) in used_nodes
        fill = "#ffe9b3" if s % 2 == 1 else "#f2f6fb"
        if not on:
            fill = "#ffffff"
        stroke = STROKE if on else "#d5dde6"
        body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="15" fill="{fill}" stroke="{stroke}" stroke-width="2"/>')
    for s, c in enumerate(ext):
        label = "空白 -" if c == "-" else c
        body.append(text(x0 - 45, y0 + s * dy + 5, label, 15, anchor="end"))
    for t in range(T):
        body.append(text(x0 + t * dx, y0 + len(ext) * dy - 5, f"t = {t + 1}", 15))
    body.append(text(x0 - 45, 30, "扩展序列", 14, anchor="end"))
    lx = 520
    body.append(text(lx, 60, "目标 y = “ab”，T = 3", 15, anchor="start", weight="bold"))
    body.append(text(lx, 92, "合法对齐（5 条）：", 14, anchor="start"))
    for i, p in enumerate(sorted("".join(ext[s] for s in p) for p in paths)):
        body.append(text(lx + 20, 120 + 24 * i, f"{p}  →  ab", 14, anchor="start",
                         fill=RED if p == "a-b" else STROKE))
    body.append(text(lx, 256, "起点：第 1 帧的空白或 a；", 13, anchor="start"))
    body.append(text(lx, 278, "终点：最后一帧的 b 或空白；", 13, anchor="start"))
    body.append(text(lx, 300, "可停留、下移一格，或在两个", 13, anchor="start"))
    body.append(text(lx, 322, "不同字符之间跳过空白。", 13, anchor="start"))
    return _svg(W, H, "CTC 对齐网格：目标 ab 在 3 帧上的全部合法路径", body)


# ---------------------------------------------------------------- plots

@contextlib.contextmanager
def _mpl():
    """matplotlib with default rcParams plus our fixed settings, whatever other figure modules changed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        plt.rcParams["svg.fonttype"] = "none"
        plt.rcParams["svg.hashsalt"] = "dl-handbook"
        plt.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams["font.size"] = 10
        yield plt


def bias_variance_curves(degrees, n_sets=500, seed=0):
    """Same set-up as the snippet: 15 fixed inputs on [0, 1], f = sin(2πx), σ = 0.3, 50 test inputs."""
    P = np.polynomial.polynomial
    rng = np.random.default_rng(seed)
    sigma, x_train, x_test = 0.3, np.linspace(0, 1, 15), np.linspace(0, 1, 50)
    f = lambda x: np.sin(2 * np.pi * x)  # noqa: E731
    bias2, var = [], []
    for deg in degrees:
        preds = np.empty((n_sets, len(x_test)))
        for r in range(n_sets):
            y = f(x_train) + rng.normal(0, sigma, len(x_train))
            preds[r] = P.polyval(x_test, P.polyfit(x_train, y, deg))
        bias2.append(np.mean((f(x_test) - preds.mean(0)) ** 2))
        var.append(np.mean(preds.var(0)))
    return np.array(bias2), np.array(var), sigma**2


def bias_variance_svg(path: pathlib.Path) -> None:
    with _mpl() as plt:
        degrees = np.arange(0, 13)
        bias2, var, noise = bias_variance_curves(degrees)
        # Degree-12 fits are ill-conditioned: the last digits differ between CPUs (BLAS code paths),
        # which would change the SVG bytes. Four decimals is far below a pixel.
        bias2, var = np.round(bias2, 4), np.round(var, 4)
        fig, ax = plt.subplots(figsize=(6.4, 3.4))
        ax.plot(degrees, bias2, "o-", color=BLUE, label=r"Bias$^2$")
        ax.plot(degrees, var, "s-", color=RED, label="Variance")
        ax.plot(degrees, np.full_like(var, noise), "--", color="grey", label=r"noise $\sigma^2$")
        ax.plot(degrees, bias2 + var + noise, "k^-", label=r"expected test MSE = Bias$^2$ + Var + $\sigma^2$")
        best = int(np.argmin(bias2 + var))
        ax.axvline(best, color="black", alpha=0.25)
        ax.set_xlabel("polynomial degree (model complexity)")
        ax.set_ylabel("squared error")
        ax.set_ylim(0, 0.65)
        ax.set_xticks(degrees)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper center")
        fig.tight_layout()
        fig.savefig(path, format="svg", metadata={"Date": None})
        plt.close(fig)


def mel_filterbank(n_mels, n_fft, sr):
    """HTK-style triangular Mel filters, mel(f) = 2595 log10(1 + f / 700)."""
    mel = lambda f: 2595 * np.log10(1 + f / 700)  # noqa: E731
    inv = lambda m: 700 * (10 ** (m / 2595) - 1)  # noqa: E731
    edges = inv(np.linspace(mel(0), mel(sr / 2), n_mels + 2))
    freqs = np.linspace(0, sr / 2, n_fft // 2 + 1)
    fb = np.zeros((n_mels, len(freqs)))
    for m in range(n_mels):
        lo, c, hi = edges[m], edges[m + 1], edges[m + 2]
        fb[m] = np.clip(np.minimum((freqs - lo) / (c - lo), (hi - freqs) / (hi - c)), 0, None)
    return fb


def log_mel_svg(path: pathlib.Path) -> None:
    with _mpl() as plt:
        sr, dur = 16000, 1.0
        t = np.arange(int(sr * dur)) / sr
        f0, f1 = 200.0, 4000.0
        phase = 2 * np.pi * (f0 * t + (f1 - f0) / (2 * dur) * t**2)    # linear chirp 200 Hz → 4 kHz
        x = np.sin(phase) + 0.5 * np.sin(2 * np.pi * 1000 * t)                 # plus a steady 1 kHz tone
        n_fft, hop = 400, 160                                          # 25 ms window, 10 ms hop
        win = np.hanning(n_fft)
        frames = np.stack([x[i:i + n_fft] * win for i in range(0, len(x) - n_fft + 1, hop)])
        power = np.abs(np.fft.rfft(frames, axis=1)) ** 2                # (frames, 201)
        logmel = np.log(power @ mel_filterbank(40, n_fft, sr).T + 1e-6)
        fig, axes = plt.subplots(1, 3, figsize=(9, 2.6))
        axes[0].plot(t[:480] * 1000, x[:480], color=BLUE, lw=0.6)
        axes[0].set_xlabel("time (ms)")
        axes[0].set_title("waveform (first 30 ms)", fontsize=9)
        axes[1].imshow(np.log(power.T + 1e-6), origin="lower", aspect="auto",
                       extent=[0, dur, 0, sr / 2000], cmap="magma", interpolation="none")
        axes[1].set_xlabel("time (s)")
        axes[1].set_ylabel("frequency (kHz)")
        axes[1].set_title("log power spectrogram (STFT)", fontsize=9)
        axes[2].imshow(logmel.T, origin="lower", aspect="auto", extent=[0, dur, 0, 40], cmap="magma",
                       interpolation="none")
        axes[2].set_xlabel("time (s)")
        axes[2].set_ylabel("Mel channel")
        axes[2].set_title("log-Mel spectrogram (40 filters)", fontsize=9)
        fig.tight_layout()
        fig.savefig(path, format="svg", metadata={"Date": None})
        plt.close(fig)


def build(outdir: pathlib.Path) -> None:
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "ctc-lattice.svg").write_text(ctc_lattice_svg(), encoding="utf-8")
    bias_variance_svg(outdir / "bias-variance.svg")
    log_mel_svg(outdir / "log-mel.svg")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "engineering")
