# Shared settings of the course's commands (sourced, not run).
PY=/usr/bin/python3                     # Debian's Jupyter imports only under the system Python
RAPAIO_VERSION=3.0.1
KERNEL_DIR="$ROOT/target/jupyter"       # course-local Jupyter data folder: holds kernels/java
export JUPYTER_PATH="$KERNEL_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
# Once everything has been downloaded, build offline so that a cut network changes nothing.
MVN_OFFLINE=""
if [ -f "$ROOT/lib/target/.built" ] && [ ! "$ROOT/pom.xml" -nt "$ROOT/lib/target/.built" ] \
   && [ ! "$ROOT/lib/pom.xml" -nt "$ROOT/lib/target/.built" ]; then
  MVN_OFFLINE="-o"
fi
say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() { printf '[course] error: %s\n' "$*" >&2; exit 1; }
