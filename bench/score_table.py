#!/usr/bin/env python3
"""Prints a score.py --json report as a markdown table (per type, then micro).

  python3 bench/score_table.py REPORT.json
"""
import json
import sys

r = json.load(open(sys.argv[1], encoding="utf-8"))
print("| type | support | TP | FP | FN | precision | recall | F1 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for t, v in r["types"].items():
    if not v["support"] and not v["fp"]:
        continue
    print(f"| {t} | {v['support']} | {v['tp']} | {v['fp']} | {v['fn']} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |")
m = r["micro"]
print(f"| **micro** | {m['tp'] + m['fn']} | {m['tp']} | {m['fp']} | {m['fn']} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} |")
print()
print(f"type-agnostic recall: {r['agnostic_recall']:.4f}; macro-F1: {r['macro']['f1']:.4f}")
