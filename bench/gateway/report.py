"""Prints the Markdown table of bench/gateway/run.sh's results: added latency is the proxy's
percentile minus the direct call's at the same connections and mode, measured in the same run."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
direct = {(r["stream"], r["connections"]): r for r in rows if r["target"] == "direct"}
nginx = {(r["stream"], r["connections"]): r for r in rows if r["target"] == "nginx"}
print("| mode | conns | target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | vs nginx req/s | errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    key = (r["stream"], r["connections"])
    base = direct[key]
    added50 = (r["p50_us"] - base["p50_us"]) / 1000
    added99 = (r["p99_us"] - base["p99_us"]) / 1000
    ratio = r["rps"] / nginx[key]["rps"] if nginx.get(key) and nginx[key]["rps"] else 0
    mode = "stream" if r["stream"] else "plain"
    added = "—" if r["target"] == "direct" else f"{added50:.2f} | {added99:.2f}"
    if r["target"] == "direct":
        added = "— | —"
    print(f"| {mode} | {r['connections']} | {r['target']} | {r['rps']:.0f} | {r['p50_us']/1000:.2f} | "
          f"{r['p99_us']/1000:.2f} | {added} | {ratio:.2f} | {r['errors']} |")
slow = json.load(open(sys.argv[2]))
rss = [int(x) for x in open(sys.argv[3]).read().split()]
print()
print(f"2,000 slow streams through Reinforge: {slow['requests']} completed, {slow['errors']} errors, "
      f"p50 {slow['p50_us']/1e6:.2f} s (the upstream takes 10 s); RSS during the run {min(rss)//1024}–{max(rss)//1024} MB "
      f"(samples: {' '.join(str(x//1024) for x in rss)} MB)")
