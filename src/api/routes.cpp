#include "api/routes.hpp"

namespace reinforge::api {

void register_api_routes(http::Router& router, AppContext& context) {
  register_session_routes(router, context);
  register_user_routes(router, context);
  register_audit_routes(router, context);
  register_dataset_routes(router, context);
  register_record_routes(router, context);
  register_import_export_routes(router, context);
  register_job_routes(router, context);
  register_topic_routes(router, context);
  register_topic_edit_routes(router, context);
  register_coverage_routes(router, context);
  register_grader_routes(router, context);
  register_trace_routes(router, context);
  register_gateway_key_routes(router, context);
  register_training_routes(router, context);
  register_deployment_routes(router, context);
  register_benchmark_routes(router, context);
  register_playground_routes(router, context);
  register_generation_routes(router, context);
  register_trainer_routes(router, context);
}

}  // namespace reinforge::api
