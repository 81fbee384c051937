// For a fake `perl` on PATH that reads all its input before the real one runs (fake-ip.test.ts,
// rollback-report.test.ts): asked for the lab's lock (runtime/prestart-build.ts), it answers at once with
// flock(1), as the namespace maker does, so netl does not wait for an answer that comes after its input.
export const ANSWER_LOCK_SH = `if [ "\${NETL_NETNS_LOCK-}" = fd3 ]; then
  unset NETL_NETNS_LOCK
  if flock -x -n 3; then echo held; else echo busy; fi
fi
`;
