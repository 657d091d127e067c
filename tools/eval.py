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

Meeting notes labelled by hand (a folder of EVAL_DIR holding NAME.tsv with
the columns path, line, words, label, reason, text, and the notes under
notes/) are scored as the notes are: banter runs once over notes/, and a
hand-labelled passage (path, line) takes the banter passages of that note
whose first line falls between its line and the next hand-labelled
passage's; banter's label for it is the label with the most words among
them (a tie goes to the first of business, social, mixed, neutral; none
is neutral).  So a change in how passages are split still scores.  For
precision and recall, a `mixed` passage, hand-labelled or banter's,
counts as social and as business.  Printed: P/R/F1 per label, the
hand-labelled and banter's social share (social words over business +
social, mixed words half to each) per source and overall, the same on the
even and odd notes (path order), and the rules behind the passages most
often wrong.

For the item sets the closing table also gives, as AMI needs, the share of
business items labelled social and the share of social items found.

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


def print_rules_behind(lab, hit_lists, n):
    """The ten rules of category lab most often behind n false positives,
    each with the words it matched; hit_lists holds each one's hits."""
    rules = collections.Counter()
    words = collections.defaultdict(collections.Counter)
    for hits in hit_lists:
        seen = set()
        for h in hits:
            if not h["id"].startswith(lab + "."):
                continue
            words[h["id"]][h["match"].lower()] += 1
            if h["id"] not in seen:
                seen.add(h["id"])
                rules[h["id"]] += 1
    print("  false %s (%d): the rules most often behind them" % (lab, n))
    for rid, k in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
        top = sorted(words[rid].items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        print("    %4d  %-40s %s" % (k, rid, ", ".join("%s (%d)" % w for w in top)))


NOTE_LABELS = ("business", "social", "mixed", "neutral")


def read_passages(path):
    """Hand-labelled passages: {note path: [(line, label, words, text)]}."""
    csv.field_size_limit(1 << 30)
    gold = collections.defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        if header[:4] != ["path", "line", "words", "label"]:
            sys.exit("eval: %s: expected the header path, line, words, label" % path)
        for row in r:
            if len(row) < 4 or row[3] not in NOTE_LABELS:
                continue
            gold[row[0]].append((int(row[1]), row[3], int(row[2]),
                                 row[5] if len(row) > 5 else ""))
    for v in gold.values():
        v.sort()
    return gold


def run_notes(banter, notes):
    """banter's passages of every note under notes/: {path: [passage]}."""
    out = subprocess.run(
        [banter, "--by=passage", "--format=json", "--explain",
         "--today=2030-01-01", "--limit=regex-budget=1G", "."],
        cwd=notes, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0, 1):
        sys.stderr.write(out.stderr.decode("utf-8", "replace"))
        sys.exit("eval: banter failed on %s (exit %d)" % (notes, out.returncode))
    got = collections.defaultdict(list)
    for p in json.loads(out.stdout)["passages"]:
        got[os.path.normpath(p["path"])].append(p)
    return got


def align(gold, got):
    """Per hand-labelled passage: (path, line, true label, words, text,
    banter's label, banter's passages)."""
    rows = []
    for path in sorted(gold):
        spans = gold[path]
        mine = got.get(path, [])
        for k, (line, lab, words, text) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else float("inf")
            ps = [p for p in mine if line <= p["line"] < end]
            w = collections.Counter()
            for p in ps:
                w[p["label"]] += p["words"]
            pred = "neutral"
            if ps:
                pred = max(NOTE_LABELS, key=lambda l: (w[l], -NOTE_LABELS.index(l)))
            rows.append((path, line, lab, words, text, pred, ps))
    return rows


def is_side(label, side):
    return label == side or label == "mixed"


def side_prf(rows, side):
    tp = sum(1 for r in rows if is_side(r[2], side) and is_side(r[5], side))
    fp = sum(1 for r in rows if not is_side(r[2], side) and is_side(r[5], side))
    fn = sum(1 for r in rows if is_side(r[2], side) and not is_side(r[5], side))
    return prf(tp, fp, fn)


def share(pairs):
    """Social share of (label, words) pairs: social over business + social,
    mixed half to each; None with no business or social words."""
    soc = bus = 0.0
    for lab, w in pairs:
        if lab == "social":
            soc += w
        elif lab == "business":
            bus += w
        elif lab == "mixed":
            soc += w / 2
            bus += w / 2
    return soc / (soc + bus) if soc + bus else None


def source_of(path):
    parts = path.split("/")
    return parts[1] if parts[0] == "extra" and len(parts) > 1 else parts[0]


def shares(rows, got, paths):
    true = share((r[2], r[3]) for r in rows if r[0] in paths)
    mine = share((p["label"], p["words"]) for path in paths for p in got.get(path, []))
    return true, mine


def pct(x):
    return "   -" if x is None else "%5.1f" % (100 * x)


def report_notes(name, gold, got, show_items):
    rows = align(gold, got)
    paths = sorted(gold)
    counts = collections.Counter(r[2] for r in rows)
    print("%s: %d passages of %d notes (%s)" % (
        name, len(rows), len(paths),
        ", ".join("%d %s" % (counts[l], l) for l in NOTE_LABELS)))
    print("  %-9s %9s %7s %7s   (a mixed passage counts for both)" % (
        "label", "precision", "recall", "F1"))
    for side in LABELS:
        p, r, f = side_prf(rows, side)
        print("  %-9s %9.3f %7.3f %7.3f" % (side, p, r, f))
    mine = collections.Counter(r[5] for r in rows)
    print("  banter's labels: " + ", ".join(
        "%s %.1f %%" % (k, 100 * mine[k] / len(rows)) for k in NOTE_LABELS))
    by_source = collections.defaultdict(set)
    for p in paths:
        by_source[source_of(p)].add(p)
    wid = max([len(s) for s in by_source] + [12])
    print("  %-*s  hand  banter" % (wid, "social share %"))
    for src in sorted(by_source):
        t, m = shares(rows, got, by_source[src])
        print("  %-*s %s  %s" % (wid, src, pct(t), pct(m)))
    t, m = shares(rows, got, set(paths))
    print("  %-*s %s  %s" % (wid, "all", pct(t), pct(m)))
    halves = []
    for k in (0, 1):
        half = set(paths[k::2])
        hr = [r for r in rows if r[0] in half]
        sp, sr, _ = side_prf(hr, "social")
        ht, hm = shares(rows, got, half)
        halves.append((sp, sr, ht, hm))
    for lab, wrong in (("social", lambda r: is_side(r[5], "social") and not is_side(r[2], "social")),
                       ("business", lambda r: is_side(r[5], "business") and not is_side(r[2], "business"))):
        bad = [r for r in rows if wrong(r)]
        print_rules_behind(lab, [[h for p in r[6] for h in p["rules"]] for r in bad], len(bad))
    missed = [r for r in rows if is_side(r[2], "social") and not is_side(r[5], "social")]
    print("  social passages missed: %d" % len(missed))
    if show_items:
        for r in rows:
            if is_side(r[2], "social") != is_side(r[5], "social") or \
                    is_side(r[2], "business") != is_side(r[5], "business"):
                ids = sorted({h["id"] for p in r[6] for h in p["rules"]})
                print("MISS\t%s:%d\t%s\t%s\t%s\t%s" % (
                    r[0], r[1], r[2], r[5], " ".join(ids), r[4][:200]))
    sp, sr, _ = side_prf(rows, "social")
    return (sp, sr, t, m), halves


def social_rates(items, preds):
    """Share of business items labelled social, share of social items found."""
    nb = sum(1 for _, t, _ in items if t == "business")
    ns = sum(1 for _, t, _ in items if t == "social")
    fb = sum(1 for (_, t, _), p in zip(items, preds) if t == "business" and p == "social")
    fs = sum(1 for (_, t, _), p in zip(items, preds) if t == "social" and p == "social")
    return (fb / nb if nb else 0.0), (fs / ns if ns else 0.0)


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
        bad = [v["rules"] for (_, t, _), p, v in zip(items, preds, verdicts)
               if p == lab and t != lab]
        print_rules_behind(lab, bad, len(bad))
    if show_items:
        for (iid, t, text), p, v in zip(items, preds, verdicts):
            if p != t:
                ids = sorted({h["id"] for h in v["rules"]}) if v else []
                sc = v["scores"] if v else {}
                print("MISS\t%s\t%s\t%s\t%s\t%s\t%s" % (
                    iid, t, p, json.dumps(sc, sort_keys=True), " ".join(ids), text[:300]))
    rates = tuple(social_rates([items[i] for i in range(k, len(items), 2)],
                               [preds[i] for i in range(k, len(items), 2)])
                  for k in (0, 1))
    return macro, (lo, hi), cov, halves, social_rates(items, preds), rates


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
        names = sorted(os.listdir(eval_dir))
    except OSError as e:
        sys.exit("eval: %s: %s" % (eval_dir, e.strerror))
    files = [f for f in names if f.endswith(".tsv")]
    note_sets = [d for d in names
                 if os.path.isfile(os.path.join(eval_dir, d, d + ".tsv"))
                 and os.path.isdir(os.path.join(eval_dir, d, "notes"))]
    if not os.access(banter, os.X_OK):
        sys.exit("eval: %s: not an executable banter (make builds it)" % banter)
    if not files and not note_sets:
        sys.exit("eval: no *.tsv in %s" % eval_dir)
    banter = os.path.abspath(banter)
    summary = []
    note_summary = []
    for d in note_sets:
        gold = read_passages(os.path.join(eval_dir, d, d + ".tsv"))
        got = run_notes(banter, os.path.join(eval_dir, d, "notes"))
        note_summary.append((d,) + report_notes(d, gold, got, show_items))
        print()
    with tempfile.TemporaryDirectory(prefix="banter-eval-") as tmp:
        for fn in files:
            name = fn[:-4]
            items = read_items(os.path.join(eval_dir, fn))
            verdicts = run_set(banter, re.sub(r"[^A-Za-z0-9_.-]", "_", name), items, tmp)
            summary.append((name,) + report(name, items, verdicts, show_items))
            print()
    if note_summary:
        print(("%-20s %-22s %-22s %-22s" % (
            "notes", "social P / R, share %", "even notes", "odd notes")).rstrip())
        for name, whole, halves in note_summary:
            print("%-20s %s" % (name, " ".join(
                "%-22s" % ("%.3f / %.3f, %s/%s" % (h[0], h[1], pct(h[2]).strip(), pct(h[3]).strip()))
                for h in (whole,) + tuple(halves)).rstrip()))
        print("  (share %: hand-labelled / banter's)")
        print()
    print("%-20s %9s %18s %9s %17s %15s %15s" % (
        "set", "macro-F1", "95 % interval", "coverage", "even / odd",
        "bus->soc e/o", "soc found e/o"))
    for name, macro, (lo, hi), cov, (even, odd), _, rates in summary:
        print("%-20s %9.4f %8.4f to %.4f %8.1f%% %8.4f / %.4f %6.1f / %5.1f %6.1f / %5.1f" % (
            name, macro, lo, hi, 100 * cov, even, odd,
            100 * rates[0][0], 100 * rates[1][0], 100 * rates[0][1], 100 * rates[1][1]))


if __name__ == "__main__":
    main(sys.argv)
