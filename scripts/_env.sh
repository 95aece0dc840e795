# Sourced by scripts/demo, scripts/test and .ci/run: a uv that works, the interpreters
# the template targets on PATH, and no interpreter downloads. A version that neither pyenv
# nor PATH has (3.14 on this machine) is provisioned once by scripts/provision-python.
# shellcheck shell=bash

STRATA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STRATA_ROOT

strata_fail() {
    printf 'strata: %s\n' "$*" >&2
    exit 1
}

# pyenv's shim for uv looks for uv under the Python a folder's .python-version names (a
# render's 3.12, say), where it is not installed; so resolve the real binary once.
strata_real_uv() {
    local candidate
    candidate="$(command -v uv 2>/dev/null)" || return 1
    if command -v pyenv >/dev/null 2>&1 && [[ "$candidate" == "$(pyenv root)/shims/"* ]]; then
        candidate="$(cd / && pyenv which uv 2>/dev/null)" || return 1
    fi
    "$candidate" --version >/dev/null 2>&1 || return 1
    printf '%s\n' "$candidate"
}

strata_python_dir() {
    local version="$1" root found
    if command -v pyenv >/dev/null 2>&1; then
        root="$(pyenv root)"
        found="$(find "$root/versions" -maxdepth 1 -name "$version.*" -printf '%f\n' 2>/dev/null \
            | sort -V | tail -n 1)"
        if [[ -n "$found" && -x "$root/versions/$found/bin/python$version" ]]; then
            printf '%s\n' "$root/versions/$found/bin"
            return 0
        fi
    fi
    found="$(command -v "python$version" 2>/dev/null)" || return 1
    [[ "$found" != */shims/* ]] || return 1
    dirname "$found"
}

uv_path="$(strata_real_uv)" || {
    printf 'strata: uv is missing; installing it with pip\n' >&2
    python3 -m pip install --quiet uv || strata_fail "could not install uv (python3 -m pip install uv)"
    hash -r
    if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
    uv_path="$(strata_real_uv)" || uv_path="$(python3 -c 'import uv; print(uv.find_uv_bin())')" \
        || strata_fail "uv was installed but cannot be found on PATH"
}

# The versions the template offers, read from copier.yml (its python_version choices).
mapfile -t strata_versions < <(
    sed -n '/^python_version:/,/^[^ #]/p' "$STRATA_ROOT/copier.yml" \
        | grep -E '^ +(- |[^:]+: )' | grep -oE '"?3\.[0-9]+"? *$' | tr -d '" ' | sort -uV
)
[[ ${#strata_versions[@]} -gt 0 ]] || strata_fail "no python_version choices found in copier.yml"

strata_path=""
for version in "${strata_versions[@]}"; do
    dir="$(strata_python_dir "$version")" \
        || dir="$(UV="$uv_path" "$STRATA_ROOT/scripts/provision-python" "$version")" \
        || exit 1
    strata_path="$strata_path$dir:"
done
export PATH="$strata_path$(dirname "$uv_path"):$PATH"
export UV_PYTHON_DOWNLOADS=never
unset VIRTUAL_ENV
unset strata_path strata_versions version dir
