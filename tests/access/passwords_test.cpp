#include "access/passwords.hpp"

#include <gtest/gtest.h>

namespace reinforge::access {
namespace {

TEST(Passwords, AreStoredAsSaltedYescryptAndCheckedAgainstTheirHash) {
  auto first = hash_password("correct horse battery");
  auto second = hash_password("correct horse battery");
  EXPECT_EQ(first.rfind("$y$", 0), 0u) << first;
  EXPECT_EQ(first.find("correct"), std::string::npos);
  EXPECT_NE(first, second) << "each hash has its own salt";
  EXPECT_TRUE(verify_password("correct horse battery", first));
  EXPECT_TRUE(verify_password("correct horse battery", second));
  EXPECT_FALSE(verify_password("correct horse batterY", first));
  EXPECT_FALSE(verify_password("", first));
}

TEST(Passwords, AUserWithoutAPasswordCannotSignInWithAnyPassword) {
  EXPECT_FALSE(verify_password("", ""));
  EXPECT_FALSE(verify_password("anything at all", ""));
}

TEST(Passwords, ShortLongAndNulPasswordsAreRefusedWithAReason) {
  EXPECT_TRUE(password_problem("short"));
  EXPECT_FALSE(password_problem("eight ch"));
  EXPECT_FALSE(password_problem(std::string(511, 'x')));
  EXPECT_TRUE(password_problem(std::string(512, 'x'))) << "libcrypt refuses 512 bytes and more";
  EXPECT_TRUE(verify_password(std::string(511, 'x'), hash_password(std::string(511, 'x'))));
  EXPECT_TRUE(password_problem(std::string("has\0nul!", 8)));
}

TEST(UserNames, AllowLettersDigitsAndAFewMarksOnly) {
  EXPECT_FALSE(user_name_problem("ana.lopez@example.com"));
  EXPECT_FALSE(user_name_problem("on-call_2"));
  EXPECT_TRUE(user_name_problem(""));
  EXPECT_TRUE(user_name_problem("two words"));
  EXPECT_TRUE(user_name_problem("<script>"));
  EXPECT_TRUE(user_name_problem(std::string(65, 'a')));
}

}  // namespace
}  // namespace reinforge::access
