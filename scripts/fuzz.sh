#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 (AddressSanitizer + UBSan) in build-fuzz/ and runs
# each one for SECONDS (default 60) from its seed corpus in fuzz/corpus/. New inputs the fuzzer
# finds go to build-fuzz/corpus/, never into the repository. A crash stops the script with the
# reproducer written to build-fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]    targets: cyclonedx_json cyclonedx_xml spdx2_json
#                                            spdx2_tag_value spdx3_json_ld sbom purl version osv
#                                            openvex cyclonedx_vex csaf_vex
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(cyclonedx_json cyclonedx_xml spdx2_json spdx2_tag_value spdx3_json_ld sbom purl version
           osv openvex cyclonedx_vex csaf_vex)
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCRADLE_FUZZ=ON -DCRADLE_TESTS=OFF -DCRADLE_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

seeds_for() {  # the seed directories of a target
  case $1 in
    sbom) echo fuzz/corpus/cyclonedx_json fuzz/corpus/cyclonedx_xml fuzz/corpus/spdx2_json \
               fuzz/corpus/spdx2_tag_value fuzz/corpus/spdx3_json_ld ;;
    cyclonedx_vex) echo tests/data/vex/cyclonedx ;;
    csaf_vex) echo tests/data/vex/csaf ;;
    *) echo "fuzz/corpus/$1" ;;
  esac
}
dict_for() {
  case $1 in
    cyclonedx_xml) echo fuzz/dict/xml.dict ;;
    spdx2_tag_value) echo fuzz/dict/tag_value.dict ;;
    purl) echo fuzz/dict/purl.dict ;;
    version) echo fuzz/dict/version.dict ;;
    osv) echo fuzz/dict/osv.dict ;;
    *) echo fuzz/dict/json.dict ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build-fuzz/artifacts
for target in "${targets[@]}"; do
  work="build-fuzz/corpus/$target"
  mkdir -p "$work"
  echo "== fuzz_$target for ${seconds}s"
  # shellcheck disable=SC2046
  "build-fuzz/fuzz/fuzz_$target" "$work" $(seeds_for "$target") \
    -dict="$(dict_for "$target")" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target-" \
    2>"build-fuzz/$target.log" || { tail -60 "build-fuzz/$target.log"; exit 1; }
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done" "build-fuzz/$target.log" || true
done
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds}s each without a crash"
