// apply_http_limits: see http_limits.h.
#include "server/http_limits.h"

#include <httplib.h>

namespace tokhai::server {

void apply_http_limits(httplib::Server& server, const HttpLimits& limits) {
  server.set_payload_max_length(limits.payload_max_size_bytes);
  server.set_read_timeout(limits.read_timeout);
  server.set_write_timeout(limits.write_timeout);
  server.set_keep_alive_timeout(limits.keep_alive_timeout.count());
  server.set_keep_alive_max_count(limits.keep_alive_max_requests);
  const std::size_t threads = limits.worker_threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

}  // namespace tokhai::server
