#!/usr/bin/env bash
# The SLA projection's replay benchmark (issue 3): builds sla-projector with its test classes, then
# runs io.prazo.sla.projector.bench.ReplayBenchmark, which starts an embedded PostgreSQL 17 on a
# fresh temporary data directory, ticket-command and sla-projector in one JVM (as the standalone
# does), writes 1,000,000 events of 100,000 tickets into the event store, measures the projection's
# first build and then --runs rebuilds (3), checks the table after each, and stops everything again.
# Takes about three minutes on two cores.
#
# Usage: sla-projector/run-replay-benchmark.sh [benchmark options...]
#   e.g. sla-projector/run-replay-benchmark.sh --runs 5
#        sla-projector/run-replay-benchmark.sh --tickets 10000 --events 100000
#        sla-projector/run-replay-benchmark.sh --prazo.sla.projector.segments=4
#   Options: --tickets N, --events N, --runs N, --days N, --seed N, --data-dir DIR (an existing
#   one keeps its events: rebuilds only), --keep-data, --out FILE, --dry-run; --name=value goes to
#   the application. Options given here come after the script's own, so they win (e.g. --out).
#
# Environment (all optional):
#   OUT              result file (default sla-projector/target/replay-benchmark-results.json)
#   JAVA             java binary (default java)
#   BENCH_JAVA_OPTS  JVM options of the benchmark (default "-Xms2g -Xmx2g")
#   SKIP_BUILD=1     use the classes already built
#   TMPDIR           where the temporary data directory goes (default /tmp)
#
# Exit status: 0 the benchmark ran and every check passed (whether or not the target was met;
# see the summary), 1 it failed (the build, the database, a check), 2 bad options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

java_bin="${JAVA:-java}"
module="$root/sla-projector"
classpath_file="$module/target/replay-benchmark.classpath"
out="${OUT:-$module/target/replay-benchmark-results.json}"

say() { printf '[run-replay-benchmark] %s\n' "$*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  say "building sla-projector and the modules it needs, with test classes"
  # The class path is written in each module's target/ (Maven resolves relative file parameters
  # against the module); in this one reactor build sibling modules resolve to their classes.
  ./mvnw -B -ntp -q -pl sla-projector -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/replay-benchmark.classpath
fi
for needed in "$classpath_file" "$module/target/test-classes" "$module/target/classes"; do
  [[ -e "$needed" ]] || { say "missing $needed (build it, or unset SKIP_BUILD)"; exit 1; }
done

read -r -a java_opts <<<"${BENCH_JAVA_OPTS:--Xms2g -Xmx2g}"
mkdir -p "$(dirname "$out")"

classpath="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"
say "running the benchmark (JVM options: ${java_opts[*]}); results in $out"
exec "$java_bin" ${java_opts[@]+"${java_opts[@]}"} -Daxoniq.update-checker.disabled=true \
  -cp "$classpath" io.prazo.sla.projector.bench.ReplayBenchmark --out "$out" "$@"
