#!/usr/bin/env python3
"""Checks that every example in README.md still prints what it shows.

An example is an indented block whose first line is "$ COMMAND"; the lines
after it, up to the next blank line or "$ ", are its expected output
(stdout and stderr as a terminal would show them).  Run from the top
folder; prints one line per difference and a last line "N passed, N failed".
With --update, rewrites each example's output with what it prints now (read
the diff before committing it).
"""
import difflib
import os
import re
import subprocess
import sys

update = "--update" in sys.argv[1:]
lines = open("README.md", encoding="utf-8").read().split("\n")
new_lines = []
env = {"LC_ALL": "C", "TZ": "UTC", "PATH": os.getcwd() + ":/usr/bin:/bin"}
passed = failed = 0
i = 0
while i < len(lines):
    m = re.match(r"^    \$ (.*)$", lines[i])
    new_lines.append(lines[i])
    i += 1
    if not m:
        continue
    cmd, want = m.group(1), []
    while i < len(lines) and lines[i].startswith("    ") and not lines[i].startswith("    $ "):
        want.append(lines[i][4:])
        i += 1
    r = subprocess.run(cmd + " 2>&1", shell=True, capture_output=True, text=True,
                       env=env, stdin=subprocess.DEVNULL, timeout=60)
    got = r.stdout.rstrip("\n").split("\n") if r.stdout else []
    new_lines.extend("    " + g for g in got)
    if got == want or update:
        passed += 1
    else:
        failed += 1
        print("README example differs: $ " + cmd)
        print("\n".join(list(difflib.unified_diff(want, got, "README", "now", lineterm=""))[:30]))
if update:
    open("README.md", "w", encoding="utf-8").write("\n".join(new_lines))
print(f"readme: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
