#pragma once
// Threads named for what they do, so `top -H`, `ps -L`, perf and gdb tell the gateway's IO
// threads from the trace writers, the job workers and the WAL checkpointer.
#include <string_view>

namespace reinforge::util {

// Names the calling thread; Linux keeps the first 15 bytes. Best effort: a name refused by the
// system leaves the thread as it was.
void name_this_thread(std::string_view name);

}  // namespace reinforge::util
