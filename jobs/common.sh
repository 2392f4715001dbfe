# Shared by the jobs/ scripts: build once, resolve the classpath once, Java 17 flags for Spark.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVN="${MVN:-mvn}"
MVN_FLAGS="${MVN_FLAGS:--B -q}"

# Spark reaches into JDK internals; spark-submit adds these itself, plain java needs them.
SPARK_JAVA_FLAGS="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$ROOT/pom.xml")"

# Builds the classes if any source is newer than the last build, and writes the runtime
# classpath (Spark included) to target/classpath.txt.
ensure_built() {
  local stamp="$ROOT/target/classes/.built"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$stamp" -print -quit)" ]; then
    (cd "$ROOT" && $MVN $MVN_FLAGS -DskipTests compile dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile)
    touch "$stamp"
  fi
  CLASSPATH_FULL="$ROOT/target/classes:$(cat "$ROOT/target/classpath.txt")"
}

# Below this many bytes of landing zone (the job's spark.customerrating.interpretBelowBytes
# default, 16 MiB), the JVM compiles with its first JIT tier only (C1). A run over a few thousand
# rows is a few hundred small queries on a fresh JVM: the second tier's (C2) compilations then
# take most of the machine's CPU (111 s in the compiler threads of an 84 s sample run on 2 cores)
# and never pay off. From a million rows on, C2's faster code wins (larger zones: LARGE_INPUT_JVM_FLAGS).
# Such a run also starts with half of its heap and 256 MiB of class metadata: from the JVM's
# small default start, G1 ran a marking cycle every second or so (Spark's large buffers filled the
# small heap's old regions) and collected for class metadata four times while the run loaded its
# 27,000 classes.
SMALL_INPUT_BYTES=$((16 << 20))
SMALL_INPUT_JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -Xms2g -XX:MetaspaceSize=256m"

# From SMALL_INPUT_BYTES on, both tiers compile a method only after four times as many calls or
# loop turns as the JVM's defaults (CompileThresholdScaling=4). On 2 cores the compiler threads
# took about a third of the CPU of a 10M run (C2 78.5 s for 5,896 methods), most of it for code
# that runs briefly (Spark's planning, Janino, one query's generated classes); the hot per-row
# code still reaches C2 within the first seconds of a stage. Five 10M runs of each taking turns
# (jobs/benchmark.sh --rows 10000000 --only job, 2026-12-06): the flag won all five, 0.89-0.99,
# mean 117.7 s against 123.5 s. See docs/scaling.md.
LARGE_INPUT_JVM_FLAGS="-XX:CompileThresholdScaling=4"

# The JVM flags for a run over the landing zone $1 (see SMALL_INPUT_BYTES and
# LARGE_INPUT_JVM_FLAGS): prints them, or nothing when the zone cannot be measured.
jvm_flags_for_input() {
  local bytes
  bytes="$(du -sb --apparent-size "$1" 2>/dev/null | cut -f1)"
  if [ -n "$bytes" ] && [ "$bytes" -lt "$SMALL_INPUT_BYTES" ]; then
    echo "$SMALL_INPUT_JVM_FLAGS"
  elif [ -n "$bytes" ]; then
    echo "$LARGE_INPUT_JVM_FLAGS"
  fi
}

# JAVA_OPTS, when set, replaces the heap and the input-size flags below.
JOB_JVM_FLAGS="${JOB_JVM_FLAGS:-}"

run_java() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx4g $JOB_JVM_FLAGS} $SPARK_JAVA_FLAGS -Duser.timezone=UTC -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CLASSPATH_FULL" "$@"
}
