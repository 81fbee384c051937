#!/usr/bin/env bash
# Run one command inside a User-Mode Linux guest: a full Debian 6.1 kernel with every module (tc netem,
# dummy, …) that this machine's slim kernel lacks. See /work/shared/KERNEL.md and docs in this header.
#
#   scripts/uml/run.sh [--timeout SECS] [--mem 1G] [--timing] [--no-xstate] -- COMMAND...
#
# One boot per call. The guest's root is the machine's own / (hostfs, read-write, as root); inside it
# /proc, /sys, a private tmpfs on /run, /tmp and /dev/shm, the UML modules for modprobe (veth sch_netem
# sch_tbf dummy bridge are loaded up front; other modules load on demand), /run/netns, and the repository
# root as working directory. COMMAND runs under `sh -c` with stdin from /dev/null: one argument is a shell
# script as written; several are an argv, each word quoted. Its stdout and stderr come back here on
# stdout and stderr (the guest kernel's own console goes to a log, never to stdout), and this script
# exits with its exit status.
#
# Exit status: COMMAND's; 124 on timeout (default 300 s; the guest is killed); 3 when user-mode-linux is
# not installed; 125 when the harness itself failed (no boot, a required module missing, bad usage).
# --timing prints `uml: boot …` figures to stderr. --no-xstate boots at once as a host with AMX needs
# (see XSTATE_REFUSED below), which is otherwise a second boot only after the first failed that way. The guest sees the machine's files: what COMMAND
# writes outside /run, /tmp and /dev/shm lands on the machine. Its network objects live in the guest's
# kernel only and vanish with it.
set -uo pipefail

usage() {
  echo "usage: scripts/uml/run.sh [--timeout SECS] [--mem SIZE] [--timing] [--no-xstate] -- COMMAND..." >&2
  exit 125
}

timeout=300
mem=1G
timing=0
no_xstate=0
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
    --timeout=*) timeout=${1#*=}; shift ;;
    --mem) [ $# -ge 2 ] || usage; mem=$2; shift 2 ;;
    --mem=*) mem=${1#*=}; shift ;;
    --timing) timing=1; shift ;;
    --no-xstate) no_xstate=1; shift ;;
    --) shift; break ;;
    *) usage ;;
  esac
done
[ $# -gt 0 ] || usage
[[ "$timeout" =~ ^[0-9]+$ ]] && [ "$timeout" -gt 0 ] || { echo "uml: --timeout wants whole seconds, got '$timeout'" >&2; exit 125; }
[[ "$mem" =~ ^[0-9]+[KMG]?$ ]] || { echo "uml: --mem wants a size like 1G or 512M, got '$mem'" >&2; exit 125; }

UML=$(command -v linux.uml || true)
if [ -z "$UML" ]; then
  echo "user-mode-linux is not installed: apt-get install -y user-mode-linux" >&2
  exit 3
fi
MODPROBE=$(command -v modprobe || echo /usr/sbin/modprobe)
if [ ! -x "$MODPROBE" ]; then
  echo "uml: modprobe is missing (the guest loads its modules with it): apt-get install -y kmod" >&2
  exit 125
fi
MODDIR=/usr/lib/uml/modules
ver=$(ls "$MODDIR" 2>/dev/null | head -n 1)
if [ -z "$ver" ]; then
  echo "uml: no modules under $MODDIR: apt-get install --reinstall -y user-mode-linux" >&2
  exit 125
fi

# Quote for sh: 'it'\''s'.
shq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

if [ $# -eq 1 ]; then
  command=$1
else
  command=""
  for word in "$@"; do command+="${command:+ }$(shq "$word")"; done
fi

repo=$(cd "$(dirname "$0")/../.." && pwd -P)
results=""
pg=""

cleanup() {
  if [ -n "$pg" ]; then
    kill -KILL "$pg" 2>/dev/null # a signal in the instant before setsid ran: the group is not there yet
    kill_group
  fi
  [ -z "$results" ] || rm -rf -- "$results"
}

# Kill what is left of the guest: linux.uml and its helper processes, all in the process group it leads.
# Then wait (a bounded number of tries) until none of it lives: none outlives this script. (Killed helpers
# stay zombies until the machine's init reaps them, a while later: dead already, not waited for.)
group_alive() { ps -e -o pgid=,stat= | awk -v g="$pg" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'; }
kill_group() {
  local i
  group_alive || return 0
  kill -KILL -- "-$pg" 2>/dev/null
  for i in $(seq 40); do
    group_alive || return 0
    sleep 0.05
  done
  echo "uml: processes of group $pg still alive after SIGKILL" >&2
}

on_signal() {
  cleanup
  trap - "$1"
  kill -s "$1" $$
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# Results live on the machine's disk: /run and /tmp are the guest's own tmpfs.
results=$(mktemp -d /var/tmp/netl-uml.XXXXXX) || { echo "uml: cannot create a results directory in /var/tmp" >&2; exit 125; }

# The guest PATH: this machine's and the sbin directories, behind the guest's modprobe.
guest_path="${PATH}:/usr/local/sbin:/usr/sbin:/sbin"

# Loaded at boot; a missing one ends the run (125). Every other module loads when the kernel asks for it
# (tc qdisc add … htb, ip link add … type ifb): loading those up front would lengthen every boot.
required="veth sch_netem sch_tbf dummy bridge"

# Modules: the machine may have no /lib/modules to mount over, so the guest keeps its own module root
# in /run and a modprobe that uses it, for the kernel's on-demand loading and for commands alike.
mkdir "$results/bin"
printf '#!/bin/sh\nexec %s -d /run/uml-root "$@"\n' "$(shq "$MODPROBE")" >"$results/bin/modprobe"
chmod 755 "$results/bin/modprobe"

# UML 6.1 keeps its guests' FP registers with PTRACE_SETREGSET of an XSAVE area sized for the CPUs it
# knew; where the host's is larger (AMX), the host kernel refuses it and the guest's init dies at once.
# Then the guest boots again with that request refused, so UML falls back to the plain FP registers.
XSTATE_REFUSED="ptrace set fp regs failed"
NO_AVX=glibc.cpu.hwcaps=-AVX,-AVX2,-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD,-AVX_Fast_Unaligned_Load,-FMA,-XSAVE,-XSAVEC
wrapper=()

cat >"$results/init" <<EOF
#!/bin/sh
# Generated by scripts/uml/run.sh: the guest's init. Everything it mounts is the guest's own.
R=$(shq "$results")
status=125
# Booted with XSTATE refused (run.sh): only the plain FP and SSE registers survive a switch between
# the guest's processes, so its C library keeps to those.
[ -f "\$R/no-xstate" ] && export GLIBC_TUNABLES=$NO_AVX
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs tmp /run
# The repository, seen at a path of the guest's own before /tmp is covered: a checkout may live in /tmp.
mkdir -p /run/uml-repo
mount --bind $(shq "$repo") /run/uml-repo
mount -t tmpfs tmp /tmp
mkdir -p /dev/shm /run/netns /run/uml-root/lib/modules/$ver
mount -t tmpfs shm /dev/shm
mount --bind $MODDIR/$ver /run/uml-root/lib/modules/$ver
echo "\$R/bin/modprobe" >/proc/sys/kernel/modprobe
read t_init _ </proc/uptime
"\$R/bin/modprobe" -a $required 2>"\$R/modprobe.err"
missing=
for m in $required; do
  [ -d /sys/module/\$m ] || missing="\$missing \$m"
done
unset mem uml_dir # boot parameters the kernel hands to init as environment
export PATH="\$R/bin:"$(shq "$guest_path") HOME=/root LANG=C.UTF-8 TMPDIR=/tmp
if [ -n "\$missing" ]; then
  echo "\$missing" >"\$R/missing"
elif cd /run/uml-repo; then
  read t_start _ </proc/uptime
  sh -c $(shq "$command") >"\$R/stdout" 2>"\$R/stderr" </dev/null
  status=\$?
  read t_end _ </proc/uptime
  echo "\$t_init \$t_start \$t_end" >"\$R/times"
fi
echo \$status >"\$R/status"
sync
poweroff -f
EOF
chmod 755 "$results/init"


# The guest's memory is a file UML unlinks at once; keep it on tmpfs, never on a disk.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  uml_tmp=/dev/shm
else
  uml_tmp=/tmp
fi


t0=$EPOCHREALTIME
deadline=$((${t0/./} + timeout * 1000000)) # microseconds
timed_out=0

boot() {
  rm -f -- "$results/console.log"
  # setsid: linux.uml leads its own process group (a background job of a script is no group leader, so
  # setsid execs in place and $! is both its pid and the group's id).
  TMPDIR=$uml_tmp setsid "${wrapper[@]}" "$UML" "mem=$mem" rootfstype=hostfs rw "init=$results/init" quiet \
    "uml_dir=$results" "umid=guest" con=null con0=fd:0,fd:1 \
    </dev/null >"$results/console.log" 2>&1 &
  pid=$!
  pg=$pid
  exec 3>&2 2>/dev/null # bash's "Killed" notice for the job, on timeout
  while kill -0 "$pid"; do
    if [ "${EPOCHREALTIME/./}" -ge "$deadline" ]; then
      timed_out=1
      kill -KILL -- "-$pg"
      break
    fi
    sleep 0.05
  done
  wait "$pid"
  exec 2>&3 3>&-
  kill_group # helpers that outlived linux.uml
  pg=""
}

refuse_xstate() {
  wrapper=(perl "$repo/scripts/uml/no-xstate.pl")
  : >"$results/no-xstate"
}
[ "$no_xstate" = 1 ] && refuse_xstate
boot
if [ "$no_xstate" = 0 ] && [ "$timed_out" = 0 ] && [ ! -f "$results/status" ] &&
  grep -q "$XSTATE_REFUSED" "$results/console.log"; then
  refuse_xstate
  boot
fi
t1=$EPOCHREALTIME

if [ "$timed_out" = 1 ]; then
  [ -f "$results/stdout" ] && cat -- "$results/stdout"
  [ -f "$results/stderr" ] && cat -- "$results/stderr" >&2
  echo "uml: timed out after ${timeout} s; the guest was killed" >&2
  cleanup
  exit 124
fi

if [ -f "$results/missing" ]; then
  echo "uml: required modules did not load in the guest:$(cat "$results/missing")" >&2
  [ -s "$results/modprobe.err" ] && sed 's/^/uml: /' "$results/modprobe.err" >&2
fi

if [ ! -f "$results/status" ]; then
  echo "uml: the guest ended without running the command; its console's last lines:" >&2
  tail -n 15 "$results/console.log" >&2
  cleanup
  exit 125
fi
status=$(cat "$results/status")
[ -f "$results/stdout" ] && cat -- "$results/stdout"
[ -f "$results/stderr" ] && cat -- "$results/stderr" >&2
if [ "$timing" = 1 ] && [ -f "$results/times" ]; then
  read -r t_init t_start t_end <"$results/times"
  awk -v a="$t0" -v b="$t1" -v i="$t_init" -v s="$t_start" -v e="$t_end" 'BEGIN {
    printf "uml: boot to init %.2f s, to command %.2f s (guest clock); command %.2f s; whole run %.2f s\n", i, s, e - s, b - a
  }' >&2
fi
cleanup
exit "$status"
