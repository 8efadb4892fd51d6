// testing_postgres and fresh_database_url (see test_database.h).
#include "test_database.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "crypto/random.h"
#include "server/postgres_connection.h"

namespace tokhai::server::testing {
namespace {

// The cluster's URL from the fixture's file, or "" when not set.
std::string cluster_url() {
  const char* file = std::getenv("TOKHAI_TEST_POSTGRES_URL_FILE");
  if (file == nullptr || *file == '\0') return {};
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    throw std::runtime_error(std::string("no PostgreSQL URL in ") + file +
                             " (did the postgres.start fixture run?)");
  }
  return url;
}

}  // namespace

bool testing_postgres() { return !cluster_url().empty(); }

std::string fresh_database_url() {
  const std::string url = cluster_url();
  if (url.empty()) return {};
  auto connection = PostgresConnection::connect(url);
  if (!connection) throw std::runtime_error(connection.error().message.en);
  const std::string schema = "test_" + crypto::random_hex_id(8);
  auto created = connection.value().execute("CREATE SCHEMA " + schema);
  if (!created) throw std::runtime_error(created.error().message.en);
  // libpq's options parameter, percent-encoded: "-c search_path=<schema>".
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
         schema;
}

}  // namespace tokhai::server::testing
