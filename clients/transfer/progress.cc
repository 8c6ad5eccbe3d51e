#include "clients/transfer/progress.h"

#include <unistd.h>

#include <cstdio>

#include "clients/app/output.h"

namespace hoso::cli {

Progress::Progress(std::string label, uint64_t total, uint64_t start)
    : label_(std::move(label)),
      total_(total),
      start_(start),
      done_(start),
      enabled_(total >= (4u << 20) && ::isatty(STDERR_FILENO)),
      began_(std::chrono::steady_clock::now()),
      last_draw_(began_) {}

Progress::~Progress() { Done(); }

void Progress::Advance(uint64_t bytes) {
  done_ += bytes;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Done() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) Draw(true);
}

void Progress::Draw(bool final) {
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
  const double rate = secs > 0 ? (done_ - start_) / secs / 1e6 : 0;
  const int percent = total_ ? static_cast<int>(100.0 * done_ / total_) : 100;
  constexpr int kWidth = 24;
  std::string bar(kWidth * percent / 100, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r%-30.30s [%s] %3d%% %s / %s  %.1f MB/s%s", label_.c_str(), bar.c_str(),
               percent, HumanBytes(done_).c_str(), HumanBytes(total_).c_str(), rate,
               final ? "\n" : "   ");
  std::fflush(stderr);
}

}  // namespace hoso::cli
