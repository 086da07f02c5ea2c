#!/usr/bin/env bash
# A real Spark standalone cluster on this machine (127.0.0.1 only), from the Maven jars: no Spark download.
#   scripts/local-cluster.sh start [--workers 2] [--cores 1] [--memory 2g] [--port 17077] [--webui-port 18080]
#   scripts/local-cluster.sh status
#   scripts/local-cluster.sh stop
# One Master and N Workers, each its own JVM. SPARK_HOME is <dir>/spark-home, whose jars/ links to the runtime
# classpath less what fraudlake-app.jar carries (our modules, Delta, picocli, Quartz, H2), as a Spark distribution would hold
# it. State, pids and logs live in <dir> (--dir, default target/local-cluster). Then run the night on it with
# scripts/submit.sh --master spark://127.0.0.1:17077 <fraudlake command...>.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/orchestration/target/launcher"
app_jar="$here/orchestration/target/fraudlake-app.jar"

cmd="${1:-}"; shift || true
workers=2; cores=1; memory=2g; port=17077; webui=18080; dir="$here/target/local-cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --webui-port) webui="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "local-cluster: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

# Spark's launch environment: the distribution folder, Scala 2.13, loopback only, the JDK executors start with.
export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

build_if_missing() {
  if [ ! -f "$launcher/classpath.txt" ] || [ ! -f "$app_jar" ]; then
    echo "local-cluster: building the application jar (mvn package)..." >&2
    (cd "$here" && mvn -B -q -DskipTests package -pl orchestration -am) >&2
  fi
}

# jars/: every runtime jar a Spark distribution provides (not ours, Delta, picocli, Quartz or H2: fraudlake-app.jar has those).
make_spark_home() {
  rm -rf "$SPARK_HOME/jars"; mkdir -p "$SPARK_HOME/jars"
  tr ':' '\n' < "$launcher/classpath.txt" | while read -r jar; do
    case "$jar" in
      *.jar) ;;
      *) continue ;;
    esac
    case "$jar" in
      */org/fraudlake/*|*/io/delta/*|*/io/unitycatalog/*|*/info/picocli/*|*/org/quartz-scheduler/*|*/com/h2database/*|*/fraudlake-*.jar)
        continue ;;
    esac
    ln -sf "$jar" "$SPARK_HOME/jars/$(basename "$jar")"
  done
}

launch() { # log name, heap, main class, args...: one JVM in the background, its pid in <dir>/<name>.pid
  local name="$1" heap="$2"; shift 2
  local flags; read -r -a flags < "$launcher/jvm.flags"
  nohup "$JAVA_HOME/bin/java" -Xmx"$heap" "${flags[@]}" -cp "$SPARK_HOME/jars/*" "$@" \
    > "$dir/logs/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

await_log() { # file, text, seconds
  local i=0
  until grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt $(($3 * 4)) ]; then echo "local-cluster: no '$2' in $1 after $3 s" >&2; return 1; fi
    sleep 0.25
  done
}

start() {
  if alive "$dir/master.pid"; then echo "local-cluster: already running ($(cat "$dir/master.url"))" >&2; exit 1; fi
  build_if_missing
  mkdir -p "$dir/logs"
  make_spark_home
  launch master 256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$webui"
  echo "spark://127.0.0.1:$port" > "$dir/master.url"
  echo "$webui" > "$dir/master.webui"
  await_log "$dir/logs/master.log" "I have been elected leader" 60
  for i in $(seq 1 "$workers"); do
    mkdir -p "$dir/work-$i"
    launch "worker-$i" 256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" \
      --memory "$memory" --webui-port $((webui + i)) --work-dir "$dir/work-$i" "spark://127.0.0.1:$port"
  done
  for i in $(seq 1 "$workers"); do
    await_log "$dir/logs/worker-$i.log" "Successfully registered with master" 60
  done
  echo "master spark://127.0.0.1:$port (UI http://127.0.0.1:$webui), $workers worker(s) x $cores core(s), $memory each"
  echo "logs in $dir/logs; submit with: scripts/submit.sh --master spark://127.0.0.1:$port <fraudlake command...>"
}

stop() {
  for pidfile in "$dir"/worker-*.pid "$dir/master.pid"; do
    [ -f "$pidfile" ] || continue
    if alive "$pidfile"; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 1 80); do alive "$pidfile" || break; sleep 0.25; done
      alive "$pidfile" && kill -9 "$(cat "$pidfile")"
    fi
    echo "stopped $(basename "$pidfile" .pid)"
    rm -f "$pidfile"
  done
}

status() {
  if ! alive "$dir/master.pid"; then echo "no cluster running (state dir $dir)"; exit 3; fi
  echo "master $(cat "$dir/master.url") pid $(cat "$dir/master.pid")"
  for pidfile in "$dir"/worker-*.pid; do
    [ -f "$pidfile" ] || continue
    if alive "$pidfile"; then s="up"; else s="DOWN"; fi
    echo "$(basename "$pidfile" .pid) pid $(cat "$pidfile") $s"
  done
  if command -v curl >/dev/null 2>&1; then
    curl -s "http://127.0.0.1:$(cat "$dir/master.webui")/json/" \
      | grep -oE '"(aliveworkers|cores|coresused|memory|memoryused|status)" : [^,]*' || true
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [--workers N] [--cores C] [--memory 2g] [--port P] [--webui-port P] [--dir DIR]" >&2
     exit 2 ;;
esac
