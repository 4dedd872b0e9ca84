"""归一化与正则化章节（BN 家族与 Dropout 部分）的插图。

生成到 docs/assets/figures/normalization/：
- norm-axes.svg：N×C×H×W 张量上 BN / LN / IN / GN 各自在哪些元素上求均值和方差（仿 Wu & He 2018 图 2）；
- norm-axes-sequence.svg：N×T×D 序列张量上 BN 与 LN / RMSNorm 的统计范围；
- bn-train-eval.svg：BN 训练模式与推理模式的数据流（批统计量、滑动平均、固定仿射映射）；
- dropout-net.svg：标准全连接网络与 Dropout 抽样出的“变瘦”子网络（Srivastava et al. 2014 图 1 的重画）；
- data-scaling-contours.svg：特征尺度悬殊时损失等高线狭长、梯度下降来回震荡，标准化后等高线变圆。

全部为手写 SVG 字符串（无随机数、坐标统一保留一位小数），输出逐字节确定。
"""
from __future__ import annotations

import pathlib

FONT = 'font-family="sans-serif"'
BLUE = "#5b8def"
ORANGE = "#f39c4a"
GREEN = "#4caf7a"
PURPLE = "#9b6bd3"
GRAY = "#888888"


def _f(v: float) -> str:
    """坐标统一格式化为一位小数，避免浮点表示差异。"""
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


def _svg(width: int, height: int, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT}>'
    )
    return "\n".join([head, '<rect width="100%" height="100%" fill="#ffffff"/>', *body, "</svg>"]) + "\n"


def _text(x: float, y: float, s: str, size: int = 13, anchor: str = "middle", weight: str = "normal",
          fill: str = "#222222") -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{s}</text>')


def _poly(points: list[tuple[float, float]], fill: str, extra: str = "") -> str:
    """多边形；描边由外层 <g> 统一设置，减小文件体积。"""
    pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    return f'<polygon points="{pts}" fill="{fill}"{extra}/>'


# ---------------------------------------------------------------------------------------------
# 立方体示意：x 轴 = 第一个轴（样本 N），y 轴（竖直）= 第三个轴，z 轴（斜向纵深）= 第二个轴。
# 只画三个可见面（正面、顶面、右侧面），逐格判断该格属于被归一化的集合就上色。
# ---------------------------------------------------------------------------------------------
def _cube(ox: float, oy: float, nx: int, ny: int, nz: int, pred, color: str, cell: float = 16.0) -> list[str]:
    dzx, dzy = 0.55 * cell, -0.45 * cell  # 纵深方向每格的屏幕位移

    def p(x: float, y: float, z: float) -> tuple[float, float]:
        return ox + x * cell + z * dzx, oy - y * cell + z * dzy

    out: list[str] = ['<g stroke="#555555" stroke-width="0.8">']
    # 正面 z = 0：格 (i, j)
    for i in range(nx):
        for j in range(ny):
            fill = color if pred(i, 0, j) else "#ffffff"
            out.append(_poly([p(i, j, 0), p(i + 1, j, 0), p(i + 1, j + 1, 0), p(i, j + 1, 0)], fill))
    # 顶面 y = ny：格 (i, k)
    for i in range(nx):
        for k in range(nz):
            fill = color if pred(i, k, ny - 1) else "#ffffff"
            out.append(_poly([p(i, ny, k), p(i + 1, ny, k), p(i + 1, ny, k + 1), p(i, ny, k + 1)], fill,
                             extra=' fill-opacity="0.85"'))
    # 右侧面 x = nx：格 (k, j)
    for k in range(nz):
        for j in range(ny):
            fill = color if pred(nx - 1, k, j) else "#ffffff"
            out.append(_poly([p(nx, j, k), p(nx, j, k + 1), p(nx, j + 1, k + 1), p(nx, j + 1, k)], fill,
                             extra=' fill-opacity="0.7"'))
    out.append("</g>")
    return out


def _cube_labels(ox: float, oy: float, nx: int, ny: int, nz: int, lx: str, ly: str, lz: str,
                 cell: float = 16.0) -> list[str]:
    dzx, dzy = 0.55 * cell, -0.45 * cell
    out = [
        _text(ox + nx * cell / 2, oy + 18, lx, 13),
        _text(ox - 10, oy - ny * cell / 2 + 4, ly, 13, anchor="end"),
        _text(ox + nx * cell + nz * dzx / 2 + 12, oy + nz * dzy / 2 + 10, lz, 13, anchor="start"),
    ]
    return out


def norm_axes_svg() -> str:
    nx, nz, ny = 6, 6, 5  # N, C, H·W
    panels = [
        ("批归一化 BN", "每个通道 c：在 N、H、W 上统计", lambda n, c, s: c == 0, BLUE),
        ("层归一化 LN", "每个样本 n：在 C、H、W 上统计", lambda n, c, s: n == nx - 1, ORANGE),
        ("实例归一化 IN", "每个 (n, c)：在 H、W 上统计", lambda n, c, s: n == nx - 1 and c == 0, GREEN),
        ("组归一化 GN", "每个 (n, 组)：在 C/G、H、W 上统计", lambda n, c, s: n == nx - 1 and c < 2, PURPLE),
    ]
    body: list[str] = []
    w = 230
    for idx, (title, sub, pred, color) in enumerate(panels):
        ox = 45 + idx * w
        oy = 175
        body.append(_text(ox + 70, 26, title, 15, weight="bold"))
        body += _cube(ox, oy, nx, ny, nz, pred, color)
        body += _cube_labels(ox, oy, nx, ny, nz, "N（样本）", "H, W", "C", )
        body.append(_text(ox + 70, 222, sub, 12, fill="#333333"))
    body.append(_text(460, 250, "着色的格子共用一组均值和方差；GN 示意 C = 6、G = 3（每组 2 个通道）", 12, fill="#555555"))
    return _svg(920, 262, body)


def norm_axes_sequence_svg() -> str:
    nx, nz, ny = 5, 6, 5  # N, D(纵深), T(竖直)
    panels = [
        ("BN（按特征）", "每个特征 d：在 N、T 上统计（含填充位置）", lambda n, d, t: d == 0, BLUE),
        ("LN / RMSNorm（按 token）", "每个 token (n, t)：在 D 上统计", lambda n, d, t: n == nx - 1 and t == ny - 1,
         ORANGE),
    ]
    body: list[str] = []
    for idx, (title, sub, pred, color) in enumerate(panels):
        ox = 70 + idx * 300
        oy = 175
        body.append(_text(ox + 65, 26, title, 15, weight="bold"))
        body += _cube(ox, oy, nx, ny, nz, pred, color)
        body += _cube_labels(ox, oy, nx, ny, nz, "N（序列）", "T（位置）", "D（特征）")
        body.append(_text(ox + 65, 222, sub, 12, fill="#333333"))
    return _svg(620, 240, body)


# ---------------------------------------------------------------------------------------------
# BN 训练 / 推理数据流
# ---------------------------------------------------------------------------------------------
def _box(x: float, y: float, w: float, h: float, label: str, fill: str, size: int = 12) -> list[str]:
    lines = label.split("|")
    out = [f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="6" fill="{fill}" '
           f'stroke="#444444" stroke-width="1"/>']
    start = y + h / 2 - (len(lines) - 1) * (size + 2) / 2 + size * 0.35
    for i, line in enumerate(lines):
        out.append(_text(x + w / 2, start + i * (size + 2), line, size))
    return out


def _arrow(x1: float, y1: float, x2: float, y2: float, dashed: bool = False, color: str = "#444444") -> str:
    dash = ' stroke-dasharray="5,4"' if dashed else ""
    return (f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{color}" '
            f'stroke-width="1.4" marker-end="url(#arr)"{dash}/>')


def bn_train_eval_svg() -> str:
    body = [
        '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444444"/></marker></defs>',
        _text(20, 28, "训练模式 model.train()", 15, anchor="start", weight="bold"),
        _text(20, 218, "推理模式 model.eval()", 15, anchor="start", weight="bold"),
    ]
    # 训练
    body += _box(20, 50, 110, 50, "mini-batch x|（m 个值/通道）", "#eef3fd")
    body += _box(170, 50, 130, 50, "批统计量|μ_B, σ²_B（有偏）", "#dbe7fc")
    body += _box(340, 50, 130, 50, "标准化|(x − μ_B)/√(σ²_B+ε)", "#dbe7fc")
    body += _box(510, 50, 110, 50, "仿射|γ·x̂ + β", "#dbe7fc")
    body += _box(170, 130, 300, 46, "更新缓冲区：running ← (1−α)·running + α·批统计量|（方差用无偏 m/(m−1)·σ²_B，PyTorch α = 0.1）",
                 "#fdf1e4", size=11)
    body += [
        _arrow(130, 75, 168, 75), _arrow(300, 75, 338, 75), _arrow(470, 75, 508, 75),
        _arrow(235, 100, 235, 128, dashed=True),
        _text(640, 79, "→ y", 13, anchor="start"),
        _text(486, 150, "不参与梯度", 11, anchor="start", fill="#aa6622"),
    ]
    # 推理
    body += _box(20, 240, 110, 50, "任意 batch 的 x|（可只有 1 个样本）", "#eef6ef")
    body += _box(170, 240, 300, 50, "固定仿射：y = a·x + b|a = γ/√(running_var+ε)，b = β − a·running_mean", "#dff0e3")
    body += _box(510, 240, 110, 50, "可折叠进|前一层卷积", "#dff0e3")
    body += [
        _arrow(130, 265, 168, 265), _arrow(470, 265, 508, 265),
        _arrow(320, 176, 320, 238, dashed=True),
        _text(328, 214, "训练结束时的 running_mean / running_var", 11, anchor="start", fill="#aa6622"),
    ]
    return _svg(680, 310, body)


# ---------------------------------------------------------------------------------------------
# Dropout：完整网络与一个“变瘦”的子网络
# ---------------------------------------------------------------------------------------------
def dropout_net_svg() -> str:
    layers = [4, 5, 5, 2]
    # 固定的丢弃掩码（True = 被丢弃）：输入层丢 1 个（p≈0.2），两个隐藏层各丢 2～3 个（p≈0.5）
    dropped = [
        [False, True, False, False],
        [True, False, False, True, False],
        [False, True, True, False, False],
        [False, False],
    ]
    body: list[str] = []

    def pos(ox: float, li: int, ni: int) -> tuple[float, float]:
        n = layers[li]
        return ox + li * 95, 60 + (ni + 0.5) * (200 / n)

    for panel, ox in ((0, 40), (1, 420)):
        title = "（a）标准网络" if panel == 0 else "（b）Dropout 抽样出的子网络"
        body.append(_text(ox + 140, 30, title, 14, weight="bold"))
        # 连接
        for li in range(len(layers) - 1):
            for a in range(layers[li]):
                for b in range(layers[li + 1]):
                    x1, y1 = pos(ox, li, a)
                    x2, y2 = pos(ox, li + 1, b)
                    off = panel == 1 and (dropped[li][a] or dropped[li + 1][b])
                    if off:
                        continue
                    body.append(f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                                f'stroke="#7a8fb8" stroke-width="0.9"/>')
        # 节点
        for li, n in enumerate(layers):
            for ni in range(n):
                x, y = pos(ox, li, ni)
                if panel == 1 and dropped[li][ni]:
                    body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="11" fill="#ffffff" stroke="{GRAY}" '
                                f'stroke-width="1.2" stroke-dasharray="3,3"/>')
                    body.append(f'<line x1="{_f(x - 7)}" y1="{_f(y - 7)}" x2="{_f(x + 7)}" y2="{_f(y + 7)}" '
                                f'stroke="#d9534f" stroke-width="1.6"/>')
                    body.append(f'<line x1="{_f(x - 7)}" y1="{_f(y + 7)}" x2="{_f(x + 7)}" y2="{_f(y - 7)}" '
                                f'stroke="#d9534f" stroke-width="1.6"/>')
                else:
                    fill = "#dbe7fc" if li in (1, 2) else ("#eef6ef" if li == 0 else "#fdf1e4")
                    body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="11" fill="{fill}" stroke="#444444" '
                                f'stroke-width="1.2"/>')
        for li, name in enumerate(["输入", "隐藏 1", "隐藏 2", "输出"]):
            x, _ = pos(ox, li, 0)
            body.append(_text(x, 285, name, 12))
    body.append(_text(400, 312, "虚线圆 + 红叉：本次前向被置零的单元；它们的连线不传递信号，也不接收这一样本的梯度", 12,
                      fill="#555555"))
    return _svg(800, 325, body)


# ---------------------------------------------------------------------------------------------
# 数据标准化：狭长等高线上的梯度下降 vs. 标准化后的圆形等高线
# ---------------------------------------------------------------------------------------------
def _gd_path(a: float, b: float, lr: float, start: tuple[float, float], steps: int) -> list[tuple[float, float]]:
    """在 f(u, v) = (a u^2 + b v^2) / 2 上做梯度下降，返回轨迹（纯 Python 浮点，确定）。"""
    u, v = start
    path = [(u, v)]
    for _ in range(steps):
        u, v = u - lr * a * u, v - lr * b * v
        path.append((u, v))
    return path


def data_scaling_svg() -> str:
    """f(u, v) = (u^2 + 25 v^2) / 2；标准化即令 v' = 5 v，得到 f = (u^2 + v'^2) / 2。"""
    body: list[str] = []
    panels = [
        # (标题, a, b, 学习率, 起点, 步数, 像素/单位, 等高线值, 说明)
        ("（a）未标准化：两个方向曲率相差 25 倍", 1.0, 25.0, 0.075, (-9.0, 1.6), 25, 17.0,
         (2.0, 8.0, 18.0, 32.0, 50.0), "学习率受最陡方向限制（η < 2/25），沿平缓方向挪得很慢"),
        ("（b）标准化后：各方向曲率相同", 1.0, 1.0, 0.5, (-9.0, 8.0), 6, 13.0,
         (2.0, 8.0, 18.0, 32.0), "同一个起点（换算到新坐标），几步就到达最小值"),
    ]
    for idx, (title, a, b, lr, start, steps, scale, levels, note) in enumerate(panels):
        cx, cy = 200 + idx * 400, 160
        body.append(_text(cx, 26, title, 14, weight="bold"))
        body.append(f'<rect x="{_f(cx - 180)}" y="40" width="360" height="240" fill="none" stroke="#cccccc"/>')
        for level in levels:
            rx = (2 * level / a) ** 0.5 * scale
            ry = (2 * level / b) ** 0.5 * scale
            body.append(f'<ellipse cx="{_f(cx)}" cy="{_f(cy)}" rx="{_f(rx)}" ry="{_f(ry)}" fill="none" '
                        f'stroke="#9db4e8" stroke-width="1"/>')
        pts = [(cx + u * scale, cy - v * scale) for u, v in _gd_path(a, b, lr, start, steps)]
        d = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
        body.append(f'<polyline points="{d}" fill="none" stroke="#d9534f" stroke-width="1.4"/>')
        for x, y in pts:
            body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.2" fill="#d9534f"/>')
        body.append(f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="3" fill="#222222"/>')
        body.append(_text(cx, 300, note, 12, fill="#333333"))
    return _svg(800, 315, body)


def build(outdir: pathlib.Path) -> None:
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    files = {
        "norm-axes.svg": norm_axes_svg(),
        "norm-axes-sequence.svg": norm_axes_sequence_svg(),
        "bn-train-eval.svg": bn_train_eval_svg(),
        "dropout-net.svg": dropout_net_svg(),
        "data-scaling-contours.svg": data_scaling_svg(),
    }
    for name, text in files.items():
        (outdir / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    build(pathlib.Path(__file__).resolve().parents[2] / "docs" / "assets" / "figures" / "normalization")
