#include "store/transfer/row_checksum.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "store/postgres/pg_copy_rows.hpp"

namespace reinforge::store::transfer {

namespace {

void append_number(std::string& out, char tag, int64_t value) {
  char buffer[24];
  out += tag;
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  out += ';';
}

void append_bytes(std::string& out, char tag, std::string_view bytes) {
  out += tag;
  append_number(out, ':', static_cast<int64_t>(bytes.size()));
  out.append(bytes);
}

}  // namespace

void append_canonical_value(std::string& out, const Value& value, ColumnKind kind) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    out += 'N';
  } else if (const auto* integer = std::get_if<int64_t>(&value)) {
    append_number(out, 'I', *integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    out += 'R';
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, *real).ptr);
    out += ';';
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    if (kind == ColumnKind::text && !postgres::copies_unchanged(*text)) {
      append_bytes(out, 'T', postgres::text_as_copied(*text));
    } else {
      append_bytes(out, 'T', *text);
    }
  } else if (const auto* blob = std::get_if<Blob>(&value)) {
    append_bytes(out, 'B', blob->bytes);
  } else {
    out += 'H';
    for (const auto& [bucket, count] : std::get<LatencyHistogram>(value).buckets()) {
      append_number(out, ',', bucket);
      append_number(out, ':', static_cast<int64_t>(count));
    }
    out += ';';
  }
}

// One EVP context for every row of the table, SHA-256 fetched once (OpenSSL 3 looks the
// algorithm up again at each init otherwise).
struct TableChecksum::Hasher {
  Hasher() : context(EVP_MD_CTX_new()) {
    if (!context || !sha256()) throw std::runtime_error("OpenSSL has no SHA-256");
  }
  ~Hasher() { EVP_MD_CTX_free(context); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  static const EVP_MD* sha256() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
  }
  std::array<unsigned char, 32> digest(std::string_view bytes) {
    std::array<unsigned char, 32> out{};
    unsigned int length = 0;
    if (EVP_DigestInit_ex(context, sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context, bytes.data(), bytes.size()) != 1 ||
        EVP_DigestFinal_ex(context, out.data(), &length) != 1) {
      throw std::runtime_error("SHA-256 failed");
    }
    return out;
  }

  EVP_MD_CTX* context;
};

TableChecksum::TableChecksum() : hasher_(std::make_unique<Hasher>()) {}
TableChecksum::~TableChecksum() = default;
TableChecksum::TableChecksum(TableChecksum&&) noexcept = default;
TableChecksum& TableChecksum::operator=(TableChecksum&&) noexcept = default;

void TableChecksum::add(const Row& row, std::span<const ColumnPlan> columns) {
  canonical_.clear();
  for (std::size_t i = 0; i < row.size(); ++i)
    append_canonical_value(canonical_, row[i], columns[i].kind);
  auto digest = hasher_->digest(canonical_);
  // Add the digest, read as a big-endian 256-bit number, to the sum.
  unsigned carry = 0;
  for (int word = 3; word >= 0; --word) {
    uint64_t part = 0;
    for (int byte = 0; byte < 8; ++byte)
      part = (part << 8) | digest[static_cast<std::size_t>(word * 8 + byte)];
    uint64_t& total = sum_[static_cast<std::size_t>(word)];
    uint64_t before = total;
    total += part + carry;
    carry = (total < before || (carry && total == before)) ? 1 : 0;
  }
  ++rows_;
}

std::string TableChecksum::hex() const {
  std::string text;
  char buffer[17];
  for (uint64_t word : sum_) {
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(word));
    text += buffer;
  }
  return text;
}

}  // namespace reinforge::store::transfer
