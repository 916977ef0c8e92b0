#include "support/self_signed_certificate.hpp"

#include <cstdlib>
#include <stdexcept>

namespace reinforge::testing {

CertificateFiles make_self_signed_certificate(const std::filesystem::path& dir,
                                              const std::string& name) {
  CertificateFiles files{dir / (name + ".pem"), dir / (name + "-key.pem")};
  // P-256: made in milliseconds, where an RSA key takes a noticeable part of a second.
  std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
      files.key.string() + "' -out '" + files.certificate.string() + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("cannot make a test certificate (is the openssl command installed?): " +
                             command);
  }
  return files;
}

}  // namespace reinforge::testing
