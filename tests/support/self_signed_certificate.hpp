#pragma once
// A certificate for HTTPS tests, made with the openssl command the way a user would make one.
#include <filesystem>
#include <string>

namespace reinforge::testing {

struct CertificateFiles {
  std::filesystem::path certificate;  // PEM, self-signed, for 127.0.0.1
  std::filesystem::path key;          // PEM, unencrypted
};

// Writes `name`.pem and `name`-key.pem into `dir`; throws when the openssl command fails.
CertificateFiles make_self_signed_certificate(const std::filesystem::path& dir, const std::string& name);

}  // namespace reinforge::testing
