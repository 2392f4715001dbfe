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

run_java() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx4g} $SPARK_JAVA_FLAGS -Duser.timezone=UTC -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CLASSPATH_FULL" "$@"
}
