#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 (AddressSanitizer + UBSan) in build-asan/ (the tree of
# scripts/test.sh --sanitize, see scripts/sanitized-build.sh) and runs each one for SECONDS
# (default 60) from its seed corpus in fuzz/corpus/. New inputs the fuzzer finds go to
# build-asan/corpus/, never into the repository. Targets run as many at a time as
# there are cores (CRADLE_FUZZ_JOBS overrides). A crash fails the script, with the reproducer
# written to build-asan/artifacts/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]    targets: cyclonedx_json cyclonedx_xml spdx2_json
#                                            spdx2_tag_value spdx3_json_ld sbom purl version osv
#                                            openvex cyclonedx_vex csaf_vex attestation scorecard
#                                            policy csaf_check zip licence_expression
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(cyclonedx_json cyclonedx_xml spdx2_json spdx2_tag_value spdx3_json_ld sbom purl version
           osv openvex cyclonedx_vex csaf_vex attestation scorecard policy csaf_check zip
           licence_expression)
fi

source scripts/sanitized-build.sh
out=$sanitized_build_dir
cmake -S . -B "$out" -G Ninja "${sanitized_cmake_args[@]}" >/dev/null
cmake --build "$out" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

seeds_for() {  # the seed directories of a target
  case $1 in
    sbom) echo fuzz/corpus/cyclonedx_json fuzz/corpus/cyclonedx_xml fuzz/corpus/spdx2_json \
               fuzz/corpus/spdx2_tag_value fuzz/corpus/spdx3_json_ld ;;
    cyclonedx_vex) echo tests/data/vex/cyclonedx ;;
    csaf_vex | csaf_check) echo tests/data/vex/csaf ;;
    attestation) echo tests/data/attestations ;;
    scorecard) echo tests/data/signals ;;
    policy) echo tests/data/policies ;;
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
    policy) echo fuzz/dict/policy.dict ;;
    zip) echo fuzz/dict/zip.dict ;;
    licence_expression) echo fuzz/dict/licence_expression.dict ;;
    *) echo fuzz/dict/json.dict ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$out/artifacts"

run_target() {  # one target for $seconds; its log in build-asan/TARGET.log
  local target=$1 work="$out/corpus/$1"
  mkdir -p "$work"
  # shellcheck disable=SC2046
  "$out/fuzz/fuzz_$target" "$work" $(seeds_for "$target") \
    -dict="$(dict_for "$target")" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" \
    2>"$out/$target.log"
}

# As many targets at once as there are cores (each fuzzer is one process on one core), so the
# whole run takes SECONDS x targets / cores.
jobs=${CRADLE_FUZZ_JOBS:-$(nproc)}
failed=()
for ((start = 0; start < ${#targets[@]}; start += jobs)); do
  batch=("${targets[@]:start:jobs}")
  pids=()
  for target in "${batch[@]}"; do
    echo "== fuzz_$target for ${seconds}s"
    run_target "$target" &
    pids+=($!)
  done
  for i in "${!batch[@]}"; do
    target=${batch[$i]}
    if wait "${pids[$i]}"; then
      grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done" \
        "$out/$target.log" | sed "s/^/fuzz_$target: /" || true
    else
      echo "fuzz.sh: fuzz_$target failed:"
      tail -60 "$out/$target.log"
      failed+=("$target")
    fi
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds}s each without a crash, $jobs at a time"
