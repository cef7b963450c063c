"""Submits N queries to a running desk through POST /api/queries (the real intake path: classified, routed, timed),
with texts from bench/api/texts.csv and a contact each, from 8 threads. Usage: seed.py <base url> <api key> <n>."""
import csv, json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor

base, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(sys.argv[4] if len(sys.argv) > 4 else "bench/api/texts.csv", encoding="utf-8") as f:
    texts = [row["text"] for row in csv.DictReader(f)]

def submit(i):
    body = json.dumps({"text": texts[i % len(texts)], "channel": "web",
                       "contact": {"channel": "email", "address": f"board-bench-{i}@example.org"}}).encode()
    request = urllib.request.Request(f"{base}/api/queries", body, method="POST",
                                     headers={"Content-Type": "application/json", "X-Api-Key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status

with ThreadPoolExecutor(8) as pool:
    statuses = list(pool.map(submit, range(count)))
print(f"submitted {sum(1 for s in statuses if s == 201)} of {count}")
