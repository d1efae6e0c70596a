# Shared settings and steps of the course's commands (sourced by bin/setup, bin/start, bin/test).
PY=/usr/bin/python3                     # Debian's Jupyter imports only under the system Python
RAPAIO_VERSION=3.0.1
KERNEL_DIR="$ROOT/target/jupyter"       # course-local Jupyter data folder: holds kernels/java
export JUPYTER_PATH="$KERNEL_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
STAMP="$ROOT/lib/target/.built"

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() { printf '[course] error: %s\n' "$*" >&2; exit 1; }

# Maven runs offline once a build has succeeded with the same POMs: a cut network then changes nothing.
mvn_offline_flag() {
  if [ -f "$STAMP" ] && [ ! "$ROOT/pom.xml" -nt "$STAMP" ] && [ ! "$ROOT/lib/pom.xml" -nt "$STAMP" ] \
     && [ ! "$ROOT/kernel/pom.xml" -nt "$STAMP" ]; then
    echo "-o"
  fi
}

# 1. Jupyter (Debian packages), a font for headless charts, Java and Maven: only what is missing.
install_system_packages() {
  local need=()
  if ! "$PY" -c "import nbclient, nbformat, jupyter_client, notebook, ipykernel" 2>/dev/null; then
    need+=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel)
  fi
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
    need+=(fontconfig fonts-dejavu-core)
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

# JVM options of the kernel: offline DJL, one PyTorch thread, a modest heap, headless charts, and the
# property that stops DJL from printing arrays as "Check the Development Guideline" under JShell.
# One intra-op thread: the course's models are tiny, so a second thread gains little on a quiet machine
# (about 10%), while on a busy one (Binder, a laptop with a browser open) two spin-waiting OpenMP
# threads made every step 10-25x slower in our measurements. COURSE_THREADS overrides it.
kernel_jvm_options() {
  local threads="${COURSE_THREADS:-1}"
  echo "-Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true -Djshell=true -Dai.djl.offline=true" \
       "-Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1"
}

# 3. The Java kernel (rapaio-jupyter-kernel from Maven Central), registered as `java` in target/jupyter,
#    never in the user's own Jupyter folders, with the library on its startup classpath.
register_kernel() {
  local kjar="$ROOT/lib/target/kernel/rapaio-jupyter-kernel-$RAPAIO_VERSION.jar" kdir="$KERNEL_DIR/kernels/java"
  local agent="$ROOT/kernel/target/trainwell-kernel-agent.jar"
  [ -f "$kjar" ] || die "the kernel jar is missing: run bin/setup"
  [ -f "$agent" ] || die "the kernel's start-up fix is missing: run bin/setup"
  mkdir -p "$kdir/agent-lib"
  cp -u "$kjar" "$agent" "$kdir/"
  cp -u "$ROOT"/kernel/target/agent-lib/*.jar "$kdir/agent-lib/"
  "$PY" - "$kdir" "$(command -v java)" "$RAPAIO_VERSION" "$(library_classpath ';')" "$(kernel_jvm_options)" <<'PY'
import json, os, sys
kdir, java, version, classpath, options = sys.argv[1:]
spec = {
    # The agent corrects rapaio's start-up order (kernel/: without it about one start in ten never answers).
    # The class-data archive (build_kernel_archive) is mapped when present; the JVM silently ignores a
    # missing or stale one.
    "argv": [java, "-javaagent:" + os.path.join("{resource_dir}", "trainwell-kernel-agent.jar"), *options.split(),
             "-XX:SharedArchiveFile=" + os.path.join("{resource_dir}", "kernel.jsa"), "-Xlog:cds*=off", "-jar",
             os.path.join("{resource_dir}", "rapaio-jupyter-kernel-%s.jar" % version), "{connection_file}"],
    "display_name": "Java (course)",
    "language": "java",
    "interrupt_mode": "message",
    # Two malloc arenas: without a cap glibc gives every thread that runs native code an arena of its own,
    # and an experiment's worker threads kept lesson 05's kernel at 1.09 GB against 0.80 GB (one run at a
    # time either way); with two, 0.80 GB.
    "env": {"RJK_CLASSPATH": classpath, "MALLOC_ARENA_MAX": "2"},
}
path = os.path.join(kdir, "kernel.json")
text = json.dumps(spec, indent=1) + "\n"
if not os.path.exists(path) or open(path).read() != text:
    with open(path, "w") as f:
        f.write(text)
PY
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
