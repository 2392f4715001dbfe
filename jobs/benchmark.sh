#!/usr/bin/env bash
# Benchmark: the rating job against its peers on the same generated data.
#
#   jobs/benchmark.sh --rows N [--files K] [--hangzhou-rows M] [--heap 4g] [--duckdb-memory 12GB]
#                     [--event-log] [--with-analytics] [--only job,duckdb,floor,naive] [--job-opt -Dspark.x=y]
#
# N is the number of Chengdu rows (value model, two percentile rankings); N/10 Hangzhou rows
# (conversion model) come with them, one snapshot year (2025). The data is generated once into
# data/bench/<N>/input (K files per city, default one per million rows, at least 4) and reused.
# Contenders (default all four, in this order; --only picks some):
#   job     the rating job (RatingJob), as jobs/run-local.sh runs it;
#   duckdb  the same work in DuckDB through JDBC (DuckDbRunner, DuckDbSql): every validation rule
#           of the job with its reasons, both models, Parquet out; an on-disk database under its
#           work folder that spills to disk, memory_limit --duckdb-memory, threads = cores;
#   floor   the same Spark reading every CSV file as text and writing it as Parquet partitioned by
#           city and year, nothing else (FloorRunner): the least a Spark job over these files costs;
#   naive   a straightforward Spark SQL script (NaiveSparkRunner).
# Each contender runs in its own JVM (Spark drivers: heap --heap, default 4g as jobs/run-local.sh,
# and from 16 MiB of landing zone on the JIT flags run-local adds, LARGE_INPUT_JVM_FLAGS);
# outputs go to data/bench/<N>/work/<contender>. The job writes what the peers write (ratings,
# quarantine, run_log); --with-analytics adds its analytics tables and HTML reports. Prints wall time,
# rows per second and peak RSS per contender, checks that job, duckdb and naive produced the same
# tier/grade per customer (exit 1 otherwise; the floor rates nothing), prints "ratio job/naive",
# "ratio job/floor" and ends with the line "ratio job/duckdb: X.XX". See docs/scaling.md.
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
  -Dbench.largeInputBytes="$SMALL_INPUT_BYTES" -Dbench.largeInputJvmFlags="$LARGE_INPUT_JVM_FLAGS" \
  -Dbench.log4j="$ROOT/conf/log4j2.properties" -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$CP" com.customerrating.bench.Benchmark "$@"
