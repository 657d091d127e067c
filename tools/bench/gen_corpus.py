#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic meeting notes for `make bench`.

Each note has YAML front matter (client, date, duration, attendees, tags)
and a body of 3 to 12 passages -- paragraphs, list items, quotes, under a
heading or two -- mixing business and social talk.  The same seed and size
give the same files, byte for byte.

usage: gen_corpus.py OUTDIR [--notes N] [--scale K] [--seed S]
  --notes N   notes to write (default 56000, about 3.7 KiB each: 210 MB)
  --scale K   multiply the note count by K (the 4x growth run uses 4)
"""
import argparse
import os
import random
import sys

CLIENTS = [
    "Brightwater Dental", "Cedar Lane Studio", "Fernhill Yoga", "Halvorsen Freight",
    "Lantern Bakery", "Northgate Plumbing", "Oakridge Vets", "Pemberton Legal",
    "Quayside Books", "Riverside Cycles", "Saltmarsh Brewing", "Thistle Florists",
    "Upland Roofing", "Verity Consulting", "Willow Dental", "Yarrow Architects",
    "Zephyr Travel", "Ashdown Garage", "Birchwood Nursery", "Copperfield Print",
    "Dovetail Joinery", "Elmstead Farm Shop", "Foxglove Cafe", "Greyfriars Optician",
    "Hartley & Sons", "Ivy House Hotel", "Juniper Skincare", "Kestrel Couriers",
    "Larkspur Music", "Millbrook Pharmacy", "Café Müller", "Østergaard Design",
]
PEOPLE = ["Tom", "Helen", "Dana", "Priya", "Marek", "Aoife", "Sam", "José", "Chloé",
          "Femi", "Ingrid", "Raj", "Lucía", "Bartek", "Grace", "Kenji", "Zoë", "Omar"]
TAGS = ["onboarding", "bookkeeping", "vat", "payroll", "review", "planning", "tax",
        "lunch", "catch-up", "renewal", "proposal", "year-end", "kpi", "software"]

BUSINESS = [
    "We went through the {month} management accounts line by line.",
    "The invoice for the {thing} is still outstanding; {p} will chase it this week.",
    "They signed the contract on {day} and want to start with payroll in {month}.",
    "Cash flow is tight until the {thing} money arrives, so we moved the VAT payment.",
    "{p} asked for a revised quote covering the quarterly report and the bank reconciliation.",
    "The budget for next year assumes a 6% price increase and one more hire.",
    "We agreed the fee: a fixed monthly amount, with payroll priced per employee.",
    "Their old accountant left the chart of accounts in a mess; three codes for lab fees.",
    "Deadline for the year-end accounts is the end of {month}; the tax return follows.",
    "Margins on the {thing} line dropped after the supplier raised prices.",
    "{p} wants a KPI dashboard with revenue, gross margin and debtor days.",
    "We reviewed the proposal and the scope of the engagement letter.",
    "Action: send the engagement letter and the proposal by {day}.",
    "The audit sample showed two expense claims without receipts.",
    "They are switching invoicing software in {month}; we will migrate the ledgers.",
    "{p} mentioned that a friend of theirs needs a bookkeeper and offered to introduce us.",
    "The renewal is due in {month}; they asked whether the rate card changes.",
    "Sales were up 12% on last quarter, mostly from the new {thing} contract.",
    "We talked through the pricing for the new service and the payment terms.",
    "The bank loan covenant needs the quarterly figures by the 15th.",
    "Follow up on the overdue invoices and the supplier statement.",
    "Their revenue forecast looks optimistic; we marked the risks in the report.",
]
SOCIAL = [
    "{p} just got back from holiday in {place} and showed us photos of the beach.",
    "Her daughter started school in September and loves it.",
    "We talked about the football for ten minutes; {p} is a big rugby fan.",
    "His dad is in hospital again, so he might be off next week.",
    "{p} is training for a marathon in {month} and ran twenty miles on Sunday.",
    "They are getting married next summer and are looking at venues near {place}.",
    "Lovely lunch at the bakery; the cinnamon buns were still warm.",
    "{p} has a new puppy, a spaniel called Biscuit, who chewed the sofa.",
    "We swapped recipes; she makes a great sourdough.",
    "Her husband is a teacher and the kids are off for half term.",
    "Happy birthday to {p}, who turned forty on {day}; there was cake.",
    "He's been learning the guitar and joined a band with friends from the gym.",
    "{p} is moving house in {month}, to a village outside {place}.",
    "We chatted about the weather and the garden; the tomatoes did well this year.",
    "She's reading a great novel and recommended it to everyone.",
    "{p} had a baby boy last month and is on parental leave.",
    "Caught up about the kids before we started.",
    "The café next door does the best coffee in town, according to {p}.",
]
NEUTRAL = [
    "Meeting room two, {day} morning.",
    "{p} joined by video for the second half.",
    "Notes typed up afterwards from the whiteboard.",
    "Next meeting pencilled in for {month}.",
]
THINGS = ["catering", "freight", "retail", "consulting", "training", "equipment", "lab"]
PLACES = ["Cardiff", "Lisbon", "Kraków", "Málaga", "the Lake District", "Bergen", "Oaxaca"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HEADINGS = ["## Business", "## Catch-up", "## Actions", "## Numbers", "## Next steps",
            "### Personal", "## Agenda"]


def fill(rng, template):
    return template.format(p=rng.choice(PEOPLE), month=rng.choice(MONTHS),
                           day=rng.choice(DAYS), thing=rng.choice(THINGS),
                           place=rng.choice(PLACES))


def sentences(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        pool = BUSINESS if r < 0.6 else SOCIAL if r < 0.93 else NEUTRAL
        out.append(fill(rng, rng.choice(pool)))
    return out


def passage(rng):
    kind = rng.random()
    if kind < 0.62:
        return " ".join(sentences(rng, rng.randint(4, 12))) + "\n"
    if kind < 0.85:
        return "".join("- " + s + "\n" for s in sentences(rng, rng.randint(3, 7)))
    return "> " + " ".join(sentences(rng, rng.randint(3, 6))) + "\n"


def note(rng, i):
    client = CLIENTS[rng.randrange(len(CLIENTS))]
    y, m, d = 2024 + i % 3, rng.randint(1, 12), rng.randint(1, 28)
    who = rng.sample(PEOPLE, rng.randint(1, 3))
    tags = rng.sample(TAGS, rng.randint(1, 3))
    parts = ["---\n", "client: %s\n" % client, "date: %04d-%02d-%02d\n" % (y, m, d),
             "duration: %dm\n" % rng.choice([30, 45, 60, 90]),
             "attendees: [%s]\n" % ", ".join(who), "tags: [%s]\n" % ", ".join(tags),
             "---\n\n", "# Meeting with %s\n\n" % client]
    for k in range(rng.randint(3, 12)):
        if k and rng.random() < 0.2:
            parts.append(rng.choice(HEADINGS) + "\n\n")
        parts.append(passage(rng) + "\n")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--notes", type=int, default=56000)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    n = a.notes * a.scale
    rng = random.Random(a.seed)
    total = 0
    for i in range(n):
        sub = os.path.join(a.outdir, "c%03d" % (i % 500))
        if i < 500:
            os.makedirs(sub, exist_ok=True)
        text = note(rng, i).encode("utf-8")
        with open(os.path.join(sub, "n%07d.md" % i), "wb") as f:
            f.write(text)
        total += len(text)
    print("%s: %d notes, %.1f MB" % (a.outdir, n, total / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
