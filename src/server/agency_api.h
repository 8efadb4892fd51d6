// AgencyApi: the agencies' side of the server, every request signed with the
// agency's Ed25519 key (wire/agency_request.h; the keys come from the public
// keys file):
//   GET  /api/v1/agency/submissions?after=<cursor>&limit=<1..100, default 50>
//        → {"items":[item…],"next_cursor":n}, only the caller's submissions
//   GET  /api/v1/agency/submissions/{id} → item (404 if not the caller's)
//   GET  /api/v1/agency/submissions/{id}/attachments/{index}
//        → the attachment's bytes as uploaded (application/octet-stream: sealed
//        on the phone, opaque here); 404 not_found unless the submission is
//        the caller's and complete and the index is in its envelope; 400
//        attachment.bad_index
//   POST /api/v1/agency/status/{dossier} {"status":…,"message":…}
//        → {"dossier_code","status","updated_at"} (404 if not the caller's)
// Only complete submissions are listed (attachment_store.h: a submission
// waiting for attachments is not in the SubmissionStore yet).
// item = {"cursor":n,"submission_id","dossier_code","received_at","envelope":"<envelope text>"}
//
// Refusals: 401 agency_auth.missing, agency_auth.malformed,
// agency_auth.unknown_agency, agency_auth.stale, agency_auth.bad_signature,
// agency_auth.replayed (a signature already accepted, by any instance on a
// shared database); 500 internal (the replay ledger failed); 400 agency.bad_query,
// agency.bad_status, agency.message_required, agency.message_too_long,
// agency.bad_body; 413 agency.body_too_large.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/api_reply.h"
#include "server/attachment_store.h"
#include "server/replay_guard.h"
#include "server/submission_store.h"
#include "wire/key_files.h"

namespace tokhai::server {

// A status post's body may not be larger than this.
inline constexpr std::size_t kMaxAgencyStatusBodyBytes = 8 * 1024;

// One request as the agency API needs it.
struct AgencyCall {
  std::string_view method;  // as sent
  std::string_view target;  // path and query as sent (percent-encoded)
  std::string_view body;
  std::optional<std::string_view> authorization;  // the Authorization header
  std::int64_t now_unix = 0;                      // the server's clock
};

class AgencyApi {
 public:
  // `keys`, `store`, `replays` and `attachments` must outlive the API.
  AgencyApi(const wire::PublicKeys& keys, SubmissionStore& store, ReplayLedger& replays,
            AttachmentStore& attachments);

  // GET /api/v1/agency/submissions with the query parameters `after` and
  // `limit` (nullopt when absent).
  ApiReply list(const AgencyCall& call, std::optional<std::string_view> after,
                std::optional<std::string_view> limit);

  // GET /api/v1/agency/submissions/{id}.
  ApiReply fetch(const AgencyCall& call, std::string_view submission_id);

  // GET /api/v1/agency/submissions/{id}/attachments/{index}.
  ApiReply fetch_attachment(const AgencyCall& call, std::string_view submission_id,
                            std::string_view index_text);

  // POST /api/v1/agency/status/{dossier}; `now_at` is the time recorded
  // ("YYYY-MM-DDTHH:MM:SSZ").
  ApiReply post_status(const AgencyCall& call, std::string_view dossier_code,
                       const std::string& now_at);

 private:
  // The caller's agency code, or the 401 refusal.
  struct Caller {
    std::string agency;
    std::optional<ApiReply> refusal;
  };
  Caller authenticate(const AgencyCall& call);

  const wire::PublicKeys& keys_;
  SubmissionStore& store_;
  ReplayLedger& replays_;
  AttachmentStore& attachments_;
};

}  // namespace tokhai::server
