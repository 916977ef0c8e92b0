#include <gtest/gtest.h>

#include "gateway/request_inspector.hpp"

using namespace reinforge::gateway;

TEST(RequestInspector, ReadsModelStreamAndUsageOption) {
  std::string error;
  auto inspected = inspect_request(
      R"({"messages":[{"role":"user","content":"{\"model\":\"no\"}"}],"model" : "gpt-4o","stream":true,"stream_options":{"include_usage":true}})",
      error);
  ASSERT_TRUE(inspected) << error;
  EXPECT_EQ(inspected->model, "gpt-4o");
  EXPECT_TRUE(inspected->stream);
  EXPECT_TRUE(inspected->include_usage);
  auto plain = inspect_request(R"({"model":"m","messages":[]})", error);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->stream);
}

TEST(RequestInspector, SwapsOnlyTheModelBytes) {
  std::string body = R"({ "temperature": 0.25, "model":  "public-name" , "extra": {"keep": [1, 2.50]} })";
  std::string error;
  auto inspected = inspect_request(body, error);
  ASSERT_TRUE(inspected);
  EXPECT_EQ(body_with_model(body, *inspected, "up\"stream"),
            R"({ "temperature": 0.25, "model":  "up\"stream" , "extra": {"keep": [1, 2.50]} })");
}

TEST(RequestInspector, RefusesBodiesWithoutAModel) {
  std::string error;
  EXPECT_FALSE(inspect_request(R"({"messages":[]})", error));
  EXPECT_NE(error.find("model"), std::string::npos);
  EXPECT_FALSE(inspect_request("not json", error));
  EXPECT_FALSE(inspect_request(R"({"model": 5})", error));
}
