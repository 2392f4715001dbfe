# Shared by jobs/submit.sh and jobs/local-cluster.sh; sourced after jobs/common.sh.
#
# RATING_BUILD_DIR  build directory (default: <project>/target); must match mvn -Dbuild.dir=...
# APP_JAR           the application jar to submit (default: <build dir>/customer-rating-<version>-app.jar)
#
# Without SPARK_HOME, Spark runs from a stand-in Spark home, <build dir>/spark-home: jars/ holds
# symlinks to the Maven-resolved jars of spark-core and spark-sql (jobs/lib/spark-dist-pom.xml,
# the same versions as pom.xml), conf/ the logging configs, bin/ spark-submit and spark-class.
# That is what a standalone worker needs to launch executors ($SPARK_HOME/jars/*).

BUILD_DIR="${RATING_BUILD_DIR:-$ROOT/target}"
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
STANDIN_SPARK_HOME="$BUILD_DIR/spark-home"
JAVA_CMD="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The value of a <property> of pom.xml (first occurrence).
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1
}

PROJECT_VERSION="$(sed -n '/<artifactId>customer-rating<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' "$ROOT/pom.xml" | head -n 1)"
SPARK_VERSION_POM="$(pom_property spark.version)"
SCALA_BINARY_VERSION="$(pom_property scala.binary.version)"

# Builds the shaded application jar into the build directory if it is not there yet. A jar older
# than the sources is used as it is, with a warning (a scheduler must not rebuild behind our back).
ensure_app_jar() {
  APP_JAR="${APP_JAR:-$BUILD_DIR/customer-rating-$PROJECT_VERSION-app.jar}"
  if [ ! -f "$APP_JAR" ]; then
    echo "building $APP_JAR (mvn package -DskipTests)" >&2
    # shellcheck disable=SC2086
    (cd "$ROOT" && $MVN $MVN_FLAGS -DskipTests -Dbuild.dir="$BUILD_DIR" package) >&2
    [ -f "$APP_JAR" ] || { echo "error: the build did not produce $APP_JAR" >&2; return 1; }
  elif [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$APP_JAR" -print -quit 2>/dev/null)" ]; then
    echo "warning: sources are newer than $APP_JAR; run 'mvn package' to rebuild it" >&2
  fi
}

# Creates (once per Spark version) the stand-in Spark home and exports SPARK_HOME for the
# daemons and executors that run from it.
ensure_spark_home() {
  local sh="$STANDIN_SPARK_HOME" stamp="$STANDIN_SPARK_HOME/RELEASE"
  local want="Spark $SPARK_VERSION_POM (Scala $SCALA_BINARY_VERSION) stand-in, jars resolved by Maven"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "preparing the stand-in Spark home $sh" >&2
    local cpfile="$BUILD_DIR/spark-dist/classpath.txt"
    mkdir -p "$BUILD_DIR/spark-dist"
    # shellcheck disable=SC2086
    (cd "$ROOT" && $MVN $MVN_FLAGS -f jobs/lib/spark-dist-pom.xml -Dbuild.dir="$BUILD_DIR/spark-dist" \
      -Dspark.version="$SPARK_VERSION_POM" -Dscala.binary.version="$SCALA_BINARY_VERSION" \
      -Dslf4j.version="$(pom_property_dep org.slf4j slf4j-api)" -Djackson.version="$(pom_property jackson.version)" \
      dependency:build-classpath -Dmdep.outputFile="$cpfile") >&2
    rm -rf "$sh.tmp" && mkdir -p "$sh.tmp/jars" "$sh.tmp/conf" "$sh.tmp/bin"
    local jar
    { tr ':' '\n' < "$cpfile"; echo; } | while IFS= read -r jar; do
      [ -n "$jar" ] && ln -s "$jar" "$sh.tmp/jars/$(basename "$jar")"
    done
    cp "$ROOT/jobs/lib/spark-home/conf/"* "$sh.tmp/conf/"
    cp "$ROOT/jobs/lib/spark-home/bin/"* "$sh.tmp/bin/"
    chmod +x "$sh.tmp/bin/"*
    echo "$SCALA_BINARY_VERSION" > "$sh.tmp/conf/scala-version"
    echo "$want" > "$sh.tmp/RELEASE"
    rm -rf "$sh" && mv "$sh.tmp" "$sh"
  fi
  export SPARK_HOME="$sh" SPARK_SCALA_VERSION="$SCALA_BINARY_VERSION"
}

# The version of a dependency managed in pom.xml's dependencyManagement (slf4j-api).
pom_property_dep() {
  awk -v g="$1" -v a="$2" '
    /<dependency>/ {gid=""; aid=""; ver=""}
    /<groupId>/ {s=$0; gsub(/.*<groupId>|<\/groupId>.*/, "", s); gid=s}
    /<artifactId>/ {s=$0; gsub(/.*<artifactId>|<\/artifactId>.*/, "", s); aid=s}
    /<version>/ {s=$0; gsub(/.*<version>|<\/version>.*/, "", s); ver=s}
    /<\/dependency>/ { if (gid==g && aid==a && ver!="") {print ver; exit} }' "$ROOT/pom.xml"
}

# GET http://127.0.0.1:PORT/PATH, with curl if there is one, else bash's /dev/tcp.
http_get() {
  local port="$1" path="$2"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "http://127.0.0.1:$port$path"
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
     printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
     sed '1,/^\r\{0,1\}$/d' <&3)
  fi
}

# True if something listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free TCP port on 127.0.0.1, below the kernel's ephemeral range.
free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  echo "error: no free port found" >&2
  return 1
}
