#pragma once
// Background work that must give way: the trace writer to the gateway's IO threads, the threads
// that build records to the thread that writes them (the one a pull or an import waits for).
#include <chrono>

namespace reinforge::util {

// The time slice the threads below ask for: the kernel's least (EEVDF clamps to 0.1 ms).
inline constexpr std::chrono::microseconds kShortSlice{100};

// Since Linux 6.6 (EEVDF) a running thread keeps its core for its whole slice (1.4 ms by default
// on two cores) before a thread that woke gets it, whatever their priorities, unless the one that
// woke asked for a shorter slice (6.12 and later). So a background thread in the middle of a long
// batch, or another process's thread, could hold a waking IO thread for up to that long
// (bench/README.md, "The gateway's tail", has what was measured). Both functions below ask for
// kShortSlice; any of their calls may be refused on other kernels, and the thread then runs as
// before.

// Makes the calling thread a SCHED_BATCH thread at `nice`, or at its own nice when that is lower
// priority already (Linux keeps both per thread, and threads it starts inherit them): it does not
// preempt normal threads when it wakes and yields to them while they are runnable, and still gets
// every core they leave idle; with the short slice it gives way within 0.1 ms.
void run_this_thread_in_background(int nice);

// For a thread that wakes for short work somebody waits for (the gateway's IO threads): its
// policy and nice stay, and the short slice lets it take a core from a thread with a longer one
// as soon as it wakes.
void run_this_thread_for_latency();

}  // namespace reinforge::util
