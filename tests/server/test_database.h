// The database engine the server tests run on: SQLite in each test's data
// folder by default, or PostgreSQL when ctest runs them in a *.postgres test.
//
// Those tests depend on the ctest fixture that starts a throw-away
// PostgreSQL cluster on a loopback port (tests/server/postgres_cluster.sh);
// the fixture writes the cluster's URL to a file, and ctest passes that
// file's path in TOKHAI_TEST_POSTGRES_URL_FILE. Each call to
// fresh_database_url() then creates a new, empty schema on the cluster and
// returns a URL whose connections use only it, so tests stay independent of
// each other, also under ctest -j.
#pragma once

#include <string>

namespace tokhai::server::testing {

// True when the tests run against PostgreSQL.
bool testing_postgres();

// A URL for a new, empty database (a schema of its own) under PostgreSQL;
// "" under SQLite (the server then uses its data folder). Throws
// std::runtime_error if the cluster cannot be reached.
std::string fresh_database_url();

}  // namespace tokhai::server::testing
