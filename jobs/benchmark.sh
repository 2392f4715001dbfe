#!/usr/bin/env bash
# Benchmark: the rating job against DuckDB and a naive Spark SQL script, on the same generated data.
#
#   jobs/benchmark.sh --rows N [--files K] [--hangzhou-rows M] [--heap 4g] [--duckdb-memory 12GB]
#                     [--event-log] [--with-analytics] [--only job,duckdb,naive] [--job-opt -Dspark.x=y]
#
# N is the number of Chengdu rows (value model, two percentile rankings); N/10 Hangzhou rows
# (conversion model) come with them, one snapshot year (2025). The data is generated once into
# data/bench/<N>/input (K files per city, default one per million rows, at least 4) and reused.
# Each contender runs in its own JVM (driver heap --heap, default 4g as jobs/run-local.sh);
# outputs go to data/bench/<N>/work/<contender>. The job writes what the peers write (ratings,
# quarantine, run_log); --with-analytics adds its analytics tables and HTML reports. Prints wall time, rows per second and peak RSS
# per contender, checks that all produced the same tier/grade per customer (exit 1 otherwise), and
# ends with the line "ratio job/duckdb: X.XX". See docs/scaling.md.
#
# Builds (test classes included: DuckDB is a test dependency) into $BENCH_BUILD_DIR
# (default target/bench-build) when the sources changed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

BUILD="${BENCH_BUILD_DIR:-$ROOT/target/bench-build}"
stamp="$BUILD/.bench-built"
if [ ! -f "$stamp" ] || [ ! -f "$BUILD/cp-test.txt" ] \
    || [ -n "$(find "$ROOT/src/main" "$ROOT/src/test/java/com/customerrating/bench" "$ROOT/pom.xml" -newer "$stamp" -print -quit)" ]; then
  echo "building into $BUILD" >&2
  # shellcheck disable=SC2086
  $MVN $MVN_FLAGS -Dbuild.dir="$BUILD" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/cp-test.txt" -Dmdep.includeScope=test >&2
  touch "$stamp"
fi
CP="$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/cp-test.txt")"

# shellcheck disable=SC2086
exec java -Xmx1g $SPARK_JAVA_FLAGS -Duser.timezone=UTC \
  -Dbench.classpath="$CP" -Dbench.jvmFlags="$SPARK_JAVA_FLAGS" \
  -Dbench.log4j="$ROOT/conf/log4j2.properties" -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$CP" com.customerrating.bench.Benchmark "$@"
