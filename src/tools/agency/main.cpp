// tokhai-agency: the receiving agency's command-line tool (DESIGN.md §6).
//
//   tokhai-agency keygen --agency CODE --name NAME --out FILE
//       A new key pair: the secret to FILE (mode 0600, never overwritten); the
//       public entry for the deployment's public-keys file on stdout.
//   tokhai-agency server-keygen --out FILE
//       A new key pair for the server's receipts (an operator's step, here so
//       that all key files come from one tool): the secret to FILE (0600), the
//       public "server" member of the public-keys file on stdout.
//   tokhai-agency pull --server URL --key FILE --out DIR
//       Fetches the agency's new submissions, verifies and opens each with the
//       agency's key, writes DIR/<dossier>.json (or <dossier>.invalid.json
//       with the reason) and its attachments, opened, to
//       DIR/<dossier>.attachments/<index>.jpg (.png, .pdf), and remembers where it stopped
//       (DIR/.tokhai-cursor).
//   tokhai-agency status --server URL --key FILE --dossier CODE --status STATUS
//                        [--message TEXT]
//       Posts a status: received, processing, needs_information (message
//       required), completed, rejected (message required).
// Exit: 0 done; 1 failed (the reason on stderr, Vietnamese then English);
// 2 usage; 3 pull finished but some envelopes did not verify or open.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/text_file.h"
#include "tools/agency/agency_commands.h"
#include "wire/receipt.h"

namespace {

using namespace tokhai;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSomeInvalid = 3;

int usage() {
  std::cerr << "usage: tokhai-agency keygen --agency CODE --name NAME --out FILE\n"
               "       tokhai-agency server-keygen --out FILE\n"
               "       tokhai-agency pull --server URL --key FILE --out DIR\n"
               "       tokhai-agency status --server URL --key FILE --dossier CODE "
               "--status STATUS [--message TEXT]\n";
  return kExitUsage;
}

int failed(const core::Error& error) {
  std::cerr << "tokhai-agency: " << error.message.vi << " / " << error.message.en << " ["
            << error.code << (error.where.empty() ? "" : " " + error.where) << "]\n";
  return kExitFailed;
}

// --flag value pairs; false when an argument is not one or is repeated.
bool read_flags(const std::vector<std::string>& args, std::map<std::string, std::string>& flags) {
  for (std::size_t i = 1; i < args.size(); i += 2) {
    if (!args[i].starts_with("--") || i + 1 >= args.size()) return false;
    if (!flags.emplace(args[i].substr(2), args[i + 1]).second) return false;
  }
  return true;
}

core::Result<wire::AgencySecret> load_secret(const std::string& path) {
  const auto text = core::read_text_file(path);
  if (!text) {
    return core::Error{
        "file.read", {"Không đọc được tệp khoá.", "Cannot read the key file."}, path};
  }
  return wire::parse_agency_secret(*text);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::map<std::string, std::string> flags;
  if (args.empty() || !read_flags(args, flags)) return usage();
  const auto flag = [&](const std::string& name) {
    const auto found = flags.find(name);
    return found == flags.end() ? std::string() : found->second;
  };
  const std::string& command = args[0];

  if (command == "keygen") {
    if (flag("agency").empty() || flag("name").empty() || flag("out").empty()) return usage();
    auto entry = tools::keygen(flag("agency"), flag("name"), flag("out"));
    if (!entry) return failed(entry.error());
    std::cout << entry.value();
    return 0;
  }
  if (command == "server-keygen") {
    if (flag("out").empty()) return usage();
    auto entry = tools::server_keygen(flag("out"));
    if (!entry) return failed(entry.error());
    std::cout << entry.value();
    return 0;
  }
  if (command != "pull" && command != "status") return usage();
  if (flag("server").empty() || flag("key").empty()) return usage();
  auto secret = load_secret(flag("key"));
  if (!secret) return failed(secret.error());
  auto client = tools::AgencyClient::connect(flag("server"), secret.value());
  if (!client) return failed(client.error());

  if (command == "pull") {
    if (flag("out").empty()) return usage();
    auto report = tools::pull(client.value(), secret.value(), flag("out"));
    if (!report) return failed(report.error());
    std::cout << "{\"written\":" << report.value().written
              << ",\"invalid\":" << report.value().invalid
              << ",\"attachments\":" << report.value().attachments
              << ",\"cursor\":" << report.value().cursor << "}\n";
    if (report.value().invalid > 0) {
      std::cerr << "tokhai-agency: có hồ sơ không xác minh được, xem các tệp .invalid.json / "
                   "some submissions did not verify, see the .invalid.json files\n";
      return kExitSomeInvalid;
    }
    return 0;
  }
  if (!wire::is_dossier_code(flag("dossier")) || flag("status").empty()) return usage();
  auto answer =
      tools::post_status(client.value(), flag("dossier"), flag("status"), flag("message"));
  if (!answer) return failed(answer.error());
  std::cout << answer.value() << "\n";
  return 0;
}
