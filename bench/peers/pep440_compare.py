"""Python packaging on the pairs read from stdin ("A B" per line): parse once, then time the
comparison a < b (one rich comparison). Prints "<ns per compare> <pairs>"."""
import sys
import time

from packaging.version import Version

pairs = [tuple(Version(v) for v in line.split()) for line in sys.stdin if line.strip()]
rounds = less = 0
start = time.perf_counter_ns()
elapsed = 0
while elapsed < 1_000_000_000:
    for a, b in pairs:
        less += a < b
    rounds += 1
    elapsed = time.perf_counter_ns() - start
print(f"{elapsed / (rounds * len(pairs))} {len(pairs)} {less > 0}")
