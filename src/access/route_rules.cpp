#include "access/route_rules.hpp"

#include <algorithm>

namespace reinforge::access {

namespace {

using enum RouteAccess;

// Reads need a viewer; changes to what a dataset becomes need an editor; who may call the
// gateway, what it serves (deployments) and who may sign in need an admin. Issuing a trainer
// token is an editor's: it is part of starting a run.
constexpr RouteRule kRules[] = {
    // Signing in and who you are.
    {"POST", "/api/auth/sign-in", anyone, "auth.sign_in"},
    {"POST", "/api/auth/sign-out", viewer, "auth.sign_out"},
    {"GET", "/api/session", viewer, ""},
    {"PUT", "/api/session/password", viewer, "auth.change_password"},
    {"GET", "/api/tokens", viewer, ""},
    {"POST", "/api/tokens", viewer, "token.create"},
    {"DELETE", "/api/tokens/:id", viewer, "token.revoke"},
    // Users.
    {"GET", "/api/users", admin, ""},
    {"POST", "/api/users", admin, "user.create"},
    {"PATCH", "/api/users/:id", admin, "user.update"},
    {"DELETE", "/api/users/:id", admin, "user.remove"},
    {"POST", "/api/users/:id/sign-out", admin, "user.sign_out"},
    // The audit log.
    {"GET", "/api/audit", viewer, ""},
    {"GET", "/api/audit/actions", viewer, ""},
    {"GET", "/api/audit/export", viewer, ""},
    // Datasets and records (step 1, health).
    {"GET", "/api/datasets", viewer, ""},
    {"POST", "/api/datasets", editor, "dataset.create"},
    {"GET", "/api/datasets/:id", viewer, ""},
    {"PATCH", "/api/datasets/:id", editor, "dataset.update"},
    {"DELETE", "/api/datasets/:id", editor, "dataset.delete"},
    {"POST", "/api/datasets/:id/duplicate", editor, "dataset.duplicate"},
    {"GET", "/api/datasets/:id/health", viewer, ""},
    {"POST", "/api/datasets/:id/validate", editor, "dataset.validate"},
    {"POST", "/api/datasets/:id/import", editor, "dataset.import"},
    {"GET", "/api/datasets/:id/export", viewer, ""},
    {"GET", "/api/datasets/:id/jobs", viewer, ""},
    {"GET", "/api/datasets/:id/records", viewer, ""},
    {"GET", "/api/datasets/:id/records/:rid", viewer, ""},
    {"PUT", "/api/datasets/:id/records/:rid", editor, "record.edit"},
    {"DELETE", "/api/datasets/:id/records/:rid", editor, "record.delete"},
    {"POST", "/api/datasets/:id/records/delete", editor, "record.delete_many"},
    {"POST", "/api/datasets/from-traces", editor, "dataset.create_from_traces"},
    {"POST", "/api/datasets/:id/pull-traces", editor, "dataset.pull_traces"},
    // Topics (step 2).
    {"GET", "/api/topic-templates", viewer, ""},
    {"GET", "/api/datasets/:id/topics", viewer, ""},
    {"PUT", "/api/datasets/:id/topics", editor, "topics.save"},
    {"GET", "/api/datasets/:id/topics/export", viewer, ""},
    {"POST", "/api/datasets/:id/topics/discover", editor, "topics.discover"},
    {"POST", "/api/datasets/:id/topics/template", editor, "topics.from_template"},
    {"POST", "/api/datasets/:id/topics/categorize", editor, "topics.categorize"},
    {"POST", "/api/datasets/:id/topics/merge", editor, "topics.merge"},
    {"POST", "/api/datasets/:id/topics/:topic/split", editor, "topics.split"},
    {"PUT", "/api/datasets/:id/records/:rid/topic", editor, "record.set_topic"},
    // Coverage and generation (step 3).
    {"GET", "/api/datasets/:id/coverage", viewer, ""},
    {"POST", "/api/datasets/:id/coverage/skip", editor, "coverage.skip"},
    {"POST", "/api/datasets/:id/generation/plan", editor, "generation.plan"},
    {"POST", "/api/datasets/:id/generation", editor, "generation.start"},
    {"GET", "/api/datasets/:id/generation/runs", viewer, ""},
    {"GET", "/api/generation/runs/:run", viewer, ""},
    {"DELETE", "/api/generation/runs/:run", editor, "generation.discard"},
    {"POST", "/api/generation/runs/:run/accept", editor, "generation.accept"},
    {"GET", "/api/generation/runs/:run/records", viewer, ""},
    {"PUT", "/api/generation/runs/:run/records/:rid", editor, "generation.edit_record"},
    {"DELETE", "/api/generation/runs/:run/records/:rid", editor, "generation.drop_record"},
    // Grader and dry run (steps 4 and 5).
    {"GET", "/api/datasets/:id/grader", viewer, ""},
    {"PUT", "/api/datasets/:id/grader", editor, "grader.save"},
    {"GET", "/api/datasets/:id/grader/openai", viewer, ""},
    {"POST", "/api/datasets/:id/grader/test", editor, "grader.test"},
    {"GET", "/api/datasets/:id/dry-run", viewer, ""},
    {"POST", "/api/datasets/:id/dry-run", editor, "dry_run.start"},
    {"GET", "/api/datasets/:id/dry-run/samples", viewer, ""},
    {"GET", "/api/datasets/:id/dry-run/samples/:index", viewer, ""},
    {"POST", "/api/playground/grade", editor, "playground.grade"},
    // Jobs.
    {"GET", "/api/jobs/:id", viewer, ""},
    {"POST", "/api/jobs/:id/cancel", editor, "job.cancel"},
    // Training (step 6).
    {"GET", "/api/datasets/:id/training", viewer, ""},
    {"POST", "/api/datasets/:id/training", editor, "training.start"},
    {"POST", "/api/datasets/:id/training/preflight", editor, ""},
    {"GET", "/api/training/runs/:run", viewer, ""},
    {"GET", "/api/training/runs/:run/metrics", viewer, ""},
    {"GET", "/api/training/runs/:run/events", viewer, ""},
    {"POST", "/api/training/runs/:run/cancel", editor, "training.cancel"},
    {"POST", "/api/training/runs/:run/token", editor, "training.issue_token"},
    {"GET", "/trainer/runs/:run", trainer_token, ""},
    {"GET", "/trainer/runs/:run/split/:part", trainer_token, ""},
    {"POST", "/trainer/runs/:run/metrics", trainer_token, ""},
    {"POST", "/trainer/runs/:run/rewards", trainer_token, ""},
    // Deployments and benchmarks (step 7).
    {"GET", "/api/deployments", viewer, ""},
    {"POST", "/api/deployments", admin, "deployment.create"},
    {"GET", "/api/deployments/:id", viewer, ""},
    {"PATCH", "/api/deployments/:id", admin, "deployment.update"},
    {"POST", "/api/deployments/:id/promote", admin, "deployment.promote"},
    {"POST", "/api/deployments/:id/rollback", admin, "deployment.rollback"},
    {"GET", "/api/deployments/:id/scores", viewer, ""},
    {"GET", "/api/deployments/:id/timeline", viewer, ""},
    {"GET", "/api/benchmarks", viewer, ""},
    {"POST", "/api/benchmarks", editor, "benchmark.start"},
    {"GET", "/api/benchmarks/:id", viewer, ""},
    {"GET", "/api/benchmarks/:id/samples", viewer, ""},
    // The gateway: traces and keys.
    {"GET", "/api/gateway/status", viewer, ""},
    {"GET", "/api/traces", viewer, ""},
    {"GET", "/api/traces/stats", viewer, ""},
    {"GET", "/api/traces/:id", viewer, ""},
    {"GET", "/api/gateway-keys", viewer, ""},
    {"POST", "/api/gateway-keys", admin, "gateway_key.create"},
    {"DELETE", "/api/gateway-keys/:id", admin, "gateway_key.revoke"},
};

}  // namespace

std::span<const RouteRule> route_rules() { return kRules; }

const RouteRule* find_route_rule(std::string_view method, std::string_view pattern) {
  auto found = std::find_if(std::begin(kRules), std::end(kRules), [&](const RouteRule& rule) {
    return rule.method == method && rule.pattern == pattern;
  });
  return found == std::end(kRules) ? nullptr : found;
}

std::optional<Role> required_role(RouteAccess access) {
  switch (access) {
    case RouteAccess::viewer: return Role::viewer;
    case RouteAccess::editor: return Role::editor;
    case RouteAccess::admin: return Role::admin;
    case RouteAccess::anyone:
    case RouteAccess::trainer_token: return std::nullopt;
  }
  return Role::admin;
}

}  // namespace reinforge::access
