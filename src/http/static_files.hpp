#pragma once
#include <filesystem>
#include <string>

#include "http/request.hpp"

namespace reinforge::http {

// Serves the built web UI: a file under `web_dir`, or index.html for app routes
// (/optimization/3) so the single-page app handles them. Paths cannot leave `web_dir`.
Response serve_static(const std::filesystem::path& web_dir, const std::string& path);

}  // namespace reinforge::http
