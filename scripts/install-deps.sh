#!/usr/bin/env bash
# Install everything codecpg needs to build, test and run on Debian 12, from Debian's
# packages and the npm registry only. Idempotent: installed packages are skipped.
# Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
    build-essential pkg-config            # compiler, make
    postgresql-15 postgresql-server-dev-15 postgresql-client-15
    libpq-dev                             # the command-line client
    libpython3.11-dev python3.11          # embedded CPython; python3 runs the test peers
    libjansson-dev                        # SCIP JSON
    postgresql-plpython3-15               # tests: codecpg refuses to share Python with it
    nodejs npm                            # fetches the grammar; runs scip-python
    python3-django                        # a real package indexed by test/shell/cpg_django.sh
    libtree-sitter-dev                    # test/shell/upgrade.sh builds the 0.1.0 release, linked to it
    # building Citus from ../shared/vendor for the Citus test (scripts/citus-build.sh)
    liblz4-dev libzstd-dev libssl-dev libkrb5-dev libselinux1-dev libxslt1-dev
    libreadline-dev libpam0g-dev zlib1g-dev
    clang libclang-rt-14-dev              # tests: libFuzzer harnesses (test/fuzz)
    default-jdk-headless libpostgresql-jdbc-java      # test/shell/bi_clients.sh: pgJDBC
    unixodbc unixodbc-dev odbc-postgresql             # test/shell/bi_clients.sh: psqlODBC
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A Node.js and npm installed outside Debian's packages are fine.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs/}")
    missing=("${missing[@]/npm/}")
fi
read -r -a missing <<<"${missing[*]}"

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "install-deps: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install-deps: all dependencies present"
