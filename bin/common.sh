# Shared settings and steps of the course's commands (sourced by bin/setup, bin/start, bin/test and the
# other commands in bin/). The settings (the kernel's version, the JVM flags and heaps) live in ONE place,
# the <properties> of pom.xml, and are read through tools/course (python3 -m course; standard library only).
PY=/usr/bin/python3                     # Debian's Jupyter imports only under the system Python
TOOLS_PY="$PY"; [ -x "$TOOLS_PY" ] || TOOLS_PY=python3   # the settings need only the standard library (Binder: conda)
KERNEL_DIR="$ROOT/target/jupyter"       # course-local Jupyter data folder: holds kernels/java
export JUPYTER_PATH="$KERNEL_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
STAMP="$ROOT/lib/target/.built"         # the library was built (tools/course/paths.py: LIB_STAMP)

# The course's tools (tools/course), e.g. `course_tool setting rapaio.kernel.version`.
course_tool() { PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$TOOLS_PY" -m course "$@"; }
# A module of tools/course under the system Python (Jupyter's libraries), e.g. `course_py runner_selftest`.
course_py() { PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m "course.$1" "${@:2}"; }

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() { printf '[course] error: %s\n' "$*" >&2; exit 1; }

# Maven runs offline once a build has succeeded with the same POMs: a cut network then changes nothing.
mvn_offline_flag() {
  if [ -f "$STAMP" ] && [ ! "$ROOT/pom.xml" -nt "$STAMP" ] && [ ! "$ROOT/lib/pom.xml" -nt "$STAMP" ] \
     && [ ! "$ROOT/kernel/pom.xml" -nt "$STAMP" ]; then
    echo "-o"
  fi
}

# 1. Jupyter (Debian packages), fonts for headless charts (Latin and Chinese), Java and Maven: only what is missing.
install_system_packages() {
  local need=()
  if ! "$PY" -c "import nbclient, nbformat, jupyter_client, notebook, ipykernel" 2>/dev/null; then
    need+=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel)
  fi
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
    need+=(fontconfig fonts-dejavu-core)
  fi
  # The Chinese edition's charts and pages: a font with Chinese glyphs (else they draw as empty boxes).
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
    need+=(fonts-noto-cjk)
  fi
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed, found '${major}': install openjdk-17-jdk-headless"
}

# 1b. What only the test command needs: headless Chromium for the screenshot test of the site and decks.
install_test_packages() {
  command -v chromium >/dev/null 2>&1 || apt_install chromium
}

# Installs Debian packages, as root or through sudo; says which and why it cannot when neither works.
# The one place the commands install system packages (Jupyter, fonts, Java, Maven, chromium, npm).
apt_install() {
  say "installing Debian packages: $*"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "missing packages and no root: run 'sudo apt-get install -y $*', then try again"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 2. The helper library and its runtime classpath (lib/target/classpath), rebuilt only when sources changed.
build_library() {
  if [ ! -f "$STAMP" ] || [ ! -d "$ROOT/lib/target/classpath" ] \
     || [ ! -f "$ROOT/kernel/target/trainwell-kernel-agent.jar" ] \
     || [ -n "$(find "$ROOT/pom.xml" "$ROOT/lib/pom.xml" "$ROOT/lib/src/main" "$ROOT/kernel/pom.xml" "$ROOT/kernel/src/main" \
                -newer "$STAMP" -print -quit)" ]; then
    say "building the helper library (Maven; the first build downloads about 150 MB)"
    (cd "$ROOT" && mvn -B -q $(mvn_offline_flag) package -DskipTests)
    touch "$STAMP"
  fi
}

# The library's jar followed by every runtime dependency, joined by $1 (';' for rapaio, ':' for IJava/JJava).
library_classpath() {
  local sep="$1" jar cp dep
  jar="$(ls "$ROOT"/lib/target/trainwell-*.jar 2>/dev/null | head -n 1 || true)"
  [ -n "$jar" ] || die "the library is not built yet: run bin/setup"
  cp="$jar"
  for dep in "$ROOT"/lib/target/classpath/*.jar; do cp="$cp$sep$dep"; done
  echo "$cp"
}

# JVM options of the kernel (pom.xml's course.* properties, see tools/course/settings.py): offline DJL, one
# PyTorch thread (COURSE_THREADS overrides it), a modest heap, headless charts, and -Djshell=true.
kernel_jvm_options() { course_tool jvm-options; }

# 3. The Java kernel (rapaio-jupyter-kernel from Maven Central), registered as `java` in target/jupyter,
#    never in the user's own Jupyter folders, with the library on its startup classpath.
register_kernel() {
  local version kjar kdir="$KERNEL_DIR/kernels/java" agent="$ROOT/kernel/target/trainwell-kernel-agent.jar"
  version="$(course_tool setting rapaio.kernel.version)"
  kjar="$ROOT/lib/target/kernel/rapaio-jupyter-kernel-$version.jar"
  [ -f "$kjar" ] || die "the kernel jar is missing: run bin/setup"
  [ -f "$agent" ] || die "the kernel's start-up fix is missing: run bin/setup"
  mkdir -p "$kdir/agent-lib"
  cp -u "$kjar" "$agent" "$kdir/"
  cp -u "$ROOT"/kernel/target/agent-lib/*.jar "$kdir/agent-lib/"
  course_tool register-kernel "$kdir" "$(command -v java)" "$(library_classpath ';')"
}

# 4. The kernel's class-data-sharing archive (AppCDS): the classes a kernel loads up to 00-welcome's charts
#    (JShell's compiler, rapaio, the library, Tablesaw, XChart, DJL), dumped once by a kernel that runs
#    00-welcome (bin/kernel_check.py --build-archive) and mapped by every later start instead of loaded
#    and verified again. Rebuilt when its key (Java, kernel.json, the jars) changes; COURSE_CDS=0 removes it.
build_kernel_archive() {
  local kdir="$KERNEL_DIR/kernels/java" key
  if [ "${COURSE_CDS:-1}" = 0 ]; then rm -f "$kdir/kernel.jsa" "$kdir/kernel.jsa.key"; return 0; fi
  key="$( (java -version 2>&1; cat "$kdir/kernel.json"; sha1sum "$ROOT"/lib/target/trainwell-*.jar "$kdir"/*.jar \
           "$kdir"/agent-lib/*.jar "$ROOT/notebooks/00-welcome.ipynb"; ls -l "$ROOT"/lib/target/classpath/) \
         | sha1sum | cut -d' ' -f1)"
  if [ -f "$kdir/kernel.jsa" ] && [ "$(cat "$kdir/kernel.jsa.key" 2>/dev/null)" = "$key" ]; then return 0; fi
  say "building the kernel's class-data archive (a faster kernel start; about 30 s, once per library build)"
  rm -f "$kdir/kernel.jsa" "$kdir/kernel.jsa.key"
  if JUPYTER_PATH="$KERNEL_DIR" "$PY" "$ROOT/bin/kernel_check.py" --build-archive "$kdir/kernel.jsa" >&2 \
     && [ -f "$kdir/kernel.jsa" ]; then
    echo "$key" > "$kdir/kernel.jsa.key"
  else
    say "no class-data archive: the kernel starts without it"
  fi
}
