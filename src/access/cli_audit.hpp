#pragma once
// Changes made from the command line (`reinforge users`, `reinforge keys`) go into the same
// audit log as the API's, as by "cli:<login>" via "cli".
#include <string>
#include <string_view>

#include "store/access_store.hpp"

namespace reinforge::access {

void audit_cli_change(store::AccessStore& store, std::string_view action, std::string_view command,
                      const std::string& target_json);

}  // namespace reinforge::access
