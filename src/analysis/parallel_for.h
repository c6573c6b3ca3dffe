// parallel_for(): fn(i) for every i in [0, count), on every core when there is enough work.
//
// Indexes are handed out in blocks from a shared counter, so that a thread which drew heavy items
// does not hold the others up; each fn(i) must touch only its own item's state (results go to
// slot i of a pre-sized vector, which keeps the output independent of the schedule). Below
// `per_thread` items for each extra thread, the work runs on the calling thread alone.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace cradle {

template <typename Fn>
void parallel_for(std::size_t count, std::size_t per_thread, Fn&& fn) {
  constexpr std::size_t kBlock = 64;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t begin = next.fetch_add(kBlock); begin < count;
         begin = next.fetch_add(kBlock)) {
      const std::size_t end = std::min(begin + kBlock, count);
      for (std::size_t i = begin; i < end; ++i) fn(i);
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                            std::max<std::size_t>(1, count / std::max<std::size_t>(1, per_thread)));
  std::vector<std::jthread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
}

}  // namespace cradle
