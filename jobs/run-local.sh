#!/usr/bin/env bash
# Runs the job in local Spark. With no arguments: on the bundled sample data (generated on first
# use into data/sample), writing ./warehouse and ./quarantine and printing a per-city, per-year
# summary. Any job option may be given: --input-root DIR --warehouse DIR --quarantine DIR
# --city NAME --year YYYY --conf FILE (see --help).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
ensure_built

uses_sample=1
input_root=data/sample
prev=
for a in "$@"; do
  case "$a" in
    --input-root=*) uses_sample=0; input_root="${a#--input-root=}" ;;
    --input-root) uses_sample=0 ;;
  esac
  if [ "$prev" = --input-root ]; then input_root="$a"; fi
  prev="$a"
done
if [ "$uses_sample" = 1 ] && [ ! -d data/sample ]; then
  echo "generating sample data into data/sample" >&2
  run_java com.customerrating.sample.SampleDataGenerator --out data/sample >&2
fi

JOB_JVM_FLAGS="$(jvm_flags_for_input "$input_root")"
run_java com.customerrating.job.RatingJob "$@"
