#!/usr/bin/env python3
"""make eval: measures banter's classification on labelled text.

Every item of EVAL_DIR/*.tsv (columns id, label, text; label business or
social) becomes one note in a temporary folder, its text one paragraph, so
one passage.  banter is run over each folder through its public interface
(`--by=passage --format=json --explain`) and its verdicts are compared
with the labels.

An item's prediction is its passage's label; a `mixed` passage counts for
the category with the higher score (an exact tie counts as no prediction);
a `neutral` passage (no evidence) is a miss for its true label.  Coverage
is the share of items with any evidence (any rule matched).

Printed per set: precision, recall and F1 for business and social,
macro-F1 (their mean) with a 95 % bootstrap interval, coverage, and for
each label the ten rules most often behind its false positives, with the
words they matched.  The closing table also gives macro-F1 on the even
and on the odd items (by line order), so that a rule chosen by looking at
one half can be checked on the other.

The interval says how far macro-F1 could move on another sample of the
same kind of text: the items are drawn again with replacement, as many as
there are, RESAMPLES times, and the middle 95 % of the macro-F1s of those
samples is printed.  The draws come from a generator seeded with the set's
name, so the interval is the same on every run.

Usage: tools/eval.py [--banter=./banter] [--items] [EVAL_DIR]; -h prints it.
Python 3 standard library only; deterministic.
"""

import collections
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import zlib

LABELS = ("business", "social")
RESAMPLES = 1000


def read_items(path):
    csv.field_size_limit(1 << 30)
    items = []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        if header[:3] != ["id", "label", "text"]:
            sys.exit("eval: %s: expected the header id, label, text" % path)
        for row in r:
            if len(row) < 3 or row[1] not in LABELS:
                continue
            items.append((row[0], row[1], "\t".join(row[2:])))
    return items


# Markdown that would stop a line from being an ordinary paragraph: a
# heading, quote, list marker, thematic break, fence or HTML comment at the
# start.  Items are single lines, so only the start matters.
LEAD = re.compile(r"^(?:\s|[#>*+=_~`|-]|\d+[.)]\s|<!--)+")


def as_note(label_set, text):
    body = LEAD.sub("", text.replace("\r", " ")).strip()
    return "---\nclient: %s\ndate: 2020-01-01\n---\n%s\n" % (label_set, body or ".")


def run_set(banter, name, items, tmp):
    d = os.path.join(tmp, name)
    os.mkdir(d)
    paths = {}
    for n, (iid, _, text) in enumerate(items):
        p = os.path.join(d, "%06d.md" % n)
        with open(p, "w", encoding="utf-8") as f:
            f.write(as_note(name, text))
        paths[p] = n
    out = subprocess.run(
        [banter, "--by=passage", "--format=json", "--explain",
         "--today=2020-01-02", "--limit=regex-budget=1G", d],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0, 1):
        sys.stderr.write(out.stderr.decode("utf-8", "replace"))
        sys.exit("eval: banter failed on %s (exit %d)" % (name, out.returncode))
    doc = json.loads(out.stdout)
    verdicts = [None] * len(items)
    for p in doc["passages"]:
        n = paths[os.path.join(d, os.path.basename(p["path"]))]
        prev = verdicts[n]
        if prev is None:
            verdicts[n] = {"scores": dict(p["scores"]), "rules": list(p["rules"]),
                           "label": p["label"]}
        else:  # several passages: add them up
            for k in prev["scores"]:
                prev["scores"][k] += p["scores"][k]
            prev["rules"] += p["rules"]
            if prev["label"] != p["label"]:
                prev["label"] = "mixed"
    return verdicts


def predict(v):
    if v is None:
        return None
    b, s = v["scores"]["business"], v["scores"]["social"]
    if b > s:
        return "business"
    if s > b:
        return "social"
    return None


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def scores(items, preds, idx):
    """P/R/F1 per label and macro-F1 over the items numbered in idx."""
    res = {}
    for lab in LABELS:
        tp = sum(1 for i in idx if preds[i] == lab and items[i][1] == lab)
        fp = sum(1 for i in idx if preds[i] == lab and items[i][1] != lab)
        fn = sum(1 for i in idx if items[i][1] == lab and preds[i] != lab)
        res[lab] = prf(tp, fp, fn)
    return res, (res["business"][2] + res["social"][2]) / 2


def interval(name, items, preds):
    """The middle 95 % of macro-F1 over RESAMPLES bootstrap samples."""
    n = len(items)
    if not n:
        return 0.0, 0.0
    # An item's cell: its label (0 business, 1 social) times three, plus
    # the prediction (0 business, 1 social, 2 none).
    cells = [LABELS.index(t) * 3 + (LABELS.index(p) if p else 2)
             for (_, t, _), p in zip(items, preds)]
    rnd = random.Random(zlib.crc32(name.encode("utf-8"))).random
    macros = []
    for _ in range(RESAMPLES):
        c = [0] * 6
        for _ in range(n):
            c[cells[int(rnd() * n)]] += 1
        fb = prf(c[0], c[3], c[1] + c[2])[2]
        fs = prf(c[4], c[1], c[3] + c[5])[2]
        macros.append((fb + fs) / 2)
    macros.sort()
    return macros[RESAMPLES * 25 // 1000], macros[RESAMPLES * 975 // 1000 - 1]


def report(name, items, verdicts, show_items):
    preds = [predict(v) for v in verdicts]
    covered = sum(1 for v in verdicts if v is not None and v["rules"])
    res, macro = scores(items, preds, range(len(items)))
    # The same on the even and the odd items (by line order): a change
    # chosen by looking at one half can be checked on the other.
    halves = tuple(scores(items, preds, range(k, len(items), 2))[1] for k in (0, 1))
    lo, hi = interval(name, items, preds)
    cov = covered / len(items) if items else 0.0
    counts = collections.Counter(t for _, t, _ in items)
    print("%s: %d items (%d business, %d social)" % (
        name, len(items), counts["business"], counts["social"]))
    print("  %-9s %9s %7s %7s" % ("label", "precision", "recall", "F1"))
    for lab in LABELS:
        p, r, f = res[lab]
        print("  %-9s %9.3f %7.3f %7.3f" % (lab, p, r, f))
    print("  macro-F1  %.3f (95 %% interval %.3f to %.3f)" % (macro, lo, hi))
    print("  coverage  %.1f %%" % (100 * cov))
    labels = collections.Counter(v["label"] if v else "neutral" for v in verdicts)
    print("  banter's labels: " + ", ".join(
        "%s %.1f %%" % (k, 100 * labels[k] / len(items))
        for k in ("business", "social", "mixed", "neutral")))
    for lab in LABELS:
        rules = collections.Counter()
        words = collections.defaultdict(collections.Counter)
        nfp = 0
        for (_, t, _), p, v in zip(items, preds, verdicts):
            if p != lab or t == lab:
                continue
            nfp += 1
            seen = set()
            for h in v["rules"]:
                if not h["id"].startswith(lab + "."):
                    continue
                words[h["id"]][h["match"].lower()] += 1
                if h["id"] not in seen:
                    seen.add(h["id"])
                    rules[h["id"]] += 1
        print("  false %s (%d): the rules most often behind them" % (lab, nfp))
        for rid, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
            top = sorted(words[rid].items(), key=lambda kv: (-kv[1], kv[0]))[:4]
            print("    %4d  %-40s %s" % (n, rid, ", ".join("%s (%d)" % w for w in top)))
    if show_items:
        for (iid, t, text), p, v in zip(items, preds, verdicts):
            if p != t:
                ids = sorted({h["id"] for h in v["rules"]}) if v else []
                sc = v["scores"] if v else {}
                print("MISS\t%s\t%s\t%s\t%s\t%s\t%s" % (
                    iid, t, p, json.dumps(sc, sort_keys=True), " ".join(ids), text[:300]))
    return macro, (lo, hi), cov, halves


def main(argv):
    banter = "./banter"
    show_items = False
    rest = []
    usage = "usage: tools/eval.py [--banter=./banter] [--items] [EVAL_DIR]"
    for a in argv[1:]:
        if a.startswith("--banter="):
            banter = a.split("=", 1)[1]
        elif a == "--items":
            show_items = True
        elif a in ("-h", "--help"):
            print(usage)
            return
        elif a.startswith("-") and a != "-":
            sys.exit("eval: unknown option %s\n%s" % (a, usage))
        else:
            rest.append(a)
    if len(rest) > 1:
        sys.exit("eval: one EVAL_DIR at most\n" + usage)
    eval_dir = rest[0] if rest else os.environ.get("EVAL_DIR", "../shared/eval")
    try:
        files = sorted(f for f in os.listdir(eval_dir) if f.endswith(".tsv"))
    except OSError as e:
        sys.exit("eval: %s: %s" % (eval_dir, e.strerror))
    if not os.access(banter, os.X_OK):
        sys.exit("eval: %s: not an executable banter (make builds it)" % banter)
    if not files:
        sys.exit("eval: no *.tsv in %s" % eval_dir)
    banter = os.path.abspath(banter)
    summary = []
    with tempfile.TemporaryDirectory(prefix="banter-eval-") as tmp:
        for fn in files:
            name = fn[:-4]
            items = read_items(os.path.join(eval_dir, fn))
            verdicts = run_set(banter, re.sub(r"[^A-Za-z0-9_.-]", "_", name), items, tmp)
            summary.append((name,) + report(name, items, verdicts, show_items))
            print()
    print("%-20s %9s %18s %9s %17s" % (
        "set", "macro-F1", "95 % interval", "coverage", "even / odd"))
    for name, macro, (lo, hi), cov, (even, odd) in summary:
        print("%-20s %9.4f %8.4f to %.4f %8.1f%% %8.4f / %.4f" % (
            name, macro, lo, hi, 100 * cov, even, odd))


if __name__ == "__main__":
    main(sys.argv)
