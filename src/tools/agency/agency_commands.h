// What tokhai-agency does, as functions the tests call directly:
//   keygen  a new agency key pair: the secret file (0600) and the public entry
//           to add to the deployment's public-keys file;
//   pull    fetch the agency's new submissions since its cursor, verify each
//           envelope, open its sealed content with the agency's key and write
//           one JSON file per dossier, resuming where it stopped;
//   status  post a dossier's status (with a message where one is required).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/result.h"
#include "tools/agency/agency_client.h"
#include "wire/key_files.h"

namespace tokhai::tools {

// The folder-local file holding the last cursor pulled.
inline constexpr std::string_view kCursorFileName = ".tokhai-cursor";

// Writes a new secret for `code` to `secret_path` (refusing to overwrite) and
// returns the public entry (JSON text, one object of a public-keys file's
// "agencies"). Errors: agency_tool.bad_code, agency_tool.exists, file.write.
core::Result<std::string> keygen(const std::string& code, const std::string& name,
                                 const std::filesystem::path& secret_path);

// Writes a new server secret to `secret_path` (refusing to overwrite) and
// returns the public entry ({"signing_public_key": …}, the "server" member of
// a public-keys file). Errors: agency_tool.exists, file.write.
core::Result<std::string> server_keygen(const std::filesystem::path& secret_path);

struct PullReport {
  std::size_t written = 0;      // <dossier>.json files written
  std::size_t invalid = 0;      // <dossier>.invalid.json: the envelope did not verify or open
  std::size_t attachments = 0;  // photos written in <dossier>.attachments/
  std::uint64_t cursor = 0;
};

// Pulls into `out_dir` (created if needed): for each submission,
// <dossier>.json = {"dossier_code", "submission_id", "received_at", "created_at",
// "form", "applicant_public_key", "assisted_by"?, "attachments", "content"
// (the opened payload: JSON if it is JSON, else "content_base64"), "envelope"
// (the text as received)}; an envelope that does not verify or open goes to
// <dossier>.invalid.json with the reason instead, never silently dropped.
// The attachments of a valid one are written before it, opened with the
// agency's key, one file per index: <dossier>.attachments/0.jpg, 1.png, …
// (named in its "attachments" entries as "file"), each checked against the
// envelope's size and SHA-256 first (agency_tool.bad_answer if not); one that
// does not open (sealed_attachment.*) sends the dossier to .invalid.json. The
// cursor file is written after each page, so a pull cut off resumes there.
// Errors: agency_tool.unreachable, agency_tool.refused (the server's code in
// `where`), agency_tool.bad_answer, file.write.
core::Result<PullReport> pull(AgencyClient& client, const wire::AgencySecret& secret,
                              const std::filesystem::path& out_dir);

// Posts `status` (received, processing, needs_information, completed,
// rejected) with `message` for dossier `dossier`; returns the server's answer
// body. Errors: agency_tool.unreachable, agency_tool.refused.
core::Result<std::string> post_status(AgencyClient& client, const std::string& dossier,
                                      const std::string& status, const std::string& message);

}  // namespace tokhai::tools
