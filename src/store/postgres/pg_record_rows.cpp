#include "store/postgres/pg_record_rows.hpp"

namespace reinforge::store::postgres {

Record read_record(const PgResult& rows, int row) {
  Record record;
  record.id = rows.int_at(row, 0);
  record.dataset_id = rows.int_at(row, 1);
  record.line = rows.optional_int_at(row, 2);
  record.origin = rows.text_at(row, 3);
  record.valid = rows.bool_at(row, 4);
  record.issues_json = rows.text_at(row, 5);
  record.token_count = rows.int_at(row, 6);
  record.preview = rows.text_at(row, 7);
  record.topic = rows.optional_text_at(row, 8);
  record.confidence = rows.optional_double_at(row, 9);
  record.trace_id = rows.optional_text_at(row, 10);
  record.updated_at = rows.int_at(row, 11);
  record.topic_manual = rows.bool_at(row, 12);
  return record;
}

Record read_record_with_text(const PgResult& rows, int row) {
  Record record = read_record(rows, row);
  record.text = rows.text_at(row, kRecordTextColumn);
  return record;
}


}  // namespace reinforge::store::postgres
