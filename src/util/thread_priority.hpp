#pragma once
// Background work that must give way: the trace writer to the gateway's IO threads, the threads
// that build records to the thread that writes them (the one a pull or an import waits for).

namespace reinforge::util {

// Makes the calling thread a SCHED_BATCH thread at `nice`, or at its own nice when that is lower
// priority already (Linux keeps both per thread, and threads it starts inherit them): it does not
// preempt normal threads when it wakes and yields to them while they are runnable, and still gets
// every core they leave idle. Either call may be refused on other kernels; the thread then runs
// as before.
void run_this_thread_in_background(int nice);

}  // namespace reinforge::util
