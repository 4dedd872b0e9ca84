"""Fast lint of the handbook's Markdown sources: Chinese copywriting, English spelling, Markdown rules.

Usage (from the repository root):

    .venv/bin/python scripts/lint.py                # lint docs/**/*.md
    .venv/bin/python scripts/lint.py docs/cnn       # lint some files or folders
    .venv/bin/python scripts/lint.py --fix          # apply the safe fixes, then report what is left
    .venv/bin/python scripts/lint.py --summary      # counts per file instead of every message

Every problem is printed as "docs/FILE:LINE: what is wrong. what to do" and the exit status is 1
when any problem is left (0 when clean), so pre-commit and CI can run it.

Checks:

* 中文排版 (AutoCorrect, the autocorrect-py package): spaces between CJK and Latin letters or digits,
  full-width punctuation in Chinese sentences. Fixable with --fix.
* 英文拼写: canonical spellings of the terms in docs/_data/terms.yml (abbr and mixed-case English
  names such as ReLU, ResNet) plus a list of common misspellings (Sigmod, Pytorch, Tensorflow ...).
  Reported with the correct spelling; not auto-fixed (a human checks the context).
* Markdown rules (our own small set instead of markdownlint, see CONTRIBUTING.md): trailing spaces,
  hard tabs, heading levels that skip (## -> ####), bare URLs, fenced code without a language,
  several blank lines in a row, missing final newline. Whitespace rules are fixable with --fix.

What is never linted: the YAML front matter (AutoCorrect would turn the commas of `tags: [a, b]`
into full-width ones), fenced code, display math ($$ ... $$ blocks), snippet include lines
(--8<--), HTML comments, and inline code / inline math / link targets inside a line.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# Common misspellings -> the correct spelling (checked as whole words, case-sensitive).
MISSPELLINGS = {
    "Sigmod": "Sigmoid", "sigmod": "Sigmoid", "Sigmiod": "Sigmoid",
    "Leakly": "Leaky", "leakly": "Leaky",
    "Pytorch": "PyTorch", "pytorch": "PyTorch", "PyTorh": "PyTorch", "Pytroch": "PyTorch",
    "Tensorflow": "TensorFlow", "tensorflow": "TensorFlow", "TensorFLow": "TensorFlow",
    "Numpy": "NumPy", "numpy": "NumPy",
    "Relu": "ReLU", "ReLu": "ReLU", "RELU": "ReLU", "Relu6": "ReLU6",
    "Resnet": "ResNet", "resnet": "ResNet", "Alexnet": "AlexNet", "alexnet": "AlexNet",
    "Imagenet": "ImageNet", "imagenet": "ImageNet", "Googlenet": "GoogLeNet", "GoogleNet": "GoogLeNet",
    "Lstm": "LSTM", "Softmx": "Softmax", "Dropuot": "Dropout", "Batchnorm": "BatchNorm",
    "Layernorm": "LayerNorm", "Keras3": "Keras 3", "Jupyter notebook": "Jupyter Notebook",
    "Github": "GitHub", "github": "GitHub", "Mkdocs": "MkDocs", "Cuda": "CUDA",
    "Transfomer": "Transformer", "Tranformer": "Transformer", "Attension": "Attention",
    "Adagrad": "AdaGrad", "Adadelta": "AdaDelta", "Adamw": "AdamW",
}
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_WORD = re.compile(r"(?<![A-Za-z0-9_.\-/])([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9_(/])")


@dataclass
class Problem:
    path: str
    line: int
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --------------------------------------------------------------------------- which lines are prose


def classify(lines: list[str]) -> list[str]:
    """Return a kind for every line: front, fence (opening line), code, math, snippet, comment, blank or prose."""
    kinds = ["prose"] * len(lines)
    i = 0
    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            for j in range(end + 1):
                kinds[j] = "front"
            i = end + 1
    fence: str | None = None
    in_math = in_comment = False
    for j in range(i, len(lines)):
        line = lines[j]
        stripped = line.strip()
        if fence:
            kinds[j] = "code"
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        if in_math:
            kinds[j] = "math"
            if stripped.endswith("$$"):
                in_math = False
            continue
        if in_comment:
            kinds[j] = "comment"
            if "-->" in line:
                in_comment = False
            continue
        m = _FENCE.match(line)
        if m:
            kinds[j] = "fence"
            fence = m.group(1)
            continue
        if stripped.startswith("$$"):
            kinds[j] = "math"
            in_math = not (len(stripped) > 2 and stripped.endswith("$$"))
            continue
        if "--8<--" in line:
            kinds[j] = "snippet"
            continue
        if stripped.startswith("<!--"):
            kinds[j] = "comment"
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            kinds[j] = "blank"
    return kinds


def mask_inline(line: str) -> str:
    """Blank out inline code, inline math, link targets and HTML tags (same length, for columns)."""
    def blank(m):
        return " " * len(m.group(0))
    line = re.sub(r"`[^`]*`", blank, line)
    line = re.sub(r"\$[^$]+\$", blank, line)
    line = re.sub(r"\]\([^)]*\)", lambda m: "]" + " " * (len(m.group(0)) - 1), line)
    line = re.sub(r"<[^>]+>", blank, line)
    line = re.sub(r"\{[:#.][^}]*\}|\{\s*\w+=[^}]*\}", blank, line)
    return line


# --------------------------------------------------------------------------- checks


def _autocorrect():
    try:
        import autocorrect_py
    except ImportError:
        sys.exit("缺少 autocorrect-py。请先运行 bash scripts/setup.sh --test（它会安装 requirements-dev.txt）。")
    return autocorrect_py


_CJK_HYPHEN = re.compile(r"(?<=[\u3400-\u9fff])-(?=[\u3400-\u9fff])")


def corrected(line: str, ac, spacing_only: bool = False) -> str:
    """The AutoCorrect version of one prose line; indentation (admonition bodies) is kept.

    A hyphen between two Han characters (视觉-语言-动作) is kept as it is. With spacing_only
    (the 参考 section, where citations keep their half-width "Author. Title. Venue, Year."),
    only the spaces AutoCorrect inserts are applied, never its punctuation changes.
    """
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    trail = body[len(body.rstrip()):]
    body = body.rstrip()
    fixed = ac.format_for(_CJK_HYPHEN.sub("\u2010", body), "md").replace("\u2010", "-")
    if spacing_only and fixed != body:
        sm = difflib.SequenceMatcher(None, body, fixed, autojunk=False)
        parts = []
        for op, a0, a1, b0, b1 in sm.get_opcodes():
            if op == "insert" and not fixed[b0:b1].strip():
                parts.append(fixed[b0:b1])
            elif op != "delete" or body[a0:a1].strip():
                parts.append(body[a0:a1])
        fixed = "".join(parts)
    return indent + fixed + trail


def reference_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines inside the ## 参考 section."""
    out, inside = set(), False
    for i, line in enumerate(lines):
        if line.startswith("## "):
            inside = line.strip() == "## 参考"
        elif inside:
            out.add(i)
    return out


def _excerpt(old: str, new: str) -> tuple[str, str]:
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    a0, a1 = ops[0][1], ops[-1][2]
    b0, b1 = ops[0][3], ops[-1][4]
    a0, b0 = max(0, a0 - 6), max(0, b0 - 6)
    a1, b1 = a1 + 6, b1 + 6
    return old[a0:a1].strip(), new[b0:b1].strip()


def check_copywriting(lines, kinds, src, ac) -> list[Problem]:
    out = []
    refs = reference_lines(lines)
    for no, (line, kind) in enumerate(zip(lines, kinds), 1):
        if kind != "prose":
            continue
        new = corrected(line, ac, spacing_only=no - 1 in refs)
        if new != line:
            old_part, new_part = _excerpt(line, new)
            out.append(Problem(src, no, f"中文排版：「{old_part}」应为「{new_part}」（中文与英文、数字之间加空格，"
                                        "中文句子用全角标点）。运行 .venv/bin/python scripts/lint.py --fix 可自动修正。",
                               fixable=True))
    return out


def canonical_spellings() -> dict[str, str]:
    """lowercase -> canonical, from terms.yml abbr and mixed-case words of en."""
    try:
        terms = yaml.safe_load((DOCS / "_data" / "terms.yml").read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        terms = []
    canon: dict[str, str] = {}
    for term in terms:
        if not isinstance(term, dict):
            continue
        words = []
        if term.get("abbr"):
            words += str(term["abbr"]).split()
        for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", str(term.get("en", ""))):
            if re.search(r"[a-z][A-Z]|^[A-Z]{2,}", word):  # ReLU, ResNet, DropConnect, KV
                words.append(word)
        for word in words:
            if len(word) >= 3 and not word.islower():
                canon.setdefault(word.lower(), word)
    for good in MISSPELLINGS.values():
        if " " not in good:
            canon.setdefault(good.lower(), good)
    return canon


def check_spelling(lines, kinds, src, canon) -> list[Problem]:
    out = []
    for no, (line, kind) in enumerate(zip(lines, kinds), 1):
        if kind != "prose":
            continue
        text = mask_inline(line)
        if text.lstrip().startswith("*["):  # abbreviation definitions list spellings on purpose
            continue
        seen = set()
        for m in _WORD.finditer(text):
            word = m.group(1)
            good = MISSPELLINGS.get(word)
            if good is None:
                cand = canon.get(word.lower())
                # Lowercase forms (relu, tanh, adam) are left alone: prose uses them as function names.
                if cand and cand != word and not word.islower():
                    good = cand
            if good and good != word and word not in seen:
                seen.add(word)
                out.append(Problem(src, no, f"英文拼写：「{word}」应写作「{good}」。读者可能搜索的错拼请放进 front matter 的 aliases。"))
    return out


def check_markdown(lines, kinds, src, text) -> list[Problem]:
    out = []
    last_level = None
    blank_run = 0
    for no, (line, kind) in enumerate(zip(lines, kinds), 1):
        if kind == "front":
            continue
        if kind not in ("code", "fence") and line != line.rstrip():
            out.append(Problem(src, no, "行尾有多余空格。删除它们（需要换行时另起一段）；--fix 可自动删除。", fixable=True))
        if kind not in ("code", "fence") and "\t" in line:
            out.append(Problem(src, no, "使用了制表符（Tab）。缩进请用空格（提问块正文缩进 4 个空格）；--fix 可自动替换。",
                               fixable=True))
        if kind == "fence":
            m = _FENCE.match(line)
            if not m.group(2).strip():
                out.append(Problem(src, no, "代码块缺少语言标注。写成 ```python、```bash、```text 等，代码才会正确高亮。"))
        if kind in ("code", "fence"):
            blank_run = 0
            continue
        if kind == "blank":
            blank_run += 1
            if blank_run == 2:
                out.append(Problem(src, no, "连续多个空行。段落之间只留一个空行；--fix 可自动合并。", fixable=True))
            continue
        blank_run = 0
        if kind != "prose":
            continue
        h = _HEADING.match(line)
        if h:
            level = len(h.group(1))
            if last_level is not None and level > last_level + 1:
                out.append(Problem(src, no, f"标题层级跳级：{'#' * last_level} 之后直接出现 {'#' * level}。"
                                            f"请改为 {'#' * (last_level + 1)}，标题每次只往下一级。"))
            last_level = level
        masked = re.sub(r"`[^`]*`", " ", line)
        for m in re.finditer(r"(?<![(<\"'=])\bhttps?://[^\s)>\]]+", masked):
            before = masked[:m.start()]
            if before.endswith("](") or before.endswith("<"):
                continue
            out.append(Problem(src, no, f"裸露的网址 {m.group(0)}。写成 [说明文字]({m.group(0)}) 或 <{m.group(0)}>；"
                                        "参考文献请写作者、题目、会议和年份，不要只贴链接。"))
    if text and not text.endswith("\n"):
        out.append(Problem(src, len(lines), "文件末尾缺少换行符。在最后一行后加一个换行；--fix 可自动添加。", fixable=True))
    elif text.endswith("\n\n"):
        out.append(Problem(src, len(lines), "文件末尾有多余空行。只保留一个换行；--fix 可自动删除。", fixable=True))
    return out


# --------------------------------------------------------------------------- fixing


def fix_text(text: str, ac) -> str:
    lines = text.split("\n")
    final_newline = text.endswith("\n")
    if final_newline:
        lines = lines[:-1]
    kinds = classify(lines)
    refs = reference_lines(lines)
    out: list[str] = []
    blank_run = 0
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind not in ("code", "fence", "front"):
            line = line.rstrip().replace("\t", "    ")
        if kind == "prose":
            line = corrected(line, ac, spacing_only=i in refs).rstrip()
        if kind == "blank":
            blank_run += 1
            if blank_run > 1:
                continue
        else:
            blank_run = 0
        out.append(line)
    while out and out[-1] == "" and kinds and kinds[-1] != "front":
        out.pop()
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- driver


def lint_text(text: str, src: str, ac, canon) -> list[Problem]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    kinds = classify(lines)
    problems = check_copywriting(lines, kinds, src, ac)
    problems += check_spelling(lines, kinds, src, canon)
    problems += check_markdown(lines, kinds, src, text)
    return sorted(problems, key=lambda p: p.line)


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for arg in paths or [str(DOCS)]:
        p = Path(arg)
        if not p.is_absolute():
            p = (Path.cwd() / p)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*.md") if "_snippets" not in f.parts)
        elif p.is_file():
            files.append(p)
        else:
            sys.exit(f"找不到 {arg}。请给出 docs/ 下的 Markdown 文件或文件夹。")
    return files


def _display(path: Path) -> str:
    """docs/FILE for files in a docs/ folder (also in copies of the project), else the path."""
    resolved = path.resolve()
    parts = resolved.parts
    if "docs" in parts:
        i = len(parts) - 1 - parts[::-1].index("docs")
        return "/".join(parts[i:])
    return resolved.as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="检查 docs/ 下 Markdown 的中文排版、英文拼写与 Markdown 规则。",
        epilog="输出格式：docs/文件:行号: 问题。怎么改。有问题时退出码为 1。")
    parser.add_argument("paths", nargs="*", help="要检查的文件或文件夹（默认 docs/）")
    parser.add_argument("--fix", action="store_true", help="自动修正排版和空白问题，然后报告剩下的问题")
    parser.add_argument("--summary", action="store_true", help="只输出每个文件的问题数")
    args = parser.parse_args(argv)
    ac = _autocorrect()
    canon = canonical_spellings()
    total = fixed_files = 0
    counts: dict[str, int] = {}
    for path in collect(args.paths):
        src = _display(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{src}:1: 无法读取（{exc}）。请确认文件是 UTF-8 编码。")
            total += 1
            continue
        if args.fix:
            new = fix_text(text, ac)
            if new != text:
                path.write_text(new, encoding="utf-8")
                fixed_files += 1
                text = new
        problems = lint_text(text, src, ac, canon)
        if problems:
            counts[src] = len(problems)
        total += len(problems)
        if not args.summary:
            for p in problems:
                print(p)
    if args.summary:
        for src, n in sorted(counts.items()):
            print(f"{n:5d}  {src}")
    if args.fix:
        print(f"已自动修正 {fixed_files} 个文件。", file=sys.stderr)
    if total:
        print(f"共 {total} 个问题（{len(counts)} 个文件）。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
