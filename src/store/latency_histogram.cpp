#include "store/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace reinforge::store {

namespace {

void put_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

bool get_varint(std::string_view& in, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

}  // namespace

int LatencyHistogram::bucket_of(double latency_ms) {
  if (!(latency_ms > kSmallestMs)) return 0;  // NaN and negatives too
  double steps = std::log(latency_ms / kSmallestMs) / std::log(kGrowth);
  return static_cast<int>(std::min<double>(kBuckets - 1, 1 + std::floor(steps)));
}

double LatencyHistogram::middle_of(int bucket) {
  if (bucket <= 0) return kSmallestMs;
  return kSmallestMs * std::pow(kGrowth, bucket - 0.5);
}

void LatencyHistogram::add(double latency_ms, uint64_t count) {
  add_to_bucket(bucket_of(latency_ms), count);
}

void LatencyHistogram::add_to_bucket(int bucket_number, uint64_t count) {
  if (count == 0) return;
  auto bucket = static_cast<uint16_t>(std::clamp(bucket_number, 0, kBuckets - 1));
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), bucket,
                             [](const auto& entry, uint16_t b) { return entry.first < b; });
  if (it != buckets_.end() && it->first == bucket) {
    it->second += count;
  } else {
    buckets_.insert(it, {bucket, count});
  }
  count_ += count;
}

void LatencyHistogram::add(const LatencyHistogram& other) {
  std::vector<std::pair<uint16_t, uint64_t>> merged;
  merged.reserve(buckets_.size() + other.buckets_.size());
  auto a = buckets_.begin();
  auto b = other.buckets_.begin();
  while (a != buckets_.end() || b != other.buckets_.end()) {
    if (b == other.buckets_.end() || (a != buckets_.end() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == buckets_.end() || b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a;
      ++b;
    }
  }
  buckets_ = std::move(merged);
  count_ += other.count_;
}

double LatencyHistogram::percentile(double fraction) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<uint64_t>(std::ceil(fraction * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (const auto& [bucket, count] : buckets_) {
    seen += count;
    if (seen >= rank) return middle_of(bucket);
  }
  return middle_of(buckets_.back().first);
}

std::string LatencyHistogram::encode() const {
  std::string out;
  put_varint(out, buckets_.size());
  int previous = 0;
  for (const auto& [bucket, count] : buckets_) {
    put_varint(out, static_cast<uint64_t>(bucket - previous));
    put_varint(out, count);
    previous = bucket;
  }
  return out;
}

std::optional<LatencyHistogram> LatencyHistogram::decode(std::string_view bytes) {
  LatencyHistogram histogram;
  uint64_t used = 0;
  if (!get_varint(bytes, used) || used > static_cast<uint64_t>(kBuckets)) return std::nullopt;
  histogram.buckets_.reserve(used);
  uint64_t bucket = 0;
  for (uint64_t i = 0; i < used; ++i) {
    uint64_t step = 0, count = 0;
    if (!get_varint(bytes, step) || !get_varint(bytes, count)) return std::nullopt;
    if ((i > 0 && step == 0) || count == 0) return std::nullopt;
    bucket += step;
    if (bucket >= static_cast<uint64_t>(kBuckets)) return std::nullopt;
    histogram.buckets_.emplace_back(static_cast<uint16_t>(bucket), count);
    histogram.count_ += count;
  }
  if (!bytes.empty()) return std::nullopt;
  return histogram;
}

}  // namespace reinforge::store
