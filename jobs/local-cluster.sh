#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, for trying jobs/submit.sh and for the
# integration test: one master and two workers on 127.0.0.1, run from the stand-in Spark home
# (the Maven-resolved Spark jars, see jobs/lib/cluster-env.sh) unless SPARK_HOME is set.
#
#   jobs/local-cluster.sh start    start (or find running) master and workers; prints the master
#                                  URL, spark://127.0.0.1:PORT, alone on a line of standard output
#                                  once every worker has registered
#   jobs/local-cluster.sh status   what runs (exit 0 if master and all workers run, else 1)
#   jobs/local-cluster.sh stop     stop everything, executors included; exit 1 if a process is left
#   jobs/local-cluster.sh url      the master URL of the running cluster
#
# Environment:
#   RATING_BUILD_DIR       build dir (default target); the cluster lives in <build dir>/local-cluster
#   LOCAL_CLUSTER_DIR      the cluster's state folder instead (pids, logs/, work/)
#   LOCAL_CLUSTER_WORKERS  workers (default 2); WORKER_CORES (1), WORKER_MEMORY (2g)
#   MASTER_PORT, MASTER_WEBUI_PORT   default: free ports picked at start
#   DAEMON_MEMORY          heap of the master and of each worker JVM (default 256m)
#   START_TIMEOUT          seconds to wait for the master and the workers (default 120)
#
# Logs: <state>/logs/master.log, worker-N.log; executors' stdout/stderr under <state>/work/worker-N/<app>/<id>/.
# Every process listens on 127.0.0.1 only. Each daemon runs in its own process group (its pid is
# the group id), and the executors a worker launches stay in that group, so stop kills groups.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/jobs/lib/cluster-env.sh"

STATE="${LOCAL_CLUSTER_DIR:-$BUILD_DIR/local-cluster}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
LOGS="$STATE/logs"
WORKERS="${LOCAL_CLUSTER_WORKERS:-2}"
WORKER_CORES="${WORKER_CORES:-1}"
WORKER_MEMORY="${WORKER_MEMORY:-2g}"
DAEMON_MEMORY="${DAEMON_MEMORY:-256m}"
START_TIMEOUT="${START_TIMEOUT:-120}"
# Marks the daemons' command lines, so that status and stop can find them even without pid files.
MARK="-Dcustomer-rating.local-cluster=$STATE"

log() { echo "local-cluster: $*" >&2; }

daemons() { echo master; for i in $(seq 1 "$WORKERS"); do echo "worker-$i"; done; }

# The pid of a daemon if it runs (its pid file names a live process with our marker), else nothing.
live_pid() {
  local f="$STATE/$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$MARK"; then
    echo "$pid"
  fi
}

# Every process that belongs to this cluster: the daemons (marker), their process groups
# (executors), and executors whose command line names this cluster's work dir.
cluster_pids() {
  {
    pgrep -f -- "$MARK" || true
    local f pg
    for f in "$STATE"/*.pgid; do
      [ -f "$f" ] || continue
      pg="$(cat "$f")"
      [ -n "$pg" ] && { pgrep -g "$pg" || true; }
    done
    executor_pids
  } | sort -un | grep -v -x -e "$$" -e "$BASHPID" || true
}

# Executors launched by this cluster's workers: they run in the workers' work dirs.
executor_pids() {
  local p
  for p in $(pgrep -f org.apache.spark.executor.CoarseGrainedExecutorBackend || true); do
    case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$STATE/work/"*) echo "$p" ;; esac
  done
}

master_url() { [ -f "$STATE/master.url" ] && cat "$STATE/master.url"; }

alive_workers() {
  local port json
  port="$(cat "$STATE/master.webui-port" 2>/dev/null)" || { echo 0; return; }
  json="$(http_get "$port" /json/ 2>/dev/null)" || { echo 0; return; }
  printf '%s' "$json" | tr -d ' \n' | sed -n 's/.*"aliveworkers":\([0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

# Starts a daemon in a new session (so in its own process group); records pid and pgid.
launch() {
  local name="$1"; shift
  local -a jcmd=("$JAVA_CMD" -Xmx"$DAEMON_MEMORY" $SPARK_JAVA_FLAGS "$MARK"
    -Dlog4j.configurationFile="$DAEMON_LOG4J"
    -cp "$SPARK_HOME/conf/:$SPARK_HOME/jars/*" "$@")
  setsid "${jcmd[@]}" > "$LOGS/$name.log" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$STATE/$name.pid"
  local pgid=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    [ -n "$pgid" ] && [ "$pgid" = "$pid" ] && break
    sleep 0.2
  done
  echo "${pgid:-$pid}" > "$STATE/$name.pgid"
}

start() {
  if [ -n "$(live_pid master)" ]; then
    local missing=0 d
    for d in $(daemons); do [ -n "$(live_pid "$d")" ] || missing=1; done
    if [ "$missing" = 0 ]; then
      log "already running ($STATE)"
      master_url; echo
      return 0
    fi
    log "partly running: stopping it first"
    stop
  fi
  if [ -n "$(cluster_pids)" ]; then
    log "processes of an earlier cluster in $STATE are left; stopping them first"
    stop
  fi
  if [ -n "${SPARK_HOME:-}" ]; then
    export SPARK_HOME
    export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-$SCALA_BINARY_VERSION}"
  else
    ensure_spark_home
  fi
  DAEMON_LOG4J="$ROOT/jobs/lib/spark-home/conf/log4j2-daemon.properties"
  rm -rf "$LOGS" "$STATE"/*.pid "$STATE"/*.pgid "$STATE"/master.*
  mkdir -p "$LOGS" "$STATE/work"
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_PUBLIC_DNS=127.0.0.1
  export SPARK_LOG_DIR="$LOGS"

  local port="${MASTER_PORT:-$(free_port)}" webui="${MASTER_WEBUI_PORT:-}"
  while [ -z "$webui" ] || [ "$webui" = "$port" ]; do webui="$(free_port)"; done
  log "starting master on 127.0.0.1:$port (web UI $webui), logs in $LOGS"
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$webui"

  # Wait for the master; Spark moves to the next port if one is taken, so read the real ones.
  local deadline=$(( $(date +%s) + START_TIMEOUT )) url="" uiport=""
  while [ -z "$url" ] || [ -z "$uiport" ]; do
    if [ -z "$(live_pid master)" ]; then
      log "the master exited; last lines of $LOGS/master.log:"; tail -n 20 "$LOGS/master.log" >&2; stop >/dev/null 2>&1 || true; return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "the master did not start within ${START_TIMEOUT}s"; stop >/dev/null 2>&1 || true; return 1
    fi
    sleep 1
    url="$(sed -n 's/.*Starting Spark master at \(spark:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$LOGS/master.log" | head -n 1)"
    uiport="$(sed -n 's/.*MasterWebUI.*started at http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$LOGS/master.log" | head -n 1)"
  done
  echo "$url" > "$STATE/master.url"
  echo "$uiport" > "$STATE/master.webui-port"

  local i
  for i in $(seq 1 "$WORKERS"); do
    mkdir -p "$STATE/work/worker-$i"
    launch "worker-$i" org.apache.spark.deploy.worker.Worker "$url" --host 127.0.0.1 \
      --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --work-dir "$STATE/work/worker-$i" --webui-port 0
  done
  log "waiting for $WORKERS workers to register with $url"
  while [ "$(alive_workers)" -lt "$WORKERS" ]; do
    for i in $(seq 1 "$WORKERS"); do
      if [ -z "$(live_pid "worker-$i")" ]; then
        log "worker-$i exited; last lines of $LOGS/worker-$i.log:"; tail -n 20 "$LOGS/worker-$i.log" >&2
        stop >/dev/null 2>&1 || true; return 1
      fi
    done
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "workers did not register within ${START_TIMEOUT}s"; stop >/dev/null 2>&1 || true; return 1
    fi
    sleep 1
  done
  log "running: $WORKERS workers x $WORKER_CORES core(s), $WORKER_MEMORY; web UI http://127.0.0.1:$uiport"
  echo "$url"
}

stop() {
  local d pg
  # Workers first (each kills its executors on the way out), then the master.
  for d in $(daemons | sort -r); do
    [ -f "$STATE/$d.pgid" ] || continue
    pg="$(cat "$STATE/$d.pgid")"
    if [ -n "$pg" ] && pgrep -g "$pg" >/dev/null 2>&1; then
      log "stopping $d (process group $pg)"
      kill -TERM -- "-$pg" 2>/dev/null || true
    fi
  done
  local left deadline=$(( $(date +%s) + 20 ))
  while left="$(cluster_pids)"; [ -n "$left" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.5
  done
  if [ -n "$left" ]; then
    log "still running after SIGTERM, killing: $(echo $left)"
    for d in "$STATE"/*.pgid; do [ -f "$d" ] && kill -KILL -- "-$(cat "$d")" 2>/dev/null || true; done
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    sleep 1
    left="$(cluster_pids)"
  fi
  if [ -n "$left" ]; then
    log "could not stop: $(ps -o pid=,args= -p "$(echo $left | tr ' ' ,)" 2>/dev/null | cut -c1-200)"
    return 1
  fi
  rm -f "$STATE"/*.pid "$STATE"/*.pgid "$STATE/master.url" "$STATE/master.webui-port"
  log "stopped; no process left"
}

status() {
  local d pid up=0 total=0
  for d in $(daemons); do
    total=$((total + 1))
    pid="$(live_pid "$d")"
    if [ -n "$pid" ]; then
      up=$((up + 1))
      echo "$d: running, pid $pid"
    else
      echo "$d: not running"
    fi
  done
  if [ "$up" -gt 0 ] && [ -n "$(live_pid master)" ]; then
    echo "master URL: $(master_url)"
    echo "web UI: http://127.0.0.1:$(cat "$STATE/master.webui-port")"
    echo "registered workers: $(alive_workers)"
    local execs
    execs="$(executor_pids | wc -l)"
    echo "executors: $execs"
  fi
  local others
  others="$(cluster_pids | wc -l)"
  echo "processes: $others; state and logs: $STATE"
  [ "$up" = "$total" ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) if [ -n "$(live_pid master)" ]; then master_url; else log "not running"; exit 1; fi ;;
  *) echo "usage: jobs/local-cluster.sh start|stop|status|url" >&2; exit 2 ;;
esac
