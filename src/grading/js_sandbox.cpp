#include "grading/js_sandbox.hpp"

#include <v8.h>

#include <atomic>
#include <cmath>
#include <cstdio>

#include "grading/cpu_watchdog.hpp"
#include "grading/v8_runtime.hpp"

namespace reinforge::grading {

namespace {

constexpr size_t kMaxLogLines = 100;
constexpr size_t kMaxLogLineBytes = 2000;
constexpr size_t kMegabyte = 1024 * 1024;

// ArrayBuffers live outside V8's heap, so the heap limit alone would let `new ArrayBuffer(1e10)`
// through; this allocator refuses what would pass the same cap (JS sees a RangeError).
class CappedArrayBufferAllocator : public v8::ArrayBuffer::Allocator {
 public:
  explicit CappedArrayBufferAllocator(size_t cap_bytes)
      : cap_bytes_(cap_bytes), inner_(v8::ArrayBuffer::Allocator::NewDefaultAllocator()) {}

  void* Allocate(size_t length) override {
    return reserve(length) ? released_on_failure(inner_->Allocate(length), length) : nullptr;
  }
  void* AllocateUninitialized(size_t length) override {
    return reserve(length) ? released_on_failure(inner_->AllocateUninitialized(length), length) : nullptr;
  }
  void Free(void* data, size_t length) override {
    inner_->Free(data, length);
    used_bytes_ -= length;
  }
  bool refused() const { return refused_; }
  void clear_refused() { refused_ = false; }

 private:
  bool reserve(size_t length) {
    if (used_bytes_.fetch_add(length) + length > cap_bytes_) {
      used_bytes_ -= length;
      refused_ = true;
      return false;
    }
    return true;
  }
  void* released_on_failure(void* data, size_t length) {
    if (!data) used_bytes_ -= length;
    return data;
  }

  size_t cap_bytes_;
  std::atomic<size_t> used_bytes_{0};
  std::atomic<bool> refused_{false};
  std::unique_ptr<v8::ArrayBuffer::Allocator> inner_;
};

v8::Local<v8::String> v8_string(v8::Isolate* isolate, std::string_view text) {
  return v8::String::NewFromUtf8(isolate, text.data(), v8::NewStringType::kNormal, static_cast<int>(text.size()))
      .ToLocalChecked();
}

// The most characters of a string the sandbox hands out (a reason, a log line, an error).
constexpr int kMaxCopiedChars = 100'000;

std::string utf8(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  // Measured before it is copied: 'x'.repeat(1 << 29) costs a script a few bytes of its heap
  // (a rope of shared halves), and copying it out flattened half a gigabyte outside the heap's
  // cap, several times over. Its length is known without that.
  v8::TryCatch ignore(isolate);
  v8::Local<v8::String> text;
  if (!value->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return "<unprintable>";
  if (text->Length() > kMaxCopiedChars) {
    return "<a string of " + std::to_string(text->Length()) + " characters, more than the " +
           std::to_string(kMaxCopiedChars) + " a grader may hand out>";
  }
  v8::String::Utf8Value copied(isolate, text);
  return *copied ? std::string(*copied, copied.length()) : std::string("<unprintable>");
}

// As JavaScript writes it: NaN and Infinity, not printf's nan and inf.
std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// console.log's rendering: strings as they are, objects as JSON when they can be.
std::string display(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Value> value) {
  if (value->IsString()) return utf8(isolate, value);
  if (value->IsObject() && !value->IsFunction() && !value->IsNativeError()) {
    v8::TryCatch ignore(isolate);
    v8::Local<v8::String> json;
    if (v8::JSON::Stringify(context, value).ToLocal(&json)) return utf8(isolate, json);
  }
  return utf8(isolate, value);
}

std::string describe_exception(v8::Isolate* isolate, v8::Local<v8::Context> context, const v8::TryCatch& caught,
                               const std::string& file_name) {
  std::string text = caught.Exception().IsEmpty() ? "unknown error" : utf8(isolate, caught.Exception());
  auto message = caught.Message();
  if (!message.IsEmpty()) {
    int line = message->GetLineNumber(context).FromMaybe(0);
    if (line > 0) text += " (" + file_name + ":" + std::to_string(line) + ")";
  }
  return text;
}

}  // namespace

struct JsSandbox::Impl {
  std::string source;
  std::string file_name;
  ScriptLimits limits;
  std::unique_ptr<CappedArrayBufferAllocator> allocator;
  v8::Isolate* isolate = nullptr;
  v8::Global<v8::Context> context;
  v8::Global<v8::Function> grade;
  std::string load_error;
  std::vector<std::string> logs;
  size_t dropped_logs = 0;
  bool memory_exceeded = false;
  int heap_raises = 0;
  std::unique_ptr<CpuWatchdog> watchdog;

  void create_isolate();
  void dispose_isolate();
  void load_script();
  // The score in `outcome`, or the reason the value is not one.
  void interpret(v8::Local<v8::Context> context, v8::Local<v8::Value> result, ScriptOutcome& outcome);

  static size_t near_heap_limit(void* data, size_t current_limit, size_t initial_limit);
  static void console_log(const v8::FunctionCallbackInfo<v8::Value>& info);
};

// Called by V8 when the heap is about to hit its cap: stop the script, and give V8 some room to
// unwind, since returning the same limit makes it abort the whole process.
size_t JsSandbox::Impl::near_heap_limit(void* data, size_t current_limit, size_t initial_limit) {
  auto* impl = static_cast<Impl*>(data);
  impl->memory_exceeded = true;
  impl->isolate->TerminateExecution();
  if (++impl->heap_raises > 8) return current_limit;
  return current_limit + std::max(initial_limit / 2, 16 * kMegabyte);
}

void JsSandbox::Impl::console_log(const v8::FunctionCallbackInfo<v8::Value>& info) {
  auto* impl = static_cast<Impl*>(info.Data().As<v8::External>()->Value());
  if (impl->logs.size() >= kMaxLogLines) {
    ++impl->dropped_logs;
    return;
  }
  auto* isolate = info.GetIsolate();
  auto context = isolate->GetCurrentContext();
  std::string line;
  for (int i = 0; i < info.Length() && line.size() < kMaxLogLineBytes; ++i) {
    if (i) line += ' ';
    line += display(isolate, context, info[i]);
  }
  if (line.size() > kMaxLogLineBytes) line = line.substr(0, kMaxLogLineBytes) + "…";
  impl->logs.push_back(std::move(line));
}

void JsSandbox::Impl::create_isolate() {
  allocator = std::make_unique<CappedArrayBufferAllocator>(limits.memory_mb * kMegabyte);
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = allocator.get();
  params.constraints.ConfigureDefaultsFromHeapSize(0, limits.memory_mb * kMegabyte);
  isolate = v8::Isolate::New(params);
  isolate->AddNearHeapLimitCallback(&Impl::near_heap_limit, this);
  memory_exceeded = false;
  heap_raises = 0;
}

void JsSandbox::Impl::dispose_isolate() {
  if (!isolate) return;
  {
    v8::Locker locker(isolate);
    v8::Isolate::Scope isolate_scope(isolate);
    grade.Reset();
    context.Reset();
  }
  isolate->Dispose();
  isolate = nullptr;
}

void JsSandbox::Impl::load_script() {
  load_error.clear();
  v8::Locker locker(isolate);
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handles(isolate);
  grade.Reset();
  context.Reset();
  auto fresh = v8::Context::New(isolate);
  // eval and new Function are closed: a grader needs neither, and it shuts the classic
  // `this.constructor.constructor("return process")()` escape at its first step.
  fresh->AllowCodeGenerationFromStrings(false);
  v8::Context::Scope context_scope(fresh);
  auto global = fresh->Global();
  for (const char* name : {"WebAssembly", "SharedArrayBuffer", "Atomics"}) {
    global->Delete(fresh, v8_string(isolate, name)).Check();
  }
  auto console = v8::Object::New(isolate);
  auto self = v8::External::New(isolate, this);
  for (const char* level : {"log", "info", "warn", "error", "debug"}) {
    auto function = v8::Function::New(fresh, &Impl::console_log, self).ToLocalChecked();
    console->Set(fresh, v8_string(isolate, level), function).Check();
  }
  global->Set(fresh, v8_string(isolate, "console"), console).Check();

  v8::TryCatch caught(isolate);
  v8::ScriptOrigin origin(isolate, v8_string(isolate, file_name));
  v8::Local<v8::Script> script;
  if (!v8::Script::Compile(fresh, v8_string(isolate, source), &origin).ToLocal(&script)) {
    load_error = describe_exception(isolate, fresh, caught, file_name);
    return;
  }
  watchdog->arm();
  v8::Local<v8::Value> ignored;
  bool ran = script->Run(fresh).ToLocal(&ignored);
  bool fired = watchdog->disarm();
  if (fired || memory_exceeded || caught.HasTerminated()) {
    isolate->CancelTerminateExecution();
    load_error = file_name + ": the script's top level ran past its " +
                 (memory_exceeded ? std::to_string(limits.memory_mb) + " MB memory limit"
                                  : std::to_string(limits.cpu_ms) + " ms CPU limit");
    return;
  }
  if (!ran) {
    load_error = describe_exception(isolate, fresh, caught, file_name);
    return;
  }
  // Looked up by name so that `const grade = (input) => ...` works too: lexical declarations
  // are not properties of the global object.
  auto lookup = v8::Script::Compile(fresh, v8_string(isolate, "typeof grade === 'function' ? grade : undefined"))
                    .ToLocalChecked();
  v8::Local<v8::Value> found;
  if (!lookup->Run(fresh).ToLocal(&found) || !found->IsFunction()) {
    load_error = file_name + ": the script must define function grade(input)";
    return;
  }
  context.Reset(isolate, fresh);
  grade.Reset(isolate, found.As<v8::Function>());
}

void JsSandbox::Impl::interpret(v8::Local<v8::Context> context, v8::Local<v8::Value> result, ScriptOutcome& outcome) {
  double score = 0;
  if (result->IsNumber()) {
    score = result.As<v8::Number>()->Value();
  } else if (result->IsObject() && !result->IsArray() && !result->IsFunction()) {
    auto object = result.As<v8::Object>();
    v8::Local<v8::Value> value;
    if (!object->Get(context, v8_string(isolate, "score")).ToLocal(&value)) return;  // a throwing getter
    if (!value->IsNumber()) {
      outcome.error = "grade() returned an object whose `score` is " + utf8(isolate, value->TypeOf(isolate)) +
                      "; it must be a number in [0, 1]";
      return;
    }
    score = value.As<v8::Number>()->Value();
    v8::Local<v8::Value> reason;
    if (!object->Get(context, v8_string(isolate, "reason")).ToLocal(&reason)) return;
    if (!reason->IsUndefined() && !reason->IsNull()) outcome.reason = display(isolate, context, reason);
  } else {
    outcome.error = "grade() returned " +
                    (result->IsNull() ? std::string("null") : utf8(isolate, result->TypeOf(isolate))) +
                    "; return a number in [0, 1] or {score, reason}";
    return;
  }
  if (!std::isfinite(score) || score < 0 || score > 1) {
    outcome.error = "grade() returned a score of " + format_number(score) + "; a score must be a finite number in [0, 1]";
    return;
  }
  outcome.score = score;
}

JsSandbox::JsSandbox(std::string source, std::string file_name, ScriptLimits limits) : impl_(std::make_unique<Impl>()) {
  ensure_v8_initialized();
  impl_->source = std::move(source);
  impl_->file_name = std::move(file_name);
  impl_->limits = limits;
  Impl* impl = impl_.get();
  // The watchdog only fires while armed, and the isolate is only replaced while disarmed.
  impl_->watchdog = std::make_unique<CpuWatchdog>(limits.cpu_ms, [impl] { impl->isolate->TerminateExecution(); });
  impl_->create_isolate();
  impl_->load_script();
}

JsSandbox::~JsSandbox() {
  impl_->watchdog.reset();
  impl_->dispose_isolate();
}

const std::string& JsSandbox::load_error() const { return impl_->load_error; }

ScriptOutcome JsSandbox::call(const std::string& input_json) {
  ScriptOutcome outcome;
  auto& impl = *impl_;
  if (!impl.load_error.empty()) {
    outcome.error = impl.load_error;
    return outcome;
  }
  enum class Stop { none, cpu, memory } stop = Stop::none;
  {
    auto* isolate = impl.isolate;
    v8::Locker locker(isolate);
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handles(isolate);
    auto context = impl.context.Get(isolate);
    v8::Context::Scope context_scope(context);
    v8::TryCatch caught(isolate);
    impl.logs.clear();
    impl.dropped_logs = 0;
    impl.allocator->clear_refused();

    impl.watchdog->arm();
    v8::Local<v8::Value> input;
    v8::Local<v8::Value> result;
    bool ok = v8::JSON::Parse(context, v8_string(isolate, input_json)).ToLocal(&input);
    if (ok) {
      v8::Local<v8::Value> argv[] = {input};
      ok = impl.grade.Get(isolate)->Call(context, context->Global(), 1, argv).ToLocal(&result);
    }
    if (ok && result->IsPromise()) {
      // An async grade() is allowed; with no timers or I/O it settles within the microtasks.
      isolate->PerformMicrotaskCheckpoint();
      auto promise = result.As<v8::Promise>();
      if (promise->State() == v8::Promise::kFulfilled) {
        result = promise->Result();
      } else if (promise->State() == v8::Promise::kRejected) {
        outcome.error = display(isolate, context, promise->Result());
      } else {
        outcome.error = "grade() returned a promise that never settled";
      }
    }
    if (ok && outcome.error.empty()) impl.interpret(context, result, outcome);
    bool fired = impl.watchdog->disarm();

    if (impl.memory_exceeded || impl.allocator->refused()) {
      stop = Stop::memory;
    } else if (fired || caught.HasTerminated()) {
      stop = Stop::cpu;
    } else if (caught.HasCaught()) {
      outcome.error = describe_exception(isolate, context, caught, impl.file_name);
    }
    outcome.logs = std::move(impl.logs);
    if (impl.dropped_logs) outcome.logs.push_back("… " + std::to_string(impl.dropped_logs) + " more lines not kept");
  }
  if (stop == Stop::cpu) {
    outcome.error = "CPU time limit exceeded (" + std::to_string(impl.limits.cpu_ms) + " ms)";
    {
      v8::Locker locker(impl.isolate);
      impl.isolate->CancelTerminateExecution();
    }
    impl.load_script();
  } else if (stop == Stop::memory) {
    outcome.error = "memory limit exceeded (" + std::to_string(impl.limits.memory_mb) + " MB)";
    impl.dispose_isolate();
    impl.create_isolate();
    impl.load_script();
  }
  if (!outcome.error.empty()) outcome.score.reset();
  return outcome;
}

}  // namespace reinforge::grading
