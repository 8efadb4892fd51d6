// submission_bench: how many submissions tokhai-server accepts per second on
// this machine, the latency under that load, and the size of a typical birth
// registration as it travels (shell/bench).
//
// It runs the real tokhai-server (release build) as shell/run does: the
// shipped forms, the development keys of config/dev, embedded SQLite in a
// fresh folder, rate limit off. Envelopes are built before the clock starts:
// the answers of tests/forms/ho-tich.khai-sinh/valid.answers.json, deflated
// (wire/filing_payload.h) and sealed to the dev ubnd-xa key, each with a new id and one of 64
// applicant keys. Then --clients threads, each with one keep-alive
// connection, PUT them as fast as the server answers, for --seconds. Every
// answer must be 201 with a receipt; anything else counts as an error.
// The clients share the 2 cores with the server, so the figure is a floor;
// the servers' own CPU time over the run gives what they would accept with
// the cores to themselves (server_capacity_per_second_on_2_cores).
//
//   submission_bench [--seconds S] [--clients C] [--json FILE] [--smoke]
//                    [--db URL] [--instances N] [--nginx]
// --db: the servers store into this PostgreSQL database instead of SQLite;
// --instances: how many servers (several need --db); --nginx: the clients
// go through nginx in front of them (tests/server/nginx_front.h).
// Run from the repository root (it reads forms/ and config/dev/).
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/dates.h"
#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/hash.h"
#include "crypto/signing.h"
#include "nginx_front.h"
#include "server_process.h"
#include "temp_directory.h"
#include "wire/envelope.h"
#include "wire/filing_payload.h"
#include "wire/key_files.h"

namespace {

using namespace tokhai;
using Clock = std::chrono::steady_clock;

struct Options {
  double seconds = 10;
  int clients = 32;
  std::string json_path;
  bool smoke = false;
  std::string database_url;  // "": SQLite
  int instances = 1;
  bool nginx = false;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t index =
      std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()));
  return values[index];
}

}  // namespace

// CPU seconds (user + system, all threads) `pid` has used so far, from
// /proc/<pid>/stat; 0 when it cannot be read.
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  // Fields after the command name, which is in parentheses and may hold spaces.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {  // field 3 is the state
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double servers_cpu_seconds(
    const std::vector<std::unique_ptr<server::testing::ServerProcess>>& servers) {
  double total = 0;
  for (const auto& server : servers) total += cpu_seconds(server->pid());
  return total;
}

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") {
      options.smoke = true;
      options.seconds = 1;
      options.clients = 2;
    } else if (arg == "--seconds" && i + 1 < argc) {
      options.seconds = std::stod(argv[++i]);
    } else if (arg == "--clients" && i + 1 < argc) {
      options.clients = std::stoi(argv[++i]);
    } else if (arg == "--json" && i + 1 < argc) {
      options.json_path = argv[++i];
    } else if (arg == "--db" && i + 1 < argc) {
      options.database_url = argv[++i];
    } else if (arg == "--instances" && i + 1 < argc) {
      options.instances = std::stoi(argv[++i]);
    } else if (arg == "--nginx") {
      options.nginx = true;
    } else {
      std::cerr << "usage: submission_bench [--seconds S] [--clients C] [--json FILE] [--smoke]\n"
                   "                        [--db URL] [--instances N] [--nginx]\n";
      return 2;
    }
  }
  if (options.instances < 1 || (options.instances > 1 && options.database_url.empty())) {
    std::cerr << "submission_bench: several instances need a shared --db\n";
    return 2;
  }

  // The form, its hash, the agency key and the typical answers.
  const std::string form_path = "forms/ho-tich.khai-sinh.json";
  const auto form_text = core::read_text_file(form_path);
  const auto answers_text =
      core::read_text_file("tests/forms/ho-tich.khai-sinh/valid.answers.json");
  const auto keys_text = core::read_text_file("config/dev/public-keys.json");
  if (!form_text || !answers_text || !keys_text) {
    std::cerr << "submission_bench: run from the repository root\n";
    return 2;
  }
  const nlohmann::json form = core::parse_json_text(*form_text);
  const auto keys = wire::parse_public_keys(*keys_text);
  if (!keys || keys.value().agency("ubnd-xa") == nullptr) return 2;
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(*form_text));
  const nlohmann::json answers = core::parse_json_text(*answers_text);
  auto payload = wire::encode_filing_payload(answers);
  if (!payload) return 2;

  wire::EnvelopeContent content;
  content.form = {form["id"].get<std::string>(), form["version"].get<std::string>(),
                  crypto::Bytes(digest.begin(), digest.end())};
  content.created_at = core::format_utc_timestamp(std::time(nullptr));
  content.agency_public_key = keys.value().agency("ubnd-xa")->box_public_key;

  // Envelopes, made before the clock starts: enough for the run at 20,000/s.
  std::vector<crypto::SigningKeyPair> applicants;
  for (int i = 0; i < 64; ++i) applicants.push_back(crypto::generate_signing_key_pair());
  const std::size_t count =
      options.smoke ? 400 : static_cast<std::size_t>(std::max(1.0, options.seconds) * 20000);
  std::vector<std::pair<std::string, std::string>> envelopes;  // id, text
  envelopes.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    content.id = wire::new_submission_id();
    auto envelope =
        wire::build_envelope(content, payload.value(), applicants[i % applicants.size()]);
    if (!envelope) {
      std::cerr << "submission_bench: " << envelope.error().code << "\n";
      return 1;
    }
    envelopes.emplace_back(content.id, wire::envelope_text(envelope.value()));
  }
  const std::size_t envelope_bytes = envelopes.front().second.size();
  const std::size_t sealed_bytes =
      wire::parse_envelope(crypto::as_bytes(envelopes.front().second)).value().sealed_box.size();

  server::testing::TempDirectory folder("tokhai-bench-");
  std::map<std::string, std::string> environment = {
      {"PORT", "0"},
      {"HOST", "127.0.0.1"},
      {"DATA_DIR", (folder.path() / "data").string()},
      {"WEB_ROOT", "web"},
      {"FORMS_DIR", "forms"},
      {"KEYS_FILE", "config/dev/public-keys.json"},
      {"SERVER_SECRET_FILE", "config/dev/secrets/server.secret.json"},
      {"RATE_LIMIT", "0"}};
  if (!options.database_url.empty()) environment["DATABASE_URL"] = options.database_url;
  std::vector<std::unique_ptr<server::testing::ServerProcess>> servers;
  std::vector<int> server_ports;
  for (int i = 0; i < options.instances; ++i) {
    servers.push_back(std::make_unique<server::testing::ServerProcess>(
        std::vector<std::string>{}, environment,
        folder.path() / ("server-" + std::to_string(i) + ".log")));
    const auto server_port = servers.back()->wait_for_port(10000);
    if (!server_port) {
      std::cerr << "submission_bench: the server did not start:\n" << servers.back()->stderr_text();
      return 1;
    }
    server_ports.push_back(*server_port);
  }
  std::unique_ptr<server::testing::NginxFront> front;
  if (options.nginx) {
    front = std::make_unique<server::testing::NginxFront>(folder.path(), server_ports);
  }
  const std::optional<int> port = front ? front->http_port() : server_ports.front();

  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(options.clients);
  std::vector<std::map<int, std::size_t>> statuses(options.clients);
  const double servers_cpu_before = servers_cpu_seconds(servers);
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", *port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30, 0);
      while (!stop.load()) {
        const std::size_t i = next++;
        if (i >= envelopes.size()) break;
        const auto sent = Clock::now();
        auto answer = client.Put("/api/v1/submissions/" + envelopes[i].first, envelopes[i].second,
                                 "application/json");
        latencies[c].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        ++statuses[c][answer ? answer->status : 0];
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  stop = true;
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const double servers_cpu = servers_cpu_seconds(servers) - servers_cpu_before;

  std::vector<double> all;
  std::map<int, std::size_t> by_status;
  for (int c = 0; c < options.clients; ++c) {
    all.insert(all.end(), latencies[c].begin(), latencies[c].end());
    for (const auto& [status, n] : statuses[c]) by_status[status] += n;
  }
  const std::size_t accepted = by_status[201];
  const nlohmann::json report = {
      {"instances", options.instances},
      {"database", options.database_url.empty() ? "sqlite" : "postgresql"},
      {"nginx", options.nginx},
      {"clients", options.clients},
      {"seconds", elapsed},
      {"requests", all.size()},
      {"accepted", accepted},
      {"accepted_per_second", accepted / elapsed},
      {"latency_ms",
       {{"p50", percentile(all, 0.50)},
        {"p99", percentile(all, 0.99)},
        {"max", percentile(all, 1.0)}}},
      {"errors", all.size() - accepted},
      // What the server processes alone spent per accepted submission, and so
      // how many they could accept with both cores to themselves (the clients
      // here share the cores; nginx and PostgreSQL are not counted).
      {"server_cpu_ms_per_submission", accepted ? servers_cpu * 1000 / accepted : 0.0},
      {"server_capacity_per_second_on_2_cores", servers_cpu > 0 ? 2 * accepted / servers_cpu : 0.0},
      {"statuses",
       [&] {
         nlohmann::json s = nlohmann::json::object();
         for (const auto& [status, n] : by_status) s[std::to_string(status)] = n;
         return s;
       }()},
      {"birth_registration",
       {{"answers_bytes", answers.dump().size()},
        {"deflated_bytes", payload.value().size()},
        {"sealed_box_bytes", sealed_bytes},
        {"envelope_bytes", envelope_bytes}}}};
  std::cout << report.dump(2) << "\n";
  if (!options.json_path.empty()) std::ofstream(options.json_path) << report.dump(2) << "\n";
  front.reset();
  for (auto& server : servers) {
    server->send_signal(SIGTERM);
    server->wait_for_exit(10000);
  }
  return accepted > 0 && accepted == all.size() ? 0 : 1;
}
