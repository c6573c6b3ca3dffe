/* libdpkg and librpm on the pairs read from stdin ("A B" per line): parse once, then time the
 * upstream comparison (dpkg_version_compare, rpmverCmp). Prints "<ns per compare> <pairs>".
 * Usage: vercmp_compare deb|rpm < pairs */
#define LIBDPKG_VOLATILE_API 1
#include <dpkg/dpkg.h>
#include <dpkg/pkg-spec.h>
#include <dpkg/version.h>
#include <rpm/rpmver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { kMaxPairs = 200000 };

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  const int deb = strcmp(argv[1], "deb") == 0;
  static struct dpkg_version da[kMaxPairs], db[kMaxPairs];
  static rpmver ra[kMaxPairs], rb[kMaxPairs];
  char line[4096];
  int n = 0;
  while (n < kMaxPairs && fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    char *space = strchr(line, ' ');
    if (!space) continue;
    *space = 0;
    if (deb) {
      struct dpkg_error err;
      if (parseversion(&da[n], line, &err) < 0 || parseversion(&db[n], space + 1, &err) < 0) continue;
    } else {
      ra[n] = rpmverParse(line);
      rb[n] = rpmverParse(space + 1);
      if (!ra[n] || !rb[n]) continue;
    }
    n++;
  }
  long rounds = 0, less = 0;
  const double start = now_ns();
  double elapsed = 0;
  while (elapsed < 1e9) {
    for (int i = 0; i < n; i++) {
      less += (deb ? dpkg_version_compare(&da[i], &db[i]) : rpmverCmp(ra[i], rb[i])) < 0;
    }
    rounds++;
    elapsed = now_ns() - start;
  }
  printf("%f %d %d\n", elapsed / ((double)rounds * n), n, less > 0);
  return 0;
}
