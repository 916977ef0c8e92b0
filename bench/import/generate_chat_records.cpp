// Writes N synthetic chat records as JSONL to stdout: a realistic mix of plain chats,
// multi-turn chats, tool-call records and a few invalid lines, deterministic for a seed.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

const char* const kWords[] = {"order", "refund", "weather", "python", "function", "error", "database",
                              "shipping", "account", "password", "invoice", "schedule", "meeting",
                              "translate", "summary", "chess", "opening", "tactic", "endgame", "price",
                              "discount", "return", "network", "latency", "memory", "thread", "query",
                              "index", "table", "join", "customer", "support", "ticket", "deploy"};

std::string sentence(std::mt19937_64& random, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) {
    if (i) text += ' ';
    text += kWords[random() % std::size(kWords)];
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  long count = argc > 1 ? std::atol(argv[1]) : 1000000;
  std::mt19937_64 random(argc > 2 ? std::atol(argv[2]) : 42);
  std::string line;
  for (long i = 0; i < count; ++i) {
    int kind = static_cast<int>(random() % 100);
    line.clear();
    if (kind < 55) {
      line = R"({"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":")" +
             sentence(random, 12 + random() % 30) + R"( #)" + std::to_string(i) +
             R"("},{"role":"assistant","content":")" + sentence(random, 20 + random() % 60) + R"("}]})";
    } else if (kind < 80) {
      line = R"({"messages":[{"role":"user","content":")" + sentence(random, 10) + " #" + std::to_string(i) +
             R"("},{"role":"assistant","content":")" + sentence(random, 25) +
             R"("},{"role":"user","content":")" + sentence(random, 8) +
             R"("},{"role":"assistant","content":")" + sentence(random, 30) + R"("}],"metadata":{"source":"bench"}})";
    } else if (kind < 98) {
      std::string id = "call_" + std::to_string(i);
      line = R"({"messages":[{"role":"user","content":"What is the weather in city )" + std::to_string(i % 5000) +
             R"(?"},{"role":"assistant","content":null,"tool_calls":[{"id":")" + id +
             R"(","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"c)" +
             std::to_string(i % 5000) + R"(\",\"unit\":\"celsius\"}"}}]},{"role":"tool","tool_call_id":")" + id +
             R"(","content":"{\"temp\":21}"},{"role":"assistant","content":"It is 21 degrees."}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}}}]})";
    } else if (kind < 99) {
      line = R"({"messages":[{"role":"assistant","content":"no user )" + std::to_string(i) + R"("}]})";
    } else {
      line = R"({"messages": [ not json )" + std::to_string(i);
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return 0;
}
