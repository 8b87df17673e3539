#!/usr/bin/env bash
# Extraction speed, side by side in one run: ArticlePipeline's extractor, SmartReader 0.11.1 (the C# reference, a port
# of Mozilla Readability on AngleSharp) and Mozilla Readability (jsdom) over the same corpus pages (vi-news dev +
# Readability's test pages), each pinned to one core, then memory over 2,000 pages. SmartReader is compared in CPU
# time: cold (one pass in a fresh process each) and warm (both in one process, taking turns after a warm-up).
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

cold() { "${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" cold "$list" "$1"; }
ours_cold="$(cold articlepipeline)"; echo "$ours_cold"
smart_cold="$(cold smartreader)"; echo "$smart_cold"
cpu_rate() { sed -E 's/.*pages\/cpu-s ([0-9.]+).*/\1/' <<<"$1"; }
awk -v a="$(cpu_rate "$ours_cold")" -v b="$(cpu_rate "$smart_cold")" 'BEGIN { printf "ratio articlepipeline/smartreader cold %.2fx\n", a / b }'
"${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" warm "$list" "$seconds"

"${pin[@]}" dotnet "$work/bin/ArticlePipeline.Benchmarks.dll" memory "$list" 2000
