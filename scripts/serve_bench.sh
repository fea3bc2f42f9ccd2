#!/usr/bin/env bash
# Serving benchmark: dealer --serve, serve MODEL and one query client streaming N queries (one sample each) from
# the public export, all on loopback with TLS. Prints the client's median latency per warm query next to the median
# online seconds, the server's resident memory after query 20 and after the last, and whether every output agrees
# with `simulate` within 0.05. Usage: scripts/serve_bench.sh MODEL.onnx INPUT.npy N [OUTDIR]
# Environment: INTERVAL=S starts a query at most every S seconds (default 0: back to back); PREFETCH_MB=M sets the
# cluster's prefetch_mb (correlations held ahead of the next query; default 256); CRYPTORCH_JAVA_OPTS (e.g. -Xmx6g)
# applies to all three processes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$1"; input="$2"; n="$3"; out="${4:-$(mktemp -d)}"
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
rm -f "$out/server.jsonl" "$out/client.jsonl"
"$cr" dealer --serve --config "$out/cluster.yaml" > "$out/dealer.log" 2>&1 & dealer=$!
"$cr" serve "$model" --config "$out/cluster.yaml" --stats-file "$out/server.jsonl" > "$out/server.log" 2>&1 & server=$!
trap 'kill $server $dealer 2>/dev/null || true' EXIT
sleep 2
( rss20=""; while kill -0 $server 2>/dev/null; do
    c=$(cat "$out/server.jsonl" 2>/dev/null | wc -l)
    if [[ -z "$rss20" && $c -ge 20 ]]; then rss20=$(ps -o rss= -p $server); echo "rss_after_20_kb $rss20" > "$out/rss.txt"; fi
    sleep 0.1; done ) &
"$cr" query "$out/public.onnx" --config "$out/cluster.yaml" --inputs "$out/x.npy" --output "$out/y.npy" \
  --stats-file "$out/client.jsonl" --interval "${INTERVAL:-0}"
sleep 1
echo "rss_after_${n}_kb $(ps -o rss= -p $server)" >> "$out/rss.txt"
kill -TERM $server $dealer; wait $server; echo "server exit $?"; wait $dealer || true
"$cr" simulate "$model" --inputs "$out/x.npy" --output "$out/sim.npy" --batch 1 --quiet
/usr/bin/python3 - "$out" <<'PY'
import sys, json, statistics as st, numpy as np
d = sys.argv[1]
q = [json.loads(l) for l in open(d + "/client.jsonl")]
warm = q[1:]
lat = st.median(x["latency_seconds"] for x in warm); onl = st.median(x["online_seconds"] for x in warm)
ratio = st.median(x["latency_seconds"] / x["online_seconds"] for x in warm)
y = np.load(d + "/y.npy"); s = np.load(d + "/sim.npy")
err = np.abs(y - s).reshape(len(q), -1).max(axis=1)
print(f"queries {len(q)}; first query latency {q[0]['latency_seconds']:.2f} s (setup {q[0]['setup_seconds']:.2f} s, "
      f"online {q[0]['online_seconds']:.3f} s); warm median latency {lat:.3f} s, median online {onl:.3f} s, "
      f"median of per-query latency/online {ratio:.2f}; max |output - simulate| {err.max():.4f} (queries over 0.05: {(err > 0.05).sum()})")
print(open(d + "/rss.txt").read().strip())
PY
grep "dealer session" "$out/dealer.log" | tail -1
