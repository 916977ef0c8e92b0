#include "store/sqlite_record_rows.hpp"

namespace reinforge::store {

Record read_record(const Statement& row) {
  Record record;
  record.id = row.column_int(0);
  record.dataset_id = row.column_int(1);
  record.line = row.column_optional_int(2);
  record.origin = row.column_text(3);
  record.valid = row.column_int(4) != 0;
  record.issues_json = row.column_text(5);
  record.token_count = row.column_int(6);
  record.preview = row.column_text(7);
  record.topic = row.column_optional_text(8);
  record.confidence = row.column_optional_double(9);
  record.trace_id = row.column_optional_text(10);
  record.updated_at = row.column_int(11);
  record.topic_manual = row.column_int(12) != 0;
  return record;
}

}  // namespace reinforge::store
