#!/usr/bin/env bash
# Submits the rating job (the shaded application jar) to Spark with spark-submit.
#
#   jobs/submit.sh [--profile NAME|FILE] [--app-jar JAR] [--dry-run] [SPARK OPTIONS] [--] [JOB OPTIONS]
#
# Spark's options come first, the job's after them. "--" ends the Spark options; without it the
# job's options start at the first option spark-submit does not know (e.g. --input-root).
# --conf before the job's options is Spark's (--conf key=value); the job's --conf FILE goes after
# "--" or after another job option. --master is always Spark's: give it before the job options.
#
#   jobs/submit.sh --master spark://127.0.0.1:7077 --profile standalone -- \
#       --input-root data/sample --warehouse /data/warehouse --quarantine /data/quarantine --year previous
#   jobs/submit.sh --profile local --input-root data/sample --warehouse warehouse --city hangzhou
#
#   --profile NAME|FILE  Spark properties of an environment: conf/profiles/NAME.conf (local,
#                        standalone, yarn, kubernetes) or a file; passed as --properties-file.
#   --app-jar JAR        the jar to submit (default: <build dir>/customer-rating-<version>-app.jar,
#                        built with mvn package if missing); a local:// or s3a:// URI is passed on.
#   --dry-run            print the command instead of running it.
#
# With SPARK_HOME set, $SPARK_HOME/bin/spark-submit runs. Without it, Spark's submit class
# (org.apache.spark.deploy.SparkSubmit) runs with java from the stand-in Spark home: the Spark
# jars resolved by Maven (see jobs/lib/cluster-env.sh), with the Java 17 --add-opens flags.
# Added unless given: --class (the job's main class), the Java 17 flags and -Duser.timezone=UTC in
# spark.driver/executor.extraJavaOptions (merged with the profile's), and, for a master on
# 127.0.0.1 or local[...], driver host and bind address 127.0.0.1. In client mode without a job
# --conf, --conf <project>/conf/datasets.yaml.
#
# Environment: SPARK_HOME, JAVA_HOME, RATING_BUILD_DIR (build dir, default target), APP_JAR,
# SUBMIT_DRIVER_MEMORY (driver heap when SPARK_HOME is unset and no --driver-memory/profile value).
#
# Exit code: the job's (0 ok, 3 partial, 1 failed, 2 usage); 2 for a bad submit.sh command line.
# In cluster deploy mode the exit code is spark-submit's (whether the driver succeeded): read run_log.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/jobs/lib/cluster-env.sh"

usage() {
  sed -n '2,/^# Exit code/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
die_usage() {
  echo "submit.sh: $1" >&2
  echo "usage: jobs/submit.sh [--profile NAME|FILE] [--app-jar JAR] [SPARK OPTIONS] [--] [JOB OPTIONS] (--help)" >&2
  exit 2
}

# spark-submit's options that take a value, and its flags.
SPARK_VALUE_OPTS=" --master --deploy-mode --class --name --jars --packages --exclude-packages \
--repositories --py-files --files --archives --conf -c --properties-file --driver-memory \
--driver-java-options --driver-library-path --driver-class-path --executor-memory --proxy-user \
--driver-cores --total-executor-cores --executor-cores --num-executors --queue --principal \
--keytab "
SPARK_FLAG_OPTS=" --verbose -v --supervise "

profile="" app_jar="" dry_run=0
spark_args=() job_args=()
declare -A spark_opt=()      # last value of each Spark option (e.g. spark_opt[--master])
declare -A spark_conf=()     # --conf key=value pairs given on the command line
while [ $# -gt 0 ]; do
  a="$1"
  case "$a" in
    --) shift; job_args+=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    --dry-run) dry_run=1; shift; continue ;;
    --profile|--app-jar)
      [ $# -ge 2 ] || die_usage "$a needs a value"
      if [ "$a" = --profile ]; then profile="$2"; else app_jar="$2"; fi
      shift 2; continue ;;
    --profile=*) profile="${a#*=}"; shift; continue ;;
    --app-jar=*) app_jar="${a#*=}"; shift; continue ;;
  esac
  name="${a%%=*}"
  if [[ "$a" == --*=* ]] && [[ "$SPARK_VALUE_OPTS" == *" $name "* ]]; then
    val="${a#*=}"
    set -- "$name" "$val" "${@:2}"
    a="$name"
  fi
  if [[ "$SPARK_FLAG_OPTS" == *" $a "* ]]; then
    spark_args+=("$a"); shift
  elif [[ "$SPARK_VALUE_OPTS" == *" $a "* ]]; then
    [ $# -ge 2 ] || die_usage "$a needs a value"
    val="$2"
    if [ "$a" = --conf ] || [ "$a" = -c ]; then
      if [[ "$val" != *=* ]]; then
        die_usage "--conf '$val' is not key=value: the job's --conf FILE goes after '--' (or after another job option)"
      fi
      spark_conf["${val%%=*}"]="${val#*=}"
      shift 2; continue        # added back below, after merging
    fi
    spark_opt["$a"]="$val"
    spark_args+=("$a" "$val"); shift 2
  else
    job_args+=("$@"); break    # the job's options start here
  fi
done

# The job must not be told its master: spark-submit's --master decides it.
for a in "${job_args[@]+"${job_args[@]}"}"; do
  case "$a" in --master|--master=*) die_usage "--master is spark-submit's here: give it before the job options" ;; esac
done

# The profile: a properties file for spark-submit.
props_file=""
if [ -n "$profile" ]; then
  if [ -f "$profile" ]; then props_file="$(cd "$(dirname "$profile")" && pwd)/$(basename "$profile")"
  elif [ -f "$ROOT/conf/profiles/$profile.conf" ]; then props_file="$ROOT/conf/profiles/$profile.conf"
  else die_usage "no profile '$profile' (conf/profiles: $(cd "$ROOT/conf/profiles" && ls *.conf | sed 's/\.conf$//' | tr '\n' ' '))"
  fi
  [ -z "${spark_opt[--properties-file]:-}" ] || die_usage "give --profile or --properties-file, not both"
  spark_args+=(--properties-file "$props_file")
elif [ -n "${spark_opt[--properties-file]:-}" ]; then
  props_file="${spark_opt[--properties-file]}"
fi

# A property's value: from --conf, else the properties file (Spark's format: key, blanks or '=', value).
prop() {
  if [ -n "${spark_conf[$1]+x}" ]; then printf '%s' "${spark_conf[$1]}"; return; fi
  [ -n "$props_file" ] && [ -f "$props_file" ] || return 0
  awk -v k="$1" '
    /^[ \t]*[#!]/ {next}
    { line=$0; sub(/^[ \t]+/, "", line)
      n=match(line, /[ \t=:]/); if (n==0) next
      key=substr(line, 1, n-1); if (key!=k) next
      val=substr(line, n); sub(/^[ \t]*[=:]?[ \t]*/, "", val); sub(/[ \t]+$/, "", val); v=val }
    END { if (v!="") printf "%s", v }' "$props_file"
}

master="${spark_opt[--master]:-$(prop spark.master)}"
deploy_mode="${spark_opt[--deploy-mode]:-$(prop spark.submit.deployMode)}"
deploy_mode="${deploy_mode:-client}"

# Java 17 flags and UTC for driver and executors, in front of what the profile or --conf says.
jvm_opts="$SPARK_JAVA_FLAGS -Duser.timezone=UTC"
for k in spark.driver.extraJavaOptions spark.executor.extraJavaOptions; do
  extra="$(prop "$k")"
  spark_conf[$k]="$jvm_opts${extra:+ $extra}"
done

# Only the loopback interface for a local master or the local standalone cluster.
case "$master" in
  local|local\[*|spark://127.0.0.1:*|spark://localhost:*)
    export SPARK_LOCAL_IP=127.0.0.1
    : "${spark_conf[spark.driver.host]:=127.0.0.1}"
    : "${spark_conf[spark.driver.bindAddress]:=127.0.0.1}"
    ;;
esac

for k in "${!spark_conf[@]}"; do
  spark_args+=(--conf "$k=${spark_conf[$k]}")
done
[ -n "${spark_opt[--class]:-}" ] || spark_args+=(--class com.customerrating.job.RatingJob)

# The job's dataset config: absolute, so that the driver finds it wherever submit.sh runs from.
has_conf=0
for a in "${job_args[@]+"${job_args[@]}"}"; do
  case "$a" in --conf|--conf=*) has_conf=1 ;; esac
done
if [ "$has_conf" = 0 ] && [ "$deploy_mode" = client ]; then
  job_args+=(--conf "$ROOT/conf/datasets.yaml")
fi

if [ -n "$app_jar" ]; then
  APP_JAR="$app_jar"
  case "$APP_JAR" in *://*) ;; *) [ -f "$APP_JAR" ] || die_usage "no such jar: $APP_JAR" ;; esac
elif [ "$dry_run" = 0 ]; then
  ensure_app_jar
else
  APP_JAR="${APP_JAR:-$BUILD_DIR/customer-rating-$PROJECT_VERSION-app.jar}"
fi

if [ -n "${SPARK_HOME:-}" ]; then
  cmd=("$SPARK_HOME/bin/spark-submit")
else
  [ "$dry_run" = 1 ] || ensure_spark_home
  # Started directly, SparkSubmit runs the driver in its own JVM (client mode): heap and JVM
  # options must be set here, as spark-submit's launcher would.
  driver_mem="${spark_opt[--driver-memory]:-$(prop spark.driver.memory)}"
  driver_mem="${driver_mem:-${SUBMIT_DRIVER_MEMORY:-1g}}"
  driver_java=()
  if [ "$deploy_mode" = client ]; then
    # shellcheck disable=SC2206
    driver_java=(-Xmx"$driver_mem" ${spark_conf[spark.driver.extraJavaOptions]} ${spark_opt[--driver-java-options]:-})
  else
    # shellcheck disable=SC2206
    driver_java=(-Xmx256m $SPARK_JAVA_FLAGS)
  fi
  cp="$STANDIN_SPARK_HOME/conf/:$STANDIN_SPARK_HOME/jars/*"
  [ -z "${spark_opt[--driver-class-path]:-}" ] || cp="${spark_opt[--driver-class-path]}:$cp"
  cmd=("$JAVA_CMD" "${driver_java[@]}" -cp "$cp" org.apache.spark.deploy.SparkSubmit)
fi
cmd+=("${spark_args[@]}" "$APP_JAR" "${job_args[@]+"${job_args[@]}"}")

if [ "$dry_run" = 1 ]; then
  printf '%q ' "${cmd[@]}"; echo
  exit 0
fi
echo "submitting $(basename "$APP_JAR") to ${master:-the default master} ($deploy_mode mode)" >&2
set +e
"${cmd[@]}"
rc=$?
set -e
exit "$rc"
