#!/usr/bin/env bash
# The Java notebooks in notebooks-java/ on a lake: opens them in Jupyter, or runs every one headless.
#   scripts/notebooks.sh [--lake DIR]                   open Jupyter on notebooks-java/ (needs a Jupyter front end)
#   scripts/notebooks.sh [--lake DIR] --execute OUTDIR [NAME...]
#                                  run every notebook (or those NAMEd, e.g. 03-trace-victim-money) headless; the executed
#                                  copies (.ipynb and .html) go to OUTDIR; exits 1 if any cell of any notebook fails
# --lake defaults to $FRAUDLAKE_LAKE, else ./lake. Environment: FRAUDLAKE_DATE (YYYY-MM-DD, the business date the
# notebooks look at; default the latest), FRAUDLAKE_NOTEBOOK_HEAP (the kernel's heap, default 3g), FRAUDLAKE_NOTEBOOK_JVM_OPTS
# (more options for the kernel's JVM, e.g. -Dspark.sql.shuffle.partitions=2),
# FRAUDLAKE_CLASSPATH (the project classpath for the kernel; default: build like ./fraudlake and use its launcher's).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/orchestration/target/launcher"
lake="${FRAUDLAKE_LAKE:-./lake}"
out=""
only=()

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --lake) [ $# -ge 2 ] || usage; lake="$2"; shift 2 ;;
    --execute) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "notebooks: unknown option '$1'" >&2; usage ;;
    *) only+=("$1"); shift ;;
  esac
done

"$here/scripts/ensure-tools.sh" --notebooks
# Debian's Jupyter, whatever python3 comes first on PATH (a pyenv shim has no nbconvert).
jupyter=/usr/bin/jupyter
[ -x "$jupyter" ] || { echo "notebooks: $jupyter missing; run scripts/ensure-tools.sh --notebooks as root" >&2; exit 1; }

if [ -z "${FRAUDLAKE_CLASSPATH:-}" ]; then
  "$here/fraudlake" --help >/dev/null   # builds the project when sources changed, as every fraudlake command does
  FRAUDLAKE_CLASSPATH="$here/orchestration/target/classes:$(cat "$launcher/classpath.txt")"
fi
kernel_jar="$launcher/notebook-kernel/rapaio-jupyter-kernel.jar"
for f in "$kernel_jar" "$launcher/jvm.flags"; do
  [ -f "$f" ] || { echo "notebooks: $f missing; build with: mvn -B -DskipTests package -pl orchestration -am" >&2; exit 1; }
done

# rapaio's kernel 3.0.1 has start-up races in its channel threads (see scripts/rapaio-patch/LoopThread.java): our fixed
# class goes ahead of its jar on the kernel's classpath.
patch_src="$here/scripts/rapaio-patch/LoopThread.java"
patch_dir="$launcher/notebook-kernel/patch"
patch_class="$patch_dir/org/rapaio/jupyter/kernel/channels/LoopThread.class"
if [ ! -f "$patch_class" ] || [ "$patch_src" -nt "$patch_class" ] || [ "$kernel_jar" -nt "$patch_class" ]; then
  javac --release 17 -nowarn -cp "$kernel_jar" -d "$patch_dir" "$patch_src"
fi

case "$lake" in /*|*://*) ;; *) lake="$(pwd)/$lake" ;; esac
[ -d "$lake" ] || [[ "$lake" == *://* ]] || { echo "notebooks: no lake at $lake; run ./fraudlake demo or pass --lake DIR" >&2; exit 1; }
export FRAUDLAKE_LAKE="$lake"

# The kernel spec: rapaio's kernel on this JVM with the flags Spark needs on Java 17, the project on its classpath
# (RJK_CLASSPATH, ';'-separated). Found through JUPYTER_PATH, ahead of any other kernel named "java". A headless run
# keeps its own spec in OUTDIR, so runs with different classpaths (a test's, a user's) do not share one.
if [ -n "$out" ]; then
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  spec_root="$out/.kernel"
else
  spec_root="$launcher/notebook-kernel/share"
fi
mkdir -p "$spec_root/kernels/java"
java_bin="$(command -v java)"
# shellcheck disable=SC2046
/usr/bin/python3 - "$spec_root/kernels/java/kernel.json" "$java_bin" "-Xmx${FRAUDLAKE_NOTEBOOK_HEAP:-3g}" \
  "$patch_dir:$kernel_jar" "$FRAUDLAKE_CLASSPATH" $(cat "$launcher/jvm.flags") ${FRAUDLAKE_NOTEBOOK_JVM_OPTS:-} <<'EOF'
import json, sys
path, java, heap, kernel_classpath, classpath, *flags = sys.argv[1:]
spec = {"argv": [java, heap, *flags, "-cp", kernel_classpath, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
        "display_name": "Java (fraudlake)", "language": "java", "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": ";".join(p for p in classpath.split(":") if p)}}
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
EOF
export JUPYTER_PATH="$spec_root${JUPYTER_PATH:+:$JUPYTER_PATH}"

if [ -z "$out" ]; then
  for front in notebook lab; do
    if "$jupyter" "$front" --version >/dev/null 2>&1; then
      echo "notebooks: opening Jupyter $front on notebooks-java/ (lake $FRAUDLAKE_LAKE)" >&2
      exec "$jupyter" "$front" --notebook-dir="$here/notebooks-java"
    fi
  done
  echo "notebooks: no Jupyter front end here; install one (Debian: apt-get install jupyter-notebook) or run" >&2
  echo "  scripts/notebooks.sh --lake $lake --execute OUTDIR   and open OUTDIR/*.html in a browser" >&2
  exit 1
fi

notebooks=()
if [ ${#only[@]} -eq 0 ]; then
  notebooks=("$here"/notebooks-java/*.ipynb)
else
  for name in "${only[@]}"; do
    nb="$here/notebooks-java/${name%.ipynb}.ipynb"
    [ -f "$nb" ] || { echo "notebooks: no notebook $nb" >&2; exit 2; }
    notebooks+=("$nb")
  done
fi
failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$SECONDS
  # Cells run in notebooks-java/; a cell error stops the notebook and fails nbconvert.
  if PYTHONPATH="$here/scripts${PYTHONPATH:+:$PYTHONPATH}" "$jupyter" nbconvert --to notebook --execute "$nb" \
      --output-dir "$out" --output "$name" \
      --ExecutePreprocessor.kernel_manager_class=notebook_kernel.RapaioKernelManager \
      --ExecutePreprocessor.startup_timeout=300 --ExecutePreprocessor.timeout=1200 >"$out/$name.log" 2>&1 \
      && "$jupyter" nbconvert --to html "$out/$name.ipynb" --output-dir "$out" >>"$out/$name.log" 2>&1; then
    echo "notebooks: $name ok in $((SECONDS - start)) s" >&2
  else
    echo "notebooks: $name FAILED after $((SECONDS - start)) s; the error (full log: $out/$name.log):" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$out/$name.log" | grep -v -E '^\s+at |^(Parsing classpath|Add) ' | tail -25 >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks: ${#failed[@]} failed: ${failed[*]}" >&2
  exit 1
fi
echo "notebooks: every notebook ran on $FRAUDLAKE_LAKE; executed copies in $out" >&2
