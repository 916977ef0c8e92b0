#pragma once
// How long work reports progress and learns it should stop: the job runner passes both.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string_view>

namespace reinforge::topics {

struct WorkControl {
  // Called with a fraction in [0, 1] and the phase being worked on; may be empty.
  std::function<void(double fraction, std::string_view phase)> on_progress;
  // Set by another thread to stop the work; the work then throws Cancelled.
  const std::atomic<bool>* cancel = nullptr;

  void report(double fraction, std::string_view phase) const {
    if (on_progress) on_progress(fraction, phase);
  }
  void check_cancelled() const;
  // For a part of this work: its fractions 0..1 report as from..to of this one, and it stops
  // when this one is asked to. Must not outlive this WorkControl.
  WorkControl part(double from, double to) const {
    return WorkControl{[this, from, to](double fraction, std::string_view phase) {
                         report(from + (to - from) * fraction, phase);
                       },
                       cancel};
  }
};

struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

inline void WorkControl::check_cancelled() const {
  if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

}  // namespace reinforge::topics
