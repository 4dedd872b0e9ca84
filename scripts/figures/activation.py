"""激活函数章节的插图：常见激活函数及其导数（两栏对比）。

生成 docs/assets/figures/activation/functions-and-derivatives.svg。
导数用解析式计算（与 tests/test_content_act.py 中用 autograd 核对的公式一致）。
"""
from __future__ import annotations

import math
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

LEAKY_SLOPE = 0.1  # 图中放大负半轴斜率以便看清；PyTorch 默认是 0.01


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _phi(x: np.ndarray) -> np.ndarray:
    """标准正态分布的 CDF Φ(x)。"""
    erf = np.vectorize(math.erf)
    return 0.5 * (1.0 + erf(x / math.sqrt(2.0)))


def _curves(x: np.ndarray) -> list[tuple[str, np.ndarray, np.ndarray, str]]:
    s = _sigmoid(x)
    t = np.tanh(x)
    pdf = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    cdf = _phi(x)
    return [
        ("Sigmoid", s, s * (1 - s), "-"),
        ("Tanh", t, 1 - t**2, "--"),
        ("ReLU", np.maximum(x, 0), (x > 0).astype(float), "-"),
        (f"Leaky ReLU (a={LEAKY_SLOPE})", np.where(x > 0, x, LEAKY_SLOPE * x),
         np.where(x > 0, 1.0, LEAKY_SLOPE), ":"),
        ("ELU (alpha=1)", np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1),
         np.where(x > 0, 1.0, np.exp(np.minimum(x, 0))), "-."),
        ("Swish/SiLU", x * s, s * (1 + x * (1 - s)), "--"),
        ("GELU", x * cdf, cdf + x * pdf, "-"),
    ]


def build(outdir: pathlib.Path) -> None:
    """写出 functions-and-derivatives.svg 到 outdir。"""
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "dl-handbook"
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["font.size"] = 9

    # 分段函数的折点 0 放进采样点，折线才画得准
    x = np.linspace(-4.0, 4.0, 161)
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(9.0, 3.6))
    for (name, f, df, ls), c in zip(_curves(x), colors):
        # ReLU 类导数在 0 处跳变：用 NaN 断开，避免画出竖线
        jump = name.startswith(("ReLU", "Leaky", "ELU"))
        d_plot = df.copy()
        if jump:
            d_plot[np.isclose(x, 0.0)] = np.nan
        ax_f.plot(x, np.round(f, 4), ls, color=c, lw=1.4, label=name)
        ax_d.plot(x, np.round(d_plot, 4), ls, color=c, lw=1.4, label=name)
    ax_f.set_title("f(x)")
    ax_d.set_title("f'(x)")
    ax_f.set_ylim(-1.5, 3.0)
    ax_d.set_ylim(-0.2, 1.3)
    ax_d.axhline(0.25, color="0.5", lw=0.6)
    ax_d.text(-3.9, 0.28, "1/4 = max sigmoid'", color="0.35", fontsize=7)
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="0.7", lw=0.6, zorder=0)
        ax.axvline(0, color="0.7", lw=0.6, zorder=0)
        ax.set_xlim(-4, 4)
        ax.set_xlabel("x")
        ax.grid(alpha=0.25, lw=0.5)
    ax_f.legend(loc="upper left", fontsize=7, frameon=False)
    fig.tight_layout()
    fig.savefig(outdir / "functions-and-derivatives.svg", format="svg", metadata={"Date": None})
    plt.close(fig)


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "activation")
