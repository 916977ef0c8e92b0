#pragma once
// V8's process-wide platform, started once, on first use, from any thread.
namespace reinforge::grading {

void ensure_v8_initialized();

}  // namespace reinforge::grading
