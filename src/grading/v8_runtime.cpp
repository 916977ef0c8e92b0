#include "grading/v8_runtime.hpp"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <memory>
#include <mutex>

namespace reinforge::grading {

void ensure_v8_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Graders have no use for WebAssembly, and its memory lives outside the heap limit.
    v8::V8::SetFlagsFromString("--no-expose-wasm");
    // Two background threads for GC and compilation: the machine has 2 cores and the graders
    // run on the callers' threads.
    static std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(2);
    v8::V8::InitializePlatform(platform.get());
    v8::V8::Initialize();
  });
}

}  // namespace reinforge::grading
