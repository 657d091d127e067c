#!/usr/bin/env python3
"""make bench: banter against ripgrep running the same rules, and cat.

Times, side by side and in one run (hyperfine, medians):
  banter --by=client        over the corpus (default jobs, then -j1)
  rg -P                     ripgrep's PCRE2 engine, the built-in rules as a
                            pattern list (./banter --print-rules=patterns),
                            caseless, counting matches
  rg                        ripgrep's default engine, same list; it has no
                            lookarounds, so they are dropped from its copy
  cat                       every file to /dev/null: the floor
then the peak RSS of each, and how banter's time and memory grow on a corpus
4 times larger (each run on it follows a run on the 1x corpus, and the time
ratio is of those paired runs' medians).

First, the editor case: an editor runs banter on one note at every save.
  banter --annotate NOTE    against  rg -P -i WORD NOTE
  banter --annotate NOTE    with 100 user rules, against the same without
each the median of BENCH_EDITOR_RUNS (default 30) runs, the commands taking
turns (interleaved), so that a machine whose speed drifts weighs on both
alike.  BENCH_EDITOR_ONLY=1 stops after it.

Environment: BENCH_NOTES (notes in the 1x corpus, default 56000), BENCH_RUNS
(timed runs per command, default 5), BENCH_WARMUP (default 1), BENCH_RG_RUNS
(runs of rg -P and rg, which are slow, default 1; 0 leaves them out and
prints banter's figures alone), BENCH_GROWTH=0 to skip the 4x corpus,
BENCH_DIR (default build/bench), BANTER (the binary, default ./banter).
"""
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BANTER = os.path.abspath(os.environ.get("BANTER", os.path.join(ROOT, "banter")))
GEN = os.path.join(ROOT, "tools", "bench", "gen_corpus.py")
NOTES = int(os.environ.get("BENCH_NOTES", "56000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "1"))
RG_RUNS = int(os.environ.get("BENCH_RG_RUNS", "1"))
GROWTH = os.environ.get("BENCH_GROWTH", "1") != "0"
EDITOR_RUNS = int(os.environ.get("BENCH_EDITOR_RUNS", "30"))
EDITOR_ONLY = os.environ.get("BENCH_EDITOR_ONLY", "0") != "0"
NOTE = os.path.join(ROOT, "samples", "brightwater-dental", "2026-02-03-onboarding.md")
DIR = os.path.abspath(os.environ.get("BENCH_DIR", os.path.join(ROOT, "build", "bench")))


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def ensure_tools():
    missing = [t for t in ("rg", "hyperfine") if not shutil.which(t)]
    if not missing:
        return
    pkgs = ["ripgrep" if t == "rg" else t for t in missing]
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing " + " ".join(pkgs))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + pkgs,
                       check=True, env=env, stdout=subprocess.DEVNULL)
    else:
        sys.exit("bench: missing %s; install with: sudo apt-get install %s"
                 % (" ".join(missing), " ".join(pkgs)))


def corpus(scale):
    path = os.path.join(DIR, "corpus-%dx%d" % (NOTES, scale))
    stamp = path + ".done"
    if not os.path.exists(stamp):
        shutil.rmtree(path, ignore_errors=True)
        log("generating %s (once; kept for later runs)" % path)
        subprocess.run([sys.executable, GEN, path, "--notes", str(NOTES), "--scale", str(scale)],
                       check=True)
        open(stamp, "w").close()
    size = 0
    files = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            size += os.path.getsize(os.path.join(d, f))
            files += 1
    return path, files, size


def patterns():
    """The built-in rules, one pattern per line, from banter itself."""
    r = subprocess.run([BANTER, "--print-rules=patterns"], capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        sys.exit("bench: %s --print-rules=patterns failed" % BANTER)
    return r.stdout.splitlines(), "banter --print-rules=patterns"


def drop_lookarounds(p):
    """The pattern without (?=..), (?!..), (?<=..), (?<!..): rg's default
    engine has no lookarounds.  Matches a superset."""
    out, i = [], 0
    while i < len(p):
        m = re.match(r"\(\?<?[=!]", p[i:])
        if m:
            depth, j = 0, i
            while j < len(p):
                c = p[j]
                if c == "\\":
                    j += 2
                    continue
                if c == "[":
                    j += 1
                    if j < len(p) and p[j] == "]":
                        j += 1
                    while j < len(p) and p[j] != "]":
                        j += 2 if p[j] == "\\" else 1
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        if p[i] == "\\":
            out.append(p[i:i + 2])
            i += 2
            continue
        out.append(p[i])
        i += 1
    return "".join(out)


def chunks(pats, engine, name):
    """Splits the list into files rg can compile: one regex of all the rules
    is too large for PCRE2 (LINK_SIZE 2: 64K code units) and for the default
    engine's size limit.  Returns the file names; rg runs once per file."""
    out, todo, k = [], [pats], 0
    while todo:
        part = todo.pop(0)
        f = os.path.join(DIR, "%s-%03d.txt" % (name, k))
        with open(f, "w", encoding="utf-8") as fh:
            fh.write("\n".join(part) + "\n")
        r = subprocess.run(["rg", "--no-config", *engine, "-i", "-f", f, "/dev/null"],
                           capture_output=True)
        if r.returncode == 2 and len(part) > 1:
            todo[:0] = [part[:len(part) // 2], part[len(part) // 2:]]
            continue
        if r.returncode == 2:
            log("%s: rg cannot compile %r: %s" % (name, part[0], r.stderr.decode(errors="replace").strip()))
            continue
        out.append(f)
        k += 1
    return out


def rg_cmd(engine, files, path):
    return "{ %s; }" % "; ".join("rg --no-config %s -i --count-matches -f %s %s"
                                 % (" ".join(engine), f, path) for f in files)


def timed(cmd):
    """Runs cmd (a shell string) once; returns (seconds, user seconds, peak
    RSS in KiB).  GNU time forks from a small process (a fork of Python
    would count Python's own RSS)."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U", "sh", "-c",
                        "{ %s; } >/dev/null 2>&1" % cmd], capture_output=True, text=True)
    rss, user = r.stderr.strip().splitlines()[-1].split()
    return time.monotonic() - t0, float(user), int(rss)


def peak_rss_kib(cmd):
    t, _, rss = timed(cmd)
    return t, rss


def hyperfine(cmds, runs, warmup=1):
    out = os.path.join(DIR, "hyperfine.json")
    args = ["hyperfine", "-N" if False else "--shell=sh", "--style=basic", "--warmup", str(warmup),
            "--runs", str(runs), "--export-json", out, "-i"]
    for name, c in cmds:
        args += ["-n", name, c + " >/dev/null"]
    subprocess.run(args, check=True, stdout=sys.stderr)
    res = json.load(open(out))["results"]
    return {r["command"]: r for r in res}


def wall(argv):
    """Wall seconds of one run of argv, output to /dev/null."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        subprocess.run(argv, stdout=null, stderr=null)
        return time.monotonic() - t0


def interleaved(cmds, runs):
    """Medians of `runs` runs of each argv in cmds, taking turns."""
    times = [[] for _ in cmds]
    for argv in cmds:	# warm the page cache and the dynamic loader
        wall(argv)
    for _ in range(runs):
        for k, argv in enumerate(cmds):
            times[k].append(wall(argv))
    return [sorted(t)[len(t) // 2] for t in times]


def user_rules(n):
    """A rule file of n rules such as users write: a few words each."""
    f = os.path.join(DIR, "user-rules-%d.yaml" % n)
    words = ["retainer", "kickoff", "handover", "audit", "renewal", "roadmap", "pilot",
             "workshop", "barbecue", "hiking", "wedding", "birthday", "concert", "garden"]
    with open(f, "w", encoding="utf-8") as fh:
        fh.write("rules:\n")
        for i in range(n):
            w = words[i % len(words)]
            fh.write("  - id: user.r%d\n    category: %s\n    topic: t%d\n"
                     "    pattern: '\\b%s%d?s?\\b|\\bx%dy\\b'\n    weight: 1\n"
                     % (i, "business" if i % 2 else "social", i % 10, w, i, i))
    return f


def editor():
    rules = user_rules(100)
    base = [BANTER, "--no-config", "--annotate", NOTE]
    cmds = [base, ["rg", "--no-config", "-P", "-i", "payroll", NOTE],
            [BANTER, "--no-config", "--rules=" + rules, "--annotate", NOTE]]
    log("editor case: %d interleaved runs of each" % EDITOR_RUNS)
    b, rg, b100 = interleaved(cmds, EDITOR_RUNS)
    print("editor case: one note (%s), median of %d interleaved runs"
          % (os.path.relpath(NOTE, ROOT), EDITOR_RUNS))
    print("banter --annotate NOTE           %7.1f ms" % (b * 1e3))
    print("rg -P -i payroll NOTE            %7.1f ms" % (rg * 1e3))
    print("banter --annotate, 100 user rules %6.1f ms" % (b100 * 1e3))
    print("banter / rg -P                   %7.2f   (target <= 2)" % (b / rg))
    print("with 100 user rules / without    %7.2f   (target <= 1.3)" % (b100 / b))
    print()


def main():
    ensure_tools()
    if not os.access(BANTER, os.X_OK):
        sys.exit("bench: build banter first (make)")
    os.makedirs(DIR, exist_ok=True)
    editor()
    if EDITOR_ONLY:
        return
    jobs = os.cpu_count() or 1
    path, files, size = corpus(1)
    pats, source = patterns()
    for old in os.listdir(DIR):
        if old.startswith(("pcre-", "rust-")):
            os.remove(os.path.join(DIR, old))
    pfiles = chunks(pats, ["-P"], "pcre")
    rfiles = chunks([drop_lookarounds(p) for p in pats], [], "rust")
    log("%d notes, %.1f MB, %d patterns from %s, %d cores" % (files, size / 1e6, len(pats), source, jobs))
    log("rg -P runs %d pattern lists, rg %d (one regex of them all does not compile)"
        % (len(pfiles), len(rfiles)))

    cmds = [
        ("banter", "%s --by=client %s" % (BANTER, path)),
        ("banter -j1", "%s --by=client -j1 %s" % (BANTER, path)),
        ("rg -P", rg_cmd(["-P"], pfiles, path)),
        ("rg", rg_cmd([], rfiles, path)),
        ("cat", "find %s -type f -exec cat {} + " % path),
    ]
    if RG_RUNS <= 0:
        cmds = [c for c in cmds if not c[0].startswith("rg")]
    # rg is slow on these rules (caseless, Unicode \b, a few hundred
    # alternatives; -P in several passes): timed apart, with fewer runs
    slow = ("rg -P", "rg")
    res = hyperfine([c for c in cmds if c[0] not in slow], RUNS, WARMUP)
    rss = {name: peak_rss_kib(c)[1] for name, c in cmds if name not in slow}
    if RG_RUNS <= 0:
        pass
    elif RG_RUNS > 1:
        res.update(hyperfine([c for c in cmds if c[0] in slow], RG_RUNS, 0))
        for name in slow:
            rss[name] = float("nan")	# not run again: too slow
    else:	# one run each, timed and measured at once
        for name, c in cmds:
            if name in slow:
                log("timing %s (one run)" % name)
                t, user, rss[name] = timed(c)
                res[name] = {"median": t, "user": user}
    med = {n: res[n]["median"] for n, _ in cmds}

    print()
    print("corpus: %d notes, %.1f MB; %d rules; %d cores; median of %d runs (rg: %d)"
          % (files, size / 1e6, len(pats), jobs, RUNS, RG_RUNS))
    if RG_RUNS > 0:
        print("rg -P: %d runs of rg, one per pattern list; rg: %d (lookarounds dropped)"
              % (len(pfiles), len(rfiles)))
    print("%-12s %10s %10s %10s %12s" % ("command", "median s", "user s", "MB/s", "peak RSS MiB"))
    for n, _ in cmds:
        print("%-12s %10.3f %10.3f %10.1f %12.1f" % (n, med[n], res[n]["user"], size / 1e6 / med[n],
                                                    rss[n] / 1024))
    print()
    if RG_RUNS > 0:
        print("banter / rg -P      %.2f   (target <= 1)" % (med["banter"] / med["rg -P"]))
        print("banter / rg         %.2f   (stretch <= 1)" % (med["banter"] / med["rg"]))
    print("banter / cat        %.2f" % (med["banter"] / med["cat"]))
    print("-j1 / -j%d           %.2f   (target >= 1.7 at 2 cores)" % (jobs, med["banter -j1"] / med["banter"]))
    print("banter peak RSS     %.1f MiB (target <= 64)" % (rss["banter"] / 1024))

    if GROWTH:
        # The 1x corpus is timed again between the 4x runs, so that a
        # machine whose speed drifts (other tenants, heat) weighs on both
        # sides of the ratio alike.
        path4, files4, size4 = corpus(4)
        t1, t4 = [], []
        r4 = 0
        for _ in range(max(1, min(RUNS, 3))):
            t1.append(peak_rss_kib("%s --by=client %s" % (BANTER, path))[0])
            t, r = peak_rss_kib("%s --by=client %s" % (BANTER, path4))
            t4.append(t)
            r4 = max(r4, r)
        t1.sort()
        t4.sort()
        m1, tm = t1[len(t1) // 2], t4[len(t4) // 2]
        c4 = sorted(peak_rss_kib("find %s -type f -exec cat {} +" % path4)[0] for _ in range(1))
        print()
        print("4x corpus: %d notes, %.1f MB (%d runs, each after a run on the 1x corpus)"
              % (files4, size4 / 1e6, len(t4)))
        print("banter time   %.3f s = %.2f x the 1x time of %.3f s in the same runs (target <= 4.4)"
              % (tm, tm / m1, m1))
        print("              (%.2f x the 1x median above)" % (tm / med["banter"]))
        print("banter RSS    %.1f MiB = %.2f x the 1x RSS (target: flat)" % (r4 / 1024, r4 / rss["banter"]))
        print("cat time      %.3f s = %.2f x" % (c4[0], c4[0] / med["cat"]))


if __name__ == "__main__":
    main()
