#include "store/postgres/pg_sql_builder.hpp"

namespace reinforge::store::postgres {

namespace {

std::vector<PgValue> params_of(const SqlBuilder& sql) {
  std::vector<PgValue> params;
  params.reserve(sql.values().size());
  for (const auto& value : sql.values()) {
    std::visit([&](const auto& v) { params.emplace_back(std::in_place_type<std::decay_t<decltype(v)>>, v); },
               value);
  }
  return params;
}

}  // namespace

PgResult exec(PgConnection& connection, const SqlBuilder& sql) {
  return connection.exec(sql.numbered_sql(), params_of(sql));
}

PgResult exec_planned_for_values(PgConnection& connection, const SqlBuilder& sql) {
  return connection.exec_unprepared(sql.numbered_sql(), params_of(sql));
}

}  // namespace reinforge::store::postgres
