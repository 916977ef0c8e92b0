#pragma once
// Where the server sends the key an environment variable holds. A request's own provider block
// (a judge's, a dry run's base model, the openai training backend) names a base URL and a key
// variable; the server reads the variable and sends its value there. A server restricts this to
// what its config already does — each variable to the base URLs of the providers that name it —
// or an editor could send any variable of the server's environment (another provider's key) to
// any host. A command the operator runs on the command line is not restricted.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reinforge::providers {

// The (variable, base URL) pairs a server may send; set once at its start.
void restrict_key_destinations(std::vector<std::pair<std::string, std::string>> allowed);

// Why `variable`'s key may not go to `base_url`; none when it may.
std::optional<std::string> key_destination_problem(const std::string& variable,
                                                   const std::string& base_url);

}  // namespace reinforge::providers
