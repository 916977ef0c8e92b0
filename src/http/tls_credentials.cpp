#include "http/tls_credentials.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace reinforge::http {

namespace {

namespace ssl = boost::asio::ssl;

// OpenSSL's reason for the last failure, where no better message is known.
std::string openssl_reason() {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  const char* reason = ERR_reason_error_string(code);
  return reason ? reason : "OpenSSL error " + std::to_string(code);
}

// Checked before OpenSSL reads it, which would only say "system lib".
void require_readable(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file);
  if (!in)
    throw std::runtime_error(std::string("cannot read the TLS ") + what + " " + file.string() +
                             ": " + std::strerror(errno));
  if (std::filesystem::is_directory(file))
    throw std::runtime_error(std::string("the TLS ") + what + " " + file.string() +
                             " is a directory, not a PEM file");
}

struct FreeKey {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

// No passphrase: an encrypted key fails to read instead of OpenSSL asking on the terminal.
std::unique_ptr<EVP_PKEY, FreeKey> read_private_key(const std::filesystem::path& file) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "r"), &BIO_free);
  if (!bio) return nullptr;
  auto no_passphrase = [](char*, int, int, void*) { return 0; };
  return std::unique_ptr<EVP_PKEY, FreeKey>(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
}

}  // namespace

TlsCredentials::TlsCredentials(const std::filesystem::path& certificate_file,
                               const std::filesystem::path& key_file)
    : context_(std::make_unique<ssl::context>(ssl::context::tls_server)) {
  require_readable(certificate_file, "certificate");
  require_readable(key_file, "key");
  SSL_CTX* native = context_->native_handle();
  // TLS 1.0 and 1.1 are deprecated (RFC 8996).
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  context_->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                        ssl::context::single_dh_use);
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(native, certificate_file.c_str()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("the TLS certificate " + certificate_file.string() +
                             " is not a PEM certificate (a file that starts with "
                             "-----BEGIN CERTIFICATE-----, the chain's certificates after it)");
  }
  auto key = read_private_key(key_file);
  if (!key) {
    ERR_clear_error();
    throw std::runtime_error(
        "the TLS key " + key_file.string() +
        " is not an unencrypted PEM private key (a file that starts with "
        "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----; decrypt an "
        "encrypted one with `openssl pkey -in KEY -out PLAIN_KEY`)");
  }
  // Compared here rather than left to SSL_CTX_use_PrivateKey, whose refusal of a key of
  // another type or another certificate reads like a broken file.
  if (X509_check_private_key(SSL_CTX_get0_certificate(native), key.get()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("the TLS key " + key_file.string() +
                             " does not belong to the certificate " + certificate_file.string() +
                             ": give the key the certificate was made for");
  }
  if (SSL_CTX_use_PrivateKey(native, key.get()) != 1) {
    throw std::runtime_error("the TLS key " + key_file.string() +
                             " cannot be used: " + openssl_reason());
  }
}

TlsCredentials::~TlsCredentials() = default;

}  // namespace reinforge::http
