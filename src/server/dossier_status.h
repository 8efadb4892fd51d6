// Dossier statuses: the status lookup (GET /api/v1/status/{dossier}, for the
// citizen) and the agency's status posts. A dossier starts "submitted" when
// it is stored; the agency then posts "received", "processing",
// "needs_information" (with a message saying what is missing), "completed"
// or "rejected" (with the reason). Messages are NFC text of at most
// kMaxStatusMessageBytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/api_reply.h"
#include "server/submission_store.h"

namespace tokhai::server {

inline constexpr std::size_t kMaxStatusMessageBytes = 2000;

// The header that proves the caller filed the dossier: its submission id,
// which only the applicant's phone (and the agency) knows.
inline constexpr std::string_view kSubmissionHeader = "X-Tokhai-Submission";

// True for a status an agency may post.
bool is_agency_status(std::string_view status);

// True for the statuses that need a message.
bool status_needs_message(std::string_view status);

// GET /api/v1/status/{dossier}: the history when `submission_header` (the
// X-Tokhai-Submission value, nullopt when absent) is the dossier's submission
// id; 404 not_found otherwise, whether or not the dossier exists. 200 body:
// {"dossier_code","status","message"?,"updated_at","history":[{"status","message"?,"at"}]}
ApiReply lookup_status(SubmissionStore& store, std::string_view dossier_code,
                       std::optional<std::string_view> submission_header);

}  // namespace tokhai::server
