#!/usr/bin/env bash
# Runs a fraudlake command through spark-submit: the driver in this JVM's place, the work on a cluster.
#   scripts/submit.sh [--master URL] [--driver-memory 2g] [--conf k=v]... <fraudlake command and its options>
# e.g. scripts/submit.sh --master spark://127.0.0.1:17077 ingest --lake hdfs://namenode:8020/fraudlake/lake
# The master defaults to the one scripts/local-cluster.sh started, else local[2]. With a Spark distribution
# (spark-submit on the PATH or in $SPARK_HOME/bin) it uses it; otherwise it runs SparkSubmit from the Maven jars
# of scripts/local-cluster.sh (start it once to make them). The master always comes from here, never from the
# fraudlake setting spark.master. Keys (pseudonymization.key-file, publish.signing-key) are files on this machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_jar="$here/orchestration/target/fraudlake-app.jar"
cluster_dir="${FRAUDLAKE_CLUSTER_DIR:-$here/target/local-cluster}"

master=""; driver_memory="${FRAUDLAKE_HEAP:-2g}"; confs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --driver-memory) driver_memory="$2"; shift 2 ;;
    --conf) confs+=(--conf "$2"); shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--master URL] [--driver-memory M] [--conf k=v]... <fraudlake command...>" >&2; exit 2; }
if [ -z "$master" ]; then
  if [ -f "$cluster_dir/master.url" ]; then master="$(cat "$cluster_dir/master.url")"; else master="local[2]"; fi
fi
[ -f "$app_jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl orchestration -am) >&2

args=(--master "$master" --deploy-mode client --driver-memory "$driver_memory"
      --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 "${confs[@]}"
      --class org.fraudlake.cli.FraudlakeCli "$app_jar" "$@")

submit="$(command -v spark-submit || true)"
if [ -z "$submit" ] && [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit="$SPARK_HOME/bin/spark-submit"
fi
if [ -n "$submit" ]; then
  exec "$submit" "${args[@]}"
fi

export SPARK_HOME="$cluster_dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
[ -d "$SPARK_HOME/jars" ] || { echo "submit: no $SPARK_HOME/jars; run scripts/local-cluster.sh start first" >&2; exit 1; }
read -r -a flags < "$here/orchestration/target/launcher/jvm.flags"
exec java -Xmx"$driver_memory" "${flags[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit "${args[@]}"
