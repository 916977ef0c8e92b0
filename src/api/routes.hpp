#pragma once
// The admin REST API of docs/api.md, one register_* function per resource file.
#include "api/app_context.hpp"
#include "http/router.hpp"

namespace reinforge::api {

void register_session_routes(http::Router& router, AppContext& context);
void register_user_routes(http::Router& router, AppContext& context);
void register_audit_routes(http::Router& router, AppContext& context);
void register_dataset_routes(http::Router& router, AppContext& context);
void register_record_routes(http::Router& router, AppContext& context);
void register_import_export_routes(http::Router& router, AppContext& context);
void register_job_routes(http::Router& router, AppContext& context);
void register_topic_routes(http::Router& router, AppContext& context);
void register_topic_edit_routes(http::Router& router, AppContext& context);
void register_coverage_routes(http::Router& router, AppContext& context);
void register_grader_routes(http::Router& router, AppContext& context);
void register_trace_routes(http::Router& router, AppContext& context);
void register_gateway_key_routes(http::Router& router, AppContext& context);
void register_training_routes(http::Router& router, AppContext& context);
void register_deployment_routes(http::Router& router, AppContext& context);
void register_benchmark_routes(http::Router& router, AppContext& context);
void register_playground_routes(http::Router& router, AppContext& context);
void register_generation_routes(http::Router& router, AppContext& context);
// The trainer protocol (/trainer/runs/:run/...): a run's token, not a user's.
void register_trainer_routes(http::Router& router, AppContext& context);

// Every route above.
void register_api_routes(http::Router& router, AppContext& context);

}  // namespace reinforge::api
