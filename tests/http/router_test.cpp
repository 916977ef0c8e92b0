#include <gtest/gtest.h>

#include "http/router.hpp"

namespace reinforge::http {
namespace {

Handler answer(int status) {
  return [status](Request&) { return Response::json(status, "{}"); };
}

TEST(Router, matches_literal_segments_and_parameters) {
  Router router;
  router.add("GET", "/api/datasets", answer(1));
  router.add("GET", "/api/datasets/:id/records/:rid", answer(2));
  auto match = router.match("GET", "/api/datasets/7/records/42");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.params["id"], "7");
  EXPECT_EQ(match.params["rid"], "42");
  EXPECT_NE(router.match("GET", "/api/datasets/").handler, nullptr);  // a trailing slash is the same path
  EXPECT_EQ(router.match("GET", "/api/datasets/7/records").handler, nullptr);
}

TEST(Router, tells_a_wrong_method_from_a_missing_path) {
  Router router;
  router.add("GET", "/api/datasets", answer(1));
  auto wrong_method = router.match("DELETE", "/api/datasets");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_TRUE(wrong_method.path_exists);
  EXPECT_FALSE(router.match("GET", "/api/nothing").path_exists);
}

TEST(RequestPathId, rejects_what_is_not_a_positive_integer) {
  Request request;
  request.path_params["id"] = "12";
  EXPECT_EQ(request.path_id("id"), 12);
  for (const char* bad : {"abc", "-1", "0", "12x", ""}) {
    request.path_params["id"] = bad;
    EXPECT_THROW(request.path_id("id"), HttpError) << bad;
  }
}

}  // namespace
}  // namespace reinforge::http
