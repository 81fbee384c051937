# A person at a terminal who closes it: runs argv (argv[3:]) as the session leader of a new pty, types
# each line of argv[2] (a JSON list of [text to wait for, line to type]) once the text shows anew
# (once more than when the last line was typed), then, once argv[1] shows anew (or a moment after the last line, when it is empty), closes the terminal (the kernel hangs it up: SIGHUP). Prints JSON:
# the exit status or signal, everything the program wrote, and how long it took to end once closed.
import json, os, pty, select, sys, time

def main():
    last, steps, argv = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    out = b""
    def wait_for(text, times, seconds=20):
        nonlocal out
        deadline = time.time() + seconds
        while out.count(text.encode()) < times:
            if time.time() > deadline:
                raise SystemExit(json.dumps({"error": "waited for " + text, "output": out.decode("utf8", "replace")}))
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
    # Each text is waited for anew: it shows once more than when the last line was typed.
    seen = {}
    for wait, line in steps:
        wait_for(wait, seen.get(wait, 0) + 1)
        seen = {t: out.count(t.encode()) for t in {w for w, _ in steps} | {last}}
        os.write(fd, (line + "\r").encode())
    if last:
        wait_for(last, seen.get(last, 0) + 1)
    time.sleep(1.5)
    os.close(fd)
    closed = time.time()
    _, status = os.waitpid(pid, 0)
    print(json.dumps({
        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "output": out.decode("utf8", "replace"),
        "seconds": time.time() - closed,
    }))

main()
