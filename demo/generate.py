#!/usr/bin/env python3
"""Writes the demo's ERP exports into demo/drop/: accounts.csv, opportunities.csv, invoices.jsonl.

Reproducible (fixed seed, fixed clock): running it twice gives byte-identical files. About 1% of the rows are
deliberately bad so the demo shows quarantine at work: negative amounts, an unknown stage, invalid dates, missing
ids, an over-long name, and one malformed JSON line. Every bad row is listed in demo/BAD_ROWS.md.

Usage: python3 demo/generate.py
"""
import csv
import json
import os
import random
from datetime import datetime, timedelta, timezone

SEED = 20240601
ACCOUNTS = 300
OPPORTUNITIES = 2000
INVOICES = 1500
NOW = datetime(2024, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drop")

STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
INDUSTRIES = ["Manufacturing", "Retail", "Healthcare", "Finance", "Logistics", "Energy", "Software", "Education"]
COUNTRIES = ["DE", "FR", "NL", "GB", "US", "ES", "IT", "SE", "PL", "CA"]
PREFIX = ["Nord", "Blue", "Alpen", "Delta", "Vector", "Harbor", "Summit", "Cedar", "Orion", "Atlas", "Lumen", "Iron"]
SUFFIX = ["Systems", "Logistik", "Foods", "Energy", "Werke", "Labs", "Retail", "Partners", "Health", "Motors"]
FORMS = ["GmbH", "SA", "BV", "Ltd", "Inc", "AB", "S.p.A.", "Sp. z o.o."]
OWNERS = ["a.berger", "c.dubois", "j.smith", "m.rossi", "k.nowak", "l.jansen", "s.garcia", "e.lind"]
CURRENCIES = ["EUR", "EUR", "EUR", "USD", "GBP", "SEK"]


def iso(ts):
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamps(rng, days_back):
    created = NOW - timedelta(days=rng.randint(30, days_back), seconds=rng.randint(0, 86399))
    updated = created + timedelta(days=rng.randint(0, 29), seconds=rng.randint(0, 86399))
    return created, min(updated, NOW)


def pick_bad(rng, count, share=0.01):
    return set(rng.sample(range(count), max(1, round(count * share))))


def accounts(rng, bad_log):
    rows = []
    bad = sorted(pick_bad(rng, ACCOUNTS))
    kinds = ["missing_id", "negative_revenue", "invalid_date", "long_name"]
    for i in range(ACCOUNTS):
        created, updated = stamps(rng, 1500)
        name = f"{rng.choice(PREFIX)} {rng.choice(SUFFIX)} {rng.choice(FORMS)}"
        if i % 37 == 5:
            name = f"Caf\u00e9 \u201cM\u00fcller\u201d, {name}"  # quotes, comma and accents, all legal
        row = {
            "account_id": f"ACC-{i + 1:04d}",
            "name": name,
            "industry": rng.choice(INDUSTRIES),
            "country": rng.choice(COUNTRIES),
            "annual_revenue": f"{rng.randint(200, 90000) * 1000:.2f}",
            "created_at": iso(created),
            "updated_at": iso(updated),
        }
        if i in bad:
            kind = kinds[bad.index(i) % len(kinds)]
            apply_bad(row, kind, "account_id", "annual_revenue", "created_at")
            bad_log.append(("accounts.csv", f"ACC-{i + 1:04d}", kind))
        rows.append(row)
    return rows


def apply_bad(row, kind, id_field, amount_field, date_field):
    if kind == "missing_id":
        row[id_field] = ""
    elif kind == "negative_amount" or kind == "negative_revenue":
        row[amount_field] = "-" + str(row[amount_field])
    elif kind == "invalid_date":
        row[date_field] = "2024-02-30"
    elif kind == "long_name":
        row["name"] = ("Overlong Holding " * 20).strip()  # 339 characters


def opportunities(rng, account_ids, bad_log):
    rows = []
    bad = sorted(pick_bad(rng, OPPORTUNITIES))
    kinds = ["unknown_stage", "negative_amount", "invalid_date", "missing_id", "long_name"]
    for i in range(OPPORTUNITIES):
        created, updated = stamps(rng, 700)
        stage = rng.choice(STAGES)
        close = created.date() + timedelta(days=rng.randint(14, 180))
        row = {
            "opportunity_id": f"OPP-{i + 1:05d}",
            "account_id": rng.choice(account_ids),
            "name": f"{rng.choice(['Renewal', 'Expansion', 'New logo', 'Pilot', 'Upgrade'])} {close.year}-{i % 97:02d}",
            "stage": stage,
            "amount": f"{rng.randint(5, 2500) * 100 + rng.choice([0, 50]):.2f}",
            "close_date": close.isoformat(),
            "owner": rng.choice(OWNERS),
            "created_at": iso(created),
            "updated_at": iso(updated),
        }
        if i in bad:
            kind = kinds[bad.index(i) % len(kinds)]
            if kind == "unknown_stage":
                row["stage"] = "Verbal Yes"
            else:
                apply_bad(row, kind, "opportunity_id", "amount", "close_date")
            if kind == "invalid_date":
                row["close_date"] = "31/12/2024"
            bad_log.append(("opportunities.csv", f"OPP-{i + 1:05d}", kind))
        rows.append(row)
    return rows


def invoices(rng, account_ids, bad_log):
    lines = []
    bad = sorted(pick_bad(rng, INVOICES))
    kinds = ["malformed_json", "negative_amount", "invalid_date", "missing_id"]
    for i in range(INVOICES):
        issued = (NOW - timedelta(days=rng.randint(1, 720))).date()
        status = rng.choices(["paid", "open", "overdue", "void"], [70, 18, 9, 3])[0]
        updated = datetime.combine(issued, datetime.min.time(), timezone.utc) + timedelta(
            days=rng.randint(0, 40), seconds=rng.randint(0, 86399))
        doc = {
            "invoice_id": f"INV-{2022000 + i + 1}",
            "account_id": rng.choice(account_ids),
            "issued_on": issued.isoformat(),
            "due_on": (issued + timedelta(days=rng.choice([14, 30, 45]))).isoformat(),
            "total": {"amount": rng.randint(100, 500000) / 100, "currency": rng.choice(CURRENCIES)},
            "status": status,
            "updated_at": iso(min(updated, NOW)),
        }
        line = None
        if i in bad:
            kind = kinds[bad.index(i) % len(kinds)]
            if kind == "malformed_json":
                line = json.dumps(doc, separators=(",", ":"))[:-25]  # the export was cut off mid-record
            elif kind == "negative_amount":
                doc["total"]["amount"] = -doc["total"]["amount"]
            elif kind == "invalid_date":
                doc["due_on"] = "not a date"
            else:
                del doc["invoice_id"]
            bad_log.append(("invoices.jsonl", f"INV-{2022000 + i + 1}", kind))
        lines.append(line if line is not None else json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    return lines


def write_csv(name, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    bad_log = []
    accs = accounts(rng, bad_log)
    account_ids = [r["account_id"] for r in accs if r["account_id"]]
    write_csv("accounts.csv", accs)
    write_csv("opportunities.csv", opportunities(rng, account_ids, bad_log))
    with open(os.path.join(OUT, "invoices.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(invoices(rng, account_ids, bad_log)) + "\n")
    with open(os.path.join(os.path.dirname(OUT), "BAD_ROWS.md"), "w", encoding="utf-8") as f:
        f.write("# Deliberately bad rows (written by demo/generate.py)\n\n| file | record | problem |\n|---|---|---|\n")
        for file, key, kind in bad_log:
            f.write(f"| {file} | {key} | {kind} |\n")
    # Fixed mtimes, so the file source loads them in a stable order: accounts, opportunities, invoices
    for k, name in enumerate(["accounts.csv", "opportunities.csv", "invoices.jsonl"]):
        stamp = NOW.timestamp() + k
        os.utime(os.path.join(OUT, name), (stamp, stamp))
    print(f"wrote {len(bad_log)} bad rows of {ACCOUNTS + OPPORTUNITIES + INVOICES} into {OUT}")


if __name__ == "__main__":
    main()
