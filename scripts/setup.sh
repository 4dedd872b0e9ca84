#!/usr/bin/env bash
# Sets up a fresh machine for the handbook: a .venv with the pinned Python packages.
# With --test it also installs the test packages and, through apt, Debian's chromium and
# fonts-noto-cjk (browser tests and screenshots). Safe to re-run; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))'; then
  echo "需要 Python ≥ 3.11.5（pymdown-extensions 13 的要求），当前是 $("$python" --version)。" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

reqs=requirements.txt
$want_test && reqs=requirements-dev.txt
stamp=.venv/.installed-$(cat "$reqs" requirements.txt constraints.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> 安装 Python 依赖（$reqs）"
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$reqs" -c constraints.txt 2>&1 \
    | grep -v "^WARNING: Location" || true
  # The build itself executes the notebooks of docs/labs/: their imports and the Jupyter kernel count too.
  .venv/bin/python -c \
    'import mkdocs, material, py_mini_racer, fontTools, brotli, mkdocs_jupyter, ipykernel, numpy, matplotlib, torch' \
    || { echo "依赖安装不完整，请查看上面的 pip 输出。" >&2; exit 1; }
  touch "$stamp"
fi

if $want_test; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> 安装系统软件包：${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
