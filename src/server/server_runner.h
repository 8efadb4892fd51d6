// The life of a tokhai-server process: check the configuration, open the
// database, listen, serve until SIGINT or SIGTERM, then stop cleanly (the
// HTTP server first, the database after it).
#pragma once

#include "core/result.h"
#include "server/server_config.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

// Process exit codes.
inline constexpr int kExitStopped = 0;    // stopped by SIGINT or SIGTERM
inline constexpr int kExitFailed = 1;     // could not start (database, port), or failed
inline constexpr int kExitBadConfig = 2;  // bad flag, variable or web root

// Runs the server with `config` until SIGINT or SIGTERM and returns the
// process exit code. Once listening it prints exactly one line to stdout,
// "tokhai-server listening on http://HOST:PORT" (IPv6 hosts in brackets).
// Call it before the process starts any thread (see ShutdownSignals).
int run_server(const ServerConfig& config);

// Prints `error` to stderr for an operator, in English then Vietnamese.
void print_error(const Error& error);

}  // namespace tokhai::server
