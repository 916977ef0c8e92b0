#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace reinforge::http {
namespace {

const std::vector<std::string> kBalancers = {"127.0.0.1", "10.0.0.2"};

TEST(ClientAddress, AConnectionFromAnUntrustedPeerIsThatPeerWhateverItWrites) {
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", kBalancers), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
}

TEST(ClientAddress, BehindATrustedProxyTheClientIsTheNearestHopNotOurs) {
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", kBalancers), "198.51.100.1");
  // Two of our proxies in a row (10.0.0.2 in front of 127.0.0.1).
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, 10.0.0.2", kBalancers), "198.51.100.1");
  // What the client wrote itself comes before its real address and is not believed.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.1", kBalancers), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", " 2001:db8::1 ", kBalancers), "2001:db8::1");
}

TEST(ClientAddress, NothingUsableFallsBackToThePeer) {
  EXPECT_EQ(client_address("127.0.0.1", "", kBalancers), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", " , ,", kBalancers), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.2", kBalancers), "127.0.0.1");
}

}  // namespace
}  // namespace reinforge::http
