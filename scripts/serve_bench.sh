#!/usr/bin/env bash
# Serving benchmark: dealer --serve, serve MODEL and CLIENTS query clients (default 1) each streaming N queries (one
# sample each) from the public export, all on loopback with TLS. Prints the clients' median latency per warm query
# next to the median online seconds, the throughput of warm queries, the server's resident memory after query 20
# and after the last, and whether every output agrees with `simulate` within 0.05.
# Usage: scripts/serve_bench.sh MODEL.onnx INPUT.npy N [OUTDIR]
# Environment: INTERVAL=S starts a client's queries at most every S seconds (default 0: back to back);
# PREFETCH_MB=M sets the cluster's prefetch_mb (correlations held ahead of the next query; default 256);
# DEALER_POOL=N is the dealer's --pool (requests generated ahead per session; default 2); CLIENTS=C runs C clients
# at once against `serve --max-concurrent C`; CHECK=0 skips the comparison with `simulate`
# (slow for BERT-base); CRYPTORCH_JAVA_OPTS (e.g. -Xmx6g) applies to all processes. With JAVA_HOME set (source
# scripts/find-jdk.sh) the memory lines also give the server's live heap after a full collection.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$1"; input="$2"; n="$3"; out="${4:-$(mktemp -d)}"
clients="${CLIENTS:-1}"
cr="$root/cryptorch"
mkdir -p "$out"
/usr/bin/python3 - "$input" "$n" "$out/x.npy" <<'PY'
import sys, numpy as np
x = np.load(sys.argv[1]); n = int(sys.argv[2])
rng = np.random.default_rng(1)
noise = [np.zeros_like(x[:1])] + [rng.normal(0, 0.05, x[:1].shape).astype(x.dtype) for _ in range(n - 1)]
xs = np.concatenate([x[:1] + e for e in noise])
np.save(sys.argv[3], xs)
PY
"$cr" keygen --out "$out/keys" --force > /dev/null
# The heap in use right after a full collection: what the server keeps alive. Resident memory alone also counts heap
# the JVM has grown into and not returned, which says nothing about a leak.
live_heap() {
  [[ -x "${JAVA_HOME:-}/bin/jcmd" ]] || { echo "live_heap_kb n/a"; return; }
  "$JAVA_HOME/bin/jcmd" "$1" GC.run > /dev/null 2>&1 || true
  echo "live_heap_kb $("$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)"
}
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
cat > "$out/cluster.yaml" <<YAML
certificates: keys
timeout_seconds: 600
dealer: {host: 127.0.0.1, port: $(port)}
party1: {host: 127.0.0.1, port: $(port)}
party0: {host: 127.0.0.1}
prefetch_mb: ${PREFETCH_MB:-256}
YAML
"$cr" export-public "$model" -o "$out/public.onnx" > /dev/null
rm -f "$out"/server.jsonl "$out"/client*.jsonl
"$cr" dealer --serve --config "$out/cluster.yaml" --pool "${DEALER_POOL:-2}" > "$out/dealer.log" 2>&1 & dealer=$!
"$cr" serve "$model" --config "$out/cluster.yaml" --max-concurrent "$clients" --stats-file "$out/server.jsonl" \
  > "$out/server.log" 2>&1 & server=$!
trap 'kill $server $dealer 2>/dev/null || true' EXIT
sleep 2
( rss20=""; while kill -0 $server 2>/dev/null; do
    c=$( { cat "$out/server.jsonl" 2>/dev/null || true; } | wc -l)   # no file yet: 0, not an exit (set -e)
    if [[ -z "$rss20" && $c -ge 20 ]]; then
      rss20=$(ps -o rss= -p $server); echo "rss_after_20_kb $rss20 $(live_heap $server)" > "$out/rss.txt"; fi
    sleep 0.1; done ) &
date +%s.%N > "$out/clients_started_at"
pids=()
for c in $(seq 1 "$clients"); do
  "$cr" query "$out/public.onnx" --config "$out/cluster.yaml" --inputs "$out/x.npy" --output "$out/y$c.npy" \
    --stats-file "$out/client$c.jsonl" --interval "${INTERVAL:-0}" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
sleep 1
echo "rss_after_$((n * clients))_kb $(ps -o rss= -p $server) $(live_heap $server)" >> "$out/rss.txt"
kill -TERM $server $dealer; wait $server; echo "server exit $?"; wait $dealer || true
check="${CHECK:-1}"
if [[ "$check" == 1 ]]; then
  "$cr" simulate "$model" --inputs "$out/x.npy" --output "$out/sim.npy" --batch 1 --quiet
fi
/usr/bin/python3 - "$out" "$clients" "$check" <<'PY'
import sys, json, statistics as st, numpy as np
d, clients, check = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
s = np.load(d + "/sim.npy") if check else None
qs, errs = [], []
for c in range(1, clients + 1):
    q = [json.loads(l) for l in open(f"{d}/client{c}.jsonl")]
    qs.append(q)
    y = np.load(f"{d}/y{c}.npy")
    errs.append(np.abs(y - s).reshape(len(q), -1).max(axis=1) if check else np.zeros(len(q)))
err = np.concatenate(errs)
warm = [x for q in qs for x in q[1:]]
lat = st.median(x["latency_seconds"] for x in warm); onl = st.median(x["online_seconds"] for x in warm)
ratio = st.median(x["latency_seconds"] / x["online_seconds"] for x in warm)
first = qs[0][0]
from_start = first["finished_at"] - float(open(d + "/clients_started_at").read())
# throughput: warm queries finishing between the last client's first query and the first client's last one
start = max(q[0]["finished_at"] for q in qs); end = min(q[-1]["finished_at"] for q in qs)
done = sum(1 for q in qs for x in q[1:] if start < x["finished_at"] <= end)
tput = f"{done / (end - start):.2f} queries/s ({done} warm queries in {end - start:.1f} s)" if end > start else "n/a"
print(f"clients {clients}, queries {len(warm) + clients}; first query latency {first['latency_seconds']:.2f} s "
      f"(setup {first['setup_seconds']:.2f} s, online {first['online_seconds']:.3f} s; {from_start:.2f} s from "
      f"starting the client process); warm median latency "
      f"{lat:.3f} s, median online {onl:.3f} s, median of per-query latency/online {ratio:.2f}; throughput {tput}; "
      + (f"max |output - simulate| {err.max():.4f} (queries over 0.05: {(err > 0.05).sum()})" if check
         else "outputs not compared (CHECK=0)"))
print(open(d + "/rss.txt").read().strip())
PY
grep "dealer session" "$out/dealer.log" | tail -n "$clients"
