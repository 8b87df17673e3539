#!/usr/bin/env bash
# Extraction speed, side by side in one run: ArticlePipeline's extractor, SmartReader 0.11.1 (the C# reference, a port
# of Mozilla Readability on AngleSharp) and Mozilla Readability (jsdom) over the same corpus pages (vi-news dev +
# Readability's test pages), each pinned to one core, then memory over 4,000 pages. SmartReader is compared in CPU
# time: cold (one pass in a fresh process each, five times each, medians) and warm (both in one process, taking turns
# after warming up until the JIT has settled).
# usage: bench/extraction.sh [SECONDS per side, default 20] [CORPUS folder, default ../shared/corpus]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
corpus="${2:-$root/../shared/corpus}"
if [ ! -d "$corpus/vi-news/dev" ] || [ ! -d "$corpus/readability-test-pages" ]; then
  echo "error: corpus not found at $corpus (needs vi-news/dev and readability-test-pages)" >&2
  exit 2
fi

pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); else echo "warning: taskset missing, not pinned" >&2; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
list="$work/pages.txt"
{ ls "$corpus"/vi-news/dev/*.html; ls "$corpus"/readability-test-pages/*/source.html; } > "$list"
echo "pages: $(wc -l < "$list") ($(du -ch $(cat "$list") | tail -1 | cut -f1) in all)"

echo "building ArticlePipeline.Benchmarks (Release)..."
dotnet build "$root/tests/ArticlePipeline.Benchmarks" -c Release --nologo -v quiet -o "$work/bin" >/dev/null

echo "installing @mozilla/readability and jsdom into $work/node..."
mkdir -p "$work/node"
cp "$root/bench/readability-bench.js" "$work/node/"
(cd "$work/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent @mozilla/readability jsdom >/dev/null)

echo "node $(node --version), readability $(node -p "require('$work/node/node_modules/@mozilla/readability/package.json').version"), jsdom $(node -p "require('$work/node/node_modules/jsdom/package.json').version"), dotnet $(dotnet --version)"
theirs="$("${pin[@]}" node "$work/node/readability-bench.js" "$list" "$seconds")"
echo "$theirs"
ours="$("${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" throughput "$list" "$seconds")"
echo "$ours"
rate() { sed -E 's/.*pages\/s ([0-9.]+).*/\1/' <<<"$1"; }
awk -v a="$(rate "$ours")" -v b="$(rate "$theirs")" 'BEGIN { printf "ratio articlepipeline/readability.js %.1fx\n", a / b }'

# Cold: five fresh processes per engine, taking turns, so a burst of load elsewhere hits both; medians compared.
cold() { "${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" cold "$list" "$1"; }
cpu_rate() { sed -E 's/.*pages\/cpu-s ([0-9.]+).*/\1/' <<<"$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours_rates=(); smart_rates=()
for _ in 1 2 3 4 5; do
  line="$(cold articlepipeline)"; echo "$line"; ours_rates+=("$(cpu_rate "$line")")
  line="$(cold smartreader)"; echo "$line"; smart_rates+=("$(cpu_rate "$line")")
done
ours_cold="$(printf '%s\n' "${ours_rates[@]}" | median)"
smart_cold="$(printf '%s\n' "${smart_rates[@]}" | median)"
awk -v a="$ours_cold" -v b="$smart_cold" 'BEGIN { printf "cold medians: articlepipeline %.1f smartreader %.1f pages/cpu-s, ratio articlepipeline/smartreader cold %.2fx\n", a, b, a / b }'
"${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" warm "$list" "$seconds"

"${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" memory "$list" 4000
