#!/bin/bash
# Caps the memory of a running PostgreSQL (its shared buffers, backends and page cache) with a
# cgroup, so that a log smaller than the one in question meets the same share of cached pages: a
# 2x10^7 log with a fifth of this machine's memory misses the cache as a 10^8 log would with all
# of it (docs/capacity.md, "10^8 and 2x10^9 by their share of memory", which also says what this
# does not scale).
#
#   bench/pg-memory-cap.sh PGDATA LIMIT     LIMIT in bytes or with a K/M/G suffix, e.g. 3800M
#
# Moves the postmaster named in PGDATA/postmaster.pid and its children into the memory cgroup
# "waxseal-<basename of PGDATA's parent>" (backends forked later follow the postmaster), then drops
# the kernel's clean page cache: pages cached before the move would otherwise still serve reads
# outside the cap. Needs root and the memory controller (cgroup v1 or v2). Run it before the
# PostgreSQL has touched most of its shared buffers, or they stay charged outside the cap.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 PGDATA LIMIT" >&2; exit 2; }
PGDATA=$(cd "$1" && pwd)
LIMIT=$2
[ -f "$PGDATA/postmaster.pid" ] || { echo "$PGDATA/postmaster.pid is missing: is that PostgreSQL running?" >&2; exit 2; }
postmaster=$(head -1 "$PGDATA/postmaster.pid")
name=waxseal-$(basename "$(dirname "$PGDATA")")
# A group left by an earlier run may still be charged with that run's page cache, above a lower new
# limit: drop it first.
sync
echo 1 > /proc/sys/vm/drop_caches

if [ -f /sys/fs/cgroup/cgroup.controllers ]; then # cgroup v2
  group=/sys/fs/cgroup/$name
  grep -qw memory /sys/fs/cgroup/cgroup.subtree_control ||
    echo +memory > /sys/fs/cgroup/cgroup.subtree_control
  mkdir -p "$group"
  echo "$LIMIT" > "$group/memory.max"
elif [ -d /sys/fs/cgroup/memory ]; then # cgroup v1
  group=/sys/fs/cgroup/memory/$name
  mkdir -p "$group"
  echo "$LIMIT" > "$group/memory.limit_in_bytes"
else
  echo "no cgroup memory controller under /sys/fs/cgroup: cannot cap PostgreSQL's memory" >&2
  exit 2
fi

for pid in "$postmaster" $(pgrep -P "$postmaster"); do
  echo "$pid" > "$group/cgroup.procs"
done
sync
echo 1 > /proc/sys/vm/drop_caches
echo "PostgreSQL of $PGDATA (postmaster $postmaster) capped at $LIMIT in $group; page cache dropped"
