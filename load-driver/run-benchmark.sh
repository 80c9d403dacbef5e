#!/usr/bin/env bash
# Builds the standalone and the load driver, starts the standalone on a fresh data directory,
# waits until it is healthy, runs the load driver against it (commands after a 30 s warm-up, then
# the PostgreSQL ceiling; or, with --benchmark query, the query benchmark, each of its runs
# after a 10 s warm-up and measured for 20 s; or, with --benchmark kafka, the Kafka publishing
# benchmark against the standalone's embedded broker, each latency run after a 10 s warm-up and
# measured for 30 s)
# and stops the standalone again, whatever happens.
#
# Usage: load-driver/run-benchmark.sh [load-driver options...]
#   e.g. load-driver/run-benchmark.sh --clients 16 --duration 60s
#        load-driver/run-benchmark.sh --benchmark query
#        load-driver/run-benchmark.sh --benchmark kafka --rates 100,300,1000
#   Options given here come after the script's own, so they win (e.g. --out).
#
# Environment (all optional):
#   PORT                  HTTP port of the standalone (default 18080, or the next free one)
#   KAFKA_PORT            Kafka port of the standalone (default 19092, or the next free one)
#   OUT                   result file (default load-driver/target/benchmark-results.json, or
#                         load-driver/target/query-benchmark-results.json for --benchmark query,
#                         load-driver/target/kafka-benchmark-results.json for --benchmark kafka)
#   JAVA                  java binary (default java)
#   STANDALONE_JAVA_OPTS  JVM options of the standalone, e.g. "-Xmx1g"
#   DRIVER_JAVA_OPTS      JVM options of the load driver
#   SKIP_BUILD=1          use the jars already built
#   KEEP_DATA=1           keep the temporary data directory afterwards
#
# Exit status: the load driver's (0 all requests succeeded, 1 some failed, 2 bad options,
# 3 the run could not be done), or 1 when the build or the standalone's start failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

java_bin="${JAVA:-java}"
standalone_jar="$root/ticket-standalone/target/ticket-standalone.jar"
driver_jar="$root/load-driver/target/load-driver.jar"
driver_defaults=(--warmup 30s)
default_out="$root/load-driver/target/benchmark-results.json"
benchmark=commands
# The last --benchmark wins, as in the driver.
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == --benchmark=* ]]; then
    benchmark="${!i#--benchmark=}"
  elif [[ "${!i}" == "--benchmark" ]]; then
    benchmark="${*:i+1:1}"
  fi
done
case "$benchmark" in
  query)
    # Many runs (single tickets, six queue queries, visibility), each warmed up.
    driver_defaults=(--warmup 10s --duration 20s)
    default_out="$root/load-driver/target/query-benchmark-results.json"
    ;;
  kafka)
    # The brokers are added below, once the Kafka port is known.
    driver_defaults=(--warmup 10s --duration 30s)
    default_out="$root/load-driver/target/kafka-benchmark-results.json"
    ;;
esac
out="${OUT:-$default_out}"
log="$root/load-driver/target/standalone.log"
health_timeout_seconds=90
stop_timeout_seconds=60

say() { printf '[run-benchmark] %s\n' "$*" >&2; }

# Whether something accepts connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from $1 on that nothing listens on.
free_port() {
  local port=$1 last=$(($1 + 200))
  while ((port <= last)); do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  say "no free port between $1 and $last"
  return 1
}

# Whether process $1 is running (a zombie, exited but not yet waited for, is not).
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]]
}

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }

command -v curl >/dev/null || { say "curl is needed to wait for the standalone"; exit 1; }

standalone_pid=""
data_dir=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$standalone_pid" ]]; then
    if alive "$standalone_pid"; then
      say "stopping the standalone (pid $standalone_pid)"
      kill "$standalone_pid" 2>/dev/null || true
      local waited=0
      while alive "$standalone_pid" && ((waited < stop_timeout_seconds)); do
        sleep 1
        waited=$((waited + 1))
      done
      if alive "$standalone_pid"; then
        say "the standalone did not stop within ${stop_timeout_seconds} s; killing it"
        kill -9 "$standalone_pid" 2>/dev/null || true
      fi
    fi
    wait "$standalone_pid" 2>/dev/null || true
  fi
  if [[ -n "$data_dir" ]]; then
    if [[ "${KEEP_DATA:-0}" == 1 ]]; then
      say "data kept in $data_dir"
    else
      rm -rf "$data_dir"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  say "building ticket-standalone and load-driver"
  ./mvnw -B -ntp -q -pl ticket-standalone,load-driver -am package -DskipTests
fi
for jar in "$standalone_jar" "$driver_jar"; do
  [[ -f "$jar" ]] || { say "missing $jar (build it, or unset SKIP_BUILD)"; exit 1; }
done

port="${PORT:-$(free_port 18080)}"
kafka_port="${KAFKA_PORT:-$(free_port 19092)}"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/prazo-benchmark.XXXXXX")"
mkdir -p "$(dirname "$log")"

read -r -a standalone_opts <<<"${STANDALONE_JAVA_OPTS:-}"
read -r -a driver_opts <<<"${DRIVER_JAVA_OPTS:-}"

say "starting the standalone on port $port (Kafka $kafka_port), data in $data_dir, log $log"
"$java_bin" ${standalone_opts[@]+"${standalone_opts[@]}"} -jar "$standalone_jar" \
  --prazo.data-dir="$data_dir" \
  --server.port="$port" \
  --prazo.kafka.port="$kafka_port" \
  >"$log" 2>&1 &
standalone_pid=$!

health_url="http://localhost:$port/actuator/health"
deadline=$((SECONDS + health_timeout_seconds))
until [[ "$(http_status "$health_url")" == 200 ]]; do
  if ! alive "$standalone_pid"; then
    say "the standalone exited before it was healthy; the end of $log:"
    tail -n 40 "$log" >&2 || true
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    say "no 200 from $health_url within ${health_timeout_seconds} s; the end of $log:"
    tail -n 40 "$log" >&2 || true
    exit 1
  fi
  sleep 1
done
say "the standalone is healthy"
if [[ "$benchmark" == kafka ]]; then
  driver_defaults+=(--kafka "localhost:$kafka_port")
fi

status=0
"$java_bin" ${driver_opts[@]+"${driver_opts[@]}"} -jar "$driver_jar" \
  --url "http://localhost:$port" \
  "${driver_defaults[@]}" \
  --data-dir "$data_dir" \
  --out "$out" \
  "$@" || status=$?
if ((status != 0)); then
  say "the load driver exited with status $status"
fi
exit "$status"
