// tokhai-server: the backend executable. Reads the configuration from the
// environment and the command line, then hands over to run_server().
#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

#include "server/server_config.h"
#include "server/server_runner.h"

int main(int argc, char** argv) {
  using namespace tokhai::server;
  try {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    auto invocation = parse_server_invocation(args, process_environment());
    if (!invocation) {
      print_error(invocation.error());
      std::fputs(
          "Run tokhai-server --help for usage. / Chạy tokhai-server --help để xem cách dùng.\n",
          stderr);
      return kExitBadConfig;
    }
    if (invocation.value().help_requested) {
      std::fputs(server_usage_text().c_str(), stdout);
      return 0;
    }
    return run_server(invocation.value().config);
  } catch (const std::exception& failure) {  // out of memory or a library bug: report, not abort
    std::fprintf(stderr, "tokhai-server: fatal: %s\n", failure.what());
    return kExitFailed;
  }
}
