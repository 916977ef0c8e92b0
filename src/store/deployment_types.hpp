#pragma once
// Rows of step 7's deployments (PRODUCT.md §9): which tuned model serves which traffic in the
// gateway. Plain types; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>

namespace reinforge::store {

struct Deployment {
  int64_t id = 0;
  std::optional<int64_t> dataset_id;
  std::optional<int64_t> run_id;    // the training run the tuned model came from
  std::string mode;                 // replace | endpoint | ab
  std::string base_model;           // the model name callers ask for
  std::string tuned_model;          // what the provider is sent for the tuned arm
  std::string endpoint;             // endpoint mode: the new model name callers use
  std::string provider;             // the provider serving the tuned model; "" = the base's
  int64_t share_bp = 0;             // ab: the tuned arm's share, in basis points (1..9999)
  std::string state = "active";     // active | rolled_back | ended
  std::string history_json = "[]";  // [{"at", "action", ...}]: created, promoted, rolled back
  int64_t created_at = 0;
  std::optional<int64_t> ended_at;
};

}  // namespace reinforge::store
