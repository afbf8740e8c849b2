#!/usr/bin/env bash
# Chaos run: jobs through separate sqs / gateway / worker processes while workers are killed with
# SIGKILL and SIGTERM at random; then every job must have succeeded exactly once, whole. The last
# --long jobs are 24-second videos that the workers split into 8-second segments.
#   infra/chaos/chaos-run.sh [--jobs 30] [--long 2] [--workers 2] [--max-seconds 120] [--deadline 480]
set -uo pipefail

jobs=30 long=2 workers=2 chaos_seconds=120 deadline=480
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    --long) long=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --max-seconds) chaos_seconds=$2; shift 2 ;;
    --deadline) deadline=$2; shift 2 ;;
    *) echo "usage: $0 [--jobs N] [--long L] [--workers W] [--max-seconds S] [--deadline S]" >&2; exit 2 ;;
  esac
done
# The long ones are the last of the jobs.
short=$jobs
jobs=$(( jobs + long ))

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pp="$repo/privacypal"
work="$(mktemp -d -t privacypal-chaos-XXXX)"
videos="$work/videos"
mkdir -p "$videos"
started_at=$(date +%s)
declare -A worker_pid worker_id
pids=()
starts=0

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { printf '[chaos %4ds] %s\n' $(( $(date +%s) - started_at )) "$*"; }

cleanup() {
  for pid in "${worker_pid[@]}" "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$pp" help >/dev/null 2>&1 || { echo "build failed: run ./privacypal help" >&2; exit 1; }
export PRIVACYPAL_SKIP_BUILD=1  # built once above; the processes below start as they are

log "generating $jobs videos in $videos"
declare -A frames
for i in $(seq 1 "$jobs"); do
  seconds=$(( i > short ? 24 : 4 + i % 3 ))
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=640x360:r=25:d=$seconds" \
    -f lavfi -i "sine=frequency=$((200 + i * 10)):duration=$seconds" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$videos/clip-$i.mp4"
  frames[$i]=$(( seconds * 25 ))
done

sqs_port=$(free_port) http_port=$(free_port)
export PRIVACYPAL_VIDEO_DIRECTORY="$videos" PRIVACYPAL_SQS_PORT=$sqs_port PRIVACYPAL_HTTP_PORT=$http_port
export PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS=10 PRIVACYPAL_MAX_RECEIVE_COUNT=10 PRIVACYPAL_POLL_WAIT_SECONDS=1
export PRIVACYPAL_SEGMENT_SECONDS=8  # the 4-6 s clips run whole, the 24 s ones in 3 segments
export PRIVACYPAL_METRICS_PORT=0 PRIVACYPAL_RETRY_DELAY_SECONDS=1 PRIVACYPAL_WORKER_SLOTS=2 PRIVACYPAL_SHUTDOWN_GRACE_SECONDS=5
export AWS_ENDPOINT_URL_SQS="http://127.0.0.1:$sqs_port"
export PRIVACYPAL_QUEUE_URL="http://127.0.0.1:$sqs_port/000000000000/privacypal-jobs"

"$pp" sqs >"$work/sqs.log" 2>&1 & pids+=($!)
until grep -q "PRIVACYPAL_QUEUE_URL" "$work/sqs.log" 2>/dev/null; do sleep 0.5; done
"$pp" gateway >"$work/gateway.log" 2>&1 & pids+=($!)
until curl -sf "http://127.0.0.1:$http_port/health" >/dev/null; do sleep 0.5; done

start_worker() {
  # A new id per start: a status still naming a killed JVM must not pick its successor for the
  # SIGTERM while that one is still starting (before its shutdown hook exists).
  local n=$1
  starts=$((starts + 1))
  worker_id[$n]="w$n-$starts"
  "$pp" worker --worker-id="${worker_id[$n]}" >>"$work/worker-$n.log" 2>&1 &
  worker_pid[$n]=$!
}
for n in $(seq 1 "$workers"); do start_worker "$n"; done

log "submitting: half over HTTP, half with privacypal enqueue"
ids=()
half=$(( jobs / 2 ))
for i in $(seq 1 "$half"); do
  id=$(curl -sf -X POST "http://127.0.0.1:$http_port/api/v1/jobs" -H 'Content-Type: application/json' \
    -d "{\"video\":\"clip-$i.mp4\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])')
  ids+=("$id")
done
enqueue_args=()
for i in $(seq $(( half + 1 )) "$jobs"); do enqueue_args+=("$videos/clip-$i.mp4"); done
mapfile -t more < <("$pp" enqueue "${enqueue_args[@]}" 2>>"$work/enqueue.log" \
  | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["jobIds"]))')
ids+=("${more[@]}")
log "submitted ${#ids[@]} jobs"
if [ "${#ids[@]}" -ne "$jobs" ]; then
  echo "only ${#ids[@]} of $jobs jobs were submitted; see $work/enqueue.log" >&2
  exit 1
fi

state_of() { curl -sf "http://127.0.0.1:$http_port/api/v1/jobs/$1" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["state"], j["attempts"])'; }
outstanding() {  # one request for all jobs, so the chaos loop keeps its pace
  curl -sf "http://127.0.0.1:$http_port/api/v1/jobs?limit=200" | python3 -c '
import json, sys
print(sum(1 for j in json.load(sys.stdin)["jobs"] if j["state"] not in ("SUCCEEDED", "FAILED", "CANCELLED")))'
}

kills=0 sigterm_status="not sent"
chaos_end=$(( $(date +%s) + chaos_seconds ))
while [ "$(date +%s)" -lt "$chaos_end" ] && [ "$(outstanding)" -gt 0 ]; do
  sleep $(( 2 + RANDOM % 5 ))
  n=$(( 1 + RANDOM % workers ))
  if [ "$sigterm_status" = "not sent" ] \
     && grep -l '"state":"PROCESSING"' "$videos"/.privacypal/jobs/*.json 2>/dev/null | xargs -r grep -lq "\"worker\":\"${worker_id[$n]}\""; then
    log "SIGTERM to worker ${worker_id[$n]} (pid ${worker_pid[$n]}) while it runs a job"
    kill -TERM "${worker_pid[$n]}"
    wait "${worker_pid[$n]}"; sigterm_status=$?
    log "worker ${worker_id[$n]} exited with status $sigterm_status"
  else
    log "SIGKILL to worker ${worker_id[$n]} (pid ${worker_pid[$n]})"
    kill -9 "${worker_pid[$n]}" 2>/dev/null; wait "${worker_pid[$n]}" 2>/dev/null
    kills=$(( kills + 1 ))
  fi
  start_worker "$n"
done

log "chaos over after $kills kills; letting the workers finish"
final_deadline=$(( started_at + deadline ))
while [ "$(outstanding)" -gt 0 ] && [ "$(date +%s)" -lt "$final_deadline" ]; do sleep 2; done

succeeded=0 failed=0 lost=0 duplicates=0 corrupt=0
declare -A attempts_histogram
for idx in "${!ids[@]}"; do
  read -r state attempts < <(state_of "${ids[$idx]}" || echo "UNKNOWN 0")
  attempts_histogram[$attempts]=$(( ${attempts_histogram[$attempts]:-0} + 1 ))
  case "$state" in
    SUCCEEDED) succeeded=$((succeeded + 1)) ;;
    FAILED|CANCELLED) failed=$((failed + 1)) ;;
    *) lost=$((lost + 1)); log "lost: job ${ids[$idx]} is $state" ;;
  esac
done
for i in $(seq 1 "$jobs"); do
  outputs=$(find "$videos/processed" -name "clip-$i-processed.mp4" 2>/dev/null | wc -l)
  [ "$outputs" -gt 1 ] && duplicates=$((duplicates + 1))
  out="$videos/processed/clip-$i-processed.mp4"
  [ -f "$out" ] || continue
  got=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$out" 2>/dev/null)
  audio=$(ffprobe -v error -select_streams a -show_entries stream=codec_type -of csv=p=0 "$out" 2>/dev/null)
  if [ -z "$got" ] || [ $(( got - frames[$i] )) -gt 1 ] || [ $(( frames[$i] - got )) -gt 1 ] || [ -z "$audio" ]; then
    corrupt=$((corrupt + 1)); log "corrupt: $out has ${got:-no} frames (want ${frames[$i]}), audio '${audio}'"
  fi
done
stale=$(find "$videos/processed" -name '.*.tmp.mp4' 2>/dev/null | wc -l)
split=$(grep -l '"plan"' "$videos"/.privacypal/jobs/*.json 2>/dev/null | wc -l)
segment_files=$(find "$videos/processed/.segments" -type f 2>/dev/null | wc -l)

cleanup; trap - EXIT
sleep 3
orphans=$(pgrep -x ffmpeg | wc -l)

echo "submitted ${#ids[@]}, succeeded $succeeded, failed $failed, lost $lost, duplicate outputs $duplicates, corrupt outputs $corrupt"
echo "  workers $workers, SIGKILLs $kills, SIGTERM exit status $sigterm_status, wall $(( $(date +%s) - started_at )) s"
printf '  attempts:'; for a in "${!attempts_histogram[@]}"; do printf ' %s x%s' "$a" "${attempts_histogram[$a]}"; done; echo
echo "  split jobs $split (of $long long ones), segment files left $segment_files"
echo "  stale temporary files from killed workers: $stale; ffmpeg processes left: $orphans; logs in $work"
[ "$lost" -eq 0 ] && [ "$duplicates" -eq 0 ] && [ "$corrupt" -eq 0 ] && [ "$succeeded" -eq "${#ids[@]}" ] \
  && [ "$split" -eq "$long" ] && [ "$segment_files" -eq 0 ]
