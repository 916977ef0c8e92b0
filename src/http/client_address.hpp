#pragma once
// The address a request came from. Behind a load balancer every connection comes from the
// balancer, so the sign-in limits (per address) would count all users as one and the audit log
// would name the balancer: when the connection comes from a trusted proxy, the client is the
// nearest X-Forwarded-For hop that is not itself a trusted proxy. Only trusted proxies are
// believed: anyone else could write any X-Forwarded-For to dodge the limits.
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::http {

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace reinforge::http
