#pragma once
// Unit vectors shaped like sentence embeddings, for the near-duplicate benchmark: a dataset
// clustered at two levels (a few dozen broad subjects, thousands of intents around them, records
// spread around each intent with a spread of their own, and a small share of records that are
// near copies of others, as real datasets have), and a batch of new records with known answers —
// planted near duplicates of dataset records (cosine 0.92–0.995), planted near duplicates of
// earlier records of the same batch, hard negatives (cosine 0.80–0.90 to a dataset record) and
// fresh records drawn like the dataset's.
#include <cstdint>
#include <vector>

#include "topics/sparse_rows.hpp"

namespace reinforge::bench {

struct EmbeddingShape {
  int dimensions = 128;
  int subjects = 64;
  int intents = 4000;
  double dataset_copies = 0.02;  // share of dataset records that near-copy an earlier one
  uint64_t seed = 2026;
};

enum class QueryKind { fresh, duplicate_of_dataset, duplicate_in_batch, hard_negative };
const char* to_string(QueryKind kind);

struct QueryBatch {
  topics::RowMatrix vectors;
  std::vector<QueryKind> kinds;
  // The planted partner: a dataset row, or for duplicate_in_batch an earlier query row; -1 else.
  std::vector<int64_t> partner;
  std::vector<float> planted_cosine;  // to the partner; 0 when there is none
};

struct SyntheticEmbeddings {
  topics::RowMatrix dataset;
  QueryBatch queries;
};

// `queries` splits 20% dataset duplicates, 5% in-batch duplicates, 10% hard negatives, the
// rest fresh; each in-batch duplicate comes after its original in the batch.
SyntheticEmbeddings make_synthetic_embeddings(std::size_t records, std::size_t queries,
                                              const EmbeddingShape& shape, unsigned threads);

}  // namespace reinforge::bench
