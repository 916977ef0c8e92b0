#pragma once
// Which active deployments cannot stand beside each other (docs/deployment.md): one rule for
// both store backends, checked inside the transaction that creates a deployment.
#include <optional>
#include <string>

#include "store/deployment_types.hpp"

namespace reinforge::store {

// The model name whose calls a deployment answers: its endpoint in endpoint mode, else the base
// model whose traffic it takes (replace, A/B).
const std::string& answered_name(const Deployment& deployment);

// Why `wanted` cannot become active while `other` is (only its id, mode, base model and
// endpoint are read), in words; none when they can stand together. Two deployments cannot answer
// one name, and an endpoint cannot take the name of a model another deployment starts from
// (that model's callers would reach the tuned model).
std::optional<std::string> deployment_conflict(const Deployment& other, const Deployment& wanted);

}  // namespace reinforge::store
