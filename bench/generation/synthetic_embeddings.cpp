#include "synthetic_embeddings.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "topics/parallel_rows.hpp"

namespace reinforge::bench {

namespace {

using topics::RowMatrix;
using Row = Eigen::Matrix<float, 1, Eigen::Dynamic>;

Row random_unit(int dimensions, std::mt19937_64& random) {
  std::normal_distribution<float> normal;
  Row row(dimensions);
  for (int i = 0; i < dimensions; ++i) row[i] = normal(random);
  return row.normalized();
}

// `base` moved by `spread` in a random direction: cosine to base ≈ 1/√(1 + spread²).
Row around(const Row& base, float spread, std::mt19937_64& random) {
  return (base + spread * random_unit(static_cast<int>(base.size()), random)).normalized();
}

// A unit vector at exactly `cosine` to the unit `base`.
Row at_cosine(const Row& base, float cosine, std::mt19937_64& random) {
  Row direction = random_unit(static_cast<int>(base.size()), random);
  direction -= direction.dot(base) * base;
  direction.normalize();
  return cosine * base + std::sqrt(1 - cosine * cosine) * direction;
}

struct Intents {
  RowMatrix centres;
  std::vector<float> spread;             // of its records around the centre
  std::discrete_distribution<int> pick;  // some intents are much more common than others
};

Intents make_intents(const EmbeddingShape& shape, std::mt19937_64& random) {
  Intents intents;
  RowMatrix subjects(shape.subjects, shape.dimensions);
  for (int s = 0; s < shape.subjects; ++s) subjects.row(s) = random_unit(shape.dimensions, random);
  intents.centres.resize(shape.intents, shape.dimensions);
  std::uniform_int_distribution<int> subject(0, shape.subjects - 1);
  std::uniform_real_distribution<float> spread(0.6f, 1.0f);
  std::vector<double> weights;
  for (int i = 0; i < shape.intents; ++i) {
    // ~0.55 to its subject: intents of one subject are related, not interchangeable.
    intents.centres.row(i) = around(subjects.row(subject(random)), 1.5f, random);
    // Records of an intent are at 0.5–0.74 to each other: similar, rarely near duplicates.
    intents.spread.push_back(spread(random));
    weights.push_back(1.0 / std::sqrt(i + 1.0));
  }
  intents.pick = std::discrete_distribution<int>(weights.begin(), weights.end());
  return intents;
}

Row draw_record(Intents& intents, std::mt19937_64& random) {
  int intent = intents.pick(random);
  return around(intents.centres.row(intent), intents.spread[static_cast<std::size_t>(intent)],
                random);
}

}  // namespace

const char* to_string(QueryKind kind) {
  switch (kind) {
    case QueryKind::fresh:
      return "fresh";
    case QueryKind::duplicate_of_dataset:
      return "duplicate_of_dataset";
    case QueryKind::duplicate_in_batch:
      return "duplicate_in_batch";
    case QueryKind::hard_negative:
      return "hard_negative";
  }
  return "fresh";
}

SyntheticEmbeddings make_synthetic_embeddings(std::size_t records, std::size_t queries,
                                              const EmbeddingShape& shape, unsigned threads) {
  std::mt19937_64 random(shape.seed);
  auto intents = make_intents(shape, random);
  SyntheticEmbeddings out;
  out.dataset.resize(static_cast<Eigen::Index>(records), shape.dimensions);
  constexpr std::size_t block = 4096;
  topics::parallel_rows(
      (records + block - 1) / block, threads, [&](std::size_t begin, std::size_t end, unsigned) {
        auto local_intents = intents;  // the distribution object keeps state
        std::uniform_real_distribution<double> chance(0, 1);
        std::uniform_real_distribution<float> copy_cosine(0.90f, 0.995f);
        for (std::size_t b = begin; b < end; ++b) {
          std::mt19937_64 rows_random(shape.seed * 1000003 + b);
          std::size_t first = b * block;
          std::size_t last = std::min(records, first + block);
          for (std::size_t row = first; row < last; ++row) {
            auto r = static_cast<Eigen::Index>(row);
            if (row > first && chance(rows_random) < shape.dataset_copies) {
              // Copies stay inside the block so each thread only reads rows it wrote.
              std::uniform_int_distribution<std::size_t> earlier(first, row - 1);
              out.dataset.row(r) =
                  at_cosine(out.dataset.row(static_cast<Eigen::Index>(earlier(rows_random))),
                            copy_cosine(rows_random), rows_random);
            } else {
              out.dataset.row(r) = draw_record(local_intents, rows_random);
            }
          }
        }
      });

  // The batch: kinds in a random order, then each in-batch duplicate after its original.
  auto count_of = [&](double share) { return static_cast<std::size_t>(share * queries); };
  std::size_t in_batch = count_of(0.05);
  std::vector<QueryKind> order;
  order.insert(order.end(), count_of(0.20), QueryKind::duplicate_of_dataset);
  order.insert(order.end(), count_of(0.10), QueryKind::hard_negative);
  order.resize(queries - in_batch, QueryKind::fresh);
  std::shuffle(order.begin(), order.end(), random);
  std::vector<std::size_t> fresh_positions;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == QueryKind::fresh) fresh_positions.push_back(i);
  }
  std::vector<std::vector<std::size_t>> copies_after(order.size());  // original position → copies
  std::uniform_int_distribution<std::size_t> any_fresh(0, fresh_positions.size() - 1);
  for (std::size_t c = 0; c < in_batch; ++c) {
    std::size_t original = fresh_positions[any_fresh(random)];
    std::uniform_int_distribution<std::size_t> later(original, order.size() - 1);
    copies_after[later(random)].push_back(original);
  }

  auto& batch = out.queries;
  batch.vectors.resize(static_cast<Eigen::Index>(queries), shape.dimensions);
  std::vector<int64_t> row_of_position(order.size(), -1);
  std::uniform_int_distribution<Eigen::Index> any_record(0, static_cast<Eigen::Index>(records) - 1);
  std::uniform_real_distribution<float> duplicate_cosine(0.92f, 0.995f);
  std::uniform_real_distribution<float> negative_cosine(0.80f, 0.90f);
  auto push = [&](QueryKind kind, const Row& vector, int64_t partner, float cosine) {
    auto row = static_cast<Eigen::Index>(batch.kinds.size());
    batch.vectors.row(row) = vector;
    batch.kinds.push_back(kind);
    batch.partner.push_back(partner);
    batch.planted_cosine.push_back(cosine);
    return static_cast<int64_t>(row);
  };
  for (std::size_t position = 0; position < order.size(); ++position) {
    auto kind = order[position];
    if (kind == QueryKind::fresh) {
      row_of_position[position] = push(kind, draw_record(intents, random), -1, 0);
    } else {
      Eigen::Index partner = any_record(random);
      float cosine = kind == QueryKind::duplicate_of_dataset ? duplicate_cosine(random)
                                                             : negative_cosine(random);
      row_of_position[position] =
          push(kind, at_cosine(out.dataset.row(partner), cosine, random), partner, cosine);
    }
    for (auto original : copies_after[position]) {
      auto original_row = row_of_position[original];
      float cosine = duplicate_cosine(random);
      push(QueryKind::duplicate_in_batch,
           at_cosine(batch.vectors.row(static_cast<Eigen::Index>(original_row)), cosine, random),
           original_row, cosine);
    }
  }
  return out;
}

}  // namespace reinforge::bench
