#!/usr/bin/env python3
"""Who calls whom between banter's source files, read from the built objects.

    python3 tools/callgraph.py [BUILD_DIR]      (default: build)

For every object file in BUILD_DIR (main.o and the library's objects, not
the tests'), `nm` lists the symbols it defines and the ones it uses; a use of
a symbol that another object defines is an edge between the two files.  The
output is each file's callees, then the cycles: the strongly connected
components with more than one file.  Exit status 1 when there is a cycle.
"""
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "--defined-only", obj], capture_output=True,
                         text=True, check=True).stdout
    defined = {l.split()[-1] for l in out.splitlines()
               if len(l.split()) == 3 and l.split()[1] in "TDBR"}
    out = subprocess.run(["nm", "--undefined-only", obj], capture_output=True,
                         text=True, check=True).stdout
    used = {l.split()[-1] for l in out.splitlines() if l.strip()}
    return defined, used


def sccs(nodes, edges):
    """Tarjan's algorithm; returns the components, each sorted."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    srcs = {f[:-2] for f in os.listdir("src") if f.endswith(".c")}
    objs = {n: os.path.join(build, n + ".o") for n in srcs
            if os.path.exists(os.path.join(build, n + ".o"))}
    if not objs:
        sys.exit(f"callgraph: no objects in '{build}': run make first")
    owner, uses = {}, {}
    for name, path in objs.items():
        defined, used = symbols(path)
        for s in defined:
            owner[s] = name
        uses[name] = used
    edges = {n: {owner[s] for s in uses[n] if s in owner and owner[s] != n}
             for n in objs}
    for n in sorted(objs):
        print(f"{n}: {' '.join(sorted(edges[n]))}")
    cycles = [c for c in sccs(objs, edges) if len(c) > 1]
    print(f"cycles: {len(cycles)}")
    for c in cycles:
        print("  {" + ", ".join(c) + "}")
    sys.exit(1 if cycles else 0)


if __name__ == "__main__":
    main()
