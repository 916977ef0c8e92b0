#pragma once
// The certificate and key `reinforge serve --tls-cert FILE --tls-key FILE` serves HTTPS with,
// read and checked once at start so a wrong file stops the server before it opens anything.
#include <filesystem>
#include <memory>

namespace boost::asio::ssl {
class context;
}

namespace reinforge::http {

class TlsCredentials {
 public:
  // PEM files: the certificate (its chain after it) and its unencrypted private key. Throws
  // std::runtime_error naming the file and what is wrong: missing or unreadable, not PEM, an
  // encrypted key, or a key that does not belong to the certificate.
  TlsCredentials(const std::filesystem::path& certificate_file,
                 const std::filesystem::path& key_file);
  ~TlsCredentials();
  TlsCredentials(const TlsCredentials&) = delete;
  TlsCredentials& operator=(const TlsCredentials&) = delete;

  // TLS 1.2 or newer, the server's side.
  boost::asio::ssl::context& context() const { return *context_; }

 private:
  std::unique_ptr<boost::asio::ssl::context> context_;
};

}  // namespace reinforge::http
