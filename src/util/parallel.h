// A parallel for-loop over indices, for the embarrassingly parallel parts of
// a build (one page per entry). Work is handed out index by index, so uneven
// entries balance; results must be stored by index to stay deterministic.
// The threads are kept between calls (a build makes hundreds of them).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace kbgen {

// How many threads `--jobs 0` (the default) means: the machine's cores.
unsigned default_jobs();

// Calls fn(i) for i in [0, n) on up to `jobs` threads. fn returns false with
// `error` set to stop; the error of the lowest failing index is returned, so
// the message does not depend on thread timing. An exception from fn stops
// the loop and is rethrown here once every thread has left it.
bool parallel_for(std::size_t n, unsigned jobs,
                  const std::function<bool(std::size_t, std::string&)>& fn, std::string& error);

}  // namespace kbgen
