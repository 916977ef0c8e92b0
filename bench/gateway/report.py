"""Prints the Markdown tables of bench/gateway/run.sh's results: added latency is the proxy's
percentile minus the direct call's at the same connections, mode and rate, measured in the same run."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def table(selected, title):
    key_of = lambda r: (r["stream"], r["connections"], r.get("rate", 0))
    direct = {key_of(r): r for r in selected if r["target"] == "direct"}
    nginx = {key_of(r): r for r in selected if r["target"] == "nginx"}
    print(title)
    print()
    print("| mode | conns | target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | vs nginx req/s | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in selected:
        key = key_of(r)
        base = direct[key]
        ratio = r["rps"] / nginx[key]["rps"] if nginx.get(key) and nginx[key]["rps"] else 0
        mode = "stream" if r["stream"] else "plain"
        if r["target"] == "direct":
            added = "— | —"
        else:
            added = f"{(r['p50_us'] - base['p50_us']) / 1000:.2f} | {(r['p99_us'] - base['p99_us']) / 1000:.2f}"
        print(f"| {mode} | {r['connections']} | {r['target']} | {r['rps']:.0f} | {r['p50_us']/1000:.2f} | "
              f"{r['p99_us']/1000:.2f} | {added} | {ratio:.2f} | {r['errors']} |")
    print()


table([r for r in rows if not r.get("rate")], "Closed loop (throughput; latency here is mostly queueing):")
open_loop = [r for r in rows if r.get("rate")]
if open_loop:
    table(open_loop, f"Open loop at {open_loop[0]['rate']:.0f} calls/s (latency a proxy adds when it is not the bottleneck):")
# The same gateway with its traces in PostgreSQL rather than SQLite (issue 17's goal: within 10%).
stores = [(r, p) for r in rows if r["target"] == "reinforge" for p in rows
          if p["target"] == "reinforge-postgresql" and (p["stream"], p["connections"], p.get("rate", 0))
          == (r["stream"], r["connections"], r.get("rate", 0))]
if stores:
    print("Traces in PostgreSQL against traces in SQLite (same run):")
    print()
    print("| mode | conns | rate | SQLite req/s | PostgreSQL req/s | PostgreSQL / SQLite | p99 ms SQLite | p99 ms PostgreSQL |")
    print("|---|---|---|---|---|---|---|---|")
    for r, p in stores:
        mode = "stream" if r["stream"] else "plain"
        rate = f"{r['rate']:.0f}" if r.get("rate") else "closed"
        ratio = p["rps"] / r["rps"] if r["rps"] else 0
        print(f"| {mode} | {r['connections']} | {rate} | {r['rps']:.0f} | {p['rps']:.0f} | {ratio:.2f} | "
              f"{r['p99_us']/1000:.2f} | {p['p99_us']/1000:.2f} |")
    print()
if len(sys.argv) < 4:  # run.sh with SLOW=0
    sys.exit(0)
slow = json.load(open(sys.argv[2]))
rss = [int(x) for x in open(sys.argv[3]).read().split()]
print(f"2,000 slow streams through Reinforge: {slow['requests']} completed, {slow['errors']} errors, "
      f"p50 {slow['p50_us']/1e6:.2f} s (the upstream takes 10 s); RSS during the run {min(rss)//1024}-{max(rss)//1024} MB "
      f"(samples: {' '.join(str(x//1024) for x in rss)} MB)")
